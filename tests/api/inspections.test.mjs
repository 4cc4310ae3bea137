// Supervision of conduct (issue 13, items 1-3): the bureau's 十不准 as data
// (/conduct-rules, versioned by date), inspections and their findings
// (/inspections, /findings), confirmation by the 纪检 lead, a person's own
// findings (日提醒), the month's bulletin (月通报), the year's counts, the
// quarter's review (季讲评), and the index engine's violation sources.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

/** A file download: status and content type (the body is not JSON). */
async function download(client, p) {
  const res = await fetch(`${client.url}${p}`, { headers: { Cookie: client.cookie } });
  await res.arrayBuffer();
  return { status: res.status, type: res.headers.get('content-type') };
}

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

describe('inspections: rules, findings, confirmation, reminders, bulletin, counts, reviews, index sources', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, jijian, dangyuan, me, people, orgs, rules;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    jijian = await login(srv.url, 'jijian');
    dangyuan = await login(srv.url, 'dangyuan');
    me = (await dangyuan.fetch('/api/v1/people')).data.items[0];
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    rules = (await dangyuan.fetch('/api/v1/conduct-rules')).data.items;
  });
  after(async () => { await srv.stopClean(); });
  const rule = (code) => rules.find((r) => r.code === code);
  const branch = (name) => orgs.find((o) => o.name === name && o.type === '党支部');

  test('a new bureau has the 十不准 of seed 002, readable by every member; 纪检 changes them by version', async () => {
    assert.equal(rules.length, 10);
    assert.ok(rules.every((r) => r.rule_set === '十不准' && r.valid_to === null));
    assert.match(rule('sbz01').text, /^不准在上班时间炒股、玩游戏、打牌、购物、就餐/);
    assert.equal(rule('sbz06').veto, true);
    assert.equal(rule('sbz02').deduct_points, 1);
    assertError(await dangyuan.fetch(`/api/v1/conduct-rules/${rule('sbz02').id}`, { method: 'PATCH', json: { deduct_points: 2 } }), 403, 'forbidden');
    assertError(await zhibu1.fetch('/api/v1/conduct-rules', { method: 'POST', json: { code: 'x1', text: '不准', severity: '一般' } }), 403, 'forbidden');
    assertFieldError(await jijian.fetch('/api/v1/conduct-rules', { method: 'POST', json: { code: 'sbz01', text: '重复', severity: '一般' } }), 'code');
    assertFieldError(await jijian.fetch('/api/v1/conduct-rules', { method: 'POST', json: { code: 'x2', text: '不准', severity: '很重' } }), 'severity');
    const add = await jijian.fetch('/api/v1/conduct-rules', { method: 'POST', json: { code: 'sbz11', seq: 11, text: '不准违规操办婚丧喜庆事宜', severity: '较重', deduct_points: 3, valid_from: '2025-01-01' } });
    assert.equal(add.status, 201, JSON.stringify(add.data));
    // a new version from 2026-01-01: the old one ends on 2025-12-31
    const v2 = await jijian.fetch(`/api/v1/conduct-rules/${add.data.id}`, { method: 'PATCH', json: { new_version: true, valid_from: '2026-01-01', deduct_points: 4 } });
    assert.equal(v2.status, 201, JSON.stringify(v2.data));
    assert.equal(v2.data.replaces_id, add.data.id);
    assert.equal(v2.data.deduct_points, 4);
    assert.equal(v2.data.code, 'sbz11');
    const on2025 = (await dangyuan.fetch('/api/v1/conduct-rules?on=2025-06-01')).data.items.find((r) => r.code === 'sbz11');
    assert.equal(on2025.id, add.data.id);
    assert.equal(on2025.valid_to, '2025-12-31');
    const on2026 = (await dangyuan.fetch('/api/v1/conduct-rules?on=2026-06-01')).data.items.find((r) => r.code === 'sbz11');
    assert.equal(on2026.id, v2.data.id);
    assertFieldError(await jijian.fetch(`/api/v1/conduct-rules/${add.data.id}`, { method: 'PATCH', json: { new_version: true, valid_from: '2026-02-01' } }), 'valid_from');
    const audit = (await admin.fetch('/api/v1/audit?object_type=conduct_rule&limit=100')).data.items;
    assert.ok(audit.filter((a) => a.username === 'jijian').length >= 3, JSON.stringify(audit.map((a) => a.action)));
    const file = await download(dangyuan, '/api/v1/conduct-rules?format=xlsx');
    assert.equal(file.status, 200);
    assert.match(file.type, /spreadsheetml/);
  });

  test('a confirmed finding reaches the person and their secretary the same day; the 纪检 lead decides once', async () => {
    const insp = await jijian.fetch('/api/v1/inspections', { method: 'POST', json: { kind: 'daily', held_on: '2025-11-03', place: '办公楼三层', inspectors: '纪检组 李明' } });
    assert.equal(insp.status, 201, JSON.stringify(insp.data));
    assertError(await dangyuan.fetch('/api/v1/inspections', { method: 'POST', json: { kind: 'daily', held_on: '2025-11-03', inspectors: 'x' } }), 403, 'forbidden');
    assertFieldError(await jijian.fetch('/api/v1/inspections', { method: 'POST', json: { kind: 'weekly', held_on: '2025-11-03', inspectors: 'x' } }), 'kind');
    assertFieldError(await jijian.fetch(`/api/v1/inspections/${insp.data.id}/findings`, { method: 'POST', json: { rule_id: rule('sbz01').id, description: '无人' } }), 'person_ids');
    const f = await jijian.fetch(`/api/v1/inspections/${insp.data.id}/findings`, { method: 'POST', json: { rule_id: rule('sbz02').id, person_ids: [me.id], description: '上午九点半到岗' } });
    assert.equal(f.status, 201, JSON.stringify(f.data));
    assert.equal(f.data.state, 'open');
    assert.equal(f.data.org_name, '机关第一党支部');
    assert.equal(f.data.people_names, me.name);
    // the person sees it (open) and explains; another branch's secretary does not see it
    const mine = (await dangyuan.fetch('/api/v1/findings?mine=1')).data;
    assert.deepEqual(mine.items.map((x) => x.id), [f.data.id]);
    assertError(await zhibu2.fetch(`/api/v1/findings/${f.data.id}`), 403, 'forbidden');
    assert.equal((await zhibu2.fetch('/api/v1/findings')).data.total, 0);
    const ex = await dangyuan.fetch(`/api/v1/findings/${f.data.id}/explanation`, { method: 'POST', json: { explanation: '早上送孩子上学，堵车' } });
    assert.equal(ex.status, 200, JSON.stringify(ex.data));
    assert.equal(ex.data.explanation, '早上送孩子上学，堵车');
    // waiting for a decision: a warning for the 纪检 lead only
    const pendingFor = async (c) => (await c.fetch('/api/v1/warnings')).data.items.filter((w) => w.code === 'finding_pending' && w.message.includes(me.name));
    assert.equal((await pendingFor(jijian)).length, 1);
    assert.equal((await pendingFor(dangwei)).length, 0);
    assert.equal((await pendingFor(zhibu1)).length, 0);
    // only the lead decides
    assertError(await dangwei.fetch(`/api/v1/findings/${f.data.id}/decision`, { method: 'POST', json: { state: 'confirmed' } }), 403, 'forbidden');
    assertError(await zhibu1.fetch(`/api/v1/findings/${f.data.id}/decision`, { method: 'POST', json: { state: 'confirmed' } }), 403, 'forbidden');
    assertFieldError(await jijian.fetch(`/api/v1/findings/${f.data.id}/decision`, { method: 'POST', json: { state: 'maybe' } }), 'state');
    const ok = await jijian.fetch(`/api/v1/findings/${f.data.id}/decision`, { method: 'POST', json: { state: 'confirmed', note: '情况属实' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.data));
    assert.equal(ok.data.state, 'confirmed');
    assertError(await jijian.fetch(`/api/v1/findings/${f.data.id}/decision`, { method: 'POST', json: { state: 'dismissed' } }), 409, 'conflict');
    assertError(await dangyuan.fetch(`/api/v1/findings/${f.data.id}/explanation`, { method: 'POST', json: { explanation: '再补充' } }), 409, 'conflict');
    // 日提醒: the person's and the secretary's lists of confirmed findings
    const own = (await dangyuan.fetch('/api/v1/findings?mine=1&state=confirmed')).data.items;
    assert.equal(own.length, 1);
    assert.equal(own[0].decision_note, '情况属实');
    const sec = (await zhibu1.fetch('/api/v1/findings?state=confirmed')).data.items;
    assert.deepEqual(sec.map((x) => x.id), [f.data.id]);
    // and in their warnings (GET /warnings, the dashboard's list), not in another branch's
    const confirmedFor = async (c) => (await c.fetch('/api/v1/warnings')).data.items.filter((w) => w.code === 'finding_confirmed' && w.message.includes(me.name));
    for (const c of [dangyuan, zhibu1]) {
      const w = await confirmedFor(c);
      assert.equal(w.length, 1, c.user.username);
      assert.equal(w[0].due, '2025-11-03');
      assert.match(w[0].message, /办公楼三层/);
    }
    assert.equal((await confirmedFor(zhibu2)).length, 0);
    assert.equal((await pendingFor(jijian)).length, 0, 'decided: no longer pending');
    const actions = (await admin.fetch('/api/v1/audit?object_type=finding&limit=50')).data.items.map((a) => a.action);
    assert.ok(['create', 'update', 'confirm'].every((a) => actions.includes(a)), JSON.stringify(actions));
    // evidence through /files
    const form = new FormData();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a2b40000000049454e44ae426082', 'hex');
    form.append('file', new Blob([png]), '现场.png');
    form.append('object_type', 'finding');
    form.append('object_id', String(f.data.id));
    const up = await fetch(`${jijian.url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: jijian.cookie, 'X-CSRF-Token': jijian.csrf } });
    assert.equal(up.status, 201, await up.text());
    const got = (await dangyuan.fetch(`/api/v1/findings/${f.data.id}`)).data;
    assert.equal(got.files.length, 1);
    assert.equal((await download(dangyuan, `/api/v1/files/${got.files[0].id}`)).status, 200);
    assert.equal((await download(zhibu2, `/api/v1/files/${got.files[0].id}`)).status, 403);
  });

  test('a confirmed 十不准 finding makes the member\'s 先锋指数 deduction and veto compute from it, named in the explanation', async () => {
    const scheme = await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: {
      code: 'vanguard_conduct', name: '先锋指数（作风）', target: 'member', settings: { select: { count: 10 } },
      indicators: [
        { code: 'base', name: '基础分', kind: 'computed', source: 'meetings_attended', max_points: 10, params: { map: 'direct' } },
        { code: 'ded', name: '违反十不准扣分', kind: 'deduction', source: 'violation_points', max_points: 10 },
        { code: 'veto', name: '十不准否决', kind: 'veto', source: 'violation_vetoes' },
        { code: 'cnt', name: '无违纪', kind: 'computed', source: 'violations', max_points: 5, params: { map: 'steps', steps: [[0, 5], [1, 0]] } },
      ] } });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.data));
    // a veto rule, confirmed, on another day of the quarter
    const insp = (await jijian.fetch('/api/v1/inspections', { method: 'POST', json: { kind: 'spot', held_on: '2025-12-02', inspectors: '纪检组' } })).data;
    const f = (await jijian.fetch(`/api/v1/inspections/${insp.id}/findings`, { method: 'POST', json: { rule_id: rule('sbz07').id, person_ids: [me.id], description: '收受购物卡一张' } })).data;
    await jijian.fetch(`/api/v1/findings/${f.id}/decision`, { method: 'POST', json: { state: 'confirmed' } });
    // a dismissed one does not count
    const g = (await jijian.fetch(`/api/v1/inspections/${insp.id}/findings`, { method: 'POST', json: { rule_id: rule('sbz04').id, person_ids: [me.id], description: '误报' } })).data;
    await jijian.fetch(`/api/v1/findings/${g.id}/decision`, { method: 'POST', json: { state: 'dismissed' } });
    const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.data.id, period: '2025Q4', notice_days: 0 } })).data;
    const c = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/compute`, { method: 'POST' });
    assert.equal(c.status, 200, JSON.stringify(c.data));
    const rank = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/ranking`)).data.items;
    const row = rank.find((x) => x.target_id === me.id);
    assert.equal(row.vetoed, true);
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${me.id}/explain`)).data;
    const node = (code) => ex.indicators.find((i) => i.code === code);
    // sbz02 (1 point, the first test) + sbz07 (5 points); the dismissed sbz04 is left out
    assert.equal(node('ded').points, -6);
    assert.deepEqual(node('ded').findings.map((x) => x.finding_id).sort(), [f.id, (await dangyuan.fetch('/api/v1/findings?mine=1&rule_id=' + rule('sbz02').id)).data.items[0].id].sort());
    assert.ok(node('ded').findings.some((x) => x.finding_id === f.id && x.rule_code === 'sbz07' && x.points === 5 && x.veto));
    assert.deepEqual(node('veto').findings.map((x) => x.finding_id).includes(f.id), true);
    assert.match(node('veto').rule, /否决/);
    assert.equal(node('cnt').points, 0);
    assert.equal(node('cnt').records.findings.length, 2);
    // someone without findings: no deduction, no veto, full 无违纪
    const other = rank.find((x) => x.target_id !== me.id);
    assert.equal(other.vetoed, false);
    const ox = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${other.target_id}/explain`)).data;
    assert.equal(ox.indicators.find((i) => i.code === 'ded').points, 0);
    assert.equal(ox.indicators.find((i) => i.code === 'cnt').points, 5);
    // published (公示): a finding confirmed afterwards does not change the notice; an entry still does
    for (const state of ['review', 'notice']) {
      const st = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state, override_reason: '测试：评分未全' } });
      assert.equal(st.status, 200, JSON.stringify(st.data));
    }
    const late = (await jijian.fetch(`/api/v1/inspections/${insp.id}/findings`, { method: 'POST', json: { rule_id: rule('sbz01').id, person_ids: [me.id], description: '公示后认定' } })).data;
    await jijian.fetch(`/api/v1/findings/${late.id}/decision`, { method: 'POST', json: { state: 'confirmed' } });
    const ind = (await dangwei.fetch(`/api/v1/schemes/${scheme.data.id}`)).data.indicators.find((i) => i.code === 'ded');
    const en = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: me.id, indicator_id: ind.id, points: 1, reason: '答复异议后调整' } });
    assert.equal(en.status, 201, JSON.stringify(en.data));
    const px = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${me.id}/explain`)).data;
    const pded = px.indicators.find((i) => i.code === 'ded');
    assert.equal(pded.points, -7, JSON.stringify(pded));
    assert.ok(!pded.findings.some((x) => x.finding_id === late.id));
    // the bureau's default 先锋指数 counts them the same way (作风纪律扣分（十不准）, 一票否决)
    const vanguard = (await dangwei.fetch('/api/v1/schemes?active=1')).data.items.find((x) => x.code === 'vanguard');
    const dev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: vanguard.id, period: '2025Q4', notice_days: 0 } })).data;
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${dev.id}/compute`, { method: 'POST' })).status, 200);
    const dx = (await dangwei.fetch(`/api/v1/evaluations/${dev.id}/targets/${me.id}/explain`)).data;
    assert.equal(dx.vetoed, true);
    const conduct = dx.indicators.find((i) => i.code === 'conduct');
    assert.equal(conduct.points, -7); // with the one confirmed after the other's notice
    assert.ok(conduct.findings.some((x) => x.finding_id === f.id));
    assert.ok(dx.indicators.find((i) => i.code === 'veto').findings.some((x) => x.finding_id === f.id));
    // a deduction may only name a violation source
    const bad = await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: {
      code: 'bad_ded', name: '坏', target: 'member', indicators: [{ code: 'd', name: '扣', kind: 'deduction', source: 'study_hours', max_points: 5 }] } });
    assertError(bad, 400, 'invalid');
  });

  test('a finding is answerable to the branch the person was in on the day, and a branch checks only its own', async () => {
    const b1 = branch('机关第一党支部');
    const b3 = branch('机关第三党支部');
    const p = people.filter((x) => x.branch_id === b1.id && x.political_status === '中共党员' && x.id !== me.id)[3];
    const moved = await admin.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { branch_id: b3.id, effective_on: '2025-03-01' } });
    assert.equal(moved.status, 200, JSON.stringify(moved.data));
    const insp = (await jijian.fetch('/api/v1/inspections', { method: 'POST', json: { kind: 'daily', held_on: '2025-02-10', inspectors: '纪检组' } })).data;
    const f = (await jijian.fetch(`/api/v1/inspections/${insp.id}/findings`, { method: 'POST', json: { rule_id: rule('sbz01').id, person_ids: [p.id], description: '转出前的问题' } })).data;
    assert.equal(f.org_id, b1.id);
    // the first branch's own check may name its members, not another branch's
    const own = await zhibu1.fetch('/api/v1/inspections', { method: 'POST', json: { org_id: b1.id, kind: 'daily', held_on: '2025-04-01', inspectors: '支部自查' } });
    assert.equal(own.status, 201, JSON.stringify(own.data));
    assertFieldError(await zhibu1.fetch(`/api/v1/inspections/${own.data.id}/findings`, { method: 'POST', json: { rule_id: rule('sbz01').id, person_ids: [p.id], description: '已转出' } }), 'person_ids');
    const ok = await zhibu1.fetch(`/api/v1/inspections/${own.data.id}/findings`, { method: 'POST', json: { rule_id: rule('sbz01').id, person_ids: [me.id], description: '支部自查发现' } });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    // the secretary records, but only the 纪检 lead decides
    assertError(await zhibu1.fetch(`/api/v1/findings/${ok.data.id}/decision`, { method: 'POST', json: { state: 'dismissed' } }), 403, 'forbidden');
    assert.equal((await jijian.fetch(`/api/v1/findings/${ok.data.id}/decision`, { method: 'POST', json: { state: 'dismissed' } })).status, 200);
  });

  test('a year of inspections counts as a hand count, per month and in the bulletin per branch and department', async () => {
    const b2 = branch('机关第二党支部');
    const b2people = people.filter((p) => p.branch_id === b2.id && p.political_status === '中共党员').slice(0, 3);
    assert.equal(b2people.length, 3);
    const depts = (await admin.fetch('/api/v1/departments')).data.items;
    const hand = { inspections: {}, findings: {}, confirmed: {}, dismissed: {}, open: {} };
    const bump = (k, m) => { hand[k][m] = (hand[k][m] || 0) + 1; };
    const julyBranch = {};
    const julyDept = {};
    let n = 0;
    for (let m = 1; m <= 12; m++) {
      const mm = String(m).padStart(2, '0');
      for (let k = 0; k < (m % 3) + 1; k++) {
        const day = `2024-${mm}-${String(5 + k * 7).padStart(2, '0')}`;
        const dept = depts[(m + k) % depts.length];
        const insp = await jijian.fetch('/api/v1/inspections', { method: 'POST', json: { kind: k ? 'spot' : 'daily', held_on: day, inspectors: '纪检组', department_id: dept.id } });
        assert.equal(insp.status, 201, JSON.stringify(insp.data));
        bump('inspections', mm);
        for (let j = 0; j < (m + k) % 3; j++) {
          const who = b2people[(n++) % 3];
          const f = (await jijian.fetch(`/api/v1/inspections/${insp.data.id}/findings`, { method: 'POST', json: { rule_id: rule(j ? 'sbz03' : 'sbz01').id, person_ids: [who.id], description: `第${n}条` } })).data;
          bump('findings', mm);
          const state = n % 4 === 0 ? 'dismissed' : n % 4 === 1 ? null : 'confirmed';
          if (state) await jijian.fetch(`/api/v1/findings/${f.id}/decision`, { method: 'POST', json: { state } });
          bump(state || 'open', mm);
          if (mm === '07' && state === 'confirmed') {
            julyBranch[b2.name] = (julyBranch[b2.name] || 0) + 1;
            julyDept[dept.name] = (julyDept[dept.name] || 0) + 1;
          }
        }
      }
    }
    const st = (await jijian.fetch('/api/v1/inspections/statistics?year=2024')).data;
    for (const row of st.months) {
      const mm = row.month.slice(5);
      for (const k of ['inspections', 'findings', 'confirmed', 'dismissed', 'open'])
        assert.equal(row[k], hand[k][mm] || 0, `${row.month} ${k}`);
    }
    const sum = (k) => Object.values(hand[k]).reduce((a, b) => a + b, 0);
    assert.equal(st.total.inspections, sum('inspections'));
    assert.equal(st.total.findings, sum('findings'));
    assert.equal(st.total.confirmed, sum('confirmed'));
    assert.equal((await jijian.fetch('/api/v1/inspections?from=2024-01-01&to=2024-12-31')).data.total, sum('inspections'));
    const bul = (await jijian.fetch('/api/v1/findings/bulletin?month=2024-07')).data;
    assert.equal(bul.total, Object.values(julyBranch).reduce((a, b) => a + b, 0));
    assert.deepEqual(Object.fromEntries(bul.by_branch.map((r) => [r.name, r.findings])), julyBranch);
    assert.deepEqual(Object.fromEntries(bul.by_department.map((r) => [r.name, r.findings])), julyDept);
    const xlsx = await download(jijian, '/api/v1/findings/bulletin?month=2024-07&format=xlsx');
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.type, /spreadsheetml/);
    assertFieldError(await jijian.fetch('/api/v1/findings/bulletin?month=2024-13'), 'month');
    // the branch's secretary sees only their branch's part; a member none of it
    assert.equal((await zhibu1.fetch('/api/v1/findings/bulletin?month=2024-07')).data.total, 0);
    assert.equal((await dangyuan.fetch('/api/v1/findings/bulletin?month=2024-07')).data.total, 0);
    // 季讲评 of a quarter with its decided findings
    const q3 = (await jijian.fetch('/api/v1/findings?from=2024-07-01&to=2024-09-30&state=confirmed&limit=500')).data.items;
    assert.ok(q3.length > 0);
    const rv = await jijian.fetch('/api/v1/conduct-reviews', { method: 'POST', json: { period: '2024Q3', held_on: '2024-10-10', title: '三季度讲评', conclusions: '迟到早退有所减少', finding_ids: q3.map((x) => x.id) } });
    assert.equal(rv.status, 201, JSON.stringify(rv.data));
    assertFieldError(await jijian.fetch('/api/v1/conduct-reviews', { method: 'POST', json: { period: '2024Q2', held_on: '2024-10-10', conclusions: 'x', finding_ids: [q3[0].id] } }), 'finding_ids');
    assertError(await dangyuan.fetch('/api/v1/conduct-reviews'), 403, 'forbidden');
    const list = (await jijian.fetch('/api/v1/conduct-reviews?period=2024Q3')).data.items;
    assert.deepEqual(list[0].finding_ids, q3.map((x) => x.id).sort((a, b) => a - b));
  });
});
