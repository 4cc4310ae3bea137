#include "core/volunteering.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/contacts.h"
#include "core/people.h"
#include "store/orgs.h"
#include "store/people.h"
#include "core/duty.h"
#include "store/ideas.h"
#include "store/service_figures.h"
#include "util/date.h"
#include "util/text.h"

static const char *const activity_kinds[] = {"volunteer", "masses", "enterprises", NULL};

static json_t *opt_text(const char *s)
{
    return *s ? json_string(s) : json_null();
}

/* The person a body names, or the actor's own when it names none. */
static int64_t body_person(json_t *body, const struct dj_actor *actor)
{
    json_t *v = json_object_get(body, "person_id");
    if (!v || json_is_null(v))
        return actor->person_id;
    return json_is_integer(v) && json_integer_value(v) > 0 ? json_integer_value(v) : 0;
}

/* hours: a number of at most two decimals, more than 0 and at most 24 */
static int64_t hours_field(json_t *body, int64_t dflt, struct dj_err *err)
{
    json_t *v = json_object_get(body, "hours");
    if (!v || json_is_null(v)) {
        if (dflt <= 0)
            dj_err_field(err, "hours", "请填写服务时长（小时）");
        return dflt;
    }
    int64_t h;
    if (!service_centi(v, false, SERVICE_MAX_HOURS, &h)) {
        dj_err_field(err, "hours", "服务时长应大于 0、不超过 24 小时，最多两位小数");
        return 0;
    }
    return h;
}

/* ---- registrations ---- */

static json_t *registration_json(const struct dj_registration *r)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:s, s:s}", "id", (json_int_t)r->id,
                     "person_id", (json_int_t)r->person_id, "person_name", r->person_name, "staff_no",
                     r->staff_no, "branch", r->branch_name, "community", r->community, "registered_on",
                     r->registered_on, "confirmed_on", opt_text(r->confirmed_on), "confirmed",
                     *r->confirmed_on != '\0', "note", r->note, "created_at", r->created_at);
}

int registrations_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                       json_t **items, int64_t *total, struct dj_err *err)
{
    struct dj_registration *r = NULL;
    int n = 0;
    int rc = service_read_scope(db, actor, f, err);
    if (rc || (rc = store_registration_list(db, f, &r, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, registration_json(&r[i]));
    free(r);
    return 0;
}

int registrations_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_person p;
    int rc = service_person_for_write(db, actor, body_person(body, actor), true, &p, err);
    if (rc)
        return rc;
    struct dj_registration r;
    memset(&r, 0, sizeof r);
    r.bureau_id = p.bureau_id;
    r.person_id = p.id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_text(body, "community", r.community, sizeof r.community, 60, true, err);
    service_date(body, "registered_on", r.registered_on, today, true, err);
    service_text(body, "note", r.note, sizeof r.note, 200, false, err);
    if (json_object_get(body, "confirmed_on")) {
        if (!people_may_record(actor, &p))
            dj_err_field(err, "confirmed_on", "报到由党组织确认");
        else
            service_date(body, "confirmed_on", r.confirmed_on, today, false, err);
        if (*r.confirmed_on && *r.registered_on && strcmp(r.confirmed_on, r.registered_on) < 0)
            dj_err_field(err, "confirmed_on", "确认日期不能早于报到日期");
    }
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_registration_insert(db, &r, actor->user.id, err)) ||
        (rc = store_registration_get(db, r.id, &r, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = registration_json(&r);
    if ((rc = service_commit(db, audit_record(db, actor, "create", "community_registration", r.id, p.branch_id, NULL, after,
                             err), err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int registrations_confirm(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                          int64_t id, json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_registration r;
    struct dj_person p;
    int rc = store_registration_get(db, id, &r, err);
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)r.bureau_id);
    if (!rc && authz_foreign(actor, bp))
        rc = dj_err_set(err, DJ_ENOTFOUND, "报到记录不存在");
    if (rc || (rc = store_person_get(db, r.person_id, &p, err)))
        return rc;
    if (!people_may_record(actor, &p))
        return authz_refuse(actor, bp, "报到由党组织确认", err);
    if (*r.confirmed_on)
        return dj_err_set(err, DJ_ECONFLICT, "此报到已于 %s 确认", r.confirmed_on);
    char today[DJ_DATE_LEN], on[DJ_DATE_LEN] = "";
    dj_date_today(cfg->timezone, today);
    service_date(body, "confirmed_on", on, today, false, err);
    if (!*on)
        dj_copy(on, sizeof on, today);
    if (strcmp(on, r.registered_on) < 0)
        dj_err_field(err, "confirmed_on", "确认日期不能早于报到日期");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    json_t *before = registration_json(&r);
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    if ((rc = store_registration_confirm(db, id, on, actor->user.id, err)) ||
        (rc = store_registration_get(db, id, &r, err))) {
        db_rollback(db);
        json_decref(before);
        return rc;
    }
    json_t *after = registration_json(&r);
    rc = service_commit(db, audit_record(db, actor, "confirm", "community_registration", id, p.branch_id, before, after, err), err);
    json_decref(before);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

/* ---- activities ---- */

static json_t *activity_json(const struct dj_service_activity *a)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:f, s:s}", "id", (json_int_t)a->id,
                     "org_id", (json_int_t)a->org_id, "org_name", a->org_name, "kind", a->kind, "title", a->title,
                     "held_on", a->held_on, "place", a->place, "content", a->content, "signups",
                     (json_int_t)a->signups, "confirmed", (json_int_t)a->confirmed, "confirmed_hours",
                     (double)a->confirmed_hours / 100.0, "created_at", a->created_at);
}

static json_t *signup_json(const struct dj_signup *s)
{
    return json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:o, s:o, s:s}", "id", (json_int_t)s->id,
                     "activity_id", (json_int_t)s->activity_id, "person_id", (json_int_t)s->person_id,
                     "person_name", s->person_name, "staff_no", s->staff_no, "activity_title",
                     s->activity_title, "activity_kind", s->activity_kind, "held_on", s->held_on, "hours",
                     (double)s->hours / 100.0, "status", s->status, "reported_at", opt_text(s->reported_at),
                     "confirmed_at", opt_text(s->confirmed_at), "created_at", s->created_at);
}

int activities_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                    json_t **items, int64_t *total, struct dj_err *err)
{
    struct dj_service_activity *a = NULL;
    int n = 0;
    int rc = service_bureau(actor, &f->bureau_id, err);
    if (rc || (rc = store_activity_list(db, f, &a, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, activity_json(&a[i]));
    free(a);
    return 0;
}

static int activity_load(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                         struct dj_service_activity *a, struct dj_err *err)
{
    int64_t bureau;
    int rc = service_bureau(actor, &bureau, err);
    if (rc || (rc = store_activity_get(db, id, a, err)))
        return rc;
    return a->bureau_id == bureau ? 0 : dj_err_set(err, DJ_ENOTFOUND, "服务活动不存在");
}

int activities_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                   struct dj_err *err)
{
    struct dj_service_activity a;
    int rc = activity_load(db, actor, id, &a, err);
    if (rc)
        return rc;
    json_t *list = NULL;
    int64_t total = 0;
    struct dj_service_filter f = {.parent_id = id, .limit = 100000};
    if (authz_allows(actor, PERM_MEETINGS_WRITE, a.org_path)) {
        f.bureau_id = a.bureau_id; /* the organiser sees every sign-up */
        rc = signups_list(db, NULL, &f, &list, &total, err);
    } else if (actor->person_id || authz_scope(actor, PERM_PEOPLE_READ)) {
        rc = signups_list(db, actor, &f, &list, &total, err);
    } else {
        list = json_array();
    }
    if (rc)
        return rc;
    *out = activity_json(&a);
    json_object_set_new(*out, "signup_list", list);
    return 0;
}

int activities_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      json_t *body, json_t **out, struct dj_err *err)
{
    (void)cfg;
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
    struct dj_service_activity a;
    memset(&a, 0, sizeof a);
    a.bureau_id = path_root_id(org.path);
    a.org_id = org.id;
    service_text(body, "kind", a.kind, sizeof a.kind, 12, true, err);
    bool known = false;
    for (int i = 0; activity_kinds[i]; i++)
        known |= !strcmp(a.kind, activity_kinds[i]);
    if (*a.kind && !known)
        dj_err_field(err, "kind", "应为 volunteer（志愿服务）、masses（我为群众办实事）或 enterprises（万人助万企）");
    service_text(body, "title", a.title, sizeof a.title, 60, true, err);
    service_date(body, "held_on", a.held_on, NULL, true, err); /* announced before it is held */
    service_text(body, "place", a.place, sizeof a.place, 100, false, err);
    service_text(body, "content", a.content, sizeof a.content, 300, false, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_activity_insert(db, &a, actor->user.id, err)) || (rc = store_activity_get(db, a.id, &a, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = activity_json(&a);
    if ((rc = service_commit(db, audit_record(db, actor, "create", "service_activity", a.id, a.org_id, NULL, after, err), err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

/* ---- sign-ups ---- */

int signups_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t activity_id, json_t *body, json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct dj_service_activity a;
    int rc = activity_load(db, actor, activity_id, &a, err);
    if (rc)
        return rc;
    struct dj_person p;
    int64_t pid = body_person(body, actor);
    bool organiser = authz_allows(actor, PERM_MEETINGS_WRITE, a.org_path);
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (!pid || store_person_get(db, pid, &p, &lookup) || p.bureau_id != a.bureau_id)
        return dj_err_field(err, "person_id", "人员不存在");
    if (!organiser && (rc = service_person_for_write(db, actor, pid, true, &p, err)))
        return rc;
    struct dj_signup s;
    memset(&s, 0, sizeof s);
    s.bureau_id = a.bureau_id;
    s.activity_id = a.id;
    s.person_id = p.id;
    dj_copy(s.status, sizeof s.status, "signed_up");
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_signup_insert(db, &s, err)) || (rc = store_signup_get(db, s.id, &s, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = signup_json(&s);
    if ((rc = service_commit(db, audit_record(db, actor, "create", "service_signup", s.id, a.org_id, NULL, after, err), err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int signups_list(struct dj_db *db, const struct dj_actor *actor, struct dj_service_filter *f,
                 json_t **items, int64_t *total, struct dj_err *err)
{
    struct dj_signup *s = NULL;
    int n = 0;
    int rc = actor ? service_read_scope(db, actor, f, err) : 0; /* NULL: f is scoped by the caller */
    if (rc || (rc = store_signup_list(db, f, &s, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, signup_json(&s[i]));
    free(s);
    return 0;
}

static int signup_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_signup *s,
                       struct dj_err *err)
{
    int rc = store_signup_get(db, id, s, err);
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)s->bureau_id);
    if (!rc && authz_foreign(actor, bp))
        rc = dj_err_set(err, DJ_ENOTFOUND, "报名记录不存在");
    return rc;
}

static int signup_change(struct dj_db *db, const struct dj_actor *actor, struct dj_signup *s, int64_t hours,
                         const char *status, json_t **out, struct dj_err *err)
{
    struct dj_service_activity a;
    int rc = store_activity_get(db, s->activity_id, &a, err);
    if (rc)
        return rc;
    json_t *before = signup_json(s);
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    bool confirm = !strcmp(status, "confirmed");
    if ((rc = store_signup_set(db, s->id, hours, status, confirm ? actor->user.id : 0, err)) ||
        (rc = store_signup_get(db, s->id, s, err))) {
        db_rollback(db);
        json_decref(before);
        return rc;
    }
    json_t *after = signup_json(s);
    rc = confirm ? audit_record(db, actor, "confirm", "service_signup", s->id, a.org_id, before, after, err)
                 : audit_record(db, actor, "report", "service_signup", s->id, a.org_id, before, after, err);
    rc = service_commit(db, rc, err);
    json_decref(before);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int signups_report(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                   json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_signup s;
    int rc = signup_load(db, actor, id, &s, err);
    if (rc)
        return rc;
    if (actor->person_id != s.person_id) {
        char bp[32];
        snprintf(bp, sizeof bp, "/%lld/", (long long)s.bureau_id);
        return authz_refuse(actor, bp, "服务时长由本人填报", err);
    }
    if (!strcmp(s.status, "confirmed"))
        return dj_err_set(err, DJ_ECONFLICT, "服务时长已经确认");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (strcmp(s.held_on, today) > 0)
        return dj_err_set(err, DJ_ECONFLICT, "活动 %s 举行之后才能填报时长", s.held_on);
    int64_t hours = hours_field(body, 0, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    return signup_change(db, actor, &s, hours, "reported", out, err);
}

int signups_confirm(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                    json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_signup s;
    int rc = signup_load(db, actor, id, &s, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, s.org_path, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (strcmp(s.held_on, today) > 0)
        return dj_err_set(err, DJ_ECONFLICT, "活动 %s 举行之后才能确认时长", s.held_on);
    int64_t hours = hours_field(body, s.hours, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    return signup_change(db, actor, &s, hours, "confirmed", out, err);
}

/* ---- the year's figures ---- */

int service_statistics(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const char *year, json_t **out,
                       struct dj_err *err)
{
    struct dj_period per;
    /* a year, or any range "2024-01-01..2025-12-31" (api: ?from=&to=) */
    if (!year || (strlen(year) != 4 && strlen(year) != DJ_PERIOD_LEN - 1) || !dj_period_parse(year, &per))
        return dj_err_field(err, "year", "应为年份，如 2026");
    const char *scope = authz_scope(actor, PERM_PEOPLE_READ);
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看统计");
    struct dj_service_stats s;
    int rc = store_service_stats(db, path_root_id(scope), authz_path_is_root(scope) ? NULL : scope, per.first,
                                 per.last, &s, err);
    if (rc)
        return rc;
    *out = json_pack("{s:s, s:I, s:I, s:I, s:I, s:f, s:I, s:I, s:I, s:I, s:f, s:I, s:I, s:I, s:I}", "year", year,
                     "members_contacting", (json_int_t)s.members_contacting, "contacts", (json_int_t)s.contacts,
                     "households", (json_int_t)s.households, "visits", (json_int_t)s.visits, "help_amount",
                     (double)s.help_amount / 100.0, "registered_members", (json_int_t)s.registered_members,
                     "registrations", (json_int_t)s.registrations_confirmed, "activities",
                     (json_int_t)s.activities, "person_times", (json_int_t)s.person_times, "hours",
                     (double)s.hours / 100.0, "masses", (json_int_t)s.masses, "enterprises",
                     (json_int_t)s.enterprises, "pairings", (json_int_t)s.pairings, "pairing_activities",
                     (json_int_t)s.pairing_activities);
    /* ideas (migration 030): suggestions made in the year and their decisions, mottos approved */
    struct dj_idea_stats is;
    if ((rc = store_idea_stats(db, path_root_id(scope), authz_path_is_root(scope) ? NULL : scope, per.first,
                               per.last, &is, err))) {
        json_decref(*out);
        *out = NULL;
        return rc;
    }
    json_t *ideas = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "topics", (json_int_t)is.topics,
                              "suggestions", (json_int_t)is.suggestions, "adopted", (json_int_t)is.adopted,
                              "merged", (json_int_t)is.merged, "declined", (json_int_t)is.declined, "idea_tasks",
                              (json_int_t)is.tasks, "mottos_approved", (json_int_t)is.mottos_approved);
    json_object_update(*out, ideas);
    json_decref(ideas);
    /* duty rosters: served duty of the year (shifts ended by today, not absent) */
    int64_t duty_shifts, duty_hours;
    if ((rc = duty_year_figures(db, cfg, path_root_id(scope), authz_path_is_root(scope) ? NULL : scope, per.first,
                                per.last, &duty_shifts, &duty_hours, err))) {
        json_decref(*out);
        *out = NULL;
        return rc;
    }
    json_object_set_new(*out, "duty_shifts", json_integer(duty_shifts));
    json_object_set_new(*out, "duty_hours", json_real((double)duty_hours / 100.0));
    return 0;
}
