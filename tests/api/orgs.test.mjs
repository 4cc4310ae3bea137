// The organisation tree in detail (/api/v1/orgs/{id}: committee, member counts and
// the warnings of the official rules; creating, dissolving and merging orgs;
// committee posts) and the departments with their links to branches.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

/** Today (or today + days) as YYYY-MM-DD in the bureau's zone, Asia/Shanghai (UTC+8, no DST). */
function shanghaiDate(days = 0) {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

function assertFieldError(r, field, what = '') {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string',
    `${what} expected fields.${field}, got ${JSON.stringify(r.data)}`);
  return e;
}

async function listAll(client, p) {
  const r = await client.fetch(`${p}${p.includes('?') ? '&' : '?'}limit=500`);
  assert.equal(r.status, 200, `${p}: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data.items;
}

const BRANCH_NAMES = ['机关第一党支部', '机关第二党支部', '机关第三党支部', '机关第四党支部',
  '机关第五党支部', '机关第六党支部', '机关第七党支部', '离退休党支部'];
const DEPARTMENTS = ['办公室', '预算股', '国库股', '综合股', '经济建设股', '行政政法股', '教科文股',
  '社会保障股', '农业股', '企业股', '会计股', '债务管理股', '绩效评价股', '政府采购股',
  '非税收入股', '监督检查股', '人事股', '法规股', '资产管理股', '投资评审中心'];

const codes = (org) => org.warnings.map((w) => w.code);

describe('orgs: details, warnings, changes and committees', () => {
  let srv;
  let admin;
  let orgs;
  let branches; // the 8 demo branches in order
  let committeeOrg; // 机关党委
  const made = {}; // orgs created here
  let t0; // after the demo was made: the changes of this file come later

  const get = async (id) => {
    const r = await admin.fetch(`/api/v1/orgs/${id}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data;
  };
  const auditOf = async (type, id) => {
    const r = await admin.fetch(`/api/v1/audit?object_type=${type}&object_id=${id}&limit=500`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data.items.slice().reverse(); // oldest first
  };
  const groupsOf = (b) => orgs.filter((x) => x.parent_id === b.id && x.type === '党小组');

  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    branches = BRANCH_NAMES.map((n) => {
      const b = orgs.find((x) => x.name === n && x.type === '党支部');
      assert.ok(b, `demo branch ${n} missing`);
      return b;
    });
    committeeOrg = orgs.find((x) => x.type === '机关党委');
    assert.ok(committeeOrg);
    t0 = new Date().toISOString();
  });
  after(async () => { await srv.stopClean(); });

  test('each branch has a committee with a 书记, and member counts that match /people', async () => {
    for (const b of branches) {
      const o = await get(b.id);
      assert.equal(o.id, b.id);
      assert.equal(o.type, '党支部');
      assert.equal(o.name, b.name);
      assert.ok(Array.isArray(o.committee), `${b.name}: no committee`);
      const secretaries = o.committee.filter((m) => m.post === '书记');
      assert.equal(secretaries.length, 1, `${b.name}: committee ${JSON.stringify(o.committee)}`);
      for (const m of o.committee) {
        assert.equal(typeof m.id, 'number');
        assert.equal(typeof m.person_id, 'number');
        assert.equal(typeof m.name, 'string');
        assert.match(m.start_on, /^\d{4}-\d\d-\d\d$/);
        // a committee member belongs to the branch
        const p = await admin.fetch(`/api/v1/people/${m.person_id}`);
        assert.equal(p.data.branch_id, b.id, `${m.name} sits on the committee of ${b.name} but is not in it`);
        assert.equal(p.data.name, m.name);
      }
      const count = async (ps) => (await admin.fetch(
        `/api/v1/people?limit=1&branch_id=${b.id}&political_status=${encodeURIComponent(ps)}`)).data.total;
      assert.equal(o.full_members, await count('中共党员'), `${b.name}: full_members`);
      assert.equal(o.probationary_members, await count('中共预备党员'), `${b.name}: probationary_members`);
      assert.ok(o.full_members >= 3, `${b.name}: ${o.full_members} full members in the demo`);
      assert.ok(Array.isArray(o.warnings));
      assert.ok(!codes(o).includes('no_secretary'), `${b.name}: ${JSON.stringify(o.warnings)}`);
      assert.ok(!codes(o).includes('too_few_members'), `${b.name}: ${JSON.stringify(o.warnings)}`);
      for (const w of o.warnings) {
        assert.equal(typeof w.code, 'string');
        assert.ok(typeof w.message === 'string' && w.message.length > 0);
      }
    }
    // the secretaries of the demo accounts
    const b1 = await get(branches[0].id);
    assert.equal(b1.committee.find((m) => m.post === '书记').name, '王建国');
    const b2 = await get(branches[1].id);
    assert.equal(b2.committee.find((m) => m.post === '书记').name, '孙丽娟');
  });

  test('机关第五党支部: its term ends in 60 days, a term_ending warning; the others have none', async () => {
    const o = await get(branches[4].id);
    assert.equal(o.term_end, shanghaiDate(60));
    const w = o.warnings.find((x) => x.code === 'term_ending');
    assert.ok(w, `no term_ending warning: ${JSON.stringify(o.warnings)}`);
    assert.ok(w.message.includes(o.term_end), w.message);
    assert.ok(!codes(o).includes('term_expired'));
    for (const b of branches.filter((_, i) => i !== 4)) {
      const x = await get(b.id);
      assert.ok(!codes(x).includes('term_ending') && !codes(x).includes('term_expired'),
        `${b.name}: ${JSON.stringify(x.warnings)}`);
    }
    // an expired term is a different warning
    const r = await admin.fetch(`/api/v1/orgs/${branches[6].id}`, {
      method: 'PATCH', json: { term_start: shanghaiDate(-1200), term_end: shanghaiDate(-5) },
    });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const ex = await get(branches[6].id);
    assert.ok(codes(ex).includes('term_expired'), JSON.stringify(ex.warnings));
    assert.ok(!codes(ex).includes('term_ending'));
  });

  test('POST /orgs creates a 党小组 under a branch: 201, Location, audited', async () => {
    const b3 = branches[2];
    const r = await admin.fetch('/api/v1/orgs', { method: 'POST', json: { parent_id: b3.id, type: '党小组', name: '第4党小组' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(typeof r.data.id, 'number');
    assert.equal(r.headers.get('location'), `/api/v1/orgs/${r.data.id}`);
    assert.equal(r.data.parent_id, b3.id);
    assert.equal(r.data.type, '党小组');
    assert.equal(r.data.name, '第4党小组');
    assert.equal(r.data.status, 'active');
    made.group = r.data;
    const got = await admin.fetch(r.headers.get('location'));
    assert.equal(got.status, 200);
    assert.equal(got.data.name, '第4党小组');
    const list = (await admin.fetch('/api/v1/orgs')).data;
    assert.equal(list.total, orgs.length + 1);
    assert.ok(list.items.some((x) => x.id === r.data.id && x.parent_id === b3.id));
    // zhibu1 (branch 1) does not see a group of branch 3
    const z1 = await login(srv.url, 'zhibu1');
    assert.ok(!(await z1.fetch('/api/v1/orgs')).data.items.some((x) => x.id === r.data.id));
    const rows = await auditOf('org', r.data.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].action, 'create');
    assert.equal(rows[0].username, 'admin');
    assert.equal(rows[0].before, null);
    assert.equal(rows[0].after.name, '第4党小组');
    assert.equal(rows[0].after.type, '党小组');
  });

  test('POST /orgs refuses a type that may not sit under the parent, and bad fields', async () => {
    const before = (await admin.fetch('/api/v1/orgs')).data.total;
    const g = groupsOf(branches[0])[0];
    const cases = [
      [{ parent_id: g.id, type: '党小组', name: '小组中的小组' }, 'type', '党小组 under a 党小组'],
      [{ parent_id: g.id, type: '党支部', name: '小组下的支部' }, 'type', '党支部 under a 党小组'],
      [{ parent_id: branches[0].id, type: '党支部', name: '支部下的支部' }, 'type', '党支部 under a 党支部'],
      [{ parent_id: branches[0].id, type: '机关党委', name: '支部下的党委' }, 'type', '机关党委 under a 党支部'],
      [{ parent_id: committeeOrg.id, type: '王国', name: '某国' }, 'type', 'an unknown type'],
      [{ parent_id: committeeOrg.id, name: '无类型' }, 'type', 'no type'],
      [{ parent_id: committeeOrg.id, type: '党支部', name: '' }, 'name', 'empty name'],
      [{ parent_id: committeeOrg.id, type: '党支部', name: '长'.repeat(61) }, 'name', 'long name'],
      [{ parent_id: committeeOrg.id, type: '党支部' }, 'name', 'no name'],
      [{ parent_id: 99999, type: '党支部', name: '无上级' }, 'parent_id', 'no such parent'],
      [{ type: '党支部', name: '无上级' }, 'parent_id', 'no parent'],
      [{ parent_id: committeeOrg.id, type: '党支部', name: '日期错', term_end: '2026-02-30' }, 'term_end', 'a bad date'],
      [{ parent_id: committeeOrg.id, type: '党支部', name: '任期倒置', term_start: '2026-01-01', term_end: '2025-01-01' }, 'term_end', 'end before start'],
      [{ parent_id: committeeOrg.id, type: '党支部', name: '多字段', colour: 'red' }, 'colour', 'unknown field'],
    ];
    for (const [body, field, what] of cases)
      assertFieldError(await admin.fetch('/api/v1/orgs', { method: 'POST', json: body }), field, `${what}:`);
    assert.equal((await admin.fetch('/api/v1/orgs')).data.total, before, 'a refused create wrote an org');
  });

  test('PATCH status dissolved keeps the org, with its status and status_on; audited', async () => {
    const id = made.group.id;
    const r = await admin.fetch(`/api/v1/orgs/${id}`, { method: 'PATCH', json: { status: 'dissolved' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.status, 'dissolved');
    assert.equal(r.data.status_on, shanghaiDate());
    assert.equal(r.data.name, '第4党小组', 'other fields kept');
    const got = await get(id);
    assert.equal(got.status, 'dissolved');
    assert.equal(got.status_on, shanghaiDate());
    assert.ok((await admin.fetch('/api/v1/orgs')).data.items.some((x) => x.id === id && x.status === 'dissolved'),
      'a dissolved org stays in the tree');
    // another group, dissolved on a given date
    const under = await admin.fetch('/api/v1/orgs', { method: 'POST', json: { parent_id: branches[2].id, type: '党小组', name: '第5党小组' } });
    assert.equal(under.status, 201);
    made.group5 = under.data;
    // a given status_on is kept
    const r2 = await admin.fetch(`/api/v1/orgs/${made.group5.id}`, { method: 'PATCH', json: { status: 'dissolved', status_on: '2026-01-15' } });
    assert.equal(r2.status, 200, JSON.stringify(r2.data));
    assert.equal(r2.data.status_on, '2026-01-15');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${branches[3].id}`, { method: 'PATCH', json: { status: 'gone' } }), 'status');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${branches[3].id}`, { method: 'PATCH', json: { status: 'dissolved', status_on: 'today' } }), 'status_on');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${branches[3].id}`, { method: 'PATCH', json: { type: '党总支' } }), 'type');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${branches[3].id}`, { method: 'PATCH', json: { parent_id: 1 } }), 'parent_id');
    assert.equal((await get(branches[3].id)).status, 'active', 'a refused PATCH changed the branch');
    assertError(await admin.fetch('/api/v1/orgs/99999', { method: 'PATCH', json: { name: 'x' } }), 404, 'not_found');

    const rows = (await auditOf('org', id)).filter((x) => x.action === 'update');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].before.status, 'active');
    assert.equal(rows[0].after.status, 'dissolved');
    assert.equal(rows[0].before.status_on, null);
    assert.equal(rows[0].after.status_on, shanghaiDate());
  });

  test('PATCH status merged needs merged_into, an org of the same type', async () => {
    const b = branches[5];
    const [g1, g2] = groupsOf(b);
    assertFieldError(await admin.fetch(`/api/v1/orgs/${g2.id}`, { method: 'PATCH', json: { status: 'merged' } }), 'merged_into');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${g2.id}`, { method: 'PATCH', json: { status: 'merged', merged_into: g2.id } }), 'merged_into', 'into itself:');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${g2.id}`, { method: 'PATCH', json: { status: 'merged', merged_into: b.id } }), 'merged_into', 'into a branch:');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${g2.id}`, { method: 'PATCH', json: { status: 'merged', merged_into: 99999 } }), 'merged_into', 'into nothing:');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${g2.id}`, { method: 'PATCH', json: { status: 'merged', merged_into: 'g1' } }), 'merged_into', 'not an id:');
    assert.equal((await get(g2.id)).status, 'active');
    const r = await admin.fetch(`/api/v1/orgs/${g2.id}`, { method: 'PATCH', json: { status: 'merged', merged_into: g1.id } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.status, 'merged');
    assert.equal(r.data.merged_into, g1.id);
    assert.equal(r.data.status_on, shanghaiDate());
    const got = await get(g2.id);
    assert.equal(got.status, 'merged');
    assert.equal(got.merged_into, g1.id);
    const rows = (await auditOf('org', g2.id)).filter((x) => x.action === 'update');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].before.merged_into, null);
    assert.equal(rows[0].after.merged_into, g1.id);
    assert.equal(rows[0].after.status, 'merged');
  });

  test('committee: add a member with a post, then end their term; both audited', async () => {
    const b = branches[2];
    const before = await get(b.id);
    const onCommittee = new Set(before.committee.map((m) => m.person_id));
    const members = await listAll(admin, `/api/v1/people?branch_id=${b.id}&political_status=${encodeURIComponent('中共党员')}`);
    const p = members.find((x) => !onCommittee.has(x.id));
    assert.ok(p, 'every member of branch 3 is on its committee?');
    const r = await admin.fetch(`/api/v1/orgs/${b.id}/committee`, { method: 'POST', json: { person_id: p.id, post: '青年委员', start_on: '2026-01-05' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(typeof r.data.id, 'number');
    assert.equal(r.data.org_id, b.id);
    assert.equal(r.data.person_id, p.id);
    assert.equal(r.data.name, p.name);
    assert.equal(r.data.post, '青年委员');
    assert.equal(r.data.start_on, '2026-01-05');
    const mid = r.data.id;
    const with_ = await get(b.id);
    assert.equal(with_.committee.length, before.committee.length + 1);
    const m = with_.committee.find((x) => x.id === mid);
    assert.deepEqual([m.person_id, m.name, m.post, m.start_on], [p.id, p.name, '青年委员', '2026-01-05']);

    // refused: a bad post, someone of another branch, no person
    const other = (await listAll(admin, `/api/v1/people?branch_id=${branches[3].id}`))[0];
    assertFieldError(await admin.fetch(`/api/v1/orgs/${b.id}/committee`, { method: 'POST', json: { person_id: p.id, post: '队长' } }), 'post');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${b.id}/committee`, { method: 'POST', json: { person_id: other.id, post: '委员' } }), 'person_id');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${b.id}/committee`, { method: 'POST', json: { post: '委员' } }), 'person_id');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${b.id}/committee`, { method: 'POST', json: { person_id: 99999, post: '委员' } }), 'person_id');
    assertFieldError(await admin.fetch(`/api/v1/orgs/${b.id}/committee`, { method: 'POST', json: { person_id: p.id, post: '委员', start_on: '2026-13-01' } }), 'start_on');
    assert.equal((await get(b.id)).committee.length, before.committee.length + 1, 'a refused add wrote');

    const del = await admin.fetch(`/api/v1/orgs/${b.id}/committee/${mid}`, { method: 'DELETE' });
    assert.equal(del.status, 204, JSON.stringify(del.data));
    assert.equal(del.data, null);
    const after_ = await get(b.id);
    assert.ok(!after_.committee.some((x) => x.id === mid), 'an ended member is still listed');
    // the ended post stays in the branch's former committees, with its dates
    const former = after_.former_committee.find((x) => x.id === mid);
    assert.ok(former, 'the ended post is among the former committee');
    assert.deepEqual([former.person_id, former.post, former.start_on], [p.id, '青年委员', '2026-01-05']);
    assert.match(former.end_on, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(!before.former_committee.some((x) => x.id === mid));
    assert.deepEqual(after_.committee.map((x) => x.id), before.committee.map((x) => x.id));
    assertError(await admin.fetch(`/api/v1/orgs/${b.id}/committee/${mid}`, { method: 'DELETE' }), 404, 'not_found');
    // a member id under another org is not found there
    const sec = before.committee[0];
    assertError(await admin.fetch(`/api/v1/orgs/${branches[3].id}/committee/${sec.id}`, { method: 'DELETE' }), 404, 'not_found');
    assert.ok((await get(b.id)).committee.some((x) => x.id === sec.id));

    const rows = await auditOf('committee_member', mid);
    assert.deepEqual(rows.map((x) => x.action), ['create', 'end']);
    assert.equal(rows[0].after.person_id, p.id);
    assert.equal(rows[0].after.post, '青年委员');
    assert.equal(rows[0].org_id, b.id);
    assert.equal(rows[1].after.end_on, shanghaiDate());
  });

  test('a new branch with fewer than 3 full members warns too_few_members', async () => {
    const r = await admin.fetch('/api/v1/orgs', {
      method: 'POST',
      json: { parent_id: committeeOrg.id, type: '党支部', name: '机关第八党支部', term_start: shanghaiDate(-10), term_end: shanghaiDate(3 * 365 - 10) },
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    made.branch8 = r.data;
    assert.equal(r.data.term_end, shanghaiDate(3 * 365 - 10));
    const o = await get(r.data.id);
    assert.equal(o.full_members, 0);
    assert.equal(o.probationary_members, 0);
    assert.deepEqual(o.committee, []);
    assert.ok(codes(o).includes('too_few_members'), JSON.stringify(o.warnings));
    assert.ok(codes(o).includes('no_secretary'), JSON.stringify(o.warnings));
    assert.ok(!codes(o).includes('term_ending'));

    // two full members and one probationary member: still too few
    const src = await listAll(admin, `/api/v1/people?branch_id=${branches[6].id}`);
    const full = src.filter((x) => x.political_status === '中共党员' && x.user_id === null);
    const prob = (await listAll(admin, `/api/v1/people?political_status=${encodeURIComponent('中共预备党员')}`))
      .find((x) => x.user_id === null && x.branch_id !== null);
    assert.ok(full.length >= 3 && prob);
    const move = async (p) => {
      const m = await admin.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { branch_id: r.data.id } });
      assert.equal(m.status, 200, JSON.stringify(m.data));
    };
    await move(full[0]);
    await move(full[1]);
    await move(prob);
    const o2 = await get(r.data.id);
    assert.equal(o2.full_members, 2);
    assert.equal(o2.probationary_members, 1);
    assert.ok(codes(o2).includes('too_few_members'), JSON.stringify(o2.warnings));
    await move(full[2]);
    const o3 = await get(r.data.id);
    assert.equal(o3.full_members, 3);
    assert.ok(!codes(o3).includes('too_few_members'), JSON.stringify(o3.warnings));
    assert.equal((await admin.fetch(`/api/v1/people?limit=1&branch_id=${r.data.id}`)).data.total, 4);

    // a secretary clears no_secretary
    const s = await admin.fetch(`/api/v1/orgs/${r.data.id}/committee`, { method: 'POST', json: { person_id: full[0].id, post: '书记' } });
    assert.equal(s.status, 201, JSON.stringify(s.data));
    assert.equal(s.data.start_on, shanghaiDate(), 'start_on defaults to today');
    assert.ok(!codes(await get(r.data.id)).includes('no_secretary'));
  });

  test('zhibu1 may not create or change orgs (403), nor touch another branch\'s committee', async () => {
    const z = await login(srv.url, 'zhibu1');
    const before = (await admin.fetch('/api/v1/orgs')).data.total;
    for (const body of [
      { parent_id: branches[0].id, type: '党小组', name: '第9党小组' },
      { parent_id: committeeOrg.id, type: '党支部', name: '机关第九党支部' },
    ])
      assertError(await z.fetch('/api/v1/orgs', { method: 'POST', json: body }), 403, 'forbidden');
    assert.equal((await admin.fetch('/api/v1/orgs')).data.total, before);
    assertError(await z.fetch(`/api/v1/orgs/${branches[0].id}`, { method: 'PATCH', json: { name: '改名支部' } }), 403, 'forbidden');
    assertError(await z.fetch(`/api/v1/orgs/${branches[1].id}`, { method: 'PATCH', json: { status: 'dissolved' } }), 403, 'forbidden');
    assert.equal((await get(branches[0].id)).name, '机关第一党支部');
    assert.equal((await get(branches[1].id)).status, 'active');
    const b2 = await get(branches[1].id);
    const p2 = (await listAll(admin, `/api/v1/people?branch_id=${branches[1].id}`)).find((x) => !b2.committee.some((m) => m.person_id === x.id));
    assertError(await z.fetch(`/api/v1/orgs/${branches[1].id}/committee`, { method: 'POST', json: { person_id: p2.id, post: '委员' } }), 403, 'forbidden');
    assertError(await z.fetch(`/api/v1/orgs/${branches[1].id}/committee/${b2.committee[0].id}`, { method: 'DELETE' }), 403, 'forbidden');
    assert.equal((await get(branches[1].id)).committee.length, b2.committee.length);
    // and other branches' details are not theirs to read
    assertError(await z.fetch(`/api/v1/orgs/${branches[1].id}`), 403, 'forbidden');
    for (const name of ['dangyuan', 'keshi', 'jijian']) {
      const c = await login(srv.url, name);
      assertError(await c.fetch('/api/v1/orgs', { method: 'POST', json: { parent_id: branches[0].id, type: '党小组', name: '第9党小组' } }), 403, 'forbidden');
    }
  });

  test('every change made here is in /audit with before and after', async () => {
    const r = await admin.fetch(`/api/v1/audit?object_type=org&from=${encodeURIComponent(t0)}&limit=500`);
    assert.equal(r.status, 200);
    const rows = r.data.items;
    for (const o of [made.group, made.group5, made.branch8]) {
      const c = rows.find((x) => x.action === 'create' && x.object_id === o.id);
      assert.ok(c, `create of ${o.name} not audited`);
      assert.equal(c.before, null);
      assert.equal(c.after.id, o.id);
    }
    const updates = rows.filter((x) => x.action === 'update');
    // term change of branch 7, dissolve x2, merge
    assert.equal(updates.length, 4, JSON.stringify(updates.map((x) => [x.object_id, x.after?.status])));
    for (const u of updates) {
      assert.ok(u.before && u.after, `update ${u.id} without before/after`);
      assert.equal(u.before.id, u.object_id);
      assert.equal(u.after.id, u.object_id);
      assert.notDeepEqual(u.before, u.after);
      assert.equal(u.username, 'admin');
    }
    const term = updates.find((x) => x.object_id === branches[6].id);
    assert.equal(term.after.term_end, shanghaiDate(-5));
    assert.notEqual(term.before.term_end, term.after.term_end);
    const cm = await admin.fetch(`/api/v1/audit?object_type=committee_member&from=${encodeURIComponent(t0)}&limit=500`);
    assert.deepEqual(cm.data.items.map((x) => x.action).sort(), ['create', 'create', 'end']);
    // and nobody else's refused attempt left a row
    assert.ok(!rows.some((x) => x.username !== 'admin'), 'a refused change was audited as done');
  });
});

describe('departments and their links to branches', () => {
  let srv;
  let admin;
  let branches;
  let depts;
  let aGroup;

  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    branches = BRANCH_NAMES.map((n) => orgs.find((x) => x.name === n && x.type === '党支部'));
    aGroup = orgs.find((x) => x.type === '党小组');
  });
  after(async () => { await srv.stopClean(); });

  test('the list holds the 20 demo departments, each linked to a branch', async () => {
    const r = await admin.fetch('/api/v1/departments');
    assert.equal(r.status, 200);
    assert.equal(r.data.total, 20);
    assert.equal(r.data.items.length, 20);
    depts = r.data.items;
    assert.deepEqual(depts.map((d) => d.name).sort(), DEPARTMENTS.slice().sort());
    for (const d of depts) {
      assert.equal(typeof d.id, 'number');
      assert.equal(d.status, 'active');
      assert.equal(typeof d.branch_id, 'number', `${d.name} is not linked`);
      const b = branches.find((x) => x.id === d.branch_id);
      assert.ok(b, `${d.name} is linked to ${d.branch_id}, not a demo branch`);
      assert.equal(d.branch, b.name);
      assert.notEqual(d.branch, '离退休党支部', 'no department belongs to the retirees');
      assert.match(d.linked_since, /^\d{4}-\d\d-\d\d$/);
      assert.ok(d.linked_since < shanghaiDate());
    }
    // 将职责相近的科室划分为一个支部: the demo spreads 20 departments over 7 branches in order
    DEPARTMENTS.forEach((name, i) => {
      assert.equal(depts.find((d) => d.name === name).branch, BRANCH_NAMES[Math.floor((i * 7) / 20)], name);
    });
    const one = await admin.fetch(`/api/v1/departments/${depts[0].id}`);
    assert.equal(one.status, 200);
    const { links, ...listed } = one.data;
    assert.deepEqual(listed, depts[0]);
    assert.deepEqual(links, [{ branch_id: depts[0].branch_id, branch: depts[0].branch, start_on: depts[0].linked_since, end_on: null }]);
    assertError(await admin.fetch('/api/v1/departments/99999'), 404, 'not_found');
    // everyone of the bureau may read the list
    for (const name of ['zhibu1', 'dangyuan', 'keshi', 'jijian']) {
      const c = await login(srv.url, name);
      assert.equal((await c.fetch('/api/v1/departments')).data.total, 20, name);
    }
  });

  test('create a department with a branch link: 201, Location, audited', async () => {
    const r = await admin.fetch('/api/v1/departments', { method: 'POST', json: { name: '信息中心', branch_id: branches[3].id } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.headers.get('location'), `/api/v1/departments/${r.data.id}`);
    assert.equal(r.data.name, '信息中心');
    assert.equal(r.data.status, 'active');
    assert.equal(r.data.branch_id, branches[3].id);
    assert.equal(r.data.branch, '机关第四党支部');
    assert.equal(r.data.linked_since, shanghaiDate(), 'the link starts today unless told');
    const got = await admin.fetch(r.headers.get('location'));
    assert.deepEqual(got.data, { ...r.data, links: [{ branch_id: branches[3].id, branch: '机关第四党支部', start_on: shanghaiDate(), end_on: null }] });
    assert.equal((await admin.fetch('/api/v1/departments')).data.total, 21);

    const r2 = await admin.fetch('/api/v1/departments', { method: 'POST', json: { name: '票据中心', branch_id: branches[5].id, link_start: '2025-07-01' } });
    assert.equal(r2.status, 201, JSON.stringify(r2.data));
    assert.equal(r2.data.linked_since, '2025-07-01');
    const r3 = await admin.fetch('/api/v1/departments', { method: 'POST', json: { name: '未挂钩科室' } });
    assert.equal(r3.status, 201, JSON.stringify(r3.data));
    assert.equal(r3.data.branch_id, null);
    assert.equal(r3.data.linked_since, null);

    const audit = await admin.fetch(`/api/v1/audit?object_type=department&object_id=${r.data.id}`);
    assert.equal(audit.data.total, 1);
    assert.equal(audit.data.items[0].action, 'create');
    assert.equal(audit.data.items[0].after.branch_id, branches[3].id);

    const before = (await admin.fetch('/api/v1/departments')).data.total;
    assertError(await admin.fetch('/api/v1/departments', { method: 'POST', json: { name: '办公室' } }), 409, 'conflict');
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: '某股', branch_id: 99999 }, 'branch_id'],
      [{ name: '某股', branch_id: aGroup.id }, 'branch_id'], // a 党小组, not a branch
      [{ name: '某股', branch_id: branches[0].id, link_start: '2025-02-30' }, 'link_start'],
      [{ name: '某股', status: 'sleeping' }, 'status'],
      [{ name: '某股', parent_id: 99999 }, 'parent_id'],
      [{ name: '某股', head: '张三' }, 'head'],
    ])
      assertFieldError(await admin.fetch('/api/v1/departments', { method: 'POST', json: body }), field, JSON.stringify(body));
    assert.equal((await admin.fetch('/api/v1/departments')).data.total, before);
  });

  test('PATCH branch_id with link_start moves the link; linked_since is link_start', async () => {
    const d = depts.find((x) => x.name === '会计股');
    const oldBranch = d.branch_id;
    const target = branches.find((b) => b.id !== oldBranch && b.name !== '离退休党支部');
    const start = shanghaiDate(-3);
    const r = await admin.fetch(`/api/v1/departments/${d.id}`, { method: 'PATCH', json: { branch_id: target.id, link_start: start } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.branch_id, target.id);
    assert.equal(r.data.branch, target.name);
    assert.equal(r.data.linked_since, start);
    assert.equal(r.data.name, '会计股');
    const got = await admin.fetch(`/api/v1/departments/${d.id}`);
    assert.equal(got.data.branch_id, target.id);
    assert.equal(got.data.linked_since, start);
    // the history: the new link open, the old one ended the day before it began
    const [now, was] = got.data.links;
    assert.deepEqual([now.branch_id, now.branch, now.start_on, now.end_on], [target.id, target.name, start, null]);
    assert.equal(was.branch_id, oldBranch);
    assert.equal(was.end_on < start, true, `the old link ended (${was.end_on}) before ${start}`);

    // a link cannot start on or before the current one
    for (const when of [start, shanghaiDate(-30)]) {
      const bad = await admin.fetch(`/api/v1/departments/${d.id}`, { method: 'PATCH', json: { branch_id: oldBranch, link_start: when } });
      assertFieldError(bad, 'link_start', when);
    }
    assert.equal((await admin.fetch(`/api/v1/departments/${d.id}`)).data.branch_id, target.id);

    // a rename keeps the link
    const ren = await admin.fetch(`/api/v1/departments/${d.id}`, { method: 'PATCH', json: { name: '会计核算股' } });
    assert.equal(ren.status, 200, JSON.stringify(ren.data));
    assert.equal(ren.data.branch_id, target.id);
    assert.equal(ren.data.linked_since, start);
    // unlinking
    const un = await admin.fetch(`/api/v1/departments/${d.id}`, { method: 'PATCH', json: { branch_id: null, link_start: shanghaiDate() } });
    assert.equal(un.status, 200, JSON.stringify(un.data));
    assert.equal(un.data.branch_id, null);
    assert.equal(un.data.linked_since, null);

    const rows = (await admin.fetch(`/api/v1/audit?object_type=department&object_id=${d.id}&limit=50`)).data.items.reverse();
    const upd = rows.filter((x) => x.action === 'update');
    assert.equal(upd.length, 3);
    assert.equal(upd[0].before.branch_id, oldBranch);
    assert.equal(upd[0].after.branch_id, target.id);
    assert.equal(upd[0].after.linked_since, start);
    assert.equal(upd[1].before.name, '会计股');
    assert.equal(upd[1].after.name, '会计核算股');
    assert.equal(upd[2].after.branch_id, null);
  });

  test('zhibu1 (and other non-managers) may not create or change departments', async () => {
    const before = (await admin.fetch('/api/v1/departments')).data.total;
    for (const name of ['zhibu1', 'keshi', 'dangyuan', 'jijian']) {
      const c = await login(srv.url, name);
      assertError(await c.fetch('/api/v1/departments', { method: 'POST', json: { name: `${name}的科室`, branch_id: branches[0].id } }), 403, 'forbidden');
      assertError(await c.fetch(`/api/v1/departments/${depts[0].id}`, { method: 'PATCH', json: { name: '改名' } }), 403, 'forbidden');
    }
    assert.equal((await admin.fetch('/api/v1/departments')).data.total, before);
    assert.equal((await admin.fetch(`/api/v1/departments/${depts[0].id}`)).data.name, '办公室');
    const dw = await login(srv.url, 'dangwei');
    const ok = await dw.fetch('/api/v1/departments', { method: 'POST', json: { name: '党建办', branch_id: branches[0].id } });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
  });
});
