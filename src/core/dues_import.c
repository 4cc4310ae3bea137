#include "core/dues_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/dues.h"
#include "core/dues_rules.h"
#include "io/table.h"
#include "store/dues.h"
#include "store/people.h"
#include "util/text.h"

enum col { C_STAFF, C_NAME, C_MONTH, C_CATEGORY, C_BASE, C_POST, C_GRADE, C_WORK, C_LIVING, C_TAX, C_N };
static const char *const titles[C_N][3] = {
    [C_STAFF] = {"工号", NULL},
    [C_NAME] = {"姓名", NULL},
    [C_MONTH] = {"起始月份", "月份", NULL},
    [C_CATEGORY] = {"类别", "人员类别", NULL},
    [C_BASE] = {"党费基数", "基数", NULL},
    [C_POST] = {"职务工资", "岗位工资", NULL},
    [C_GRADE] = {"级别工资", "薪级工资", NULL},
    [C_WORK] = {"工作性津贴", NULL},
    [C_LIVING] = {"生活性补贴", NULL},
    [C_TAX] = {"个人所得税", "所得税", NULL},
};
/* the components' keys in the stored evidence */
static const char *const component_keys[C_N] = {[C_POST] = "职务工资", [C_GRADE] = "级别工资",
                                                [C_WORK] = "工作性津贴", [C_LIVING] = "生活性补贴",
                                                [C_TAX] = "个人所得税"};

#define MAX_REPORTED 200

struct run {
    json_t *errors;
    int nerrors;
};

static void row_error(struct run *s, int line, const char *column, const char *value, const char *fmt,
                      ...) __attribute__((format(printf, 5, 6)));
static void row_error(struct run *s, int line, const char *column, const char *value, const char *fmt,
                      ...)
{
    if (++s->nerrors > MAX_REPORTED)
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_array_append_new(s->errors, json_pack("{s:i, s:s, s:s, s:s}", "row", line, "column", column,
                                               "value", value ? value : "", "message", msg));
}

static const char *cell(const struct dj_table_row *row, int c)
{
    return c >= 0 && c < row->ncells ? row->cells[c] : "";
}

/* One row checked: what pass 2 saves. */
struct base_row {
    int line;
    struct dj_person person;
    struct dj_dues_base base;
};

int dues_bases_import(struct dj_db *db, const struct dj_actor *actor, const void *data, size_t len,
                      const char *from_month, bool dry_run, json_t **result, struct dj_err *err)
{
    const char *scope;
    int64_t bureau = dues_read_scope(actor, &scope);
    if (!bureau || !authz_allows(actor, PERM_MEETINGS_WRITE, NULL))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限导入党费基数");
    if (from_month && dues_month_parse(from_month) < 0)
        return dj_err_field(err, "from_month", "应为月份 YYYY-MM");
    struct dj_table t;
    int rc = table_read(data, len, &t, err);
    if (rc)
        return rc;
    struct run s = {json_array(), 0};
    struct base_row *rows = NULL;
    int nrows = 0, created = 0, updated = 0, unchanged = 0;
    int col[C_N], header = -1;
    for (int r = 0; r < t.nrows && r < 20 && header < 0; r++) {
        for (int k = 0; k < C_N; k++)
            col[k] = -1;
        for (int c = 0; c < t.rows[r].ncells; c++)
            for (int k = 0; k < C_N; k++)
                for (int a = 0; titles[k][a]; a++)
                    if (col[k] < 0 && !strcmp(t.rows[r].cells[c], titles[k][a]))
                        col[k] = c;
        if (col[C_STAFF] >= 0 && (col[C_BASE] >= 0 || col[C_POST] >= 0 || col[C_GRADE] >= 0))
            header = r;
    }
    if (header < 0) {
        row_error(&s, t.nrows ? t.rows[0].line : 1, "工号", NULL,
                  "找不到表头：应有“工号”列和“党费基数”列（或职务工资、级别工资等组成项）");
        goto report;
    }
    if (col[C_MONTH] < 0 && !from_month)
        row_error(&s, t.rows[header].line, "起始月份", NULL,
                  "没有“起始月份”列：请加上此列，或在导入时选择起始月份");
    rows = calloc((size_t)t.nrows + 1, sizeof *rows);
    if (!rows) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    for (int r = header + 1; r < t.nrows && s.nerrors <= MAX_REPORTED; r++) {
        const struct dj_table_row *row = &t.rows[r];
        const char *staff = cell(row, col[C_STAFF]);
        if (!*staff)
            continue;
        struct base_row *br = &rows[nrows];
        memset(br, 0, sizeof *br);
        br->line = row->line;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (store_person_get_by_staff_no(db, bureau, staff, &br->person, &lookup)) {
            row_error(&s, row->line, "工号", staff, "本单位没有这个工号");
            continue;
        }
        if (scope && strncmp(br->person.branch_path, scope, strlen(scope))) {
            row_error(&s, row->line, "工号", staff, "此人员不在您管理的党组织");
            continue;
        }
        const char *name = cell(row, col[C_NAME]);
        if (*name && strcmp(name, br->person.name))
            row_error(&s, row->line, "姓名", name, "与名册中的姓名“%s”不一致", br->person.name);
        for (int j = 0; j < nrows; j++)
            if (rows[j].person.id == br->person.id)
                row_error(&s, row->line, "工号", staff, "工号在文件中重复（第 %d 行）", rows[j].line);
        struct dj_dues_base *b = &br->base;
        b->person_id = br->person.id;
        dj_copy(b->from_month, sizeof b->from_month,
                col[C_MONTH] >= 0 && *cell(row, col[C_MONTH]) ? cell(row, col[C_MONTH])
                                                              : (from_month ? from_month : ""));
        dj_copy(b->category, sizeof b->category, cell(row, col[C_CATEGORY]));
        /* the components, kept as evidence; the base from them when not given */
        json_t *comp = json_object();
        int64_t sum = 0;
        bool any = false, bad = false;
        for (int k = C_POST; k <= C_TAX; k++) {
            const char *v = cell(row, col[k]);
            int64_t fen;
            if (!*v)
                continue;
            if (dj_parse_centi(v, &fen) || fen < 0) {
                row_error(&s, row->line, titles[k][0], v, "应为金额（元），最多两位小数");
                bad = true;
                continue;
            }
            any = true;
            sum += k == C_TAX ? -fen : fen;
            json_object_set_new(comp, component_keys[k], json_integer(fen));
        }
        if (any) {
            char *text = json_dumps(comp, JSON_COMPACT | JSON_SORT_KEYS);
            if (text)
                dj_copy(b->components, sizeof b->components, text);
            free(text);
        }
        json_decref(comp);
        const char *base = cell(row, col[C_BASE]);
        if (*base) {
            if (dj_parse_centi(base, &b->base_fen))
                row_error(&s, row->line, "党费基数", base, "应为金额（元），最多两位小数");
        } else if (any && !bad) {
            b->base_fen = sum;
        } else if (!bad) {
            row_error(&s, row->line, "党费基数", "", "请填写党费基数");
        }
        struct dj_err check;
        dj_err_clear(&check);
        if (dues_base_check(&br->person, b, &check))
            for (int f = 0; f < check.nfields; f++)
                row_error(&s, row->line,
                          !strcmp(check.fields[f].name, "category") ? "类别"
                          : !strcmp(check.fields[f].name, "from_month") ? "起始月份"
                                                                         : "党费基数",
                          !strcmp(check.fields[f].name, "from_month") ? b->from_month : base, "%s",
                          check.fields[f].message);
        struct dj_err refused;
        dj_err_clear(&refused);
        if (dues_may_record(actor, &br->person, &refused))
            row_error(&s, row->line, "工号", staff, "您没有权限记录此人员的党费");
        else
            nrows++;
    }
    if (s.nerrors == 0 && nrows > 0) {
        if ((rc = db_begin_write(db, err)))
            goto out;
        for (int i = 0; i < nrows && !rc; i++) {
            bool made, changed;
            rc = dues_base_save_in(db, actor, &rows[i].person, &rows[i].base, &made, &changed, err);
            created += made;
            updated += !made && changed;
            unchanged += !made && !changed;
        }
        json_t *after = json_pack("{s:i, s:i, s:i}", "created", created, "updated", updated,
                                  "unchanged", unchanged);
        if (!rc)
            rc = audit_record(db, actor, "import", "dues_base", 0, 0, NULL, after, err);
        json_decref(after);
        if (rc || dry_run)
            db_rollback(db);
        else if ((rc = db_commit(db, err)))
            db_rollback(db);
        if (rc)
            goto out;
    }
report:
    *result = json_pack("{s:i, s:i, s:i, s:i, s:b, s:i, s:O}", "rows", nrows, "created",
                        s.nerrors ? 0 : created, "updated", s.nerrors ? 0 : updated, "unchanged",
                        s.nerrors ? 0 : unchanged, "dry_run", dry_run, "error_count", s.nerrors,
                        "errors", s.errors);
out:
    json_decref(s.errors);
    free(rows);
    table_free(&t);
    return rc;
}
