/* libFuzzer target: an Excel 97 .xls (OLE2) through io/table table_read ->
 * xls_read: the temporary file, the forked freexl child and the parent's
 * reading of the child's stream, with every limit checked again.  A crash of
 * freexl inside the child is by design a "damaged file" error, not a finding;
 * what this target checks is that the server process survives and answers
 * correctly.  Slow (one fork per input).  Inputs without the OLE2 signature
 * are rejected. */
#include <stdint.h>
#include <string.h>

#include "table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (size < sizeof ole2 || memcmp(data, ole2, sizeof ole2) != 0)
        return -1;
    table_check(data, size, "xls", "UTF-8");
    return 0;
}
