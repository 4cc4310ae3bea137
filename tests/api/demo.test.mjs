// The full demo (`dangjian demo` with its year of records): what a visitor finds —
// organisational life with one branch behind, twelve lectures, tests, study hours, last
// quarter's three evaluations in their notice selecting 10 季度标兵 and 6 优秀科室 — and a
// quarter of the demo bureau evaluated end to end through the API.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, request, assertError, runDj, ADMIN_PASSWORD, DEMO_PASSWORD } from './harness.mjs';

// The demo builds its records back from today: a fixed day (bureau.today) makes
// the years and quarters below the same on every day the test runs.
const TODAY = '2026-06-15';

async function upload(client, path, text) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(text)]), 'values.csv');
  const res = await fetch(`${client.url}${path}`, { method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf } });
  return { status: res.status, data: await res.json() };
}

describe('the demo bureau with a year of records', () => {
  let srv, admin, dangwei, dangyuan;
  before(async () => {
    srv = await startServer({ records: true, today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    dangyuan = await login(srv.url, 'dangyuan');
  });
  after(async () => { await srv.stopClean(); });

  test('the session tells the console the server\'s day (bureau.today), not the clock\'s', async () => {
    const r = await dangwei.fetch('/api/v1/session');
    assert.equal(r.status, 200);
    assert.equal(r.data.today, TODAY);
    const again = await dangwei.fetch('/api/v1/session'); // the worker's cached answer
    assert.equal(again.data.today, TODAY);
    const signIn = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'zhibu1', password: DEMO_PASSWORD } });
    assert.equal(signIn.status, 200, JSON.stringify(signIn.data));
    assert.equal(signIn.data.today, TODAY);
  });

  test('the responsibility documents: last year\'s checked at its end, this year\'s signed and not yet checked', async () => {
    const last = (await dangwei.fetch('/api/v1/duty-docs/summary?year=2025')).data;
    const now = (await dangwei.fetch('/api/v1/duty-docs/summary?year=2026')).data;
    const branches = (await admin.fetch('/api/v1/orgs')).data.items.filter((o) => o.type === '党支部').length;
    for (const s of [last, now]) {
      assert.equal(s.lists, 4, JSON.stringify(s));
      assert.equal(s.letters, branches);
      assert.equal(s.letters_signed, branches, 'every branch signed in January');
    }
    assert.equal(last.checked, last.items, 'last year\'s items all checked');
    assert.ok(last.partly + last.not_done > 0 && last.done > last.partly + last.not_done, JSON.stringify(last));
    assert.equal(now.checked, 0, 'this year\'s check opens on 1 December');
    // the figures equal a count of the documents through the list
    const docs = (await dangwei.fetch('/api/v1/duty-docs?year=2025&limit=500')).data.items;
    assert.equal(docs.reduce((n, d) => n + d.items_count, 0), last.items);
    assert.equal(docs.reduce((n, d) => n + d.done, 0), last.done);
    // a leader reads their own list only
    const mine = (await dangyuan.fetch('/api/v1/duty-docs')).data.items;
    assert.ok(mine.every((d) => d.person_id === dangyuan.user.person_id), JSON.stringify(mine.map((d) => d.title)));
  });

  test('a year of records: meetings, lectures, tests and study hours, one branch behind', async () => {
    const meetings = (await admin.fetch('/api/v1/meetings?limit=1')).data;
    assert.ok(meetings.total > 400, `meetings: ${meetings.total}`);
    const lastYear = '2025';
    const thisYear = '2026';
    const a = (await dangyuan.fetch(`/api/v1/lectures/summary?year=${lastYear}`)).data;
    const b = (await dangyuan.fetch(`/api/v1/lectures/summary?year=${thisYear}`)).data;
    assert.equal(a.sessions + b.sessions, 12, 'one lecture a month for twelve months');
    assert.ok(a.person_times + b.person_times > 500);
    assert.ok((await admin.fetch('/api/v1/quizzes')).data.total >= 4);
    assert.ok((await admin.fetch('/api/v1/study-records?limit=1')).data.total > 500);
    // the twelve whole months before today: 2025-06 .. 2026-05; in 2025Q4 the fifth
    // branch skipped a month's meetings, every other branch kept them all alike
    const board = (await admin.fetch('/api/v1/compliance?period=2025Q4')).data;
    const met = Object.fromEntries(board.branches.map((b) => [b.name, b.met]));
    assert.ok(board.branches.length >= 8, JSON.stringify(met));
    const fifth = met['机关第五党支部'];
    const others = board.branches.filter((b) => b.name !== '机关第五党支部');
    assert.ok(others.every((b) => b.met > fifth), `the fifth branch is behind every other: ${JSON.stringify(met)}`);
    assert.equal(new Set(others.map((b) => b.met)).size, 1, `the others are alike: ${JSON.stringify(met)}`);
    assert.ok(fifth < board.branches[0].required, 'behind means fewer met than required');
    const r = runDj(['check', '--db', srv.dbPath]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('last quarter\'s evaluations are in their notice: 10 季度标兵, 6 优秀科室, every score explained', async () => {
    // the demo's own three (the end-to-end test below adds one of its own, 复评)
    const evals = (await dangyuan.fetch('/api/v1/evaluations')).data.items.filter((e) => !e.name.includes('复评'));
    assert.equal(evals.length, 3, JSON.stringify(evals.map((e) => e.name)));
    assert.ok(evals.every((e) => e.state === 'notice'));
    const byScheme = Object.fromEntries(evals.map((e) => [e.target, e]));
    const members = (await dangyuan.fetch(`/api/v1/evaluations/${byScheme.member.id}/ranking`)).data;
    assert.equal(members.items.filter((x) => x.selected).length, 10);
    assert.ok(members.items.length > 100, 'visibility all: the whole board');
    // the quarter's ballot of the 1246 categories: two nominees each, votes cast
    const awards = (await dangyuan.fetch(`/api/v1/evaluations/${byScheme.member.id}/awards`)).data.awards;
    assert.equal(awards.length, 6);
    assert.ok(awards.every((a) => a.nominees.length === 2 && a.nominees.some((n) => n.votes > 0)));
    const depts = (await dangyuan.fetch(`/api/v1/evaluations/${byScheme.department.id}/ranking`)).data;
    assert.equal(depts.items.filter((x) => x.selected).length, 6);
    const me = dangyuan.user.person_id;
    const ex = await dangyuan.fetch(`/api/v1/evaluations/${byScheme.member.id}/targets/${me}/explain`);
    assert.equal(ex.status, 200, JSON.stringify(ex.data));
    assert.ok(ex.data.indicators.length >= 8);
    const sum = ex.data.indicators.filter((i) => i.kind !== 'veto').reduce((t, i) => t + Math.round(i.points * 100), 0);
    assert.equal(sum, Math.round(ex.data.total * 100), 'the indicators add up to the total');
  });

  test('a quarter evaluated end to end through the API: compute, import, enter, review, notice with an objection answered, final', async () => {
    const schemes = (await dangwei.fetch('/api/v1/schemes?active=1')).data.items;
    const vanguard = schemes.find((s) => s.code === 'vanguard');
    const dept = schemes.find((s) => s.code === 'department');
    const period = '2026Q1'; // the quarter before TODAY's
    const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: vanguard.id, period, name: `先锋指数 ${period}（复评）`, notice_days: 0 } })).data;
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/compute`, { method: 'POST' })).status, 200);
    const sheet = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/scores`)).data.items;
    const people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    const staffNo = Object.fromEntries(people.map((p) => [p.id, p.staff_no]));
    // performance appraisal for every member, all different
    const csv = ['工号,个人绩效考核', ...sheet.map((r, i) => `${staffNo[r.target_id]},${(70 + i * 0.21).toFixed(2)}`)].join('\r\n');
    const imp = await upload(dangwei, `/api/v1/evaluations/${ev.id}/imports`, csv);
    assert.equal(imp.status, 200, JSON.stringify(imp.data));
    assert.equal(imp.data.errors.length, 0, JSON.stringify(imp.data.errors));
    const ind = (await dangwei.fetch(`/api/v1/schemes/${vanguard.id}`)).data.indicators;
    const civ = ind.find((i) => i.code === 'civility');
    const top = sheet[0].target_id;
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: top, indicator_id: civ.id, points: 9 } })).status, 201);
    // 文明创建 is entered for one member only: publishing and final need a reason
    const why = '文明创建本季度只评了有创建活动的党员';
    for (const s of ['scoring', 'review', 'notice'])
      assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: s === 'notice' ? { state: s, override_reason: why } : { state: s } })).status, 200, s);
    const ob = await dangyuan.fetch(`/api/v1/evaluations/${ev.id}/objections`, { method: 'POST', json: { reason: '本季度的学习记录似乎没有全部计入' } });
    assert.equal(ob.status, 201, JSON.stringify(ob.data));
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/objections/${ob.data.id}/answer`, { method: 'POST', json: { answer: '经核对，学习记录已全部计入，维持原分' } })).status, 200);
    const fin = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: 'final', override_reason: why } });
    assert.equal(fin.status, 200, JSON.stringify(fin.data));
    const ranking = (await dangyuan.fetch(`/api/v1/evaluations/${ev.id}/ranking`)).data.items;
    assert.equal(ranking.filter((x) => x.selected).length, 10, '10 季度标兵');
    const notice = (await dangyuan.fetch(`/api/v1/evaluations/${ev.id}/notice`)).data;
    assert.equal(notice.selected.length, 10);
    // 优秀科室 of the same quarter: business results imported, 6 selected
    const de = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: dept.id, period, notice_days: 0 } })).data;
    const deps = (await admin.fetch('/api/v1/departments')).data.items;
    const dcsv = ['科室,业务工作成效,服务对象评价', ...deps.map((d, i) => `${d.name},${(75 + i * 1.1).toFixed(1)},${90 - i * 0.5}`)].join('\r\n');
    const dimp = await upload(dangwei, `/api/v1/evaluations/${de.id}/imports`, dcsv);
    assert.equal(dimp.status, 200, JSON.stringify(dimp.data));
    assert.equal(dimp.data.errors.length, 0, JSON.stringify(dimp.data.errors));
    for (const s of ['review', 'notice', 'final'])
      assert.equal((await dangwei.fetch(`/api/v1/evaluations/${de.id}/state`, { method: 'POST', json: { state: s, override_reason: '测试：部分对象本期不评分' } })).status, 200, s);
    const dr = (await dangwei.fetch(`/api/v1/evaluations/${de.id}/ranking`)).data.items;
    assert.equal(dr.filter((x) => x.selected).length, 6, '6 优秀科室');
    assertError(await dangyuan.fetch(`/api/v1/evaluations/${de.id}/scores`), 403, 'forbidden');
  });
});
