// Organisational life (组织生活): /api/v1/meeting-kinds, /api/v1/meetings with the
// expected attendance taken from membership on the day of the meeting, attendance
// with reasons, quorum, back-filling (flagged, or refused with meetings.refuse_late),
// lists and exports, evidence files typed by their content (/api/v1/files), who may
// read and write what, and the audit trail of every change.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer, login, assertError, readJson, sql, ADMIN_PASSWORD } from './harness.mjs';

/** Today (or today + days) as YYYY-MM-DD in the bureau's zone, Asia/Shanghai (UTC+8, no DST). */
function shanghaiDate(days = 0) {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

/** Asserts a 400 invalid naming the field, and returns the error. */
function assertFieldError(r, field, what = '') {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string',
    `${what} expected fields.${field}, got ${JSON.stringify(r.data)}`);
  return e;
}

const sorted = (ids) => ids.slice().sort((a, b) => a - b);
const idsOf = (items) => items.map((x) => x.id);
const attendeeIds = (m) => sorted(m.attendance.map((a) => a.person_id));
const FULL = '中共党员';
const PROBATIONARY = '中共预备党员';
const isMember = (p) => p.political_status === FULL || p.political_status === PROBATIONARY;

const BRANCH_NAMES = ['机关第一党支部', '机关第二党支部', '机关第三党支部', '机关第四党支部',
  '机关第五党支部', '机关第六党支部', '机关第七党支部'];

// evidence files: real headers of each type
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([
  Buffer.from([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
  crypto.randomBytes(64), Buffer.from([0xFF, 0xD9])]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1A, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.from([0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00])]);
const DOC97 = Buffer.concat([Buffer.from([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), Buffer.alloc(504)]);
const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xEDB88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A ZIP archive of stored (uncompressed) entries: [[name, text], ...]. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const n = Buffer.from(name, 'utf8');
    const d = Buffer.from(text, 'utf8');
    const crc = crc32(d);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(d.length, 18); lh.writeUInt32LE(d.length, 22); lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(d.length, 20); ch.writeUInt32LE(d.length, 24); ch.writeUInt16LE(n.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, d);
    centrals.push(ch, n);
    offset += 30 + n.length + d.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A minimal Word document (.docx). */
const DOCX = zip([
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
  ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
  ['word/document.xml', '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:body><w:p><w:r><w:t>会议纪要</w:t></w:r></w:p></w:body></w:document>'],
]);
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');

/** The multipart/form-data body a browser sends for a file and its fields (raw UTF-8 names). */
function multipart(parts) {
  const boundary = '----djMeetingTest' + crypto.randomBytes(8).toString('hex');
  const chunks = [];
  for (const p of parts) {
    if (p.filename !== undefined) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\n` +
        `Content-Type: ${p.type || 'application/octet-stream'}\r\n\r\n`, 'utf8'), p.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.data}\r\n`, 'utf8'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/v1/files: {file, object_type, object_id} as multipart; client is a login() or,
 *  to send no session, {url}. */
async function upload(client, { data, filename, type, objectType = 'meeting', objectId, withCsrf = true }) {
  const parts = [{ name: 'file', filename, data, type }];
  if (objectType !== null) parts.push({ name: 'object_type', data: objectType });
  if (objectId !== null && objectId !== undefined) parts.push({ name: 'object_id', data: String(objectId) });
  const { body, type: ct } = multipart(parts);
  const headers = { 'Content-Type': ct };
  if (client.cookie) headers.Cookie = client.cookie;
  if (client.csrf && withCsrf) headers['X-CSRF-Token'] = client.csrf;
  const res = await fetch(`${client.url}/api/v1/files`, { method: 'POST', body, headers });
  return { status: res.status, headers: res.headers, data: await readJson(res) };
}

/** GET with the bytes of the answer (and the JSON, for errors). */
async function download(url, client, p) {
  const res = await fetch(`${url}${p}`, { headers: client ? { Cookie: client.cookie } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  let data = null;
  if (/json/.test(res.headers.get('content-type') || '')) data = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, headers: res.headers, bytes, data };
}

/** Lookups shared by the tests on a fresh demo server. */
async function demoContext(srv) {
  const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
  const branches = BRANCH_NAMES.map((n) => {
    const b = orgs.find((x) => x.name === n && x.type === '党支部');
    assert.ok(b, `demo branch ${n} missing`);
    return b;
  });
  const groupsOf = (b) => orgs.filter((x) => x.parent_id === b.id && x.type === '党小组');
  const partyGroup = orgs.find((x) => x.type === '党组');
  assert.ok(partyGroup, 'demo 党组 missing');
  const kr = await admin.fetch('/api/v1/meeting-kinds');
  assert.equal(kr.status, 200, JSON.stringify(kr.data));
  const kinds = Object.fromEntries(kr.data.items.map((k) => [k.code, k]));
  const pr = await admin.fetch('/api/v1/people?limit=500');
  assert.equal(pr.status, 200);
  assert.equal(pr.data.items.length, pr.data.total);
  const people = pr.data.items;
  const byStaffNo = (no) => {
    const p = people.find((x) => x.staff_no === no);
    assert.ok(p, `demo person ${no} missing`);
    return p;
  };
  /** The current members of a branch (or of a 党小组 with group=true). */
  const membersOf = (org, { probationary = true, group = false } = {}) => sorted(people
    .filter((p) => (group ? p.group_id : p.branch_id) === org.id)
    .filter((p) => p.political_status === FULL || (probationary && p.political_status === PROBATIONARY))
    .map((p) => p.id));
  const committeeOf = async (org) => {
    const r = await admin.fetch(`/api/v1/orgs/${org.id}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data.committee;
  };
  return { admin, orgs, branches, groupsOf, partyGroup, kinds, people, byStaffNo, membersOf, committeeOf };
}

describe('meetings: kinds, records, attendance, quorum, lists, files, scope, audit', () => {
  let srv;
  let ctx;
  let admin;
  let kinds;
  let b1, b2, b3, b4, b5, b6, b7;
  const c = {}; // logged-in demo accounts
  const made = []; // every meeting created in this server: {id, org_id, kind_id, held_on}
  let m1; // a 支部党员大会 of branch 1, made by zhibu1
  let m2; // a 支部党员大会 of branch 2, made by zhibu2

  before(async () => {
    srv = await startServer();
    ctx = await demoContext(srv);
    admin = ctx.admin;
    kinds = ctx.kinds;
    [b1, b2, b3, b4, b5, b6, b7] = ctx.branches;
    for (const name of ['dangwei', 'zhibu1', 'zhibu2', 'keshi', 'jijian', 'dangyuan']) c[name] = await login(srv.url, name);
  });
  after(async () => { await srv.stopClean(); });

  const body = (org, kind, days, extra = {}) => ({ org_id: org.id, kind_id: kinds[kind].id, held_on: shanghaiDate(days), ...extra });

  /** POST a meeting, asserting 201; remembers it. */
  async function create(client, b) {
    const r = await client.fetch('/api/v1/meetings', { method: 'POST', json: b });
    assert.equal(r.status, 201, `create ${JSON.stringify(b)}: ${r.status} ${JSON.stringify(r.data)}`);
    made.push({ id: r.data.id, org_id: b.org_id, kind_id: b.kind_id, held_on: b.held_on });
    return r.data;
  }
  /** POST a meeting that must be refused; remembers it anyway if it was not. */
  async function createRefused(client, b) {
    const r = await client.fetch('/api/v1/meetings', { method: 'POST', json: b });
    if (r.status === 201) made.push({ id: r.data.id, org_id: b.org_id, kind_id: b.kind_id, held_on: b.held_on });
    return r;
  }
  const get = async (id, client = admin) => {
    const r = await client.fetch(`/api/v1/meetings/${id}`);
    assert.equal(r.status, 200, `GET meeting ${id}: ${r.status} ${JSON.stringify(r.data)}`);
    return r.data;
  };
  const mark = (client, id, attendance) =>
    client.fetch(`/api/v1/meetings/${id}/attendance`, { method: 'PUT', json: { attendance } });
  const total = async () => (await admin.fetch('/api/v1/meetings?limit=1')).data.total;
  const auditOf = async (type, id) => {
    const r = await admin.fetch(`/api/v1/audit?object_type=${type}&object_id=${id}&limit=500`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data.items.slice().reverse(); // oldest first
  };

  test('meeting kinds: the nine built-in kinds with who attends and the quorum rule; every role reads them', async () => {
    const want = [
      ['branch_assembly', '支部党员大会', 'branch', true, false, 'half_members'],
      ['committee', '支委会', 'committee', false, false, 'half_committee'],
      ['group', '党小组会', 'group', true, false, ''],
      ['party_lecture', '党课', 'branch', true, true, ''],
      ['theme_day', '主题党日', 'branch', true, false, ''],
      ['life_meeting', '组织生活会', 'branch', true, false, ''],
      ['appraisal', '民主评议党员', 'branch', true, false, 'half_members'],
      ['central_group', '理论中心组学习', 'custom', true, true, ''],
      ['first_topic', '第一议题', 'custom', true, true, ''],
    ];
    for (const name of ['dangyuan', 'keshi', 'jijian', 'zhibu1']) {
      const r = await c[name].fetch('/api/v1/meeting-kinds');
      assert.equal(r.status, 200, `${name}: ${JSON.stringify(r.data)}`);
      assert.equal(r.data.total, r.data.items.length);
      assert.deepEqual(r.data.items.slice(0, 9).map((k) => [k.code, k.name, k.attendees, k.include_probationary, k.include_non_members, k.quorum]),
        want, name);
      for (const k of r.data.items) assert.equal(typeof k.id, 'number');
    }
    const anon = await fetch(`${srv.url}/api/v1/meeting-kinds`);
    assert.equal(anon.status, 401);
  });

  test('create a 支部党员大会: 201, Location, the fields back, attendance pre-filled with the branch members', async () => {
    const sec = ctx.byStaffNo('SF1002'); // 王建国, 书记 of branch 1
    const rec = ctx.byStaffNo('SF1003'); // 陈晓东
    const b = body(b1, 'branch_assembly', -1, {
      starts_at: '09:00', ends_at: '11:30', place: '三楼会议室', topic: '学习贯彻党的二十大精神',
      host_id: sec.id, recorder_id: rec.id, agenda: '一、传达学习\n二、讨论', minutes: '会议由王建国同志主持……',
      resolutions: '一致通过',
    });
    const r = await c.zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: b });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    made.push({ id: r.data.id, org_id: b.org_id, kind_id: b.kind_id, held_on: b.held_on });
    assert.equal(typeof r.data.id, 'number');
    assert.equal(r.headers.get('location'), `/api/v1/meetings/${r.data.id}`);
    const m = r.data;
    for (const k of ['org_id', 'kind_id', 'held_on', 'starts_at', 'ends_at', 'place', 'topic', 'host_id',
      'recorder_id', 'agenda', 'minutes', 'resolutions'])
      assert.equal(m[k], b[k], k);
    assert.equal(m.org, '机关第一党支部');
    assert.equal(m.kind, 'branch_assembly');
    assert.equal(m.kind_name, '支部党员大会');
    assert.equal(m.host, '王建国');
    assert.equal(m.recorder, '陈晓东');
    assert.equal(m.lecturer_id, null);
    assert.equal(m.lecturer, null);
    assert.equal(m.recorded_on, shanghaiDate());
    assert.equal(m.late_recorded, false);
    assert.deepEqual(m.files, []);

    // expected: the branch's full and probationary members on the day, nobody else
    const want = ctx.membersOf(b1);
    assert.ok(want.length >= 5, `branch 1 has ${want.length} members`);
    assert.deepEqual(attendeeIds(m), want);
    for (const a of m.attendance) {
      assert.equal(a.expected, true, JSON.stringify(a));
      assert.equal(a.status, null, 'attendance not yet taken');
      assert.equal(a.reason, '');
      const p = ctx.people.find((x) => x.id === a.person_id);
      assert.equal(a.name, p.name);
      assert.equal(a.political_status, p.political_status);
    }
    assert.deepEqual(m.summary, { present: 0, leave: 0, absent: 0, late: 0, untaken: want.length });
    const full = ctx.membersOf(b1, { probationary: false });
    assert.equal(typeof m.quorum.rule, 'string');
    assert.ok(m.quorum.rule.length > 0);
    assert.deepEqual([m.quorum.expected, m.quorum.present, m.quorum.met], [full.length, 0, false]);

    const again = await get(m.id);
    assert.deepEqual(again, m, 'GET answers what the create answered');
    m1 = m;
    m2 = await create(c.zhibu2, body(b2, 'branch_assembly', -1, { topic: '第二支部党员大会' }));
    assert.deepEqual(attendeeIds(m2), ctx.membersOf(b2));
  });

  test('each kind expects its own people: branch kinds, 支委会, 党小组会, custom kinds', async () => {
    // 主题党日, 党课, 组织生活会, 民主评议党员: the branch's members with the 预备党员
    for (const kind of ['theme_day', 'party_lecture', 'life_meeting', 'appraisal']) {
      const m = await create(c.zhibu1, body(b1, kind, -2, { topic: kinds[kind].name }));
      assert.equal(m.kind, kind);
      assert.deepEqual(attendeeIds(m), ctx.membersOf(b1), kind);
      assert.ok(m.attendance.every((a) => a.expected && a.status === null), kind);
      if (kind === 'appraisal') {
        assert.deepEqual([m.quorum.expected, m.quorum.met], [ctx.membersOf(b1, { probationary: false }).length, false]);
      } else {
        assert.equal(m.quorum, null, `${kind} has no quorum rule`);
      }
    }
    // 支委会: the committee on the day
    const committee = await ctx.committeeOf(b1);
    assert.ok(committee.length >= 3, `branch 1 committee: ${JSON.stringify(committee)}`);
    const cm = await create(c.zhibu1, body(b1, 'committee', -2, { topic: '支委会' }));
    assert.deepEqual(attendeeIds(cm), sorted([...new Set(committee.map((x) => x.person_id))]));
    assert.deepEqual([cm.quorum.expected, cm.quorum.present, cm.quorum.met], [committee.length, 0, false]);
    assert.notEqual(cm.quorum.rule, m1.quorum.rule, 'the two quorum rules are told apart');

    // 党小组会: the group's members, and it is held by the group
    for (const g of ctx.groupsOf(b1)) {
      const want = ctx.membersOf(g, { group: true });
      const gm = await create(c.zhibu1, body(g, 'group', -2, { topic: `${g.name}会议` }));
      assert.equal(gm.org_id, g.id);
      assert.deepEqual(attendeeIds(gm), want, g.name);
      assert.equal(gm.quorum, null);
      assert.ok(want.every((id) => ctx.membersOf(b1).includes(id)));
    }

    // a custom kind (理论中心组学习 of the 党组): nobody is pre-filled, the recorder lists who came
    const cg = await create(c.dangwei, body(ctx.partyGroup, 'central_group', -2, { topic: '理论中心组第一次集中学习' }));
    assert.deepEqual(cg.attendance, []);
    assert.deepEqual(cg.summary, { present: 0, leave: 0, absent: 0, late: 0, untaken: 0 });
    assert.equal(cg.quorum, null);
  });

  test('create: 400 with fields for what is wrong or held by the wrong org, and nothing is written', async () => {
    const before_ = await total();
    const g1 = ctx.groupsOf(b1)[0];
    const ok = () => body(b1, 'theme_day', -1, { topic: '不应写入' });
    const without = (k) => { const b = ok(); delete b[k]; return b; };
    const cases = [
      [body(b1, 'group', -1), 'org_id', '党小组会 held by a branch'],
      [body(g1, 'branch_assembly', -1), 'org_id', '支部党员大会 held by a 党小组'],
      [body(g1, 'committee', -1), 'org_id', '支委会 held by a 党小组'],
      [{ ...ok(), org_id: 99999 }, 'org_id', 'no such org'],
      [{ ...ok(), kind_id: 99999 }, 'kind_id', 'no such kind'],
      [without('org_id'), 'org_id', 'no org'],
      [without('kind_id'), 'kind_id', 'no kind'],
      [without('held_on'), 'held_on', 'no date'],
      [{ ...ok(), held_on: shanghaiDate(1) }, 'held_on', 'tomorrow'],
      [{ ...ok(), held_on: shanghaiDate(30) }, 'held_on', 'next month'],
      [{ ...ok(), held_on: '2026-02-30' }, 'held_on', 'no such date'],
      [{ ...ok(), held_on: '昨天' }, 'held_on', 'not a date'],
      [{ ...ok(), starts_at: '25:00' }, 'starts_at', 'no such time'],
      [{ ...ok(), starts_at: '9:00' }, 'starts_at', 'H:MM'],
      [{ ...ok(), starts_at: '10:00', ends_at: '09:30' }, 'ends_at', 'ends before it starts'],
      [{ ...ok(), topic: '题'.repeat(101) }, 'topic', 'a topic of 101 characters'],
      [{ ...ok(), host_id: 99999 }, 'host_id', 'no such host'],
      [{ ...ok(), recorder_id: 99999 }, 'recorder_id', 'no such recorder'],
      [{ ...ok(), lecturer_id: 'someone' }, 'lecturer_id', 'a string id'],
      [{ ...ok(), org_id: String(b1.id) }, 'org_id', 'org_id as a string'],
      [{ ...ok(), weather: '晴' }, 'weather', 'unknown field'],
    ];
    for (const [b, field, what] of cases) assertFieldError(await createRefused(c.zhibu1, b), field, `${what}:`);
    assert.equal(await total(), before_, 'a refused create wrote a meeting');
    // today is fine
    const today = await create(c.zhibu1, body(b1, 'theme_day', 0, { topic: '今天的主题党日' }));
    assert.equal(today.held_on, shanghaiDate());
    assert.equal(today.late_recorded, false);
    assertError(await c.zhibu1.fetch('/api/v1/meetings', { method: 'POST', body: '{"org_id":', headers: { 'Content-Type': 'application/json' } }), 400, 'invalid');
  });

  test('back-filling: more than meetings.backfill_days (7) after the meeting, the record is flagged late_recorded', async () => {
    const within = await create(c.zhibu1, body(b1, 'theme_day', -7, { topic: '七天前' }));
    assert.equal(within.late_recorded, false, '7 days later is within the limit');
    assert.equal(within.recorded_on, shanghaiDate());
    const late = await create(c.zhibu1, body(b1, 'theme_day', -8, { topic: '八天前' }));
    assert.equal(late.late_recorded, true, '8 days later is late');
    assert.equal(late.recorded_on, shanghaiDate());
    const old = await create(c.zhibu1, body(b1, 'life_meeting', -200, { topic: '半年前' }));
    assert.equal(old.late_recorded, true);
    assert.equal((await get(late.id)).late_recorded, true);
    // the list shows the flag
    const list = await admin.fetch(`/api/v1/meetings?org_id=${b1.id}&from=${shanghaiDate(-8)}&to=${shanghaiDate(-7)}`);
    assert.equal(list.status, 200);
    const flags = Object.fromEntries(list.data.items.map((x) => [x.id, x.late_recorded]));
    assert.equal(flags[within.id], false);
    assert.equal(flags[late.id], true);
    // editing the late record later keeps it late, and keeps the day it was recorded
    const r = await c.zhibu1.fetch(`/api/v1/meetings/${late.id}`, { method: 'PATCH', json: { minutes: '补记纪要' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.late_recorded, true);
    assert.equal(r.data.recorded_on, shanghaiDate());
  });

  test('PATCH changes the record; org, kind and date cannot change; recorded_on and the flag are kept', async () => {
    const id = m1.id;
    const newHost = ctx.byStaffNo('SF1003');
    const lecturer = ctx.byStaffNo('SF1005');
    const r = await c.zhibu1.fetch(`/api/v1/meetings/${id}`, {
      method: 'PATCH',
      json: { topic: '学习贯彻党的二十大精神（修订）', place: '五楼党员活动室', host_id: newHost.id, lecturer_id: lecturer.id, minutes: '修订后的纪要', recorder_id: null },
    });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.topic, '学习贯彻党的二十大精神（修订）');
    assert.equal(r.data.place, '五楼党员活动室');
    assert.equal(r.data.host_id, newHost.id);
    assert.equal(r.data.host, newHost.name);
    assert.equal(r.data.lecturer_id, lecturer.id);
    assert.equal(r.data.lecturer, lecturer.name);
    assert.equal(r.data.recorder_id, null, 'null clears the recorder');
    assert.equal(r.data.recorder, null);
    assert.equal(r.data.minutes, '修订后的纪要');
    // untouched fields stay
    for (const k of ['org_id', 'kind_id', 'held_on', 'starts_at', 'ends_at', 'agenda', 'resolutions', 'recorded_on', 'late_recorded', 'created_at'])
      assert.deepEqual(r.data[k], m1[k], k);
    assert.deepEqual(attendeeIds(r.data), attendeeIds(m1), 'an edit does not touch the attendance');
    const got = await get(id);
    assert.equal(got.topic, '学习贯彻党的二十大精神（修订）');
    assert.equal(got.minutes, '修订后的纪要');

    // org, kind and date are fixed once recorded
    for (const change of [{ org_id: b2.id }, { org_id: ctx.groupsOf(b1)[0].id }, { kind_id: kinds.theme_day.id }, { held_on: shanghaiDate(-3) }]) {
      const bad = await c.zhibu1.fetch(`/api/v1/meetings/${id}`, { method: 'PATCH', json: { ...change, topic: '不应写入' } });
      assertError(bad, 400, 'invalid');
    }
    for (const [b, field] of [[{ starts_at: '24:00' }, 'starts_at'], [{ topic: 'x'.repeat(101) }, 'topic'],
      [{ host_id: 99999 }, 'host_id'], [{ colour: 'red' }, 'colour']])
      assertFieldError(await c.zhibu1.fetch(`/api/v1/meetings/${id}`, { method: 'PATCH', json: b }), field, JSON.stringify(b));
    const still = await get(id);
    assert.deepEqual([still.org_id, still.kind_id, still.held_on, still.topic, still.starts_at, still.host_id],
      [b1.id, kinds.branch_assembly.id, m1.held_on, '学习贯彻党的二十大精神（修订）', '09:00', newHost.id]);
    // the same org, kind and date may be sent back unchanged
    const same = await c.zhibu1.fetch(`/api/v1/meetings/${id}`, {
      method: 'PATCH', json: { org_id: b1.id, kind_id: kinds.branch_assembly.id, held_on: m1.held_on, resolutions: '一致通过（修订）' },
    });
    assert.equal(same.status, 200, JSON.stringify(same.data));
    assert.equal(same.data.resolutions, '一致通过（修订）');

    assertError(await c.zhibu1.fetch('/api/v1/meetings/99999', { method: 'PATCH', json: { topic: 'x' } }), 404, 'not_found');
    assertError(await c.zhibu2.fetch(`/api/v1/meetings/${id}`, { method: 'PATCH', json: { topic: '第二支部改的' } }), 403, 'forbidden');
    assertError(await c.dangyuan.fetch(`/api/v1/meetings/${id}`, { method: 'PATCH', json: { topic: '党员改的' } }), 403, 'forbidden');
    assertError(await c.keshi.fetch(`/api/v1/meetings/${id}`, { method: 'PATCH', json: { topic: '科室改的' } }), 403, 'forbidden');
    assert.equal((await get(id)).topic, '学习贯彻党的二十大精神（修订）', 'a refused PATCH wrote');
    const dw = await c.dangwei.fetch(`/api/v1/meetings/${id}`, { method: 'PATCH', json: { place: '党建活动中心' } });
    assert.equal(dw.status, 200, JSON.stringify(dw.data));
    assert.equal(dw.data.place, '党建活动中心');
  });

  test('attendance: statuses, reasons, who may be listed; a refused request writes nothing', async () => {
    const m = await create(c.zhibu1, body(b1, 'theme_day', -3, { topic: '出勤测试' }));
    const ids = attendeeIds(m);
    assert.ok(ids.length >= 5);
    const r = await mark(c.zhibu1, m.id, [
      { person_id: ids[0], status: '出席' },
      { person_id: ids[1], status: '请假', reason: '出差（省厅会议）' },
      { person_id: ids[2], status: '缺席' },
      { person_id: ids[3], status: '迟到', reason: '堵车' },
    ]);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const by = Object.fromEntries(r.data.attendance.map((a) => [a.person_id, a]));
    assert.deepEqual([by[ids[0]].status, by[ids[1]].status, by[ids[2]].status, by[ids[3]].status, by[ids[4]].status],
      ['出席', '请假', '缺席', '迟到', null]);
    assert.equal(by[ids[1]].reason, '出差（省厅会议）');
    assert.equal(by[ids[3]].reason, '堵车');
    assert.deepEqual(r.data.summary, { present: 1, leave: 1, absent: 1, late: 1, untaken: ids.length - 4 });
    assert.deepEqual(attendeeIds(r.data), ids, 'marking adds nobody');
    assert.deepEqual((await get(m.id)).attendance, r.data.attendance);

    // a second request changes a status (no double count)
    const r2 = await mark(c.zhibu1, m.id, [{ person_id: ids[2], status: '出席' }]);
    assert.equal(r2.status, 200, JSON.stringify(r2.data));
    assert.deepEqual(r2.data.summary, { present: 2, leave: 1, absent: 0, late: 1, untaken: ids.length - 4 });
    assert.equal(r2.data.attendance.length, ids.length);

    // refused: all or nothing
    const b2Member = ctx.membersOf(b2)[0];
    const mass = ctx.people.find((p) => p.political_status === '群众');
    const bad = [
      [[{ person_id: ids[4], status: '请假' }], 'attendance[0]', '请假 without a reason'],
      [[{ person_id: ids[4], status: '请假', reason: '' }], 'attendance[0]', '请假 with an empty reason'],
      [[{ person_id: ids[4], status: '出席' }, { person_id: ids[5], status: '早退' }], 'attendance[1]', 'an unknown status'],
      [[{ person_id: ids[4], status: '' }], 'attendance[0]', 'an empty status'],
      [[{ person_id: ids[4], status: '出席' }, { person_id: b2Member, status: '出席' }], 'attendance[1]', 'a member of another branch'],
      [[{ person_id: mass.id, status: '出席' }], 'attendance[0]', 'a 群众 at a 主题党日'],
      [[{ person_id: 99999, status: '出席' }], 'attendance[0]', 'no such person'],
      [[{ person_id: String(ids[4]), status: '出席' }], 'attendance[0]', 'a string id'],
    ];
    for (const [list, field, what] of bad) assertFieldError(await mark(c.zhibu1, m.id, list), field, `${what}:`);
    for (const b of [{}, { attendance: [] }, { attendance: 'all' }])
      assertFieldError(await c.zhibu1.fetch(`/api/v1/meetings/${m.id}/attendance`, { method: 'PUT', json: b }), 'attendance', JSON.stringify(b));
    const after_ = await get(m.id);
    assert.deepEqual(after_.attendance, r2.data.attendance, 'a refused request changed the attendance');
    assert.deepEqual(after_.summary, r2.data.summary);
    assertError(await mark(c.zhibu1, 99999, [{ person_id: ids[0], status: '出席' }]), 404, 'not_found');

    // 党课 admits people who are not members (expected: false); a custom kind admits anyone,
    // but a branch secretary names only people of their scope (issue 11): a member of
    // 第二支部 is added by the 机关党委, not by 第一支部's secretary
    const lecture = await create(c.zhibu1, body(b1, 'party_lecture', -3, { topic: '党课：忠诚', lecturer_id: ctx.byStaffNo('SF1002').id }));
    assertFieldError(await mark(c.zhibu1, lecture.id, [{ person_id: mass.id, status: '出席' }, { person_id: b2Member, status: '出席' }]), 'attendance[1]', 'a member of 第二支部 by 第一支部');
    assert.equal((await mark(c.zhibu1, lecture.id, [{ person_id: mass.id, status: '出席' }])).status, 200);
    const rl = await mark(c.dangwei, lecture.id, [{ person_id: mass.id, status: '出席' }, { person_id: b2Member, status: '出席' }]);
    assert.equal(rl.status, 200, JSON.stringify(rl.data));
    const guests = rl.data.attendance.filter((a) => !a.expected);
    assert.deepEqual(sorted(guests.map((a) => a.person_id)), sorted([mass.id, b2Member]));
    assert.equal(guests.find((a) => a.person_id === mass.id).political_status, '群众');
    assert.equal(rl.data.attendance.length, attendeeIds(lecture).length + 2);
    assert.deepEqual(rl.data.summary, { present: 2, leave: 0, absent: 0, late: 0, untaken: attendeeIds(lecture).length });
    assertFieldError(await mark(c.zhibu1, lecture.id, [{ person_id: 99999, status: '出席' }]), 'attendance[0]', 'no such guest');

    const cg = await create(c.dangwei, body(ctx.partyGroup, 'first_topic', -3, { topic: '第一议题' }));
    const leaders = [ctx.byStaffNo('SF1001').id, ctx.byStaffNo('SF1004').id, mass.id];
    const rc = await mark(c.dangwei, cg.id, leaders.map((id, i) => ({ person_id: id, status: i === 2 ? '请假' : '出席', reason: i === 2 ? '病假' : '' })));
    assert.equal(rc.status, 200, JSON.stringify(rc.data));
    assert.deepEqual(attendeeIds(rc.data), sorted(leaders));
    assert.deepEqual(rc.data.summary, { present: 2, leave: 1, absent: 0, late: 0, untaken: 0 });

    // only those who may write the meeting mark attendance
    for (const name of ['zhibu2', 'dangyuan', 'keshi', 'jijian'])
      assertError(await mark(c[name], m.id, [{ person_id: ids[4], status: '缺席' }]), 403, 'forbidden');
    assert.equal((await get(m.id)).attendance.find((a) => a.person_id === ids[4]).status, null, 'a refused request wrote');
  });

  test('quorum: 支委会 needs more than half of the committee; 党员大会 and 民主评议 more than half of the full members', async () => {
    // 支委会 of branch 1
    const cm = await create(c.zhibu1, body(b1, 'committee', -1, { topic: '支委会：研究发展党员' }));
    const com = attendeeIds(cm);
    const n = com.length;
    assert.ok(n >= 3);
    const half = Math.floor(n / 2);
    const first = com.map((id, i) => (i < half ? { person_id: id, status: '出席' } : { person_id: id, status: '请假', reason: '公务' }));
    let r = await mark(c.zhibu1, cm.id, first);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.quorum.expected, n);
    assert.equal(r.data.quorum.present, half);
    assert.equal(r.data.quorum.met, false, `${half} of ${n} is not more than half`);
    r = await mark(c.zhibu1, cm.id, [{ person_id: com[half], status: '迟到' }]);
    assert.equal(r.data.quorum.present, half + 1);
    assert.equal(r.data.quorum.met, true, `${half + 1} of ${n} (one late) is more than half`);

    // 支部党员大会 of a branch with 预备党员: they take part, but have no vote
    const branch = [b1, b2, b7, b3, b4, b5].find((b) => ctx.membersOf(b).length > ctx.membersOf(b, { probationary: false }).length &&
      ctx.membersOf(b, { probationary: false }).length >= 3);
    assert.ok(branch, 'no demo branch has a 预备党员');
    const full = ctx.membersOf(branch, { probationary: false });
    const prob = ctx.membersOf(branch).filter((id) => !full.includes(id));
    const writer = branch === b1 ? c.zhibu1 : branch === b2 ? c.zhibu2 : c.dangwei;
    for (const kind of ['branch_assembly', 'appraisal']) {
      const m = await create(writer, body(branch, kind, -1, { topic: `${kinds[kind].name}：法定人数` }));
      assert.deepEqual(attendeeIds(m), sorted([...full, ...prob]));
      const k = Math.floor(full.length / 2);
      r = await mark(writer, m.id, [
        ...prob.map((id) => ({ person_id: id, status: '出席' })),
        ...full.map((id, i) => ({ person_id: id, status: i < k ? '出席' : '缺席' })),
      ]);
      assert.equal(r.status, 200, JSON.stringify(r.data));
      assert.deepEqual([r.data.quorum.expected, r.data.quorum.present, r.data.quorum.met], [full.length, k, false],
        `${kind}: ${k} full members and ${prob.length} 预备党员 present of ${full.length} full members`);
      assert.equal(r.data.summary.present, k + prob.length);
      r = await mark(writer, m.id, [{ person_id: full[k], status: '迟到' }]);
      assert.deepEqual([r.data.quorum.expected, r.data.quorum.present, r.data.quorum.met], [full.length, k + 1, true], kind);
      assert.equal(r.data.quorum.rule, m1.quorum.rule);
    }
  });

  test('a transfer: the person is expected in the old branch before the move and in the new one from that day', async () => {
    const committee3 = new Set((await ctx.committeeOf(b3)).map((x) => x.person_id));
    const p = ctx.people.find((x) => x.branch_id === b3.id && x.political_status === FULL && x.user_id === null &&
      !committee3.has(x.id) && x.group_id !== null && x.joined_party_on < shanghaiDate(-400));
    assert.ok(p, 'no long-standing member in branch 3');
    const oldGroup = ctx.orgs.find((x) => x.id === p.group_id);
    const newGroup = ctx.groupsOf(b4)[1];
    const moveOn = shanghaiDate(-20);
    const r = await admin.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { branch_id: b4.id, group_id: newGroup.id, effective_on: moveOn } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.branch_id, b4.id);

    const meet = async (org, kind, days) => create(admin, body(org, kind, days, { topic: `${org.name} ${days}` }));
    const oldBefore = await meet(b3, 'branch_assembly', -21);
    const oldAfter = await meet(b3, 'branch_assembly', -20);
    const newBefore = await meet(b4, 'branch_assembly', -21);
    const newAfter = await meet(b4, 'branch_assembly', -20);
    const has = (m) => attendeeIds(m).includes(p.id);
    assert.equal(has(oldBefore), true, 'expected at the old branch the day before the move');
    assert.equal(has(oldAfter), false, 'expected at the old branch on the day of the move');
    assert.equal(has(newBefore), false, 'expected at the new branch before the move');
    assert.equal(has(newAfter), true, 'not expected at the new branch from the day of the move');
    // nobody else moved: the lists differ by that person only
    assert.deepEqual(attendeeIds(oldBefore), sorted([...attendeeIds(oldAfter), p.id]));
    assert.deepEqual(attendeeIds(newAfter), sorted([...attendeeIds(newBefore), p.id]));
    // today: the current rosters
    const oldNow = await meet(b3, 'theme_day', -1);
    const newNow = await meet(b4, 'theme_day', -1);
    assert.equal(has(oldNow), false);
    assert.equal(has(newNow), true);

    // the same for the 党小组会 of the old and the new group
    const og1 = await meet(oldGroup, 'group', -21);
    const og2 = await meet(oldGroup, 'group', -20);
    const ng1 = await meet(newGroup, 'group', -21);
    const ng2 = await meet(newGroup, 'group', -20);
    assert.deepEqual([has(og1), has(og2), has(ng1), has(ng2)], [true, false, false, true], 'group meetings');

    // their attendance is taken where they were expected, and refused where they were not
    assert.equal((await mark(admin, oldBefore.id, [{ person_id: p.id, status: '出席' }])).status, 200);
    assert.equal((await mark(admin, newAfter.id, [{ person_id: p.id, status: '出席' }])).status, 200);
    assertFieldError(await mark(admin, oldAfter.id, [{ person_id: p.id, status: '出席' }]), 'attendance[0]', 'the old branch after the move:');
    assertFieldError(await mark(admin, newBefore.id, [{ person_id: p.id, status: '出席' }]), 'attendance[0]', 'the new branch before the move:');

    // a meeting of the old branch long before the move also lists them
    const longAgo = await meet(b3, 'life_meeting', -100);
    assert.equal(has(longAgo), true);
  });

  test('支委会 expects the committee on the day: a member who joins later or left earlier is not listed', async () => {
    const before_ = await ctx.committeeOf(b5);
    assert.ok(before_.length >= 2, JSON.stringify(before_));
    const on = new Set(before_.map((x) => x.person_id));
    const newcomer = ctx.people.find((x) => x.branch_id === b5.id && x.political_status === FULL && !on.has(x.id));
    assert.ok(newcomer, 'everyone of branch 5 sits on its committee?');
    const leaving = before_.find((x) => x.post !== '书记');
    const add = await admin.fetch(`/api/v1/orgs/${b5.id}/committee`, { method: 'POST', json: { person_id: newcomer.id, post: '青年委员', start_on: shanghaiDate(-10) } });
    assert.equal(add.status, 201, JSON.stringify(add.data));
    const end = await admin.fetch(`/api/v1/orgs/${b5.id}/committee/${leaving.id}?end_on=${shanghaiDate(-5)}`, { method: 'DELETE' });
    assert.equal(end.status, 204, JSON.stringify(end.data));

    const original = sorted(before_.map((x) => x.person_id));
    const m12 = await create(admin, body(b5, 'committee', -12, { topic: '支委会 -12' }));
    const m7 = await create(admin, body(b5, 'committee', -7, { topic: '支委会 -7' }));
    const m2_ = await create(admin, body(b5, 'committee', -2, { topic: '支委会 -2' }));
    assert.deepEqual(attendeeIds(m12), original, 'before the newcomer joined');
    assert.deepEqual(attendeeIds(m7), sorted([...original, newcomer.id]), 'both on the committee');
    assert.deepEqual(attendeeIds(m2_), sorted([...original.filter((id) => id !== leaving.person_id), newcomer.id]), 'after one left');
    assert.equal(m2_.quorum.expected, original.length);
    // the branch meeting is not the committee meeting
    const assembly = await create(admin, body(b5, 'branch_assembly', -2));
    assert.deepEqual(attendeeIds(assembly), ctx.membersOf(b5));
  });

  test('scope: zhibu1 cannot create for branch 2; dangyuan reads branch 1 but cannot create, nor read branch 2', async () => {
    const before_ = await total();
    assertError(await createRefused(c.zhibu1, body(b2, 'branch_assembly', -1, { topic: '越权' })), 403, 'forbidden');
    assertError(await createRefused(c.zhibu1, body(ctx.groupsOf(b2)[0], 'group', -1, { topic: '越权' })), 403, 'forbidden');
    assertError(await createRefused(c.zhibu1, body(ctx.partyGroup, 'central_group', -1, { topic: '越权' })), 403, 'forbidden');
    assertError(await createRefused(c.zhibu2, body(b1, 'committee', -1, { topic: '越权' })), 403, 'forbidden');
    for (const name of ['dangyuan', 'keshi', 'jijian'])
      assertError(await createRefused(c[name], body(b1, 'theme_day', -1, { topic: '越权' })), 403, 'forbidden');
    assert.equal(await total(), before_, 'a refused create wrote');

    // dangyuan: member of branch 1
    const d = c.dangyuan;
    const own = await d.fetch(`/api/v1/meetings/${m1.id}`);
    assert.equal(own.status, 200, JSON.stringify(own.data));
    assert.equal(own.data.id, m1.id);
    assert.ok(Array.isArray(own.data.attendance));
    assertError(await d.fetch(`/api/v1/meetings/${m2.id}`), 403, 'forbidden');
    const list = await d.fetch('/api/v1/meetings?limit=500');
    assert.equal(list.status, 200);
    const wantB1 = made.filter((x) => x.org_id === b1.id || ctx.groupsOf(b1).some((g) => g.id === x.org_id));
    assert.deepEqual(sorted(idsOf(list.data.items)), sorted(idsOf(wantB1)), 'dangyuan lists branch 1 and its groups');
    assert.equal(list.data.total, wantB1.length);
    assert.equal((await d.fetch(`/api/v1/meetings?org_id=${b2.id}`)).data.total, 0, 'a filter cannot widen the scope');

    // zhibu2 neither; jijian (the whole bureau) reads both; keshi (branch 1) only branch 1
    assertError(await c.zhibu2.fetch(`/api/v1/meetings/${m1.id}`), 403, 'forbidden');
    assert.equal((await c.zhibu2.fetch(`/api/v1/meetings/${m2.id}`)).status, 200);
    assert.equal((await c.jijian.fetch(`/api/v1/meetings/${m1.id}`)).status, 200);
    assert.equal((await c.jijian.fetch(`/api/v1/meetings/${m2.id}`)).status, 200);
    assert.equal((await c.keshi.fetch(`/api/v1/meetings/${m1.id}`)).status, 200);
    assertError(await c.keshi.fetch(`/api/v1/meetings/${m2.id}`), 403, 'forbidden');
    const z2 = await c.zhibu2.fetch('/api/v1/meetings?limit=500');
    assert.ok(z2.data.items.length >= 1);
    assert.ok(z2.data.items.every((x) => x.org_id === b2.id || ctx.groupsOf(b2).some((g) => g.id === x.org_id)), 'zhibu2 lists meetings of other branches');

    // a meeting of the 党组 is above the branches
    const top = made.find((x) => x.org_id === ctx.partyGroup.id);
    assert.ok(top);
    for (const name of ['zhibu1', 'dangyuan', 'keshi']) assertError(await c[name].fetch(`/api/v1/meetings/${top.id}`), 403, 'forbidden');
    assert.equal((await c.jijian.fetch(`/api/v1/meetings/${top.id}`)).status, 200);

    // dangwei writes for any branch
    const dw = await create(c.dangwei, body(b2, 'theme_day', -1, { topic: '机关党委代录' }));
    assert.equal(dw.org_id, b2.id);
    for (const p of ['/api/v1/meetings', `/api/v1/meetings/${m1.id}`]) assert.equal((await fetch(srv.url + p)).status, 401, p);
    for (const bad of ['99999', 'abc', '0']) assertError(await admin.fetch(`/api/v1/meetings/${bad}`), 404, 'not_found');
  });

  test('evidence files: typed by content, served back with the sniffed type as an attachment, to those who may read', async () => {
    const files = [
      ['会议现场.png', PNG, 'image/png'],
      ['签到表.jpg', JPEG, 'image/jpeg'],
      ['meeting-minutes.pdf', PDF, 'application/pdf'],
      ['old-minutes.doc', DOC97, 'application/vnd.ms-office'],
      ['合影.gif', GIF, 'image/gif'],
      ['手机照片.webp', WEBP, 'image/webp'],
      ['声明的类型不算.bin', PNG, 'image/png'], // the name and the declared type do not decide
    ];
    const uploaded = [];
    for (const [filename, data, mime] of files) {
      const r = await upload(c.zhibu1, { data, filename, objectId: m1.id, type: 'text/plain' });
      assert.equal(r.status, 201, `${filename}: ${r.status} ${JSON.stringify(r.data)}`);
      assert.equal(r.headers.get('location'), `/api/v1/files/${r.data.id}`);
      // the detected type names the file: a PNG uploaded as .bin is stored as .png
      assert.equal(r.data.name, filename.replace(/\.bin$/, '.png'));
      assert.equal(r.data.mime, mime, filename);
      assert.equal(r.data.size, data.length);
      assert.equal(r.data.sha256, sha256(data));
      uploaded.push({ ...r.data, data });
    }
    // the meeting lists them
    const m = await get(m1.id);
    assert.deepEqual(m.files.map((f) => [f.id, f.name, f.mime, f.size, f.sha256]),
      uploaded.map((f) => [f.id, f.name, f.mime, f.size, f.sha256]));

    // GET: the bytes, the sniffed type, an attachment
    for (const f of uploaded) {
      const r = await download(srv.url, c.zhibu1, `/api/v1/files/${f.id}`);
      assert.equal(r.status, 200, f.name);
      assert.ok(r.bytes.equals(f.data), `${f.name}: other bytes came back`);
      assert.equal(r.headers.get('content-type').split(';')[0].trim(), f.mime, f.name);
      const cd = r.headers.get('content-disposition') || '';
      assert.match(cd, /^attachment\b/, `${f.name}: ${cd}`);
      assert.ok(cd.includes(`filename*=UTF-8''${encodeURIComponent(f.name)}`), `${f.name}: ${cd}`);
    }
    // those who may read the meeting may read its files; others may not
    const png = uploaded[0];
    for (const name of ['dangyuan', 'keshi', 'jijian', 'dangwei']) {
      const r = await download(srv.url, c[name], `/api/v1/files/${png.id}`);
      assert.equal(r.status, 200, name);
      assert.ok(r.bytes.equals(PNG), name);
    }
    const z2 = await download(srv.url, c.zhibu2, `/api/v1/files/${png.id}`);
    assert.equal(z2.status, 403);
    assert.equal(z2.data?.error?.code, 'forbidden');
    assert.ok(!z2.bytes.includes(PNG.subarray(0, 16)), 'the 403 answer holds the file');
    assert.equal((await download(srv.url, null, `/api/v1/files/${png.id}`)).status, 401);
    assert.equal((await download(srv.url, admin, '/api/v1/files/99999')).status, 404);

    // refused uploads
    const count = (await get(m1.id)).files.length;
    const fake = await upload(c.zhibu1, { data: Buffer.from('这不是图片，只是改了扩展名的文本\n'), filename: 'photo.png', objectId: m1.id, type: 'image/png' });
    assertError(fake, 415, 'unsupported_media_type');
    const html = await upload(c.zhibu1, { data: Buffer.from('<html><script>alert(1)</script></html>'), filename: 'minutes.pdf', objectId: m1.id, type: 'application/pdf' });
    assertError(html, 415, 'unsupported_media_type');
    assertError(await upload(c.zhibu1, { data: Buffer.alloc(0), filename: 'empty.png', objectId: m1.id }), 400, 'invalid');
    assertFieldError(await upload(c.zhibu1, { data: PNG, filename: 'a.png', objectType: 'person', objectId: ctx.byStaffNo('SF1005').id }), 'object_type');
    assertFieldError(await upload(c.zhibu1, { data: PNG, filename: 'a.png', objectType: null, objectId: m1.id }), 'object_type');
    assertFieldError(await upload(c.zhibu1, { data: PNG, filename: 'a.png', objectId: null }), 'object_id');
    assertFieldError(await upload(c.zhibu1, { data: PNG, filename: 'a.png', objectId: 'abc' }), 'object_id');
    assertFieldError(await upload(c.zhibu1, { data: PNG, filename: 'a.png', objectId: 99999 }), 'object_id');
    // who may upload: those who may write the meeting
    assertError(await upload(c.zhibu2, { data: PNG, filename: 'a.png', objectId: m1.id }), 403, 'forbidden');
    assertError(await upload(c.dangyuan, { data: PNG, filename: 'a.png', objectId: m1.id }), 403, 'forbidden');
    assertError(await upload(c.zhibu1, { data: PNG, filename: 'a.png', objectId: m1.id, withCsrf: false }), 403, 'forbidden');
    assert.equal((await upload({ url: srv.url }, { data: PNG, filename: 'a.png', objectId: m1.id })).status, 401);
    assert.equal((await get(m1.id)).files.length, count, 'a refused upload was stored');
    const dw = await upload(c.dangwei, { data: JPEG, filename: 'dw.jpg', objectId: m2.id });
    assert.equal(dw.status, 201, JSON.stringify(dw.data));
    assert.deepEqual((await get(m2.id)).files.map((f) => f.id), [dw.data.id]);
  });

  test('evidence files: Office Open XML documents (xlsx, docx) keep their whole type', async () => {
    const xlsx = await download(srv.url, admin, '/api/v1/meetings?format=xlsx');
    assert.equal(xlsx.status, 200);
    const m = await create(c.zhibu1, body(b1, 'theme_day', -1, { topic: '证明材料：Office 文档' }));
    const want = [];
    for (const [filename, data, mime] of [['台账.xlsx', xlsx.bytes, MIME_XLSX], ['纪要.docx', DOCX, MIME_DOCX]]) {
      const r = await upload(c.zhibu1, { data, filename, objectId: m.id });
      assert.equal(r.status, 201, `${filename}: ${r.status} ${JSON.stringify(r.data)}`);
      want.push([r.data.id, mime]);
      const g = await download(srv.url, c.zhibu1, `/api/v1/files/${r.data.id}`);
      assert.equal(g.status, 200);
      assert.ok(g.bytes.equals(data), filename);
      assert.equal(r.data.mime, mime, `${filename}: the type in the answer`);
      assert.equal(g.headers.get('content-type').split(';')[0].trim(), mime, `${filename}: the Content-Type served`);
    }
    assert.deepEqual((await get(m.id)).files.map((f) => [f.id, f.mime]), want, 'the types listed with the meeting');
  });

  test('audit: create is recorded with the new record', async () => {
    const t = await create(c.zhibu1, body(b1, 'life_meeting', -2, { topic: '审计：组织生活会', place: '会议室' }));
    const rows = await auditOf('meeting', t.id);
    assert.deepEqual(rows.map((x) => x.action), ['create']);
    const a = rows[0];
    assert.equal(a.username, 'zhibu1');
    assert.equal(a.org_id, b1.id);
    assert.equal(a.before, null);
    assert.equal(a.after.id, t.id);
    assert.equal(a.after.org_id, b1.id);
    assert.equal(a.after.kind_id, kinds.life_meeting.id);
    assert.equal(a.after.held_on, t.held_on);
    assert.equal(a.after.topic, '审计：组织生活会');
    assert.equal(a.after.place, '会议室');
    assert.equal(a.after.late_recorded, false);
    assert.equal(a.after.expected, attendeeIds(t).length);
    // the names in the record are those of the record
    assert.equal(a.after.org, '机关第一党支部', `create audit after.org: ${JSON.stringify(a.after)}`);
    assert.equal(a.after.kind_name, '组织生活会', `create audit after.kind_name: ${JSON.stringify(a.after)}`);
  });

  test('audit: an update is recorded with before and after', async () => {
    const t = await create(c.zhibu1, body(b1, 'theme_day', -2, { topic: '审计：更新前', host_id: ctx.byStaffNo('SF1002').id }));
    const newHost = ctx.byStaffNo('SF1003');
    const r = await c.zhibu1.fetch(`/api/v1/meetings/${t.id}`, { method: 'PATCH', json: { topic: '审计：更新后', minutes: '新纪要', host_id: newHost.id } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    // refused edits are not recorded
    await c.zhibu1.fetch(`/api/v1/meetings/${t.id}`, { method: 'PATCH', json: { held_on: shanghaiDate(-5) } });
    await c.zhibu2.fetch(`/api/v1/meetings/${t.id}`, { method: 'PATCH', json: { topic: 'x' } });
    const rows = await auditOf('meeting', t.id);
    assert.deepEqual(rows.map((x) => x.action), ['create', 'update']);
    const u = rows[1];
    assert.equal(u.username, 'zhibu1');
    assert.equal(u.org_id, b1.id);
    assert.equal(u.before.topic, '审计：更新前');
    assert.equal(u.after.topic, '审计：更新后');
    assert.equal(u.before.minutes, '');
    assert.equal(u.after.minutes, '新纪要');
    assert.equal(u.before.host_id, ctx.byStaffNo('SF1002').id);
    assert.equal(u.after.host_id, newHost.id);
    assert.equal(u.before.host, '王建国');
    assert.equal(u.after.host, newHost.name, `update audit after.host names the old host: ${JSON.stringify(u.after)}`);
  });

  test('audit: attendance is recorded with the statuses before and the changes after', async () => {
    const t = await create(c.zhibu1, body(b1, 'theme_day', -2, { topic: '审计：出勤' }));
    const ids = attendeeIds(t);
    assert.equal((await mark(c.zhibu1, t.id, [{ person_id: ids[0], status: '出席' }, { person_id: ids[1], status: '请假', reason: '培训' }])).status, 200);
    assert.equal((await mark(c.zhibu1, t.id, [{ person_id: ids[1], status: '出席' }])).status, 200);
    await mark(c.zhibu1, t.id, [{ person_id: ids[2], status: '请假' }]); // refused: no reason
    const rows = await auditOf('meeting', t.id);
    assert.deepEqual(rows.map((x) => x.action), ['create', 'attendance', 'attendance']);
    const [, a1, a2] = rows;
    assert.equal(a1.username, 'zhibu1');
    assert.equal(a1.org_id, b1.id);
    const st = (list, id) => list.find((x) => x.person_id === id)?.status;
    assert.ok(Array.isArray(a1.before) && Array.isArray(a1.after), JSON.stringify(a1));
    assert.equal(st(a1.before, ids[0]), '');
    assert.equal(st(a1.before, ids[1]), '');
    assert.deepEqual(a1.after.map((x) => [x.person_id, x.status, x.reason]), [[ids[0], '出席', ''], [ids[1], '请假', '培训']]);
    assert.equal(st(a2.before, ids[1]), '请假');
    assert.equal(st(a2.before, ids[0]), '出席');
    assert.deepEqual(a2.after.map((x) => [x.person_id, x.status]), [[ids[1], '出席']]);
  });

  test('audit: an uploaded file is recorded with its meeting, type and hash', async () => {
    const t = await create(c.zhibu1, body(b1, 'theme_day', -2, { topic: '审计：证明材料' }));
    const r = await upload(c.zhibu1, { data: PDF, filename: '审计.pdf', objectId: t.id });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    await upload(c.zhibu1, { data: Buffer.from('not a pdf'), filename: 'x.pdf', objectId: t.id }); // refused: 415
    const rows = await auditOf('file', r.data.id);
    assert.deepEqual(rows.map((x) => x.action), ['create']);
    const f = rows[0];
    assert.equal(f.username, 'zhibu1');
    assert.equal(f.org_id, b1.id);
    assert.equal(f.before, null);
    assert.equal(f.after.object_type, 'meeting');
    assert.equal(f.after.object_id, t.id);
    assert.equal(f.after.name, '审计.pdf');
    assert.equal(f.after.mime, 'application/pdf');
    assert.equal(f.after.size, PDF.length);
    assert.equal(f.after.sha256, sha256(PDF));
    const all = await admin.fetch(`/api/v1/audit?object_type=file&limit=500`);
    assert.equal(all.data.items.filter((x) => x.after?.object_id === t.id).length, 1, 'a refused upload was audited');
  });

  test('a hand count: three meetings of branch 6 with chosen attendance; summaries and list totals agree', async () => {
    const members = ctx.membersOf(b6);
    assert.ok(members.length >= 10, `branch 6 has ${members.length} members`);
    const mass = ctx.people.filter((p) => p.political_status === '群众');
    const guest = mass[0];
    const mA = await create(c.dangwei, body(b6, 'branch_assembly', -6, { topic: '六支部党员大会' }));
    const mB = await create(c.dangwei, body(b6, 'theme_day', -4, { topic: '六支部主题党日' }));
    const mC = await create(c.dangwei, body(b6, 'party_lecture', -2, { topic: '六支部党课', lecturer_id: members[0] }));
    for (const m of [mA, mB, mC]) assert.deepEqual(attendeeIds(m), members);
    const n = members.length;
    const P = (i) => members[i];

    // A: 5 出席, 2 请假, 1 缺席, 1 迟到, the rest not taken
    const planA = [
      ...[0, 1, 2, 3, 4].map((i) => ({ person_id: P(i), status: '出席' })),
      { person_id: P(5), status: '请假', reason: '外出培训' },
      { person_id: P(6), status: '请假', reason: '病假' },
      { person_id: P(7), status: '缺席' },
      { person_id: P(8), status: '迟到' },
    ];
    // B: everyone present but the last two (one absent, one on leave); P(0) first marked absent, then late
    const planB = [
      ...members.slice(0, n - 2).map((id) => ({ person_id: id, status: '出席' })),
      { person_id: P(n - 2), status: '缺席' },
      { person_id: P(n - 1), status: '请假', reason: '值班' },
    ];
    const fixB = [{ person_id: P(0), status: '迟到' }];
    // C: 3 出席 and a 群众 guest, 1 缺席
    const planC = [
      ...[0, 1, 2].map((i) => ({ person_id: P(i), status: '出席' })),
      { person_id: guest.id, status: '出席' },
      { person_id: P(3), status: '缺席' },
    ];
    for (const [m, plan] of [[mA, planA], [mB, planB], [mB, fixB], [mC, planC]]) {
      const r = await mark(c.dangwei, m.id, plan);
      assert.equal(r.status, 200, JSON.stringify(r.data));
    }
    const hand = {
      [mA.id]: { present: 5, leave: 2, absent: 1, late: 1, untaken: n - 9 },
      [mB.id]: { present: n - 3, leave: 1, absent: 1, late: 1, untaken: 0 },
      [mC.id]: { present: 4, leave: 0, absent: 1, late: 0, untaken: n - 4 },
    };
    const people_ = { [mA.id]: n, [mB.id]: n, [mC.id]: n + 1 };
    const sums = { present: 0, leave: 0, absent: 0, late: 0, untaken: 0 };
    for (const m of [mA, mB, mC]) {
      const got = await get(m.id);
      assert.deepEqual(got.summary, hand[m.id], got.topic);
      assert.equal(got.attendance.length, people_[m.id], got.topic);
      // the summary is the attendance list, counted
      const counted = { present: 0, leave: 0, absent: 0, late: 0, untaken: 0 };
      const key = { 出席: 'present', 请假: 'leave', 缺席: 'absent', 迟到: 'late' };
      for (const a of got.attendance) counted[a.status === null ? 'untaken' : key[a.status]]++;
      assert.deepEqual(counted, got.summary, got.topic);
      for (const k of Object.keys(sums)) sums[k] += got.summary[k];
    }
    assert.deepEqual(sums, { present: 5 + n - 3 + 4, leave: 3, absent: 3, late: 2, untaken: 2 * n - 13 });
    const qa = (await get(mA.id)).quorum;
    const fullA = ctx.membersOf(b6, { probationary: false });
    const presentFull = [0, 1, 2, 3, 4, 8].filter((i) => fullA.includes(P(i))).length;
    assert.deepEqual([qa.expected, qa.present, qa.met], [fullA.length, presentFull, presentFull * 2 > fullA.length]);

    // the list: three meetings of branch 6, newest first
    const list = await admin.fetch(`/api/v1/meetings?org_id=${b6.id}`);
    assert.equal(list.status, 200);
    assert.equal(list.data.total, 3);
    assert.deepEqual(idsOf(list.data.items), [mC.id, mB.id, mA.id]);
    assert.deepEqual(list.data.items.map((x) => x.kind), ['party_lecture', 'theme_day', 'branch_assembly']);
    const lecture = list.data.items[0];
    assert.equal(lecture.lecturer_id, members[0]);
    assert.equal(lecture.org, '机关第六党支部');
    assert.equal('attendance' in lecture, false, 'a list item carries no attendance');
    const q = (s) => admin.fetch(`/api/v1/meetings?org_id=${b6.id}&${s}`);
    assert.equal((await q(`kind_id=${kinds.theme_day.id}`)).data.total, 1);
    assert.equal((await q(`kind_id=${kinds.committee.id}`)).data.total, 0);
    assert.deepEqual(idsOf((await q(`from=${shanghaiDate(-4)}`)).data.items), [mC.id, mB.id], 'from is inclusive');
    assert.deepEqual(idsOf((await q(`to=${shanghaiDate(-4)}`)).data.items), [mB.id, mA.id], 'to is inclusive');
    assert.deepEqual(idsOf((await q(`from=${shanghaiDate(-5)}&to=${shanghaiDate(-3)}`)).data.items), [mB.id]);
    const page = await q('limit=1&offset=1');
    assert.equal(page.data.total, 3, 'total counts every match, not the page');
    assert.deepEqual(idsOf(page.data.items), [mB.id]);
    assert.equal((await c.zhibu1.fetch(`/api/v1/meetings?org_id=${b6.id}`)).data.total, 0, 'branch 1 does not see branch 6');
    assert.equal((await c.jijian.fetch(`/api/v1/meetings?org_id=${b6.id}`)).data.total, 3);
  });

  test('list: every meeting in scope, newest first, filters by org subtree, kind and dates, paging', async () => {
    const all = await admin.fetch('/api/v1/meetings?limit=500');
    assert.equal(all.status, 200);
    assert.equal(all.data.total, made.length);
    assert.deepEqual(sorted(idsOf(all.data.items)), sorted(made.map((x) => x.id)));
    // newest meeting first; the same day: the later record first
    const want = made.slice().sort((a, b) => (a.held_on === b.held_on ? b.id - a.id : a.held_on < b.held_on ? 1 : -1));
    assert.deepEqual(idsOf(all.data.items), idsOf(want));
    for (const it of all.data.items) {
      for (const k of ['id', 'org_id', 'org', 'kind_id', 'kind', 'kind_name', 'held_on', 'starts_at', 'ends_at', 'place', 'topic',
        'host_id', 'host', 'recorder_id', 'recorder', 'lecturer_id', 'lecturer', 'recorded_on', 'late_recorded', 'created_at', 'updated_at'])
        assert.ok(k in it, `list item lacks ${k}: ${JSON.stringify(it)}`);
    }
    const def = await admin.fetch('/api/v1/meetings');
    assert.equal(def.data.items.length, Math.min(50, made.length), 'the default page is 50');
    for (const [limit, offset] of [[5, 0], [5, 5], [7, 3], [10, made.length - 2], [3, made.length + 10]]) {
      const r = await admin.fetch(`/api/v1/meetings?limit=${limit}&offset=${offset}`);
      assert.equal(r.data.total, made.length);
      assert.deepEqual(idsOf(r.data.items), idsOf(want.slice(offset, offset + limit)), `limit=${limit} offset=${offset}`);
    }

    // org_id: the org and everything below it
    const subtree = (org) => {
      const ids = new Set([org.id]);
      for (let grew = true; grew;) {
        grew = false;
        for (const o of ctx.orgs) if (o.parent_id !== null && ids.has(o.parent_id) && !ids.has(o.id)) { ids.add(o.id); grew = true; }
      }
      return ids;
    };
    const g1 = ctx.groupsOf(b1)[0];
    for (const org of [b1, b3, b5, g1, ctx.partyGroup]) {
      const ids = subtree(org);
      const r = await admin.fetch(`/api/v1/meetings?limit=500&org_id=${org.id}`);
      assert.equal(r.status, 200);
      assert.deepEqual(sorted(idsOf(r.data.items)), sorted(made.filter((x) => ids.has(x.org_id)).map((x) => x.id)), org.name);
      assert.equal(r.data.total, made.filter((x) => ids.has(x.org_id)).length, org.name);
    }
    assert.ok(made.some((x) => x.org_id === g1.id), 'no group meeting was made');
    for (const k of ['branch_assembly', 'committee', 'group', 'central_group']) {
      const r = await admin.fetch(`/api/v1/meetings?limit=500&kind_id=${kinds[k].id}`);
      assert.deepEqual(sorted(idsOf(r.data.items)), sorted(made.filter((x) => x.kind_id === kinds[k].id).map((x) => x.id)), k);
    }
    const from = shanghaiDate(-7);
    const to = shanghaiDate(-2);
    const ranged = await admin.fetch(`/api/v1/meetings?limit=500&from=${from}&to=${to}&org_id=${b1.id}&kind_id=${kinds.theme_day.id}`);
    const g1ids = subtree(b1);
    assert.deepEqual(sorted(idsOf(ranged.data.items)),
      sorted(made.filter((x) => x.held_on >= from && x.held_on <= to && g1ids.has(x.org_id) && x.kind_id === kinds.theme_day.id).map((x) => x.id)));
    assert.ok(ranged.data.total >= 3);
    assert.equal((await admin.fetch('/api/v1/meetings?org_id=99999')).data.total, 0);
    for (const qs of ['org_id=abc', 'org_id=0', 'kind_id=x', 'from=2026-1-1', 'to=tomorrow', 'limit=0', 'limit=501', 'offset=-1'])
      assertFieldError(await admin.fetch(`/api/v1/meetings?${qs}`), qs.split('=')[0], qs);
    assertFieldError(await admin.fetch('/api/v1/meetings?format=pdf'), 'format');

    // zhibu1 sees branch 1 and its groups
    const z1 = await c.zhibu1.fetch('/api/v1/meetings?limit=500');
    assert.deepEqual(sorted(idsOf(z1.data.items)), sorted(made.filter((x) => g1ids.has(x.org_id)).map((x) => x.id)));
  });

  test('list: from and to must be calendar dates, not any ten characters', async () => {
    for (const qs of ['from=yyyy-mm-dd', 'to=2026-13-45', 'from=2026-02-30', 'to=2026/11/01'])
      assertFieldError(await admin.fetch(`/api/v1/meetings?${qs}`), qs.split('=')[0], qs);
  });

  test('list export: ?format=csv and xlsx hold the whole filtered list', async () => {
    const r = await download(srv.url, admin, `/api/v1/meetings?format=csv&org_id=${b1.id}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    assert.match(r.headers.get('content-disposition'), /^attachment;.*filename\*=UTF-8''%E7%BB%84%E7%BB%87%E7%94%9F%E6%B4%BB%E8%AE%B0%E5%BD%95\.csv/);
    const text = r.bytes.toString('utf8');
    assert.ok(text.startsWith('\ufeff日期,组织,类型,主题,地点,主持人,记录人,补录'), text.slice(0, 80));
    const lines = text.split('\r\n').filter((l) => l.length);
    const json = await admin.fetch(`/api/v1/meetings?org_id=${b1.id}&limit=500`);
    assert.ok(json.data.total > 2);
    assert.equal(lines.length - 1, json.data.total, 'one line per meeting');
    for (const it of json.data.items.slice(0, 5))
      assert.ok(lines.some((l) => l.startsWith(it.held_on) && l.includes(it.topic)), `${it.topic} not exported`);
    const late = json.data.items.find((x) => x.late_recorded);
    assert.ok(late);
    assert.ok(lines.some((l) => l.includes(late.topic) && l.endsWith(',是')), 'the 补录 column shows 是');
    const x = await download(srv.url, admin, `/api/v1/meetings?format=xlsx&org_id=${b1.id}`);
    assert.equal(x.status, 200);
    assert.equal(x.headers.get('content-type'), MIME_XLSX);
    assert.equal(x.bytes.subarray(0, 2).toString('latin1'), 'PK');
    // more meetings than a page: the export still holds every one
    for (let i = 0; made.length <= 55; i++) await create(c.dangwei, body(b7, 'theme_day', -1 - (i % 20), { topic: `第七支部主题党日 ${i}` }));
    assert.equal((await admin.fetch('/api/v1/meetings')).data.items.length, 50, 'more than one page');
    const everything = await download(srv.url, admin, '/api/v1/meetings?format=csv');
    assert.equal(everything.bytes.toString('utf8').split('\r\n').filter((l) => l.length).length - 1, made.length);
    const d = await download(srv.url, c.dangyuan, `/api/v1/meetings?format=csv&org_id=${b2.id}`);
    assert.equal(d.status, 200);
    assert.equal(d.bytes.toString('utf8').split('\r\n').filter((l) => l.length).length, 1, 'a member exports another branch');
  });
});

describe('meetings: meetings.refuse_late=true', () => {
  let srv;
  let ctx;
  let zhibu1;
  before(async () => {
    srv = await startServer({ set: ['meetings.refuse_late=true'] });
    ctx = await demoContext(srv);
    zhibu1 = await login(srv.url, 'zhibu1');
  });
  after(async () => { await srv.stopClean(); });

  const body = (days, extra = {}) => ({ org_id: ctx.branches[0].id, kind_id: ctx.kinds.theme_day.id, held_on: shanghaiDate(days), ...extra });
  const total = async () => (await ctx.admin.fetch('/api/v1/meetings?limit=1')).data.total;

  test('a record more than 7 days late is refused (400 fields.held_on); within 7 days it is taken', async () => {
    const ok = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: body(-7, { topic: '七天前' }) });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    assert.equal(ok.data.late_recorded, false);
    for (const days of [-8, -30, -400]) {
      const r = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: body(days, { topic: '补录' }) });
      assertFieldError(r, 'held_on', `${days} days:`);
    }
    const admin = await ctx.admin.fetch('/api/v1/meetings', { method: 'POST', json: body(-8, { topic: '管理员补录' }) });
    assertFieldError(admin, 'held_on', 'the administrator too:');
    assert.equal(await total(), 1, 'a refused record was written');
    assertFieldError(await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: body(1) }), 'held_on', 'tomorrow:');
  });

  test('a record made in time can still be corrected after the back-filling period', async () => {
    const r = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: body(-1, { topic: '按时记录' }) });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    // the meeting was 20 days ago and recorded the day after (as if time had passed)
    sql(srv.dbPath, `UPDATE meetings SET held_on = '${shanghaiDate(-20)}', recorded_on = '${shanghaiDate(-19)}' WHERE id = ${r.data.id}`);
    const ids = attendeeIds(r.data);
    const att = await zhibu1.fetch(`/api/v1/meetings/${r.data.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: ids[0], status: '出席' }] } });
    assert.equal(att.status, 200, JSON.stringify(att.data));
    const fix = await zhibu1.fetch(`/api/v1/meetings/${r.data.id}`, { method: 'PATCH', json: { minutes: '更正纪要中的错别字' } });
    assert.equal(fix.status, 200, `editing a record made in time is refused: ${fix.status} ${JSON.stringify(fix.data)}`);
    assert.equal(fix.data.minutes, '更正纪要中的错别字');
    assert.equal(fix.data.recorded_on, shanghaiDate(-19));
    assert.equal(fix.data.late_recorded, false);
  });
});

describe('meetings: meetings.backfill_days=3, server.upload_limit=4096', () => {
  let srv;
  let ctx;
  let zhibu1;
  let meeting;
  before(async () => {
    srv = await startServer({ set: ['meetings.backfill_days=3', 'server.upload_limit=4096'] });
    ctx = await demoContext(srv);
    zhibu1 = await login(srv.url, 'zhibu1');
  });
  after(async () => { await srv.stopClean(); });

  test('the back-filling period is the setting: 3 days taken as on time, 4 flagged', async () => {
    const mk = (days) => zhibu1.fetch('/api/v1/meetings', {
      method: 'POST', json: { org_id: ctx.branches[0].id, kind_id: ctx.kinds.committee.id, held_on: shanghaiDate(days), topic: `${days}` },
    });
    const r3 = await mk(-3);
    assert.equal(r3.status, 201, JSON.stringify(r3.data));
    assert.equal(r3.data.late_recorded, false);
    const r4 = await mk(-4);
    assert.equal(r4.status, 201, JSON.stringify(r4.data));
    assert.equal(r4.data.late_recorded, true);
    meeting = r3.data;
  });

  test('an upload over server.upload_limit is 413 too_large and nothing is stored; one under it is taken', async () => {
    assert.ok(meeting, 'the meeting of the first test');
    const big = Buffer.concat([PNG, Buffer.alloc(6000, 0x41)]);
    const { body, type } = multipart([
      { name: 'file', filename: 'big.png', data: big, type: 'image/png' },
      { name: 'object_type', data: 'meeting' },
      { name: 'object_id', data: String(meeting.id) },
    ]);
    assert.ok(body.length > 4096);
    let r;
    try {
      const res = await fetch(`${srv.url}/api/v1/files`, {
        method: 'POST', body, headers: { 'Content-Type': type, Cookie: zhibu1.cookie, 'X-CSRF-Token': zhibu1.csrf },
      });
      r = { status: res.status, data: await readJson(res) };
    } catch (e) {
      assert.fail(`expected a 413 answer, but the connection failed: ${e.cause?.message || e.message}`);
    }
    assertError(r, 413, 'too_large');
    const m = await zhibu1.fetch(`/api/v1/meetings/${meeting.id}`);
    assert.deepEqual(m.data.files, []);
    const small = Buffer.concat([PNG, Buffer.alloc(2000, 0x41)]);
    const ok = await upload(zhibu1, { data: small, filename: 'small.png', objectId: meeting.id });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    assert.equal(ok.data.size, small.length);
    assert.deepEqual((await zhibu1.fetch(`/api/v1/meetings/${meeting.id}`)).data.files.map((f) => f.id), [ok.data.id]);
  });
});

describe('meetings of a higher organisation', () => {
  let srv, ctx;
  before(async () => {
    srv = await startServer();
    ctx = await demoContext(srv);
  });
  after(async () => { await srv.stopClean(); });

  test('a 机关党委 assembly expects the members of every branch under it', async () => {
    const { admin, orgs, people, kinds } = ctx;
    const committee = orgs.find((o) => o.type === '机关党委');
    assert.ok(committee, 'demo 机关党委');
    const r = await admin.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: committee.id, kind_id: kinds.branch_assembly.id, held_on: shanghaiDate(-1) } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const under = new Set([committee.id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const o of orgs) if (under.has(o.parent_id) && !under.has(o.id)) { under.add(o.id); grew = true; }
    }
    const expected = sorted(people.filter((p) => isMember(p) && under.has(p.branch_id)).map((p) => p.id));
    assert.ok(expected.length > 50);
    assert.deepEqual(attendeeIds(r.data), expected);
  });
});
