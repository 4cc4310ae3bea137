// Ideas (issue 15): 领导出题·科室献计 — topics with a deadline, suggestions
// made on the phone or recorded by the branch, the review with its reason,
// an adopted idea followed by a task (linked both ways), the index sources
// suggestions_made / suggestions_adopted explained down to the suggestion;
// 格言 — submitted, reviewed, and the motto of the day's fair rotation; the
// year's figures against a hand count of the same records.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

const TODAY = '2026-12-20';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

const post = (c, path, json) => c.fetch(path, { method: 'POST', json });
const ok = (r) => { assert.ok(r.status === 200 || r.status === 201, `${r.status} ${JSON.stringify(r.data)}`); return r.data; };

describe('ideas: topics, suggestions, review, tasks, mottos', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, people, orgs, deps, b1, b2, me;
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    deps = (await admin.fetch('/api/v1/departments')).data.items;
    b1 = orgs.find((o) => o.name === '机关第一党支部');
    b2 = orgs.find((o) => o.name === '机关第二党支部');
    me = people.find((p) => p.id === dangyuan.user.person_id);
  });
  after(async () => { await srv.stopClean(); });

  test('a leader sets a topic; members suggest against it until the deadline; the branch records for its members', async () => {
    const t = await post(dangwei, '/api/v1/suggestion-topics', { title: '如何提升预算执行进度', description: '围绕年度预算执行', opened_on: '2026-03-01', deadline: '2026-03-31' });
    assert.equal(t.status, 201, JSON.stringify(t.data));
    assert.match(t.headers.get('location'), /\/api\/v1\/suggestion-topics\/\d+$/);
    assert.equal(t.data.open, false);
    assertError(await post(zhibu1, '/api/v1/suggestion-topics', { title: '某', deadline: '2026-12-31' }), 403, 'forbidden');
    assertError(await post(dangyuan, '/api/v1/suggestion-topics', { title: '某', deadline: '2026-12-31' }), 403, 'forbidden');
    assertFieldError(await post(dangwei, '/api/v1/suggestion-topics', { title: '某', opened_on: '2026-03-01', deadline: '2026-02-01' }), 'deadline');
    assertFieldError(await post(dangwei, '/api/v1/suggestion-topics', { title: '', deadline: '2026-12-31' }), 'title');
    assertFieldError(await post(dangwei, '/api/v1/suggestion-topics', { title: '某', deadline: '2026-12-31', colour: 1 }), 'colour');

    const s = await post(dangyuan, '/api/v1/suggestions', { topic_id: t.data.id, title: '建立支出进度周调度', content: '每周通报各单位支出进度', submitted_on: '2026-03-10' });
    assert.equal(s.status, 201, JSON.stringify(s.data));
    assert.deepEqual([s.data.person_id, s.data.status, s.data.topic_title, s.data.branch], [me.id, 'pending', '如何提升预算执行进度', b1.name]);
    assertError(await post(dangyuan, '/api/v1/suggestions', { topic_id: t.data.id, title: '迟到的', content: '截止之后', submitted_on: '2026-04-02' }), 409, 'conflict');
    assertFieldError(await post(dangyuan, '/api/v1/suggestions', { title: '未来', content: '明天', submitted_on: '2026-12-21' }), 'submitted_on');
    assertFieldError(await post(dangyuan, '/api/v1/suggestions', { title: '无内容', content: '' }), 'content');
    assertFieldError(await post(dangyuan, '/api/v1/suggestions', { title: '某', content: '某', topic_id: 999999 }), 'topic_id');
    const other = people.find((p) => p.branch_id === b2.id && p.political_status === '中共党员');
    assertError(await post(dangyuan, '/api/v1/suggestions', { person_id: other.id, title: '代提', content: '他人' }), 403, 'forbidden');
    assertError(await post(zhibu1, '/api/v1/suggestions', { person_id: other.id, title: '代提', content: '他支部' }), 403, 'forbidden');
    // a department's suggestion recorded by its branch secretary, free of any topic
    const free = await post(zhibu2, '/api/v1/suggestions', { person_id: other.id, department_id: deps[0].id, title: '优化报销流程', content: '推行电子化报销' });
    assert.equal(free.status, 201, JSON.stringify(free.data));
    assert.deepEqual([free.data.topic_id, free.data.department_name, free.data.submitted_on], [null, deps[0].name, TODAY]);

    const detail = (await dangyuan.fetch(`/api/v1/suggestion-topics/${t.data.id}`)).data;
    assert.deepEqual(detail.suggestion_list.map((x) => x.id), [s.data.id]);
    assert.equal(detail.suggestions, 1);
    const mine = (await dangyuan.fetch(`/api/v1/suggestions?person_id=${me.id}`)).data;
    assert.deepEqual(mine.items.map((x) => x.id), [s.data.id]);
    assert.equal((await zhibu1.fetch('/api/v1/suggestions?q=报销')).data.total, 1);
    assert.equal((await zhibu1.fetch('/api/v1/suggestions?status=pending&year=2026')).data.total, 2);
    const x = await fetch(`${srv.url}/api/v1/suggestions?format=xlsx`, { headers: { Cookie: zhibu1.cookie } });
    assert.equal(x.status, 200);
    assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString('latin1'), 'PK');
    const audit = (await admin.fetch('/api/v1/audit?object_type=suggestion&limit=50')).data.items.map((a) => a.action);
    assert.deepEqual(audit, ['create', 'create']);
    assert.equal((await admin.fetch('/api/v1/audit?object_type=suggestion_topic&limit=50')).data.items.length, 1);
  });

  test('review: a decision with its reason, once; merged into another; an adopted idea becomes a task, linked both ways', async () => {
    const mk = async (title) => ok(await post(dangyuan, '/api/v1/suggestions', { title, content: `${title}的内容`, submitted_on: '2026-05-01' }));
    const a = await mk('推行非税收入电子缴款');
    const b = await mk('非税收入缴款电子化');
    const c = await mk('食堂增加夜宵');
    assertError(await post(zhibu1, `/api/v1/suggestions/${a.id}/review`, { decision: 'adopted', reason: '可行' }), 403, 'forbidden');
    assertError(await post(dangyuan, `/api/v1/suggestions/${a.id}/review`, { decision: 'adopted', reason: '可行' }), 403, 'forbidden');
    assertFieldError(await post(dangwei, `/api/v1/suggestions/${c.id}/review`, { decision: 'declined' }), 'reason');
    assertFieldError(await post(dangwei, `/api/v1/suggestions/${c.id}/review`, { decision: 'maybe', reason: '再议' }), 'decision');
    assertFieldError(await post(dangwei, `/api/v1/suggestions/${b.id}/review`, { decision: 'merged', reason: '内容相同' }), 'merged_into_id');
    assertFieldError(await post(dangwei, `/api/v1/suggestions/${b.id}/review`, { decision: 'merged', reason: '自身', merged_into_id: b.id }), 'merged_into_id');
    assertFieldError(await post(dangwei, `/api/v1/suggestions/${c.id}/review`, { decision: 'declined', reason: '某', decided_on: '2026-04-01' }), 'decided_on');

    const ad = await post(dangwei, `/api/v1/suggestions/${a.id}/review`, { decision: 'adopted', reason: '符合改革方向，采纳为工作思路', decided_on: '2026-05-10' });
    assert.equal(ad.status, 200, JSON.stringify(ad.data));
    assert.deepEqual([ad.data.status, ad.data.decided_on], ['adopted', '2026-05-10']);
    assertError(await post(dangwei, `/api/v1/suggestions/${a.id}/review`, { decision: 'declined', reason: '改主意' }), 409, 'conflict');
    const mg = ok(await post(dangwei, `/api/v1/suggestions/${b.id}/review`, { decision: 'merged', reason: '与另一条建议相同', merged_into_id: a.id }));
    assert.equal(mg.merged_into_id, a.id);
    ok(await post(dangwei, `/api/v1/suggestions/${c.id}/review`, { decision: 'declined', reason: '不属于本局职责' }));

    // only an adopted idea becomes a task
    assertError(await post(dangwei, `/api/v1/suggestions/${c.id}/task`, { due_on: '2026-12-31' }), 409, 'conflict');
    assertError(await post(zhibu1, `/api/v1/suggestions/${a.id}/task`, { due_on: '2026-12-31' }), 403, 'forbidden');
    assertFieldError(await post(dangwei, `/api/v1/suggestions/${a.id}/task`, {}), 'due_on');
    const withTask = await post(dangwei, `/api/v1/suggestions/${a.id}/task`, { due_on: '2026-12-31', org_id: b1.id });
    assert.equal(withTask.status, 200, JSON.stringify(withTask.data));
    assert.equal(withTask.data.task_title, '推行非税收入电子缴款');
    assertError(await post(dangwei, `/api/v1/suggestions/${a.id}/task`, { due_on: '2026-12-31' }), 409, 'conflict');
    const task = (await dangwei.fetch(`/api/v1/tasks/${withTask.data.task_id}`)).data;
    assert.deepEqual(task.suggestion, { id: a.id, title: a.title });
    assert.equal(task.org_id, b1.id);
    assert.equal((await dangwei.fetch(`/api/v1/suggestions?task_id=${task.id}`)).data.items[0].id, a.id);
    const other = (await dangwei.fetch('/api/v1/tasks?limit=5')).data.items.find((t) => t.id !== task.id);
    if (other) assert.equal((await dangwei.fetch(`/api/v1/tasks/${other.id}`)).data.suggestion, null);
    const audit = (await admin.fetch(`/api/v1/audit?object_type=suggestion&object_id=${a.id}&limit=50`)).data.items.map((x) => x.action).sort();
    assert.deepEqual(audit, ['create', 'link_task', 'review']);
    assert.equal((await admin.fetch(`/api/v1/audit?object_type=task&object_id=${task.id}&limit=50`)).data.items.length, 1);
  });

  test('the 先锋指数 counts suggestions made and adopted, explained down to the suggestion', async () => {
    const scheme = ok(await post(dangwei, '/api/v1/schemes', {
      code: 'ideas_test', name: '献计献策测试', target: 'member',
      indicators: [
        { code: 'made', name: '献计', kind: 'computed', source: 'suggestions_made', max_points: 10, params: { map: 'per_unit', per: 1 } },
        { code: 'adopted', name: '采纳', kind: 'computed', source: 'suggestions_adopted', max_points: 10, params: { map: 'per_unit', per: 2 } },
      ],
    }));
    const ev = ok(await post(dangwei, '/api/v1/evaluations', { scheme_id: scheme.id, period: '2026Q2', notice_days: 0 }));
    ok(await post(dangwei, `/api/v1/evaluations/${ev.id}/compute`));
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${me.id}/explain`)).data;
    // Q2: the three of 2026-05-01 (the topic's of March lies in Q1); one adopted
    const made = ex.indicators.find((i) => i.code === 'made');
    const adopted = ex.indicators.find((i) => i.code === 'adopted');
    assert.equal(made.records.suggestions, 3);
    assert.deepEqual(made.records.items.map((x) => x.status).sort(), ['adopted', 'declined', 'merged']);
    assert.equal(adopted.records.adopted, 1);
    assert.equal(adopted.records.items[0].title, '推行非税收入电子缴款');
    assert.equal(ex.total, 3 + 2);
  });

  test('mottos: submitted on the phone, reviewed once, pending ones seen by the author and the reviewers only', async () => {
    const m = await post(dangyuan, '/api/v1/mottos', { text: '干净干事，清白做人', submitted_on: '2026-11-01' });
    assert.equal(m.status, 201, JSON.stringify(m.data));
    assert.deepEqual([m.data.status, m.data.person_id], ['pending', me.id]);
    assertFieldError(await post(dangyuan, '/api/v1/mottos', { text: '' }), 'text');
    assertFieldError(await post(dangyuan, '/api/v1/mottos', { text: '长'.repeat(101) }), 'text');
    assert.ok((await dangyuan.fetch('/api/v1/mottos')).data.items.some((x) => x.id === m.data.id));
    assert.ok(!(await zhibu2.fetch('/api/v1/mottos')).data.items.some((x) => x.id === m.data.id));
    assert.ok((await dangwei.fetch('/api/v1/mottos?status=pending')).data.items.some((x) => x.id === m.data.id));
    assertError(await post(zhibu1, `/api/v1/mottos/${m.data.id}/review`, { decision: 'approved' }), 403, 'forbidden');
    assertError(await post(dangyuan, `/api/v1/mottos/${m.data.id}/review`, { decision: 'approved' }), 403, 'forbidden');
    assertFieldError(await post(dangwei, `/api/v1/mottos/${m.data.id}/review`, { decision: 'rejected' }), 'note');
    const r = await post(dangwei, `/api/v1/mottos/${m.data.id}/review`, { decision: 'approved', reviewed_on: '2026-11-02' });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.deepEqual([r.data.status, r.data.reviewed_on], ['approved', '2026-11-02']);
    assertError(await post(dangwei, `/api/v1/mottos/${m.data.id}/review`, { decision: 'rejected', note: '重复' }), 409, 'conflict');
    assert.ok((await zhibu2.fetch('/api/v1/mottos')).data.items.some((x) => x.id === m.data.id));
    const rej = ok(await post(zhibu1, '/api/v1/mottos', { person_id: me.id, text: '重复的格言', submitted_on: '2026-11-03' }));
    assert.equal(ok(await post(dangwei, `/api/v1/mottos/${rej.id}/review`, { decision: 'rejected', note: '与已有格言重复', reviewed_on: '2026-11-04' })).status, 'rejected');
    assert.ok(!(await zhibu2.fetch('/api/v1/mottos')).data.items.some((x) => x.id === rej.id));
    const x = await fetch(`${srv.url}/api/v1/mottos?format=xlsx`, { headers: { Cookie: dangwei.cookie } });
    assert.equal(x.status, 200);
    const audit = (await admin.fetch('/api/v1/audit?object_type=motto&limit=50')).data.items.map((a) => a.action).sort();
    assert.deepEqual(audit, ['create', 'create', 'review', 'review']);
  });

  test('the motto of the day: every approved motto once before any repeats, a new one joins the round', async () => {
    // the first approval of this bureau is 2026-11-02 (the test before): nothing before the day after
    assert.equal((await dangyuan.fetch('/api/v1/mottos/today?date=2026-11-02')).data.motto, null);
    const texts = ['不忘初心', '牢记使命', '为民理财'];
    const ids = [];
    for (const [i, text] of texts.entries()) {
      const m = ok(await post(dangyuan, '/api/v1/mottos', { text, submitted_on: '2026-11-05' }));
      ok(await post(dangwei, `/api/v1/mottos/${m.id}/review`, { decision: 'approved', reviewed_on: `2026-11-0${5 + i}` }));
      ids.push(m.id);
    }
    const first = (await dangyuan.fetch('/api/v1/mottos')).data.items.find((x) => x.text === '干净干事，清白做人').id;
    // approvals: first 11-02, ids[0] 11-05, ids[1] 11-06, ids[2] 11-07
    const day = async (d) => (await dangyuan.fetch(`/api/v1/mottos/today?date=${d}`)).data.motto?.id ?? null;
    const seen = [];
    for (let d = 3; d <= 14; d++) seen.push(await day(`2026-11-${String(d).padStart(2, '0')}`));
    // 11-03..05 the first alone; 11-06 ids[0] (approved 11-05); ids[1] and ids[2], approved during
    // that round, join it; then the rounds of four
    assert.deepEqual(seen, [first, first, first, ids[0], ids[1], ids[2], first, ids[0], ids[1], ids[2], first, ids[0]]);
    // without a date: today; the answer is the same on every call
    const today = (await zhibu2.fetch('/api/v1/mottos/today')).data;
    assert.equal(today.date, TODAY);
    assert.equal(today.motto.id, (await dangyuan.fetch(`/api/v1/mottos/today?date=${TODAY}`)).data.motto.id);
    assert.equal(typeof today.motto.text, 'string');
    assertFieldError(await dangyuan.fetch('/api/v1/mottos/today?date=2026-13-01'), 'date');
  });
});

describe('ideas: the year\'s figures equal a hand count of the records', () => {
  let srv, admin, dangwei, zhibu1, people;
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
  });
  after(async () => { await srv.stopClean(); });

  test('a year of topics, suggestions, decisions, tasks and mottos', async () => {
    const members = people.filter((p) => p.political_status === '中共党员' && p.branch_id).slice(0, 12);
    const hand = { topics: 0, suggestions: 0, adopted: 0, merged: 0, declined: 0, idea_tasks: 0, mottos_approved: 0 };
    const topics = [];
    for (const [opened, deadline] of [['2025-11-01', '2026-01-31'], ['2026-03-01', '2026-04-30'], ['2026-09-01', '2026-10-31']]) {
      topics.push(ok(await post(dangwei, '/api/v1/suggestion-topics', { title: `题目 ${opened}`, opened_on: opened, deadline })));
      if (opened.startsWith('2026')) hand.topics++;
    }
    const made = [];
    for (const [i, m] of members.entries()) {
      for (let k = 0; k < 1 + (i % 3); k++) {
        const day = ['2025-12-10', '2026-01-20', '2026-03-15', '2026-04-01', '2026-09-20', '2026-10-30'][(i + k) % 6];
        const topic = topics.find((t) => t.opened_on <= day && day <= t.deadline);
        const s = ok(await post(dangwei, '/api/v1/suggestions', { person_id: m.id, topic_id: (i + k) % 2 ? topic.id : null, title: `建议${i}-${k}`, content: '内容', submitted_on: day }));
        made.push(s);
        if (day.startsWith('2026')) hand.suggestions++;
      }
    }
    let root = null;
    for (const [n, s] of made.entries()) {
      const of2026 = s.submitted_on.startsWith('2026');
      const kind = ['adopted', 'declined', 'pending', 'merged', 'adopted'][n % 5];
      if (kind === 'pending') continue;
      if (kind === 'merged' && !root) continue;
      ok(await post(dangwei, `/api/v1/suggestions/${s.id}/review`, { decision: kind, reason: '理由', ...(kind === 'merged' ? { merged_into_id: root.id } : {}) }));
      if (kind === 'adopted' && !root) root = s;
      if (of2026) hand[kind]++;
      if (kind === 'adopted' && n % 2 === 0) {
        ok(await post(dangwei, `/api/v1/suggestions/${s.id}/task`, { due_on: '2027-06-30' }));
        if (of2026) hand.idea_tasks++;
      }
    }
    for (const [i, m] of members.entries()) {
      const mo = ok(await post(dangwei, '/api/v1/mottos', { person_id: m.id, text: `格言${i}`, submitted_on: '2025-12-01' }));
      if (i % 4 === 3) continue; // still pending
      const reviewed = i % 4 === 0 ? '2025-12-20' : '2026-02-01';
      const decision = i % 4 === 2 ? 'rejected' : 'approved';
      ok(await post(dangwei, `/api/v1/mottos/${mo.id}/review`, { decision, reviewed_on: reviewed, ...(decision === 'rejected' ? { note: '不当' } : {}) }));
      if (decision === 'approved' && reviewed.startsWith('2026')) hand.mottos_approved++;
    }
    assert.ok(hand.suggestions > 10 && hand.adopted > 2 && hand.idea_tasks > 0 && hand.mottos_approved > 0, JSON.stringify(hand));
    const s = (await admin.fetch('/api/v1/statistics/service?year=2026')).data;
    assert.deepEqual(Object.fromEntries(Object.keys(hand).map((k) => [k, s[k]])), hand);
    // a branch secretary counts the people of their branch only
    const b1 = (await zhibu1.fetch('/api/v1/statistics/service?year=2026')).data;
    const b1id = people.find((p) => p.id === zhibu1.user.person_id).branch_id;
    const inB1 = made.filter((x) => x.submitted_on.startsWith('2026') && members.find((m) => m.id === x.person_id).branch_id === b1id).length;
    assert.equal(b1.suggestions, inB1);
    const x = await fetch(`${srv.url}/api/v1/statistics/service?year=2026&format=csv`, { headers: { Cookie: admin.cookie } });
    assert.equal(x.status, 200);
    assert.match(await x.text(), new RegExp(`献计献策（条）,${hand.suggestions}`));
  });
});
