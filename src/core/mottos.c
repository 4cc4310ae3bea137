#include "core/mottos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/contacts.h"
#include "core/people.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

#define ROTATION_MAX_DAYS (366 * 200) /* a day's pick walks at most this far */

static json_t *opt_text(const char *s)
{
    return *s ? json_string(s) : json_null();
}

static bool organiser(const struct dj_actor *actor, int64_t bureau_id)
{
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)bureau_id);
    return authz_allows(actor, PERM_MEETINGS_WRITE, bp);
}

static json_t *motto_json(const struct dj_motto *m)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)m->id, "person_id",
                     (json_int_t)m->person_id, "person_name", m->person_name, "branch", m->branch_name, "text",
                     m->text, "submitted_on", m->submitted_on, "status", m->status, "reviewed_on",
                     opt_text(m->reviewed_on), "review_note", m->review_note, "created_at", m->created_at);
}

int mottos_list(struct dj_db *db, const struct dj_actor *actor, struct dj_idea_filter *f, json_t **items,
                int64_t *total, struct dj_err *err)
{
    int rc = service_bureau(actor, &f->bureau_id, err);
    if (rc)
        return rc;
    f->all_status = organiser(actor, f->bureau_id);
    f->own_id = actor->person_id;
    struct dj_motto *m = NULL;
    int n = 0;
    if ((rc = store_motto_list(db, f, &m, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, motto_json(&m[i]));
    free(m);
    return 0;
}

int mottos_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, json_t *body,
                  json_t **out, struct dj_err *err)
{
    json_t *v = json_object_get(body, "person_id");
    int64_t pid = actor->person_id;
    if (v && !json_is_null(v))
        pid = json_is_integer(v) && json_integer_value(v) > 0 ? json_integer_value(v) : 0;
    struct dj_person p;
    int rc = service_person_for_write(db, actor, pid, true, &p, err);
    if (rc)
        return rc;
    struct dj_motto m;
    memset(&m, 0, sizeof m);
    m.bureau_id = p.bureau_id;
    m.person_id = p.id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_text(body, "text", m.text, sizeof m.text, 100, true, err);
    service_date(body, "submitted_on", m.submitted_on, today, false, err);
    if (!*m.submitted_on)
        dj_copy(m.submitted_on, sizeof m.submitted_on, today);
    if (err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_motto_insert(db, &m, actor->user.id, err)) || (rc = store_motto_get(db, m.id, &m, err))) {
        db_rollback(db);
        return rc;
    }
    json_t *after = motto_json(&m);
    rc = service_commit(db, audit_record(db, actor, "create", "motto", m.id, p.branch_id ? p.branch_id : m.bureau_id,
                                         NULL, after, err),
                        err);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int mottos_review(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                  json_t *body, json_t **out, struct dj_err *err)
{
    int64_t bureau;
    struct dj_motto m;
    int rc = service_bureau(actor, &bureau, err);
    if (rc || (rc = store_motto_get(db, id, &m, err)))
        return rc;
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)m.bureau_id);
    if (m.bureau_id != bureau)
        return dj_err_set(err, DJ_ENOTFOUND, "格言不存在");
    if (!organiser(actor, m.bureau_id))
        return authz_refuse(actor, bp, "格言由机关党委审核", err);
    if (strcmp(m.status, "pending"))
        return dj_err_set(err, DJ_ECONFLICT, "此格言已于 %s 审核", m.reviewed_on);
    json_t *before = motto_json(&m);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    service_text(body, "decision", m.status, sizeof m.status, 10, true, err);
    if (*m.status && strcmp(m.status, "approved") && strcmp(m.status, "rejected"))
        dj_err_field(err, "decision", "应为 approved（通过）或 rejected（不通过）");
    service_text(body, "note", m.review_note, sizeof m.review_note, 60, !strcmp(m.status, "rejected"), err);
    service_date(body, "reviewed_on", m.reviewed_on, today, false, err);
    if (!*m.reviewed_on)
        dj_copy(m.reviewed_on, sizeof m.reviewed_on, today);
    if (strcmp(m.reviewed_on, m.submitted_on) < 0)
        dj_err_field(err, "reviewed_on", "审核日期不能早于提交日期");
    if (err->code == DJ_EINVAL) {
        json_decref(before);
        return DJ_EINVAL;
    }
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    if ((rc = store_motto_review(db, &m, actor->user.id, err)) || (rc = store_motto_get(db, id, &m, err))) {
        db_rollback(db);
        json_decref(before);
        return rc;
    }
    json_t *after = motto_json(&m);
    rc = service_commit(db, audit_record(db, actor, "review", "motto", id, m.bureau_id, before, after, err), err);
    json_decref(before);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

/* ---- the motto of the day ---- */

int motto_rotation_pick(const int64_t *approved_days, int n, int64_t day)
{
    if (n <= 0 || day <= approved_days[0])
        return -1;
    int64_t start = approved_days[0] + 1;
    if (day - start > ROTATION_MAX_DAYS)
        start = day - ROTATION_MAX_DAYS; /* far future: the walk is bounded (still by date alone) */
    int eligible = 0, next = 0, pick = -1;
    for (int64_t d = start; d <= day; d++) {
        while (eligible < n && approved_days[eligible] < d)
            eligible++;
        if (next >= eligible)
            next = 0; /* every motto shown: a new round */
        pick = next++;
    }
    return pick;
}

int motto_of_day(struct dj_db *db, int64_t bureau_id, const char *date, json_t **out, struct dj_err *err)
{
    *out = NULL;
    if (!date || !dj_date_valid(date))
        return dj_err_field(err, "date", "应为日期 YYYY-MM-DD");
    struct dj_motto_approval *a = NULL;
    int n = 0;
    int rc = store_motto_approvals(db, bureau_id, date, &a, &n, err);
    if (rc)
        return rc;
    int64_t *days = n ? malloc((size_t)n * sizeof *days) : NULL;
    if (n && !days) {
        free(a);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    for (int i = 0; i < n; i++)
        days[i] = dj_date_days(a[i].reviewed_on);
    int pick = motto_rotation_pick(days, n, dj_date_days(date));
    int64_t id = pick >= 0 ? a[pick].id : 0;
    free(days);
    free(a);
    if (!id)
        return 0;
    struct dj_motto m;
    if ((rc = store_motto_get(db, id, &m, err)))
        return rc;
    *out = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)m.id, "text", m.text, "person_name",
                     m.person_name, "branch", m.branch_name, "reviewed_on", m.reviewed_on);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int mottos_today(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const char *date,
                 json_t **out, struct dj_err *err)
{
    int64_t bureau;
    int rc = service_bureau(actor, &bureau, err);
    if (rc)
        return rc;
    char today[DJ_DATE_LEN];
    if (!date) {
        dj_date_today(cfg->timezone, today);
        date = today;
    }
    json_t *m = NULL;
    if ((rc = motto_of_day(db, bureau, date, &m, err)))
        return rc;
    *out = json_pack("{s:s, s:o}", "date", date, "motto", m ? m : json_null());
    return 0;
}
