// 谈心谈话 (/api/v1/talks): records with their talkers and people talked with,
// content sealed at rest and opened only for participants and the bureau's
// content roles, the 五必谈 talks due, and the year's statistics against a
// hand count of the records made here.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, login, assertError, sql, IS_PG } from './harness.mjs';

const TODAY = '2026-11-20';
const SECRET = '谈话要点：家庭困难需组织关心-机密7Q2xK9';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

describe('talks: records, sealed content, 五必谈, statistics', () => {
  let srv, admin, dangwei, jijian, zhibu1, zhibu2, dangyuan, keshi;
  let people, orgs, root, branch1, branch2, postHolders;
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin');
    dangwei = await login(srv.url, 'dangwei');
    jijian = await login(srv.url, 'jijian');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    keshi = await login(srv.url, 'keshi');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    root = orgs.find((o) => o.parent_id == null);
    branch1 = orgs.find((o) => o.name === '机关第一党支部');
    branch2 = orgs.find((o) => o.name === '机关第二党支部');
    // every committee post of the bureau, by person: who leads
    postHolders = new Map();
    for (const o of orgs) {
      const d = (await admin.fetch(`/api/v1/orgs/${o.id}`)).data;
      for (const c of d.committee || []) {
        const list = postHolders.get(c.person_id) || [];
        list.push({ type: o.type, post: c.post, start_on: c.start_on });
        postHolders.set(c.person_id, list);
      }
    }
  });
  after(async () => { await srv.stopClean(); });

  const inBranch = (b) => people.filter((p) => p.branch_id === b.id && p.status === '在职');
  const isLeader = (id, day) => (postHolders.get(id) || []).some((c) => c.start_on <= day &&
    (['党组', '党委', '机关党委', '党总支'].includes(c.type) || ['书记', '副书记'].includes(c.post)));
  const young = (p, day) => p.birth_date && `${Number(p.birth_date.slice(0, 4)) + 35}${p.birth_date.slice(4)}` > day;

  let secretTalk;
  test('a talk is recorded with its people; the content is sealed and shown only to those allowed', async () => {
    const me = dangyuan.user.person_id;
    const talker = zhibu1.user.person_id;
    assert.ok(me && talker);
    const r = await zhibu1.fetch('/api/v1/talks', {
      method: 'POST',
      json: { org_id: branch1.id, held_on: '2026-10-10', kind: '谈心', occasion: '家庭困难', place: '支部活动室',
        talkers: [talker], talkees: [me], content: SECRET },
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.match(r.headers.get('location'), /\/api\/v1\/talks\/\d+$/);
    secretTalk = r.data;
    assert.equal(r.data.has_content, true);
    // the secretary who talked is a participant: reads it
    assert.equal(r.data.content, SECRET);
    assert.deepEqual(r.data.talkees.map((p) => p.person_id), [me]);

    const as = async (c) => (await c.fetch(`/api/v1/talks/${secretTalk.id}`));
    // the member talked with: a participant
    let g = await as(dangyuan);
    assert.equal(g.status, 200);
    assert.equal(g.data.content, SECRET);
    // 纪检 is the default content role
    g = await as(jijian);
    assert.equal(g.data.content, SECRET);
    assert.equal(g.data.content_readable, true);
    // party_admin manages talks but is not a content role by default
    g = await as(dangwei);
    assert.equal(g.status, 200);
    assert.equal(g.data.content, null);
    assert.equal(g.data.content_readable, false);
    assert.equal(g.data.has_content, true);
    // another branch's secretary, a department head: not theirs at all
    assertError(await as(zhibu2), 403, 'forbidden');
    assertError(await as(keshi), 403, 'forbidden');

    // the bureau names party_admin too: now it reads; only party_admin or discipline at the root may change it
    assertError(await zhibu1.fetch('/api/v1/talks/settings', { method: 'PUT', json: { content_roles: ['branch_secretary'] } }), 403, 'forbidden');
    assertFieldError(await dangwei.fetch('/api/v1/talks/settings', { method: 'PUT', json: { content_roles: ['boss'] } }), 'content_roles');
    const s = await dangwei.fetch('/api/v1/talks/settings', { method: 'PUT', json: { content_roles: ['discipline', 'party_admin'], kinds: ['廉政谈话'] } });
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.deepEqual(s.data.content_roles, ['discipline', 'party_admin']);
    assert.deepEqual(s.data.kinds, ['廉政谈话']);
    assert.equal((await as(dangwei)).data.content, SECRET);
    // and none but participants: 纪检 loses it
    await dangwei.fetch('/api/v1/talks/settings', { method: 'PUT', json: { content_roles: [] } });
    assert.equal((await as(jijian)).data.content, null);
    assert.equal((await as(dangyuan)).data.content, SECRET);
    await dangwei.fetch('/api/v1/talks/settings', { method: 'PUT', json: { content_roles: ['discipline'] } });
  });

  test('the content is in no list, export, statistic or audit record, nor in the database in clear', async () => {
    for (const c of [zhibu1, dangwei, jijian, dangyuan]) {
      const l = await c.fetch('/api/v1/talks');
      assert.equal(l.status, 200, JSON.stringify(l.data));
      assert.ok(l.data.items.some((t) => t.id === secretTalk.id));
      assert.ok(!JSON.stringify(l.data).includes('机密7Q2xK9'));
    }
    for (const path of ['/api/v1/talks?format=csv', '/api/v1/talks/statistics?year=2026&format=csv', '/api/v1/talks/due?format=csv']) {
      const res = await fetch(`${srv.url}${path}`, { headers: { Cookie: jijian.cookie } });
      assert.equal(res.status, 200, path);
      const text = await res.text();
      assert.ok(!text.includes('机密7Q2xK9'), `${path} holds the content`);
    }
    const x = await fetch(`${srv.url}/api/v1/talks?format=xlsx`, { headers: { Cookie: jijian.cookie } });
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    const csv = await (await fetch(`${srv.url}/api/v1/talks?format=csv`, { headers: { Cookie: jijian.cookie } })).text();
    assert.match(csv, /谈话日期.*谈话类型.*谈话人.*谈话对象/);
    const st = await jijian.fetch('/api/v1/talks/statistics?year=2026');
    assert.ok(!JSON.stringify(st.data).includes('机密7Q2xK9'));
    const audit = await admin.fetch('/api/v1/audit?object_type=talk&limit=100');
    assert.ok(audit.data.items.length >= 1);
    assert.ok(!JSON.stringify(audit.data).includes('机密7Q2xK9'), 'the audit trail holds the content');
    assert.ok(!sql(srv.dbPath, 'SELECT * FROM audit').includes('机密7Q2xK9'));

    const sealed = sql(srv.dbPath, `SELECT content_sealed FROM talks WHERE id = ${secretTalk.id}`).trim();
    assert.ok(sealed.startsWith('s1:'), `not sealed: ${sealed}`);
    const whole = sql(srv.dbPath, 'SELECT * FROM talks');
    assert.ok(!whole.includes('机密7Q2xK9'));
    if (!IS_PG) {
      // the database file and its write-ahead log, byte for byte
      const needle = Buffer.from('机密7Q2xK9');
      for (const f of [srv.dbPath, `${srv.dbPath}-wal`]) {
        if (!fs.existsSync(f)) continue;
        assert.equal(fs.readFileSync(f).indexOf(needle), -1, `${f} holds the content`);
      }
    }
  });

  test('who records and who lists: scope, validation, another kind of the bureau', async () => {
    const mine = (await dangyuan.fetch('/api/v1/talks')).data;
    assert.ok(mine.items.every((t) => [...t.talkers, ...t.talkees].some((p) => p.person_id === dangyuan.user.person_id)));
    // a member may not record; a secretary not in another branch
    const other = inBranch(branch2).find((x) => x.id !== zhibu2.user.person_id);
    assertError(await dangyuan.fetch('/api/v1/talks', { method: 'POST', json: { org_id: branch1.id, held_on: '2026-10-01', kind: '谈心', talkers: [dangyuan.user.person_id], talkees: [inBranch(branch1)[1].id] } }), 403, 'forbidden');
    assertError(await zhibu1.fetch('/api/v1/talks', { method: 'POST', json: { org_id: branch2.id, held_on: '2026-10-01', kind: '谈心', talkers: [zhibu1.user.person_id], talkees: [other.id] } }), 403, 'forbidden');
    // a branch's talk is with its own members
    assertFieldError(await zhibu1.fetch('/api/v1/talks', { method: 'POST', json: { org_id: branch1.id, held_on: '2026-10-01', kind: '谈心', talkers: [zhibu1.user.person_id], talkees: [other.id] } }), 'talkees');
    assertFieldError(await dangwei.fetch('/api/v1/talks', { method: 'POST', json: { org_id: root.id, held_on: '2026-12-01', kind: '谈心', talkers: [zhibu1.user.person_id], talkees: [other.id] } }), 'held_on');
    assertFieldError(await dangwei.fetch('/api/v1/talks', { method: 'POST', json: { org_id: root.id, held_on: '2026-10-01', kind: '闲聊', talkers: [zhibu1.user.person_id], talkees: [other.id] } }), 'kind');
    assertFieldError(await dangwei.fetch('/api/v1/talks', { method: 'POST', json: { org_id: root.id, held_on: '2026-10-01', kind: '谈心', talkers: [other.id], talkees: [other.id] } }), 'talkees');
    assertFieldError(await dangwei.fetch('/api/v1/talks', { method: 'POST', json: { org_id: root.id, held_on: '2026-10-01', kind: '谈心', talkers: [], talkees: [other.id] } }), 'talkers');
    assertFieldError(await dangwei.fetch('/api/v1/talks', { method: 'POST', json: { org_id: root.id, held_on: '2026-10-01', kind: '谈心', talkers: [1], talkees: [other.id], mood: 'fine' } }), 'mood');
    // the bureau's own kind is accepted
    const own = await jijian.fetch('/api/v1/talks', { method: 'POST', json: { org_id: root.id, held_on: '2026-10-02', kind: '廉政谈话', talkers: [jijian.user.person_id], talkees: [other.id] } });
    assert.equal(own.status, 201, JSON.stringify(own.data));
    assert.equal(own.data.has_content, false);
    // zhibu2 sees it only when filed under their branch: it is filed at the root
    assert.ok(!(await zhibu2.fetch('/api/v1/talks')).data.items.some((t) => t.id === own.data.id));
    // a change: content added, then removed; audited without it
    let p = await jijian.fetch(`/api/v1/talks/${own.data.id}`, { method: 'PATCH', json: { content: '补记内容-机密7Q2xK9', occasion: '提醒' } });
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.equal(p.data.has_content, true);
    assert.equal(p.data.occasion, '提醒');
    p = await jijian.fetch(`/api/v1/talks/${own.data.id}`, { method: 'PATCH', json: { content: null } });
    assert.equal(p.data.has_content, false);
    assertError(await zhibu1.fetch(`/api/v1/talks/${own.data.id}`, { method: 'PATCH', json: { place: 'x' } }), 403, 'forbidden');
    const audit = (await admin.fetch('/api/v1/audit?object_type=talk&limit=100')).data.items;
    assert.ok(audit.some((a) => a.action === 'update' && a.object_id === own.data.id), JSON.stringify(audit.map((a) => [a.action, a.object_id])));
    assert.ok(!JSON.stringify(audit).includes('机密7Q2xK9'));
    // lists: no session, no answer
    assert.equal((await fetch(`${srv.url}/api/v1/talks`)).status, 401);
  });

  test('a committee post makes a 五必谈 talk due; the talk clears it', async () => {
    const p = inBranch(branch1).find((x) => !postHolders.has(x.id) && x.id !== dangyuan.user.person_id &&
      (x.political_status === '中共党员'));
    assert.ok(p, 'a full member without a post');
    const before = (await zhibu1.fetch('/api/v1/talks/due')).data.items;
    assert.ok(!before.some((d) => d.person_id === p.id && d.trigger === 'post'));
    const c = await zhibu1.fetch(`/api/v1/orgs/${branch1.id}/committee`, { method: 'POST', json: { person_id: p.id, post: '宣传委员', start_on: '2026-11-01' } });
    assert.equal(c.status, 201, JSON.stringify(c.data));
    const due = (await zhibu1.fetch('/api/v1/talks/due')).data.items.find((d) => d.person_id === p.id && d.trigger === 'post');
    assert.ok(due, 'no talk due after the post');
    assert.equal(due.trigger_on, '2026-11-01');
    assert.equal(due.due_on, '2026-12-01');
    assert.equal(due.overdue, false);
    assert.match(due.detail, /宣传委员/);
    // another branch's secretary does not see it; the member cannot ask
    assert.ok(!(await zhibu2.fetch('/api/v1/talks/due')).data.items.some((d) => d.person_id === p.id));
    assertError(await dangyuan.fetch('/api/v1/talks/due'), 403, 'forbidden');
    assert.ok((await jijian.fetch('/api/v1/talks/due')).data.items.some((d) => d.person_id === p.id));
    const t = await zhibu1.fetch('/api/v1/talks', { method: 'POST', json: { org_id: branch1.id, held_on: '2026-11-05', kind: '任前谈话', talkers: [zhibu1.user.person_id], talkees: [p.id] } });
    assert.equal(t.status, 201, JSON.stringify(t.data));
    assert.ok(!(await zhibu1.fetch('/api/v1/talks/due')).data.items.some((d) => d.person_id === p.id && d.trigger === 'post'));
  });

  test('a confirmed finding (受到批评或违纪违规) makes a talk due; an open or dismissed one does not', async () => {
    const talked = new Set((await jijian.fetch('/api/v1/talks?limit=500')).data.items.flatMap((t) => (t.talkees || []).map((x) => x.id ?? x.person_id ?? x)));
    const [p, q] = inBranch(branch1).filter((x) => !postHolders.has(x.id) && !talked.has(x.id) && x.id !== dangyuan.user.person_id);
    assert.ok(p && q, 'two members nobody talked with');
    const rule = (await jijian.fetch('/api/v1/conduct-rules')).data.items[1];
    const insp = await jijian.fetch('/api/v1/inspections', { method: 'POST', json: { kind: 'daily', held_on: '2026-11-16', inspectors: '纪检组' } });
    assert.equal(insp.status, 201, JSON.stringify(insp.data));
    const finding = async (person) => (await jijian.fetch(`/api/v1/inspections/${insp.data.id}/findings`, { method: 'POST', json: { rule_id: rule.id, person_ids: [person.id], description: '迟到' } })).data;
    const fp = await finding(p);
    const fq = await finding(q);
    const dueFor = async (person) => (await zhibu1.fetch('/api/v1/talks/due')).data.items.find((d) => d.person_id === person.id && d.trigger === 'finding');
    assert.equal(await dueFor(p), undefined, 'an open finding makes no talk due');
    assert.equal((await jijian.fetch(`/api/v1/findings/${fp.id}/decision`, { method: 'POST', json: { state: 'confirmed', note: '属实' } })).status, 200);
    assert.equal((await jijian.fetch(`/api/v1/findings/${fq.id}/decision`, { method: 'POST', json: { state: 'dismissed', note: '有正当理由' } })).status, 200);
    const due = await dueFor(p);
    assert.ok(due, JSON.stringify((await zhibu1.fetch('/api/v1/talks/due')).data.items));
    assert.equal(due.trigger_on, '2026-11-16');
    assert.equal(due.due_on, '2026-12-16');
    assert.ok(due.detail.includes(rule.text.slice(0, 10)), due.detail);
    assert.equal(await dueFor(q), undefined, 'a dismissed finding makes no talk due');
    const t = await zhibu1.fetch('/api/v1/talks', { method: 'POST', json: { org_id: branch1.id, held_on: '2026-11-18', kind: '谈心', talkers: [zhibu1.user.person_id], talkees: [p.id] } });
    assert.equal(t.status, 201, JSON.stringify(t.data));
    assert.equal(await dueFor(p), undefined, 'the talk clears it');
  });

  test('a transfer makes a talk due too', async () => {
    const p = inBranch(branch2).find((x) => !postHolders.has(x.id) && x.political_status === '中共党员');
    const r = await dangwei.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { branch_id: branch1.id, group_id: null, effective_on: '2026-11-10' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const due = (await zhibu1.fetch('/api/v1/talks/due')).data.items.find((d) => d.person_id === p.id);
    assert.ok(due, JSON.stringify((await zhibu1.fetch('/api/v1/talks/due')).data));
    assert.equal(due.trigger, 'transfer');
    assert.match(due.detail, /机关第二党支部 → 机关第一党支部/);
  });

  test('a long absence from organisational life makes a talk due; the talk clears it', async () => {
    const kinds = (await admin.fetch('/api/v1/meeting-kinds')).data.items;
    const kind = kinds.find((k) => k.code === 'theme_day');
    // a member nobody has talked with yet (the earlier tests talked with some)
    const candidates = inBranch(branch1).filter((x) => !postHolders.has(x.id) && x.political_status === '中共党员' && x.id !== dangyuan.user.person_id);
    let p = null;
    for (const x of candidates.reverse())
      if ((await jijian.fetch(`/api/v1/talks?person_id=${x.id}`)).data.total === 0) { p = x; break; }
    assert.ok(p, 'a member not talked with');
    const m = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: branch1.id, kind_id: kind.id, held_on: '2026-09-15', topic: '主题党日' } });
    assert.equal(m.status, 201, JSON.stringify(m.data));
    const a = await zhibu1.fetch(`/api/v1/meetings/${m.data.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: p.id, status: '缺席' }] } });
    assert.equal(a.status, 200, JSON.stringify(a.data));
    const absent = async () => (await zhibu1.fetch('/api/v1/talks/due')).data.items.find((d) => d.person_id === p.id && d.trigger === 'absence');
    // three months (the default) have not passed since the meeting missed
    assert.equal(await absent(), undefined);
    assert.equal((await dangwei.fetch('/api/v1/talks/settings', { method: 'PUT', json: { absence_months: 1 } })).status, 200);
    const due = await absent();
    assert.ok(due, 'no talk due after a month without attending');
    assert.equal(due.trigger_on, '2026-10-15');
    assert.equal(due.due_on, '2026-11-14');
    assert.equal(due.overdue, true);
    const t = await zhibu1.fetch('/api/v1/talks', { method: 'POST', json: { org_id: branch1.id, held_on: '2026-11-18', kind: '谈话提醒', talkers: [zhibu1.user.person_id], talkees: [p.id] } });
    assert.equal(t.status, 201, JSON.stringify(t.data));
    assert.equal(await absent(), undefined);
    await dangwei.fetch('/api/v1/talks/settings', { method: 'PUT', json: { absence_months: 3 } });
  });

  test('the year\'s statistics equal a hand count of the talks recorded', async () => {
    // start from the talks already in the year, counted as recorded above
    const base = (await jijian.fetch('/api/v1/talks/statistics?year=2026')).data;
    const leaders = people.filter((p) => isLeader(p.id, '2026-03-01'));
    const plain = people.filter((p) => p.status === '在职' && !postHolders.has(p.id) && p.birth_date);
    const youngs = plain.filter((p) => young(p, '2026-12-31'));
    const olds = plain.filter((p) => !young(p, '2026-01-01'));
    assert.ok(leaders.length >= 3 && youngs.length >= 4 && olds.length >= 4, `${leaders.length} ${youngs.length} ${olds.length}`);
    const rec = async (held_on, kind, talkers, talkees) => {
      const r = await dangwei.fetch('/api/v1/talks', { method: 'POST', json: { org_id: root.id, held_on, kind, talkers, talkees } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
    };
    // by hand: leaders among themselves 3 talks (4 人次), with young cadres 3 talks (4 人次),
    // with members 2 talks (3 人次); kinds 谈心 4, 谈话提醒 2, 诫勉谈话 1, 任前谈话 1
    await rec('2026-03-02', '谈心', [leaders[0].id], [leaders[1].id]);
    await rec('2026-03-15', '谈心', [leaders[1].id], [leaders[0].id, leaders[2].id]);
    await rec('2026-04-01', '任前谈话', [leaders[2].id], [leaders[0].id]);
    await rec('2026-05-20', '谈心', [leaders[0].id], [youngs[0].id, youngs[1].id]);
    await rec('2026-05-21', '谈话提醒', [leaders[0].id], [youngs[2].id]);
    await rec('2026-06-30', '谈心', [leaders[1].id, leaders[2].id], [youngs[3].id]);
    await rec('2026-07-07', '谈话提醒', [leaders[0].id], [olds[0].id, olds[1].id]);
    await rec('2026-08-08', '诫勉谈话', [leaders[1].id], [olds[2].id]);
    // another year's talk counts in 2025 only
    await rec('2025-12-31', '谈心', [leaders[0].id], [olds[3].id]);
    const s = (await jijian.fetch('/api/v1/talks/statistics?year=2026')).data;
    assert.equal(s.talks - base.talks, 8);
    assert.equal(s.people - base.people, 11);
    assert.equal(s.by_relationship.leaders - base.by_relationship.leaders, 4);
    assert.equal(s.by_relationship.young_cadres - base.by_relationship.young_cadres, 4);
    assert.equal(s.by_relationship.members - base.by_relationship.members, 3);
    const kind = (st, k) => st.by_kind.find((x) => x.kind === k) || { talks: 0, people: 0 };
    assert.equal(kind(s, '谈心').talks - kind(base, '谈心').talks, 4);
    assert.equal(kind(s, '谈心').people - kind(base, '谈心').people, 6);
    assert.equal(kind(s, '谈话提醒').talks - kind(base, '谈话提醒').talks, 2);
    assert.equal(kind(s, '诫勉谈话').talks - kind(base, '诫勉谈话').talks, 1);
    assert.equal(kind(s, '任前谈话').people - kind(base, '任前谈话').people, 1);
    assert.equal(s.by_month.length, 12);
    assert.equal(s.by_month[2].talks - base.by_month[2].talks, 2);
    assert.equal(s.by_month.reduce((a, m) => a + m.talks, 0), s.talks);
    assert.equal(s.by_relationship.leaders + s.by_relationship.young_cadres + s.by_relationship.members, s.people);
    const last = (await jijian.fetch('/api/v1/talks/statistics?year=2025')).data;
    assert.equal(last.talks, 1);
    assert.equal(last.by_relationship.members, 1);
    // a branch's secretary counts only their branch's talks; a member none
    const z = (await zhibu1.fetch('/api/v1/talks/statistics?year=2026')).data;
    assert.ok(z.talks < s.talks);
    assertError(await dangyuan.fetch('/api/v1/talks/statistics?year=2026'), 403, 'forbidden');
    assertFieldError(await jijian.fetch('/api/v1/talks/statistics'), 'year');
    // the list's year filter agrees
    assert.equal((await jijian.fetch('/api/v1/talks?year=2026&limit=1')).data.total, s.talks);
  });
});
