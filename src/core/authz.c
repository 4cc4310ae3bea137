#include "core/authz.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/clock.h"

struct role_def {
    const char *name;
    const char *label;
    unsigned perms; /* bit per enum dj_perm */
};

#define P(x) (1u << (x))

/* The one table of what each role may do. */
static const struct role_def roles[] = {
    {"sysadmin", "系统管理员",
     P(PERM_USERS_MANAGE) | P(PERM_AUDIT_READ) | P(PERM_ORGS_READ) | P(PERM_ORGS_MANAGE) |
         P(PERM_PEOPLE_READ) | P(PERM_PEOPLE_WRITE) | P(PERM_PEOPLE_IMPORT) | P(PERM_IDNUMBER_READ)},
    {"party_admin", "机关党委（党务管理员）",
     P(PERM_AUDIT_READ) | P(PERM_ORGS_READ) | P(PERM_ORGS_MANAGE) | P(PERM_PEOPLE_READ) |
         P(PERM_PEOPLE_WRITE) | P(PERM_PEOPLE_IMPORT) | P(PERM_IDNUMBER_READ) | P(PERM_MEETINGS_WRITE) |
         P(PERM_INDEXES_MANAGE)},
    {"branch_secretary", "支部书记",
     P(PERM_ORGS_READ) | P(PERM_PEOPLE_READ) | P(PERM_PEOPLE_WRITE) | P(PERM_MEETINGS_WRITE)},
    /* a department head reads the people of the department named in the grant (core/people) */
    {"dept_head", "科室负责人", P(PERM_ORGS_READ)},
    {"discipline", "纪检", P(PERM_ORGS_READ) | P(PERM_PEOPLE_READ)},
    /* a member reads their own record (core/people) */
    {"member", "党员", P(PERM_ORGS_READ)},
    /* a lobby screen's account: no permission; it reads only GET /screen, the panels its
     * bureau marks public (core/screen), and api refuses it every other route */
    {"kiosk", "数据大屏（展示账号）", 0},
};
#define NROLES (sizeof roles / sizeof roles[0])

static const struct role_def *role_find(const char *name)
{
    for (size_t i = 0; i < NROLES; i++)
        if (strcmp(roles[i].name, name) == 0)
            return &roles[i];
    return NULL;
}

void actor_system(struct dj_actor *a)
{
    memset(a, 0, sizeof *a);
    snprintf(a->user.username, sizeof a->user.username, "system");
    snprintf(a->user.display_name, sizeof a->user.display_name, "系统");
}

bool actor_is_system(const struct dj_actor *a)
{
    return a->user.id == 0 && a->session_id == 0 && strcmp(a->user.username, "system") == 0;
}

bool authz_role_valid(const char *role)
{
    return role && role_find(role) != NULL;
}

const char *authz_role_label(const char *role)
{
    const struct role_def *r = role_find(role);
    return r ? r->label : role;
}

static bool path_within(const char *target, const char *scope)
{
    return strncmp(target, scope, strlen(scope)) == 0;
}

bool authz_allows(const struct dj_actor *a, enum dj_perm perm, const char *target_path)
{
    if (actor_is_system(a))
        return true; /* the command line acts for the administrator at the console */
    if (a->user.disabled || a->user.bureau_suspended)
        return false;
    for (int i = 0; i < a->user.nroles; i++) {
        const struct role_def *r = role_find(a->user.roles[i].role);
        if (!r || !(r->perms & P(perm)))
            continue;
        if (!target_path || path_within(target_path, a->user.roles[i].org_path))
            return true;
    }
    return false;
}

bool authz_kiosk_only(const struct dj_actor *a)
{
    if (actor_is_system(a) || a->user.nroles == 0)
        return false;
    for (int i = 0; i < a->user.nroles; i++)
        if (strcmp(a->user.roles[i].role, "kiosk") != 0)
            return false;
    return true;
}

bool authz_has_role(const struct dj_actor *a, const char *role, const char *target_path,
                    int64_t department_id)
{
    if (a->user.disabled || a->user.bureau_suspended)
        return false;
    for (int i = 0; i < a->user.nroles; i++) {
        const struct dj_role_grant *g = &a->user.roles[i];
        if (strcmp(g->role, role) != 0)
            continue;
        if (department_id && g->department_id) {
            if (g->department_id == department_id)
                return true;
            continue;
        }
        if (target_path && path_within(target_path, g->org_path))
            return true;
    }
    return false;
}

int64_t authz_path_bureau(const char *path)
{
    return path && path[0] == '/' ? strtoll(path + 1, NULL, 10) : 0;
}

bool authz_in_bureau(const struct dj_actor *a, const char *target_path)
{
    return actor_is_system(a) ||
           (a->user.bureau_id && authz_path_bureau(target_path) == a->user.bureau_id);
}

bool authz_foreign(const struct dj_actor *a, const char *target_path)
{
    /* "/0/" names no bureau (a caller without any scope): a plain refusal */
    return target_path && *target_path && authz_path_bureau(target_path) != 0 &&
           !authz_in_bureau(a, target_path);
}

int authz_refuse(const struct dj_actor *a, const char *target_path, const char *message,
                 struct dj_err *err)
{
    /* another bureau's records do not exist for the caller: not even a 403 tells them apart */
    if (authz_foreign(a, target_path))
        return dj_err_set(err, DJ_ENOTFOUND, AUTHZ_FOREIGN_MESSAGE);
    return dj_err_set(err, DJ_EFORBIDDEN, "%s", message);
}

int authz_require(const struct dj_actor *a, enum dj_perm perm, const char *target_path,
                  struct dj_err *err)
{
    if (authz_allows(a, perm, target_path))
        return 0;
    return authz_refuse(a, target_path, "您没有权限执行此操作", err);
}

const char *authz_scope(const struct dj_actor *a, enum dj_perm perm)
{
    const char *best = NULL;
    for (int i = 0; i < a->user.nroles; i++) {
        const struct role_def *r = role_find(a->user.roles[i].role);
        if (!r || !(r->perms & P(perm)))
            continue;
        const char *p = a->user.roles[i].org_path;
        if (!best || strlen(p) < strlen(best))
            best = p;
    }
    return best;
}

int authz_permission_names(const struct dj_actor *a, const char **names, int max)
{
    static const char *const perm_names[PERM_COUNT] = {
        [PERM_USERS_MANAGE] = "users.manage",
        [PERM_AUDIT_READ] = "audit.read",
        [PERM_ORGS_READ] = "orgs.read",
        [PERM_ORGS_MANAGE] = "orgs.manage",
        [PERM_PEOPLE_READ] = "people.read",
        [PERM_PEOPLE_WRITE] = "people.write",
        [PERM_PEOPLE_IMPORT] = "people.import",
        [PERM_IDNUMBER_READ] = "people.id_number",
        [PERM_MEETINGS_WRITE] = "meetings.write",
        [PERM_INDEXES_MANAGE] = "indexes.manage",
    };
    int n = 0;
    for (int p = 0; p < PERM_COUNT && n < max; p++)
        if (authz_allows(a, (enum dj_perm)p, NULL))
            names[n++] = perm_names[p];
    return n;
}

bool authz_path_is_root(const char *path)
{
    /* "/N/": exactly two slashes */
    int slashes = 0;
    for (const char *p = path; *p; p++)
        slashes += *p == '/';
    return slashes == 2;
}

/* The rate limit of denial records: an open-addressed table of account and
 * route, each with the start of its window and the denials not recorded
 * since the last record.  A key finds a slot among PROBES; when all are held
 * by other keys still in their window the denial is only counted (in
 * overflow, reported with the next record), so writes stay bounded whatever
 * the caller does. */
#define DENIAL_SLOTS 1024
#define DENIAL_PROBES 8

struct denial_slot {
    int64_t user_id;
    const char *route;
    int64_t window_start; /* unix seconds; 0: free */
    int64_t suppressed;
};

static struct denial_slot denial_slots[DENIAL_SLOTS];
static int64_t denial_overflow;
static pthread_mutex_t denial_lock = PTHREAD_MUTEX_INITIALIZER;

/* Decides under the lock whether to write a record; *suppressed gets the
 * count the record carries. */
static bool denial_should_record(int64_t user_id, const char *route, int64_t now, int window,
                                 int64_t *suppressed)
{
    unsigned h = (unsigned)user_id * 2654435761u;
    for (const char *p = route; *p; p++)
        h = h * 31 + (unsigned char)*p;
    pthread_mutex_lock(&denial_lock);
    struct denial_slot *free_slot = NULL;
    bool record = false;
    for (int i = 0; i < DENIAL_PROBES; i++) {
        struct denial_slot *s = &denial_slots[(h + (unsigned)i) % DENIAL_SLOTS];
        bool expired = !s->window_start || now - s->window_start >= window;
        if (s->window_start && s->user_id == user_id && !strcmp(s->route, route)) {
            if (!expired) {
                s->suppressed++;
                goto out;
            }
            free_slot = s;
            break;
        }
        if (expired && !free_slot)
            free_slot = s;
    }
    if (!free_slot) {
        denial_overflow++;
        goto out;
    }
    *suppressed = (free_slot->window_start && free_slot->user_id == user_id &&
                   !strcmp(free_slot->route, route) ? free_slot->suppressed : 0) +
                  denial_overflow;
    denial_overflow = 0;
    free_slot->user_id = user_id;
    free_slot->route = route;
    free_slot->window_start = now;
    free_slot->suppressed = 0;
    record = true;
out:
    pthread_mutex_unlock(&denial_lock);
    return record;
}

int authz_record_denial(struct dj_db *db, const struct dj_actor *actor, const char *method,
                        const char *route, const char *path, int window_seconds,
                        struct dj_err *err)
{
    int64_t suppressed = 0;
    if (!denial_should_record(actor->user.id, route, dj_now_unix(), window_seconds, &suppressed))
        return 0;
    json_t *detail = json_pack("{s:s, s:s, s:s, s:s, s:I}", "method", method, "route", route,
                               "path", path, "client_addr", actor->client_addr, "suppressed",
                               (json_int_t)suppressed);
    if (!detail)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = db_begin_write(db, err);
    if (!rc && ((rc = audit_record(db, actor, "denied", "route", 0, 0, NULL, detail, err)) ||
                (rc = db_commit(db, err))))
        db_rollback(db);
    json_decref(detail);
    return rc;
}
