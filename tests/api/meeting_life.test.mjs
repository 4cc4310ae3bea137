// The life cycle of a meeting (issue 12, item 2): planned (a day from today, agenda,
// expected attendees who see it in GET /meetings/upcoming and may ask for leave), held
// (recorded with the back-filling rule measured from the day held), cancelled, voided
// (kept for auditors, out of every count) and corrected (void + a new record in one
// transaction, attendance and files carried over, back-filling measured from the
// mistaken record's day). Planned, cancelled and voided meetings must count nowhere:
// the compliance board, the attendance statistics, the index engine and lectures.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, shanghaiDate, quarterOf, ADMIN_PASSWORD } from './harness.mjs';

const SCHEME = {
  code: 'mlife_member', name: '会议生命周期测试指数', target: 'member',
  settings: { select: { count: 1, title: '测试' }, visibility: 'own' },
  indicators: [
    { code: 'att', name: '出勤率', kind: 'computed', source: 'attendance_rate', max_points: 10, params: { map: 'linear', target: 100, when_none: 'zero' } },
    { code: 'lec', name: '听讲', kind: 'computed', source: 'lectures_attended', max_points: 10, params: { map: 'per_unit', per: 1 } },
  ],
};

describe('meetings: planned → held → corrected, cancelled, voided; never counted unless held', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, kinds, b1, me, other;
  const today = shanghaiDate(0);
  const year = today.slice(0, 4);

  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    kinds = Object.fromEntries((await admin.fetch('/api/v1/meeting-kinds')).data.items.map((k) => [k.code, k.id]));
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    b1 = orgs.find((o) => o.name === '机关第一党支部' && o.type === '党支部');
    const people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    me = people.find((p) => p.id === dangyuan.user.person_id);
    assert.ok(me && me.branch_id === b1.id, 'dangyuan is a member of branch 1');
    other = people.find((p) => p.branch_id === b1.id && p.id !== me.id && p.political_status === '中共党员');
  });
  after(async () => { await srv.stopClean(); });

  const plan = async (client, extra = {}) => {
    const r = await client.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(7), status: 'planned', topic: '计划的党员大会', agenda: '一、学习\n二、讨论', place: '三楼会议室', starts_at: '15:00', ...extra } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    return r.data;
  };
  const auditOf = async (id) => (await admin.fetch(`/api/v1/audit?object_type=meeting&object_id=${id}&limit=100`)).data.items.slice().reverse();
  const board = async () => (await admin.fetch(`/api/v1/compliance?period=${year}`)).data;
  const stats = async () => (await admin.fetch(`/api/v1/statistics/attendance?period=${year}&person_id=${me.id}`)).data;

  test('plan: a future day, the expected list from membership, no record day; a past day or a held future day is refused', async () => {
    const m = await plan(zhibu1);
    assert.equal(m.status, 'planned');
    assert.equal(m.recorded_on, null);
    assert.equal(m.late_recorded, false);
    assert.equal(m.held_on, shanghaiDate(7));
    assert.ok(m.attendance.some((a) => a.person_id === me.id && a.expected && a.status === null));
    assert.equal(m.attendance_count.expected, m.attendance.filter((a) => a.expected).length);
    assertError(await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(-1), status: 'planned' } }), 400, 'invalid');
    const held = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(3) } });
    assert.equal(assertError(held, 400, 'invalid').fields.held_on !== undefined, true);
    assertError(await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(3), status: 'maybe' } }), 400, 'invalid');
    // invitees only where the kind takes others; the members' kinds refuse them
    assertError(await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(3), status: 'planned', invitees: [other.id] } }), 400, 'invalid');
    // another branch's secretary may not plan here, a member not at all
    assertError(await zhibu2.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(3), status: 'planned' } }), 403, 'forbidden');
    assertError(await dangyuan.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(3), status: 'planned' } }), 403, 'forbidden');
    const audit = await auditOf(m.id);
    assert.deepEqual(audit.map((a) => a.action), ['plan']);
    // the list shows records unless plans are asked for
    const held0 = (await admin.fetch('/api/v1/meetings?limit=500')).data.items;
    assert.ok(!held0.some((x) => x.id === m.id));
    const planned = (await admin.fetch('/api/v1/meetings?limit=500&status=planned')).data.items;
    assert.ok(planned.some((x) => x.id === m.id && x.status === 'planned'));
    assertError(await admin.fetch('/api/v1/meetings?status=nonsense'), 400, 'invalid');
  });

  test('upcoming: the attendee sees it on their list and asks for leave; others cannot; a plan takes only leave before it is held', async () => {
    const m = await plan(zhibu1, { topic: '请假测试' });
    const up = await dangyuan.fetch('/api/v1/meetings/upcoming');
    assert.equal(up.status, 200, JSON.stringify(up.data));
    const item = up.data.items.find((x) => x.id === m.id);
    assert.ok(item, 'the plan is on the attendee\'s upcoming list');
    assert.equal(item.listed, true);
    assert.equal(item.my_status, null);
    assert.equal(item.agenda, undefined, 'the list carries no long texts');
    // not on zhibu2's list (not listed), and a member of another branch cannot ask leave
    const up2 = await zhibu2.fetch('/api/v1/meetings/upcoming');
    assert.ok(!up2.data.items.some((x) => x.id === m.id));
    assertError(await zhibu2.fetch(`/api/v1/meetings/${m.id}/leave`, { method: 'POST', json: { reason: '出差' } }), 404, 'not_found');
    assertError(await dangyuan.fetch(`/api/v1/meetings/${m.id}/leave`, { method: 'POST', json: {} }), 400, 'invalid');
    const leave = await dangyuan.fetch(`/api/v1/meetings/${m.id}/leave`, { method: 'POST', json: { reason: '出差（省厅培训）' } });
    assert.equal(leave.status, 200, JSON.stringify(leave.data));
    assert.equal(leave.data.my_status, '请假');
    const again = (await dangyuan.fetch('/api/v1/meetings/upcoming')).data.items.find((x) => x.id === m.id);
    assert.equal(again.my_status, '请假');
    assert.equal(again.my_reason, '出差（省厅培训）');
    const row = (await admin.fetch(`/api/v1/meetings/${m.id}`)).data.attendance.find((a) => a.person_id === me.id);
    assert.deepEqual([row.status, row.reason], ['请假', '出差（省厅培训）']);
    // before it is held the secretary takes only leave
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: other.id, status: '出席' }] } }), 400, 'invalid');
    const sl = await zhibu1.fetch(`/api/v1/meetings/${m.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: other.id, status: '请假', reason: '病假' }] } });
    assert.equal(sl.status, 200, JSON.stringify(sl.data));
    // withdrawn, then asked again
    const w = await dangyuan.fetch(`/api/v1/meetings/${m.id}/leave`, { method: 'DELETE' });
    assert.equal(w.status, 200, JSON.stringify(w.data));
    assert.equal(w.data.my_status, null);
    await dangyuan.fetch(`/api/v1/meetings/${m.id}/leave`, { method: 'POST', json: { reason: '出差' } });
    assert.deepEqual((await auditOf(m.id)).map((a) => a.action), ['plan', 'leave', 'attendance', 'leave', 'leave']);
    // a plan may move to another future day; not to the past
    const moved = await zhibu1.fetch(`/api/v1/meetings/${m.id}`, { method: 'PATCH', json: { held_on: shanghaiDate(9) } });
    assert.equal(moved.status, 200, JSON.stringify(moved.data));
    assert.equal(moved.data.held_on, shanghaiDate(9));
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}`, { method: 'PATCH', json: { held_on: shanghaiDate(-2) } }), 400, 'invalid');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}`, { method: 'PATCH', json: { status: 'held' } }), 400, 'invalid');
  });

  test('hold: recorded today, measured from the day held, expected list remade, leave kept; only a plan is held', async () => {
    const m = await plan(zhibu1, { topic: '转为已召开' });
    await dangyuan.fetch(`/api/v1/meetings/${m.id}/leave`, { method: 'POST', json: { reason: '出差' } });
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/hold`, { method: 'POST', json: { held_on: shanghaiDate(1) } }), 400, 'invalid');
    assertError(await zhibu2.fetch(`/api/v1/meetings/${m.id}/hold`, { method: 'POST', json: {} }), 403, 'forbidden');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/hold`, { method: 'POST', json: { kind_id: kinds.theme_day, held_on: today } }), 400, 'invalid');
    // held ten days ago, recorded today: late under the default 7 days
    const h = await zhibu1.fetch(`/api/v1/meetings/${m.id}/hold`, { method: 'POST', json: { held_on: shanghaiDate(-10), minutes: '会议由书记主持' } });
    assert.equal(h.status, 200, JSON.stringify(h.data));
    assert.equal(h.data.status, 'held');
    assert.equal(h.data.recorded_on, today);
    assert.equal(h.data.late_recorded, true);
    assert.equal(h.data.minutes, '会议由书记主持');
    assert.equal(h.data.topic, '转为已召开', 'the plan\'s fields stay');
    const mine = h.data.attendance.find((a) => a.person_id === me.id);
    assert.deepEqual([mine.expected, mine.status, mine.reason], [true, '请假', '出差']);
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/hold`, { method: 'POST', json: {} }), 409, 'conflict');
    assertError(await dangyuan.fetch(`/api/v1/meetings/${m.id}/leave`, { method: 'DELETE' }), 409, 'conflict');
    const audit = await auditOf(m.id);
    const hold = audit.find((a) => a.action === 'hold');
    assert.ok(hold, JSON.stringify(audit.map((a) => a.action)));
    // held the planned day: on time
    const p2 = await plan(zhibu1, { held_on: today, topic: '当天召开' });
    const h2 = await zhibu1.fetch(`/api/v1/meetings/${p2.id}/hold`, { method: 'POST', json: {} });
    assert.equal(h2.status, 200, JSON.stringify(h2.data));
    assert.deepEqual([h2.data.held_on, h2.data.late_recorded], [today, false]);
    // it has left the upcoming list
    assert.ok(!(await dangyuan.fetch('/api/v1/meetings/upcoming')).data.items.some((x) => x.id === p2.id));
  });

  test('cancel: a plan only, with a reason; kept as cancelled, frozen, off the upcoming list', async () => {
    const m = await plan(zhibu1, { topic: '将取消' });
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/cancel`, { method: 'POST', json: {} }), 400, 'invalid');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/cancel`, { method: 'POST', json: { reason: 'x', extra: 1 } }), 400, 'invalid');
    assertError(await zhibu2.fetch(`/api/v1/meetings/${m.id}/cancel`, { method: 'POST', json: { reason: '冲突' } }), 403, 'forbidden');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/void`, { method: 'POST', json: { reason: '冲突' } }), 409, 'conflict');
    const c = await zhibu1.fetch(`/api/v1/meetings/${m.id}/cancel`, { method: 'POST', json: { reason: '与局党组会议时间冲突' } });
    assert.equal(c.status, 200, JSON.stringify(c.data));
    assert.deepEqual([c.data.status, c.data.status_reason], ['cancelled', '与局党组会议时间冲突']);
    assert.ok(c.data.attendance.length > 0, 'the list of attendees is kept');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/cancel`, { method: 'POST', json: { reason: '再次' } }), 409, 'conflict');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/hold`, { method: 'POST', json: {} }), 409, 'conflict');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}`, { method: 'PATCH', json: { place: '别处' } }), 409, 'conflict');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${m.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: me.id, status: '请假', reason: '出差' }] } }), 409, 'conflict');
    assertError(await dangyuan.fetch(`/api/v1/meetings/${m.id}/leave`, { method: 'POST', json: { reason: '出差' } }), 409, 'conflict');
    assert.ok(!(await dangyuan.fetch('/api/v1/meetings/upcoming')).data.items.some((x) => x.id === m.id));
    assert.ok((await admin.fetch('/api/v1/meetings?limit=500&status=cancelled')).data.items.some((x) => x.id === m.id));
    const audit = await auditOf(m.id);
    const cancel = audit.find((a) => a.action === 'cancel');
    assert.equal(cancel.before.status, 'planned');
    assert.equal(cancel.after.status, 'cancelled');
  });

  test('void and correct: old values kept in the audit, attendance and files carried, back-filling from the first record', async () => {
    const wrong = (await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.theme_day, held_on: shanghaiDate(-1), topic: '日期登错的主题党日' } })).data;
    await zhibu1.fetch(`/api/v1/meetings/${wrong.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: me.id, status: '出席' }, { person_id: other.id, status: '请假', reason: '病假' }] } });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1')]), '签到表.pdf');
    form.append('object_type', 'meeting');
    form.append('object_id', String(wrong.id));
    const up = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: zhibu1.cookie, 'X-CSRF-Token': zhibu1.csrf } });
    assert.equal(up.status, 201);
    assertError(await zhibu1.fetch(`/api/v1/meetings/${wrong.id}/correct`, { method: 'POST', json: { held_on: shanghaiDate(-3) } }), 400, 'invalid');
    assertError(await zhibu2.fetch(`/api/v1/meetings/${wrong.id}/correct`, { method: 'POST', json: { reason: '日期错', held_on: shanghaiDate(-3) } }), 403, 'forbidden');
    const r = await zhibu1.fetch(`/api/v1/meetings/${wrong.id}/correct`, { method: 'POST', json: { reason: '会议日期登记错误', held_on: shanghaiDate(-3) } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const right = r.data;
    assert.equal(r.headers.get('location'), `/api/v1/meetings/${right.id}`);
    assert.deepEqual([right.status, right.corrects_id, right.held_on, right.topic, right.recorded_on, right.late_recorded],
      ['held', wrong.id, shanghaiDate(-3), '日期登错的主题党日', wrong.recorded_on, false]);
    const mine = right.attendance.find((a) => a.person_id === me.id);
    assert.equal(mine.status, '出席');
    assert.equal(right.attendance.find((a) => a.person_id === other.id).status, '请假');
    assert.equal(right.files.length, 1, 'the evidence moved to the new record');
    const old = (await zhibu1.fetch(`/api/v1/meetings/${wrong.id}`)).data;
    assert.deepEqual([old.status, old.status_reason, old.corrected_by, old.files.length], ['voided', '会议日期登记错误', right.id, 0]);
    assert.equal(old.attendance.find((a) => a.person_id === me.id).status, '出席', 'the voided record keeps its rows');
    const va = (await auditOf(wrong.id)).find((a) => a.action === 'void');
    assert.equal(va.before.held_on, shanghaiDate(-1));
    const ca = (await auditOf(right.id)).find((a) => a.action === 'correct');
    assert.equal(ca.before.held_on, shanghaiDate(-1), 'the old values are in the correction\'s record');
    assert.equal(ca.after.held_on, shanghaiDate(-3));
    assert.equal(ca.after.reason, '会议日期登记错误');
    assertError(await zhibu1.fetch(`/api/v1/meetings/${wrong.id}/correct`, { method: 'POST', json: { reason: '再次' } }), 409, 'conflict');
    // a date in the future is still refused
    assertError(await zhibu1.fetch(`/api/v1/meetings/${right.id}/correct`, { method: 'POST', json: { reason: '再改', held_on: shanghaiDate(2) } }), 400, 'invalid');
    // void: a record only, with a reason; then listed only when asked for
    assertError(await zhibu1.fetch(`/api/v1/meetings/${right.id}/void`, { method: 'POST', json: { reason: '' } }), 400, 'invalid');
    const v = await zhibu1.fetch(`/api/v1/meetings/${right.id}/void`, { method: 'POST', json: { reason: '重复登记' } });
    assert.equal(v.status, 200, JSON.stringify(v.data));
    assert.equal(v.data.status, 'voided');
    assert.equal(v.data.files.length, 1, 'a voided record keeps its files');
    assert.ok(!(await admin.fetch('/api/v1/meetings?limit=500')).data.items.some((x) => x.id === right.id));
    assert.ok((await admin.fetch('/api/v1/meetings?limit=500&status=voided')).data.items.some((x) => x.id === right.id));
    assert.ok((await admin.fetch('/api/v1/meetings?limit=500&status=all')).data.items.some((x) => x.id === right.id));
    assertError(await zhibu1.fetch(`/api/v1/meetings/${right.id}/void`, { method: 'POST', json: { reason: '再次' } }), 409, 'conflict');
    const form2 = new FormData();
    form2.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1')]), 'x.pdf');
    form2.append('object_type', 'meeting');
    form2.append('object_id', String(right.id));
    const up2 = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: form2, headers: { Cookie: zhibu1.cookie, 'X-CSRF-Token': zhibu1.csrf } });
    assert.equal(up2.status, 409);
  });

  test('compliance, statistics and the index engine count held meetings only: not planned, cancelled or voided', async () => {
    const scheme = (await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: SCHEME })).data;
    const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period: quarterOf(today), notice_days: 0 } })).data;
    const records = async () => {
      const c = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/compute`, { method: 'POST' });
      assert.equal(c.status, 200, JSON.stringify(c.data));
      const ex = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${me.id}/explain`)).data;
      const node = (code) => ex.indicators.flatMap((i) => [i, ...(i.children || [])]).find((i) => i.code === code);
      return { att: node('att').records, lec: node('lec').raw };
    };
    const base = { board: await board(), stats: await stats(), engine: await records() };
    const same = async (what) => {
      assert.deepEqual(await board(), base.board, `${what}: the compliance board`);
      assert.deepEqual(await stats(), base.stats, `${what}: the attendance statistics`);
      assert.deepEqual(await records(), base.engine, `${what}: the index engine`);
    };
    // a branch assembly planned for today, with the member's leave: nothing counts
    const m = await plan(zhibu1, { held_on: today, topic: '计数测试' });
    await zhibu1.fetch(`/api/v1/meetings/${m.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: me.id, status: '请假', reason: '出差' }] } });
    await same('planned');
    // a lecture planned for today with the member listed
    const lp = await dangwei.fetch('/api/v1/lectures', { method: 'POST', json: { held_on: today, topic: '计划的讲堂', status: 'planned', invitees: [me.id] } });
    assert.equal(lp.status, 201, JSON.stringify(lp.data));
    assert.ok((await dangyuan.fetch('/api/v1/meetings/upcoming')).data.items.some((x) => x.id === lp.data.id && x.listed));
    await same('a planned lecture');
    // cancelled: nothing
    await zhibu1.fetch(`/api/v1/meetings/${m.id}/cancel`, { method: 'POST', json: { reason: '改期' } });
    await dangwei.fetch(`/api/v1/meetings/${lp.data.id}/cancel`, { method: 'POST', json: { reason: '讲师出差' } });
    await same('cancelled');
    // held and attended: counted
    const m2 = await plan(zhibu1, { held_on: today, topic: '计数测试二' });
    await zhibu1.fetch(`/api/v1/meetings/${m2.id}/hold`, { method: 'POST', json: {} });
    await zhibu1.fetch(`/api/v1/meetings/${m2.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: me.id, status: '出席' }] } });
    const lec = (await dangwei.fetch('/api/v1/lectures', { method: 'POST', json: { held_on: today, topic: '讲堂' } })).data;
    await dangwei.fetch(`/api/v1/lectures/${lec.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: me.id, status: '出席' }] } });
    const held = await records();
    assert.equal(held.att.expected, base.engine.att.expected + 1);
    assert.equal(held.att.present, base.engine.att.present + 1);
    assert.notEqual(held.lec, base.engine.lec);
    assert.notDeepEqual(await stats(), base.stats);
    assert.notDeepEqual(await board(), base.board);
    // voided: out of every count again
    await zhibu1.fetch(`/api/v1/meetings/${m2.id}/void`, { method: 'POST', json: { reason: '误录' } });
    await dangwei.fetch(`/api/v1/meetings/${lec.id}/void`, { method: 'POST', json: { reason: '误录' } });
    await same('voided');
    assert.ok(!(await admin.fetch('/api/v1/lectures?limit=500')).data.items.some((x) => x.id === lec.id), 'a voided lecture leaves the lecture list');
  });

  test('evidence: removed with a reason, kept and marked; not twice, not by others, not on a voided record', async () => {
    const m = (await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.theme_day, held_on: today, topic: '证明材料测试' } })).data;
    const up = async () => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1')]), '照片.pdf');
      form.append('object_type', 'meeting');
      form.append('object_id', String(m.id));
      const r = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: zhibu1.cookie, 'X-CSRF-Token': zhibu1.csrf } });
      assert.equal(r.status, 201);
      return r.json();
    };
    const f = await up();
    assertError(await zhibu1.fetch(`/api/v1/files/${f.id}/remove`, { method: 'POST', json: {} }), 400, 'invalid');
    assertError(await zhibu2.fetch(`/api/v1/files/${f.id}/remove`, { method: 'POST', json: { reason: '传错' } }), 403, 'forbidden');
    assertError(await dangyuan.fetch(`/api/v1/files/${f.id}/remove`, { method: 'POST', json: { reason: '传错' } }), 403, 'forbidden');
    assertError(await zhibu1.fetch('/api/v1/files/987654321/remove', { method: 'POST', json: { reason: '传错' } }), 404, 'not_found');
    const r = await zhibu1.fetch(`/api/v1/files/${f.id}/remove`, { method: 'POST', json: { reason: '上传错了会议的照片' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.deepEqual([r.data.removed_on, r.data.removed_reason], [today, '上传错了会议的照片']);
    assertError(await zhibu1.fetch(`/api/v1/files/${f.id}/remove`, { method: 'POST', json: { reason: '再次' } }), 409, 'conflict');
    const detail = (await zhibu1.fetch(`/api/v1/meetings/${m.id}`)).data;
    assert.equal(detail.files.find((x) => x.id === f.id).removed_reason, '上传错了会议的照片');
    const get = await fetch(`${srv.url}/api/v1/files/${f.id}`, { headers: { Cookie: admin.cookie } });
    assert.equal(get.status, 200, 'a removed file stays readable');
    const audit = (await admin.fetch(`/api/v1/audit?object_type=file&object_id=${f.id}&limit=10`)).data.items;
    assert.ok(audit.some((a) => a.action === 'remove' && a.after.removed_reason === '上传错了会议的照片'));
    // a correction carries the files in use, not the removed one
    const kept = await up();
    const c = (await zhibu1.fetch(`/api/v1/meetings/${m.id}/correct`, { method: 'POST', json: { reason: '类型错误', kind_id: kinds.committee } })).data;
    assert.deepEqual(c.files.map((x) => x.id), [kept.id]);
    assertError(await zhibu1.fetch(`/api/v1/files/${f.id}/remove`, { method: 'POST', json: { reason: '作废后' } }), 409, 'conflict');
  });

  test('tests and study records: a quiz removed with a reason leaves the list and the counts; a study record deleted keeps its reason', async () => {
    const learning = async () => (await admin.fetch(`/api/v1/statistics/learning?period=${year}&person_id=${me.id}`)).data;
    const base = await learning();
    const q = (await zhibu1.fetch('/api/v1/quizzes', { method: 'POST', json: { org_id: b1.id, kind: 'test', title: '将移除的测试', held_on: today, max_score: 100 } })).data;
    assert.equal((await zhibu1.fetch(`/api/v1/quizzes/${q.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: me.id, score: 80 }] } })).status, 200);
    assert.notDeepEqual(await learning(), base, 'a score counts');
    assertError(await zhibu1.fetch(`/api/v1/quizzes/${q.id}/remove`, { method: 'POST', json: {} }), 400, 'invalid');
    assertError(await zhibu2.fetch(`/api/v1/quizzes/${q.id}/remove`, { method: 'POST', json: { reason: '重复' } }), 403, 'forbidden');
    const r = await zhibu1.fetch(`/api/v1/quizzes/${q.id}/remove`, { method: 'POST', json: { reason: '重复录入' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.deepEqual([r.data.removed_on, r.data.removed_reason], [today, '重复录入']);
    assert.deepEqual(await learning(), base, 'a removed quiz counts nowhere');
    assert.ok(!(await admin.fetch('/api/v1/quizzes?limit=500')).data.items.some((x) => x.id === q.id));
    assert.equal((await admin.fetch(`/api/v1/quizzes/${q.id}`)).status, 200, 'still readable');
    assertError(await zhibu1.fetch(`/api/v1/quizzes/${q.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: me.id, score: 90 }] } }), 409, 'conflict');
    assertError(await zhibu1.fetch(`/api/v1/quizzes/${q.id}/remove`, { method: 'POST', json: { reason: '再次' } }), 409, 'conflict');
    assert.ok((await admin.fetch(`/api/v1/audit?object_type=quiz&object_id=${q.id}&limit=10`)).data.items.some((a) => a.action === 'remove'));
    // a study record deleted with its reason in the audit
    const s = (await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: me.id, studied_on: today, hours: 1, mode: '个人自学', content: '误录' } })).data;
    assert.equal((await zhibu1.fetch(`/api/v1/study-records/${s.id}?reason=${encodeURIComponent('录错了人员')}`, { method: 'DELETE' })).status, 204);
    const sa = (await admin.fetch(`/api/v1/audit?object_type=study_record&object_id=${s.id}&limit=10`)).data.items.find((a) => a.action === 'delete');
    assert.equal(sa.after.reason, '录错了人员');
    assert.equal(sa.before.content, '误录');
  });
});
