/* index_bench: the index engine benchmark (issue 6, item 7).
 *
 * Builds a bureau of MEMBERS party members in BRANCHES branches with 50
 * activity records per member in one quarter (2026Q3), then times a full
 * recompute of 先锋指数 (the default "vanguard" scheme) through the
 * project's own code against the bare SQL aggregate over the same rows: one
 * GROUP BY query.  Each measurement is its own process, so that its peak
 * memory (ru_maxrss) is its own; bench/index_bench.sh runs the rounds.
 *
 *   index_bench gen DB [MEMBERS [BRANCHES]]  new database (bootstrap_init: migrations,
 *                                            default schemes) + the data + one evaluation
 *   index_bench compute DB        evaluations_compute of that evaluation (timed)
 *   index_bench phases DB         the engine's reads and writes, each timed alone
 *   index_bench baseline DB       the one GROUP BY over the same rows (timed)
 *   index_bench best-index DB     creates covering indexes for the GROUP BY
 *   index_bench drop-index DB     drops them again
 *   index_bench check DB          compares every computed raw value with the GROUP BY's
 *
 * Records per member and quarter (MEMBERS = 100,000 gives 5,000,000):
 *   12  attendance at their branch's meetings (12 a branch: 支部党员大会, 主题党日, 党课;
 *       expected, 85 % 出席, 5 % 迟到, 7 % 请假, 3 % 缺席)
 *    6  attendance at 财政月讲堂 lectures (kind lecture, not expected; 95 % 出席, 5 % 迟到),
 *       6 × MEMBERS / 2000 lectures of about 2,000 listeners each
 *   10  quiz scores (10 bureau-wide tests)
 *   22  study records (0.5 to 4 hours each)
 * Every line printed by a timed mode is "key=value ..." for the script.
 * INDEX_BENCH_SQL, when set, runs on each connection after it opens (for
 * experiments: a PRAGMA, an index); bench/index_bench.sh never sets it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/authz.h"
#include "core/bootstrap.h"
#include "core/evaluations.h"
#include "core/secret.h"
#include "store/db.h"
#include "store/indexes.h"
#include "store/learning.h"
#include "store/meetings.h"
#include "store/orgs.h"
#include "util/config.h"
#include "util/log.h"
#include "util/text.h"

#define PERIOD "2026Q3"
#define FIRST_DAY "2026-07-01"
#define LAST_DAY "2026-09-30"
#define QUARTER_DAYS 92
#define BRANCH_MEETINGS 12
#define LECTURES_EACH 6
#define QUIZZES 10
#define STUDY_EACH 22
#define LISTENERS 2000

static struct dj_err err;

static void die(const char *what)
{
    fprintf(stderr, "index_bench: %s: %s\n", what, err.message[0] ? err.message : "failed");
    exit(1);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* current resident set (KiB) from /proc/self/statm */
static long rss_kb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * 4;
}

/* day d (0-based) of the quarter as YYYY-MM-DD */
static void quarter_day(int d, char out[16])
{
    d %= QUARTER_DAYS;
    int month = 7, day = d + 1;
    if (day > 31) {
        month = 8;
        day -= 31;
        if (day > 31) {
            month = 9;
            day -= 31;
        }
    }
    snprintf(out, 16, "2026-%02d-%02d", month & 15, day & 31);
}

static uint32_t mix(uint64_t a, uint64_t b)
{
    uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return (uint32_t)x;
}

static struct dj_db *open_db(const char *path)
{
    struct dj_config cfg;
    if (dj_config_defaults(&cfg, &err))
        die("config");
    free(cfg.db);
    cfg.db = strdup(path);
    struct dj_db *db;
    if (app_open_db(&cfg, false, &db, &err))
        die("open");
    dj_config_free(&cfg);
    /* for experiments only, e.g. INDEX_BENCH_SQL="PRAGMA mmap_size=1073741824" */
    const char *extra = getenv("INDEX_BENCH_SQL");
    if (extra && *extra && db_exec_script(db, extra, &err))
        die("INDEX_BENCH_SQL");
    return db;
}

static int64_t one_int(struct dj_db *db, const char *sql, const char *text)
{
    struct dj_stmt *st;
    if (db_query(db, sql, &st, &err))
        die(sql);
    if (text)
        db_bind_text(st, 1, text);
    int64_t v = 0;
    int rc = db_step(st, &err);
    if (rc == DB_ROW)
        v = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW && rc != DB_DONE)
        die(sql);
    return v;
}

static void exec(struct dj_db *db, const char *sql)
{
    if (db_exec_script(db, sql, &err))
        die(sql);
}

static void run(struct dj_stmt *st, const char *what)
{
    if (db_run(st, &err))
        die(what);
}

static int64_t evaluation_id(struct dj_db *db)
{
    int64_t id = one_int(db,
                         "SELECT MAX(e.id) FROM evaluations e JOIN schemes s ON s.id = e.scheme_id"
                         " WHERE s.code = 'vanguard' AND e.period = $1",
                         PERIOD);
    if (!id) {
        dj_err_set(&err, DJ_ENOTFOUND, "no vanguard evaluation for %s: run gen first", PERIOD);
        die("evaluation");
    }
    return id;
}

/* ---- gen ---- */

static int cmd_gen(const char *path, long members, long branches)
{
    if (members < 2000 || branches < 1 || members < branches) {
        fprintf(stderr, "index_bench: MEMBERS ≥ 2000 and ≥ BRANCHES ≥ 1\n");
        return 2;
    }
    double t0 = now_s();
    struct dj_config cfg;
    if (dj_config_defaults(&cfg, &err))
        die("config");
    free(cfg.db);
    cfg.db = strdup(path);
    char generated[32];
    if (bootstrap_init(&cfg, "基准财政局", "Bench@2026dj", generated, &err))
        die("bootstrap_init");
    dj_config_free(&cfg);
    struct dj_db *db = open_db(path);
    /* a bulk load: no journal, no fsync, a big cache (this process only) */
    exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;"
             " PRAGMA cache_size=-524288;");
    char now[32] = "2026-10-08T09:00:00+08:00";
    int64_t bureau = one_int(db, "SELECT MIN(id) FROM orgs WHERE parent_id IS NULL", NULL);
    int64_t k_assembly = one_int(db, "SELECT id FROM meeting_kinds WHERE bureau_id IS NULL AND code = $1",
                                 "branch_assembly");
    int64_t k_theme = one_int(db, "SELECT id FROM meeting_kinds WHERE bureau_id IS NULL AND code = $1",
                              "theme_day");
    int64_t k_lesson = one_int(db, "SELECT id FROM meeting_kinds WHERE bureau_id IS NULL AND code = $1",
                               "party_lecture");
    int64_t k_lecture = one_int(db, "SELECT id FROM meeting_kinds WHERE bureau_id IS NULL AND code = $1",
                                "lecture");
    if (!bureau || !k_assembly || !k_theme || !k_lesson || !k_lecture) {
        dj_err_set(&err, DJ_EINTERNAL, "missing root or meeting kinds");
        die("gen");
    }
    int64_t kinds[3] = {k_assembly, k_theme, k_lesson};
    if (db_begin_write(db, &err))
        die("begin");

    /* the tree: bureau → 机关党委 → branches, through the project's own insert (paths) */
    struct dj_org o;
    memset(&o, 0, sizeof o);
    o.parent_id = bureau;
    snprintf(o.type, sizeof o.type, "机关党委");
    snprintf(o.name, sizeof o.name, "中共基准财政局机关委员会");
    if (store_org_insert(db, &o, &err))
        die("org");
    int64_t committee = o.id;
    int64_t *branch = calloc((size_t)branches, sizeof *branch);
    for (long b = 0; b < branches; b++) {
        memset(&o, 0, sizeof o);
        o.parent_id = committee;
        snprintf(o.type, sizeof o.type, "党支部");
        snprintf(o.name, sizeof o.name, "机关第%ld党支部", b + 1);
        if (store_org_insert(db, &o, &err))
            die("branch");
        branch[b] = o.id;
    }

    /* people: ids first .. first + members - 1; person i is in branch i % branches */
    int64_t first = one_int(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM people", NULL);
    struct dj_stmt *st;
    for (long i = 0; i < members; i++) {
        char staff[32], name[48];
        snprintf(staff, sizeof staff, "V%07ld", i + 1);
        snprintf(name, sizeof name, "党员%06ld", i + 1);
        if (db_query(db,
                     "INSERT INTO people (id, bureau_id, staff_no, name, gender, political_status,"
                     " joined_party_on, full_member_on, created_at, updated_at)"
                     " VALUES ($1, $2, $3, $4, $5, '中共党员', '2010-07-01', '2011-07-01', $6, $6)",
                     &st, &err))
            die("people");
        db_bind_int(st, 1, first + i);
        db_bind_int(st, 2, bureau);
        db_bind_text(st, 3, staff);
        db_bind_text(st, 4, name);
        db_bind_text(st, 5, i % 2 ? "女" : "男");
        db_bind_text(st, 6, now);
        run(st, "people");
        if (db_query(db,
                     "INSERT INTO memberships (person_id, org_id, start_on) VALUES ($1, $2, '2015-01-01')",
                     &st, &err))
            die("memberships");
        db_bind_int(st, 1, first + i);
        db_bind_int(st, 2, branch[i % branches]);
        run(st, "memberships");
    }

    /* branch meetings and their attendance (expected) */
    static const char *const status_of[] = {"出席", "迟到", "请假", "缺席"};
    long n_att = 0, n_lect = 0, n_quiz = 0, n_study = 0;
    for (long b = 0; b < branches; b++) {
        for (int k = 0; k < BRANCH_MEETINGS; k++) {
            char day[16];
            quarter_day(k * 7 + (int)(b % 7), day);
            if (db_query(db,
                         "INSERT INTO meetings (org_id, kind_id, held_on, starts_at, ends_at, place, topic,"
                         " recorded_on, created_at, updated_at)"
                         " VALUES ($1, $2, $3, '14:30', '16:30', '三楼会议室', '学习贯彻', $3, $4, $4)"
                         " RETURNING id",
                         &st, &err))
                die("meetings");
            db_bind_int(st, 1, branch[b]);
            db_bind_int(st, 2, kinds[k % 3]);
            db_bind_text(st, 3, day);
            db_bind_text(st, 4, now);
            if (db_step(st, &err) != DB_ROW)
                die("meetings");
            int64_t meeting = db_int(st, 0);
            db_done(st);
            for (long i = b; i < members; i += branches) {
                uint32_t h = mix((uint64_t)i, (uint64_t)meeting) % 100;
                const char *s = status_of[h < 85 ? 0 : h < 90 ? 1 : h < 97 ? 2 : 3];
                if (db_query(db,
                             "INSERT INTO attendance (meeting_id, person_id, expected, status, reason)"
                             " VALUES ($1, $2, 1, $3, $4)",
                             &st, &err))
                    die("attendance");
                db_bind_int(st, 1, meeting);
                db_bind_int(st, 2, first + i);
                db_bind_text(st, 3, s);
                db_bind_text(st, 4, h >= 90 && h < 97 ? "公务外出" : "");
                run(st, "attendance");
                n_att++;
            }
        }
    }

    /* 财政月讲堂: nl lectures; member i hears lectures (i + j × nl / 6) % nl, j < 6 */
    long nl = LECTURES_EACH * ((members + LISTENERS - 1) / LISTENERS);
    int64_t *lecture = calloc((size_t)nl, sizeof *lecture);
    for (long l = 0; l < nl; l++) {
        char day[16];
        quarter_day((int)(l * QUARTER_DAYS / nl), day);
        if (db_query(db,
                     "INSERT INTO meetings (org_id, kind_id, held_on, starts_at, ends_at, place, topic,"
                     " lecturer_id, recorded_on, created_at, updated_at)"
                     " VALUES ($1, $2, $3, '15:00', '17:00', '报告厅', '财政月讲堂', $4, $3, $5, $5)"
                     " RETURNING id",
                     &st, &err))
            die("lectures");
        db_bind_int(st, 1, branch[l % branches]);
        db_bind_int(st, 2, k_lecture);
        db_bind_text(st, 3, day);
        db_bind_int(st, 4, first + (l * 7919) % members);
        db_bind_text(st, 5, now);
        if (db_step(st, &err) != DB_ROW)
            die("lectures");
        lecture[l] = db_int(st, 0);
        db_done(st);
    }
    for (long i = 0; i < members; i++)
        for (int j = 0; j < LECTURES_EACH; j++) {
            int64_t meeting = lecture[(i + j * (nl / LECTURES_EACH)) % nl];
            if (db_query(db,
                         "INSERT INTO attendance (meeting_id, person_id, expected, status, reason)"
                         " VALUES ($1, $2, 0, $3, '')",
                         &st, &err))
                die("lecture attendance");
            db_bind_int(st, 1, meeting);
            db_bind_int(st, 2, first + i);
            db_bind_text(st, 3, mix((uint64_t)i, (uint64_t)meeting) % 100 < 95 ? "出席" : "迟到");
            run(st, "lecture attendance");
            n_lect++;
        }

    /* tests */
    for (int q = 0; q < QUIZZES; q++) {
        char day[16], title[64];
        quarter_day(4 + q * 9, day);
        snprintf(title, sizeof title, "应知应会测试第%d期", q + 1);
        if (db_query(db,
                     "INSERT INTO quizzes (org_id, kind, title, held_on, max_score, pass_score, created_at,"
                     " updated_at) VALUES ($1, 'test', $2, $3, 10000, 6000, $4, $4) RETURNING id",
                     &st, &err))
            die("quizzes");
        db_bind_int(st, 1, committee);
        db_bind_text(st, 2, title);
        db_bind_text(st, 3, day);
        db_bind_text(st, 4, now);
        if (db_step(st, &err) != DB_ROW)
            die("quizzes");
        int64_t quiz = db_int(st, 0);
        db_done(st);
        for (long i = 0; i < members; i++) {
            if (db_query(db, "INSERT INTO quiz_scores (quiz_id, person_id, score) VALUES ($1, $2, $3)", &st,
                         &err))
                die("quiz_scores");
            db_bind_int(st, 1, quiz);
            db_bind_int(st, 2, first + i);
            db_bind_int(st, 3, 6000 + mix((uint64_t)i, (uint64_t)quiz + 77) % 4001);
            run(st, "quiz_scores");
            n_quiz++;
        }
    }

    /* study records */
    static const char *const modes[] = {"集中学习", "自学", "专题辅导", "线上学习", "实践学习"};
    for (long i = 0; i < members; i++)
        for (int k = 0; k < STUDY_EACH; k++) {
            char day[16];
            uint32_t h = mix((uint64_t)i, (uint64_t)k + 1000);
            quarter_day((int)((i * 7 + k * 4) % QUARTER_DAYS), day);
            if (db_query(db,
                         "INSERT INTO study_records (bureau_id, person_id, studied_on, hours, mode, content,"
                         " created_at) VALUES ($1, $2, $3, $4, $5, '学习党的二十届四中全会精神', $6)",
                         &st, &err))
                die("study_records");
            db_bind_int(st, 1, bureau);
            db_bind_int(st, 2, first + i);
            db_bind_text(st, 3, day);
            db_bind_int(st, 4, 50 + (int64_t)(h % 8) * 50);
            db_bind_text(st, 5, modes[h % 5]);
            db_bind_text(st, 6, now);
            run(st, "study_records");
            n_study++;
        }
    if (db_commit(db, &err))
        die("commit");
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    double t_load = now_s() - t0;

    /* the evaluation, through core like the API does */
    struct dj_actor system;
    actor_system(&system);
    int64_t scheme = one_int(db, "SELECT id FROM schemes WHERE code = $1 AND active = 1", "vanguard");
    int64_t eval = 0;
    if (evaluations_create(db, &system, scheme, PERIOD, NULL, 5, &eval, &err))
        die("evaluations_create");
    db_close(db);
    free(branch);
    free(lecture);
    printf("members=%ld branches=%ld meetings=%ld lectures=%ld attendance=%ld lecture_attendance=%ld"
           " quiz_scores=%ld study_records=%ld records=%ld evaluation=%lld gen_s=%.1f\n",
           members, branches, branches * BRANCH_MEETINGS, nl, n_att, n_lect, n_quiz, n_study,
           n_att + n_lect + n_quiz + n_study, (long long)eval, t_load);
    return 0;
}

/* ---- compute ---- */

static int cmd_compute(const char *path)
{
    struct dj_db *db = open_db(path);
    int64_t id = evaluation_id(db);
    struct dj_actor system;
    actor_system(&system);
    long rss0 = rss_kb();
    double c0 = cpu_s(), t0 = now_s();
    if (evaluations_compute(db, &system, id, &err))
        die("evaluations_compute");
    double t = now_s() - t0, c = cpu_s() - c0;
    long peak = maxrss_kb();
    struct dj_stmt *st;
    int64_t nres = 0, nsc = 0;
    if (db_query(db, "SELECT (SELECT COUNT(*) FROM results WHERE evaluation_id = $1),"
                     " (SELECT COUNT(*) FROM scores WHERE evaluation_id = $1)",
                 &st, &err))
        die("count");
    db_bind_int(st, 1, id);
    if (db_step(st, &err) == DB_ROW) {
        nres = db_int(st, 0);
        nsc = db_int(st, 1);
    }
    db_done(st);
    db_close(db);
    printf("compute_s=%.3f cpu_s=%.3f targets=%lld scores=%lld rss_before_kb=%ld peak_kb=%ld\n", t, c,
           (long long)nres, (long long)nsc, rss0, peak);
    return 0;
}

/* ---- phases: the engine's reads, each alone, in a read transaction ----
 * The same store calls as load_facts in src/core/index_engine.c makes for a
 * member scheme (keep them in step when the engine changes its reads). */

static int cmd_phases(const char *path)
{
    struct dj_db *db = open_db(path);
    struct dj_evaluation e;
    if (store_evaluation_get(db, evaluation_id(db), &e, &err))
        die("evaluation");
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)e.bureau_id);
    if (db_begin_read(db, &err))
        die("begin");
    double t0 = now_s();
    struct dj_index_target *t = NULL;
    int nt = 0;
    if (store_index_targets(db, e.bureau_id, "member", e.first_day, e.last_day, &t, &nt, &err))
        die("store_index_targets");
    double t1 = now_s();
    struct dj_attendance_stat *a = NULL;
    int na = 0;
    if (store_attendance_counts(db, bureau, e.first_day, e.last_day, &a, &na, &err))
        die("store_attendance_counts");
    double t2 = now_s();
    struct dj_learning_stat *l = NULL;
    int nl = 0;
    if (store_learning_person_totals(db, e.bureau_id, e.first_day, e.last_day, &l, &nl, &err))
        die("store_learning_person_totals");
    double t3 = now_s();
    db_rollback(db);
    printf("targets_s=%.3f targets=%d attendance_counts_s=%.3f attendance_rows=%d"
           " learning_totals_s=%.3f learning_rows=%d\n",
           t1 - t0, nt, t2 - t1, na, t3 - t2, nl);
    free(t);
    free(a);
    free(l);
    /* the writes: the scores and results of the last compute written again
     * the way index_compute writes them (DELETE, then one INSERT a row), and
     * the commit (with SQLite's checkpoint of the WAL) */
    struct dj_score *sc = NULL;
    struct dj_result *r = NULL;
    int nsc = 0, nr = 0;
    if (store_scores_list(db, e.id, 0, &sc, &nsc, &err) || store_results_list(db, e.id, &r, &nr, &err))
        die("scores");
    if (nsc) {
        size_t bytes = 0;
        for (int i = 0; i < nsc; i++)
            bytes += strlen(sc[i].detail ? sc[i].detail : "");
        if (db_begin_write(db, &err))
            die("begin");
        double w0 = now_s();
        if (store_scores_replace(db, e.id, sc, nsc, &err))
            die("store_scores_replace");
        double w1 = now_s();
        if (store_results_replace(db, e.id, r, nr, &err))
            die("store_results_replace");
        double w2 = now_s();
        if (db_commit(db, &err))
            die("commit");
        double w3 = now_s();
        printf("scores_replace_s=%.3f scores=%d detail_bytes=%zu results_replace_s=%.3f results=%d"
               " commit_s=%.3f\n",
               w1 - w0, nsc, bytes, w2 - w1, nr, w3 - w2);
    }
    store_scores_free(sc, nsc);
    free(r);
    db_close(db);
    return 0;
}

/* ---- the bare aggregate ---- */

/* One GROUP BY over every activity row of the quarter, per person: org-life
 * attendance by status, lectures heard, tests and their score sum, study hours. */
static const char *const baseline_sql =
    "SELECT x.person_id, SUM(x.t = 1), SUM(x.t = 1 AND x.s = '出席'), SUM(x.t = 1 AND x.s = '迟到'),"
    " SUM(x.t = 1 AND x.s = '请假'), SUM(x.t = 1 AND x.s = '缺席'),"
    " SUM(x.t = 2 AND x.s IN ('出席', '迟到')), SUM(x.t = 3), SUM(CASE WHEN x.t = 3 THEN x.v ELSE 0 END),"
    " SUM(CASE WHEN x.t = 4 THEN x.v ELSE 0 END)"
    " FROM ("
    "  SELECT a.person_id, CASE WHEN m.kind_id = $3 THEN 2 WHEN a.expected = 1 THEN 1 ELSE 0 END AS t,"
    "   a.status AS s, 0 AS v FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
    "   WHERE m.held_on >= $1 AND m.held_on <= $2"
    "  UNION ALL SELECT s.person_id, 3, '', s.score FROM quiz_scores s JOIN quizzes q ON q.id = s.quiz_id"
    "   WHERE q.held_on >= $1 AND q.held_on <= $2"
    "  UNION ALL SELECT r.person_id, 4, '', r.hours FROM study_records r"
    "   WHERE r.studied_on >= $1 AND r.studied_on <= $2"
    " ) x GROUP BY x.person_id";

struct agg {
    int64_t expected, present, late, leave, absent, heard, tests, score_sum, hours;
};

/* runs the GROUP BY; fills per[id - first] when per is given */
static int64_t run_baseline(struct dj_db *db, int64_t lecture_kind, struct agg *per, int64_t first,
                            int64_t n, int64_t *check)
{
    struct dj_stmt *st;
    if (db_query(db, baseline_sql, &st, &err))
        die("baseline");
    db_bind_text(st, 1, FIRST_DAY);
    db_bind_text(st, 2, LAST_DAY);
    db_bind_int(st, 3, lecture_kind);
    int64_t rows = 0, sum = 0;
    int rc;
    while ((rc = db_step(st, &err)) == DB_ROW) {
        rows++;
        struct agg g = {db_int(st, 1), db_int(st, 2), db_int(st, 3), db_int(st, 4), db_int(st, 5),
                        db_int(st, 6), db_int(st, 7), db_int(st, 8), db_int(st, 9)};
        int64_t id = db_int(st, 0);
        sum += id + g.expected + g.present + g.late + g.leave + g.absent + g.heard + g.tests + g.score_sum +
               g.hours;
        if (per && id >= first && id < first + n)
            per[id - first] = g;
    }
    db_done(st);
    if (rc != DB_DONE)
        die("baseline");
    *check = sum;
    return rows;
}

static int cmd_baseline(const char *path)
{
    struct dj_db *db = open_db(path);
    int64_t kind = one_int(db, "SELECT id FROM meeting_kinds WHERE bureau_id IS NULL AND code = $1", "lecture");
    int64_t best = one_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'bench_%'", NULL);
    if (db_begin_read(db, &err))
        die("begin");
    int64_t check = 0;
    double c0 = cpu_s(), t0 = now_s();
    int64_t rows = run_baseline(db, kind, NULL, 0, 0, &check);
    double t = now_s() - t0, c = cpu_s() - c0;
    db_rollback(db);
    db_close(db);
    printf("baseline_s=%.3f cpu_s=%.3f rows=%lld checksum=%lld indexes=%s peak_kb=%ld\n", t, c,
           (long long)rows, (long long)check, best ? "best" : "shipped", maxrss_kb());
    return 0;
}

/* Covering indexes for the GROUP BY: each branch of the UNION reads an index
 * only (the date range first where the table is large), never the table. */
static const char *const best_indexes =
    "CREATE INDEX IF NOT EXISTS bench_attendance_cover ON attendance(meeting_id, person_id, expected, status);"
    "CREATE INDEX IF NOT EXISTS bench_meetings_cover ON meetings(held_on, id, kind_id);"
    "CREATE INDEX IF NOT EXISTS bench_quiz_scores_cover ON quiz_scores(quiz_id, person_id, score);"
    "CREATE INDEX IF NOT EXISTS bench_study_cover ON study_records(studied_on, person_id, hours);";

static int cmd_index(const char *path, bool create)
{
    struct dj_db *db = open_db(path);
    double t0 = now_s();
    exec(db, create ? best_indexes
                    : "DROP INDEX IF EXISTS bench_attendance_cover; DROP INDEX IF EXISTS bench_meetings_cover;"
                      " DROP INDEX IF EXISTS bench_quiz_scores_cover; DROP INDEX IF EXISTS bench_study_cover;");
    db_close(db);
    printf("%s_s=%.1f\n", create ? "index" : "drop", now_s() - t0);
    return 0;
}

/* ---- check: the engine's raw values against the GROUP BY's ---- */

static int64_t half_up(int64_t a, int64_t b, int64_t c)
{
    return c <= 0 ? 0 : (a * b * 2 + c) / (c * 2);
}

static int cmd_check(const char *path)
{
    struct dj_db *db = open_db(path);
    int64_t id = evaluation_id(db);
    int64_t kind = one_int(db, "SELECT id FROM meeting_kinds WHERE bureau_id IS NULL AND code = $1", "lecture");
    int64_t first = one_int(db, "SELECT MIN(id) FROM people", NULL);
    int64_t n = one_int(db, "SELECT MAX(id) FROM people", NULL) - first + 1;
    struct agg *per = calloc((size_t)n, sizeof *per);
    int64_t check;
    run_baseline(db, kind, per, first, n, &check);
    struct dj_stmt *st;
    if (db_query(db,
                 "SELECT s.target_id, i.code, s.raw FROM scores s JOIN indicators i ON i.id = s.indicator_id"
                 " WHERE s.evaluation_id = $1 AND i.kind = 'computed'",
                 &st, &err))
        die("scores");
    db_bind_int(st, 1, id);
    long compared = 0, bad = 0;
    while (db_step(st, &err) == DB_ROW) {
        int64_t t = db_int(st, 0);
        const char *code = db_text(st, 1), *raw = db_text(st, 2);
        if (t < first || t >= first + n) {
            bad++;
            continue;
        }
        const struct agg *g = &per[t - first];
        char want[32] = "";
        if (!strcmp(code, "attendance")) {
            if (g->expected)
                dj_format_centi(half_up(g->present + g->late, 10000, g->expected), want, sizeof want);
        } else if (!strcmp(code, "lectures")) {
            dj_format_centi(g->heard * 100, want, sizeof want);
        } else if (!strcmp(code, "tests")) {
            if (g->tests)
                dj_format_centi(half_up(g->score_sum, 1, g->tests), want, sizeof want);
        } else if (!strcmp(code, "study_hours")) {
            dj_format_centi(g->hours, want, sizeof want);
        } else {
            continue;
        }
        compared++;
        if (strcmp(want, raw)) {
            if (bad < 5)
                fprintf(stderr, "index_bench: target %lld %s: engine %s, GROUP BY %s\n", (long long)t, code,
                        raw, want);
            bad++;
        }
    }
    db_done(st);
    free(per);
    db_close(db);
    printf("compared=%ld mismatches=%ld\n", compared, bad);
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    dj_err_clear(&err);
    dj_log_set_level(DJ_LOG_WARN);
    if (argc < 3) {
        fprintf(stderr, "usage: index_bench gen|compute|phases|baseline|best-index|drop-index|check DB"
                        " [MEMBERS [BRANCHES]]\n");
        return 2;
    }
    if (dj_crypto_init(&err))
        die("crypto");
    const char *cmd = argv[1], *db = argv[2];
    if (!strcmp(cmd, "gen"))
        return cmd_gen(db, argc > 3 ? atol(argv[3]) : 100000, argc > 4 ? atol(argv[4]) : 5000);
    if (!strcmp(cmd, "compute"))
        return cmd_compute(db);
    if (!strcmp(cmd, "phases"))
        return cmd_phases(db);
    if (!strcmp(cmd, "baseline"))
        return cmd_baseline(db);
    if (!strcmp(cmd, "best-index"))
        return cmd_index(db, true);
    if (!strcmp(cmd, "drop-index"))
        return cmd_index(db, false);
    if (!strcmp(cmd, "check"))
        return cmd_check(db);
    fprintf(stderr, "index_bench: unknown command %s\n", cmd);
    return 2;
}
