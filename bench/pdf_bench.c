/* bench/pdf_bench.c — the document layer's benchmark (issue 18): the 喜报 of N people in one
 * PDF (one landscape certificate page each) and the 公示 of an M-row ranking (a red-header
 * notice whose table runs over many pages), each rendered by io/pdf exactly as
 * core/documents builds them; prints the wall time, the PDF's size and pages, and the
 * process's peak memory after each (ru_maxrss: the high-water mark so far).
 *   build/pdf_bench [PEOPLE [ROWS]]        (defaults 1000 and 100000) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "io/pdf.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of the process so far (user + system): on a shared machine the
 * wall time also counts the waits for a core */
static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static const char *const SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林";
static const char *const GIVEN = "国庆文静立新琳玲波倩悦建华军燕鹏超浩斌";

/* A Chinese name of two or three characters from i (3 bytes each). */
static void name_of(int i, char *out)
{
    int s = i % 20, g1 = (i / 20) % 20, g2 = (i / 400) % 21;
    memcpy(out, SURNAMES + 3 * s, 3);
    memcpy(out + 3, GIVEN + 3 * g1, 3);
    if (g2 < 20) {
        memcpy(out + 6, GIVEN + 3 * g2, 3);
        out[9] = 0;
    } else
        out[6] = 0;
}

static int report(const char *what, struct pdf_doc *d, double t0, double c0)
{
    char *data = NULL;
    size_t len = 0;
    struct dj_err err;
    dj_err_clear(&err);
    int rc = pdf_render(d, &data, &len, &err);
    double t = now() - t0, c = cpu() - c0;
    if (rc) {
        fprintf(stderr, "%s: %s\n", what, err.message);
        return 1;
    }
    int pages = 0;
    for (size_t i = 0; i + 11 < len; i++)
        if (!memcmp(data + i, "/Type /Page", 11) && data[i + 11] != 's')
            pages++;
    printf("%s\t%.2f s wall\t%.2f s CPU\t%.1f MB\t%d pages\tpeak %.0f MB\n", what, t, c, (double)len / 1e6, pages,
           (double)peak_kib() / 1024.0);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    int people = argc > 1 ? atoi(argv[1]) : 1000, rows = argc > 2 ? atoi(argv[2]) : 100000;
    struct dj_err err;
    dj_err_clear(&err);
    printf("before\t\t\t\t\tpeak %.0f MB\n", (double)peak_kib() / 1024.0);
    double t0 = now(), c0 = cpu();
    struct pdf_doc *d = pdf_doc_new(PDF_CERTIFICATE, "中共示范县财政局机关委员会", &err);
    if (!d)
        return 1;
    pdf_set_meta(d, "喜报", "2026-12-07");
    for (int i = 0; i < people; i++) {
        char name[16], recipient[64], body[512];
        name_of(i, name);
        snprintf(recipient, sizeof recipient, "%s同志：", name);
        snprintf(body, sizeof body,
                 "在先锋指数 2026Q3考评中，您成绩优异，得分%d.%02d，位列第%d名，被评为“季度标兵”。特发此报，"
                 "向您和您的家人表示热烈祝贺！希望您珍惜荣誉、再接再厉，在今后的工作中继续发挥先锋模范作用。",
                 99 - i % 20, i % 100, i + 1);
        pdf_certificate(d, "喜  报", recipient, body, "中共示范县财政局机关委员会", "2026年12月7日");
    }
    char what[64];
    snprintf(what, sizeof what, "喜报 of %d people", people);
    int rc = report(what, d, t0, c0);
    pdf_doc_free(d);
    if (rc)
        return 1;
    t0 = now();
    c0 = cpu();
    d = pdf_doc_new(PDF_RED_HEADER, "中共示范县财政局机关委员会", &err);
    pdf_set_meta(d, "公示", "2026-12-07");
    pdf_title(d, "关于先锋指数 2026Q3季度标兵结果的公示");
    pdf_text(d, PDF_BODY, "按照先锋指数 2026Q3考评工作安排，经数据采集、评分、审核，考评已完成，现予以公示。");
    struct pdf_table *t = pdf_table(d, 6, (const char *[]){"名次", "姓名（单位）", "所在支部（部门）", "得分", "星级", "入选"},
                                    (const double[]){0.8, 1.6, 2.2, 1, 0.9, 0.7});
    for (int i = 0; i < rows; i++) {
        char rank[16], name[16], unit[64], total[16];
        snprintf(rank, sizeof rank, "%d", i + 1);
        name_of(i, name);
        snprintf(unit, sizeof unit, "机关第%d党支部", i % 5000 + 1);
        snprintf(total, sizeof total, "%d.%02d", 99 - i * 60 / rows, (rows - i) % 100);
        pdf_row(t, (const char *[]){rank, name, unit, total, i < rows / 5 ? "四星" : "三星", i < 10 ? "是" : ""});
    }
    pdf_signature(d, "中共示范县财政局机关委员会", "2026年12月8日", true);
    snprintf(what, sizeof what, "公示 of %d rows", rows);
    rc = report(what, d, t0, c0);
    pdf_doc_free(d);
    pdf_shutdown();
    return rc;
}
