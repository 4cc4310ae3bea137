#include "core/inbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/orgs.h"
#include "store/people.h"
#include "store/users.h"
#include "store/warnings.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static json_t *item_json(const struct dj_inbox_item *it)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:b, s:o}", "id", (json_int_t)it->id, "kind",
                     it->kind, "title", it->title, "body", it->body, "link", it->link, "warning_id",
                     it->warning_id ? json_integer(it->warning_id) : json_null(), "announcement_id",
                     it->announcement_id ? json_integer(it->announcement_id) : json_null(), "warning_state",
                     *it->warning_state ? json_string(it->warning_state) : json_null(), "created_at",
                     it->created_at, "read", *it->read_at != '\0', "read_at",
                     *it->read_at ? json_string(it->read_at) : json_null());
}

static int need_account(const struct dj_actor *actor, struct dj_err *err)
{
    return actor->user.id > 0 ? 0 : dj_err_set(err, DJ_EFORBIDDEN, "只有登录的账号有消息");
}

int inbox_list(struct dj_db *db, const struct dj_actor *actor, bool unread_only, int limit, int offset,
               json_t **items, int64_t *total, struct dj_err *err)
{
    int rc = need_account(actor, err);
    struct dj_inbox_item *it = NULL;
    int n = 0;
    if (rc || (rc = store_inbox_list(db, actor->user.id, unread_only, limit, offset, &it, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, item_json(&it[i]));
    free(it);
    return 0;
}

int inbox_unread(struct dj_db *db, const struct dj_actor *actor, int64_t *count, struct dj_err *err)
{
    int rc = need_account(actor, err);
    return rc ? rc : store_inbox_unread(db, actor->user.id, count, err);
}

int inbox_mark(struct dj_db *db, const struct dj_actor *actor, int64_t id, bool read, json_t **out,
               struct dj_err *err)
{
    struct dj_inbox_item it;
    int rc = need_account(actor, err);
    if (rc || (rc = store_inbox_get(db, id, &it, err)))
        return rc;
    if (it.user_id != actor->user.id)
        return dj_err_set(err, DJ_ENOTFOUND, "消息不存在");
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    if (!(rc = db_begin_write(db, err))) {
        if ((rc = store_inbox_mark(db, id, read ? now : NULL, err)) || (rc = db_commit(db, err)))
            db_rollback(db);
    }
    if (rc || (rc = store_inbox_get(db, id, &it, err)))
        return rc;
    *out = item_json(&it);
    return 0;
}

int inbox_mark_all(struct dj_db *db, const struct dj_actor *actor, int64_t *changed, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    int rc = need_account(actor, err);
    if (rc || (rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_inbox_mark_all(db, actor->user.id, now, changed, err)) || (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}

static json_t *announcement_json(const struct dj_announcement *a)
{
    return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:i, s:s, s:s}", "id", (json_int_t)a->id, "org_id",
                     (json_int_t)a->org_id, "org_name", a->org_name, "role", *a->role ? json_string(a->role) : json_null(),
                     "title", a->title, "body", a->body, "recipients", a->recipients, "created_by",
                     a->created_by_name, "created_at", a->created_at);
}

/* True when the account receives an announcement to path (and role). */
static int receives(struct dj_db *db, const struct dj_user *u, const char *path, bool root, const char *role,
                    const char *today, bool *yes, struct dj_err *err)
{
    *yes = false;
    if (u->disabled)
        return 0;
    for (int g = 0; g < u->nroles && !*yes; g++)
        *yes = (!role || !strcmp(u->roles[g].role, role)) && !strncmp(u->roles[g].org_path, path, strlen(path));
    if (*yes || role)
        return 0;
    if (root) {
        *yes = true;
        return 0;
    }
    return u->person_id ? store_person_member_within(db, u->person_id, path, today, yes, err) : 0;
}

int announcements_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         const struct announcement_input *in, json_t **out, struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    if (bureau <= 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    struct dj_org o;
    int rc = store_org_get(db, in->org_id ? in->org_id : bureau, &o, err);
    if (rc == DJ_ENOTFOUND || (!rc && authz_foreign(actor, o.path)))
        return dj_err_field(err, "org_id", "组织不存在");
    if (rc)
        return rc;
    const char *role = in->role && *in->role ? in->role : NULL;
    if (role && !authz_role_valid(role))
        dj_err_field(err, "role", "角色不存在");
    if (!in->title || !*in->title || dj_utf8_length(in->title) > 60)
        dj_err_field(err, "title", "请填写标题（不超过 60 字）");
    if (in->body && dj_utf8_length(in->body) > 1000)
        dj_err_field(err, "body", "不超过 1000 字");
    if (err->code)
        return err->code;
    if ((rc = authz_require(actor, PERM_MEETINGS_WRITE, o.path, err)))
        return rc;
    struct dj_announcement a;
    memset(&a, 0, sizeof a);
    a.bureau_id = bureau;
    a.org_id = o.id;
    COPY(a.org_name, o.name);
    COPY(a.role, role ? role : "");
    COPY(a.title, in->title);
    COPY(a.body, in->body ? in->body : "");
    a.created_by = actor->user.id;
    COPY(a.created_by_name, actor->user.display_name);
    dj_now_rfc3339(a.created_at);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    struct dj_user_list users = {0};
    if ((rc = store_user_list(db, NULL, bureau, NULL, true, 1, 0, &users, err)))
        return rc;
    int64_t nusers = users.total;
    store_user_list_free(&users);
    if ((rc = store_user_list(db, NULL, bureau, NULL, true, (int)(nusers ? nusers : 1), 0, &users, err)))
        return rc;
    if ((rc = db_begin_write(db, err))) {
        store_user_list_free(&users);
        return rc;
    }
    if ((rc = store_announcement_insert(db, &a, err)))
        goto fail;
    bool root = authz_path_is_root(o.path);
    for (int u = 0; u < users.count; u++) {
        bool yes;
        if ((rc = receives(db, &users.items[u], o.path, root, role, today, &yes, err)))
            goto fail;
        if (!yes)
            continue;
        struct dj_inbox_item it;
        memset(&it, 0, sizeof it);
        it.bureau_id = bureau;
        it.user_id = users.items[u].id;
        COPY(it.kind, "announcement");
        COPY(it.title, a.title);
        COPY(it.body, a.body);
        COPY(it.link, "/inbox");
        it.announcement_id = a.id;
        COPY(it.created_at, a.created_at);
        if ((rc = store_inbox_insert(db, &it, err)))
            goto fail;
        a.recipients++;
    }
    if ((rc = store_announcement_set_recipients(db, a.id, a.recipients, err)))
        goto fail;
    *out = announcement_json(&a);
    if ((rc = audit_record(db, actor, "announce", "announcement", a.id, o.id, NULL, *out, err)) ||
        (rc = db_commit(db, err))) {
        json_decref(*out);
        *out = NULL;
        goto fail;
    }
    store_user_list_free(&users);
    return 0;
fail:
    db_rollback(db);
    store_user_list_free(&users);
    return rc;
}

int announcements_list(struct dj_db *db, const struct dj_actor *actor, int limit, int offset, json_t **items,
                       int64_t *total, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_MEETINGS_WRITE);
    if (!scope || actor->user.bureau_id <= 0 || !authz_in_bureau(actor, scope))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看通知列表");
    struct dj_announcement *a = NULL;
    int n = 0;
    int rc = store_announcements_list(db, actor->user.bureau_id, authz_path_is_root(scope) ? NULL : scope, limit,
                                      offset, &a, &n, total, err);
    if (rc)
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, announcement_json(&a[i]));
    free(a);
    return 0;
}
