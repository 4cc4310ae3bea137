/* contact_import: 联系点 from a spreadsheet (xlsx, xls or CSV) — one row a
 * pair: 工号 (the member), 姓名 (checked when given), 类别 (困难群众, 联系户,
 * 重点企业, 村党支部, 社区党支部, 其他, or the codes), 联系对象, 地址, 电话,
 * 开始日期 (default today), 备注.  The header is the first of the first 20
 * rows naming 工号 and 联系对象.  Every row is checked first (the writer must
 * be allowed to record for each member); on any error nothing is written and
 * the errors are the answer; else all rows in one transaction, each audited.
 * *result (caller frees): {rows, created, dry_run, errors: [{row, column, message}]}. */
#ifndef DJ_CONTACT_IMPORT_H
#define DJ_CONTACT_IMPORT_H

#include <jansson.h>

#include "core/authz.h"
#include "util/config.h"

int contacts_import(struct dj_db *db, const struct dj_config *cfg, const struct dj_actor *actor, const void *data,
                    size_t len, bool dry_run, json_t **result, struct dj_err *err);

#endif
