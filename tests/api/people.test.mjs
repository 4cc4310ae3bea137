// The roster: /api/v1/people — listing, filters and sorting, one person with their
// membership history, create and edit with the official checks, transfers between
// branches, the sealed and masked 身份证号, and who may see and edit whom.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, sql, ADMIN_PASSWORD } from './harness.mjs';

/** Today (or today + days) as YYYY-MM-DD in the bureau's zone, Asia/Shanghai (UTC+8, no DST). */
function shanghaiDate(days = 0) {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

/** A valid 18-digit 身份证号 for the birth date and gender (GB 11643 check digit). */
function idNumber(area, birth, male, seq = 21) {
  const s3 = String(((seq % 500) * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0');
  const body = area + birth.replaceAll('-', '') + s3;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i];
  return body + '10X98765432'[sum % 11];
}

/** The same number with a wrong check digit. */
function wrongCheckDigit(id) {
  const last = id[17];
  const other = '0123456789X'.split('').find((c) => c !== last);
  return id.slice(0, 17) + other;
}

/** The masked form: only the last 4 characters kept (issue 11). */
const masked = (id) => '*'.repeat(id.length - 4) + id.slice(-4);

/** Asserts a 400 invalid naming the field, and returns the error. */
function assertFieldError(r, field, what = '') {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string',
    `${what} expected fields.${field}, got ${JSON.stringify(r.data)}`);
  return e;
}

/** Every person a client lists (limit 500), with an optional query string. */
async function listAll(client, query = '') {
  const r = await client.fetch(`/api/v1/people?limit=500${query ? '&' + query : ''}`);
  assert.equal(r.status, 200, `list ${query}: ${r.status} ${JSON.stringify(r.data)}`);
  assert.equal(r.data.items.length, r.data.total, `list ${query}: more than 500 people?`);
  return r.data.items;
}

const idsOf = (items) => items.map((x) => x.id);
const sortedIds = (items) => idsOf(items).sort((a, b) => a - b);

/** Shared lookups on a fresh demo server. */
async function demoContext(srv) {
  const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
  const byName = (name, type = '党支部') => {
    const o = orgs.find((x) => x.name === name && x.type === type);
    assert.ok(o, `demo org ${name} missing`);
    return o;
  };
  const branches = ['一', '二', '三', '四', '五', '六', '七'].map((n) => byName(`机关第${n}党支部`));
  const groupsOf = (branch) => orgs.filter((x) => x.parent_id === branch.id && x.type === '党小组');
  const committeeOrg = byName('中共示范县财政局机关委员会', '机关党委');
  const depts = (await admin.fetch('/api/v1/departments')).data.items;
  const dept = (name) => {
    const d = depts.find((x) => x.name === name);
    assert.ok(d, `demo department ${name} missing`);
    return d;
  };
  const people = await listAll(admin);
  const byStaffNo = (no) => {
    const p = people.find((x) => x.staff_no === no);
    assert.ok(p, `demo person ${no} missing`);
    return p;
  };
  return { admin, orgs, branches, groupsOf, committeeOrg, depts, dept, people, byStaffNo };
}

describe('people: list, create, edit, transfer, 身份证号', () => {
  let srv;
  let ctx;
  let admin;
  let all; // the 150 demo people as admin lists them (sorted by 工号)
  let b1;
  let b2;
  let b3;
  let b4;
  let created; // the person made by the create test, with its 身份证号
  let createdIdNumber;

  before(async () => {
    srv = await startServer();
    ctx = await demoContext(srv);
    admin = ctx.admin;
    all = ctx.people;
    [b1, b2, b3, b4] = ctx.branches;
  });
  after(async () => { await srv.stopClean(); });

  const base = () => ({
    staff_no: 'T2001',
    name: '测试甲',
    gender: '男',
    ethnicity: '汉族',
    birth_date: '1990-05-17',
    id_number: idNumber('430181', '1990-05-17', true),
    education: '大学本科',
    department_id: ctx.dept('国库股').id,
    position: '科员',
    political_status: '中共党员',
    joined_party_on: '2015-06-01',
    full_member_on: '2016-06-01',
    phone: '13800138000',
    branch_id: b3.id,
    group_id: ctx.groupsOf(b3)[0].id,
  });

  test('the demo roster: 150 people, ordered by 工号 by default', async () => {
    assert.equal(all.length, 150);
    const nos = all.map((x) => x.staff_no);
    assert.deepEqual(nos, Array.from({ length: 150 }, (_, i) => `SF${1001 + i}`));
    for (const p of all) {
      for (const k of ['id', 'staff_no', 'name', 'gender', 'birth_date', 'id_number_masked', 'department_id',
        'department', 'political_status', 'joined_party_on', 'full_member_on', 'phone', 'status',
        'branch_id', 'branch', 'group_id', 'group'])
        assert.ok(k in p, `person field ${k} missing: ${JSON.stringify(p)}`);
      assert.equal(p.id_number, undefined, 'a list never shows the plain 身份证号');
    }
  });

  test('paging: limit, offset and total', async () => {
    const def = await admin.fetch('/api/v1/people');
    assert.equal(def.status, 200);
    assert.equal(def.data.total, 150);
    assert.equal(def.data.items.length, 50, 'the default limit is 50');
    assert.deepEqual(idsOf(def.data.items), idsOf(all.slice(0, 50)));
    for (const [limit, offset] of [[7, 0], [7, 7], [10, 145], [3, 150], [5, 1000], [500, 0]]) {
      const r = await admin.fetch(`/api/v1/people?limit=${limit}&offset=${offset}`);
      assert.equal(r.status, 200);
      assert.equal(r.data.total, 150, `limit=${limit} offset=${offset}`);
      assert.deepEqual(idsOf(r.data.items), idsOf(all.slice(offset, offset + limit)), `limit=${limit} offset=${offset}`);
    }
    for (const q of ['limit=0', 'limit=501', 'limit=abc', 'offset=-1', 'offset=x'])
      assertFieldError(await admin.fetch(`/api/v1/people?${q}`), q.split('=')[0], q);
  });

  test('q searches names and 工号, literally', async () => {
    const byNo = await admin.fetch('/api/v1/people?q=SF1002');
    assert.equal(byNo.status, 200);
    assert.equal(byNo.data.total, 1);
    assert.equal(byNo.data.items[0].staff_no, 'SF1002');
    assert.equal(byNo.data.items[0].name, '王建国');
    const lower = await admin.fetch('/api/v1/people?q=sf1002');
    assert.deepEqual(lower.data.items.map((x) => x.staff_no), ['SF1002'], '工号 search ignores case');
    const prefix = await admin.fetch('/api/v1/people?q=SF101&limit=500');
    assert.deepEqual(prefix.data.items.map((x) => x.staff_no),
      Array.from({ length: 10 }, (_, i) => `SF${1010 + i}`), 'a part of a 工号 matches');

    for (const q of ['李红梅', all[40].name, all[77].name.slice(0, 1), all[99].name.slice(1)]) {
      const r = await admin.fetch(`/api/v1/people?limit=500&q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200);
      const want = all.filter((x) => x.name.includes(q));
      assert.ok(want.length >= 1);
      assert.deepEqual(sortedIds(r.data.items), sortedIds(want), `q=${q}`);
      assert.equal(r.data.total, want.length, `q=${q}`);
    }
    const nobody = await admin.fetch(`/api/v1/people?q=${encodeURIComponent('不存在的人')}`);
    assert.equal(nobody.data.total, 0);
    assert.deepEqual(nobody.data.items, []);
    for (const q of ['%', '_', 'SF_001', '\\'])
      assert.equal((await admin.fetch(`/api/v1/people?q=${encodeURIComponent(q)}`)).data.total, 0,
        `q=${q} is a wildcard`);
  });

  test('filters: branch_id (with its subtree), department_id, status, political_status', async () => {
    for (const b of ctx.branches) {
      const got = await listAll(admin, `branch_id=${b.id}`);
      const want = all.filter((x) => x.branch_id === b.id);
      assert.ok(want.length > 0, b.name);
      assert.deepEqual(sortedIds(got), sortedIds(want), `branch_id=${b.id} (${b.name})`);
    }
    // the 机关党委 holds every branch: all members
    const under = await listAll(admin, `branch_id=${ctx.committeeOrg.id}`);
    assert.deepEqual(sortedIds(under), sortedIds(all.filter((x) => x.branch_id !== null)));
    assert.ok(under.length >= 100 && under.length < 150, `members: ${under.length}`);

    const office = ctx.dept('办公室');
    const inOffice = await listAll(admin, `department_id=${office.id}`);
    assert.deepEqual(sortedIds(inOffice), sortedIds(all.filter((x) => x.department_id === office.id)));
    assert.ok(inOffice.length >= 3, 'the three account holders work in 办公室');

    const retired = await listAll(admin, `status=${encodeURIComponent('退休')}`);
    assert.equal(retired.length, 7, 'the demo has 7 retirees');
    assert.deepEqual(sortedIds(retired), sortedIds(all.filter((x) => x.status === '退休')));

    for (const ps of ['中共党员', '中共预备党员', '群众']) {
      const got = await listAll(admin, `political_status=${encodeURIComponent(ps)}`);
      assert.deepEqual(sortedIds(got), sortedIds(all.filter((x) => x.political_status === ps)), ps);
    }
    const combo = await listAll(admin, `branch_id=${b2.id}&political_status=${encodeURIComponent('中共党员')}`);
    assert.deepEqual(sortedIds(combo),
      sortedIds(all.filter((x) => x.branch_id === b2.id && x.political_status === '中共党员')));
    const pageOf = await admin.fetch(`/api/v1/people?branch_id=${b2.id}&limit=2&offset=1`);
    assert.equal(pageOf.data.total, all.filter((x) => x.branch_id === b2.id).length, 'total counts the filtered rows');
    assert.equal(pageOf.data.items.length, 2);

    assert.equal((await admin.fetch('/api/v1/people?branch_id=99999')).data.total, 0);
    assert.equal((await admin.fetch(`/api/v1/people?status=${encodeURIComponent('外星')}`)).data.total, 0);
    assertFieldError(await admin.fetch('/api/v1/people?branch_id=abc'), 'branch_id');
    assertFieldError(await admin.fetch('/api/v1/people?department_id=0'), 'department_id');
  });

  test('filter branch_id of a 党小组 lists the members of that group', async () => {
    // a party group is the subtree below its own node: its members are those in it
    for (const g of ctx.groupsOf(b1)) {
      const want = all.filter((x) => x.group_id === g.id);
      assert.ok(want.length > 0, `demo group ${g.id} is empty`);
      const got = await listAll(admin, `branch_id=${g.id}`);
      assert.deepEqual(sortedIds(got), sortedIds(want), `branch_id=${g.id} (${g.name} of 机关第一党支部)`);
    }
  });

  test('sort by name, birth_date and joined_party_on, ascending and descending', async () => {
    for (const key of ['name', 'birth_date', 'joined_party_on', 'staff_no']) {
      const asc = await listAll(admin, `sort=${key}`);
      const ascExplicit = await listAll(admin, `sort=${key}&order=asc`);
      const desc = await listAll(admin, `sort=${key}&order=desc`);
      assert.equal(asc.length, 150);
      assert.deepEqual(idsOf(ascExplicit), idsOf(asc), `${key}: order=asc is the default`);
      assert.deepEqual(idsOf(desc), idsOf(asc).reverse(), `${key}: desc is the reverse of asc`);
      const vals = asc.map((x) => x[key]).filter((v) => v !== null);
      for (let i = 1; i < vals.length; i++)
        assert.ok(vals[i - 1] <= vals[i], `sort=${key}: ${vals[i - 1]} before ${vals[i]}`);
      if (key !== 'staff_no')
        assert.notDeepEqual(idsOf(asc), idsOf(all), `sort=${key} answers the default order`);
    }
    const youngest = all.reduce((a, b) => (a.birth_date >= b.birth_date ? a : b));
    const d = await admin.fetch('/api/v1/people?sort=birth_date&order=desc&limit=1');
    assert.equal(d.data.items[0].birth_date, youngest.birth_date);
    // a sorted page is a slice of the sorted list
    const full = await listAll(admin, 'sort=joined_party_on&order=desc');
    const page = await admin.fetch('/api/v1/people?sort=joined_party_on&order=desc&limit=10&offset=20');
    assert.deepEqual(idsOf(page.data.items), idsOf(full.slice(20, 30)));
    assertFieldError(await admin.fetch('/api/v1/people?sort=id_number'), 'sort');
    assertFieldError(await admin.fetch('/api/v1/people?sort=name;DROP%20TABLE%20people'), 'sort');
    assertFieldError(await admin.fetch('/api/v1/people?sort=name&order=sideways'), 'order');
  });

  test('sort=birth_date for those who see only the birth year reveals no order within a year', async () => {
    // the order within a year would give the birth dates away (and with them
    // digits of the 身份证号): by year, then by name as sort=name orders it
    const byName = new Map(idsOf(await listAll(admin, 'sort=name')).map((id, i) => [id, i]));
    const born = new Map(all.map((p) => [p.id, p.birth_date]));
    let revealing = 0;
    for (const name of ['zhibu1', 'keshi']) {
      const c = await login(srv.url, name);
      const asc = await listAll(c, 'sort=birth_date');
      const desc = await listAll(c, 'sort=birth_date&order=desc');
      assert.ok(asc.length >= 2 && asc.every((p) => p.birth_date === null && p.birth_year !== null), `${name} sees only years`);
      const want = [...asc].sort((a, b) => a.birth_year - b.birth_year || byName.get(a.id) - byName.get(b.id));
      assert.deepEqual(idsOf(asc), idsOf(want), `${name}: by birth year, then by name`);
      assert.deepEqual(idsOf(desc), idsOf(want).reverse(), `${name}: desc is the reverse`);
      // the test has teeth: somewhere the birth dates would order a year differently
      const byDate = [...asc].sort((a, b) => a.birth_year - b.birth_year || (born.get(a.id) < born.get(b.id) ? -1 : born.get(a.id) > born.get(b.id) ? 1 : a.id - b.id));
      if (idsOf(byDate).join() !== idsOf(want).join()) revealing++;
    }
    assert.ok(revealing > 0, 'the demo has a year whose birth dates and names order differently');
    // who sees the number gets the true order
    const full = (await listAll(admin, 'sort=birth_date')).map((p) => p.birth_date);
    assert.deepEqual(full, [...full].sort());
  });

  test('GET one person, with the membership history', async () => {
    const p = ctx.byStaffNo('SF1002');
    const r = await admin.fetch(`/api/v1/people/${p.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.data.id, p.id);
    assert.equal(r.data.name, '王建国');
    assert.equal(r.data.branch_id, b1.id);
    assert.equal(r.data.branch, '机关第一党支部');
    assert.ok(Array.isArray(r.data.memberships));
    assert.equal(r.data.memberships.length, 1);
    const m = r.data.memberships[0];
    assert.equal(m.branch_id, b1.id);
    assert.equal(m.branch, '机关第一党支部');
    assert.equal(m.group_id, r.data.group_id);
    assert.equal(m.group, r.data.group);
    assert.equal(m.end_on, null);
    assert.equal(m.start_on, r.data.joined_party_on, 'a member belongs to the branch since joining');
    // not a member: no branch, no history
    const mass = all.find((x) => x.political_status === '群众');
    const rm = await admin.fetch(`/api/v1/people/${mass.id}`);
    assert.equal(rm.data.branch_id, null);
    assert.deepEqual(rm.data.memberships, []);
    for (const bad of ['99999', 'abc', '0'])
      assertError(await admin.fetch(`/api/v1/people/${bad}`), 404, 'not_found');
  });

  test('GET one person lists the committee posts held, ended ones too, newest first', async () => {
    const p = ctx.byStaffNo('SF1003');
    const before = (await admin.fetch(`/api/v1/people/${p.id}`)).data.posts;
    assert.ok(Array.isArray(before));
    const a = await admin.fetch(`/api/v1/orgs/${b1.id}/committee`, { method: 'POST', json: { person_id: p.id, post: '青年委员', start_on: '2024-01-01' } });
    assert.equal(a.status, 201);
    const end = await admin.fetch(`/api/v1/orgs/${b1.id}/committee/${a.data.id}?end_on=2025-01-01`, { method: 'DELETE' });
    assert.equal(end.status, 204);
    const b = await admin.fetch(`/api/v1/orgs/${b1.id}/committee`, { method: 'POST', json: { person_id: p.id, post: '宣传委员', start_on: '2025-01-02' } });
    assert.equal(b.status, 201);
    const r = await admin.fetch(`/api/v1/people/${p.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.data.posts.length, before.length + 2);
    const mine = r.data.posts.filter((x) => x.id === a.data.id || x.id === b.data.id);
    assert.deepEqual(mine, [
      { id: b.data.id, org_id: b1.id, org: '机关第一党支部', post: '宣传委员', start_on: '2025-01-02', end_on: null },
      { id: a.data.id, org_id: b1.id, org: '机关第一党支部', post: '青年委员', start_on: '2024-01-01', end_on: '2025-01-01' },
    ]);
    const starts = r.data.posts.map((x) => x.start_on);
    assert.deepEqual(starts, [...starts].sort().reverse(), 'newest first');
    // the branch's current committee no longer holds the ended post
    const org = (await admin.fetch(`/api/v1/orgs/${b1.id}`)).data;
    assert.ok(!org.committee.some((c) => c.id === a.data.id));
    assert.ok(org.committee.some((c) => c.id === b.data.id));
    await admin.fetch(`/api/v1/orgs/${b1.id}/committee/${b.data.id}`, { method: 'DELETE' });
  });

  test('create: 201, Location, the new member and their membership', async () => {
    const body = base();
    createdIdNumber = body.id_number;
    const r = await admin.fetch('/api/v1/people', { method: 'POST', json: body });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(typeof r.data.id, 'number');
    assert.equal(r.headers.get('location'), `/api/v1/people/${r.data.id}`);
    for (const k of ['staff_no', 'name', 'gender', 'ethnicity', 'birth_date', 'education', 'department_id', 'position',
      'political_status', 'joined_party_on', 'full_member_on', 'phone', 'branch_id', 'group_id'])
      assert.equal(r.data[k], body[k], k);
    assert.equal(r.data.status, '在职', 'status defaults to 在职');
    assert.equal(r.data.branch, '机关第三党支部');
    assert.equal(r.data.department, '国库股');
    assert.equal(r.data.id_number, body.id_number, 'admin sees the 身份证号 just entered');
    assert.equal(r.data.id_number_masked, masked(body.id_number));
    created = r.data;

    const got = await admin.fetch(r.headers.get('location'));
    assert.equal(got.status, 200);
    assert.equal(got.data.staff_no, 'T2001');
    assert.equal(got.data.id_number, body.id_number);
    assert.deepEqual(got.data.memberships.map((m) => [m.branch_id, m.group_id, m.start_on, m.end_on]),
      [[b3.id, body.group_id, '2015-06-01', null]]);
    assert.equal((await admin.fetch('/api/v1/people?limit=1')).data.total, 151);
    const listed = await admin.fetch('/api/v1/people?q=T2001');
    assert.deepEqual(listed.data.items.map((x) => x.id), [created.id]);

    // a non-member without a branch
    const mass = await admin.fetch('/api/v1/people', {
      method: 'POST',
      json: { staff_no: 'T2002', name: '测试乙', gender: '女', political_status: '群众', department_id: ctx.dept('会计股').id },
    });
    assert.equal(mass.status, 201, JSON.stringify(mass.data));
    assert.equal(mass.data.branch_id, null);
    assert.equal(mass.data.id_number_masked, '');
    assert.deepEqual((await admin.fetch(`/api/v1/people/${mass.data.id}`)).data.memberships, []);
  });

  test('create: 400 with fields for each broken rule, and nothing is written', async () => {
    const before = (await admin.fetch('/api/v1/people?limit=1')).data.total;
    const ok = () => ({ ...base(), staff_no: 'T3001' });
    const without = (...keys) => { const b = ok(); for (const k of keys) delete b[k]; return b; };
    const cases = [
      [{ ...ok(), id_number: wrongCheckDigit(ok().id_number) }, 'id_number', 'wrong check digit'],
      [{ ...ok(), id_number: '43018119900517' }, 'id_number', 'too short'],
      [{ ...ok(), id_number: '4301811990051702AX' }, 'id_number', 'letters'],
      [{ ...ok(), birth_date: '1990-05-18' }, 'birth_date', '身份证号 vs birth_date'],
      [{ ...ok(), gender: '女' }, 'gender', '身份证号 vs gender'],
      [{ ...ok(), phone: '12345' }, 'phone', 'short phone'],
      [{ ...ok(), phone: '12800138000' }, 'phone', 'phone not 13-19'],
      [{ ...ok(), phone: '1380013800a' }, 'phone', 'phone with a letter'],
      [{ ...ok(), political_status: '党员?' }, 'political_status', 'unknown political status'],
      [{ ...ok(), political_status: '' }, 'political_status', 'empty political status'],
      [{ ...ok(), full_member_on: '2015-01-01' }, 'full_member_on', '转正 before 入党'],
      [{ ...ok(), full_member_on: '2015-06-01' }, 'full_member_on', '转正 on the day of 入党'],
      [without('branch_id', 'group_id'), 'branch_id', 'a member without a branch'],
      [{ ...ok(), group_id: ctx.groupsOf(b2)[0].id }, 'group_id', 'a group of another branch'],
      [{ ...ok(), group_id: b3.id }, 'group_id', 'a branch as the group'],
      [{ ...ok(), branch_id: ctx.groupsOf(b3)[0].id, group_id: undefined }, 'branch_id', 'a group as the branch'],
      [{ ...ok(), branch_id: 99999, group_id: undefined }, 'branch_id', 'no such branch'],
      [{ ...ok(), department_id: 99999 }, 'department_id', 'no such department'],
      [{ ...ok(), joined_party_on: '2015-02-30' }, 'joined_party_on', 'no such date'],
      [{ ...ok(), joined_party_on: shanghaiDate(30), full_member_on: null }, 'joined_party_on', '入党 in the future'],
      [{ ...ok(), political_status: '群众', branch_id: undefined, group_id: undefined, full_member_on: undefined }, 'joined_party_on', '群众 with a 入党时间'],
      [{ ...ok(), political_status: '中共预备党员' }, 'full_member_on', '预备党员 with a 转正时间'],
      [without('name'), 'name', 'no name'],
      [{ ...ok(), name: '' }, 'name', 'empty name'],
      [without('staff_no'), 'staff_no', 'no 工号'],
      [{ ...ok(), staff_no: 'T 30/01' }, 'staff_no', 'bad 工号'],
      [without('gender', 'id_number'), 'gender', 'no gender'],
      [{ ...ok(), ethnicity: 'Han' }, 'ethnicity', 'ethnicity not 全称'],
      [{ ...ok(), status: '出差' }, 'status', 'unknown status'],
      [{ ...ok(), salary: 5000 }, 'salary', 'unknown field'],
      [{ ...ok(), phone: 13800138000 }, 'phone', 'a number, not a string'],
      [{ ...ok(), branch_id: 'b3' }, 'branch_id', 'a string id'],
    ];
    for (const [body, field, what] of cases) {
      const r = await admin.fetch('/api/v1/people', { method: 'POST', json: body });
      assertFieldError(r, field, `${what}:`);
    }
    assert.equal((await admin.fetch('/api/v1/people?limit=1')).data.total, before, 'a refused create wrote a person');
    assert.equal((await admin.fetch('/api/v1/people?q=T3001')).data.total, 0);
    assertError(await admin.fetch('/api/v1/people', { method: 'POST', body: '{"name":', headers: { 'Content-Type': 'application/json' } }), 400, 'invalid');
  });

  test('409 for a 工号 that is taken, on create and on edit', async () => {
    const before = (await admin.fetch('/api/v1/people?limit=1')).data.total;
    const dup = { ...base(), staff_no: 'SF1001', id_number: idNumber('430181', '1990-05-17', true, 77) };
    assertError(await admin.fetch('/api/v1/people', { method: 'POST', json: dup }), 409, 'conflict');
    const dup2 = { ...base(), id_number: idNumber('430181', '1990-05-17', true, 78) }; // T2001 exists now
    assertError(await admin.fetch('/api/v1/people', { method: 'POST', json: dup2 }), 409, 'conflict');
    assert.equal((await admin.fetch('/api/v1/people?limit=1')).data.total, before);
    assertError(await admin.fetch(`/api/v1/people/${created.id}`, { method: 'PATCH', json: { staff_no: 'SF1003' } }), 409, 'conflict');
    assert.equal((await admin.fetch(`/api/v1/people/${created.id}`)).data.staff_no, 'T2001');
  });

  test('PATCH changes the given fields only; refused changes leave the record alone; audited', async () => {
    const id = created.id;
    const t0 = new Date().toISOString();
    const r = await admin.fetch(`/api/v1/people/${id}`, {
      method: 'PATCH', json: { phone: '13912345678', position: '副股长', education: '硕士研究生' },
    });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.phone, '13912345678');
    assert.equal(r.data.position, '副股长');
    assert.equal(r.data.education, '硕士研究生');
    for (const k of ['staff_no', 'name', 'gender', 'birth_date', 'political_status', 'joined_party_on',
      'full_member_on', 'branch_id', 'group_id', 'department_id', 'id_number_masked'])
      assert.equal(r.data[k], created[k], `${k} changed by an unrelated PATCH`);
    const got = await admin.fetch(`/api/v1/people/${id}`);
    assert.equal(got.data.phone, '13912345678');
    assert.equal(got.data.id_number, createdIdNumber, 'PATCH without id_number keeps it');
    assert.equal(got.data.memberships.length, 1, 'no transfer without a new branch');

    for (const [body, field] of [
      [{ phone: '555' }, 'phone'],
      [{ political_status: '党员?' }, 'political_status'],
      [{ full_member_on: '2010-01-01' }, 'full_member_on'],
      [{ id_number: wrongCheckDigit(createdIdNumber) }, 'id_number'],
      [{ group_id: ctx.groupsOf(b4)[0].id }, 'group_id'],
      [{ id: 5 }, 'id'],
      [{ effective_on: 'soon', branch_id: b4.id }, 'effective_on'],
    ]) {
      const bad = await admin.fetch(`/api/v1/people/${id}`, { method: 'PATCH', json: body });
      assertFieldError(bad, field, JSON.stringify(body));
    }
    const still = await admin.fetch(`/api/v1/people/${id}`);
    assert.equal(still.data.phone, '13912345678');
    assert.equal(still.data.gender, '男');
    assert.equal(still.data.branch_id, b3.id);
    assert.equal(still.data.id_number, createdIdNumber);
    assertError(await admin.fetch('/api/v1/people/99999', { method: 'PATCH', json: { phone: '13912345678' } }), 404, 'not_found');

    const audit = await admin.fetch(`/api/v1/audit?object_type=person&object_id=${id}&from=${encodeURIComponent(t0)}`);
    assert.equal(audit.status, 200);
    const upd = audit.data.items.filter((x) => x.action === 'update');
    assert.equal(upd.length, 1, `one update audited, got ${JSON.stringify(audit.data.items)}`);
    assert.equal(upd[0].username, 'admin');
    assert.equal(upd[0].before.phone, '13800138000');
    assert.equal(upd[0].after.phone, '13912345678');
    assert.equal(upd[0].before.position, '科员');
    assert.equal(upd[0].after.position, '副股长');
  });

  test('PATCH of birth_date or gender alone is checked against the stored 身份证号', async () => {
    // create refuses a 身份证号 that contradicts birth_date or gender; an edit of one side must too
    const made = await admin.fetch('/api/v1/people', {
      method: 'POST', json: { ...base(), staff_no: 'T2005', id_number: idNumber('430181', '1990-05-17', true, 55) },
    });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    const id = made.data.id;
    const r1 = await admin.fetch(`/api/v1/people/${id}`, { method: 'PATCH', json: { gender: '女' } });
    const r2 = await admin.fetch(`/api/v1/people/${id}`, { method: 'PATCH', json: { birth_date: '1991-01-01' } });
    const got = await admin.fetch(`/api/v1/people/${id}`);
    assert.equal(got.data.gender, '男', `gender now contradicts the 身份证号 ${got.data.id_number}`);
    assert.equal(got.data.birth_date, '1990-05-17', `birth_date now contradicts the 身份证号 ${got.data.id_number}`);
    assertFieldError(r1, 'gender');
    assertFieldError(r2, 'birth_date');
  });

  test('transfer: a new branch_id with effective_on closes the old membership the day before', async () => {
    // a full member of branch 3 who joined long ago
    const p = all.find((x) => x.branch_id === b3.id && x.political_status === '中共党员' && x.joined_party_on < '2020-01-01');
    assert.ok(p, 'no long-standing member in branch 3');
    const r = await admin.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { branch_id: b4.id, effective_on: '2024-03-01' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.branch_id, b4.id);
    assert.equal(r.data.branch, '机关第四党支部');
    assert.equal(r.data.group_id, null, 'a new branch without a group');
    const got = await admin.fetch(`/api/v1/people/${p.id}`);
    assert.deepEqual(got.data.memberships.map((m) => [m.branch_id, m.start_on, m.end_on]), [
      [b3.id, p.joined_party_on, '2024-02-29'],
      [b4.id, '2024-03-01', null],
    ]);
    assert.ok(!idsOf(await listAll(admin, `branch_id=${b3.id}`)).includes(p.id), 'still listed in the old branch');
    assert.ok(idsOf(await listAll(admin, `branch_id=${b4.id}`)).includes(p.id), 'not listed in the new branch');

    // a transfer dated on or before the start of the current membership is refused
    for (const when of ['2024-02-15', '2024-03-01', '2020-01-01']) {
      const bad = await admin.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { branch_id: b3.id, effective_on: when } });
      assertFieldError(bad, 'effective_on', `effective_on ${when}:`);
    }
    const still = await admin.fetch(`/api/v1/people/${p.id}`);
    assert.equal(still.data.branch_id, b4.id);
    assert.equal(still.data.memberships.length, 2, 'a refused transfer changed the history');

    // moving into a group of the new branch later opens a third period
    const g = ctx.groupsOf(b4)[2];
    const r2 = await admin.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { branch_id: b4.id, group_id: g.id, effective_on: '2025-01-01' } });
    assert.equal(r2.status, 200, JSON.stringify(r2.data));
    assert.equal(r2.data.group_id, g.id);
    const h = (await admin.fetch(`/api/v1/people/${p.id}`)).data.memberships;
    assert.deepEqual(h.map((m) => [m.branch_id, m.group_id, m.start_on, m.end_on]), [
      [b3.id, p.group_id, p.joined_party_on, '2024-02-29'],
      [b4.id, null, '2024-03-01', '2024-12-31'],
      [b4.id, g.id, '2025-01-01', null],
    ]);

    // without effective_on a transfer takes effect today
    const today = shanghaiDate();
    const r3 = await admin.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { branch_id: b2.id } });
    assert.equal(r3.status, 200, JSON.stringify(r3.data));
    const h3 = (await admin.fetch(`/api/v1/people/${p.id}`)).data.memberships;
    assert.equal(h3.length, 4);
    assert.deepEqual([h3[3].branch_id, h3[3].start_on, h3[3].end_on], [b2.id, today, null]);
    assert.equal(h3[2].end_on, shanghaiDate(-1));
  });

  test('the 身份证号 is shown only to sysadmin and party_admin; others get the masked form', async () => {
    const p = ctx.byStaffNo('SF1002'); // in branch 1: zhibu1 may read it
    const full = await admin.fetch(`/api/v1/people/${p.id}`);
    const id = full.data.id_number;
    assert.match(id, /^\d{17}[\dX]$/);
    assert.equal(full.data.id_number_masked, masked(id));
    const dangwei = await login(srv.url, 'dangwei');
    const dw = await dangwei.fetch(`/api/v1/people/${p.id}`);
    assert.equal(dw.status, 200);
    assert.equal(dw.data.id_number, id, 'party_admin sees the 身份证号');
    const dwc = await dangwei.fetch(`/api/v1/people/${created.id}`);
    assert.equal(dwc.data.id_number, createdIdNumber);
    for (const name of ['zhibu1', 'jijian']) {
      const c = await login(srv.url, name);
      const r = await c.fetch(`/api/v1/people/${p.id}`);
      assert.equal(r.status, 200, `${name}: ${JSON.stringify(r.data)}`);
      assert.ok(!('id_number' in r.data), `${name} sees the plain 身份证号: ${JSON.stringify(r.data)}`);
      assert.equal(r.data.id_number_masked, masked(id), name);
      assert.match(r.data.id_number_masked, /^\*{14}[\dX]{4}$/);
      // the region digits and the full birth date would narrow the number down with the check digit
      assert.equal(r.data.birth_date, null, `${name} sees the birth date`);
      assert.equal(r.data.birth_year, Number(full.data.birth_date.slice(0, 4)));
      const list = await listAll(c);
      assert.ok(list.length >= 1);
      for (const x of list) {
        assert.ok(!('id_number' in x), `${name}: a listed person shows id_number`);
        assert.equal(x.birth_date, null, `${name}: a listed person shows the birth date`);
        assert.match(x.id_number_masked, /^(\*{14}[\dX]{4}|)$/);
      }
      assert.ok(!JSON.stringify(list).includes(id), `${name}: the list leaks the 身份证号`);
      // the same in the export: the masked number and the year only
      const csv = await fetch(`${srv.url}/api/v1/people?format=csv&q=${p.staff_no}`, { headers: { Cookie: c.cookie } });
      assert.equal(csv.status, 200);
      const text = await csv.text();
      assert.ok(text.includes(masked(id)), `${name}: ${text}`);
      assert.ok(!text.includes(full.data.birth_date), `${name}: the export shows the birth date: ${text}`);
      assert.ok(!text.includes(id.slice(0, 6)), `${name}: the export shows the region digits`);
    }
    assert.equal(dw.data.birth_date, full.data.birth_date, 'party_admin sees the birth date');
    const j = await login(srv.url, 'jijian');
    const jc = await j.fetch(`/api/v1/people/${created.id}`);
    assert.equal(jc.status, 200);
    assert.ok(!('id_number' in jc.data));
    assert.equal(jc.data.id_number_masked, masked(createdIdNumber));
  });

  test('who may not see the 身份证号 cannot learn the birth date by editing it, nor from the audit trail', async () => {
    const p = ctx.byStaffNo('SF1002'); // in branch 1: zhibu1 may edit it
    const full = (await admin.fetch(`/api/v1/people/${p.id}`)).data;
    const z = await login(srv.url, 'zhibu1');
    const r = await z.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { birth_date: '1900-01-01' } });
    const e = assertFieldError(r, 'birth_date');
    assert.ok(!JSON.stringify(e).includes(full.birth_date), JSON.stringify(e));
    assertFieldError(await z.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { id_number: '110101199003070000' } }), 'id_number');
    // other fields still change, and the record keeps its birth date
    const ok = await z.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { position: '科员' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.data));
    assert.equal((await admin.fetch(`/api/v1/people/${p.id}`)).data.birth_date, full.birth_date);
    // the audit trail holds the birth year, never the date
    const audit = (await admin.fetch(`/api/v1/audit?object_type=person&object_id=${p.id}&limit=20`)).data.items;
    assert.ok(audit.length >= 1);
    assert.ok(!JSON.stringify(audit).includes(full.birth_date), 'the audit trail holds the birth date');
  });

  test('the 身份证号 is sealed in the database and absent from the audit trail', async () => {
    const id = createdIdNumber;
    const middle = id.slice(3, 14);
    const row = sql(srv.dbPath, `SELECT id_number_sealed FROM people WHERE id = ${created.id}`).trim();
    assert.ok(row.startsWith('s1:'), `not sealed: ${row}`);
    assert.ok(!row.includes(id) && !row.includes(middle), 'the sealed value holds the digits');
    const whole = sql(srv.dbPath, `SELECT * FROM people WHERE id = ${created.id}`);
    assert.ok(!whole.includes(id) && !whole.includes(middle), `the people row holds the 身份证号: ${whole}`);
    assert.ok(whole.includes(masked(id)), 'the masked form is kept for lists');
    // every sealed number is sealed; none is in clear
    const unsealed = sql(srv.dbPath,
      "SELECT COUNT(*) FROM people WHERE id_number_sealed IS NOT NULL AND id_number_sealed NOT LIKE 's1:%'").trim();
    assert.equal(unsealed, '0');
    const demoId = (await admin.fetch(`/api/v1/people/${ctx.byStaffNo('SF1001').id}`)).data.id_number;
    const leaks = sql(srv.dbPath,
      `SELECT COUNT(*) FROM people WHERE id_number_sealed LIKE '%${demoId}%' OR id_number_masked LIKE '%${demoId}%'`).trim();
    assert.equal(leaks, '0');

    // change the number: the new one is sealed too and neither shows in the audit
    const newId = idNumber('410102', '1990-05-17', true, 333);
    const r = await admin.fetch(`/api/v1/people/${created.id}`, { method: 'PATCH', json: { id_number: newId } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.id_number_masked, masked(newId));
    assert.equal((await admin.fetch(`/api/v1/people/${created.id}`)).data.id_number, newId);
    const row2 = sql(srv.dbPath, `SELECT id_number_sealed FROM people WHERE id = ${created.id}`).trim();
    assert.ok(row2.startsWith('s1:') && row2 !== row && !row2.includes(newId.slice(3, 14)));

    for (const secret of [id, middle, newId, newId.slice(3, 14), demoId, demoId.slice(3, 14)]) {
      const n = sql(srv.dbPath,
        `SELECT COUNT(*) FROM audit WHERE before_json LIKE '%${secret}%' OR after_json LIKE '%${secret}%'`).trim();
      assert.equal(n, '0', `the audit trail holds ${secret}`);
    }
    const rows = await admin.fetch(`/api/v1/audit?object_type=person&object_id=${created.id}&limit=500`);
    assert.ok(rows.data.items.length >= 3, 'create and updates audited');
    const text = JSON.stringify(rows.data);
    for (const secret of [id, middle, newId]) assert.ok(!text.includes(secret), `/audit shows ${secret}`);
    const change = rows.data.items.find((x) => x.action === 'update' && x.after?.id_number_masked === masked(newId));
    assert.ok(change, 'the 身份证号 change is audited (masked)');
    assert.equal(change.before.id_number_masked, masked(id));
    assert.equal(change.after.id_number, undefined);
  });
});

describe('people: scope — who lists, reads and edits whom', () => {
  let srv;
  let ctx;
  let admin;
  let all;
  let b1;
  let b2;
  const clients = {};

  before(async () => {
    srv = await startServer();
    ctx = await demoContext(srv);
    admin = ctx.admin;
    all = ctx.people;
    [b1, b2] = ctx.branches;
    for (const name of ['zhibu1', 'dangyuan', 'keshi', 'jijian', 'dangwei']) clients[name] = await login(srv.url, name);
  });
  after(async () => { await srv.stopClean(); });

  const newPerson = (staffNo, branch) => ({
    staff_no: staffNo,
    name: '新同志',
    gender: '女',
    birth_date: '1995-03-08',
    id_number: idNumber('410105', '1995-03-08', false, Number(staffNo.replace(/\D/g, '')) % 500),
    political_status: '中共党员',
    joined_party_on: '2019-07-01',
    full_member_on: '2020-07-01',
    phone: '13700000000',
    branch_id: branch.id,
  });

  test('zhibu1 lists exactly the people of 机关第一党支部 and its groups', async () => {
    const mine = await listAll(clients.zhibu1);
    const want = await listAll(admin, `branch_id=${b1.id}`);
    assert.ok(want.length >= 3);
    assert.deepEqual(sortedIds(mine), sortedIds(want));
    for (const p of mine) assert.equal(p.branch_id, b1.id, `${p.name} is not in branch 1`);
    const r = await clients.zhibu1.fetch('/api/v1/people?limit=2');
    assert.equal(r.data.total, want.length, 'total counts only the scope');
    // filters cannot widen the scope
    assert.equal((await clients.zhibu1.fetch(`/api/v1/people?branch_id=${b2.id}`)).data.total, 0);
    assert.equal((await clients.zhibu1.fetch(`/api/v1/people?branch_id=${ctx.committeeOrg.id}`)).data.total, want.length);
    const other = all.find((x) => x.branch_id === b2.id);
    assert.equal((await clients.zhibu1.fetch(`/api/v1/people?q=${other.staff_no}`)).data.total, 0);
  });

  test('zhibu1 gets 403 on a person of 机关第二党支部, and may edit one of their own branch', async () => {
    const other = all.find((x) => x.branch_id === b2.id && x.staff_no !== 'SF1006');
    assertError(await clients.zhibu1.fetch(`/api/v1/people/${other.id}`), 403, 'forbidden');
    assertError(await clients.zhibu1.fetch(`/api/v1/people/${other.id}`, { method: 'PATCH', json: { phone: '13611112222' } }), 403, 'forbidden');
    assert.equal((await admin.fetch(`/api/v1/people/${other.id}`)).data.phone, other.phone, 'a refused PATCH wrote');
    // nor people without a branch
    const mass = all.find((x) => x.branch_id === null && x.status === '在职');
    assertError(await clients.zhibu1.fetch(`/api/v1/people/${mass.id}`), 403, 'forbidden');

    const own = all.find((x) => x.branch_id === b1.id && x.user_id === null);
    const r = await clients.zhibu1.fetch(`/api/v1/people/${own.id}`, { method: 'PATCH', json: { phone: '13611112222', position: '股长' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.phone, '13611112222');
    const got = await admin.fetch(`/api/v1/people/${own.id}`);
    assert.equal(got.data.phone, '13611112222');
    assert.equal(got.data.position, '股长');
    const audit = await admin.fetch(`/api/v1/audit?object_type=person&object_id=${own.id}`);
    assert.equal(audit.data.items[0].username, 'zhibu1');
    assert.equal(audit.data.items[0].after.phone, '13611112222');

    // but may not move them out of the branch
    const out = await clients.zhibu1.fetch(`/api/v1/people/${own.id}`, { method: 'PATCH', json: { branch_id: b2.id } });
    assertError(out, 403, 'forbidden');
    assert.equal((await admin.fetch(`/api/v1/people/${own.id}`)).data.branch_id, b1.id);
  });

  test('zhibu1 creates people in their own branch only', async () => {
    const before = (await admin.fetch('/api/v1/people?limit=1')).data.total;
    assertError(await clients.zhibu1.fetch('/api/v1/people', { method: 'POST', json: newPerson('Z9001', b2) }), 403, 'forbidden');
    assertError(await clients.zhibu1.fetch('/api/v1/people', {
      method: 'POST', json: { staff_no: 'Z9002', name: '群众甲', gender: '男', political_status: '群众' },
    }), 403, 'forbidden');
    assert.equal((await admin.fetch('/api/v1/people?limit=1')).data.total, before, 'a refused create wrote');
    assert.equal((await admin.fetch('/api/v1/people?q=Z900')).data.total, 0);
    const body = newPerson('Z9003', b1);
    const ok = await clients.zhibu1.fetch('/api/v1/people', { method: 'POST', json: body });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    assert.equal(ok.data.branch_id, b1.id);
    assert.ok(!('id_number' in ok.data), 'a branch secretary is answered with the masked 身份证号');
    assert.equal(ok.data.id_number_masked, masked(body.id_number));
    assert.ok(idsOf(await listAll(clients.zhibu1)).includes(ok.data.id));
  });

  test('dangyuan (a member) lists and reads only themself', async () => {
    const c = clients.dangyuan;
    const r = await c.fetch('/api/v1/people');
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.total, 1);
    assert.equal(r.data.items.length, 1);
    const me = r.data.items[0];
    assert.equal(me.user_id, c.user.id);
    assert.equal(me.name, '刘思源');
    assert.equal(me.staff_no, 'SF1005');
    assert.equal((await c.fetch(`/api/v1/people/${me.id}`)).status, 200);
    for (const other of [ctx.byStaffNo('SF1001'), ctx.byStaffNo('SF1002'), all.find((x) => x.branch_id === b2.id)])
      assertError(await c.fetch(`/api/v1/people/${other.id}`), 403, 'forbidden');
    assertError(await c.fetch(`/api/v1/people/${ctx.byStaffNo('SF1001').id}`, { method: 'PATCH', json: { phone: '13900000000' } }), 403, 'forbidden');
  });

  test('keshi (dept_head of 办公室) lists exactly the people of 办公室', async () => {
    const c = clients.keshi;
    const office = ctx.dept('办公室');
    const mine = await listAll(c);
    const want = await listAll(admin, `department_id=${office.id}`);
    assert.ok(want.length >= 3);
    assert.deepEqual(sortedIds(mine), sortedIds(want));
    for (const p of mine) assert.equal(p.department_id, office.id);
    assert.equal((await c.fetch(`/api/v1/people/${want[0].id}`)).status, 200);
    // someone of branch 1 outside 办公室, and someone of another department
    const sameBranch = all.find((x) => x.branch_id === b1.id && x.department_id !== office.id);
    const elsewhere = all.find((x) => x.department_id !== office.id && x.department_id !== null);
    for (const other of [sameBranch, elsewhere].filter(Boolean))
      assertError(await c.fetch(`/api/v1/people/${other.id}`), 403, 'forbidden');
    assertError(await c.fetch(`/api/v1/people/${want[0].id}`, { method: 'PATCH', json: { phone: '13900000001' } }), 403, 'forbidden');
  });

  test('jijian (discipline) reads everyone, masked, but may not edit', async () => {
    const c = clients.jijian;
    const everyone = await listAll(c);
    assert.deepEqual(sortedIds(everyone), sortedIds(await listAll(admin)));
    const p = all.find((x) => x.branch_id === b2.id);
    const r = await c.fetch(`/api/v1/people/${p.id}`);
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.data.memberships));
    assertError(await c.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { phone: '13900000002' } }), 403, 'forbidden');
    assert.equal((await admin.fetch(`/api/v1/people/${p.id}`)).data.phone, p.phone);
  });

  test('dangyuan, keshi and jijian may not create people', async () => {
    const before = (await admin.fetch('/api/v1/people?limit=1')).data.total;
    let n = 0;
    for (const name of ['dangyuan', 'keshi', 'jijian']) {
      for (const branch of [b1, b2]) {
        const r = await clients[name].fetch('/api/v1/people', { method: 'POST', json: newPerson(`X80${n++}`, branch) });
        assertError(r, 403, 'forbidden');
      }
    }
    assert.equal((await admin.fetch('/api/v1/people?limit=1')).data.total, before);
    assert.equal((await admin.fetch('/api/v1/people?q=X80')).data.total, 0);
  });

  test('dangwei (party_admin) reads and edits the whole bureau', async () => {
    const c = clients.dangwei;
    assert.equal((await c.fetch('/api/v1/people?limit=1')).data.total, (await admin.fetch('/api/v1/people?limit=1')).data.total);
    const p = all.find((x) => x.branch_id === b2.id && x.user_id === null);
    const r = await c.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { position: '主任科员' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.position, '主任科员');
  });
});
