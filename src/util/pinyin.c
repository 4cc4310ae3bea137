/* pinyin: see pinyin.h. */
#include "util/pinyin.h"

#include <string.h>

#include "util/pinyin_table.h"

#define MAX_FIRST_READINGS 4
#define MAX_CHARS 64

const char *pinyin_readings(uint32_t code_point)
{
    int lo = 0, hi = dj_pinyin_count - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        uint32_t c = dj_pinyin_table[mid].code_point;
        if (c == code_point)
            return dj_pinyin_table[mid].readings;
        if (c < code_point)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

/* Decodes one UTF-8 sequence at *s (the input is valid UTF-8: the API
 * refuses anything else); advances *s. */
static uint32_t next_code_point(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t c = p[0];
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (extra)
        c &= 0x3F >> extra;
    p++;
    for (int i = 0; i < extra && (*p & 0xC0) == 0x80; i++)
        c = (c << 6) | (*p++ & 0x3F);
    *s = p;
    return c;
}

/* One unit of the name: a reading list of a character, or one ASCII
 * letter or digit (as a one-letter "reading"). */
struct unit {
    const char *readings;
    char ascii[2];
};

/* Appends the word [from, from+len) when it fits with its separator. */
static int append_word(char *out, size_t out_size, size_t *used, const char *word, size_t len)
{
    size_t need = len + (*used ? 1 : 0);
    if (!len || *used + need + 1 > out_size)
        return -1;
    if (*used)
        out[(*used)++] = ' ';
    memcpy(out + *used, word, len);
    *used += len;
    out[*used] = '\0';
    return 0;
}

/* The reading number k of a list ("a,b,c"): start and length. */
static size_t reading_at(const char *list, int k, const char **start)
{
    const char *p = list;
    for (int i = 0; i < k && p; i++) {
        p = strchr(p, ',');
        if (p)
            p++;
    }
    if (!p) {
        *start = NULL;
        return 0;
    }
    const char *end = strchr(p, ',');
    *start = p;
    return end ? (size_t)(end - p) : strlen(p);
}

size_t pinyin_search_key(const char *name, char *out, size_t out_size)
{
    if (!out_size)
        return 0;
    out[0] = '\0';
    if (!name)
        return 0;
    struct unit units[MAX_CHARS];
    int n = 0, first_han = -1;
    const unsigned char *s = (const unsigned char *)name;
    while (*s && n < MAX_CHARS) {
        uint32_t c = next_code_point(&s);
        struct unit *u = &units[n];
        u->readings = NULL;
        u->ascii[0] = u->ascii[1] = '\0';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            u->ascii[0] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            u->ascii[0] = (char)(c - 'A' + 'a');
        else if (c >= 0x80 && (u->readings = pinyin_readings(c)) != NULL) {
            if (first_han < 0)
                first_han = n;
        } else
            continue;
        n++;
    }
    if (!n)
        return 0;
    int variants = 1;
    if (first_han >= 0) {
        const char *start;
        while (variants < MAX_FIRST_READINGS && reading_at(units[first_han].readings, variants, &start))
            variants++;
    }
    size_t used = 0;
    char initials[MAX_CHARS + 1], full[MAX_CHARS * 8 + 1];
    for (int v = 0; v < variants; v++) {
        size_t ni = 0, nf = 0;
        for (int i = 0; i < n; i++) {
            const char *r;
            size_t len;
            if (units[i].readings)
                len = reading_at(units[i].readings, i == first_han ? v : 0, &r);
            else {
                r = units[i].ascii;
                len = 1;
            }
            if (!len || nf + len >= sizeof full)
                continue;
            initials[ni++] = r[0];
            memcpy(full + nf, r, len);
            nf += len;
        }
        /* a name of letters only is its own initials */
        if (append_word(out, out_size, &used, initials, ni) ||
            (nf != ni && append_word(out, out_size, &used, full, nf)))
            break;
    }
    return used;
}
