#include "core/contact_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "io/table.h"
#include "store/people.h"
#include "store/service.h"
#include "util/date.h"
#include "util/text.h"

static void row_error(json_t *errors, int row, const char *column, const char *message)
{
    json_array_append_new(errors, json_pack("{s:i, s:s, s:s}", "row", row, "column", column, "message", message));
}

static int column_of(const struct dj_table_row *r, const char *const *names)
{
    for (int c = 0; c < r->ncells; c++)
        for (int k = 0; names[k]; k++)
            if (!strcmp(r->cells[c], names[k]))
                return c;
    return -1;
}

static const char *cell_at(const struct dj_table_row *r, int c)
{
    return c >= 0 && c < r->ncells ? r->cells[c] : "";
}

/* the kind's code from its words or code; "" for an empty cell, NULL unknown */
static const char *kind_code(const char *cell)
{
    static const char *const map[][2] = {
        {"困难群众", "household"}, {"联系户", "household"}, {"困难群众/联系户", "household"}, {"household", "household"},
        {"重点企业", "enterprise"}, {"企业", "enterprise"}, {"enterprise", "enterprise"},
        {"村党支部", "village_branch"}, {"village_branch", "village_branch"},
        {"社区党支部", "community_branch"}, {"community_branch", "community_branch"},
        {"其他", "other"}, {"other", "other"},
    };
    if (!*cell)
        return "household";
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(cell, map[i][0]))
            return map[i][1];
    return NULL;
}

/* text of at most max characters into dst, else a row error */
static bool text_cell(json_t *errors, int line, const char *column, const char *cell, char *dst, size_t size,
                      size_t max)
{
    if (dj_utf8_length(cell) > max || strlen(cell) >= size) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s最长 %zu 个字", column, max);
        row_error(errors, line, column, msg);
        return false;
    }
    dj_copy(dst, size, cell);
    return true;
}

static int write_all(struct dj_db *db, const struct dj_actor *actor, struct dj_contact *c, const int64_t *branch,
                     int n, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    for (int i = 0; i < n && !rc; i++) {
        if ((rc = store_contact_insert(db, &c[i], actor->user.id, err)))
            break;
        json_t *after = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)c[i].id, "person_id",
                                  (json_int_t)c[i].person_id, "kind", c[i].kind, "name", c[i].name, "place",
                                  c[i].place, "started_on", c[i].started_on);
        rc = audit_record(db, actor, "import", "contact", c[i].id, branch[i], NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}

int contacts_import(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const void *data,
                    size_t len, bool dry_run, json_t **result, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限导入联系点");
    int64_t bureau = path_root_id(scope);
    struct dj_table t;
    int rc = table_read(data, len, &t, err);
    if (rc)
        return rc;
    static const char *const staff_names[] = {"工号", "人员编号", NULL};
    static const char *const target_names[] = {"联系对象", "联系户", "户主", NULL};
    static const char *const name_names[] = {"姓名", "党员", NULL};
    static const char *const kind_names[] = {"类别", "类型", NULL};
    static const char *const place_names[] = {"地址", "住址", NULL};
    static const char *const phone_names[] = {"电话", "联系电话", NULL};
    static const char *const start_names[] = {"开始日期", "结对日期", NULL};
    static const char *const note_names[] = {"备注", NULL};
    int header = -1, c_staff = -1, c_target = -1;
    for (int r = 0; r < t.nrows && r < 20 && header < 0; r++) {
        c_staff = column_of(&t.rows[r], staff_names);
        c_target = column_of(&t.rows[r], target_names);
        if (c_staff >= 0 && c_target >= 0)
            header = r;
    }
    json_t *errors = json_array();
    struct dj_contact *rows = calloc((size_t)t.nrows + 1, sizeof *rows);
    int64_t *branch = calloc((size_t)t.nrows + 1, sizeof *branch);
    int n = 0, seen = 0;
    if (!rows || !branch) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto done;
    }
    if (header < 0) {
        row_error(errors, t.nrows ? t.rows[0].line : 1, "工号", "找不到表头：文件应有“工号”和“联系对象”两列");
        goto done;
    }
    const struct dj_table_row *h = &t.rows[header];
    int c_name = column_of(h, name_names), c_kind = column_of(h, kind_names), c_place = column_of(h, place_names);
    int c_phone = column_of(h, phone_names), c_start = column_of(h, start_names), c_note = column_of(h, note_names);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    for (int r = header + 1; r < t.nrows; r++) {
        const struct dj_table_row *row = &t.rows[r];
        const char *staff = cell_at(row, c_staff), *target = cell_at(row, c_target);
        if (!*staff && !*target)
            continue;
        seen++;
        char msg[640];
        struct dj_person p;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        int before = (int)json_array_size(errors);
        if (!*staff || store_person_get_by_staff_no(db, bureau, staff, &p, &lookup) || !people_may_record(actor, &p)) {
            snprintf(msg, sizeof msg, "工号“%s”不在人员名册中或不在您的管辖范围内", staff);
            row_error(errors, row->line, "工号", msg);
            continue;
        }
        const char *name = cell_at(row, c_name);
        if (*name && strcmp(name, p.name) != 0) {
            snprintf(msg, sizeof msg, "姓名“%s”与名册中工号 %s 的“%s”不一致", name, staff, p.name);
            row_error(errors, row->line, "姓名", msg);
        }
        struct dj_contact *c = &rows[n];
        memset(c, 0, sizeof *c);
        c->bureau_id = p.bureau_id;
        c->person_id = p.id;
        const char *kind = kind_code(cell_at(row, c_kind));
        if (!kind)
            row_error(errors, row->line, "类别", "类别应为 困难群众、联系户、重点企业、村党支部、社区党支部 或 其他");
        else
            dj_copy(c->kind, sizeof c->kind, kind);
        if (!*target)
            row_error(errors, row->line, "联系对象", "缺少联系对象");
        else
            text_cell(errors, row->line, "联系对象", target, c->name, sizeof c->name, 60);
        text_cell(errors, row->line, "地址", cell_at(row, c_place), c->place, sizeof c->place, 100);
        text_cell(errors, row->line, "电话", cell_at(row, c_phone), c->phone, sizeof c->phone, 20);
        text_cell(errors, row->line, "备注", cell_at(row, c_note), c->note, sizeof c->note, 200);
        const char *start = cell_at(row, c_start);
        if (!*start)
            dj_copy(c->started_on, sizeof c->started_on, today);
        else if (!dj_date_valid(start) || strcmp(start, today) > 0)
            row_error(errors, row->line, "开始日期", "开始日期应为不晚于今天的日期 YYYY-MM-DD");
        else
            dj_copy(c->started_on, sizeof c->started_on, start);
        if ((int)json_array_size(errors) == before)
            branch[n++] = p.branch_id;
    }
    if (json_array_size(errors) == 0 && !dry_run && n > 0)
        rc = write_all(db, actor, rows, branch, n, err);
done:
    if (rc) {
        json_decref(errors);
    } else {
        bool failed = json_array_size(errors) > 0;
        *result = json_pack("{s:i, s:i, s:b, s:o}", "rows", seen, "created",
                            failed || dry_run ? 0 : n, "dry_run", dry_run, "errors", errors);
    }
    free(rows);
    free(branch);
    table_free(&t);
    return rc;
}
