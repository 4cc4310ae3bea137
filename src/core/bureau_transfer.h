/* bureau_transfer: one bureau's whole data out of one deployment and into
 * another (`dangjian bureau export CODE FILE`, `dangjian bureau import FILE`),
 * e.g. a bureau moving from its own SQLite server to the province's
 * PostgreSQL.  The file's format is in docs/ARCHITECTURE.md ("Moving a
 * bureau"), the choice about sealed values in docs/SECURITY.md.
 *
 * Export reads one consistent snapshot: it refuses a database whose audit
 * chain is broken or a final evaluation whose results no longer match their
 * hash, opens sealed values with the source's key (so the file is secret: it
 * is created with mode 0600 and never overwrites), and writes every row of
 * every table of the bureau (store/transfer.h), its final results as hashed,
 * and its audit records.  The export itself is audited in the source.
 *
 * Import writes everything in one transaction with new ids (every reference
 * and organisation path remapped), refuses a code or an account name that is
 * taken, seals again with the destination's key, checks that each final
 * evaluation's results read back the same (ids remapped) and hashes them with
 * the destination's key, appends the bureau's audit records to the
 * destination's chain and one record of the import.  Nothing is written on
 * any error. */
#ifndef DJ_BUREAU_TRANSFER_H
#define DJ_BUREAU_TRANSFER_H

#include <stdint.h>

#include "core/authz.h"
#include "core/secret.h"
#include "store/transfer.h"

#define DJ_TRANSFER_FORMAT "dangjian-bureau"
#define DJ_TRANSFER_VERSION 1

struct dj_transfer_summary {
    char code[32];
    char name[128];
    int64_t bureau_id;       /* the bureau's root organisation here */
    int64_t rows[XT_COUNT];  /* rows per table (store_xfer_table(t)->name) */
    int64_t audit;           /* audit records carried */
    int finals;              /* final evaluations checked */
    int64_t head_seq;        /* the source's audit head when exported */
    char head_hash[65];
};

/* Writes bureau code of db into a new file at path (mode 0600).  key is the
 * database's key (loaded, so the keyed hashes can be verified); source names
 * the deployment in the file (a redacted URL).  Audited as actor. */
int bureau_export(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                  const char *code, const char *path, const char *source, struct dj_transfer_summary *out,
                  struct dj_err *err);

/* Reads the file at path into db (see above); key is db's key. */
int bureau_import(struct dj_db *db, const struct dj_secret *key, const struct dj_actor *actor,
                  const char *path, struct dj_transfer_summary *out, struct dj_err *err);

#endif
