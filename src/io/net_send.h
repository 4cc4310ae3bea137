/* net_send: the transports of notifications (libcurl): a message over SMTP
 * (plain, STARTTLS or implicit TLS) and one HTTP request (SMS gateways,
 * 企业微信 and 钉钉 robots).  Synchronous, with a whole-call timeout; no
 * global state beyond curl_global_init, which net_init calls once before
 * threads start.  The caller owns every argument; outputs are described at
 * each function.  Nothing here logs: a secret in a URL or header would
 * otherwise reach the log. */
#ifndef DJ_NET_SEND_H
#define DJ_NET_SEND_H

#include <stdbool.h>

#include "util/buf.h"
#include "util/err.h"

/* curl_global_init; 0 or DJ_EINTERNAL. */
int net_init(struct dj_err *err);
/* curl_global_cleanup, after the threads stopped. */
void net_cleanup(void);

enum net_tls { NET_TLS_NONE, NET_TLS_STARTTLS, NET_TLS_IMPLICIT };

struct net_smtp {
    const char *host;
    int port;
    enum net_tls tls;
    const char *username; /* "" or NULL: no AUTH */
    const char *password;
    const char *ca_file;  /* "" or NULL: the system's CAs */
    int timeout_seconds;
};

/* Sends message (the whole RFC 5322 text, CRLF line ends) from `from` to
 * `to`.  Failures are DJ_EIO with curl's words in err (never the password). */
int net_smtp_send(const struct net_smtp *s, const char *from, const char *to, const char *message,
                  struct dj_err *err);

/* One HTTP request: headers is a NULL-terminated array of "Name: value"
 * lines (may be NULL), body may be NULL (no body).  *status gets the HTTP
 * status (0 when none arrived); response (may be NULL) the first 4 KiB of the
 * answer.  A transport failure is DJ_EIO; any status is success of the call. */
int net_http_send(const char *method, const char *url, const char *const *headers,
                  const char *body, int timeout_seconds, const char *ca_file, int *status,
                  struct dj_buf *response, struct dj_err *err);

#endif
