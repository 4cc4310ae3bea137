/* libFuzzer target: the parent's half of io/xls_read in-process — the
 * stream a freexl child writes (tagged messages: R line, C column length
 * bytes, E, D, F stage code), read back through the row builder with every
 * limit checked again.  The freexl child itself is fuzz_xls's (one fork per
 * input, slow); this target covers the code that must survive whatever a
 * crashed or hostile child writes, at in-process speed.  The input is put in
 * a memory file and read through the same descriptor path. */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io/table_internal.h"
#include "table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    if (fd < 0 && (fd = memfd_create("xls_stream", MFD_CLOEXEC)) < 0)
        __builtin_trap();
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0)
        __builtin_trap();
    static const uint8_t workbook[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    struct dj_table t = {0};
    struct dj_err err;
    dj_err_clear(&err);
    int rc = xls_read_child_stream(fd, workbook, sizeof workbook, &t, &err);
    /* as table_read does: an OLE2 file without a workbook is "unsupported"
     * (it says so), and a reader's partial rows are dropped */
    if (rc == DJ_EUNSUPPORTED)
        dj_err_set(&err, DJ_EUNSUPPORTED, "unsupported");
    if (rc != 0)
        table_free(&t);
    table_result_check(rc, &t, &err, false);
    return 0;
}
