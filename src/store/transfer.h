/* store/transfer: every row of one bureau, table by table, for `dangjian
 * bureau export` and `bureau import` (core/bureau_transfer.c).
 *
 * This module owns the list of the tables that belong to a bureau, their
 * columns and what each column is (the row's own id, a plain value, a
 * reference to another table's id, an organisation path, a sealed value,
 * an evaluation's target ...), in the order a bureau can be inserted, and the
 * SQL that reads a bureau's rows and inserts one row.  The SQL text is made
 * once per process from these constant names; values are always bound.
 * Rows are handed out as arrays of struct dj_xval owned by this module for
 * the duration of a callback; insert takes the caller's values. */
#ifndef DJ_STORE_TRANSFER_H
#define DJ_STORE_TRANSFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* The tables of a bureau in insertion order (a table's references point to
 * tables before it, or to itself). */
enum dj_xtab {
    XT_ORGS,
    XT_BUREAUS,
    XT_BUREAU_SETTINGS,
    XT_USERS,
    XT_DEPARTMENTS,
    XT_USER_ROLES,
    XT_PEOPLE,
    XT_DEPARTMENT_LINKS,
    XT_MEMBERSHIPS,
    XT_COMMITTEE_MEMBERS,
    XT_MEETING_KINDS, /* the bureau's own kinds; built-in kinds are matched by code */
    XT_LECTURE_LABELS,
    XT_MEETING_RULES, /* the bureau's own rules; the official defaults are not the bureau's */
    XT_MEETINGS,
    XT_ATTENDANCE,
    /* supervision of conduct (store/inspections); before files, whose evidence names findings */
    XT_CONDUCT_RULES,
    XT_INSPECTIONS,
    XT_FINDINGS,
    XT_FINDING_PEOPLE,
    XT_CONDUCT_REVIEWS,
    XT_CONDUCT_REVIEW_FINDINGS,
    /* tasks and rectifications (migration 021): before files, whose evidence names their rows */
    XT_TASKS,
    XT_TASK_REPORTS,
    XT_RECTIFICATIONS,
    /* service (migration 024): before files, which hold the photos of visits */
    XT_CONTACTS,
    XT_CONTACT_VISITS,
    XT_PAIRINGS,
    XT_PAIRING_ACTIVITIES,
    XT_COMMUNITY_REGISTRATIONS,
    XT_SERVICE_ACTIVITIES,
    XT_SERVICE_SIGNUPS,
    /* 主体责任清单 and 党建责任书 (migration 034): before files, which hold signed letters */
    XT_DUTY_DOCS,
    XT_DUTY_ITEMS,
    /* 发展党员 and 荣誉 (migration 028): before files, which hold their documents */
    XT_APPLICANT_SETTINGS,
    XT_APPLICANTS,
    XT_APPLICANT_REVIEWS,
    XT_HONOURS,
    XT_FILES,
    XT_QUIZZES,
    XT_QUIZ_QUESTIONS,
    XT_QUIZ_SCORES,
    XT_STUDY_RECORDS,
    XT_SCHEMES,
    XT_INDICATORS,
    XT_EVALUATIONS,
    XT_SCORE_ENTRIES,
    XT_SCORES,
    XT_RESULTS,
    XT_OBJECTIONS,
    XT_AWARD_NOMINATIONS,
    XT_AWARD_VOTES,
    /* dues (migration 022) */
    XT_DUES_SETTINGS,
    XT_DUES_BASES,
    XT_DUES_REDUCTIONS,
    XT_DUES_PAYMENTS,
    XT_DUES_REMITTANCES,
    /* supervision: talks, risk points, fund processes (issue 13) */
    XT_TALK_SETTINGS,
    XT_TALKS,
    XT_TALK_PEOPLE,
    XT_RISK_POINTS,
    XT_FUND_PROCESSES,
    XT_FUND_STEPS,
    XT_FUND_STEP_RISKS,
    XT_INTEGRITY_CASES,
    /* warnings engine and inbox (migration 026) */
    XT_WARNING_RULES,
    XT_WARNINGS,
    XT_WARNING_HISTORY,
    XT_WARNING_RUNS,
    XT_ANNOUNCEMENTS,
    XT_INBOX_ITEMS,
    XT_STUDY_REPORTS, /* member self-service (migration 031) */
    /* appraisals, secretary reviews, cadre development (migration 029) */
    XT_APPRAISAL_SETTINGS,
    XT_APPRAISALS,
    XT_APPRAISAL_MEMBERS,
    XT_APPRAISAL_BALLOTS,
    XT_APPRAISAL_TALLIES,
    XT_SECRETARY_REVIEWS,
    XT_SECRETARY_REVIEW_BALLOTS,
    XT_SECRETARY_REVIEW_TALLIES,
    XT_CADRE_POSTINGS,
    XT_MENTORSHIPS,
    XT_MENTORSHIP_REVIEWS,
    /* ideas (migration 030) */
    XT_SUGGESTION_TOPICS,
    XT_SUGGESTIONS,
    XT_MOTTOS,
    XT_DUTY_ROSTERS, /* duty rosters (migration 030) */
    XT_DUTY_SHIFTS,
    XT_DUTY_ASSIGNMENTS,
    XT_DUTY_UNAVAILABLE,
    /* notifications (issue 17, migration 027) */
    XT_NOTIFY_SETTINGS,
    XT_NOTIFY_PREFS,
    XT_NOTIFY_OUTBOX,
    /* 数据大屏 (migration 033) */
    XT_SCREEN_SETTINGS,
    XT_COUNT
};

enum dj_xkind {
    XK_ID,      /* the row's own id: not inserted, a new one is returned */
    XK_INT,
    XK_TEXT,
    XK_BLOB,
    XK_REF,     /* the id of a row of table `ref` (NULL stays NULL) */
    XK_SOFTREF, /* an account that may lie outside the bureau (the system, the province): NULL then */
    XK_PATH,    /* an organisation path '/1/4/9/' */
    XK_SEALED,  /* text sealed with the key file (core/secret) */
    XK_TARGET,  /* a person, branch or department id as the row's evaluation's scheme says */
    XK_OBJECT,  /* an id of the table named by the row's object_type column */
    XK_DETAIL,  /* a score's JSON explanation, which names kinds, entries and evaluations by id */
    XK_SEALED_TALK, /* text sealed with the talks subkey (core/secret SECRET_CTX_TALKS) */
    XK_SEALED_NOTIFY /* notification secrets, sealed with the notify subkey (SECRET_CTX_NOTIFY) */
};

struct dj_xcol {
    const char *name;
    enum dj_xkind kind;
    enum dj_xtab ref; /* XK_REF, XK_SOFTREF */
};

struct dj_xtable {
    const char *name;
    const struct dj_xcol *cols;
    int ncols;
};

/* The table's description (t < XT_COUNT). */
const struct dj_xtable *store_xfer_table(enum dj_xtab t);
/* The index of column name in t, or -1. */
int store_xfer_col(enum dj_xtab t, const char *name);

enum dj_xvtype { XV_NULL, XV_INT, XV_TEXT, XV_BLOB };
struct dj_xval {
    enum dj_xvtype type;
    int64_t i;
    char *s;    /* XV_TEXT (NUL-terminated) and XV_BLOB (len bytes) */
    size_t len;
};

/* Calls fn with every row of table t that belongs to the bureau whose root
 * organisation is root_id, in id order; vals has the table's ncols values
 * (valid during the call).  fn returns 0 to go on. */
typedef int (*dj_xrow_fn)(void *ctx, const struct dj_xval *vals, struct dj_err *err);
int store_xfer_scan(struct dj_db *db, enum dj_xtab t, int64_t root_id, dj_xrow_fn fn, void *ctx,
                    struct dj_err *err);

/* Inserts one row of t: vals has ncols values, the XK_ID one ignored; *new_id
 * gets the new row's id (0 for a table without an id). */
int store_xfer_insert(struct dj_db *db, enum dj_xtab t, const struct dj_xval *vals, int64_t *new_id,
                      struct dj_err *err);
/* Sets column col of row id of t to v (a reference resolved after the row). */
int store_xfer_update(struct dj_db *db, enum dj_xtab t, int col, int64_t id, const struct dj_xval *v,
                      struct dj_err *err);

/* Makes the read transaction just begun one snapshot of the whole database
 * (PostgreSQL: REPEATABLE READ; SQLite's read transactions are). */
int store_xfer_snapshot(struct dj_db *db, struct dj_err *err);

/* The built-in meeting kinds (bureau_id NULL), which a bureau's meetings and
 * rules name by id: fn gets the id and the code. */
typedef int (*dj_xkind_fn)(void *ctx, int64_t id, const char *code, struct dj_err *err);
int store_xfer_builtin_kinds(struct dj_db *db, dj_xkind_fn fn, void *ctx, struct dj_err *err);

/* DJ_ECONFLICT naming the first table or column of the database that this
 * module does not know (a table added by a later migration that a transfer
 * would leave behind); tables that belong to no bureau (sessions, meta,
 * audit ...) are known. */
int store_xfer_check_schema(struct dj_db *db, struct dj_err *err);

/* Whether an account is named name. */
int store_xfer_username_taken(struct dj_db *db, const char *name, bool *taken, struct dj_err *err);

#endif
