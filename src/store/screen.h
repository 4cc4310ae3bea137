/* store/screen: the tables of the 数据大屏 (migration 033): screen_settings,
 * a bureau's list of public panels, and the one count the screen reads
 * itself (party members by branch).  Everything else the screen shows it
 * reads through the other modules' core functions. */
#ifndef DJ_STORE_SCREEN_H
#define DJ_STORE_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct dj_screen_settings {
    int64_t bureau_id;
    char panels[256]; /* comma-separated panel names (core/screen) */
    char title[128];  /* "" : the bureau's name */
    char updated_at[32];
    bool stored; /* false: no row yet (no panel is public) */
};
int store_screen_settings_get(struct dj_db *db, int64_t bureau_id, struct dj_screen_settings *s,
                              struct dj_err *err);
int store_screen_settings_put(struct dj_db *db, struct dj_screen_settings *s, struct dj_err *err);

/* Party members (中共党员 and 中共预备党员) of the bureau by the
 * organisation of their membership on day. */
struct dj_screen_count {
    int64_t org_id;
    int64_t members;
    int64_t probationary;
};
/* *items is malloc'd (the caller frees it). */
int store_screen_members(struct dj_db *db, int64_t bureau_id, const char *day,
                         struct dj_screen_count **items, int *count, struct dj_err *err);

/* One published result of a target (a member, a branch, a department) in
 * an evaluation of the bureau (公示 or final; of an evaluation replaced by a
 * newer published version only the newer), oldest period first. */
struct dj_index_point {
    int64_t evaluation_id;
    char name[128];
    char period[8];
    char last_day[11];
    char state[8];
    int64_t total; /* hundredths */
    int rank;
    int of;        /* targets ranked */
    char star[16];
    bool selected;
};
/* target is "member", "branch" or "department"; *items is malloc'd. */
int store_index_history(struct dj_db *db, int64_t bureau_id, const char *target, int64_t target_id,
                        struct dj_index_point **items, int *count, struct dj_err *err);

#endif
