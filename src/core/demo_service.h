/* demo_service: a year of service to the people (contacts and visits,
 * community registrations, pairings, volunteering) for the demo bureau;
 * called by demo_populate after demo_records, in its own transaction. */
#ifndef DJ_DEMO_SERVICE_H
#define DJ_DEMO_SERVICE_H

#include <stdio.h>

#include "store/db.h"

int demo_service(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
