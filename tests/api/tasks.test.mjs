// Tasks and rectification (issue 14): task lists with owners, milestones and weights
// (/api/v1/tasks), progress reports with evidence, the status derived on the server's today,
// private tasks, the 晒进度 board (/api/v1/tasks/board), and the 整改台账
// (/api/v1/rectifications) with 销号 by someone other than the owner and reopening.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, shanghaiDate, ADMIN_PASSWORD } from './harness.mjs';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

async function upload(client, objectType, objectId) {
  const form = new FormData();
  form.append('file', new Blob([PNG]), '现场.png');
  form.append('object_type', objectType);
  form.append('object_id', String(objectId));
  const res = await fetch(`${client.url}/api/v1/files`, {
    method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf },
  });
  return { status: res.status, data: await res.json() };
}

describe('tasks: lists, reports, status, privacy, the board; rectifications', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, jijian, dangyuan, root, b1, b2;
  const today = shanghaiDate();
  const year = Number(today.slice(0, 4));
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    jijian = await login(srv.url, 'jijian');
    dangyuan = await login(srv.url, 'dangyuan');
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    root = orgs.find((o) => !o.parent_id);
    b1 = orgs.find((o) => o.name === '机关第一党支部');
    b2 = orgs.find((o) => o.name === '机关第二党支部');
  });
  after(async () => { await srv.stopClean(); });

  const create = (c, json) => c.fetch('/api/v1/tasks', { method: 'POST', json });
  const report = (c, id, percent, note = '') => c.fetch(`/api/v1/tasks/${id}/reports`, { method: 'POST', json: { percent, note } });

  test('writing a list needs meetings.write over its organisation; fields are checked', async () => {
    const r = await create(dangwei, {
      org_id: root.id, title: '预算绩效管理改革', line: 'business', kind: 'key', weight: 3,
      owner_person_id: dangyuan.user.person_id, start_on: `${year}-01-01`, due_on: `${year}-12-31`,
      milestones: [{ title: '方案印发', due_on: `${year}-03-31`, percent: 20 }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.match(r.headers.get('location'), /\/api\/v1\/tasks\/\d+$/);
    assert.equal(r.data.year, year);
    assert.equal(r.data.owner_department_id, null);
    assert.equal(r.data.public, true);
    assertError(await create(zhibu1, { org_id: root.id, title: 'x', line: 'party', due_on: `${year}-12-31` }), 403, 'forbidden');
    assertError(await create(zhibu1, { org_id: b2.id, title: 'x', line: 'party', due_on: `${year}-12-31` }), 403, 'forbidden');
    const own = await create(zhibu1, { org_id: b1.id, title: '支部标准化建设', line: 'party', due_on: `${year}-12-31` });
    assert.equal(own.status, 201, JSON.stringify(own.data));
    assert.equal(own.data.start_on, `${year}-01-01`);
    assertFieldError(await create(dangwei, { org_id: root.id, title: 'x', line: 'other', due_on: `${year}-12-31` }), 'line');
    assertFieldError(await create(dangwei, { org_id: root.id, title: 'x', line: 'party', start_on: `${year}-06-01`, due_on: `${year}-05-31` }), 'due_on');
    assertFieldError(await create(dangwei, { org_id: root.id, title: '', line: 'party', due_on: `${year}-12-31` }), 'title');
    assertFieldError(await create(dangwei, { org_id: root.id, title: 'x', line: 'party', due_on: `${year}-12-31`, colour: 1 }), 'colour');
    assertFieldError(await create(dangwei, {
      org_id: root.id, title: 'x', line: 'party', due_on: `${year}-06-30`,
      milestones: [{ title: 'm', due_on: `${year}-07-01`, percent: 50 }],
    }), 'milestones');
    assertFieldError(await create(dangwei, { org_id: 999999, title: 'x', line: 'party', due_on: `${year}-12-31` }), 'org_id');
    const ch = await dangwei.fetch(`/api/v1/tasks/${own.data.id}`, { method: 'PATCH', json: { weight: 2, title: '支部标准化规范化建设' } });
    assert.equal(ch.status, 200, JSON.stringify(ch.data));
    assert.equal(ch.data.weight, 2);
    assertError(await zhibu2.fetch(`/api/v1/tasks/${own.data.id}`, { method: 'PATCH', json: { weight: 3 } }), 403, 'forbidden');
  });

  test('progress by the owner or a writer; 100% marks done on time or late; status from dates', async () => {
    const mk = async (title, start, due, extra = {}) => {
      const r = await create(dangwei, { org_id: b1.id, title, line: 'business', start_on: start, due_on: due, owner_person_id: dangyuan.user.person_id, ...extra });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      return r.data;
    };
    const onTime = await mk('按期完成', shanghaiDate(-30), shanghaiDate(10));
    const late = await mk('逾期完成', shanghaiDate(-30), shanghaiDate(-1));
    const overdue = await mk('逾期未完成', shanghaiDate(-30), shanghaiDate(-1));
    const risk = await mk('滞后', shanghaiDate(-90), shanghaiDate(9));
    const fine = await mk('正常', shanghaiDate(-10), shanghaiDate(90));
    assert.equal(overdue.status, 'overdue');
    assert.equal(risk.status, 'at_risk');
    assert.equal(fine.status, 'on_track');
    const r = await report(dangyuan, onTime.id, 100, '已完成');
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.reported_on, today);
    assert.equal((await dangyuan.fetch(`/api/v1/tasks/${onTime.id}`)).data.status, 'done');
    assert.equal((await report(dangwei, late.id, 100)).status, 201);
    const l = (await dangyuan.fetch(`/api/v1/tasks/${late.id}`)).data;
    assert.equal(l.status, 'done_late');
    assert.equal(l.done_on, today);
    assert.equal(l.reports.length, 1);
    // a report below 100 undoes done
    assert.equal((await report(dangwei, late.id, 90)).status, 201);
    assert.equal((await dangyuan.fetch(`/api/v1/tasks/${late.id}`)).data.status, 'overdue');
    assert.equal((await report(dangyuan, risk.id, 80)).status, 201);
    assert.equal((await dangyuan.fetch(`/api/v1/tasks/${risk.id}`)).data.status, 'on_track');
    assertError(await report(jijian, fine.id, 10), 403, 'forbidden');
    assertError(await report(zhibu2, fine.id, 10), 403, 'forbidden');
    assertFieldError(await report(dangyuan, fine.id, 101), 'percent');
    // evidence of a report: by its owner; read by whoever sees the task
    const up = await upload(dangyuan, 'task_report', r.data.id);
    assert.equal(up.status, 201, JSON.stringify(up.data));
    const got = await fetch(`${srv.url}/api/v1/files/${up.data.id}`, { headers: { Cookie: zhibu2.cookie } });
    assert.equal(got.status, 200);
    const detail = (await jijian.fetch(`/api/v1/tasks/${onTime.id}`)).data;
    assert.equal(detail.reports[0].files[0].id, up.data.id);
    assert.equal(detail.may_report, false);
    // filters and sorting
    const overdueList = (await jijian.fetch(`/api/v1/tasks?status=overdue&org_id=${b1.id}`)).data;
    assert.deepEqual(overdueList.items.map((t) => t.title).sort(), ['逾期完成', '逾期未完成']);
    const byProgress = (await jijian.fetch(`/api/v1/tasks?org_id=${b1.id}&sort=progress&order=desc`)).data.items;
    assert.equal(byProgress[0].percent, 100);
    for (let i = 1; i < byProgress.length; i++) assert.ok(byProgress[i - 1].percent >= byProgress[i].percent);
    const mine = (await dangyuan.fetch('/api/v1/tasks?mine=1&limit=500')).data;
    assert.ok(mine.total >= 5); // the five above (and the first test's)
    assert.ok(mine.items.every((t) => t.owner_person_id === dangyuan.user.person_id));
    assertFieldError(await jijian.fetch('/api/v1/tasks?status=lost'), 'status');
    assertFieldError(await jijian.fetch('/api/v1/tasks?sort=colour'), 'sort');
  });

  test('a private task is seen by its list\'s writers and its owner only, and not on the board', async () => {
    const before = (await dangyuan.fetch(`/api/v1/tasks/board?year=${year}`)).data;
    const p = await create(zhibu1, { org_id: b1.id, title: '内部事项', line: 'party', due_on: `${year}-12-31`, public: false });
    assert.equal(p.status, 201, JSON.stringify(p.data));
    assert.equal(p.data.public, false);
    assertError(await dangyuan.fetch(`/api/v1/tasks/${p.data.id}`), 404, 'not_found');
    assertError(await zhibu2.fetch(`/api/v1/tasks/${p.data.id}`), 404, 'not_found');
    assert.equal((await zhibu1.fetch(`/api/v1/tasks/${p.data.id}`)).status, 200);
    assert.equal((await dangwei.fetch(`/api/v1/tasks/${p.data.id}`)).status, 200);
    const seen = (c) => c.fetch('/api/v1/tasks?limit=500').then((r) => r.data.items.some((t) => t.id === p.data.id));
    assert.equal(await seen(dangyuan), false);
    assert.equal(await seen(zhibu2), false);
    assert.equal(await seen(zhibu1), true);
    assert.equal(await seen(dangwei), true);
    const after = (await dangyuan.fetch(`/api/v1/tasks/board?year=${year}`)).data;
    assert.deepEqual(after.summary, before.summary);
    const shared = await create(zhibu1, { org_id: b1.id, title: '公开事项', line: 'party', due_on: `${year}-12-31`, public: true });
    assert.equal(shared.status, 201);
  });

  test('the board counts the public tasks of the year by status, per list, weighted', async () => {
    const all = (await dangwei.fetch(`/api/v1/tasks?year=${year}&limit=500`)).data.items.filter((t) => t.public);
    const board = (await dangyuan.fetch(`/api/v1/tasks/board?year=${year}`)).data;
    assert.equal(board.year, year);
    assert.equal(board.summary.total, all.length);
    for (const s of ['on_track', 'at_risk', 'overdue', 'done', 'done_late'])
      assert.equal(board.summary[s], all.filter((t) => t.status === s).length, s);
    const mine = all.filter((t) => t.org_id === b1.id);
    const row = board.lists.find((l) => l.org_id === b1.id);
    assert.equal(row.total, mine.length);
    const w = mine.reduce((a, t) => a + t.weight, 0);
    const wp = mine.reduce((a, t) => a + t.weight * t.percent, 0);
    assert.equal(row.progress, Math.floor((wp * 2 + w) / (w * 2)));
    assert.equal(board.lists.find((l) => l.org_id === root.id).bureau, true);
    assertFieldError(await dangyuan.fetch('/api/v1/tasks/board?year=19'), 'year');
  });

  test('the task list exports as xlsx', async () => {
    const res = await fetch(`${srv.url}/api/v1/tasks?format=xlsx`, { headers: { Cookie: dangwei.cookie } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    assert.match(res.headers.get('content-disposition'), /%E4%BB%BB%E5%8A%A1%E6%B8%85%E5%8D%95/); // 任务清单
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  });

  test('rectifications: 销号 needs evidence and someone other than the owner; reopened is never on time', async () => {
    const mk = (c, json) => c.fetch('/api/v1/rectifications', { method: 'POST', json });
    const r = await mk(dangwei, {
      org_id: b1.id, source: 'xuncha', problem: '三会一课记录不规范', owner_person_id: zhibu1.user.person_id,
      measures: '逐月补齐记录', found_on: shanghaiDate(-20), due_on: shanghaiDate(30),
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.status, 'open');
    assert.equal(r.data.source_label, '巡察反馈');
    assertFieldError(await mk(dangwei, { source: 'rumour', problem: 'x', owner_person_id: zhibu1.user.person_id, due_on: shanghaiDate(3) }), 'source');
    assertFieldError(await mk(dangwei, { source: 'audit', problem: 'x', owner_person_id: zhibu1.user.person_id, found_on: shanghaiDate(1), due_on: shanghaiDate(3) }), 'found_on');
    assertError(await mk(zhibu2, { org_id: b1.id, source: 'audit', problem: 'x', owner_person_id: zhibu1.user.person_id, due_on: shanghaiDate(3) }), 403, 'forbidden');
    const close = (c, id, note = '经核查已整改到位') => c.fetch(`/api/v1/rectifications/${id}/close`, { method: 'POST', json: { note } });
    assertError(await close(dangwei, r.data.id), 409, 'conflict'); // no evidence yet
    const up = await upload(zhibu1, 'rectification', r.data.id);
    assert.equal(up.status, 201, JSON.stringify(up.data));
    assertError(await close(zhibu1, r.data.id), 403, 'forbidden'); // the owner closes nothing of their own
    const c1 = await close(dangwei, r.data.id);
    assert.equal(c1.status, 200, JSON.stringify(c1.data));
    assert.equal(c1.data.status, 'closed');
    assert.equal(c1.data.closed_on, today);
    assert.equal(c1.data.closed_by, dangwei.user.display_name);
    assertError(await close(dangwei, r.data.id), 409, 'conflict');
    const re = await dangwei.fetch(`/api/v1/rectifications/${r.data.id}/reopen`, { method: 'POST', json: { reason: '复核发现仍缺两个月记录' } });
    assert.equal(re.status, 200, JSON.stringify(re.data));
    assert.equal(re.data.status, 'open');
    assert.equal(re.data.reopened, 1);
    assert.equal((await upload(zhibu1, 'rectification', r.data.id)).status, 201);
    const c2 = await close(dangwei, r.data.id);
    assert.equal(c2.data.status, 'closed_late'); // before the deadline, but reopened once
    const od = await mk(dangwei, { source: 'criticism', problem: '批评意见整改', owner_person_id: dangyuan.user.person_id, found_on: shanghaiDate(-40), due_on: shanghaiDate(-1) });
    assert.equal(od.data.status, 'overdue');
    const soon = await mk(dangwei, { source: 'internal', problem: '内测问题', owner_person_id: dangyuan.user.person_id, due_on: shanghaiDate(7) });
    assert.equal(soon.data.status, 'due_soon');
    // who reads: the discipline role all, a member their own, the owner the record
    const j = (await jijian.fetch('/api/v1/rectifications?limit=500')).data;
    assert.equal(j.total, 3);
    assert.deepEqual((await jijian.fetch('/api/v1/rectifications?status=overdue')).data.items.map((x) => x.id), [od.data.id]);
    const own = (await dangyuan.fetch('/api/v1/rectifications')).data;
    assert.deepEqual(own.items.map((x) => x.id).sort(), [od.data.id, soon.data.id].sort());
    assertError(await dangyuan.fetch(`/api/v1/rectifications/${r.data.id}`), 403, 'forbidden');
    const d = (await zhibu1.fetch(`/api/v1/rectifications/${r.data.id}`)).data;
    assert.equal(d.files.length, 2);
    assert.equal(d.may_close, false);
    assertError(await dangwei.fetch(`/api/v1/rectifications/${r.data.id}`, { method: 'PATCH', json: { measures: 'x' } }), 409, 'conflict');
    const p = await dangwei.fetch(`/api/v1/rectifications/${od.data.id}`, { method: 'PATCH', json: { due_on: shanghaiDate(20) } });
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.equal(p.data.status, 'open');
    const res = await fetch(`${srv.url}/api/v1/rectifications?format=xlsx`, { headers: { Cookie: jijian.cookie } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
  });

  test('a task list imported from Excel: the export\'s columns, errors by row, all or nothing', async () => {
    const up = async (c, data, name, query = '') => {
      const form = new FormData();
      form.append('file', new Blob([data]), name);
      const res = await fetch(`${srv.url}/api/v1/tasks/import${query}`, { method: 'POST', body: form, headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf } });
      return { status: res.status, data: await res.json() };
    };
    const count = async () => (await dangwei.fetch('/api/v1/tasks?limit=1')).data.total;
    const n0 = await count();
    const bad = [
      '年度任务清单（示范）,,,,,',
      '任务,所属组织,条线,类别,责任人,截止日期,权重',
      `预算编制,,业务工作,年度任务,,${year}-03-31,2`,
      `支部共建,机关第一党支部,党建,攻坚,${dangyuan.user.display_name},${year}-09-30,1`,
      `无名组织的任务,不存在的支部,业务工作,,,${year}-06-30,1`,
      `条线不对,,文化,,,${year}-06-30,1`,
      `,,业务工作,,,${year}-06-30,1`,
      `日期不对,,业务工作,,,${year}-13-40,1`,
      `权重不对,,党建工作,,,${year}-06-30,500`,
    ].join('\r\n');
    const r = await up(dangwei, bad, '任务清单.csv');
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.created, 0);
    assert.deepEqual(r.data.errors.map((e) => `${e.row}:${e.column}`), ['5:所属组织', '6:条线', '7:任务', '8:截止日期', '9:权重']);
    assert.equal(await count(), n0, 'nothing written');
    // a branch secretary imports only into their own list
    const other = await up(zhibu2, ['任务,所属组织,条线,截止日期', `x,机关第一党支部,党建工作,${year}-06-30`].join('\r\n'), 't.csv');
    assert.deepEqual(other.data.errors.map((e) => e.column), ['所属组织']);
    // the export of a list, imported back: the same tasks again
    for (const [title, extra] of [['导出甲', { weight: 3 }], ['导出乙', { public: false, kind: 'key' }]])
      assert.equal((await create(dangwei, { org_id: b2.id, title, line: 'party', due_on: `${year}-11-30`, ...extra })).status, 201);
    const res = await fetch(`${srv.url}/api/v1/tasks?format=xlsx&org_id=${b2.id}`, { headers: { Cookie: dangwei.cookie } });
    const xlsx = Buffer.from(await res.arrayBuffer());
    const inB2 = (await dangwei.fetch(`/api/v1/tasks?org_id=${b2.id}&limit=500`)).data;
    assert.ok(inB2.total >= 1);
    const dry = await up(zhibu2, xlsx, '导出.xlsx', '?dry_run=1');
    assert.equal(dry.status, 200, JSON.stringify(dry.data));
    assert.deepEqual(dry.data.errors, []);
    assert.equal(dry.data.rows, inB2.total);
    assert.equal(dry.data.created, 0);
    const done = await up(zhibu2, xlsx, '导出.xlsx');
    assert.equal(done.data.created, inB2.total);
    const again = (await dangwei.fetch(`/api/v1/tasks?org_id=${b2.id}&limit=500`)).data.items;
    assert.equal(again.length, inB2.total * 2);
    for (const t of inB2.items) assert.equal(again.filter((x) => x.title === t.title && x.due_on === t.due_on && x.weight === t.weight && x.public === t.public).length, 2, t.title);
    assertError(await up(dangyuan, bad, 'x.csv'), 403, 'forbidden');
  });

  test('/warnings: the overdue and falling-due tasks and rectifications one manages or owns', async () => {
    const w = (await dangyuan.fetch('/api/v1/warnings')).data.items;
    const overdue = w.filter((x) => x.code === 'task_overdue').map((x) => x.message);
    assert.ok(overdue.some((m) => m.includes('逾期未完成')), JSON.stringify(w));
    assert.ok(!overdue.some((m) => m.includes('按期完成')), 'a done task warns of nothing');
    assert.ok(w.some((x) => x.code === 'rectification_due' && x.message.includes('内测问题') && x.severity === 'normal'), JSON.stringify(w));
    const z2 = (await zhibu2.fetch('/api/v1/warnings')).data.items;
    assert.ok(!z2.some((x) => x.code.startsWith('task') && x.org_id === b1.id), 'another branch\'s tasks');
    const z1 = (await zhibu1.fetch('/api/v1/warnings')).data.items;
    assert.ok(z1.some((x) => x.code === 'task_overdue' && x.org_id === b1.id && x.severity === 'high'));
  });

  test('every change is audited', async () => {
    const t = (await admin.fetch('/api/v1/audit?object_type=task&limit=500')).data.items;
    assert.ok(t.some((a) => a.action === 'create'));
    assert.ok(t.some((a) => a.action === 'update' && a.before && a.after));
    assert.ok(t.some((a) => a.action === 'report' && a.after.percent === 100));
    const r = (await admin.fetch('/api/v1/audit?object_type=rectification&limit=500')).data.items.map((a) => a.action);
    for (const a of ['create', 'update', 'close', 'reopen']) assert.ok(r.includes(a), a);
  });
});

// The index sources (issue 14, item 6): a branch scored on its own tasks and rectifications due in
// the period, on a server whose today is fixed, against a hand count.
describe('the 堡垒指数 scores a branch on its tasks and rectifications', () => {
  let srv, dangwei, zhibu2, b2, root, owner;
  before(async () => {
    srv = await startServer({ today: '2026-06-15' });
    dangwei = await login(srv.url, 'dangwei');
    zhibu2 = await login(srv.url, 'zhibu2');
    const orgs = (await dangwei.fetch('/api/v1/orgs')).data.items;
    root = orgs.find((o) => !o.parent_id);
    b2 = orgs.find((o) => o.name === '机关第二党支部');
    owner = (await dangwei.fetch(`/api/v1/people?limit=5&branch_id=${b2.id}`)).data.items[0];
  });
  after(async () => { await srv.stopClean(); });

  test('tasks_on_time and rectifications_on_time: the share on time, explained item by item', async () => {
    const task = async (org, title, due, done, extra = {}) => {
      const r = await dangwei.fetch('/api/v1/tasks', { method: 'POST', json: { org_id: org.id, title, line: 'business', start_on: '2026-01-01', due_on: due, ...extra } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      if (done) assert.equal((await dangwei.fetch(`/api/v1/tasks/${r.data.id}/reports`, { method: 'POST', json: { percent: 100 } })).status, 201);
      return r.data;
    };
    // done on 2026-06-15 (the server's today)
    await task(b2, '按期甲', '2026-06-30', true, { owner_person_id: owner.id });
    await task(b2, '逾期完成乙', '2026-05-31', true);
    await task(b2, '未完成丙', '2026-06-10', false, { owner_person_id: owner.id });
    await task(b2, '按期丁', '2026-06-20', true);
    await task(b2, '不公开戊', '2026-06-01', false, { public: false });
    await task(b2, '下季度己', '2026-07-15', true); // due after the period
    await task(root, '局机关庚', '2026-06-30', true); // the bureau's own list
    const rect = async (problem, found, due) => {
      const r = await dangwei.fetch('/api/v1/rectifications', { method: 'POST', json: { org_id: b2.id, source: 'inspection', problem, owner_person_id: owner.id, found_on: found, due_on: due } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      return r.data;
    };
    const evidence = async (id) => {
      const form = new FormData();
      form.append('file', new Blob([PNG]), 'e.png');
      form.append('object_type', 'rectification');
      form.append('object_id', String(id));
      const res = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: dangwei.cookie, 'X-CSRF-Token': dangwei.csrf } });
      assert.equal(res.status, 201);
    };
    const close = (id) => dangwei.fetch(`/api/v1/rectifications/${id}/close`, { method: 'POST', json: { note: '同意销号' } });
    const r1 = await rect('按期销号一', '2026-05-01', '2026-06-30');
    await evidence(r1.id);
    assert.equal((await close(r1.id)).status, 200);
    const r2 = await rect('退回后销号二', '2026-05-01', '2026-06-30');
    await evidence(r2.id);
    assert.equal((await close(r2.id)).status, 200);
    assert.equal((await dangwei.fetch(`/api/v1/rectifications/${r2.id}/reopen`, { method: 'POST', json: { reason: '复核未通过' } })).status, 200);
    assert.equal((await close(r2.id)).status, 200);
    await rect('未销号三', '2026-05-01', '2026-06-01');
    // the item whose source is the index: a closed one of the second branch still open is open
    const scheme = await dangwei.fetch('/api/v1/schemes', {
      method: 'POST', json: {
        code: 'tasks_fortress', name: '任务与整改', target: 'branch', settings: {},
        indicators: [
          { code: 'tk', name: '攻坚任务完成', kind: 'computed', source: 'tasks_on_time', max_points: 10, params: { map: 'linear', target: 100 } },
          { code: 'rc', name: '整改按期销号', kind: 'computed', source: 'rectifications_on_time', max_points: 10, params: { map: 'linear', target: 100 } },
        ],
      },
    });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.data));
    const ev = await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.data.id, period: '2026Q2', notice_days: 0 } });
    assert.equal(ev.status, 201, JSON.stringify(ev.data));
    const computed = await dangwei.fetch(`/api/v1/evaluations/${ev.data.id}/compute`, { method: 'POST' });
    assert.equal(computed.status, 200, JSON.stringify(computed.data));
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${ev.data.id}/targets/${b2.id}/explain`)).data;
    const node = (code) => ex.indicators.find((i) => i.code === code);
    // hand count: 5 tasks due in Q2 (甲 乙 丙 丁 戊), 2 on time (甲 丁) = 40 %; 3 items due, 1 on time = 33.33 %
    assert.equal(node('tk').raw, '40.00');
    assert.equal(node('tk').points, 4);
    assert.deepEqual({ ...node('tk').records, tasks: undefined }, { due: 5, on_time: 2, late: 1, not_done: 2, tasks: undefined });
    assert.deepEqual(node('tk').records.tasks.map((x) => `${x.title}:${x.result}`),
      ['逾期完成乙:late', '不公开戊:not_done', '未完成丙:not_done', '按期丁:on_time', '按期甲:on_time']);
    assert.equal(node('rc').raw, '33.33');
    assert.equal(node('rc').points, 3.33);
    assert.deepEqual(node('rc').records.rectifications.map((x) => `${x.problem}:${x.result}`),
      ['未销号三:not_closed', '按期销号一:on_time', '退回后销号二:late']);
    // a branch with nothing due has no figure
    const b1 = (await dangwei.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
    const ex1 = (await dangwei.fetch(`/api/v1/evaluations/${ev.data.id}/targets/${b1.id}/explain`)).data;
    assert.equal(ex1.indicators.find((i) => i.code === 'tk').raw, null);
    // a member scored on what they own: tasks 甲 (on time) and 丙 (not done), the three items
    const ms = await dangwei.fetch('/api/v1/schemes', {
      method: 'POST', json: {
        code: 'tasks_member', name: '个人任务与整改', target: 'member', settings: {},
        indicators: [
          { code: 'tk', name: '负责任务按期完成', kind: 'computed', source: 'tasks_on_time', max_points: 10, params: { map: 'linear', target: 100 } },
          { code: 'rc', name: '负责整改按期销号', kind: 'computed', source: 'rectifications_on_time', max_points: 10, params: { map: 'linear', target: 100 } },
        ],
      },
    });
    assert.equal(ms.status, 201, JSON.stringify(ms.data));
    const mev = await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: ms.data.id, period: '2026Q2', notice_days: 0 } });
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${mev.data.id}/compute`, { method: 'POST' })).status, 200);
    const mx = (await dangwei.fetch(`/api/v1/evaluations/${mev.data.id}/targets/${owner.id}/explain`)).data;
    assert.equal(mx.indicators.find((i) => i.code === 'tk').raw, '50.00');
    assert.deepEqual(mx.indicators.find((i) => i.code === 'tk').records.tasks.map((x) => x.title), ['未完成丙', '按期甲']);
    assert.equal(mx.indicators.find((i) => i.code === 'rc').raw, '33.33');
    assert.ok(zhibu2);
  });
});
