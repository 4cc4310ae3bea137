#include "core/bureaus.h"

#include <ctype.h>
#include <stddef.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/warning_rules.h"
#include "core/auth.h"
#include "core/compliance.h"
#include "core/lectures.h"
#include "core/conduct.h"
#include "core/schemes.h"
#include "core/users.h"
#include "store/orgs.h"
#include "store/users.h"
#include "util/date.h"
#include "util/text.h"

/* The built-in defaults of the settings that have no key in docs/CONFIG.md */
#define BUREAU_NOTICE_DAYS 5
#define BUREAU_BRANCH_MIN 3
#define BUREAU_BRANCH_MAX 50

json_t *bureau_json(const struct dj_bureau *b)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:b, s:s}", "id", (json_int_t)b->id, "code", b->code,
                     "name", b->name, "status", b->status, "plain_names", b->plain_names,
                     "created_at", b->created_at);
}

bool bureaus_actor_is_province(const struct dj_actor *actor)
{
    return actor_is_system(actor) ||
           (actor->user.province && !actor->user.disabled && actor->user.id != 0);
}

static int require_province(const struct dj_actor *actor, struct dj_err *err)
{
    if (bureaus_actor_is_province(actor))
        return 0;
    return dj_err_set(err, DJ_EFORBIDDEN, "只有上级（省、市）管理员可以管理单位");
}

static bool code_valid(const char *code)
{
    size_t n = strlen(code);
    if (n < 2 || n > 16 || !islower((unsigned char)code[0]))
        return false;
    for (const char *p = code; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p))
            return false;
    return true;
}

static int check_name(const char *name, struct dj_err *err)
{
    size_t n = name ? strlen(name) : 0;
    if (!n || !dj_utf8_valid(name, n) || dj_utf8_length(name) > 60)
        return dj_err_field(err, "name", "单位名称应为 1 到 60 个字符");
    return 0;
}

int bureau_username_check(struct dj_db *db, int64_t bureau_id, const char *username,
                          struct dj_err *err)
{
    struct dj_bureau own;
    memset(&own, 0, sizeof own);
    int rc;
    if (bureau_id && (rc = store_bureau_get(db, bureau_id, &own, err)))
        return rc;
    const char *dot = strchr(username, '.');
    if (dot) {
        char prefix[32];
        size_t n = (size_t)(dot - username);
        if (n < sizeof prefix) {
            memcpy(prefix, username, n);
            prefix[n] = '\0';
            struct dj_bureau owner;
            rc = store_bureau_get_by_code(db, prefix, &owner, err);
            if (rc && rc != DJ_ENOTFOUND)
                return rc;
            dj_err_clear(err);
            if (!rc && owner.id != bureau_id)
                return bureau_id ? dj_err_field(err, "username", "本单位的用户名应以 %s. 开头", own.code)
                                 : dj_err_field(err, "username", "上级管理员的用户名不能以单位代码开头");
            if (!rc)
                return 0;
        }
    }
    if (!bureau_id || own.plain_names)
        return 0;
    return dj_err_field(err, "username", "本单位的用户名应以 %s. 开头，例如 %s.zhangsan", own.code, own.code);
}

int bureau_add(struct dj_db *db, const struct dj_actor *actor, const char *name, const char *code,
               bool plain_names, struct dj_bureau *out, struct dj_err *err)
{
    int rc;
    if ((rc = check_name(name, err)))
        return rc;
    if (!code_valid(code))
        return dj_err_field(err, "code", "单位代码应为 2 到 16 位小写字母或数字，以字母开头");
    /* a code whose names are in use (e.g. by plain names with a dot) cannot be taken */
    char prefix[40];
    snprintf(prefix, sizeof prefix, "%s.", code);
    int64_t taken = 0;
    if ((rc = store_users_with_prefix(db, prefix, &taken, err)))
        return rc;
    if (taken)
        return dj_err_field(err, "code", "已有用户名以 %s 开头，请换一个单位代码", prefix);
    struct dj_org o;
    memset(&o, 0, sizeof o);
    snprintf(o.type, sizeof o.type, "单位");
    snprintf(o.name, sizeof o.name, "%s", name);
    if ((rc = store_org_insert(db, &o, err)))
        return rc;
    struct dj_bureau b;
    memset(&b, 0, sizeof b);
    b.id = o.id;
    snprintf(b.code, sizeof b.code, "%s", code);
    snprintf(b.status, sizeof b.status, "active");
    b.plain_names = plain_names;
    /* a new bureau starts with the default lecture themes and modules and index schemes */
    if ((rc = store_bureau_insert(db, &b, err)) || (rc = lecture_labels_seed(db, o.id, err)) ||
        (rc = schemes_seed_defaults(db, actor, o.id, err)) ||
        (rc = conduct_rules_seed(db, actor, o.id, "2020-01-01", err)) || /* 十不准 (core/conduct) */
        (rc = warning_rules_seed(db, o.id, err)) || /* the warnings engine's rules (core/warning_rules) */
        (rc = store_bureau_get(db, o.id, out, err)))
        return rc;
    json_t *after = bureau_json(out);
    json_object_set_new(after, "path", json_string(o.path));
    rc = audit_record(db, actor, "create", "bureau", o.id, o.id, NULL, after, err);
    json_decref(after);
    return rc;
}

/* The first administrator, written inside the caller's transaction. */
static int add_first_admin(struct dj_db *db, const struct dj_actor *actor, const struct dj_bureau *b,
                           const char *password, char *username_out, struct dj_err *err)
{
    struct dj_user u;
    memset(&u, 0, sizeof u);
    snprintf(u.username, sizeof u.username, b->plain_names ? "admin" : "%s.admin", b->code);
    snprintf(u.display_name, sizeof u.display_name, "系统管理员");
    u.bureau_id = b->id;
    u.must_change_password = true;
    static const char *const roles[] = {"sysadmin", "party_admin"};
    u.nroles = 2;
    for (int i = 0; i < 2; i++) {
        snprintf(u.roles[i].role, sizeof u.roles[i].role, "%s", roles[i]);
        u.roles[i].org_id = b->id;
    }
    int rc;
    if ((rc = password_hash(password, u.password_hash, err)) ||
        (rc = store_user_insert(db, &u, &u.id, err)) || (rc = store_user_set_roles(db, &u, err)))
        return rc;
    json_t *after = json_pack("{s:I, s:s, s:s, s:I, s:[s,s]}", "id", (json_int_t)u.id, "username",
                              u.username, "display_name", u.display_name, "bureau_id",
                              (json_int_t)b->id, "roles", roles[0], roles[1]);
    rc = audit_record(db, actor, "create", "user", u.id, b->id, NULL, after, err);
    json_decref(after);
    if (!rc)
        snprintf(username_out, DJ_NAME_MAX, "%s", u.username);
    return rc;
}

int bureaus_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   const char *name, const char *code, const char *admin_password,
                   struct dj_bureau *out, char *admin_username, char *generated,
                   struct dj_err *err)
{
    int rc = require_province(actor, err);
    if (rc)
        return rc;
    char password[DJ_GENERATED_PASSWORD_MAX];
    if (admin_password) {
        char probe[DJ_NAME_MAX];
        snprintf(probe, sizeof probe, "%s.admin", code ? code : "");
        if ((rc = password_check_rules(cfg, probe, admin_password, "admin_password", err)))
            return rc;
        if (strlen(admin_password) >= sizeof password)
            return dj_err_field(err, "admin_password", "密码过长（最多 31 个字符）");
        snprintf(password, sizeof password, "%s", admin_password);
    } else {
        users_generate_password(cfg, password);
    }
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = bureau_add(db, actor, name, code ? code : "", false, out, err)) ||
        (rc = add_first_admin(db, actor, out, password, admin_username, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    if (!rc && !admin_password && generated)
        snprintf(generated, DJ_GENERATED_PASSWORD_MAX, "%s", password);
out:
    sodium_memzero(password, sizeof password);
    return rc;
}

int bureaus_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_bureau *out,
                struct dj_err *err)
{
    if (!bureaus_actor_is_province(actor) && actor->user.bureau_id != id)
        return dj_err_set(err, DJ_ENOTFOUND, "单位不存在");
    return store_bureau_get(db, id, out, err);
}

int bureaus_update(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *name,
                   const char *status, struct dj_bureau *out, struct dj_err *err)
{
    int rc = require_province(actor, err);
    if (rc)
        return rc;
    if (name && (rc = check_name(name, err)))
        return rc;
    if (status && strcmp(status, "active") != 0 && strcmp(status, "suspended") != 0)
        return dj_err_field(err, "status", "状态应为 active（正常）或 suspended（暂停）");
    if ((rc = db_begin_write(db, err)))
        return rc;
    struct dj_bureau before;
    struct dj_org root;
    json_t *jb = NULL, *ja = NULL;
    if ((rc = store_bureau_get(db, id, &before, err)) || (rc = store_org_get(db, id, &root, err)))
        goto fail;
    auth_cache_invalidate();
    if (name) {
        snprintf(root.name, sizeof root.name, "%s", name);
        if ((rc = store_org_update(db, &root, err)))
            goto fail;
    }
    if (status && strcmp(status, before.status) != 0 &&
        ((rc = store_bureau_set_status(db, id, status, err)) ||
         (!strcmp(status, "suspended") && (rc = store_bureau_end_sessions(db, id, err)))))
        goto fail;
    if ((rc = store_bureau_get(db, id, out, err)))
        goto fail;
    jb = bureau_json(&before);
    ja = bureau_json(out);
    if ((rc = audit_record(db, actor, "update", "bureau", id, id, jb, ja, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(jb);
    json_decref(ja);
    auth_cache_invalidate(); /* a suspended bureau's cached sessions end now, on every worker */
    return 0;
fail:
    db_rollback(db);
    json_decref(jb);
    json_decref(ja);
    return rc;
}

int bureaus_list(struct dj_db *db, const struct dj_actor *actor, json_t **out, struct dj_err *err)
{
    struct dj_bureau *items = NULL;
    int count = 0;
    int rc = store_bureau_list(db, &items, &count, err);
    if (rc)
        return rc;
    json_t *arr = json_array();
    bool all = bureaus_actor_is_province(actor);
    for (int i = 0; i < count; i++)
        if (all || items[i].id == actor->user.bureau_id)
            json_array_append_new(arr, bureau_json(&items[i]));
    free(items);
    *out = arr;
    return 0;
}

static json_t *figures_json(const struct dj_bureau_figures *f)
{
    json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "staff",
                          (json_int_t)f->staff, "members", (json_int_t)f->members, "branches",
                          (json_int_t)f->branches, "meetings", (json_int_t)f->meetings,
                          "late_meetings", (json_int_t)f->late_meetings, "lectures",
                          (json_int_t)f->lectures, "expected_attendance", (json_int_t)f->expected,
                          "present", (json_int_t)f->present, "final_evaluations",
                          (json_int_t)f->evaluations, "accounts", (json_int_t)f->accounts);
    /* the rate in hundredths of a percent, exact from the two counts */
    json_object_set_new(j, "attendance_rate",
                        f->expected ? json_real((double)(f->present * 10000 / f->expected) / 100.0)
                                    : json_null());
    return j;
}

int bureaus_rollup(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int year, json_t **out, struct dj_err *err)
{
    int rc = require_province(actor, err);
    if (rc)
        return rc;
    if (year < 2000 || year > 2100)
        return dj_err_field(err, "year", "年份应在 2000 到 2100 之间");
    char first[DJ_DATE_LEN], last[DJ_DATE_LEN];
    snprintf(first, sizeof first, "%04d-01-01", year);
    snprintf(last, sizeof last, "%04d-12-31", year);
    struct dj_bureau *bureaus = NULL;
    struct dj_bureau_figures *figs = NULL;
    int nb = 0, nf = 0;
    if ((rc = db_begin_read(db, err)))
        return rc;
    rc = store_bureau_list(db, &bureaus, &nb, err);
    if (!rc)
        rc = store_bureau_figures(db, first, last, &figs, &nf, err);
    db_rollback(db);
    if (rc) {
        free(bureaus);
        return rc;
    }
    json_t *items = json_array();
    char period[8];
    snprintf(period, sizeof period, "%04d", year);
    /* both lists are ordered by the bureau's id, read in one transaction */
    for (int i = 0; i < nb && i < nf; i++) {
        json_t *j = figures_json(&figs[i]);
        /* the compliance board's totals, read as a plain reader of the bureau's
         * tree would (orgs.read at its root, nothing else): counts only */
        struct dj_actor reader;
        memset(&reader, 0, sizeof reader);
        snprintf(reader.user.username, sizeof reader.user.username, "province");
        reader.user.bureau_id = bureaus[i].id;
        reader.user.nroles = 1;
        snprintf(reader.user.roles[0].role, sizeof reader.user.roles[0].role, "member");
        reader.user.roles[0].org_id = bureaus[i].id;
        snprintf(reader.user.roles[0].org_path, sizeof reader.user.roles[0].org_path, "/%lld/",
                 (long long)bureaus[i].id);
        json_t *board = NULL;
        if ((rc = compliance_board(db, cfg, &reader, period, &board, err))) {
            json_decref(j);
            json_decref(items);
            goto out;
        }
        json_object_set(j, "compliance_required", json_object_get(board, "required"));
        json_object_set(j, "compliance_met", json_object_get(board, "met"));
        json_decref(board);
        json_object_set_new(j, "bureau_id", json_integer(bureaus[i].id));
        json_object_set_new(j, "code", json_string(bureaus[i].code));
        json_object_set_new(j, "name", json_string(bureaus[i].name));
        json_object_set_new(j, "status", json_string(bureaus[i].status));
        json_object_set_new(j, "year", json_integer(year));
        json_array_append_new(items, j);
    }
    *out = items;
out:
    free(bureaus);
    free(figs);
    return rc;
}

int bureaus_province_admin(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                           const char *username, const char *display_name, const char *password,
                           char *generated, struct dj_err *err)
{
    if (!actor_is_system(actor))
        return dj_err_set(err, DJ_EFORBIDDEN, "上级管理员只能在命令行创建");
    struct dj_user_input in;
    memset(&in, 0, sizeof in);
    in.username = username;
    in.display_name = display_name ? display_name : "上级管理员";
    in.password = password;
    in.province = true;
    struct dj_user u;
    return users_create(db, cfg, actor, &in, &u, generated, err);
}

int bureaus_resolve(struct dj_db *db, const char *code, struct dj_bureau *out, struct dj_err *err)
{
    if (code) {
        int rc = store_bureau_get_by_code(db, code, out, err);
        if (rc == DJ_ENOTFOUND)
            return dj_err_set(err, DJ_ENOTFOUND, "没有代码为 %s 的单位（dangjian bureau list 列出全部）", code);
        return rc;
    }
    struct dj_bureau *items = NULL;
    int count = 0;
    int rc = store_bureau_list(db, &items, &count, err);
    if (!rc && count == 1)
        *out = items[0];
    else if (!rc)
        rc = count ? dj_err_set(err, DJ_EINVAL, "本库有 %d 个单位，请用 --bureau 代码 指定", count)
                   : dj_err_set(err, DJ_ENOTFOUND, "数据库里还没有单位：请先运行 dangjian init");
    free(items);
    return rc;
}

int bureau_rules(struct dj_db *db, const struct dj_config *cfg, int64_t bureau_id,
                 struct dj_bureau_rules *out, struct dj_err *err)
{
    out->backfill_days = cfg->backfill_days;
    out->refuse_late = cfg->refuse_late;
    out->warning_days = cfg->warning_days;
    out->term_warning_days = cfg->term_warning_days;
    out->notice_days = BUREAU_NOTICE_DAYS;
    out->branch_min_members = BUREAU_BRANCH_MIN;
    out->branch_max_members = BUREAU_BRANCH_MAX;
    if (!bureau_id)
        return 0;
    struct dj_bureau_settings s;
    int rc = store_bureau_settings_get(db, bureau_id, &s, err);
    if (rc)
        return rc;
    if (s.backfill_days >= 0)
        out->backfill_days = s.backfill_days;
    if (s.refuse_late >= 0)
        out->refuse_late = s.refuse_late != 0;
    if (s.warning_days >= 0)
        out->warning_days = s.warning_days;
    if (s.term_warning_days >= 0)
        out->term_warning_days = s.term_warning_days;
    if (s.notice_days >= 0)
        out->notice_days = s.notice_days;
    if (s.branch_min_members >= 0)
        out->branch_min_members = s.branch_min_members;
    if (s.branch_max_members >= 0)
        out->branch_max_members = s.branch_max_members;
    return 0;
}

int bureau_notice_days(struct dj_db *db, int64_t bureau_id, int *out, struct dj_err *err)
{
    struct dj_bureau_settings s;
    int rc = store_bureau_settings_get(db, bureau_id, &s, err);
    if (!rc)
        *out = s.notice_days >= 0 ? s.notice_days : BUREAU_NOTICE_DAYS;
    return rc;
}

/* service (issue 15): the household contacts each member keeps at least, 0 for no rule */
int bureau_contact_min(struct dj_db *db, int64_t bureau_id, int *out, struct dj_err *err)
{
    struct dj_bureau_settings s;
    int rc = store_bureau_settings_get(db, bureau_id, &s, err);
    if (!rc)
        *out = s.contact_min_households >= 0 ? s.contact_min_households : 0;
    return rc;
}

/* The settings a bureau may set: name, where in the struct, the range, whether boolean. */
static const struct {
    const char *name;
    size_t offset;
    int min, max;
    bool boolean;
} bureau_setting_defs[] = {
    {"backfill_days", offsetof(struct dj_bureau_settings, backfill_days), 0, 3650, false},
    {"refuse_late", offsetof(struct dj_bureau_settings, refuse_late), 0, 1, true},
    {"warning_days", offsetof(struct dj_bureau_settings, warning_days), 0, 366, false},
    {"term_warning_days", offsetof(struct dj_bureau_settings, term_warning_days), 0, 3650, false},
    {"notice_days", offsetof(struct dj_bureau_settings, notice_days), 0, 60, false},
    {"branch_min_members", offsetof(struct dj_bureau_settings, branch_min_members), 1, 50, false},
    {"branch_max_members", offsetof(struct dj_bureau_settings, branch_max_members), 3, 500, false},
    /* service (issue 15): 0, the default, is no rule */
    {"contact_min_households", offsetof(struct dj_bureau_settings, contact_min_households), 0, 20, false},
};
#define NSETTINGS (sizeof bureau_setting_defs / sizeof bureau_setting_defs[0])

static int *setting_slot(struct dj_bureau_settings *s, size_t i)
{
    return (int *)((char *)s + bureau_setting_defs[i].offset);
}

static json_t *settings_json(const struct dj_config *cfg, struct dj_bureau_settings *own)
{
    const int defaults[NSETTINGS] = {cfg->backfill_days,     cfg->refuse_late,   cfg->warning_days,
                                     cfg->term_warning_days, BUREAU_NOTICE_DAYS, BUREAU_BRANCH_MIN,
                                     BUREAU_BRANCH_MAX,      0};
    json_t *j = json_object();
    for (size_t i = 0; i < NSETTINGS; i++) {
        int v = *setting_slot(own, i);
        bool b = bureau_setting_defs[i].boolean;
        json_t *value = b ? json_boolean(v >= 0 ? v : defaults[i]) : json_integer(v >= 0 ? v : defaults[i]);
        json_t *mine = v < 0 ? json_null() : b ? json_boolean(v) : json_integer(v);
        json_t *dflt = b ? json_boolean(defaults[i]) : json_integer(defaults[i]);
        json_object_set_new(j, bureau_setting_defs[i].name,
                            json_pack("{s:o, s:o, s:o}", "value", value, "own", mine, "default", dflt));
    }
    json_object_set_new(j, "updated_at", *own->updated_at ? json_string(own->updated_at) : json_null());
    return j;
}

int bureaus_settings_get(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_bureau b;
    struct dj_bureau_settings s;
    int rc = bureaus_get(db, actor, id, &b, err);
    if (rc || (rc = store_bureau_settings_get(db, id, &s, err)))
        return rc;
    *out = settings_json(cfg, &s);
    return 0;
}

int bureaus_settings_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                            int64_t id, json_t *body, json_t **out, struct dj_err *err)
{
    struct dj_bureau b;
    int rc = bureaus_get(db, actor, id, &b, err);
    if (rc)
        return rc;
    char root[32];
    snprintf(root, sizeof root, "/%lld/", (long long)id);
    if (!bureaus_actor_is_province(actor) && (rc = authz_require(actor, PERM_ORGS_MANAGE, root, err)))
        return rc;
    if ((rc = db_begin_write(db, err)))
        return rc;
    struct dj_bureau_settings before, after;
    if ((rc = store_bureau_settings_get(db, id, &before, err)))
        goto fail;
    after = before;
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        size_t i = 0;
        while (i < NSETTINGS && strcmp(bureau_setting_defs[i].name, key) != 0)
            i++;
        if (i == NSETTINGS) {
            dj_err_field(err, key, "未知的设置");
            continue;
        }
        int *slot = setting_slot(&after, i);
        if (json_is_null(v))
            *slot = -1;
        else if (bureau_setting_defs[i].boolean && json_is_boolean(v))
            *slot = json_is_true(v);
        else if (!bureau_setting_defs[i].boolean && json_is_integer(v) &&
                 json_integer_value(v) >= bureau_setting_defs[i].min &&
                 json_integer_value(v) <= bureau_setting_defs[i].max)
            *slot = (int)json_integer_value(v);
        else if (bureau_setting_defs[i].boolean)
            dj_err_field(err, key, "应为 true、false 或 null（采用全局设置）");
        else
            dj_err_field(err, key, "应为 %d 到 %d 的整数，或 null（采用全局设置）",
                         bureau_setting_defs[i].min, bureau_setting_defs[i].max);
    }
    {
        int lo = after.branch_min_members >= 0 ? after.branch_min_members : BUREAU_BRANCH_MIN;
        int hi = after.branch_max_members >= 0 ? after.branch_max_members : BUREAU_BRANCH_MAX;
        if (lo > hi)
            dj_err_field(err, "branch_min_members", "党支部人数下限不能大于上限（%d）", hi);
    }
    if (err && err->code == DJ_EINVAL) {
        rc = DJ_EINVAL;
        goto fail;
    }
    json_t *jb = settings_json(cfg, &before);
    if ((rc = store_bureau_settings_put(db, id, &after, err)) ||
        (rc = store_bureau_settings_get(db, id, &after, err))) {
        json_decref(jb);
        goto fail;
    }
    json_t *ja = settings_json(cfg, &after);
    rc = audit_record(db, actor, "update", "bureau_settings", id, id, jb, ja, err);
    json_decref(jb);
    if (rc || (rc = db_commit(db, err))) {
        json_decref(ja);
        goto fail;
    }
    *out = ja;
    return 0;
fail:
    db_rollback(db);
    return rc;
}
