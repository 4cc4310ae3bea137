// Many bureaus in one deployment (issue 20): bureaus are created from the
// command line and by a province-level administrator, each with its own
// defaults and first administrator; accounts are named in the bureau's
// namespace; a bureau's administrator sees nothing of another bureau (its ids
// are 404); a suspended bureau's accounts cannot act; the province reads
// counts per bureau that equal a count by hand, never people's details.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, login, assertError, runDj, makeTempDir, makeDemoDb, sql, ADMIN_PASSWORD, DEMO_PASSWORD, IS_PG,
} from './harness.mjs';

const PROVINCE_PASSWORD = 'Sheng#Guan2026';

describe('bureaus', () => {
  let srv, dir, db, admin, province, bAdmin, bZhibu, bureauB;
  before(async () => {
    dir = makeTempDir('dj-bureaus-');
    db = makeDemoDb(dir);
    const add = runDj(['demo', '--db', db, '--no-records', '--bureau', '东城区财政局', '--code', 'dc']);
    assert.equal(add.status, 0, add.stdout + add.stderr);
    assert.match(add.stdout, /dc\.zhibu1/);
    const prov = runDj(['province-admin', 'sheng', '--db', db], { env: { DANGJIAN_ADMIN_PASSWORD: PROVINCE_PASSWORD } });
    assert.equal(prov.status, 0, prov.stdout + prov.stderr);
    const list = runDj(['bureau', 'list', '--db', db]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /demo .*示范县财政局/);
    assert.match(list.stdout, /dc .*东城区财政局/);
    srv = await startServer({ dir, dbPath: db });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    province = await login(srv.url, 'sheng', PROVINCE_PASSWORD);
    bAdmin = await login(srv.url, 'dc.admin', ADMIN_PASSWORD);
    bZhibu = await login(srv.url, 'dc.zhibu1', DEMO_PASSWORD);
    bureauB = bAdmin.user.bureau_id;
    assert.notEqual(bureauB, admin.user.bureau_id);
  });
  after(async () => { await srv.stopClean(); });

  test('the province administrator manages bureaus and reads no one', async () => {
    const s = await province.fetch('/api/v1/session');
    assert.equal(s.data.user.province, true);
    assert.equal(s.data.user.bureau_id, null);
    assert.deepEqual(s.data.permissions, ['bureaus.manage']);
    const all = (await province.fetch('/api/v1/bureaus')).data;
    assert.deepEqual(all.items.map((b) => b.code), ['demo', 'dc']);
    const people = await province.fetch('/api/v1/people');
    assert.ok(people.status === 403 || (people.status === 200 && people.data.total === 0), JSON.stringify(people.data));
    assertError(await province.fetch('/api/v1/users'), 403, 'forbidden');
    assertError(await province.fetch('/api/v1/audit'), 403, 'forbidden');
    // a bureau is made with its defaults and its first administrator
    const made = await province.fetch('/api/v1/bureaus', { method: 'POST', json: { name: '南湖区财政局', code: 'nanhu' } });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    assert.equal(made.data.admin_username, 'nanhu.admin');
    assert.equal(typeof made.data.admin_password, 'string');
    const first = await login(srv.url, 'nanhu.admin', made.data.admin_password);
    assert.equal(first.user.must_change_password, true);
    const changed = await first.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: made.data.admin_password, new_password: 'Nanhu#First2026' } });
    assert.equal(changed.status, 204, JSON.stringify(changed.data));
    const nanhu = await login(srv.url, 'nanhu.admin', 'Nanhu#First2026');
    const schemes = (await nanhu.fetch('/api/v1/schemes')).data.items;
    assert.ok(schemes.some((x) => x.code === 'bastion') && schemes.some((x) => x.code === 'vanguard'), JSON.stringify(schemes.map((x) => x.code)));
    const labels = (await nanhu.fetch('/api/v1/lecture-labels')).data.items;
    assert.ok(labels.some((l) => l.name === '廉政'));
    // the new bureau's tree is its root alone; the other bureaus do not show
    const orgs = (await nanhu.fetch('/api/v1/orgs')).data.items;
    assert.deepEqual(orgs.map((o) => o.name), ['南湖区财政局']);
    // clashes and bad codes
    assertError(await province.fetch('/api/v1/bureaus', { method: 'POST', json: { name: '重复', code: 'nanhu' } }), 400, 'invalid');
    assertError(await province.fetch('/api/v1/bureaus', { method: 'POST', json: { name: '坏代码', code: 'Bad Code' } }), 400, 'invalid');
    // audited, and the audit row belongs to the new bureau
    const audit = (await nanhu.fetch('/api/v1/audit?object_type=bureau')).data.items;
    assert.ok(audit.some((e) => e.action === 'create' && e.username === 'sheng'), JSON.stringify(audit));
  });

  test('a bureau administrator sees their own bureau only', async () => {
    const mine = (await admin.fetch('/api/v1/bureaus')).data.items;
    assert.deepEqual(mine.map((b) => b.code), ['demo']);
    assertError(await admin.fetch(`/api/v1/bureaus/${bureauB}`), 404, 'not_found');
    assertError(await admin.fetch('/api/v1/bureaus', { method: 'POST', json: { name: '越权', code: 'yuequan' } }), 403, 'forbidden');
    assertError(await admin.fetch(`/api/v1/bureaus/${bureauB}`, { method: 'PATCH', json: { status: 'suspended' } }), 403, 'forbidden');
    assertError(await admin.fetch('/api/v1/bureaus/rollup?year=2026'), 403, 'forbidden');
  });

  test("another bureau's accounts, orgs and people are not found", async () => {
    const users = (await admin.fetch('/api/v1/users?limit=500')).data.items;
    assert.ok(users.length > 0);
    assert.ok(users.every((u) => u.bureau_id === admin.user.bureau_id), JSON.stringify(users.map((u) => u.username)));
    assert.ok(!users.some((u) => u.username.startsWith('dc.') || u.username === 'sheng'));
    const bUser = bZhibu.user.id;
    assertError(await admin.fetch(`/api/v1/users/${bUser}`), 404, 'not_found');
    assertError(await admin.fetch(`/api/v1/users/${bUser}`, { method: 'PATCH', json: { disabled: true } }), 404, 'not_found');
    assertError(await admin.fetch(`/api/v1/users/${bUser}/password`, { method: 'POST', json: {} }), 404, 'not_found');
    // the province account is not there either
    const sheng = (await province.fetch('/api/v1/session')).data.user.id;
    assertError(await admin.fetch(`/api/v1/users/${sheng}`), 404, 'not_found');
    // B's branch and a person of B
    const bBranch = bZhibu.user.roles[0].org_id;
    assertError(await admin.fetch(`/api/v1/orgs/${bBranch}`), 404, 'not_found');
    const bPeople = (await bAdmin.fetch('/api/v1/people?limit=5')).data.items;
    assert.ok(bPeople.length > 0);
    assertError(await admin.fetch(`/api/v1/people/${bPeople[0].id}`), 404, 'not_found');
    const aPeople = (await admin.fetch('/api/v1/people?limit=500')).data;
    assert.equal(aPeople.total, 150);
    assert.ok(!aPeople.items.some((p) => bPeople.some((q) => q.id === p.id)));
    // a role on B's branch cannot be granted
    const grant = await admin.fetch('/api/v1/users', { method: 'POST', json: { username: 'grab', display_name: '越权', password: 'Grab#Other2026', roles: [{ role: 'member', org_id: bBranch }] } });
    assert.ok([400, 404].includes(grant.status), JSON.stringify(grant.data));
    assert.doesNotMatch(JSON.stringify(grant.data), /东城/);
  });

  test('account names live in the bureau namespace', async () => {
    // A (plain names) cannot take a name of B's namespace
    const r1 = await admin.fetch('/api/v1/users', { method: 'POST', json: { username: 'dc.spy', display_name: '张三', password: 'Spy#Name2026x', roles: [] } });
    assertError(r1, 400, 'invalid');
    assert.ok(r1.data.error.fields.username);
    // B must prefix its names, and a clash in another bureau cannot happen
    const r2 = await bAdmin.fetch('/api/v1/users', { method: 'POST', json: { username: 'zhangsan', display_name: '张三', password: 'Qiang#Lock2026', roles: [] } });
    assertError(r2, 400, 'invalid');
    assert.match(JSON.stringify(r2.data.error), /dc\./);
    const r3 = await bAdmin.fetch('/api/v1/users', { method: 'POST', json: { username: 'dc.zhangsan', display_name: '张三', password: 'Qiang#Lock2026', roles: [] } });
    assert.equal(r3.status, 201, JSON.stringify(r3.data));
    assert.equal(r3.data.bureau_id, bureauB);
    // an account without roles is B's alone
    assertError(await admin.fetch(`/api/v1/users/${r3.data.id}`), 404, 'not_found');
    const bUsers = (await bAdmin.fetch('/api/v1/users?q=zhangsan')).data.items;
    assert.deepEqual(bUsers.map((u) => u.username), ['dc.zhangsan']);
  });

  test("the audit trail of a bureau holds only its own rows", async () => {
    const items = (await admin.fetch('/api/v1/audit?limit=500')).data.items;
    assert.ok(items.length > 0);
    assert.ok(!items.some((e) => e.username.startsWith('dc.') || e.username === 'sheng'), JSON.stringify(items.filter((e) => e.username.startsWith('dc.')).slice(0, 2)));
    const bItems = (await bAdmin.fetch('/api/v1/audit?limit=500')).data.items;
    assert.ok(bItems.some((e) => e.action === 'login' && e.username === 'dc.admin'));
    assert.ok(!bItems.some((e) => e.username === 'admin' || e.username === 'dangwei'));
  });

  test('the roll-up equals a count by hand', async () => {
    const year = new Date().getFullYear();
    const r = await province.fetch(`/api/v1/bureaus/rollup?year=${year}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const byCode = Object.fromEntries(r.data.items.map((i) => [i.code, i]));
    const people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    const staff = people.filter((p) => p.status === '在职').length;
    const members = people.filter((p) => ['中共党员', '中共预备党员'].includes(p.political_status)).length;
    assert.equal(byCode.demo.staff, staff);
    assert.equal(byCode.demo.members, members);
    const branches = (await admin.fetch('/api/v1/orgs')).data.items.filter((o) => o.type === '党支部' && o.status === 'active').length;
    assert.equal(byCode.demo.branches, branches);
    const accounts = (await admin.fetch('/api/v1/users?limit=500')).data.total;
    assert.equal(byCode.demo.accounts, accounts);
    const board = (await admin.fetch(`/api/v1/compliance?period=${year}`)).data;
    assert.equal(byCode.demo.compliance_required, board.required);
    assert.equal(byCode.demo.compliance_met, board.met);
    assert.ok(board.required > 0);
    // a meeting recorded in B shows in B's figures only
    const before = byCode.dc.meetings;
    const kinds = (await bZhibu.fetch('/api/v1/meeting-kinds')).data.items;
    const kind = kinds.find((k) => k.code === 'committee');
    const held = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
    const m = await bZhibu.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: bZhibu.user.roles[0].org_id, kind_id: kind.id, held_on: held, topic: '支委会' } });
    assert.equal(m.status, 201, JSON.stringify(m.data));
    const after = Object.fromEntries((await province.fetch(`/api/v1/bureaus/rollup?year=${held.slice(0, 4)}`)).data.items.map((i) => [i.code, i]));
    assert.equal(after.dc.meetings, (held.slice(0, 4) === String(year) ? before : 0) + 1);
    assert.equal(after.demo.meetings, held.slice(0, 4) === String(year) ? byCode.demo.meetings : after.demo.meetings);
    // no person's details in the roll-up
    assert.doesNotMatch(JSON.stringify(r.data), /id_number|phone|李红梅/);
    const x = await fetch(`${srv.url}/api/v1/bureaus/rollup?year=${year}&format=xlsx`, { headers: { Cookie: province.cookie } });
    assert.equal(x.status, 200);
    assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString(), 'PK');
    assertError(await province.fetch('/api/v1/bureaus/rollup'), 400, 'invalid');
  });

  test("each bureau keeps its own rules of organisational life", async () => {
    const aId = admin.user.bureau_id;
    const mine = await admin.fetch(`/api/v1/bureaus/${aId}/settings`);
    assert.equal(mine.status, 200, JSON.stringify(mine.data));
    assert.deepEqual(mine.data.backfill_days, { value: 7, own: null, default: 7 });
    assertError(await admin.fetch(`/api/v1/bureaus/${bureauB}/settings`), 404, 'not_found');
    assertError(await admin.fetch(`/api/v1/bureaus/${bureauB}/settings`, { method: 'PATCH', json: { refuse_late: true } }), 404, 'not_found');
    assertError(await bZhibu.fetch(`/api/v1/bureaus/${bureauB}/settings`, { method: 'PATCH', json: { refuse_late: true } }), 403, 'forbidden');
    assertError(await admin.fetch(`/api/v1/bureaus/${aId}/settings`, { method: 'PATCH', json: { backfill_days: -1 } }), 400, 'invalid');
    assertError(await admin.fetch(`/api/v1/bureaus/${aId}/settings`, { method: 'PATCH', json: { colour: 'red' } }), 400, 'invalid');
    const set = await admin.fetch(`/api/v1/bureaus/${aId}/settings`, { method: 'PATCH', json: { backfill_days: 1, refuse_late: true } });
    assert.equal(set.status, 200, JSON.stringify(set.data));
    assert.deepEqual(set.data.refuse_late, { value: true, own: true, default: false });
    // a meeting three days old: refused in A, late-free in B (the deployment's 7 days)
    const held = new Date(Date.now() - 3 * 86400000).toISOString().slice(0, 10);
    const kindOf = async (c) => (await c.fetch('/api/v1/meeting-kinds')).data.items.find((k) => k.code === 'committee').id;
    const zhibu1 = await login(srv.url, 'zhibu1');
    const inA = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: zhibu1.user.roles[0].org_id, kind_id: await kindOf(zhibu1), held_on: held, topic: '补录' } });
    assertError(inA, 400, 'invalid');
    assert.match(inA.data.error.fields.held_on, /补录期限 1 天/);
    const inB = await bZhibu.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: bZhibu.user.roles[0].org_id, kind_id: await kindOf(bZhibu), held_on: held, topic: '补录' } });
    assert.equal(inB.status, 201, JSON.stringify(inB.data));
    assert.equal(inB.data.late_recorded, false);
    // a new evaluation takes the bureau's notice days; a branch is judged by the bureau's limits
    assertError(await admin.fetch(`/api/v1/bureaus/${aId}/settings`, { method: 'PATCH', json: { branch_min_members: 30, branch_max_members: 20 } }), 400, 'invalid');
    const limits = await admin.fetch(`/api/v1/bureaus/${aId}/settings`, { method: 'PATCH', json: { notice_days: 3, branch_min_members: 40 } });
    assert.equal(limits.status, 200, JSON.stringify(limits.data));
    const dangwei = await login(srv.url, 'dangwei');
    const bastion = (await dangwei.fetch('/api/v1/schemes')).data.items.find((x) => x.code === 'bastion');
    const ev = await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: bastion.id, period: '2025Q2' } });
    assert.equal(ev.status, 201, JSON.stringify(ev.data));
    assert.equal(ev.data.notice_days, 3);
    const branch = (await admin.fetch(`/api/v1/orgs/${zhibu1.user.roles[0].org_id}`)).data;
    const few = branch.warnings.find((w) => w.code === 'too_few_members');
    assert.ok(few, JSON.stringify(branch.warnings));
    assert.match(few.message, /不足 40 人/);
    // B keeps the built-in limits
    const bBranch = (await bAdmin.fetch(`/api/v1/orgs/${bZhibu.user.roles[0].org_id}`)).data;
    assert.ok(!bBranch.warnings.some((w) => w.code === 'too_few_members'), JSON.stringify(bBranch.warnings));
    // back to the deployment's setting
    const reset = await admin.fetch(`/api/v1/bureaus/${aId}/settings`, { method: 'PATCH', json: { backfill_days: null, refuse_late: null, notice_days: null, branch_min_members: null } });
    assert.deepEqual(reset.data.backfill_days, { value: 7, own: null, default: 7 });
    const audit = (await admin.fetch('/api/v1/audit?object_type=bureau_settings')).data.items;
    assert.equal(audit.length, 3);
  });

  test('a suspended bureau cannot act until resumed', async () => {
    const sus = await province.fetch(`/api/v1/bureaus/${bureauB}`, { method: 'PATCH', json: { status: 'suspended' } });
    assert.equal(sus.status, 200, JSON.stringify(sus.data));
    assert.equal(sus.data.status, 'suspended');
    assert.equal((await bAdmin.fetch('/api/v1/session')).status, 401);
    const r = await fetch(`${srv.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dc.zhibu1', password: DEMO_PASSWORD }) });
    assert.equal(r.status, 401);
    assert.match((await r.json()).error.message, /暂停/);
    // A is untouched
    assert.equal((await admin.fetch('/api/v1/session')).status, 200);
    const res = await province.fetch(`/api/v1/bureaus/${bureauB}`, { method: 'PATCH', json: { status: 'active', name: '东城区财政局（新）' } });
    assert.equal(res.status, 200);
    const again = await login(srv.url, 'dc.zhibu1', DEMO_PASSWORD);
    assert.equal((await again.fetch('/api/v1/session')).status, 200);
    // the old session ended with the suspension; a new one reads the new name
    assert.equal((await bAdmin.fetch('/api/v1/session')).status, 401);
    bAdmin = await login(srv.url, 'dc.admin', ADMIN_PASSWORD);
    const bOrgs = (await bAdmin.fetch('/api/v1/orgs')).data.items;
    assert.ok(bOrgs.some((o) => o.name === '东城区财政局（新）'), JSON.stringify(bOrgs.slice(0, 2)));
    const audit = (await bAdmin.fetch('/api/v1/audit?object_type=bureau')).data.items;
    assert.deepEqual(audit.filter((e) => e.action === 'update').map((e) => e.after.status), ['active', 'suspended']);
  });

  test('the command line: init refuses a second init, bureau create and import name the bureau', () => {
    const again = runDj(['init', '--db', db]);
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /bureau create|已经初始化|已存在/);
    const made = runDj(['bureau', 'create', '北湖区财政局', '--code', 'beihu', '--db', db]);
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /beihu\.admin/);
    const clash = runDj(['bureau', 'create', '北湖区财政局', '--code', 'beihu', '--db', db]);
    assert.notEqual(clash.status, 0);
    // several bureaus: an import must say which
    const imp = runDj(['import', 'people', 'tests/fixtures/roster-150.xlsx', '--dry-run', '--db', db]);
    assert.notEqual(imp.status, 0);
    assert.match(imp.stderr, /--bureau/);
    if (!IS_PG) assert.match(sql(db, "SELECT code FROM bureaus ORDER BY org_id"), /demo\ndc\nnanhu\nbeihu/);
  });
});
