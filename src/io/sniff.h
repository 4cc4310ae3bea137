/* sniff: the type of an uploaded file decided by its first bytes, never by
 * its name.  Pure. */
#ifndef DJ_SNIFF_H
#define DJ_SNIFF_H

#include <stddef.h>

/* The MIME type of evidence we accept (photos, PDF, Office documents), or
 * NULL for anything else. */
const char *sniff_mime(const void *data, size_t len);

#endif
