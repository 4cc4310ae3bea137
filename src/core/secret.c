#include "core/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/orgs.h"

#define SEAL_PREFIX "s1:"
#define PROBE_TEXT "dangjian-key-probe"

int dj_crypto_init(struct dj_err *err)
{
    if (sodium_init() < 0)
        return dj_err_set(err, DJ_EINTERNAL, "无法初始化加密库");
    return 0;
}

/* The MAC key of this process (see secret.h); set before threads start.  It
 * lives in sodium_malloc'd memory (locked, so never swapped out, and between
 * guard pages), is wiped before a new key replaces it, and is wiped and
 * freed at exit. */
static unsigned char *mac_key;
static bool mac_key_ready;

void secret_mac_key_wipe(void)
{
    mac_key_ready = false;
    if (mac_key) {
        sodium_memzero(mac_key, crypto_auth_hmacsha256_KEYBYTES);
        sodium_free(mac_key); /* zeroes and unlocks again */
        mac_key = NULL;
    }
}

void secret_mac_key_set(const struct dj_secret *s)
{
    static bool exit_wipe;
    if (sodium_init() < 0)
        return;
    mac_key_ready = false;
    if (!mac_key && !(mac_key = sodium_malloc(crypto_auth_hmacsha256_KEYBYTES)))
        return;
    if (!exit_wipe)
        exit_wipe = atexit(secret_mac_key_wipe) == 0;
    sodium_memzero(mac_key, crypto_auth_hmacsha256_KEYBYTES); /* the key it replaces */
    /* a subkey of its own, so that the sealing key never keys a MAC */
    if (crypto_kdf_derive_from_key(mac_key, crypto_auth_hmacsha256_KEYBYTES, 1, "djaudit_",
                                   s->key) == 0)
        mac_key_ready = true;
}

bool secret_mac_ready(void)
{
    return mac_key_ready;
}

int secret_mac_init(crypto_auth_hmacsha256_state *st, struct dj_err *err)
{
    if (!mac_key_ready)
        return dj_err_set(err, DJ_EINTERNAL, "密钥文件未加载，无法计算带密钥的哈希");
    crypto_auth_hmacsha256_init(st, mac_key, crypto_auth_hmacsha256_KEYBYTES);
    return 0;
}

int secret_mac_hex(const void *data, size_t len, char out[65], struct dj_err *err)
{
    crypto_auth_hmacsha256_state st;
    int rc = secret_mac_init(&st, err);
    if (rc)
        return rc;
    crypto_auth_hmacsha256_update(&st, data, len);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(out, 65, mac, sizeof mac);
    return 0;
}

int secret_create(const char *path, struct dj_secret *out, struct dj_err *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return dj_err_set(err, DJ_ECONFLICT, "密钥文件 %s 已存在，不会覆盖", path);
        return dj_err_set(err, DJ_EIO, "无法创建密钥文件 %s：%s", path, strerror(errno));
    }
    randombytes_buf(out->key, sizeof out->key);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, out->key, sizeof out->key);
    hex[64] = '\n';
    ssize_t n = write(fd, hex, 65);
    sodium_memzero(hex, sizeof hex);
    if (n != 65 || fsync(fd) != 0) {
        close(fd);
        unlink(path);
        return dj_err_set(err, DJ_EIO, "无法写入密钥文件 %s", path);
    }
    close(fd);
    out->loaded = 1;
    secret_mac_key_set(out);
    return 0;
}

int secret_load(const char *path, struct dj_secret *out, struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return dj_err_set(err, DJ_ENOTFOUND, "密钥文件 %s 不存在", path);
        return dj_err_set(err, DJ_EIO, "无法读取密钥文件 %s：%s", path, strerror(errno));
    }
    struct stat sb;
    if (fstat(fd, &sb) == 0 && (sb.st_mode & 0077)) {
        close(fd);
        return dj_err_set(err, DJ_EINVAL, "密钥文件 %s 的权限过宽，应为 0600 (chmod 600 %s)", path,
                          path);
    }
    char hex[80];
    ssize_t n = read(fd, hex, sizeof hex - 1);
    close(fd);
    if (n < 64) {
        sodium_memzero(hex, sizeof hex);
        return dj_err_set(err, DJ_EINVAL, "密钥文件 %s 格式错误", path);
    }
    hex[n] = '\0';
    size_t bin_len = 0;
    int rc = sodium_hex2bin(out->key, sizeof out->key, hex, 64, NULL, &bin_len, NULL);
    sodium_memzero(hex, sizeof hex);
    if (rc != 0 || bin_len != sizeof out->key)
        return dj_err_set(err, DJ_EINVAL, "密钥文件 %s 格式错误", path);
    out->loaded = 1;
    secret_mac_key_set(out);
    return 0;
}

void secret_wipe(struct dj_secret *s)
{
    sodium_memzero(s, sizeof *s);
}

int secret_seal(const struct dj_secret *s, const char *plaintext, char **out, struct dj_err *err)
{
    *out = NULL;
    if (!s->loaded)
        return dj_err_set(err, DJ_EINTERNAL, "密钥未加载");
    size_t plen = strlen(plaintext);
    size_t blen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plen;
    unsigned char *bin = malloc(blen);
    size_t b64len = sodium_base64_ENCODED_LEN(blen, sodium_base64_VARIANT_ORIGINAL);
    char *text = malloc(sizeof SEAL_PREFIX + b64len);
    if (!bin || !text) {
        free(bin);
        free(text);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    randombytes_buf(bin, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(bin + crypto_secretbox_NONCEBYTES, (const unsigned char *)plaintext, plen,
                          bin, s->key);
    memcpy(text, SEAL_PREFIX, sizeof SEAL_PREFIX - 1);
    sodium_bin2base64(text + sizeof SEAL_PREFIX - 1, b64len, bin, blen,
                      sodium_base64_VARIANT_ORIGINAL);
    free(bin);
    *out = text;
    return 0;
}

int secret_open(const struct dj_secret *s, const char *sealed, char **out, struct dj_err *err)
{
    *out = NULL;
    if (!s->loaded)
        return dj_err_set(err, DJ_EINTERNAL, "密钥未加载");
    if (strncmp(sealed, SEAL_PREFIX, sizeof SEAL_PREFIX - 1) != 0)
        return dj_err_set(err, DJ_EINVAL, "不是加密字段");
    const char *b64 = sealed + sizeof SEAL_PREFIX - 1;
    size_t b64len = strlen(b64);
    size_t cap = b64len / 4 * 3 + 3;
    unsigned char *bin = malloc(cap);
    if (!bin)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    size_t blen = 0;
    if (sodium_base642bin(bin, cap, b64, b64len, NULL, &blen, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        blen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        free(bin);
        return dj_err_set(err, DJ_EINVAL, "加密字段已损坏");
    }
    size_t plen = blen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    char *plain = malloc(plen + 1);
    if (!plain) {
        free(bin);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    if (crypto_secretbox_open_easy((unsigned char *)plain, bin + crypto_secretbox_NONCEBYTES,
                                   blen - crypto_secretbox_NONCEBYTES, bin, s->key) != 0) {
        free(bin);
        free(plain);
        return dj_err_set(err, DJ_EINVAL, "无法解密：密钥与数据库不匹配，或字段被篡改");
    }
    free(bin);
    plain[plen] = '\0';
    *out = plain;
    return 0;
}

int secret_subkey(const struct dj_secret *s, const char *ctx, struct dj_secret *out,
                  struct dj_err *err)
{
    memset(out, 0, sizeof *out);
    if (!s->loaded)
        return dj_err_set(err, DJ_EINTERNAL, "密钥未加载");
    if (strlen(ctx) != crypto_kdf_CONTEXTBYTES ||
        crypto_kdf_derive_from_key(out->key, sizeof out->key, 1, ctx, s->key) != 0)
        return dj_err_set(err, DJ_EINTERNAL, "无法派生子密钥");
    out->loaded = 1;
    return 0;
}

int secret_store_probe(struct dj_db *db, const struct dj_secret *s, struct dj_err *err)
{
    char *sealed;
    int rc = secret_seal(s, PROBE_TEXT, &sealed, err);
    if (rc)
        return rc;
    rc = store_meta_set(db, "key_probe", sealed, err);
    free(sealed);
    return rc;
}

int secret_verify_probe(struct dj_db *db, const struct dj_secret *s, struct dj_err *err)
{
    char sealed[256];
    int rc = store_meta_get(db, "key_probe", sealed, sizeof sealed, err);
    if (rc)
        return rc;
    if (!*sealed)
        return dj_err_set(err, DJ_ENOTFOUND, "数据库中没有密钥校验值");
    char *plain;
    if ((rc = secret_open(s, sealed, &plain, err)))
        return dj_err_set(err, DJ_EINVAL, "密钥文件与数据库不匹配");
    rc = strcmp(plain, PROBE_TEXT) == 0 ? 0 : dj_err_set(err, DJ_EINVAL, "密钥文件与数据库不匹配");
    free(plain);
    return rc;
}

void secret_random_token(char *out, size_t out_size, size_t n)
{
    unsigned char bin[64];
    if (n > sizeof bin)
        n = sizeof bin;
    /* shorten rather than overflow: sodium writes the whole length it is given */
    while (n > 0 && sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING) > out_size)
        n--;
    if (n == 0) {
        if (out_size)
            out[0] = '\0';
        return;
    }
    randombytes_buf(bin, n);
    sodium_bin2base64(out, sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bin, sizeof bin);
}

void secret_sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}
