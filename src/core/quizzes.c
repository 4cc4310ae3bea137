#include "core/quizzes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "io/table.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static json_t *centi_json(int64_t v)
{
    return json_real((double)v / 100.0);
}

json_t *quiz_json(const struct dj_quiz *q)
{
    json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:i, s:o, s:s, s:s}",
                          "id", (json_int_t)q->id, "org_id", (json_int_t)q->org_id, "org",
                          q->org_name, "kind", q->kind, "kind_name",
                          !strcmp(q->kind, "contest") ? "竞赛" : "测试", "title", q->title,
                          "held_on", q->held_on, "max_score", centi_json(q->max_score),
                          "pass_score", centi_json(q->pass_score), "description", q->description,
                          "takers", q->takers, "average",
                          q->takers ? json_real((double)((q->score_sum * 10 / q->takers + 5) / 10) / 100.0)
                                    : json_null(),
                          "created_at", q->created_at, "updated_at", q->updated_at);
    /* removed with a reason: kept, marked, out of every count */
    if (j && *q->removed_on) {
        json_object_set_new(j, "removed_on", json_string(q->removed_on));
        json_object_set_new(j, "removed_reason", json_string(q->removed_reason));
    }
    return j;
}

static int not_removed(const struct dj_quiz *q, struct dj_err *err)
{
    return *q->removed_on ? dj_err_set(err, DJ_ECONFLICT, "测试已移除，不能再修改") : 0;
}

/* Tests and contests are open to everyone of the bureau (scores are not):
 * the bureau path of the actor, or NULL for the command line. */
static int bureau_scope(const struct dj_actor *actor, char *path, size_t size, struct dj_err *err)
{
    if (actor_is_system(actor)) {
        *path = '\0';
        return 0;
    }
    const char *scope = authz_scope(actor, PERM_ORGS_READ);
    if (!scope || !path_root_id(scope))
        return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看测试竞赛");
    snprintf(path, size, "/%lld/", (long long)path_root_id(scope));
    return 0;
}

int quizzes_list(struct dj_db *db, const struct dj_actor *actor, struct dj_quiz_filter *f,
                 json_t **items, int64_t *total, struct dj_err *err)
{
    char bureau[32];
    int rc = bureau_scope(actor, bureau, sizeof bureau, err);
    if (rc)
        return rc;
    f->scope_path = *bureau ? bureau : NULL;
    struct dj_quiz *q = NULL;
    int n = 0;
    if ((rc = store_quiz_list(db, f, &q, &n, total, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, quiz_json(&q[i]));
    free(q);
    return 0;
}

int quizzes_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_quiz *out,
                struct dj_err *err)
{
    char bureau[32];
    int rc = store_quiz_get(db, id, out, err);
    if (!rc && authz_foreign(actor, out->org_path))
        return dj_err_set(err, DJ_ENOTFOUND, "测试不存在");
    if (rc || (rc = bureau_scope(actor, bureau, sizeof bureau, err)))
        return rc;
    if (*bureau && path_root_id(bureau) != path_root_id(out->org_path))
        return dj_err_set(err, DJ_ENOTFOUND, "测试不存在");
    return 0;
}

/* Everyone's scores for those who may read the org's people or record the quiz. */
static bool sees_all_scores(const struct dj_actor *actor, const struct dj_quiz *q)
{
    return authz_allows(actor, PERM_PEOPLE_READ, q->org_path) ||
           authz_allows(actor, PERM_MEETINGS_WRITE, q->org_path);
}

int quizzes_get_json(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                     struct dj_err *err)
{
    struct dj_quiz q;
    int rc = quizzes_get(db, actor, id, &q, err);
    if (rc)
        return rc;
    struct dj_quiz_question *qs = NULL;
    struct dj_quiz_score *s = NULL;
    int nq = 0, ns = 0;
    if ((rc = store_quiz_questions(db, id, &qs, &nq, err)) ||
        (rc = store_quiz_scores(db, id, &s, &ns, err))) {
        free(qs);
        return rc;
    }
    json_t *j = quiz_json(&q);
    json_t *questions = json_array();
    bool writer = authz_allows(actor, PERM_MEETINGS_WRITE, q.org_path);
    for (int i = 0; i < nq; i++) {
        json_error_t jerr;
        json_t *options = json_loads(qs[i].options, 0, &jerr);
        json_array_append_new(questions,
                              json_pack("{s:i, s:s, s:s, s:o, s:s, s:o}", "seq", qs[i].seq, "kind",
                                        qs[i].kind, "text", qs[i].text, "options",
                                        options ? options : json_array(), "answer",
                                        writer ? qs[i].answer : "",
                                        "points", centi_json(qs[i].points)));
    }
    json_object_set_new(j, "questions", questions);
    bool all = sees_all_scores(actor, &q);
    json_t *scores = json_array();
    int passed = 0;
    for (int i = 0; i < ns; i++) {
        passed += s[i].score >= q.pass_score;
        if (!all && s[i].person_id != actor->person_id)
            continue;
        json_array_append_new(scores, json_pack("{s:I, s:s, s:s, s:o, s:b, s:s}", "person_id",
                                                (json_int_t)s[i].person_id, "name", s[i].name,
                                                "staff_no", s[i].staff_no, "score",
                                                centi_json(s[i].score), "passed",
                                                s[i].score >= q.pass_score, "note", s[i].note));
    }
    json_object_set_new(j, "scores", scores);
    json_object_set_new(j, "passed", json_integer(passed));
    json_object_set_new(j, "scores_visible", json_string(all ? "all" : "own"));
    free(qs);
    free(s);
    *out = j;
    return 0;
}

static int check_quiz(struct dj_db *db, const struct dj_actor *actor, struct dj_quiz *q,
                      const struct dj_quiz_question *qs, int nq, struct dj_err *err)
{
    struct dj_org org;
    int rc = store_org_get(db, q->org_id, &org, err);
    /* an organisation of another bureau is answered as a missing one */
    if (rc == DJ_ENOTFOUND || (!rc && authz_foreign(actor, org.path)))
        return dj_err_field(err, "org_id", "组织不存在");
    if (rc)
        return rc;
    dj_copy(q->org_path, sizeof q->org_path, org.path);
    if (strcmp(q->kind, "test") && strcmp(q->kind, "contest"))
        dj_err_field(err, "kind", "应为 test（测试）或 contest（竞赛）");
    size_t chars = dj_utf8_length(q->title);
    if (chars == 0 || chars > 100)
        dj_err_field(err, "title", "名称应为 1 至 100 个字");
    if (!dj_date_valid(q->held_on))
        dj_err_field(err, "held_on", "应为日期 YYYY-MM-DD");
    if (q->max_score <= 0 || q->max_score > 10000000)
        dj_err_field(err, "max_score", "满分应大于 0 且不超过 100000");
    if (q->pass_score < 0 || q->pass_score > q->max_score)
        dj_err_field(err, "pass_score", "及格分应在 0 与满分之间");
    int64_t points = 0;
    for (int i = 0; i < nq; i++) {
        char field[32];
        snprintf(field, sizeof field, "questions[%d]", i);
        if (strcmp(qs[i].kind, "single") && strcmp(qs[i].kind, "multiple") &&
            strcmp(qs[i].kind, "judge") && strcmp(qs[i].kind, "text"))
            dj_err_field(err, field, "题型应为 single（单选）、multiple（多选）、judge（判断）或 text（简答）");
        else if (!*qs[i].text)
            dj_err_field(err, field, "请填写题目");
        else if (qs[i].points < 0)
            dj_err_field(err, field, "分值不能为负");
        points += qs[i].points;
    }
    if (nq > 0 && points > 0 && points != q->max_score) {
        char a[32], b[32];
        dj_format_centi(points, a, sizeof a);
        dj_format_centi(q->max_score, b, sizeof b);
        dj_err_field(err, "questions", "各题分值之和 %s 与满分 %s 不一致", a, b);
    }
    return err && err->code == DJ_EINVAL ? DJ_EINVAL : 0;
}

int quizzes_save(struct dj_db *db, const struct dj_actor *actor, struct dj_quiz *q,
                 const struct dj_quiz_question *questions, int nquestions, struct dj_err *err)
{
    struct dj_quiz before;
    int rc;
    if (q->id) {
        if ((rc = store_quiz_get(db, q->id, &before, err)) ||
            (rc = authz_require(actor, PERM_MEETINGS_WRITE, before.org_path, err)) ||
            (rc = not_removed(&before, err)))
            return rc;
    }
    if ((rc = check_quiz(db, actor, q, questions, nquestions, err)) ||
        (rc = authz_require(actor, PERM_MEETINGS_WRITE, q->org_path, err)))
        return rc;
    if (q->id && path_root_id(q->org_path) != path_root_id(before.org_path))
        return dj_err_field(err, "org_id", "不能移到其他单位");
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *jb = q->id ? quiz_json(&before) : NULL, *ja = NULL;
    struct dj_quiz stored;
    if ((rc = store_quiz_save(db, q, err)) ||
        (nquestions >= 0 && (rc = store_quiz_questions_replace(db, q->id, questions, nquestions, err))) ||
        (rc = store_quiz_get(db, q->id, &stored, err)))
        goto fail;
    ja = quiz_json(&stored);
    if (nquestions >= 0)
        json_object_set_new(ja, "questions", json_integer(nquestions));
    if ((rc = audit_record(db, actor, jb ? "update" : "create", "quiz", q->id, q->org_id, jb, ja,
                           err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(jb);
    json_decref(ja);
    return 0;
fail:
    db_rollback(db);
    json_decref(jb);
    json_decref(ja);
    return rc;
}

/* Whether a score of p may be recorded in q by the actor: p within the
 * actor's scope and covered by the quiz's organisation on its day (the index
 * engine counts scores by the same rule). */
static int may_score(struct dj_db *db, const struct dj_actor *actor, const struct dj_quiz *q,
                     const struct dj_person *p, bool *ok, struct dj_err *err)
{
    *ok = p->bureau_id == path_root_id(q->org_path) && people_may_record(actor, p);
    if (!*ok)
        return 0;
    return people_covered(db, p, q->org_path, q->held_on, ok, err);
}

/* Checks one score against the quiz, the person and the actor's scope. */
static int check_score(struct dj_db *db, const struct dj_actor *actor, const struct dj_quiz *q,
                       const struct dj_score_change *c, const char *field, struct dj_err *err)
{
    struct dj_person p;
    struct dj_err lookup;
    dj_err_clear(&lookup);
    bool ok = false;
    int rc;
    if (store_person_get(db, c->person_id, &p, &lookup) || p.bureau_id != path_root_id(q->org_path))
        dj_err_field(err, field, "人员不存在");
    else if (!people_may_record(actor, &p))
        dj_err_field(err, field, "人员不存在或不在您的管辖范围内"); /* no name of someone out of scope */
    else if ((rc = may_score(db, actor, q, &p, &ok, err)))
        return rc;
    else if (!ok)
        dj_err_field(err, field, "%s 在 %s 不属于%s", p.name, q->held_on, q->org_name);
    else if (c->score != -1 && (c->score < 0 || c->score > q->max_score)) {
        char m[32];
        dj_format_centi(q->max_score, m, sizeof m);
        dj_err_field(err, field, "成绩应在 0 与满分 %s 之间", m);
    }
    return 0;
}

/* Writes the changes in one transaction with one audit record. */
static int write_scores(struct dj_db *db, const struct dj_actor *actor, const struct dj_quiz *q,
                        const struct dj_score_change *changes, int n, struct dj_err *err)
{
    json_t *after = json_array();
    int rc = db_begin_write(db, err);
    for (int i = 0; i < n && !rc; i++) {
        if (changes[i].score == -1) {
            rc = store_quiz_score_delete(db, q->id, changes[i].person_id, err);
            json_array_append_new(after, json_pack("{s:I, s:n}", "person_id",
                                                   (json_int_t)changes[i].person_id, "score"));
            continue;
        }
        struct dj_quiz_score s = {.person_id = changes[i].person_id, .score = changes[i].score};
        dj_copy(s.note, sizeof s.note, changes[i].note);
        rc = store_quiz_score_set(db, q->id, &s, err);
        json_array_append_new(after, json_pack("{s:I, s:o, s:s}", "person_id",
                                               (json_int_t)s.person_id, "score",
                                               centi_json(s.score), "note", s.note));
    }
    if (rc || (rc = audit_record(db, actor, "scores", "quiz", q->id, q->org_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(after);
    return rc;
}

int quizzes_scores_set(struct dj_db *db, const struct dj_actor *actor, int64_t quiz_id,
                       const struct dj_score_change *changes, int n, struct dj_err *err)
{
    struct dj_quiz q;
    int rc = store_quiz_get(db, quiz_id, &q, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, q.org_path, err)) ||
        (rc = not_removed(&q, err)))
        return rc;
    for (int i = 0; i < n; i++) {
        char field[32];
        snprintf(field, sizeof field, "scores[%d]", i);
        if ((rc = check_score(db, actor, &q, &changes[i], field, err)))
            return rc;
        for (int j = 0; j < i; j++)
            if (changes[j].person_id == changes[i].person_id)
                dj_err_field(err, field, "同一人员出现了两次");
    }
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    return write_scores(db, actor, &q, changes, n, err);
}

static void import_error(json_t *errors, int row, const char *column, const char *message)
{
    json_array_append_new(errors, json_pack("{s:i, s:s, s:s}", "row", row, "column", column,
                                            "message", message));
}

static int column_of(const struct dj_table_row *r, const char *const *names)
{
    for (int c = 0; c < r->ncells; c++)
        for (int k = 0; names[k]; k++)
            if (!strcmp(r->cells[c], names[k]))
                return c;
    return -1;
}

static const char *cell_at(const struct dj_table_row *r, int c)
{
    return c >= 0 && c < r->ncells ? r->cells[c] : "";
}

int quizzes_scores_import(struct dj_db *db, const struct dj_actor *actor, int64_t quiz_id,
                          const void *data, size_t len, bool dry_run, json_t **result,
                          struct dj_err *err)
{
    struct dj_quiz q;
    int rc = store_quiz_get(db, quiz_id, &q, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, q.org_path, err)) ||
        (rc = not_removed(&q, err)))
        return rc;
    struct dj_table t;
    if ((rc = table_read(data, len, &t, err)))
        return rc;
    static const char *const staff_names[] = {"工号", "人员编号", NULL};
    static const char *const score_names[] = {"成绩", "得分", "分数", NULL};
    static const char *const name_names[] = {"姓名", NULL};
    static const char *const note_names[] = {"备注", NULL};
    /* the header is the first row naming 工号 and 成绩, under any title rows */
    int header = -1, c_staff = -1, c_score = -1;
    for (int r = 0; r < t.nrows && r < 20 && header < 0; r++) {
        c_staff = column_of(&t.rows[r], staff_names);
        c_score = column_of(&t.rows[r], score_names);
        if (c_staff >= 0 && c_score >= 0)
            header = r;
    }
    json_t *errors = json_array();
    struct dj_score_change *changes = NULL;
    int n = 0, created = 0, updated = 0;
    if (header < 0) {
        import_error(errors, t.nrows ? t.rows[0].line : 1, "工号",
                     "找不到表头：文件应有“工号”和“成绩”两列");
        goto done;
    }
    int c_name = column_of(&t.rows[header], name_names);
    int c_note = column_of(&t.rows[header], note_names);
    changes = calloc((size_t)t.nrows, sizeof *changes);
    if (!changes) {
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
        goto done;
    }
    struct dj_quiz_score *old = NULL;
    int nold = 0;
    if ((rc = store_quiz_scores(db, quiz_id, &old, &nold, err)))
        goto done;
    for (int r = header + 1; r < t.nrows; r++) {
        const struct dj_table_row *row = &t.rows[r];
        const char *staff = cell_at(row, c_staff), *score = cell_at(row, c_score);
        if (!*staff && !*score)
            continue;
        char msg[640];
        struct dj_person p;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (!*staff) {
            import_error(errors, row->line, "工号", "缺少工号");
            continue;
        }
        if (store_person_get_by_staff_no(db, path_root_id(q.org_path), staff, &p, &lookup)) {
            snprintf(msg, sizeof msg, "工号“%s”不在人员名册中或不在您的管辖范围内", staff);
            import_error(errors, row->line, "工号", msg);
            continue;
        }
        bool ok = false;
        if ((rc = may_score(db, actor, &q, &p, &ok, err))) {
            free(old);
            goto done;
        }
        if (!ok && !people_may_record(actor, &p)) {
            snprintf(msg, sizeof msg, "工号“%s”不在人员名册中或不在您的管辖范围内", staff);
            import_error(errors, row->line, "工号", msg);
            continue;
        }
        if (!ok) {
            snprintf(msg, sizeof msg, "工号 %s（%s）在 %s 不属于%s", staff, p.name, q.held_on,
                     q.org_name);
            import_error(errors, row->line, "工号", msg);
            continue;
        }
        const char *name = cell_at(row, c_name);
        if (*name && strcmp(name, p.name) != 0) {
            snprintf(msg, sizeof msg, "姓名“%s”与名册中工号 %s 的“%s”不一致", name, staff, p.name);
            import_error(errors, row->line, "姓名", msg);
            continue;
        }
        int64_t v;
        if (dj_parse_centi(score, &v) || v < 0 || v > q.max_score) {
            char m[32];
            dj_format_centi(q.max_score, m, sizeof m);
            snprintf(msg, sizeof msg, "成绩“%s”应为 0 至 %s 的数，最多两位小数", score, m);
            import_error(errors, row->line, "成绩", msg);
            continue;
        }
        bool dup = false;
        for (int i = 0; i < n; i++)
            dup |= changes[i].person_id == p.id;
        if (dup) {
            snprintf(msg, sizeof msg, "工号 %s 在文件中出现了两次", staff);
            import_error(errors, row->line, "工号", msg);
            continue;
        }
        changes[n].person_id = p.id;
        changes[n].score = v;
        dj_copy(changes[n].note, sizeof changes[n].note, cell_at(row, c_note));
        bool known = false;
        for (int i = 0; i < nold; i++)
            known |= old[i].person_id == p.id;
        known ? updated++ : created++;
        n++;
    }
    free(old);
    if (json_array_size(errors) == 0 && !dry_run && n > 0)
        rc = write_scores(db, actor, &q, changes, n, err);
done:
    if (rc) {
        json_decref(errors);
    } else {
        bool failed = json_array_size(errors) > 0;
        *result = json_pack("{s:i, s:i, s:i, s:b, s:o}", "rows", n + (int)json_array_size(errors),
                            "created", failed ? 0 : created, "updated", failed ? 0 : updated,
                            "dry_run", dry_run, "errors", errors);
    }
    free(changes);
    table_free(&t);
    return rc;
}

int quizzes_remove(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t id, const char *reason, struct dj_err *err)
{
    if (!reason || !*reason)
        return dj_err_field(err, "reason", "请填写原因");
    if (!dj_utf8_valid(reason, strlen(reason)) || dj_utf8_length(reason) > 200)
        return dj_err_field(err, "reason", "原因最长 200 个字");
    struct dj_quiz q;
    int rc = store_quiz_get(db, id, &q, err);
    if (!rc && authz_foreign(actor, q.org_path))
        rc = dj_err_set(err, DJ_ENOTFOUND, "测试不存在");
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, q.org_path, err)) ||
        (rc = not_removed(&q, err)))
        return rc;
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    json_t *before = quiz_json(&q), *after = NULL;
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    if (!(rc = store_quiz_remove(db, id, today, reason, err)) && !(rc = store_quiz_get(db, id, &q, err)))
        after = quiz_json(&q);
    if (rc || (rc = audit_record(db, actor, "remove", "quiz", id, q.org_id, before, after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(before);
    json_decref(after);
    return rc;
}
