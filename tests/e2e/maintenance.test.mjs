// The clerk's maintenance screens, end to end in the console (never through the
// API, which only checks the result): found a branch under the 机关党委, add a
// person to it (a wrong phone number answered at its field), resolve the new
// branch's warnings from their links (appoint its 书记, record its term), link
// a new 科室 and move an old one to it from a date, transfer the person to
// another branch and group with a date, and dissolve a party group.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE, shanghaiDate } from './harness.mjs';

/** The input of an Element Plus field (its data-test sits on the input or on its wrapper). */
async function inputOf(scope, sel) {
  const el = scope.locator(sel).first();
  return (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input').first();
}

async function fillIn(scope, sel, value) {
  await (await inputOf(scope, sel)).fill(value);
}

/** Types a date into a date picker. */
async function fillDate(scope, sel, value) {
  const input = await inputOf(scope, sel);
  await input.fill(value);
  await input.press('Enter');
}

async function confirmBox(page) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('.el-message-box__btns .el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

async function pickPerson(page, select, name) {
  await select.locator('input').click();
  await select.locator('input').fill(name);
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: name }).first().click();
}

describe('maintenance', { skip: SKIP }, () => {
  let app;
  let dw;
  let branchId;
  let personId;
  before(async () => {
    app = await startApp();
    dw = await apiLogin(app.url, 'dangwei');
  });
  after(async () => { await app?.close(); });

  test('a branch founded under the 机关党委, a person added to it, its warnings resolved from their links', async () => {
    const orgs = (await dw.fetch('/api/v1/orgs')).data.items;
    const committee = orgs.find((o) => o.type === '机关党委');
    const page = await app.page();
    await loginAs(page, 'dangwei');

    // found the branch
    await page.goto(`/orgs/${committee.id}`);
    await page.locator('[data-test=org-add-child]').click();
    const of = page.locator('[data-test=org-form]');
    await of.locator('[data-test=of-type] label', { hasText: '党支部' }).click();
    await fillIn(of, '[data-test=of-name]', '机关第九党支部');
    await fillDate(of, '[data-test=of-founded]', shanghaiDate(-30));
    await of.locator('[data-test=org-save]').click();
    await of.waitFor({ state: 'hidden' });
    await page.locator('[data-test=org-detail] h3', { hasText: '机关第九党支部' }).waitFor();
    await page.locator('[data-test=org-tree]', { hasText: '机关第九党支部' }).waitFor();
    const branch = (await dw.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第九党支部');
    assert.ok(branch, 'the branch exists');
    assert.equal(branch.parent_id, committee.id);
    assert.equal(branch.type, '党支部');
    assert.equal(branch.founded_on, shanghaiDate(-30));
    branchId = branch.id;
    assert.match(page.url(), new RegExp(`/orgs/${branchId}$`));
    await page.locator('[data-test=warning-no_secretary]').waitFor();
    await page.locator('[data-test=warning-no_term]').waitFor();

    // add a person to it; a wrong phone number is answered at its field
    await page.goto(`/people?branch_id=${branchId}`);
    await page.locator('[data-test=person-add]').click();
    const pf = page.locator('[data-test=person-form]');
    await fillIn(pf, '[data-test=pf-staff_no]', 'WT9001');
    await fillIn(pf, '[data-test=pf-name]', '周新民');
    await pf.locator('[data-test=pf-gender] label', { hasText: '男' }).click();
    await pickOption(page, pf.locator('[data-test=pf-political]'), '中共党员');
    await fillDate(pf, '[data-test=pf-joined]', '2015-06-01');
    await fillIn(pf, '[data-test=pf-phone]', '12345');
    assert.match(await pf.locator('[data-test=pf-branch]').innerText(), /机关第九党支部/, 'the list\'s branch is proposed');
    await pf.locator('[data-test=person-save]').click();
    const phoneItem = pf.locator('.el-form-item', { has: page.locator('[data-test=pf-phone]') });
    await phoneItem.locator('.el-form-item__error').waitFor();
    assert.ok((await phoneItem.locator('.el-form-item__error').innerText()).length > 0, 'the server\'s message at the phone field');
    await fillIn(pf, '[data-test=pf-phone]', '13912345678');
    await pf.locator('[data-test=person-save]').click();
    await page.waitForURL(/\/people\/\d+$/);
    personId = Number(page.url().match(/(\d+)$/)[1]);
    await page.locator('[data-test=person-detail]', { hasText: 'WT9001' }).waitFor();
    const p = (await dw.fetch(`/api/v1/people/${personId}`)).data;
    assert.equal(p.name, '周新民');
    assert.equal(p.branch_id, branchId);
    assert.equal(p.phone, '13912345678');
    assert.equal(p.memberships.length, 1);

    // 未设支部书记 → its link opens the appointment with 书记 chosen
    await page.goto(`/orgs/${branchId}`);
    await page.locator('[data-test=fix-no_secretary]').click();
    const af = page.locator('[data-test=appoint-form]');
    await af.waitFor();
    assert.match(await af.locator('[data-test=appoint-post]').innerText(), /书记/);
    await pickPerson(page, af.locator('[data-test=appoint-person]'), '周新民');
    await fillDate(af, '[data-test=appoint-date]', shanghaiDate(-1));
    await af.locator('[data-test=appoint-save]').click();
    await af.waitFor({ state: 'hidden' });
    await page.locator('[data-test=committee-table]', { hasText: '周新民' }).waitFor();
    await page.locator('[data-test=warning-no_secretary]').waitFor({ state: 'detached' });
    const detail = (await dw.fetch(`/api/v1/orgs/${branchId}`)).data;
    assert.deepEqual(detail.committee.map((c) => [c.post, c.person_id, c.start_on]), [['书记', personId, shanghaiDate(-1)]]);

    // no term → its link opens the term form; the end is proposed three years on
    await page.locator('[data-test=fix-no_term]').click();
    const tf = page.locator('[data-test=org-form]');
    await tf.waitFor();
    await fillDate(tf, '[data-test=of-term-start]', shanghaiDate(-1));
    await tf.locator('[data-test=org-save]').click();
    await tf.waitFor({ state: 'hidden' });
    await page.locator('[data-test=warning-no_term]').waitFor({ state: 'detached' });
    const termed = (await dw.fetch(`/api/v1/orgs/${branchId}`)).data;
    assert.equal(termed.term_start, shanghaiDate(-1));
    assert.ok(termed.term_end > shanghaiDate(365 * 3 - 3), `a three-year term (${termed.term_end})`);
    assert.ok(!termed.warnings.some((w) => ['no_secretary', 'no_term', 'term_too_long'].includes(w.code)), JSON.stringify(termed.warnings));
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a new 科室 linked to the branch, and an old one moved to it from a date', async () => {
    assert.ok(branchId, 'the branch of the first test');
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto(`/orgs/${branchId}`);
    await page.locator('.el-tabs__item', { hasText: '科室与挂钩党支部' }).click();
    await page.locator('[data-test=department-add]').click();
    const df = page.locator('[data-test=department-form]');
    // a name taken in the bureau is refused, the dialog stays with the server's word
    await fillIn(df, '[data-test=df-name]', '绩效评价股');
    await pickOption(page, df.locator('[data-test=df-branch]'), '机关第九党支部');
    await df.locator('[data-test=department-save]').click();
    await df.locator('.el-alert', { hasText: '已存在' }).waitFor();
    await fillIn(df, '[data-test=df-name]', '财会监督股');
    await df.locator('[data-test=department-save]').click();
    await df.waitFor({ state: 'hidden' });
    await page.locator('[data-test=departments-table] tr', { hasText: '财会监督股' }).filter({ hasText: '机关第九党支部' }).waitFor();

    // move 办公室 to the new branch from a date, with a confirmation
    const row = page.locator('[data-test=departments-table] .el-table__body-wrapper tr', { hasText: '办公室' }).first();
    await row.locator('[data-test=department-link]').click();
    await df.waitFor();
    // the dialog shows where it has been linked so far
    await df.locator('[data-test=df-history] tr', { hasText: '至今' }).waitFor();
    await pickOption(page, df.locator('[data-test=df-branch]'), '机关第九党支部');
    await fillDate(df, '[data-test=df-date]', shanghaiDate(-2));
    await df.locator('[data-test=department-save]').click();
    await confirmBox(page);
    await df.waitFor({ state: 'hidden' });
    const deps = (await dw.fetch('/api/v1/departments')).data.items;
    const office = deps.find((d) => d.name === '办公室');
    assert.equal(office.branch_id, branchId);
    assert.equal(office.linked_since, shanghaiDate(-2));
    assert.equal(deps.find((d) => d.name === '财会监督股').branch_id, branchId);
    // the branch lists both
    await page.locator('.el-tabs__item', { hasText: '组织树' }).click();
    await page.locator('[data-test=org-detail] .tags', { hasText: '财会监督股' }).filter({ hasText: '办公室' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the person transferred to another branch and group with a date, the history kept', async () => {
    assert.ok(personId, 'the person of the first test');
    const orgs = (await dw.fetch('/api/v1/orgs')).data.items;
    const first = orgs.find((o) => o.name === '机关第一党支部');
    const group = orgs.find((o) => o.parent_id === first.id && o.name === '第2党小组');
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto(`/people/${personId}`);
    await page.locator('[data-test=person-transfer]').click();
    const tf = page.locator('[data-test=transfer-form]');
    await pickOption(page, tf.locator('[data-test=tf-branch]'), '机关第一党支部');
    await pickOption(page, tf.locator('[data-test=tf-group]'), '第2党小组');
    await fillDate(tf, '[data-test=tf-date]', shanghaiDate(-3));
    await tf.locator('[data-test=transfer-save]').click();
    await confirmBox(page);
    await tf.waitFor({ state: 'hidden' });
    await page.locator('[data-test=memberships] .el-table__body-wrapper tr').nth(1).waitFor();
    const rows = await page.locator('[data-test=memberships] .el-table__body-wrapper tr').allInnerTexts();
    assert.match(rows[0], /机关第一党支部[\s\S]*第2党小组[\s\S]*至今/, 'the new period on top');
    assert.match(rows[1], new RegExp(`机关第九党支部[\\s\\S]*${shanghaiDate(-4)}`), 'the old one ends the day before');
    const p = (await dw.fetch(`/api/v1/people/${personId}`)).data;
    assert.equal(p.branch_id, first.id);
    assert.equal(p.group_id, group.id);
    assert.deepEqual(p.memberships.map((m) => [m.branch_id, m.start_on, m.end_on]), [[branchId, p.memberships[0].start_on, shanghaiDate(-4)], [first.id, shanghaiDate(-3), null]]);

    // and retired, after a confirmation
    await page.locator('[data-test=person-status]').click();
    const sf = page.locator('[data-test=status-form]');
    await sf.locator('[data-test=status-choice] label', { hasText: '退休' }).click();
    await sf.locator('[data-test=status-save]').click();
    await confirmBox(page);
    await sf.waitFor({ state: 'hidden' });
    await page.locator('[data-test=person-detail]', { hasText: '退休' }).waitFor();
    assert.equal((await dw.fetch(`/api/v1/people/${personId}`)).data.status, '退休');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the 书记 ends the post on a date; the post stays in their history and the warning comes back', async () => {
    assert.ok(personId && branchId, 'the person and branch of the first test');
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto(`/orgs/${branchId}`);
    await page.locator('[data-test=committee-table] tr', { hasText: '周新民' }).locator('[data-test=committee-end]').click();
    const box = page.locator('.el-message-box');
    await box.locator('input').fill(shanghaiDate());
    await confirmBox(page);
    await page.locator('[data-test=warning-no_secretary]').waitFor();
    assert.equal(await page.locator('[data-test=committee-table]').count(), 0, 'no current committee');
    // the branch keeps its former committee: who, which post, from when to when
    const former = page.locator('[data-test=committee-former]');
    await former.locator('.el-collapse-item__header').click();
    await former.locator('tr', { hasText: '周新民' }).filter({ hasText: '书记' }).filter({ hasText: shanghaiDate() }).waitFor();
    await page.goto(`/people/${personId}`);
    const posts = page.locator('[data-test=posts] .el-table__body-wrapper tr');
    await posts.first().waitFor();
    assert.match(await posts.first().innerText(), new RegExp(`机关第九党支部[\\s\\S]*书记[\\s\\S]*${shanghaiDate(-1)}[\\s\\S]*${shanghaiDate()}`));
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a branch secretary keeps their own branch\'s committee only, and changes no organisation', async () => {
    const orgs = (await dw.fetch('/api/v1/orgs')).data.items;
    const own = orgs.find((o) => o.name === '机关第一党支部');
    const other = orgs.find((o) => o.name === '机关第二党支部');
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto(`/orgs/${own.id}`);
    await page.locator('[data-test=committee-add]').waitFor();
    assert.equal(await page.locator('[data-test=org-edit]').count(), 0, 'no 修改 without orgs.manage');
    await page.goto(`/orgs/${other.id}`);
    await page.locator('[data-test=org-detail] [data-test=forbidden]').waitFor();
    assert.equal(await page.locator('[data-test=committee-add]').count(), 0, 'not another branch\'s committee');
    assert.equal(await page.locator('[data-test=committee-end]').count(), 0);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('on a phone: a party group founded under the branch, renamed, and dissolved with a date', async () => {
    assert.ok(branchId, 'the branch of the first test');
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangwei');
    await page.goto(`/orgs/${branchId}`);
    await page.locator('[data-test=org-add-child]').click();
    const of = page.locator('[data-test=org-form]');
    await fillIn(of, '[data-test=of-name]', '第一小组');
    await of.locator('[data-test=org-save]').click();
    await of.waitFor({ state: 'hidden' });
    await page.locator('[data-test=org-detail] h3', { hasText: '第一小组' }).waitFor();
    await page.locator('[data-test=org-edit]').click();
    await fillIn(of, '[data-test=of-name]', '第1党小组');
    await of.locator('[data-test=org-save]').click();
    await of.waitFor({ state: 'hidden' });
    await page.locator('[data-test=org-detail] h3', { hasText: '第1党小组' }).waitFor();
    await page.locator('[data-test=org-dissolve]').click();
    const sf = page.locator('[data-test=org-status-form]');
    await fillDate(sf, '[data-test=os-date]', shanghaiDate(-1));
    await sf.locator('[data-test=org-status-save]').click();
    await confirmBox(page);
    await sf.waitFor({ state: 'hidden' });
    await page.locator('[data-test=org-detail]', { hasText: '已撤销' }).waitFor();
    const g = (await dw.fetch('/api/v1/orgs')).data.items.find((o) => o.parent_id === branchId && o.type === '党小组');
    assert.equal(g.name, '第1党小组');
    assert.equal(g.status, 'dissolved');
    assert.equal(g.status_on, shanghaiDate(-1));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
    assertNoPageErrors(page);
    await page.context().close();
  });
  test('a branch moved under a new 党总支 (picked by pinyin), confirmed, and placed first by its sort order', async () => {
    const orgs = (await dw.fetch('/api/v1/orgs')).data.items;
    const committee = orgs.find((o) => o.type === '机关党委');
    const b3 = orgs.find((o) => o.name === '机关第三党支部');
    const general = await dw.fetch('/api/v1/orgs', { method: 'POST', json: { parent_id: committee.id, type: '党总支', name: '综合党总支' } });
    assert.equal(general.status, 201);
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto(`/orgs/${b3.id}`);
    await page.locator('[data-test=org-move]').click();
    const dlg = page.locator('[data-test=org-move-form]');
    await dlg.waitFor();
    assert.match(await dlg.innerText(), /中共.*机关委员会/, 'the current parent is named');
    const select = dlg.locator('[data-test=om-parent]');
    await select.locator('input').click();
    await select.locator('input').fill('zhdzz');
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '综合党总支' }).click();
    await dlg.locator('[data-test=org-move-save]').click();
    await confirmBox(page);
    await dlg.waitFor({ state: 'hidden' });
    const moved = (await dw.fetch(`/api/v1/orgs/${b3.id}`)).data;
    assert.equal(moved.parent_id, general.data.id);
    // the tree shows it under the 党总支
    // a tree node by its own label (not a label of its descendants)
    const treeNode = (label) => page.locator('[data-test=org-tree] .el-tree-node')
      .filter({ has: page.locator(':scope > .el-tree-node__content', { hasText: label }) });
    await treeNode('综合党总支').locator(':scope > .el-tree-node__children > .el-tree-node > .el-tree-node__content', { hasText: '机关第三党支部' }).waitFor();

    // sort order: 机关第二党支部 first among its siblings
    const b2 = orgs.find((o) => o.name === '机关第二党支部');
    const now = (await dw.fetch('/api/v1/orgs')).data.items;
    for (const o of now.filter((x) => x.parent_id === committee.id && x.id !== b2.id))
      await dw.fetch(`/api/v1/orgs/${o.id}`, { method: 'PATCH', json: { sort_order: 10 } });
    await page.goto(`/orgs/${b2.id}`);
    await page.locator('[data-test=org-edit]').click();
    const of = page.locator('[data-test=org-form]');
    await of.locator('[data-test=of-sort] input').fill('1');
    await of.locator('[data-test=org-save]').click();
    await of.waitFor({ state: 'hidden' });
    assert.equal((await dw.fetch(`/api/v1/orgs/${b2.id}`)).data.sort_order, 1);
    const first = treeNode(/机关委员会/).locator(':scope > .el-tree-node__children > .el-tree-node > .el-tree-node__content').first();
    await first.filter({ hasText: '机关第二党支部' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });
});
