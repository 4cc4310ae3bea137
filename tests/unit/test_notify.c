/* notifications (issue 17): signatures, templates, quiet hours.  The
 * expected signatures of the providers' schemes were computed independently
 * with node's crypto from the providers' documented algorithms. */
#include "testutil.h"

#include <string.h>

#include "core/notify_settings.h"
#include "core/notify_sign.h"

static void hmac_sha256_rfc4231(void **state)
{
    (void)state;
    unsigned char mac[32];
    char hex[65];
    notify_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
    notify_hex(mac, 32, hex);
    assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void dingtalk_signs_timestamp_and_secret(void **state)
{
    (void)state;
    char sign[128];
    assert_int_equal(notify_dingtalk_sign("SECtest", 1700000000000LL, sign, sizeof sign), 0);
    assert_string_equal(sign, "aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D");
    char tiny[8];
    assert_int_equal(notify_dingtalk_sign("SECtest", 1700000000000LL, tiny, sizeof tiny), -1);
}

static void providers_schemes(void **state)
{
    (void)state;
    char auth[600];
    assert_int_equal(notify_tencent_tc3("AKID", "key", "sms.tencentcloudapi.com", "sms", 1700000000,
                                        "{\"a\":1}", auth, sizeof auth),
                     0);
    assert_string_equal(auth, "TC3-HMAC-SHA256 Credential=AKID/2023-11-14/sms/tc3_request, "
                              "SignedHeaders=content-type;host, "
                              "Signature=518af1b0c396b811a4b2a45f859305a5581c0ce949fdf800fe47967c5fc3e912");
    assert_int_equal(notify_aliyun_acs3("LTAI", "sec", "dysmsapi.aliyuncs.com", "SendSms", "2017-05-25",
                                        "2026-01-01T00:00:00Z", "n1", "PhoneNumbers=1", auth, sizeof auth),
                     0);
    assert_string_equal(auth, "ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host;x-acs-action;"
                              "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
                              "Signature=c83220b3938344f32d929c140a3c051dc513efcdb9484fb1344c4100674882b4");
}

static char *fill(const char *tpl, const char *escape)
{
    static const char *const names[] = {"phone", "text"};
    static const char *const values[] = {"138 0000", "他说\"好\"\n&再见"};
    struct dj_buf b = DJ_BUF_INIT;
    assert_int_equal(notify_template(tpl, names, values, 2, escape, &b), 0);
    return dj_buf_take(&b);
}

static void templates_escape_their_values(void **state)
{
    (void)state;
    char *s = fill("{\"to\":\"{phone}\",\"text\":\"{text}\",\"x\":\"{unknown}\"}", "json");
    assert_string_equal(s, "{\"to\":\"138 0000\",\"text\":\"他说\\\"好\\\"\\n&再见\",\"x\":\"{unknown}\"}");
    free(s);
    s = fill("to={phone}&m={text}", "form");
    assert_string_equal(s, "to=138%200000&m=%E4%BB%96%E8%AF%B4%22%E5%A5%BD%22%0A%26%E5%86%8D%E8%A7%81");
    free(s);
    s = fill("{phone} {", "none");
    assert_string_equal(s, "138 0000 {");
    free(s);
}

static void quiet_hours_may_wrap_midnight(void **state)
{
    (void)state;
    assert_int_equal(notify_minutes("07:30"), 450);
    assert_int_equal(notify_minutes("24:00"), -1);
    assert_int_equal(notify_minutes("7:30"), -1);
    assert_true(notify_in_quiet("22:00", "07:00", 23 * 60));
    assert_true(notify_in_quiet("22:00", "07:00", 6 * 60 + 59));
    assert_false(notify_in_quiet("22:00", "07:00", 7 * 60));
    assert_true(notify_in_quiet("12:00", "14:00", 12 * 60));
    assert_false(notify_in_quiet("12:00", "14:00", 14 * 60));
    assert_false(notify_in_quiet("", "", 0));
    assert_true(notify_channel_valid("dingtalk"));
    assert_false(notify_channel_valid("fax"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hmac_sha256_rfc4231),
        cmocka_unit_test(dingtalk_signs_timestamp_and_secret),
        cmocka_unit_test(providers_schemes),
        cmocka_unit_test(templates_escape_their_values),
        cmocka_unit_test(quiet_hours_may_wrap_midnight),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
