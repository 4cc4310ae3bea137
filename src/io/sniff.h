/* sniff: the type of an uploaded file decided by its first bytes, never by
 * its name.  Pure. */
#ifndef DJ_SNIFF_H
#define DJ_SNIFF_H

#include <stddef.h>

/* The MIME type of evidence we accept (photos, PDF, Office documents), or
 * NULL for anything else. */
const char *sniff_mime(const void *data, size_t len);

/* The file name to store and offer for a file of type mime (from
 * sniff_mime) uploaded as name: the name's extension is replaced by the
 * type's (".gif" for image/gif...), so that a GIF uploaded as "poly.html" is
 * saved by the browser as "poly.gif", never opened as HTML.  Office 97 files
 * keep a .doc, .xls or .ppt extension and get ".doc" otherwise.  Fills out
 * (truncating the stem to fit, at a UTF-8 boundary). */
void sniff_file_name(const char *name, const char *mime, char *out, size_t size);

#endif
