// The rules of organisational life and the compliance board (issue 5): the
// board counts exactly the meetings recorded, window by window, the rules can
// be extended by the bureau but the official defaults stay, and /warnings
// lists what falls due unmet.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, ADMIN_PASSWORD } from './harness.mjs';

describe('meeting rules and the compliance board', () => {
  let srv, admin, branch1, kinds;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    branch1 = orgs.find((o) => o.name === '机关第一党支部');
    kinds = Object.fromEntries((await admin.fetch('/api/v1/meeting-kinds')).data.items.map((k) => [k.code, k.id]));
  });
  after(async () => { await srv.stopClean(); });

  test('the defaults name their source and cannot be changed; a bureau rule replaces one', async () => {
    const rules = (await admin.fetch('/api/v1/meeting-rules')).data.items;
    const committee = rules.find((r) => r.kind_id === kinds.committee);
    assert.equal(committee.frequency, 'month');
    assert.equal(committee.bureau_id, null);
    assert.match(committee.source, /支部工作条例/);
    const change = await admin.fetch(`/api/v1/meeting-rules/${committee.id}`, { method: 'PATCH', json: { times: 2 } });
    assert.equal(change.status, 403);
    const lecture = rules.find((r) => r.kind_id === kinds.party_lecture);
    assert.equal(lecture.frequency, 'year');
    const local = await admin.fetch('/api/v1/meeting-rules', {
      method: 'POST', json: { kind_id: kinds.party_lecture, org_type: '党支部', frequency: 'quarter', source: '本局规定：党课每季度1次' },
    });
    assert.equal(local.status, 201, JSON.stringify(local.data));
    const after = (await admin.fetch('/api/v1/meeting-rules')).data.items.filter((r) => r.kind_id === kinds.party_lecture);
    assert.equal(after.length, 2, 'the default stays listed');
    const inForce = after.filter((r) => r.in_force);
    assert.equal(inForce.length, 1, 'the bureau rule replaces the default');
    assert.equal(inForce[0].frequency, 'quarter');
    assert.equal(after.find((r) => r.bureau_id === null).in_force, false);
    const bad = await admin.fetch('/api/v1/meeting-rules', { method: 'POST', json: { kind_id: kinds.theme_day, org_type: '党支部', frequency: 'weekly' } });
    assert.equal(bad.status, 400);
    const z = await login(srv.url, 'zhibu1');
    assert.equal((await z.fetch('/api/v1/meeting-rules', { method: 'POST', json: { kind_id: kinds.theme_day, org_type: '党支部', frequency: 'month' } })).status, 403);
  });

  test('the board counts the recorded meetings window by window', async () => {
    // two committee meetings in one month and one in the next of a past year
    for (const d of ['2025-03-05', '2025-03-20', '2025-04-10']) {
      const r = await admin.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: branch1.id, kind_id: kinds.committee, held_on: d } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      assert.equal(r.data.late_recorded, true, 'recorded long after');
    }
    const board = (await admin.fetch('/api/v1/compliance?period=2025Q1')).data;
    assert.equal(board.from, '2025-01-01');
    assert.equal(board.to, '2025-03-31');
    const b1 = board.branches.find((b) => b.org_id === branch1.id);
    const row = b1.rules.find((r) => r.kind_name === '支委会');
    assert.deepEqual(row.windows.map((w) => [w.from, w.held, w.late, w.status]), [
      ['2025-01-01', 0, 0, 'missed'], ['2025-02-01', 0, 0, 'missed'], ['2025-03-01', 2, 2, 'met'],
    ]);
    assert.equal(row.held, 2);
    // the groups keep their own monthly rule
    const groups = b1.rules.filter((r) => r.kind_name === '党小组会');
    assert.equal(groups.length, 3);
    // 8 branches, each with its rules; the first quarter of 2025 is long over
    assert.equal(board.branches.length, 8);
    const q2 = (await admin.fetch('/api/v1/compliance?period=2025-04')).data;
    assert.equal(q2.branches.find((b) => b.org_id === branch1.id).rules.find((r) => r.kind_name === '支委会').windows[0].status, 'met');
    assert.equal((await admin.fetch('/api/v1/compliance?period=2025Q5')).status, 400);
    assert.equal((await admin.fetch('/api/v1/compliance')).status, 400);
  });

  test('the board exports to a spreadsheet, one line per branch, rule and window', async () => {
    const json = (await admin.fetch('/api/v1/compliance?period=2025Q1')).data;
    let windows = 0;
    for (const b of json.branches) for (const r of b.rules) windows += r.windows.length;
    const r = await fetch(`${srv.url}/api/v1/compliance?period=2025Q1&format=csv`, { headers: { Cookie: admin.cookie } });
    assert.equal(r.status, 200);
    const lines = (await r.text()).split('\r\n').filter((l) => l.length);
    assert.ok(lines[0].replace(/^\ufeff/, '').startsWith('党支部,会议类型,党小组'), lines[0]);
    assert.equal(lines.length - 1, windows);
    assert.ok(lines.some((l) => l.startsWith('机关第一党支部,支委会,,2025-03-01,2025-03-31,1,2,2,已完成')), lines.slice(0, 6).join('\n'));
    const x = await fetch(`${srv.url}/api/v1/compliance?period=2025Q1&format=xlsx`, { headers: { Cookie: admin.cookie } });
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-disposition'), /filename\*=UTF-8''/);
  });

  test('attendance rate on the board is present over expected', async () => {
    const m = await admin.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: branch1.id, kind_id: kinds.branch_assembly, held_on: '2025-05-06' } });
    const expected = m.data.attendance.filter((a) => a.expected);
    assert.ok(expected.length >= 2);
    const take = expected.map((a, i) => ({ person_id: a.person_id, status: i === 0 ? '缺席' : '出席' }));
    assert.equal((await admin.fetch(`/api/v1/meetings/${m.data.id}/attendance`, { method: 'PUT', json: { attendance: take } })).status, 200);
    const b1 = (await admin.fetch('/api/v1/compliance?period=2025-05')).data.branches.find((b) => b.org_id === branch1.id);
    assert.equal(b1.expected_attendance, expected.length);
    assert.equal(b1.present_attendance, expected.length - 1);
    assert.ok(Math.abs(b1.attendance_rate - (expected.length - 1) / expected.length) < 1e-9);
  });

  test('someone who moved branches mid-year counts in each branch only for their months there', async () => {
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    const branch2 = orgs.find((o) => o.name === '机关第二党支部');
    const people = (await admin.fetch(`/api/v1/people?branch_id=${branch1.id}&political_status=中共党员&limit=500`)).data.items;
    const mover = people.find((p) => p.user_id === null && p.joined_party_on < '2023-01-01');
    assert.ok(mover, 'a full member of branch 1 without an account');
    const meet = async (org, held) => {
      const r = await admin.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: org, kind_id: kinds.branch_assembly, held_on: held } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      return r.data;
    };
    const a = await meet(branch1.id, '2024-02-10');
    assert.ok(a.attendance.some((x) => x.person_id === mover.id));
    const moved = await admin.fetch(`/api/v1/people/${mover.id}`, { method: 'PATCH', json: { branch_id: branch2.id, effective_on: '2024-06-01' } });
    assert.equal(moved.status, 200, JSON.stringify(moved.data));
    const b = await meet(branch2.id, '2024-07-10');
    assert.ok(b.attendance.some((x) => x.person_id === mover.id));
    const c = await meet(branch1.id, '2024-08-10');
    assert.ok(!c.attendance.some((x) => x.person_id === mover.id), 'no longer expected in branch 1');
    for (const [m, status] of [[a, '出席'], [b, '缺席']]) {
      const r = await admin.fetch(`/api/v1/meetings/${m.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: mover.id, status }] } });
      assert.equal(r.status, 200);
    }
    const stats = (await admin.fetch(`/api/v1/statistics/attendance?period=2024&person_id=${mover.id}`)).data.items;
    const byBranch = Object.fromEntries(stats.map((x) => [x.branch_id, x]));
    assert.equal(Object.keys(byBranch).length, 2);
    assert.equal(byBranch[branch1.id].expected, 1);
    assert.equal(byBranch[branch1.id].attended, 1);
    assert.equal(byBranch[branch2.id].expected, 1);
    assert.equal(byBranch[branch2.id].attended, 0);
    assert.equal(byBranch[branch2.id].absent, 1);
    // the first half of the year knows only branch 1
    const h1 = (await admin.fetch(`/api/v1/statistics/attendance?period=2024Q1&person_id=${mover.id}`)).data.items;
    assert.deepEqual(h1.map((x) => x.branch_id), [branch1.id]);
    // a member sees only their own figures
    const member = await login(srv.url, 'dangyuan');
    assert.equal((await member.fetch(`/api/v1/statistics/attendance?period=2024&person_id=${mover.id}`)).status, 403);
    const mine = (await member.fetch('/api/v1/statistics/attendance?period=2024')).data.items;
    for (const x of mine) assert.equal(x.person_id, member.user.person_id);
    assert.equal((await admin.fetch('/api/v1/statistics/attendance?period=x')).status, 400);
  });

  test('a branch secretary sees only their branch on the board; warnings list what falls due', async () => {
    const z = await login(srv.url, 'zhibu1');
    const board = (await z.fetch('/api/v1/compliance?period=2025')).data;
    assert.deepEqual(board.branches.map((b) => b.org_id), [branch1.id]);
    const w = (await admin.fetch('/api/v1/warnings')).data;
    assert.ok(w.items.some((x) => x.code === 'term_ending' && /机关第五党支部/.test(x.message)), JSON.stringify(w.items.slice(0, 3)));
    for (const x of w.items) assert.ok(['meeting_due', 'term_ending', 'term_expired'].includes(x.code));
    const zw = (await z.fetch('/api/v1/warnings')).data;
    for (const x of zw.items) assert.ok(!/机关第五党支部/.test(x.message), 'another branch leaked into the warnings');
  });
});
