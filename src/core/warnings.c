#include "core/warnings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/warning_rules.h"
#include "core/warnings_engine.h"
#include "store/orgs.h"
#include "store/users.h"
#include "store/warnings.h"
#include "util/clock.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static json_t *opt_int(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

static json_t *warning_json(const struct dj_warning *w)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:I, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:b, s:s,"
                     " s:s, s:s, s:o, s:s}",
                     "id", (json_int_t)w->id, "rule_id", (json_int_t)w->rule_id, "rule_name", w->rule_name,
                     "code", w->code, "object_type", w->object_type, "object_id", (json_int_t)w->object_id,
                     "org_id", (json_int_t)w->org_id, "org_name", w->org_name, "person_id",
                     opt_int(w->person_id), "person_name", w->person_id ? json_string(w->person_name) : json_null(),
                     "due", w->due_on, "severity", w->severity, "message", w->message, "link", w->link, "state",
                     w->state, "active", w->active, "first_seen", w->first_seen, "last_seen", w->last_seen,
                     "state_at", w->state_at, "state_by", w->state_by ? json_string(w->state_by_name) : json_null(),
                     "reason", w->reason);
}

static bool state_matches(const char *filter, const struct dj_warning *w)
{
    if (!filter || !strcmp(filter, "all"))
        return true;
    if (!strcmp(filter, "live"))
        return !strcmp(w->state, "open") || !strcmp(w->state, "acknowledged");
    return !strcmp(filter, w->state);
}

int warnings_list(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const struct warnings_filter *f, json_t **items, int64_t *total, struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    if (bureau <= 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    char scope[200] = "";
    if (f->org_id) {
        struct dj_org o;
        struct dj_err quiet;
        dj_err_clear(&quiet);
        if (store_org_get(db, f->org_id, &o, &quiet) || authz_foreign(actor, o.path))
            return dj_err_field(err, "org_id", "组织不存在");
        COPY(scope, o.path);
    }
    struct warnings_refresh_stats st;
    int rc = warnings_refresh(db, cfg, bureau, WARNINGS_STALE_SECONDS, &st, err);
    if (rc)
        return rc;
    struct dj_warning *w = NULL;
    int n = 0;
    bool active_only = f->state && !strcmp(f->state, "open");
    if ((rc = store_warnings_list(db, bureau, active_only, &w, &n, err)))
        return rc;
    *items = json_array();
    *total = 0;
    for (int i = n - 1; i >= 0; i--) { /* newest first */
        if (!state_matches(f->state, &w[i]) || (f->code && strcmp(f->code, w[i].code)) ||
            (f->severity && strcmp(f->severity, w[i].severity)) || (f->person_id && f->person_id != w[i].person_id) ||
            (*scope && strncmp(w[i].org_path, scope, strlen(scope))) ||
            !warning_visible(actor, w[i].recipients, w[i].org_path, w[i].person_id))
            continue;
        if (*total >= f->offset && *total < (int64_t)f->offset + f->limit)
            json_array_append_new(*items, warning_json(&w[i]));
        (*total)++;
    }
    free(w);
    return 0;
}

/* The warning, if the actor receives it (another bureau's or one not theirs: not found). */
static int load_visible(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_warning *w,
                        struct dj_err *err)
{
    int rc = store_warning_get(db, id, w, err);
    if (rc)
        return rc;
    if (authz_foreign(actor, w->org_path) || !warning_visible(actor, w->recipients, w->org_path, w->person_id))
        return dj_err_set(err, DJ_ENOTFOUND, "预警不存在");
    return 0;
}

static int with_history(struct dj_db *db, const struct dj_warning *w, json_t **out, struct dj_err *err)
{
    struct dj_warning_event *e = NULL;
    int n = 0;
    int rc = store_warning_history(db, w->id, &e, &n, err);
    if (rc)
        return rc;
    json_t *h = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(h, json_pack("{s:s, s:s, s:o, s:s}", "at", e[i].at, "action", e[i].action, "by",
                                           e[i].user_id ? json_string(e[i].username) : json_null(), "note",
                                           e[i].note));
    free(e);
    *out = warning_json(w);
    json_object_set_new(*out, "history", h);
    return 0;
}

int warnings_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out, struct dj_err *err)
{
    struct dj_warning w;
    int rc = load_visible(db, actor, id, &w, err);
    return rc ? rc : with_history(db, &w, out, err);
}

static int change_state(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *state,
                        const char *action, const char *note, json_t **out, struct dj_err *err)
{
    struct dj_warning w;
    int rc = load_visible(db, actor, id, &w, err);
    if (rc)
        return rc;
    if (!strcmp(state, "dismissed") && !warning_may_dismiss(actor, w.recipients, w.org_path))
        return dj_err_set(err, DJ_EFORBIDDEN, "只有负责的组织可以撤销预警");
    if (!w.active || (strcmp(w.state, "open") && !(strcmp(w.state, "acknowledged") == 0 && !strcmp(state, "dismissed"))))
        return dj_err_set(err, DJ_ECONFLICT, "此预警已%s", !strcmp(w.state, "resolved") ? "自动解除"
                                                          : !strcmp(w.state, "dismissed") ? "撤销"
                                                                                          : "确认");
    json_t *before = warning_json(&w);
    COPY(w.state, state);
    dj_now_rfc3339(w.state_at);
    w.state_by = actor->user.id;
    COPY(w.reason, note ? note : "");
    json_t *after = warning_json(&w);
    if (!(rc = db_begin_write(db, err))) {
        if ((rc = store_warning_set_state(db, &w, err)) ||
            (rc = store_warning_history_add(db, w.id, w.state_at, actor->user.id, state, note, err)) ||
            (rc = audit_record(db, actor, action, "warning", w.id, w.org_id, before, after, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(before);
    json_decref(after);
    if (rc || (rc = store_warning_get(db, id, &w, err)))
        return rc;
    return with_history(db, &w, out, err);
}

int warnings_acknowledge(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *note,
                         json_t **out, struct dj_err *err)
{
    if (note && dj_utf8_length(note) > 500)
        return dj_err_field(err, "note", "不超过 500 字");
    return change_state(db, actor, id, "acknowledged", "acknowledge", note, out, err);
}

/* Removes ASCII white space around s in place. */
static void trim(char *s)
{
    size_t start = strspn(s, " \t\r\n"), n = strlen(s);
    while (n > start && strchr(" \t\r\n", s[n - 1]))
        n--;
    memmove(s, s + start, n - start);
    s[n - start] = '\0';
}

int warnings_dismiss(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                     json_t **out, struct dj_err *err)
{
    char trimmed[520];
    dj_copy(trimmed, sizeof trimmed, reason ? reason : "");
    trim(trimmed);
    if (!*trimmed)
        return dj_err_field(err, "reason", "请说明撤销预警的理由");
    if (dj_utf8_length(trimmed) > 500)
        return dj_err_field(err, "reason", "不超过 500 字");
    return change_state(db, actor, id, "dismissed", "dismiss", trimmed, out, err);
}

int warnings_refresh_now(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                         json_t **out, struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    char root[32];
    snprintf(root, sizeof root, "/%lld/", (long long)bureau);
    if (bureau <= 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "您不属于任何单位");
    int rc = authz_require(actor, PERM_ORGS_MANAGE, root, err);
    if (rc)
        return rc;
    struct warnings_refresh_stats st;
    if ((rc = warnings_refresh(db, cfg, bureau, -1, &st, err)))
        return rc;
    *out = json_pack("{s:i, s:i, s:i}", "opened", st.opened, "resolved", st.resolved, "still_open", st.seen);
    return 0;
}

int warnings_for_person(struct dj_db *db, const struct dj_actor *actor, json_t **out, struct dj_err *err)
{
    int64_t bureau = actor->user.bureau_id;
    struct dj_warning *w = NULL;
    struct dj_inbox_item *it = NULL;
    int n = 0, nit = 0;
    int64_t total = 0, unread = 0;
    int rc = bureau > 0 ? store_warnings_list(db, bureau, true, &w, &n, err) : 0;
    if (!rc && actor->user.id > 0)
        rc = store_inbox_list(db, actor->user.id, true, 500, 0, &it, &nit, &total, err);
    if (!rc && actor->user.id > 0)
        rc = store_inbox_unread(db, actor->user.id, &unread, err);
    if (rc) {
        free(w);
        free(it);
        return rc;
    }
    json_t *warnings = json_array(), *inbox = json_array();
    for (int i = 0; i < n; i++)
        if (!strcmp(w[i].state, "open") && warning_visible(actor, w[i].recipients, w[i].org_path, w[i].person_id))
            json_array_append_new(warnings, warning_json(&w[i]));
    for (int i = 0; i < nit; i++)
        json_array_append_new(inbox, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)it[i].id, "kind",
                                               it[i].kind, "title", it[i].title, "body", it[i].body, "link",
                                               it[i].link, "created_at", it[i].created_at));
    free(w);
    free(it);
    *out = json_pack("{s:o, s:o, s:I}", "warnings", warnings, "inbox", inbox, "unread", (json_int_t)unread);
    return 0;
}

int warnings_actor_for_user(struct dj_db *db, int64_t user_id, struct dj_actor *actor, struct dj_err *err)
{
    memset(actor, 0, sizeof *actor);
    int rc = store_user_get(db, user_id, &actor->user, err);
    if (rc)
        return rc;
    actor->person_id = actor->user.person_id;
    return 0;
}
