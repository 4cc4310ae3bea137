#include "core/notify_daily.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/mottos.h"
#include "core/warnings.h"
#include "store/people.h"
#include "core/notify_outbox.h"
#include "core/notify_settings.h"
#include "store/jobs.h"
#include "store/meetings.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/text.h"

#define UPCOMING_DAYS 7
#define UPCOMING_MAX 5
#define WARNINGS_MAX 5

void daily_reminder_motto(struct dj_db *db, int64_t bureau_id, const char *day, char *out,
                          size_t size)
{
    if (size)
        out[0] = '\0';
    json_t *m = NULL;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    /* no motto approved yet, or none to be read: the reminder goes without one */
    if (motto_of_day(db, bureau_id, day, &m, &lookup) || !m)
        return;
    const char *text = json_string_value(json_object_get(m, "text"));
    const char *who = json_string_value(json_object_get(m, "person_name"));
    if (text && *text)
        snprintf(out, size, "今日格言：%s%s%s", text, who && *who ? "——" : "", who ? who : "");
    json_decref(m);
}

/* The person's open warnings (at most WARNINGS_MAX lines) and unread
 * messages, from core/warnings, for a person with an account. */
static int add_warnings(struct dj_db *db, int64_t person_id, struct dj_buf *b, int *bad,
                        struct dj_err *err)
{
    struct dj_person p;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (store_person_get(db, person_id, &p, &lookup) || !p.user_id)
        return 0;
    struct dj_actor a;
    json_t *w = NULL;
    int rc = warnings_actor_for_user(db, p.user_id, &a, err);
    if (!rc)
        rc = warnings_for_person(db, &a, &w, err);
    if (rc)
        return rc;
    json_t *list = json_object_get(w, "warnings");
    size_t n = json_array_size(list);
    for (size_t i = 0; i < n && i < WARNINGS_MAX; i++) {
        if (!i)
            *bad |= dj_buf_puts(b, "\n待办预警：");
        *bad |= dj_buf_printf(b, "\n· %s", json_string_value(json_object_get(json_array_get(list, i), "message")));
    }
    if (n > WARNINGS_MAX)
        *bad |= dj_buf_printf(b, "\n……共 %zu 条预警", n);
    json_int_t unread = json_integer_value(json_object_get(w, "unread"));
    if (unread > 0)
        *bad |= dj_buf_printf(b, "\n未读消息 %lld 条，请登录系统查看。", (long long)unread);
    json_decref(w);
    return 0;
}

int daily_reminder_compose(struct dj_db *db, int64_t bureau_id, const struct dj_notify_pref *person,
                           const char *day, char **subject, char **body, struct dj_err *err)
{
    *subject = *body = NULL;
    struct dj_meeting_list l;
    memset(&l, 0, sizeof l);
    int rc = store_meeting_upcoming(db, person->person_id, bureau_id, day, UPCOMING_MAX, &l, err);
    if (rc)
        return rc;
    char until[DJ_DATE_LEN], motto[400];
    dj_date_add_days(day, UPCOMING_DAYS, until);
    daily_reminder_motto(db, bureau_id, day, motto, sizeof motto);
    struct dj_buf b = DJ_BUF_INIT;
    int bad = dj_buf_printf(&b, "【每日一提醒】%s同志，今天是%s。", person->name, day);
    if (*motto)
        bad |= dj_buf_printf(&b, "\n%s", motto);
    int due = 0;
    for (int i = 0; i < l.count; i++) {
        const struct dj_meeting *m = &l.items[i];
        if (strcmp(m->held_on, until) > 0)
            continue;
        if (!due++)
            bad |= dj_buf_puts(&b, "\n近期待参加：");
        bad |= dj_buf_printf(&b, "\n· %s%s%s %s %s%s%s", m->held_on, *m->starts_at ? " " : "",
                             m->starts_at, m->org_name, *m->topic ? m->topic : m->kind_name,
                             *m->place ? "，地点：" : "", m->place);
    }
    if (!due)
        bad |= dj_buf_puts(&b, "\n近7天没有待参加的组织生活。");
    store_meeting_list_free(&l);
    if ((rc = add_warnings(db, person->person_id, &b, &bad, err))) {
        dj_buf_free(&b);
        return rc;
    }
    char subj[64];
    snprintf(subj, sizeof subj, "每日一提醒 %s", day);
    *subject = dj_strdup(subj);
    *body = bad ? NULL : dj_buf_take(&b);
    dj_buf_free(&b);
    if (!*subject || !*body) {
        free(*subject);
        free(*body);
        *subject = *body = NULL;
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    return 0;
}

static bool list_has(json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) if (json_is_string(v) && !strcmp(json_string_value(v), s)) return true;
    return false;
}

/* The member's channel for daily_reminder and its address, or false. */
static bool pick_channel(json_t *config, const struct dj_notify_pref *p, char *channel,
                         size_t csize, char *to, size_t tsize)
{
    json_t *route = json_object_get(json_object_get(config, "routes"), "daily_reminder");
    char mine[sizeof p->channels];
    snprintf(mine, sizeof mine, "%s", *p->channels ? p->channels : "sms,email");
    for (char *save = NULL, *c = strtok_r(mine, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
        const char *addr = !strcmp(c, "email") ? p->email : !strcmp(c, "sms") ? p->phone : "";
        if (!*addr || !list_has(route, c) ||
            !json_is_true(json_object_get(json_object_get(config, c), "enabled")))
            continue;
        dj_copy(channel, csize, c);
        dj_copy(to, tsize, addr);
        return true;
    }
    return false;
}

/* Seconds from now until the end of the member's quiet hours (0 outside). */
static int64_t quiet_delay(const struct dj_notify_pref *p, int minute_now)
{
    if (!notify_in_quiet(p->quiet_from, p->quiet_to, minute_now))
        return 0;
    int end = notify_minutes(p->quiet_to);
    return (int64_t)((end - minute_now + 1440) % 1440) * 60;
}

static int queue_members(struct dj_db *db, json_t *config, int64_t bureau_id, const char *day,
                         int64_t now, int minute_now, struct daily_result *out, struct dj_err *err)
{
    struct dj_notify_pref *people = NULL;
    int n = 0;
    int rc = store_notify_members(db, bureau_id, &people, &n, err);
    for (int i = 0; i < n && !rc; i++) {
        struct dj_outbox o;
        memset(&o, 0, sizeof o);
        if (!pick_channel(config, &people[i], o.channel, sizeof o.channel, o.recipient,
                          sizeof o.recipient)) {
            out->skipped++;
            continue;
        }
        o.bureau_id = bureau_id;
        o.person_id = people[i].person_id;
        snprintf(o.dedupe_key, sizeof o.dedupe_key, "%lld/%lld/daily_reminder/%s",
                 (long long)bureau_id, (long long)o.person_id, day);
        dj_copy(o.kind, sizeof o.kind, "daily_reminder");
        dj_copy(o.day, sizeof o.day, day);
        o.next_at = now + quiet_delay(&people[i], minute_now);
        bool queued;
        if (!(rc = daily_reminder_compose(db, bureau_id, &people[i], day, &o.subject, &o.body, err)))
            rc = store_outbox_insert(db, &o, &queued, err);
        out->queued += !rc && queued;
        free(o.subject);
        free(o.body);
    }
    free(people);
    /* one digest per group robot the bureau routes the reminder to */
    for (int r = 0; !rc && r < 2; r++) {
        const char *ch = r ? "dingtalk" : "wecom";
        json_t *route = json_object_get(json_object_get(config, "routes"), "daily_reminder");
        if (!list_has(route, ch) || !json_is_true(json_object_get(json_object_get(config, ch), "enabled")))
            continue;
        struct dj_outbox o;
        memset(&o, 0, sizeof o);
        o.bureau_id = bureau_id;
        snprintf(o.dedupe_key, sizeof o.dedupe_key, "%lld/group:%s/daily_reminder/%s",
                 (long long)bureau_id, ch, day);
        dj_copy(o.kind, sizeof o.kind, "daily_reminder");
        dj_copy(o.day, sizeof o.day, day);
        dj_copy(o.channel, sizeof o.channel, ch);
        char subj[64], text[200];
        snprintf(subj, sizeof subj, "每日一提醒 %s", day);
        snprintf(text, sizeof text, "【每日一提醒】%s：今日提醒已发给 %d 名党员。", day, out->queued);
        o.subject = subj;
        o.body = text;
        o.next_at = now;
        bool queued;
        rc = store_outbox_insert(db, &o, &queued, err);
        out->queued += !rc && queued;
    }
    return rc;
}

int notify_daily_run(struct dj_db *db, const struct dj_secret *key, int64_t bureau_id,
                     const char *day, const char *holder, bool force,
                     struct daily_result *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    json_t *config;
    int rc = notify_settings_load(db, key, bureau_id, &config, NULL, err);
    if (rc)
        return rc;
    const char *tz = json_string_value(json_object_get(config, "timezone"));
    int offset = dj_tz_offset(tz);
    int64_t now = dj_now_unix();
    int minute_now = (int)(((now + offset) % 86400 + 86400) % 86400 / 60);
    if (day)
        dj_copy(out->day, sizeof out->day, day);
    else
        dj_date_today(tz, out->day);
    bool due = force || (json_is_true(json_object_get(config, "daily_enabled")) &&
                         minute_now >= notify_minutes(json_string_value(
                                           json_object_get(config, "daily_time"))));
    if (!due || dj_date_days(out->day) < 0) {
        json_decref(config);
        return 0;
    }
    char name[64];
    snprintf(name, sizeof name, "daily_reminder:%lld", (long long)bureau_id);
    int64_t period = dj_date_days(out->day) * 86400 - offset;
    bool claimed = false;
    if (!(rc = db_begin_write(db, err))) {
        if (!(rc = store_job_claim(db, name, period, holder, &claimed, err)) && claimed)
            rc = queue_members(db, config, bureau_id, out->day, now, minute_now, out, err);
        if (rc || !claimed || (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(config);
    out->ran = !rc && claimed;
    if (out->ran)
        log_info("daily reminder of bureau %lld for %s: %d queued, %d unreachable",
                 (long long)bureau_id, out->day, out->queued, out->skipped);
    return rc;
}

int notify_tick(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                const char *holder, int max_ms, bool *more, struct dj_err *err)
{
    *more = false;
    int64_t *ids = NULL;
    int n = 0;
    int rc = store_notify_bureaus(db, &ids, &n, err);
    for (int i = 0; i < n && !rc; i++) {
        struct daily_result r;
        rc = notify_daily_run(db, key, ids[i], NULL, holder, false, &r, err);
    }
    free(ids);
    int sent = 0;
    if (!rc)
        rc = notify_deliver_due(db, cfg, key, holder, 0, max_ms, &sent, more, err);
    return rc;
}

int notify_daily_run_now(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                         const char *day, struct daily_result *out,
                         struct dj_err *err)
{
    int rc = notify_may_manage(actor, err);
    if (rc)
        return rc;
    if (day && !dj_date_valid(day))
        return dj_err_field(err, "day", "应为 YYYY-MM-DD");
    char holder[64];
    snprintf(holder, sizeof holder, "api:user:%lld", (long long)actor->user.id);
    int64_t b = actor->user.bureau_id;
    if ((rc = notify_daily_run(db, key, b, day, holder, true, out, err)))
        return rc;
    json_t *after = json_pack("{s:s, s:b, s:i, s:i}", "day", out->day, "ran", out->ran, "queued",
                              out->queued, "skipped", out->skipped);
    if (!after)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    if (!(rc = db_begin_write(db, err))) {
        if ((rc = audit_record(db, actor, "run", "daily_reminder", b, b, NULL, after, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(after);
    return rc;
}
