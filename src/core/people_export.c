#include "core/people_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/departments.h"
#include "core/orgs.h"
#include "core/people.h"
#include "core/roster_import.h"
#include "io/export.h"

#define PAGE 500

static const enum dj_col_type column_types[16] = {
    DJ_COL_TEXT, DJ_COL_TEXT, DJ_COL_TEXT, DJ_COL_TEXT, DJ_COL_DATE, DJ_COL_TEXT,
    DJ_COL_TEXT, DJ_COL_TEXT, DJ_COL_TEXT, DJ_COL_TEXT, DJ_COL_DATE, DJ_COL_DATE,
    DJ_COL_TEXT, DJ_COL_TEXT, DJ_COL_TEXT, DJ_COL_TEXT,
};

static void spec_init(struct dj_export_column cols[16], struct dj_export *spec)
{
    for (int i = 0; i < 16; i++) {
        memset(&cols[i], 0, sizeof cols[i]);
        cols[i].title = roster_columns[i];
        cols[i].type = column_types[i];
    }
    memset(spec, 0, sizeof *spec);
    spec->sheet_name = "人员名册";
    spec->ncols = 16;
    spec->cols = cols;
}

/* birth is the full date or only its year, as person_json shows it */
static int write_person(struct dj_export_writer *w, const struct dj_person *p, const char *birth,
                        const char *id_number, struct dj_err *err)
{
    const char *cells[16] = {
        p->staff_no,      p->name,          p->gender,         p->ethnicity,
        birth,            id_number,        p->education,      p->department_name,
        p->position,      p->political_status, p->joined_party_on, p->full_member_on,
        p->branch_name,   p->group_name,    p->phone,          p->status,
    };
    return export_row(w, cells, err);
}

int people_export(struct dj_db *db, const struct dj_actor *actor, const struct dj_secret *key,
                  struct dj_people_filter *f, bool csv, char **data, size_t *len,
                  struct dj_err *err)
{
    *data = NULL;
    *len = 0;
    struct dj_export_column cols[16];
    struct dj_export spec;
    spec_init(cols, &spec);
    struct dj_export_writer *w;
    int rc = csv ? export_csv_begin(&spec, &w, err) : export_xlsx_begin(&spec, &w, err);
    if (rc)
        return rc;
    bool full_ids = authz_allows(actor, PERM_IDNUMBER_READ, NULL);
    f->offset = 0;
    f->limit = PAGE;
    for (;;) {
        struct dj_person_list list;
        if ((rc = people_list(db, actor, f, &list, err)))
            goto fail;
        for (int i = 0; i < list.count && !rc; i++) {
            struct dj_person *p = &list.items[i];
            char *plain = NULL;
            char bureau[32];
            snprintf(bureau, sizeof bureau, "/%lld/", (long long)p->bureau_id);
            if (full_ids && *p->id_number_sealed && authz_allows(actor, PERM_IDNUMBER_READ, bureau) &&
                (rc = secret_open(key, p->id_number_sealed, &plain, err)))
                break;
            char year[8];
            snprintf(year, sizeof year, "%.4s", p->birth_date);
            rc = write_person(w, p, people_may_see_id_number(actor, p) ? p->birth_date : year,
                              plain ? plain : p->id_number_masked, err);
            if (plain) {
                memset(plain, 0, strlen(plain));
                free(plain);
            }
        }
        int got = list.count;
        int64_t total = list.total;
        store_person_list_free(&list);
        if (rc)
            goto fail;
        f->offset += got;
        if (got < PAGE || f->offset >= total)
            break;
    }
    return export_finish(w, data, len, err);
fail:
    export_abort(w);
    return rc;
}

int people_template(struct dj_db *db, const struct dj_actor *actor, char **data, size_t *len,
                    struct dj_err *err)
{
    *data = NULL;
    *len = 0;
    int rc = authz_require(actor, PERM_PEOPLE_IMPORT, NULL, err);
    if (rc)
        return rc;
    static const char *const genders[] = {"男", "女", NULL};
    static const char *const political[] = {"中共党员", "中共预备党员", "发展对象", "入党积极分子",
                                            "入党申请人", "共青团员", "群众", NULL};
    static const char *const statuses[] = {"在职", "退休", "调出", "离职", "病故", NULL};
    static const char *const groups[] = {"第1党小组", "第2党小组", "第3党小组", NULL};
    struct dj_department *depts = NULL;
    struct dj_org *orgs = NULL;
    int ndepts = 0, norgs = 0;
    const char **dept_names = NULL, **branch_names = NULL;
    if ((rc = departments_list(db, actor, &depts, &ndepts, err)) ||
        (rc = orgs_list(db, actor, &orgs, &norgs, err)))
        goto out;
    dept_names = calloc((size_t)ndepts + 1, sizeof *dept_names);
    branch_names = calloc((size_t)norgs + 1, sizeof *branch_names);
    if (!dept_names || !branch_names) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    for (int i = 0; i < ndepts; i++)
        dept_names[i] = depts[i].name;
    for (int i = 0, n = 0; i < norgs; i++)
        if (!strcmp(orgs[i].type, "党支部") && !strcmp(orgs[i].status, "active"))
            branch_names[n++] = orgs[i].name;
    struct dj_export_column cols[16];
    struct dj_export spec;
    spec_init(cols, &spec);
    spec.title_row = "人员名册导入模板：第 3 行为示例，请删除后从第 3 行起填写；日期格式 YYYY-MM-DD";
    cols[2].choices = genders;
    cols[7].choices = dept_names[0] ? dept_names : NULL;
    cols[9].choices = political;
    cols[12].choices = branch_names[0] ? branch_names : NULL;
    cols[13].choices = groups;
    cols[15].choices = statuses;
    struct dj_export_writer *w;
    if ((rc = export_xlsx_begin(&spec, &w, err)))
        goto out;
    const char *example[16] = {"CZ01001", "张三", "男", "汉族", "1984-07-24",
                               "430181198407240357", "大学本科", dept_names[0] ? dept_names[0] : "办公室",
                               "科员", "中共党员", "2014-06-03", "2015-06-03",
                               branch_names[0] ? branch_names[0] : "机关第一党支部", "第1党小组",
                               "13800000000", "在职"};
    if ((rc = export_row(w, example, err))) {
        export_abort(w);
        goto out;
    }
    rc = export_finish(w, data, len, err);
out:
    free(dept_names);
    free(branch_names);
    free(depts);
    free(orgs);
    return rc;
}
