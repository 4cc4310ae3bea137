#include "core/secretary_reviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/appraisal_rules.h"
#include "core/audit.h"
#include "store/appraisals.h"
#include "store/learning.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static bool is_admin(const struct dj_actor *a, int64_t bureau_id)
{
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)bureau_id);
    return actor_is_system(a) || authz_has_role(a, "party_admin", bp, 0);
}

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* {好: n, 较好: n, 一般: n, 差: n}: counts only */
static json_t *counts_json(const struct dj_tally *t, int nt)
{
    json_t *o = json_object();
    for (int g = 0; g < APPRAISAL_NGRADES; g++) {
        int votes = 0;
        for (int i = 0; i < nt; i++)
            if (!strcmp(t[i].grade, review_grades[g]))
                votes += t[i].votes;
        json_object_set_new(o, review_grades[g], json_integer(votes));
    }
    return o;
}

static json_t *review_json(const struct dj_secretary_review *r, const struct dj_tally *t, int nt, bool full)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:i, s:s, s:s, s:o, s:i, s:o}", "id", (json_int_t)r->id,
                          "org_id", (json_int_t)r->org_id, "org", r->org_name, "person_id",
                          (json_int_t)r->person_id, "secretary", r->person_name, "year", r->year, "status",
                          r->status, "opened_on", r->opened_on, "closed_on", opt_text(r->closed_on), "ballots",
                          r->ballots, "counts", counts_json(t, nt));
    if (full) {
        json_error_t jerr;
        json_t *fig = json_loads(r->figures, 0, &jerr);
        json_object_set_new(o, "report", json_string(r->report));
        json_object_set_new(o, "figures", fig ? fig : json_object());
    }
    return o;
}

static int load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_secretary_review *r,
                struct dj_err *err)
{
    int rc = store_review_get(db, id, r, err);
    if (!rc && (authz_foreign(actor, r->org_path) || (!actor_is_system(actor) && !actor->user.bureau_id)))
        rc = dj_err_set(err, DJ_ENOTFOUND, "述职评议不存在");
    return rc;
}

int reviews_list(struct dj_db *db, const struct dj_actor *actor, int year, int64_t org_id, const char *status,
                 int limit, int offset, json_t **items, int64_t *total, struct dj_err *err)
{
    if (!actor->user.bureau_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    struct dj_secretary_review *r = NULL;
    int n = 0;
    int rc = store_reviews_list(db, actor->user.bureau_id, year, &r, &n, err);
    if (rc)
        return rc;
    *items = json_array();
    *total = 0;
    for (int i = 0; i < n && !rc; i++) {
        if ((org_id && r[i].org_id != org_id) || (status && strcmp(status, r[i].status)))
            continue;
        if (*total >= offset && *total < (int64_t)offset + limit) {
            struct dj_tally *t = NULL;
            int nt = 0;
            if (!(rc = store_review_tallies(db, r[i].id, &t, &nt, err)))
                json_array_append_new(*items, review_json(&r[i], t, nt, false));
            free(t);
        }
        (*total)++;
    }
    free(r);
    if (rc)
        json_decref(*items);
    return rc;
}

/* The figures of the branch's year from the records (the statistics' own counts). */
static int figures_of(struct dj_db *db, const struct dj_org *o, int64_t bureau_id, int year, char *out,
                      size_t size, struct dj_err *err)
{
    char first[24], last[24];
    snprintf(first, sizeof first, "%04d-01-01", year);
    snprintf(last, sizeof last, "%04d-12-31", year);
    struct dj_meeting_fact *mf = NULL;
    struct dj_attendance_stat *as = NULL;
    struct dj_learning_stat *ls = NULL;
    int nmf = 0, nas = 0, nls = 0;
    int rc = store_meeting_facts(db, o->path, first, last, &mf, &nmf, err);
    if (!rc)
        rc = store_attendance_counts(db, o->path, first, last, &as, &nas, err);
    if (!rc)
        rc = store_learning_stats(db, bureau_id, o->path, first, last, 0, &ls, &nls, err);
    if (!rc) {
        int late = 0;
        long expected = 0, present = 0, lectures = 0, hours = 0;
        for (int i = 0; i < nmf; i++)
            late += mf[i].late;
        for (int i = 0; i < nas; i++) {
            expected += as[i].expected;
            present += as[i].present + as[i].late;
        }
        for (int i = 0; i < nls; i++) {
            lectures += ls[i].lectures_attended;
            hours += (long)ls[i].study_hours;
        }
        json_t *f = json_pack("{s:i, s:i, s:i, s:I, s:I, s:I, s:I, s:f}", "year", year, "meetings_held", nmf,
                              "meetings_late", late, "attendance_expected", (json_int_t)expected,
                              "attendance_present", (json_int_t)present, "attendance_rate",
                              (json_int_t)(expected ? (present * 1000 / expected + 5) / 10 : 0),
                              "lectures_attended", (json_int_t)lectures, "study_hours", (double)hours / 100.0);
        char *text = f ? json_dumps(f, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        if (!text || strlen(text) >= size)
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        else
            dj_copy(out, size, text);
        free(text);
        json_decref(f);
    }
    free(mf);
    free(as);
    free(ls);
    return rc;
}

/* The branch's 书记 on day (committee posts), 0 when none. */
static int64_t secretary_of(struct dj_db *db, int64_t org_id, const char *day)
{
    struct dj_committee_member *cm = NULL;
    int n = 0;
    int64_t who = 0;
    struct dj_err e;
    dj_err_clear(&e);
    if (store_committee_list(db, org_id, &cm, &n, &e))
        return 0;
    for (int i = 0; i < n; i++)
        if (!strcmp(cm[i].post, "书记") && strcmp(cm[i].start_on, day) <= 0 &&
            (!*cm[i].end_on || strcmp(cm[i].end_on, day) >= 0))
            who = cm[i].person_id;
    free(cm);
    return who;
}

static int write_done(struct dj_db *db, const struct dj_actor *actor, const char *action, int64_t id,
                      int64_t org_id, json_t *after, int rc, struct dj_err *err)
{
    if (!rc)
        rc = audit_record(db, actor, action, "secretary_review", id, org_id, NULL, after, err);
    if (!rc)
        rc = db_commit(db, err);
    if (rc)
        db_rollback(db);
    json_decref(after);
    return rc;
}

int reviews_open(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t org_id,
                 int64_t person_id, int year, json_t **out, struct dj_err *err)
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
    int64_t bureau = authz_path_bureau(o.path);
    if (!is_admin(actor, bureau))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委（党务管理员）可以组织述职评议");
    if (strcmp(o.type, "党支部") && strcmp(o.type, "党总支"))
        return dj_err_field(err, "org_id", "述职评议以党支部为单位");
    if (year < this_year - 1 || year > this_year)
        return dj_err_field(err, "year", "应为今年或上一年");
    if (!person_id && !(person_id = secretary_of(db, org_id, today)))
        return dj_err_field(err, "person_id", "本支部没有在任书记，请指定述职人");
    struct dj_person p;
    if (store_person_get(db, person_id, &p, &lookup) || p.bureau_id != bureau)
        return dj_err_field(err, "person_id", "人员不存在");
    struct dj_secretary_review r;
    memset(&r, 0, sizeof r);
    r.bureau_id = bureau;
    r.org_id = org_id;
    r.person_id = person_id;
    r.year = year;
    dj_copy(r.opened_on, sizeof r.opened_on, today);
    int rc = figures_of(db, &o, bureau, year, r.figures, sizeof r.figures, err);
    if (rc || (rc = db_begin_write(db, err)))
        return rc;
    rc = store_review_insert(db, &r, actor->user.id, err);
    if (rc == DJ_ECONFLICT)
        dj_err_set(err, DJ_ECONFLICT, "本支部这一年的述职评议已经开始");
    if (!rc)
        rc = store_review_get(db, r.id, &r, err);
    json_t *after = rc ? NULL : review_json(&r, NULL, 0, true);
    if ((rc = write_done(db, actor, "create", r.id, org_id, json_incref(after), rc, err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int reviews_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_secretary_review *r = malloc(sizeof *r);
    struct dj_tally *t = NULL;
    int nt = 0;
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = load(db, actor, id, r, err);
    bool voted = false;
    if (!rc)
        rc = store_review_tallies(db, id, &t, &nt, err);
    if (!rc && actor->person_id)
        rc = store_review_voted(db, id, actor->person_id, &voted, err);
    if (!rc) {
        *out = review_json(r, t, nt, true);
        json_object_set_new(*out, "voted", json_boolean(voted));
        json_object_set_new(*out, "can_rate", json_boolean(!voted && actor->person_id &&
                                                             actor->person_id != r->person_id &&
                                                             !strcmp(r->status, "open")));
    }
    free(t);
    free(r);
    return rc;
}

int reviews_report(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *report, json_t **out,
                   struct dj_err *err)
{
    struct dj_secretary_review *r = malloc(sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = load(db, actor, id, r, err);
    if (!rc && !(actor->person_id && actor->person_id == r->person_id) && !is_admin(actor, r->bureau_id))
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有述职的书记本人或党务管理员可以填写述职报告");
    else if (!rc && strcmp(r->status, "open"))
        rc = dj_err_set(err, DJ_ECONFLICT, "述职评议已结束");
    else if (!rc && (!report || dj_utf8_length(report) < 20 || dj_utf8_length(report) > 2500 ||
                     strlen(report) >= sizeof r->report))
        rc = dj_err_field(err, "report", "述职报告应为 20 至 2500 个字");
    if (!rc && !(rc = db_begin_write(db, err))) {
        rc = store_review_report_set(db, id, report, err);
        rc = write_done(db, actor, "report", id, r->org_id, json_pack("{s:s}", "report", report), rc, err);
    }
    free(r);
    return rc ? rc : reviews_get(db, actor, id, out, err);
}

int reviews_rate(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *grade,
                 struct dj_err *err)
{
    struct dj_secretary_review *r = malloc(sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    struct dj_person me;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    int rc = load(db, actor, id, r, err);
    if (rc)
        goto out;
    if (!actor->person_id || store_person_get(db, actor->person_id, &me, &lookup) || me.bureau_id != r->bureau_id ||
        (strcmp(me.political_status, "中共党员") && strcmp(me.political_status, "中共预备党员")))
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有本单位的党员可以参加测评");
    else if (actor->person_id == r->person_id)
        rc = dj_err_set(err, DJ_EFORBIDDEN, "述职人不参加对自己的测评");
    else if (strcmp(r->status, "open"))
        rc = dj_err_set(err, DJ_ECONFLICT, "述职评议已结束");
    else if (!review_grade_valid(grade))
        rc = dj_err_field(err, "grade", "应为 好、较好、一般 或 差");
    if (rc || (rc = db_begin_write(db, err)))
        goto out;
    bool voted = false;
    rc = store_review_voted(db, id, me.id, &voted, err);
    if (!rc && voted)
        rc = dj_err_set(err, DJ_ECONFLICT, "您已经参加过这次测评");
    if (!rc && (rc = store_review_ballot_insert(db, r->bureau_id, id, me.id, grade, err)) == DJ_ECONFLICT)
        dj_err_set(err, DJ_ECONFLICT, "您已经参加过这次测评");
    /* the audit records that a rating was cast, never which */
    rc = write_done(db, actor, "vote", id, r->org_id, json_pack("{s:b}", "rated", 1), rc, err);
out:
    free(r);
    return rc;
}

int reviews_close(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                  json_t **out, struct dj_err *err)
{
    struct dj_secretary_review *r = malloc(sizeof *r);
    if (!r)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = load(db, actor, id, r, err);
    if (!rc && !is_admin(actor, r->bureau_id))
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委（党务管理员）可以结束述职评议");
    else if (!rc && strcmp(r->status, "open"))
        rc = dj_err_set(err, DJ_ECONFLICT, "述职评议已结束");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (!rc && !(rc = db_begin_write(db, err))) {
        rc = store_review_close(db, id, today, err);
        rc = write_done(db, actor, "close", id, r->org_id, json_pack("{s:s}", "closed_on", today), rc, err);
    }
    free(r);
    return rc ? rc : reviews_get(db, actor, id, out, err);
}
