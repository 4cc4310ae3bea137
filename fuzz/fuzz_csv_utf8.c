/* libFuzzer target: CSV in UTF-8 (with or without a byte-order mark) through
 * io/table table_read -> csv_read.  Inputs that are not valid UTF-8 belong to
 * fuzz_csv_gbk and are rejected (not added to the corpus). */
#include <stdint.h>
#include <string.h>

#include "table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    size_t n = size;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    if (!dj_utf8_valid(p, n) || (size >= 2 && data[0] == 'P' && data[1] == 'K'))
        return -1;
    table_check(data, size, "csv", "UTF-8");
    return 0;
}
