/* demo: the fictional 示范县财政局 for `dangjian demo` — its party
 * organisations, 20 departments linked to branches, about 150 staff with
 * valid (invented) ID numbers, committees, and one account per role linked
 * to a person.  Everything is deterministic: the same demo every time,
 * with dates relative to today so that warnings stay meaningful. */
#ifndef DJ_DEMO_H
#define DJ_DEMO_H

#include <stdbool.h>
#include <stdio.h>

#include "core/secret.h"
#include "store/db.h"
#include "util/config.h"

/* Fills a bureau that holds only its root (root_id, named bureau_name) and
 * writes the logins to out; account names start with prefix ("" in the
 * bureau made with the database, "code." in one added to a deployment).
 * admin_password NULL uses DEMO_ADMIN_PASSWORD.  With records, also a year
 * of records and last quarter's evaluations (core/demo_records). */
int demo_populate(struct dj_db *db, const struct dj_config *cfg, const struct dj_secret *key,
                  int64_t root_id, const char *bureau_name, const char *prefix,
                  const char *admin_password, bool records, FILE *out, struct dj_err *err);

#endif
