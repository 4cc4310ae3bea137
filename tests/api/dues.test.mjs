// 党费 (/api/v1/dues, issue 16 item 1): bases, payments, arrears and flags,
// reductions, settings, remittances, the collection report and the member's
// statement, on a server whose "today" is fixed at 2026-12-15.  A year of
// payments with gaps gives the yearly totals, arrears and flags a hand count gives.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

const TODAY = '2026-12-15';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

async function upload(client, path, text, filename) {
  const form = new FormData();
  form.append('file', new Blob([text]), filename);
  const res = await fetch(`${client.url}${path}`, {
    method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf },
  });
  return { status: res.status, data: await res.json() };
}

describe('dues: bases, payments, arrears, reductions, reports, statement', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, people, orgs, branch1;
  let memberA, memberB, probationer, retiree, paymentB;
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    branch1 = orgs.find((o) => o.name === '机关第一党支部');
    memberA = people.find((p) => p.id === dangyuan.user.person_id);
    assert.ok(memberA, 'dangyuan is linked to a person');
    memberB = people.find((p) => p.branch_id === branch1.id && p.political_status === '中共党员' && p.id !== memberA.id && p.status === '在职');
    probationer = people.find((p) => p.political_status === '中共预备党员' && p.joined_party_on > '2026-02-01');
    retiree = people.find((p) => p.status === '退休' && p.political_status === '中共党员');
    assert.ok(memberB && probationer && retiree, 'the demo has the people this test needs');
  });
  after(async () => { await srv.stopClean(); });

  const base = (client, json) => client.fetch('/api/v1/dues/bases', { method: 'POST', json });
  const pay = (client, json) => client.fetch('/api/v1/dues/payments', { method: 'POST', json });

  test('settings: the official defaults with sources; party_admin sets a dated value, a secretary may not', async () => {
    const r = await zhibu1.fetch('/api/v1/dues/settings');
    assert.equal(r.status, 200);
    const byName = Object.fromEntries(r.data.settings.map((s) => [s.name, s]));
    assert.equal(byName.serving_brackets.value, '3000:0.5%,5000:1%,10000:1.5%,*:2%');
    assert.equal(byName.retired_brackets.value, '5000:0.5%,*:1%');
    assert.equal(byName.no_income_amount.value, '0.20');
    assert.equal(byName.back_payment_months.value, '6');
    assert.equal(byName.serious_months.value, '5');
    assert.match(byName.serving_brackets.source, /2008/);
    assertError(await zhibu1.fetch('/api/v1/dues/settings', { method: 'POST', json: { name: 'rounding', value: 'down', effective_from: '2030-01' } }), 403, 'forbidden');
    assertFieldError(await dangwei.fetch('/api/v1/dues/settings', { method: 'POST', json: { name: 'rounding', value: 'banker', effective_from: '2030-01' } }), 'value');
    assertFieldError(await dangwei.fetch('/api/v1/dues/settings', { method: 'POST', json: { name: 'serious_months', value: '6', effective_from: '2030-01' } }), 'value');
    assertFieldError(await dangwei.fetch('/api/v1/dues/settings', { method: 'POST', json: { name: 'nope', value: '1', effective_from: '2030-01' } }), 'name');
    const ok = await dangwei.fetch('/api/v1/dues/settings', { method: 'POST', json: { name: 'rounding', value: 'down', effective_from: '2030-01', note: '测试' } });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    const again = await dangwei.fetch('/api/v1/dues/settings');
    assert.equal(again.data.settings.find((s) => s.name === 'rounding').value, 'half_up'); // not yet in force
    assert.equal(again.data.history.length, 1);
    assert.equal((await dangwei.fetch(`/api/v1/dues/settings/${ok.data.id}`, { method: 'DELETE' })).status, 204);
    const audit = (await admin.fetch('/api/v1/audit?object_type=dues_setting&limit=10')).data.items;
    assert.equal(audit.length, 2);
  });

  test('bases: the secretary of the branch records them; another branch\'s secretary and a member may not', async () => {
    assertError(await base(zhibu2, { person_id: memberA.id, from_month: '2026-01', base_fen: 510000 }), 403, 'forbidden');
    assertError(await base(dangyuan, { person_id: memberA.id, from_month: '2026-01', base_fen: 510000 }), 403, 'forbidden');
    assertFieldError(await base(zhibu1, { person_id: memberA.id, from_month: '2026-13', base_fen: 510000 }), 'from_month');
    assertFieldError(await base(zhibu1, { person_id: memberA.id, from_month: '2026-01', base_fen: 0 }), 'base_fen');
    assertFieldError(await base(zhibu1, { person_id: memberA.id, from_month: '2026-01', base_fen: 1, category: 'student' }), 'category');
    assertFieldError(await base(zhibu1, { person_id: 99999999, from_month: '2026-01', base_fen: 1 }), 'person_id');
    // 5100.00 yuan from January: 1.5% on the whole base, 76.50 a month
    const a = await base(zhibu1, { person_id: memberA.id, from_month: '2026-01', base_fen: 510000,
      components: { 职务工资: 300000, 级别工资: 200000, 工作性津贴: 80000, 生活性补贴: 20000, 个人所得税: 90000 } });
    assert.equal(a.status, 201, JSON.stringify(a.data));
    assert.equal(a.data.category, 'serving');
    assert.equal(a.data.components.个人所得税, 90000);
    // a raise in July applies from next January (2017: fixed for the year)
    assert.equal((await base(zhibu1, { person_id: memberA.id, from_month: '2026-07', base_fen: 1200000 })).status, 201);
    // the same month again replaces it
    const replaced = await base(zhibu1, { person_id: memberA.id, from_month: '2026-07', base_fen: 600000 });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.data.base_fen, 600000);
    // 3000.00 yuan: 0.5%, 15.00 a month
    assert.equal((await base(zhibu1, { person_id: memberB.id, from_month: '2026-01', base_fen: 300000 })).status, 201);
    const list = await zhibu1.fetch(`/api/v1/dues/bases?person_id=${memberA.id}`);
    assert.deepEqual(list.data.items.map((b) => [b.from_month, b.base_fen]), [['2026-01', 510000], ['2026-07', 600000]]);
    assert.equal((await zhibu2.fetch('/api/v1/dues/bases')).data.items.filter((b) => b.person_id === memberA.id).length, 0);
  });

  test('a year of payments with gaps: the arrears, flags and yearly totals a hand count gives', async () => {
    // A pays January to July month by month (7 × 76.50); August to November unpaid
    for (let m = 1; m <= 7; m++) {
      const month = `2026-0${m}`;
      const r = await pay(zhibu1, { person_id: memberA.id, from_month: month, amount_fen: 7650, paid_on: `${month}-10`, channel: '微信' });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      assert.equal(r.data.due_fen, 7650);
      assert.equal(r.data.late, false);
    }
    // B pays January to May at once (5 × 15.00) and then nothing
    const b = await pay(zhibu1, { person_id: memberB.id, from_month: '2026-01', to_month: '2026-05', amount_fen: 7500, paid_on: '2026-05-20', channel: '现金' });
    assert.equal(b.status, 201, JSON.stringify(b.data));
    paymentB = b.data.id;
    // refusals: a month already paid, less than owed, a future day, beyond the year ahead
    assertError(await pay(zhibu1, { person_id: memberA.id, from_month: '2026-07', to_month: '2026-08', amount_fen: 15300, paid_on: '2026-12-01', channel: '微信' }), 409, 'conflict');
    assertFieldError(await pay(zhibu1, { person_id: memberA.id, from_month: '2026-08', amount_fen: 7649, paid_on: '2026-12-01', channel: '微信' }), 'amount_fen');
    assertFieldError(await pay(zhibu1, { person_id: memberA.id, from_month: '2026-08', amount_fen: 7650, paid_on: '2026-12-16', channel: '微信' }), 'paid_on');
    assertFieldError(await pay(zhibu1, { person_id: memberA.id, from_month: '2026-08', amount_fen: 7650, paid_on: '2026-12-01', channel: '' }), 'channel');
    assertError(await pay(zhibu2, { person_id: memberA.id, from_month: '2026-08', amount_fen: 7650, paid_on: '2026-12-01', channel: '微信' }), 403, 'forbidden');

    const members = (await zhibu1.fetch('/api/v1/dues/members')).data.items;
    const a = members.find((m) => m.person_id === memberA.id);
    const bb = members.find((m) => m.person_id === memberB.id);
    assert.equal(a.due_fen, 7650); // December still on January's base
    assert.equal(a.base_fen, 510000);
    assert.equal(a.rate_bp, 150);
    assert.equal(a.unpaid_months, 4);
    assert.equal(a.consecutive_unpaid, 4);
    assert.equal(a.arrears_fen, 4 * 7650);
    assert.equal(a.flag, 'warning');
    assert.equal(a.last_paid_month, '2026-07');
    assert.equal(bb.due_fen, 1500);
    assert.equal(bb.consecutive_unpaid, 6);
    assert.equal(bb.arrears_fen, 6 * 1500);
    assert.equal(bb.flag, 'serious');
    const serious = (await zhibu1.fetch('/api/v1/dues/members?flag=serious')).data.items;
    assert.deepEqual(serious.map((m) => m.person_id), [memberB.id]);

    // the branch's year: dues of January to December, paid, collected
    const rep = await zhibu1.fetch('/api/v1/dues/report?period=2026');
    assert.equal(rep.status, 200, JSON.stringify(rep.data));
    const row = rep.data.items.find((r) => r.org_id === branch1.id);
    assert.equal(row.members, 2);
    assert.equal(row.due_fen, 12 * 7650 + 12 * 1500);
    assert.equal(row.paid_fen, 7 * 7650 + 5 * 1500);
    assert.equal(row.collected_fen, 7 * 7650 + 7500);
    assert.equal(row.payments, 8);
    assert.equal(row.unpaid_members, 2);
    assert.equal(rep.data.totals.collected_fen, 61050);
    // a month: March's collection is A's one payment
    const march = (await zhibu1.fetch('/api/v1/dues/report?period=2026-03')).data.items.find((r) => r.org_id === branch1.id);
    assert.equal(march.collected_fen, 7650);
    assert.equal(march.due_fen, 7650 + 1500);
    assert.equal(march.paid_fen, 7650 + 1500);
    // the member's own statement (我的党费)
    const st = await dangyuan.fetch('/api/v1/dues/statement?year=2026');
    assert.equal(st.status, 200, JSON.stringify(st.data));
    assert.equal(st.data.person_id, memberA.id);
    assert.equal(st.data.months.length, 12);
    assert.equal(st.data.due_fen, 91800);
    assert.equal(st.data.paid_fen, 53550);
    assert.equal(st.data.arrears_fen, 30600);
    assert.equal(st.data.flag, 'warning');
    assert.equal(st.data.payments.length, 7);
    assert.equal(st.data.months[2].paid_on, '2026-03-10');
    // next year the July base applies: 6000.00 × 1.5% = 90.00
    const next = await dangyuan.fetch('/api/v1/dues/statement?year=2027');
    assert.equal(next.data.months[0].due_fen, 9000);
    assertError(await dangyuan.fetch(`/api/v1/dues/statement?person_id=${memberB.id}`), 403, 'forbidden');
    assertError(await zhibu2.fetch(`/api/v1/dues/statement?person_id=${memberB.id}`), 403, 'forbidden');
    assert.equal((await dangyuan.fetch('/api/v1/dues/payments')).data.total, 7);
    assertError(await dangyuan.fetch('/api/v1/dues/members'), 403, 'forbidden');
    // exports
    for (const path of ['/api/v1/dues/report?period=2026&format=xlsx', '/api/v1/dues/members?format=xlsx', '/api/v1/dues/payments?format=csv']) {
      const res = await fetch(srv.url + path, { headers: { Cookie: zhibu1.cookie } });
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-disposition'), /attachment/);
      await res.arrayBuffer();
    }
  });

  test('back-payment beyond six months needs confirming and is marked late', async () => {
    // June paid in December is six months back: allowed
    const june = await pay(zhibu1, { person_id: memberB.id, from_month: '2026-06', amount_fen: 1500, paid_on: '2026-12-15', channel: '现金' });
    assert.equal(june.status, 201, JSON.stringify(june.data));
    assert.equal(june.data.late, false);
    // January to May again, paid in December: beyond the limit
    assert.equal((await zhibu1.fetch(`/api/v1/dues/payments/${paymentB}`, { method: 'DELETE' })).status, 204);
    const old = { person_id: memberB.id, from_month: '2026-01', to_month: '2026-05', amount_fen: 7500, paid_on: '2026-12-15', channel: '现金' };
    assertFieldError(await pay(zhibu1, old), 'from_month');
    const ok = await pay(zhibu1, { ...old, confirm_late: true });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    assert.equal(ok.data.late, true);
    const m = (await zhibu1.fetch('/api/v1/dues/members')).data.items.find((x) => x.person_id === memberB.id);
    assert.equal(m.consecutive_unpaid, 5); // July to November
    assert.equal(m.flag, 'serious');
    const audit = (await admin.fetch('/api/v1/audit?object_type=dues_payment&limit=50')).data.items;
    assert.ok(audit.some((a) => a.action === 'delete'), 'the deletion is audited');
  });

  test('a 预备党员 pays from the month the 支部大会 admitted them', async () => {
    assert.equal((await base(dangwei, { person_id: probationer.id, from_month: '2026-01', base_fen: 450000 })).status, 201);
    const joined = probationer.joined_party_on.slice(0, 7);
    assertFieldError(await pay(dangwei, { person_id: probationer.id, from_month: '2026-01', amount_fen: 4500, paid_on: '2026-12-01', channel: '微信' }), 'from_month');
    const r = await pay(dangwei, { person_id: probationer.id, from_month: joined, amount_fen: 4500, paid_on: '2026-12-01', channel: '微信', confirm_late: true });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const st = (await dangwei.fetch(`/api/v1/dues/statement?person_id=${probationer.id}&year=2026`)).data;
    assert.equal(st.start_month, joined);
    assert.equal(st.months[0].month, joined);
  });

  test('retired and without income: their brackets and the fixed amount; hardship reductions need the right approval', async () => {
    const r = await base(dangwei, { person_id: retiree.id, from_month: '2026-01', base_fen: 500001 });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.category, 'retired');
    let m = (await dangwei.fetch('/api/v1/dues/members')).data.items.find((x) => x.person_id === retiree.id);
    assert.equal(m.due_fen, 5000); // 1% of the whole 5000.01
    assert.equal((await base(dangwei, { person_id: memberB.id, from_month: '2027-01', base_fen: 0, category: 'no_income' })).status, 201);
    const st = (await dangwei.fetch(`/api/v1/dues/statement?person_id=${memberB.id}&year=2027`)).data;
    assert.equal(st.months[0].due_fen, 20);
    // a serving member's reduction needs the higher committee
    const red = { person_id: memberA.id, from_month: '2026-12', to_month: '2027-02', amount_fen: 1000, reason: '家庭困难', approved_by: '机关第一党支部', approved_on: '2026-12-01' };
    assertFieldError(await zhibu1.fetch('/api/v1/dues/reductions', { method: 'POST', json: { ...red, approval_level: 'branch' } }), 'approval_level');
    const ok = await zhibu1.fetch('/api/v1/dues/reductions', { method: 'POST', json: { ...red, approval_level: 'committee', approved_by: '局机关党委', approval_ref: '机党〔2026〕3号' } });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    m = (await zhibu1.fetch('/api/v1/dues/members')).data.items.find((x) => x.person_id === memberA.id);
    assert.equal(m.due_fen, 1000);
    assert.equal(m.reduced, true);
    // a retired member's may be the branch's
    assert.equal((await dangwei.fetch('/api/v1/dues/reductions', { method: 'POST', json: { ...red, person_id: retiree.id, approval_level: 'branch', approved_by: '离退休党支部' } })).status, 201);
    assert.equal((await dangwei.fetch('/api/v1/dues/reductions')).data.total, 2);
  });

  test('remittances to the higher committee, once per branch and month', async () => {
    const r = await zhibu1.fetch('/api/v1/dues/remittances', { method: 'POST', json: { org_id: branch1.id, month: '2026-03', amount_fen: 7650, remitted_on: '2026-04-02' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assertError(await zhibu1.fetch('/api/v1/dues/remittances', { method: 'POST', json: { org_id: branch1.id, month: '2026-03', amount_fen: 1, remitted_on: '2026-04-02' } }), 409, 'conflict');
    assertError(await zhibu2.fetch('/api/v1/dues/remittances', { method: 'POST', json: { org_id: branch1.id, month: '2026-04', amount_fen: 1, remitted_on: '2026-04-02' } }), 403, 'forbidden');
    assertFieldError(await zhibu1.fetch('/api/v1/dues/remittances', { method: 'POST', json: { org_id: branch1.id, month: '2027-01', amount_fen: 1, remitted_on: '2026-04-02' } }), 'month');
    const march = (await zhibu1.fetch('/api/v1/dues/report?period=2026-03')).data.items.find((x) => x.org_id === branch1.id);
    assert.equal(march.remitted_fen, 7650);
    assert.equal(march.unremitted_fen, 0);
    assert.equal((await dangwei.fetch('/api/v1/dues/remittances?year=2026')).data.total, 1);
  });

  test('import of bases from the payroll: columns by name, the base from its components, errors by row', async () => {
    const staffA = memberA.staff_no, staffB = memberB.staff_no;
    const good = `工号,姓名,职务工资,级别工资,工作性津贴,生活性补贴,个人所得税\n${staffA},${memberA.name},3000,2500,800,200,300.50\n${staffB},,2000,1000,,,0\n`;
    const dry = await upload(zhibu1, '/api/v1/dues/bases/import?from_month=2027-01&dry_run=1', good, 'payroll.csv');
    assert.equal(dry.status, 200, JSON.stringify(dry.data));
    assert.equal(dry.data.error_count, 0);
    assert.equal(dry.data.created, 1); // A's January base is new
    assert.equal(dry.data.updated, 1); // B's (no income) is replaced
    assert.equal(dry.data.dry_run, true);
    const done = await upload(zhibu1, '/api/v1/dues/bases/import?from_month=2027-01', good, 'payroll.csv');
    assert.equal(done.data.created, 1, JSON.stringify(done.data));
    assert.equal(done.data.updated, 1);
    const bases = (await zhibu1.fetch(`/api/v1/dues/bases?person_id=${memberA.id}`)).data.items;
    const jan = bases.find((b) => b.from_month === '2027-01');
    assert.equal(jan.base_fen, 619950); // 3000 + 2500 + 800 + 200 − 300.50
    assert.equal(jan.components.个人所得税, 30050);
    const bad = `工号,姓名,起始月份,党费基数\nNOSUCH,某人,2027-02,5000\n${staffA},错名,2027-02,5000\n${staffB},,2027-13,abc\n`;
    const r = await upload(zhibu1, '/api/v1/dues/bases/import', bad, 'bad.csv');
    assert.equal(r.status, 200);
    assert.equal(r.data.created, 0);
    const rows = r.data.errors.map((e) => `${e.row}:${e.column}`);
    assert.ok(rows.includes('2:工号') && rows.includes('3:姓名') && rows.includes('4:党费基数'), JSON.stringify(r.data.errors));
    assert.equal((await zhibu1.fetch(`/api/v1/dues/bases?person_id=${memberA.id}`)).data.items.length, 3);
    // the payroll office's CSV in GBK, 起始月份 and 类别 as columns
    const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: `工号,起始月份,类别,党费基数\r\n${staffA},2027-03,在职,6500.5\r\n` });
    const g = await upload(zhibu1, '/api/v1/dues/bases/import', gbk, 'payroll-gbk.csv');
    assert.equal(g.status, 200, JSON.stringify(g.data));
    assert.equal(g.data.error_count, 0, JSON.stringify(g.data.errors));
    assert.equal(g.data.created, 1);
    const march = (await zhibu1.fetch(`/api/v1/dues/bases?person_id=${memberA.id}`)).data.items.find((b) => b.from_month === '2027-03');
    assert.equal(march.base_fen, 650050);
  });
});

describe('dues: the demo\'s year', () => {
  let srv, dangwei;
  before(async () => {
    srv = await startServer({ records: true, today: TODAY });
    dangwei = await login(srv.url, 'dangwei');
  });
  after(async () => { await srv.stopClean(); });

  test('every paying member has a base; a few are behind and flagged; the year\'s collection adds up', async () => {
    const members = (await dangwei.fetch('/api/v1/dues/members')).data.items;
    assert.ok(members.length > 100, `${members.length} paying members`);
    assert.ok(members.every((m) => m.has_base), 'every member has a base');
    const flagged = members.filter((m) => m.flag);
    assert.equal(flagged.length, 5, JSON.stringify(flagged.map((m) => [m.name, m.consecutive_unpaid])));
    assert.ok(flagged.every((m) => m.consecutive_unpaid >= 3 && m.consecutive_unpaid <= 5));
    assert.ok(members.filter((m) => !m.flag).every((m) => m.unpaid_months === 0));
    const payments = (await dangwei.fetch('/api/v1/dues/payments?from=2026-01-01&to=2026-12-31&limit=500')).data;
    let all = payments.items;
    for (let offset = 500; offset < payments.total; offset += 500)
      all = all.concat((await dangwei.fetch(`/api/v1/dues/payments?from=2026-01-01&to=2026-12-31&limit=500&offset=${offset}`)).data.items);
    const sum = all.reduce((s, p) => s + p.amount_fen, 0);
    const report = (await dangwei.fetch('/api/v1/dues/report?period=2026')).data;
    assert.equal(report.totals.collected_fen, sum);
    assert.equal(report.totals.payments, all.length);
    assert.ok(report.totals.remitted_fen > 0 && report.totals.remitted_fen < sum);
  });
});
