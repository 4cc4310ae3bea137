/* notify_channels: sending one message of the outbox on its channel with the
 * bureau's settings (core/notify_settings) through io/net_send: e-mail over
 * SMTP, SMS through the configured HTTP gateway (with its signing scheme,
 * core/notify_sign), 企业微信 and 钉钉 group robots.  Every request carries
 * the message's stable id (X-Dj-Message-Id, the e-mail's Message-ID), the
 * same on every attempt, so that a receiver can drop a repeat. */
#ifndef DJ_NOTIFY_CHANNELS_H
#define DJ_NOTIFY_CHANNELS_H

#include <jansson.h>

#include "store/notify.h"
#include "util/err.h"

/* Sends o.  0 when the channel took it; DJ_EIO when the attempt failed and
 * may be retried (no answer, HTTP 5xx or 429, a robot's errcode); DJ_EINVAL
 * when it cannot succeed as configured (channel off, no address).  ca_file:
 * the CAs trusted for TLS (notify.ca_file; "" = the system's).  err's
 * message never holds a secret. */
int notify_send(const json_t *config, const json_t *secrets, const char *ca_file,
                const struct dj_outbox *o, struct dj_err *err);

/* The message id of o: "dj-<bureau>-<id>". */
void notify_message_id(const struct dj_outbox *o, char *out, size_t size);

#endif
