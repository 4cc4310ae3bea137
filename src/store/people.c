#include "store/people.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/pinyin.h"
#include "util/text.h"

#define COPY(dst, src) dj_copy((dst), sizeof(dst), (src))

static void bind_opt_text(struct dj_stmt *st, int i, const char *v)
{
    db_bind_text(st, i, v && *v ? v : NULL);
}

static void bind_opt_id(struct dj_stmt *st, int i, int64_t v)
{
    if (v)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i);
}

/* The columns written by insert and update, $2..$19 in this order; the
 * pinyin search key follows the name. */
static void bind_person(struct dj_stmt *st, const struct dj_person *p, const char *now)
{
    db_bind_text(st, 2, p->staff_no);
    db_bind_text(st, 3, p->name);
    db_bind_text(st, 4, p->gender);
    db_bind_text(st, 5, p->ethnicity);
    bind_opt_text(st, 6, p->birth_date);
    bind_opt_text(st, 7, p->id_number_sealed);
    db_bind_text(st, 8, p->id_number_masked);
    db_bind_text(st, 9, p->education);
    bind_opt_id(st, 10, p->department_id);
    db_bind_text(st, 11, p->position);
    db_bind_text(st, 12, p->political_status);
    bind_opt_text(st, 13, p->joined_party_on);
    bind_opt_text(st, 14, p->full_member_on);
    db_bind_text(st, 15, p->phone);
    db_bind_text(st, 16, p->status);
    bind_opt_id(st, 17, p->user_id);
    db_bind_text(st, 18, now);
    char key[DJ_PINYIN_KEY_SIZE];
    pinyin_search_key(p->name, key, sizeof key);
    db_bind_text(st, 19, key);
}

int store_person_insert(struct dj_db *db, struct dj_person *p, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO people (bureau_id, staff_no, name, gender, ethnicity, birth_date,"
                      " id_number_sealed, id_number_masked, education, department_id, position,"
                      " political_status, joined_party_on, full_member_on, phone, status, user_id,"
                      " created_at, updated_at, name_pinyin)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
                      " $16, $17, $18, $18, $19) RETURNING id",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, p->bureau_id);
    bind_person(st, p, now);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        p->id = db_int(st, 0);
    db_done(st);
    if (rc == DJ_ECONFLICT)
        return dj_err_set(err, DJ_ECONFLICT, "工号 %s 已存在", p->staff_no);
    return rc == DB_ROW ? 0 : rc;
}

int store_person_update(struct dj_db *db, const struct dj_person *p, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE people SET staff_no = $2, name = $3, gender = $4, ethnicity = $5,"
                      " birth_date = $6, id_number_sealed = $7, id_number_masked = $8,"
                      " education = $9, department_id = $10, position = $11, political_status = $12,"
                      " joined_party_on = $13, full_member_on = $14, phone = $15, status = $16,"
                      " user_id = $17, updated_at = $18, name_pinyin = $19 WHERE id = $1",
                      &st, err);
    if (rc)
        return rc;
    char now[DJ_TIMESTAMP_LEN];
    dj_now_rfc3339(now);
    db_bind_int(st, 1, p->id);
    bind_person(st, p, now);
    if ((rc = db_run(st, err)))
        return rc == DJ_ECONFLICT ? dj_err_set(err, DJ_ECONFLICT, "工号 %s 已存在", p->staff_no) : rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "人员不存在");
}

#define PERSON_COLUMNS                                                                         \
    "p.id, p.bureau_id, p.staff_no, p.name, p.gender, p.ethnicity, p.birth_date,"              \
    " p.id_number_sealed, p.id_number_masked, p.education, p.department_id, d.name,"          \
    " p.position, p.political_status, p.joined_party_on, p.full_member_on, p.phone, p.status," \
    " p.user_id, m.org_id, b.name, b.path, m.group_id, g.name, p.created_at, p.updated_at"
#define PERSON_SELECT "SELECT " PERSON_COLUMNS PERSON_FROM
#define PERSON_FROM                                                                            \
    " FROM people p"                                                                           \
    " LEFT JOIN departments d ON d.id = p.department_id"                                       \
    " LEFT JOIN memberships m ON m.person_id = p.id AND m.end_on IS NULL"                      \
    " LEFT JOIN orgs b ON b.id = m.org_id"                                                     \
    " LEFT JOIN orgs g ON g.id = m.group_id"                                                   \
    " JOIN orgs bo ON bo.id = p.bureau_id"

static void person_from_row(struct dj_stmt *st, struct dj_person *p)
{
    memset(p, 0, sizeof *p);
    p->id = db_int(st, 0);
    p->bureau_id = db_int(st, 1);
    COPY(p->staff_no, db_text(st, 2));
    COPY(p->name, db_text(st, 3));
    COPY(p->gender, db_text(st, 4));
    COPY(p->ethnicity, db_text(st, 5));
    COPY(p->birth_date, db_text(st, 6));
    COPY(p->id_number_sealed, db_text(st, 7));
    COPY(p->id_number_masked, db_text(st, 8));
    COPY(p->education, db_text(st, 9));
    p->department_id = db_int(st, 10);
    COPY(p->department_name, db_text(st, 11));
    COPY(p->position, db_text(st, 12));
    COPY(p->political_status, db_text(st, 13));
    COPY(p->joined_party_on, db_text(st, 14));
    COPY(p->full_member_on, db_text(st, 15));
    COPY(p->phone, db_text(st, 16));
    COPY(p->status, db_text(st, 17));
    p->user_id = db_int(st, 18);
    p->branch_id = db_int(st, 19);
    COPY(p->branch_name, db_text(st, 20));
    COPY(p->branch_path, db_text(st, 21));
    p->group_id = db_int(st, 22);
    COPY(p->group_name, db_text(st, 23));
    COPY(p->created_at, db_text(st, 24));
    COPY(p->updated_at, db_text(st, 25));
}

static int person_get_one(struct dj_db *db, const char *sql, int64_t a, const char *b,
                          struct dj_person *p, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, sql, &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, a);
    if (b)
        db_bind_text(st, 2, b);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        person_from_row(st, p);
    db_done(st);
    if (rc == DB_DONE)
        return dj_err_set(err, DJ_ENOTFOUND, "人员不存在");
    return rc == DB_ROW ? 0 : rc;
}

int store_person_get(struct dj_db *db, int64_t id, struct dj_person *p, struct dj_err *err)
{
    return person_get_one(db, PERSON_SELECT " WHERE p.id = $1", id, NULL, p, err);
}

int store_person_link_user(struct dj_db *db, int64_t user_id, int64_t person_id,
                           struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "UPDATE people SET user_id = NULL WHERE user_id = $1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    if ((rc = db_run(st, err)) || !person_id)
        return rc;
    if ((rc = db_query(db, "UPDATE people SET user_id = $1 WHERE id = $2", &st, err)))
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, person_id);
    if ((rc = db_run(st, err)))
        return rc;
    return db_changes(db) ? 0 : dj_err_set(err, DJ_ENOTFOUND, "人员不存在");
}

int store_person_of_user(struct dj_db *db, int64_t user_id, int64_t *person_id, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT id FROM people WHERE user_id = $1 ORDER BY id LIMIT 1", &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    rc = db_step(st, err);
    *person_id = rc == DB_ROW ? db_int(st, 0) : 0;
    db_done(st);
    if (rc == DB_DONE)
        return DJ_ENOTFOUND;
    return rc == DB_ROW ? 0 : rc;
}

int store_person_get_by_staff_no(struct dj_db *db, int64_t bureau_id, const char *staff_no,
                                 struct dj_person *p, struct dj_err *err)
{
    return person_get_one(db, PERSON_SELECT " WHERE p.bureau_id = $1 AND p.staff_no = $2",
                          bureau_id, staff_no, p, err);
}

#define PEOPLE_WHERE                                                                            \
    " WHERE (CAST($1 AS TEXT) IS NULL OR p.name LIKE $1 ESCAPE '\\'"                           \
    "   OR lower(p.staff_no) LIKE lower($1) ESCAPE '\\' OR p.name_pinyin LIKE lower($1) ESCAPE '\\')" \
    " AND (CAST($2 AS BIGINT) IS NULL OR b.path LIKE (SELECT o.path FROM orgs o WHERE o.id = $2) || '%'" \
    "   OR g.path LIKE (SELECT o.path FROM orgs o WHERE o.id = $2) || '%')"                     \
    " AND (CAST($3 AS BIGINT) IS NULL OR p.department_id = $3)"                               \
    " AND (CAST($4 AS TEXT) IS NULL OR p.status = $4)"                                         \
    " AND (CAST($5 AS TEXT) IS NULL OR p.political_status = $5)"                               \
    " AND (CAST($6 AS TEXT) IS NULL OR bo.path LIKE $6 OR b.path LIKE $6)"                     \
    " AND (CAST($7 AS BIGINT) IS NULL OR p.department_id = $7)"                                \
    " AND (CAST($8 AS BIGINT) IS NULL OR p.user_id = $8)"                                      \
    " AND p.bureau_id BETWEEN $9 AND $10"

static void bind_people_filter(struct dj_stmt *st, const struct dj_people_filter *f, char *pattern,
                               size_t psize, char *scope, size_t ssize)
{
    if (f->q && *f->q) {
        size_t n = 0;
        pattern[n++] = '%';
        for (const char *c = f->q; *c && n < psize - 3; c++) {
            if (*c == '%' || *c == '_' || *c == '\\')
                pattern[n++] = '\\';
            pattern[n++] = *c;
        }
        pattern[n++] = '%';
        pattern[n] = '\0';
        db_bind_text(st, 1, pattern);
    } else {
        db_bind_null(st, 1);
    }
    bind_opt_id(st, 2, f->branch_id);
    bind_opt_id(st, 3, f->department_id);
    bind_opt_text(st, 4, f->status);
    bind_opt_text(st, 5, f->political_status);
    if (f->scope_path) {
        snprintf(scope, ssize, "%s%%", f->scope_path);
        db_bind_text(st, 6, scope);
    } else {
        db_bind_null(st, 6);
    }
    bind_opt_id(st, 7, f->scope_department_id);
    bind_opt_id(st, 8, f->scope_user_id);
    /* a scope lies in one bureau: its people are found by the bureau's index
     * first, not by scanning every bureau's (the subtree test stays); a
     * range, not "IS NULL OR", so that the planner can use the index */
    int64_t bureau = 0;
    if (f->scope_path && f->scope_path[0] == '/')
        bureau = strtoll(f->scope_path + 1, NULL, 10);
    db_bind_int(st, 9, bureau > 0 ? bureau : 0);
    db_bind_int(st, 10, bureau > 0 ? bureau : INT64_MAX);
}

/* The count alone: only for a page past the end, where no row carries it. */
static int people_count(struct dj_db *db, const struct dj_people_filter *f, int64_t *total,
                        struct dj_err *err)
{
    char pattern[256], scope[300];
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT COUNT(*) FROM people p"
                      " LEFT JOIN memberships m ON m.person_id = p.id AND m.end_on IS NULL"
                      " LEFT JOIN orgs b ON b.id = m.org_id LEFT JOIN orgs g ON g.id = m.group_id"
                      " JOIN orgs bo ON bo.id = p.bureau_id"
                      PEOPLE_WHERE,
                      &st, err);
    if (rc)
        return rc;
    bind_people_filter(st, f, pattern, sizeof pattern, scope, sizeof scope);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *total = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_people_each(struct dj_db *db, const struct dj_people_filter *f,
                      int (*row)(void *ctx, const struct dj_person *p, int64_t total), void *ctx,
                      int64_t *total, struct dj_err *err)
{
    char pattern[256], scope[300];
    struct dj_stmt *st;
    *total = 0;
    /* One statement: the inner query orders the filtered people by a narrow
     * row (id, sort key) and counts them all with a window (evaluated before
     * LIMIT); only the page's rows are then joined for their columns.  The
     * order comes from a fixed list: SQL text is never made from input. */
#define PAGE_SQL(key, dir)                                                                      \
    "SELECT " PERSON_COLUMNS ", pg.total FROM (SELECT p.id AS id, " key " AS k,"               \
    " COUNT(*) OVER () AS total FROM people p"                                                 \
    " LEFT JOIN memberships m ON m.person_id = p.id AND m.end_on IS NULL"                      \
    " LEFT JOIN orgs b ON b.id = m.org_id LEFT JOIN orgs g ON g.id = m.group_id"               \
    " JOIN orgs bo ON bo.id = p.bureau_id" PEOPLE_WHERE                                       \
    " ORDER BY " key dir ", p.id" dir " LIMIT $11 OFFSET $12) pg"                               \
    " JOIN people p ON p.id = pg.id"                                                           \
    " LEFT JOIN departments d ON d.id = p.department_id"                                       \
    " LEFT JOIN memberships m ON m.person_id = p.id AND m.end_on IS NULL"                      \
    " LEFT JOIN orgs b ON b.id = m.org_id LEFT JOIN orgs g ON g.id = m.group_id"               \
    " ORDER BY pg.k" dir ", pg.id" dir
    static const char *const orders[][2] = {
        {PAGE_SQL("p.staff_no", ""), PAGE_SQL("p.staff_no", " DESC")},
        {PAGE_SQL("p.name", ""), PAGE_SQL("p.name", " DESC")},
        {PAGE_SQL("p.birth_date", ""), PAGE_SQL("p.birth_date", " DESC")},
        {PAGE_SQL("p.joined_party_on", ""), PAGE_SQL("p.joined_party_on", " DESC")},
        /* callers who see only the year of birth: by year, then name (no order within a year) */
        {PAGE_SQL("SUBSTR(p.birth_date, 1, 4) || p.name", ""),
         PAGE_SQL("SUBSTR(p.birth_date, 1, 4) || p.name", " DESC")},
    };
#undef PAGE_SQL
    int which = 0;
    if (f->sort && strcmp(f->sort, "name") == 0)
        which = 1;
    else if (f->sort && strcmp(f->sort, "birth_date") == 0)
        which = 2;
    else if (f->sort && strcmp(f->sort, "joined_party_on") == 0)
        which = 3;
    else if (f->sort && strcmp(f->sort, "birth_year") == 0)
        which = 4;
    int rc = db_query(db, orders[which][f->descending ? 1 : 0], &st, err);
    if (rc)
        return rc;
    bind_people_filter(st, f, pattern, sizeof pattern, scope, sizeof scope);
    db_bind_int(st, 11, f->limit);
    db_bind_int(st, 12, f->offset);
    struct dj_person p; /* one row at a time, no allocation */
    int n = 0;
    while ((rc = db_step(st, err)) == DB_ROW && n < f->limit) {
        person_from_row(st, &p);
        *total = db_int(st, 26);
        n++;
        if ((rc = row(ctx, &p, *total)))
            break;
    }
    db_done(st);
    memset(&p, 0, sizeof p);
    if (rc != DB_DONE && rc != DB_ROW)
        return rc;
    if (n == 0 && f->offset > 0)
        return people_count(db, f, total, err);
    return 0;
}

struct collect_ctx {
    struct dj_person_list *out;
    int cap;
};

static int collect_person(void *ctx, const struct dj_person *p, int64_t total)
{
    (void)total;
    struct collect_ctx *c = ctx;
    if (c->out->count >= c->cap)
        return DJ_ENOMEM; /* cannot happen: the array holds a whole page */
    c->out->items[c->out->count++] = *p;
    return 0;
}

int store_people_list(struct dj_db *db, const struct dj_people_filter *f,
                      struct dj_person_list *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    out->items = calloc((size_t)(f->limit > 0 ? f->limit : 1), sizeof *out->items);
    if (!out->items)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    struct collect_ctx c = {out, f->limit > 0 ? f->limit : 1};
    int rc = store_people_each(db, f, collect_person, &c, &out->total, err);
    if (rc == DJ_ENOMEM && !err->code)
        dj_err_set(err, DJ_ENOMEM, "内存不足");
    return rc;
}

void store_person_list_free(struct dj_person_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

int store_membership_close(struct dj_db *db, int64_t person_id, const char *end_on,
                           struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "UPDATE memberships SET end_on = $2 WHERE person_id = $1 AND end_on IS NULL",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, end_on);
    return db_run(st, err);
}

int store_membership_open(struct dj_db *db, int64_t person_id, int64_t org_id, int64_t group_id,
                          const char *start_on, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "INSERT INTO memberships (person_id, org_id, group_id, start_on)"
                      " VALUES ($1, $2, $3, $4)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, org_id);
    bind_opt_id(st, 3, group_id);
    db_bind_text(st, 4, start_on);
    return db_run(st, err);
}

static void membership_from_row(struct dj_stmt *st, void *item)
{
    struct dj_membership *m = item;
    m->id = db_int(st, 0);
    m->org_id = db_int(st, 1);
    m->group_id = db_int(st, 2);
    COPY(m->org_name, db_text(st, 3));
    COPY(m->group_name, db_text(st, 4));
    COPY(m->start_on, db_text(st, 5));
    COPY(m->end_on, db_text(st, 6));
}

int store_membership_history(struct dj_db *db, int64_t person_id, struct dj_membership **items,
                             int *count, struct dj_err *err)
{
    *items = NULL;
    *count = 0;
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT m.id, m.org_id, m.group_id, b.name, g.name, m.start_on, m.end_on"
                      " FROM memberships m JOIN orgs b ON b.id = m.org_id"
                      " LEFT JOIN orgs g ON g.id = m.group_id"
                      " WHERE m.person_id = $1 ORDER BY m.start_on, m.id",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    return db_collect(st, (void **)items, count, sizeof **items, membership_from_row, err);
}

int store_membership_count(struct dj_db *db, int64_t org_id, const char *date,
                           const char *political_status, int64_t *count, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db,
                      "SELECT COUNT(DISTINCT m.person_id) FROM memberships m"
                      " JOIN people p ON p.id = m.person_id"
                      " WHERE m.org_id = $1 AND m.start_on <= $2"
                      " AND (m.end_on IS NULL OR m.end_on >= $2)"
                      " AND (CAST($3 AS TEXT) IS NULL OR p.political_status = $3)",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, org_id);
    db_bind_text(st, 2, date);
    db_bind_text(st, 3, political_status);
    rc = db_step(st, err);
    *count = rc == DB_ROW ? db_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? 0 : rc;
}

int store_person_member_within(struct dj_db *db, int64_t person_id, const char *path,
                               const char *date, bool *within, struct dj_err *err)
{
    struct dj_stmt *st;
    *within = false;
    int rc = db_query(db,
                      "SELECT 1 FROM memberships m JOIN orgs b ON b.id = m.org_id"
                      " LEFT JOIN orgs g ON g.id = m.group_id"
                      " WHERE m.person_id = $1"
                      " AND (m.end_on IS NULL OR (m.start_on <= $2 AND m.end_on >= $2))"
                      " AND (substr(b.path, 1, length(CAST($3 AS TEXT))) = CAST($3 AS TEXT)"
                      "   OR substr(g.path, 1, length(CAST($3 AS TEXT))) = CAST($3 AS TEXT))"
                      " LIMIT 1",
                      &st, err);
    if (rc)
        return rc;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, date);
    db_bind_text(st, 3, path);
    rc = db_step(st, err);
    *within = rc == DB_ROW;
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* Rows are read in batches and then updated, so that no statement reads the
 * table it writes. */
#define PINYIN_BATCH 256

int store_people_fill_pinyin(struct dj_db *db, int *filled, struct dj_err *err)
{
    *filled = 0;
    int64_t after = 0;
    for (;;) {
        struct dj_stmt *st;
        int rc = db_query(db,
                          "SELECT id, name FROM people WHERE name_pinyin = '' AND name <> '' AND id > $1"
                          " ORDER BY id LIMIT $2",
                          &st, err);
        if (rc)
            return rc;
        db_bind_int(st, 1, after);
        db_bind_int(st, 2, PINYIN_BATCH);
        int64_t ids[PINYIN_BATCH];
        char keys[PINYIN_BATCH][DJ_PINYIN_KEY_SIZE];
        int n = 0;
        while ((rc = db_step(st, err)) == DB_ROW && n < PINYIN_BATCH) {
            ids[n] = db_int(st, 0);
            pinyin_search_key(db_text(st, 1), keys[n], sizeof keys[n]);
            n++;
        }
        db_done(st);
        if (rc != DB_DONE && rc != DB_ROW)
            return rc;
        for (int i = 0; i < n; i++) {
            after = ids[i];
            if (!keys[i][0])
                continue; /* nothing to key (no letters, no readings) */
            if ((rc = db_query(db, "UPDATE people SET name_pinyin = $2 WHERE id = $1", &st, err)))
                return rc;
            db_bind_int(st, 1, ids[i]);
            db_bind_text(st, 2, keys[i]);
            if ((rc = db_run(st, err)))
                return rc;
            (*filled)++;
        }
        if (n < PINYIN_BATCH)
            return 0;
    }
}
