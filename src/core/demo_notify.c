#include "core/demo_notify.h"

#include <jansson.h>

#include "core/audit.h"
#include "store/notify.h"

int demo_notify(struct dj_db *db, int64_t root, FILE *out, struct dj_err *err)
{
    static const char config[] =
        "{\"daily_enabled\":false,\"daily_time\":\"07:30\",\"timezone\":\"Asia/Shanghai\","
        "\"retry_seconds\":300,\"max_attempts\":5,"
        "\"email\":{\"enabled\":false,\"host\":\"smtp.czj.example.gov.cn\",\"port\":587,"
        "\"tls\":\"starttls\",\"username\":\"dangjian\",\"from\":\"dangjian@czj.example.gov.cn\"},"
        "\"sms\":{\"enabled\":false,\"url\":\"https://sms-gateway.example.gov.cn/send\",\"method\":\"POST\","
        "\"headers\":[],\"body\":\"{\\\"phone\\\":\\\"{phone}\\\",\\\"text\\\":\\\"{text}\\\"}\","
        "\"body_escape\":\"json\",\"sign\":\"hmac-sha256\"},"
        "\"routes\":{\"daily_reminder\":[\"sms\",\"email\"]}}";
    struct dj_actor system;
    actor_system(&system);
    json_t *after = json_loads(config, 0, NULL);
    if (!after)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = db_begin_write(db, err);
    if (!rc) {
        if ((rc = store_notify_settings_put(db, root, config, "", err)) ||
            (rc = audit_record(db, &system, "demo", "notify_settings", root, root, NULL, after, err)) ||
            (rc = db_commit(db, err)))
            db_rollback(db);
    }
    json_decref(after);
    if (!rc)
        fprintf(out, "消息通知：每日一提醒 07:30（短信优先，其次邮件；演示环境未接通网关，已关闭）\n");
    return rc;
}
