// 发展党员 (/api/v1/applicants, issue 16 item 2) on a server whose "today" is
// 2026-12-15: each stage refused before its dates allow, the roster's 政治面貌
// following the stage, warnings before 转正, scope, files, export and import.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

const TODAY = '2026-12-15';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

async function upload(client, path, body, filename, extra = {}) {
  const form = new FormData();
  form.append('file', new Blob([body]), filename);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  const res = await fetch(`${client.url}${path}`, {
    method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf },
  });
  return { status: res.status, data: await res.json() };
}

describe('applicants: the stages of 发展党员 and their dates', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, people, branch1, branch2, fullMembers, probationer, masses;
  let a; // the main applicant
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    branch1 = orgs.find((o) => o.name === '机关第一党支部');
    branch2 = orgs.find((o) => o.name === '机关第二党支部');
    fullMembers = people.filter((p) => p.political_status === '中共党员' && p.status === '在职' &&
      (!p.full_member_on || p.full_member_on <= '2023-01-01'));
    probationer = people.find((p) => p.political_status === '中共预备党员');
    masses = people.find((p) => p.political_status === '群众' && p.status === '在职');
    assert.ok(branch1 && branch2 && fullMembers.length >= 4 && probationer && masses, 'the demo has what this test needs');
  });
  after(async () => { await srv.stopClean(); });

  const create = (client, json) => client.fetch('/api/v1/applicants', { method: 'POST', json });
  const advance = (client, id, json) => client.fetch(`/api/v1/applicants/${id}/advance`, { method: 'POST', json });
  const review = (client, id, day) => client.fetch(`/api/v1/applicants/${id}/reviews`, { method: 'POST', json: { reviewed_on: day } });

  test('settings: the official defaults with their sources; a bureau sets its own from a day on', async () => {
    const r = await zhibu1.fetch('/api/v1/applicant-settings');
    assert.equal(r.status, 200);
    const by = Object.fromEntries(r.data.settings.map((s) => [s.name, s]));
    assert.equal(by.min_age.value, 18);
    assert.equal(by.training_months.value, 12);
    assert.equal(by.probation_months.value, 12);
    assert.match(by.min_age.source, /第五条/);
    assertError(await zhibu1.fetch('/api/v1/applicant-settings', { method: 'POST', json: { name: 'notice_days', value: 7, effective_from: '2027-01-01' } }), 403, 'forbidden');
    assertFieldError(await dangwei.fetch('/api/v1/applicant-settings', { method: 'POST', json: { name: 'min_age', value: 16, effective_from: '2027-01-01' } }), 'value');
    assertFieldError(await dangwei.fetch('/api/v1/applicant-settings', { method: 'POST', json: { name: 'nope', value: 1, effective_from: '2027-01-01' } }), 'name');
    const ok = await dangwei.fetch('/api/v1/applicant-settings', { method: 'POST', json: { name: 'notice_days', value: 7, effective_from: '2027-01-01' } });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    assert.equal((await dangwei.fetch('/api/v1/applicant-settings')).data.settings.find((s) => s.name === 'notice_days').value, 5);
    assert.equal((await dangwei.fetch(`/api/v1/applicant-settings/${ok.data.id}`, { method: 'DELETE' })).status, 204);
  });

  test('入党申请人: 18 on the application day, the talk after it, nothing in the future, the branch secretary only', async () => {
    const base = { org_id: branch1.id, name: '申请人甲', gender: '女', birth_date: '2000-01-01', applied_on: '2024-09-01' };
    assertFieldError(await create(zhibu1, { ...base, birth_date: '2006-09-02' }), 'applied_on');
    assertFieldError(await create(zhibu1, { ...base, talked_on: '2024-08-31' }), 'talked_on');
    assertFieldError(await create(zhibu1, { ...base, applied_on: '2026-12-16' }), 'applied_on');
    assertFieldError(await create(zhibu1, { ...base, activist_on: '2024-10-01' }), 'activist_on');
    assertFieldError(await create(zhibu2, base), 'org_id');
    assertError(await create(dangyuan, base), 403, 'forbidden');
    const r = await create(zhibu1, { ...base, birth_date: '2006-09-01', talked_on: '2024-09-20' });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.stage, 'applicant');
    a = r.data;
    // another branch's secretary neither sees nor changes it
    assertError(await zhibu2.fetch(`/api/v1/applicants/${a.id}`), 403, 'forbidden');
    assert.ok(!(await zhibu2.fetch('/api/v1/applicants')).data.items.some((x) => x.id === a.id));
    assert.ok((await zhibu1.fetch('/api/v1/applicants')).data.items.some((x) => x.id === a.id));
    assertError(await advance(zhibu2, a.id, { stage: 'activist' }), 403, 'forbidden');
  });

  test('入党积极分子: only the next stage, after the talk, with one or two 培养联系人', async () => {
    assertFieldError(await advance(zhibu1, a.id, { stage: 'candidate', candidate_on: '2025-11-03' }), 'stage');
    assertFieldError(await advance(zhibu1, a.id, { stage: 'activist', activist_on: '2024-11-01' }), 'contact_ids');
    assertFieldError(await advance(zhibu1, a.id, { stage: 'activist', activist_on: '2024-09-19', contact_ids: [fullMembers[0].id] }), 'activist_on');
    const r = await advance(zhibu1, a.id, { stage: 'activist', activist_on: '2024-11-01', contact_ids: [fullMembers[0].id, fullMembers[1].id] });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.stage, 'activist');
    assert.equal(r.data.contacts.length, 2);
    assert.equal(r.data.next_due_code, 'review_due');
    assert.equal(r.data.next_due, '2025-02-01');
  });

  test('发展对象: not before a year of training, nor without the quarterly reviews', async () => {
    assertFieldError(await advance(zhibu1, a.id, { stage: 'candidate', candidate_on: '2025-10-31' }), 'candidate_on');
    assertFieldError(await advance(zhibu1, a.id, { stage: 'candidate', candidate_on: '2025-11-03' }), 'candidate_on'); // no reviews
    assertFieldError(await review(zhibu1, a.id, '2024-10-31'), 'reviewed_on');
    for (const d of ['2025-02-01', '2025-05-01', '2025-08-01']) assert.equal((await review(zhibu1, a.id, d)).status, 201);
    assertFieldError(await advance(zhibu1, a.id, { stage: 'candidate', candidate_on: '2025-11-03' }), 'candidate_on'); // 3 of 4
    const rv = await review(zhibu1, a.id, '2025-11-01');
    assert.equal(rv.status, 201);
    assert.equal(rv.data.reviews.length, 4);
    const r = await advance(zhibu1, a.id, { stage: 'candidate', candidate_on: '2025-11-03' });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assertFieldError(await review(zhibu1, a.id, '2025-11-10'), 'reviewed_on'); // reviews are for 积极分子
  });

  test('预备党员: political review, training, 公示, two full members, approval in time; the roster gets the person', async () => {
    const step = {
      stage: 'probationary', reviewed_on: '2025-11-20', training_days: 3, notice_from: '2025-11-24', notice_to: '2025-11-28',
      introducer_ids: [fullMembers[2].id, fullMembers[3].id], admitted_on: '2025-12-20', approved_on: '2026-01-15',
    };
    assertFieldError(await advance(zhibu1, a.id, { ...step, training_days: 2, training_hours: 20 }), 'training_days');
    assertFieldError(await advance(zhibu1, a.id, { ...step, reviewed_on: '2025-11-01' }), 'reviewed_on');
    assertFieldError(await advance(zhibu1, a.id, { ...step, notice_to: '2025-11-27' }), 'notice_to');
    assertFieldError(await advance(zhibu1, a.id, { ...step, admitted_on: '2025-11-28' }), 'admitted_on');
    assertFieldError(await advance(zhibu1, a.id, { ...step, introducer_ids: [fullMembers[2].id] }), 'introducer_ids');
    assertFieldError(await advance(zhibu1, a.id, { ...step, introducer_ids: [fullMembers[2].id, probationer.id] }), 'introducer_ids');
    assertFieldError(await advance(zhibu1, a.id, { ...step, approved_on: '2026-03-21' }), 'approved_on');
    assertFieldError(await advance(zhibu1, a.id, step), 'staff_no'); // a roster record needs a 工号
    const r = await advance(zhibu1, a.id, { ...step, staff_no: 'T9001' });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.stage, 'probationary');
    assert.equal(r.data.probation_end, '2026-12-19');
    assert.ok(r.data.person_id);
    const p = await admin.fetch(`/api/v1/people/${r.data.person_id}`);
    assert.equal(p.data.political_status, '中共预备党员');
    assert.equal(p.data.joined_party_on, '2025-12-20');
    assert.equal(p.data.branch_id, branch1.id);
  });

  test('warnings: the 预备期 ending and a talk due appear for the secretary, not another branch\'s', async () => {
    const t = await create(zhibu1, { org_id: branch1.id, name: '申请人乙', birth_date: '1998-05-05', applied_on: '2026-11-20' });
    assert.equal(t.status, 201, JSON.stringify(t.data));
    assert.equal(t.data.next_due_code, 'talk_due');
    const w = (await zhibu1.fetch('/api/v1/warnings')).data.items;
    const ending = w.find((x) => x.code === 'probation_ending' && x.message.includes('申请人甲'));
    assert.ok(ending, JSON.stringify(w));
    assert.equal(ending.due, '2026-12-19');
    assert.equal(ending.severity, 'high');
    assert.ok(w.some((x) => x.code === 'applicant_talk_due' && x.message.includes('申请人乙')));
    const w2 = (await zhibu2.fetch('/api/v1/warnings')).data.items;
    assert.ok(!w2.some((x) => x.message.includes('申请人甲')));
    // the warnings engine stores it as the rule probation_ending, the applicant its subject
    assert.equal((await dangwei.fetch('/api/v1/warnings/refresh', { method: 'POST' })).status, 200);
    const stored = (await zhibu1.fetch('/api/v1/warnings?state=open&code=probation_ending&limit=500')).data.items;
    const mine = stored.find((x) => x.message.includes('申请人甲'));
    assert.ok(mine, JSON.stringify(stored));
    assert.equal(mine.object_type, 'applicant');
    assert.equal(mine.object_id, a.id);
    assert.equal(mine.due, '2026-12-19');
    assert.ok(!(await zhibu2.fetch('/api/v1/warnings?state=open&code=probation_ending&limit=500')).data.items.some((x) => x.message.includes('申请人甲')));
  });

  test('正式党员: not before the 预备期 ends; an extension once, of 6 to 12 months', async () => {
    assertFieldError(await advance(zhibu1, a.id, { stage: 'full', full_on: '2026-12-15' }), 'full_on');
    assertFieldError(await zhibu1.fetch(`/api/v1/applicants/${a.id}/extend`, { method: 'POST', json: { months: 5 } }), 'months');
    const e = await zhibu1.fetch(`/api/v1/applicants/${a.id}/extend`, { method: 'POST', json: { months: 6 } });
    assert.equal(e.status, 200, JSON.stringify(e.data));
    assert.equal(e.data.probation_end, '2027-06-19');
    assertFieldError(await zhibu1.fetch(`/api/v1/applicants/${a.id}/extend`, { method: 'POST', json: { months: 6 } }), 'months');
  });

  test('a person of the roster goes through every stage; 转正 makes them 中共党员', async () => {
    const r = await create(zhibu1, { org_id: branch1.id, person_id: masses.id, birth_date: '1990-03-03', applied_on: '2022-03-01', talked_on: '2022-03-10' });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.name, masses.name);
    assert.equal((await admin.fetch(`/api/v1/people/${masses.id}`)).data.political_status, '入党申请人');
    const id = r.data.id;
    assert.equal((await advance(zhibu1, id, { stage: 'activist', activist_on: '2022-04-01', contact_ids: [fullMembers[0].id] })).status, 200);
    for (const d of ['2022-07-01', '2022-10-01', '2023-01-01', '2023-04-01']) assert.equal((await review(zhibu1, id, d)).status, 201);
    assert.equal((await advance(zhibu1, id, { stage: 'candidate', candidate_on: '2023-04-03' })).status, 200);
    assert.equal((await admin.fetch(`/api/v1/people/${masses.id}`)).data.political_status, '发展对象');
    const p = await advance(zhibu1, id, {
      stage: 'probationary', reviewed_on: '2023-04-20', training_hours: 24, notice_from: '2023-04-24', notice_to: '2023-04-28',
      introducer_ids: [fullMembers[0].id, fullMembers[1].id], admitted_on: '2023-05-08', approved_on: '2023-06-01',
    });
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.equal(p.data.person_id, masses.id);
    assertFieldError(await advance(zhibu1, id, { stage: 'full', full_on: '2024-05-07' }), 'full_on');
    const f = await advance(zhibu1, id, { stage: 'full', full_on: '2024-05-08' });
    assert.equal(f.status, 200, JSON.stringify(f.data));
    const person = (await admin.fetch(`/api/v1/people/${masses.id}`)).data;
    assert.equal(person.political_status, '中共党员');
    assert.equal(person.joined_party_on, '2023-05-08');
    assert.equal(person.full_member_on, '2024-05-08');
    assert.equal(person.branch_id, branch1.id); // a member of the branch from the 支部大会 on
    assertFieldError(await advance(zhibu1, id, { stage: 'full', full_on: '2024-05-08' }), 'stage');
    const audit = (await admin.fetch(`/api/v1/audit?object_type=applicant&limit=100`)).data.items;
    assert.ok(audit.filter((x) => x.object_id === id && x.action === 'advance').length === 4);
  });

  test('documents: files on an applicant, by the branch\'s secretary only', async () => {
    const pdf = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
    const up = await upload(zhibu1, '/api/v1/files', pdf, '思想汇报.pdf', { object_type: 'applicant', object_id: String(a.id) });
    assert.equal(up.status, 201, JSON.stringify(up.data));
    const denied = await upload(zhibu2, '/api/v1/files', pdf, 'x.pdf', { object_type: 'applicant', object_id: String(a.id) });
    assert.equal(denied.status, 400);
    const got = await zhibu1.fetch(`/api/v1/applicants/${a.id}`);
    assert.equal(got.data.files.length, 1);
    const raw = (client) => fetch(`${srv.url}/api/v1/files/${up.data.id}`, { headers: { Cookie: client.cookie } });
    assert.equal((await raw(zhibu1)).status, 200);
    assert.equal((await raw(zhibu2)).status, 404);
  });

  test('export and import: the clerk\'s list, columns by name, errors by row, nothing written on any error', async () => {
    const x = await fetch(`${srv.url}/api/v1/applicants?format=xlsx`, { headers: { Cookie: zhibu1.cookie } });
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    const header = '所在支部,姓名,工号,性别,出生日期,阶段,申请日期,谈话日期,确定积极分子日期,培养联系人\n';
    const good = `机关第一党支部,导入丙,,男,1999-02-02,入党申请人,2026-10-10,2026-10-20,,\n`;
    const young = `机关第一党支部,导入丁,,女,2010-01-01,入党申请人,2026-10-10,,,\n`;
    const early = `机关第一党支部,导入戊,,女,1995-01-01,入党积极分子,2026-10-10,2026-10-12,2026-10-11,${fullMembers[0].staff_no}\n`;
    const bad = await upload(zhibu1, '/api/v1/applicants/import', header + good + young + early, 'a.csv');
    assert.equal(bad.status, 200, JSON.stringify(bad.data));
    assert.equal(bad.data.created, 0);
    assert.deepEqual(bad.data.errors.map((e) => [e.row, e.column]), [[3, '申请日期'], [4, '确定积极分子日期']]);
    const ok = await upload(zhibu1, '/api/v1/applicants/import', header + good + early.replace('2026-10-11', '2026-10-13'), 'a.csv');
    assert.equal(ok.data.created, 2, JSON.stringify(ok.data));
    const list = (await zhibu1.fetch('/api/v1/applicants?q=导入')).data.items;
    assert.deepEqual(list.map((i) => i.stage).sort(), ['activist', 'applicant']);
    const other = await upload(zhibu2, '/api/v1/applicants/import', header + good, 'a.csv');
    assert.equal(other.data.created, 0);
    assert.equal(other.data.errors[0].column, '所在支部');
  });
});

describe('applicants: the demo year', () => {
  test('every demo applicant satisfies the checks of its stage, the roster agrees, and honours are there', async () => {
    const srv = await startServer({ records: true, today: TODAY });
    try {
      const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
      const items = (await admin.fetch('/api/v1/applicants?limit=500')).data.items;
      const stages = new Set(items.map((a) => a.stage));
      for (const s of ['applicant', 'activist', 'candidate', 'probationary']) assert.ok(stages.has(s), `a demo applicant at ${s}`);
      const people = new Map((await admin.fetch('/api/v1/people?limit=500')).data.items.map((p) => [p.id, p]));
      for (const a of items) {
        // PATCH with nothing re-runs every check of the stages reached
        const r = await admin.fetch(`/api/v1/applicants/${a.id}`, { method: 'PATCH', json: {} });
        assert.equal(r.status, 200, `${a.name} (${a.stage}): ${JSON.stringify(r.data)}`);
        if (a.person_id) assert.equal(people.get(a.person_id).political_status, a.stage_label, a.name);
      }
      assert.ok((await admin.fetch('/api/v1/warnings')).data.items.some((w) => w.code === 'applicant_talk_due'));
      assert.ok((await admin.fetch('/api/v1/honours')).data.total >= 6);
    } finally {
      await srv.stopClean();
    }
  });
});
