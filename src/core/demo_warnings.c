#include "core/demo_warnings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/inbox.h"
#include "core/warnings.h"
#include "core/warnings_engine.h"
#include "store/orgs.h"
#include "store/users.h"
#include "store/warnings.h"
#include "util/date.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static int64_t rule_id(const struct dj_warning_rule *r, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(r[i].code, code))
            return r[i].id;
    return 0;
}

/* One past warning: found on day, acknowledged two days later (ack_by, 0: never), then resolved
 * or dismissed (reason) on end. */
static int past(struct dj_db *db, int64_t root, int64_t rule, const char *code, int64_t org, const char *key,
                const char *day, const char *end, const char *message, int64_t ack_by, const char *reason,
                struct dj_err *err)
{
    struct dj_warning w;
    memset(&w, 0, sizeof w);
    w.bureau_id = root;
    w.rule_id = rule;
    COPY(w.code, code);
    COPY(w.object_type, "org");
    w.object_id = org;
    COPY(w.subject_key, key);
    w.org_id = org;
    COPY(w.due_on, end);
    COPY(w.severity, "normal");
    COPY(w.message, message);
    snprintf(w.link, sizeof w.link, "/orgs/%lld", (long long)org);
    COPY(w.state, "open");
    snprintf(w.first_seen, sizeof w.first_seen, "%sT01:00:00Z", day);
    int rc = store_warning_insert(db, &w, err);
    if (rc || (rc = store_warning_history_add(db, w.id, w.first_seen, 0, "opened", message, err)))
        return rc;
    char at[32];
    if (ack_by) {
        char d2[DJ_DATE_LEN];
        dj_date_add_days(day, 2, d2);
        snprintf(at, sizeof at, "%sT02:30:00Z", d2);
        if ((rc = store_warning_history_add(db, w.id, at, ack_by, "acknowledged", "已安排", err)))
            return rc;
    }
    snprintf(at, sizeof at, "%sT01:00:00Z", end);
    COPY(w.state, reason ? "dismissed" : "resolved");
    w.active = false;
    COPY(w.state_at, at);
    w.state_by = reason ? ack_by : 0;
    COPY(w.reason, reason ? reason : "");
    COPY(w.last_seen, at);
    if ((rc = store_warning_seen(db, &w, err)) || (rc = store_warning_set_state(db, &w, err)))
        return rc;
    return store_warning_history_add(db, w.id, at, reason ? ack_by : 0, reason ? "dismissed" : "resolved",
                                     reason ? reason : "", err);
}

int demo_warnings(struct dj_db *db, const struct dj_config *cfg, int64_t root, const char *prefix,
                  const char *today, FILE *out, struct dj_err *err)
{
    char name[96];
    snprintf(name, sizeof name, "%sdangwei", prefix);
    struct dj_actor dangwei;
    struct dj_user u;
    int rc = store_user_get_by_name(db, name, &u, err);
    if (rc || (rc = warnings_actor_for_user(db, u.id, &dangwei, err)))
        return rc;
    struct dj_warning_rule *rules = NULL;
    struct dj_org *orgs = NULL;
    int nrules = 0, norgs = 0, made = 0;
    char root_path[32];
    snprintf(root_path, sizeof root_path, "/%lld/", (long long)root);
    if ((rc = store_warning_rules(db, root, &rules, &nrules, err)) ||
        (rc = store_org_list(db, root_path, &orgs, &norgs, err)))
        goto out;
    int64_t branches[8];
    char names[8][128];
    int nb = 0;
    for (int i = 0; i < norgs && nb < 8; i++)
        if (!strcmp(orgs[i].type, "党支部")) {
            COPY(names[nb], orgs[i].name);
            branches[nb++] = orgs[i].id;
        }
    if (nb < 5)
        goto out;
    if ((rc = db_begin_write(db, err)))
        goto out;
    /* a year back, month by month: the fifth branch's 支委会 falls due unmet and is then held late;
     * the second branch's once, dismissed (held with the 党员大会 that month) */
    for (int m = 12; m >= 1 && !rc; m--) {
        char day[DJ_DATE_LEN], end[DJ_DATE_LEN], key[128], msg[400];
        dj_date_add_days(today, -30 * m - 5, day);
        dj_date_add_days(day, 9, end);
        snprintf(key, sizeof key, "meeting:demo:%d", m);
        snprintf(msg, sizeof msg, "%s 的支部委员会尚未召开：应在 %s 前召开 1 次，已召开 0 次", names[4], end);
        rc = past(db, root, rule_id(rules, nrules, "meeting_due"), "meeting_due", branches[4], key, day, end, msg,
                  m % 3 == 0 ? dangwei.user.id : 0, NULL, err);
        made++;
        if (!rc && m == 7) {
            snprintf(msg, sizeof msg, "%s 的支部委员会尚未召开：应在 %s 前召开 1 次，已召开 0 次", names[1], end);
            rc = past(db, root, rule_id(rules, nrules, "meeting_due"), "meeting_due", branches[1], "meeting:demo:b2",
                      day, end, msg, dangwei.user.id, "本月支委会与党员大会合并召开，已另行记录", err);
            made++;
        }
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i}", "history", made);
        rc = audit_record(db, &system, "refresh", "warning", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err))) {
        db_rollback(db);
        goto out;
    }
    /* today's warnings, from the year's records */
    struct warnings_refresh_stats st;
    if ((rc = warnings_refresh(db, cfg, root, -1, &st, err)))
        goto out;
    /* two announcements of the 机关党委 */
    static const struct {
        const char *title, *body, *role;
    } notes[] = {
        {"关于开展“每日一提醒”的通知", "请各党支部书记每天查看预警台账，及时处理本支部的预警事项。", "branch_secretary"},
        {"关于按时交纳党费的提醒", "请全体党员于每月 10 日前按时足额交纳党费。", NULL},
    };
    for (size_t i = 0; i < sizeof notes / sizeof notes[0] && !rc; i++) {
        struct announcement_input in = {0, notes[i].role, notes[i].title, notes[i].body};
        json_t *a = NULL;
        rc = announcements_create(db, cfg, &dangwei, &in, &a, err);
        json_decref(a);
    }
    if (!rc)
        fprintf(out, "预警：%d 条历史，今日 %d 条待处理；通知 2 则\n", made, st.opened);
out:
    free(rules);
    free(orgs);
    return rc;
}
