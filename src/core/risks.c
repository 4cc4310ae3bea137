#include "core/risks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/departments.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static void root_path(int64_t bureau_id, char out[32])
{
    snprintf(out, 32, "/%lld/", (long long)bureau_id);
}

/* Any account of the bureau reads; another bureau's record is missing. */
static int may_read(const struct dj_actor *a, int64_t bureau_id, struct dj_err *err)
{
    if (actor_is_system(a))
        return 0;
    char bp[32];
    root_path(bureau_id, bp);
    if (!bureau_id || !authz_in_bureau(a, bp))
        return dj_err_set(err, DJ_ENOTFOUND, AUTHZ_FOREIGN_MESSAGE);
    return 0;
}

/* A list: the actor's own bureau (a province account has none). */
static int may_list(const struct dj_actor *a, struct dj_err *err)
{
    return a->user.bureau_id ? 0 : dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
}

/* party_admin or discipline at the root change. */
static int may_write(const struct dj_actor *a, int64_t bureau_id, struct dj_err *err)
{
    char bp[32];
    root_path(bureau_id, bp);
    if (actor_is_system(a) || authz_has_role(a, "party_admin", bp, 0) ||
        authz_has_role(a, "discipline", bp, 0))
        return 0;
    return authz_refuse(a, bp, "只有机关党委或纪检可以维护廉政风险点和资金运行图", err);
}

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *opt_text(const char *s)
{
    return *s ? json_string(s) : json_null();
}

json_t *risk_json(const struct dj_risk_point *r)
{
    return json_pack("{s:I, s:o, s:o, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s}", "id",
                     (json_int_t)r->id, "department_id", opt_id(r->department_id), "department",
                     opt_text(r->department_name), "post", r->post, "risk", r->risk, "level",
                     r->level, "measures", r->measures, "owner_id", opt_id(r->owner_id), "owner",
                     opt_text(r->owner_name), "reviewed_on", opt_text(r->reviewed_on),
                     "created_at", r->created_at, "updated_at", r->updated_at);
}

int risks_list(struct dj_db *db, const struct dj_actor *actor, struct dj_risk_filter *f,
               json_t **items, int64_t *total, struct dj_err *err)
{
    f->bureau_id = actor->user.bureau_id;
    int rc = may_list(actor, err);
    struct dj_risk_point *r = NULL;
    int n = 0;
    if (rc || (rc = store_risk_list(db, f, &r, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, risk_json(&r[i]));
    free(r);
    return 0;
}

static int load_risk(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                     struct dj_risk_point *r, struct dj_err *err)
{
    int rc = store_risk_get(db, id, r, err);
    if (!rc && may_read(actor, r->bureau_id, NULL))
        rc = dj_err_set(err, DJ_ENOTFOUND, "风险点不存在");
    return rc;
}

int risks_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
              struct dj_err *err)
{
    struct dj_risk_point r;
    int rc = load_risk(db, actor, id, &r, err);
    if (rc)
        return rc;
    *out = risk_json(&r);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

static int check_risk(struct dj_db *db, const struct dj_config *cfg, struct dj_risk_point *r,
                      struct dj_err *err)
{
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (r->department_id) {
        struct dj_department d;
        if (store_department_get(db, r->department_id, &d, &lookup) || d.bureau_id != r->bureau_id)
            dj_err_field(err, "department_id", "科室不存在");
        else
            dj_copy(r->department_name, sizeof r->department_name, d.name);
    }
    if (r->owner_id) {
        struct dj_person p;
        if (store_person_get(db, r->owner_id, &p, &lookup) || p.bureau_id != r->bureau_id)
            dj_err_field(err, "owner_id", "人员不存在");
        else
            dj_copy(r->owner_name, sizeof r->owner_name, p.name);
    }
    size_t risk = dj_utf8_length(r->risk);
    if (risk < 2 || risk > 200)
        dj_err_field(err, "risk", "请填写风险内容（2 至 200 个字）");
    if (strcmp(r->level, "高") && strcmp(r->level, "中") && strcmp(r->level, "低"))
        dj_err_field(err, "level", "风险等级应为 高、中 或 低");
    if (dj_utf8_length(r->post) > 30)
        dj_err_field(err, "post", "岗位最长 30 个字");
    if (dj_utf8_length(r->measures) > 500)
        dj_err_field(err, "measures", "防控措施最长 500 个字");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (*r->reviewed_on && !dj_date_valid(r->reviewed_on))
        dj_err_field(err, "reviewed_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(r->reviewed_on, today) > 0)
        dj_err_field(err, "reviewed_on", "评估日期不能晚于今天");
    return err && err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

static void merge_risk(struct dj_risk_point *r, const struct risk_input *in)
{
    if (in->has_department) {
        r->department_id = in->department_id;
        r->department_name[0] = '\0';
    }
    if (in->has_post)
        dj_copy(r->post, sizeof r->post, in->post);
    if (in->has_risk)
        dj_copy(r->risk, sizeof r->risk, in->risk);
    if (in->has_level)
        dj_copy(r->level, sizeof r->level, in->level);
    if (in->has_measures)
        dj_copy(r->measures, sizeof r->measures, in->measures);
    if (in->has_owner) {
        r->owner_id = in->owner_id;
        r->owner_name[0] = '\0';
    }
    if (in->has_reviewed)
        dj_copy(r->reviewed_on, sizeof r->reviewed_on, in->reviewed_on);
}

static int write_risk(struct dj_db *db, const struct dj_actor *actor, struct dj_risk_point *r,
                      json_t *before, json_t **out, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    bool created = !r->id;
    json_t *after = NULL;
    if ((rc = created ? store_risk_insert(db, r, err) : store_risk_update(db, r, err)) ||
        (rc = (after = risk_json(r)) ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足")) ||
        (rc = audit_record(db, actor, created ? "create" : "update", "risk_point", r->id,
                           r->bureau_id, before, after, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int risks_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct risk_input *in, json_t **out, struct dj_err *err)
{
    struct dj_risk_point r;
    memset(&r, 0, sizeof r);
    r.bureau_id = actor->user.bureau_id;
    int rc = may_write(actor, r.bureau_id, err);
    if (rc)
        return rc;
    merge_risk(&r, in);
    if ((rc = check_risk(db, cfg, &r, err)))
        return rc;
    return write_risk(db, actor, &r, NULL, out, err);
}

int risks_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const struct risk_input *in, json_t **out, struct dj_err *err)
{
    struct dj_risk_point r;
    int rc = load_risk(db, actor, id, &r, err);
    if (rc || (rc = may_write(actor, r.bureau_id, err)))
        return rc;
    json_t *before = risk_json(&r);
    merge_risk(&r, in);
    if (!(rc = check_risk(db, cfg, &r, err)))
        rc = write_risk(db, actor, &r, before, out, err);
    json_decref(before);
    return rc;
}

/* ---- fund processes ---- */

static int fund_json(struct dj_db *db, const struct dj_fund_process *p, json_t **out,
                     struct dj_err *err)
{
    struct dj_fund_step *s = NULL;
    struct dj_fund_step_risk *sr = NULL;
    int ns = 0, nsr = 0;
    int rc = store_fund_steps(db, p->id, &s, &ns, err);
    if (!rc)
        rc = store_fund_step_risks(db, p->id, &sr, &nsr, err);
    if (rc) {
        free(s);
        return rc;
    }
    json_t *steps = json_array();
    for (int i = 0; i < ns; i++) {
        json_t *risks = json_array();
        for (int k = 0; k < nsr; k++)
            if (sr[k].step_id == s[i].id)
                json_array_append_new(risks, json_pack("{s:I, s:s, s:s}", "id",
                                                       (json_int_t)sr[k].risk_point_id, "risk",
                                                       sr[k].risk, "level", sr[k].level));
        json_array_append_new(steps, json_pack("{s:I, s:i, s:s, s:o, s:o, s:o}", "id",
                                               (json_int_t)s[i].id, "seq", s[i].seq, "name",
                                               s[i].name, "department_id", opt_id(s[i].department_id),
                                               "department", opt_text(s[i].department_name),
                                               "risk_points", risks));
    }
    free(s);
    free(sr);
    *out = json_pack("{s:I, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)p->id, "name", p->name,
                     "description", p->description, "steps", steps, "created_at", p->created_at,
                     "updated_at", p->updated_at);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

int funds_list(struct dj_db *db, const struct dj_actor *actor, json_t **items, struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    int rc = may_list(actor, err);
    struct dj_fund_process *p = NULL;
    int n = 0;
    if (rc || (rc = store_fund_list(db, bureau, &p, &n, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n && !rc; i++) {
        json_t *j;
        if (!(rc = fund_json(db, &p[i], &j, err)))
            json_array_append_new(*items, j);
    }
    free(p);
    if (rc) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

static int load_fund(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                     struct dj_fund_process *p, struct dj_err *err)
{
    int rc = store_fund_get(db, id, p, err);
    if (!rc && may_read(actor, p->bureau_id, NULL))
        rc = dj_err_set(err, DJ_ENOTFOUND, "资金运行图不存在");
    return rc;
}

int funds_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
              struct dj_err *err)
{
    struct dj_fund_process p;
    int rc = load_fund(db, actor, id, &p, err);
    return rc ? rc : fund_json(db, &p, out, err);
}

static int check_fund(struct dj_db *db, struct dj_fund_process *p, const struct fund_input *in,
                      struct dj_err *err)
{
    size_t n = dj_utf8_length(p->name);
    if (n < 2 || n > 40)
        dj_err_field(err, "name", "请填写名称（2 至 40 个字）");
    if (dj_utf8_length(p->description) > 200)
        dj_err_field(err, "description", "说明最长 200 个字");
    if (in->has_steps && in->nsteps < 2)
        dj_err_field(err, "steps", "至少两个环节");
    struct dj_err lookup;
    for (int i = 0; in->has_steps && i < in->nsteps; i++) {
        const struct fund_step_input *s = &in->steps[i];
        size_t m = dj_utf8_length(s->name);
        if (m < 1 || m > 20)
            dj_err_field(err, "steps", "第 %d 个环节的名称应为 1 至 20 个字", i + 1);
        dj_err_clear(&lookup);
        struct dj_department d;
        if (s->department_id && (store_department_get(db, s->department_id, &d, &lookup) ||
                                 d.bureau_id != p->bureau_id))
            dj_err_field(err, "steps", "第 %d 个环节的科室不存在", i + 1);
        for (int k = 0; k < s->nrisks; k++) {
            struct dj_risk_point r;
            dj_err_clear(&lookup);
            bool dup = false;
            for (int j = 0; j < k; j++)
                dup |= s->risks[j] == s->risks[k];
            if (dup || store_risk_get(db, s->risks[k], &r, &lookup) || r.bureau_id != p->bureau_id)
                dj_err_field(err, "steps", "第 %d 个环节的风险点不存在或重复", i + 1);
        }
    }
    return err && err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

static int write_fund(struct dj_db *db, const struct dj_actor *actor, struct dj_fund_process *p,
                      const struct fund_input *in, json_t *before, json_t **out, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    bool created = !p->id;
    json_t *after = NULL;
    if ((rc = created ? store_fund_insert(db, p, err) : store_fund_update(db, p, err)))
        goto fail;
    if (in->has_steps) {
        if ((rc = store_fund_steps_clear(db, p->id, err)))
            goto fail;
        for (int i = 0; i < in->nsteps; i++) {
            struct dj_fund_step s;
            memset(&s, 0, sizeof s);
            s.process_id = p->id;
            s.seq = i + 1;
            dj_copy(s.name, sizeof s.name, in->steps[i].name);
            s.department_id = in->steps[i].department_id;
            if ((rc = store_fund_step_insert(db, &s, err)))
                goto fail;
            for (int k = 0; k < in->steps[i].nrisks; k++)
                if ((rc = store_fund_step_risk_insert(db, s.id, in->steps[i].risks[k], err)))
                    goto fail;
        }
    }
    if ((rc = fund_json(db, p, &after, err)) ||
        (rc = audit_record(db, actor, created ? "create" : "update", "fund_process", p->id,
                           p->bureau_id, before, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    *out = after;
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}

int funds_create(struct dj_db *db, const struct dj_actor *actor, const struct fund_input *in,
                 json_t **out, struct dj_err *err)
{
    struct dj_fund_process p;
    memset(&p, 0, sizeof p);
    p.bureau_id = actor->user.bureau_id;
    int rc = may_write(actor, p.bureau_id, err);
    if (rc)
        return rc;
    dj_copy(p.name, sizeof p.name, in->name);
    dj_copy(p.description, sizeof p.description, in->description);
    if (!in->has_steps)
        dj_err_field(err, "steps", "至少两个环节");
    if ((rc = check_fund(db, &p, in, err)))
        return rc;
    return write_fund(db, actor, &p, in, NULL, out, err);
}

int funds_update(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                 const struct fund_input *in, json_t **out, struct dj_err *err)
{
    struct dj_fund_process p;
    int rc = load_fund(db, actor, id, &p, err);
    if (rc || (rc = may_write(actor, p.bureau_id, err)))
        return rc;
    json_t *before = NULL;
    if ((rc = fund_json(db, &p, &before, err)))
        return rc;
    if (in->has_name)
        dj_copy(p.name, sizeof p.name, in->name);
    if (in->has_description)
        dj_copy(p.description, sizeof p.description, in->description);
    if (!(rc = check_fund(db, &p, in, err)))
        rc = write_fund(db, actor, &p, in, before, out, err);
    json_decref(before);
    return rc;
}

/* ---- 以案促改 ---- */

static json_t *case_json(const struct dj_integrity_case *c)
{
    return json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id, "title",
                     c->title, "occurred_on", opt_text(c->occurred_on), "summary", c->summary,
                     "lessons", c->lessons, "rectifications", c->rectifications, "created_at",
                     c->created_at, "updated_at", c->updated_at);
}

int cases_list(struct dj_db *db, const struct dj_actor *actor, int limit, int offset,
               json_t **items, int64_t *total, struct dj_err *err)
{
    int rc = may_list(actor, err);
    struct dj_integrity_case *c = NULL;
    int n = 0;
    if (rc || (rc = store_case_list(db, actor->user.bureau_id, limit, offset, &c, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, case_json(&c[i]));
    free(c);
    return 0;
}

static int load_case(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                     struct dj_integrity_case *c, struct dj_err *err)
{
    int rc = store_case_get(db, id, c, err);
    if (!rc && may_read(actor, c->bureau_id, NULL))
        rc = dj_err_set(err, DJ_ENOTFOUND, "案例不存在");
    return rc;
}

int cases_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
              struct dj_err *err)
{
    struct dj_integrity_case c;
    int rc = load_case(db, actor, id, &c, err);
    if (rc)
        return rc;
    *out = case_json(&c);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}

static int check_case(const struct dj_config *cfg, struct dj_integrity_case *c, const struct case_input *in,
                      struct dj_err *err)
{
    if (in->has_title)
        dj_copy(c->title, sizeof c->title, in->title);
    if (in->has_occurred)
        dj_copy(c->occurred_on, sizeof c->occurred_on, in->occurred_on);
    if (in->has_summary)
        dj_copy(c->summary, sizeof c->summary, in->summary);
    if (in->has_lessons)
        dj_copy(c->lessons, sizeof c->lessons, in->lessons);
    if (in->has_rectifications)
        dj_copy(c->rectifications, sizeof c->rectifications, in->rectifications);
    size_t n = dj_utf8_length(c->title);
    if (n < 2 || n > 60)
        dj_err_field(err, "title", "请填写案例名称（2 至 60 个字）");
    static const char *const names[] = {"summary", "lessons", "rectifications"};
    const char *texts[] = {c->summary, c->lessons, c->rectifications};
    for (int i = 0; i < 3; i++)
        if (dj_utf8_length(texts[i]) > 800)
            dj_err_field(err, names[i], "最长 800 个字");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (*c->occurred_on && !dj_date_valid(c->occurred_on))
        dj_err_field(err, "occurred_on", "应为日期 YYYY-MM-DD");
    else if (strcmp(c->occurred_on, today) > 0)
        dj_err_field(err, "occurred_on", "案发日期不能晚于今天");
    return err && err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

static int write_case(struct dj_db *db, const struct dj_actor *actor, struct dj_integrity_case *c,
                      json_t *before, json_t **out, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    bool created = !c->id;
    json_t *after = NULL;
    if ((rc = created ? store_case_insert(db, c, err) : store_case_update(db, c, err)) ||
        (rc = (after = case_json(c)) ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足")) ||
        (rc = audit_record(db, actor, created ? "create" : "update", "integrity_case", c->id,
                           c->bureau_id, before, after, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int cases_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct case_input *in, json_t **out, struct dj_err *err)
{
    struct dj_integrity_case *c = calloc(1, sizeof *c);
    if (!c)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    c->bureau_id = actor->user.bureau_id;
    int rc = may_write(actor, c->bureau_id, err);
    if (!rc && !(rc = check_case(cfg, c, in, err)))
        rc = write_case(db, actor, c, NULL, out, err);
    free(c);
    return rc;
}

int cases_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const struct case_input *in, json_t **out, struct dj_err *err)
{
    struct dj_integrity_case *c = calloc(1, sizeof *c);
    if (!c)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = load_case(db, actor, id, c, err);
    json_t *before = NULL;
    if (!rc && !(rc = may_write(actor, c->bureau_id, err)) &&
        !(rc = (before = case_json(c)) ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足")) &&
        !(rc = check_case(cfg, c, in, err)))
        rc = write_case(db, actor, c, before, out, err);
    json_decref(before);
    free(c);
    return rc;
}
