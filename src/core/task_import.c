/* task_import: a task list from Excel (xlsx, xls or CSV) — the bureau keeps
 * its 年度任务清单 in a spreadsheet.  Columns by title in any order (the
 * export's titles and a few aliases); every row is checked by tasks_check as
 * the API checks one task, and nothing is written while any row is wrong. */
#include "core/tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "io/table.h"
#include "store/departments.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/text.h"

enum col { C_TITLE, C_ORG, C_LINE, C_KIND, C_DEPT, C_OWNER, C_START, C_DUE, C_WEIGHT, C_PUBLIC, C_DESC, C_YEAR, NCOLS };

static const struct {
    const char *field; /* the task's field its errors name */
    const char *names[4];
} cols[NCOLS] = {
    [C_TITLE] = {"title", {"任务", "任务名称", "工作任务"}},
    [C_ORG] = {"org_id", {"所属组织", "所属清单", "组织"}},
    [C_LINE] = {"line", {"条线", "类型"}},
    [C_KIND] = {"kind", {"类别", "任务类别"}},
    [C_DEPT] = {"owner_department_id", {"责任科室", "责任单位"}},
    [C_OWNER] = {"owner_person_id", {"责任人", "责任人工号"}},
    [C_START] = {"start_on", {"开始日期", "开始时间"}},
    [C_DUE] = {"due_on", {"截止日期", "完成时限", "截止时间"}},
    [C_WEIGHT] = {"weight", {"权重"}},
    [C_PUBLIC] = {"public", {"公开", "是否公开"}},
    [C_DESC] = {"description", {"说明", "工作要求", "备注"}},
    [C_YEAR] = {"year", {"年度"}},
};

static int column_of(const struct dj_table_row *r, enum col c)
{
    for (int i = 0; i < r->ncells; i++)
        for (int k = 0; k < 4 && cols[c].names[k]; k++)
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
    json_array_append_new(errors, json_pack("{s:i, s:s, s:s}", "row", row, "column", cols[c].names[0],
                                            "message", message));
}

/* The words of a line or kind, or NULL. */
static const char *code_of(const char *v, const char *const *words)
{
    for (int i = 0; words[i]; i += 2)
        if (!strcmp(v, words[i]))
            return words[i + 1];
    return NULL;
}

struct lookups {
    struct dj_org *orgs;
    int norgs;
    struct dj_department *depts;
    int ndepts;
    struct dj_person_list people;
};

/* One row as the JSON body of a task; false (with a row error) when a cell names nothing known. */
static bool row_body(const struct lookups *l, int64_t root, const struct dj_table_row *r, const int *at,
                     json_t *body, json_t *errors)
{
    static const char *const lines[] = {"业务工作", "business", "业务", "business", "business", "business",
                                        "党建工作", "party",    "党建", "party",    "party",    "party", NULL};
    static const char *const kinds[] = {"年度任务", "annual", "年度", "annual", "annual", "annual",
                                        "攻坚任务", "key",    "攻坚", "key",    "key",    "key", NULL};
    char msg[512];
    bool ok = true;
    const char *v = cell(r, at, C_ORG);
    int64_t org = root;
    if (*v) {
        org = 0;
        for (int i = 0; i < l->norgs && !org; i++)
            if (!strcmp(l->orgs[i].name, v))
                org = l->orgs[i].id;
        if (!org) {
            snprintf(msg, sizeof msg, "组织“%s”不在本单位的组织机构中", v);
            row_error(errors, r->line, C_ORG, msg);
            ok = false;
        }
    }
    json_object_set_new(body, "org_id", json_integer(org));
    json_object_set_new(body, "title", json_string(cell(r, at, C_TITLE)));
    v = cell(r, at, C_LINE);
    const char *code = code_of(v, lines);
    if (!code) {
        snprintf(msg, sizeof msg, "条线“%s”应为业务工作或党建工作", v);
        row_error(errors, r->line, C_LINE, msg);
        ok = false;
    }
    json_object_set_new(body, "line", json_string(code ? code : ""));
    if (*(v = cell(r, at, C_KIND))) {
        if (!(code = code_of(v, kinds))) {
            snprintf(msg, sizeof msg, "类别“%s”应为年度任务或攻坚任务", v);
            row_error(errors, r->line, C_KIND, msg);
            ok = false;
        } else {
            json_object_set_new(body, "kind", json_string(code));
        }
    }
    if (*(v = cell(r, at, C_DEPT))) {
        int64_t d = 0;
        for (int i = 0; i < l->ndepts && !d; i++)
            if (!strcmp(l->depts[i].name, v))
                d = l->depts[i].id;
        if (!d) {
            snprintf(msg, sizeof msg, "科室“%s”不在本单位", v);
            row_error(errors, r->line, C_DEPT, msg);
            ok = false;
        } else {
            json_object_set_new(body, "owner_department_id", json_integer(d));
        }
    }
    if (*(v = cell(r, at, C_OWNER))) {
        /* a 工号, or a name borne by one person only */
        int64_t p = 0;
        int named = 0;
        for (int i = 0; i < l->people.count && !p; i++)
            if (!strcmp(l->people.items[i].staff_no, v))
                p = l->people.items[i].id;
        for (int i = 0; i < l->people.count && !p; i++)
            named += !strcmp(l->people.items[i].name, v);
        for (int i = 0; i < l->people.count && !p && named == 1; i++)
            if (!strcmp(l->people.items[i].name, v))
                p = l->people.items[i].id;
        if (!p) {
            if (named > 1)
                snprintf(msg, sizeof msg, "名册中有 %d 人名为“%s”：请填写工号", named, v);
            else
                snprintf(msg, sizeof msg, "“%s”不在人员名册中（请填写工号或姓名）", v);
            row_error(errors, r->line, C_OWNER, msg);
            ok = false;
        } else {
            json_object_set_new(body, "owner_person_id", json_integer(p));
        }
    }
    if (*(v = cell(r, at, C_START)))
        json_object_set_new(body, "start_on", json_string(v));
    json_object_set_new(body, "due_on", json_string(cell(r, at, C_DUE)));
    if (*(v = cell(r, at, C_WEIGHT))) {
        int64_t w;
        if (dj_parse_int64(v, &w) || w < 1 || w > 100) {
            snprintf(msg, sizeof msg, "权重“%s”应为 1 至 100 的整数", v);
            row_error(errors, r->line, C_WEIGHT, msg);
            ok = false;
        } else {
            json_object_set_new(body, "weight", json_integer(w));
        }
    }
    if (*(v = cell(r, at, C_YEAR))) {
        int64_t y;
        if (dj_parse_int64(v, &y) || y < 2000 || y > 2100) {
            snprintf(msg, sizeof msg, "年度“%s”应为年份", v);
            row_error(errors, r->line, C_YEAR, msg);
            ok = false;
        } else {
            json_object_set_new(body, "year", json_integer(y));
        }
    }
    if (*(v = cell(r, at, C_PUBLIC)))
        json_object_set_new(body, "public", json_boolean(strcmp(v, "否") != 0 && strcmp(v, "不公开") != 0));
    json_object_set_new(body, "description", json_string(cell(r, at, C_DESC)));
    return ok;
}

int tasks_import(struct dj_db *db, const struct dj_actor *actor, const void *data, size_t len,
                 bool dry_run, json_t **result, struct dj_err *err)
{
    int64_t root = actor->user.bureau_id;
    if (root <= 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "任务清单属于一个单位：请用单位的账号导入");
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    if (!authz_allows(actor, PERM_MEETINGS_WRITE, NULL))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限导入任务清单");
    struct dj_table t;
    int rc = table_read(data, len, &t, err);
    if (rc)
        return rc;
    struct lookups l;
    memset(&l, 0, sizeof l);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    struct dj_task *tasks = NULL;
    int n = 0;
    json_t *errors = json_array();
    if ((rc = store_org_list(db, bureau, &l.orgs, &l.norgs, err)) ||
        (rc = store_department_list(db, bureau, &l.depts, &l.ndepts, err)) ||
        (rc = store_people_list(db, &pf, &l.people, err)))
        goto done;
    /* the header: the first of the first 20 rows naming 任务 and 截止日期 */
    int header = -1, at[NCOLS];
    for (int r = 0; r < t.nrows && r < 20 && header < 0; r++)
        if (column_of(&t.rows[r], C_TITLE) >= 0 && column_of(&t.rows[r], C_DUE) >= 0)
            header = r;
    if (header < 0) {
        row_error(errors, t.nrows ? t.rows[0].line : 1, C_TITLE, "找不到表头：文件应有“任务”和“截止日期”两列");
        goto done;
    }
    for (int c = 0; c < NCOLS; c++)
        at[c] = column_of(&t.rows[header], (enum col)c);
    if (!(tasks = calloc((size_t)t.nrows, sizeof *tasks))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto done;
    }
    for (int r = header + 1; r < t.nrows; r++) {
        const struct dj_table_row *row = &t.rows[r];
        bool empty = true;
        for (int c = 0; c < row->ncells; c++)
            empty &= !*row->cells[c];
        if (empty)
            continue;
        json_t *body = json_object();
        bool ok = body && row_body(&l, root, row, at, body, errors);
        struct dj_task *x = &tasks[n];
        x->public = true;
        dj_copy(x->milestones, sizeof x->milestones, "[]");
        struct dj_err e;
        dj_err_clear(&e);
        int crc = ok ? tasks_check(db, actor, body, x, &e) : 0;
        json_decref(body);
        if (crc == DJ_EINVAL || crc == DJ_EFORBIDDEN || crc == DJ_ENOTFOUND) {
            if (!e.nfields)
                json_array_append_new(errors, json_pack("{s:i, s:s, s:s}", "row", row->line, "column",
                                                        "所属组织", "message", e.message));
            for (int f = 0; f < e.nfields; f++) {
                enum col c = C_TITLE;
                for (int k = 0; k < NCOLS; k++)
                    if (!strcmp(cols[k].field, e.fields[f].name))
                        c = (enum col)k;
                row_error(errors, row->line, c, e.fields[f].message);
            }
        } else if (crc) {
            rc = crc;
            *err = e;
            goto done;
        } else if (ok) {
            n++;
        }
    }
    if (!json_array_size(errors) && !dry_run && n) {
        if ((rc = db_begin_write(db, err)))
            goto done;
        for (int i = 0; i < n && !rc; i++) {
            json_t *after = NULL;
            if (!(rc = store_task_insert(db, &tasks[i], actor->user.id, err)) &&
                !(after = json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)tasks[i].id, "title", tasks[i].title,
                                    "due_on", tasks[i].due_on, "org_id", (json_int_t)tasks[i].org_id)))
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            if (!rc)
                rc = audit_record(db, actor, "create", "task", tasks[i].id, tasks[i].org_id, NULL, after, err);
            json_decref(after);
        }
        json_t *summary = rc ? NULL : json_pack("{s:i}", "created", n);
        if (!rc)
            rc = audit_record(db, actor, "import", "task", 0, root, NULL, summary, err);
        json_decref(summary);
        if (rc || (rc = db_commit(db, err)))
            db_rollback(db);
    }
done:
    if (rc) {
        json_decref(errors);
    } else {
        bool failed = json_array_size(errors) > 0;
        /* updated: always 0 (an import adds tasks), as the other imports report it */
        *result = json_pack("{s:i, s:i, s:i, s:b, s:o}", "rows", n + (int)json_array_size(errors), "created",
                            failed || dry_run ? 0 : n, "updated", 0, "dry_run", dry_run, "errors", errors);
    }
    free(tasks);
    free(l.orgs);
    free(l.depts);
    store_person_list_free(&l.people);
    table_free(&t);
    return rc;
}
