#include "core/appraisals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/appraisal_rules.h"
#include "core/audit.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/talks.h"
#include "store/tasks.h"
#include "util/date.h"
#include "util/text.h"

#define NOMEM(err) dj_err_set((err), DJ_ENOMEM, "内存不足")

static void root_path(int64_t bureau_id, char out[32])
{
    snprintf(out, 32, "/%lld/", (long long)bureau_id);
}

static bool may_manage(const struct dj_actor *a, const struct dj_appraisal *ap)
{
    return authz_allows(a, PERM_MEETINGS_WRITE, ap->org_path);
}

static bool may_read_all(const struct dj_actor *a, const struct dj_appraisal *ap)
{
    return may_manage(a, ap) || authz_allows(a, PERM_PEOPLE_READ, ap->org_path);
}

/* The appraisal and its members; another bureau's (or one the actor neither
 * reads nor takes part in) is missing. */
struct ctx {
    struct dj_appraisal a;
    struct dj_appraisal_member *m;
    int nm;
    const struct dj_appraisal_member *me; /* the actor's own row, or NULL */
};

static int ctx_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct ctx *c, struct dj_err *err)
{
    memset(c, 0, sizeof *c);
    int rc = store_appraisal_get(db, id, &c->a, err);
    if (rc)
        return rc;
    if (authz_foreign(actor, c->a.org_path))
        return dj_err_set(err, DJ_ENOTFOUND, "民主评议不存在");
    if ((rc = store_appraisal_members(db, id, &c->m, &c->nm, err)))
        return rc;
    for (int i = 0; actor->person_id && i < c->nm; i++)
        if (c->m[i].person_id == actor->person_id)
            c->me = &c->m[i];
    if (!c->me && !may_read_all(actor, &c->a) && !actor_is_system(actor)) {
        free(c->m);
        c->m = NULL;
        return dj_err_set(err, DJ_ENOTFOUND, "民主评议不存在");
    }
    return 0;
}

static const struct dj_appraisal_member *member_find(const struct ctx *c, int64_t person_id)
{
    for (int i = 0; i < c->nm; i++)
        if (c->m[i].person_id == person_id)
            return &c->m[i];
    return NULL;
}

/* The cap in force on 31 December of the appraisal's year. */
static int cap_for(struct dj_db *db, int64_t bureau_id, int year, struct dj_appraisal_cap *cap, struct dj_err *err)
{
    char day[24];
    snprintf(day, sizeof day, "%04d-12-31", year);
    bool found = false;
    int rc = store_appraisal_cap_at(db, bureau_id, day, cap, &found, err);
    if (!rc && !found)
        appraisal_cap_default(cap);
    return rc;
}

static json_t *cap_json(const struct dj_appraisal_cap *c)
{
    return json_pack("{s:s, s:i, s:i, s:s, s:s}", "effective_from", c->effective_from, "excellent_num", c->num,
                     "excellent_den", c->den, "cap_base", c->base, "source", c->source);
}

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *appraisal_json(const struct dj_appraisal *a)
{
    return json_pack("{s:I, s:I, s:s, s:i, s:s, s:s, s:o, s:s, s:i, s:i, s:i}", "id", (json_int_t)a->id, "org_id",
                     (json_int_t)a->org_id, "org", a->org_name, "year", a->year, "status", a->status, "opened_on",
                     a->opened_on, "graded_on", opt_text(a->graded_on), "note", a->note, "members", a->members,
                     "self_done", a->self_done, "ballots", a->ballots);
}

/* {优秀: n, 合格: n, 基本合格: n, 不合格: n} of the mutual ballots for one person */
static json_t *mutual_json(const struct dj_tally *t, int nt, int64_t person_id)
{
    json_t *o = json_object();
    for (int g = 0; g < APPRAISAL_NGRADES; g++) {
        int votes = 0;
        for (int i = 0; i < nt; i++)
            if (t[i].person_id == person_id && !strcmp(t[i].grade, appraisal_grades[g]))
                votes += t[i].votes;
        json_object_set_new(o, appraisal_grades[g], json_integer(votes));
    }
    return o;
}

static json_t *member_json(const struct dj_appraisal_member *m, const struct dj_tally *t, int nt)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "person_id", (json_int_t)m->person_id,
                     "name", m->name, "category", m->category, "self_text", m->self_text, "self_on",
                     opt_text(m->self_on), "grade", opt_text(m->grade), "mutual", mutual_json(t, nt, m->person_id),
                     "talk_id", opt_id(m->talk_id), "rectification_id", opt_id(m->rectification_id),
                     "followup_note", m->followup_note);
}

/* Writes in one transaction with its audit record. */
static int audited(struct dj_db *db, const struct dj_actor *actor, const char *action, const char *type, int64_t id,
                   int64_t org_id, json_t *after, int rc_op, struct dj_err *err)
{
    int rc = rc_op;
    if (!rc)
        rc = audit_record(db, actor, action, type, id, org_id, NULL, after, err);
    if (!rc)
        rc = db_commit(db, err);
    if (rc)
        db_rollback(db);
    json_decref(after);
    return rc;
}

/* ---- the cap setting ---- */

int appraisals_caps(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t **out,
                    struct dj_err *err)
{
    if (!actor->user.bureau_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    struct dj_appraisal_cap cur, *c = NULL;
    int n = 0;
    bool found = false;
    int rc = store_appraisal_cap_at(db, actor->user.bureau_id, today, &cur, &found, err);
    if (rc || (rc = store_appraisal_caps(db, actor->user.bureau_id, &c, &n, err)))
        return rc;
    if (!found)
        appraisal_cap_default(&cur);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, cap_json(&c[i]));
    free(c);
    struct dj_appraisal_cap d;
    appraisal_cap_default(&d);
    *out = json_pack("{s:o, s:o, s:o}", "current", cap_json(&cur), "official", cap_json(&d), "items", items);
    return *out ? 0 : NOMEM(err);
}

int appraisals_cap_add(struct dj_db *db, const struct dj_actor *actor, const struct dj_appraisal_cap *c,
                       json_t **out, struct dj_err *err)
{
    char bp[32];
    int64_t bureau = actor->user.bureau_id;
    root_path(bureau, bp);
    if (!bureau || !(actor_is_system(actor) || authz_has_role(actor, "party_admin", bp, 0)))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委（党务管理员）可以设置优秀比例");
    if (!dj_date_valid(c->effective_from))
        dj_err_field(err, "effective_from", "应为日期 YYYY-MM-DD");
    if (dj_utf8_length(c->source) > 60)
        dj_err_field(err, "source", "依据最长 60 个字");
    int rc = appraisal_cap_check_setting(c, err);
    if (rc || err->code)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    rc = store_appraisal_cap_insert(db, bureau, c, actor->user.id, err);
    if (rc == DJ_ECONFLICT)
        dj_err_field(err, "effective_from", "这一天已有设置");
    *out = cap_json(c);
    rc = audited(db, actor, "create", "appraisal_setting", 0, bureau, json_incref(*out), rc, err);
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- appraisals ---- */

int appraisals_list(struct dj_db *db, const struct dj_actor *actor, int year, int64_t org_id, const char *status,
                    int limit, int offset, json_t **items, int64_t *total, struct dj_err *err)
{
    if (!actor->user.bureau_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    struct dj_appraisal *a = NULL;
    int64_t *mine = NULL;
    int n = 0, nmine = 0;
    int rc = store_appraisals_list(db, actor->user.bureau_id, year, &a, &n, err);
    if (!rc && actor->person_id)
        rc = store_appraisals_of_person(db, actor->person_id, &mine, &nmine, err);
    if (rc) {
        free(a);
        return rc;
    }
    *items = json_array();
    *total = 0;
    for (int i = 0; i < n; i++) {
        bool part = false;
        for (int k = 0; k < nmine; k++)
            part |= mine[k] == a[i].id;
        if (!part && !may_read_all(actor, &a[i]))
            continue;
        if ((org_id && a[i].org_id != org_id) || (status && strcmp(status, a[i].status)))
            continue;
        if (*total >= offset && *total < (int64_t)offset + limit)
            json_array_append_new(*items, appraisal_json(&a[i]));
        (*total)++;
    }
    free(a);
    free(mine);
    return 0;
}

int appraisals_open(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t org_id,
                    int year, const char *note, json_t **out, struct dj_err *err)
{
    struct dj_org o;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int this_year = atoi(today);
    if (!actor->user.bureau_id && !actor_is_system(actor))
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    if (store_org_get(db, org_id, &o, &lookup) || authz_foreign(actor, o.path))
        return dj_err_field(err, "org_id", "党支部不存在");
    if (strcmp(o.type, "党支部") && strcmp(o.type, "党总支"))
        return dj_err_field(err, "org_id", "民主评议以党支部为单位");
    if (!authz_allows(actor, PERM_MEETINGS_WRITE, o.path))
        return authz_refuse(actor, o.path, "只有本支部书记或党务管理员可以组织民主评议", err);
    if (year < this_year - 1 || year > this_year)
        return dj_err_field(err, "year", "应为今年或上一年");
    if (note && dj_utf8_length(note) > 100)
        return dj_err_field(err, "note", "说明最长 100 个字");
    struct dj_appraisal a;
    memset(&a, 0, sizeof a);
    a.bureau_id = authz_path_bureau(o.path);
    a.org_id = org_id;
    a.year = year;
    dj_copy(a.opened_on, sizeof a.opened_on, today);
    dj_copy(a.note, sizeof a.note, note ? note : "");
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    rc = store_appraisal_insert(db, &a, actor->user.id, err);
    if (rc == DJ_ECONFLICT)
        dj_err_set(err, DJ_ECONFLICT, "本支部这一年的民主评议已经开始");
    if (!rc)
        rc = store_appraisal_members_seed(db, &a, today, err);
    if (!rc)
        rc = store_appraisal_get(db, a.id, &a, err);
    json_t *after = rc ? NULL : appraisal_json(&a);
    if ((rc = audited(db, actor, "create", "appraisal", a.id, org_id, json_incref(after), rc, err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int appraisals_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                   json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct ctx c;
    struct dj_tally *t = NULL;
    int nt = 0;
    int rc = ctx_load(db, actor, id, &c, err);
    if (rc || (rc = store_appraisal_tallies(db, id, &t, &nt, err)))
        goto out;
    bool all = may_read_all(actor, &c.a) || actor_is_system(actor);
    json_t *o = appraisal_json(&c.a);
    struct dj_appraisal_cap cap;
    if ((rc = cap_for(db, c.a.bureau_id, c.a.year, &cap, err))) {
        json_decref(o);
        goto out;
    }
    int full = 0;
    for (int i = 0; i < c.nm; i++)
        full += !strcmp(c.m[i].category, "正式党员");
    json_t *cj = cap_json(&cap);
    json_object_set_new(cj, "max_excellent", json_integer(appraisal_cap_max(&cap, full, full)));
    json_object_set_new(o, "cap", cj);
    json_object_set_new(o, "can_manage", json_boolean(may_manage(actor, &c.a)));
    json_t *members = json_array();
    for (int i = 0; i < c.nm; i++) {
        if (all)
            json_array_append_new(members, member_json(&c.m[i], t, nt));
        else
            json_array_append_new(members, json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)c.m[i].person_id,
                                                     "name", c.m[i].name, "category", c.m[i].category));
    }
    json_object_set_new(o, "items", members);
    if (c.me) {
        bool voted = false;
        if ((rc = store_appraisal_voted(db, id, c.me->person_id, &voted, err))) {
            json_decref(o);
            goto out;
        }
        json_t *me = member_json(c.me, t, nt);
        /* a member sees their own counts once the branch has graded */
        if (strcmp(c.a.status, "graded"))
            json_object_set_new(me, "mutual", json_null());
        json_object_set_new(me, "voted", json_boolean(voted));
        json_object_set_new(o, "me", me);
    }
    *out = o;
out:
    free(t);
    free(c.m);
    return rc;
}

int appraisals_members(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **items,
                       struct dj_err *err)
{
    struct ctx c;
    struct dj_tally *t = NULL;
    int nt = 0;
    int rc = ctx_load(db, actor, id, &c, err);
    if (!rc && !may_read_all(actor, &c.a) && !actor_is_system(actor))
        rc = authz_refuse(actor, c.a.org_path, "只有本支部书记或党务管理员可以查看评议结果", err);
    if (rc || (rc = store_appraisal_tallies(db, id, &t, &nt, err)))
        goto out;
    *items = json_array();
    for (int i = 0; i < c.nm; i++) {
        json_t *row = member_json(&c.m[i], t, nt);
        json_t *mu = json_object_get(row, "mutual");
        static const char *const keys[] = {"votes_excellent", "votes_qualified", "votes_basic", "votes_unqualified"};
        for (int g = 0; g < APPRAISAL_NGRADES; g++)
            json_object_set(row, keys[g], json_object_get(mu, appraisal_grades[g]));
        json_object_del(row, "mutual");
        json_object_set_new(row, "self_done", json_boolean(*c.m[i].self_on));
        json_array_append_new(*items, row);
    }
out:
    free(t);
    free(c.m);
    return rc;
}

int appraisals_self(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                    const char *text, json_t **out, struct dj_err *err)
{
    struct ctx c;
    int rc = ctx_load(db, actor, id, &c, err);
    if (rc)
        goto out;
    if (!c.me)
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有参加本次评议的党员可以写自我评价");
    else if (strcmp(c.a.status, "open"))
        rc = dj_err_set(err, DJ_ECONFLICT, "评议已定等，不能再修改自我评价");
    else if (!text || dj_utf8_length(text) < 10 || dj_utf8_length(text) > 1000 || strlen(text) >= sizeof c.me->self_text)
        rc = dj_err_field(err, "self_text", "自我评价应为 10 至 1000 个字");
    if (rc)
        goto out;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if ((rc = db_begin_write(db, err)))
        goto out;
    rc = store_appraisal_self_set(db, id, c.me->person_id, text, today, err);
    json_t *after = json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)c.me->person_id, "self_text", text,
                              "self_on", today);
    if (!(rc = audited(db, actor, "self_appraise", "appraisal", id, c.a.org_id, after, rc, err)))
        *out = json_pack("{s:s, s:s}", "self_text", text, "self_on", today);
out:
    free(c.m);
    return rc;
}

int appraisals_ballot(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                      const struct appraisal_grade_in *r, int n, struct dj_err *err)
{
    struct ctx c;
    int rc = ctx_load(db, actor, id, &c, err);
    if (rc)
        goto out;
    if (!c.me) {
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有参加本次评议的党员可以互评");
        goto out;
    }
    if (strcmp(c.a.status, "open")) {
        rc = dj_err_set(err, DJ_ECONFLICT, "评议已定等，互评已结束");
        goto out;
    }
    if (n <= 0)
        dj_err_field(err, "ratings", "请至少评价一名党员");
    for (int i = 0; i < n; i++) {
        const struct dj_appraisal_member *m = member_find(&c, r[i].person_id);
        if (!m || strcmp(m->category, "正式党员"))
            dj_err_field(err, "ratings", "第 %d 项不是本次评议定等的正式党员", i + 1);
        else if (m == c.me)
            dj_err_field(err, "ratings", "互评不评价自己");
        else if (!appraisal_grade_rank(r[i].grade))
            dj_err_field(err, "ratings", "第 %d 项的等次应为 优秀、合格、基本合格 或 不合格", i + 1);
        for (int k = 0; k < i; k++)
            if (r[k].person_id == r[i].person_id)
                dj_err_field(err, "ratings", "同一名党员只能评价一次");
    }
    if (err->code) {
        rc = DJ_EINVAL;
        goto out;
    }
    if ((rc = db_begin_write(db, err)))
        goto out;
    bool voted = false;
    rc = store_appraisal_voted(db, id, c.me->person_id, &voted, err);
    if (!rc && voted)
        rc = dj_err_set(err, DJ_ECONFLICT, "您已经提交过互评");
    if (!rc)
        rc = store_appraisal_ballot_insert(db, c.a.bureau_id, id, c.me->person_id, err);
    if (rc == DJ_ECONFLICT && !voted)
        dj_err_set(err, DJ_ECONFLICT, "您已经提交过互评");
    for (int i = 0; !rc && i < n; i++)
        rc = store_appraisal_tally_add(db, c.a.bureau_id, id, r[i].person_id, r[i].grade, err);
    /* the audit says a ballot was cast and how many were rated, never whom or how */
    rc = audited(db, actor, "vote", "appraisal", id, c.a.org_id, json_pack("{s:i}", "rated", n), rc, err);
out:
    free(c.m);
    return rc;
}

int appraisals_grade(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                     const struct appraisal_grade_in *g, int n, json_t **out, struct dj_err *err)
{
    struct ctx c;
    int rc = ctx_load(db, actor, id, &c, err);
    if (rc)
        goto out;
    if (!may_manage(actor, &c.a) && !actor_is_system(actor)) {
        rc = authz_refuse(actor, c.a.org_path, "只有本支部书记或党务管理员可以定等", err);
        goto out;
    }
    int full = 0, excellent = 0;
    for (int i = 0; i < c.nm; i++)
        full += !strcmp(c.m[i].category, "正式党员");
    for (int i = 0; i < n; i++) {
        const struct dj_appraisal_member *m = member_find(&c, g[i].person_id);
        if (!m)
            dj_err_field(err, "grades", "第 %d 项不是本次评议的参评人", i + 1);
        else if (strcmp(m->category, "正式党员"))
            dj_err_field(err, "grades", "%s 是预备党员：参加评议，不定等次", m->name);
        else if (!appraisal_grade_rank(g[i].grade))
            dj_err_field(err, "grades", "第 %d 项的等次应为 优秀、合格、基本合格 或 不合格", i + 1);
        for (int k = 0; k < i; k++)
            if (g[k].person_id == g[i].person_id)
                dj_err_field(err, "grades", "同一名党员只能定一个等次");
        excellent += appraisal_grade_rank(g[i].grade) == 4;
    }
    if (!err->code && n != full)
        dj_err_field(err, "grades", "应为全部 %d 名正式党员定等（收到 %d 项）", full, n);
    struct dj_appraisal_cap cap;
    if (!err->code && !(rc = cap_for(db, c.a.bureau_id, c.a.year, &cap, err)))
        appraisal_cap_check(&cap, excellent, n, full, err);
    if (rc || err->code) {
        rc = rc ? rc : DJ_EINVAL;
        goto out;
    }
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if ((rc = db_begin_write(db, err)))
        goto out;
    json_t *after = json_array();
    for (int i = 0; !rc && i < n; i++) {
        rc = store_appraisal_grade_set(db, id, g[i].person_id, g[i].grade, err);
        json_array_append_new(after, json_pack("{s:I, s:s}", "person_id", (json_int_t)g[i].person_id, "grade",
                                               g[i].grade));
    }
    if (!rc)
        rc = store_appraisal_status_set(db, id, "graded", today, err);
    if (!(rc = audited(db, actor, "grade", "appraisal", id, c.a.org_id, json_pack("{s:o}", "grades", after), rc,
                       err)))
        rc = appraisals_get(db, cfg, actor, id, out, err);
out:
    free(c.m);
    return rc;
}

int appraisals_followup(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                        int64_t person_id, int64_t talk_id, int64_t rectification_id, const char *note,
                        json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct ctx c;
    int rc = ctx_load(db, actor, id, &c, err);
    if (rc)
        goto out;
    if (!may_manage(actor, &c.a) && !actor_is_system(actor)) {
        rc = authz_refuse(actor, c.a.org_path, "只有本支部书记或党务管理员可以登记整改", err);
        goto out;
    }
    const struct dj_appraisal_member *m = member_find(&c, person_id);
    if (!m) {
        rc = dj_err_set(err, DJ_ENOTFOUND, "不是本次评议的参评人");
        goto out;
    }
    if (strcmp(m->grade, "不合格")) {
        rc = dj_err_set(err, DJ_ECONFLICT, "只有评定为不合格的党员需要组织处置");
        goto out;
    }
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (talk_id) {
        struct dj_talk t;
        struct dj_talk_person *tp = NULL;
        int ntp = 0;
        bool named = false;
        if (!store_talk_get(db, talk_id, &t, &lookup) && t.bureau_id == c.a.bureau_id &&
            !store_talk_people(db, talk_id, &tp, &ntp, &lookup))
            for (int i = 0; i < ntp; i++)
                named |= tp[i].person_id == person_id;
        free(tp);
        if (!named)
            dj_err_field(err, "talk_id", "谈话不存在或没有这名党员");
    }
    if (rectification_id) {
        struct dj_rectification *r = malloc(sizeof *r);
        if (!r) {
            rc = NOMEM(err);
            goto out;
        }
        if (store_rect_get(db, rectification_id, r, &lookup) || r->bureau_id != c.a.bureau_id ||
            r->owner_person_id != person_id)
            dj_err_field(err, "rectification_id", "整改事项不存在或责任人不是这名党员");
        free(r);
    }
    if (note && dj_utf8_length(note) > 100)
        dj_err_field(err, "followup_note", "最长 100 个字");
    if (err->code) {
        rc = DJ_EINVAL;
        goto out;
    }
    if ((rc = db_begin_write(db, err)))
        goto out;
    rc = store_appraisal_followup_set(db, id, person_id, talk_id, rectification_id, note ? note : "", err);
    json_t *after = json_pack("{s:I, s:o, s:o, s:s}", "person_id", (json_int_t)person_id, "talk_id", opt_id(talk_id),
                              "rectification_id", opt_id(rectification_id), "followup_note", note ? note : "");
    if (!(rc = audited(db, actor, "follow_up", "appraisal", id, c.a.org_id, json_incref(after), rc, err)))
        *out = after;
    else
        json_decref(after);
out:
    free(c.m);
    return rc;
}

int appraisals_mine(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t **out,
                    struct dj_err *err)
{
    int64_t *ids = NULL;
    int n = 0, rc = 0;
    json_t *items = json_array();
    if (actor->person_id && (rc = store_appraisals_of_person(db, actor->person_id, &ids, &n, err))) {
        json_decref(items);
        return rc;
    }
    for (int i = 0; i < n && !rc; i++) {
        json_t *one = NULL;
        if (!(rc = appraisals_get(db, cfg, actor, ids[i], &one, err))) {
            /* on the phone: the peers to rate, never others' grades */
            json_t *peers = json_array();
            size_t k;
            json_t *m;
            json_array_foreach(json_object_get(one, "items"), k, m)
                json_array_append_new(peers, json_pack("{s:O, s:O, s:O}", "person_id", json_object_get(m, "person_id"),
                                                       "name", json_object_get(m, "name"), "category",
                                                       json_object_get(m, "category")));
            json_object_set_new(one, "items", peers);
            json_object_del(one, "can_manage");
            json_array_append_new(items, one);
        }
    }
    free(ids);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *out = json_pack("{s:o}", "items", items);
    return 0;
}
