#include "api/api_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/gzip.h"

#define NBUCKETS 4096u
#define TAG_BYTES 16

/* A kept answer, shared with the answers being sent: freed when the entry
 * and every answer let go of it. */
struct kept {
    atomic_int refs;
    size_t body_len, gz_len;
    char *gz; /* NULL when the body is small */
    char body[];
};

static void kept_release(struct kept *k)
{
    if (k && atomic_fetch_sub(&k->refs, 1) == 1) {
        free(k->gz);
        free(k);
    }
}

void api_cache_release(void *ref)
{
    kept_release(ref);
}

struct entry {
    struct entry *chain;      /* next in the bucket */
    struct entry *prev, *next; /* recency: head is the newest */
    uint64_t hash;
    char *key;
    size_t key_len;
    unsigned char tag[TAG_BYTES]; /* of the key and the version */
    struct kept *kept;
    size_t bytes;
};

struct api_cache {
    pthread_mutex_t lock;
    size_t max_bytes, bytes;
    long gzip_min;
    struct entry *buckets[NBUCKETS];
    struct entry *newest, *oldest;
    unsigned char etag_key[crypto_generichash_KEYBYTES];
    unsigned long hits, misses, not_modified, entries;
};

int api_cache_new(const struct dj_config *cfg, const struct dj_secret *secret,
                  struct api_cache **out)
{
    struct api_cache *c = calloc(1, sizeof *c);
    if (!c)
        return DJ_ENOMEM;
    pthread_mutex_init(&c->lock, NULL);
    c->max_bytes = cfg->cache_max_bytes > 0 ? (size_t)cfg->cache_max_bytes : 0;
    c->gzip_min = cfg->gzip_min_bytes;
    /* the same key on every server of one database: an ETag from one is good on another */
    if (secret && secret->loaded)
        crypto_kdf_derive_from_key(c->etag_key, sizeof c->etag_key, 19, "djetag01", secret->key);
    else
        randombytes_buf(c->etag_key, sizeof c->etag_key);
    *out = c;
    return 0;
}

static void entry_free(struct entry *e)
{
    free(e->key);
    kept_release(e->kept);
    free(e);
}

void api_cache_free(struct api_cache *c)
{
    if (!c)
        return;
    for (struct entry *e = c->newest, *next; e; e = next) {
        next = e->next;
        entry_free(e);
    }
    pthread_mutex_destroy(&c->lock);
    sodium_memzero(c->etag_key, sizeof c->etag_key);
    free(c);
}

void api_cache_stats(struct api_cache *c, struct api_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    out->hits = c->hits;
    out->misses = c->misses;
    out->not_modified = c->not_modified;
    out->entries = c->entries;
    out->bytes = c->bytes;
    pthread_mutex_unlock(&c->lock);
}

bool api_cacheable(const struct dj_route *route, const struct dj_request *req)
{
    if (strcmp(req->method, "GET") != 0 || (route->flags & (ROUTE_PUBLIC | ROUTE_SEALED | ROUTE_LIVE)))
        return false;
    const char *p = route->pattern;
    if (strncmp(p, "/api/v1/session", 15) == 0 || strcmp(p, "/api/v1/files/{id}") == 0 ||
        strstr(p, "/template"))
        return false;
    for (int i = 0; i < req->nquery; i++)
        if (strcmp(req->query[i].name, "format") == 0)
            return false; /* an export is a file */
    return true;
}

/* "12:text" so that no value can pass for a separator */
static int key_put(struct dj_buf *b, const char *s)
{
    char n[24];
    int len = snprintf(n, sizeof n, "%zu:", strlen(s));
    return dj_buf_append(b, n, (size_t)len) || dj_buf_append(b, s, strlen(s));
}

static int key_put_int(struct dj_buf *b, int64_t v)
{
    char n[24];
    snprintf(n, sizeof n, "%lld", (long long)v);
    return key_put(b, n);
}

/* The caller's scope, the day, the path and the query. */
static int build_key(const struct dj_request *req, struct dj_buf *b)
{
    const struct dj_actor *a = &req->actor;
    char today[DJ_DATE_LEN];
    dj_date_today(req->app->cfg->timezone, today);
    int rc = key_put_int(b, a->user.id) || key_put_int(b, a->person_id) ||
             key_put_int(b, a->user.nroles);
    for (int i = 0; !rc && i < a->user.nroles; i++)
        rc = key_put(b, a->user.roles[i].role) || key_put(b, a->user.roles[i].org_path) ||
             key_put_int(b, a->user.roles[i].department_id);
    rc = rc || key_put(b, today) || key_put(b, req->path) || key_put_int(b, req->nquery);
    for (int i = 0; !rc && i < req->nquery; i++)
        rc = key_put(b, req->query[i].name) || key_put(b, req->query[i].value);
    return rc ? DJ_ENOMEM : 0;
}

static void make_tag(struct api_cache *c, const struct dj_buf *key, int64_t seq, const char *head,
                     const char *version, unsigned char tag[TAG_BYTES])
{
    crypto_generichash_state st;
    char v[96];
    int n = snprintf(v, sizeof v, "%lld/%s/%s", (long long)seq, head, version);
    crypto_generichash_init(&st, c->etag_key, sizeof c->etag_key, TAG_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)key->data, key->len);
    crypto_generichash_update(&st, (const unsigned char *)v, (unsigned long long)n);
    crypto_generichash_final(&st, tag, TAG_BYTES);
}

static uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* 0 when the If-None-Match list does not name tag hex, else 1 when it
 * names the plain representation's ETag, 2 the gzip one's (strong or weak). */
static int none_match(const char *header, const char *hex)
{
    size_t n = strlen(hex);
    for (const char *p = header; (p = strchr(p, '"')) != NULL;) {
        const char *end = strchr(p + 1, '"');
        if (!end)
            return 0;
        size_t len = (size_t)(end - p - 1);
        if (strncmp(p + 1, hex, n) == 0 && len >= n) {
            if (len == n)
                return 1;
            if (len == n + 3 && strncmp(p + 1 + n, "-gz", 3) == 0)
                return 2;
        }
        p = end + 1;
    }
    return 0;
}

static void unlink_entry(struct api_cache *c, struct entry *e)
{
    struct entry **slot = &c->buckets[e->hash % NBUCKETS];
    while (*slot != e)
        slot = &(*slot)->chain;
    *slot = e->chain;
    if (e->prev)
        e->prev->next = e->next;
    else
        c->newest = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        c->oldest = e->prev;
    c->bytes -= e->bytes;
    c->entries--;
}

static void push_newest(struct api_cache *c, struct entry *e)
{
    e->prev = NULL;
    e->next = c->newest;
    if (c->newest)
        c->newest->prev = e;
    c->newest = e;
    if (!c->oldest)
        c->oldest = e;
}

static struct entry *find(struct api_cache *c, const struct dj_buf *key, uint64_t h)
{
    for (struct entry *e = c->buckets[h % NBUCKETS]; e; e = e->chain)
        if (e->hash == h && e->key_len == key->len && memcmp(e->key, key->data, key->len) == 0)
            return e;
    return NULL;
}

static char *copy_bytes(const char *src, size_t n)
{
    char *p = malloc(n ? n : 1);
    if (p && n)
        memcpy(p, src, n);
    return p;
}

/* A kept answer of this version into resp: true on a hit. */
static bool lookup(struct api_cache *c, const struct dj_buf *key, uint64_t h,
                   const unsigned char tag[TAG_BYTES], bool gzip, struct dj_response *resp)
{
    bool hit = false;
    pthread_mutex_lock(&c->lock);
    struct entry *e = find(c, key, h);
    if (e && memcmp(e->tag, tag, TAG_BYTES) == 0) {
        if (e->prev) { /* the newest now */
            e->prev->next = e->next;
            if (e->next)
                e->next->prev = e->prev;
            else
                c->oldest = e->prev;
            push_newest(c, e);
        }
        /* shared, not copied: the answer releases it once sent */
        atomic_fetch_add(&e->kept->refs, 1);
        resp->shared_ref = e->kept;
        if (gzip && e->kept->gz) {
            resp->shared = e->kept->gz;
            resp->shared_len = e->kept->gz_len;
            resp->shared_gzip = true;
        } else {
            resp->shared = e->kept->body;
            resp->shared_len = e->kept->body_len;
        }
        hit = true;
        c->hits += hit;
    } else {
        c->misses++;
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

/* Keeps body (and its gzip) under key; an older version's entry goes. */
static void store(struct api_cache *c, const struct dj_buf *key, uint64_t h,
                  const unsigned char tag[TAG_BYTES], const char *body, size_t len, char *gz,
                  size_t gz_len)
{
    size_t bytes = sizeof(struct entry) + key->len + len + gz_len;
    /* one answer may take at most an eighth: a huge one would empty the cache */
    if (bytes > c->max_bytes / 8) {
        free(gz);
        return;
    }
    struct entry *e = calloc(1, sizeof *e);
    struct kept *k = malloc(sizeof *k + len + 1);
    if (!e || !k || !(e->key = copy_bytes(key->data, key->len))) {
        free(e ? e->key : NULL);
        free(e);
        free(k);
        free(gz);
        return;
    }
    atomic_init(&k->refs, 1);
    memcpy(k->body, body, len);
    k->body[len] = '\0';
    k->body_len = len;
    k->gz = gz;
    k->gz_len = gz_len;
    e->kept = k;
    e->key_len = key->len;
    e->hash = h;
    e->bytes = bytes;
    memcpy(e->tag, tag, TAG_BYTES);
    pthread_mutex_lock(&c->lock);
    struct entry *old = find(c, key, h);
    if (old) {
        unlink_entry(c, old);
        entry_free(old);
    }
    while (c->oldest && c->bytes + bytes > c->max_bytes) {
        struct entry *victim = c->oldest;
        unlink_entry(c, victim);
        entry_free(victim);
    }
    e->chain = c->buckets[h % NBUCKETS];
    c->buckets[h % NBUCKETS] = e;
    push_newest(c, e);
    c->bytes += bytes;
    c->entries++;
    pthread_mutex_unlock(&c->lock);
}

int api_cached_get(const struct dj_route *route, struct dj_request *req, struct dj_response *resp)
{
    struct api_cache *c = req->app->cache;
    if (!c)
        return route->handler(req, resp);
    int64_t seq;
    char head[65];
    int rc = audit_data_version(req->db, &seq, head, &req->err);
    if (rc)
        return rc;
    struct dj_buf key = {0};
    if ((rc = build_key(req, &key))) {
        dj_buf_free(&key);
        return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
    }
    unsigned char tag[TAG_BYTES];
    make_tag(c, &key, seq, head, req->app->version ? req->app->version : "", tag);
    char hex[2 * TAG_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, tag, TAG_BYTES);
    uint64_t h = key_hash(key.data, key.len);
    /* the ETag of the representation sent: gzip is another one */
    bool gz_possible = req->accept_gzip && c->gzip_min > 0;
    int matched = req->if_none_match ? none_match(req->if_none_match, hex) : 0;
    if (matched) {
        pthread_mutex_lock(&c->lock);
        c->not_modified++;
        pthread_mutex_unlock(&c->lock);
        resp->status = 304; /* with the tag of the copy the client holds */
        snprintf(resp->etag, sizeof resp->etag, matched == 2 ? "\"%s-gz\"" : "\"%s\"", hex);
        dj_buf_free(&key);
        return 0;
    }
    if (c->max_bytes && lookup(c, &key, h, tag, gz_possible, resp)) {
        resp->status = 200;
        resp->cache_state = "hit";
        resp->content_type = "application/json; charset=utf-8";
        snprintf(resp->etag, sizeof resp->etag, resp->shared_gzip ? "\"%s-gz\"" : "\"%s\"", hex);
        dj_buf_free(&key);
        return 0;
    }
    rc = route->handler(req, resp);
    /* a JSON answer: a tree (jansson) or text already written (util/jsonw) */
    bool text_json = !resp->json && resp->body && resp->content_type &&
                     strncmp(resp->content_type, "application/json", 16) == 0;
    if (rc || (!resp->json && !text_json) || (resp->status && resp->status != 200)) {
        dj_buf_free(&key);
        return rc;
    }
    char *text;
    size_t len;
    if (text_json) {
        text = resp->body;
        len = resp->body_len;
    } else {
        /* as http/server.c's json_response dumps every other answer */
        if (!(text = json_dumps(resp->json, JSON_COMPACT | JSON_REAL_PRECISION(15)))) {
            dj_buf_free(&key);
            return dj_err_set(&req->err, DJ_ENOMEM, "内存不足");
        }
        json_decref(resp->json);
        resp->json = NULL;
        len = strlen(text);
    }
    resp->body = text;
    resp->body_len = len;
    resp->content_type = "application/json; charset=utf-8";
    resp->status = 200;
    resp->cache_state = c->max_bytes ? "miss" : NULL;
    snprintf(resp->etag, sizeof resp->etag, "\"%s\"", hex);
    char *gz = NULL;
    size_t gz_len = 0;
    /* compressed once for the cache, whoever asks later; without the cache
     * only for a client that takes it */
    if ((c->max_bytes || gz_possible) && c->gzip_min > 0 && (long)len >= c->gzip_min &&
        dj_gzip(text, len, &gz, &gz_len) != 0)
        gz = NULL;
    if (gz && gz_possible) {
        resp->body_gz = copy_bytes(gz, gz_len);
        resp->body_gz_len = resp->body_gz ? gz_len : 0;
        if (resp->body_gz)
            snprintf(resp->etag, sizeof resp->etag, "\"%s-gz\"", hex);
    }
    if (c->max_bytes)
        store(c, &key, h, tag, text, len, gz, gz_len);
    else
        free(gz);
    dj_buf_free(&key);
    return 0;
}
