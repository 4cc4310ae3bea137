/* demo_duties: the demo bureau's 主体责任清单 and 党建责任书 of last year and
 * this year — the 党组书记's list as 第一责任人, three leadership members'
 * 一岗双责 lists, each branch's letter signed in January — with last year's
 * items checked and this year's check under way once December has come;
 * called by demo_populate. */
#ifndef DJ_DEMO_DUTIES_H
#define DJ_DEMO_DUTIES_H

#include <stdio.h>

#include "store/db.h"

int demo_duties(struct dj_db *db, int64_t root, const char *today, FILE *out, struct dj_err *err);

#endif
