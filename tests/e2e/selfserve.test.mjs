// Member self-service on a phone (issue 12, item 3), through the browser at 360×780: the
// secretary shows a meeting's sign-in QR code, the member's phone opens the URL it encodes
// and is signed in; the member reports study hours on 我的 and the secretary approves them.
// Screenshots of each step go to docs/screenshots/selfserve-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SKIP, ROOT, startApp, loginAs, assertNoPageErrors, apiLogin, shanghaiDate, PHONE } from './harness.mjs';

const SHOTS = path.join(ROOT, 'docs/screenshots');

describe('self-service on the phone: QR sign-in, reported study hours', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  test('the secretary shows the code, the member signs in, reports hours, the secretary approves', async () => {
    const TODAY = shanghaiDate(0);
    const z = await apiLogin(app.url, 'zhibu1');
    const member = await apiLogin(app.url, 'dangyuan');
    const me = member.user.person_id;
    const kinds = Object.fromEntries((await z.fetch('/api/v1/meeting-kinds')).data.items.map((k) => [k.code, k.id]));
    const b1 = (await z.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
    const plan = await z.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: TODAY, status: 'planned', topic: '学习贯彻党的二十届四中全会精神', place: '三楼会议室', starts_at: '23:59' } });
    assert.equal(plan.status, 201, JSON.stringify(plan.data));
    const id = plan.data.id;

    // the secretary, on a phone, opens the meeting's sign-in code
    const sec = await app.page({ viewport: PHONE });
    await loginAs(sec, 'zhibu1');
    await sec.goto(`/meetings/${id}`);
    await sec.locator('[data-test=meeting-signin-code]').click();
    const dialog = sec.locator('[data-test=signin-dialog]');
    await dialog.locator('[data-test=signin-qr] svg path').waitFor();
    await dialog.locator('[data-test=signin-count]', { hasText: '已签到 0' }).waitFor();
    const url = await dialog.locator('[data-test=signin-url]').inputValue();
    assert.ok(url.startsWith(`${app.url}/signin?t=`), url);
    const box = await dialog.locator('[data-test=signin-qr] svg').boundingBox();
    assert.ok(box.width >= 200 && box.width <= 360 && Math.abs(box.width - box.height) < 2, `QR size ${JSON.stringify(box)}`);
    await sec.screenshot({ path: path.join(SHOTS, 'selfserve-signin-code-phone.png') });

    // the member's phone opens what the code encodes: signed in as 出席
    const phone = await app.page({ viewport: PHONE });
    await loginAs(phone, 'dangyuan');
    await phone.goto(url.slice(app.url.length));
    await phone.locator('[data-test=signin-status]', { hasText: '出席' }).waitFor();
    await phone.locator('[data-test=signin-result]', { hasText: '签到成功' }).waitFor();
    await phone.screenshot({ path: path.join(SHOTS, 'selfserve-signin-phone.png') });
    const row = (await z.fetch(`/api/v1/meetings/${id}`)).data.attendance.find((a) => a.person_id === me);
    assert.equal(row.status, '出席');
    // scanning again says so and changes nothing
    await phone.goto(url.slice(app.url.length));
    await phone.locator('[data-test=signin-result]', { hasText: '您已签到' }).waitFor();
    // the secretary's count follows: renewed with the code, or at once when it is opened again
    await sec.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await sec.locator('[data-test=meeting-signin-code]').click();
    await dialog.locator('[data-test=signin-count]', { hasText: '已签到 1' }).waitFor();
    await sec.keyboard.press('Escape');

    // the member reports study hours on 我的
    await phone.goto('/mine');
    const form = phone.locator('[data-test=my-study-reports]');
    await form.locator('[data-test=report-hours] input').fill('1.5');
    await form.locator('[data-test=report-content]').fill('学习《中国共产党章程》第一章');
    await form.locator('[data-test=report-submit]').click();
    await form.locator('[data-test=my-study-report]', { hasText: '待审批' }).waitFor();
    await form.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(SHOTS, 'selfserve-report-phone.png') });
    const reports = (await member.fetch('/api/v1/study-reports')).data.items;
    assert.deepEqual(reports.map((r) => [r.hours, r.mode, r.content, r.status, r.studied_on]), [[1.5, '个人自学', '学习《中国共产党章程》第一章', 'pending', TODAY]]);

    // the secretary approves it from 学时审批 on the phone
    await sec.goto('/study-reports');
    const item = sec.locator(`[data-test=report-${reports[0].id}]`);
    await item.waitFor();
    await sec.screenshot({ path: path.join(SHOTS, 'selfserve-approve-phone.png') });
    await item.locator(`[data-test=report-approve-${reports[0].id}]`).click();
    await sec.locator('.el-message', { hasText: '已通过' }).waitFor();
    const after = (await member.fetch('/api/v1/study-reports')).data.items[0];
    assert.equal(after.status, 'approved');
    const hours = (await member.fetch(`/api/v1/study-records?person_id=${me}&limit=500`)).data.items;
    assert.ok(hours.some((h) => h.content === '学习《中国共产党章程》第一章' && h.hours === 1.5), 'the approved hours are a study record');
    // the member sees it approved
    await phone.reload();
    await phone.locator('[data-test=my-study-report-status]', { hasText: '已通过' }).waitFor();

    assertNoPageErrors(sec);
    assertNoPageErrors(phone);
    await sec.context().close();
    await phone.context().close();
  });

  test('the approval page at desktop width', async () => {
    const desk = await app.page();
    await loginAs(desk, 'zhibu1');
    await desk.goto('/study-reports');
    await desk.locator('[data-test=reports-status] .el-radio-button', { hasText: '全部' }).click();
    await desk.locator('[data-test^=report-]', { hasText: '已通过' }).first().waitFor();
    await desk.screenshot({ path: path.join(SHOTS, 'selfserve-approve-desktop.png') });
    assertNoPageErrors(desk);
    await desk.context().close();
  });
});
