#include "core/meetings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/applicants.h"
#include "core/audit.h"
#include "core/duties.h"
#include "core/bureaus.h"
#include "core/inspections.h"
#include "core/contacts.h"
#include "core/honours.h"
#include "core/people.h"
#include "core/rectifications.h"
#include "core/secret.h"
#include "core/tasks.h"
#include "io/sniff.h"
#include "store/learning.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/date.h"
#include "util/text.h"

static json_t *opt_id(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

static json_t *opt_str(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *meeting_json(const struct dj_meeting *m)
{
    json_t *j = json_pack(
        "{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o,"
        " s:s, s:b, s:s, s:s}",
        "id", (json_int_t)m->id, "org_id", (json_int_t)m->org_id, "org", m->org_name, "kind_id",
        (json_int_t)m->kind_id, "kind", m->kind_code, "kind_name", m->kind_name, "held_on",
        m->held_on, "starts_at", m->starts_at, "ends_at", m->ends_at, "place", m->place, "topic",
        m->topic, "host_id", opt_id(m->host_id), "host", opt_str(m->host_name), "recorder_id",
        opt_id(m->recorder_id), "recorder", opt_str(m->recorder_name), "lecturer_id",
        opt_id(m->lecturer_id), "lecturer", opt_str(m->lecturer_name), "recorded_on",
        m->recorded_on, "late_recorded", m->late_recorded, "created_at", m->created_at,
        "updated_at", m->updated_at);
    if (j) {
        json_object_set_new(j, "theme_id", opt_id(m->theme_id));
        json_object_set_new(j, "theme", opt_str(m->theme_name));
        json_object_set_new(j, "module_id", opt_id(m->module_id));
        json_object_set_new(j, "module", opt_str(m->module_name));
        json_object_set_new(j, "guests", json_integer(m->guests));
        /* the life cycle: a planned meeting has no record day yet */
        json_object_set_new(j, "status", json_string(*m->status ? m->status : "held"));
        json_object_set_new(j, "status_reason", json_string(m->status_reason));
        json_object_set_new(j, "corrects_id", opt_id(m->corrects_id));
        json_object_set_new(j, "corrected_by", opt_id(m->corrected_by));
        if (!*m->recorded_on)
            json_object_set_new(j, "recorded_on", json_null());
        json_object_set_new(j, "attendance_count",
                            json_pack("{s:i, s:i, s:i}", "expected", m->n_expected, "attended",
                                      m->n_attended, "present_all", m->n_rows));
    }
    if (j && m->agenda) {
        json_object_set_new(j, "agenda", json_string(m->agenda));
        json_object_set_new(j, "minutes", json_string(m->minutes));
        json_object_set_new(j, "resolutions", json_string(m->resolutions));
    }
    return j;
}

json_t *meeting_list_json(struct dj_meeting_list *l)
{
    json_t *items = json_array();
    for (int i = 0; i < l->count; i++)
        json_array_append_new(items, meeting_json(&l->items[i]));
    store_meeting_list_free(l);
    return items;
}

static int bureau_of(const struct dj_actor *actor)
{
    return (int)path_root_id(authz_scope(actor, PERM_ORGS_READ));
}

int meetings_kinds(struct dj_db *db, const struct dj_actor *actor, json_t **items,
                   struct dj_err *err)
{
    int rc = authz_require(actor, PERM_ORGS_READ, NULL, err);
    if (rc)
        return rc;
    struct dj_meeting_kind *k;
    int n;
    if ((rc = store_meeting_kinds(db, bureau_of(actor), &k, &n, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:s}", "id",
                                                (json_int_t)k[i].id, "code", k[i].code, "name",
                                                k[i].name, "attendees", k[i].attendees,
                                                "include_probationary", k[i].include_probationary,
                                                "include_non_members", k[i].include_non_members,
                                                "quorum", k[i].quorum));
    free(k);
    return 0;
}

int meetings_list(struct dj_db *db, const struct dj_actor *actor, struct dj_meeting_filter *f,
                  struct dj_meeting_list *out, struct dj_err *err)
{
    int rc = authz_require(actor, PERM_ORGS_READ, NULL, err);
    if (rc)
        return rc;
    f->scope_path = actor_is_system(actor) ? NULL : authz_scope(actor, PERM_ORGS_READ);
    /* the records of meetings held unless another state is asked for ("all": any) */
    if (!f->status)
        f->status = "held";
    else if (!strcmp(f->status, "all"))
        f->status = NULL;
    return store_meeting_list(db, f, out, err);
}

/* Quorum of the kind: more than half of those expected (the committee for
 * 支委会, the full members for 党员大会 and 民主评议) present or late. */
static json_t *quorum_json(const struct dj_meeting_kind *k, const struct dj_attendance *a, int n)
{
    if (!*k->quorum)
        return json_null();
    int base = 0, present = 0;
    for (int i = 0; i < n; i++) {
        if (!a[i].expected)
            continue;
        if (!strcmp(k->quorum, "half_members") && strcmp(a[i].political_status, "中共党员") != 0)
            continue; /* 预备党员 have no vote */
        base++;
        present += !strcmp(a[i].status, "出席") || !strcmp(a[i].status, "迟到");
    }
    return json_pack("{s:s, s:i, s:i, s:b}", "rule",
                     !strcmp(k->quorum, "half_committee") ? "到会委员超过支委会成员半数"
                                                          : "到会有表决权的党员超过半数",
                     "expected", base, "present", present, "met", base > 0 && present * 2 > base);
}

json_t *file_json(const struct dj_file *f)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)f->id, "name", f->name,
                          "mime", f->mime, "size", (json_int_t)f->size, "sha256", f->sha256,
                          "created_at", f->created_at);
    /* removed with a reason: kept for auditors, marked */
    if (j && *f->removed_on) {
        json_object_set_new(j, "removed_on", json_string(f->removed_on));
        json_object_set_new(j, "removed_reason", json_string(f->removed_reason));
    }
    return j;
}

/* Orgs.read on the meeting's org; a lecture of the bureau's series
 * (财政月讲堂) is open to everyone of the bureau. */
static int require_readable(const struct dj_actor *actor, const struct dj_meeting *m,
                            struct dj_err *err)
{
    if (!strcmp(m->kind_code, "lecture")) {
        const char *scope = authz_scope(actor, PERM_ORGS_READ);
        if (scope && path_root_id(scope) == path_root_id(m->org_path))
            return 0;
    }
    return authz_require(actor, PERM_ORGS_READ, m->org_path, err);
}

int meetings_get(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_meeting *out,
                 struct dj_err *err)
{
    int rc = store_meeting_get(db, id, out, err);
    if (rc)
        return rc;
    if ((rc = require_readable(actor, out, err)))
        store_meeting_clear(out);
    return rc;
}

int meetings_get_json(struct dj_db *db, const struct dj_actor *actor, int64_t id, json_t **out,
                      struct dj_err *err)
{
    struct dj_meeting m;
    int rc = store_meeting_get(db, id, &m, err);
    if (rc)
        return rc;
    if ((rc = require_readable(actor, &m, err))) {
        store_meeting_clear(&m);
        return rc;
    }
    struct dj_meeting_kind k;
    struct dj_attendance *a = NULL;
    struct dj_file *files = NULL;
    int n = 0, nf = 0;
    if ((rc = store_meeting_kind_get(db, m.kind_id, &k, err)) ||
        (rc = store_attendance_list(db, id, &a, &n, err)) ||
        (rc = store_file_list(db, "meeting", id, &files, &nf, err)))
        goto out;
    json_t *j = meeting_json(&m);
    json_t *att = json_array();
    int counts[5] = {0};
    static const char *const statuses[] = {"出席", "请假", "缺席", "迟到", ""};
    for (int i = 0; i < n; i++) {
        for (int s = 0; s < 5; s++)
            if (!strcmp(a[i].status, statuses[s])) {
                counts[s]++;
                break;
            }
        json_array_append_new(att, json_pack("{s:I, s:s, s:s, s:b, s:o, s:s}", "person_id",
                                             (json_int_t)a[i].person_id, "name", a[i].name,
                                             "political_status", a[i].political_status,
                                             "expected", a[i].expected, "status",
                                             opt_str(a[i].status), "reason", a[i].reason));
    }
    json_object_set_new(j, "attendance", att);
    json_object_set_new(j, "summary",
                        json_pack("{s:i, s:i, s:i, s:i, s:i}", "present", counts[0], "leave",
                                  counts[1], "absent", counts[2], "late", counts[3], "untaken",
                                  counts[4]));
    json_object_set_new(j, "quorum", quorum_json(&k, a, n));
    json_t *fj = json_array();
    for (int i = 0; i < nf; i++)
        json_array_append_new(fj, file_json(&files[i]));
    json_object_set_new(j, "files", fj);
    *out = j;
out:
    free(a);
    free(files);
    store_meeting_clear(&m);
    return rc;
}

int meetings_writable(const struct dj_meeting *m, struct dj_err *err)
{
    if (!strcmp(m->status, "cancelled"))
        return dj_err_set(err, DJ_ECONFLICT, "会议已取消，不能再修改");
    if (!strcmp(m->status, "voided"))
        return dj_err_set(err, DJ_ECONFLICT, "会议记录已作废，不能再修改");
    return 0;
}

static bool time_ok(const char *t)
{
    return !*t || (strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' &&
                   t[1] <= '9' && t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' &&
                   (t[0] < '2' || t[1] <= '3'));
}

/* Checks the fields, the kind against the org, the people named, and the
 * back-filling rule; fills org and kind details.  A planned meeting
 * (status "planned") is dated today or later and has no record day; a
 * correction (corrects_id set, recorded_on the corrected record's) is
 * measured from the day the corrected record was made. */
int meetings_check(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   struct dj_meeting *m, const struct dj_meeting *before, struct dj_org *org,
                   struct dj_meeting_kind *k, struct dj_err *err)
{
    int rc;
    /* an organisation of another bureau is answered as a missing one */
    if ((rc = store_org_get(db, m->org_id, org, err)) == DJ_ENOTFOUND ||
        (!rc && authz_foreign(actor, org->path)))
        return dj_err_field(err, "org_id", "组织不存在");
    if (rc)
        return rc;
    /* who may write comes before what the fields name: no answer about people to others */
    if ((rc = authz_require(actor, PERM_MEETINGS_WRITE, org->path, err)))
        return rc;
    if ((rc = store_meeting_kind_get(db, m->kind_id, k, err)))
        return rc == DJ_ENOTFOUND ? dj_err_field(err, "kind_id", "会议类型不存在") : rc;
    if (k->bureau_id && k->bureau_id != path_root_id(org->path))
        return dj_err_field(err, "kind_id", "会议类型不存在");
    if (!strcmp(k->attendees, "group") && strcmp(org->type, "党小组") != 0)
        return dj_err_field(err, "org_id", "%s应由党小组召开", k->name);
    if ((!strcmp(k->attendees, "branch") || !strcmp(k->attendees, "committee")) &&
        strcmp(org->type, "党支部") != 0 && strcmp(org->type, "党总支") != 0 &&
        strcmp(org->type, "党委") != 0 && strcmp(org->type, "机关党委") != 0)
        return dj_err_field(err, "org_id", "%s应由党支部（或党总支、党委）召开", k->name);
    char today[DJ_DATE_LEN];
    dj_date_today(cfg->timezone, today);
    bool planned = !strcmp(m->status, "planned");
    if (!dj_date_valid(m->held_on))
        dj_err_field(err, "held_on", "应为日期 YYYY-MM-DD");
    else if (planned && strcmp(m->held_on, today) < 0)
        dj_err_field(err, "held_on", "计划召开的日期不能早于今天");
    else if (!planned && strcmp(m->held_on, today) > 0)
        dj_err_field(err, "held_on", "会议日期不能晚于今天：会议记录在会后填写");
    if (!time_ok(m->starts_at))
        dj_err_field(err, "starts_at", "应为时间 HH:MM");
    if (!time_ok(m->ends_at))
        dj_err_field(err, "ends_at", "应为时间 HH:MM");
    if (*m->starts_at && *m->ends_at && strcmp(m->ends_at, m->starts_at) <= 0)
        dj_err_field(err, "ends_at", "结束时间应晚于开始时间");
    if (!dj_utf8_valid(m->topic, strlen(m->topic)) || dj_utf8_length(m->topic) > 100)
        dj_err_field(err, "topic", "主题最长 100 个字");
    int64_t people[3] = {m->host_id, m->recorder_id, m->lecturer_id};
    int64_t kept[3] = {before ? before->host_id : 0, before ? before->recorder_id : 0,
                       before ? before->lecturer_id : 0};
    static const char *const names[3] = {"host_id", "recorder_id", "lecturer_id"};
    for (int i = 0; i < 3; i++) {
        struct dj_person p;
        if (!people[i] || people[i] == kept[i])
            continue;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        int prc = store_person_get(db, people[i], &p, &lookup);
        /* only people of the meeting's own bureau whom the writer may name */
        if (prc || p.bureau_id != path_root_id(org->path) || !people_may_record(actor, &p)) {
            dj_err_field(err, names[i], "人员不存在或不在您的管辖范围内");
            continue;
        }
        /* a lecture given counts in the lecturer's index: its org must cover them */
        bool covered = true;
        if (i == 2 && !strcmp(k->code, "lecture") && dj_date_valid(m->held_on) &&
            (prc = people_covered(db, &p, org->path, m->held_on, &covered, err)))
            return prc;
        if (!covered)
            dj_err_field(err, names[i], "%s 在 %s 不属于%s，不能记为本组织讲堂的主讲人", p.name,
                         m->held_on, org->name);
    }
    int64_t labels[2] = {m->theme_id, m->module_id};
    static const char *const label_fields[2] = {"theme_id", "module_id"};
    static const char *const label_kinds[2] = {"theme", "module"};
    for (int i = 0; i < 2; i++) {
        struct dj_lecture_label l;
        struct dj_err lookup;
        dj_err_clear(&lookup);
        if (labels[i] && (store_lecture_label_get(db, labels[i], &l, &lookup) ||
                          l.bureau_id != path_root_id(org->path) || strcmp(l.kind, label_kinds[i])))
            dj_err_field(err, label_fields[i], "%s不存在", i ? "模块" : "主题");
    }
    if (m->guests < 0 || m->guests > 100000)
        dj_err_field(err, "guests", "外单位参加人数应在 0 到 100000 之间");
    if (err && err->code == DJ_EINVAL)
        return DJ_EINVAL;
    if (before)
        return 0; /* the back-filling rule judges when a record was first made */
    if (planned) {
        m->recorded_on[0] = '\0'; /* recorded when it is held */
        m->late_recorded = false;
        return 0;
    }
    /* records are made when meetings happen ("看现场、查实情"); a correction
     * keeps the day its mistaken record was made */
    if (!m->corrects_id || !dj_date_valid(m->recorded_on))
        dj_copy(m->recorded_on, sizeof m->recorded_on, today);
    int64_t delay = dj_date_days(m->recorded_on) - dj_date_days(m->held_on);
    /* the bureau's own back-filling rule, else the deployment's */
    struct dj_bureau_rules rules;
    int rrc = bureau_rules(db, cfg, path_root_id(org->path), &rules, err);
    if (rrc)
        return rrc;
    m->late_recorded = delay > rules.backfill_days;
    if (m->late_recorded && rules.refuse_late)
        return dj_err_field(err, "held_on", "会议已过去 %lld 天，超过补录期限 %d 天，不能补录",
                            (long long)delay, rules.backfill_days);
    return 0;
}

int meetings_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    struct dj_meeting *m, struct dj_err *err)
{
    struct dj_org org;
    struct dj_meeting_kind k;
    int rc = meetings_check(db, cfg, actor, m, NULL, &org, &k, err);
    if (rc || (rc = authz_require(actor, PERM_MEETINGS_WRITE, org.path, err)))
        return rc;
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
    struct dj_meeting stored;
    if ((rc = store_meeting_get(db, m->id, &stored, err)))
        goto fail;
    after = meeting_json(&stored); /* with the names and times the database gave it */
    store_meeting_clear(&stored);
    json_object_set_new(after, "expected", json_integer(n));
    if ((rc = audit_record(db, actor, "create", "meeting", m->id, m->org_id, NULL, after, err)) ||
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

int meetings_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                    struct dj_meeting *m, struct dj_err *err)
{
    struct dj_meeting before;
    int rc = store_meeting_get(db, m->id, &before, err);
    if (rc)
        return rc;
    if ((rc = authz_require(actor, PERM_MEETINGS_WRITE, before.org_path, err)) ||
        (rc = meetings_writable(&before, err)))
        goto out;
    bool planned = !strcmp(before.status, "planned");
    /* a plan may move to another day; a record keeps its organisation, kind and date */
    if (m->org_id != before.org_id || m->kind_id != before.kind_id ||
        (!planned && strcmp(m->held_on, before.held_on) != 0)) {
        rc = dj_err_field(err, "held_on", "会议的组织、类型和日期在记录后不能更改；如有错误请作废后重新记录（更正）");
        goto out;
    }
    struct dj_org org;
    struct dj_meeting_kind k;
    dj_copy(m->status, sizeof m->status, before.status);
    if ((rc = meetings_check(db, cfg, actor, m, planned ? NULL : &before, &org, &k, err)))
        goto out;
    /* the record keeps the day it was first made */
    dj_copy(m->recorded_on, sizeof m->recorded_on, before.recorded_on);
    m->late_recorded = before.late_recorded;
    if ((rc = db_begin_write(db, err)))
        goto out;
    json_t *jb = meeting_json(&before), *ja = NULL;
    struct dj_meeting stored;
    memset(&stored, 0, sizeof stored);
    if ((rc = store_meeting_update(db, m, err)) || (rc = store_meeting_get(db, m->id, &stored, err)) ||
        (!(ja = meeting_json(&stored)) && (rc = dj_err_set(err, DJ_ENOMEM, "内存不足"))) ||
        (rc = audit_record(db, actor, "update", "meeting", m->id, m->org_id, jb, ja, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    store_meeting_clear(&stored);
    json_decref(jb);
    json_decref(ja);
out:
    store_meeting_clear(&before);
    return rc;
}

int meetings_attendance(struct dj_db *db, const struct dj_actor *actor, int64_t meeting_id,
                        const struct dj_attendance_change *changes, int n, struct dj_err *err)
{
    struct dj_meeting m;
    int rc = store_meeting_get(db, meeting_id, &m, err);
    if (rc)
        return rc;
    struct dj_meeting_kind k;
    struct dj_attendance *cur = NULL;
    int ncur = 0;
    json_t *before = NULL, *after = NULL;
    if ((rc = authz_require(actor, PERM_MEETINGS_WRITE, m.org_path, err)) ||
        (rc = meetings_writable(&m, err)) ||
        (rc = store_meeting_kind_get(db, m.kind_id, &k, err)) ||
        (rc = store_attendance_list(db, meeting_id, &cur, &ncur, err)))
        goto out;
    for (int i = 0; i < n; i++) {
        const struct dj_attendance_change *c = &changes[i];
        char field[48];
        snprintf(field, sizeof field, "attendance[%d]", i);
        /* before a planned meeting only leave (请假) is known */
        if (!strcmp(m.status, "planned") && strcmp(c->status, "请假") != 0) {
            dj_err_field(err, field, "会议尚未召开：只能登记请假；召开后再记录出勤");
            continue;
        }
        if (strcmp(c->status, "出席") && strcmp(c->status, "请假") && strcmp(c->status, "缺席") &&
            strcmp(c->status, "迟到"))
            dj_err_field(err, field, "出勤状态应为 出席、请假、缺席 或 迟到");
        else if (!strcmp(c->status, "请假") && !*c->reason)
            dj_err_field(err, field, "请假须填写事由");
        bool known = false;
        for (int j = 0; j < ncur; j++)
            known |= cur[j].person_id == c->person_id;
        if (!known && strcmp(k.attendees, "custom") != 0 && !k.include_non_members) {
            dj_err_field(err, field, "此人不在应到名单中（%s只由本组织党员参加）", k.name);
        } else if (!known) {
            /* someone added beyond the expected list: within the writer's
             * scope, and for a lecture covered by its organisation on the day */
            struct dj_person p;
            struct dj_err lookup;
            dj_err_clear(&lookup);
            int prc = store_person_get(db, c->person_id, &p, &lookup);
            bool covered = true;
            if (prc || p.bureau_id != path_root_id(m.org_path) || !people_may_record(actor, &p))
                dj_err_field(err, field, "人员不存在或不在您的管辖范围内");
            else if (!strcmp(k.code, "lecture") &&
                     (rc = people_covered(db, &p, m.org_path, m.held_on, &covered, err)))
                goto out;
            else if (!covered)
                dj_err_field(err, field, "%s 在 %s 不属于%s，不能记入本组织的讲堂", p.name,
                             m.held_on, m.org_name);
        }
    }
    if (err && err->code == DJ_EINVAL) {
        rc = DJ_EINVAL;
        goto out;
    }
    before = json_array();
    for (int j = 0; j < ncur; j++)
        json_array_append_new(before, json_pack("{s:I, s:s}", "person_id", (json_int_t)cur[j].person_id,
                                                "status", cur[j].status));
    after = json_array();
    if ((rc = db_begin_write(db, err)))
        goto out;
    for (int i = 0; i < n && !rc; i++) {
        struct dj_attendance a = {.person_id = changes[i].person_id};
        bool known = false;
        for (int j = 0; j < ncur; j++)
            if (cur[j].person_id == a.person_id) {
                known = true;
                a.expected = cur[j].expected;
            }
        if (!known)
            a.expected = false;
        dj_copy(a.status, sizeof a.status, changes[i].status);
        dj_copy(a.reason, sizeof a.reason, changes[i].reason);
        rc = store_attendance_set(db, meeting_id, &a, err);
        json_array_append_new(after, json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)a.person_id,
                                               "status", a.status, "reason", a.reason));
    }
    if (rc || (rc = audit_record(db, actor, "attendance", "meeting", meeting_id, m.org_id, before,
                                 after, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
out:
    json_decref(before);
    json_decref(after);
    free(cur);
    store_meeting_clear(&m);
    return rc;
}

int meetings_attendance_remove(struct dj_db *db, const struct dj_actor *actor, int64_t meeting_id,
                               int64_t person_id, struct dj_err *err)
{
    struct dj_meeting m;
    int rc = store_meeting_get(db, meeting_id, &m, err);
    if (rc)
        return rc;
    int64_t org = m.org_id;
    if (!(rc = authz_require(actor, PERM_MEETINGS_WRITE, m.org_path, err)))
        rc = meetings_writable(&m, err);
    store_meeting_clear(&m);
    if (rc || (rc = db_begin_write(db, err)))
        return rc;
    json_t *before = json_pack("{s:I}", "person_id", (json_int_t)person_id);
    if ((rc = store_attendance_remove(db, meeting_id, person_id, err)) ||
        (rc = audit_record(db, actor, "attendance_remove", "meeting", meeting_id, org, before, NULL, err)) ||
        (rc = db_commit(db, err)))
        db_rollback(db);
    json_decref(before);
    return rc;
}

/* The organisation and bureau of the object a file is attached to, when the
 * actor may attach evidence to it. */
static int attach_target(struct dj_db *db, const struct dj_actor *actor, const char *object_type,
                         int64_t object_id, int64_t *org_id, int64_t *bureau, struct dj_err *err)
{
    /* an inspection's finding (core/inspections decides who) */
    if (!strcmp(object_type, "finding"))
        return finding_file_target(db, actor, object_id, bureau, org_id, err);
    /* tasks: a progress report's evidence, a rectification's */
    if (!strcmp(object_type, "task_report"))
        return tasks_file_target(db, actor, object_id, org_id, bureau, err);
    if (!strcmp(object_type, "rectification"))
        return rects_file_target(db, actor, object_id, org_id, bureau, err);
    /* service: photos of a visit (core/contacts decides who may) */
    if (!strcmp(object_type, "contact_visit"))
        return contacts_visit_file_target(db, actor, object_id, true, org_id, bureau, err);
    /* a 党建责任书's signed scan (core/duties: the 机关党委's writers) */
    if (!strcmp(object_type, "duty_doc"))
        return duties_file_target(db, actor, object_id, true, org_id, bureau, err);
    /* 发展党员 and 荣誉: the stage documents, an honour's certificate */
    if (!strcmp(object_type, "applicant"))
        return applicants_file_target(db, actor, object_id, true, org_id, bureau, err);
    if (!strcmp(object_type, "honour"))
        return honours_file_target(db, actor, object_id, true, org_id, bureau, err);
    if (strcmp(object_type, "meeting") != 0)
        return dj_err_field(err, "object_type",
                            "object_type 应为 meeting（会议）、finding（检查发现的问题）、task_report、rectification、contact_visit（走访记录）、duty_doc（责任书）、applicant（入党申请人）或 honour（荣誉）");
    struct dj_meeting m;
    int rc = store_meeting_get(db, object_id, &m, err);
    if (!rc && authz_foreign(actor, m.org_path)) {
        store_meeting_clear(&m);
        rc = DJ_ENOTFOUND; /* another bureau's meeting is as good as missing */
    }
    if (rc)
        return rc == DJ_ENOTFOUND ? dj_err_field(err, "object_id", "会议不存在") : rc;
    if (!(rc = authz_require(actor, PERM_MEETINGS_WRITE, m.org_path, err)))
        rc = meetings_writable(&m, err); /* no evidence on a cancelled or voided record */
    *org_id = m.org_id;
    *bureau = path_root_id(m.org_path);
    store_meeting_clear(&m);
    return rc;
}

int files_attach(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const char *object_type, int64_t object_id, const char *name, const void *data,
                 size_t len, struct dj_file *out, struct dj_err *err)
{
    (void)cfg;
    int64_t org_id = 0, bureau = 0;
    int rc = attach_target(db, actor, object_type, object_id, &org_id, &bureau, err);
    if (rc)
        return rc;
    if (len == 0)
        return dj_err_set(err, DJ_EINVAL, "文件为空");
    const char *mime = sniff_mime(data, len);
    if (!mime)
        return dj_err_set(err, DJ_EUNSUPPORTED,
                          "不支持的文件类型：请上传照片（JPEG、PNG、GIF、WebP）、PDF 或 Office 文档");
    memset(out, 0, sizeof *out);
    out->bureau_id = bureau;
    out->object_id = object_id;
    dj_copy(out->object_type, sizeof out->object_type, object_type);
    const char *base = name && *name ? name : "证明材料";
    if (!dj_utf8_valid(base, strlen(base)))
        base = "证明材料";
    sniff_file_name(base, mime, out->name, sizeof out->name); /* the type names the file */
    dj_copy(out->mime, sizeof out->mime, mime);
    secret_sha256_hex(data, len, out->sha256);
    if ((rc = db_begin_write(db, err)))
        return rc;
    json_t *after = NULL;
    if ((rc = store_file_insert(db, out, data, len, actor->user.id, err)))
        goto fail;
    after = file_json(out);
    json_object_set_new(after, "object_type", json_string(object_type));
    json_object_set_new(after, "object_id", json_integer(object_id));
    if ((rc = audit_record(db, actor, "create", "file", out->id, org_id, NULL, after, err)) ||
        (rc = db_commit(db, err)))
        goto fail;
    json_decref(after);
    return 0;
fail:
    db_rollback(db);
    json_decref(after);
    return rc;
}

int files_read(struct dj_db *db, const struct dj_actor *actor, int64_t id, struct dj_file *f,
               void **data, size_t *len, struct dj_err *err)
{
    int rc = store_file_get(db, id, f, data, len, err);
    if (rc)
        return rc;
    if (!strcmp(f->object_type, "meeting")) {
        struct dj_meeting m;
        if ((rc = store_meeting_get(db, f->object_id, &m, err)) == 0) {
            rc = require_readable(actor, &m, err);
            store_meeting_clear(&m);
        }
    } else if (!strcmp(f->object_type, "finding")) {
        rc = finding_file_readable(db, actor, f->object_id, err);
    } else if (!strcmp(f->object_type, "task_report")) {
        rc = tasks_file_readable(db, actor, f->object_id, err);
    } else if (!strcmp(f->object_type, "rectification")) {
        rc = rects_file_readable(db, actor, f->object_id, err);
    } else if (!strcmp(f->object_type, "contact_visit")) {
        int64_t org_id, bureau;
        rc = contacts_visit_file_target(db, actor, f->object_id, false, &org_id, &bureau, err);
    } else if (!strcmp(f->object_type, "duty_doc")) {
        int64_t org_id, bureau;
        rc = duties_file_target(db, actor, f->object_id, false, &org_id, &bureau, err);
    } else if (!strcmp(f->object_type, "applicant") || !strcmp(f->object_type, "honour")) {
        int64_t org_id, bureau;
        rc = f->object_type[0] == 'a' ? applicants_file_target(db, actor, f->object_id, false, &org_id, &bureau, err)
                                      : honours_file_target(db, actor, f->object_id, false, &org_id, &bureau, err);
    } else {
        rc = dj_err_set(err, DJ_EFORBIDDEN, "您没有权限查看此文件");
    }
    if (rc) {
        free(*data);
        *data = NULL;
        *len = 0;
    }
    return rc;
}
