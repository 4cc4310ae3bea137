#include "core/notify_outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/notify_channels.h"
#include "core/notify_settings.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/log.h"
#include "util/text.h"

#define BACKOFF_MAX_SECONDS (6 * 3600)

json_t *notify_outbox_json(const struct dj_outbox *o)
{
    return json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s?, s:s, s:s, s:s}",
                     "id", (json_int_t)o->id, "person_id",
                     o->person_id ? json_integer(o->person_id) : json_null(), "person",
                     o->person_name, "kind", o->kind, "day", o->day, "channel", o->channel,
                     "recipient", o->recipient, "subject", o->subject, "status", o->status,
                     "attempts", o->attempts, "sent_at", *o->sent_at ? o->sent_at : NULL,
                     "last_error", o->last_error, "created_at", o->created_at, "body", o->body);
}

static int64_t backoff(int64_t retry_seconds, int attempts)
{
    int64_t d = retry_seconds;
    for (int i = 1; i < attempts && d < BACKOFF_MAX_SECONDS; i++)
        d *= 2;
    return d < BACKOFF_MAX_SECONDS ? d : BACKOFF_MAX_SECONDS;
}

/* Claims one due message (its own transaction); *found false when none. */
static int claim(struct dj_db *db, const struct dj_config *cfg, const char *holder, int64_t only_id,
                 struct dj_outbox *o, bool *found, struct dj_err *err)
{
    int64_t now = dj_now_unix();
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    if ((rc = store_outbox_claim(db, now, now - cfg->notify_lease_seconds, holder, only_id, o,
                                 found, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        if (*found)
            store_outbox_clear(o);
        *found = false;
    }
    return rc;
}

/* Sends the claimed o and marks it; returns 0 unless the database failed. */
static int deliver_one(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                       struct dj_outbox *o, bool retry, bool *sent, struct dj_err *err)
{
    json_t *config = NULL, *secrets = NULL;
    struct dj_err serr;
    dj_err_clear(&serr);
    *sent = false;
    int rc = notify_settings_load(db, key, o->bureau_id, &config, &secrets, &serr);
    if (!rc)
        rc = notify_send(config, secrets, cfg->notify_ca_file, o, &serr);
    *sent = rc == 0;
    int64_t now = dj_now_unix();
    const char *status = "sent";
    int64_t next_at = now;
    if (rc) {
        int max = (int)json_integer_value(json_object_get(config, "max_attempts"));
        int64_t retry_s = json_integer_value(json_object_get(config, "retry_seconds"));
        bool may_pass = rc == DJ_EIO || rc == DJ_EUNAVAILABLE || rc == DJ_EDB;
        if (retry && may_pass && o->attempts < (max > 0 ? max : 5)) {
            status = "queued";
            next_at = now + backoff(retry_s > 0 ? retry_s : 60, o->attempts);
        } else {
            status = "failed";
        }
        log_info("notify: message %lld on %s: attempt %d %s: %s", (long long)o->id, o->channel,
                 o->attempts, status, serr.message);
    }
    json_decref(config);
    json_decref(secrets);
    if ((rc = db_begin_write(db, err)))
        return rc;
    if ((rc = store_outbox_finish(db, o->id, status, next_at, *sent ? "" : serr.message, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}

int notify_deliver_due(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                       const char *holder, int64_t only_id, int max_ms, int *sent, bool *more,
                       struct dj_err *err)
{
    *sent = 0;
    if (more)
        *more = false;
    int64_t until = dj_monotonic_us() + (int64_t)max_ms * 1000;
    int rc = 0;
    for (;;) {
        if (dj_monotonic_us() >= until) {
            if (more)
                *more = true;
            break;
        }
        struct dj_outbox o;
        bool found, ok;
        if ((rc = claim(db, cfg, holder, only_id, &o, &found, err)) || !found)
            break;
        rc = deliver_one(db, cfg, key, &o, true, &ok, err);
        store_outbox_clear(&o);
        *sent += ok;
        if (rc || only_id)
            break;
    }
    return rc;
}

static int may_read_log(const struct dj_actor *actor, struct dj_err *err)
{
    return notify_may_manage(actor, err);
}

int notify_deliveries_list(struct dj_db *db, const struct dj_actor *actor,
                           struct dj_outbox_filter *f, json_t **items, int64_t *total,
                           struct dj_err *err)
{
    int rc = may_read_log(actor, err);
    if (rc)
        return rc;
    f->bureau_id = actor->user.bureau_id;
    struct dj_outbox *rows = NULL;
    int n = 0;
    if ((rc = store_outbox_list(db, f, &rows, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n && *items; i++)
        if (json_array_append_new(*items, notify_outbox_json(&rows[i])))
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    store_outbox_free(rows, n);
    if (!*items)
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    return rc;
}

int notify_delivery_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                        struct dj_err *err)
{
    struct dj_outbox o;
    int rc = store_outbox_get(db, id, &o, err);
    if (rc)
        return rc;
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)o.bureau_id);
    if (authz_foreign(actor, bp))
        rc = dj_err_set(err, DJ_ENOTFOUND, "发送记录不存在");
    else if (!(rc = may_read_log(actor, err)))
        *out = notify_outbox_json(&o);
    store_outbox_clear(&o);
    return rc;
}

int notify_test_send(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                     const struct dj_actor *actor, const char *channel, const char *to,
                     json_t **out, struct dj_err *err)
{
    int rc = notify_may_manage(actor, err);
    if (rc)
        return rc;
    if (!channel || !notify_channel_valid(channel))
        return dj_err_field(err, "channel", "应为 email、sms、wecom 或 dingtalk");
    struct dj_outbox o;
    memset(&o, 0, sizeof o);
    o.bureau_id = actor->user.bureau_id;
    bool robot = !strcmp(channel, "wecom") || !strcmp(channel, "dingtalk");
    if (!robot && (!to || !*to) && actor->person_id) {
        struct dj_notify_pref p;
        if ((rc = store_notify_pref_get(db, actor->person_id, &p, err)))
            return rc;
        dj_copy(o.recipient, sizeof o.recipient, !strcmp(channel, "email") ? p.email : p.phone);
    } else if (!robot && to) {
        if (strlen(to) >= sizeof o.recipient || strpbrk(to, " <>\r\n"))
            return dj_err_field(err, "to", "收件地址不正确");
        dj_copy(o.recipient, sizeof o.recipient, to);
    }
    if (!robot && !*o.recipient)
        return dj_err_field(err, "to", "请填写测试消息的收件邮箱或手机号");
    char today[DJ_DATE_LEN], token[24];
    dj_date_today(cfg->timezone, today);
    secret_random_token(token, sizeof token, 12);
    snprintf(o.dedupe_key, sizeof o.dedupe_key, "%lld/test/%s", (long long)o.bureau_id, token);
    dj_copy(o.kind, sizeof o.kind, "test");
    dj_copy(o.day, sizeof o.day, today);
    dj_copy(o.channel, sizeof o.channel, channel);
    o.subject = "党建系统测试消息";
    o.body = "这是一条测试消息：消息通知渠道设置正确。";
    o.next_at = dj_now_unix();
    bool queued;
    json_t *after = json_pack("{s:s, s:s}", "channel", channel, "recipient", o.recipient);
    if (!after)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!(rc = db_begin_write(db, err))) {
        if ((rc = store_outbox_insert(db, &o, &queued, err)) ||
            (rc = audit_record(db, actor, "test_send", "notify_settings", o.bureau_id, o.bureau_id,
                               NULL, after, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(after);
    if (rc)
        return rc;
    struct dj_outbox c;
    bool found = false, ok;
    char holder[64];
    snprintf(holder, sizeof holder, "test:user:%lld", (long long)actor->user.id);
    if ((rc = claim(db, cfg, holder, o.id, &c, &found, err)))
        return rc;
    if (found) {
        rc = deliver_one(db, cfg, key, &c, false, &ok, err);
        store_outbox_clear(&c);
    }
    return rc ? rc : notify_delivery_get(db, actor, o.id, out, err);
}
