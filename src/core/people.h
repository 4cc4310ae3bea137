/* people: the roster — reading within the caller's scope, creating and
 * editing people with their validation, 身份证号 sealed at rest and masked for
 * those who may not see it, and branch membership as dated periods.
 * Every change is one transaction with its audit record. */
#ifndef DJ_PEOPLE_H
#define DJ_PEOPLE_H

#include <jansson.h>

#include "core/authz.h"
#include "core/secret.h"
#include "store/orgs.h"
#include "store/people.h"
#include "util/buf.h"
#include "util/config.h"

/* What a create or update asks for, beside the person's own fields. */
struct dj_person_change {
    int64_t branch_id;      /* the branch to belong to (0: none) */
    int64_t group_id;       /* the party group in it (0: none) */
    char effective_on[11];  /* when a transfer takes effect ("" = today) */
    bool id_number_given;   /* person->id_number holds a new value ("" clears it) */
};

/* What person_json shows beside the public fields. */
enum person_show {
    PERSON_SHOW_ID_NUMBER = 1,  /* id_number, the plaintext when known */
    PERSON_SHOW_BIRTH_DATE = 2, /* the full birth date; otherwise only birth_year */
};
/* The shape of a person in answers and in the audit trail; show is a set of
 * enum person_show.  Those who may not see the 身份证号 get neither the number
 * nor the full birth date: with it, the masked number's last digits and the
 * check digit would narrow the number down (issue 11). */
json_t *person_json(const struct dj_person *p, unsigned show);
/* Whether the actor may see p's 身份证号 and full birth date. */
bool people_may_see_id_number(const struct dj_actor *actor, const struct dj_person *p);

/* Fills the scope part of f for the actor; DJ_EFORBIDDEN when the actor may
 * read no one. */
int people_scope(const struct dj_actor *actor, struct dj_people_filter *f, struct dj_err *err);

/* The people of the actor's scope; sort "birth_date" becomes "birth_year" for
 * an actor without PERM_IDNUMBER_READ over the bureau (f->sort is changed). */
int people_list(struct dj_db *db, const struct dj_actor *actor, struct dj_people_filter *f,
                struct dj_person_list *out, struct dj_err *err);
/* The list's JSON answer {"items": [...], "total": N} written into out as
 * text, each row straight from the statement (the same members as
 * person_json; one statement for the page and the total). */
int people_list_json(struct dj_db *db, const struct dj_actor *actor, struct dj_people_filter *f,
                     struct dj_buf *out, struct dj_err *err);
/* Reads one person the actor may see (DJ_EFORBIDDEN otherwise); the
 * 身份证号 is opened only for PERM_IDNUMBER_READ (*shown tells). */
int people_get(struct dj_db *db, const struct dj_actor *actor, const struct dj_secret *key,
               int64_t id, struct dj_person *out, bool *shown, struct dj_err *err);

/* Creates p (p->bureau_id is derived from the branch, the department or the
 * actor's scope).  Validation errors name the API fields. */
int people_create(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const struct dj_secret *key, struct dj_person *p,
                  const struct dj_person_change *change, struct dj_err *err);
/* Replaces the fields of person id with p (read it first with people_get and
 * change what changes); a new branch closes the old membership. */
int people_update(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                  const struct dj_secret *key, int64_t id, struct dj_person *p,
                  const struct dj_person_change *change, struct dj_err *err);

/* Writes p (new when p->id is 0) with its membership change and audit record
 * inside the caller's transaction: shared by the API and the importer.
 * before is the old record (NULL for new). */
int people_write(struct dj_db *db, const struct dj_actor *actor, const struct dj_secret *key,
                 const char *today, struct dj_person *p, const struct dj_person *before,
                 const struct dj_person_change *change, struct dj_err *err);

/* The membership periods of a person the actor may read, oldest first;
 * caller frees *items. */
int people_memberships(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                       struct dj_membership **items, int *count, struct dj_err *err);

/* The committee posts a person the actor may read has held (ended ones
 * too), newest first; caller frees *items. */
int people_posts(struct dj_db *db, const struct dj_actor *actor, int64_t id,
                 struct dj_committee_member **items, int *count, struct dj_err *err);

/* Whether the actor may read p (people.read on the bureau or p's branch,
 * the head of p's department, or p's own account), or change p. */
bool people_may_read(const struct dj_actor *actor, const struct dj_person *p);
bool people_may_write(const struct dj_actor *actor, const struct dj_person *p);

/* Whether the actor may name p in a record of organisational life or
 * learning: meetings.write on p's bureau or current branch (for someone of
 * no branch, anywhere in p's bureau). */
bool people_may_record(const struct dj_actor *actor, const struct dj_person *p);
/* Sets *covered when the organisation at org_path covers p on date: the
 * bureau's root covers everyone of its bureau, any other organisation the
 * members of its subtree (branch or party group) on that day or today (a
 * member who joined since may still be recorded).  A record held
 * by an organisation names only the people it covers, and the index engine
 * counts learning records by the same rule (store/learning.c). */
int people_covered(struct dj_db *db, const struct dj_person *p, const char *org_path,
                   const char *date, bool *covered, struct dj_err *err);

/* The id of the root organisation of a path ("/1/4/" -> 1). */
int64_t path_root_id(const char *path);

#endif
