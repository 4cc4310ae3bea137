#include "core/authz.h"

#include <stdio.h>
#include <string.h>

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
    if (a->user.disabled)
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

bool authz_has_role(const struct dj_actor *a, const char *role, const char *target_path,
                    int64_t department_id)
{
    if (a->user.disabled)
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

int authz_require(const struct dj_actor *a, enum dj_perm perm, const char *target_path,
                  struct dj_err *err)
{
    if (authz_allows(a, perm, target_path))
        return 0;
    return dj_err_set(err, DJ_EFORBIDDEN, "您没有权限执行此操作");
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
