#include "core/demo_duty.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "store/duty.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static bool on_duty(const struct dj_person *p)
{
    return (!strcmp(p->political_status, "中共党员") || !strcmp(p->political_status, "中共预备党员")) &&
           !strcmp(p->status, "在职") && p->branch_id;
}

/* A shift from day at hh:00 for hours, with the next people of m (n of them) from *next. */
static int add_shift(struct dj_db *db, int64_t root, int64_t roster, const char *day, int hh, int hours, int required,
                     const struct dj_person *const *m, int n, int *next, int *assigned, struct dj_err *err)
{
    struct dj_shift s;
    memset(&s, 0, sizeof s);
    s.bureau_id = root;
    s.roster_id = roster;
    s.required = required;
    char end[DJ_DATE_LEN], buf[40];
    snprintf(buf, sizeof buf, "%.10sT%02d:00", day, hh % 24);
    dj_copy(s.starts_at, sizeof s.starts_at, buf);
    dj_date_add_days(day, (hh + hours) / 24, end);
    snprintf(buf, sizeof buf, "%.10sT%02d:00", end, (hh + hours) % 24);
    dj_copy(s.ends_at, sizeof s.ends_at, buf);
    int rc = store_shift_insert(db, &s, err);
    for (int k = 0; k < required && !rc; k++) {
        struct dj_assignment a;
        memset(&a, 0, sizeof a);
        a.bureau_id = root;
        a.shift_id = s.id;
        a.person_id = m[(*next)++ % n]->id;
        if (!(rc = store_assignment_insert(db, &a, 0, err)))
            (*assigned)++;
    }
    return rc;
}

int demo_duty(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err)
{
    char bureau[32];
    snprintf(bureau, sizeof bureau, "/%lld/", (long long)root);
    struct dj_people_filter pf = {.limit = 100000, .scope_path = bureau};
    struct dj_person_list list;
    memset(&list, 0, sizeof list);
    struct dj_org *orgs = NULL;
    int norgs = 0;
    int rc = store_people_list(db, &pf, &list, err);
    if (!rc)
        rc = store_org_list(db, bureau, &orgs, &norgs, err);
    const struct dj_person **m = calloc((size_t)list.count + 1, sizeof *m), **cp = calloc((size_t)list.count + 1, sizeof *cp);
    if (!rc && (!m || !cp))
        rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    int nm = 0, ncp = 0, assigned = 0, shifts = 0, next = 0;
    int64_t branch = 0;
    for (int i = 0; i < norgs && !branch; i++)
        if (!strcmp(orgs[i].type, "党支部") && !strstr(orgs[i].name, "离退休"))
            branch = orgs[i].id;
    for (int i = 0; !rc && i < list.count; i++)
        if (on_duty(&list.items[i])) {
            m[nm++] = &list.items[i];
            if (list.items[i].branch_id == branch)
                cp[ncp++] = &list.items[i];
        }
    if (rc || nm < 4 || ncp < 3 || (rc = db_begin_write(db, err)))
        goto out;
    /* the twelve whole months before this one: the 汛期 of June to August in it */
    int y = atoi(today), mo = atoi(today + 5) - 12;
    if (mo <= 0) {
        mo += 12;
        y--;
    }
    int flood_year = mo <= 6 ? y : y + 1;
    struct dj_roster fl, ck;
    memset(&fl, 0, sizeof fl);
    fl.bureau_id = root;
    fl.org_id = root;
    dj_copy(fl.kind, sizeof fl.kind, "flood");
    dj_copy(fl.title, sizeof fl.title, "汛期24小时防汛值班");
    dj_copy(fl.place, sizeof fl.place, "局机关防汛值班室");
    dj_copy(fl.note, sizeof fl.note, "每班两人，08:00 交接班");
    memcpy(&ck, &fl, sizeof ck);
    ck.org_id = branch;
    dj_copy(ck.kind, sizeof ck.kind, "checkpoint");
    dj_copy(ck.title, sizeof ck.title, "卡点值守");
    dj_copy(ck.place, sizeof ck.place, "高速公路东出口卡点");
    dj_copy(ck.note, sizeof ck.note, "每班三人");
    if ((rc = store_roster_insert(db, &fl, 0, err)) || (rc = store_roster_insert(db, &ck, 0, err)))
        goto fail;
    char day[DJ_DATE_LEN], first[DJ_DATE_LEN], fbuf[40];
    snprintf(fbuf, sizeof fbuf, "%04d-06-01", flood_year % 10000);
    dj_copy(first, sizeof first, fbuf);
    for (int d = 0; d < 92 && !rc; d++, shifts++) {
        dj_date_add_days(first, d, day);
        rc = add_shift(db, root, fl.id, day, 8, 24, 2, m, nm, &next, &assigned, err);
    }
    char cfirst[DJ_DATE_LEN], buf[40];
    snprintf(buf, sizeof buf, "%04d-%02d-01", y % 10000, mo % 100);
    dj_copy(cfirst, sizeof cfirst, buf);
    int cnext = 0;
    for (int d = 0; d < 14 && !rc; d++, shifts++) {
        dj_date_add_days(cfirst, d, day);
        rc = add_shift(db, root, ck.id, day, 8, 8, 3, cp, ncp, &cnext, &assigned, err);
    }
    /* a swap approved, an absence, the days two members said they could not */
    struct dj_duty_filter f = {.bureau_id = root, .roster_id = fl.id, .limit = 3};
    struct dj_assignment *a = NULL;
    int na = 0;
    int64_t total;
    if (!rc && !(rc = store_assignment_list(db, &f, &a, &na, &total, err)) && na >= 3) {
        a[0].swapped_from = a[0].person_id;
        a[0].swap_to = m[nm - 1]->id;
        a[0].person_id = m[nm - 1]->id;
        dj_copy(a[0].swap_reason, sizeof a[0].swap_reason, "临时出差");
        dj_copy(a[0].swap_status, sizeof a[0].swap_status, "approved");
        a[2].absent = true;
        if (!(rc = store_assignment_update(db, &a[0], err)))
            rc = store_assignment_update(db, &a[2], err);
    }
    free(a);
    for (int k = 0; k < 2 && !rc; k++) {
        struct dj_unavailable u;
        memset(&u, 0, sizeof u);
        u.bureau_id = root;
        u.person_id = m[k]->id;
        dj_date_add_days(first, 40 + k, u.day);
        dj_copy(u.note, sizeof u.note, k ? "家中老人住院" : "外出培训");
        rc = store_unavailable_insert(db, &u, err);
    }
    if (!rc) {
        struct dj_actor system;
        actor_system(&system);
        json_t *after = json_pack("{s:i, s:i, s:i}", "duty_rosters", 2, "duty_shifts", shifts, "duty_assignments", assigned);
        rc = audit_record(db, &system, "demo", "records", 0, root, NULL, after, err);
        json_decref(after);
    }
    if (rc || (rc = db_commit(db, err)))
        goto fail;
    fprintf(out, "值班值守：汛期 24 小时防汛值班 92 班、卡点值守 14 班，共 %d 人次\n", assigned);
    goto out;
fail:
    db_rollback(db);
out:
    free(m);
    free(cp);
    free(orgs);
    store_person_list_free(&list);
    return rc;
}
