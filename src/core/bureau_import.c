/* bureau import: see core/bureau_transfer.h (bureau_import). */
#include "core/bureau_transfer.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/bureaus.h"
#include "core/evaluations.h"
#include "store/audit.h"
#include "store/transfer.h"
#include "store/bureaus.h"
#include "store/indexes.h"
#include "store/migrations.h"
#include "util/buf.h"
#include "util/idmap.h"

/* What an audit record's object_type names (other types keep no object id). */
static const struct {
    const char *type;
    enum dj_xtab table;
} object_tables[] = {
    {"org", XT_ORGS},           {"bureau", XT_ORGS},           {"user", XT_USERS},
    {"person", XT_PEOPLE},      {"department", XT_DEPARTMENTS}, {"committee_member", XT_COMMITTEE_MEMBERS},
    {"meeting", XT_MEETINGS},   {"file", XT_FILES},             {"quiz", XT_QUIZZES},
    {"study_record", XT_STUDY_RECORDS}, {"scheme", XT_SCHEMES}, {"evaluation", XT_EVALUATIONS},
    {"meeting_rule", XT_MEETING_RULES}, {"lecture_label", XT_LECTURE_LABELS},
    {"meeting_kind", XT_MEETING_KINDS},
    /* dues (migration 022) */
    {"dues_setting", XT_DUES_SETTINGS}, {"dues_base", XT_DUES_BASES}, {"dues_reduction", XT_DUES_REDUCTIONS},
    {"dues_payment", XT_DUES_PAYMENTS}, {"dues_remittance", XT_DUES_REMITTANCES},
    /* supervision of conduct */
    {"conduct_rule", XT_CONDUCT_RULES}, {"inspection", XT_INSPECTIONS}, {"finding", XT_FINDINGS},
    {"conduct_review", XT_CONDUCT_REVIEWS},
    /* tasks and rectifications */
    {"task", XT_TASKS}, {"task_report", XT_TASK_REPORTS}, {"rectification", XT_RECTIFICATIONS},
    /* service */
    {"contact", XT_CONTACTS}, {"contact_visit", XT_CONTACT_VISITS}, {"pairing", XT_PAIRINGS},
    {"pairing_activity", XT_PAIRING_ACTIVITIES}, {"community_registration", XT_COMMUNITY_REGISTRATIONS},
    {"service_activity", XT_SERVICE_ACTIVITIES}, {"service_signup", XT_SERVICE_SIGNUPS},
    /* 主体责任清单 and 党建责任书 (migration 034) */
    {"duty_doc", XT_DUTY_DOCS}, {"duty_item", XT_DUTY_ITEMS},
    /* warnings engine and inbox (migration 026) */
    {"warning_rule", XT_WARNING_RULES}, {"warning", XT_WARNINGS}, {"announcement", XT_ANNOUNCEMENTS},
    /* appraisals, secretary reviews, cadre development (migration 029) */
    {"appraisal", XT_APPRAISALS}, {"secretary_review", XT_SECRETARY_REVIEWS}, {"cadre_posting", XT_CADRE_POSTINGS},
    {"mentorship", XT_MENTORSHIPS},
    /* 发展党员 and 荣誉 (migration 028) */
    {"applicant", XT_APPLICANTS}, {"applicant_setting", XT_APPLICANT_SETTINGS}, {"honour", XT_HONOURS},
};

static int object_table(const char *type)
{
    for (size_t i = 0; i < sizeof object_tables / sizeof object_tables[0]; i++)
        if (!strcmp(object_tables[i].type, type))
            return (int)object_tables[i].table;
    return -1;
}

/* An evaluation's targets, from its scheme's target. */
static int target_table(const char *target)
{
    if (!strcmp(target, "member"))
        return XT_PEOPLE;
    if (!strcmp(target, "branch"))
        return XT_ORGS;
    if (!strcmp(target, "department"))
        return XT_DEPARTMENTS;
    return -1;
}

struct fixup {
    enum dj_xtab t;
    int col;
    int64_t id;  /* the new row */
    int64_t ref; /* the source id it names, in its own table */
};

struct ximport {
    struct dj_db *db;
    const struct dj_secret *key;
    json_t **lines;
    size_t nlines;
    struct dj_idmap map[XT_COUNT];
    struct dj_idmap builtin;       /* source built-in kinds to ours, by code */
    struct dj_idmap scheme_target; /* source scheme id to its target table + 1 */
    struct dj_idmap eval_target;   /* source evaluation id to its target table + 1 */
    struct fixup *fix;
    int nfix, capfix;
    struct dj_transfer_summary *sum;
};

static const char *str_or_empty(const json_t *j)
{
    const char *s = json_string_value(j);
    return s ? s : "";
}

static const char *line_type(json_t *l)
{
    return str_or_empty(json_object_get(l, "t"));
}

static int64_t ref_get(struct ximport *x, enum dj_xtab t, int64_t from)
{
    int64_t to = dj_idmap_get(&x->map[t], from);
    if (!to && t == XT_MEETING_KINDS)
        to = dj_idmap_get(&x->builtin, from);
    return to;
}

static int missing_ref(const char *table, const char *col, int64_t id, struct dj_err *err)
{
    return dj_err_set(err, DJ_EINVAL, "文件中 %s.%s 指向的 %" PRId64 " 不属于该单位或不在文件里：文件不完整或被改动",
                      table, col, id);
}

/* The ids inside a score's explanation (index_engine, index_annual): kinds,
 * entries and quarters' evaluations; one not moved becomes null. */
static void remap_detail(struct ximport *x, json_t *j)
{
    const char *k;
    json_t *v;
    size_t i;
    if (json_is_array(j)) {
        json_array_foreach(j, i, v)
            remap_detail(x, v);
        return;
    }
    json_object_foreach(j, k, v) {
        int t = !strcmp(k, "kind_id") ? XT_MEETING_KINDS
                : !strcmp(k, "entry_id") ? XT_SCORE_ENTRIES
                : !strcmp(k, "evaluation_id") ? XT_EVALUATIONS
                : !strcmp(k, "finding_id") ? XT_FINDINGS : -1;
        if (t >= 0 && json_is_integer(v)) {
            int64_t to = ref_get(x, (enum dj_xtab)t, json_integer_value(v));
            json_object_set_new(j, k, to ? json_integer((json_int_t)to) : json_null());
        } else {
            remap_detail(x, v);
        }
    }
}

static int target_of(struct ximport *x, json_t *r, const char *table, int64_t *tab, struct dj_err *err)
{
    int64_t eval = json_integer_value(json_object_get(r, "evaluation_id"));
    *tab = dj_idmap_get(&x->eval_target, eval) - 1;
    return *tab < 0 ? missing_ref(table, "evaluation_id", eval, err) : 0;
}

/* The values of one row of t with every id of the destination; *pending gets
 * the columns naming a row of t itself not inserted yet (set after). */
static int row_vals(struct ximport *x, enum dj_xtab t, json_t *r, struct dj_xval *vals, int64_t *src_id,
                    struct fixup *pending, int *npending, struct dj_err *err)
{
    const struct dj_xtable *tb = store_xfer_table(t);
    *src_id = 0;
    *npending = 0;
    memset(vals, 0, (size_t)tb->ncols * sizeof *vals);
    for (int c = 0; c < tb->ncols; c++) {
        const struct dj_xcol *col = &tb->cols[c];
        json_t *j = json_object_get(r, col->name);
        struct dj_xval *v = &vals[c];
        memset(v, 0, sizeof *v);
        if (!j)
            return dj_err_set(err, DJ_EINVAL, "文件的 %s 行缺少 %s 列：格式不符", tb->name, col->name);
        if (json_is_null(j) || col->kind == XK_ID) {
            if (col->kind == XK_ID)
                *src_id = json_integer_value(j);
            continue;
        }
        const char *s = json_string_value(j);
        int64_t id = json_integer_value(j), to = 0;
        int64_t tab = col->ref;
        int rc = 0;
        switch (col->kind) {
        case XK_INT:
            *v = (struct dj_xval){.type = XV_INT, .i = id};
            continue;
        case XK_TEXT:
        case XK_PATH: /* the path is set once every organisation has its id */
            v->type = XV_TEXT;
            v->s = strdup(col->kind == XK_PATH || !s ? "" : s);
            if (!v->s)
                return dj_err_set(err, DJ_ENOMEM, "内存不足");
            v->len = strlen(v->s);
            continue;
        case XK_SEALED:
            if ((rc = secret_seal(x->key, s ? s : "", &v->s, err)))
                return rc;
            v->type = XV_TEXT;
            v->len = strlen(v->s);
            continue;
        case XK_SEALED_TALK:
        case XK_SEALED_NOTIFY: {
            struct dj_secret talk_key;
            if (!s || !*s) { /* a talk without content stays without */
                if (!(v->s = strdup("")))
                    return dj_err_set(err, DJ_ENOMEM, "内存不足");
                v->type = XV_TEXT;
                v->len = 0;
                continue;
            }
            if ((rc = secret_subkey(x->key,
                                    col->kind == XK_SEALED_TALK ? SECRET_CTX_TALKS : SECRET_CTX_NOTIFY,
                                    &talk_key, err)))
                return rc;
            rc = secret_seal(&talk_key, s ? s : "", &v->s, err);
            secret_wipe(&talk_key);
            if (rc)
                return rc;
            v->type = XV_TEXT;
            v->len = strlen(v->s);
            continue;
        }
        case XK_BLOB: {
            size_t n = s ? strlen(s) : 0, len = 0;
            v->type = XV_BLOB;
            if (!(v->s = malloc(n ? n : 1)))
                return dj_err_set(err, DJ_ENOMEM, "内存不足");
            if (n && sodium_base642bin((unsigned char *)v->s, n, s, n, NULL, &len, NULL,
                                       sodium_base64_VARIANT_ORIGINAL))
                return dj_err_set(err, DJ_EINVAL, "文件的 %s.%s 不是 base64", tb->name, col->name);
            v->len = len;
            continue;
        }
        case XK_DETAIL: {
            json_t *d = json_loads(s ? s : "", JSON_DECODE_ANY, NULL);
            if (!d)
                return dj_err_set(err, DJ_EINVAL, "文件的 %s.%s 不是 JSON", tb->name, col->name);
            remap_detail(x, d);
            v->s = json_dumps(d, JSON_COMPACT | JSON_ENCODE_ANY);
            json_decref(d);
            if (!v->s)
                return dj_err_set(err, DJ_ENOMEM, "内存不足");
            v->type = XV_TEXT;
            v->len = strlen(v->s);
            continue;
        }
        case XK_TARGET:
            if ((rc = target_of(x, r, tb->name, &tab, err)))
                return rc;
            break;
        case XK_OBJECT: {
            const char *type = json_string_value(json_object_get(r, "object_type"));
            if ((tab = object_table(type ? type : "")) < 0)
                return dj_err_set(err, DJ_EINVAL, "文件的 %s 行的 object_type %s 未知", tb->name, type ? type : "");
            break;
        }
        default: /* XK_REF, XK_SOFTREF */
            break;
        }
        to = ref_get(x, (enum dj_xtab)tab, id);
        if (to) {
            *v = (struct dj_xval){.type = XV_INT, .i = to};
        } else if (col->kind == XK_REF && tab == (int64_t)t) {
            pending[(*npending)++] = (struct fixup){t, c, 0, id}; /* a later row of the same table */
        } else if (col->kind != XK_SOFTREF) {
            return missing_ref(tb->name, col->name, id, err);
        }
    }
    return 0;
}

static void vals_free(struct dj_xval *v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i].s);
}

static int import_row(struct ximport *x, enum dj_xtab t, json_t *r, struct dj_err *err)
{
    const struct dj_xtable *tb = store_xfer_table(t);
    struct dj_xval vals[32];
    struct fixup pending[8];
    int np = 0;
    int64_t src = 0, id = 0;
    int rc = row_vals(x, t, r, vals, &src, pending, &np, err);
    if (!rc && t == XT_USERS) /* a name of another bureau's code is refused, as at creation */
        rc = bureau_username_check(x->db, x->sum->bureau_id, json_string_value(json_object_get(r, "username")), err);
    if (!rc)
        rc = store_xfer_insert(x->db, t, vals, &id, err);
    vals_free(vals, tb->ncols);
    if (rc)
        return rc;
    x->sum->rows[t]++;
    if (t == XT_BUREAUS)
        x->sum->bureau_id = dj_idmap_get(&x->map[XT_ORGS], json_integer_value(json_object_get(r, "org_id")));
    if (t == XT_SCHEMES)
        rc = dj_idmap_put(&x->scheme_target, src,
                       target_table(str_or_empty(json_object_get(r, "target"))) + 1, err);
    if (!rc && t == XT_EVALUATIONS)
        rc = dj_idmap_put(&x->eval_target, src,
                       dj_idmap_get(&x->scheme_target, json_integer_value(json_object_get(r, "scheme_id"))), err);
    if (!rc && tb->cols[0].kind == XK_ID)
        rc = dj_idmap_put(&x->map[t], src, id, err);
    for (int i = 0; i < np && !rc; i++) {
        if (dj_grow((void **)&x->fix, &x->capfix, x->nfix, sizeof *x->fix))
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        pending[i].id = id;
        x->fix[x->nfix++] = pending[i];
    }
    return rc;
}

/* After table t: the references to its own later rows, and the paths. */
static int finish_table(struct ximport *x, enum dj_xtab t, struct dj_err *err)
{
    int rc = 0;
    for (int i = 0; i < x->nfix && !rc; i++) {
        int64_t to = dj_idmap_get(&x->map[t], x->fix[i].ref);
        if (!to)
            return missing_ref(store_xfer_table(t)->name, store_xfer_table(t)->cols[x->fix[i].col].name,
                               x->fix[i].ref, err);
        struct dj_xval v = {.type = XV_INT, .i = to};
        rc = store_xfer_update(x->db, t, x->fix[i].col, x->fix[i].id, &v, err);
    }
    x->nfix = 0;
    if (t != XT_ORGS)
        return rc;
    int col = store_xfer_col(XT_ORGS, "path");
    for (size_t i = 0; i < x->nlines && !rc; i++) {
        if (strcmp(line_type(x->lines[i]), "orgs") != 0)
            continue;
        json_t *r = json_object_get(x->lines[i], "r");
        const char *path = json_string_value(json_object_get(r, "path"));
        char out[512] = "/", *save = NULL, buf[512];
        snprintf(buf, sizeof buf, "%s", path ? path : "");
        for (char *seg = strtok_r(buf, "/", &save); seg && !rc; seg = strtok_r(NULL, "/", &save)) {
            int64_t to = dj_idmap_get(&x->map[XT_ORGS], strtoll(seg, NULL, 10));
            size_t n = strlen(out);
            if (!to)
                rc = missing_ref("orgs", "path", strtoll(seg, NULL, 10), err);
            else
                snprintf(out + n, sizeof out - n, "%" PRId64 "/", to);
        }
        struct dj_xval v = {.type = XV_TEXT, .s = out, .len = strlen(out)};
        if (!rc)
            rc = store_xfer_update(x->db, XT_ORGS, col,
                                   dj_idmap_get(&x->map[XT_ORGS], json_integer_value(json_object_get(r, "id"))), &v, err);
    }
    return rc;
}

/* The field at *p, cut at its '|'; *p moves past it (NULL after the last). */
static char *next_field(char **p)
{
    char *f = *p ? *p : (char *)"";
    char *bar = *p ? strchr(*p, '|') : NULL;
    if (bar)
        *bar = '\0';
    *p = bar ? bar + 1 : NULL;
    return f;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* text's lines sorted (pointers into text, which is cut at each newline). */
static int split_sorted(char *text, char ***lines, int *n, struct dj_err *err)
{
    int cap = 0;
    *lines = NULL;
    *n = 0;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (dj_grow((void **)lines, &cap, *n, sizeof **lines))
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        (*lines)[(*n)++] = l;
    }
    if (*n)
        qsort(*lines, (size_t)*n, sizeof **lines, cmp_str);
    return 0;
}

/* A final evaluation: its results read back here must be the source's
 * (ids remapped); then they are hashed with this database's key. */
static int import_final(struct ximport *x, json_t *l, struct dj_err *err)
{
    int64_t src = json_integer_value(json_object_get(l, "id"));
    int64_t id = dj_idmap_get(&x->map[XT_EVALUATIONS], src), tab = dj_idmap_get(&x->eval_target, src) - 1;
    if (!id || tab < 0)
        return missing_ref("#final", "id", src, err);
    struct dj_buf want = DJ_BUF_INIT, have = DJ_BUF_INIT;
    char *copy = strdup(str_or_empty(json_object_get(l, "content")));
    int rc = copy ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
    /* R|target|..., S|target|indicator|..., A|award|target|votes */
    for (char *save = NULL, *ln = copy ? strtok_r(copy, "\n", &save) : NULL; ln && !rc;
         ln = strtok_r(NULL, "\n", &save)) {
        char *p = ln, kind = ln[0];
        next_field(&p);
        char *award = kind == 'A' ? next_field(&p) : NULL;
        char *tg = next_field(&p);
        char *ind = kind == 'S' ? next_field(&p) : NULL;
        if (!p || (kind != 'R' && kind != 'S' && kind != 'A')) {
            rc = dj_err_set(err, DJ_EINVAL, "文件中考评 %" PRId64 " 的结果行格式不符", src);
            break;
        }
        int64_t target = ref_get(x, (enum dj_xtab)tab, strtoll(tg, NULL, 10));
        if (kind == 'R')
            rc = dj_buf_printf(&want, "R|%" PRId64 "|%s\n", target, p);
        else if (kind == 'S')
            rc = dj_buf_printf(&want, "S|%" PRId64 "|%" PRId64 "|%s\n", target,
                               ref_get(x, XT_INDICATORS, strtoll(ind, NULL, 10)), p);
        else
            rc = dj_buf_printf(&want, "A|%s|%" PRId64 "|%s\n", award, target, p);
        if (rc)
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    free(copy);
    if (!rc)
        rc = evaluations_results_text(x->db, id, &have, err);
    char **a = NULL, **b = NULL;
    int na = 0, nb = 0;
    if (!rc && !(rc = dj_buf_puts(&want, "")) && !(rc = dj_buf_puts(&have, "")))
        if (!(rc = split_sorted(want.data ? want.data : (char[]){""}, &a, &na, err)))
            rc = split_sorted(have.data ? have.data : (char[]){""}, &b, &nb, err);
    bool same = !rc && na == nb;
    for (int i = 0; same && i < na; i++)
        same = !strcmp(a[i], b[i]);
    if (!rc && !same)
        rc = dj_err_set(err, DJ_ECONFLICT, "导入后考评 %" PRId64 " 的结果与源数据库定稿时不同：已全部撤销", src);
    free(a);
    free(b);
    dj_buf_free(&want);
    dj_buf_free(&have);
    char hash[65];
    if (!rc && !(rc = evaluations_hash(x->db, id, hash, err)))
        rc = store_evaluation_set_results_hash(x->db, id, hash, err);
    if (!rc)
        x->sum->finals++;
    return rc;
}

static int import_audit(struct ximport *x, json_t *l, struct dj_err *err)
{
    json_t *r = json_object_get(l, "r");
    struct dj_audit_row a;
    memset(&a, 0, sizeof a);
    snprintf(a.at, sizeof a.at, "%s", str_or_empty(json_object_get(r, "at")));
    snprintf(a.username, sizeof a.username, "%s", str_or_empty(json_object_get(r, "username")));
    snprintf(a.action, sizeof a.action, "%s", str_or_empty(json_object_get(r, "action")));
    snprintf(a.object_type, sizeof a.object_type, "%s", str_or_empty(json_object_get(r, "object_type")));
    a.user_id = dj_idmap_get(&x->map[XT_USERS], json_integer_value(json_object_get(r, "user_id")));
    a.org_id = dj_idmap_get(&x->map[XT_ORGS], json_integer_value(json_object_get(r, "org_id")));
    /* an object that no longer exists (deleted) or of no table keeps no id */
    int t = object_table(a.object_type);
    a.object_id = t < 0 ? 0 : dj_idmap_get(&x->map[t], json_integer_value(json_object_get(r, "object_id")));
    a.before_json = (char *)json_string_value(json_object_get(r, "before"));
    a.after_json = (char *)json_string_value(json_object_get(r, "after"));
    x->sum->audit++;
    return audit_record_copy(x->db, &a, err);
}

/* Reads the file into lines of JSON, checking its header and its checksum. */
static int read_file(struct ximport *x, const char *path, json_t **header, struct dj_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return dj_err_set(err, DJ_EIO, "不能打开 %s：%s", path, strerror(errno));
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    char *line = NULL, expect[65] = "";
    size_t cap = 0;
    ssize_t n;
    int rc = 0, cap_lines = 0;
    bool ended = false;
    while (!rc && (n = getline(&line, &cap, f)) > 0) {
        json_error_t je;
        json_t *j = json_loadb(line, (size_t)n, 0, &je);
        if (!j || ended) {
            rc = dj_err_set(err, DJ_EINVAL, "%s 第 %zu 行不是本程序导出的单位数据", path, x->nlines + 1);
        } else if (!strcmp(line_type(j), "#end")) {
            ended = true;
            snprintf(expect, sizeof expect, "%s", str_or_empty(json_object_get(j, "sha256")));
            if (json_integer_value(json_object_get(j, "lines")) != (json_int_t)x->nlines)
                rc = dj_err_set(err, DJ_EINVAL, "%s 的行数不符：文件不完整", path);
        } else {
            crypto_hash_sha256_update(&sha, (const unsigned char *)line, (unsigned long long)n);
            int c = (int)x->nlines;
            if (dj_grow((void **)&x->lines, &cap_lines, c, sizeof *x->lines)) {
                json_decref(j);
                rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
                break;
            }
            x->lines[x->nlines++] = j;
            continue;
        }
        json_decref(j);
    }
    free(line);
    fclose(f);
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256_final(&sha, digest);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    if (!rc && (!ended || strcmp(hex, expect) != 0))
        rc = dj_err_set(err, DJ_EINVAL, "%s 不完整或被改动（校验和不符）", path);
    *header = x->nlines ? x->lines[0] : NULL;
    if (!rc && (!*header || strcmp(str_or_empty(json_object_get(*header, "format")), DJ_TRANSFER_FORMAT) ||
                json_integer_value(json_object_get(*header, "version")) != DJ_TRANSFER_VERSION))
        rc = dj_err_set(err, DJ_EINVAL, "%s 不是第 %d 版的单位数据文件", path, DJ_TRANSFER_VERSION);
    return rc;
}

/* Refuses a code or an account name that is taken here (nothing written yet). */
static int check_clashes(struct ximport *x, const char *code, struct dj_err *err)
{
    struct dj_bureau other;
    int rc = store_bureau_get_by_code(x->db, code, &other, err);
    if (!rc)
        return dj_err_set(err, DJ_ECONFLICT, "本部署已有代码为 %s 的单位（%s）：不能导入", code, other.name);
    if (rc != DJ_ENOTFOUND)
        return rc;
    dj_err_clear(err);
    char prefix[40], names[256] = "";
    int64_t taken = 0, clashes = 0;
    snprintf(prefix, sizeof prefix, "%s.", code);
    if ((rc = store_users_with_prefix(x->db, prefix, &taken, err)))
        return rc;
    if (taken)
        return dj_err_set(err, DJ_ECONFLICT, "本部署已有以 %s 开头的用户名：不能导入代码为 %s 的单位", prefix, code);
    for (size_t i = 0; i < x->nlines && !rc; i++) {
        if (strcmp(line_type(x->lines[i]), "users") != 0)
            continue;
        const char *name = str_or_empty(json_object_get(json_object_get(x->lines[i], "r"), "username"));
        bool used = false;
        if ((rc = store_xfer_username_taken(x->db, name, &used, err)) || !used)
            continue;
        size_t n = strlen(names);
        if (clashes++ < 8)
            snprintf(names + n, sizeof names - n, "%s%s", n ? "、" : "", name);
    }
    if (!rc && clashes)
        rc = dj_err_set(err, DJ_ECONFLICT, "本部署已有同名账号 %" PRId64 " 个（%s）：不能导入，请先在源部署改名", clashes,
                        names);
    return rc;
}

static int builtin_kind(void *ctx, int64_t id, const char *code, struct dj_err *err)
{
    struct ximport *x = ctx;
    for (size_t i = 0; i < x->nlines; i++) {
        json_t *l = x->lines[i];
        if (!strcmp(line_type(l), "#builtin_kind") && !strcmp(str_or_empty(json_object_get(l, "code")), code))
            return dj_idmap_put(&x->builtin, json_integer_value(json_object_get(l, "id")), id, err);
    }
    return 0;
}

static int import_all(struct ximport *x, const struct dj_actor *actor, json_t *header, struct dj_err *err)
{
    json_t *bureau = json_object_get(header, "bureau");
    snprintf(x->sum->code, sizeof x->sum->code, "%s", str_or_empty(json_object_get(bureau, "code")));
    snprintf(x->sum->name, sizeof x->sum->name, "%s", str_or_empty(json_object_get(bureau, "name")));
    json_t *head = json_object_get(header, "audit_head");
    x->sum->head_seq = json_integer_value(json_object_get(head, "seq"));
    snprintf(x->sum->head_hash, sizeof x->sum->head_hash, "%s", str_or_empty(json_object_get(head, "hash")));
    int version = 0;
    int rc = migrations_current(x->db, &version, err);
    if (!rc && json_integer_value(json_object_get(header, "schema_version")) > version)
        return dj_err_set(err, DJ_EINVAL, "文件来自较新的版本（架构 %d 以上）：请先升级本部署",
                          (int)json_integer_value(json_object_get(header, "schema_version")));
    if (rc || (rc = check_clashes(x, x->sum->code, err)) ||
        (rc = store_xfer_builtin_kinds(x->db, builtin_kind, x, err)))
        return rc;
    for (int t = 0; t < XT_COUNT && !rc; t++) {
        const char *name = store_xfer_table((enum dj_xtab)t)->name;
        for (size_t i = 0; i < x->nlines && !rc; i++)
            if (!strcmp(line_type(x->lines[i]), name))
                rc = import_row(x, (enum dj_xtab)t, json_object_get(x->lines[i], "r"), err);
        if (!rc)
            rc = finish_table(x, (enum dj_xtab)t, err);
    }
    for (size_t i = 0; i < x->nlines && !rc; i++)
        if (!strcmp(line_type(x->lines[i]), "#final"))
            rc = import_final(x, x->lines[i], err);
    for (size_t i = 0; i < x->nlines && !rc; i++)
        if (!strcmp(line_type(x->lines[i]), "#audit"))
            rc = import_audit(x, x->lines[i], err);
    if (rc)
        return rc;
    if (!x->sum->bureau_id)
        return dj_err_set(err, DJ_EINVAL, "文件里没有单位本身（bureaus）：文件不完整");
    json_t *rows = json_object();
    for (int t = 0; rows && t < XT_COUNT; t++)
        json_object_set_new(rows, store_xfer_table((enum dj_xtab)t)->name, json_integer((json_int_t)x->sum->rows[t]));
    json_t *after = json_pack("{s:O, s:O, s:O, s:O, s:I, s:i, s:o}", "source", json_object_get(header, "source"),
                              "exported_at", json_object_get(header, "exported_at"), "source_bureau", bureau,
                              "source_audit_head", head, "audit_records", (json_int_t)x->sum->audit,
                              "final_evaluations", x->sum->finals, "rows", rows);
    if (!after)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    rc = audit_record(x->db, actor, "import", "bureau", x->sum->bureau_id, x->sum->bureau_id, NULL, after, err);
    json_decref(after);
    return rc;
}

int bureau_import(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                  const char *path, struct dj_transfer_summary *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    struct ximport x = {.db = db, .key = key, .sum = out};
    json_t *header = NULL;
    int rc = read_file(&x, path, &header, err);
    if (!rc)
        rc = store_xfer_check_schema(db, err);
    if (!rc && !(rc = db_begin_write(db, err))) {
        /* the head first: no other writer appends to the chain meanwhile */
        if ((rc = store_audit_head_lock(db, err)) || (rc = import_all(&x, actor, header, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    for (size_t i = 0; i < x.nlines; i++)
        json_decref(x.lines[i]);
    free(x.lines);
    for (int t = 0; t < XT_COUNT; t++)
        dj_idmap_free(&x.map[t]);
    dj_idmap_free(&x.builtin);
    dj_idmap_free(&x.scheme_target);
    dj_idmap_free(&x.eval_target);
    free(x.fix);
    return rc;
}
