/* The JSON helpers of the api layer and the error mapping of the http layer. */
#include "testutil.h"

#include "api/api.h"
#include "http/errmap.h"

static int parse(const char *body, size_t len, const char *type, json_t **out, struct dj_request *req)
{
    memset(req, 0, sizeof *req);
    req->body = body;
    req->body_len = len;
    req->content_type = type;
    return api_body_object(req, out);
}

static void body_parsing(void **state)
{
    (void)state;
    struct dj_request req;
    json_t *j;
    assert_int_equal(parse("{\"a\":1}", 7, "application/json", &j, &req), 0);
    assert_int_equal(json_integer_value(json_object_get(j, "a")), 1);
    json_decref(j);
    assert_int_equal(parse("{\"a\":1}", 7, "application/json; charset=utf-8", &j, &req), 0);
    json_decref(j);
    assert_int_equal(parse("{\"a\":1,\"a\":2}", 13, "application/json", &j, &req), DJ_EINVAL);
    assert_non_null(strstr(req.err.message, "重复"));
    assert_int_equal(parse("{\"a\":", 5, "application/json", &j, &req), DJ_EINVAL);
    assert_int_equal(parse("[1,2]", 5, "application/json", &j, &req), DJ_EINVAL);
    assert_int_equal(parse("{\"a\":\"\xff\"}", 9, "application/json", &j, &req), DJ_EINVAL);
    assert_non_null(strstr(req.err.message, "UTF-8"));
    assert_int_equal(parse("", 0, "application/json", &j, &req), DJ_EINVAL);
    assert_int_equal(parse("a=1", 3, "application/x-www-form-urlencoded", &j, &req), DJ_EUNSUPPORTED);
}

static void fields_and_paging(void **state)
{
    (void)state;
    struct dj_request req;
    memset(&req, 0, sizeof req);
    json_t *o = json_pack("{s:s, s:i}", "name", "党支部", "n", 3);
    const char *s;
    assert_int_equal(api_field_string(&req, o, "name", true, &s), 0);
    assert_string_equal(s, "党支部");
    assert_int_equal(api_field_string(&req, o, "n", true, &s), DJ_EINVAL);
    assert_int_equal(api_field_string(&req, o, "missing", false, &s), 0);
    assert_null(s);
    json_decref(o);
    memset(&req, 0, sizeof req);
    req.query[0] = (struct dj_kv){"limit", "501"};
    req.nquery = 1;
    int limit, offset;
    assert_int_equal(api_paging(&req, &limit, &offset), DJ_EINVAL);
    assert_string_equal(req.err.fields[0].name, "limit");
    memset(&req, 0, sizeof req);
    req.query[0] = (struct dj_kv){"limit", "20"};
    req.query[1] = (struct dj_kv){"offset", "40"};
    req.nquery = 2;
    assert_int_equal(api_paging(&req, &limit, &offset), 0);
    assert_int_equal(limit, 20);
    assert_int_equal(offset, 40);
    memset(&req, 0, sizeof req);
    assert_int_equal(api_paging(&req, &limit, &offset), 0);
    assert_int_equal(limit, 50);
}

static void error_mapping(void **state)
{
    (void)state;
    assert_int_equal(errmap_status(DJ_EINVAL), 400);
    assert_int_equal(errmap_status(DJ_EUNAUTH), 401);
    assert_int_equal(errmap_status(DJ_EFORBIDDEN), 403);
    assert_int_equal(errmap_status(DJ_ENOTFOUND), 404);
    assert_int_equal(errmap_status(DJ_EMETHOD), 405);
    assert_int_equal(errmap_status(DJ_ECONFLICT), 409);
    assert_int_equal(errmap_status(DJ_ETOOLARGE), 413);
    assert_int_equal(errmap_status(DJ_EUNSUPPORTED), 415);
    assert_int_equal(errmap_status(DJ_ERATELIMIT), 429);
    assert_int_equal(errmap_status(DJ_EUNAVAILABLE), 503);
    assert_int_equal(errmap_status(DJ_EDB), 500);
    struct dj_err err;
    dj_err_clear(&err);
    dj_err_field(&err, "phone", "格式错误");
    json_t *b = errmap_body(&err);
    json_t *e = json_object_get(b, "error");
    assert_string_equal(json_string_value(json_object_get(e, "code")), "invalid");
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "fields"), "phone")), "格式错误");
    json_decref(b);
    /* internal messages never leak */
    dj_err_set(&err, DJ_EDB, "no such table: secret_stuff");
    b = errmap_body(&err);
    e = json_object_get(b, "error");
    assert_null(strstr(json_string_value(json_object_get(e, "message")), "secret_stuff"));
    assert_string_equal(json_string_value(json_object_get(e, "code")), "internal");
    assert_null(json_object_get(e, "fields"));
    json_decref(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(body_parsing), cmocka_unit_test(fields_and_paging),
        cmocka_unit_test(error_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
