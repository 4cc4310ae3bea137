// The "1246" award categories and evaluators' own entries through the
// browser, on an evaluation of this quarter being scored: a branch secretary
// nominates a member of their branch for 业务标兵; the member finds the ballot
// in 我的 on a phone, votes, and sees 我已投票, the count and 当选; 纪检 records
// a deduction for a member picked from GET .../targets and takes it back from
// 我录入的.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE, shanghaiDate, quarterOf } from './harness.mjs';

// this quarter in the bureau's zone (the server's), whatever this machine's zone
const quarter = () => quarterOf(shanghaiDate());

describe('awards and evaluators\' entries', { skip: SKIP }, () => {
  let app;
  let dw;
  let id;
  before(async () => {
    app = await startApp();
    dw = await apiLogin(app.url, 'dangwei');
    const ev = await dw.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: 1, period: quarter(), name: '先锋指数 本季度（评选测试）' } });
    assert.equal(ev.status, 201, JSON.stringify(ev.data));
    id = ev.data.id;
    const s = await dw.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: 'scoring' } });
    assert.equal(s.status, 200, JSON.stringify(s.data));
  });
  after(async () => { await app?.close(); });

  test('a branch secretary nominates, a member votes, the winner shows 当选', async () => {
    const z = await app.page();
    await loginAs(z, 'zhibu1');
    await z.goto(`/evaluations/${id}?tab=awards`);
    const card = z.locator('[data-test=award-business]');
    await card.waitFor();
    assert.equal(await z.locator('[data-test^=award-]').filter({ has: z.locator('.a-title') }).count(), 6, 'the six categories');
    await card.locator('[data-test=nominate-business]').click();
    const dlg = z.locator('[data-test=nominate-dialog]');
    await pickOption(z, dlg.locator('[data-test=nominate-target]'), '刘思源（机关第一党支部）');
    await z.locator('[data-test=nominate-reason]').fill('业务能力突出，牵头完成预算绩效评价');
    await z.locator('[data-test=nominate-submit]').click();
    await dlg.waitFor({ state: 'hidden' });
    const row = card.locator('[data-test=nominee-business-5]');
    await row.waitFor();
    assert.match(await row.innerText(), /0 票/);
    assert.match(await row.innerText(), /提名人：王建国/);
    // a secretary may not nominate outside their branch: the picker offers only their branch
    await card.locator('[data-test=nominate-business]').click();
    await dlg.locator('[data-test=nominate-target]').click();
    const items = z.locator('.el-select-dropdown:visible .el-select-dropdown__item');
    await items.filter({ hasText: '王建国' }).first().waitFor();
    const offered = await items.allInnerTexts();
    assert.ok(offered.length > 0 && offered.every((x) => x.includes('机关第一党支部')), offered.join(','));
    assert.ok(!offered.some((x) => x.startsWith('刘思源')), 'the nominee is not offered again');
    assertNoPageErrors(z);
    await z.context().close();

    // the member: 我的 → 参与评选投票 → the 评选 tab, on a phone
    const m = await app.page({ viewport: PHONE });
    await loginAs(m, 'dangyuan');
    await m.goto('/mine');
    const ballot = m.locator(`[data-test=my-ballot-${id}]`);
    await ballot.waitFor();
    assert.match(await ballot.innerText(), /已投 0 票/);
    await ballot.locator('[data-test=my-ballot-open]').click();
    await m.waitForURL(new RegExp(`/evaluations/${id}\\?tab=awards`));
    const mine = m.locator('[data-test=nominee-business-5]');
    await mine.locator('[data-test=vote]').click();
    await mine.locator('[data-test=nominee-my-vote]', { hasText: '我已投票' }).waitFor();
    assert.match(await mine.locator('[data-test=nominee-votes]').innerText(), /1 票/);
    await mine.locator('[data-test=nominee-winner]', { hasText: '当选' }).waitFor();
    assert.match(await m.locator('[data-test=award-business] [data-test=award-used]').innerText(), /1\/2/);
    // after a reload the vote is still there (the server's my_vote)
    await m.reload();
    await m.locator('[data-test=nominee-business-5] [data-test=nominee-my-vote]').waitFor();
    const a = (await dw.fetch(`/api/v1/evaluations/${id}/awards`)).data.awards.find((x) => x.code === 'business');
    assert.deepEqual(a.nominees.map((n) => [n.target_id, n.votes, n.winner]), [[5, 1, true]]);
    assertNoPageErrors(m);
    await m.context().close();
  });

  test('纪检 records a deduction for a member from /targets and takes it back', async () => {
    const page = await app.page();
    await loginAs(page, 'jijian');
    await page.goto(`/evaluations/${id}?tab=entries`);
    const form = page.locator('[data-test=entry-form]');
    await form.waitFor();
    await pickOption(page, form.locator('[data-test=entry-indicator]'), '扣分：作风纪律扣分（十不准）（上限 20）');
    await pickOption(page, form.locator('[data-test=entry-target]'), '陈晓东（机关第一党支部）');
    await form.locator('[data-test=entry-points] input').fill('2');
    await page.locator('[data-test=entry-reason]').fill('上班时间办理私事');
    await page.locator('[data-test=entry-save]').click();
    const table = page.locator('[data-test=entries-table]');
    const row = table.locator('.el-table__row', { hasText: '上班时间办理私事' });
    await row.waitFor();
    assert.match(await row.innerText(), /陈晓东/);
    assert.match(await page.locator('h4', { hasText: '我录入的' }).innerText(), /（1）/);
    let entries = (await dw.fetch(`/api/v1/evaluations/${id}/entries`)).data.items;
    assert.deepEqual(entries.map((e) => [e.target_id, e.points, e.reason]), [[3, 2, '上班时间办理私事']]);

    await row.locator('[data-test=entry-remove]').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.locator('.el-message--success', { hasText: '已撤销' }).waitFor();
    await row.waitFor({ state: 'detached' });
    assert.match(await page.locator('h4', { hasText: '我录入的' }).innerText(), /（0）/);
    entries = (await dw.fetch(`/api/v1/evaluations/${id}/entries`)).data.items;
    assert.deepEqual(entries, []);
    assertNoPageErrors(page);
    await page.context().close();
  });
});
