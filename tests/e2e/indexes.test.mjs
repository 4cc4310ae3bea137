// The index engine through the browser, on the demo with its year of records
// and last quarter's evaluations in their notice: party_admin runs a fresh
// evaluation from open to 公示 and 定稿 (compute, an import refused with its
// row errors, the state moves) and sees the 红榜; a branch secretary scores
// the grid and finds the scores after a reload; a member reads their own
// explanation in 我的 on a phone and files an objection, which party_admin
// answers on the 公示 page.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE, shanghaiDate, quarterOf } from './harness.mjs';

// this quarter in the bureau's zone (the server's), whatever this machine's zone
const quarter = () => quarterOf(shanghaiDate());

async function confirmBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click();
}

describe('evaluations', { skip: SKIP }, () => {
  let app;
  let dw;
  before(async () => {
    app = await startApp({ records: true });
    dw = await apiLogin(app.url, 'dangwei');
  });
  after(async () => { await app?.close(); });

  test('party_admin runs an evaluation to 公示 and 定稿 and sees the ranking', async () => {
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/evaluations');
    await page.locator('[data-test=evaluations-table] .el-table__row', { hasText: '先锋指数' }).first().waitFor();
    await page.locator('[data-test=evaluation-new]').click();
    const form = page.locator('[data-test=evaluation-form]');
    await pickOption(page, form.locator('[data-test=evaluation-scheme]'), '先锋指数（v1）');
    await page.locator('[data-test=evaluation-name]').fill('先锋指数 本季度（浏览器测试）');
    await form.locator('[data-test=evaluation-notice-days] input').fill('0');
    await page.locator('[data-test=evaluation-save]').click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    const id = Number(page.url().match(/\/evaluations\/(\d+)$/)[1]);
    let ev = (await dw.fetch(`/api/v1/evaluations/${id}`)).data;
    assert.equal(ev.period, quarter());
    assert.equal(ev.notice_days, 0);
    assert.equal(ev.state, 'open');

    // an import with a wrong 工号 and a wrong value: the errors by row, nothing written
    await page.locator('[data-test=evaluation-import-open]').click();
    const csv = '工号,姓名,个人绩效考核\r\nSF1005,刘思源,91.5\r\nSF9999,无此人,80\r\nSF1002,王建国,-3\r\n';
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles({ name: '绩效.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-test=import-check]').click();
    const errs = page.locator('[data-test=import-errors]');
    await errs.waitFor();
    assert.match(await errs.innerText(), /SF9999/);
    assert.equal(await errs.locator('.el-table__row').count(), 2);
    await page.keyboard.press('Escape');
    await page.locator('[data-test=import-dialog]').waitFor({ state: 'hidden' });

    await page.locator('[data-test=evaluation-compute]').click();
    await page.locator('.el-message--success', { hasText: '已重新计算' }).waitFor();
    await page.locator('[data-test=evaluation-to-scoring]').click();
    await page.locator('[data-test=evaluation-state]', { hasText: '评分中' }).waitFor();
    await page.locator('[data-test=evaluation-to-review]').click();
    await page.locator('[data-test=evaluation-state]', { hasText: '审核中' }).waitFor();
    // scores still missing (issue 12, item 4): the console says so and publishes only with a reason
    const gaps = (await dw.fetch(`/api/v1/evaluations/${id}/progress`)).data.indicators.filter((x) => x.entered < x.targets);
    await page.locator('[data-test=evaluation-to-notice]').click();
    await confirmBox(page);
    if (gaps.length) {
      const prompt = page.locator('.el-message-box', { hasText: '评分尚未完成' });
      await prompt.locator('input').fill('部分指标本季度不评分');
      await prompt.getByRole('button', { name: '发布公示' }).click();
    }
    await page.locator('[data-test=evaluation-state]', { hasText: '公示中' }).waitFor();
    if (gaps.length) {
      const audit = (await dw.fetch(`/api/v1/audit?object_type=evaluation&object_id=${id}`)).data.items;
      assert.equal(audit.find((e) => e.action === 'notice').after.override.reason, '部分指标本季度不评分');
    }

    // the 红榜: ten selected, the chart drawn, the rows in rank order
    const board = page.locator('[data-test=ranking]');
    await board.locator('[data-test=ranking-table] .el-table__row').first().waitFor();
    const ranking = (await dw.fetch(`/api/v1/evaluations/${id}/ranking`)).data;
    const selected = ranking.items.filter((x) => x.selected).length;
    assert.ok(selected >= 10, 'ten 标兵, and everyone tied at the last place');
    assert.equal(await board.locator('[data-test=honour] .honour-item').count(), selected);
    assert.match(await board.locator('[data-test=honour]').innerText(), new RegExp(ranking.items[0].name));
    await board.locator('[data-test=ranking-chart] canvas').waitFor();
    assert.equal(await board.locator('.sel-row').count(), selected);

    // a row explains itself
    await board.locator('[data-test=ranking-table] .el-table__row').first().click();
    await page.locator('[data-test=explain-dialog] [data-test=explain-total]', { hasText: String(ranking.items[0].total) }).waitFor();
    await page.keyboard.press('Escape');

    // the 公示 lists the selected; with notice_days 0 the notice ends today, so it may be finalised
    await page.locator('.el-tabs__item', { hasText: '公示' }).click();
    await page.locator('[data-test=notice-table] .el-table__row').nth(selected - 1).waitFor();
    await page.locator('[data-test=evaluation-to-final]').click();
    await confirmBox(page);
    if (gaps.length) {
      // the same scores are still missing: final too asks for the reason
      const prompt = page.locator('.el-message-box', { hasText: '评分尚未完成' });
      await prompt.locator('input').fill('部分指标本季度不评分');
      await prompt.getByRole('button', { name: '定稿' }).click();
    }
    await page.locator('[data-test=evaluation-state]', { hasText: '已定稿' }).waitFor();
    ev = (await dw.fetch(`/api/v1/evaluations/${id}`)).data;
    assert.equal(ev.state, 'final');
    assert.match(ev.results_hash, /^[0-9a-f]{64}$/);
    await page.locator('[data-test=evaluation-version]').waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a branch secretary scores the grid and sees it saved after a reload', async () => {
    const created = await dw.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: 1, period: quarter(), name: '先锋指数 评分测试' } });
    assert.equal(created.status, 201);
    const id = created.data.id;
    const z = await apiLogin(app.url, 'zhibu1');
    const grid = (await z.fetch(`/api/v1/evaluations/${id}/grid`)).data;
    const civility = grid.indicators.find((i) => i.code === 'civility');
    assert.ok(civility, 'the branch secretary scores 文明创建');
    assert.ok(grid.targets.some((x) => x.target_id === 5));

    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto(`/evaluations/${id}?tab=grid`);
    const cell = page.locator(`[data-test=cell-5-${civility.indicator_id}]`);
    await cell.fill('10.5');
    await page.locator('.field-error', { hasText: '不能超过 10' }).waitFor();
    await cell.fill('8.5');
    await page.locator('[data-test=grid-save]').click();
    await page.locator('.el-message--success', { hasText: '已保存 1 项评分' }).waitFor();
    await page.reload();
    await page.locator(`[data-test=cell-5-${civility.indicator_id}]`).waitFor();
    assert.equal(await page.locator(`[data-test=cell-5-${civility.indicator_id}]`).inputValue(), '8.5');
    await page.locator('[data-test=grid-progress]', { hasText: '已评 1 /' }).waitFor();
    const after = (await z.fetch(`/api/v1/evaluations/${id}/grid`)).data;
    assert.equal(after.targets.find((x) => x.target_id === 5).values[civility.indicator_id], 8.5);
    // no manager's actions for a branch secretary
    assert.equal(await page.locator('[data-test=evaluation-actions]').count(), 0);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a member reads their explanation in 我的 and files an objection; party_admin answers it', async () => {
    const ev = (await dw.fetch('/api/v1/evaluations')).data.items.find((e) => e.target === 'member' && e.state === 'notice' && e.name.startsWith('先锋指数 2'));
    assert.ok(ev, 'the demo has a 先锋指数 in its notice');
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.waitForURL(/\/mine$/);
    const card = page.locator(`[data-test=my-score-${ev.id}]`);
    await card.waitFor();
    await card.locator('[data-test=my-explain]').click();
    const dialog = page.locator('[data-test=explain-dialog]');
    const mine = (await dw.fetch(`/api/v1/evaluations/${ev.id}/targets/5/explain`)).data;
    await dialog.locator('[data-test=explain-total]', { hasText: String(mine.total) }).waitFor();
    assert.equal(await dialog.locator('[data-test=explain-arithmetic]').innerText(), mine.arithmetic);
    const att = dialog.locator('[data-test=explain-attendance]');
    assert.match(await att.innerText(), /组织生活出勤率/);
    assert.match(await att.innerText(), /应参加/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await card.locator('[data-test=my-object]').click();
    await page.locator('[data-test=objection-reason]').fill('本季度参加了三次文明创建活动，文明创建得分偏低，请复核。');
    await page.locator('[data-test=objection-submit]').click();
    await card.locator('[data-test=my-objection]', { hasText: '请复核' }).waitFor();
    const objs = (await dw.fetch(`/api/v1/evaluations/${ev.id}/objections`)).data.items;
    const o = objs.find((x) => x.reason.includes('请复核'));
    assert.equal(o.target_id, 5);
    assert.equal(o.state, 'open');
    assertNoPageErrors(page);

    // party_admin answers on the 公示 page
    const admin = await app.page();
    await loginAs(admin, 'dangwei');
    await admin.goto(`/evaluations/${ev.id}?tab=notice`);
    const item = admin.locator('[data-test=objection-item]', { hasText: '请复核' });
    // whom it is about, with the unit, as the server names them
    assert.equal(await item.locator('[data-test=objection-target]').innerText(), `关于 ${o.target}（${o.unit}）`);
    await item.locator('[data-test=objection-answer]').click();
    await admin.locator('[data-test=answer-text]').fill('经复核，支部记录显示参加两次，维持原分。');
    await admin.locator('[data-test=answer-submit]').click();
    await item.locator('.o-answer', { hasText: '维持原分' }).waitFor();
    assert.equal((await dw.fetch(`/api/v1/evaluations/${ev.id}/objections`)).data.items.find((x) => x.id === o.id).state, 'answered');

    // the member sees the answer
    await page.reload();
    await card.locator('[data-test=my-objection]', { hasText: '维持原分' }).waitFor();
    assertNoPageErrors(admin);
    await admin.context().close();
    await page.context().close();
  });

  test('the dashboard shows the top ten of the latest 先锋指数 in its notice', async () => {
    const page = await app.page();
    await loginAs(page, 'jijian');
    await page.goto('/dashboard');
    const top = page.locator('[data-test=top-ten]');
    await top.locator('li').nth(9).waitFor();
    assert.equal(await top.locator('li').count(), 10);
    assertNoPageErrors(page);
    await page.context().close();
  });
  test('the score sheet marks a vetoed member (issue 12, item 4)', async () => {
    const schemes = (await dw.fetch('/api/v1/schemes')).data.items;
    const scheme = schemes.find((x) => x.target === 'member' && x.name.includes('先锋指数'));
    assert.ok(scheme, 'the demo 先锋指数 scheme');
    const flat = [];
    const walk = (list) => list.forEach((i) => { flat.push(i); walk(i.children || []); });
    walk((await dw.fetch(`/api/v1/schemes/${scheme.id}`)).data.indicators);
    const veto = flat.find((i) => i.kind === 'veto');
    assert.ok(veto, 'the scheme has a veto indicator');
    const ev = (await dw.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period: '2025Q2', name: '否决标记（浏览器测试）' } })).data;
    assert.ok(ev.id, JSON.stringify(ev));
    const jijian = await apiLogin(app.url, 'jijian');
    const target = (await dw.fetch('/api/v1/people?q=SF1005')).data.items[0];
    const entry = await jijian.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: target.id, indicator_id: veto.id, reason: '违反十不准（浏览器测试）' } });
    assert.equal(entry.status, 201, JSON.stringify(entry.data));
    assert.equal((await dw.fetch(`/api/v1/evaluations/${ev.id}/compute`, { method: 'POST' })).status, 200);
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto(`/evaluations/${ev.id}?tab=sheet`);
    const sheet = page.locator('[data-test=score-sheet]');
    await sheet.locator('[data-test=sheet-vetoed]').first().waitFor();
    assert.equal(await sheet.locator('[data-test=sheet-vetoed]').count(), 1);
    const row = sheet.locator('.el-table__body-wrapper tr.el-table__row', { has: page.locator('[data-test=sheet-vetoed]') });
    assert.match(await row.innerText(), new RegExp(target.name));
    assertNoPageErrors(page);
    await page.context().close();
  });
});
