#include "core/index_engine.h"
#include "core/index_src_honours.h"
#include "core/index_tasks.h"
#include "core/index_src_appraisals.h"
#include "core/index_src_suggestions.h"
#include "core/index_src_duty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/inspections.h"
#include "store/learning.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "store/service_figures.h"
#include "util/text.h"

/* ---- the registry of computed sources ---- */

enum source_id {
    SRC_ATTENDANCE_RATE,
    SRC_MEETINGS_ATTENDED,
    SRC_LECTURES_GIVEN,
    SRC_LECTURES_ATTENDED,
    SRC_TEST_SCORE_MEAN,
    SRC_STUDY_HOURS,
    SRC_MEETINGS_HELD,
    /* supervision (core/inspections): confirmed findings of the period */
    SRC_VIOLATION_POINTS,
    SRC_VIOLATIONS,
    SRC_VIOLATION_VETOES,
    /* tasks and rectifications (issue 14) */
    SRC_TASKS_ON_TIME,
    SRC_RECTIFICATIONS_ON_TIME,
    SRC_VOLUNTEER_HOURS, /* service */
    SRC_APPRAISAL_GRADE, SRC_APPRAISAL_EXCELLENT_RATE, /* 民主评议 (core/index_src_appraisals) */
    SRC_HONOURS,         /* 荣誉 (core/index_src_honours.c) */
    SRC_SUGGESTIONS_MADE, SRC_SUGGESTIONS_ADOPTED, /* ideas: core/index_src_suggestions */
    SRC_DUTY_HOURS, /* duty rosters: core/index_src_duty */
};

static const struct source_def {
    const char *name, *target, *label, *unit;
    enum source_id id;
} sources[] = {
    {"attendance_rate", "member", "组织生活出勤率", "%", SRC_ATTENDANCE_RATE},
    {"meetings_attended", "member", "参加组织生活次数", "次", SRC_MEETINGS_ATTENDED},
    {"lectures_given", "member", "讲堂主讲次数", "次", SRC_LECTURES_GIVEN},
    {"lectures_attended", "member", "讲堂听讲次数", "次", SRC_LECTURES_ATTENDED},
    {"test_score_mean", "member", "测试竞赛平均成绩", "分", SRC_TEST_SCORE_MEAN},
    {"study_hours", "member", "学习时长", "小时", SRC_STUDY_HOURS},
    {"attendance_rate", "branch", "党员组织生活出勤率", "%", SRC_ATTENDANCE_RATE},
    {"meetings_held", "branch", "召开组织生活次数", "次", SRC_MEETINGS_HELD},
    {"lectures_attended", "branch", "党员听讲人次", "次", SRC_LECTURES_ATTENDED},
    {"study_hours", "branch", "党员学习总时长", "小时", SRC_STUDY_HOURS},
    /* supervision of conduct: confirmed findings (also the source of a deduction or veto) */
    {"violation_points", "member", "违反行为规范扣分", "分", SRC_VIOLATION_POINTS},
    {"violations", "member", "违反行为规范次数", "次", SRC_VIOLATIONS},
    {"violation_vetoes", "member", "违反否决条款次数", "次", SRC_VIOLATION_VETOES},
    {"violation_points", "branch", "支部违反行为规范扣分", "分", SRC_VIOLATION_POINTS},
    {"violations", "branch", "支部违反行为规范次数", "次", SRC_VIOLATIONS},
    {"violation_vetoes", "branch", "支部违反否决条款次数", "次", SRC_VIOLATION_VETOES},
    /* tasks and rectifications (issue 14): the branch's own list and ledger */
    {"tasks_on_time", "branch", "到期任务按期完成率", "%", SRC_TASKS_ON_TIME},
    {"rectifications_on_time", "branch", "到期整改按期销号率", "%", SRC_RECTIFICATIONS_ON_TIME},
    {"tasks_on_time", "member", "负责任务按期完成率", "%", SRC_TASKS_ON_TIME},
    {"rectifications_on_time", "member", "负责整改按期销号率", "%", SRC_RECTIFICATIONS_ON_TIME},
    /* service (issue 15): confirmed hours of activities held in the period */
    {"volunteer_hours", "member", "志愿服务时长", "小时", SRC_VOLUNTEER_HOURS},
    {"volunteer_hours", "branch", "党员志愿服务总时长", "小时", SRC_VOLUNTEER_HOURS},
    {"appraisal_grade", "member", "民主评议等次（优秀4…不合格1）", "级", SRC_APPRAISAL_GRADE},
    {"appraisal_excellent_rate", "branch", "民主评议优秀率", "%", SRC_APPRAISAL_EXCELLENT_RATE},
    {"honours", "member", "获得荣誉", "项", SRC_HONOURS},
    {"honours", "branch", "支部获得荣誉", "项", SRC_HONOURS},
    /* ideas (issue 15): suggestions made in the period, and those adopted */
    {"suggestions_made", "member", "献计献策条数", "条", SRC_SUGGESTIONS_MADE},
    {"suggestions_adopted", "member", "建议被采纳条数", "条", SRC_SUGGESTIONS_ADOPTED},
    {"suggestions_made", "branch", "党员献计献策条数", "条", SRC_SUGGESTIONS_MADE},
    {"suggestions_adopted", "branch", "党员建议被采纳条数", "条", SRC_SUGGESTIONS_ADOPTED},
    /* duty rosters (issue 15): served duty hours in the period */
    {"duty_hours", "member", "值班值守时长", "小时", SRC_DUTY_HOURS},
    {"duty_hours", "branch", "党员值班值守总时长", "小时", SRC_DUTY_HOURS},
};
#define NSOURCES ((int)(sizeof sources / sizeof sources[0]))

static const struct source_def *source_find(const char *name, const char *target)
{
    for (int i = 0; i < NSOURCES; i++)
        if (!strcmp(sources[i].name, name) && !strcmp(sources[i].target, target))
            return &sources[i];
    return NULL;
}

json_t *index_sources_json(void)
{
    json_t *a = json_array();
    for (int i = 0; i < NSOURCES; i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "name", sources[i].name, "target",
                                           sources[i].target, "label", sources[i].label, "unit",
                                           sources[i].unit));
    return a;
}

bool index_source_valid(const char *name, const char *target)
{
    return source_find(name, target) != NULL;
}

bool index_source_is_violation(const char *name)
{
    return name && (!strcmp(name, "violation_points") || !strcmp(name, "violations") ||
                     !strcmp(name, "violation_vetoes"));
}

/* ---- mapping ---- */

/* a × b ÷ c rounded half up, for non-negative values */
static int64_t muldiv(int64_t a, int64_t b, int64_t c)
{
    if (c <= 0)
        return 0;
    __int128 p = (__int128)a * b;
    return (int64_t)((p * 2 + c) / (c * 2));
}

/* a decimal parameter ("90", 90, 92.5) as hundredths */
static bool param_centi(const json_t *params, const char *name, int64_t *out)
{
    const json_t *v = json_object_get(params, name);
    char text[64];
    if (json_is_integer(v))
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(text, sizeof text, "%.6f", json_real_value(v));
    else if (json_is_string(v))
        dj_copy(text, sizeof text, json_string_value(v));
    else
        return false;
    return dj_parse_centi(text, out) == 0;
}

int64_t index_map_points(const struct dj_indicator *d, const json_t *params, bool has_raw,
                         int64_t raw, char *how, size_t how_size)
{
    const char *map = json_string_value(json_object_get(params, "map"));
    if (!map)
        map = !strcmp(d->kind, "computed") ? "linear" : "direct";
    char rs[32], ms[32], ps[32], ts[32];
    dj_format_centi(raw, rs, sizeof rs);
    dj_format_centi(d->max_points, ms, sizeof ms);
    int64_t points = 0;
    if (!has_raw) {
        const char *none = json_string_value(json_object_get(params, "when_none"));
        points = none && !strcmp(none, "zero") ? 0 : d->max_points;
        dj_format_centi(points, ps, sizeof ps);
        snprintf(how, how_size, "本期无可计的记录，按规则计 %s 分", ps);
        return points;
    }
    if (!strcmp(map, "linear")) {
        int64_t target;
        if (!param_centi(params, "target", &target) || target <= 0)
            target = 10000;
        int64_t r = raw < 0 ? 0 : raw > target ? target : raw;
        points = muldiv(d->max_points, r, target);
        dj_format_centi(target, ts, sizeof ts);
        dj_format_centi(points, ps, sizeof ps);
        snprintf(how, how_size, "%s ÷ 目标 %s × 满分 %s = %s%s", rs, ts, ms, ps,
                 raw >= target ? "（达到目标，得满分）" : "");
    } else if (!strcmp(map, "steps")) {
        const json_t *steps = json_object_get(params, "steps");
        size_t i;
        const json_t *step;
        int64_t best_min = INT64_MIN;
        json_array_foreach(steps, i, step) {
            json_t *wrap_min = json_pack("{s:O}", "v", json_array_get(step, 0));
            json_t *wrap_pts = json_pack("{s:O}", "v", json_array_get(step, 1));
            int64_t min, pts;
            if (wrap_min && wrap_pts && param_centi(wrap_min, "v", &min) &&
                param_centi(wrap_pts, "v", &pts) && raw >= min && min > best_min) {
                best_min = min;
                points = pts;
            }
            json_decref(wrap_min);
            json_decref(wrap_pts);
        }
        if (points > d->max_points)
            points = d->max_points;
        dj_format_centi(points, ps, sizeof ps);
        if (best_min == INT64_MIN) {
            snprintf(how, how_size, "%s 未达到任何档次，得 0 分", rs);
        } else {
            dj_format_centi(best_min, ts, sizeof ts);
            snprintf(how, how_size, "%s ≥ %s 档，得 %s 分", rs, ts, ps);
        }
    } else if (!strcmp(map, "per_unit")) {
        int64_t per;
        if (!param_centi(params, "per", &per))
            per = 100;
        points = muldiv(raw < 0 ? 0 : raw, per, 100);
        bool capped = points > d->max_points;
        if (capped)
            points = d->max_points;
        dj_format_centi(per, ts, sizeof ts);
        dj_format_centi(points, ps, sizeof ps);
        snprintf(how, how_size, "%s × 每单位 %s 分 = %s%s", rs, ts, ps, capped ? "（封顶）" : "");
    } else {
        points = raw < 0 ? 0 : raw > d->max_points ? d->max_points : raw;
        dj_format_centi(points, ps, sizeof ps);
        snprintf(how, how_size, "直接计分 %s（0 至满分 %s）", ps, ms);
    }
    return points;
}

/* ---- ranking ---- */

struct rank_item {
    struct dj_result r;
    int64_t *tie;
};

static int rank_order(const void *a, const void *b, void *ctx)
{
    const struct rank_item *x = a, *y = b;
    int ntie = *(const int *)ctx;
    if (x->r.total != y->r.total)
        return x->r.total > y->r.total ? -1 : 1;
    for (int k = 0; k < ntie; k++)
        if (x->tie[k] != y->tie[k])
            return x->tie[k] > y->tie[k] ? -1 : 1;
    return x->r.target_id < y->r.target_id ? -1 : x->r.target_id > y->r.target_id;
}

static bool same_place(const struct rank_item *x, const struct rank_item *y, int ntie)
{
    if (x->r.total != y->r.total)
        return false;
    for (int k = 0; k < ntie; k++)
        if (x->tie[k] != y->tie[k])
            return false;
    return true;
}

void index_rank(struct dj_result *r, int64_t *tie, int ntie, int n, const json_t *settings)
{
    if (n <= 0)
        return;
    struct rank_item *items = calloc((size_t)n, sizeof *items);
    int64_t *ties = ntie ? calloc((size_t)n * (size_t)ntie, sizeof *ties) : NULL;
    if (!items || (ntie && !ties)) {
        free(items);
        free(ties);
        return;
    }
    for (int i = 0; i < n; i++) {
        items[i].r = r[i];
        items[i].tie = ties ? ties + (size_t)i * (size_t)ntie : NULL;
        for (int k = 0; k < ntie; k++)
            items[i].tie[k] = tie[(size_t)i * (size_t)ntie + (size_t)k];
    }
    qsort_r(items, (size_t)n, sizeof *items, rank_order, &ntie);
    for (int i = 0; i < n; i++)
        items[i].r.rank = i > 0 && same_place(&items[i], &items[i - 1], ntie) ? items[i - 1].r.rank : i + 1;
    /* stars: the highest cut-off reached whose quota (at most that many
     * targets, in rank order) is not used up; otherwise the next one down */
    const json_t *stars = json_object_get(settings, "stars");
    size_t nstars = json_array_size(stars);
    int used[16] = {0};
    for (int i = 0; i < n; i++) {
        items[i].r.star[0] = '\0';
        int64_t bound = INT64_MAX; /* cut-offs above this were full or out of reach */
        for (;;) {
            int64_t best = INT64_MIN;
            int best_k = -1;
            for (size_t k = 0; k < nstars && k < 16; k++) {
                const json_t *st = json_array_get(stars, k);
                int64_t min;
                if (json_string_value(json_object_get(st, "label")) && param_centi(st, "min", &min) &&
                    items[i].r.total >= min && min > best && min < bound) {
                    best = min;
                    best_k = (int)k;
                }
            }
            if (best_k < 0)
                break;
            const json_t *st = json_array_get(stars, (size_t)best_k);
            json_int_t quota = json_integer_value(json_object_get(st, "quota"));
            if (quota > 0 && used[best_k] >= quota) {
                bound = best;
                continue;
            }
            used[best_k]++;
            dj_copy(items[i].r.star, sizeof items[i].r.star, json_string_value(json_object_get(st, "label")));
            break;
        }
    }
    /* selection: the best count, vetoed skipped, ties at the last place kept */
    const json_t *select = json_object_get(settings, "select");
    json_int_t want = json_integer_value(json_object_get(select, "count"));
    int taken = 0;
    const struct rank_item *last = NULL;
    for (int i = 0; i < n; i++) {
        items[i].r.selected = false;
        if (items[i].r.vetoed)
            continue;
        if (taken < want || (last && same_place(&items[i], last, ntie))) {
            items[i].r.selected = true;
            taken++;
            last = &items[i];
        }
    }
    for (int i = 0; i < n; i++) {
        r[i] = items[i].r;
        for (int k = 0; k < ntie; k++)
            tie[(size_t)i * (size_t)ntie + (size_t)k] = items[i].tie[k];
    }
    free(items);
    free(ties);
}

/* ---- computing ---- */

struct raw {
    bool has;
    int64_t value;
    json_t *detail;
};

/* The figures of the period, each read once and kept per target. */
struct facts {
    struct dj_attendance_stat *att;
    int natt;
    struct dj_learning_stat *learn;
    int nlearn;
    struct dj_meeting_fact *meet;
    int nmeet;
    struct dj_org *orgs;
    int norgs;
    struct dj_violation *vio; /* by person (members) or branch, then day */
    int nvio;
    struct dj_volunteer_fact *vol;
    int nvol;
    bool have_att, have_learn, have_meet, have_vio, have_vol;
    bool by_branch; /* facts sorted by branch rather than person */
    struct index_task_facts tf; /* tasks and rectifications due in the period */
    struct index_appraisal_facts af; /* graded appraisals of the period */
    struct index_honour_facts hf; /* honours awarded in the period */
    struct index_suggestion_facts sf; /* suggestions made in the period */
    struct index_duty_facts df;       /* duty served in the period */
};

/* Facts are sorted by their target key once, so that each target finds its
 * rows by binary search: the engine is linear in the facts, not in targets ×
 * facts. */
static int cmp_att_person(const void *a, const void *b)
{
    const struct dj_attendance_stat *x = a, *y = b;
    return (x->person_id > y->person_id) - (x->person_id < y->person_id);
}
static int cmp_att_branch(const void *a, const void *b)
{
    const struct dj_attendance_stat *x = a, *y = b;
    return (x->branch_id > y->branch_id) - (x->branch_id < y->branch_id);
}
static int cmp_learn_person(const void *a, const void *b)
{
    const struct dj_learning_stat *x = a, *y = b;
    return (x->person_id > y->person_id) - (x->person_id < y->person_id);
}
static int cmp_learn_branch(const void *a, const void *b)
{
    const struct dj_learning_stat *x = a, *y = b;
    return (x->branch_id > y->branch_id) - (x->branch_id < y->branch_id);
}
static int cmp_meet_org(const void *a, const void *b)
{
    const struct dj_meeting_fact *x = a, *y = b;
    if (x->org_id != y->org_id)
        return (x->org_id > y->org_id) - (x->org_id < y->org_id);
    int c = strcmp(x->held_on, y->held_on); /* the explanation lists them by date */
    return c ? c : (x->kind_id > y->kind_id) - (x->kind_id < y->kind_id);
}

static int64_t att_key(const struct facts *f, int i)
{
    return f->by_branch ? f->att[i].branch_id : f->att[i].person_id;
}
static int64_t learn_key(const struct facts *f, int i)
{
    return f->by_branch ? f->learn[i].branch_id : f->learn[i].person_id;
}

/* The first index in [0, n) whose key is >= id (keys ascending). */
static int lower_bound(const struct facts *f, int n, int64_t (*key)(const struct facts *, int), int64_t id)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (key(f, mid) < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
static int64_t meet_key(const struct facts *f, int i)
{
    return f->meet[i].org_id;
}
static int64_t vol_key(const struct facts *f, int i)
{
    return f->by_branch ? f->vol[i].branch_id : f->vol[i].person_id;
}
static int cmp_vol_person(const void *a, const void *b)
{
    const struct dj_volunteer_fact *x = a, *y = b;
    if (x->person_id != y->person_id)
        return (x->person_id > y->person_id) - (x->person_id < y->person_id);
    int c = strcmp(x->held_on, y->held_on);
    return c ? c : (x->activity_id > y->activity_id) - (x->activity_id < y->activity_id);
}
static int cmp_vol_branch(const void *a, const void *b)
{
    const struct dj_volunteer_fact *x = a, *y = b;
    if (x->branch_id != y->branch_id)
        return (x->branch_id > y->branch_id) - (x->branch_id < y->branch_id);
    int c = strcmp(x->held_on, y->held_on);
    if (c)
        return c;
    if (x->activity_id != y->activity_id)
        return (x->activity_id > y->activity_id) - (x->activity_id < y->activity_id);
    return (x->person_id > y->person_id) - (x->person_id < y->person_id);
}

static int64_t vio_key(const struct facts *f, int i)
{
    return f->by_branch ? f->vio[i].branch_id : f->vio[i].person_id;
}

static void facts_free(struct facts *f)
{
    free(f->vio);
    free(f->att);
    free(f->learn);
    free(f->meet);
    free(f->orgs);
    free(f->vol);
    index_tasks_free(&f->tf);
    index_appraisals_free(&f->af);
    index_honours_free(&f->hf);
    index_suggestions_free(&f->sf);
    index_duty_free(&f->df);
}

/* The value of a task source for one target (core/index_tasks.c counts). */
static struct raw task_value(const struct source_def *src, const struct facts *f, int64_t target)
{
    struct raw r = {0};
    r.detail = index_tasks_value(&f->tf, src->id == SRC_RECTIFICATIONS_ON_TIME, f->by_branch, target,
                                 &r.has, &r.value);
    return r;
}

static int cmp_org_id(const void *a, const void *b)
{
    const struct dj_org *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

static int64_t branch_of_org(const struct facts *f, int64_t org_id)
{
    struct dj_org key = {.id = org_id};
    const struct dj_org *o = bsearch(&key, f->orgs, (size_t)f->norgs, sizeof *f->orgs, cmp_org_id);
    return o && !strcmp(o->type, "党小组") ? o->parent_id : org_id;
}

static int load_facts(struct dj_db *db, const struct dj_evaluation *e, const struct dj_scheme *s,
                      struct facts *f, struct dj_err *err)
{
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)e->bureau_id);
    int rc = 0;
    for (int i = 0; i < s->nind && !rc; i++) {
        const struct source_def *src = source_find(s->ind[i].source, s->target);
        if (src && index_source_is_violation(src->name) && !f->have_vio) {
            /* computed, deduction and veto indicators may all count findings */
            rc = store_violations(db, e->bureau_id, e->first_day, e->last_day, !strcmp(s->target, "member"),
                                  &f->vio, &f->nvio, err);
            f->have_vio = true;
            continue;
        }
        if (src && src->id == SRC_HONOURS) /* computed or bonus (core/index_src_honours.c) */
            rc = index_honours_load(db, e->bureau_id, e->first_day, e->last_day, &f->hf, err);
        if (!src || strcmp(s->ind[i].kind, "computed"))
            continue;
        if ((src->id == SRC_ATTENDANCE_RATE || src->id == SRC_MEETINGS_ATTENDED) && !f->have_att) {
            rc = store_attendance_counts(db, bureau, e->first_day, e->last_day, &f->att, &f->natt, err);
            f->have_att = true;
        } else if ((src->id == SRC_LECTURES_GIVEN || src->id == SRC_LECTURES_ATTENDED ||
                    src->id == SRC_TEST_SCORE_MEAN || src->id == SRC_STUDY_HOURS) &&
                   !f->have_learn) {
            /* members need their own totals only; branches the membership on each day */
            rc = !strcmp(s->target, "member")
                     ? store_learning_person_totals(db, e->bureau_id, e->first_day, e->last_day,
                                                    &f->learn, &f->nlearn, err)
                     : store_learning_stats(db, e->bureau_id, NULL, e->first_day, e->last_day, 0,
                                            &f->learn, &f->nlearn, err);
            f->have_learn = true;
        } else if (src->id == SRC_MEETINGS_HELD && !f->have_meet) {
            if (!(rc = store_meeting_facts(db, bureau, e->first_day, e->last_day, &f->meet, &f->nmeet, err)))
                rc = store_org_list(db, bureau, &f->orgs, &f->norgs, err);
            f->have_meet = true;
        } else if (src->id == SRC_TASKS_ON_TIME || src->id == SRC_RECTIFICATIONS_ON_TIME) {
            rc = index_tasks_load(db, e->bureau_id, e->first_day, e->last_day,
                                  src->id == SRC_RECTIFICATIONS_ON_TIME, &f->tf, err);
        } else if (src->id == SRC_VOLUNTEER_HOURS && !f->have_vol) {
            rc = store_volunteer_facts(db, e->bureau_id, e->first_day, e->last_day, &f->vol, &f->nvol, err);
            f->have_vol = true;
        } else if (src->id == SRC_APPRAISAL_GRADE || src->id == SRC_APPRAISAL_EXCELLENT_RATE) {
            rc = index_appraisals_load(db, e->bureau_id, e->first_day, e->last_day, &f->af, err);
        } else if (src->id == SRC_SUGGESTIONS_MADE || src->id == SRC_SUGGESTIONS_ADOPTED) {
            rc = index_suggestions_load(db, e->bureau_id, e->first_day, e->last_day, &f->sf, err);
        } else if (src->id == SRC_DUTY_HOURS) {
            rc = index_duty_load(db, e->bureau_id, e->first_day, e->last_day, &f->df, err);
        }
    }
    if (rc)
        return rc;
    f->by_branch = !strcmp(s->target, "branch");
    if (f->natt)
        qsort(f->att, (size_t)f->natt, sizeof *f->att, f->by_branch ? cmp_att_branch : cmp_att_person);
    if (f->nlearn)
        qsort(f->learn, (size_t)f->nlearn, sizeof *f->learn,
              f->by_branch ? cmp_learn_branch : cmp_learn_person);
    if (f->nmeet) {
        /* a group's meeting counts for its branch; orgs sorted by id for the lookup */
        qsort(f->orgs, (size_t)f->norgs, sizeof *f->orgs, cmp_org_id);
        for (int i = 0; i < f->nmeet; i++)
            f->meet[i].org_id = branch_of_org(f, f->meet[i].org_id);
        qsort(f->meet, (size_t)f->nmeet, sizeof *f->meet, cmp_meet_org);
    }
    if (f->nvol)
        qsort(f->vol, (size_t)f->nvol, sizeof *f->vol, f->by_branch ? cmp_vol_branch : cmp_vol_person);
    return 0;
}

/* The raw value of source src for one target, from the facts. */
static struct raw source_value(const struct source_def *src, const struct facts *f,
                               const struct dj_index_target *t)
{
    struct raw r = {0};
    int64_t expected = 0, present = 0, late = 0, leave = 0, absent = 0;
    int64_t given = 0, attended = 0, tests = 0, score_sum = 0, hours = 0;
    switch (src->id) {
    case SRC_ATTENDANCE_RATE:
    case SRC_MEETINGS_ATTENDED:
        for (int i = lower_bound(f, f->natt, att_key, t->id); i < f->natt && att_key(f, i) == t->id; i++) {
            const struct dj_attendance_stat *a = &f->att[i];
            expected += a->expected;
            present += a->present;
            late += a->late;
            leave += a->leave;
            absent += a->absent;
        }
        r.detail = json_pack("{s:I, s:I, s:I, s:I, s:I}", "expected", (json_int_t)expected,
                             "present", (json_int_t)present, "late", (json_int_t)late, "leave",
                             (json_int_t)leave, "absent", (json_int_t)absent);
        if (src->id == SRC_MEETINGS_ATTENDED) {
            r.has = true;
            r.value = (present + late) * 100;
        } else if (expected > 0) {
            r.has = true;
            r.value = muldiv(present + late, 10000, expected);
        }
        break;
    case SRC_LECTURES_GIVEN:
    case SRC_LECTURES_ATTENDED:
    case SRC_TEST_SCORE_MEAN:
    case SRC_STUDY_HOURS:
        for (int i = lower_bound(f, f->nlearn, learn_key, t->id); i < f->nlearn && learn_key(f, i) == t->id;
             i++) {
            const struct dj_learning_stat *l = &f->learn[i];
            given += l->lectures_given;
            attended += l->lectures_attended;
            tests += l->quizzes;
            score_sum += l->score_sum;
            hours += l->study_hours;
        }
        /* only the figures this source counts: the explanation stays small */
        if (src->id == SRC_LECTURES_GIVEN)
            r.detail = json_pack("{s:I}", "lectures_given", (json_int_t)given);
        else if (src->id == SRC_LECTURES_ATTENDED)
            r.detail = json_pack("{s:I}", "lectures_attended", (json_int_t)attended);
        else if (src->id == SRC_STUDY_HOURS)
            r.detail = json_pack("{s:f}", "study_hours", (double)hours / 100.0);
        else
            r.detail = json_pack("{s:I, s:f}", "tests", (json_int_t)tests, "score_sum",
                                 (double)score_sum / 100.0);
        r.has = true;
        if (src->id == SRC_LECTURES_GIVEN)
            r.value = given * 100;
        else if (src->id == SRC_LECTURES_ATTENDED)
            r.value = attended * 100;
        else if (src->id == SRC_STUDY_HOURS)
            r.value = hours;
        else if (tests > 0)
            r.value = muldiv(score_sum, 1, tests);
        else
            r.has = false;
        break;
    case SRC_MEETINGS_HELD: {
        json_t *list = json_array();
        for (int i = lower_bound(f, f->nmeet, meet_key, t->id); i < f->nmeet && meet_key(f, i) == t->id; i++) {
            given++;
            json_array_append_new(list, json_pack("{s:s, s:I}", "held_on", f->meet[i].held_on,
                                                  "kind_id", (json_int_t)f->meet[i].kind_id));
        }
        r.detail = json_pack("{s:o}", "meetings", list);
        r.has = true;
        r.value = given * 100;
        break;
    }
    case SRC_VIOLATION_POINTS:
    case SRC_VIOLATIONS:
    case SRC_VIOLATION_VETOES:
        break; /* violation_value(): they read the indicator's filter */
    case SRC_TASKS_ON_TIME:
    case SRC_RECTIFICATIONS_ON_TIME:
        r = task_value(src, f, t->id);
        break;
    case SRC_HONOURS:
        r.detail = index_honours_value(&f->hf, f->by_branch, t->id, &r.has, &r.value);
        break;
    case SRC_VOLUNTEER_HOURS: {
        /* the explanation names each activity (a branch's: per member) */
        json_t *list = json_array();
        for (int i = lower_bound(f, f->nvol, vol_key, t->id); i < f->nvol && vol_key(f, i) == t->id; i++) {
            const struct dj_volunteer_fact *v = &f->vol[i];
            hours += v->hours;
            json_t *a = json_pack("{s:I, s:s, s:s, s:f}", "activity_id", (json_int_t)v->activity_id, "held_on",
                                  v->held_on, "title", v->title, "hours", (double)v->hours / 100.0);
            if (f->by_branch)
                json_object_set_new(a, "person_id", json_integer(v->person_id));
            json_array_append_new(list, a);
        }
        r.detail = json_pack("{s:f, s:o}", "volunteer_hours", (double)hours / 100.0, "activities", list);
        r.has = true;
        r.value = hours;
        break;
    }
    case SRC_APPRAISAL_GRADE:
    case SRC_APPRAISAL_EXCELLENT_RATE:
        r.detail = index_appraisals_value(&f->af, f->by_branch, t->id, &r.has, &r.value);
        break;
    case SRC_SUGGESTIONS_MADE:
    case SRC_SUGGESTIONS_ADOPTED:
        r.detail = index_suggestions_value(&f->sf, src->id == SRC_SUGGESTIONS_ADOPTED, f->by_branch, t->id,
                                           &r.has, &r.value);
        break;
    case SRC_DUTY_HOURS:
        r.detail = index_duty_value(&f->df, f->by_branch, t->id, &r.has, &r.value);
        break;
    }
    return r;
}

/* Does a finding's rule pass the indicator's filter (params severity,
 * rule_set, rules)? */
static bool in_param(const json_t *p, const char *value)
{
    if (!p)
        return true;
    if (json_is_string(p))
        return !strcmp(json_string_value(p), value);
    size_t i;
    json_t *v;
    json_array_foreach(p, i, v)
        if (json_is_string(v) && !strcmp(json_string_value(v), value))
            return true;
    return false;
}

/* The confirmed findings of one target: *points the sum of their
 * deductions, *vetoes those whose rule bars, the list for the explanation. */
static int violations_of(const struct facts *f, const struct dj_index_target *t, const json_t *params,
                         int64_t *points, int *vetoes, json_t *list)
{
    int n = 0;
    *points = 0;
    *vetoes = 0;
    for (int i = lower_bound(f, f->nvio, vio_key, t->id); i < f->nvio && vio_key(f, i) == t->id; i++) {
        const struct dj_violation *v = &f->vio[i];
        if (!in_param(json_object_get(params, "severity"), v->severity) ||
            !in_param(json_object_get(params, "rule_set"), v->rule_set) ||
            !in_param(json_object_get(params, "rules"), v->rule_code))
            continue;
        n++;
        *points += v->deduct_points;
        *vetoes += v->veto;
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:f, s:b}", "finding_id",
                                              (json_int_t)v->finding_id, "found_on", v->found_on, "rule_code",
                                              v->rule_code, "rule", v->rule_text, "severity", v->severity,
                                              "points", (double)v->deduct_points / 100.0, "veto", v->veto));
    }
    return n;
}

/* A computed indicator over the findings: the raw value of its source. */
static struct raw violation_value(const struct source_def *src, const struct facts *f,
                                  const struct dj_index_target *t, const json_t *params)
{
    struct raw r = {.has = true};
    json_t *list = json_array();
    int64_t points;
    int vetoes, n = violations_of(f, t, params, &points, &vetoes, list);
    r.value = src->id == SRC_VIOLATION_POINTS ? points : src->id == SRC_VIOLATIONS ? n * 100 : vetoes * 100;
    r.detail = json_pack("{s:o}", "findings", list);
    return r;
}

/* The stored score of target and indicator (scores ordered by both), or NULL. */
static const struct dj_score *find_score(const struct dj_score *sc, int n, int64_t target,
                                         int64_t indicator);

/* In a published evaluation: fills list with the findings its stored score
 * named (none when it had no score) and answers true; otherwise false. */
static bool frozen_findings(const struct dj_evaluation *e, const struct dj_score *frozen, int nfrozen,
                            int64_t target, int64_t indicator, json_t *list)
{
    if (strcmp(e->state, "notice"))
        return false;
    const struct dj_score *old = find_score(frozen, nfrozen, target, indicator);
    json_error_t jerr;
    json_t *d = old && old->detail ? json_loads(old->detail, 0, &jerr) : NULL;
    json_t *was = json_object_get(d, "findings");
    size_t k;
    json_t *x;
    json_array_foreach(was, k, x)
        json_array_append(list, x);
    json_decref(d);
    return true;
}

/* The count of a list of findings as the explanation writes them, their
 * points (hundredths) and those that bar. */
static int findings_sum(const json_t *list, int64_t *points, int *vetoes)
{
    size_t k;
    json_t *x;
    *points = 0;
    *vetoes = 0;
    json_array_foreach(list, k, x) {
        *points += (int64_t)(json_number_value(json_object_get(x, "points")) * 100.0 + 0.5);
        *vetoes += json_is_true(json_object_get(x, "veto"));
    }
    return (int)json_array_size(list);
}

/* The sum (and count) of the entries of one target and indicator. */
static int64_t entries_sum(const struct dj_score_entry *en, int n, int64_t target, int64_t ind,
                           int *count, int64_t *latest, json_t *list)
{
    int64_t sum = 0;
    *count = 0;
    for (int i = 0; i < n; i++) {
        if (en[i].target_id != target || en[i].indicator_id != ind)
            continue;
        sum += en[i].points;
        *latest = en[i].points;
        (*count)++;
        json_array_append_new(list, json_pack("{s:I, s:f, s:s, s:o, s:s, s:s}", "entry_id",
                                              (json_int_t)en[i].id, "points",
                                              (double)en[i].points / 100.0, "reason", en[i].reason,
                                              "occurred_on", *en[i].occurred_on ? json_string(en[i].occurred_on)
                                                                 : json_null(),
                                              "by", en[i].entered_by_name, "at", en[i].created_at));
    }
    return sum;
}

/* The stored score of target and indicator (scores ordered by both), or NULL. */
static const struct dj_score *find_score(const struct dj_score *sc, int n, int64_t target,
                                         int64_t indicator)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (sc[mid].target_id < target || (sc[mid].target_id == target && sc[mid].indicator_id < indicator))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && sc[lo].target_id == target && sc[lo].indicator_id == indicator ? &sc[lo] : NULL;
}

int index_compute(struct dj_db *db, const struct dj_evaluation *e, const struct dj_scheme *s,
                  int *targets_out, struct dj_err *err)
{
    struct dj_index_target *t = NULL;
    struct dj_score_entry *en = NULL;
    struct dj_score *scores = NULL, *frozen = NULL;
    const struct dj_score *old;
    struct dj_result *results = NULL;
    int64_t *points = NULL, *tie = NULL;
    json_t **params = NULL, *settings = NULL;
    struct facts f;
    memset(&f, 0, sizeof f);
    int nt = 0, nen = 0, nscores = 0, nfrozen = 0, rc;
    json_error_t jerr;
    settings = json_loads(s->settings, 0, &jerr);
    const char *annual = json_string_value(json_object_get(json_object_get(settings, "annual"), "mode"));
    if (strlen(e->period) == 4 && annual && (!strcmp(annual, "sum") || !strcmp(annual, "mean"))) {
        rc = index_compute_annual(db, e, s, settings, targets_out, err);
        goto out;
    }
    /* once published (公示), computed figures are frozen: an answered objection
     * changes entries, not the records' counts shown to everyone */
    if (!strcmp(e->state, "notice") && (rc = store_scores_list(db, e->id, 0, &frozen, &nfrozen, err)))
        goto out;
    if ((rc = store_index_targets(db, e->bureau_id, s->target, e->first_day, e->last_day, &t, &nt, err)) ||
        (rc = store_entries_list(db, e->id, 0, &en, &nen, err)) ||
        (rc = load_facts(db, e, s, &f, err)))
        goto out;
    params = calloc((size_t)s->nind + 1, sizeof *params);
    points = calloc((size_t)s->nind + 1, sizeof *points);
    scores = calloc((size_t)nt * (size_t)s->nind + 1, sizeof *scores);
    results = calloc((size_t)nt + 1, sizeof *results);
    /* tie-break: the points of the named indicators */
    const json_t *tb = json_object_get(settings, "tie_break");
    int ntie = (int)json_array_size(tb);
    tie = calloc((size_t)nt * (size_t)(ntie ? ntie : 1) + 1, sizeof *tie);
    if (!params || !points || !scores || !results || !tie) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    for (int i = 0; i < s->nind; i++)
        params[i] = json_loads(s->ind[i].params, 0, &jerr);
    for (int ti = 0; ti < nt; ti++) {
        bool vetoed = false, reset = false;
        /* the target's entries: store_entries_list orders them by target */
        int en_first = 0, en_last;
        for (int lo = 0, hi = nen; lo < hi;) {
            int mid = lo + (hi - lo) / 2;
            if (en[mid].target_id < t[ti].id)
                lo = en_first = mid + 1;
            else
                hi = mid;
            en_first = lo;
        }
        for (en_last = en_first; en_last < nen && en[en_last].target_id == t[ti].id; en_last++)
            ;
        for (int i = 0; i < s->nind; i++)
            points[i] = 0;
        /* leaves first; groups after, from the deepest (children follow parents in seq) */
        for (int i = 0; i < s->nind; i++) {
            const struct dj_indicator *d = &s->ind[i];
            struct dj_score *sc = &scores[nscores];
            char how[256] = "";
            json_t *detail = json_object();
            int64_t raw = 0, latest = 0;
            bool has = false;
            int count = 0;
            if (!strcmp(d->kind, "group")) {
                json_decref(detail);
                continue;
            } else if (!strcmp(d->kind, "computed") &&
                       (old = find_score(frozen, nfrozen, t[ti].id, d->id)) != NULL) {
                /* published: the records' figures stay as they were shown */
                points[i] = old->points;
                sc->target_id = t[ti].id;
                sc->indicator_id = d->id;
                sc->points = old->points;
                dj_copy(sc->raw, sizeof sc->raw, old->raw);
                sc->detail = strdup(old->detail);
                json_decref(detail);
                if (!sc->detail) {
                    rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
                    goto out;
                }
                nscores++;
                continue;
            } else if (!strcmp(d->kind, "computed")) {
                const struct source_def *src = source_find(d->source, s->target);
                if (src) {
                    struct raw r = index_source_is_violation(src->name)
                                       ? violation_value(src, &f, &t[ti], params[i])
                                       : source_value(src, &f, &t[ti]);
                    has = r.has;
                    raw = r.value;
                    json_object_set_new(detail, "source", json_string(src->label));
                    json_object_set_new(detail, "unit", json_string(src->unit));
                    json_object_set_new(detail, "records", r.detail ? r.detail : json_null());
                }
                points[i] = index_map_points(d, params[i], has, raw, how, sizeof how);
            } else {
                json_t *list = json_array();
                int64_t sum = entries_sum(en + en_first, en_last - en_first, t[ti].id, d->id, &count,
                                          &latest, list);
                json_object_set_new(detail, "entries", list);
                /* a deduction or veto over findings: each confirmed finding is
                 * one more item, named in the explanation */
                const struct source_def *vsrc = source_find(d->source, s->target);
                int nfind = 0, vetoes = 0;
                if (vsrc && index_source_is_violation(vsrc->name) &&
                    (!strcmp(d->kind, "deduction") || !strcmp(d->kind, "veto"))) {
                    json_t *found = json_array();
                    int64_t fpoints = 0;
                    if (frozen_findings(e, frozen, nfrozen, t[ti].id, d->id, found))
                        /* published (公示): the findings shown stay as they were;
                         * an answered objection changes entries only */
                        nfind = findings_sum(found, &fpoints, &vetoes);
                    else
                        nfind = violations_of(&f, &t[ti], params[i], &fpoints, &vetoes, found);
                    json_object_set_new(detail, "findings", found);
                    json_object_set_new(detail, "source", json_string(vsrc->label));
                    if (!strcmp(d->kind, "deduction")) {
                        sum += fpoints;
                        count += nfind;
                    } else {
                        /* violation_vetoes: only the rules that bar; else any finding counted */
                        count += vsrc->id == SRC_VIOLATION_VETOES ? vetoes : nfind;
                    }
                }
                if (vsrc && vsrc->id == SRC_HONOURS && !strcmp(d->kind, "bonus"))
                    count += index_honours_bonus(&f.hf, f.by_branch, t[ti].id, params[i], &sum, detail);
                if (!strcmp(d->kind, "imported")) {
                    has = count > 0;
                    raw = latest;
                    points[i] = has ? index_map_points(d, params[i], true, raw, how, sizeof how) : 0;
                    if (!has)
                        snprintf(how, sizeof how, "未导入数据，得 0 分");
                } else if (!strcmp(d->kind, "entered")) {
                    has = count > 0;
                    raw = latest;
                    points[i] = !has ? 0 : latest < 0 ? 0 : latest > d->max_points ? d->max_points : latest;
                    char ps[32];
                    dj_format_centi(points[i], ps, sizeof ps);
                    snprintf(how, sizeof how, has ? "评分人评定 %s 分" : "尚未评分", ps);
                } else if (!strcmp(d->kind, "bonus") || !strcmp(d->kind, "deduction")) {
                    bool capped = sum > d->max_points;
                    int64_t v = capped ? d->max_points : sum;
                    raw = sum;
                    has = count > 0;
                    points[i] = !strcmp(d->kind, "bonus") ? v : -v;
                    char ss[32], vs[32];
                    dj_format_centi(sum, ss, sizeof ss);
                    dj_format_centi(v, vs, sizeof vs);
                    snprintf(how, sizeof how, "%d 项合计 %s%s，%s %s 分", count, ss,
                             capped ? "，超过上限按上限计" : "",
                             !strcmp(d->kind, "bonus") ? "加" : "扣", vs);
                } else if (!strcmp(d->kind, "veto")) {
                    has = count > 0;
                    if (has) {
                        vetoed = true;
                        reset |= json_is_true(json_object_get(params[i], "reset"));
                    }
                    snprintf(how, sizeof how, "%s", has ? (json_is_true(json_object_get(params[i], "reset"))
                                                               ? "触发否决：不得评选，总分清零"
                                                               : "触发一票否决：不得评选")
                                                        : "未触发");
                }
            }
            if (count == 0 && strcmp(d->kind, "computed") != 0) {
                /* nothing put in: no row (0 points; the explanation says so) —
                 * most targets have no bonus, deduction or veto */
                json_decref(detail);
                continue;
            }
            json_object_set_new(detail, "rule", json_string(how));
            sc->target_id = t[ti].id;
            sc->indicator_id = d->id;
            sc->points = points[i];
            if (has)
                dj_format_centi(raw, sc->raw, sizeof sc->raw);
            sc->detail = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
            json_decref(detail);
            nscores++;
        }
        /* groups: the sum of their children, deepest first */
        for (int i = s->nind - 1; i >= 0; i--) {
            if (strcmp(s->ind[i].kind, "group"))
                continue;
            int64_t sum = 0;
            for (int c = 0; c < s->nind; c++)
                if (s->ind[c].parent_id == s->ind[i].id)
                    sum += points[c];
            points[i] = sum;
        }
        int64_t total = 0;
        for (int i = 0; i < s->nind; i++)
            if (!s->ind[i].parent_id)
                total += points[i];
        struct dj_result *r = &results[ti];
        r->target_id = t[ti].id;
        dj_copy(r->target_name, sizeof r->target_name, t[ti].name);
        dj_copy(r->unit_name, sizeof r->unit_name, t[ti].unit);
        r->total = reset ? 0 : total;
        r->vetoed = vetoed;
        for (int k = 0; k < ntie; k++) {
            const char *code = json_string_value(json_array_get(tb, (size_t)k));
            for (int i = 0; code && i < s->nind; i++)
                if (!strcmp(s->ind[i].code, code))
                    tie[(size_t)ti * (size_t)ntie + (size_t)k] = points[i];
        }
    }
    index_rank(results, tie, ntie, nt, settings);
    if ((rc = store_scores_replace(db, e->id, scores, nscores, err)) ||
        (rc = store_results_replace(db, e->id, results, nt, err)))
        goto out;
    *targets_out = nt;
out:
    for (int i = 0; params && i < s->nind; i++)
        json_decref(params[i]);
    for (int i = 0; i < nscores; i++)
        free(scores[i].detail);
    free(params);
    free(points);
    free(scores);
    free(results);
    free(tie);
    free(t);
    free(en);
    json_decref(settings);
    facts_free(&f);
    store_scores_free(frozen, nfrozen);
    return rc;
}
