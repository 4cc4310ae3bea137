#include "core/lectures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/people.h"
#include "util/text.h"

int lectures_bureau(const struct dj_actor *actor, char *path, size_t size, struct dj_err *err)
{
    const char *scope = authz_scope(actor, PERM_ORGS_READ);
    int64_t bureau = scope ? path_root_id(scope) : 0;
    if (!bureau)
        return dj_err_set(err, DJ_EFORBIDDEN, "您的账号不属于任何单位");
    snprintf(path, size, "/%lld/", (long long)bureau);
    return 0;
}

int lectures_kind_id(struct dj_db *db, int64_t *id, struct dj_err *err)
{
    struct dj_meeting_kind *k;
    int n, rc = store_meeting_kinds(db, 0, &k, &n, err);
    if (rc)
        return rc;
    *id = 0;
    for (int i = 0; i < n; i++)
        if (!strcmp(k[i].code, "lecture"))
            *id = k[i].id;
    free(k);
    return *id ? 0 : dj_err_set(err, DJ_EINTERNAL, "缺少“财政月讲堂”会议类型");
}

int lectures_list(struct dj_db *db, const struct dj_actor *actor, const char *from,
                  const char *to, int limit, int offset, struct dj_meeting_list *out,
                  struct dj_err *err)
{
    char bureau[32];
    int rc = lectures_bureau(actor, bureau, sizeof bureau, err);
    if (rc)
        return rc;
    struct dj_meeting_filter f = {.scope_path = bureau, .kind_code = "lecture", .status = "held", .from = from,
                                  .to = to, .limit = limit, .offset = offset};
    return store_meeting_list(db, &f, out, err);
}

static json_t *groups_json(const struct dj_lecture_group *g, int n, const char *key)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:i, s:I}", key, g[i].key, "sessions",
                                           g[i].sessions, "person_times",
                                           (json_int_t)g[i].person_times));
    return a;
}

int lectures_summary(struct dj_db *db, const struct dj_actor *actor, const char *from,
                     const char *to, json_t **out, struct dj_err *err)
{
    char bureau[32];
    int rc = lectures_bureau(actor, bureau, sizeof bureau, err);
    if (rc)
        return rc;
    struct dj_lecture_totals t;
    if ((rc = store_lecture_totals(db, bureau, from, to, &t, err)))
        return rc;
    json_t *j = json_pack("{s:s, s:s, s:i, s:I, s:I, s:I, s:I, s:I}", "from", from, "to", to,
                          "sessions", t.sessions, "person_times",
                          (json_int_t)(t.roster_times + t.guests), "roster_times",
                          (json_int_t)t.roster_times, "member_times", (json_int_t)t.member_times,
                          "non_member_times", (json_int_t)(t.roster_times - t.member_times),
                          "guests", (json_int_t)t.guests);
    static const char *const bys[3] = {"month", "theme", "module"};
    static const char *const names[3] = {"by_month", "by_theme", "by_module"};
    for (int b = 0; b < 3 && !rc; b++) {
        struct dj_lecture_group *g = NULL;
        int n = 0;
        if ((rc = store_lecture_groups(db, bureau, from, to, bys[b], &g, &n, err)) == 0)
            json_object_set_new(j, names[b], groups_json(g, n, bys[b]));
        free(g);
    }
    if (rc) {
        json_decref(j);
        return rc;
    }
    *out = j;
    return 0;
}

/* not yet lectured first; among them, who lectured longest ago (never first) */
static int rota_order(const void *a, const void *b)
{
    const struct dj_rota_entry *x = a, *y = b;
    int c = strcmp(x->last_on, y->last_on);
    return c ? c : strcmp(x->staff_no, y->staff_no);
}

int lectures_rota(struct dj_db *db, const struct dj_actor *actor, const char *from,
                  const char *to, json_t **out, struct dj_err *err)
{
    char bureau[32];
    int rc = lectures_bureau(actor, bureau, sizeof bureau, err);
    if (rc)
        return rc;
    struct dj_rota_entry *r = NULL;
    int n = 0;
    if ((rc = store_lecture_rota(db, path_root_id(bureau), from, to, &r, &n, err)))
        return rc;
    qsort(r, (size_t)n, sizeof *r, rota_order);
    /* 工号 and 政治面貌 only for those who may read the roster */
    bool roster = authz_allows(actor, PERM_PEOPLE_READ, bureau);
    json_t *lectured = json_array(), *not_yet = json_array();
    for (int i = 0; i < n; i++) {
        json_t *e = json_pack("{s:I, s:s, s:s, s:i, s:o}", "person_id", (json_int_t)r[i].person_id,
                              "name", r[i].name, "department", r[i].department, "given", r[i].given,
                              "last_on", *r[i].last_on ? json_string(r[i].last_on) : json_null());
        if (e && roster) {
            json_object_set_new(e, "staff_no", json_string(r[i].staff_no));
            json_object_set_new(e, "political_status", json_string(r[i].political_status));
        }
        json_array_append_new(r[i].given ? lectured : not_yet, e);
    }
    free(r);
    *out = json_pack("{s:s, s:s, s:o, s:o}", "from", from, "to", to, "lectured", lectured,
                     "not_yet", not_yet);
    return 0;
}

json_t *lecture_label_json(const struct dj_lecture_label *l)
{
    return json_pack("{s:I, s:s, s:s, s:i, s:b}", "id", (json_int_t)l->id, "kind", l->kind, "name",
                     l->name, "sort_order", l->sort_order, "active", l->active);
}

int lecture_labels_list(struct dj_db *db, const struct dj_actor *actor, const char *kind,
                        json_t **items, struct dj_err *err)
{
    char bureau[32];
    int rc = lectures_bureau(actor, bureau, sizeof bureau, err);
    if (rc)
        return rc;
    struct dj_lecture_label *l = NULL;
    int n = 0;
    if ((rc = store_lecture_labels(db, path_root_id(bureau), kind, &l, &n, err)))
        return rc;
    *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*items, lecture_label_json(&l[i]));
    free(l);
    return 0;
}

int lecture_labels_get(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       struct dj_lecture_label *out, struct dj_err *err)
{
    char bureau[32];
    int rc = lectures_bureau(actor, bureau, sizeof bureau, err);
    if (rc || (rc = store_lecture_label_get(db, id, out, err)))
        return rc;
    if (out->bureau_id != path_root_id(bureau))
        return dj_err_set(err, DJ_ENOTFOUND, "主题或模块不存在");
    return 0;
}

int lecture_labels_seed(struct dj_db *db, int64_t bureau_id, struct dj_err *err)
{
    static const struct {
        const char *kind, *name;
    } defaults[] = {{"theme", "忠诚"},      {"theme", "责任"},      {"theme", "奉献"},
                    {"theme", "廉政"},      {"module", "理论武装"}, {"module", "理想信念"},
                    {"module", "财政业务"}};
    int order[2] = {0, 0};
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        struct dj_lecture_label l = {.bureau_id = bureau_id, .active = true};
        dj_copy(l.kind, sizeof l.kind, defaults[i].kind);
        dj_copy(l.name, sizeof l.name, defaults[i].name);
        l.sort_order = ++order[strcmp(l.kind, "theme") != 0];
        int rc = store_lecture_label_save(db, &l, err);
        if (rc)
            return rc;
    }
    return 0;
}

int lecture_labels_save(struct dj_db *db, const struct dj_actor *actor,
                        struct dj_lecture_label *l, struct dj_err *err)
{
    char bureau[32];
    int rc = lectures_bureau(actor, bureau, sizeof bureau, err);
    if (rc)
        return rc;
    json_t *before = NULL;
    if (l->id) {
        struct dj_lecture_label old;
        if ((rc = store_lecture_label_get(db, l->id, &old, err)))
            return rc;
        snprintf(bureau, sizeof bureau, "/%lld/", (long long)old.bureau_id);
        if (authz_foreign(actor, bureau))
            return dj_err_set(err, DJ_ENOTFOUND, "主题或模块不存在");
        l->bureau_id = old.bureau_id;
        memcpy(l->kind, old.kind, sizeof l->kind);
        before = lecture_label_json(&old);
    } else {
        l->bureau_id = path_root_id(bureau);
        if (strcmp(l->kind, "theme") && strcmp(l->kind, "module"))
            dj_err_field(err, "kind", "应为 theme（主题）或 module（模块）");
    }
    size_t chars = dj_utf8_length(l->name);
    if (chars == 0 || chars > 20)
        dj_err_field(err, "name", "名称应为 1 至 20 个字");
    if ((rc = err && err->code == DJ_EINVAL ? DJ_EINVAL : 0) ||
        (rc = authz_require(actor, PERM_MEETINGS_WRITE, bureau, err))) {
        json_decref(before);
        return rc;
    }
    if ((rc = db_begin_write(db, err))) {
        json_decref(before);
        return rc;
    }
    json_t *after = NULL;
    if ((rc = store_lecture_label_save(db, l, err)) || !(after = lecture_label_json(l)) ||
        (rc = audit_record(db, actor, before ? "update" : "create", "lecture_label", l->id,
                           l->bureau_id, before, after, err)) ||
        (rc = db_commit(db, err))) {
        db_rollback(db);
        if (!rc)
            rc = dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    json_decref(before);
    json_decref(after);
    return rc;
}
