// Cadre development (/api/v1/cadre/...): 轮岗, 一线锻炼 and 驻村第一书记 postings with
// place and dates, 帮带 pairs in seed 000's three modes with goals and reviews;
// kept by the party administrator, read within the reader's scope, exported, audited.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError } from './harness.mjs';

const TODAY = '2026-11-20';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

describe('cadre development', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, people, depts, b1, b2;
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin');
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    depts = (await admin.fetch('/api/v1/departments')).data.items;
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    b1 = orgs.find((o) => o.name === '机关第一党支部');
    b2 = orgs.find((o) => o.name === '机关第二党支部');
  });
  after(async () => { await srv.stopClean(); });

  test('postings: rotation, frontline and village with place and dates; scope; export; audit', async () => {
    const me = dangyuan.user.person_id;
    const other = people.find((p) => p.branch_id === b2.id && p.political_status === '中共党员');
    const post = (c, json) => c.fetch('/api/v1/cadre/postings', { method: 'POST', json });
    let r = await post(dangwei, { person_id: me, kind: 'rotation', department_id: depts[2].id, post: '预算审核岗', start_on: '2025-03-01', end_on: '2026-02-28' });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.kind_label, '轮岗');
    assert.equal(r.data.department, depts[2].name);
    const rot = r.data;
    r = await post(dangwei, { person_id: me, kind: 'frontline', place: '万人助万企服务专班', start_on: '2026-03-01' });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    r = await post(dangwei, { person_id: other.id, kind: 'village', place: '汝州市某村', post: '驻村第一书记', start_on: '2024-06-01' });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const village = r.data;
    assertError(await post(zhibu1, { person_id: me, kind: 'frontline', place: '某地', start_on: '2026-01-01' }), 403, 'forbidden');
    assertFieldError(await post(dangwei, { person_id: me, kind: 'village', start_on: '2026-01-01' }), 'place');
    assertFieldError(await post(dangwei, { person_id: me, kind: 'rotation', start_on: '2026-01-01' }), 'department_id');
    assertFieldError(await post(dangwei, { person_id: me, kind: 'secondment', place: '某地', start_on: '2026-01-01' }), 'kind');
    assertFieldError(await post(dangwei, { person_id: me, kind: 'frontline', place: '某地', start_on: '2026-05-01', end_on: '2026-04-01' }), 'end_on');
    assertFieldError(await post(dangwei, { person_id: me, kind: 'frontline', place: '某地', start_on: '2099-05-01' }), 'start_on');
    // the end of a posting is recorded later
    const p = await dangwei.fetch(`/api/v1/cadre/postings/${village.id}`, { method: 'PATCH', json: { end_on: '2026-06-01' } });
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.equal(p.data.end_on, '2026-06-01');
    assert.equal(p.data.place, village.place);
    assertError(await zhibu1.fetch(`/api/v1/cadre/postings/${village.id}`, { method: 'PATCH', json: { note: 'x' } }), 404, 'not_found');
    assertError(await zhibu2.fetch(`/api/v1/cadre/postings/${village.id}`, { method: 'PATCH', json: { note: 'x' } }), 403, 'forbidden');
    // scope: the member sees their own; branch 1's secretary not branch 2's; the administrator all
    assert.deepEqual((await dangyuan.fetch('/api/v1/cadre/postings')).data.items.map((x) => x.person_id), [me, me]);
    assert.equal((await zhibu1.fetch('/api/v1/cadre/postings')).data.total, 2);
    assert.equal((await dangwei.fetch('/api/v1/cadre/postings')).data.total, 3);
    assert.equal((await dangwei.fetch('/api/v1/cadre/postings?kind=village')).data.total, 1);
    assert.equal((await dangwei.fetch(`/api/v1/cadre/postings?person_id=${rot.person_id}`)).data.total, 2);
    const csv = await (await fetch(`${srv.url}/api/v1/cadre/postings?format=csv`, { headers: { Cookie: dangwei.cookie } })).text();
    assert.match(csv, /姓名,类别,科室,岗位,地点,开始日期,结束日期,说明/);
    assert.match(csv, /驻村第一书记/);
    const audit = (await admin.fetch('/api/v1/audit?object_type=cadre_posting&limit=50')).data.items;
    assert.equal(audit.length, 4);
  });

  test('帮带: three modes, goals, reviews', async () => {
    const mentor = zhibu1.user.person_id, mentee = dangyuan.user.person_id;
    const post = (c, json) => c.fetch('/api/v1/cadre/mentorships', { method: 'POST', json });
    const r = await post(dangwei, { mentor_id: mentor, mentee_id: mentee, mode: 'expert_young', goals: '一年内独立承担预算审核，熟悉国库集中支付', start_on: '2026-01-05' });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.mode_label, '业务精兵帮带年轻同志');
    assertFieldError(await post(dangwei, { mentor_id: mentor, mentee_id: mentor, mode: 'expert_young', goals: '目标写清楚', start_on: '2026-01-05' }), 'mentee_id');
    assertFieldError(await post(dangwei, { mentor_id: mentor, mentee_id: mentee, mode: 'buddy', goals: '目标写清楚', start_on: '2026-01-05' }), 'mode');
    assertError(await post(zhibu1, { mentor_id: mentor, mentee_id: mentee, mode: 'veteran_young', goals: '目标写清楚', start_on: '2026-01-05' }), 403, 'forbidden');
    const id = r.data.id;
    const rv = (c, json) => c.fetch(`/api/v1/cadre/mentorships/${id}/reviews`, { method: 'POST', json });
    assertFieldError(await rv(dangwei, { reviewed_on: '2025-12-01', rating: '好', summary: '早于帮带开始' }), 'reviewed_on');
    assertFieldError(await rv(dangwei, { reviewed_on: '2026-06-30', rating: '优秀', summary: '半年考核意见' }), 'rating');
    const ok = await rv(dangwei, { reviewed_on: '2026-06-30', rating: '较好', summary: '半年考核：已能独立审核一般项目' });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    assert.equal(ok.data.reviews, 1);
    assert.equal(ok.data.review_items[0].rating, '较好');
    assertError(await rv(zhibu1, { reviewed_on: '2026-06-30', rating: '好', summary: '支部书记不能考核' }), 403, 'forbidden');
    // the mentee reads the pair; another branch's secretary does not
    assert.equal((await dangyuan.fetch(`/api/v1/cadre/mentorships/${id}`)).status, 200);
    assertError(await zhibu2.fetch(`/api/v1/cadre/mentorships/${id}`), 404, 'not_found');
    assert.equal((await zhibu2.fetch('/api/v1/cadre/mentorships')).data.total, 0);
    const csv = await (await fetch(`${srv.url}/api/v1/cadre/mentorships?format=csv`, { headers: { Cookie: dangwei.cookie } })).text();
    assert.match(csv, /帮带模式,帮带人,被帮带人,帮带目标,开始日期,结束日期,考核次数/);
    const audit = (await admin.fetch('/api/v1/audit?object_type=mentorship&limit=50')).data.items;
    assert.deepEqual(audit.map((a) => a.action).sort(), ['create', 'mentor_review']);
  });
});
