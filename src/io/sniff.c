#include "io/sniff.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

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

static const struct {
    const char *mime, *ext;
} extensions[] = {
    {"image/jpeg", ".jpg"},
    {"image/png", ".png"},
    {"image/gif", ".gif"},
    {"image/webp", ".webp"},
    {"application/pdf", ".pdf"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"},
    {"application/vnd.ms-office", ".doc"},
};

void sniff_file_name(const char *name, const char *mime, char *out, size_t size)
{
    if (!size)
        return;
    const char *ext = "";
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
        if (mime && !strcmp(mime, extensions[i].mime))
            ext = extensions[i].ext;
    const char *dot = strrchr(name, '.');
    if (dot && (strchr(dot, '/') || strchr(dot, '\\')))
        dot = NULL;
    size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    if (dot && mime && !strcmp(mime, "application/vnd.ms-office") &&
        (!strcasecmp(dot, ".doc") || !strcasecmp(dot, ".xls") || !strcasecmp(dot, ".ppt")))
        ext = dot; /* which of the three the bytes do not tell; the name may */
    if (dot && mime && !strcmp(mime, "image/jpeg") && !strcasecmp(dot, ".jpeg"))
        ext = dot;
    size_t elen = strlen(ext);
    if (elen + 1 > size)
        elen = 0;
    if (stem > size - 1 - elen)
        stem = size - 1 - elen;
    while (stem > 0 && ((unsigned char)name[stem] & 0xC0) == 0x80)
        stem--; /* do not cut a UTF-8 character */
    snprintf(out, size, "%.*s%s", (int)stem, name, elen ? ext : "");
}
