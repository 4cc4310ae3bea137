#include "core/cadre.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/appraisal_rules.h"
#include "core/audit.h"
#include "store/departments.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static const char *const kinds[][2] = {{"rotation", "轮岗"}, {"frontline", "一线锻炼"}, {"village", "驻村第一书记"}};
static const char *const modes[][2] = {{"leader_backbone", "科级领导帮带中层骨干"},
                                       {"veteran_young", "老干部帮带年轻干部"},
                                       {"expert_young", "业务精兵帮带年轻同志"}};

const char *cadre_kind_label(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kind, kinds[i][0]))
            return kinds[i][1];
    return NULL;
}

const char *cadre_mode_label(const char *mode)
{
    for (size_t i = 0; mode && i < sizeof modes / sizeof modes[0]; i++)
        if (!strcmp(mode, modes[i][0]))
            return modes[i][1];
    return NULL;
}

static bool is_writer(const struct dj_actor *a, int64_t bureau_id)
{
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)bureau_id);
    return actor_is_system(a) || authz_has_role(a, "party_admin", bp, 0);
}

/* May the actor read a person's record: themselves, or people.read over their branch (or the root). */
static bool reads_person(struct dj_db *db, const struct dj_actor *a, int64_t person_id)
{
    if (actor_is_system(a) || (a->person_id && a->person_id == person_id))
        return true;
    struct dj_person p;
    struct dj_err e;
    dj_err_clear(&e);
    if (store_person_get(db, person_id, &p, &e) || p.bureau_id != a->user.bureau_id)
        return false;
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)p.bureau_id);
    return authz_allows(a, PERM_PEOPLE_READ, *p.branch_path ? p.branch_path : bp);
}

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *posting_json(const struct dj_posting *p)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)p->id,
                     "person_id", (json_int_t)p->person_id, "person", p->person_name, "kind", p->kind, "kind_label",
                     cadre_kind_label(p->kind) ? cadre_kind_label(p->kind) : p->kind, "department_id",
                     opt_id(p->department_id), "department", opt_text(p->department_name), "place", p->place, "post",
                     p->post, "start_on", p->start_on, "end_on", opt_text(p->end_on), "note", p->note, "updated_at",
                     p->updated_at);
}

static json_t *mentorship_json(const struct dj_mentorship *m)
{
    return json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:i}", "id", (json_int_t)m->id, "mentor_id",
                     (json_int_t)m->mentor_id, "mentor", m->mentor_name, "mentee_id", (json_int_t)m->mentee_id, "mentee",
                     m->mentee_name, "mode", m->mode, "mode_label",
                     cadre_mode_label(m->mode) ? cadre_mode_label(m->mode) : m->mode, "goals", m->goals, "start_on",
                     m->start_on, "end_on", opt_text(m->end_on), "reviews", m->reviews);
}

static int finish(struct dj_db *db, const struct dj_actor *actor, const char *action, const char *type, int64_t id,
                  int64_t bureau, json_t *before, json_t *after, int rc, struct dj_err *err)
{
    if (!rc)
        rc = audit_record(db, actor, action, type, id, bureau, before, after, err);
    if (!rc)
        rc = db_commit(db, err);
    if (rc)
        db_rollback(db);
    return rc;
}

/* ---- postings ---- */

int cadre_postings_list(struct dj_db *db, const struct dj_actor *actor, int64_t person_id, const char *kind,
                        int limit, int offset, json_t **items, int64_t *total, struct dj_err *err)
{
    if (!actor->user.bureau_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    struct dj_posting *p = NULL;
    int n = 0;
    int rc = store_postings_list(db, actor->user.bureau_id, person_id, kind, &p, &n, err);
    if (rc)
        return rc;
    *items = json_array();
    *total = 0;
    for (int i = 0; i < n; i++) {
        if (!reads_person(db, actor, p[i].person_id))
            continue;
        if (*total >= offset && *total < (int64_t)offset + limit)
            json_array_append_new(*items, posting_json(&p[i]));
        (*total)++;
    }
    free(p);
    return 0;
}

static void merge_posting(struct dj_posting *p, const struct posting_input *in)
{
    if (in->has_person)
        p->person_id = in->person_id;
    if (in->has_department)
        p->department_id = in->department_id;
    if (in->has_kind)
        dj_copy(p->kind, sizeof p->kind, in->kind);
    if (in->has_place)
        dj_copy(p->place, sizeof p->place, in->place);
    if (in->has_post)
        dj_copy(p->post, sizeof p->post, in->post);
    if (in->has_start)
        dj_copy(p->start_on, sizeof p->start_on, in->start_on);
    if (in->has_end)
        dj_copy(p->end_on, sizeof p->end_on, in->end_on);
    if (in->has_note)
        dj_copy(p->note, sizeof p->note, in->note);
}

static int check_dates(const char *start, const char *end, const char *today, struct dj_err *err)
{
    if (!dj_date_valid(start))
        dj_err_field(err, "start_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(start, today) > 0)
        dj_err_field(err, "start_on", "开始日期不能晚于今天");
    if (*end && !dj_date_valid(end))
        dj_err_field(err, "end_on", "应为日期 YYYY-MM-DD");
    else if (*end && dj_date_valid(start) && strcmp(end, start) < 0)
        dj_err_field(err, "end_on", "结束日期不能早于开始日期");
    return err->code;
}

static int check_posting(struct dj_db *db, const struct dj_config *cfg, struct dj_posting *p, struct dj_err *err)
{
    struct dj_err lookup;
    dj_err_clear(&lookup);
    struct dj_person person;
    if (!p->person_id || store_person_get(db, p->person_id, &person, &lookup) || person.bureau_id != p->bureau_id)
        dj_err_field(err, "person_id", "人员不存在");
    else
        dj_copy(p->person_name, sizeof p->person_name, person.name);
    if (p->department_id) {
        struct dj_department d;
        if (store_department_get(db, p->department_id, &d, &lookup) || d.bureau_id != p->bureau_id)
            dj_err_field(err, "department_id", "科室不存在");
        else
            dj_copy(p->department_name, sizeof p->department_name, d.name);
    }
    if (!cadre_kind_label(p->kind))
        dj_err_field(err, "kind", "应为 rotation（轮岗）、frontline（一线锻炼）或 village（驻村第一书记）");
    else if (!strcmp(p->kind, "rotation") && !p->department_id && !*p->post)
        dj_err_field(err, "department_id", "轮岗请填写轮岗到的科室或岗位");
    else if (strcmp(p->kind, "rotation") && dj_utf8_length(p->place) < 2)
        dj_err_field(err, "place", "请填写锻炼或驻村的地点");
    if (dj_utf8_length(p->place) > 60 || dj_utf8_length(p->post) > 30 || dj_utf8_length(p->note) > 200)
        dj_err_field(err, "note", "地点最长 60 字，岗位 30 字，说明 200 字");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    check_dates(p->start_on, p->end_on, today, err);
    return err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

int cadre_posting_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         const struct posting_input *in, json_t **out, struct dj_err *err)
{
    struct dj_posting p;
    memset(&p, 0, sizeof p);
    p.bureau_id = actor->user.bureau_id;
    if (!p.bureau_id || !is_writer(actor, p.bureau_id))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委（党务管理员）可以登记干部培养经历");
    merge_posting(&p, in);
    int rc = check_posting(db, cfg, &p, err);
    if (rc || (rc = db_begin_write(db, err)))
        return rc;
    rc = store_posting_insert(db, &p, err);
    json_t *after = rc ? NULL : posting_json(&p);
    if ((rc = finish(db, actor, "create", "cadre_posting", p.id, p.bureau_id, NULL, after, rc, err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int cadre_posting_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                         const struct posting_input *in, json_t **out, struct dj_err *err)
{
    struct dj_posting p;
    int rc = store_posting_get(db, id, &p, err);
    if (!rc && p.bureau_id != actor->user.bureau_id && !actor_is_system(actor))
        rc = dj_err_set(err, DJ_ENOTFOUND, "记录不存在");
    if (!rc && !is_writer(actor, p.bureau_id))
        rc = reads_person(db, actor, p.person_id) ? dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委（党务管理员）可以修改")
                                                  : dj_err_set(err, DJ_ENOTFOUND, "记录不存在");
    if (rc)
        return rc;
    json_t *before = posting_json(&p);
    merge_posting(&p, in);
    if ((rc = check_posting(db, cfg, &p, err)) || (rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    rc = store_posting_update(db, &p, err);
    json_t *after = rc ? NULL : posting_json(&p);
    rc = finish(db, actor, "update", "cadre_posting", p.id, p.bureau_id, before, after, rc, err);
    json_decref(before);
    if (rc) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

/* ---- 帮带 ---- */

static bool reads_pair(struct dj_db *db, const struct dj_actor *a, const struct dj_mentorship *m)
{
    return reads_person(db, a, m->mentor_id) || reads_person(db, a, m->mentee_id);
}

int cadre_mentorships_list(struct dj_db *db, const struct dj_actor *actor, int64_t person_id, const char *mode,
                           int limit, int offset, json_t **items, int64_t *total, struct dj_err *err)
{
    if (!actor->user.bureau_id)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    struct dj_mentorship *m = NULL;
    int n = 0;
    int rc = store_mentorships_list(db, actor->user.bureau_id, person_id, mode, &m, &n, err);
    if (rc)
        return rc;
    *items = json_array();
    *total = 0;
    for (int i = 0; i < n; i++) {
        if (!reads_pair(db, actor, &m[i]))
            continue;
        if (*total >= offset && *total < (int64_t)offset + limit)
            json_array_append_new(*items, mentorship_json(&m[i]));
        (*total)++;
    }
    free(m);
    return 0;
}

int cadre_mentorship_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                            const struct dj_mentorship *in, json_t **out, struct dj_err *err)
{
    struct dj_mentorship m = *in;
    m.bureau_id = actor->user.bureau_id;
    if (!m.bureau_id || !is_writer(actor, m.bureau_id))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委（党务管理员）可以结对帮带");
    struct dj_err lookup;
    dj_err_clear(&lookup);
    struct dj_person p;
    if (!m.mentor_id || store_person_get(db, m.mentor_id, &p, &lookup) || p.bureau_id != m.bureau_id)
        dj_err_field(err, "mentor_id", "人员不存在");
    else
        dj_copy(m.mentor_name, sizeof m.mentor_name, p.name);
    if (!m.mentee_id || store_person_get(db, m.mentee_id, &p, &lookup) || p.bureau_id != m.bureau_id)
        dj_err_field(err, "mentee_id", "人员不存在");
    else
        dj_copy(m.mentee_name, sizeof m.mentee_name, p.name);
    if (m.mentor_id && m.mentor_id == m.mentee_id)
        dj_err_field(err, "mentee_id", "帮带双方不能是同一人");
    if (!cadre_mode_label(m.mode))
        dj_err_field(err, "mode", "应为 leader_backbone、veteran_young 或 expert_young");
    if (dj_utf8_length(m.goals) < 5 || dj_utf8_length(m.goals) > 500)
        dj_err_field(err, "goals", "帮带目标应为 5 至 500 个字");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (check_dates(m.start_on, m.end_on, today, err))
        return DJ_EINVAL;
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    rc = store_mentorship_insert(db, &m, err);
    json_t *after = rc ? NULL : mentorship_json(&m);
    if ((rc = finish(db, actor, "create", "mentorship", m.id, m.bureau_id, NULL, after, rc, err))) {
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

static int load_pair(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_mentorship *m,
                     struct dj_err *err)
{
    int rc = store_mentorship_get(db, id, m, err);
    if (!rc && ((m->bureau_id != actor->user.bureau_id && !actor_is_system(actor)) || !reads_pair(db, actor, m)))
        rc = dj_err_set(err, DJ_ENOTFOUND, "帮带记录不存在");
    return rc;
}

int cadre_mentorship_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                         struct dj_err *err)
{
    struct dj_mentorship m;
    struct dj_mentorship_review *r = NULL;
    int n = 0;
    int rc = load_pair(db, actor, id, &m, err);
    if (rc || (rc = store_mentorship_reviews(db, id, &r, &n, err)))
        return rc;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)r[i].id, "reviewed_on",
                                              r[i].reviewed_on, "rating", r[i].rating, "summary", r[i].summary));
    free(r);
    *out = mentorship_json(&m);
    json_object_set_new(*out, "review_items", list);
    return 0;
}

int cadre_mentorship_review(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                            const struct dj_mentorship_review *in, json_t **out, struct dj_err *err)
{
    struct dj_mentorship m;
    int rc = load_pair(db, actor, id, &m, err);
    if (!rc && !is_writer(actor, m.bureau_id))
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有机关党委（党务管理员）可以考核帮带");
    if (rc)
        return rc;
    struct dj_mentorship_review r = *in;
    r.mentorship_id = id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (!dj_date_valid(r.reviewed_on) || strcmp(r.reviewed_on, today) > 0 || strcmp(r.reviewed_on, m.start_on) < 0)
        dj_err_field(err, "reviewed_on", "考核日期应在帮带开始之后、不晚于今天");
    if (!review_grade_valid(r.rating))
        dj_err_field(err, "rating", "应为 好、较好、一般 或 差");
    if (dj_utf8_length(r.summary) < 5 || dj_utf8_length(r.summary) > 500)
        dj_err_field(err, "summary", "考核意见应为 5 至 500 个字");
    if (err->code)
        return DJ_EINVAL;
    if ((rc = db_begin_write(db, err)))
        return rc;
    rc = store_mentorship_review_insert(db, m.bureau_id, &r, err);
    json_t *after = json_pack("{s:s, s:s, s:s}", "reviewed_on", r.reviewed_on, "rating", r.rating, "summary", r.summary);
    rc = finish(db, actor, "mentor_review", "mentorship", id, m.bureau_id, NULL, after, rc, err);
    json_decref(after);
    return rc ? rc : cadre_mentorship_get(db, actor, id, out, err);
}
