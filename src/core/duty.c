#include "core/duty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/contacts.h"
#include "core/people.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

#define MAX_DAYS 92

static const char *const roster_kinds[] = {"flood", "checkpoint", "other", NULL};

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static double hours_of(const char *a, const char *b)
{
    return (double)duty_minutes(a, b) / 60.0;
}

static int commit_out(struct dj_db *db, int audit_rc, json_t *after, json_t **out, struct dj_err *err)
{
    int rc = service_commit(db, audit_rc, err);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

/* ---- rosters and shifts ---- */

static json_t *roster_json(const struct dj_roster *r)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:s}", "id", (json_int_t)r->id, "org_id",
                     (json_int_t)r->org_id, "org_name", r->org_name, "kind", r->kind, "title", r->title, "place",
                     r->place, "note", r->note, "shifts", (json_int_t)r->shifts, "first_day",
                     *r->first_day ? json_string(r->first_day) : json_null(), "last_day",
                     *r->last_day ? json_string(r->last_day) : json_null(), "created_at", r->created_at);
}

static json_t *shift_json(const struct dj_shift *s)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:f, s:s, s:I, s:I}", "id", (json_int_t)s->id, "roster_id",
                     (json_int_t)s->roster_id, "starts_at", s->starts_at, "ends_at", s->ends_at, "hours",
                     hours_of(s->starts_at, s->ends_at), "place", s->place, "required", (json_int_t)s->required,
                     "assigned", (json_int_t)s->assigned);
}

static json_t *assignment_json(const struct dj_assignment *a)
{
    json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:b}", "id",
                          (json_int_t)a->id, "shift_id", (json_int_t)a->shift_id, "roster_id",
                          (json_int_t)a->roster_id, "person_id", (json_int_t)a->person_id, "person_name",
                          a->person_name, "staff_no", a->staff_no, "roster_title", a->roster_title, "roster_kind",
                          a->roster_kind, "starts_at", a->starts_at, "ends_at", a->ends_at, "place", a->place,
                          "hours", hours_of(a->starts_at, a->ends_at), "absent", a->absent);
    json_object_set_new(j, "swap_to", opt_id(a->swap_to));
    json_object_set_new(j, "swap_to_name", json_string(a->swap_to_name));
    json_object_set_new(j, "swap_reason", json_string(a->swap_reason));
    json_object_set_new(j, "swap_status", *a->swap_status ? json_string(a->swap_status) : json_null());
    json_object_set_new(j, "swapped_from", opt_id(a->swapped_from));
    return j;
}

int rosters_list(struct dj_db *db, const struct dj_actor *actor, struct dj_duty_filter *f, json_t **items,
                 int64_t *total, struct dj_err *err)
{
    struct dj_roster *r = NULL;
    int n = 0;
    int rc = service_bureau(actor, &f->bureau_id, err);
    if (rc || (rc = store_roster_list(db, f, &r, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, roster_json(&r[i]));
    free(r);
    return 0;
}

static int roster_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_roster *r,
                       struct dj_err *err)
{
    int64_t bureau;
    int rc = service_bureau(actor, &bureau, err);
    if (rc || (rc = store_roster_get(db, id, r, err)))
        return rc;
    return r->bureau_id == bureau ? 0 : dj_err_set(err, DJ_ENOTFOUND, "值班表不存在");
}

int rosters_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_roster r;
    int rc = roster_load(db, actor, id, &r, err);
    if (rc)
        return rc;
    struct dj_shift *s = NULL;
    int n = 0;
    struct dj_assignment *a = NULL;
    int na = 0;
    int64_t total;
    struct dj_duty_filter f = {.bureau_id = r.bureau_id, .roster_id = id, .limit = 100000};
    if ((rc = store_shift_list(db, id, &s, &n, err)) ||
        (rc = store_assignment_list(db, &f, &a, &na, &total, err))) {
        free(s);
        return rc;
    }
    json_t *shifts = json_array();
    for (int i = 0; i < n; i++) {
        json_t *sj = shift_json(&s[i]);
        json_t *people = json_array();
        for (int k = 0; k < na; k++) /* the roster is posted: who is on each shift, by name */
            if (a[k].shift_id == s[i].id)
                json_array_append_new(people, json_pack("{s:I, s:I, s:s, s:b}", "assignment_id",
                                                        (json_int_t)a[k].id, "person_id", (json_int_t)a[k].person_id,
                                                        "person_name", a[k].person_name, "absent", a[k].absent));
        json_object_set_new(sj, "people", people);
        json_array_append_new(shifts, sj);
    }
    free(s);
    free(a);
    *out = roster_json(&r);
    json_object_set_new(*out, "shift_list", shifts);
    json_object_set_new(*out, "may_write", json_boolean(authz_allows(actor, PERM_MEETINGS_WRITE, r.org_path)));
    return 0;
}

int rosters_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t *body,
                   json_t **out, struct dj_err *err)
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
    struct dj_roster r;
    memset(&r, 0, sizeof r);
    r.bureau_id = path_root_id(org.path);
    r.org_id = org.id;
    service_text(body, "kind", r.kind, sizeof r.kind, 12, true, err);
    bool known = false;
    for (int i = 0; roster_kinds[i]; i++)
        known |= !strcmp(r.kind, roster_kinds[i]);
    if (*r.kind && !known)
        dj_err_field(err, "kind", "应为 flood（防汛值班）、checkpoint（卡点值守）或 other（其他）");
    service_text(body, "title", r.title, sizeof r.title, 60, true, err);
    service_text(body, "place", r.place, sizeof r.place, 100, false, err);
    service_text(body, "note", r.note, sizeof r.note, 200, false, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_roster_insert(db, &r, actor->user.id, err)) || (rc = store_roster_get(db, r.id, &r, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = roster_json(&r);
    return commit_out(db, audit_record(db, actor, "create", "duty_roster", r.id, r.org_id, NULL, after, err), after,
                      out, err);
}

/* "HH:MM" */
static bool time_valid(const char *s)
{
    return s && strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
           s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && atoi(s) < 24;
}

/* day + time + minutes as "YYYY-MM-DDTHH:MM" */
static void time_after(const char *day, const char *hhmm, int64_t minutes, char out[17])
{
    int64_t m = atoi(hhmm) * 60 + atoi(hhmm + 3) + minutes;
    char d[DJ_DATE_LEN];
    dj_date_add_days(day, (int)(m / 1440), d);
    m %= 1440;
    char buf[40];
    snprintf(buf, sizeof buf, "%.10sT%02d:%02d", d, (int)(m / 60) % 24, (int)(m % 60) % 60);
    dj_copy(out, 17, buf);
}

int shifts_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t roster_id,
                  json_t *body, json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct dj_roster r;
    int rc = roster_load(db, actor, roster_id, &r, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, r.org_path, err)))
        return rc;
    char from[DJ_DATE_LEN] = "", to[DJ_DATE_LEN] = "", start[8] = "", place[200] = "";
    service_date(body, "from", from, NULL, true, err);
    service_date(body, "to", to, NULL, false, err);
    if (!*to)
        dj_copy(to, sizeof to, from);
    if (*from && (strcmp(to, from) < 0 || dj_date_days(to) - dj_date_days(from) >= MAX_DAYS))
        dj_err_field(err, "to", "应不早于开始日期，且一次最多 92 天");
    service_text(body, "start_time", start, sizeof start, 5, true, err);
    if (*start && !time_valid(start))
        dj_err_field(err, "start_time", "应为时间 HH:MM");
    int64_t hours = 0;
    json_t *h = json_object_get(body, "hours");
    if (!h || !service_centi(h, false, 2400, &hours) || hours < 50)
        dj_err_field(err, "hours", "应为 0.5 到 24 小时，最多两位小数");
    json_t *req = json_object_get(body, "required");
    if (!json_is_integer(req) || json_integer_value(req) < 1 || json_integer_value(req) > 50)
        dj_err_field(err, "required", "应为 1 到 50 人");
    service_text(body, "place", place, sizeof place, 100, false, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    int64_t minutes = (hours * 60 + 50) / 100;
    json_t *list = json_array(), *audit_list = json_array();
    if ((rc = db_begin_write(db, err)))
        goto done;
    for (int64_t d = dj_date_days(from); d <= dj_date_days(to) && !rc; d++) {
        struct dj_shift s;
        memset(&s, 0, sizeof s);
        s.bureau_id = r.bureau_id;
        s.roster_id = r.id;
        s.required = json_integer_value(req);
        dj_copy(s.place, sizeof s.place, place);
        char day[DJ_DATE_LEN];
        dj_date_from_days(d, day);
        time_after(day, start, 0, s.starts_at);
        time_after(day, start, minutes, s.ends_at);
        if (!(rc = store_shift_insert(db, &s, err))) {
            json_array_append_new(list, shift_json(&s));
            json_array_append_new(audit_list, json_pack("{s:I, s:s}", "id", (json_int_t)s.id, "starts_at", s.starts_at));
        }
    }
    if (rc) {
        db_rollback(db);
        goto done;
    }
    json_t *after = json_pack("{s:o}", "shifts", list);
    list = NULL;
    json_t *logged = json_pack("{s:s, s:s, s:s, s:f, s:I, s:O}", "from", from, "to", to, "start_time", start, "hours",
                               (double)hours / 100.0, "required", json_integer_value(req), "shifts", audit_list);
    rc = audit_record(db, actor, "shifts", "duty_roster", r.id, r.org_id, NULL, logged, err);
    json_decref(logged);
    rc = commit_out(db, rc, after, out, err);
done:
    json_decref(list);
    json_decref(audit_list);
    return rc;
}

/* ---- assignments ---- */

static int shift_of(struct dj_db *db, const struct dj_actor *actor, int64_t shift_id, struct dj_shift *s,
                    struct dj_roster *r, struct dj_err *err)
{
    int rc = store_shift_get(db, shift_id, s, err);
    if (rc)
        return rc;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (roster_load(db, actor, s->roster_id, r, &lookup))
        return dj_err_set(err, DJ_ENOTFOUND, "班次不存在");
    return 0;
}

/* May the person take the shift: free, available that day, not on another shift then. */
static int may_take(struct dj_db *db, int64_t person_id, const struct dj_shift *s, struct dj_err *err)
{
    bool busy = false;
    char first[DJ_DATE_LEN], last[DJ_DATE_LEN];
    snprintf(first, sizeof first, "%.10s", s->starts_at);
    snprintf(last, sizeof last, "%.10s", s->ends_at);
    if (!strcmp(s->ends_at + 11, "00:00") && strcmp(first, last)) /* ends at midnight: not the next day */
        dj_date_add_days(last, -1, last);
    int rc = store_unavailable_between(db, person_id, first, last, &busy, err);
    if (!rc && busy)
        return dj_err_set(err, DJ_ECONFLICT, "此人已登记 %s 不能值班", first);
    if (!rc && !(rc = store_assignment_overlaps(db, person_id, s->id, s->starts_at, s->ends_at, &busy, err)) && busy)
        return dj_err_set(err, DJ_ECONFLICT, "此人在这段时间已有其他班次");
    return rc;
}

int assignments_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t shift_id, json_t *body, json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct dj_shift s;
    struct dj_roster r;
    int rc = shift_of(db, actor, shift_id, &s, &r, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, r.org_path, err)))
        return rc;
    json_t *v = json_object_get(body, "person_id");
    struct dj_person p;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (!json_is_integer(v) || store_person_get(db, json_integer_value(v), &p, &lookup) || p.bureau_id != r.bureau_id)
        return dj_err_field(err, "person_id", "人员不存在");
    if (s.assigned >= s.required)
        return dj_err_set(err, DJ_ECONFLICT, "该班次已满 %lld 人", (long long)s.required);
    if ((rc = may_take(db, p.id, &s, err)))
        return rc;
    struct dj_assignment a;
    memset(&a, 0, sizeof a);
    a.bureau_id = r.bureau_id;
    a.shift_id = s.id;
    a.person_id = p.id;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_assignment_insert(db, &a, actor->user.id, err)) || (rc = store_assignment_get(db, a.id, &a, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = assignment_json(&a);
    return commit_out(db, audit_record(db, actor, "create", "duty_assignment", a.id, r.org_id, NULL, after, err),
                      after, out, err);
}

int assignments_list(struct dj_db *db, const struct dj_actor *actor, struct dj_duty_filter *f, json_t **items,
                     int64_t *total, struct dj_err *err)
{
    struct dj_service_filter sf = {.person_id = f->person_id};
    int rc = service_read_scope(db, actor, &sf, err);
    if (rc)
        return rc;
    f->bureau_id = sf.bureau_id;
    f->branch_path = sf.branch_path;
    f->person_id = sf.person_id;
    struct dj_assignment *a = NULL;
    int n = 0;
    if ((rc = store_assignment_list(db, f, &a, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, assignment_json(&a[i]));
    free(a);
    return 0;
}

static int assignment_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_assignment *a,
                           struct dj_err *err)
{
    int64_t bureau;
    int rc = service_bureau(actor, &bureau, err);
    if (rc || (rc = store_assignment_get(db, id, a, err)))
        return rc;
    return a->bureau_id == bureau ? 0 : dj_err_set(err, DJ_ENOTFOUND, "值班安排不存在");
}

/* Writes the changed assignment with its audit record (action). */
static int assignment_change(struct dj_db *db, const struct dj_actor *actor, struct dj_assignment *a,
                             json_t *before, const char *action, json_t **out, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc) {
        json_decref(before);
        return rc;
    }
    if ((rc = store_assignment_update(db, a, err)) || (rc = store_assignment_get(db, a->id, a, err))) {
        db_rollback(db);
        json_decref(before);
        return rc;
    }
    json_t *after = assignment_json(a);
    struct dj_shift s;
    struct dj_roster r;
    int64_t org = 0;
    if (!store_shift_get(db, a->shift_id, &s, err) && !store_roster_get(db, s.roster_id, &r, err))
        org = r.org_id;
    rc = audit_record(db, actor, action, "duty_assignment", a->id, org, before, after, err);
    json_decref(before);
    return commit_out(db, rc, after, out, err);
}

int assignments_swap(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                     json_t *body, json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct dj_assignment a;
    int rc = assignment_load(db, actor, id, &a, err);
    if (rc)
        return rc;
    if (actor->person_id != a.person_id) {
        char bp[32];
        snprintf(bp, sizeof bp, "/%lld/", (long long)a.bureau_id);
        return authz_refuse(actor, bp, "换班由值班人本人申请", err);
    }
    if (!strcmp(a.swap_status, "pending"))
        return dj_err_set(err, DJ_ECONFLICT, "已有待审批的换班申请");
    json_t *v = json_object_get(body, "to_person_id");
    struct dj_person p;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (!json_is_integer(v) || store_person_get(db, json_integer_value(v), &p, &lookup) ||
        p.bureau_id != a.bureau_id || p.id == a.person_id)
        dj_err_field(err, "to_person_id", "应为本局另一名人员");
    char reason[200] = "";
    service_text(body, "reason", reason, sizeof reason, 60, true, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    json_t *before = assignment_json(&a);
    a.swap_to = p.id;
    dj_copy(a.swap_reason, sizeof a.swap_reason, reason);
    dj_copy(a.swap_status, sizeof a.swap_status, "pending");
    return assignment_change(db, actor, &a, before, "swap", out, err);
}

int assignments_swap_decide(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                            int64_t id, json_t *body, json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct dj_assignment a;
    int rc = assignment_load(db, actor, id, &a, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, a.org_path, err)))
        return rc;
    if (strcmp(a.swap_status, "pending"))
        return dj_err_set(err, DJ_ECONFLICT, "没有待审批的换班申请");
    char decision[12] = "";
    service_text(body, "decision", decision, sizeof decision, 10, true, err);
    if (*decision && strcmp(decision, "approved") && strcmp(decision, "rejected"))
        dj_err_field(err, "decision", "应为 approved（同意）或 rejected（不同意）");
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    json_t *before = assignment_json(&a);
    if (!strcmp(decision, "approved")) {
        struct dj_shift s;
        bool dup = false;
        if (!(rc = store_shift_get(db, a.shift_id, &s, err)) && !(rc = may_take(db, a.swap_to, &s, err))) {
            struct dj_duty_filter f = {.bureau_id = a.bureau_id, .person_id = a.swap_to, .roster_id = a.roster_id,
                                       .limit = 100000};
            struct dj_assignment *same = NULL;
            int n = 0;
            int64_t total;
            if (!(rc = store_assignment_list(db, &f, &same, &n, &total, err)))
                for (int i = 0; i < n; i++)
                    dup |= same[i].shift_id == a.shift_id;
            free(same);
            if (!rc && dup)
                rc = dj_err_set(err, DJ_ECONFLICT, "接班人已在该班次");
        }
        if (rc) {
            json_decref(before);
            return rc;
        }
        a.swapped_from = a.person_id;
        a.person_id = a.swap_to;
    }
    dj_copy(a.swap_status, sizeof a.swap_status, decision);
    return assignment_change(db, actor, &a, before, "swap_decide", out, err);
}

int assignments_absent(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                       json_t *body, json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct dj_assignment a;
    int rc = assignment_load(db, actor, id, &a, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, a.org_path, err)))
        return rc;
    json_t *v = json_object_get(body, "absent");
    if (!json_is_boolean(v))
        return dj_err_field(err, "absent", "应为 true 或 false");
    json_t *before = assignment_json(&a);
    a.absent = json_is_true(v);
    return assignment_change(db, actor, &a, before, "absent", out, err);
}

/* ---- availability ---- */

static json_t *unavailable_json(const struct dj_unavailable *u)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)u->id, "person_id", (json_int_t)u->person_id,
                     "person_name", u->person_name, "day", u->day, "note", u->note, "created_at", u->created_at);
}

int unavailable_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t *body,
                       json_t **out, struct dj_err *err)
{
    (void)cfg;
    json_t *v = json_object_get(body, "person_id");
    int64_t pid = actor->person_id;
    if (v && !json_is_null(v))
        pid = json_is_integer(v) && json_integer_value(v) > 0 ? json_integer_value(v) : 0;
    struct dj_person p;
    int rc = service_person_for_write(db, actor, pid, true, &p, err);
    if (rc)
        return rc;
    struct dj_unavailable u;
    memset(&u, 0, sizeof u);
    u.bureau_id = p.bureau_id;
    u.person_id = p.id;
    service_date(body, "day", u.day, NULL, true, err);
    service_text(body, "note", u.note, sizeof u.note, 60, false, err);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    dj_copy(u.person_name, sizeof u.person_name, p.name);
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_unavailable_insert(db, &u, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = unavailable_json(&u);
    return commit_out(db,
                      audit_record(db, actor, "create", "duty_unavailable", u.id, p.branch_id ? p.branch_id : u.bureau_id,
                                   NULL, after, err),
                      after, out, err);
}

int unavailable_list(struct dj_db *db, const struct dj_actor *actor, struct dj_duty_filter *f, json_t **items,
                     int64_t *total, struct dj_err *err)
{
    struct dj_service_filter sf = {.person_id = f->person_id};
    int rc = service_read_scope(db, actor, &sf, err);
    if (rc)
        return rc;
    f->bureau_id = sf.bureau_id;
    f->branch_path = sf.branch_path;
    f->person_id = sf.person_id;
    struct dj_unavailable *u = NULL;
    int n = 0;
    if ((rc = store_unavailable_list(db, f, &u, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, unavailable_json(&u[i]));
    free(u);
    return 0;
}

/* ---- the year's figures ---- */

int duty_year_figures(struct dj_db *db, const struct dj_config *cfg, int64_t bureau_id, const char *branch_path,
                      const char *first, const char *last, int64_t *shifts, int64_t *hours, struct dj_err *err)
{
    char today[DJ_DATE_LEN], until[20];
    dj_date_today(cfg->timezone, today);
    snprintf(until, sizeof until, "%.10sT23:59", today);
    struct dj_duty_fact *f = NULL;
    int n = 0;
    int rc = store_duty_facts(db, bureau_id, branch_path, first, last, until, &f, &n, err);
    if (rc)
        return rc;
    int64_t minutes = 0;
    for (int i = 0; i < n; i++)
        minutes += f[i].minutes;
    free(f);
    *shifts = n;
    *hours = (minutes * 100 + 30) / 60;
    return 0;
}
