// Each demo role signs in and sees the menu its role allows, and no more;
// pages outside the role show 无权访问; an ended session leads back to the
// login page with 会话已过期; a reset password must be changed at sign-in.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, menuNames, showMenuItem, assertNoPageErrors, apiLogin, PHONE } from './harness.mjs';
import { MENU, menuTree } from '../../web/src/lib/perm.js';

// the entries each role sees (any order); the menu shows them grouped (perm.js menuTree)

const EXPECTED = {
  admin: ['dashboard', 'orgs', 'people', 'meetings', 'compliance', 'rules', 'lectures', 'evaluations', 'schemes', 'users', 'audit', 'settings', 'dues', 'inspections', 'tasks', 'rectifications', 'duties', 'talks', 'risks', 'contacts', 'volunteering', 'inbox', 'warnings', 'study-reports', 'appraisals', 'cadre', 'applicants', 'honours', 'ideas', 'duty', 'notify', 'annual', 'screen'],
  dangwei: ['dashboard', 'mine', 'orgs', 'people', 'meetings', 'compliance', 'rules', 'lectures', 'evaluations', 'schemes', 'audit', 'settings', 'dues', 'inspections', 'tasks', 'rectifications', 'duties', 'talks', 'risks', 'contacts', 'volunteering', 'inbox', 'warnings', 'study-reports', 'appraisals', 'cadre', 'applicants', 'honours', 'ideas', 'duty', 'notify', 'annual', 'screen'],
  zhibu1: ['dashboard', 'mine', 'orgs', 'people', 'meetings', 'compliance', 'rules', 'lectures', 'evaluations', 'schemes', 'dues', 'inspections', 'tasks', 'rectifications', 'duties', 'talks', 'risks', 'contacts', 'volunteering', 'inbox', 'warnings', 'study-reports', 'appraisals', 'cadre', 'applicants', 'honours', 'ideas', 'duty', 'annual', 'screen'],
  zhibu2: ['dashboard', 'mine', 'orgs', 'people', 'meetings', 'compliance', 'rules', 'lectures', 'evaluations', 'schemes', 'dues', 'inspections', 'tasks', 'rectifications', 'duties', 'talks', 'risks', 'contacts', 'volunteering', 'inbox', 'warnings', 'study-reports', 'appraisals', 'cadre', 'applicants', 'honours', 'ideas', 'duty', 'annual', 'screen'],
  keshi: ['dashboard', 'mine', 'orgs', 'people', 'meetings', 'compliance', 'rules', 'lectures', 'evaluations', 'schemes', 'tasks', 'duties', 'talks', 'risks', 'contacts', 'volunteering', 'inbox', 'warnings', 'appraisals', 'honours', 'ideas', 'duty', 'annual', 'screen'],
  jijian: ['dashboard', 'mine', 'orgs', 'people', 'meetings', 'compliance', 'rules', 'lectures', 'evaluations', 'schemes', 'dues', 'inspections', 'tasks', 'rectifications', 'duties', 'talks', 'risks', 'contacts', 'volunteering', 'inbox', 'warnings', 'appraisals', 'cadre', 'honours', 'ideas', 'duty', 'annual', 'screen'],
  dangyuan: ['mine', 'tasks', 'duties', 'talks', 'inbox', 'warnings', 'appraisals', 'ideas', 'duty'], // tasks: the 晒进度 board is everyone's
};

describe('roles and the menu', { skip: SKIP }, () => {
  let app;
  // a fixed day near a month's end: the first branch's monthly meetings are due
  // within meetings.warning_days, so zhibu1's dashboard always lists warnings
  before(async () => { app = await startApp({ today: '2026-06-25' }); });
  after(async () => { await app?.close(); });

  for (const [user, menu] of Object.entries(EXPECTED)) {
    test(`${user} sees ${menu.join(', ')}`, async () => {
      const page = await app.page();
      await loginAs(page, user);
      const shown = MENU.filter((m) => menu.includes(m.name));
      assert.equal(shown.length, menu.length, 'every expected entry is in perm.js MENU');
      const order = menuTree(shown).flatMap((n) => (n.entry ? [n.entry.name] : n.items.map((m) => m.name)));
      assert.deepEqual(await menuNames(page), order);
      // the top bar names the user
      const display = await page.locator('[data-test=user-menu]').innerText();
      assert.ok(display.trim().length > 0);
      assertNoPageErrors(page);
      await page.context().close();
    });
  }

  test('the language switch turns the console into English and back', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.locator('[data-test=lang]').click();
    await page.locator('.el-dropdown-menu__item:visible', { hasText: 'English' }).click();
    await page.locator('[data-test=menu-group-org]', { hasText: 'Organisation and members' }).waitFor();
    await (await showMenuItem(page, 'people')).filter({ hasText: 'People' }).waitFor();
    await page.reload();
    await (await showMenuItem(page, 'people')).filter({ hasText: 'People' }).waitFor();
    await page.locator('[data-test=lang]').click();
    await page.locator('.el-dropdown-menu__item:visible', { hasText: '中文' }).click();
    await page.locator('[data-test=menu-people]', { hasText: '人员名册' }).waitFor();
    await page.context().close();
  });

  test('a member who opens the accounts page by address sees 无权访问', async () => {
    const page = await app.page();
    await loginAs(page, 'dangyuan');
    await page.goto('/users');
    await page.locator('[data-test=forbidden]').waitFor();
    assert.match(await page.locator('[data-test=forbidden]').innerText(), /无权访问/);
    await page.context().close();
  });

  test('on a phone the menu is a drawer opened from the top bar', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'zhibu1');
    assert.equal(await page.locator('.aside').count(), 0);
    await page.locator('[data-test=menu-toggle]').click();
    await (await showMenuItem(page, 'people')).click();
    await page.waitForURL(/\/people$/);
    await page.locator('[data-test=people-table] .el-table__row').first().waitFor();
    await page.context().close();
  });

  test('a session ended elsewhere leads to the login page with 会话已过期', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    // the dashboard's own requests are answered first
    await page.locator('[data-test=heatmap]').waitFor();
    await page.locator('[data-test=warnings] .warn-list li').first().waitFor();
    await page.context().clearCookies();
    // the next request answers 401 (a late one of the dashboard may come first and do the same)
    await showMenuItem(page, 'people').then((item) => item.click({ timeout: 5000 })).catch(() => {});
    await page.locator('[data-test=expired]').waitFor();
    assert.match(page.url(), /\/login/);
    await page.context().close();
  });

  test('after a password reset the user must change it before anything else', async () => {
    const admin = await apiLogin(app.url, 'admin');
    const r = await admin.fetch('/api/v1/users/5/password', { method: 'POST', json: { password: 'Reset#2026abc' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const page = await app.page();
    await loginAs(page, 'jijian', 'Reset#2026abc');
    await page.locator('[data-test=must-change]').waitFor();
    await page.goto('/people');
    await page.locator('[data-test=must-change]').waitFor();
    await page.locator('[data-test=old-password]').fill('Reset#2026abc');
    await page.locator('[data-test=new-password]').fill('Discipline#New2026');
    await page.locator('[data-test=confirm-password]').fill('Discipline#New2026');
    await page.locator('[data-test=password-submit]').click();
    await page.waitForURL(/\/dashboard$/);
    assert.ok((await menuNames(page)).includes('people'));
    await page.context().close();
  });
});
