// 廉政风险点 (/api/v1/risk-points) and 资金运行图 (/api/v1/fund-processes):
// kept by 纪检 or the party administrator, read by everyone of the bureau,
// exported and audited.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError } from './harness.mjs';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

describe('risk points and fund processes', () => {
  let srv, admin, jijian, dangwei, zhibu1, dangyuan, depts, people;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    jijian = await login(srv.url, 'jijian');
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    dangyuan = await login(srv.url, 'dangyuan');
    depts = (await admin.fetch('/api/v1/departments')).data.items;
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
  });
  after(async () => { await srv.stopClean(); });

  let high, mid;
  test('risk points: 纪检 adds and reviews them, everyone reads, the list exports', async () => {
    const d = depts[0];
    const owner = people[0];
    let r = await jijian.fetch('/api/v1/risk-points', { method: 'POST', json: { department_id: d.id, post: '国库支付岗', risk: '未按规定审核支付凭证', level: '高', measures: '双人复核；系统控制', owner_id: owner.id, reviewed_on: '2026-01-15' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    high = r.data;
    assert.equal(high.department, d.name);
    assert.equal(high.owner, owner.name);
    r = await dangwei.fetch('/api/v1/risk-points', { method: 'POST', json: { post: '采购岗', risk: '化整为零规避政府采购', level: '中' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    mid = r.data;
    assert.equal(mid.department_id, null);
    assert.equal(mid.reviewed_on, null);
    assertError(await zhibu1.fetch('/api/v1/risk-points', { method: 'POST', json: { risk: '支部自设风险', level: '低' } }), 403, 'forbidden');
    assertError(await dangyuan.fetch('/api/v1/risk-points', { method: 'POST', json: { risk: '党员自设风险', level: '低' } }), 403, 'forbidden');
    assertFieldError(await jijian.fetch('/api/v1/risk-points', { method: 'POST', json: { risk: '风险', level: '极高' } }), 'level');
    assertFieldError(await jijian.fetch('/api/v1/risk-points', { method: 'POST', json: { risk: '风' , level: '低' } }), 'risk');
    assertFieldError(await jijian.fetch('/api/v1/risk-points', { method: 'POST', json: { risk: '风险内容', level: '低', department_id: 987654 } }), 'department_id');
    assertFieldError(await jijian.fetch('/api/v1/risk-points', { method: 'POST', json: { risk: '风险内容', level: '低', reviewed_on: '2999-01-01' } }), 'reviewed_on');
    // a review: the date changes, audited with before and after
    const p = await jijian.fetch(`/api/v1/risk-points/${mid.id}`, { method: 'PATCH', json: { reviewed_on: '2026-03-01', measures: '集中采购' } });
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.equal(p.data.reviewed_on, '2026-03-01');
    assert.equal(p.data.risk, mid.risk);
    const audit = (await admin.fetch('/api/v1/audit?object_type=risk_point&limit=50')).data.items;
    assert.equal(audit.length, 3);
    // everyone reads: 高 first
    const l = await dangyuan.fetch('/api/v1/risk-points');
    assert.equal(l.status, 200);
    assert.deepEqual(l.data.items.map((x) => x.id), [high.id, mid.id]);
    assert.equal((await dangyuan.fetch('/api/v1/risk-points?level=中')).data.total, 1);
    assertFieldError(await dangyuan.fetch('/api/v1/risk-points?level=x'), 'level');
    const csv = await (await fetch(`${srv.url}/api/v1/risk-points?format=csv`, { headers: { Cookie: dangyuan.cookie } })).text();
    assert.match(csv, /科室,岗位,风险点,风险等级,防控措施,责任人,最近评估/);
    assert.match(csv, /未按规定审核支付凭证/);
    assertError(await dangyuan.fetch('/api/v1/risk-points/987654'), 404, 'not_found');
  });

  test('a fund process: ordered steps with departments and the risk points of each step', async () => {
    const steps = [
      { name: '申请', department_id: depts[1].id },
      { name: '审核', department_id: depts[2].id, risk_point_ids: [high.id] },
      { name: '审批', risk_point_ids: [high.id, mid.id] },
      { name: '支付' },
      { name: '记账' },
    ];
    const r = await jijian.fetch('/api/v1/fund-processes', { method: 'POST', json: { name: '资金支出', description: '资金支出廉政风险运行图', steps } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.deepEqual(r.data.steps.map((s) => [s.seq, s.name]), [[1, '申请'], [2, '审核'], [3, '审批'], [4, '支付'], [5, '记账']]);
    assert.deepEqual(r.data.steps[2].risk_points.map((x) => x.id), [high.id, mid.id]);
    assert.equal(r.data.steps[0].department, depts[1].name);
    assertFieldError(await jijian.fetch('/api/v1/fund-processes', { method: 'POST', json: { name: '单环节', steps: [{ name: '申请' }] } }), 'steps');
    assertFieldError(await jijian.fetch('/api/v1/fund-processes', { method: 'POST', json: { name: '坏风险', steps: [{ name: '甲', risk_point_ids: [987654] }, { name: '乙' }] } }), 'steps');
    assertFieldError(await jijian.fetch('/api/v1/fund-processes', { method: 'POST', json: { name: '重复', steps: [{ name: '甲', risk_point_ids: [high.id, high.id] }, { name: '乙' }] } }), 'steps');
    assertError(await zhibu1.fetch('/api/v1/fund-processes', { method: 'POST', json: { name: '支部流程', steps } }), 403, 'forbidden');
    // the steps are replaced as a whole
    const u = await dangwei.fetch(`/api/v1/fund-processes/${r.data.id}`, { method: 'PUT', json: { steps: [{ name: '申请' }, { name: '审批', risk_point_ids: [mid.id] }] } });
    assert.equal(u.status, 200, JSON.stringify(u.data));
    assert.equal(u.data.name, '资金支出');
    assert.deepEqual(u.data.steps.map((s) => s.name), ['申请', '审批']);
    const l = await dangyuan.fetch('/api/v1/fund-processes');
    assert.equal(l.status, 200);
    assert.equal(l.data.total, 1);
    assert.deepEqual(l.data.items[0].steps[1].risk_points.map((x) => x.level), ['中']);
    const audit = (await admin.fetch('/api/v1/audit?object_type=fund_process&limit=50')).data.items;
    assert.equal(audit.length, 2);
  });

  test('以案促改: a case with its lessons and rectifications, read by all, kept by 纪检', async () => {
    const r = await jijian.fetch('/api/v1/integrity-cases', { method: 'POST', json: { title: '违规发放补贴案', occurred_on: '2026-03-01', summary: '违规发放津贴补贴', lessons: '审核把关不严', rectifications: '修订审核办法' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.match(r.headers.get('location'), /\/api\/v1\/integrity-cases\/\d+$/);
    assertFieldError(await jijian.fetch('/api/v1/integrity-cases', { method: 'POST', json: { title: '案' } }), 'title');
    assertFieldError(await jijian.fetch('/api/v1/integrity-cases', { method: 'POST', json: { title: '未来的案', occurred_on: '2999-01-01' } }), 'occurred_on');
    assertError(await zhibu1.fetch('/api/v1/integrity-cases', { method: 'POST', json: { title: '支部案例' } }), 403, 'forbidden');
    const p = await dangwei.fetch(`/api/v1/integrity-cases/${r.data.id}`, { method: 'PATCH', json: { rectifications: '修订审核办法；专项检查' } });
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.equal(p.data.lessons, '审核把关不严');
    const l = await dangyuan.fetch('/api/v1/integrity-cases');
    assert.equal(l.data.total, 1);
    assert.equal(l.data.items[0].rectifications, '修订审核办法；专项检查');
    const csv = await (await fetch(`${srv.url}/api/v1/integrity-cases?format=csv`, { headers: { Cookie: dangyuan.cookie } })).text();
    assert.match(csv, /案发日期,案例,案情,警示教训,整改措施/);
    assert.equal((await admin.fetch('/api/v1/audit?object_type=integrity_case&limit=50')).data.items.length, 2);
  });
});
