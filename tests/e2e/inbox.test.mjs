// The inbox through the browser (issue 17, item 2): the 机关党委 sends an
// announcement from the inbox page; a member on a phone sees the bell's
// unread count, opens the inbox, marks the item read and the count drops.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, assertNoPageErrors, apiLogin, PHONE } from './harness.mjs';

describe('the inbox and announcements', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  test('an announcement reaches a member\'s inbox; reading it lowers the badge', async () => {
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/inbox');
    await page.locator('[data-test=announce-open]').click();
    const form = page.locator('[data-test=announce-form]');
    await form.locator('[data-test=announce-title]').fill('关于开展主题党日活动的通知');
    await form.locator('[data-test=announce-body]').fill('请各支部于本月底前完成。');
    await form.locator('[data-test=announce-send]').click();
    await form.waitFor({ state: 'hidden' });
    // the sender is among the recipients of a bureau-wide announcement
    await page.locator('[data-test=inbox-list] li', { hasText: '关于开展主题党日活动的通知' }).waitFor();
    assertNoPageErrors(page);

    const m = await apiLogin(app.url, 'dangyuan');
    const unread = (await m.fetch('/api/v1/inbox/unread')).data.unread;
    assert.ok(unread >= 1, `unread: ${unread}`);

    const phone = await app.page({ viewport: PHONE });
    await loginAs(phone, 'dangyuan');
    const badge = phone.locator('[data-test=inbox-badge] .el-badge__content');
    await badge.filter({ hasText: String(unread) }).waitFor();
    await phone.locator('[data-test=inbox-bell]').click();
    await phone.waitForURL(/\/inbox$/);
    const item = phone.locator('[data-test=inbox-list] li', { hasText: '关于开展主题党日活动的通知' });
    await item.waitFor();
    assert.match(await item.getAttribute('class'), /unread/);
    await item.locator('[data-test=inbox-read]').click();
    await item.locator('[data-test=inbox-unread]').waitFor();
    assert.equal((await m.fetch('/api/v1/inbox/unread')).data.unread, unread - 1);
    if (unread - 1 > 0) await badge.filter({ hasText: String(unread - 1) }).waitFor();
    else await badge.waitFor({ state: 'hidden' });
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `no sideways scrolling: ${width}`);
    assertNoPageErrors(phone);
  });
});
