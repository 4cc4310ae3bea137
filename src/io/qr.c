#include "io/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

#include "util/buf.h"

#define QUIET 4 /* modules of white around the code, as the standard asks */

int qr_svg(const char *text, char **out, struct dj_err *err)
{
    *out = NULL;
    if (!text || !*text || strlen(text) > 1000)
        return dj_err_set(err, DJ_EINVAL, "二维码内容为空或过长");
    errno = 0;
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return dj_err_set(err, errno == ENOMEM ? DJ_ENOMEM : DJ_EINTERNAL, "无法生成二维码");
    int w = qr->width, size = w + 2 * QUIET;
    struct dj_buf b = {0};
    int rc = dj_buf_printf(&b,
                           "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                           " shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\""
                           " fill=\"#fff\"/><path fill=\"#000\" d=\"",
                           size, size, size, size);
    /* one horizontal run of dark modules per path segment */
    for (int y = 0; y < w && !rc; y++) {
        for (int x = 0; x < w && !rc;) {
            if (!(qr->data[y * w + x] & 1)) {
                x++;
                continue;
            }
            int run = 1;
            while (x + run < w && (qr->data[y * w + x + run] & 1))
                run++;
            rc = dj_buf_printf(&b, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
            x += run;
        }
    }
    if (!rc)
        rc = dj_buf_puts(&b, "\"/></svg>");
    QRcode_free(qr);
    if (rc) {
        dj_buf_free(&b);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    *out = dj_buf_take(&b);
    return *out ? 0 : dj_err_set(err, DJ_ENOMEM, "内存不足");
}
