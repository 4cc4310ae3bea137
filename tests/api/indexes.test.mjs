// The index engine (堡垒指数 / 先锋指数): schemes as data with versions, an evaluation
// from open to final through the API with every indicator kind checked against a hand
// count, ranking with vetoes and selection, the explanation, scope of visibility,
// objections during the notice, the final hash that `dangjian check` verifies, and a
// corrected version after final.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, sql, runDj, ADMIN_PASSWORD } from './harness.mjs';

const near = (x) => Math.round(x * 100) / 100;

const SCHEME = {
  code: 'test_member', name: '测试先锋指数', target: 'member',
  settings: { select: { count: 2, title: '季度标兵' }, stars: [{ min: 40, label: 'A级' }], tie_break: ['perf'], visibility: 'own' },
  indicators: [
    {
      code: 'g', name: '学习和组织生活', kind: 'group', children: [
        { code: 'att', name: '出勤率', kind: 'computed', source: 'attendance_rate', max_points: 10, params: { map: 'linear', target: 90, when_none: 'zero' } },
        { code: 'lec', name: '听讲', kind: 'computed', source: 'lectures_attended', max_points: 6, params: { map: 'per_unit', per: 2 } },
        { code: 'hrs', name: '学时', kind: 'computed', source: 'study_hours', max_points: 4, params: { map: 'steps', steps: [[0, 0], [5, 2], [10, 4]] } },
      ],
    },
    { code: 'perf', name: '个人绩效考核', kind: 'imported', max_points: 30, params: { map: 'linear', target: 100 } },
    { code: 'civ', name: '文明创建', kind: 'entered', entered_by: 'branch_secretary', max_points: 10 },
    { code: 'bon', name: '加分', kind: 'bonus', max_points: 5 },
    { code: 'ded', name: '扣分', kind: 'deduction', max_points: 8 },
    { code: 'veto', name: '一票否决', kind: 'veto' },
  ],
};

async function uploadTo(client, path, text, name = 'values.csv') {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(text)]), name);
  const res = await fetch(`${client.url}${path}`, { method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf } });
  return { status: res.status, data: await res.json() };
}

describe('index engine: schemes, evaluation end to end, ranking, explanation, objections, final', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, jijian, dangyuan, people, b1;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    jijian = await login(srv.url, 'jijian');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    b1 = (await admin.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
  });
  after(async () => { await srv.stopClean(); });

  test('default schemes: 先锋指数, 堡垒指数 and 优秀科室 with their selections, readable by all, managed by party_admin', async () => {
    const r = await dangyuan.fetch('/api/v1/schemes');
    assert.equal(r.status, 200);
    const byCode = Object.fromEntries(r.data.items.map((s) => [s.code, s]));
    assert.equal(byCode.vanguard.target, 'member');
    assert.equal(byCode.vanguard.settings.select.count, 10);
    assert.equal(byCode.bastion.target, 'branch');
    assert.equal(byCode.department.settings.select.count, 6);
    const v = (await dangyuan.fetch(`/api/v1/schemes/${byCode.vanguard.id}`)).data;
    assert.equal(v.full_points, 100);
    assert.deepEqual(v.indicators.map((i) => i.kind), ['group', 'imported', 'entered', 'entered', 'entered', 'entered', 'bonus', 'deduction', 'veto']);
    const b = (await admin.fetch(`/api/v1/schemes/${byCode.bastion.id}`)).data;
    assert.equal(b.full_points, 100);
    assertError(await zhibu1.fetch('/api/v1/schemes', { method: 'POST', json: SCHEME }), 403, 'forbidden');
    const src = (await dangyuan.fetch('/api/v1/index-sources')).data.items;
    assert.ok(src.some((s) => s.name === 'attendance_rate' && s.target === 'branch'));
  });

  test('a scheme is checked field by field and versioned', async () => {
    const bad = structuredClone(SCHEME);
    bad.code = 'Bad Code';
    bad.indicators[0].children[0].source = 'nonsense';
    bad.indicators[2].entered_by = 'member';
    bad.indicators.push({ code: 'perf', name: '重复', kind: 'entered', entered_by: 'party_admin', max_points: 1 });
    const r = await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: bad });
    const e = assertError(r, 400, 'invalid');
    assert.ok(e.fields.code, JSON.stringify(e));
    assert.ok(e.fields['indicators[0].children[0].source'], JSON.stringify(e));
    assert.ok(e.fields['indicators[2].entered_by'], JSON.stringify(e));
    const odd = structuredClone(SCHEME);
    odd.code = 'odd_one';
    odd.settings = { tie_break: ['nope'], stars: 'bad' };
    odd.indicators[1].params = { map: 'nonsense' };
    const oe = assertError(await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: odd }), 400, 'invalid');
    for (const f of ['settings.tie_break', 'settings.stars', 'indicators[1].params']) assert.ok(oe.fields[f], `${f}: ${JSON.stringify(oe)}`);
    const ok = await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: { ...SCHEME, code: 'draft_one' } });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    assert.equal(ok.data.version, 1);
    assert.equal(ok.data.full_points, 60);
    const v2 = await dangwei.fetch(`/api/v1/schemes/${ok.data.id}`, { method: 'PUT', json: { ...SCHEME, code: 'draft_one', name: '测试先锋指数（修订）' } });
    assert.equal(v2.status, 201, JSON.stringify(v2.data));
    assert.equal(v2.data.version, 2);
    assert.equal(v2.data.replaces_id, ok.data.id);
    assert.equal((await dangwei.fetch(`/api/v1/schemes/${ok.data.id}`)).data.active, false);
    // the retired version cannot start an evaluation
    const ev = await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: ok.data.id, period: '2025Q4' } });
    assert.equal(ev.status, 400, JSON.stringify(ev.data));
    assertError(await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: v2.data.id, period: '2025-10' } }), 400, 'invalid');
  });

  test('a quarter end to end: every kind against a hand count, ranking, explanation, objection, final, check, new version', async () => {
    const scheme = (await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: SCHEME })).data;
    const A = people.find((p) => p.id === dangyuan.user.person_id);
    assert.ok(A && A.branch_id === b1.id, 'dangyuan is a member of branch 1');
    const others = people.filter((p) => p.branch_id === b1.id && p.id !== A.id && p.political_status === '中共党员' && p.joined_party_on < '2024-01-01');
    const [B, C] = others;
    // organisational life: two branch meetings in the quarter
    const kinds = Object.fromEntries((await admin.fetch('/api/v1/meeting-kinds')).data.items.map((k) => [k.code, k.id]));
    const m1 = (await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: '2025-10-15' } })).data;
    const m2 = (await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.theme_day, held_on: '2025-11-20' } })).data;
    for (const [m, rows] of [[m1, [[A, '出席'], [B, '迟到'], [C, '缺席']]], [m2, [[A, '出席'], [B, '请假'], [C, '出席']]]]) {
      const r = await zhibu1.fetch(`/api/v1/meetings/${m.id}/attendance`, { method: 'PUT', json: { attendance: rows.map(([p, s]) => ({ person_id: p.id, status: s, reason: s === '请假' ? '出差' : '' })) } });
      assert.equal(r.status, 200, JSON.stringify(r.data));
    }
    // lectures: A four, B one, C one
    for (const [day, who] of [['2025-10-10', [A, B]], ['2025-11-10', [A]], ['2025-12-10', [A, C]], ['2025-12-20', [A]]]) {
      const l = (await dangwei.fetch('/api/v1/lectures', { method: 'POST', json: { held_on: day, topic: '讲堂' } })).data;
      await dangwei.fetch(`/api/v1/lectures/${l.id}/attendance`, { method: 'PUT', json: { attendance: who.map((p) => ({ person_id: p.id, status: '出席' })) } });
    }
    // study hours: A 12, B 7.5, C 4.99
    for (const [p, h] of [[A, 6], [A, 6], [B, 7.5], [C, 4.99]])
      assert.equal((await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: p.id, studied_on: '2025-11-01', hours: h, mode: '集中学习' } })).status, 201);

    const ev = await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period: '2025Q4', notice_days: 0 } });
    assert.equal(ev.status, 201, JSON.stringify(ev.data));
    const id = ev.data.id;
    assert.equal(ev.data.state, 'open');
    const ind = Object.fromEntries((await dangwei.fetch(`/api/v1/schemes/${scheme.id}`)).data.indicators
      .flatMap((i) => [i, ...i.children]).map((i) => [i.code, i.id]));
    // imported: a CSV in the clerk's layout, with a mistake first (nothing written), then right
    const wrong = await uploadTo(dangwei, `/api/v1/evaluations/${id}/imports`, `工号,个人绩效考核\r\n${A.staff_no},88\r\nSF0000,90\r\n${B.staff_no},九十\r\n`);
    assert.equal(wrong.status, 200, JSON.stringify(wrong.data));
    assert.deepEqual(wrong.data.errors.map((e) => [e.row, e.column]), [[3, '工号'], [4, '个人绩效考核']]);
    const right = await uploadTo(dangwei, `/api/v1/evaluations/${id}/imports`, `工号,姓名,个人绩效考核\r\n${A.staff_no},${A.name},88\r\n${B.staff_no},${B.name},92.5\r\n${C.staff_no},${C.name},100\r\n`);
    assert.equal(right.status, 200, JSON.stringify(right.data));
    assert.equal(right.data.updated, 3);
    // entered by the branch secretary; not by another branch's, not by a member
    for (const [p, v] of [[A, 8], [B, 9.5], [C, 10]]) {
      const r = await zhibu1.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: p.id, indicator_id: ind.civ, points: v } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
    }
    assertError(await zhibu2.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.civ, points: 10 } }), 403, 'forbidden');
    assertError(await dangyuan.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.civ, points: 10 } }), 403, 'forbidden');
    assertError(await zhibu1.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.civ, points: 10.5 } }), 400, 'invalid');
    assertError(await zhibu1.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.att, points: 1 } }), 400, 'invalid');
    // bonus (capped), deduction and veto with reasons; discipline records the last two
    assertError(await dangwei.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.bon, points: 3 } }), 400, 'invalid');
    for (const [c, p, code, v, reason] of [[dangwei, A, 'bon', 3, '获评市级先进个人'], [zhibu1, A, 'bon', 4, '业务攻坚表现突出'], [dangwei, B, 'bon', 1, '志愿服务表彰'],
      [jijian, C, 'ded', 2.5, '违反十不准第三条'], [jijian, B, 'veto', 0, '违反十不准，当季否决']]) {
      const r = await c.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: p.id, indicator_id: ind[code], points: v, reason, occurred_on: '2025-11-05' } });
      assert.equal(r.status, 201, `${code}: ${JSON.stringify(r.data)}`);
    }
    assertError(await zhibu2.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.bon, points: 1, reason: '他支部加分' } }), 403, 'forbidden');

    // evaluators see what they put in, and the targets they may score
    const jEntries = (await jijian.fetch(`/api/v1/evaluations/${id}/entries`)).data.items;
    assert.deepEqual(jEntries.map((x) => x.target_id).sort((a, b) => a - b), [B.id, C.id].sort((a, b) => a - b));
    assert.ok(jEntries.every((x) => x.mine));
    assert.equal(jEntries.find((x) => x.target_id === C.id).target, C.name);
    const zEntries = (await zhibu1.fetch(`/api/v1/evaluations/${id}/entries`)).data.items;
    assert.equal(zEntries.length, 4); // three 文明创建 and one bonus
    assertError(await zhibu2.fetch(`/api/v1/evaluations/${id}/entries/${zEntries[0].id}`, { method: 'DELETE' }), 403, 'forbidden');
    const jTargets = (await jijian.fetch(`/api/v1/evaluations/${id}/targets`)).data.items;
    assert.ok(jTargets.length > 50, 'discipline may deduct for every member');
    assert.deepEqual(jTargets[0].indicator_ids.sort((a, b) => a - b), [ind.ded, ind.veto].sort((a, b) => a - b));
    assert.ok((await zhibu1.fetch(`/api/v1/evaluations/${id}/targets`)).data.items.every((x) => x.unit === '机关第一党支部'));
    // an evaluator takes back what they put in, before the notice
    const extra = (await zhibu1.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: B.id, indicator_id: ind.bon, points: 1, reason: '误录的加分' } })).data;
    assert.equal((await zhibu1.fetch(`/api/v1/evaluations/${id}/entries/${extra.id}`, { method: 'DELETE' })).status, 204);
    const computed = await dangwei.fetch(`/api/v1/evaluations/${id}/compute`, { method: 'POST' });
    assert.equal(computed.status, 200, JSON.stringify(computed.data));
    const rank = (await dangwei.fetch(`/api/v1/evaluations/${id}/ranking`)).data;
    const row = (p) => rank.items.find((x) => x.target_id === p.id);
    // hand count: att 10 / 5.56 / 5.56; lec 6 (capped) / 2 / 2; hrs 4 / 2 / 0; perf 26.4 / 27.75 / 30;
    // civ 8 / 9.5 / 10; bonus 5 (7 capped) / 1 / 0; deduction 0 / 0 / 2.5
    assert.equal(row(A).total, 59.4);
    assert.equal(row(B).total, near(5.56 + 2 + 2 + 27.75 + 9.5 + 1));
    assert.equal(row(C).total, near(5.56 + 2 + 0 + 30 + 10 - 2.5));
    assert.deepEqual([row(A).rank, row(B).rank, row(C).rank], [1, 2, 3]);
    assert.equal(row(B).vetoed, true);
    assert.deepEqual([row(A).selected, row(B).selected, row(C).selected], [true, false, true], 'the vetoed one is skipped');
    assert.equal(rank.items.filter((x) => x.selected).length, 2);
    assert.equal(row(A).star, 'A级');
    assert.equal(row(A).unit, '机关第一党支部');
    // the explanation: every indicator with its records and arithmetic
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${id}/targets/${B.id}/explain`)).data;
    const node = (code) => ex.indicators.flatMap((i) => [i, ...(i.children || [])]).find((i) => i.code === code);
    assert.equal(ex.total, 47.81);
    assert.deepEqual(node('att').records, { expected: 2, present: 0, late: 1, leave: 1, absent: 0 });
    assert.equal(node('att').raw, '50.00');
    assert.equal(node('att').points, 5.56);
    assert.match(node('att').rule, /50\.00 ÷ 目标 90\.00 × 满分 10\.00 = 5\.56/);
    assert.equal(node('hrs').points, 2);
    assert.equal(node('perf').raw, '92.50');
    assert.equal(node('veto').entries[0].reason, '违反十不准，当季否决');
    assert.match(ex.arithmetic, /= 47\.81$/);
    assert.equal(node('g').points, 9.56);
    // recomputing from the same records gives the same result to the hundredth
    await dangwei.fetch(`/api/v1/evaluations/${id}/compute`, { method: 'POST' });
    assert.deepEqual((await dangwei.fetch(`/api/v1/evaluations/${id}/ranking`)).data.items, rank.items);
    // before the notice a member sees nothing; the progress of entered scores
    assertError(await dangyuan.fetch(`/api/v1/evaluations/${id}/ranking`), 403, 'forbidden');
    // the secretary's scoring grid: the indicator they score, their branch's members
    const grid = (await zhibu1.fetch(`/api/v1/evaluations/${id}/grid`)).data;
    assert.deepEqual(grid.indicators.map((x) => x.code), ['civ']);
    assert.ok(grid.targets.every((x) => x.unit === '机关第一党支部'));
    assert.equal(grid.targets.find((x) => x.target_id === B.id).values[ind.civ], 9.5);
    assert.equal((await zhibu2.fetch(`/api/v1/evaluations/${id}/grid`)).data.targets.some((x) => x.target_id === A.id), false);
    assert.deepEqual((await dangyuan.fetch(`/api/v1/evaluations/${id}/grid`)).data.targets, []);
    const prog = (await zhibu1.fetch(`/api/v1/evaluations/${id}/progress`)).data.indicators;
    const civ = prog.find((x) => x.indicator_id === ind.civ);
    assert.equal(civ.entered, 3);
    assert.ok(civ.targets > 3);

    // states: open → scoring → review → notice
    assertError(await dangwei.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: 'final' } }), 409, 'conflict');
    for (const s of ['scoring', 'review']) {
      const r = await dangwei.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: s } });
      assert.equal(r.status, 200, JSON.stringify(r.data));
      assert.equal(r.data.state, s);
    }
    // publishing with scores missing says what is missing and needs a reason (issue 12, item 4)
    const all = (await dangwei.fetch(`/api/v1/evaluations/${id}/progress`)).data.indicators;
    const gap = all.reduce((n, x) => n + x.targets - x.entered, 0);
    assert.ok(gap > 0);
    const refused = await dangwei.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: 'notice' } });
    assertError(refused, 400, 'invalid');
    assert.match(refused.data.error.fields.override_reason, new RegExp(`还缺 ${gap} 个评分`));
    assertError(await dangwei.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: 'notice', override_reason: ' ' } }), 400, 'invalid');
    const published = await dangwei.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: 'notice', override_reason: '其余支部本季度未开展文明创建，按规定不评分' } });
    assert.equal(published.status, 200, JSON.stringify(published.data));
    assert.equal(published.data.state, 'notice');
    const overrides = (await dangwei.fetch(`/api/v1/audit?object_type=evaluation&object_id=${id}`)).data.items.filter((e) => e.action === 'notice');
    assert.equal(overrides.length, 1);
    assert.deepEqual(overrides[0].after.override, { reason: '其余支部本季度未开展文明创建，按规定不评分', missing_scores: gap, indicators: all.filter((x) => x.targets > x.entered).length });
    assertError(await zhibu1.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.civ, points: 10 } }), 409, 'conflict');
    assertError(await dangwei.fetch(`/api/v1/evaluations/${id}/compute`, { method: 'POST' }), 409, 'conflict');
    // visibility "own": the member sees their own row and explanation only
    const mine = (await dangyuan.fetch(`/api/v1/evaluations/${id}/ranking`)).data;
    assert.deepEqual(mine.items.map((x) => x.target_id), [A.id]);
    assert.equal((await dangyuan.fetch(`/api/v1/evaluations/${id}/targets/${A.id}/explain`)).status, 200);
    assertError(await dangyuan.fetch(`/api/v1/evaluations/${id}/targets/${C.id}/explain`), 403, 'forbidden');
    const branchRows = (await zhibu1.fetch(`/api/v1/evaluations/${id}/ranking`)).data.items;
    assert.ok(branchRows.length > 3 && branchRows.every((x) => x.unit === '机关第一党支部'));
    const notice = (await dangyuan.fetch(`/api/v1/evaluations/${id}/notice`)).data;
    assert.deepEqual(notice.selected.map((x) => x.name), [A.name, C.name]);
    assert.match(notice.title, /季度标兵/);
    // an objection: filed by the member, blocking final until answered with a change
    assertError(await dangyuan.fetch(`/api/v1/evaluations/${id}/objections`, { method: 'POST', json: { target_id: C.id, reason: '我认为他人的得分有误' } }), 403, 'forbidden');
    const ob = await dangyuan.fetch(`/api/v1/evaluations/${id}/objections`, { method: 'POST', json: { reason: '文明创建得分偏低，本季度参加了创建活动三次' } });
    assert.equal(ob.status, 201, JSON.stringify(ob.data));
    assert.equal(ob.data.target_id, A.id);
    assertError(await dangwei.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: 'final' } }), 409, 'conflict');
    const change = await dangwei.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.civ, points: 9, reason: '经复核，异议成立' } });
    assert.equal(change.status, 201, JSON.stringify(change.data));
    // records added after publication do not move the published computed figures
    assert.equal((await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: C.id, studied_on: '2025-11-02', hours: 1, mode: '个人自学' } })).status, 201);
    const ans = await dangwei.fetch(`/api/v1/evaluations/${id}/objections/${ob.data.id}/answer`, { method: 'POST', json: { answer: '经复核，文明创建调整为 9 分' } });
    assert.equal(ans.status, 200, JSON.stringify(ans.data));
    assert.equal(ans.data.items[0].state, 'answered');
    assert.equal(ans.data.items[0].target, A.name);
    assert.equal(ans.data.items[0].unit, '机关第一党支部');
    assert.equal((await dangyuan.fetch(`/api/v1/evaluations/${id}/objections`)).data.items.length, 1);
    assert.equal((await dangyuan.fetch(`/api/v1/evaluations/${id}/ranking`)).data.items[0].total, 60.4);
    const after = (await dangwei.fetch(`/api/v1/evaluations/${id}/ranking`)).data.items;
    assert.equal(after.find((x) => x.target_id === C.id).total, row(C).total, 'C\'s study hours stay as published');
    // final: locked and hashed
    const fin = await dangwei.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: 'final', override_reason: '其余支部本季度未开展文明创建，按规定不评分' } });
    assert.equal(fin.status, 200, JSON.stringify(fin.data));
    assert.match(fin.data.results_hash, /^[0-9a-f]{64}$/);
    assertError(await dangwei.fetch(`/api/v1/evaluations/${id}/entries`, { method: 'POST', json: { target_id: A.id, indicator_id: ind.civ, points: 10, reason: '定稿后' } }), 409, 'conflict');
    const x = await fetch(`${srv.url}/api/v1/evaluations/${id}/ranking?format=xlsx`, { headers: { Cookie: dangwei.cookie } });
    assert.equal(x.status, 200);
    const sheet = await fetch(`${srv.url}/api/v1/evaluations/${id}/scores?format=csv`, { headers: { Cookie: dangwei.cookie } });
    assert.equal(sheet.status, 200);
    assert.match(await sheet.text(), /个人绩效考核/);
    assertError(await zhibu1.fetch(`/api/v1/evaluations/${id}/scores`), 403, 'forbidden');
    // audit: every step recorded
    const audit = (await admin.fetch(`/api/v1/audit?object_type=evaluation&limit=200`)).data.items.map((a) => a.action);
    for (const a of ['create', 'import', 'enter', 'compute', 'notice', 'object', 'answer', 'final']) assert.ok(audit.includes(a), a);

    // a correction after final is a new version naming the old one
    assertError(await dangwei.fetch(`/api/v1/evaluations/${id}/versions`, { method: 'POST', json: { reason: '' } }), 400, 'invalid');
    const v2 = await dangwei.fetch(`/api/v1/evaluations/${id}/versions`, { method: 'POST', json: { reason: '绩效考核分数导入有误，重新核定' } });
    assert.equal(v2.status, 201, JSON.stringify(v2.data));
    assert.equal(v2.data.version, 2);
    assert.equal(v2.data.replaces_id, id);
    await dangwei.fetch(`/api/v1/evaluations/${v2.data.id}/compute`, { method: 'POST' });
    const again = (await dangwei.fetch(`/api/v1/evaluations/${v2.data.id}/ranking`)).data.items;
    assert.equal(again.find((r) => r.target_id === A.id).total, 60.4, 'the entries came along');

    // check (beside the running server): sound, then a stored score edited in the database is detected
    let r = runDj(['check', '--db', srv.dbPath]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /考评结果.*正常/);
    sql(srv.dbPath, `UPDATE scores SET points = points + 100 WHERE evaluation_id = ${id} AND target_id = ${C.id} AND indicator_id = ${ind.civ}`);
    r = runDj(['check', '--db', srv.dbPath]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, new RegExp(`考评 ${id} `));
    sql(srv.dbPath, `UPDATE scores SET points = points - 100 WHERE evaluation_id = ${id} AND target_id = ${C.id} AND indicator_id = ${ind.civ}`);
    assert.equal(runDj(['check', '--db', srv.dbPath]).status, 0, 'restored');
  });
  test('a notice of N days runs N calendar days, the first included; final only after the last', async () => {
    const dept = (await dangwei.fetch('/api/v1/schemes')).data.items.find((x) => x.code === 'department' && x.active);
    const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
    for (const [period, days, last] of [['2022Q2', 5, 4], ['2022Q3', 1, 0], ['2022Q4', 0, 0]]) {
      const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: dept.id, period, notice_days: days } })).data;
      for (const st of ['review', 'notice']) {
        const r = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: st, override_reason: '测试：不录评分' } });
        assert.equal(r.status, 200, JSON.stringify(r.data));
      }
      const e = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}`)).data;
      assert.equal(e.notice_until, addDays(e.notice_from, last), `${days} days from ${e.notice_from}`);
      const fin = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: 'final', override_reason: '测试：不录评分' } });
      if (days > 0) assertError(fin, 409, 'conflict');
      else assert.equal(fin.status, 200, JSON.stringify(fin.data));
    }
  });

  test('annual results: the mean of the year\'s final quarters, a veto in any quarter bars the year', async () => {
    const scheme = (await dangwei.fetch('/api/v1/schemes', {
      method: 'POST', json: {
        code: 'annual_test', name: '年度汇总测试', target: 'member',
        settings: { select: { count: 2 }, annual: { mode: 'mean', select: { count: 1, title: '十佳标兵' } } },
        indicators: [
          { code: 'e1', name: '评定分', kind: 'entered', entered_by: 'party_admin', max_points: 10 },
          { code: 'veto', name: '否决', kind: 'veto' },
        ],
      },
    })).data;
    const ind = Object.fromEntries(scheme.indicators.map((i) => [i.code, i.id]));
    const old = people.filter((p) => p.political_status === '中共党员' && p.joined_party_on < '2023-01-01');
    const [X, Y, Z] = old;
    const year = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period: '2024', notice_days: 0 } })).data;
    assertError(await dangwei.fetch(`/api/v1/evaluations/${year.id}/compute`, { method: 'POST' }), 409, 'conflict');
    const quarters = { '2024Q1': [[X, 8], [Y, 10], [Z, 7]], '2024Q2': [[X, 9.5], [Y, 6]] };
    for (const [period, values] of Object.entries(quarters)) {
      const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period, notice_days: 0 } })).data;
      for (const [p, v] of values)
        assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: p.id, indicator_id: ind.e1, points: v } })).status, 201);
      if (period === '2024Q2')
        assert.equal((await jijian.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: Y.id, indicator_id: ind.veto, reason: '违反十不准' } })).status, 201);
      for (const st of ['review', 'notice', 'final'])
        assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: st, override_reason: '测试：部分对象本期不评分' } })).status, 200, st);
    }
    // a quarter that was never finalised does not count
    const draft = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period: '2024Q3', notice_days: 0 } })).data;
    await dangwei.fetch(`/api/v1/evaluations/${draft.id}/entries`, { method: 'POST', json: { target_id: Z.id, indicator_id: ind.e1, points: 10 } });
    const c = await dangwei.fetch(`/api/v1/evaluations/${year.id}/compute`, { method: 'POST' });
    assert.equal(c.status, 200, JSON.stringify(c.data));
    const items = (await dangwei.fetch(`/api/v1/evaluations/${year.id}/ranking`)).data.items;
    const row = (p) => items.find((x) => x.target_id === p.id);
    assert.equal(row(X).total, 8.75);
    assert.equal(row(Y).total, 8);
    assert.equal(row(Z).total, 3.5);
    assert.equal(row(Y).vetoed, true);
    assert.deepEqual(items.filter((x) => x.selected).map((x) => x.target_id), [X.id], '十佳: one, the vetoed skipped');
    const yr = (await dangwei.fetch(`/api/v1/evaluations/${year.id}/ranking`)).data;
    assert.deepEqual(yr.selection, { count: 1, title: '十佳标兵' }, 'the year\'s own selection');
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${year.id}/targets/${X.id}/explain`)).data;
    const e1 = ex.indicators.find((i) => i.code === 'e1');
    assert.deepEqual(e1.quarters.map((x) => [x.period, x.points]), [['2024Q1', 8], ['2024Q2', 9.5]]);
    assert.match(e1.rule, /\(8\.00 \+ 9\.50\) ÷ 2 个季度 = 8\.75/);
  });
  test('annual blend: the quarters weighted with the year\'s 民主评议', async () => {
    const scheme = (await dangwei.fetch('/api/v1/schemes', {
      method: 'POST', json: {
        code: 'annual_blend', name: '年度加权测试', target: 'member',
        settings: { annual: { mode: 'mean', blend: { indicator: 'py', weight: 20 } } },
        indicators: [
          { code: 'e1', name: '评定分', kind: 'entered', entered_by: 'party_admin', max_points: 10 },
          { code: 'py', name: '民主评议', kind: 'imported', max_points: 10 },
        ],
      },
    })).data;
    assert.equal(scheme.settings.annual.blend.weight, 20);
    const ind = Object.fromEntries(scheme.indicators.map((i) => [i.code, i.id]));
    const X = people.find((p) => p.political_status === '中共党员' && p.joined_party_on < '2023-01-01');
    for (const [period, v] of [['2023Q1', 8], ['2023Q2', 9.5]]) {
      const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period, notice_days: 0 } })).data;
      assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: X.id, indicator_id: ind.e1, points: v } })).status, 201);
      for (const st of ['review', 'notice', 'final'])
        assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: st, override_reason: '测试：部分对象本期不评分' } })).status, 200, st);
    }
    const year = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period: '2023', notice_days: 0 } })).data;
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${year.id}/entries`, { method: 'POST', json: { target_id: X.id, indicator_id: ind.py, points: 9 } })).status, 201);
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${year.id}/targets/${X.id}/explain`)).data;
    const node = (c) => ex.indicators.find((i) => i.code === c);
    assert.equal(node('e1').points, 7);   // (8 + 9.5) / 2 = 8.75, × 80 %
    assert.equal(node('py').points, 1.8); // 9 × 20 %
    assert.equal(ex.total, 8.8);
    assert.match(node('e1').rule, /× 权重 80% = 7\.00/);
  });
  test('the "1246" award categories: nominations by secretaries, one secret ballot per voter and award, winners with ties and vetoes', async () => {
    const vanguard = (await dangwei.fetch('/api/v1/schemes?active=1')).data.items.find((x) => x.code === 'vanguard');
    const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: vanguard.id, period: '2025Q2', notice_days: 0 } })).data;
    const aw = (await dangyuan.fetch(`/api/v1/evaluations/${ev.id}/awards`)).data.awards;
    assert.deepEqual(aw.map((a) => a.title), ['业务标兵', '进步标兵', '创新标兵', '奉献标兵', '生活标兵', '示范标兵']);
    const inB1 = people.filter((p) => p.branch_id === b1.id && p.political_status === '中共党员' && p.joined_party_on < '2024-01-01');
    const [A, B, C] = inB1;
    const D = people.find((p) => p.branch_id && p.branch_id !== b1.id && p.political_status === '中共党员' && p.joined_party_on < '2024-01-01');
    const nominate = (c, target, award = 'business', reason = '业务能力突出，攻坚成效明显') =>
      c.fetch(`/api/v1/evaluations/${ev.id}/nominations`, { method: 'POST', json: { award, target_id: target.id, reason } });
    assert.equal((await nominate(zhibu1, A)).status, 200);
    assertError(await nominate(zhibu1, D), 403, 'forbidden');
    assertError(await nominate(dangyuan, B), 403, 'forbidden');
    assertError(await nominate(dangwei, B, 'nonsense'), 400, 'invalid');
    assertError(await nominate(dangwei, B, 'business', '好'), 400, 'invalid');
    assertError(await nominate(zhibu1, A), 409, 'conflict');
    for (const p of [B, C, D]) assert.equal((await nominate(dangwei, p)).status, 200);
    const vote = (c, target, withdraw = false) =>
      c.fetch(`/api/v1/evaluations/${ev.id}/votes`, { method: 'POST', json: { award: 'business', target_id: target.id, withdraw } });
    assertError(await vote(dangyuan, A), 409, 'conflict'); // voting has not begun
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: 'scoring' } })).status, 200);
    assert.equal((await vote(dangyuan, A)).status, 200);
    assert.equal((await vote(dangyuan, B)).status, 200);
    assertError(await vote(dangyuan, C), 409, 'conflict'); // two votes each
    assertError(await vote(dangyuan, A), 409, 'conflict'); // once per nominee
    const keshi = await login(srv.url, 'keshi');
    assert.equal((await vote(keshi, A)).status, 200);
    assert.equal((await vote(zhibu2, A)).status, 200);
    assert.equal((await vote(jijian, C)).status, 200);
    assertError(await vote(jijian, people.find((p) => ![A, B, C, D].includes(p))), 400, 'invalid');
    const adminVote = await vote(admin, A);
    assert.equal(adminVote.status, 403, 'an account with no person does not vote');
    let biz = (await dangyuan.fetch(`/api/v1/evaluations/${ev.id}/awards`)).data.awards[0];
    const by = (p) => biz.nominees.find((x) => x.target_id === p.id);
    assert.deepEqual([by(A).votes, by(B).votes, by(C).votes, by(D).votes], [3, 1, 1, 0]);
    assert.deepEqual([by(A).winner, by(B).winner, by(C).winner, by(D).winner], [true, true, true, false], 'ties at the last place are kept');
    assert.equal(by(A).my_vote, true);
    assert.equal(by(C).my_vote, false);
    assert.ok(!JSON.stringify(biz).includes('voter'), 'no voter is named');
    // a vote taken back, a veto: the winners follow
    assert.equal((await vote(dangyuan, B, true)).status, 200);
    assertError(await vote(dangyuan, B, true), 404, 'not_found');
    assertError(await dangwei.fetch(`/api/v1/evaluations/${ev.id}/nominations`, { method: 'POST', json: { award: 'business', target_id: A.id, withdraw: true, extra: 1 } }), 400, 'invalid');
    assertError(await dangwei.fetch(`/api/v1/evaluations/${ev.id}/nominations`, { method: 'POST', json: { award: 'progress', target_id: A.id, withdraw: true } }), 404, 'not_found');
    const veto = (await dangwei.fetch(`/api/v1/schemes/${vanguard.id}`)).data.indicators.find((i) => i.kind === 'veto');
    assert.equal((await jijian.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: C.id, indicator_id: veto.id, reason: '违反十不准' } })).status, 201);
    biz = (await dangyuan.fetch(`/api/v1/evaluations/${ev.id}/awards`)).data.awards[0];
    assert.deepEqual(biz.nominees.filter((x) => x.winner).map((x) => x.target_id), [A.id]);
    const audit = (await admin.fetch('/api/v1/audit?object_type=evaluation&limit=200')).data.items.filter((a) => a.action === 'vote');
    assert.ok(audit.length >= 5);
    assert.ok(audit.every((a) => !JSON.stringify(a.after ?? a.after_json ?? '').includes('target')), 'the audit keeps the ballot secret');
    for (const st of ['review', 'notice', 'final'])
      assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: st, override_reason: '测试：部分对象本期不评分' } })).status, 200, st);
    assertError(await vote(keshi, B), 409, 'conflict');
  });
});
