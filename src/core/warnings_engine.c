#include "core/warnings_engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/warning_rules.h"
#include "core/warnings_sources.h"
#include "store/bureaus.h"
#include "store/jobs.h"
#include "store/orgs.h"
#include "store/users.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

/* Takes the bureau's run row (a row lock on PostgreSQL, the write lock on
 * SQLite): *claimed is false when a run newer than max_age already stands. */
static int claim_run(struct dj_db *db, int64_t bureau, int max_age, bool *claimed, struct dj_err *err)
{
    int64_t now = dj_now_unix(), last;
    int rc = store_warning_run_get(db, bureau, &last, err);
    if (rc)
        return rc;
    *claimed = max_age < 0 || last == 0 || now - last >= max_age;
    return *claimed ? store_warning_run_put(db, bureau, now, err) : 0;
}

static int org_cmp(const void *a, const void *b)
{
    int64_t x = ((const struct dj_org *)a)->id, y = ((const struct dj_org *)b)->id;
    return (x > y) - (x < y);
}

static const char *org_path(const struct dj_org *orgs, int n, int64_t id)
{
    struct dj_org key = {.id = id};
    const struct dj_org *o = n ? bsearch(&key, orgs, (size_t)n, sizeof *orgs, org_cmp) : NULL;
    return o ? o->path : "";
}

/* An inbox item for every account of the bureau that receives w. */
static int fan_out(struct dj_db *db, const struct dj_user_list *users, const struct dj_warning *w,
                   const char *recipients, const char *path, const char *rule_name, struct dj_err *err)
{
    for (int u = 0; u < users->count; u++) {
        struct dj_actor a;
        memset(&a, 0, sizeof a);
        a.user = users->items[u];
        a.person_id = a.user.person_id;
        if (a.user.disabled || !warning_visible(&a, recipients, path, w->person_id))
            continue;
        struct dj_inbox_item it;
        memset(&it, 0, sizeof it);
        it.bureau_id = w->bureau_id;
        it.user_id = a.user.id;
        COPY(it.kind, "warning");
        COPY(it.title, rule_name);
        COPY(it.body, w->message);
        COPY(it.link, "/warnings");
        it.warning_id = w->id;
        COPY(it.created_at, w->first_seen);
        int rc = store_inbox_insert(db, &it, err);
        if (rc)
            return rc;
    }
    return 0;
}

static const struct dj_warning_rule *rule_by_code(const struct dj_warning_rule *r, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(r[i].code, code))
            return &r[i];
    return NULL;
}

static int apply(struct dj_db *db, int64_t bureau, const struct dj_warning_rule *rules, int nrules,
                 struct warn_set *found, struct warnings_refresh_stats *stats, struct dj_err *err)
{
    char now[DJ_TIMESTAMP_LEN], root[32];
    dj_now_rfc3339(now);
    snprintf(root, sizeof root, "/%lld/", (long long)bureau);
    struct dj_warning *live = NULL;
    struct dj_org *orgs = NULL;
    struct dj_user_list users = {0};
    int nlive = 0, norgs = 0;
    int rc = store_warnings_list(db, bureau, true, &live, &nlive, err);
    if (!rc)
        rc = store_org_list(db, root, &orgs, &norgs, err);
    if (rc)
        goto out;
    if (norgs > 1)
        qsort(orgs, (size_t)norgs, sizeof *orgs, org_cmp);
    bool *kept = calloc((size_t)(nlive ? nlive : 1), sizeof *kept);
    if (!kept) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    for (int i = 0; i < found->count && !rc; i++) {
        struct dj_warning *w = &found->items[i];
        const struct dj_warning_rule *r = rule_by_code(rules, nrules, w->code);
        if (!r)
            continue;
        w->rule_id = r->id;
        w->bureau_id = bureau;
        if (!strcmp(r->severity, "high"))
            COPY(w->severity, "high");
        int match = -1;
        for (int k = 0; k < nlive && match < 0; k++)
            if (!kept[k] && live[k].rule_id == w->rule_id && !strcmp(live[k].subject_key, w->subject_key))
                match = k;
        if (match >= 0) {
            kept[match] = true;
            w->id = live[match].id;
            COPY(w->last_seen, now);
            rc = store_warning_seen(db, w, err);
            stats->seen++;
            continue;
        }
        /* the same subject found twice by one rule in this run (e.g. two windows): keep the first */
        bool dup = false;
        for (int k = 0; k < i && !dup; k++)
            dup = found->items[k].rule_id == w->rule_id && found->items[k].id &&
                  !strcmp(found->items[k].subject_key, w->subject_key);
        if (dup)
            continue;
        if (!users.items) { /* the accounts, once a warning is new: count them, then read them all */
            if ((rc = store_user_list(db, NULL, bureau, NULL, true, 1, 0, &users, err)))
                break;
            int64_t total = users.total;
            store_user_list_free(&users);
            if ((rc = store_user_list(db, NULL, bureau, NULL, true, (int)(total ? total : 1), 0, &users, err)))
                break;
        }
        COPY(w->state, "open");
        COPY(w->first_seen, now);
        COPY(w->last_seen, now);
        if ((rc = store_warning_insert(db, w, err)) ||
            (rc = store_warning_history_add(db, w->id, now, 0, "opened", w->message, err)) ||
            (rc = fan_out(db, &users, w, r->recipients, org_path(orgs, norgs, w->org_id), r->name, err)))
            break;
        stats->opened++;
    }
    for (int k = 0; k < nlive && !rc; k++) {
        if (kept[k])
            continue;
        struct dj_warning *w = &live[k];
        bool dismissed = !strcmp(w->state, "dismissed");
        w->active = false;
        if (!dismissed) {
            COPY(w->state, "resolved");
            COPY(w->state_at, now);
            w->state_by = 0;
            w->reason[0] = '\0';
        }
        if ((rc = store_warning_set_state(db, w, err)) ||
            (rc = store_warning_history_add(db, w->id, now, 0, dismissed ? "cleared" : "resolved", "", err)))
            break;
        stats->resolved++;
    }
    free(kept);
out:
    free(live);
    free(orgs);
    store_user_list_free(&users);
    return rc;
}

int warnings_refresh(struct dj_db *db, const struct dj_config *cfg, int64_t bureau_id, int max_age_seconds,
                     struct warnings_refresh_stats *stats, struct dj_err *err)
{
    memset(stats, 0, sizeof *stats);
    struct dj_warning_rule *rules = NULL;
    struct warn_set found = {0};
    int nrules = 0;
    bool claimed = false;
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    if ((rc = claim_run(db, bureau_id, max_age_seconds, &claimed, err)) || !claimed)
        goto out;
    if ((rc = store_warning_rules(db, bureau_id, &rules, &nrules, err)) ||
        (rc = warnings_gather(db, cfg, bureau_id, rules, nrules, &found, err)) ||
        (rc = apply(db, bureau_id, rules, nrules, &found, stats, err)))
        goto out;
    if (stats->opened || stats->resolved) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:i, s:i}", "opened", stats->opened, "resolved", stats->resolved,
                                  "still_open", stats->seen);
        rc = audit_record(db, &system, "refresh", "warning", 0, bureau_id, NULL, after, err);
        json_decref(after);
        if (rc)
            goto out;
    }
    rc = db_commit(db, err);
    stats->ran = rc == 0;
    free(rules);
    warn_set_free(&found);
    return rc;
out:
    db_rollback(db);
    free(rules);
    warn_set_free(&found);
    return rc;
}

int warnings_job(struct dj_db *db, const struct dj_config *cfg, const char *holder, int period_seconds,
                 int *ran, struct dj_err *err)
{
    *ran = 0;
    if (period_seconds <= 0)
        return 0;
    struct dj_bureau *b = NULL;
    int n = 0;
    int rc = store_bureau_list(db, &b, &n, err);
    if (rc)
        return rc;
    int64_t period = dj_now_unix() / period_seconds;
    for (int i = 0; i < n; i++) {
        if (strcmp(b[i].status, "active"))
            continue;
        char name[48];
        snprintf(name, sizeof name, "warnings:%lld", (long long)b[i].id);
        bool claimed = false;
        if ((rc = db_begin_write(db, err)))
            break;
        if ((rc = store_job_claim(db, name, period, holder, &claimed, err)) || (rc = db_commit(db, err))) {
            db_rollback(db);
            break;
        }
        if (!claimed)
            continue;
        struct warnings_refresh_stats st;
        struct dj_err one;
        dj_err_clear(&one);
        /* a bureau that fails is logged; the others still run */
        if (warnings_refresh(db, cfg, b[i].id, -1, &st, &one))
            log_warn("warnings of bureau %lld: %s", (long long)b[i].id, one.message);
        else
            (*ran)++;
    }
    free(b);
    return rc;
}
