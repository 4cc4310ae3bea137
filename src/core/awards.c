#include "core/awards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/evaluations.h"
#include "store/awards.h"
#include "store/indexes.h"
#include "store/people.h"
#include "util/text.h"

/* The evaluation, its scheme's award list and its targets. */
struct award_ctx {
    struct dj_evaluation e;
    json_t *awards; /* settings.awards (owned) */
    struct dj_index_target *t;
    int nt;
};

static void ctx_free(struct award_ctx *c)
{
    json_decref(c->awards);
    free(c->t);
}

static int ctx_load(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct award_ctx *c,
                    struct dj_err *err)
{
    memset(c, 0, sizeof *c);
    struct dj_scheme s;
    int rc = evaluations_get(db, actor, id, &c->e, err);
    if (rc || (rc = store_scheme_get(db, c->e.scheme_id, &s, err)))
        return rc;
    json_error_t jerr;
    json_t *settings = json_loads(s.settings, 0, &jerr);
    store_scheme_free(&s);
    c->awards = json_incref(json_object_get(settings, "awards"));
    json_decref(settings);
    if (!json_is_array(c->awards))
        c->awards = (json_decref(c->awards), json_array());
    return store_index_targets(db, c->e.bureau_id, c->e.target, c->e.first_day, c->e.last_day, &c->t,
                               &c->nt, err);
}

static const json_t *award_find(const struct award_ctx *c, const char *code)
{
    size_t i;
    const json_t *a;
    json_array_foreach(c->awards, i, a) {
        const char *ac = json_string_value(json_object_get(a, "code"));
        if (ac && code && !strcmp(ac, code))
            return a;
    }
    return NULL;
}

static const struct dj_index_target *target_find(const struct award_ctx *c, int64_t id)
{
    for (int i = 0; i < c->nt; i++)
        if (c->t[i].id == id)
            return &c->t[i];
    return NULL;
}

static bool is_manager(const struct dj_actor *actor, int64_t bureau)
{
    char bp[32];
    snprintf(bp, sizeof bp, "/%lld/", (long long)bureau);
    return authz_allows(actor, PERM_INDEXES_MANAGE, bp);
}

/* May the actor (not a manager) see whether this target was vetoed?  Those
 * who may read the target's people (its secretary, discipline) and the
 * member who is the target, as in the ranking (core/index_views). */
static bool sees_veto(const struct dj_actor *actor, const struct dj_evaluation *e,
                      const struct dj_index_target *t)
{
    if (!t)
        return false;
    if (*t->path && authz_allows(actor, PERM_PEOPLE_READ, t->path))
        return true;
    return !strcmp(e->target, "member") && actor->person_id && t->id == actor->person_id;
}

int awards_list(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                json_t **out, struct dj_err *err)
{
    struct award_ctx c;
    struct dj_nomination *n = NULL;
    struct dj_result *r = NULL;
    int nn = 0, nr = 0;
    int rc = ctx_load(db, actor, evaluation_id, &c, err);
    if (rc || (rc = store_nominations_list(db, evaluation_id, actor->person_id, &n, &nn, err)) ||
        (rc = store_results_list(db, evaluation_id, &r, &nr, err)))
        goto out;
    bool manager = is_manager(actor, c.e.bureau_id);
    json_t *list = json_array();
    size_t i;
    const json_t *a;
    json_array_foreach(c.awards, i, a) {
        const char *code = json_string_value(json_object_get(a, "code"));
        json_int_t want = json_integer_value(json_object_get(a, "count"));
        json_t *nominees = json_array();
        int taken = 0, last_votes = -1;
        /* nominations come ordered by votes, most first */
        for (int k = 0; code && k < nn; k++) {
            if (strcmp(n[k].award, code))
                continue;
            const struct dj_index_target *t = target_find(&c, n[k].target_id);
            bool vetoed = false;
            for (int x = 0; x < nr; x++)
                vetoed |= r[x].target_id == n[k].target_id && r[x].vetoed;
            bool winner = !vetoed && n[k].votes > 0 &&
                          (taken < want || n[k].votes == last_votes);
            if (winner) {
                taken++;
                last_votes = n[k].votes;
            }
            /* a most-voted nominee who does not win was vetoed: as in the
               ranking, a vetoed nominee is not listed to those who may not
               see the veto */
            if (vetoed && !manager && !sees_veto(actor, &c.e, t))
                continue;
            json_array_append_new(nominees, json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:b, s:b}",
                                                      "target_id", (json_int_t)n[k].target_id,
                                                      "name", t ? t->name : "", "unit",
                                                      t ? t->unit : "", "reason", n[k].reason,
                                                      "nominated_by", n[k].nominated_by_name,
                                                      "votes", n[k].votes, "my_vote", n[k].my_vote,
                                                      "winner", winner));
        }
        json_array_append_new(list, json_pack("{s:s?, s:s?, s:I, s:o}", "code", code, "title",
                                              json_string_value(json_object_get(a, "title")),
                                              "count", want, "nominees", nominees));
    }
    *out = json_pack("{s:o}", "awards", list);
out:
    free(n);
    free(r);
    ctx_free(&c);
    return rc;
}

static int write_audited(struct dj_db *db, const struct dj_actor *actor, const struct award_ctx *c,
                         const char *action, json_t *after, int (*op)(struct dj_db *, void *, struct dj_err *),
                         void *arg, struct dj_err *err)
{
    int rc = db_begin_write(db, err);
    if (rc)
        return rc;
    if ((rc = op(db, arg, err)) ||
        (rc = audit_record(db, actor, action, "evaluation", c->e.id, c->e.bureau_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    return rc;
}

static int op_nominate(struct dj_db *db, void *arg, struct dj_err *err)
{
    return store_nomination_insert(db, arg, err);
}

int awards_nominate(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                    const char *award, int64_t target_id, const char *reason, struct dj_err *err)
{
    struct award_ctx c;
    int rc = ctx_load(db, actor, evaluation_id, &c, err);
    if (rc)
        goto out;
    const struct dj_index_target *t = target_find(&c, target_id);
    if (!award_find(&c, award))
        rc = dj_err_field(err, "award", "方案中没有这个评选项目");
    else if (!t)
        rc = dj_err_field(err, "target_id", "考评对象不在本期考评范围内");
    else if (!reason || dj_utf8_length(reason) < 5 || strlen(reason) >= 1024)
        rc = dj_err_field(err, "reason", "请写明推荐理由（5 字以上）");
    else if (strcmp(c.e.state, "open") && strcmp(c.e.state, "scoring") && strcmp(c.e.state, "review"))
        rc = dj_err_set(err, DJ_ECONFLICT, "公示开始后不再接受提名");
    else if (!is_manager(actor, c.e.bureau_id) &&
             !(*t->path && authz_has_role(actor, "branch_secretary", t->path, 0)))
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有党务管理员和本支部书记可以提名");
    if (rc)
        goto out;
    struct dj_nomination nm;
    memset(&nm, 0, sizeof nm);
    nm.evaluation_id = evaluation_id;
    dj_copy(nm.award, sizeof nm.award, award);
    nm.target_id = target_id;
    nm.nominated_by = actor->user.id;
    dj_copy(nm.reason, sizeof nm.reason, reason);
    json_t *after = json_pack("{s:s, s:I, s:s, s:s}", "award", award, "target_id", (json_int_t)target_id,
                              "target", t->name, "reason", reason);
    rc = write_audited(db, actor, &c, "nominate", after, op_nominate, &nm, err);
    json_decref(after);
out:
    ctx_free(&c);
    return rc;
}

struct withdraw_arg {
    int64_t evaluation_id, target_id;
    const char *award;
};

static int op_withdraw(struct dj_db *db, void *arg, struct dj_err *err)
{
    struct withdraw_arg *w = arg;
    return store_nomination_delete(db, w->evaluation_id, w->award, w->target_id, err);
}

int awards_withdraw(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                    const char *award, int64_t target_id, struct dj_err *err)
{
    struct award_ctx c;
    int rc = ctx_load(db, actor, evaluation_id, &c, err);
    if (rc)
        goto out;
    struct dj_nomination *n = NULL;
    int nn = 0;
    bool nominated = false;
    if (!is_manager(actor, c.e.bureau_id))
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有党务管理员可以撤销提名");
    else if (!strcmp(c.e.state, "final"))
        rc = dj_err_set(err, DJ_ECONFLICT, "考评已定稿");
    else if (!award_find(&c, award))
        rc = dj_err_field(err, "award", "方案中没有这个评选项目");
    else if (!(rc = store_nominations_list(db, evaluation_id, 0, &n, &nn, err))) {
        for (int k = 0; k < nn; k++)
            nominated |= !strcmp(n[k].award, award) && n[k].target_id == target_id;
        if (!nominated)
            rc = dj_err_set(err, DJ_ENOTFOUND, "没有这项提名");
    }
    free(n);
    if (rc)
        goto out;
    struct withdraw_arg w = {evaluation_id, target_id, award};
    json_t *after = json_pack("{s:s, s:I}", "award", award ? award : "", "target_id", (json_int_t)target_id);
    rc = write_audited(db, actor, &c, "withdraw_nomination", after, op_withdraw, &w, err);
    json_decref(after);
out:
    ctx_free(&c);
    return rc;
}

struct vote_arg {
    int64_t evaluation_id, target_id, voter, voter_person;
    const char *award;
    bool withdraw;
    json_int_t limit;
};

/* Inside the write transaction, so that two ballots of one person cannot
 * both pass the limit. */
static int op_vote(struct dj_db *db, void *arg, struct dj_err *err)
{
    struct vote_arg *v = arg;
    /* concurrent ballots of one evaluation wait here, so that the count below
     * sees every vote committed before (READ COMMITTED on PostgreSQL) */
    int lrc = store_evaluation_lock(db, v->evaluation_id, err);
    if (lrc)
        return lrc;
    if (v->withdraw)
        return store_vote_delete(db, v->evaluation_id, v->award, v->target_id, v->voter_person, err);
    int mine = 0;
    int rc = store_votes_by(db, v->evaluation_id, v->award, v->voter_person, &mine, err);
    if (rc)
        return rc;
    if (v->limit > 0 && mine >= v->limit)
        return dj_err_set(err, DJ_ECONFLICT, "每人最多投 %lld 票，您已投满", (long long)v->limit);
    return store_vote_insert(db, v->evaluation_id, v->award, v->target_id, v->voter,
                             v->voter_person, err);
}

int awards_vote(struct dj_db *db, const struct dj_actor *actor, int64_t evaluation_id,
                const char *award, int64_t target_id, bool withdraw, struct dj_err *err)
{
    struct award_ctx c;
    struct dj_nomination *n = NULL;
    int nn = 0;
    int rc = ctx_load(db, actor, evaluation_id, &c, err);
    if (rc)
        goto out;
    const json_t *a = award_find(&c, award);
    struct dj_person me;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    if (!a) {
        rc = dj_err_field(err, "award", "方案中没有这个评选项目");
        goto out;
    }
    if (!actor->person_id || store_person_get(db, actor->person_id, &me, &lookup) ||
        me.bureau_id != c.e.bureau_id) {
        rc = dj_err_set(err, DJ_EFORBIDDEN, "只有本单位人员可以投票");
        goto out;
    }
    if (!strcmp(c.e.state, "final") || !strcmp(c.e.state, "open")) {
        rc = dj_err_set(err, DJ_ECONFLICT, !strcmp(c.e.state, "final") ? "考评已定稿，投票已结束" : "投票尚未开始");
        goto out;
    }
    if ((rc = store_nominations_list(db, evaluation_id, me.id, &n, &nn, err)))
        goto out;
    bool nominated = false, voted = false;
    for (int k = 0; k < nn; k++)
        if (!strcmp(n[k].award, award) && n[k].target_id == target_id) {
            nominated = true;
            voted = n[k].my_vote;
        }
    if (!nominated) {
        rc = dj_err_field(err, "target_id", "此人未被提名");
        goto out;
    }
    if (withdraw && !voted) {
        rc = dj_err_set(err, DJ_ENOTFOUND, "您没有投过这一票");
        goto out;
    }
    json_int_t limit = json_integer_value(json_object_get(a, "count"));
    struct vote_arg v = {evaluation_id, target_id, actor->user.id, me.id, award, withdraw, limit};
    /* the audit names the award, not the choice: the ballot stays secret */
    json_t *after = json_pack("{s:s, s:b}", "award", award, "withdrawn", withdraw);
    rc = write_audited(db, actor, &c, "vote", after, op_vote, &v, err);
    json_decref(after);
out:
    free(n);
    ctx_free(&c);
    return rc;
}
