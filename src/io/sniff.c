#include "io/sniff.h"

#include <string.h>

static int starts(const unsigned char *d, size_t len, const void *magic, size_t n)
{
    return len >= n && memcmp(d, magic, n) == 0;
}

/* An Office Open XML package names its main part early in the ZIP. */
static const char *ooxml(const unsigned char *d, size_t len)
{
    size_t scan = len < 65536 ? len : 65536;
    if (memmem(d, scan, "word/", 5))
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (memmem(d, scan, "xl/", 3))
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (memmem(d, scan, "ppt/", 4))
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    return NULL;
}

const char *sniff_mime(const void *data, size_t len)
{
    const unsigned char *d = data;
    if (starts(d, len, "\xFF\xD8\xFF", 3))
        return "image/jpeg";
    if (starts(d, len, "\x89PNG\r\n\x1A\n", 8))
        return "image/png";
    if (starts(d, len, "GIF87a", 6) || starts(d, len, "GIF89a", 6))
        return "image/gif";
    if (len >= 12 && starts(d, len, "RIFF", 4) && memcmp(d + 8, "WEBP", 4) == 0)
        return "image/webp";
    if (starts(d, len, "%PDF-", 5))
        return "application/pdf";
    if (starts(d, len, "PK\x03\x04", 4))
        return ooxml(d, len);
    if (starts(d, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return "application/vnd.ms-office"; /* .doc, .xls, .ppt of Office 97 */
    return NULL;
}
