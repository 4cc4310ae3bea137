// 民主评议党员 (/api/v1/appraisals) and 支部书记述职评议 (/api/v1/secretary-reviews):
// self-appraisal, the secret mutual ballot (counts only), the branch's grading
// with 优秀 capped by a dated setting, 预备党员 not graded, the 不合格
// follow-up linked to a talk and a rectification; the secretary's report
// with the figures of the records and the secret rating (counts only).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError } from './harness.mjs';

const TODAY = '2026-11-20';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
  return e.fields[field];
}

describe('民主评议党员 and 支部书记述职评议', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, keshi, branch1, appraisal;
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin');
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    keshi = await login(srv.url, 'keshi');
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    branch1 = orgs.find((o) => o.name === '机关第一党支部');
  });
  after(async () => { await srv.stopClean(); });

  test('the cap: the official default, then a dated setting of the bureau', async () => {
    const s = await dangyuan.fetch('/api/v1/appraisals/settings');
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.deepEqual([s.data.current.excellent_num, s.data.current.excellent_den, s.data.current.cap_base], [1, 3, 'graded']);
    assert.deepEqual(s.data.items, []);
    // the index engine offers the results as computed sources (core/index_src_appraisals)
    const src = (await dangyuan.fetch('/api/v1/index-sources')).data.items;
    assert.ok(src.some((x) => x.name === 'appraisal_grade' && x.target === 'member'));
    assert.ok(src.some((x) => x.name === 'appraisal_excellent_rate' && x.target === 'branch'));
    assertError(await zhibu1.fetch('/api/v1/appraisals/settings', { method: 'POST', json: { effective_from: '2027-01-01', excellent_num: 1, excellent_den: 4 } }), 403, 'forbidden');
    assertFieldError(await dangwei.fetch('/api/v1/appraisals/settings', { method: 'POST', json: { effective_from: '2027-01-01', excellent_num: 5, excellent_den: 4 } }), 'excellent_num');
    assertFieldError(await dangwei.fetch('/api/v1/appraisals/settings', { method: 'POST', json: { effective_from: '2027-01-01', excellent_num: 1, excellent_den: 4, cap_base: 'all' } }), 'cap_base');
  });

  test('a branch opens its appraisal with its members; 预备党员 take part, not graded', async () => {
    assertError(await zhibu2.fetch('/api/v1/appraisals', { method: 'POST', json: { org_id: branch1.id, year: 2026 } }), 403, 'forbidden');
    assertError(await dangyuan.fetch('/api/v1/appraisals', { method: 'POST', json: { org_id: branch1.id, year: 2026 } }), 403, 'forbidden');
    assertFieldError(await zhibu1.fetch('/api/v1/appraisals', { method: 'POST', json: { org_id: branch1.id, year: 2020 } }), 'year');
    const r = await zhibu1.fetch('/api/v1/appraisals', { method: 'POST', json: { org_id: branch1.id, year: 2026, note: '2026年度民主评议党员' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    appraisal = r.data;
    assert.equal(appraisal.status, 'open');
    const people = (await admin.fetch(`/api/v1/people?limit=500`)).data.items.filter((p) => p.branch_id === branch1.id);
    const members = people.filter((p) => ['中共党员', '中共预备党员'].includes(p.political_status));
    assert.equal(appraisal.members, members.length);
    assertError(await zhibu1.fetch('/api/v1/appraisals', { method: 'POST', json: { org_id: branch1.id, year: 2026 } }), 409, 'conflict');
    // another branch's secretary does not see it; the member does (as a participant)
    assert.equal((await zhibu2.fetch('/api/v1/appraisals')).data.total, 0);
    assertError(await zhibu2.fetch(`/api/v1/appraisals/${appraisal.id}`), 404, 'not_found');
    const l = await dangyuan.fetch('/api/v1/appraisals');
    assert.deepEqual(l.data.items.map((x) => x.id), [appraisal.id]);
  });

  test('self-appraisal and the secret mutual ballot: counts only, one ballot a person', async () => {
    const id = appraisal.id;
    assertFieldError(await dangyuan.fetch(`/api/v1/appraisals/${id}/self`, { method: 'PUT', json: { self_text: '太短' } }), 'self_text');
    const text = '一年来认真学习党的理论，按时参加组织生活，按时交纳党费，工作中还有不够主动的地方。';
    const s = await dangyuan.fetch(`/api/v1/appraisals/${id}/self`, { method: 'PUT', json: { self_text: text } });
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.equal(s.data.self_on, TODAY);
    assertError(await zhibu2.fetch(`/api/v1/appraisals/${id}/self`, { method: 'PUT', json: { self_text: text } }), 404, 'not_found');
    const me = dangyuan.user.person_id, sec = zhibu1.user.person_id, ks = keshi.user.person_id;
    assertFieldError(await dangyuan.fetch(`/api/v1/appraisals/${id}/ballot`, { method: 'POST', json: { ratings: [{ person_id: me, grade: '优秀' }] } }), 'ratings');
    assertFieldError(await dangyuan.fetch(`/api/v1/appraisals/${id}/ballot`, { method: 'POST', json: { ratings: [{ person_id: sec, grade: '良好' }] } }), 'ratings');
    let b = await dangyuan.fetch(`/api/v1/appraisals/${id}/ballot`, { method: 'POST', json: { ratings: [{ person_id: sec, grade: '优秀' }, { person_id: ks, grade: '合格' }] } });
    assert.equal(b.status, 201, JSON.stringify(b.data));
    assertError(await dangyuan.fetch(`/api/v1/appraisals/${id}/ballot`, { method: 'POST', json: { ratings: [{ person_id: ks, grade: '优秀' }] } }), 409, 'conflict');
    b = await keshi.fetch(`/api/v1/appraisals/${id}/ballot`, { method: 'POST', json: { ratings: [{ person_id: sec, grade: '优秀' }, { person_id: me, grade: '基本合格' }] } });
    assert.equal(b.status, 201, JSON.stringify(b.data));
    const d = (await zhibu1.fetch(`/api/v1/appraisals/${id}`)).data;
    assert.equal(d.ballots, 2);
    const row = (pid) => d.items.find((m) => m.person_id === pid);
    assert.deepEqual(row(sec).mutual, { 优秀: 2, 合格: 0, 基本合格: 0, 不合格: 0 });
    assert.deepEqual(row(ks).mutual, { 优秀: 0, 合格: 1, 基本合格: 0, 不合格: 0 });
    assert.equal(row(me).self_text, text);
    // nothing answers who rated whom: not the record, not the audit
    assert.doesNotMatch(JSON.stringify(d), /rater|voter|ballots_of/);
    const audit = (await admin.fetch(`/api/v1/audit?object_type=appraisal&limit=50`)).data.items.filter((a) => a.action === 'vote');
    assert.equal(audit.length, 2);
    for (const a of audit) assert.deepEqual(a.after, { rated: 2 });
    // a participant sees the names, not the others' texts or counts, and their own counts only after grading
    const mine = (await dangyuan.fetch(`/api/v1/appraisals/${id}`)).data;
    assert.equal(mine.items.find((m) => m.person_id === sec).mutual, undefined);
    assert.equal(mine.me.voted, true);
    assert.equal(mine.me.mutual, null);
  });

  let grades, full;
  test('grading: every full member, 优秀 at most a third, 预备党员 never graded', async () => {
    const id = appraisal.id;
    const d = (await zhibu1.fetch(`/api/v1/appraisals/${id}`)).data;
    full = d.items.filter((m) => m.category === '正式党员');
    const prob = d.items.filter((m) => m.category === '预备党员');
    const max = Math.floor(full.length / 3);
    assert.equal(d.cap.max_excellent, max);
    const base = (excellent) => full.map((m, i) => ({ person_id: m.person_id, grade: i < excellent ? '优秀' : '合格' }));
    // one over the cap is refused, naming the limit
    const msg = assertFieldError(await zhibu1.fetch(`/api/v1/appraisals/${id}/grades`, { method: 'PUT', json: { grades: base(max + 1) } }), 'grades');
    assert.match(msg, new RegExp(`至多 ${max} 人`));
    if (prob.length) {
      assertFieldError(await zhibu1.fetch(`/api/v1/appraisals/${id}/grades`, { method: 'PUT', json: { grades: [...base(0), { person_id: prob[0].person_id, grade: '合格' }] } }), 'grades');
    }
    assertFieldError(await zhibu1.fetch(`/api/v1/appraisals/${id}/grades`, { method: 'PUT', json: { grades: base(0).slice(1) } }), 'grades');
    assertError(await dangyuan.fetch(`/api/v1/appraisals/${id}/grades`, { method: 'PUT', json: { grades: base(0) } }), 403, 'forbidden');
    grades = base(max);
    const dy = grades.find((g) => g.person_id === dangyuan.user.person_id);
    grades.find((g) => g.person_id !== dangyuan.user.person_id && g.grade === '合格').grade = '不合格';
    const r = await zhibu1.fetch(`/api/v1/appraisals/${id}/grades`, { method: 'PUT', json: { grades } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.status, 'graded');
    assert.equal(r.data.graded_on, TODAY);
    assert.equal(r.data.items.filter((m) => m.grade === '优秀').length, max);
    for (const p of prob) assert.equal(r.data.items.find((m) => m.person_id === p.person_id).grade, null);
    // the ballot is closed; the member sees their own grade and counts on the phone
    assertError(await zhibu1.fetch(`/api/v1/appraisals/${id}/ballot`, { method: 'POST', json: { ratings: [{ person_id: dangyuan.user.person_id, grade: '合格' }] } }), 409, 'conflict');
    const m = (await dangyuan.fetch('/api/v1/appraisals/mine')).data.items[0];
    assert.equal(m.me.grade, dy.grade);
    assert.deepEqual(m.me.mutual, { 优秀: 0, 合格: 0, 基本合格: 1, 不合格: 0 });
    assert.ok(m.items.every((x) => x.grade === undefined && x.mutual === undefined));
    // the export of the results
    const csv = await (await fetch(`${srv.url}/api/v1/appraisals/${id}/members?format=csv`, { headers: { Cookie: zhibu1.cookie } })).text();
    assert.match(csv, /姓名,类别,自评日期,自我评价,互评优秀,互评合格,互评基本合格,互评不合格,评定等次/);
    assertError(await dangyuan.fetch(`/api/v1/appraisals/${id}/members`), 403, 'forbidden');
  });

  test('the index engine reads the grades: appraisal_grade explained down to the record', async () => {
    const scheme = await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: {
      code: 'appraisal_probe', name: '民主评议测试指数', target: 'member',
      indicators: [{ code: 'ap', name: '民主评议等次', kind: 'computed', source: 'appraisal_grade', max_points: 10, params: { map: 'linear', target: 4 } }],
    } });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.data));
    const ev = await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.data.id, period: '2026', notice_days: 0 } });
    assert.equal(ev.status, 201, JSON.stringify(ev.data));
    const c = await dangwei.fetch(`/api/v1/evaluations/${ev.data.id}/compute`, { method: 'POST' });
    assert.equal(c.status, 200, JSON.stringify(c.data));
    const excellent = grades.find((g) => g.grade === '优秀');
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${ev.data.id}/targets/${excellent.person_id}/explain`)).data;
    const node = ex.indicators.find((i) => i.code === 'ap');
    assert.equal(node.points, 10);
    assert.deepEqual(node.records.appraisals.map((a) => [a.year, a.grade, a.branch]), [[2026, '优秀', branch1.name]]);
    const basic = grades.find((g) => g.grade === '不合格');
    const ex2 = (await dangwei.fetch(`/api/v1/evaluations/${ev.data.id}/targets/${basic.person_id}/explain`)).data;
    assert.equal(ex2.indicators.find((i) => i.code === 'ap').points, 2.5);
  });

  test('a dated setting of 1/4 from the year applies to the regrading', async () => {
    const id = appraisal.id;
    const s = await dangwei.fetch('/api/v1/appraisals/settings', { method: 'POST', json: { effective_from: '2026-01-01', excellent_num: 1, excellent_den: 4, source: '本单位2026年实施方案' } });
    assert.equal(s.status, 201, JSON.stringify(s.data));
    const max4 = Math.floor(full.length / 4);
    const d = (await zhibu1.fetch(`/api/v1/appraisals/${id}`)).data;
    assert.equal(d.cap.max_excellent, max4);
    const over = full.map((m, i) => ({ person_id: m.person_id, grade: i <= max4 ? '优秀' : '合格' }));
    assertFieldError(await zhibu1.fetch(`/api/v1/appraisals/${id}/grades`, { method: 'PUT', json: { grades: over } }), 'grades');
    const audit = (await admin.fetch('/api/v1/audit?object_type=appraisal_setting&limit=5')).data.items;
    assert.equal(audit.length, 1);
  });

  test('a 不合格 member is followed up: a talk and a rectification linked', async () => {
    const id = appraisal.id;
    const bad = grades.find((g) => g.grade === '不合格').person_id;
    const ok = grades.find((g) => g.grade === '合格').person_id;
    const t = await zhibu1.fetch('/api/v1/talks', { method: 'POST', json: { org_id: branch1.id, held_on: TODAY, kind: '谈心', occasion: '民主评议不合格', talkers: [zhibu1.user.person_id], talkees: [bad] } });
    assert.equal(t.status, 201, JSON.stringify(t.data));
    const rect = await zhibu1.fetch('/api/v1/rectifications', { method: 'POST', json: { org_id: branch1.id, source: 'other', problem: '民主评议不合格，限期整改', owner_person_id: bad, found_on: TODAY, due_on: '2027-02-20' } });
    assert.equal(rect.status, 201, JSON.stringify(rect.data));
    assertError(await zhibu1.fetch(`/api/v1/appraisals/${id}/members/${ok}/follow-up`, { method: 'PUT', json: { talk_id: t.data.id } }), 409, 'conflict');
    assertFieldError(await zhibu1.fetch(`/api/v1/appraisals/${id}/members/${bad}/follow-up`, { method: 'PUT', json: { talk_id: 987654 } }), 'talk_id');
    const f = await zhibu1.fetch(`/api/v1/appraisals/${id}/members/${bad}/follow-up`, { method: 'PUT', json: { talk_id: t.data.id, rectification_id: rect.data.id, followup_note: '限期改正' } });
    assert.equal(f.status, 200, JSON.stringify(f.data));
    const row = (await zhibu1.fetch(`/api/v1/appraisals/${id}`)).data.items.find((m) => m.person_id === bad);
    assert.deepEqual([row.talk_id, row.rectification_id, row.followup_note], [t.data.id, rect.data.id, '限期改正']);
  });

  test('支部书记述职评议: the report with the figures, a secret rating, counts only', async () => {
    assertError(await zhibu1.fetch('/api/v1/secretary-reviews', { method: 'POST', json: { org_id: branch1.id, year: 2026 } }), 403, 'forbidden');
    const r = await dangwei.fetch('/api/v1/secretary-reviews', { method: 'POST', json: { org_id: branch1.id, year: 2026 } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const rv = r.data;
    assert.equal(rv.person_id, zhibu1.user.person_id);
    assert.equal(typeof rv.figures.meetings_held, 'number');
    assert.equal(typeof rv.figures.attendance_rate, 'number');
    assertError(await dangyuan.fetch(`/api/v1/secretary-reviews/${rv.id}/report`, { method: 'PUT', json: { report: '我不是书记，但想写一份述职报告来试试看行不行呢。' } }), 403, 'forbidden');
    const rep = await zhibu1.fetch(`/api/v1/secretary-reviews/${rv.id}/report`, { method: 'PUT', json: { report: '一年来，支部按时召开支部党员大会和支委会，落实三会一课，开展主题党日和谈心谈话。' } });
    assert.equal(rep.status, 200, JSON.stringify(rep.data));
    assertError(await zhibu1.fetch(`/api/v1/secretary-reviews/${rv.id}/ratings`, { method: 'POST', json: { grade: '好' } }), 403, 'forbidden');
    assertFieldError(await dangyuan.fetch(`/api/v1/secretary-reviews/${rv.id}/ratings`, { method: 'POST', json: { grade: '优秀' } }), 'grade');
    assert.equal((await dangyuan.fetch(`/api/v1/secretary-reviews/${rv.id}/ratings`, { method: 'POST', json: { grade: '好' } })).status, 201);
    assertError(await dangyuan.fetch(`/api/v1/secretary-reviews/${rv.id}/ratings`, { method: 'POST', json: { grade: '差' } }), 409, 'conflict');
    assert.equal((await keshi.fetch(`/api/v1/secretary-reviews/${rv.id}/ratings`, { method: 'POST', json: { grade: '较好' } })).status, 201);
    assert.equal((await zhibu2.fetch(`/api/v1/secretary-reviews/${rv.id}/ratings`, { method: 'POST', json: { grade: '较好' } })).status, 201);
    const g = (await dangyuan.fetch(`/api/v1/secretary-reviews/${rv.id}`)).data;
    assert.deepEqual(g.counts, { 好: 1, 较好: 2, 一般: 0, 差: 0 });
    assert.equal(g.ballots, 3);
    assert.equal(g.voted, true);
    assert.equal(g.can_rate, false);
    const audit = (await admin.fetch('/api/v1/audit?object_type=secretary_review&limit=50')).data.items.filter((a) => a.action === 'vote');
    assert.equal(audit.length, 3);
    for (const a of audit) assert.deepEqual(a.after, { rated: true });
    const c = await dangwei.fetch(`/api/v1/secretary-reviews/${rv.id}/close`, { method: 'POST' });
    assert.equal(c.status, 200, JSON.stringify(c.data));
    assertError(await jijianRate(rv.id), 409, 'conflict');
    const csv = await (await fetch(`${srv.url}/api/v1/secretary-reviews?format=csv`, { headers: { Cookie: dangyuan.cookie } })).text();
    assert.match(csv, /年度,党支部,书记,状态,开始日期,结束日期,测评人数,好,较好,一般,差/);
    assert.match(csv, /,3,1,2,0,0/);
  });

  async function jijianRate(id) {
    const j = await login(srv.url, 'jijian');
    return j.fetch(`/api/v1/secretary-reviews/${id}/ratings`, { method: 'POST', json: { grade: '好' } });
  }
});
