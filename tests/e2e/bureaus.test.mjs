// The province-level administrator's console (issue 20): 单位管理 is all it
// sees; it creates a bureau (the first administrator's password is shown
// once and works), reads the year's figures with their total, and suspends a
// bureau, whose administrator is then refused; on a phone the bureaus are cards.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, menuNames, showMenuItem, assertNoPageErrors, PHONE, apiLogin } from './harness.mjs';
import { makeTempDir, makeDemoDb, runDj, request } from '../api/harness.mjs';

const PROVINCE = 'Sheng#Guan2026';

describe('the province console', { skip: SKIP }, () => {
  let app;
  before(async () => {
    const dir = makeTempDir('dj-e2e-bureaus-');
    const dbPath = makeDemoDb(dir);
    const r = runDj(['province-admin', 'sheng', '--db', dbPath], { env: { DANGJIAN_ADMIN_PASSWORD: PROVINCE } });
    assert.equal(r.status, 0, r.stderr);
    app = await startApp({ dir, dbPath });
  });
  after(async () => { await app?.close(); });

  test('create a bureau, read the figures, suspend it', async () => {
    const page = await app.page();
    await loginAs(page, 'sheng', PROVINCE);
    assert.deepEqual(await menuNames(page), ['bureaus']);
    assert.equal(new URL(page.url()).pathname, '/bureaus');
    const table = page.locator('[data-test=bureaus-table]');
    await table.getByText('示范县财政局').waitFor();
    // the total row sums the bureaus (one bureau: its own figures)
    await assert.doesNotReject(page.locator('.el-table__footer').getByText('合计').waitFor());
    await page.locator('[data-test=bureau-new]').click();
    await page.locator('[data-test=bureau-name]').fill('南湖区财政局');
    await page.locator('[data-test=bureau-code]').fill('nanhu');
    await page.locator('[data-test=bureau-save]').click();
    const box = page.locator('.el-message-box');
    await box.getByText('nanhu.admin').waitFor();
    const text = await box.innerText();
    const password = text.match(/初始密码（只显示这一次）：(\S+)/)[1];
    await box.getByRole('button').last().click();
    await table.getByText('南湖区财政局').waitFor();
    // the generated password works (and must be changed)
    const login = await request(app.url, '/api/v1/session', { method: 'POST', json: { username: 'nanhu.admin', password } });
    assert.equal(login.status, 200);
    assert.equal(login.data.user.must_change_password, true);
    // suspend: confirmed, shown, and the bureau's administrator is refused
    await page.locator('[data-test=suspend-nanhu]').click();
    await page.locator('.el-message-box').getByRole('button', { name: /暂停|OK|确定/ }).last().click();
    await page.locator('[data-test=resume-nanhu]').waitFor();
    const refused = await request(app.url, '/api/v1/session', { method: 'POST', json: { username: 'nanhu.admin', password } });
    assert.equal(refused.status, 401);
    assertNoPageErrors(page);
  });

  test("a bureau's administrator sets the bureau's own back-filling days", async () => {
    const page = await app.page();
    await loginAs(page, 'admin');
    await (await showMenuItem(page, 'settings')).click();
    const form = page.locator('[data-test=bureau-settings]');
    await form.getByText('补录期限', { exact: true }).waitFor();
    await page.locator('[data-test=own-backfill_days]').click();
    const input = page.locator('[data-test=value-backfill_days] input');
    await input.fill('3');
    await input.blur();
    await page.locator('[data-test=settings-save]').click();
    await page.getByText('已保存').waitFor();
    const admin = await apiLogin(app.url, 'admin');
    const me = (await admin.fetch('/api/v1/bureaus')).data.items[0];
    const s = (await admin.fetch(`/api/v1/bureaus/${me.id}/settings`)).data;
    assert.deepEqual(s.backfill_days, { value: 3, own: 3, default: 7 });
    assertNoPageErrors(page);
  });

  test('on a phone the bureaus are cards', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'sheng', PROVINCE);
    await page.locator('[data-test=bureaus-cards]').getByText('示范县财政局').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `no sideways scrolling: ${width}`);
    assertNoPageErrors(page);
  });
});
