/* talks: 谈心谈话 (issue 13, item 4).
 *
 * A talk is filed under the bureau's root or a branch, names one or more
 * talkers and one or more people talked with (talkees), a day, a kind (the
 * built-in 谈心, 谈话提醒, 诫勉谈话, 任前谈话 or one of the bureau's own), the
 * occasion and the place.  Its content is sealed at rest with the talks
 * subkey of the key file (core/secret SECRET_CTX_TALKS) and opened only for
 * the participants and for the roles the bureau names (talk settings,
 * `content_roles`) over the talk's organisation; lists, exports, statistics
 * and the audit trail never carry it.
 *
 * Managers (party_admin, discipline, branch_secretary over the talk's
 * organisation, the system) record, change and list the talks of their
 * subtree, the 五必谈 talks due and the statistics; anyone else sees the
 * talks they took part in.  The bureau's settings (who reads the content,
 * the days to a 五必谈 deadline, the months of absence, its own kinds) are
 * read by managers and changed by party_admin or discipline at the root.
 *
 * Every function fills caller-owned JSON (*out, *items) that the caller
 * releases with json_decref. */
#ifndef DJ_TALKS_H
#define DJ_TALKS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/authz.h"
#include "core/secret.h"
#include "store/talks.h"
#include "util/config.h"

#define TALK_MAX_PEOPLE 50
#define TALK_CONTENT_MAX_CHARS 10000

/* A create (every field required but occasion, place and content) or a
 * change (only the has_* fields). */
struct talk_input {
    bool has_org, has_held_on, has_kind, has_occasion, has_place, has_content, has_people;
    int64_t org_id;
    char held_on[11];
    char kind[64];
    char occasion[400];
    char place[128];
    const char *content; /* borrowed; NULL or "" clears */
    int64_t talkers[TALK_MAX_PEOPLE], talkees[TALK_MAX_PEOPLE];
    int ntalkers, ntalkees;
};

int talks_settings_get(struct dj_db *db, const struct dj_actor *actor, json_t **out,
                       struct dj_err *err);
/* Changes the fields of in that are set (content_roles non-empty, due_days
 * > 0, absence_months > 0, kinds non-NULL). */
struct talk_settings_input {
    const char *content_roles; /* comma-separated, NULL: keep */
    int due_days, absence_months; /* 0: keep */
    const char *kinds;         /* one per line, NULL: keep */
};
int talks_settings_put(struct dj_db *db, const struct dj_actor *actor,
                       const struct talk_settings_input *in, json_t **out, struct dj_err *err);

/* The actor's scope goes into f (bureau, subtree, the viewer). */
int talks_list(struct dj_db *db, const struct dj_actor *actor, struct dj_talk_filter *f,
               json_t **items, int64_t *total, struct dj_err *err);
int talks_get(struct dj_db *db, const struct dj_actor *actor, const struct dj_secret *key,
              int64_t id, json_t **out, struct dj_err *err);
int talks_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct dj_secret *key, const struct talk_input *in, json_t **out,
                 struct dj_err *err);
int talks_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 const struct dj_secret *key, int64_t id, const struct talk_input *in, json_t **out,
                 struct dj_err *err);

/* The 五必谈 talks due (core/talk_rules.h): committee posts taken and
 * transfers from since (NULL: a year ago) to today, and members who have not
 * attended for the bureau's absence_months; each with its deadline, until a
 * talk with the person clears it. */
int talks_due(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
              const char *since, json_t **items, struct dj_err *err);

/* A year's counts over the actor's subtree: talks and people talked with
 * (人次), by kind, by month and by relationship (core/talk_rules.h). */
int talks_statistics(struct dj_db *db, const struct dj_actor *actor, int year, json_t **out,
                     struct dj_err *err);

#endif
