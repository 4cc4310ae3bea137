/* demo_notify: the demo bureau's notification settings (issue 17): 每日一提醒
 * at 07:30 by SMS, then e-mail, through a generic gateway left switched off
 * (a demonstration has no real gateway, and no secret is made up). */
#ifndef DJ_DEMO_NOTIFY_H
#define DJ_DEMO_NOTIFY_H

#include <stdint.h>
#include <stdio.h>

#include "store/db.h"

int demo_notify(struct dj_db *db, int64_t root, FILE *out, struct dj_err *err);

#endif
