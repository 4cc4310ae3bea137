/* pinyin_table: the Mandarin readings of the CJK characters, generated at
 * build time by scripts/gen-pinyin.sh into build/gen/pinyin_table.c from
 * Debian's unicode-data.  Read-only, static: nobody frees anything. */
#ifndef DJ_PINYIN_TABLE_H
#define DJ_PINYIN_TABLE_H

#include <stdint.h>

struct dj_pinyin_entry {
    uint32_t code_point;
    const char *readings; /* "zeng,ceng": toneless, ü as v, the main reading first */
};

/* Sorted by code_point. */
extern const struct dj_pinyin_entry dj_pinyin_table[];
extern const int dj_pinyin_count;

#endif
