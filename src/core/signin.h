/* signin: signing in to a meeting by scanning a QR code (issue 12, item 3).
 *
 * Whoever may change the meeting (meetings.write over its organisation) or
 * hosts it opens its sign-in code on the meeting's day while it is planned
 * or held: a console URL `/signin?t=TOKEN` as a QR code (SVG).  The token
 * names the meeting and an expiry (meetings.signin_code_seconds from now)
 * and carries a keyed hash (HMAC-SHA-256, first 16 bytes) with a subkey of
 * the key file (SIGNIN_KEY_CTX), so no one can make or stretch one.
 *
 * A signed-in member who scans it gets one attendance row: 出席, or 迟到 when
 * later than the start time plus meetings.signin_grace_minutes (in the
 * bureau's zone).  Refused: an expired or altered token, a person the
 * meeting does not expect (for kinds open to others — lectures, custom —
 * anyone its organisation covers), another bureau's meeting (missing), a
 * meeting cancelled, voided or not of today.  A second scan changes nothing
 * and says so (`already`).  Each sign-in one audited transaction (signin). */
#ifndef DJ_SIGNIN_H
#define DJ_SIGNIN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/authz.h"
#include "core/secret.h"
#include "util/config.h"

#define SIGNIN_KEY_CTX "djsignin" /* the subkey of the sign-in tokens */
#define SIGNIN_TOKEN_MAX 80

/* Pure: the token of meeting_id valid until expires (unix seconds), made with
 * key (the subkey); out of SIGNIN_TOKEN_MAX bytes. */
int signin_token_make(const struct dj_secret *key, int64_t meeting_id, int64_t expires,
                      char out[SIGNIN_TOKEN_MAX], struct dj_err *err);
/* Pure: checks token at time now: the meeting it names, or DJ_EINVAL
 * ("签到码无效" for a malformed or altered one, "签到码已过期" after expiry). */
int signin_token_check(const struct dj_secret *key, const char *token, int64_t now,
                       int64_t *meeting_id, struct dj_err *err);
/* Pure: late when now_minute (of the day) is after starts_at ("HH:MM") plus
 * grace minutes; never for an empty or malformed starts_at. */
bool signin_late(const char *starts_at, int now_minute, int grace);

/* The code of meeting id for the console: token, url (origin + "/signin?t="),
 * expires_at, seconds, qr_svg, and the counts expected and signed_in.
 * origin: "http(s)://host[:port]" the console runs at. */
int signin_code(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                const struct dj_secret *key, int64_t id, const char *origin, json_t **out,
                struct dj_err *err);
/* The actor's sign-in with token: meeting_id, topic, org_name, held_on,
 * starts_at, status (出席/迟到) and already. */
int signin_scan(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                const struct dj_secret *key, const char *token, json_t **out, struct dj_err *err);

#endif
