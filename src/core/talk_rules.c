#include "core/talk_rules.h"

#include <stdio.h>
#include <string.h>

#include "util/date.h"

const char *const talk_builtin_kinds[] = {"谈心", "谈话提醒", "诫勉谈话", "任前谈话", NULL};

const char *talk_relation_code(enum talk_relation r)
{
    switch (r) {
    case TALK_REL_LEADERS:
        return "leaders";
    case TALK_REL_YOUNG:
        return "young_cadres";
    default:
        return "members";
    }
}

bool talk_under_age(const char *birth_date, const char *date, int years)
{
    if (!dj_date_valid(birth_date) || !dj_date_valid(date))
        return false;
    int y, m, d;
    if (sscanf(birth_date, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return false;
    /* the day of the birthday that makes them `years` old (29 February: 1 March) */
    char turns[40];
    snprintf(turns, sizeof turns, "%04d-%02d-%02d", y + years, m, d);
    if (!dj_date_valid(turns))
        snprintf(turns, sizeof turns, "%04d-03-01", y + years);
    return strcmp(date, turns) < 0;
}

enum talk_relation talk_relation_of(bool leader, const char *birth_date, const char *held_on)
{
    if (leader)
        return TALK_REL_LEADERS;
    return talk_under_age(birth_date, held_on, TALK_YOUNG_AGE) ? TALK_REL_YOUNG : TALK_REL_MEMBERS;
}

void talk_add_months(const char *date, int n, char out[11])
{
    int y = 1970, m = 1, d = 1;
    if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        snprintf(out, 11, "%s", "1970-01-01");
        return;
    }
    int months = y * 12 + (m - 1) + n;
    y = months / 12;
    m = months % 12 + 1;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (d > last)
        d = last;
    char buf[40]; /* wide enough for any int, so the compiler sees no truncation */
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    snprintf(out, 11, "%.10s", buf);
}

static bool in_list(const char *list, const char *item, char sep)
{
    size_t n = strlen(item);
    if (!n)
        return false;
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        /* tolerate spaces and a CR around an item */
        const char *s = p;
        while (len && (*s == ' ' || *s == '\r')) {
            s++;
            len--;
        }
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\r'))
            len--;
        if (len == n && !memcmp(s, item, n))
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

bool talk_kind_known(const char *kind, const char *own_kinds)
{
    for (int i = 0; talk_builtin_kinds[i]; i++)
        if (!strcmp(kind, talk_builtin_kinds[i]))
            return true;
    return in_list(own_kinds, kind, '\n');
}

bool talk_role_listed(const char *list, const char *role)
{
    return in_list(list, role, ',');
}
