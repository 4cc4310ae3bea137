// Tasks and rectification through the browser (issue 14): the 晒进度 board shows the
// figures the API counts, with its chart and sortable lists; a manager adds a task with the
// form; a member finds their own task on the phone's 我的, reports progress and sees its
// status; the 整改台账 lists the demo's items.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE, shanghaiDate } from './harness.mjs';

describe('tasks, the board and the ledger', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp({ records: true }); });
  after(async () => { await app?.close(); });

  test('the board shows the API\'s figures, a chart and lists sortable; a task is added with the form', async () => {
    const d = await apiLogin(app.url, 'dangwei');
    const year = Number(shanghaiDate().slice(0, 4));
    const board = (await d.fetch(`/api/v1/tasks/board?year=${year}`)).data;
    assert.ok(board.summary.total > 10, JSON.stringify(board.summary));
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/tasks');
    await page.locator('[data-test=board-total]', { hasText: String(board.summary.total) }).waitFor();
    assert.match(await page.locator('[data-test=board-overdue]').innerText(), new RegExp(`^${board.summary.overdue}`));
    assert.match(await page.locator('[data-test=board-progress]').innerText(), new RegExp(`^${board.summary.progress}%`));
    await page.locator('[data-test=task-board] canvas').first().waitFor();
    const rows = page.locator('[data-test=board-lists] .el-table__body tr');
    assert.equal(await rows.count(), board.lists.length);
    // sorted by progress, best first; then by overdue, most first
    const best = Math.max(...board.lists.map((l) => l.progress));
    assert.match(await rows.first().innerText(), new RegExp(`\\b${best}%`));
    await page.locator('[data-test=board-lists] th', { hasText: '已逾期' }).click();
    await page.locator('[data-test=board-lists] th', { hasText: '已逾期' }).click();
    const worst = Math.max(...board.lists.map((l) => l.overdue));
    assert.match(await rows.first().locator('td').last().innerText(), new RegExp(`^${worst}$`));

    // the status filter
    await pickOption(page, page.locator('[data-test=task-status-filter]'), '已逾期');
    await page.locator('[data-test=task-table] .el-table__row').first().waitFor();
    const tags = await page.locator('[data-test=task-table] [data-test=task-status]').allInnerTexts();
    assert.ok(tags.length > 0 && tags.every((x) => x === '已逾期'), JSON.stringify(tags));

    await page.locator('[data-test=task-new]').click();
    const form = page.locator('[data-test=task-form]');
    await pickOption(page, form.locator('[data-test=task-org]'), '机关第一党支部');
    await form.locator('[data-test=task-title]').fill('浏览器新建的攻坚任务');
    await page.locator('[data-test=task-save]').click();
    await form.waitFor({ state: 'hidden' });
    const made = (await d.fetch('/api/v1/tasks?limit=500')).data.items.find((x) => x.title === '浏览器新建的攻坚任务');
    assert.ok(made, 'the task was saved');
    assert.equal(made.org_name, '机关第一党支部');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a member sees their task on the phone, reports progress, and the status follows', async () => {
    const d = await apiLogin(app.url, 'dangwei');
    const member = await apiLogin(app.url, 'dangyuan');
    const pid = member.user.person_id;
    const r = await d.fetch('/api/v1/tasks', {
      method: 'POST', json: { org_id: (await d.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部').id,
        title: '手机上报告的任务', line: 'party', owner_person_id: pid, start_on: shanghaiDate(-60), due_on: shanghaiDate(20) },
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.status, 'at_risk'); // three quarters of the time gone, nothing reported
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.goto('/mine');
    const item = page.locator(`[data-test=my-task-${r.data.id}]`);
    await item.waitFor();
    assert.match(await item.innerText(), /存在风险/);
    await item.click();
    await page.waitForURL(new RegExp(`/tasks/${r.data.id}$`));
    await page.locator('[data-test=task-report]').click();
    const input = page.locator('[data-test=report-percent] input');
    await input.fill('80');
    await input.press('Tab');
    await page.locator('[data-test=report-note]').fill('已完成主要工作');
    await page.locator('[data-test=report-save]').click();
    await page.locator('[data-test=task-report-item]', { hasText: '已完成主要工作' }).waitFor();
    await page.locator('[data-test=task-detail-status]', { hasText: '正常推进' }).waitFor();
    const after = (await member.fetch(`/api/v1/tasks/${r.data.id}`)).data;
    assert.equal(after.percent, 80);
    assert.equal(after.status, 'on_track');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the ledger lists the demo\'s items with their status', async () => {
    const j = await apiLogin(app.url, 'jijian');
    const items = (await j.fetch('/api/v1/rectifications?limit=500')).data.items;
    assert.ok(items.length >= 5);
    const page = await app.page();
    await loginAs(page, 'jijian');
    await page.goto('/rectifications');
    await page.locator('[data-test=rect-table] .el-table__row').first().waitFor();
    assert.equal(await page.locator('[data-test=rect-table] .el-table__row').count(), Math.min(items.length, 20));
    await page.locator('[data-test=rect-table] .el-table__row').first().click();
    await page.locator('[data-test=rect-detail]').getByText(items[0].problem).first().waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });
});
