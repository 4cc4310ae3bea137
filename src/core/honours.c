#include "core/honours.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/meetings.h"
#include "core/people.h"
#include "io/table.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static const char *const level_names[HONOUR_LEVELS] = {"national", "province", "city", "county", "bureau"};
static const char *const level_labels[HONOUR_LEVELS] = {"国家级", "省级", "市级", "县级", "局级"};

int honour_level_parse(const char *s)
{
    for (int i = 0; s && i < HONOUR_LEVELS; i++)
        if (!strcmp(s, level_names[i]) || !strcmp(s, level_labels[i]))
            return i;
    return -1;
}
const char *honour_level_name(int level)
{
    return level >= 0 && level < HONOUR_LEVELS ? level_names[level] : "";
}
const char *honour_level_label(int level)
{
    return level >= 0 && level < HONOUR_LEVELS ? level_labels[level] : "";
}

json_t *honour_json(const struct dj_honour *h)
{
    return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)h->id,
                     "org_id", (json_int_t)h->org_id, "org_name", h->org_name, "person_id",
                     h->person_id ? json_integer(h->person_id) : json_null(), "person_name", h->person_name,
                     "holder", h->person_id ? "person" : authz_path_is_root(h->org_path) ? "bureau" : "org",
                     "title", h->title, "level", h->level, "level_label",
                     honour_level_label(honour_level_parse(h->level)), "issuer", h->issuer, "awarded_on",
                     h->awarded_on, "note", h->note, "created_at", h->created_at);
}

static void bureau_path(int64_t bureau, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)bureau);
}

static bool allows(const struct dj_actor *actor, enum dj_perm perm, const struct dj_honour *h)
{
    char bp[32];
    bureau_path(h->bureau_id, bp, sizeof bp);
    return authz_allows(actor, perm, bp) || authz_allows(actor, perm, h->org_path);
}

static int visible(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_honour *h,
                   struct dj_err *err)
{
    int rc = store_honour_get(db, id, h, err);
    if (rc)
        return rc;
    if (authz_foreign(actor, h->org_path))
        return dj_err_set(err, DJ_ENOTFOUND, "荣誉不存在");
    if (!allows(actor, PERM_PEOPLE_READ, h) && !allows(actor, PERM_MEETINGS_WRITE, h) &&
        !(h->person_id && h->person_id == actor->person_id))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此荣誉");
    return 0;
}

int honours_list(struct dj_db *db, const struct dj_actor *actor, const struct dj_honour_query *q, json_t **items,
                 int64_t *total, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_PEOPLE_READ);
    struct dj_honour_filter f = {.person_id = q->person_id, .level = q->level, .from = q->from, .to = q->to,
                                 .q = q->q};
    if (scope) {
        f.bureau_id = path_root_id(scope);
        if (!authz_path_is_root(scope))
            f.org_path = scope;
    } else if (actor->person_id && actor->user.bureau_id > 0) {
        /* a member sees their own honours */
        f.bureau_id = actor->user.bureau_id;
        f.person_id = actor->person_id;
        if (q->person_id && q->person_id != actor->person_id)
            return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看他人的荣誉");
    } else {
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看荣誉");
    }
    if (q->level && honour_level_parse(q->level) < 0)
        dj_err_field(err, "level", "应为 national、province、city、county 或 bureau");
    if (q->from && !dj_date_valid(q->from))
        dj_err_field(err, "from", "应为日期 YYYY-MM-DD");
    if (q->to && !dj_date_valid(q->to))
        dj_err_field(err, "to", "应为日期 YYYY-MM-DD");
    if (err->code)
        return (int)err->code;
    if (q->level)
        f.level = honour_level_name(honour_level_parse(q->level));
    struct dj_org org;
    if (q->org_id) {
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (store_org_get(db, q->org_id, &org, &lookup) || authz_foreign(actor, org.path))
            return dj_err_field(err, "org_id", "组织不存在");
        if (scope && strncmp(org.path, scope, strlen(scope)))
            return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此组织的荣誉");
        f.org_path = org.path;
    }
    struct dj_honour *rows = NULL;
    int n = 0;
    int rc = store_honours_list(db, &f, &rows, &n, err);
    if (rc)
        return rc;
    *items = json_array();
    *total = n;
    for (int i = q->offset; i < n && i < q->offset + q->limit; i++)
        json_array_append_new(*items, honour_json(&rows[i]));
    free(rows);
    return 0;
}

int honours_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_honour h;
    int rc = visible(db, actor, id, &h, err);
    if (rc)
        return rc;
    *out = honour_json(&h);
    struct dj_file *files = NULL;
    int n = 0;
    if ((rc = store_file_list(db, "honour", id, &files, &n, err))) {
        json_decref(*out);
        return rc;
    }
    json_t *fa = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(fa, file_json(&files[i]));
    free(files);
    json_object_set_new(*out, "files", fa);
    return 0;
}

/* Applies a body to h (h->bureau_id set): field errors. */
static int apply_body(struct dj_db *db, const struct dj_actor *actor, const json_t *body, struct dj_honour *h,
                      const char *today, struct dj_err *err)
{
    static const char *const known[] = {"org_id", "person_id", "title", "level", "issuer", "awarded_on", "note",
                                        NULL};
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v) {
        bool ok = false;
        for (int i = 0; known[i] && !ok; i++)
            ok = !strcmp(key, known[i]);
        if (!ok)
            dj_err_field(err, key, "未知字段");
    }
    json_t *person = json_object_get(body, "person_id");
    if (person && json_is_null(person))
        h->person_id = 0;
    else if (person) {
        struct dj_person p;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (!json_is_integer(person) || store_person_get(db, json_integer_value(person), &p, &lookup) ||
            p.bureau_id != h->bureau_id)
            dj_err_field(err, "person_id", "人员不存在");
        else {
            h->person_id = p.id;
            dj_copy(h->person_name, sizeof h->person_name, p.name);
            if (!json_object_get(body, "org_id")) { /* a person's honour is filed under their branch */
                h->org_id = p.branch_id ? p.branch_id : h->bureau_id;
                dj_copy(h->org_path, sizeof h->org_path, *p.branch_path ? p.branch_path : "");
                if (!*h->org_path)
                    bureau_path(h->bureau_id, h->org_path, sizeof h->org_path);
            }
        }
    }
    json_t *org = json_object_get(body, "org_id");
    if (org) {
        struct dj_org o;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (!json_is_integer(org) || store_org_get(db, json_integer_value(org), &o, &lookup) ||
            path_root_id(o.path) != h->bureau_id)
            dj_err_field(err, "org_id", "组织不存在");
        else {
            h->org_id = o.id;
            dj_copy(h->org_path, sizeof h->org_path, o.path);
            dj_copy(h->org_name, sizeof h->org_name, o.name);
        }
    }
    if (!h->org_id)
        dj_err_field(err, "org_id", "请指定获得荣誉的单位、支部或人员");
    static const struct {
        const char *name;
        size_t off, size, max;
        bool required;
    } texts[] = {
        {"title", offsetof(struct dj_honour, title), sizeof h->title, 80, true},
        {"issuer", offsetof(struct dj_honour, issuer), sizeof h->issuer, 80, true},
        {"note", offsetof(struct dj_honour, note), sizeof h->note, 500, false},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *dst = (char *)h + texts[i].off;
        json_t *t = json_object_get(body, texts[i].name);
        const char *s = t ? json_string_value(t) : dst;
        if (t && !s)
            dj_err_field(err, texts[i].name, "应为文字");
        else if (texts[i].required && !*s)
            dj_err_field(err, texts[i].name, "必填");
        else if (dj_utf8_length(s) > texts[i].max || strlen(s) >= texts[i].size)
            dj_err_field(err, texts[i].name, "太长（最多 %zu 个字）", texts[i].max);
        else if (t)
            dj_copy(dst, texts[i].size, s);
    }
    json_t *level = json_object_get(body, "level");
    if (level || !*h->level) {
        int l = honour_level_parse(json_string_value(level));
        if (l < 0)
            dj_err_field(err, "level", "级别应为 国家级、省级、市级、县级 或 局级");
        else
            dj_copy(h->level, sizeof h->level, honour_level_name(l));
    }
    json_t *day = json_object_get(body, "awarded_on");
    if (day || !*h->awarded_on) {
        const char *d = json_string_value(day);
        if (!d || !dj_date_valid(d))
            dj_err_field(err, "awarded_on", "应为日期 YYYY-MM-DD");
        else if (strcmp(d, today) > 0)
            dj_err_field(err, "awarded_on", "获得日期不能晚于今天");
        else
            dj_copy(h->awarded_on, sizeof h->awarded_on, d);
    }
    if (err->code)
        return (int)err->code;
    if (!authz_allows(actor, PERM_MEETINGS_WRITE, h->org_path)) {
        char bp[32];
        bureau_path(h->bureau_id, bp, sizeof bp);
        if (!authz_allows(actor, PERM_MEETINGS_WRITE, bp))
            return authz_refuse(actor, h->org_path, "您没有权限登记此组织或人员的荣誉", err);
    }
    return 0;
}

static int write_audited(struct dj_db *db, const struct dj_actor *actor, const char *action, struct dj_honour *h,
                         json_t *before, json_t **out, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    json_t *after = NULL;
    if (!strcmp(action, "create"))
        rc = store_honour_insert(db, h, actor->user.id, err);
    else
        rc = store_honour_update(db, h, err);
    if (!rc && !(rc = store_honour_get(db, h->id, h, err)) && !(after = honour_json(h)))
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!rc && !(rc = audit_record(db, actor, action, "honour", h->id, h->org_id, before, after, err)))
        rc = db_commit(db, err);
    if (rc) {
        db_rollback(db);
        json_decref(after);
        return rc;
    }
    *out = after;
    return 0;
}

int honours_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const json_t *body,
                   json_t **out, struct dj_err *err)
{
    struct dj_honour h;
    memset(&h, 0, sizeof h);
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限登记荣誉");
    h.bureau_id = path_root_id(scope);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int rc = apply_body(db, actor, body, &h, today, err);
    return rc ? rc : write_audited(db, actor, "create", &h, NULL, out, err);
}

int honours_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, int64_t id,
                   const json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_honour h;
    int rc = visible(db, actor, id, &h, err);
    if (rc)
        return rc;
    if (!allows(actor, PERM_MEETINGS_WRITE, &h))
        return authz_refuse(actor, h.org_path, "您没有权限修改此荣誉", err);
    json_t *before = honour_json(&h);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (!(rc = apply_body(db, actor, body, &h, today, err)))
        rc = write_audited(db, actor, "update", &h, before, out, err);
    json_decref(before);
    return rc;
}

int honours_delete(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_err *err)
{
    struct dj_honour h;
    int rc = visible(db, actor, id, &h, err);
    if (rc)
        return rc;
    if (!allows(actor, PERM_MEETINGS_WRITE, &h))
        return authz_refuse(actor, h.org_path, "您没有权限删除此荣誉", err);
    /* evidence is never deleted: an honour with a certificate stays (files name it) */
    struct dj_file *files = NULL;
    int nfiles = 0;
    if ((rc = store_file_list(db, "honour", id, &files, &nfiles, err)))
        return rc;
    free(files);
    if (nfiles)
        return dj_err_set(err, DJ_ECONFLICT, "此荣誉已有证明材料，不能删除；如有错误请修改");
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *before = honour_json(&h);
    if (!(rc = store_honour_delete(db, id, err)) &&
        !(rc = audit_record(db, actor, "delete", "honour", id, h.org_id, before, NULL, err)))
        rc = db_commit(db, err);
    if (rc)
        db_rollback(db);
    json_decref(before);
    return rc;
}

int honours_file_target(struct dj_db *db, const struct dj_actor *actor, int64_t id, bool write, int64_t *org_id,
                        int64_t *bureau_id, struct dj_err *err)
{
    struct dj_honour h;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (visible(db, actor, id, &h, &lookup))
        return write ? dj_err_field(err, "object_id", "荣誉不存在") : dj_err_set(err, DJ_ENOTFOUND, "文件不存在");
    *org_id = h.org_id;
    *bureau_id = h.bureau_id;
    if (write && !allows(actor, PERM_MEETINGS_WRITE, &h))
        return authz_refuse(actor, h.org_path, "您没有权限为此荣誉上传证明材料", err);
    return 0;
}

/* ---- import ---- */

enum col { C_HOLDER, C_PERSON, C_TITLE, C_LEVEL, C_ISSUER, C_DATE, C_NOTE, NCOLS };
static const struct {
    const char *field;
    const char *names[3];
} cols[NCOLS] = {
    [C_HOLDER] = {"org_id", {"获得单位", "单位（支部）", "组织"}}, [C_PERSON] = {"person_id", {"获得人", "人员", "工号"}},
    [C_TITLE] = {"title", {"荣誉名称", "荣誉"}},                 [C_LEVEL] = {"level", {"级别", "荣誉级别"}},
    [C_ISSUER] = {"issuer", {"授予机关", "颁发单位"}},          [C_DATE] = {"awarded_on", {"获得日期", "授予日期"}},
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

static void row_error(json_t *errors, int row, enum col c, const char *message)
{
    json_array_append_new(errors, json_pack("{s:i, s:s, s:s}", "row", row, "column", cols[c].names[0], "message",
                                            message));
}

int honours_import(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const void *data,
                   size_t len, bool dry_run, json_t **result, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!scope)
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限导入荣誉");
    int64_t root = path_root_id(scope);
    char bureau[32], today[DJ_DATE_LEN], msg[512];
    bureau_path(root, bureau, sizeof bureau);
    dj_date_today(cfg->timezone, today);
    struct dj_table t;
    int rc = table_read(data, len, &t, err);
    if (rc)
        return rc;
    struct dj_org *orgs = NULL;
    struct dj_honour *rows = NULL;
    int norgs = 0, n = 0, header = -1, at[NCOLS];
    struct dj_person_list people;
    memset(&people, 0, sizeof people);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    json_t *errors = json_array();
    if ((rc = store_org_list(db, bureau, &orgs, &norgs, err)) || (rc = store_people_list(db, &pf, &people, err)))
        goto done;
    for (int r = 0; r < t.nrows && r < 20 && header < 0; r++)
        if (column_of(&t.rows[r], C_TITLE) >= 0 && column_of(&t.rows[r], C_DATE) >= 0)
            header = r;
    if (header < 0) {
        row_error(errors, t.nrows ? t.rows[0].line : 1, C_TITLE, "找不到表头：文件应有“荣誉名称”和“获得日期”两列");
        goto done;
    }
    for (int c = 0; c < NCOLS; c++)
        at[c] = column_of(&t.rows[header], (enum col)c);
    if (!(rows = calloc((size_t)t.nrows, sizeof *rows))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto done;
    }
    for (int r = header + 1; r < t.nrows; r++) {
        const struct dj_table_row *row = &t.rows[r];
        bool empty = true, ok = true;
        for (int c = 0; c < row->ncells; c++)
            empty &= !*row->cells[c];
        if (empty)
            continue;
#define CELL(c) (at[c] >= 0 && at[c] < row->ncells ? row->cells[at[c]] : "")
        json_t *body = json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", CELL(C_TITLE), "level", CELL(C_LEVEL),
                                 "issuer", CELL(C_ISSUER), "awarded_on", CELL(C_DATE), "note", CELL(C_NOTE));
        const char *v = CELL(C_PERSON);
        if (*v) {
            int64_t p = 0;
            for (int i = 0; i < people.count && !p; i++)
                if (!strcmp(people.items[i].staff_no, v) || !strcmp(people.items[i].name, v))
                    p = people.items[i].id;
            if (!p) {
                snprintf(msg, sizeof msg, "“%s”不在人员名册中（请填写工号或姓名）", v);
                row_error(errors, row->line, C_PERSON, msg);
                ok = false;
            }
            json_object_set_new(body, "person_id", json_integer(p));
        }
        v = CELL(C_HOLDER);
        if (*v || !*CELL(C_PERSON)) {
            int64_t o = *v ? 0 : root;
            for (int i = 0; i < norgs && !o; i++)
                if (!strcmp(orgs[i].name, v))
                    o = orgs[i].id;
            if (!o) {
                snprintf(msg, sizeof msg, "“%s”不在本单位的组织机构中", v);
                row_error(errors, row->line, C_HOLDER, msg);
                ok = false;
            }
            json_object_set_new(body, "org_id", json_integer(o));
        }
#undef CELL
        struct dj_err e;
        dj_err_clear(&e);
        rows[n].bureau_id = root;
        int crc = ok ? apply_body(db, actor, body, &rows[n], today, &e) : 0;
        json_decref(body);
        if (crc == DJ_EINVAL || crc == DJ_EFORBIDDEN || crc == DJ_ENOTFOUND) {
            if (!e.nfields)
                row_error(errors, row->line, C_HOLDER, e.message);
            for (int f = 0; f < e.nfields; f++) {
                enum col c = C_TITLE;
                for (int k = 0; k < NCOLS; k++)
                    if (!strcmp(cols[k].field, e.fields[f].name))
                        c = (enum col)k;
                row_error(errors, row->line, c, e.fields[f].message);
            }
            memset(&rows[n], 0, sizeof rows[n]);
        } else if (crc) {
            rc = crc;
            *err = e;
            goto done;
        } else if (ok) {
            n++;
        } else {
            memset(&rows[n], 0, sizeof rows[n]);
        }
    }
    if (!json_array_size(errors) && !dry_run && n) {
        if ((rc = db_begin_write(db, err)))
            goto done;
        for (int i = 0; i < n && !rc; i++) {
            json_t *after = NULL;
            if (!(rc = store_honour_insert(db, &rows[i], actor->user.id, err)) &&
                !(rc = store_honour_get(db, rows[i].id, &rows[i], err)) && !(after = honour_json(&rows[i])))
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            if (!rc)
                rc = audit_record(db, actor, "create", "honour", rows[i].id, rows[i].org_id, NULL, after, err);
            json_decref(after);
        }
        json_t *summary = rc ? NULL : json_pack("{s:i}", "created", n);
        if (!rc)
            rc = audit_record(db, actor, "import", "honour", 0, root, NULL, summary, err);
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
