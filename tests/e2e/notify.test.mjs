// Notifications through the browser (issue 17): the administrator sets up
// the SMS gateway with a template and a write-only secret, sends a test
// message to a real local HTTP sink and finds it in the delivery log; a
// member on the phone sets how they receive messages on 我的.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, assertNoPageErrors, apiLogin, PHONE } from './harness.mjs';
import { startHttpSink } from '../api/notify_sinks.mjs';

describe('notifications', { skip: SKIP }, () => {
  let app, sink;
  before(async () => {
    sink = await startHttpSink();
    app = await startApp();
  });
  after(async () => {
    await app?.close();
    await sink?.close();
  });

  test('the administrator sets up SMS, sends a test message, reads the log', async () => {
    const page = await app.page();
    await loginAs(page, 'admin');
    await page.goto('/notify');
    const form = page.locator('[data-test=notify-form]');
    await form.waitFor();
    await page.locator('[data-test=sms-preset]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '通用 HTTP 网关' }).click();
    await page.locator('input[data-test=sms-url]').fill(`${sink.url}/send`);
    await page.locator('[data-test=sms-secret] input').fill('browser-secret');
    await page.locator('[data-test=sms-enabled]').click();
    await page.locator('[data-test=notify-save]').click();
    await page.locator('.el-message--success').waitFor();
    const a = await apiLogin(app.url, 'admin');
    const s = (await a.fetch('/api/v1/notify/settings')).data;
    assert.equal(s.sms.sign, 'hmac-sha256');
    assert.equal(s.sms.url, `${sink.url}/send`);
    assert.deepEqual(s.secrets.sms_secret, { set: true });
    // the secret field is empty again and says it is set
    assert.equal(await page.locator('[data-test=sms-secret] input').inputValue(), '');
    assert.equal(await page.locator('[data-test=sms-secret] input').getAttribute('placeholder'), '已设置（留空则不变）');

    await page.locator('[data-test=test-row-sms] input').fill('13800007777');
    await page.locator('[data-test=test-sms]').click();
    await page.locator('.el-message--success', { hasText: '测试消息已发送' }).waitFor();
    assert.equal(sink.requests.length, 1);
    assert.equal(JSON.parse(sink.requests[0].body).phone, '13800007777');

    await page.locator('[data-test=notify-tabs] .el-tabs__item', { hasText: '发送记录' }).click();
    await page.locator('[data-test=deliveries-table]', { hasText: '13800007777' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a member on the phone sets channels and quiet hours on 我的', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.waitForURL(/\/mine$/);
    const box = page.locator('[data-test=my-notify]');
    await box.locator('[data-test=my-channels] .el-checkbox', { hasText: '电子邮件' }).click();
    await box.locator('.el-form-item', { hasText: '邮箱' }).locator('input').fill('dangyuan@example.org');
    await box.locator('[data-test=my-notify-save]').click();
    await page.locator('.el-message--success').waitFor();
    const m = await apiLogin(app.url, 'dangyuan');
    const p = (await m.fetch('/api/v1/notify/preferences')).data;
    assert.deepEqual(p.channels, ['email']);
    assert.equal(p.email, 'dangyuan@example.org');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
