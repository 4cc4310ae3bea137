#include "core/applicants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/applicant_rules.h"
#include "core/applicants_internal.h"
#include "core/audit.h"
#include "core/meetings.h"
#include "core/people.h"
#include "core/person_rules.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

void applicant_bureau_path(int64_t bureau, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)bureau);
}

static bool allows(const struct dj_actor *actor, enum dj_perm perm, const struct dj_applicant *a)
{
    char bp[32];
    applicant_bureau_path(a->bureau_id, bp, sizeof bp);
    return authz_allows(actor, perm, bp) || authz_allows(actor, perm, a->org_path);
}

bool applicant_may_write(const struct dj_actor *actor, const struct dj_applicant *a)
{
    return allows(actor, PERM_MEETINGS_WRITE, a);
}

/* Reads applicant id the actor may read; another bureau's is missing. */
static int visible(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_applicant *a,
                   struct dj_err *err)
{
    int rc = store_applicant_get(db, id, a, err);
    if (rc)
        return rc;
    if (authz_foreign(actor, a->org_path))
        return dj_err_set(err, DJ_ENOTFOUND, "入党申请人不存在");
    if (!allows(actor, PERM_PEOPLE_READ, a) && !applicant_may_write(actor, a))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此入党申请人");
    return 0;
}

/* ---- settings rows as the rules read them ---- */

int applicant_rows_load(struct dj_db *db, int64_t bureau, struct applicant_rows *r, struct dj_err *err)
{
    memset(r, 0, sizeof *r);
    int rc = store_applicant_settings_list(db, bureau, &r->items, &r->n, err);
    if (rc)
        return rc;
    r->rows = calloc((size_t)r->n + 1, sizeof *r->rows);
    if (!r->rows) {
        free(r->items);
        r->items = NULL;
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    for (int i = 0; i < r->n; i++)
        r->rows[i] = (struct applicant_setting_row){r->items[i].name, (int)r->items[i].value,
                                                    r->items[i].effective_from};
    return 0;
}

void applicant_rows_free(struct applicant_rows *r)
{
    free(r->items);
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* ---- the facts the rules check ---- */

static int count_ids(const int64_t ids[2])
{
    return (ids[0] ? 1 : 0) + (ids[1] && ids[1] != ids[0] ? 1 : 0);
}

void applicant_facts_of(const struct dj_applicant *a, struct applicant_facts *f)
{
    memset(f, 0, sizeof *f);
#define F(x) dj_copy(f->x, sizeof f->x, a->x)
    F(birth_date);
    F(applied_on);
    F(talked_on);
    F(activist_on);
    F(candidate_on);
    F(reviewed_on);
    F(notice_from);
    F(notice_to);
    F(admitted_on);
    F(approved_on);
    F(full_on);
#undef F
    f->contacts = count_ids(a->contact_ids);
    f->introducers = count_ids(a->introducer_ids);
    f->training_days = (int)a->training_days;
    f->training_hours = (int)a->training_hours;
    f->extension_months = (int)a->extension_months;
}

/* Counts the reviews and the introducers who are 正式党员 on the day of the 支部大会. */
static int count_facts(struct dj_db *db, const struct dj_applicant *a, struct applicant_facts *f,
                       struct dj_err *err)
{
    applicant_facts_of(a, f);
    struct dj_applicant_review *r = NULL;
    int n = 0;
    int rc = a->id ? store_applicant_reviews(db, a->id, &r, &n, err) : 0;
    if (rc)
        return rc;
    for (int i = 0; i < n; i++)
        if (*a->activist_on && strcmp(r[i].reviewed_on, a->activist_on) >= 0 &&
            (!*a->candidate_on || strcmp(r[i].reviewed_on, a->candidate_on) <= 0))
            f->reviews++;
    free(r);
    for (int k = 0; k < 2; k++) {
        if (!a->introducer_ids[k] || (k == 1 && a->introducer_ids[1] == a->introducer_ids[0]))
            continue;
        struct dj_person p;
        if ((rc = store_person_get(db, a->introducer_ids[k], &p, err)))
            return rc;
        bool full = !strcmp(p.political_status, "中共党员") &&
                    (!*p.full_member_on || !*a->admitted_on || strcmp(p.full_member_on, a->admitted_on) <= 0);
        if (full)
            f->introducers_full++;
    }
    return 0;
}

/* The checks of the 细则 for a at its stage. */
static int check_stage(struct dj_db *db, const struct dj_config *cfg, const struct dj_applicant *a,
                       struct dj_err *err)
{
    struct applicant_facts f;
    struct applicant_rows rows;
    int rc = count_facts(db, a, &f, err);
    if (rc || (rc = applicant_rows_load(db, a->bureau_id, &rows, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int stage = applicant_stage_parse(a->stage);
    rc = applicant_check(rows.rows, rows.n, &f, (enum applicant_stage)(stage < 0 ? 0 : stage), today, err);
    applicant_rows_free(&rows);
    return rc;
}

/* ---- JSON ---- */

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *ids_json(const int64_t ids[2], const char names[2][64], bool with_names)
{
    json_t *arr = json_array();
    for (int k = 0; k < 2; k++)
        if (ids[k])
            json_array_append_new(arr, with_names ? json_pack("{s:I, s:s}", "id", (json_int_t)ids[k], "name",
                                                              names[k])
                                                  : json_integer(ids[k]));
    return arr;
}

json_t *applicant_json(const struct dj_applicant *a, const char *probation_end, const char *next_due,
                       const char *next_code)
{
    int stage = applicant_stage_parse(a->stage);
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "org_id", json_integer(a->org_id));
    json_object_set_new(o, "org_name", json_string(a->org_name));
    json_object_set_new(o, "person_id", a->person_id ? json_integer(a->person_id) : json_null());
    json_object_set_new(o, "name", json_string(a->name));
    json_object_set_new(o, "staff_no", json_string(a->staff_no));
    json_object_set_new(o, "gender", json_string(a->gender));
    json_object_set_new(o, "birth_date", json_string(a->birth_date));
    json_object_set_new(o, "stage", json_string(a->stage));
    json_object_set_new(o, "stage_label", json_string(stage >= 0 ? applicant_stage_label((enum applicant_stage)stage) : ""));
    json_object_set_new(o, "applied_on", json_string(a->applied_on));
    json_object_set_new(o, "talked_on", opt_text(a->talked_on));
    json_object_set_new(o, "activist_on", opt_text(a->activist_on));
    json_object_set_new(o, "contact_ids", ids_json(a->contact_ids, a->contact_names, false));
    json_object_set_new(o, "contacts", ids_json(a->contact_ids, a->contact_names, true));
    json_object_set_new(o, "candidate_on", opt_text(a->candidate_on));
    json_object_set_new(o, "reviewed_on", opt_text(a->reviewed_on));
    json_object_set_new(o, "training_days", json_integer(a->training_days));
    json_object_set_new(o, "training_hours", json_integer(a->training_hours));
    json_object_set_new(o, "notice_from", opt_text(a->notice_from));
    json_object_set_new(o, "notice_to", opt_text(a->notice_to));
    json_object_set_new(o, "introducer_ids", ids_json(a->introducer_ids, a->introducer_names, false));
    json_object_set_new(o, "introducers", ids_json(a->introducer_ids, a->introducer_names, true));
    json_object_set_new(o, "admitted_on", opt_text(a->admitted_on));
    json_object_set_new(o, "approved_on", opt_text(a->approved_on));
    json_object_set_new(o, "extension_months", json_integer(a->extension_months));
    json_object_set_new(o, "probation_end", opt_text(probation_end));
    json_object_set_new(o, "full_on", opt_text(a->full_on));
    json_object_set_new(o, "next_due", opt_text(next_due));
    json_object_set_new(o, "next_due_code", opt_text(next_code));
    json_object_set_new(o, "note", json_string(a->note));
    json_object_set_new(o, "created_at", json_string(a->created_at));
    json_object_set_new(o, "updated_at", json_string(a->updated_at));
    return o;
}

/* The record as answers show it, with its due dates. */
static int answer(struct dj_db *db, const struct dj_applicant *a, json_t **out, struct dj_err *err)
{
    struct applicant_rows rows;
    int rc = applicant_rows_load(db, a->bureau_id, &rows, err);
    if (rc)
        return rc;
    struct applicant_due due;
    if ((rc = applicant_due_of(db, &rows, a, &due, err)) == 0) {
        *out = applicant_json(a, due.probation_end, due.day, due.code);
        rc = *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    applicant_rows_free(&rows);
    return rc;
}

/* ---- reading ---- */

int applicants_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    const struct dj_applicant_query *q, json_t **items, int64_t *total, struct dj_err *err)
{
    (void)cfg;
    const char *scope = authz_scope(actor, PERM_PEOPLE_READ);
    const char *wscope = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!scope || (wscope && strlen(wscope) < strlen(scope)))
        scope = wscope;
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看入党申请人");
    struct dj_applicant_filter f = {.bureau_id = path_root_id(scope), .stage = q->stage, .q = q->q};
    if (!authz_path_is_root(scope))
        f.org_path = scope;
    struct dj_org org;
    if (q->org_id) {
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (store_org_get(db, q->org_id, &org, &lookup) || authz_foreign(actor, org.path))
            return dj_err_field(err, "org_id", "组织不存在");
        if (!authz_allows(actor, PERM_PEOPLE_READ, org.path) && !authz_allows(actor, PERM_MEETINGS_WRITE, org.path))
            return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此组织的入党申请人");
        f.org_path = org.path;
    }
    if (q->stage && applicant_stage_parse(q->stage) < 0)
        return dj_err_field(err, "stage", "应为 applicant、activist、candidate、probationary 或 full");
    struct dj_applicant *rows = NULL;
    int n = 0;
    int rc = store_applicants_list(db, &f, &rows, &n, err);
    if (rc)
        return rc;
    struct applicant_rows settings;
    if ((rc = applicant_rows_load(db, f.bureau_id, &settings, err))) {
        free(rows);
        return rc;
    }
    *items = json_array();
    *total = n;
    for (int i = q->offset; i < n && i < q->offset + q->limit && !rc; i++) {
        struct applicant_due due;
        if ((rc = applicant_due_of(db, &settings, &rows[i], &due, err)))
            break;
        json_t *item = applicant_json(&rows[i], due.probation_end, due.day, due.code);
        if (!item || json_array_append_new(*items, item))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    applicant_rows_free(&settings);
    free(rows);
    if (rc) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

int applicants_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                   json_t **out, struct dj_err *err)
{
    (void)cfg;
    struct dj_applicant a;
    int rc = visible(db, actor, id, &a, err);
    if (rc || (rc = answer(db, &a, out, err)))
        return rc;
    struct dj_applicant_review *r = NULL;
    int n = 0;
    if ((rc = store_applicant_reviews(db, id, &r, &n, err)))
        goto fail;
    json_t *reviews = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(reviews, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)r[i].id,
                                                 "reviewed_on", r[i].reviewed_on, "note", r[i].note,
                                                 "created_at", r[i].created_at));
    free(r);
    json_object_set_new(*out, "reviews", reviews);
    struct dj_file *files = NULL;
    if ((rc = store_file_list(db, "applicant", id, &files, &n, err)))
        goto fail;
    json_t *fa = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(fa, file_json(&files[i]));
    free(files);
    json_object_set_new(*out, "files", fa);
    return 0;
fail:
    json_decref(*out);
    *out = NULL;
    return rc;
}

int applicants_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t id, bool write,
                           int64_t *org_id, int64_t *bureau_id, struct dj_err *err)
{
    struct dj_applicant a;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (visible(db, actor, id, &a, &lookup))
        return write ? dj_err_field(err, "object_id", "入党申请人不存在")
                     : dj_err_set(err, DJ_ENOTFOUND, "文件不存在");
    *org_id = a.org_id;
    *bureau_id = a.bureau_id;
    if (write && !applicant_may_write(actor, &a))
        return authz_refuse(actor, a.org_path, "您没有权限为此入党申请人上传材料", err);
    return 0;
}

/* ---- writing ---- */

static void text_field(const json_t *body, const char *name, char *dst, size_t size, size_t max_chars,
                       bool required, struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v) {
        if (required && !*dst)
            dj_err_field(err, name, "必填");
        return;
    }
    const char *s = json_is_null(v) ? "" : json_string_value(v);
    if (!s)
        dj_err_field(err, name, "应为文字");
    else if (dj_utf8_length(s) > max_chars || strlen(s) >= size)
        dj_err_field(err, name, "太长（最多 %zu 个字）", max_chars);
    else if (required && !*s)
        dj_err_field(err, name, "必填");
    else
        dj_copy(dst, size, s);
}

/* A date: a string YYYY-MM-DD, or null / "" to clear. */
static void date_field(const json_t *body, const char *name, char dst[11], struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v)
        return;
    const char *s = json_is_null(v) ? "" : json_string_value(v);
    if (!s || (*s && !dj_date_valid(s)))
        dj_err_field(err, name, "应为日期 YYYY-MM-DD");
    else
        dj_copy(dst, 11, s);
}

static void int_field(const json_t *body, const char *name, int lo, int hi, int64_t *dst, struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v)
        return;
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        dj_err_field(err, name, "应为 %d 至 %d 的整数", lo, hi);
    else
        *dst = json_integer_value(v);
}

/* A person of the bureau named by a body's field. */
static int person_field(struct dj_db *db, int64_t id, int64_t bureau, const char *field, struct dj_person *p,
                        struct dj_err *err)
{
    struct dj_err lookup;
    dj_err_clear(&lookup);
    int rc = store_person_get(db, id, p, &lookup);
    if (rc && rc != DJ_ENOTFOUND)
        return dj_err_set(err, (enum dj_code)rc, "%s", lookup.message);
    if (rc || p->bureau_id != bureau)
        return dj_err_field(err, field, "人员不存在");
    return 0;
}

/* An array of at most two people of the bureau (null or [] clears). */
static int ids_field(struct dj_db *db, const json_t *body, const char *name, int64_t bureau, int64_t ids[2],
                     struct dj_err *err)
{
    json_t *v = json_object_get(body, name);
    if (!v)
        return 0;
    int64_t got[2] = {0, 0};
    if (!json_is_null(v) && (!json_is_array(v) || json_array_size(v) > 2))
        return dj_err_field(err, name, "应为至多两个人员编号");
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) {
        struct dj_person p;
        if (!json_is_integer(e) || json_integer_value(e) <= 0)
            return dj_err_field(err, name, "应为人员编号");
        int rc = person_field(db, json_integer_value(e), bureau, name, &p, err);
        if (rc)
            return rc;
        got[i] = p.id;
    }
    if (got[0] && got[0] == got[1])
        return dj_err_field(err, name, "不能重复指定同一人");
    ids[0] = got[0];
    ids[1] = got[1];
    return 0;
}

/* Which stage a date field belongs to: it stays empty before then. */
static const struct {
    const char *field;
    enum applicant_stage stage;
} stage_fields[] = {
    {"activist_on", AS_ACTIVIST},   {"candidate_on", AS_CANDIDATE},    {"admitted_on", AS_PROBATIONARY},
    {"approved_on", AS_PROBATIONARY}, {"full_on", AS_FULL},
};

static const char *const known_fields[] = {
    "org_id", "person_id", "name", "staff_no", "gender", "birth_date", "applied_on", "talked_on",
    "activist_on", "contact_ids", "candidate_on", "reviewed_on", "training_days", "training_hours",
    "notice_from", "notice_to", "introducer_ids", "admitted_on", "approved_on", "full_on", "note", "stage",
    NULL};

/* Applies a body's fields to a (a->bureau_id set); field errors. */
static int apply_body(struct dj_db *db, const struct dj_actor *actor, const json_t *body, struct dj_applicant *a,
                      struct dj_err *err)
{
    if (!json_is_object(body))
        return dj_err_set(err, DJ_EINVAL, "请求体应为 JSON 对象");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v) {
        bool known = false;
        for (int i = 0; known_fields[i] && !known; i++)
            known = !strcmp(key, known_fields[i]);
        if (!known)
            dj_err_field(err, key, "未知字段");
    }
    json_t *org = json_object_get(body, "org_id");
    if (org) {
        struct dj_org o;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (!json_is_integer(org) || store_org_get(db, json_integer_value(org), &o, &lookup) ||
            path_root_id(o.path) != a->bureau_id || authz_path_is_root(o.path))
            dj_err_field(err, "org_id", "组织不存在");
        else if (!authz_allows(actor, PERM_MEETINGS_WRITE, o.path))
            dj_err_field(err, "org_id", "您没有权限在此组织登记入党申请人");
        else {
            a->org_id = o.id;
            dj_copy(a->org_path, sizeof a->org_path, o.path);
            dj_copy(a->org_name, sizeof a->org_name, o.name);
        }
    }
    json_t *person = json_object_get(body, "person_id");
    if (person && json_is_null(person))
        a->person_id = 0;
    else if (person) {
        struct dj_person p;
        if (!json_is_integer(person) ||
            person_field(db, json_integer_value(person), a->bureau_id, "person_id", &p, err) == 0) {
            a->person_id = p.id;
            /* the roster's record fills what the body leaves out */
            if (!json_object_get(body, "name"))
                dj_copy(a->name, sizeof a->name, p.name);
            if (!json_object_get(body, "staff_no"))
                dj_copy(a->staff_no, sizeof a->staff_no, p.staff_no);
            if (!json_object_get(body, "gender"))
                dj_copy(a->gender, sizeof a->gender, p.gender);
            if (!json_object_get(body, "birth_date") && *p.birth_date)
                dj_copy(a->birth_date, sizeof a->birth_date, p.birth_date);
        }
    }
    text_field(body, "name", a->name, sizeof a->name, 30, true, err);
    text_field(body, "staff_no", a->staff_no, sizeof a->staff_no, 32, false, err);
    text_field(body, "gender", a->gender, sizeof a->gender, 1, false, err);
    if (*a->gender && strcmp(a->gender, "男") && strcmp(a->gender, "女"))
        dj_err_field(err, "gender", "应为 男 或 女");
    text_field(body, "note", a->note, sizeof a->note, 500, false, err);
    date_field(body, "birth_date", a->birth_date, err);
    date_field(body, "applied_on", a->applied_on, err);
    date_field(body, "talked_on", a->talked_on, err);
    date_field(body, "activist_on", a->activist_on, err);
    date_field(body, "candidate_on", a->candidate_on, err);
    date_field(body, "reviewed_on", a->reviewed_on, err);
    date_field(body, "notice_from", a->notice_from, err);
    date_field(body, "notice_to", a->notice_to, err);
    date_field(body, "admitted_on", a->admitted_on, err);
    date_field(body, "approved_on", a->approved_on, err);
    date_field(body, "full_on", a->full_on, err);
    int_field(body, "training_days", 0, 366, &a->training_days, err);
    int_field(body, "training_hours", 0, 3000, &a->training_hours, err);
    int rc = ids_field(db, body, "contact_ids", a->bureau_id, a->contact_ids, err);
    if (!rc)
        rc = ids_field(db, body, "introducer_ids", a->bureau_id, a->introducer_ids, err);
    if (rc && rc != DJ_EINVAL)
        return rc;
    int stage = applicant_stage_parse(a->stage);
    for (size_t i = 0; i < sizeof stage_fields / sizeof stage_fields[0]; i++) {
        json_t *f = json_object_get(body, stage_fields[i].field);
        if (f && json_string_value(f) && *json_string_value(f) && stage < (int)stage_fields[i].stage)
            dj_err_field(err, stage_fields[i].field, "尚未到此阶段：请用“进入下一阶段”登记");
    }
    return err && err->code ? (int)err->code : 0;
}

/* The roster follows the stage: the linked person's 政治面貌 (and 入党时间,
 * 转正时间); a 预备党员 without a record gets one in the applicant's branch. */
static int roster_follow(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         struct dj_applicant *a, struct dj_err *err)
{
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int stage = applicant_stage_parse(a->stage);
    const char *label = applicant_stage_label((enum applicant_stage)stage);
    struct dj_person before, p;
    struct dj_person_change change;
    memset(&change, 0, sizeof change);
    int rc;
    if (!a->person_id && stage < AS_PROBATIONARY)
        return 0;
    if (!a->person_id) {
        if (!*a->staff_no)
            return dj_err_field(err, "staff_no", "成为预备党员时须有工号，以建立人员档案");
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if ((rc = store_person_get_by_staff_no(db, a->bureau_id, a->staff_no, &p, &lookup)) == 0) {
            a->person_id = p.id; /* already on the roster under this 工号 */
        } else if (rc != DJ_ENOTFOUND) {
            return dj_err_set(err, (enum dj_code)rc, "%s", lookup.message);
        } else {
            memset(&p, 0, sizeof p);
            p.bureau_id = a->bureau_id;
            dj_copy(p.staff_no, sizeof p.staff_no, a->staff_no);
            dj_copy(p.name, sizeof p.name, a->name);
            dj_copy(p.gender, sizeof p.gender, a->gender);
            dj_copy(p.birth_date, sizeof p.birth_date, a->birth_date);
            dj_copy(p.political_status, sizeof p.political_status, label);
            dj_copy(p.joined_party_on, sizeof p.joined_party_on, a->admitted_on);
            dj_copy(p.full_member_on, sizeof p.full_member_on, a->full_on);
            dj_copy(p.status, sizeof p.status, "在职");
            change.branch_id = a->org_id;
            if ((rc = people_write(db, actor, NULL, today, &p, NULL, &change, err)))
                return rc;
            a->person_id = p.id;
            return store_applicant_update(db, a, err);
        }
        if ((rc = store_applicant_update(db, a, err)))
            return rc;
    }
    if ((rc = store_person_get(db, a->person_id, &before, err)))
        return rc;
    p = before;
    dj_copy(p.political_status, sizeof p.political_status, label);
    if (stage >= AS_PROBATIONARY)
        dj_copy(p.joined_party_on, sizeof p.joined_party_on, a->admitted_on);
    if (stage >= AS_FULL)
        dj_copy(p.full_member_on, sizeof p.full_member_on, a->full_on);
    if (!strcmp(p.political_status, before.political_status) &&
        !strcmp(p.joined_party_on, before.joined_party_on) && !strcmp(p.full_member_on, before.full_member_on))
        return 0;
    change.branch_id = before.branch_id;
    change.group_id = before.group_id;
    if (!before.branch_id && stage >= AS_PROBATIONARY) {
        /* a member of the branch from the 支部大会 on */
        change.branch_id = a->org_id;
        dj_copy(change.effective_on, sizeof change.effective_on, a->admitted_on);
    }
    return people_write(db, actor, NULL, today, &p, &before, &change, err);
}

/* Checks a and writes it with its roster change and audit record. */
static int save(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                struct dj_applicant *a, json_t *before, const char *action, bool roster, json_t **out,
                struct dj_err *err)
{
    int rc = check_stage(db, cfg, a, err);
    if (rc || (rc = db_begin_write(db, err)))
        return rc;
    rc = a->id ? store_applicant_update(db, a, err) : store_applicant_insert(db, a, actor->user.id, err);
    if (!rc && roster)
        rc = roster_follow(db, cfg, actor, a, err);
    json_t *after = NULL;
    if (!rc && (rc = store_applicant_get(db, a->id, a, err)) == 0)
        rc = answer(db, a, &after, err);
    if (!rc)
        rc = audit_record(db, actor, action, "applicant", a->id, a->org_id, before, after, err);
    if (!rc)
        rc = db_commit(db, err);
    if (rc) {
        db_rollback(db);
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int applicants_check_new(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         const json_t *body, struct dj_applicant *a, struct dj_err *err)
{
    memset(a, 0, sizeof *a);
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限登记入党申请人");
    a->bureau_id = path_root_id(scope);
    dj_copy(a->stage, sizeof a->stage, "applicant");
    if (!json_object_get(body, "org_id"))
        dj_err_field(err, "org_id", "必填");
    if (!json_object_get(body, "applied_on"))
        dj_err_field(err, "applied_on", "必填");
    json_t *stage = json_object_get(body, "stage");
    if (stage && (!json_is_string(stage) || strcmp(json_string_value(stage), "applicant")))
        dj_err_field(err, "stage", "新登记的应为入党申请人（applicant）");
    int rc = apply_body(db, actor, body, a, err);
    if (rc)
        return rc;
    if (!a->person_id && *a->staff_no) {
        struct dj_person p;
        if (store_person_get_by_staff_no(db, a->bureau_id, a->staff_no, &p, NULL) == 0)
            a->person_id = p.id;
    }
    if (a->person_id) {
        struct dj_person p;
        if ((rc = store_person_get(db, a->person_id, &p, err)))
            return rc;
        if (political_is_member(p.political_status))
            return dj_err_field(err, "person_id", "此人已是%s", p.political_status);
    }
    struct applicant_facts f;
    struct applicant_rows rows;
    applicant_facts_of(a, &f);
    if ((rc = applicant_rows_load(db, a->bureau_id, &rows, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    rc = applicant_check(rows.rows, rows.n, &f, AS_APPLICANT, today, err);
    applicant_rows_free(&rows);
    return rc;
}

int applicants_insert_in(struct dj_db *db, const struct dj_actor *actor, struct dj_applicant *a,
                         struct dj_err *err)
{
    int rc = store_applicant_insert(db, a, actor->user.id, err);
    json_t *after = NULL;
    if (!rc && (rc = store_applicant_get(db, a->id, a, err)) == 0)
        rc = answer(db, a, &after, err);
    if (!rc)
        rc = audit_record(db, actor, "create", "applicant", a->id, a->org_id, NULL, after, err);
    json_decref(after);
    return rc;
}

int applicants_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_applicant a;
    int rc = applicants_check_new(db, cfg, actor, body, &a, err);
    return rc ? rc : save(db, cfg, actor, &a, NULL, "create", true, out, err);
}

/* Reads an applicant the actor may change, and its answer before the change. */
static int writable(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_applicant *a,
                    json_t **before, struct dj_err *err)
{
    int rc = visible(db, actor, id, a, err);
    if (rc)
        return rc;
    if (!applicant_may_write(actor, a))
        return authz_refuse(actor, a->org_path, "您没有权限修改此入党申请人", err);
    return answer(db, a, before, err);
}

int applicants_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                      const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_applicant a;
    json_t *before = NULL;
    int rc = writable(db, actor, id, &a, &before, err);
    if (!rc && json_object_get(body, "stage"))
        rc = dj_err_field(err, "stage", "阶段请用“进入下一阶段”改变");
    if (!rc)
        rc = apply_body(db, actor, body, &a, err);
    if (!rc)
        rc = save(db, cfg, actor, &a, before, "update", a.person_id != 0, out, err);
    json_decref(before);
    return rc;
}

int applicants_advance(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t id, const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_applicant a;
    json_t *before = NULL;
    int rc = writable(db, actor, id, &a, &before, err);
    if (rc)
        return rc;
    int now = applicant_stage_parse(a.stage);
    int to = applicant_stage_parse(json_string_value(json_object_get(body, "stage")));
    if (to < 0)
        rc = dj_err_field(err, "stage", "应为 activist、candidate、probationary 或 full");
    else if (to != now + 1)
        rc = dj_err_field(err, "stage", "只能进入下一阶段（%s）",
                          now + 1 < AS_COUNT ? applicant_stage_label((enum applicant_stage)(now + 1)) : "已是正式党员");
    if (!rc) {
        dj_copy(a.stage, sizeof a.stage, applicant_stage_name((enum applicant_stage)to));
        rc = apply_body(db, actor, body, &a, err);
    }
    if (!rc)
        rc = save(db, cfg, actor, &a, before, "advance", true, out, err);
    json_decref(before);
    return rc;
}

int applicants_review(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      int64_t id, const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_applicant a;
    json_t *before = NULL;
    int rc = writable(db, actor, id, &a, &before, err);
    json_decref(before);
    if (rc)
        return rc;
    if (strcmp(a.stage, "activist"))
        return dj_err_field(err, "reviewed_on", "只有入党积极分子需要登记培养考察");
    struct dj_applicant_review r;
    memset(&r, 0, sizeof r);
    r.bureau_id = a.bureau_id;
    r.applicant_id = a.id;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    const char *day = json_string_value(json_object_get(body, "reviewed_on"));
    const char *note = json_string_value(json_object_get(body, "note"));
    if (!day || !dj_date_valid(day))
        dj_err_field(err, "reviewed_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(day, a.activist_on) < 0 || strcmp(day, today) > 0)
        dj_err_field(err, "reviewed_on", "考察日期应在确定为积极分子（%s）之后、不晚于今天", a.activist_on);
    if (json_object_get(body, "note") && (!note || dj_utf8_length(note) > 500))
        dj_err_field(err, "note", "说明应为文字，最长 500 个字");
    if (err->code)
        return (int)err->code;
    dj_copy(r.reviewed_on, sizeof r.reviewed_on, day);
    dj_copy(r.note, sizeof r.note, note ? note : "");
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = json_pack("{s:I, s:s, s:s}", "applicant_id", (json_int_t)a.id, "reviewed_on", r.reviewed_on,
                              "note", r.note);
    if (!(rc = store_applicant_review_insert(db, &r, actor->user.id, err)) &&
        !(rc = audit_record(db, actor, "quarterly_review", "applicant", a.id, a.org_id, NULL, after, err)))
        rc = db_commit(db, err);
    json_decref(after);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    return applicants_get(db, cfg, actor, id, out, err);
}

int applicants_extend(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      int64_t id, const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_applicant a;
    json_t *before = NULL;
    int rc = writable(db, actor, id, &a, &before, err);
    if (!rc && strcmp(a.stage, "probationary"))
        rc = dj_err_field(err, "months", "只有预备党员可以延长预备期");
    json_t *m = json_object_get(body, "months");
    if (!rc && !json_is_integer(m))
        rc = dj_err_field(err, "months", "应为月数");
    struct applicant_rows rows;
    if (!rc && !(rc = applicant_rows_load(db, a.bureau_id, &rows, err))) {
        struct applicant_facts f;
        applicant_facts_of(&a, &f);
        rc = applicant_extension_check(rows.rows, rows.n, &f, (int)json_integer_value(m), err);
        applicant_rows_free(&rows);
    }
    if (!rc) {
        a.extension_months = json_integer_value(m);
        rc = save(db, cfg, actor, &a, before, "extend", false, out, err);
    }
    json_decref(before);
    return rc;
}
