/* libFuzzer target: CSV that is not UTF-8, which csv_read converts from
 * GB18030 (GBK) with iconv before parsing, through io/table table_read.
 * Valid UTF-8 belongs to fuzz_csv_utf8 and is rejected here. */
#include <stdint.h>
#include <string.h>

#include "table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (dj_utf8_valid((const char *)data, size) || (size >= 2 && data[0] == 'P' && data[1] == 'K') ||
        (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) || (size >= 1 && data[0] == 0xD0))
        return -1;
    table_check(data, size, "csv", "GB18030");
    return 0;
}
