// Roster import: POST /api/v1/people/import (multipart, field "file") with the real
// files of tests/fixtures (xlsx, xls, UTF-8 and GBK CSV made by LibreOffice),
// the row-by-row error report, dry runs, updates, create_missing, the upload limit,
// who may import, and the command line `dangjian import people FILE`.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, login, assertError, readJson, rawHttp, parseRawResponse, runDj, makeTempDir, makeDemoDb,
  assertNoSanitizerReport, sql, ADMIN_PASSWORD,
} from './harness.mjs';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name));

/** The seven mistakes of roster-errors.xlsx (fixtures/README.md): [row, column]. */
const SEVEN_ERRORS = [
  [4, '姓名'], [6, '入党时间'], [8, '所在党支部'], [10, '工号'], [12, '手机号码'], [14, '政治面貌'], [16, '身份证号'],
];

/** Today as YYYY-MM-DD in Asia/Shanghai. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

/** A valid 身份证号 for the birth date and gender. */
function idNumber(area, birth, male, seq) {
  const s3 = String(((seq % 500) * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0');
  const body = area + birth.replaceAll('-', '') + s3;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i];
  return body + '10X98765432'[sum % 11];
}

/** roster-150.csv as {header: [...], rows: [{title: value}], lines: [text]} (no quoting in it). */
function readRosterCsv() {
  const text = fixture('roster-150.csv').toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\r\n').filter((l) => l !== '');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
  return { header, rows, lines };
}

/** A CSV line for the roster header from an object of column titles (missing: empty). */
const csvLine = (header, obj) => header.map((h) => obj[h] ?? '').join(',');

/** A new 群众 row with a fresh 工号 and valid 身份证号. */
function newRow(no, extra = {}) {
  const male = no % 2 === 1;
  const birth = `19${80 + (no % 19)}-0${1 + (no % 9)}-1${no % 10}`;
  return {
    序号: String(no), 工号: `CZ9${String(no).padStart(4, '0')}`, 姓名: `导入${'甲乙丙丁戊己庚辛壬癸'[no % 10]}${no}`.slice(0, 6),
    性别: male ? '男' : '女', 民族: '汉族', 出生日期: birth, 身份证号: idNumber('430181', birth, male, no),
    学历: '大学本科', 科室: '综合股', 职务: '科员', 政治面貌: '群众', 手机号码: `1380000${String(no).padStart(4, '0')}`,
    人员状态: '在职', ...extra,
  };
}

/** POSTs a file to the import endpoint as multipart/form-data (FormData, as a browser does). */
async function upload(client, filename, bytes, query = '') {
  const fd = new FormData();
  fd.append('file', new Blob([bytes]), filename);
  const res = await fetch(`${client.url}/api/v1/people/import${query}`, {
    method: 'POST', body: fd, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf },
  });
  return { status: res.status, headers: res.headers, data: await readJson(res) };
}

/** Asserts a 200 import answer with no errors and the given counts. */
function assertImported(r, counts, what) {
  assert.equal(r.status, 200, `${what}: ${r.status} ${JSON.stringify(r.data)}`);
  assert.deepEqual(r.data.errors, [], `${what}: ${JSON.stringify(r.data.errors)}`);
  assert.equal(r.data.error_count, 0, what);
  for (const [k, v] of Object.entries(counts)) assert.equal(r.data[k], v, `${what}: ${k}`);
}

describe('roster import through the API', () => {
  let srv;
  let admin;
  let roster;

  const peopleTotal = async () => (await admin.fetch('/api/v1/people?limit=1')).data.total;
  const auditTotal = async (type) => (await admin.fetch(`/api/v1/audit?limit=1&object_type=${type}`)).data.total;
  const person = async (staffNo) => {
    const r = await admin.fetch(`/api/v1/people?q=${encodeURIComponent(staffNo)}`);
    const p = r.data.items.find((x) => x.staff_no === staffNo);
    assert.ok(p, `${staffNo} not found`);
    return (await admin.fetch(`/api/v1/people/${p.id}`)).data;
  };

  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    roster = readRosterCsv();
    assert.equal(roster.rows.length, 150);
  });
  after(async () => { await srv.stopClean(); });

  test('roster-errors.xlsx: exactly the seven errors by row and column, and nothing written', async () => {
    const people = await peopleTotal();
    const personRows = await auditTotal('person');
    const importRows = await auditTotal('people');
    for (const query of ['', '?dry_run=1']) {
      const r = await upload(admin, 'roster-errors.xlsx', fixture('roster-errors.xlsx'), query);
      assert.equal(r.status, 200, JSON.stringify(r.data));
      assert.equal(r.data.format, 'xlsx');
      assert.equal(r.data.rows, 40);
      assert.deepEqual(r.data.errors.map((e) => [e.row, e.column]), SEVEN_ERRORS, JSON.stringify(r.data.errors));
      assert.equal(r.data.error_count, 7);
      assert.equal(r.data.created, 0);
      assert.equal(r.data.updated, 0);
      for (const e of r.data.errors) assert.ok(typeof e.message === 'string' && e.message.length > 0, JSON.stringify(e));
      const msg = Object.fromEntries(r.data.errors.map((e) => [e.row, e.message]));
      assert.ok(msg[6].includes('2019.13.01'), msg[6]);
      assert.match(msg[10], /9/, 'the duplicate names the row it repeats');
      assert.ok(msg[12].includes('12345'), msg[12]);
      assert.ok(msg[14].includes('党员?'), msg[14]);
      // each error shows the cell as typed (行, 列, 值, 问题), a 身份证号 only masked
      const value = Object.fromEntries(r.data.errors.map((e) => [e.row, e.value]));
      assert.equal(value[4], '', 'an empty 姓名');
      assert.equal(value[6], '2019.13.01');
      assert.ok(value[12].includes('12345'), value[12]);
      assert.equal(value[14], '党员?');
      assert.match(value[16], /^\*+[0-9X]{4}$/, `the 身份证号 masked: ${value[16]}`);
    }
    assert.equal(await peopleTotal(), people, 'a file with errors wrote people');
    assert.equal(await auditTotal('person'), personRows, 'a file with errors left person rows in the audit');
    assert.equal(await auditTotal('people'), importRows, 'a refused import was audited as done');
    const someone = await admin.fetch('/api/v1/people?q=CZ0');
    assert.equal(someone.data.total, 0);
  });

  test('roster-150.xlsx with ?dry_run=1: rows 150, created 150, and nothing written', async () => {
    const people = await peopleTotal();
    const personRows = await auditTotal('person');
    const r = await upload(admin, 'roster-150.xlsx', fixture('roster-150.xlsx'), '?dry_run=1');
    assertImported(r, { rows: 150, created: 150, updated: 0, dry_run: true }, 'dry run');
    assert.equal(r.data.format, 'xlsx');
    assert.equal(await peopleTotal(), people, 'a dry run wrote people');
    assert.equal(await auditTotal('person'), personRows, 'a dry run left audit rows');
    assert.equal((await admin.fetch('/api/v1/people?q=CZ01')).data.total, 0);
    assert.equal((await admin.fetch('/api/v1/departments')).data.total, 20);
  });

  test('roster-150.xlsx imports 150 people, each exactly as the file says', async () => {
    const people = await peopleTotal();
    const importRows = await auditTotal('people');
    const r = await upload(admin, 'roster-150.xlsx', fixture('roster-150.xlsx'));
    assertImported(r, { rows: 150, created: 150, updated: 0, unchanged: 0, dry_run: false }, 'import');
    assert.deepEqual(r.data.unknown_columns, [], '序号 is not an unknown column');
    assert.deepEqual(r.data.created_departments, []);
    assert.deepEqual(r.data.created_orgs, []);
    assert.equal(await peopleTotal(), people + 150);
    assert.equal(await auditTotal('people'), importRows + 1, 'the import itself is audited');
    const summary = (await admin.fetch('/api/v1/audit?limit=1&object_type=people')).data.items[0];
    assert.equal(summary.action, 'import');
    assert.equal(summary.after.created, 150);
    assert.equal(summary.after.rows, 150);

    // every field as written in the file (dates were date cells in the xlsx)
    const listed = (await admin.fetch('/api/v1/people?limit=500&q=CZ0')).data.items;
    assert.equal(listed.length, 150);
    const opt = (v) => (v === '' ? null : v);
    for (const row of roster.rows) {
      const p = listed.find((x) => x.staff_no === row['工号']);
      assert.ok(p, `${row['工号']} not imported`);
      const got = [p.name, p.gender, p.ethnicity, p.birth_date, p.education, p.department, p.position,
        p.political_status, p.joined_party_on, p.full_member_on, p.branch, p.group, p.phone, p.status, p.id_number_masked];
      const want = [row['姓名'], row['性别'], row['民族'], row['出生日期'], row['学历'], opt(row['科室']), row['职务'],
        row['政治面貌'], opt(row['入党时间']), opt(row['转正时间']), opt(row['所在党支部']), opt(row['党小组']),
        row['手机号码'], row['人员状态'],
        '*'.repeat(14) + row['身份证号'].slice(-4)];
      assert.deepEqual(got, want, `${row['工号']}`);
    }
    const p = await person('CZ01001');
    assert.equal(p.id_number, '430181198407240357');
    assert.equal(p.id_number_masked, '**************0357');
    assert.deepEqual(p.memberships.map((m) => [m.branch, m.group, m.start_on, m.end_on]),
      [['机关第三党支部', '第3党小组', '2014-06-03', null]], 'membership from the 入党时间');
    const row = sql(srv.dbPath, `SELECT id_number_sealed FROM people WHERE id = ${p.id}`).trim();
    assert.ok(row.startsWith('s1:') && !row.includes('430181198407240357'), 'imported 身份证号 not sealed');
  });

  test('the same roster as .xls, UTF-8 CSV and GBK CSV: unchanged 150 each', async () => {
    const people = await peopleTotal();
    for (const [name, format] of [['roster-150.xls', 'xls'], ['roster-150.csv', 'csv'], ['roster-150-gbk.csv', 'csv'], ['roster-150.xlsx', 'xlsx']]) {
      const r = await upload(admin, name, fixture(name));
      assertImported(r, { rows: 150, created: 0, updated: 0, unchanged: 150 }, name);
      assert.equal(r.data.format, format, name);
      assert.deepEqual(r.data.changes, [], `${name}: ${JSON.stringify(r.data.changes?.slice(0, 3))}`);
    }
    assert.equal(await peopleTotal(), people);
  });

  test('one changed phone: updated 1 with fields ["手机号码"], written and audited', async () => {
    const target = roster.rows.find((x) => x['工号'] === 'CZ01001');
    const line = roster.lines.findIndex((l) => l.includes(',CZ01001,'));
    const lines = roster.lines.slice();
    lines[line] = lines[line].replace(`,${target['手机号码']},`, ',13912340000,');
    assert.notEqual(lines[line], roster.lines[line]);
    const csv = '\uFEFF' + lines.join('\r\n') + '\r\n';
    const before = await person('CZ01001');
    const r = await upload(admin, 'changed.csv', Buffer.from(csv, 'utf8'));
    assertImported(r, { rows: 150, created: 0, updated: 1, unchanged: 149 }, 'changed phone');
    assert.equal(r.data.changes.length, 1);
    assert.deepEqual(r.data.changes[0].fields, ['手机号码']);
    assert.equal(r.data.changes[0].staff_no, 'CZ01001');
    assert.equal(r.data.changes[0].row, line + 1, 'the row is the line of the file');
    const after_ = await person('CZ01001');
    assert.equal(after_.phone, '13912340000');
    assert.equal(after_.id_number, before.id_number);
    assert.deepEqual(after_.memberships, before.memberships, 'an unchanged branch is no transfer');
    const audit = (await admin.fetch(`/api/v1/audit?object_type=person&object_id=${after_.id}&limit=1`)).data.items[0];
    assert.equal(audit.action, 'update');
    assert.equal(audit.username, 'admin');
    assert.equal(audit.before.phone, target['手机号码']);
    assert.equal(audit.after.phone, '13912340000');
  });

  test('an unknown extra column is listed in unknown_columns and the rest imports', async () => {
    const header = [...roster.header, '备注'];
    const rows = [newRow(1, { 备注: '借调' }), newRow(2, { 备注: '' })];
    const csv = [header.join(','), ...rows.map((x) => csvLine(header, x))].join('\r\n') + '\r\n';
    const people = await peopleTotal();
    const r = await upload(admin, 'extra.csv', Buffer.from(csv, 'utf8'));
    assertImported(r, { rows: 2, created: 2 }, 'extra column');
    assert.deepEqual(r.data.unknown_columns, ['备注']);
    assert.equal(await peopleTotal(), people + 2);
    const p = await person(rows[0]['工号']);
    assert.equal(p.name, rows[0]['姓名']);
    assert.equal(p.department, '综合股');
    assert.equal(p.id_number, rows[0]['身份证号']);
  });

  test('a header under a title row is found; rows keep their line numbers', async () => {
    const title = '示范县财政局在职人员花名册（2026年）' + ','.repeat(roster.header.length - 1);
    const rows = [newRow(3), newRow(4)];
    const csv = [title, roster.header.join(','), ...rows.map((x) => csvLine(roster.header, x))].join('\r\n') + '\r\n';
    const r = await upload(admin, 'titled.csv', Buffer.from(csv, 'utf8'));
    assertImported(r, { rows: 2, created: 2 }, 'title row');
    assert.equal(r.data.header_row, 2);
    assert.equal((await person(rows[1]['工号'])).phone, rows[1]['手机号码']);
    // an error in the second data row is on line 4 of the file
    const bad = [newRow(5), newRow(6, { 手机号码: '1380000' })];
    const csv2 = [title, roster.header.join(','), ...bad.map((x) => csvLine(roster.header, x))].join('\r\n') + '\r\n';
    const people = await peopleTotal();
    const r2 = await upload(admin, 'titled-bad.csv', Buffer.from(csv2, 'utf8'));
    assert.equal(r2.status, 200);
    assert.deepEqual(r2.data.errors.map((e) => [e.row, e.column]), [[4, '手机号码']]);
    assert.equal(r2.data.created, 0);
    assert.equal(await peopleTotal(), people, 'row 3 was written although row 4 is wrong');
  });

  test('an unknown 科室 is an error at its row and column, unless ?create_missing=1 creates it', async () => {
    const rows = [
      newRow(7),
      newRow(8, { 科室: '数据管理股' }),
      newRow(9, { 科室: '数据管理股', 政治面貌: '中共党员', 入党时间: '2020-07-01', 转正时间: '2021-07-01', 所在党支部: '机关第九党支部', 党小组: '第1党小组' }),
    ];
    const csv = [roster.header.join(','), ...rows.map((x) => csvLine(roster.header, x))].join('\r\n') + '\r\n';
    const people = await peopleTotal();
    const r = await upload(admin, 'new-dept.csv', Buffer.from(csv, 'utf8'));
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.deepEqual(r.data.errors.map((e) => [e.row, e.column]), [[3, '科室'], [4, '科室'], [4, '所在党支部']],
      JSON.stringify(r.data.errors));
    assert.ok(r.data.errors[0].message.includes('数据管理股'));
    // the missing names once each, for the console to offer creating them
    assert.deepEqual(r.data.missing, { departments: ['数据管理股'], branches: ['机关第九党支部'], groups: [] });
    const groupRow = newRow(10, { 政治面貌: '中共党员', 入党时间: '2020-07-01', 转正时间: '2021-07-01', 所在党支部: '机关第一党支部', 党小组: '第9党小组' });
    const g = await upload(admin, 'new-group.csv', Buffer.from(`${roster.header.join(',')}\r\n${csvLine(roster.header, groupRow)}\r\n`, 'utf8'), '?dry_run=1');
    assert.deepEqual(g.data.missing, { departments: [], branches: [], groups: [{ branch: '机关第一党支部', name: '第9党小组' }] }, JSON.stringify(g.data));
    assert.equal(r.data.created, 0);
    assert.equal(await peopleTotal(), people);
    assert.equal((await admin.fetch('/api/v1/departments')).data.total, 20);

    const dry = await upload(admin, 'new-dept.csv', Buffer.from(csv, 'utf8'), '?create_missing=1&dry_run=1');
    assertImported(dry, { rows: 3, created: 3 }, 'create_missing dry run');
    assert.equal(dry.data.missing, undefined, 'nothing missing once created');
    assert.deepEqual(dry.data.created_departments.map((d) => d.name), ['数据管理股']);
    assert.equal((await admin.fetch('/api/v1/departments')).data.total, 20, 'a dry run created a department');

    const ok = await upload(admin, 'new-dept.csv', Buffer.from(csv, 'utf8'), '?create_missing=1');
    assertImported(ok, { rows: 3, created: 3 }, 'create_missing');
    assert.deepEqual(ok.data.created_departments.map((d) => d.name), ['数据管理股']);
    assert.equal(typeof ok.data.created_departments[0].id, 'number');
    assert.deepEqual(ok.data.created_orgs.map((o) => [o.type, o.name]), [['党支部', '机关第九党支部'], ['党小组', '第1党小组']]);
    const depts = (await admin.fetch('/api/v1/departments')).data;
    assert.equal(depts.total, 21);
    assert.ok(depts.items.some((d) => d.id === ok.data.created_departments[0].id && d.name === '数据管理股'));
    const p = await person(rows[2]['工号']);
    assert.equal(p.department, '数据管理股');
    assert.equal(p.branch, '机关第九党支部');
    assert.equal(p.group, '第1党小组');
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    const b9 = orgs.find((o) => o.name === '机关第九党支部');
    assert.equal(b9.type, '党支部');
    assert.equal(orgs.find((o) => o.id === b9.parent_id)?.type, '机关党委', 'a new branch goes under the 机关党委');
    assert.equal(await peopleTotal(), people + 3);
  });

  test('a file that is no spreadsheet is 415 (or 400) with the error shape; so is no file', async () => {
    const people = await peopleTotal();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    const r = await upload(admin, 'photo.png', png);
    assert.ok(r.status === 415 || r.status === 400, `${r.status} ${JSON.stringify(r.data)}`);
    assertError(r, r.status, r.status === 415 ? 'unsupported_media_type' : 'invalid');
    const zip = await upload(admin, 'fake.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60, 7)]));
    assert.ok(zip.status === 415 || zip.status === 400, `a broken xlsx: ${zip.status} ${JSON.stringify(zip.data)}`);
    assertError(zip, zip.status);
    assertError(await upload(admin, 'empty.csv', Buffer.alloc(0)), 400, 'invalid');
    // a CSV without a recognisable header
    const noHeader = await upload(admin, 'nohead.csv', Buffer.from('a,b,c\r\n1,2,3\r\n'));
    assertError(noHeader, 400, 'invalid');
    // multipart without the field "file"
    const fd = new FormData();
    fd.append('roster', new Blob([fixture('roster-150.csv')]), 'roster-150.csv');
    const res = await fetch(`${srv.url}/api/v1/people/import`, { method: 'POST', body: fd, headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf } });
    const wrongField = { status: res.status, data: await readJson(res) };
    assertError(wrongField, 400, 'invalid');
    assert.equal(await peopleTotal(), people);
  });

  test('only importers may import: zhibu1, jijian and dangyuan get 403; no CSRF token is 403', async () => {
    const people = await peopleTotal();
    const auditPeople = await auditTotal('people');
    for (const name of ['zhibu1', 'jijian', 'dangyuan', 'keshi']) {
      const c = await login(srv.url, name);
      assertError(await upload(c, 'roster-150.csv', fixture('roster-150.csv')), 403, 'forbidden');
      assertError(await upload(c, 'roster-150.csv', fixture('roster-150.csv'), '?dry_run=1'), 403, 'forbidden');
    }
    const noCsrf = await upload({ url: srv.url, cookie: admin.cookie, csrf: 'wrong' }, 'roster-150.csv', fixture('roster-150.csv'));
    assertError(noCsrf, 403, 'forbidden');
    assert.equal(await peopleTotal(), people);
    assert.equal(await auditTotal('people'), auditPeople);
    // dangwei (party_admin) may
    const dw = await login(srv.url, 'dangwei');
    assertImported(await upload(dw, 'roster-150-gbk.csv', fixture('roster-150-gbk.csv'), '?dry_run=1'),
      { rows: 150, created: 0, unchanged: 149, updated: 1 }, 'dangwei');
  });
});

describe('roster import: server.upload_limit=4096', () => {
  let srv;
  let admin;
  before(async () => {
    srv = await startServer({ set: ['server.upload_limit=4096'] });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => { await srv.stopClean(); });

  /** The multipart body a browser sends, as one buffer (so that the client has sent it all
   *  when the early 413 arrives: a streamed FormData may meet the closed socket first). */
  function multipart(filename, bytes) {
    const boundary = '----djImportTest7MA4YWxkTrZu0gW';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n'),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { body, type: `multipart/form-data; boundary=${boundary}` };
  }

  test('an upload over the limit is 413 too_large, and nothing is written', async () => {
    const people = (await admin.fetch('/api/v1/people?limit=1')).data.total;
    const { body, type } = multipart('roster-150.xlsx', fixture('roster-150.xlsx'));
    assert.ok(body.length > 4096);
    let r;
    try {
      const res = await fetch(`${srv.url}/api/v1/people/import`, {
        method: 'POST', body, headers: { 'Content-Type': type, Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf },
      });
      r = { status: res.status, data: await readJson(res) };
    } catch (e) {
      assert.fail(`expected a 413 answer, but the connection failed: ${e.cause?.message || e.message}`);
    }
    assertError(r, 413, 'too_large');
    // the same on a raw connection
    const head = `POST /api/v1/people/import HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${admin.cookie}\r\n` +
      `X-CSRF-Token: ${admin.csrf}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const raw = parseRawResponse(await rawHttp(srv.port, [head, body], { timeoutMs: 4000 }));
    assert.equal(raw.status, 413);
    assert.equal(JSON.parse(raw.body.slice(0, Number(raw.headers['content-length']))).error.code, 'too_large');
    assert.equal((await admin.fetch('/api/v1/people?limit=1')).data.total, people);
  });

  test('a file under the limit is read (the upload limit, not the body limit, applies)', async () => {
    const { header } = readRosterCsv();
    const csv = [header.join(','), csvLine(header, newRow(11))].join('\r\n') + '\r\n';
    const r = await upload(admin, 'small.csv', Buffer.from(csv, 'utf8'));
    assertImported(r, { rows: 1, created: 1 }, 'small file');
  });
});

describe('dangjian import people FILE (command line)', () => {
  let dir;
  let db;
  const count = () => Number(sql(db, 'SELECT COUNT(*) FROM people').trim());
  const reported = (stdout) => [...stdout.matchAll(/第 (\d+) 行 \[([^\]]+)\]/g)].map((m) => [Number(m[1]), m[2]]);

  before(() => {
    dir = makeTempDir('dj-import-cli-');
    db = makeDemoDb(dir);
  });
  after(() => {
    if (!process.env.DJ_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('roster-errors.xlsx: the seven errors, exit 1, nothing written', () => {
    assert.equal(count(), 150);
    const r = runDj(['import', 'people', path.join(FIXTURES, 'roster-errors.xlsx'), '--db', db]);
    assertNoSanitizerReport(r.stderr);
    assert.equal(r.status, 1, `exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    assert.deepEqual(reported(r.stdout), SEVEN_ERRORS, r.stdout);
    assert.equal(count(), 150);
  });

  test('roster-150.csv: --dry-run writes nothing; the import exits 0 with 150 new; again: 150 unchanged', () => {
    const file = path.join(FIXTURES, 'roster-150.csv');
    const dry = runDj(['import', 'people', file, '--dry-run', '--db', db]);
    assertNoSanitizerReport(dry.stderr);
    assert.equal(dry.status, 0, `${dry.stdout}\n${dry.stderr}`);
    assert.match(dry.stdout, /新增 150/);
    assert.equal(count(), 150, 'a dry run wrote');
    const r = runDj(['import', 'people', file, '--db', db]);
    assertNoSanitizerReport(r.stderr);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.deepEqual(reported(r.stdout), []);
    assert.match(r.stdout, /150 行/);
    assert.match(r.stdout, /新增 150/);
    assert.equal(count(), 300);
    const again = runDj(['import', 'people', path.join(FIXTURES, 'roster-150.xlsx'), '--db', db]);
    assert.equal(again.status, 0, `${again.stdout}\n${again.stderr}`);
    assert.match(again.stdout, /新增 0/);
    assert.match(again.stdout, /未变 150/);
    assert.equal(count(), 300);
    // the database and its audit chain are sound afterwards
    const check = runDj(['check', '--db', db]);
    assert.equal(check.status, 0, `${check.stdout}\n${check.stderr}`);
  });

  test('a missing file and a bad subcommand fail cleanly', () => {
    const r = runDj(['import', 'people', path.join(dir, 'nope.xlsx'), '--db', db]);
    assert.notEqual(r.status, 0);
    assert.ok(r.stderr.length > 0);
    const u = runDj(['import', 'cats', path.join(FIXTURES, 'roster-150.csv'), '--db', db]);
    assert.equal(u.status, 2);
    assert.equal(count(), 300);
  });
});
