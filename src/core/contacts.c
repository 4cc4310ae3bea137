#include "core/contacts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/bureaus.h"
#include "core/meetings.h"
#include "core/people.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/service_figures.h"
#include "util/date.h"
#include "util/text.h"

static const char *const contact_kinds[] = {"household", "enterprise", "village_branch", "community_branch",
                                            "other", NULL};
static const char *const partner_kinds[] = {"village", "community", NULL};

static bool one_of(const char *s, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(s, list[i]))
            return true;
    return false;
}

/* ---- shared helpers ---- */

void service_text(json_t *body, const char *name, char *dst, size_t size, size_t max_chars, bool required,
                  struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v || json_is_null(v)) {
        if (required)
            dj_err_field(err, name, "请填写");
        return;
    }
    const char *s = json_string_value(v);
    size_t chars = s ? dj_utf8_length(s) : 0;
    if (!s || chars > max_chars || strlen(s) >= size)
        dj_err_field(err, name, "应为不超过 %zu 个字的文字", max_chars);
    else if (required && chars == 0)
        dj_err_field(err, name, "请填写");
    else
        dj_copy(dst, size, s);
}

void service_date(json_t *body, const char *name, char *dst, const char *today, bool required,
                  struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v || json_is_null(v)) {
        if (required)
            dj_err_field(err, name, "请填写日期");
        else
            dst[0] = '\0';
        return;
    }
    const char *s = json_string_value(v);
    if (!s || !dj_date_valid(s))
        dj_err_field(err, name, "应为日期 YYYY-MM-DD");
    else if (today && strcmp(s, today) > 0)
        dj_err_field(err, name, "日期不能晚于今天");
    else
        dj_copy(dst, DJ_DATE_LEN, s);
}

bool service_centi(const json_t *v, bool zero_ok, int64_t max, int64_t *out)
{
    if (!json_is_number(v))
        return false;
    double d = json_number_value(v);
    if (d < 0 || (d == 0 && !zero_ok) || d * 100.0 > (double)max + 0.0001)
        return false;
    int64_t c = (int64_t)(d * 100.0 + 0.5);
    double back = (double)c / 100.0;
    if (back - d > 0.000001 || d - back > 0.000001)
        return false; /* more than two decimals */
    *out = c;
    return true;
}

static json_t *opt_date(const char *s)
{
    return *s ? json_string(s) : json_null();
}

int service_read_scope(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                       struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_PEOPLE_READ);
    if (scope) {
        f->bureau_id = path_root_id(scope);
        f->branch_path = authz_path_is_root(scope) ? NULL : scope;
        return 0;
    }
    if (!actor->person_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看这些记录");
    struct dj_person p;
    int rc = store_person_get(db, actor->person_id, &p, err);
    if (rc)
        return rc;
    if (f->person_id && f->person_id != p.id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您只能查看自己的记录");
    f->bureau_id = p.bureau_id;
    f->person_id = p.id;
    return 0;
}

int service_bureau(const struct dj_actor *actor, int64_t *bureau_id, struct dj_err *err)
{
    *bureau_id = actor->user.bureau_id;
    if (!*bureau_id) {
        const char *scope = authz_scope(actor, PERM_ORGS_READ);
        *bureau_id = scope ? path_root_id(scope) : 0;
    }
    return *bureau_id ? 0 : dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看这些记录");
}

/* The person a record names, read for writing: another bureau's is a field
 * error of a missing one; may_self lets the person write their own. */
int service_person_for_write(struct dj_db *db, const struct dj_actor *actor, int64_t person_id, bool may_self,
                            struct dj_person *p, struct dj_err *err)
{
    struct dj_err lookup;
    dj_err_clear(&lookup);
    char bp[32];
    if (!person_id || store_person_get(db, person_id, p, &lookup) ||
        (snprintf(bp, sizeof bp, "/%lld/", (long long)p->bureau_id), authz_foreign(actor, bp)))
        return dj_err_field(err, "person_id", "人员不存在");
    if (people_may_record(actor, p) || (may_self && actor->person_id == p->id))
        return 0;
    return authz_refuse(actor, bp, "您没有权限为此人员记录", err);
}

/* Reading a record of a person: in the actor's people.read scope, or their own. */
int service_person_readable(struct dj_db *db, const struct dj_actor *actor, int64_t person_id,
                           struct dj_err *err)
{
    if (actor->person_id == person_id)
        return 0;
    struct dj_person p;
    int rc = store_person_get(db, person_id, &p, err);
    if (rc)
        return rc;
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)p.bureau_id);
    if (authz_allows(actor, PERM_PEOPLE_READ, bp) || (*p.branch_path && authz_allows(actor, PERM_PEOPLE_READ, p.branch_path)))
        return 0;
    return authz_refuse(actor, bp, "您没有权限查看此记录", err);
}

int service_commit(struct dj_db *db, int audit_rc, struct dj_err *err)
{
    int rc = audit_rc ? audit_rc : db_commit(db, err);
    if (rc)
        db_rollback(db);
    return rc;
}

/* ---- contacts ---- */

static json_t *contact_json(const struct dj_contact *c)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:I, s:s, s:s}", "id",
                     (json_int_t)c->id, "person_id", (json_int_t)c->person_id, "person_name", c->person_name,
                     "staff_no", c->staff_no, "org_id", c->org_id ? json_integer(c->org_id) : json_null(),
                     "org_name", c->org_id ? json_string(c->org_name) : json_null(), "kind", c->kind, "name",
                     c->name, "place", c->place, "phone", c->phone, "started_on", c->started_on, "ended_on",
                     opt_date(c->ended_on), "note", c->note, "visits", (json_int_t)c->visits, "created_at",
                     c->created_at, "updated_at", c->updated_at);
}

int contacts_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                  json_t **items, int64_t *total, struct dj_err *err)
{
    struct dj_contact *c = NULL;
    int n = 0;
    int rc = service_read_scope(db, actor, f, err);
    if (rc || (rc = store_contact_list(db, f, &c, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, contact_json(&c[i]));
    free(c);
    return 0;
}

static json_t *visit_json(const struct dj_contact_visit *v)
{
    return json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s}", "id", (json_int_t)v->id,
                     "contact_id", (json_int_t)v->contact_id, "person_id", (json_int_t)v->person_id,
                     "person_name", v->person_name, "contact_name", v->contact_name, "contact_kind",
                     v->contact_kind, "visited_on", v->visited_on, "content", v->content, "help_kind",
                     v->help_kind, "help_amount", (double)v->help_amount / 100.0, "created_at", v->created_at);
}

/* A contact of the actor's bureau (another bureau's is missing). */
static int contact_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_contact *c,
                        struct dj_err *err)
{
    int rc = store_contact_get(db, id, c, err);
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)c->bureau_id);
    if (!rc && authz_foreign(actor, bp))
        rc = dj_err_set(err, DJ_ENOTFOUND, "联系点不存在");
    return rc;
}

int contacts_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                 struct dj_err *err)
{
    struct dj_contact c;
    int rc = contact_load(db, actor, id, &c, err);
    if (rc || (rc = service_person_readable(db, actor, c.person_id, err)))
        return rc;
    struct dj_service_filter f = {.bureau_id = c.bureau_id, .parent_id = id, .limit = 1000};
    struct dj_contact_visit *v = NULL;
    int n = 0;
    int64_t total = 0;
    if ((rc = store_visit_list(db, &f, &v, &n, &total, err)))
        return rc;
    json_t *list = json_array();
    for (int i = 0; i < n && !rc; i++) {
        json_t *vj = visit_json(&v[i]);
        struct dj_file *files = NULL;
        int nf = 0;
        if ((rc = store_file_list(db, "contact_visit", v[i].id, &files, &nf, err)) == 0) {
            json_t *fj = json_array();
            for (int k = 0; k < nf; k++)
                json_array_append_new(fj, file_json(&files[k]));
            json_object_set_new(vj, "files", fj);
        }
        free(files);
        json_array_append_new(list, vj);
    }
    free(v);
    if (rc) {
        json_decref(list);
        return rc;
    }
    *out = contact_json(&c);
    json_object_set_new(*out, "visit_list", list);
    return 0;
}

/* Reads the fields of body into c (those present); org_id must be a
 * branch of the bureau. */
static void contact_fields(struct dj_db *db, json_t *body, struct dj_contact *c, const char *today,
                           bool create, struct dj_err *err)
{
    /* required at creation, and never emptied by a change */
    service_text(body, "kind", c->kind, sizeof c->kind, 20, create || json_object_get(body, "kind"), err);
    if (*c->kind && !one_of(c->kind, contact_kinds))
        dj_err_field(err, "kind", "应为 household、enterprise、village_branch、community_branch 或 other");
    service_text(body, "name", c->name, sizeof c->name, 60, create || json_object_get(body, "name"), err);
    service_text(body, "place", c->place, sizeof c->place, 100, false, err);
    service_text(body, "phone", c->phone, sizeof c->phone, 20, false, err);
    service_text(body, "note", c->note, sizeof c->note, 200, false, err);
    if (create || json_object_get(body, "started_on"))
        service_date(body, "started_on", c->started_on, today, true, err);
    if (json_object_get(body, "ended_on"))
        service_date(body, "ended_on", c->ended_on, NULL, false, err);
    if (*c->ended_on && *c->started_on && strcmp(c->ended_on, c->started_on) < 0)
        dj_err_field(err, "ended_on", "结束日期不能早于开始日期");
    json_t *o = json_object_get(body, "org_id");
    if (o && json_is_null(o)) {
        c->org_id = 0;
    } else if (o) {
        struct dj_org org;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (!json_is_integer(o) || store_org_get(db, json_integer_value(o), &org, &lookup) ||
            path_root_id(org.path) != c->bureau_id)
            dj_err_field(err, "org_id", "组织不存在");
        else
            c->org_id = org.id;
    }
}

int contacts_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_contact c;
    memset(&c, 0, sizeof c);
    struct dj_person p;
    json_t *pid = json_object_get(body, "person_id");
    int rc = service_person_for_write(db, actor, json_is_integer(pid) ? json_integer_value(pid) : 0, false, &p, err);
    if (rc)
        return rc;
    c.bureau_id = p.bureau_id;
    c.person_id = p.id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    contact_fields(db, body, &c, today, true, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_contact_insert(db, &c, actor->user.id, err)) ||
        (rc = store_contact_get(db, c.id, &c, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = contact_json(&c);
    if ((rc = service_commit(db, audit_record(db, actor, "create", "contact", c.id, p.branch_id, NULL, after, err), err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int contacts_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                    json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_contact c;
    struct dj_person p;
    int rc = contact_load(db, actor, id, &c, err);
    if (rc || (rc = store_person_get(db, c.person_id, &p, err)))
        return rc;
    if (!people_may_record(actor, &p)) {
        char bp[32];
        snprintf(bp, sizeof bp, "/%lld/", (long long)p.bureau_id);
        return authz_refuse(actor, bp, "您没有权限修改此联系点", err);
    }
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *before = contact_json(&c);
    contact_fields(db, body, &c, today, false, err);
    if (err->code == DJ_EINVAL || (rc = db_begin_write(db, err))) {
        json_decref(before);
        return err->code == DJ_EINVAL ? DJ_EINVAL : rc;
    }
    if ((rc = store_contact_update(db, &c, err)) || (rc = store_contact_get(db, id, &c, err))) {
        db_rollback(db);
        json_decref(before);
        return rc;
    }
    json_t *after = contact_json(&c);
    rc = service_commit(db, audit_record(db, actor, "update", "contact", id, p.branch_id, before, after, err), err);
    json_decref(before);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int contacts_visit_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                          int64_t contact_id, json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_contact c;
    struct dj_person p;
    int rc = contact_load(db, actor, contact_id, &c, err);
    if (rc || (rc = service_person_for_write(db, actor, c.person_id, true, &p, err)))
        return rc == DJ_EINVAL ? dj_err_set(err, DJ_ENOTFOUND, "联系点不存在") : rc;
    struct dj_contact_visit v;
    memset(&v, 0, sizeof v);
    v.bureau_id = c.bureau_id;
    v.contact_id = c.id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_date(body, "visited_on", v.visited_on, today, true, err);
    if (*v.visited_on && strcmp(v.visited_on, c.started_on) < 0)
        dj_err_field(err, "visited_on", "走访日期不能早于结对开始日期 %s", c.started_on);
    service_text(body, "content", v.content, sizeof v.content, 300, true, err);
    service_text(body, "help_kind", v.help_kind, sizeof v.help_kind, 40, false, err);
    json_t *amount = json_object_get(body, "help_amount");
    if (amount && !json_is_null(amount) && !service_centi(amount, true, SERVICE_MAX_FEN, &v.help_amount))
        dj_err_field(err, "help_amount", "应为不小于 0 的金额（元，最多两位小数）");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_visit_insert(db, &v, actor->user.id, err)) || (rc = store_visit_get(db, v.id, &v, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = visit_json(&v);
    if ((rc = service_commit(db, audit_record(db, actor, "create", "contact_visit", v.id, p.branch_id, NULL, after, err), err))) {
        json_decref(after);
        return rc;
    }
    json_object_set_new(after, "files", json_array());
    *out = after;
    return 0;
}

int contacts_visit_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                        json_t **items, int64_t *total, struct dj_err *err)
{
    struct dj_contact_visit *v = NULL;
    int n = 0;
    int rc = service_read_scope(db, actor, f, err);
    if (rc || (rc = store_visit_list(db, f, &v, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, visit_json(&v[i]));
    free(v);
    return 0;
}

int contacts_visit_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t visit_id,
                               bool write, int64_t *org_id, int64_t *bureau_id, struct dj_err *err)
{
    struct dj_contact_visit v;
    struct dj_person p;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    char bp[32] = "";
    if (store_visit_get(db, visit_id, &v, &lookup) ||
        (snprintf(bp, sizeof bp, "/%lld/", (long long)v.bureau_id), authz_foreign(actor, bp)))
        return write ? dj_err_field(err, "object_id", "走访记录不存在")
                     : dj_err_set(err, DJ_ENOTFOUND, "文件不存在");
    int rc = write ? service_person_for_write(db, actor, v.person_id, true, &p, err)
                   : service_person_readable(db, actor, v.person_id, err);
    if (rc)
        return rc;
    if (!write && (rc = store_person_get(db, v.person_id, &p, err)))
        return rc;
    *org_id = p.branch_id;
    *bureau_id = v.bureau_id;
    return 0;
}

int contacts_gaps(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const char *day, json_t **out, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_PEOPLE_READ);
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看党员名册");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (day && !dj_date_valid(day))
        return dj_err_field(err, "on", "应为日期 YYYY-MM-DD");
    if (!day)
        day = today;
    int64_t bureau = path_root_id(scope);
    int min = 0;
    int rc = bureau_contact_min(db, bureau, &min, err);
    if (rc)
        return rc;
    struct dj_contact_gap *g = NULL;
    int n = 0;
    if (min > 0 && (rc = store_contact_gaps(db, bureau, authz_path_is_root(scope) ? NULL : scope, day, min,
                                            &g, &n, err)))
        return rc;
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:I}", "person_id",
                                               (json_int_t)g[i].person_id, "name", g[i].name, "staff_no",
                                               g[i].staff_no, "branch", g[i].branch_name, "households",
                                               (json_int_t)g[i].households));
    free(g);
    *out = json_pack("{s:i, s:s, s:o, s:I}", "min", min, "on", day, "items", items, "total", (json_int_t)n);
    return 0;
}

/* ---- pairings (结对共建) ---- */

static json_t *pairing_json(const struct dj_pairing *p)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:I, s:s}", "id", (json_int_t)p->id, "org_id",
                     (json_int_t)p->org_id, "org_name", p->org_name, "partner", p->partner, "partner_kind",
                     p->partner_kind, "started_on", p->started_on, "ended_on", opt_date(p->ended_on), "note",
                     p->note, "activities", (json_int_t)p->activities, "created_at", p->created_at);
}

static json_t *pactivity_json(const struct dj_pairing_activity *a)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)a->id, "pairing_id",
                     (json_int_t)a->pairing_id, "held_on", a->held_on, "title", a->title, "content", a->content,
                     "participants", (json_int_t)a->participants, "created_at", a->created_at);
}

int pairings_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                  json_t **items, int64_t *total, struct dj_err *err)
{
    int rc = service_bureau(actor, &f->bureau_id, err);
    struct dj_pairing *p = NULL;
    int n = 0;
    if (rc || (rc = store_pairing_list(db, f, &p, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, pairing_json(&p[i]));
    free(p);
    return 0;
}

static int pairing_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_pairing *p,
                        struct dj_err *err)
{
    int64_t bureau;
    int rc = service_bureau(actor, &bureau, err);
    if (rc || (rc = store_pairing_get(db, id, p, err)))
        return rc;
    return p->bureau_id == bureau ? 0 : dj_err_set(err, DJ_ENOTFOUND, "结对共建不存在");
}

int pairings_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                 struct dj_err *err)
{
    struct dj_pairing p;
    struct dj_pairing_activity *a = NULL;
    int n = 0;
    int rc = pairing_load(db, actor, id, &p, err);
    if (rc || (rc = store_pairing_activities(db, id, &a, &n, err)))
        return rc;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, pactivity_json(&a[i]));
    free(a);
    *out = pairing_json(&p);
    json_object_set_new(*out, "activity_list", list);
    return 0;
}

int pairings_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_pairing p;
    memset(&p, 0, sizeof p);
    struct dj_org org;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    json_t *o = json_object_get(body, "org_id");
    if (!json_is_integer(o) || store_org_get(db, json_integer_value(o), &org, &lookup) ||
        authz_foreign(actor, org.path))
        return dj_err_field(err, "org_id", "组织不存在");
    int rc = authz_require(actor, PERM_MEETINGS_WRITE, org.path, err);
    if (rc)
        return rc;
    p.bureau_id = path_root_id(org.path);
    p.org_id = org.id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_text(body, "partner", p.partner, sizeof p.partner, 60, true, err);
    service_text(body, "partner_kind", p.partner_kind, sizeof p.partner_kind, 10, true, err);
    if (*p.partner_kind && !one_of(p.partner_kind, partner_kinds))
        dj_err_field(err, "partner_kind", "应为 village 或 community");
    service_date(body, "started_on", p.started_on, today, true, err);
    service_date(body, "ended_on", p.ended_on, NULL, false, err);
    if (*p.ended_on && strcmp(p.ended_on, p.started_on) < 0)
        dj_err_field(err, "ended_on", "结束日期不能早于开始日期");
    service_text(body, "note", p.note, sizeof p.note, 200, false, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_pairing_insert(db, &p, actor->user.id, err)) || (rc = store_pairing_get(db, p.id, &p, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = pairing_json(&p);
    if ((rc = service_commit(db, audit_record(db, actor, "create", "pairing", p.id, p.org_id, NULL, after, err), err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int pairings_activity_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                             int64_t pairing_id, json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_pairing p;
    int rc = pairing_load(db, actor, pairing_id, &p, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, p.org_path, err)))
        return rc;
    struct dj_pairing_activity a;
    memset(&a, 0, sizeof a);
    a.bureau_id = p.bureau_id;
    a.pairing_id = p.id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_date(body, "held_on", a.held_on, today, true, err);
    service_text(body, "title", a.title, sizeof a.title, 60, true, err);
    service_text(body, "content", a.content, sizeof a.content, 300, false, err);
    json_t *n = json_object_get(body, "participants");
    if (n && (!json_is_integer(n) || json_integer_value(n) < 0 || json_integer_value(n) > 100000))
        dj_err_field(err, "participants", "应为不小于 0 的整数");
    else if (n)
        a.participants = json_integer_value(n);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_pairing_activity_insert(db, &a, actor->user.id, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = pactivity_json(&a);
    if ((rc = service_commit(db, audit_record(db, actor, "create", "pairing_activity", a.id, p.org_id, NULL, after, err), err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}
