/* dues_report: what the dues add up to — each member's state (base, rate,
 * this month's amount, arrears, consecutive unpaid months and the flag), a
 * member's statement for a year, and the per-branch collection report of a
 * month or a year.  Computed from the bureau's book (core/dues_ledger) for
 * the people of the reader's scope (people.read over the bureau or a branch);
 * a member reads their own statement.  A member counts with their current
 * branch; a payment with the branch it was paid in.  JSON results are new
 * references the caller owns. */
#ifndef DJ_DUES_REPORT_H
#define DJ_DUES_REPORT_H

#include <jansson.h>

#include "core/authz.h"
#include "util/config.h"

/* Members of org_id's subtree (0: the reader's scope) who pay dues; flag
 * "warning" or "serious" keeps only members flagged at least so. */
int dues_members(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                 int64_t org_id, const char *flag, json_t **items, struct dj_err *err);
/* One member's year (person_id 0: the actor's own person). */
int dues_statement(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                   int64_t person_id, int year, json_t **out, struct dj_err *err);
/* Per branch of the scope: the period "YYYY" or "YYYY-MM". *totals sums them. */
int dues_report(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor,
                int64_t org_id, const char *period, json_t **items, json_t **totals,
                struct dj_err *err);

#endif
