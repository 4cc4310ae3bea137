/* bootstrap: opening a database ready for use (migrations applied), and the
 * first contents made by `init` and `demo`. */
#ifndef DJ_BOOTSTRAP_H
#define DJ_BOOTSTRAP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/secret.h"
#include "store/db.h"
#include "util/config.h"

/* Opens cfg->db and applies pending migrations.  create allows a new file. */
int app_open_db(const struct dj_config *cfg, bool create, struct dj_db **out, struct dj_err *err);

/* Makes a new database: schema, key file, the root organisation named
 * bureau_name and the account admin (sysadmin and party_admin at the root).
 * admin_password NULL generates one into generated (17 bytes).
 * Fails with DJ_ECONFLICT when the database already holds data. */
int bootstrap_init(const struct dj_config *cfg, const char *bureau_name, const char *admin_password,
                   char *generated, struct dj_err *err);

/* Makes a new database holding the demo bureau with one account per role,
 * and writes the logins to out. */
int bootstrap_demo(const struct dj_config *cfg, const char *admin_password, bool records, FILE *out,
                   struct dj_err *err);

/* The password of every demo account but admin. */
#define DEMO_PASSWORD "Demo@2026dj"
/* admin's password in the demo when DANGJIAN_ADMIN_PASSWORD is not set */
#define DEMO_ADMIN_PASSWORD "Admin@2026dj"

#endif
