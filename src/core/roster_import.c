#include "core/roster_import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/departments.h"
#include "core/orgs.h"
#include "core/people.h"
#include "core/person_rules.h"
#include "io/table.h"
#include "store/departments.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

#define MAX_REPORTED 1000
#define HEADER_SCAN_ROWS 20

const char *const roster_columns[] = {"工号", "姓名", "性别", "民族", "出生日期", "身份证号",
                                      "学历", "科室", "职务", "政治面貌", "入党时间", "转正时间",
                                      "所在党支部", "党小组", "手机号码", "人员状态"};
const int roster_column_count = PF_COUNT;

/* Titles a clerk may use for each column. */
static const struct {
    enum person_field field;
    const char *titles[5];
} aliases[] = {
    {PF_STAFF_NO, {"工号", "职工号", "人员编号", "编号", NULL}},
    {PF_NAME, {"姓名", NULL}},
    {PF_GENDER, {"性别", NULL}},
    {PF_ETHNICITY, {"民族", NULL}},
    {PF_BIRTH_DATE, {"出生日期", "出生年月", "出生年月日", NULL}},
    {PF_ID_NUMBER, {"身份证号", "身份证号码", "公民身份号码", "身份证", NULL}},
    {PF_EDUCATION, {"学历", "文化程度", NULL}},
    {PF_DEPARTMENT, {"科室", "处室", "部门", "所在科室", NULL}},
    {PF_POSITION, {"职务", "职级", NULL}},
    {PF_POLITICAL_STATUS, {"政治面貌", NULL}},
    {PF_JOINED, {"入党时间", "入党日期", NULL}},
    {PF_FULL_MEMBER, {"转正时间", "转正日期", NULL}},
    {PF_BRANCH, {"所在党支部", "党支部", "所在支部", "支部", NULL}},
    {PF_GROUP, {"党小组", "所在党小组", NULL}},
    {PF_PHONE, {"手机号码", "手机", "手机号", "联系电话", NULL}},
    {PF_STATUS, {"人员状态", "状态", "在职状态", NULL}},
};

/* Copies s without surrounding spaces (ASCII and the full-width space). */
static void trimmed(const char *s, char *out, size_t size)
{
    while (*s == ' ' || *s == '\t' || !strncmp(s, "\xE3\x80\x80", 3))
        s += *s == ' ' || *s == '\t' ? 1 : 3;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    while (n >= 3 && !strncmp(s + n - 3, "\xE3\x80\x80", 3))
        n -= 3;
    if (n >= size)
        n = size - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

static int field_of_title(const char *cell)
{
    char t[64];
    trimmed(cell, t, sizeof t);
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        for (int k = 0; aliases[i].titles[k]; k++)
            if (strcmp(t, aliases[i].titles[k]) == 0)
                return (int)aliases[i].field;
    return -1;
}

/* YYYY-MM-DD, YYYY/M/D, YYYY.M.D and YYYY年M月D日 become YYYY-MM-DD when
 * they name a real date; anything else is kept as written for the report. */
static void normalise_date(const char *in, char *out, size_t size)
{
    char t[64];
    trimmed(in, t, sizeof t);
    int y, m, d;
    char a[8], b[8], c[8];
    if ((sscanf(t, "%4d%1[-/.]%2d%1[-/.]%2d%1s", &y, a, &m, b, &d, c) == 5 && a[0] == b[0]) ||
        sscanf(t, "%4d年%2d月%2d日%1s", &y, &m, &d, c) == 3) {
        char iso[48];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
        if (dj_date_valid(iso)) {
            memcpy(out, iso, size < 11 ? size : 11);
            out[size - 1] = '\0';
            return;
        }
    }
    /* kept as written (cut to fit) so that the report shows what was wrong */
    size_t n = strlen(t) < size - 1 ? strlen(t) : size - 1;
    memcpy(out, t, n);
    out[n] = '\0';
}

struct name_id {
    char name[128];
    int64_t parent; /* groups: their branch; otherwise 0 */
    int64_t id;     /* 0: to be created */
};

struct import_state {
    struct dj_db *db;
    const struct dj_config *cfg;
    const struct dj_actor *actor;
    const struct dj_secret *key;
    const struct dj_import_options *opt;
    int64_t bureau_id;
    char bureau_path[32];
    char today[DJ_DATE_LEN];
    int col[PF_COUNT]; /* column index of each field, -1 when absent */
    struct name_id *names; /* departments (parent -1), branches (parent 0), groups */
    int nnames, cap;
    json_t *errors;
    int nerrors;
    json_t *result;
};

/* An error of the file: its row, column title, the cell's value as the clerk
 * typed it (NULL: none, e.g. a missing column) and what is wrong. */
static void report(struct import_state *s, int line, const char *column, const char *value,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(struct import_state *s, int line, const char *column, const char *value,
                   const char *fmt, ...)
{
    s->nerrors++;
    if (s->nerrors > MAX_REPORTED)
        return;
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dj_utf8_trim_partial(msg);
    json_t *e = json_pack("{s:i, s:s, s:s}", "row", line, "column", column, "message", msg);
    if (e && value)
        json_object_set_new(e, "value", json_string(value));
    json_array_append_new(s->errors, e);
}

static const char *cell(const struct dj_table_row *r, int idx)
{
    return idx >= 0 && idx < r->ncells ? r->cells[idx] : "";
}

enum { VALUE_SHOWN = 80 }; /* bytes of a cell echoed in an error */

/* The cell of `field` as an error shows it: trimmed, cut to VALUE_SHOWN bytes
 * (whole characters, "…" added), a 身份证号 masked as everywhere. */
static const char *shown_value(const struct import_state *s, const struct dj_table_row *r,
                               int field, char *out, size_t size)
{
    char buf[VALUE_SHOWN + 1];
    snprintf(buf, sizeof buf, "%s", cell(r, s->col[field]));
    bool cut = strlen(cell(r, s->col[field])) > VALUE_SHOWN;
    dj_utf8_trim_partial(buf);
    char *b = buf;
    while (*b == ' ' || *b == '\t')
        b++;
    size_t n = strlen(b);
    while (n && (b[n - 1] == ' ' || b[n - 1] == '\t'))
        b[--n] = '\0';
    if (field == PF_ID_NUMBER && *b)
        idcard_mask(b, out, size);
    else
        snprintf(out, size, "%s%s", b, cut ? "…" : "");
    return out;
}

/* Copies src into dst of size bytes; false (and dst cut) when it does not fit. */
static bool copy_fits(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    bool fits = n < size;
    if (!fits)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return fits;
}

/* Reads one data row into p and the names it refers to; too_long marks the
 * fields whose cell does not fit (reported, never silently cut). */
static void row_to_person(const struct import_state *s, const struct dj_table_row *r,
                          struct dj_person *p, char *dept, char *branch, char *group,
                          bool too_long[PF_COUNT])
{
    memset(p, 0, sizeof *p);
    memset(too_long, 0, PF_COUNT * sizeof *too_long);
    char buf[256];
#define TXT(field, dst)                                           \
    do {                                                          \
        trimmed(cell(r, s->col[field]), buf, sizeof buf);         \
        too_long[field] = !copy_fits(dst, sizeof(dst), buf);      \
    } while (0)
    TXT(PF_STAFF_NO, p->staff_no);
    TXT(PF_NAME, p->name);
    TXT(PF_GENDER, p->gender);
    TXT(PF_ETHNICITY, p->ethnicity);
    TXT(PF_ID_NUMBER, p->id_number);
    TXT(PF_EDUCATION, p->education);
    TXT(PF_POSITION, p->position);
    TXT(PF_POLITICAL_STATUS, p->political_status);
    TXT(PF_PHONE, p->phone);
    TXT(PF_STATUS, p->status);
#undef TXT
    normalise_date(cell(r, s->col[PF_BIRTH_DATE]), p->birth_date, sizeof p->birth_date);
    normalise_date(cell(r, s->col[PF_JOINED]), p->joined_party_on, sizeof p->joined_party_on);
    normalise_date(cell(r, s->col[PF_FULL_MEMBER]), p->full_member_on, sizeof p->full_member_on);
    if (!*p->status)
        memcpy(p->status, "在职", sizeof "在职");
    for (char *c = p->id_number; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    trimmed(cell(r, s->col[PF_DEPARTMENT]), buf, sizeof buf);
    too_long[PF_DEPARTMENT] = !copy_fits(dept, 96, buf);
    trimmed(cell(r, s->col[PF_BRANCH]), buf, sizeof buf);
    too_long[PF_BRANCH] = !copy_fits(branch, 128, buf);
    trimmed(cell(r, s->col[PF_GROUP]), buf, sizeof buf);
    too_long[PF_GROUP] = !copy_fits(group, 128, buf);
}

static bool row_empty(const struct dj_table_row *r)
{
    for (int i = 0; i < r->ncells; i++) {
        char t[8];
        trimmed(r->cells[i], t, sizeof t);
        if (*t)
            return false;
    }
    return true;
}

/* Finds or notes a name: kind -1 department, 0 branch, >0 a group of that branch id. */
static struct name_id *name_lookup(struct import_state *s, const char *name, int64_t kind,
                                   struct dj_err *err, int *rc)
{
    *rc = 0;
    for (int i = 0; i < s->nnames; i++)
        if (s->names[i].parent == kind && strcmp(s->names[i].name, name) == 0)
            return &s->names[i];
    if (s->nnames == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        struct name_id *p = realloc(s->names, (size_t)cap * sizeof *p);
        if (!p) {
            *rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            return NULL;
        }
        s->names = p;
        s->cap = cap;
    }
    struct name_id *n = &s->names[s->nnames];
    memset(n, 0, sizeof *n);
    copy_fits(n->name, sizeof n->name, name);
    n->parent = kind;
    if (kind == -1) {
        struct dj_department d;
        *rc = store_department_find(s->db, s->bureau_id, name, &d, err);
        if (!*rc)
            n->id = d.id;
    } else if (kind == 0) {
        *rc = store_org_find_under(s->db, s->bureau_path, name, "党支部", &n->id, err);
    } else if (kind > 0) {
        *rc = store_org_find_child(s->db, kind, name, "党小组", &n->id, err);
    }
    if (*rc == DJ_ENOTFOUND) {
        *rc = 0;
        dj_err_clear(err);
    }
    if (*rc)
        return NULL;
    s->nnames++;
    return n;
}

/* A set of strings (copied) with the line each first appeared on. */
struct seen {
    char **keys;
    int *lines;
    size_t cap, count;
};

static size_t seen_slot(char **keys, size_t cap, const char *key)
{
    uint32_t h = 2166136261u;
    for (const char *c = key; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    size_t i = h & (cap - 1);
    while (keys[i] && strcmp(keys[i], key) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

/* *first gets the earlier line of key, or 0 when key is new (then added). */
static int seen_add(struct seen *t, const char *key, int line, int *first)
{
    *first = 0;
    if (t->count * 2 >= t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        char **keys = calloc(cap, sizeof *keys);
        int *lines = calloc(cap, sizeof *lines);
        if (!keys || !lines) {
            free(keys);
            free(lines);
            return DJ_ENOMEM;
        }
        for (size_t i = 0; i < t->cap; i++)
            if (t->keys[i]) {
                size_t j = seen_slot(keys, cap, t->keys[i]);
                keys[j] = t->keys[i];
                lines[j] = t->lines[i];
            }
        free(t->keys);
        free(t->lines);
        t->keys = keys;
        t->lines = lines;
        t->cap = cap;
    }
    size_t i = seen_slot(t->keys, t->cap, key);
    if (t->keys[i]) {
        *first = t->lines[i];
        return 0;
    }
    if (!(t->keys[i] = strdup(key)))
        return DJ_ENOMEM;
    t->lines[i] = line;
    t->count++;
    return 0;
}

static void seen_free(struct seen *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->lines);
    memset(t, 0, sizeof *t);
}

/* Finds the header row; fills s->col and lists unknown columns. */
static int find_header(struct import_state *s, const struct dj_table *t, int *header,
                       struct dj_err *err)
{
    for (int r = 0; r < t->nrows && r < HEADER_SCAN_ROWS; r++) {
        int found = 0, col[PF_COUNT];
        for (int f = 0; f < PF_COUNT; f++)
            col[f] = -1;
        for (int c = 0; c < t->rows[r].ncells; c++) {
            int f = field_of_title(t->rows[r].cells[c]);
            if (f >= 0 && col[f] < 0) {
                col[f] = c;
                found++;
            }
        }
        if (found >= 3 && col[PF_STAFF_NO] >= 0 && col[PF_NAME] >= 0) {
            memcpy(s->col, col, sizeof col);
            *header = r;
            json_t *unknown = json_array();
            for (int c = 0; c < t->rows[r].ncells; c++) {
                char title[128];
                trimmed(t->rows[r].cells[c], title, sizeof title);
                if (field_of_title(title) < 0 && *title && strcmp(title, "序号") != 0)
                    json_array_append_new(unknown, json_string(title));
            }
            json_object_set_new(s->result, "unknown_columns", unknown);
            json_object_set_new(s->result, "header_row", json_integer(t->rows[r].line));
            return 0;
        }
    }
    return dj_err_set(err, DJ_EINVAL,
                      "没有找到表头行：前 %d 行中应有一行包含“工号”“姓名”等列名", HEADER_SCAN_ROWS);
}

/* For an existing person, the fields of columns the file lacks keep their
 * stored values (and so do the branch and group). */
static void keep_absent_columns(const struct import_state *s, const struct dj_person *before,
                                struct dj_person *p, struct dj_person_change *c)
{
#define KEEP(field, member) \
    if (s->col[field] < 0) \
        memcpy(p->member, before->member, sizeof p->member);
    KEEP(PF_NAME, name)
    KEEP(PF_GENDER, gender)
    KEEP(PF_ETHNICITY, ethnicity)
    KEEP(PF_BIRTH_DATE, birth_date)
    KEEP(PF_EDUCATION, education)
    KEEP(PF_POSITION, position)
    KEEP(PF_POLITICAL_STATUS, political_status)
    KEEP(PF_JOINED, joined_party_on)
    KEEP(PF_FULL_MEMBER, full_member_on)
    KEEP(PF_PHONE, phone)
    KEEP(PF_STATUS, status)
#undef KEEP
    if (s->col[PF_DEPARTMENT] < 0)
        p->department_id = before->department_id;
    if (s->col[PF_BRANCH] < 0) {
        c->branch_id = before->branch_id;
        c->group_id = before->group_id;
    } else if (s->col[PF_GROUP] < 0 && c->branch_id == before->branch_id) {
        c->group_id = before->group_id;
    }
}

/* Pass 1: every row checked, every error reported, nothing written. */
static int validate_rows(struct import_state *s, const struct dj_table *t, int header, int *nrows,
                         struct dj_err *err)
{
    static const enum person_field required[] = {PF_GENDER, PF_POLITICAL_STATUS};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (s->col[required[i]] < 0)
            report(s, t->rows[header].line, person_field_title(required[i]), NULL, "缺少“%s”列",
                   person_field_title(required[i]));
    struct seen staff = {0}, ids = {0};
    int rc = 0;
    *nrows = 0;
    /* with columns missing, people already on file are checked as they will be
     * after the import: the missing fields keep their stored values */
    bool partial = false;
    for (int f = 0; f < PF_COUNT; f++)
        partial |= s->col[f] < 0;
    for (int r = header + 1; r < t->nrows; r++) {
        const struct dj_table_row *row = &t->rows[r];
        if (row_empty(row))
            continue;
        (*nrows)++;
        struct dj_person p;
        char shown[VALUE_SHOWN * 2];
        char dept[96], branch[128], group[128];
        bool too_long[PF_COUNT];
        row_to_person(s, row, &p, dept, branch, group, too_long);
        if (partial && *p.staff_no) {
            struct dj_person before;
            int frc = store_person_get_by_staff_no(s->db, s->bureau_id, p.staff_no, &before, err);
            if (frc == 0) {
                struct dj_person_change unused;
                memset(&unused, 0, sizeof unused);
                keep_absent_columns(s, &before, &p, &unused);
                if (s->col[PF_ID_NUMBER] < 0)
                    p.id_number[0] = '\0'; /* the stored one is not re-checked */
                if (s->col[PF_BRANCH] < 0) {
                    copy_fits(branch, 128, before.branch_name);
                    copy_fits(group, 128, before.group_name);
                }
            } else if (frc != DJ_ENOTFOUND) {
                rc = frc;
                break;
            }
            dj_err_clear(err);
        }
        struct person_issues is;
        person_check(&p, branch, group, s->today, &is);
        for (int f = 0; f < PF_COUNT; f++)
            if (too_long[f])
                report(s, row->line, person_field_title((enum person_field)f),
                       shown_value(s, row, f, shown, sizeof shown), "内容过长");
            else if (is.message[f][0])
                report(s, row->line, person_field_title((enum person_field)f),
                       shown_value(s, row, f, shown, sizeof shown), "%s", is.message[f]);
        int first;
        if (*p.staff_no) {
            if ((rc = seen_add(&staff, p.staff_no, row->line, &first)))
                break;
            if (first)
                report(s, row->line, "工号", p.staff_no, "工号 %s 与第 %d 行重复", p.staff_no, first);
        }
        if (*p.id_number && !is.message[PF_ID_NUMBER][0]) {
            if ((rc = seen_add(&ids, p.id_number, row->line, &first)))
                break;
            if (first)
                report(s, row->line, "身份证号", shown_value(s, row, PF_ID_NUMBER, shown, sizeof shown),
                       "身份证号与第 %d 行重复", first);
        }
        /* the names must exist in the tree, unless asked to create them */
        struct name_id *n;
        if (*dept) {
            if (!(n = name_lookup(s, dept, -1, err, &rc)))
                break;
            if (!n->id && !s->opt->create_missing)
                report(s, row->line, "科室", dept, "科室“%s”不存在（可选择自动创建缺少的科室和组织）",
                       dept);
        }
        if (*branch) {
            if (!(n = name_lookup(s, branch, 0, err, &rc)))
                break;
            if (!n->id && !s->opt->create_missing)
                report(s, row->line, "所在党支部", branch,
                       "党支部“%s”不存在（可选择自动创建缺少的科室和组织）", branch);
            else if (*group && n->id) {
                struct name_id *g = name_lookup(s, group, n->id, err, &rc);
                if (!g)
                    break;
                if (!g->id && !s->opt->create_missing)
                    report(s, row->line, "党小组", group, "%s 下没有“%s”", branch, group);
            }
        }
    }
    seen_free(&staff);
    seen_free(&ids);
    return rc ? (rc == DJ_ENOMEM ? dj_err_set(err, DJ_ENOMEM, "内存不足") : rc) : 0;
}

/* The names the file uses that the bureau lacks, gathered once (the errors
 * repeat them per row): `missing` {departments, branches, groups: [{branch,
 * name}]} in the result, for the console to offer creating them. */
static int report_missing(struct import_state *s, struct dj_err *err)
{
    json_t *depts = json_array(), *branches = json_array(), *groups = json_array();
    json_t *missing = json_pack("{s:o, s:o, s:o}", "departments", depts, "branches", branches,
                                "groups", groups);
    if (!missing)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    for (int i = 0; i < s->nnames; i++) {
        const struct name_id *n = &s->names[i];
        if (n->id)
            continue;
        if (n->parent == -1)
            json_array_append_new(depts, json_string(n->name));
        else if (n->parent == 0)
            json_array_append_new(branches, json_string(n->name));
        else
            for (int b = 0; b < s->nnames; b++)
                if (s->names[b].parent == 0 && s->names[b].id == n->parent)
                    json_array_append_new(groups, json_pack("{s:s, s:s}", "branch", s->names[b].name,
                                                            "name", n->name));
    }
    if (json_array_size(depts) + json_array_size(branches) + json_array_size(groups))
        json_object_set_new(s->result, "missing", missing);
    else
        json_decref(missing);
    return 0;
}

static int create_org(struct import_state *s, int64_t parent, const char *type, const char *name,
                      int64_t *id, struct dj_err *err)
{
    struct dj_org o;
    memset(&o, 0, sizeof o);
    o.parent_id = parent;
    snprintf(o.type, sizeof o.type, "%s", type);
    snprintf(o.name, sizeof o.name, "%s", name);
    int rc = store_org_insert(s->db, &o, err);
    if (rc)
        return rc;
    json_t *after = org_json(&o);
    rc = audit_record(s->db, s->actor, "create", "org", o.id, o.id, NULL, after, err);
    json_decref(after);
    json_array_append_new(json_object_get(s->result, "created_orgs"),
                          json_pack("{s:I, s:s, s:s}", "id", (json_int_t)o.id, "type", type, "name", name));
    *id = o.id;
    return rc;
}

/* Creates what the file names and the tree lacks (only with create_missing). */
static int create_missing(struct import_state *s, struct dj_err *err)
{
    int64_t parent = s->bureau_id;
    /* new branches go under the bureau's 机关党委 when there is one */
    struct dj_org *orgs;
    int n, rc = store_org_list(s->db, s->bureau_path, &orgs, &n, err);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++)
        if (strcmp(orgs[i].type, "机关党委") == 0 && !strcmp(orgs[i].status, "active")) {
            parent = orgs[i].id;
            break;
        }
    free(orgs);
    for (int i = 0; i < s->nnames; i++) {
        struct name_id *x = &s->names[i];
        if (x->id || x->parent != 0)
            continue;
        if ((rc = create_org(s, parent, "党支部", x->name, &x->id, err)))
            return rc;
    }
    for (int i = 0; i < s->nnames; i++) {
        struct name_id *x = &s->names[i];
        if (x->id || x->parent != -1)
            continue;
        struct dj_department d;
        memset(&d, 0, sizeof d);
        d.bureau_id = s->bureau_id;
        copy_fits(d.name, sizeof d.name, x->name);
        snprintf(d.status, sizeof d.status, "active");
        if ((rc = departments_write(s->db, s->actor, &d, NULL, false, 0, s->today, err)))
            return rc;
        x->id = d.id;
        json_array_append_new(json_object_get(s->result, "created_departments"),
                              json_pack("{s:I, s:s}", "id", (json_int_t)d.id, "name", d.name));
    }
    return 0;
}

/* The id for a name noted in pass 1 (created by now if it was missing). */
static int64_t name_id(struct import_state *s, const char *name, int64_t kind)
{
    for (int i = 0; i < s->nnames; i++)
        if (s->names[i].parent == kind && strcmp(s->names[i].name, name) == 0)
            return s->names[i].id;
    return 0;
}

static int group_id(struct import_state *s, int64_t branch, const char *name, int64_t *id,
                    struct dj_err *err)
{
    int rc;
    struct name_id *g = name_lookup(s, name, branch, err, &rc);
    if (!g)
        return rc;
    if (!g->id && (rc = create_org(s, branch, "党小组", name, &g->id, err)))
        return rc;
    *id = g->id;
    return 0;
}

/* Names of the fields that differ between the stored person and the row. */
static void changed_fields(const struct dj_person *a, const struct dj_person *b, bool id_changed,
                           int64_t branch, int64_t group, json_t *out)
{
#define CMP(field, f) \
    if (strcmp(a->field, b->field) != 0) \
        json_array_append_new(out, json_string(person_field_title(f)));
    CMP(name, PF_NAME)
    CMP(gender, PF_GENDER)
    CMP(ethnicity, PF_ETHNICITY)
    CMP(birth_date, PF_BIRTH_DATE)
    CMP(education, PF_EDUCATION)
    CMP(position, PF_POSITION)
    CMP(political_status, PF_POLITICAL_STATUS)
    CMP(joined_party_on, PF_JOINED)
    CMP(full_member_on, PF_FULL_MEMBER)
    CMP(phone, PF_PHONE)
    CMP(status, PF_STATUS)
#undef CMP
    if (id_changed)
        json_array_append_new(out, json_string(person_field_title(PF_ID_NUMBER)));
    if (a->department_id != b->department_id)
        json_array_append_new(out, json_string(person_field_title(PF_DEPARTMENT)));
    if (a->branch_id != branch)
        json_array_append_new(out, json_string(person_field_title(PF_BRANCH)));
    if (a->group_id != group)
        json_array_append_new(out, json_string(person_field_title(PF_GROUP)));
}

/* Pass 2, inside one transaction: every row created or updated. */
static int write_rows(struct import_state *s, const struct dj_table *t, int header, int *created,
                      int *updated, int *unchanged, struct dj_err *err)
{
    json_t *changes = json_object_get(s->result, "changes");
    int rc = 0, reported = 0;
    for (int r = header + 1; r < t->nrows && !rc; r++) {
        const struct dj_table_row *row = &t->rows[r];
        if (row_empty(row))
            continue;
        struct dj_person p, before;
        char dept[96], branch[128], group[128];
        bool too_long[PF_COUNT];
        row_to_person(s, row, &p, dept, branch, group, too_long);
        struct dj_person_change c;
        memset(&c, 0, sizeof c);
        snprintf(c.effective_on, sizeof c.effective_on, "%s", s->opt->effective_on);
        p.department_id = *dept ? name_id(s, dept, -1) : 0;
        c.branch_id = *branch ? name_id(s, branch, 0) : 0;
        if (*group && c.branch_id && (rc = group_id(s, c.branch_id, group, &c.group_id, err)))
            break;
        p.bureau_id = s->bureau_id;
        rc = store_person_get_by_staff_no(s->db, s->bureau_id, p.staff_no, &before, err);
        if (rc == DJ_ENOTFOUND) {
            dj_err_clear(err);
            c.id_number_given = true;
            if (!(rc = people_write(s->db, s->actor, s->key, s->today, &p, NULL, &c, err)))
                (*created)++;
            continue;
        }
        if (rc)
            break;
        /* a column the file does not have leaves the stored value alone:
         * a shorter sheet must not wipe what it does not mention */
        keep_absent_columns(s, &before, &p, &c);
        /* compare the 身份证号 with the stored one without keeping it */
        bool id_changed = false;
        if (s->col[PF_ID_NUMBER] < 0) {
            id_changed = false;
        } else if (*before.id_number_sealed) {
            char *old = NULL;
            if (secret_open(s->key, before.id_number_sealed, &old, err) == 0) {
                id_changed = strcmp(old, p.id_number) != 0;
                free(old);
            } else {
                dj_err_clear(err);
                id_changed = true;
            }
        } else {
            id_changed = *p.id_number != '\0';
        }
        json_t *fields = json_array();
        changed_fields(&before, &p, id_changed, c.branch_id, c.group_id, fields);
        if (json_array_size(fields) == 0) {
            json_decref(fields);
            (*unchanged)++;
            continue;
        }
        p.id = before.id;
        p.user_id = before.user_id;
        c.id_number_given = id_changed;
        if (!id_changed) {
            snprintf(p.id_number_sealed, sizeof p.id_number_sealed, "%s", before.id_number_sealed);
            snprintf(p.id_number_masked, sizeof p.id_number_masked, "%s", before.id_number_masked);
        }
        if ((rc = people_write(s->db, s->actor, s->key, s->today, &p, &before, &c, err))) {
            json_decref(fields);
            if (rc == DJ_EINVAL) {
                /* a rule only the stored history can break (a transfer date) */
                report(s, row->line, "所在党支部", branch, "%s",
                       err->nfields ? err->fields[0].message : err->message);
                dj_err_clear(err);
                rc = 0;
            }
            continue;
        }
        (*updated)++;
        if (reported++ < MAX_REPORTED)
            json_array_append_new(changes, json_pack("{s:i, s:s, s:s, s:o}", "row", row->line,
                                                     "staff_no", p.staff_no, "name", p.name,
                                                     "fields", fields));
        else
            json_decref(fields);
    }
    return rc;
}

int roster_import(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const struct dj_secret *key, const void *data, size_t len,
                  const struct dj_import_options *opt, json_t **result, struct dj_err *err)
{
    *result = NULL;
    struct import_state s;
    memset(&s, 0, sizeof s);
    s.db = db;
    s.cfg = cfg;
    s.actor = actor;
    s.key = key;
    s.opt = opt;
    s.bureau_id = opt->bureau_id ? opt->bureau_id : path_root_id(authz_scope(actor, PERM_PEOPLE_IMPORT));
    if (!s.bureau_id)
        return dj_err_set(err, actor_is_system(actor) ? DJ_EINVAL : DJ_EFORBIDDEN,
                          actor_is_system(actor) ? "请指定导入到哪个单位" : "您没有权限导入名册");
    snprintf(s.bureau_path, sizeof s.bureau_path, "/%lld/", (long long)s.bureau_id);
    /* a bureau named other than the caller's own, there or not, is not one to import into */
    if (opt->bureau_id && authz_foreign(actor, s.bureau_path))
        return dj_err_field(err, "bureau_id", "单位不存在");
    int rc = authz_require(actor, PERM_PEOPLE_IMPORT, s.bureau_path, err);
    if (rc)
        return rc;
    if (*opt->effective_on && !dj_date_valid(opt->effective_on))
        return dj_err_field(err, "effective_on", "应为日期 YYYY-MM-DD");
    dj_date_today(cfg->timezone, s.today);
    struct dj_table t;
    if ((rc = table_read(data, len, &t, err)))
        return rc;
    s.errors = json_array();
    s.result = json_pack("{s:s, s:s, s:b, s:[], s:[], s:[], s:[]}", "format", t.format, "encoding",
                         t.encoding, "dry_run", opt->dry_run, "changes", "created_departments",
                         "created_orgs", "unknown_columns");
    int header = 0, nrows = 0, created = 0, updated = 0, unchanged = 0;
    if ((rc = find_header(&s, &t, &header, err)) ||
        (rc = validate_rows(&s, &t, header, &nrows, err)))
        goto out;
    if (s.nerrors == 0) {
        /* a dry run does the whole write and rolls it back: its counts are exact */
        if ((rc = db_begin_write(db, err)))
            goto out;
        json_t *summary = NULL;
        if ((rc = create_missing(&s, err)) ||
            (rc = write_rows(&s, &t, header, &created, &updated, &unchanged, err)))
            goto rollback;
        if (s.nerrors || opt->dry_run) {
            db_rollback(db);
            if (s.nerrors) { /* found while writing: nothing is kept */
                created = updated = unchanged = 0;
                json_array_clear(json_object_get(s.result, "changes"));
                json_array_clear(json_object_get(s.result, "created_departments"));
                json_array_clear(json_object_get(s.result, "created_orgs"));
            } else {
                /* a dry run created nothing: the ids were rolled back */
                const char *lists[] = {"created_departments", "created_orgs"};
                for (int l = 0; l < 2; l++) {
                    size_t i;
                    json_t *x;
                    json_array_foreach(json_object_get(s.result, lists[l]), i, x)
                        json_object_del(x, "id");
                }
            }
            goto report;
        }
        summary = json_pack("{s:s, s:i, s:i, s:i, s:i}", "format", t.format, "rows", nrows,
                            "created", created, "updated", updated, "unchanged", unchanged);
        rc = audit_record(db, actor, "import", "people", 0, s.bureau_id, NULL, summary, err);
        json_decref(summary);
        if (rc || (rc = db_commit(db, err)))
            goto rollback;
    }
    goto report;
rollback:
    db_rollback(db);
    goto out;
report:
    if (!opt->create_missing && (rc = report_missing(&s, err)))
        goto out;
    json_object_set_new(s.result, "rows", json_integer(nrows));
    json_object_set_new(s.result, "created", json_integer(created));
    json_object_set_new(s.result, "updated", json_integer(updated));
    json_object_set_new(s.result, "unchanged", json_integer(unchanged));
    json_object_set_new(s.result, "error_count", json_integer(s.nerrors));
    json_object_set(s.result, "errors", s.errors);
    *result = s.result;
    s.result = NULL;
out:
    json_decref(s.result);
    json_decref(s.errors);
    free(s.names);
    table_free(&t);
    return rc;
}
