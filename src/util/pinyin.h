/* pinyin: the search key of a name, so that clerks find 张红林 by typing
 * "zhl" (拼音首字母) or "zhanghonglin" (全拼).  The readings come from
 * util/pinyin_table (Unihan, generated at build time).  Owns nothing. */
#ifndef DJ_PINYIN_H
#define DJ_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* Room for the key of any name a person can have (a longer key is cut). */
#define DJ_PINYIN_KEY_SIZE 256

/* The readings of one code point ("zeng,ceng", main reading first), or NULL
 * when it has none. */
const char *pinyin_readings(uint32_t code_point);

/* Writes the search key of a UTF-8 name into out: space-separated words,
 * for each reading of the name's first Chinese character (a surname such as
 * 单 or 曾 is often read otherwise than the character's main reading; at most
 * four) its initials and then its full pinyin, the other characters by their
 * main readings: 单红林 → "dhl danhonglin chl chanhonglin shl shanhonglin".
 * ASCII letters and digits are kept (lower case); everything else without a
 * reading is skipped.  A key longer than out is cut at a word's end.  Returns
 * the key's length (0 for a name with nothing to key). */
size_t pinyin_search_key(const char *name, char *out, size_t out_size);

#endif
