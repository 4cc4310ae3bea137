/* notify_sign: the pure parts of the channels (no I/O, no database):
 * placeholders in templates, HMAC-SHA256 signatures and the signing schemes
 * of the SMS gateways and robots.  Every output is a caller-owned buffer or a
 * dj_buf the caller frees.
 *
 * Implemented schemes (docs/ARCHITECTURE.md, "Notifications"):
 *  - hmac-sha256: header `sign_header` (default X-Signature) = lowercase hex of
 *    HMAC-SHA256(secret, the `sign_string` template, default
 *    "{timestamp}\n{body}"), with X-Timestamp: unix seconds;
 *  - aliyun-acs3: Alibaba Cloud's V3 signature ACS3-HMAC-SHA256 (signed
 *    headers host, x-acs-action, x-acs-content-sha256, x-acs-date,
 *    x-acs-signature-nonce, x-acs-version; the body form-encoded);
 *  - tencent-tc3: Tencent Cloud's TC3-HMAC-SHA256 (signed headers
 *    content-type and host, the derived key date → service → tc3_request);
 *  - 钉钉: `timestamp` and `sign` = url-encoded base64 of
 *    HMAC-SHA256(secret, "timestamp\nsecret") appended to the webhook URL. */
#ifndef DJ_NOTIFY_SIGN_H
#define DJ_NOTIFY_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

void notify_hmac_sha256(const char *key, size_t key_len, const char *data, size_t len,
                        unsigned char out[32]);
void notify_hex(const unsigned char *in, size_t n, char *out); /* out: 2n+1 bytes */
void notify_sha256_hex(const char *data, size_t len, char out[65]);
/* RFC 3986 percent-encoding (unreserved kept) appended to b; -1 on memory. */
int notify_url_encode(struct dj_buf *b, const char *s);

/* The 钉钉 signature for timestamp_ms: url-encoded base64 into out. */
int notify_dingtalk_sign(const char *secret, int64_t timestamp_ms, char *out, size_t size);

/* Placeholders: {name} replaced by the value of name, escaped as `escape`
 * says ("json": a JSON string's inside, "form": percent-encoded, else as is);
 * an unknown name is kept as written.  names/values: n pairs. */
int notify_template(const char *tpl, const char *const *names, const char *const *values, int n,
                    const char *escape, struct dj_buf *out);

/* Alibaba Cloud ACS3: fills the Authorization value for a POST of body to
 * host with the given action, version, date (YYYY-MM-DDTHH:MM:SSZ) and nonce. */
int notify_aliyun_acs3(const char *key_id, const char *secret, const char *host,
                       const char *action, const char *version, const char *date,
                       const char *nonce, const char *body, char *auth, size_t size);
/* Tencent Cloud TC3: the Authorization value for a POST of a JSON body to
 * host, service (e.g. "sms") at unix time ts. */
int notify_tencent_tc3(const char *secret_id, const char *secret_key, const char *host,
                       const char *service, int64_t ts, const char *body, char *auth, size_t size);

#endif
