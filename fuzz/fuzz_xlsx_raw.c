/* libFuzzer target: raw bytes of an .xlsx (a zip) through io/table
 * table_read -> xlsx_read: libzip's archive reading and what follows when the
 * archive survives.  fuzz_xlsx reaches the XML parsers far better; this one
 * covers damaged archives.  Inputs not starting "PK\3\4" are rejected. */
#include <stdint.h>
#include <string.h>

#include "table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 || memcmp(data, "PK\3\4", 4) != 0)
        return -1;
    table_check(data, size, "xlsx", "UTF-8");
    return 0;
}
