/* gen_roster: writes a roster workbook of N valid rows with the project's own
 * writer (io/export), for the import benchmark: .xlsx, or CSV when OUT ends
 * in .csv.
 * usage: gen_roster N OUT.xlsx|OUT.csv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/roster_import.h"
#include "io/export.h"

static void id_number(int year, int month, int day, int seq, int male, char out[19])
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    snprintf(out, 19, "410102%04d%02d%02d%03d", year, month, day, ((seq % 500) * 2 + male) % 1000);
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * weights[i];
    out[17] = "10X98765432"[sum % 11];
    out[18] = '\0';
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_roster N OUT.xlsx\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    if (n < 1 || n > 1000000) {
        fprintf(stderr, "N must be 1..1000000\n");
        return 2;
    }
    static const char *const depts[] = {"办公室", "预算股", "国库股", "综合股", "经济建设股"};
    static const char *const branches[] = {"机关第一党支部", "机关第二党支部", "机关第三党支部",
                                           "机关第四党支部", "机关第五党支部"};
    struct dj_export_column cols[16];
    for (int i = 0; i < 16; i++) {
        memset(&cols[i], 0, sizeof cols[i]);
        cols[i].title = roster_columns[i];
        cols[i].type = (i == 4 || i == 10 || i == 11) ? DJ_COL_DATE : DJ_COL_TEXT;
    }
    struct dj_export spec = {.sheet_name = "人员名册", .ncols = 16, .cols = cols};
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_export_writer *w;
    size_t nlen = strlen(argv[2]);
    int csv = nlen > 4 && strcmp(argv[2] + nlen - 4, ".csv") == 0;
    if ((csv ? export_csv_begin(&spec, &w, &err) : export_xlsx_begin(&spec, &w, &err))) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    for (long i = 0; i < n; i++) {
        char staff[32], name[48], birth[16], id[19], joined[16], full[16], phone[24];
        int year = 1960 + (int)(i % 40), month = 1 + (int)(i % 12), day = 1 + (int)(i % 28);
        int male = (int)(i % 2);
        snprintf(staff, sizeof staff, "B%07ld", i + 1);
        snprintf(name, sizeof name, "测试%ld", i + 1);
        snprintf(birth, sizeof birth, "%04d-%02d-%02d", year, month, day);
        /* 840 birth dates repeat; the sequence number keeps IDs unique up to 420000 rows */
        id_number(year, month, day, (int)(i / 840), male, id);
        snprintf(joined, sizeof joined, "%04d-%02d-%02d", year + 25, month, day);
        snprintf(full, sizeof full, "%04d-%02d-%02d", year + 26, month, day);
        snprintf(phone, sizeof phone, "139%08ld", i % 100000000);
        const char *cells[16] = {staff, name, male ? "男" : "女", "汉族", birth, id, "大学本科",
                                 depts[i % 5], "科员", "中共党员", joined, full, branches[i % 5],
                                 "第1党小组", phone, "在职"};
        if (export_row(w, cells, &err)) {
            fprintf(stderr, "%s\n", err.message);
            export_abort(w);
            return 1;
        }
    }
    char *data;
    size_t len;
    if (export_finish(w, &data, &len, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    FILE *f = fopen(argv[2], "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
        fprintf(stderr, "cannot write %s\n", argv[2]);
        return 1;
    }
    free(data);
    return 0;
}
