// 主体责任清单 and 党建责任书 through the browser (issue 14 items 2–3): the 机关党委 draws
// up a branch's letter with the form (items typed one per line, "类别：事项"), checks an
// item at year end in the drawer (a note asked for "未完成"), and a member finds their
// own list on the phone.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE, shanghaiDate } from './harness.mjs';

describe('responsibility lists and letters', { skip: SKIP }, () => {
  let app;
  const today = shanghaiDate();
  // the year whose items may be checked today (from 1 December on)
  const openYear = today.slice(5, 7) === '12' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  before(async () => { app = await startApp({ records: true }); });
  after(async () => { await app?.close(); });

  test('a letter is drawn up with the form; an item is checked in the drawer', async () => {
    const d = await apiLogin(app.url, 'dangwei');
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/duties');
    await page.locator('[data-test=duty-summary]').waitFor();
    await page.locator('[data-test=duty-table] .el-table__row').first().waitFor();
    await page.locator('[data-test=duty-new]').click();
    const form = page.locator('[data-test=duty-form]');
    await form.locator('[data-test=duty-form-kind]').getByText('党建责任书').click();
    await pickOption(page, form.locator('[data-test=duty-org]'), '机关第三党支部');
    await form.locator('[data-test=duty-items]').fill('组织建设：按期完成支部换届\n落实“三会一课”');
    await page.locator('[data-test=duty-save]').click();
    await form.waitFor({ state: 'hidden' });
    const year = Number(today.slice(0, 4));
    const made = (await d.fetch(`/api/v1/duty-docs?year=${year}&kind=letter&limit=500`)).data.items
      .filter((x) => x.org_name === '机关第三党支部').sort((a, b) => b.id - a.id)[0];
    assert.ok(made && made.items_count === 2, JSON.stringify(made));
    const detail = (await d.fetch(`/api/v1/duty-docs/${made.id}`)).data;
    assert.deepEqual(detail.items.map((i) => [i.category, i.content]), [['组织建设', '按期完成支部换届'], ['', '落实“三会一课”']]);

    // the check, on a document of the year whose check is open
    const doc = (await d.fetch('/api/v1/duty-docs', { method: 'POST', json: { kind: 'letter', year: openYear, org_id: made.org_id, title: '浏览器考核的责任书', items: [{ content: '主题党日每月一次' }] } })).data;
    await page.goto('/duties');
    await pickOption(page, page.locator('[data-test=duty-year]'), `${openYear} 年度`);
    await page.locator('[data-test=duty-table] .el-table__row', { hasText: '浏览器考核的责任书' }).click();
    const drawer = page.locator('[data-test=duty-detail]');
    await pickOption(page, drawer.locator('[data-test=duty-check]').first(), '未完成');
    await page.locator('.el-message-box input').fill('受汛期影响，改为双月一次');
    await page.locator('.el-message-box .el-button--primary').click();
    await drawer.getByText('受汛期影响，改为双月一次').waitFor();
    const item = (await d.fetch(`/api/v1/duty-docs/${doc.id}`)).data.items[0];
    assert.equal(item.result, 'not_done');
    assert.equal(item.result_note, '受汛期影响，改为双月一次');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a member reads their own list on the phone', async () => {
    const d = await apiLogin(app.url, 'dangwei');
    const member = await apiLogin(app.url, 'dangyuan');
    const r = await d.fetch('/api/v1/duty-docs', { method: 'POST', json: { kind: 'list', year: Number(today.slice(0, 4)), person_id: member.user.person_id, role: 'dual', items: [{ category: '业务', content: '完成年度预算绩效评价' }] } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.goto('/duties');
    const rows = page.locator('[data-test=duty-table] .el-table__row');
    await rows.first().waitFor();
    const titles = await rows.allInnerTexts();
    assert.ok(titles.every((x) => x.includes(member.user.display_name) || x.includes(r.data.person_name)), JSON.stringify(titles));
    await rows.filter({ hasText: r.data.title }).click();
    await page.locator('[data-test=duty-detail]').getByText('完成年度预算绩效评价').waitFor();
    assert.equal(await page.locator('[data-test=duty-new]').count(), 0, 'a member draws up nothing');
    assert.equal(await page.locator('[data-test=duty-add-item]').count(), 0);
    assertNoPageErrors(page);
    await page.context().close();
  });
});
