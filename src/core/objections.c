#include "core/objections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/evaluations.h"
#include "store/indexes.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/text.h"

static json_t *opt_text(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static void bureau_path(int64_t bureau, char *out, size_t size)
{
    snprintf(out, size, "/%lld/", (long long)bureau);
}

int evaluations_object(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                       int64_t id, int64_t target_id, const char *reason, int64_t *objection_id,
                       struct dj_err *err)
{
    struct dj_evaluation e;
    int rc = evaluations_get(db, actor, id, &e, err);
    if (rc)
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    if (strcmp(e.state, "notice") != 0 || strcmp(today, e.notice_until) > 0)
        return dj_err_set(err, DJ_ECONFLICT, "只能在公示期内提出异议");
    if (!reason || dj_utf8_length(reason) < 5 || dj_utf8_length(reason) > 500 ||
        strlen(reason) >= sizeof ((struct dj_objection *)0)->reason)
        return dj_err_field(err, "reason", "请写明异议的理由（5 至 500 字）");
    /* one's own result (a member), or one's branch (its secretary), or anyone for a manager */
    struct dj_index_target *ts = NULL;
    int n = 0;
    if ((rc = store_index_targets(db, e.bureau_id, e.target, e.first_day, e.last_day, &ts, &n, err)))
        return rc;
    const struct dj_index_target *t = NULL;
    for (int i = 0; i < n; i++)
        if (ts[i].id == target_id)
            t = &ts[i];
    char bp[32];
    bureau_path(e.bureau_id, bp, sizeof bp);
    if (!t)
        rc = dj_err_field(err, "target_id", "考评对象不在本期考评范围内");
    else if (!authz_allows(actor, PERM_INDEXES_MANAGE, bp) &&
             !(!strcmp(e.target, "member") && t->id == actor->person_id) &&
             !(*t->path && authz_has_role(actor, "branch_secretary", t->path, 0)))
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只能对本人（或本支部）的考评结果提出异议");
    if (rc) {
        free(ts);
        return rc;
    }
    struct dj_objection o;
    memset(&o, 0, sizeof o);
    o.evaluation_id = id;
    o.target_id = target_id;
    o.filed_by = actor->user.id;
    dj_copy(o.reason, sizeof o.reason, reason);
    json_t *after = json_pack("{s:I, s:s, s:s}", "target_id", (json_int_t)target_id, "target",
                              t->name, "reason", reason);
    free(ts);
    if ((rc = db_begin_write(db, err))) {
        json_decref(after);
        return rc;
    }
    if ((rc = store_objection_insert(db, &o, err)) ||
        (rc = audit_record(db, actor, "object", "evaluation", id, e.bureau_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(after);
    if (!rc)
        *objection_id = o.id;
    return rc;
}

int evaluations_objections(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                           json_t **items, struct dj_err *err)
{
    struct dj_evaluation e;
    int rc = evaluations_get(db, actor, id, &e, err);
    if (rc)
        return rc;
    char bp[32];
    bureau_path(e.bureau_id, bp, sizeof bp);
    bool all = authz_allows(actor, PERM_INDEXES_MANAGE, bp);
    struct dj_objection *o = NULL;
    struct dj_index_target *t = NULL;
    int n = 0, nt = 0;
    if ((rc = store_objections_list(db, id, &o, &n, err)) ||
        (rc = store_index_targets(db, e.bureau_id, e.target, e.first_day, e.last_day, &t, &nt, err))) {
        free(o);
        return rc;
    }
    *items = json_array();
    for (int i = 0; i < n; i++) {
        if (!all && o[i].filed_by != actor->user.id)
            continue; /* one's own objections */
        const struct dj_index_target *tt = NULL;
        for (int k = 0; k < nt && !tt; k++)
            if (t[k].id == o[i].target_id)
                tt = &t[k];
        json_array_append_new(*items,
                              json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:s}", "id",
                                        (json_int_t)o[i].id, "target_id",
                                        (json_int_t)o[i].target_id, "filed_by", o[i].filed_by_name,
                                        "reason", o[i].reason, "state", o[i].state, "answer",
                                        o[i].answer, "answered_at", opt_text(o[i].answered_at),
                                        "created_at", o[i].created_at));
        json_t *last = json_array_get(*items, json_array_size(*items) - 1);
        json_object_set_new(last, "target", json_string(tt ? tt->name : ""));
        json_object_set_new(last, "unit", json_string(tt ? tt->unit : ""));
    }
    free(o);
    free(t);
    return 0;
}

int evaluations_answer(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       int64_t objection_id, const char *answer, struct dj_err *err)
{
    struct dj_evaluation e;
    struct dj_objection o;
    int rc = evaluations_get_managed(db, actor, id, &e, err);
    if (rc || (rc = store_objection_get(db, objection_id, &o, err)))
        return rc;
    if (o.evaluation_id != id)
        return dj_err_set(err, DJ_ENOTFOUND, "异议不存在");
    if (strcmp(o.state, "open") != 0)
        return dj_err_set(err, DJ_ECONFLICT, "该异议已答复");
    if (!answer || dj_utf8_length(answer) < 2 || strlen(answer) >= sizeof o.answer)
        return dj_err_field(err, "answer", "请填写答复");
    dj_copy(o.answer, sizeof o.answer, answer);
    o.answered_by = actor->user.id;
    dj_now_rfc3339(o.answered_at);
    json_t *after = json_pack("{s:I, s:I, s:s}", "objection_id", (json_int_t)o.id, "target_id",
                              (json_int_t)o.target_id, "answer", answer);
    int targets = 0;
    if ((rc = db_begin_write(db, err))) {
        json_decref(after);
        return rc;
    }
    /* an answer may come with changed entries: the results follow them */
    if ((rc = store_objection_answer(db, &o, err)) || (rc = evaluations_recompute(db, &e, &targets, err)) ||
        (rc = audit_record(db, actor, "answer", "evaluation", id, e.bureau_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(after);
    return rc;
}
