/* applicant_import: the applicants list from Excel (xlsx, xls or CSV) —
 * branch clerks keep it in a spreadsheet.  Columns by title in any order (the
 * export's titles and a few aliases); each row is checked by
 * applicants_check_new as the API checks one applicant (and, for an
 * 入党积极分子, the stage's dates and 培养联系人), every error reported with its
 * row and column, and nothing written while any row is wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/applicant_rules.h"
#include "core/applicants.h"
#include "core/applicants_internal.h"
#include "core/audit.h"
#include "core/people.h"
#include "io/table.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

enum col { C_ORG, C_NAME, C_STAFF, C_GENDER, C_BIRTH, C_STAGE, C_APPLIED, C_TALKED, C_ACTIVIST, C_CONTACTS,
           C_NOTE, NCOLS };

static const struct {
    const char *field;
    const char *names[3];
} cols[NCOLS] = {
    [C_ORG] = {"org_id", {"所在支部", "支部", "所属支部"}},
    [C_NAME] = {"name", {"姓名"}},
    [C_STAFF] = {"staff_no", {"工号"}},
    [C_GENDER] = {"gender", {"性别"}},
    [C_BIRTH] = {"birth_date", {"出生日期", "出生年月"}},
    [C_STAGE] = {"stage", {"阶段", "发展阶段"}},
    [C_APPLIED] = {"applied_on", {"申请日期", "递交申请日期", "申请入党日期"}},
    [C_TALKED] = {"talked_on", {"谈话日期"}},
    [C_ACTIVIST] = {"activist_on", {"确定积极分子日期", "确定为积极分子日期"}},
    [C_CONTACTS] = {"contact_ids", {"培养联系人"}},
    [C_NOTE] = {"note", {"备注"}},
};

static int column_of(const struct dj_table_row *r, enum col c)
{
    for (int i = 0; i < r->ncells; i++)
        for (int k = 0; k < 3 && cols[c].names[k]; k++)
            if (!strcmp(r->cells[i], cols[c].names[k]))
                return i;
    return -1;
}

static const char *cell(const struct dj_table_row *r, const int *at, enum col c)
{
    return at[c] >= 0 && at[c] < r->ncells ? r->cells[at[c]] : "";
}

static void row_error(json_t *errors, int row, enum col c, const char *message)
{
    json_array_append_new(errors, json_pack("{s:i, s:s, s:s}", "row", row, "column", cols[c].names[0], "message",
                                            message));
}

/* A person of the roster by 工号, or by a name borne by one person only. */
static int64_t person_named(const struct dj_person_list *people, const char *v, int *named)
{
    *named = 0;
    for (int i = 0; i < people->count; i++)
        if (!strcmp(people->items[i].staff_no, v))
            return people->items[i].id;
    int64_t found = 0;
    for (int i = 0; i < people->count; i++)
        if (!strcmp(people->items[i].name, v)) {
            (*named)++;
            found = people->items[i].id;
        }
    return *named == 1 ? found : 0;
}

/* One row as the JSON body of a new applicant; *stage the row's stage. */
static bool row_body(const struct dj_org *orgs, int norgs, const struct dj_person_list *people,
                     const struct dj_table_row *r, const int *at, json_t *body, int *stage, json_t *errors)
{
    char msg[512];
    bool ok = true;
    const char *v = cell(r, at, C_ORG);
    int64_t org = 0;
    for (int i = 0; i < norgs && !org; i++)
        if (!strcmp(orgs[i].name, v))
            org = orgs[i].id;
    if (!org) {
        snprintf(msg, sizeof msg, *v ? "支部“%s”不在本单位的组织机构中" : "请填写所在支部", v);
        row_error(errors, r->line, C_ORG, msg);
        ok = false;
    }
    json_object_set_new(body, "org_id", json_integer(org));
    static const enum col texts[] = {C_NAME, C_STAFF, C_GENDER, C_BIRTH, C_APPLIED, C_TALKED, C_NOTE};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (*(v = cell(r, at, texts[i])) || texts[i] == C_NAME || texts[i] == C_APPLIED)
            json_object_set_new(body, cols[texts[i]].field, json_string(v));
    *stage = AS_APPLICANT;
    v = cell(r, at, C_STAGE);
    if (!strcmp(v, "入党积极分子") || !strcmp(v, "积极分子"))
        *stage = AS_ACTIVIST;
    else if (*v && strcmp(v, "入党申请人") && strcmp(v, "申请人")) {
        snprintf(msg, sizeof msg, "阶段“%s”：只能导入入党申请人或入党积极分子，其后的阶段请在系统中逐步登记", v);
        row_error(errors, r->line, C_STAGE, msg);
        ok = false;
    }
    if (*stage == AS_ACTIVIST) {
        json_t *ids = json_array();
        char names[256];
        dj_copy(names, sizeof names, cell(r, at, C_CONTACTS));
        char *save = NULL;
        for (char *t = strtok_r(names, "、,，;； ", &save); t; t = strtok_r(NULL, "、,，;； ", &save)) {
            int named;
            int64_t id = person_named(people, t, &named);
            if (!id) {
                if (named > 1)
                    snprintf(msg, sizeof msg, "名册中有 %d 人名为“%s”：请填写工号", named, t);
                else
                    snprintf(msg, sizeof msg, "“%s”不在人员名册中", t);
                row_error(errors, r->line, C_CONTACTS, msg);
                ok = false;
            } else {
                json_array_append_new(ids, json_integer(id));
            }
        }
        json_object_set_new(body, "contact_ids", ids);
        json_object_set_new(body, "activist_on", json_string(cell(r, at, C_ACTIVIST)));
    }
    return ok;
}

int applicants_import(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      const void *data, size_t len, bool dry_run, json_t **result, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限导入入党申请人");
    char bureau[32];
    applicant_bureau_path(path_root_id(scope), bureau, sizeof bureau);
    struct dj_table t;
    int rc = table_read(data, len, &t, err);
    if (rc)
        return rc;
    struct dj_org *orgs = NULL;
    int norgs = 0, n = 0;
    struct dj_person_list people;
    memset(&people, 0, sizeof people);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    struct dj_applicant *rows = NULL;
    json_t *errors = json_array();
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if ((rc = store_org_list(db, bureau, &orgs, &norgs, err)) || (rc = store_people_list(db, &pf, &people, err)))
        goto done;
    int header = -1, at[NCOLS];
    for (int r = 0; r < t.nrows && r < 20 && header < 0; r++)
        if (column_of(&t.rows[r], C_NAME) >= 0 && column_of(&t.rows[r], C_APPLIED) >= 0)
            header = r;
    if (header < 0) {
        row_error(errors, t.nrows ? t.rows[0].line : 1, C_NAME, "找不到表头：文件应有“姓名”和“申请日期”两列");
        goto done;
    }
    for (int c = 0; c < NCOLS; c++)
        at[c] = column_of(&t.rows[header], (enum col)c);
    if (!(rows = calloc((size_t)t.nrows, sizeof *rows))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto done;
    }
    struct applicant_rows settings;
    if ((rc = applicant_rows_load(db, path_root_id(scope), &settings, err)))
        goto done;
    for (int r = header + 1; r < t.nrows; r++) {
        const struct dj_table_row *row = &t.rows[r];
        bool empty = true;
        for (int c = 0; c < row->ncells; c++)
            empty &= !*row->cells[c];
        if (empty)
            continue;
        json_t *body = json_object();
        int stage = AS_APPLICANT;
        bool ok = body && row_body(orgs, norgs, &people, row, at, body, &stage, errors);
        struct dj_err e;
        dj_err_clear(&e);
        json_t *later = json_object();
        /* the 积极分子's fields are checked with the stage (applicants_check_new takes an applicant) */
        json_object_set(later, "contact_ids", json_object_get(body, "contact_ids"));
        json_object_set(later, "activist_on", json_object_get(body, "activist_on"));
        json_object_del(body, "contact_ids");
        json_object_del(body, "activist_on");
        int crc = ok ? applicants_check_new(db, cfg, actor, body, &rows[n], &e) : 0;
        if (ok && !crc && stage == AS_ACTIVIST) {
            struct dj_applicant *a = &rows[n];
            dj_copy(a->activist_on, sizeof a->activist_on, json_string_value(json_object_get(later, "activist_on")));
            size_t k;
            json_t *id;
            json_array_foreach(json_object_get(later, "contact_ids"), k, id) if (k < 2) a->contact_ids[k] =
                json_integer_value(id);
            dj_copy(a->stage, sizeof a->stage, "activist");
            struct applicant_facts f;
            applicant_facts_of(a, &f);
            if (*a->activist_on && !dj_date_valid(a->activist_on))
                crc = dj_err_field(&e, "activist_on", "应为日期 YYYY-MM-DD");
            else
                crc = applicant_check(settings.rows, settings.n, &f, AS_ACTIVIST, today, &e);
        }
        json_decref(body);
        json_decref(later);
        if (crc == DJ_EINVAL || crc == DJ_EFORBIDDEN || crc == DJ_ENOTFOUND) {
            if (!e.nfields)
                row_error(errors, row->line, C_ORG, e.message);
            for (int f = 0; f < e.nfields; f++) {
                enum col c = C_NAME;
                for (int k = 0; k < NCOLS; k++)
                    if (!strcmp(cols[k].field, e.fields[f].name))
                        c = (enum col)k;
                row_error(errors, row->line, c, e.fields[f].message);
            }
        } else if (crc) {
            rc = crc;
            *err = e;
            break;
        } else if (ok) {
            n++;
        }
    }
    applicant_rows_free(&settings);
    if (!rc && !json_array_size(errors) && !dry_run && n) {
        if ((rc = db_begin_write(db, err)))
            goto done;
        for (int i = 0; i < n && !rc; i++)
            rc = applicants_insert_in(db, actor, &rows[i], err);
        json_t *summary = rc ? NULL : json_pack("{s:i}", "created", n);
        if (!rc)
            rc = audit_record(db, actor, "import", "applicant", 0, path_root_id(scope), NULL, summary, err);
        json_decref(summary);
        if (rc || (rc = db_commit(db, err)))
            db_rollback(db);
    }
done:
    if (rc) {
        json_decref(errors);
    } else {
        bool failed = json_array_size(errors) > 0;
        *result = json_pack("{s:i, s:i, s:i, s:b, s:o}", "rows", n + (int)json_array_size(errors), "created",
                            failed || dry_run ? 0 : n, "updated", 0, "dry_run", dry_run, "errors", errors);
    }
    free(rows);
    free(orgs);
    store_person_list_free(&people);
    table_free(&t);
    return rc;
}
