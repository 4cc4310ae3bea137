// The warnings engine and the inbox (issue 17, items 1 and 2): rules as data per bureau
// (/api/v1/warning-rules), stored warnings (/api/v1/warnings?state=...) that appear when a
// condition arises, are acknowledged or dismissed with a reason, and resolve by themselves
// when the condition clears; who sees which; the inbox with its unread count; announcements.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, shanghaiDate, ADMIN_PASSWORD } from './harness.mjs';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

describe('warnings engine: rules, stored warnings, inbox, announcements', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, root, committee, b1;
  const today = shanghaiDate();
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    root = orgs.find((o) => !o.parent_id);
    committee = orgs.find((o) => o.type === '机关党委');
    b1 = orgs.find((o) => o.name === '机关第一党支部');
  });
  after(async () => { await srv.stopClean(); });

  const refresh = async () => {
    const r = await dangwei.fetch('/api/v1/warnings/refresh', { method: 'POST' });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data;
  };
  const stored = async (c, q = 'state=all') => {
    const r = await c.fetch(`/api/v1/warnings?${q}&limit=500`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data.items;
  };

  test('every bureau has the rules; administrators change thresholds, others may not', async () => {
    const rules = (await dangwei.fetch('/api/v1/warning-rules')).data.items;
    const codes = rules.map((r) => r.code);
    for (const c of ['meeting_due', 'term_ending', 'term_expired', 'member_no_life', 'branch_no_secretary', 'branch_too_small',
      'branch_too_big', 'dues_unpaid', 'talk_due', 'task_overdue', 'rectification_overdue', 'score_drop',
      'department_unlinked', 'finding_pending', 'probation_ending']) assert.ok(codes.includes(c), c);
    const probation = rules.find((r) => r.code === 'probation_ending');
    assert.equal(probation.enabled, true, 'in use with the 发展党员 pipeline');
    assert.equal(probation.reserved, false);
    const small = rules.find((r) => r.code === 'branch_too_small');
    assert.equal(small.threshold, null, 'null: the bureau\'s own setting');
    assertError(await zhibu1.fetch(`/api/v1/warning-rules/${small.id}`, { method: 'PATCH', json: { threshold: 5 } }), 403, 'forbidden');
    assertFieldError(await dangwei.fetch(`/api/v1/warning-rules/${small.id}`, { method: 'PATCH', json: { threshold: -1 } }), 'threshold');
    assertFieldError(await dangwei.fetch(`/api/v1/warning-rules/${small.id}`, { method: 'PATCH', json: { recipients: 'owner,nobody' } }), 'recipients');
    assertFieldError(await dangwei.fetch(`/api/v1/warning-rules/${probation.id}`, { method: 'PATCH', json: { enabled: 'yes' } }), 'enabled');
    const ok = await dangwei.fetch(`/api/v1/warning-rules/${small.id}`, { method: 'PATCH', json: { threshold: 2, severity: 'high' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.data));
    assert.equal(ok.data.threshold, 2);
    assert.equal(ok.data.severity, 'high');
    const audit = (await admin.fetch('/api/v1/audit?object_type=warning_rule&limit=10')).data.items;
    assert.ok(audit.some((a) => a.action === 'update' && a.object_id === small.id));
  });

  test('a department linked to no branch warns, and the warning resolves itself once linked', async () => {
    const d = await dangwei.fetch('/api/v1/departments', { method: 'POST', json: { name: '预警测试科' } });
    assert.equal(d.status, 201, JSON.stringify(d.data));
    const first = await refresh();
    assert.ok(first.opened >= 1, JSON.stringify(first));
    const find = async () => (await stored(dangwei)).filter((w) => w.code === 'department_unlinked' && w.object_id === d.data.id);
    let w = await find();
    assert.equal(w.length, 1);
    assert.equal(w[0].state, 'open');
    assert.equal(w[0].object_type, 'department');
    assert.match(w[0].message, /预警测试科/);
    // found again: still one warning, not a second
    await refresh();
    assert.equal((await find()).length, 1);
    // a branch secretary does not receive the bureau's department warnings
    assert.equal((await stored(zhibu1)).filter((x) => x.code === 'department_unlinked').length, 0);
    assertError(await zhibu1.fetch(`/api/v1/warnings/${w[0].id}`), 404, 'not_found');
    const linked = await dangwei.fetch(`/api/v1/departments/${d.data.id}`, { method: 'PATCH', json: { branch_id: b1.id, link_start: today } });
    assert.equal(linked.status, 200, JSON.stringify(linked.data));
    const second = await refresh();
    assert.ok(second.resolved >= 1, JSON.stringify(second));
    w = await find();
    assert.equal(w.length, 1);
    assert.equal(w[0].state, 'resolved');
    assert.equal(w[0].active, false);
    const one = (await dangwei.fetch(`/api/v1/warnings/${w[0].id}`)).data;
    assert.deepEqual(one.history.map((h) => h.action), ['opened', 'resolved']);
    assert.equal((await stored(dangwei, 'state=open')).filter((x) => x.id === w[0].id).length, 0);
  });

  test('acknowledge, then dismiss with a reason; a dismissed warning stays dismissed while it holds', async () => {
    const b = await dangwei.fetch('/api/v1/orgs', { method: 'POST', json: { parent_id: committee.id, type: '党支部', name: '预警测试党支部' } });
    assert.equal(b.status, 201, JSON.stringify(b.data));
    await refresh();
    const mine = (await stored(dangwei, 'state=open')).filter((w) => w.org_id === b.data.id);
    const codes = mine.map((w) => w.code).sort();
    assert.ok(codes.includes('branch_no_secretary') && codes.includes('branch_too_small'), JSON.stringify(codes));
    const small = mine.find((w) => w.code === 'branch_too_small');
    assert.equal(small.severity, 'high', 'the rule\'s severity set above');
    assert.match(small.message, /不足 2 人/, 'the threshold set above');
    const ack = await dangwei.fetch(`/api/v1/warnings/${small.id}/acknowledge`, { method: 'POST', json: { note: '正在发展党员' } });
    assert.equal(ack.status, 200, JSON.stringify(ack.data));
    assert.equal(ack.data.state, 'acknowledged');
    assert.equal(ack.data.state_by, 'dangwei');
    assertError(await dangwei.fetch(`/api/v1/warnings/${small.id}/acknowledge`, { method: 'POST', json: {} }), 409, 'conflict');
    assertFieldError(await dangwei.fetch(`/api/v1/warnings/${small.id}/dismiss`, { method: 'POST', json: {} }), 'reason');
    assertFieldError(await dangwei.fetch(`/api/v1/warnings/${small.id}/dismiss`, { method: 'POST', json: { reason: '   ' } }), 'reason');
    const dis = await dangwei.fetch(`/api/v1/warnings/${small.id}/dismiss`, { method: 'POST', json: { reason: '新建支部，下月转入党员' } });
    assert.equal(dis.status, 200, JSON.stringify(dis.data));
    assert.equal(dis.data.state, 'dismissed');
    assert.equal(dis.data.reason, '新建支部，下月转入党员');
    assert.deepEqual(dis.data.history.map((h) => h.action), ['opened', 'acknowledged', 'dismissed']);
    await refresh();
    const after = (await stored(dangwei)).filter((w) => w.org_id === b.data.id && w.code === 'branch_too_small');
    assert.equal(after.length, 1, 'no new warning while dismissed');
    assert.equal(after[0].state, 'dismissed');
    const actions = (await admin.fetch('/api/v1/audit?object_type=warning&limit=50')).data.items.map((a) => a.action);
    for (const a of ['acknowledge', 'dismiss', 'refresh']) assert.ok(actions.includes(a), a);
    assertError(await dangwei.fetch('/api/v1/warnings/99999999'), 404, 'not_found');
    assertFieldError(await dangwei.fetch('/api/v1/warnings?state=maybe'), 'state');
  });

  test('a member sees their own warnings, acknowledges but may not dismiss; the inbox counts them', async () => {
    const t = await dangwei.fetch('/api/v1/tasks', { method: 'POST', json: {
      org_id: root.id, title: '预警测试任务', line: 'business', kind: 'key', weight: 1,
      owner_person_id: dangyuan.user.person_id, start_on: shanghaiDate(-30), due_on: shanghaiDate(-2) } });
    assert.equal(t.status, 201, JSON.stringify(t.data));
    const unread0 = (await dangyuan.fetch('/api/v1/inbox/unread')).data.unread;
    await refresh();
    const mine = (await stored(dangyuan, 'state=live')).filter((w) => w.object_type === 'task' && w.object_id === t.data.id);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].code, 'task_overdue');
    assert.equal(mine[0].person_id, dangyuan.user.person_id);
    assert.equal(mine[0].link, `/tasks/${t.data.id}`);
    // the member sees only what concerns them
    for (const w of await stored(dangyuan)) assert.equal(w.person_id, dangyuan.user.person_id, JSON.stringify(w));
    assert.equal((await stored(zhibu2)).filter((w) => w.id === mine[0].id).length, 0, 'another branch\'s secretary');
    assertError(await dangyuan.fetch(`/api/v1/warnings/${mine[0].id}/dismiss`, { method: 'POST', json: { reason: '不想看' } }), 403, 'forbidden');
    // the inbox: one item for the new warning, unread
    const unread1 = (await dangyuan.fetch('/api/v1/inbox/unread')).data.unread;
    assert.equal(unread1, unread0 + 1);
    const inbox = (await dangyuan.fetch('/api/v1/inbox?unread=1')).data;
    const item = inbox.items.find((i) => i.warning_id === mine[0].id);
    assert.ok(item, JSON.stringify(inbox));
    assert.equal(item.kind, 'warning');
    assert.equal(item.read, false);
    const read = await dangyuan.fetch(`/api/v1/inbox/${item.id}/read`, { method: 'POST' });
    assert.equal(read.status, 200, JSON.stringify(read.data));
    assert.equal(read.data.read, true);
    assert.equal((await dangyuan.fetch('/api/v1/inbox/unread')).data.unread, unread0);
    assert.equal((await dangyuan.fetch(`/api/v1/inbox/${item.id}/unread`, { method: 'POST' })).data.read, false);
    assert.equal((await dangyuan.fetch('/api/v1/inbox/unread')).data.unread, unread1);
    // another account's item does not exist for them
    assertError(await zhibu1.fetch(`/api/v1/inbox/${item.id}/read`, { method: 'POST' }), 404, 'not_found');
    const ack = await dangyuan.fetch(`/api/v1/warnings/${mine[0].id}/acknowledge`, { method: 'POST', json: {} });
    assert.equal(ack.status, 200, JSON.stringify(ack.data));
    assert.equal(ack.data.state, 'acknowledged');
    assert.equal((await dangyuan.fetch('/api/v1/inbox/read-all', { method: 'POST' })).data.changed >= 1, true);
    assert.equal((await dangyuan.fetch('/api/v1/inbox/unread')).data.unread, 0);
  });

  test('announcements reach their scope\'s inboxes; only writers over the scope send them', async () => {
    const u0 = (await dangyuan.fetch('/api/v1/inbox/unread')).data.unread;
    const z2 = (await zhibu2.fetch('/api/v1/inbox/unread')).data.unread;
    const all = await dangwei.fetch('/api/v1/announcements', { method: 'POST', json: { title: '关于开展主题党日活动的通知', body: '请各支部于月底前完成。' } });
    assert.equal(all.status, 201, JSON.stringify(all.data));
    assert.match(all.headers.get('location'), /\/api\/v1\/announcements\/\d+$/);
    assert.ok(all.data.recipients >= 7, JSON.stringify(all.data));
    assert.equal(all.data.org_id, root.id);
    assert.equal((await dangyuan.fetch('/api/v1/inbox/unread')).data.unread, u0 + 1);
    const item = (await dangyuan.fetch('/api/v1/inbox')).data.items.find((i) => i.announcement_id === all.data.id);
    assert.equal(item.title, '关于开展主题党日活动的通知');
    // a branch's secretary writes to their branch only
    const branch = await zhibu1.fetch('/api/v1/announcements', { method: 'POST', json: { org_id: b1.id, title: '一支部学习安排' } });
    assert.equal(branch.status, 201, JSON.stringify(branch.data));
    assert.equal((await zhibu2.fetch('/api/v1/inbox/unread')).data.unread, z2 + 1, 'only the bureau-wide one');
    assertError(await zhibu1.fetch('/api/v1/announcements', { method: 'POST', json: { title: '全局通知' } }), 403, 'forbidden');
    assertError(await dangyuan.fetch('/api/v1/announcements', { method: 'POST', json: { title: '通知' } }), 403, 'forbidden');
    assertFieldError(await dangwei.fetch('/api/v1/announcements', { method: 'POST', json: { body: '无标题' } }), 'title');
    assertFieldError(await dangwei.fetch('/api/v1/announcements', { method: 'POST', json: { title: 'x', role: 'nobody' } }), 'role');
    // to one role: the branch secretaries
    const role = await dangwei.fetch('/api/v1/announcements', { method: 'POST', json: { title: '书记例会', role: 'branch_secretary' } });
    assert.equal(role.status, 201, JSON.stringify(role.data));
    assert.ok((await zhibu1.fetch('/api/v1/inbox')).data.items.some((i) => i.announcement_id === role.data.id));
    assert.ok(!(await dangyuan.fetch('/api/v1/inbox')).data.items.some((i) => i.announcement_id === role.data.id));
    const list = (await dangwei.fetch('/api/v1/announcements')).data;
    assert.equal(list.total, 3);
    assert.equal((await zhibu1.fetch('/api/v1/announcements')).data.total, 1, 'their branch\'s');
    assertError(await dangyuan.fetch('/api/v1/announcements'), 403, 'forbidden');
    const audit = (await admin.fetch('/api/v1/audit?object_type=announcement&limit=10')).data.items;
    assert.equal(audit.filter((a) => a.action === 'announce').length, 3);
  });

  test('GET /warnings without state is still the list computed for the caller; the ledger exports', async () => {
    const w = (await dangwei.fetch('/api/v1/warnings')).data;
    for (const x of w.items) assert.equal(x.id, undefined);
    const res = await fetch(`${srv.url}/api/v1/warnings?state=all&format=csv`, { headers: { Cookie: dangwei.cookie } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /%E9%A2%84%E8%AD%A6%E5%8F%B0%E8%B4%A6/); // 预警台账
    const text = await res.text();
    assert.match(text.split('\r\n')[0], /规则,组织,人员,期限,级别,提醒,状态,首次发现,撤销理由/);
    assert.match(text, /新建支部，下月转入党员/);
    assert.match(text, /已撤销/);
  });
});
