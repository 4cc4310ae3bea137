/* io/xls_read: the first worksheet of an Excel 97-2003 workbook, through
 * freexl.
 *
 * freexl 1.0.6 is not safe on hostile input: a one-byte change to a real file
 * makes freexl_open crash (found by fuzz/fuzz_table.c), and date cells cost
 * time in proportion to their value.  So freexl runs in a child process:
 *   - the parent writes the data to a private temporary file (mkstemp in
 *     $TMPDIR or /tmp, mode 0600);
 *   - a forked child opens it with freexl, unlinks it at once, and streams
 *     the cells back through a pipe; it touches nothing else and leaves with
 *     _exit (stderr silenced, address space limited where no sanitizer runs);
 *   - the parent rebuilds the table with the row builder, which checks every
 *     limit again, and gives up after XLS_TIMEOUT_MS (the child is killed).
 * A crash, a hang or garbage from the child becomes DJ_EINVAL "damaged file".
 * The forked child only calls freexl, malloc, stdio and iconv, which glibc
 * keeps usable after fork in a threaded program; should a lock taken by
 * another thread at the moment of the fork still block the child, the time
 * limit ends it.  See io/table.h. */
#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/table_internal.h"
#include "util/text.h"

#if defined(__SANITIZE_ADDRESS__)
#define XLS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XLS_SANITIZED 1
#endif
#endif
#ifdef XLS_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

#define XLS_TIMEOUT_MS 20000
#define XLS_CHILD_EXTRA_MEMORY (1024L * 1024 * 1024) /* address space the child may add */

/* The child's messages: one tag byte, then native-endian fields. */
enum {
    MSG_FAIL = 'F', /* int32 stage, int32 freexl code */
    MSG_ROW = 'R',  /* int32 line */
    MSG_CELL = 'C', /* int32 column, uint32 length, the bytes */
    MSG_END = 'E',  /* the row is complete */
    MSG_DONE = 'D', /* the sheet is complete */
};
enum { STAGE_OPEN = 1, STAGE_PASSWORD, STAGE_NO_SHEET, STAGE_SHEET, STAGE_TOO_MANY_ROWS };

/* ---- the parent: the temporary file ------------------------------------- */

static int write_temp(const void *data, size_t len, char *path, size_t size, struct dj_err *err)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    int n = snprintf(path, size, "%s/dangjian-xls-XXXXXX", dir);
    if (n < 0 || (size_t)n >= size)
        return dj_err_set(err, DJ_EIO, "无法创建临时文件：临时目录的路径太长");
    int fd = mkstemp(path);
    if (fd < 0)
        return dj_err_set(err, DJ_EIO, "无法创建临时文件 %s：%s", path, strerror(errno));
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            unlink(path);
            return dj_err_set(err, DJ_EIO, "无法写入临时文件：%s", strerror(e));
        }
        p += w;
        left -= (size_t)w;
    }
    if (close(fd) != 0) {
        int e = errno;
        unlink(path);
        return dj_err_set(err, DJ_EIO, "无法写入临时文件：%s", strerror(e));
    }
    return 0;
}

/* ---- the child ---------------------------------------------------------- */

struct out {
    int fd;
    size_t len;
    char buf[64 * 1024];
};

static void out_flush(struct out *o)
{
    size_t done = 0;
    while (done < o->len) {
        ssize_t w = write(o->fd, o->buf + done, o->len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(3); /* the parent is gone or gave up */
        done += (size_t)w;
    }
    o->len = 0;
}

static void out_put(struct out *o, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        if (o->len == sizeof o->buf)
            out_flush(o);
        size_t k = sizeof o->buf - o->len;
        if (k > n)
            k = n;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
    }
}

static void out_msg(struct out *o, char tag, int32_t a, int32_t b, bool with_b)
{
    out_put(o, &tag, 1);
    out_put(o, &a, sizeof a);
    if (with_b)
        out_put(o, &b, sizeof b);
}

/* Text of one cell into buf, or a pointer to freexl's own string. */
static const char *cell_text(const FreeXL_CellValue *v, char buf[40])
{
    buf[0] = '\0';
    switch (v->type) {
    case FREEXL_CELL_INT:
        snprintf(buf, 40, "%d", v->value.int_value);
        return buf;
    case FREEXL_CELL_DOUBLE:
        tb_format_number(v->value.double_value, buf);
        return buf;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
        return v->value.text_value ? v->value.text_value : "";
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME: /* 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS': the date */
        snprintf(buf, 40, "%.10s", v->value.text_value ? v->value.text_value : "");
        return buf;
    default: /* FREEXL_CELL_NULL */
        return buf;
    }
}

static void child_limits(void)
{
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) { /* a crash report from inside freexl is of no use to anyone */
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        if (null > STDERR_FILENO)
            close(null);
    }
#ifdef XLS_SANITIZED
    /* no fuzzer or test callbacks from the child: it just dies */
    __sanitizer_set_death_callback(NULL);
#else
    /* address space: what the parent had, plus a bound for freexl's cells */
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    long page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) {
        struct rlimit rl;
        rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)page + (rlim_t)XLS_CHILD_EXTRA_MEMORY;
        setrlimit(RLIMIT_AS, &rl);
    }
#endif
}

static _Noreturn void child_main(const char *path, int fd)
{
    static struct out o;
    const void *h = NULL;
    o.fd = fd;
    child_limits();
    int frc = freexl_open(path, &h);
    unlink(path);
    if (frc != FREEXL_OK) {
        out_msg(&o, MSG_FAIL, STAGE_OPEN, frc, true);
        goto done;
    }
    unsigned int info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
        out_msg(&o, MSG_FAIL, STAGE_PASSWORD, 0, true);
        goto done;
    }
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK || info == 0) {
        out_msg(&o, MSG_FAIL, STAGE_NO_SHEET, 0, true);
        goto done;
    }
    unsigned int nrows = 0;
    unsigned short ncols = 0;
    frc = freexl_select_active_worksheet(h, 0);
    if (frc == FREEXL_OK)
        frc = freexl_worksheet_dimensions(h, &nrows, &ncols);
    if (frc != FREEXL_OK) {
        out_msg(&o, MSG_FAIL, STAGE_SHEET, frc, true);
        goto done;
    }
    int sent = 0;
    for (unsigned int r = 0; r < nrows && r < 1048576; r++) {
        bool open = false;
        for (unsigned int c = 0; c < ncols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(h, r, (unsigned short)c, &v) != FREEXL_OK)
                continue;
            char buf[40];
            const char *text = cell_text(&v, buf);
            uint32_t len = (uint32_t)strnlen(text, TABLE_MAX_CELL_BYTES + 1);
            if (len == 0)
                continue;
            if (!open) {
                if (++sent > TABLE_MAX_ROWS) {
                    out_msg(&o, MSG_FAIL, STAGE_TOO_MANY_ROWS, (int32_t)r + 1, true);
                    goto done;
                }
                out_msg(&o, MSG_ROW, (int32_t)r + 1, 0, false);
                open = true;
            }
            out_msg(&o, MSG_CELL, (int32_t)c, (int32_t)len, true);
            out_put(&o, text, len);
        }
        if (open)
            out_put(&o, &(char){MSG_END}, 1);
    }
    out_put(&o, &(char){MSG_DONE}, 1);
done:
    out_flush(&o);
    _exit(0);
}

/* ---- the parent: reading the child's stream ------------------------------ */

struct in {
    int fd;
    int64_t deadline_ms;
    size_t pos, len;
    char buf[64 * 1024];
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Makes n bytes (n <= sizeof buf) available at buf + pos.  0, or -1 at the end
 * of the stream, -2 when time is up, -3 on a read error. */
static int in_need(struct in *r, size_t n)
{
    if (r->len - r->pos >= n)
        return 0;
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    while (r->len < n) {
        int64_t left = r->deadline_ms - now_ms();
        if (left <= 0)
            return -2;
        struct pollfd pfd = {.fd = r->fd, .events = POLLIN};
        int pr = poll(&pfd, 1, (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0)
            return -3;
        if (pr == 0)
            return -2;
        ssize_t k = read(r->fd, r->buf + r->len, sizeof r->buf - r->len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -3;
        if (k == 0)
            return -1;
        r->len += (size_t)k;
    }
    return 0;
}

static int32_t in_i32(struct in *r)
{
    int32_t v;
    memcpy(&v, r->buf + r->pos, sizeof v);
    r->pos += sizeof v;
    return v;
}

/* An Office file encrypted with a password is an OLE2 file holding an
 * "EncryptedPackage" stream (its name is stored in UTF-16LE). */
static bool office_encrypted(const void *data, size_t len)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    return memmem(data, len, name, sizeof name - 1) != NULL;
}

static int damaged(struct dj_err *err)
{
    return dj_err_set(err, DJ_EINVAL, "无法读取该 .xls 文件：文件已损坏或不是 Excel 97-2003 工作簿");
}

static int child_failure(int stage, int frc, const void *data, size_t len, struct dj_err *err)
{
    if (office_encrypted(data, len) || stage == STAGE_PASSWORD)
        return dj_err_set(err, DJ_EINVAL, "文件设置了密码，请在 Excel 中取消密码后再上传");
    if (stage == STAGE_OPEN && frc == FREEXL_INSUFFICIENT_MEMORY)
        return dj_err_set(err, DJ_EINVAL, "该 .xls 文件太大或已损坏，无法读取");
    if (stage == STAGE_OPEN && frc == FREEXL_BIFF_WORKBOOK_NOT_FOUND)
        return DJ_EUNSUPPORTED; /* an OLE2 file, but no Excel workbook (.doc, .ppt ...) */
    if (stage == STAGE_NO_SHEET)
        return dj_err_set(err, DJ_EINVAL, "该 .xls 文件中没有工作表");
    if (stage == STAGE_TOO_MANY_ROWS)
        return dj_err_set(err, DJ_EINVAL, "表格超过 %d 行的上限（第 %d 行），请分批导入",
                          TABLE_MAX_ROWS, frc);
    return damaged(err);
}

/* Reads the child's stream into t through b. */
static int read_stream(struct in *r, struct tb *b, const void *data, size_t len,
                       struct dj_err *err)
{
    int rc, nr;
    int32_t last_line = 0; /* the child writes rows in order; anything else is garbage */
    for (;;) {
        if ((nr = in_need(r, 1)) != 0)
            goto stream_error;
        char tag = r->buf[r->pos++];
        switch (tag) {
        case MSG_DONE:
            return 0;
        case MSG_FAIL:
            if ((nr = in_need(r, 8)) != 0)
                goto stream_error;
            int32_t stage = in_i32(r), frc = in_i32(r);
            return child_failure(stage, frc, data, len, err);
        case MSG_ROW:
            if ((nr = in_need(r, 4)) != 0)
                goto stream_error;
            int32_t line = in_i32(r);
            if (line <= last_line || line > 1048576 || b->in_row)
                return damaged(err);
            last_line = line;
            tb_row_begin(b, line);
            break;
        case MSG_CELL: {
            if ((nr = in_need(r, 8)) != 0)
                goto stream_error;
            int32_t col = in_i32(r);
            uint32_t n = (uint32_t)in_i32(r);
            if (!b->in_row || col < 0 || col > 65535 || n == 0 || n > TABLE_MAX_CELL_BYTES + 1)
                return damaged(err);
            if (n > TABLE_MAX_CELL_BYTES) /* the builder's message */
                return tb_cell(b, col, "", n, err);
            if ((nr = in_need(r, n)) != 0)
                goto stream_error;
            const char *text = r->buf + r->pos;
            r->pos += n;
            if (memchr(text, 0, n) || !dj_utf8_valid(text, n)) {
                char name[8];
                tb_col_name(col, name);
                return dj_err_set(err, DJ_EINVAL, "第 %d 行 %s 列含有无效字符（文件可能已损坏）",
                                  b->line, name);
            }
            rc = tb_cell(b, col, text, n, err);
            if (rc != 0)
                return rc;
            break;
        }
        case MSG_END:
            if (!b->in_row)
                return damaged(err);
            rc = tb_row_end(b, false, err);
            if (rc != 0)
                return rc;
            break;
        default:
            return damaged(err);
        }
    }
stream_error:
    if (nr == -2)
        return dj_err_set(err, DJ_EINVAL, "读取该 .xls 文件超时（超过 %d 秒），文件可能已损坏",
                          XLS_TIMEOUT_MS / 1000);
    return damaged(err); /* the child died (crashed) or wrote garbage */
}

int xls_read_child_stream(int fd, const void *data, size_t len, struct dj_table *t,
                          struct dj_err *err)
{
    struct tb b;
    tb_init(&b, t);
    struct in *r = malloc(sizeof *r);
    if (!r) {
        tb_abort(&b);
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    }
    r->fd = fd;
    r->pos = r->len = 0;
    r->deadline_ms = now_ms() + XLS_TIMEOUT_MS;
    int rc = read_stream(r, &b, data, len, err);
    free(r);
    if (rc == 0)
        tb_finish(&b);
    else
        tb_abort(&b);
    return rc;
}

int xls_read(const void *data, size_t len, struct dj_table *t, struct dj_err *err)
{
    int rc = 0;
    int fds[2] = {-1, -1};
    pid_t pid = -1;
    char path[4096];
    rc = write_temp(data, len, path, sizeof path, err);
    if (rc != 0)
        return rc;
    if (pipe2(fds, O_CLOEXEC) != 0) {
        rc = dj_err_set(err, DJ_EIO, "无法读取 .xls 文件：%s", strerror(errno));
        goto out;
    }
    pid = fork();
    if (pid < 0) {
        rc = dj_err_set(err, DJ_EIO, "无法读取 .xls 文件：%s", strerror(errno));
        goto out;
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(path, fds[1]);
    }
    close(fds[1]);
    fds[1] = -1;
    rc = xls_read_child_stream(fds[0], data, len, t, err);
out:
    if (pid > 0) {
        if (rc != 0)
            kill(pid, SIGKILL); /* done with it, whatever it is doing */
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    unlink(path); /* the child unlinks it; this is for when it could not */
    return rc;
}
