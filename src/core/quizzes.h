/* quizzes: knowledge tests and contests (测试竞赛) held by an organisation —
 * the quiz with its questions, and each person's score, entered or imported
 * from a spreadsheet (工号, 姓名, 成绩, 备注).  Scores are hundredths.
 * Reading needs orgs.read on the quiz's org; everyone's scores are shown to
 * those who may read its people (or record it), others see only their own.
 * Writing needs meetings.write on the org; every change is audited. */
#ifndef DJ_QUIZZES_H
#define DJ_QUIZZES_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "store/learning.h"
#include "util/config.h"

json_t *quiz_json(const struct dj_quiz *q);

int quizzes_list(struct dj_db *db, const struct dj_actor *actor, struct dj_quiz_filter *f,
                 json_t **items, int64_t *total, struct dj_err *err);
/* The quiz with "questions" and "scores" (all, or the actor's own). */
int quizzes_get_json(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                     struct dj_err *err);
int quizzes_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_quiz *out,
                struct dj_err *err);

/* Creates (q->id 0) or replaces a quiz; questions replace the old ones when
 * nquestions >= 0 (-1 keeps them).  Points of the questions, when given,
 * must add up to max_score. */
int quizzes_save(struct dj_db *db, const struct dj_actor *actor, struct dj_quiz *q,
                 const struct dj_quiz_question *questions, int nquestions, struct dj_err *err);

/* One score to set: person_id, score (hundredths; -1 removes it), note. */
struct dj_score_change {
    int64_t person_id;
    int64_t score;
    char note[256];
};
int quizzes_scores_set(struct dj_db *db, const struct dj_actor *actor, int64_t quiz_id,
                       const struct dj_score_change *changes, int n, struct dj_err *err);

/* Imports scores from a spreadsheet: {"rows", "created", "updated",
 * "errors": [{"row", "column", "message"}]}; nothing is written when there
 * is any error, or with dry_run. */
int quizzes_scores_import(struct dj_db *db, const struct dj_actor *actor, int64_t quiz_id,
                          const void *data, size_t len, bool dry_run, json_t **result,
                          struct dj_err *err);

/* Removes a quiz with a reason (meeting life cycle, issue 12): kept and
 * readable, marked, out of the lists and of every count; audited. */
int quizzes_remove(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t id, const char *reason, struct dj_err *err);

#endif
