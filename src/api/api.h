/* api: the resources of API.md.  Each handler parses and validates its
 * request, checks the caller's rights through core/authz, calls core and
 * shapes the JSON answer.  Handlers never see libmicrohttpd, a socket, a file
 * or SQL: the http layer fills struct dj_request and sends struct
 * dj_response.
 *
 * Ownership: the http layer owns the request and everything it points to;
 * a handler puts a new json_t reference (or a malloc'd body) into the
 * response, which the http layer frees after sending. */
#ifndef DJ_API_H
#define DJ_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/authz.h"
#include "core/secret.h"
#include "util/config.h"
#include "util/err.h"

struct dj_db;      /* store/db.h: a connection, reached only through core */
struct dj_db_pool; /* store/pool.h: opened by main, read here through core */

#define DJ_MAX_QUERY 32
#define DJ_MAX_ROUTE_PARAMS 4

struct api_cache; /* api_cache.h: answers of GET routes, shared by the workers */

struct dj_app {
    struct dj_config *cfg;
    const char *version;
    const struct dj_secret *secret; /* the key file's key, for confidential fields */
    struct dj_db_pool *pool;        /* the workers' connections (main opens and closes it) */
    struct api_cache *cache;        /* made and freed by http/server (NULL: no cache) */
};

struct dj_kv {
    const char *name;
    const char *value;
};

struct dj_request {
    const char *method;
    const char *path;
    struct dj_kv query[DJ_MAX_QUERY];
    int nquery;
    const char *body; /* NUL-terminated, may be NULL */
    size_t body_len;
    const char *session_cookie; /* value of dj_session, or NULL */
    const char *csrf_header;    /* X-CSRF-Token, or NULL */
    const char *content_type;
    char content_type_buf[128]; /* for a type that is not a constant */
    const char *if_none_match;  /* the If-None-Match header, or NULL */
    bool accept_gzip;           /* Accept-Encoding takes gzip */
    char client_addr[64];
    char request_id[32];
    const char *params[DJ_MAX_ROUTE_PARAMS]; /* {name} parts of the route */
    int nparams;
    struct dj_app *app;
    struct dj_db *db;       /* this thread's connection, set by api_dispatch */
    struct dj_actor actor;  /* filled when the route needs a session */
    bool has_actor;
    struct dj_err err;      /* filled by a failing handler */
};

struct dj_response {
    int status;
    json_t *json;          /* the body as JSON, or */
    char *body;            /* a raw body (malloc'd) with its type */
    size_t body_len;
    const char *content_type;
    char content_type_buf[128]; /* for a type that is not a constant */
    char location[128];
    char set_cookie[256];
    char disposition[512]; /* Content-Disposition of a download */
    char etag[48];         /* a strong ETag (quoted) of a cacheable answer, "" for none;
                            * with status 304 the answer has no body */
    const char *cache_state; /* "hit" or "miss" for an answer the cache may keep, else NULL */
    const char *shared;    /* or a body kept by api_cache (not owned, not copied) */
    size_t shared_len;
    bool shared_gzip;      /* shared is the gzip of the answer */
    void *shared_ref;      /* released with api_cache_release once sent */
    char *body_gz;         /* the body gzipped (malloc'd), when the client takes gzip */
    size_t body_gz_len;
    bool close_connection;
};

typedef int (*dj_handler)(struct dj_request *req, struct dj_response *resp);

enum dj_route_flags {
    ROUTE_PUBLIC = 1, /* no session needed */
    ROUTE_UPLOAD = 2, /* takes a file: server.upload_limit instead of body_limit */
    ROUTE_SEALED = 4, /* may answer sealed content opened for the caller (a talk's): the
                       * answer cache never keeps it, so it lives no longer than the request */
    ROUTE_LIVE = 8,   /* answers rows that change without an audit record (the inbox's read
                       * marks, the delivery log, the outbox's status): no ETag, never kept
                       * by the answer cache */
};

struct dj_route {
    const char *method;
    const char *pattern; /* "/api/v1/users/{id}" */
    dj_handler handler;
    unsigned flags;
};

/* The route table of every API resource. */
extern const struct dj_route dj_api_routes[];
extern const size_t dj_api_route_count;

/* Runs one matched route: takes the thread's connection from app->pool,
 * authenticates the caller unless the route is public, checks the CSRF token
 * on state-changing methods, then calls the handler; on failure rolls back
 * whatever transaction the handler left open.  Returns DJ_OK or an error
 * code with req->err filled. */
int api_dispatch(const struct dj_route *route, struct dj_request *req, struct dj_response *resp);

/* Helpers for handlers (api_common.c). */
/* Parses the body as a JSON object (duplicate keys rejected). */
int api_body_object(struct dj_request *req, json_t **out);
const char *api_query(const struct dj_request *req, const char *name);
/* Reads limit (1..500, default 50) and offset (>= 0) from the query. */
int api_paging(struct dj_request *req, int *limit, int *offset);
/* Parses route parameter i as a positive id. */
int api_param_id(struct dj_request *req, int i, int64_t *id);
/* A field error "未知的字段" for each key of obj not in known (NULL-ended);
 * returns the request's error code so far. */
int api_unknown_fields(struct dj_request *req, json_t *obj, const char *const *known);
/* Optional string field: absent leaves *out NULL; a non-string is an error. */
int api_field_string(struct dj_request *req, json_t *obj, const char *name, bool required,
                     const char **out);
/* Copies an optional string field into dst of size bytes: absent leaves dst
 * alone, null clears it, anything else but a string that fits is a field
 * error (returned). */
int api_field_copy(struct dj_request *req, json_t *obj, const char *name, char *dst, size_t size);
/* Reads an optional number field with at most two decimal places (a score,
 * hours) as hundredths: absent leaves *out alone; null sets null_value. */
int api_field_centi(struct dj_request *req, json_t *obj, const char *name, int64_t null_value,
                    int64_t *out);
/* The uploaded spreadsheet of an import: the multipart part "file", or the
 * raw body; a field error when there is none. */
int api_upload_data(struct dj_request *req, const char **data, size_t *len);
/* ?from= and ?to= as dates (NULL when absent); field errors when malformed. */
int api_date_range(struct dj_request *req, const char **from, const char **to);
/* ?name=1, true or yes */
bool api_query_flag(const struct dj_request *req, const char *name);
/* ?name= as a positive id (0 when absent) and ?year= (0 when absent); a
 * field error when malformed. */
int api_query_id(struct dj_request *req, const char *name, int64_t *out);
int api_query_year(struct dj_request *req, const char *name, int *year);
/* Sets a 200 JSON answer (steals j). */
int api_reply(struct dj_response *resp, int status, json_t *j);
/* Answers with a file made by io/export: xlsx or CSV as format says. */
int api_reply_file(struct dj_request *req, struct dj_response *resp, char *data, size_t len,
                   bool csv, const char *basename);
/* The export format asked for by ?format=: 0 none (JSON), 1 xlsx, 2 csv;
 * DJ_EINVAL for anything else. */
int api_export_format(struct dj_request *req, int *format);
/* A column of a list exported from its JSON items: the item's key, the
 * title, the cell type (enum dj_col_type of io/export.h), and optionally a
 * function that writes the cell's text itself. */
struct api_column {
    const char *key;
    const char *title;
    int type;
    void (*text)(json_t *item, char *out, size_t size);
};
/* Answers a list: as JSON {"items", "total"} (steals items), or, when
 * ?format=xlsx|csv asked for it, as a file of those items in the given
 * columns named basename. */
int api_reply_items(struct dj_request *req, struct dj_response *resp, json_t *items, int64_t total,
                    const struct api_column *cols, int ncols, const char *basename);
/* {"items": items, "total": total} */
int api_reply_list(struct dj_response *resp, json_t *items, int64_t total);

#endif
