/* server: the HTTP server on libmicrohttpd — an epoll thread pool, the
 * limits of the config enforced in one place, security headers, the access
 * log, and graceful shutdown.  It knows no database: api takes each worker
 * thread's connection from app->pool, which main opens and closes.
 * The struct dj_server is owned by the caller of server_start and released by
 * server_stop. */
#ifndef DJ_SERVER_H
#define DJ_SERVER_H

#include "api/api.h"

struct dj_server;

/* Starts listening on app->cfg->listen.  *port gets the bound port (useful
 * with port 0).  A port another program listens on is refused ("端口被占用 /
 * port in use"), never shared. */
int server_start(struct dj_app *app, struct dj_server **out, int *port, struct dj_err *err);
/* Stops accepting new connections; requests in flight go on, and their
 * answers ask the client to close the connection. */
void server_quiesce(struct dj_server *s);
/* Waits until no request is in flight or timeout_ms passes; returns the
 * number still in flight. */
int server_wait_idle(struct dj_server *s, int timeout_ms);
/* Stops the threads and closes every connection (app->pool stays open: its
 * owner closes it after this). */
void server_stop(struct dj_server *s);

#endif
