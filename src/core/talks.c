#include "core/talks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "core/talk_rules.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static const char *const manager_roles[] = {"party_admin", "discipline", "branch_secretary", NULL};

/* Records, lists and counts talks on path. */
static bool is_manager(const struct dj_actor *a, const char *path)
{
    if (actor_is_system(a))
        return true;
    for (int i = 0; manager_roles[i]; i++)
        if (authz_has_role(a, manager_roles[i], path, 0))
            return true;
    return false;
}

/* The widest subtree of the actor's manager grants in its bureau, NULL for none. */
static const char *manager_scope(const struct dj_actor *a)
{
    const char *best = NULL;
    if (a->user.disabled || a->user.bureau_suspended)
        return NULL;
    for (int i = 0; i < a->user.nroles; i++) {
        const struct dj_role_grant *g = &a->user.roles[i];
        bool managing = false;
        for (int r = 0; manager_roles[r]; r++)
            managing |= !strcmp(g->role, manager_roles[r]);
        if (managing && (!best || strlen(g->org_path) < strlen(best)))
            best = g->org_path;
    }
    return best;
}

static int64_t actor_bureau(const struct dj_actor *a)
{
    return a->user.bureau_id;
}

static void root_path(int64_t bureau_id, char out[32])
{
    snprintf(out, 32, "/%lld/", (long long)bureau_id);
}

/* ---- settings ---- */

static json_t *settings_json(const struct dj_talk_settings *s)
{
    json_t *roles = json_array(), *kinds = json_array(), *builtin = json_array();
    char buf[sizeof s->kinds];
    snprintf(buf, sizeof buf, "%s", s->content_roles);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        if (*tok)
            json_array_append_new(roles, json_string(tok));
    snprintf(buf, sizeof buf, "%s", s->kinds);
    for (char *save = NULL, *tok = strtok_r(buf, "\n", &save); tok; tok = strtok_r(NULL, "\n", &save))
        if (*tok)
            json_array_append_new(kinds, json_string(tok));
    for (int i = 0; talk_builtin_kinds[i]; i++)
        json_array_append_new(builtin, json_string(talk_builtin_kinds[i]));
    return json_pack("{s:o, s:i, s:i, s:o, s:o, s:s?}", "content_roles", roles, "due_days",
                     s->due_days, "absence_months", s->absence_months, "kinds", kinds,
                     "builtin_kinds", builtin, "updated_at", s->stored ? s->updated_at : NULL);
}

int talks_settings_get(struct dj_db *db, const struct dj_actor *actor, json_t **out,
                       struct dj_err *err)
{
    char bp[32];
    root_path(actor_bureau(actor), bp);
    if (!actor_bureau(actor) || !manager_scope(actor))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看谈心谈话设置");
    struct dj_talk_settings s;
    int rc = store_talk_settings_get(db, actor_bureau(actor), &s, err);
    if (rc)
        return rc;
    *out = settings_json(&s);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int talks_settings_put(struct dj_db *db, const struct dj_actor *actor,
                       const struct talk_settings_input *in, json_t **out, struct dj_err *err)
{
    char bp[32];
    root_path(actor_bureau(actor), bp);
    if (!actor_bureau(actor) ||
        !(authz_has_role(actor, "party_admin", bp, 0) || authz_has_role(actor, "discipline", bp, 0)))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委或纪检可以修改谈心谈话设置");
    struct dj_talk_settings s, before;
    int rc = store_talk_settings_get(db, actor_bureau(actor), &s, err);
    if (rc)
        return rc;
    before = s;
    if (in->content_roles) {
        char buf[sizeof s.content_roles];
        if (strlen(in->content_roles) >= sizeof buf)
            return dj_err_field(err, "content_roles", "角色过多");
        snprintf(buf, sizeof buf, "%s", in->content_roles);
        for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save))
            if (!authz_role_valid(tok))
                dj_err_field(err, "content_roles", "未知的角色：%s", tok);
        snprintf(s.content_roles, sizeof s.content_roles, "%s", in->content_roles);
    }
    if (in->due_days)
        s.due_days = in->due_days;
    if (in->absence_months)
        s.absence_months = in->absence_months;
    if (s.due_days < 1 || s.due_days > 365)
        dj_err_field(err, "due_days", "应为 1 至 365 天");
    if (s.absence_months < 1 || s.absence_months > 24)
        dj_err_field(err, "absence_months", "应为 1 至 24 个月");
    if (in->kinds) {
        if (strlen(in->kinds) >= sizeof s.kinds)
            return dj_err_field(err, "kinds", "谈话类型过多");
        snprintf(s.kinds, sizeof s.kinds, "%s", in->kinds);
    }
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    json_t *b = settings_json(&before), *a = settings_json(&s);
    if (!b || !a) {
        json_decref(b);
        json_decref(a);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    if (!(rc = db_begin_write(db, err))) {
        if ((rc = store_talk_settings_put(db, &s, err)) ||
            (rc = audit_record(db, actor, "update", "talk_settings", s.bureau_id, s.bureau_id, b, a,
                               err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(b);
    json_decref(a);
    if (rc)
        return rc;
    *out = settings_json(&s);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

/* ---- talks ---- */

static void append_person(json_t *talkers, json_t *talkees, char *tnames, char *enames, size_t size,
                          const struct dj_talk_person *p)
{
    bool talker = !strcmp(p->side, "talker");
    json_array_append_new(talker ? talkers : talkees,
                          json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)p->person_id, "name",
                                    p->name, "staff_no", p->staff_no));
    char *names = talker ? tnames : enames;
    size_t n = strlen(names);
    if (n + strlen(p->name) + 4 < size)
        snprintf(names + n, size - n, "%s%s", n ? "、" : "", p->name);
}

/* A talk without its content; people[0..n) are the talk's participants. */
static json_t *talk_json(const struct dj_talk *t, const struct dj_talk_person *people, int n)
{
    json_t *talkers = json_array(), *talkees = json_array();
    char tnames[600] = "", enames[600] = "";
    for (int i = 0; i < n; i++)
        append_person(talkers, talkees, tnames, enames, sizeof tnames, &people[i]);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:b, s:s, s:s}", "id",
                     (json_int_t)t->id, "org_id", (json_int_t)t->org_id, "org_name", t->org_name,
                     "held_on", t->held_on, "kind", t->kind, "occasion", t->occasion, "place",
                     t->place, "talkers", talkers, "talkees", talkees, "talker_names", tnames,
                     "talkee_names", enames, "has_content", t->has_content, "created_at",
                     t->created_at, "updated_at", t->updated_at);
}

static bool takes_part(const struct dj_actor *a, const struct dj_talk_person *people, int n)
{
    for (int i = 0; i < n && a->person_id; i++)
        if (people[i].person_id == a->person_id)
            return true;
    return false;
}

int talks_list(struct dj_db *db, const struct dj_actor *actor, struct dj_talk_filter *f,
               json_t **items, int64_t *total, struct dj_err *err)
{
    const char *scope = manager_scope(actor);
    f->bureau_id = actor_bureau(actor);
    f->all = scope && authz_path_is_root(scope);
    f->scope_path = scope && !f->all ? scope : NULL;
    f->viewer_person_id = actor->person_id;
    if (!f->bureau_id || (!scope && !actor->person_id))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看谈心谈话记录");
    struct dj_talk *t = NULL;
    struct dj_talk_person *pp = NULL;
    int n = 0, np = 0;
    int rc = store_talk_list(db, f, &t, &n, total, err);
    /* the participants of the page's span of days, matched by talk id */
    if (!rc && n)
        rc = store_talk_people_between(db, f->bureau_id, t[n - 1].held_on, t[0].held_on, &pp, &np,
                                       err);
    if (rc) {
        free(t);
        return rc;
    }
    *items = json_array();
    for (int i = 0; i < n; i++) {
        int lo = 0, hi = np;
        while (lo < hi) { /* the first participant of talk t[i] */
            int mid = (lo + hi) / 2;
            if (pp[mid].talk_id < t[i].id)
                lo = mid + 1;
            else
                hi = mid;
        }
        int k = lo;
        while (k < np && pp[k].talk_id == t[i].id)
            k++;
        json_array_append_new(*items, talk_json(&t[i], pp + lo, k - lo));
    }
    free(t);
    free(pp);
    return 0;
}

/* The talk, its participants, and whether the actor may read it and its content. */
static int talk_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_talk *t,
                     struct dj_talk_person **people, int *n, bool *content_ok, struct dj_err *err)
{
    *people = NULL;
    *n = 0;
    int rc = store_talk_get(db, id, t, err);
    if (rc)
        return rc;
    char bp[32];
    root_path(t->bureau_id, bp);
    if (authz_foreign(actor, bp)) /* answered as a missing talk */
        return dj_err_set(err, DJ_ENOTFOUND, "谈话记录不存在");
    if ((rc = store_talk_people(db, id, people, n, err)))
        return rc;
    bool part = takes_part(actor, *people, *n);
    struct dj_talk_settings s;
    if ((rc = store_talk_settings_get(db, t->bureau_id, &s, err))) {
        free(*people);
        *people = NULL;
        return rc;
    }
    bool role_ok = false;
    char buf[sizeof s.content_roles];
    snprintf(buf, sizeof buf, "%s", s.content_roles);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        role_ok |= authz_has_role(actor, tok, t->org_path, 0);
    *content_ok = part || role_ok;
    if (!part && !role_ok && !is_manager(actor, t->org_path)) {
        free(*people);
        *people = NULL;
        return authz_refuse(actor, bp, "您没有权限查看此谈话记录", err);
    }
    return 0;
}

int talks_get(struct dj_db *db, const struct dj_actor *actor, const struct dj_secret *key,
              int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_talk t;
    struct dj_talk_person *people;
    int n;
    bool content_ok;
    int rc = talk_load(db, actor, id, &t, &people, &n, &content_ok, err);
    if (rc)
        return rc;
    json_t *j = talk_json(&t, people, n);
    free(people);
    if (!j)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    json_t *content = json_null();
    if (content_ok && t.has_content) {
        char *sealed = NULL, *plain = NULL;
        struct dj_secret sub;
        if (!(rc = store_talk_content(db, id, &sealed, err)) &&
            !(rc = secret_subkey(key, SECRET_CTX_TALKS, &sub, err))) {
            rc = secret_open(&sub, sealed, &plain, err);
            secret_wipe(&sub);
        }
        free(sealed);
        if (rc) {
            json_decref(j);
            return rc;
        }
        content = json_string(plain);
        sodium_memzero(plain, strlen(plain));
        free(plain);
    }
    json_object_set_new(j, "content", content);
    json_object_set_new(j, "content_readable", json_boolean(content_ok));
    *out = j;
    return 0;
}

static int seal_content(const struct dj_secret *key, const char *content, char **sealed,
                        struct dj_err *err)
{
    *sealed = NULL;
    if (!content || !*content)
        return (*sealed = strdup("")) ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
    struct dj_secret sub;
    int rc = secret_subkey(key, SECRET_CTX_TALKS, &sub, err);
    if (!rc)
        rc = secret_seal(&sub, content, sealed, err);
    secret_wipe(&sub);
    return rc;
}

/* Checks the merged talk t and its people; fills names and the org. */
static int check_talk(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      struct dj_talk *t, const struct talk_input *in, struct dj_talk_person *people,
                      int *npeople, struct dj_err *err)
{
    struct dj_org org;
    int rc = store_org_get(db, t->org_id, &org, err);
    if (rc == DJ_ENOTFOUND || (!rc && authz_foreign(actor, org.path)) ||
        (!rc && strcmp(org.type, "党支部") && !authz_path_is_root(org.path)))
        return dj_err_field(err, "org_id", "组织不存在（谈话记在本单位或一个党支部）");
    if (rc)
        return rc;
    if (!is_manager(actor, org.path))
        return authz_refuse(actor, org.path, "您没有权限在此组织记录谈心谈话", err);
    t->bureau_id = path_root_id(org.path);
    dj_copy(t->org_name, sizeof t->org_name, org.name);
    dj_copy(t->org_path, sizeof t->org_path, org.path);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (!dj_date_valid(t->held_on))
        dj_err_field(err, "held_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(t->held_on, today) > 0)
        dj_err_field(err, "held_on", "谈话日期不能晚于今天");
    struct dj_talk_settings s;
    if ((rc = store_talk_settings_get(db, t->bureau_id, &s, err)))
        return rc;
    if (!talk_kind_known(t->kind, s.kinds))
        dj_err_field(err, "kind", "未知的谈话类型");
    if (dj_utf8_length(t->occasion) > 100)
        dj_err_field(err, "occasion", "谈话事由最长 100 个字");
    if (dj_utf8_length(t->place) > 40)
        dj_err_field(err, "place", "地点最长 40 个字");
    if (in->has_content && in->content && dj_utf8_length(in->content) > TALK_CONTENT_MAX_CHARS)
        dj_err_field(err, "content", "谈话内容最长 %d 个字", TALK_CONTENT_MAX_CHARS);
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if (!in->has_people)
        return 0;
    if (in->ntalkers < 1)
        dj_err_field(err, "talkers", "请选择谈话人");
    if (in->ntalkees < 1)
        dj_err_field(err, "talkees", "请选择谈话对象");
    *npeople = 0;
    for (int side = 0; side < 2; side++) {
        const int64_t *ids = side ? in->talkees : in->talkers;
        int nids = side ? in->ntalkees : in->ntalkers;
        const char *field = side ? "talkees" : "talkers";
        for (int i = 0; i < nids; i++) {
            struct dj_person p;
            struct dj_err lookup;
            dj_err_clear(&lookup);
            if (store_person_get(db, ids[i], &p, &lookup) || p.bureau_id != t->bureau_id) {
                dj_err_field(err, field, "人员不存在：%lld", (long long)ids[i]);
                continue;
            }
            bool dup = false;
            for (int k = 0; k < *npeople; k++)
                dup |= people[k].person_id == p.id;
            if (dup) {
                dj_err_field(err, field, "%s 不能重复出现", p.name);
                continue;
            }
            if (side) { /* a branch's talk is with the people it covers */
                bool covered = true;
                if ((rc = people_covered(db, &p, org.path, t->held_on, &covered, err)))
                    return rc;
                if (!covered) {
                    dj_err_field(err, field, "%s 不是%s的党员", p.name, org.name);
                    continue;
                }
            }
            struct dj_talk_person *tp = &people[(*npeople)++];
            memset(tp, 0, sizeof *tp);
            tp->person_id = p.id;
            dj_copy(tp->side, sizeof tp->side, side ? "talkee" : "talker");
            dj_copy(tp->name, sizeof tp->name, p.name);
            dj_copy(tp->staff_no, sizeof tp->staff_no, p.staff_no);
        }
    }
    return err && err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

static void merge_input(struct dj_talk *t, const struct talk_input *in)
{
    if (in->has_org)
        t->org_id = in->org_id;
    if (in->has_held_on)
        dj_copy(t->held_on, sizeof t->held_on, in->held_on);
    if (in->has_kind)
        dj_copy(t->kind, sizeof t->kind, in->kind);
    if (in->has_occasion)
        dj_copy(t->occasion, sizeof t->occasion, in->occasion);
    if (in->has_place)
        dj_copy(t->place, sizeof t->place, in->place);
}

/* The audit's view of a talk: never its content, only whether there is one. */
static int write_talk(struct dj_db *db, const struct dj_actor *actor, const char *action,
                      struct dj_talk *t, const char *sealed, const struct dj_talk_person *people,
                      int npeople, bool set_people, json_t *before, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    json_t *after = NULL;
    struct dj_talk_person *now = NULL;
    int nnow = 0;
    bool created = !t->id;
    if ((rc = created ? store_talk_insert(db, t, sealed, err) : store_talk_update(db, t, sealed, err)) ||
        (set_people && (rc = store_talk_people_set(db, t->id, people, npeople, err))) ||
        (rc = store_talk_people(db, t->id, &now, &nnow, err)))
        goto fail;
    if (!(after = talk_json(t, now, nnow))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto fail;
    }
    if (sealed && !created)
        json_object_set_new(after, "content_changed", json_true());
    if ((rc = audit_record(db, actor, action, "talk", t->id, t->org_id, before, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    free(now);
    json_decref(after);
    return 0;
fail:
    db_rollback(db);
    free(now);
    json_decref(after);
    return rc;
}

int talks_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct dj_secret *key, const struct talk_input *in, json_t **out,
                 struct dj_err *err)
{
    struct dj_talk t;
    memset(&t, 0, sizeof t);
    merge_input(&t, in);
    t.created_by = actor->user.id;
    struct dj_talk_person people[2 * TALK_MAX_PEOPLE];
    int npeople = 0;
    struct talk_input all = *in;
    all.has_people = true;
    int rc = check_talk(db, cfg, actor, &t, &all, people, &npeople, err);
    char *sealed = NULL;
    if (rc || (rc = seal_content(key, in->has_content ? in->content : NULL, &sealed, err)))
        return rc;
    rc = write_talk(db, actor, "create", &t, sealed, people, npeople, true, NULL, err);
    free(sealed);
    return rc ? rc : talks_get(db, actor, key, t.id, out, err);
}

int talks_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct dj_secret *key, int64_t id, const struct talk_input *in, json_t **out,
                 struct dj_err *err)
{
    struct dj_talk t;
    struct dj_talk_person *old;
    int nold;
    bool content_ok;
    int rc = talk_load(db, actor, id, &t, &old, &nold, &content_ok, err);
    if (rc)
        return rc;
    json_t *before = talk_json(&t, old, nold);
    free(old);
    if (!before)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    /* the organisation it is filed under now must be the writer's too */
    if (!is_manager(actor, t.org_path)) {
        char bp[32];
        root_path(t.bureau_id, bp);
        json_decref(before);
        return authz_refuse(actor, bp, "您没有权限修改此谈话记录", err);
    }
    merge_input(&t, in);
    struct dj_talk_person people[2 * TALK_MAX_PEOPLE];
    int npeople = 0;
    char *sealed = NULL;
    if (!(rc = check_talk(db, cfg, actor, &t, in, people, &npeople, err)) && in->has_content)
        rc = seal_content(key, in->content, &sealed, err);
    if (!rc)
        rc = write_talk(db, actor, "update", &t, sealed, people, npeople, in->has_people, before,
                        err);
    free(sealed);
    json_decref(before);
    return rc ? rc : talks_get(db, actor, key, id, out, err);
}

/* ---- 五必谈 ---- */

/* True when a talk with person was held on or after from. */
static bool talked_since(const struct dj_talkee_date *d, int n, int64_t person, const char *from)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (d[mid].person_id < person || (d[mid].person_id == person && strcmp(d[mid].held_on, from) < 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && d[lo].person_id == person;
}

static int add_due(json_t *items, const struct dj_talk_trigger *tr, const char *trigger,
                   const char *on, const char *detail, int due_days, const char *today,
                   const struct dj_talkee_date *d, int nd, const char *scope)
{
    if (scope && strncmp(tr->branch_path, scope, strlen(scope)) != 0)
        return 0;
    char from[DJ_DATE_LEN], due[DJ_DATE_LEN];
    dj_date_add_days(on, -TALK_CLEAR_LEAD_DAYS, from);
    if (talked_since(d, nd, tr->person_id, from))
        return 0;
    dj_date_add_days(on, due_days, due);
    return json_array_append_new(
        items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "person_id",
                         (json_int_t)tr->person_id, "name", tr->name, "staff_no", tr->staff_no,
                         "branch", tr->branch_name, "trigger", trigger, "trigger_on", on, "detail",
                         detail, "due_on", due, "overdue", strcmp(due, today) < 0));
}

static int by_due(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int c = strcmp(json_string_value(json_object_get(x, "due_on")),
                   json_string_value(json_object_get(y, "due_on")));
    return c ? c
             : (int)(json_integer_value(json_object_get(x, "person_id")) -
                     json_integer_value(json_object_get(y, "person_id")));
}

int talks_due(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
              const char *since, json_t **items, struct dj_err *err)
{
    const char *scope = manager_scope(actor);
    int64_t bureau = actor_bureau(actor);
    if (!bureau || !scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看待谈话提醒");
    if (authz_path_is_root(scope))
        scope = NULL;
    char today[DJ_DATE_LEN], from[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (since && !dj_date_valid(since))
        return dj_err_field(err, "since", "应为日期 YYYY-MM-DD");
    if (since)
        dj_copy(from, sizeof from, since);
    else
        dj_date_add_days(today, -365, from);
    struct dj_talk_settings s;
    struct dj_talkee_date *d = NULL;
    struct dj_talk_trigger *posts = NULL, *moves = NULL, *absent = NULL, *found = NULL;
    int nd = 0, nposts = 0, nmoves = 0, nabsent = 0, nfound = 0;
    int rc = store_talk_settings_get(db, bureau, &s, err);
    if (!rc)
        rc = store_talkee_dates(db, bureau, &d, &nd, err);
    if (!rc)
        rc = store_talk_post_triggers(db, bureau, from, today, &posts, &nposts, err);
    if (!rc)
        rc = store_talk_transfer_triggers(db, bureau, from, today, &moves, &nmoves, err);
    if (!rc)
        rc = store_talk_absence_facts(db, bureau, &absent, &nabsent, err);
    if (!rc)
        rc = store_talk_finding_triggers(db, bureau, from, today, &found, &nfound, err);
    json_t *all = rc ? NULL : json_array();
    for (int i = 0; all && i < nposts; i++) {
        char detail[400];
        snprintf(detail, sizeof detail, "任职：%s", posts[i].detail);
        add_due(all, &posts[i], "post", posts[i].on, detail, s.due_days, today, d, nd, scope);
    }
    for (int i = 0; all && i < nmoves; i++) {
        char detail[400];
        snprintf(detail, sizeof detail, "组织关系转接：%s", moves[i].detail);
        add_due(all, &moves[i], "transfer", moves[i].on, detail, s.due_days, today, d, nd, scope);
    }
    for (int i = 0; all && i < nabsent; i++) {
        const struct dj_talk_trigger *a = &absent[i];
        if (!*a->first_missed)
            continue;
        char trigger_on[DJ_DATE_LEN], detail[200];
        talk_add_months(*a->on ? a->on : a->first_missed, s.absence_months, trigger_on);
        if (strcmp(trigger_on, today) > 0 || strcmp(trigger_on, from) < 0)
            continue;
        if (*a->on)
            snprintf(detail, sizeof detail, "%d 个月未参加组织生活（最后一次参加 %s）",
                     s.absence_months, a->on);
        else
            snprintf(detail, sizeof detail, "%d 个月未参加组织生活（自 %s 起从未参加）",
                     s.absence_months, a->first_missed);
        add_due(all, a, "absence", trigger_on, detail, s.due_days, today, d, nd, scope);
    }
    /* 受到批评或违纪违规: a confirmed finding of the conduct rules */
    for (int i = 0; all && i < nfound; i++) {
        char detail[400];
        snprintf(detail, sizeof detail, "作风检查问题认定：%s", found[i].detail);
        add_due(all, &found[i], "finding", found[i].on, detail, s.due_days, today, d, nd, scope);
    }
    free(d);
    free(posts);
    free(moves);
    free(absent);
    free(found);
    if (rc)
        return rc;
    if (!all)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    /* by deadline: the most urgent first */
    size_t n = json_array_size(all);
    json_t **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) {
        json_decref(all);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(all, i));
    qsort(v, n, sizeof *v, by_due);
    *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(*items, v[i]);
    free(v);
    json_decref(all);
    return 0;
}

/* ---- statistics ---- */

static json_t *find_or_add(json_t *arr, const char *key, const char *value)
{
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o) if (!strcmp(json_string_value(json_object_get(o, key)), value)) return o;
    o = json_pack("{s:s, s:i, s:i}", key, value, "talks", 0, "people", 0);
    json_array_append_new(arr, o);
    return o;
}

static void bump(json_t *o, const char *key, int by)
{
    json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + by));
}

int talks_statistics(struct dj_db *db, const struct dj_actor *actor, int year, json_t **out,
                     struct dj_err *err)
{
    const char *scope = manager_scope(actor);
    int64_t bureau = actor_bureau(actor);
    if (!bureau || !scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看谈心谈话统计");
    if (year < 1900 || year > 2199)
        return dj_err_field(err, "year", "应为年份");
    char from[DJ_DATE_LEN], to[DJ_DATE_LEN];
    snprintf(from, sizeof from, "%04d-01-01", year % 10000);
    snprintf(to, sizeof to, "%04d-12-31", year % 10000);
    struct dj_talk_stat_row *r = NULL;
    int n = 0;
    int rc = store_talk_stat_rows(db, bureau, authz_path_is_root(scope) ? NULL : scope, from, to, &r,
                                  &n, err);
    if (rc)
        return rc;
    json_t *by_kind = json_array(), *by_month = json_array();
    int rel[TALK_REL_COUNT] = {0}, talks = 0;
    for (int m = 1; m <= 12; m++) {
        char month[32];
        snprintf(month, sizeof month, "%04d-%02d", year % 10000, m % 100);
        find_or_add(by_month, "month", month);
    }
    for (int i = 0; i < n; i++) {
        bool first = i == 0 || r[i - 1].talk_id != r[i].talk_id;
        json_t *k = find_or_add(by_kind, "kind", r[i].kind);
        char month[8];
        snprintf(month, sizeof month, "%.7s", r[i].held_on);
        json_t *m = find_or_add(by_month, "month", month);
        bump(k, "people", 1);
        bump(m, "people", 1);
        if (first) {
            talks++;
            bump(k, "talks", 1);
            bump(m, "talks", 1);
        }
        rel[talk_relation_of(r[i].leader, r[i].birth_date, r[i].held_on)]++;
    }
    free(r);
    json_t *relation = json_object();
    for (int i = 0; i < TALK_REL_COUNT; i++)
        json_object_set_new(relation, talk_relation_code((enum talk_relation)i), json_integer(rel[i]));
    *out = json_pack("{s:i, s:i, s:i, s:o, s:o, s:o}", "year", year, "talks", talks, "people", n,
                     "by_kind", by_kind, "by_month", by_month, "by_relationship", relation);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}
