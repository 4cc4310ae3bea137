/* screen: the 数据大屏 of a bureau (issue 18 item 3) — a lobby screen's
 * panels (membership, this quarter's honours, the compliance heat map,
 * lectures, service hours, the tree of branches) and the bureau's setting of
 * which panels are public.  A kiosk account (role "kiosk", no permission)
 * reads only GET /screen; the api layer lets it reach nothing else.
 *
 * The panels are figures and the names already posted in a 公示: they are
 * read as a reader of the whole bureau would, then cut to what a lobby may
 * show.  The caller owns the JSON answered. */
#ifndef DJ_SCREEN_H
#define DJ_SCREEN_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "util/config.h"

/* The panels in their order on the screen. */
#define SCREEN_PANELS "membership,honours,compliance,lectures,service,branches"

/* True when name is one of SCREEN_PANELS. */
bool screen_panel_valid(const char *name);

/* {"panels": [...public...], "available": [...all...], "title", "updated_at"};
 * any account of a bureau that reads its tree (orgs.read). */
int screen_settings_get(struct dj_db *db, const struct dj_actor *actor, json_t **out,
                        struct dj_err *err);
/* Sets the public panels (an array of names, all known, no repeats) and
 * the title (NULL: unchanged); orgs.manage at the bureau's root; audited. */
int screen_settings_put(struct dj_db *db, const struct dj_actor *actor, json_t *panels,
                        const char *title, json_t **out, struct dj_err *err);

/* The demo bureau's screen: every panel public (the system actor; audited). */
int screen_demo(struct dj_db *db, int64_t bureau_id, struct dj_err *err);

/* The public panels' data for the actor's bureau: a kiosk of the bureau or
 * any account of it that reads its tree. */
int screen_data(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                json_t **out, struct dj_err *err);

#endif
