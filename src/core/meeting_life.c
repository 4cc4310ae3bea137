#include "core/meeting_life.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/meetings.h"
#include "core/people.h"
#include "store/meeting_life.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

#define UPCOMING_MAX 100

int meeting_step_allowed(const char *status, const char *step, struct dj_err *err)
{
    static const struct {
        const char *step;
        const char *states; /* the states that take it, each as ",state," */
        const char *refusal;
    } table[] = {
        {"edit", ",planned,held,", NULL},
        {"attendance", ",planned,held,", NULL}, /* before it is held: leave only (core/meetings) */
        {"files", ",planned,held,", NULL},
        {"hold", ",planned,", "只有计划中的会议可以登记为已召开"},
        {"cancel", ",planned,", "只有计划中的会议可以取消；已召开的会议记录请作废"},
        {"void", ",held,", "只有已召开的会议记录可以作废；计划中的会议请取消"},
        {"correct", ",held,", "只有已召开的会议记录可以更正"},
        {"leave", ",planned,", "会议不在计划中，不能再请假或撤回请假"},
    };
    const char *st = status && *status ? status : "held";
    char key[24];
    if (strlen(st) > sizeof key - 3)
        return dj_err_set(err, DJ_ECONFLICT, "会议状态不明");
    snprintf(key, sizeof key, ",%s,", st);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].step, step) != 0)
            continue;
        if (strstr(table[i].states, key))
            return 0;
        if (table[i].refusal)
            return dj_err_set(err, DJ_ECONFLICT, "%s", table[i].refusal);
        return dj_err_set(err, DJ_ECONFLICT, !strcmp(st, "cancelled") ? "会议已取消，不能再修改"
                                             : !strcmp(st, "voided") ? "会议记录已作废，不能再修改"
                                                                     : "会议状态不明");
    }
    return dj_err_set(err, DJ_ECONFLICT, "会议状态不明");
}

static int check_reason(const char *reason, struct dj_err *err)
{
    if (!reason || !*reason)
        return dj_err_field(err, "reason", "请填写原因");
    if (!dj_utf8_valid(reason, strlen(reason)) || dj_utf8_length(reason) > 200)
        return dj_err_field(err, "reason", "原因最长 200 个字");
    return 0;
}

/* A meeting of the actor's bureau they may change (another bureau's is
 * missing); out is cleared by the caller. */
static int load_writable(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                         struct dj_meeting *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out); /* cleared by the caller on every path */
    int rc = store_meeting_get(db, id, out, err);
    if (rc)
        return rc;
    if (authz_foreign(actor, out->org_path))
        return dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
    return authz_require(actor, PERM_MEETINGS_WRITE, out->org_path, err);
}

static int in_list(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return i;
    return -1;
}

/* The record as the audit keeps it (new reference), with what else is said. */
static json_t *stored_json(struct dj_db *db, int64_t id, struct dj_err *err)
{
    struct dj_meeting m;
    if (store_meeting_get(db, id, &m, err))
        return NULL;
    json_t *j = meeting_json(&m);
    store_meeting_clear(&m);
    if (!j)
        dj_err_set(err, DJ_ENOMEM, "内存不足");
    return j;
}

int meetings_plan(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  struct dj_meeting *m, const int64_t *invitees, int n_invitees,
                  struct dj_err *err)
{
    struct dj_org org;
    struct dj_meeting_kind k;
    dj_copy(m->status, sizeof m->status, "planned");
    m->corrects_id = 0;
    int rc = meetings_check(db, cfg, actor, m, NULL, &org, &k, err);
    if (rc)
        return rc;
    if (n_invitees && strcmp(k.attendees, "custom") != 0 && !k.include_non_members)
        return dj_err_field(err, "invitees", "%s只由本组织党员参加，不能另行邀请", k.name);
    for (int i = 0; i < n_invitees; i++) {
        struct dj_person p;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        char field[32];
        snprintf(field, sizeof field, "invitees[%d]", i);
        if (store_person_get(db, invitees[i], &p, &lookup) ||
            p.bureau_id != path_root_id(org.path) || !people_may_record(actor, &p))
            dj_err_field(err, field, "人员不存在或不在您的管辖范围内");
    }
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    /* expected as the roster stands for the planned day (recomputed when held) */
    int64_t *expected = NULL;
    int n = 0;
    if ((rc = store_expected_people(db, m->org_id, k.attendees, m->held_on, k.include_probationary,
                                    &expected, &n, err)))
        return rc;
    if ((rc = db_begin_write(db, err))) {
        free(expected);
        return rc;
    }
    json_t *after = NULL;
    if ((rc = store_meeting_insert(db, m, err)))
        goto fail;
    for (int i = 0; i < n; i++) {
        struct dj_attendance a = {.person_id = expected[i], .expected = true};
        if ((rc = store_attendance_set(db, m->id, &a, err)))
            goto fail;
    }
    for (int i = 0; i < n_invitees; i++) {
        if (in_list(expected, n, invitees[i]) >= 0)
            continue;
        struct dj_attendance a = {.person_id = invitees[i]};
        if ((rc = store_attendance_set(db, m->id, &a, err)))
            goto fail;
    }
    if (!(after = stored_json(db, m->id, err))) {
        rc = err->code ? err->code : DJ_ENOMEM;
        goto fail;
    }
    json_object_set_new(after, "expected", json_integer(n));
    json_object_set_new(after, "invited", json_integer(n_invitees));
    if ((rc = audit_record(db, actor, "plan", "meeting", m->id, m->org_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(after);
    free(expected);
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    free(expected);
    return rc;
}

/* Remakes the attendance of meeting id for the expected list: the expected
 * keep what was known of them (leave asked before, or attendance taken on a
 * mistaken record), others listed keep theirs where the kind admits them. */
static int remake_attendance(struct dj_db *db, int64_t id, const struct dj_meeting_kind *k,
                             const int64_t *expected, int n, const struct dj_attendance *old,
                             int nold, struct dj_err *err)
{
    int rc = 0;
    bool others = !strcmp(k->attendees, "custom") || k->include_non_members;
    for (int i = 0; i < n && !rc; i++) {
        struct dj_attendance a = {.person_id = expected[i], .expected = true};
        for (int j = 0; j < nold; j++)
            if (old[j].person_id == a.person_id) {
                dj_copy(a.status, sizeof a.status, old[j].status);
                dj_copy(a.reason, sizeof a.reason, old[j].reason);
            }
        rc = store_attendance_set(db, id, &a, err);
    }
    for (int j = 0; j < nold && !rc; j++) {
        if (!others || in_list(expected, n, old[j].person_id) >= 0)
            continue;
        struct dj_attendance a = old[j];
        a.expected = false;
        rc = store_attendance_set(db, id, &a, err);
    }
    return rc;
}

int meetings_hold(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  struct dj_meeting *m, struct dj_err *err)
{
    struct dj_meeting plan;
    int rc = load_writable(db, actor, m->id, &plan, err);
    if (rc)
        goto out;
    if ((rc = meeting_step_allowed(plan.status, "hold", err)))
        goto out;
    if (m->org_id != plan.org_id || m->kind_id != plan.kind_id) {
        rc = dj_err_field(err, "kind_id", "计划会议的组织和类型不能更改；如有变化请取消后重新计划");
        goto out;
    }
    struct dj_org org;
    struct dj_meeting_kind k;
    dj_copy(m->status, sizeof m->status, "held");
    m->corrects_id = 0;
    /* recorded today, late measured from the day it was held */
    if ((rc = meetings_check(db, cfg, actor, m, NULL, &org, &k, err)))
        goto out;
    int64_t *expected = NULL;
    int n = 0, nold = 0;
    struct dj_attendance *old = NULL;
    json_t *before = NULL, *after = NULL;
    if ((rc = store_expected_people(db, m->org_id, k.attendees, m->held_on, k.include_probationary,
                                    &expected, &n, err)) ||
        (rc = store_attendance_list(db, m->id, &old, &nold, err)))
        goto free;
    if (!(before = meeting_json(&plan))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto free;
    }
    if ((rc = db_begin_write(db, err)))
        goto free;
    if ((rc = store_meeting_update(db, m, err)) ||
        (rc = store_meeting_set_status(db, m->id, "held", "", err)) ||
        (rc = store_attendance_clear(db, m->id, err)) ||
        (rc = remake_attendance(db, m->id, &k, expected, n, old, nold, err)))
        goto fail;
    if (!(after = stored_json(db, m->id, err))) {
        rc = err->code ? err->code : DJ_ENOMEM;
        goto fail;
    }
    json_object_set_new(after, "expected", json_integer(n));
    if ((rc = audit_record(db, actor, "hold", "meeting", m->id, m->org_id, before, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    goto free;
fail:
    db_rollback(db);
free:
    json_decref(before);
    json_decref(after);
    free(expected);
    free(old);
out:
    store_meeting_clear(&plan);
    return rc;
}

/* to a final state with a reason: cancel (a plan) and void (a record) */
static int end_meeting(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                       const char *to, const char *action, struct dj_err *err)
{
    if (check_reason(reason, err))
        return DJ_EINVAL;
    struct dj_meeting m;
    int rc = load_writable(db, actor, id, &m, err);
    if (rc)
        goto out;
    if ((rc = meeting_step_allowed(m.status, action, err)))
        goto out;
    json_t *before = meeting_json(&m), *after = NULL;
    if (!before) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        goto out;
    }
    if ((rc = store_meeting_set_status(db, id, to, reason, err)) ||
        !(after = stored_json(db, id, err)) ||
        (rc = audit_record(db, actor, action, "meeting", id, m.org_id, before, after, err)) ||
        (rc = db_commit(db, err))) {
        if (!rc)
            rc = err->code ? err->code : DJ_ENOMEM;
        db_rollback(db);
    }
    json_decref(before);
    json_decref(after);
out:
    store_meeting_clear(&m);
    return rc;
}

int meetings_cancel(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                    struct dj_err *err)
{
    return end_meeting(db, actor, id, reason, "cancelled", "cancel", err);
}

int meetings_void(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                  struct dj_err *err)
{
    return end_meeting(db, actor, id, reason, "voided", "void", err);
}

int meetings_correct(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                     int64_t id, const char *reason, struct dj_meeting *m, struct dj_err *err)
{
    if (check_reason(reason, err))
        return DJ_EINVAL;
    struct dj_meeting wrong;
    int rc = load_writable(db, actor, id, &wrong, err);
    if (rc)
        goto out;
    if ((rc = meeting_step_allowed(wrong.status, "correct", err)))
        goto out;
    struct dj_org org;
    struct dj_meeting_kind k;
    dj_copy(m->status, sizeof m->status, "held");
    m->corrects_id = id;
    /* measured from the day the mistaken record was made */
    dj_copy(m->recorded_on, sizeof m->recorded_on, wrong.recorded_on);
    if ((rc = meetings_check(db, cfg, actor, m, NULL, &org, &k, err)))
        goto out;
    int64_t *expected = NULL;
    int n = 0, nold = 0;
    struct dj_attendance *old = NULL;
    json_t *before = NULL, *voided = NULL, *after = NULL;
    if ((rc = store_expected_people(db, m->org_id, k.attendees, m->held_on, k.include_probationary,
                                    &expected, &n, err)) ||
        (rc = store_attendance_list(db, id, &old, &nold, err)))
        goto free;
    if (!(before = meeting_json(&wrong))) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto free;
    }
    if ((rc = db_begin_write(db, err)))
        goto free;
    if ((rc = store_meeting_set_status(db, id, "voided", reason, err)) ||
        (rc = store_meeting_insert(db, m, err)) ||
        (rc = remake_attendance(db, m->id, &k, expected, n, old, nold, err)) ||
        (rc = store_files_move(db, "meeting", id, m->id, err)))
        goto fail;
    if (!(voided = stored_json(db, id, err)) || !(after = stored_json(db, m->id, err))) {
        rc = err->code ? err->code : DJ_ENOMEM;
        goto fail;
    }
    json_object_set_new(after, "expected", json_integer(n));
    json_object_set_new(after, "reason", json_string(reason));
    /* the old values stay in the void's record and in the correction's before */
    if ((rc = audit_record(db, actor, "void", "meeting", id, wrong.org_id, before, voided, err)) ||
        (rc = audit_record(db, actor, "correct", "meeting", m->id, m->org_id, before, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    goto free;
fail:
    db_rollback(db);
free:
    json_decref(before);
    json_decref(voided);
    json_decref(after);
    free(expected);
    free(old);
out:
    store_meeting_clear(&wrong);
    return rc;
}

int meetings_leave(struct dj_db *db, const struct dj_actor *actor, int64_t id, const char *reason,
                   struct dj_err *err)
{
    if (reason && check_reason(reason, err))
        return DJ_EINVAL;
    struct dj_meeting m;
    int rc = store_meeting_get(db, id, &m, err);
    if (rc)
        return rc;
    struct dj_attendance *rows = NULL;
    int n = 0;
    json_t *before = NULL, *after = NULL;
    /* a meeting that does not list the caller is as good as missing */
    if (authz_foreign(actor, m.org_path) || !actor->person_id) {
        rc = dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
        goto out;
    }
    if ((rc = store_attendance_list(db, id, &rows, &n, err)))
        goto out;
    int me = -1;
    for (int i = 0; i < n; i++)
        if (rows[i].person_id == actor->person_id)
            me = i;
    if (me < 0) {
        rc = dj_err_set(err, DJ_ENOTFOUND, "会议不存在");
        goto out;
    }
    if ((rc = meeting_step_allowed(m.status, "leave", err)))
        goto out;
    struct dj_attendance a = rows[me];
    before = json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)a.person_id, "status",
                       a.status, "reason", a.reason);
    dj_copy(a.status, sizeof a.status, reason ? "请假" : "");
    dj_copy(a.reason, sizeof a.reason, reason ? reason : "");
    after = json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)a.person_id, "status", a.status,
                      "reason", a.reason);
    if (!before || !after) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto out;
    }
    if ((rc = db_begin_write(db, err)))
        goto out;
    if ((rc = store_attendance_set(db, id, &a, err)) ||
        (rc = audit_record(db, actor, "leave", "meeting", id, m.org_id, before, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
out:
    json_decref(before);
    json_decref(after);
    free(rows);
    store_meeting_clear(&m);
    return rc;
}

int meetings_upcoming(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                      json_t **items, struct dj_err *err)
{
    *items = NULL;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    int64_t bureau = actor->user.bureau_id;
    struct dj_meeting_list l;
    memset(&l, 0, sizeof l);
    int rc = 0;
    if (bureau && (rc = store_meeting_upcoming(db, actor->person_id, bureau, today, UPCOMING_MAX, &l,
                                               err)))
        return rc;
    json_t *a = json_array();
    if (!a) {
        store_meeting_list_free(&l);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    for (int i = 0; i < l.count && !rc; i++) {
        json_t *j = meeting_json(&l.items[i]);
        struct dj_attendance *rows = NULL;
        int n = 0;
        if (!j) {
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
            break;
        }
        /* what the person said before it: leave (请假) or nothing yet */
        const char *status = NULL, *reason = "";
        bool listed = false;
        if (actor->person_id && !(rc = store_attendance_list(db, l.items[i].id, &rows, &n, err)))
            for (int r = 0; r < n; r++)
                if (rows[r].person_id == actor->person_id) {
                    listed = true;
                    status = *rows[r].status ? rows[r].status : NULL;
                    reason = rows[r].reason;
                }
        json_object_set_new(j, "listed", json_boolean(listed));
        json_object_set_new(j, "my_status", status ? json_string(status) : json_null());
        json_object_set_new(j, "my_reason", json_string(reason));
        json_array_append_new(a, j);
        free(rows);
    }
    store_meeting_list_free(&l);
    if (rc) {
        json_decref(a);
        return rc;
    }
    *items = a;
    return 0;
}

int files_remove(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t id, const char *reason, struct dj_file *out, struct dj_err *err)
{
    if (check_reason(reason, err))
        return DJ_EINVAL;
    void *data = NULL;
    size_t len = 0;
    int rc = store_file_get(db, id, out, &data, &len, err);
    free(data);
    if (rc)
        return rc;
    if (strcmp(out->object_type, "meeting") != 0)
        return dj_err_set(err, DJ_EFORBIDDEN, "此文件不能在这里移除");
    struct dj_meeting m;
    if ((rc = load_writable(db, actor, out->object_id, &m, err)) || (rc = meetings_writable(&m, err))) {
        store_meeting_clear(&m);
        return rc == DJ_ENOTFOUND ? dj_err_set(err, DJ_ENOTFOUND, "文件不存在") : rc;
    }
    int64_t org = m.org_id;
    store_meeting_clear(&m);
    if (*out->removed_on)
        return dj_err_set(err, DJ_ECONFLICT, "文件已移除");
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *before = file_json(out), *after = NULL;
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    if (!(rc = store_file_remove(db, id, today, reason, err))) {
        dj_copy(out->removed_on, sizeof out->removed_on, today);
        dj_copy(out->removed_reason, sizeof out->removed_reason, reason);
        after = file_json(out);
        json_object_set_new(after, "object_type", json_string(out->object_type));
        json_object_set_new(after, "object_id", json_integer(out->object_id));
    }
    if (rc || (rc = audit_record(db, actor, "remove", "file", id, org, before, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(before);
    json_decref(after);
    return rc;
}
