/* notify_settings: a bureau's notification settings and each person's
 * preferences (issue 17, items 3-5).
 *
 * A bureau's settings are one JSON object (channels, which message kinds go
 * out on which channel, the daily time and the zone, the retry policy) and
 * its secrets (SMTP password, SMS key secret, the robots' webhook URLs, which
 * carry their access tokens, and 钉钉's signing secret) as one JSON object
 * sealed with the notify subkey of the key file (SECRET_CTX_NOTIFY).  The API
 * never answers a secret: each is `{"set": true|false}`; the audit trail
 * records which secrets changed, never their values.  Only party_admin or
 * sysadmin at the bureau's root read and change the settings.
 *
 * A person's preferences: channels in order of preference (email, sms), the
 * address and phone (the roster's phone when none), quiet hours (HH:MM to
 * HH:MM in the bureau's zone; may wrap midnight).  Each account changes its
 * own linked person's. */
#ifndef DJ_NOTIFY_SETTINGS_H
#define DJ_NOTIFY_SETTINGS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "core/secret.h"
#include "store/db.h"
#include "store/notify.h"

/* The channels, in the order the console shows them. */
extern const char *const notify_channels[]; /* NULL-terminated */
bool notify_channel_valid(const char *c);

/* The bureau's settings with defaults filled in, and its secrets opened
 * (both new references; *secrets may be passed NULL to skip them). */
int notify_settings_load(struct dj_db *db, const struct dj_secret *key, int64_t bureau_id,
                         json_t **config, json_t **secrets, struct dj_err *err);

/* GET and PUT /notify/settings.  in: {config sections..., "secrets": {name:
 * text or null}}; sections and fields not given are kept. */
int notify_settings_get(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                        json_t **out, struct dj_err *err);
int notify_settings_put(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                        json_t *in, json_t **out, struct dj_err *err);
/* party_admin or sysadmin at the actor's bureau root (0 or DJ_EFORBIDDEN). */
int notify_may_manage(const struct dj_actor *actor, struct dj_err *err);

/* The caller's own preferences (their linked person). */
int notify_prefs_get(struct dj_db *db, const struct dj_actor *actor, json_t **out,
                     struct dj_err *err);
int notify_prefs_put(struct dj_db *db, const struct dj_actor *actor, json_t *in, json_t **out,
                     struct dj_err *err);
json_t *notify_pref_json(const struct dj_notify_pref *p);

/* "HH:MM" → minutes of the day, -1 when not such a time (pure). */
int notify_minutes(const char *hhmm);
/* True when minute (of the day) lies in [from, to) (wrapping midnight when
 * from > to); false when either is empty (pure). */
bool notify_in_quiet(const char *from, const char *to, int minute);

#endif
