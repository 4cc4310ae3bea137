/* secret: the key that seals confidential fields (ID numbers, talk records).
 *
 * The key is 32 random bytes in a file beside the database (mode 0600), never
 * in the database, so a copied database without its key file reveals no
 * confidential field.  Sealed values are text: "s1:" + base64 of
 * nonce || secretbox(plaintext), with a fresh random nonce every time.
 * A struct dj_secret is plain memory owned by the caller; dj_secret_wipe
 * clears it. */
#ifndef DJ_SECRET_H
#define DJ_SECRET_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

#include "store/db.h"
#include "util/err.h"

struct dj_secret {
    unsigned char key[32];
    int loaded;
};

/* Initialises libsodium; call once before any other crypto. */
int dj_crypto_init(struct dj_err *err);

/* Creates a new key file at path (fails with DJ_ECONFLICT if it exists). */
int secret_create(const char *path, struct dj_secret *out, struct dj_err *err);
/* Reads the key file; DJ_ENOTFOUND when missing, DJ_EINVAL when malformed or
 * readable by others. */
int secret_load(const char *path, struct dj_secret *out, struct dj_err *err);
void secret_wipe(struct dj_secret *s);

/* Keyed hashes (HMAC-SHA-256) for the audit chain and the results of final
 * evaluations, so that whoever can write the database but not read the key
 * file cannot recompute them.  The MAC key is a subkey derived from the key
 * file's key and kept for the process: secret_create and secret_load set it
 * (secret_mac_key_set, before threads start).  Without it the keyed hashes
 * fail with DJ_EINTERNAL.  The MAC key is held in locked memory (sodium_malloc),
 * wiped when another key replaces it and at exit (atexit), or at once by
 * secret_mac_key_wipe (after which the keyed hashes fail until a key is set). */
void secret_mac_key_set(const struct dj_secret *s);
void secret_mac_key_wipe(void);
bool secret_mac_ready(void);
int secret_mac_init(crypto_auth_hmacsha256_state *st, struct dj_err *err);
/* HMAC of data as lowercase hex. */
int secret_mac_hex(const void *data, size_t len, char out[65], struct dj_err *err);

/* Seals plaintext; *out is a new string the caller frees. */
int secret_seal(const struct dj_secret *s, const char *plaintext, char **out, struct dj_err *err);
/* Opens a sealed value; DJ_EINVAL if it was sealed with another key or altered. */
int secret_open(const struct dj_secret *s, const char *sealed, char **out, struct dj_err *err);

/* Subkeys: each kind of confidential field may be sealed with a key of its
 * own, derived from the key file's key (crypto_kdf, subkey 1 of the 8-byte
 * context), so that one kind's key opens no other.  Sealed values keep the
 * "s1:" form; the column says which key (store/transfer's XK_SEALED_TALK). */
#define SECRET_CTX_TALKS "djtalks_" /* the content of talks (core/talks) */
#define SECRET_CTX_NOTIFY "djnotify" /* notification secrets (core/notify_settings) */
/* Fills out with the subkey of ctx (8 characters); out is loaded when s is.
 * Wipe out with secret_wipe after use. */
int secret_subkey(const struct dj_secret *s, const char *ctx, struct dj_secret *out,
                  struct dj_err *err);

/* The database keeps one sealed known value so that `check` can tell
 * whether the key file matches the database. */
int secret_store_probe(struct dj_db *db, const struct dj_secret *s, struct dj_err *err);
int secret_verify_probe(struct dj_db *db, const struct dj_secret *s, struct dj_err *err);

/* Random helpers: n random bytes (at most 64) as URL-safe base64 without
 * padding into out of out_size bytes (at least 4*n/3+2; 44 for 32 bytes);
 * SHA-256 of a string as lowercase hex. */
void secret_random_token(char *out, size_t out_size, size_t n);
void secret_sha256_hex(const char *data, size_t len, char out[65]);

#endif
