#include "http/static.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *ext;
    const char *type;
} mime_types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
};

const char *static_mime_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot)
        for (size_t i = 0; i < sizeof mime_types / sizeof mime_types[0]; i++)
            if (strcasecmp(dot, mime_types[i].ext) == 0)
                return mime_types[i].type;
    return "application/octet-stream";
}

/* Vite names built assets like index-3f2a9c1b.js: a dash and 8+ hash
 * characters before the extension. */
static int is_hashed_asset(const char *path)
{
    if (strncmp(path, "/assets/", 8) != 0)
        return 0;
    const char *dot = strrchr(path, '.');
    const char *dash = strrchr(path, '-');
    return dot && dash && dash < dot && dot - dash - 1 >= 8;
}

/* Refuses any segment that starts with a dot (.., hidden files). */
static int path_safe(const char *path)
{
    if (path[0] != '/' || strlen(path) > 400)
        return 0;
    for (const char *p = path; *p; p++)
        if (*p == '/' && p[1] == '.')
            return 0;
        else if (*p == '\\')
            return 0;
    return 1;
}

static const char builtin_page[] =
    "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<title>dangjian 党建与财政业务融合管理系统</title>"
    "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;"
    "line-height:1.6;color:#222}h1{color:#b71c1c;font-size:1.5em}code{background:#f4f4f4;"
    "padding:0 .3em}</style></head><body>"
    "<h1>dangjian 党建与财政业务融合管理系统</h1>"
    "<p>服务器正在运行（版本 %s）。网页控制台尚未构建：在源码目录运行 <code>make</code> 后刷新本页。</p>"
    "<p>The dangjian server is running (version %s). The web console has not been built yet; "
    "run <code>make</code> in the source tree and reload.</p>"
    "<p>接口 / API: <code>/api/v1/</code> — 健康检查 / health: "
    "<a href=\"/api/v1/health\">/api/v1/health</a></p></body></html>";

static struct MHD_Response *builtin_response(const char *version, unsigned int *status)
{
    char *page = malloc(sizeof builtin_page + 64);
    if (!page)
        return NULL;
    int n = snprintf(page, sizeof builtin_page + 64, builtin_page, version, version);
    struct MHD_Response *r =
        MHD_create_response_from_buffer((size_t)n, page, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(page);
        return NULL;
    }
    MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    *status = MHD_HTTP_OK;
    return r;
}

/* Does an Accept-Encoding header take `coding`?  Named with a q above 0, or
 * not named while `*` is (RFC 9110 12.5.3); NULL or empty takes none. */
bool static_accepts(const char *header, const char *coding)
{
    if (!header)
        return false;
    int named = -1, star = -1; /* -1 absent, 0 refused (q=0), 1 taken */
    const char *p = header;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *name = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        size_t len = (size_t)(p - name);
        int taken = 1;
        /* parameters up to the next comma: only q matters */
        while (*p && *p != ',') {
            if (*p == ';') {
                p++;
                while (*p == ' ' || *p == '\t')
                    p++;
                if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
                    p += 2;
                    /* q=0, 0.0, 0.00, 0.000 refuse; anything else takes */
                    const char *q = p;
                    bool zero = *q == '0';
                    if (zero && q[1] == '.')
                        for (q += 2; *q >= '0' && *q <= '9'; q++)
                            zero &= *q == '0';
                    taken = !zero;
                    continue;
                }
            }
            p++;
        }
        if (len == strlen(coding) && strncasecmp(name, coding, len) == 0)
            named = taken;
        else if (len == 1 && *name == '*')
            star = taken;
    }
    return named >= 0 ? named == 1 : star == 1;
}

/* Opens `file` when it is a regular file: the descriptor and its size, or -1. */
static int open_regular(const char *file, uint64_t *size)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return -1;
    }
    *size = (uint64_t)sb.st_size;
    return fd;
}

/* The precompressed variants the build makes beside a file (web/tools/compress.js),
 * best first. */
static const struct {
    const char *coding, *suffix;
} variants[] = {{"br", ".br"}, {"gzip", ".gz"}};

static struct MHD_Response *file_response(const char *file, const char *path,
                                          const char *accept_encoding, unsigned int *status)
{
    uint64_t size;
    int fd = open_regular(file, &size);
    if (fd < 0)
        return NULL;
    /* the file exists: send a precompressed copy when the client takes it */
    const char *coding = NULL;
    bool has_variant = false;
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        char alt[4096 + 8];
        if (snprintf(alt, sizeof alt, "%s%s", file, variants[i].suffix) >= (int)sizeof alt)
            continue;
        struct stat sb;
        if (stat(alt, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        has_variant = true;
        if (coding || !static_accepts(accept_encoding, variants[i].coding))
            continue;
        uint64_t alt_size;
        int alt_fd = open_regular(alt, &alt_size);
        if (alt_fd < 0)
            continue;
        close(fd);
        fd = alt_fd;
        size = alt_size;
        coding = variants[i].coding;
    }
    struct MHD_Response *r = MHD_create_response_from_fd(size, fd);
    if (!r) {
        close(fd);
        return NULL;
    }
    MHD_add_response_header(r, "Content-Type", static_mime_type(file));
    if (coding)
        MHD_add_response_header(r, "Content-Encoding", coding);
    if (has_variant) /* caches keep the encodings apart */
        MHD_add_response_header(r, "Vary", "Accept-Encoding");
    MHD_add_response_header(r, "Cache-Control", is_hashed_asset(path)
                                                    ? "public, max-age=31536000, immutable"
                                                    : "no-cache");
    *status = MHD_HTTP_OK;
    return r;
}

static struct MHD_Response *not_found(unsigned int *status)
{
    static const char body[] = "404 Not Found\n";
    struct MHD_Response *r =
        MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    if (r)
        MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
    *status = MHD_HTTP_NOT_FOUND;
    return r;
}

struct MHD_Response *static_response(const char *web_root, const char *path,
                                     const char *accept_encoding, const char *version,
                                     unsigned int *status)
{
    char file[4096];
    if (!path_safe(path))
        return not_found(status);
    if (strcmp(path, "/") != 0) {
        snprintf(file, sizeof file, "%s%s", web_root, path);
        struct MHD_Response *r = file_response(file, path, accept_encoding, status);
        if (r)
            return r;
        /* a missing asset is a 404; any other path is a page of the app */
        if (strncmp(path, "/assets/", 8) == 0 || strrchr(path, '.') > strrchr(path, '/'))
            return not_found(status);
    }
    snprintf(file, sizeof file, "%s/index.html", web_root);
    struct MHD_Response *r = file_response(file, "/index.html", accept_encoding, status);
    return r ? r : builtin_response(version, status);
}
