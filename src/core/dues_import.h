/* dues_import: members' 党费 bases from the payroll's spreadsheet (xlsx, xls
 * or CSV in UTF-8 or GBK, read by io/table).  The header is the first of the
 * first 20 rows holding 工号 and either 党费基数 (or 基数) or the components;
 * columns are matched by title in any order: 工号, 姓名 (checked against the
 * roster when given), 起始月份 (or ?from_month for every row), 类别 (在职,
 * 离退休, 无收入), 党费基数, and the components kept as evidence — 职务工资,
 * 级别工资, 工作性津贴, 生活性补贴, 个人所得税 — from which the base is
 * 核定 (the four less the tax) when no 党费基数 column is given.  Every error
 * is reported with its row and column and then nothing is written; else one
 * transaction saves every row (core/dues' dues_base_save_in, audited) and an
 * "import" record.  *result is a new reference the caller owns. */
#ifndef DJ_DUES_IMPORT_H
#define DJ_DUES_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/authz.h"

int dues_bases_import(struct dj_db *db, const struct dj_actor *actor, const void *data, size_t len,
                      const char *from_month, bool dry_run, json_t **result, struct dj_err *err);

#endif
