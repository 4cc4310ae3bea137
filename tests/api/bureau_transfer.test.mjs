// Moving a bureau between deployments (issue 20, item 3): `dangjian bureau export`
// of a bureau with a year of records from an SQLite deployment holding two bureaus,
// and `dangjian bureau import` into another deployment (PostgreSQL under
// DJ_TEST_BACKEND=postgresql, SQLite otherwise) that already holds other bureaus.
// Every table's rows, the people with their 身份证号, the meetings, the evidence
// file, the final evaluations with their results, votes and hashes, and the audit
// trail read the same through the API afterwards, and `dangjian check` passes.
// What is refused: a file that exists, a taken code or account name, a changed file,
// a source whose audit chain or final results were changed.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  runDj, makeTempDir, makeDemoDb, startServer, login, sql, assertNoSanitizerReport,
  ADMIN_PASSWORD, DEMO_PASSWORD, IS_PG,
} from './harness.mjs';

const TODAY = '2026-06-15'; // the demo's records end here, whatever day the test runs
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function dj(args, what) {
  const r = runDj(args, { env: { DANGJIAN_TODAY: TODAY }, timeout: 240000 });
  assertNoSanitizerReport(r.stderr, `${what} stderr`);
  return r;
}
function ok(args, what) {
  const r = dj(args, what);
  assert.equal(r.status, 0, `${what}: ${r.stdout}\n${r.stderr}`);
  return r;
}

// Row counts of one bureau, table by table, counted here in SQL (not by the program).
const ROOT = (code) => `(SELECT org_id FROM bureaus WHERE code = '${code}')`;
const SUB = (code) => `(SELECT id FROM orgs WHERE path LIKE (SELECT path FROM orgs WHERE id = ${ROOT(code)}) || '%')`;
const EVALS = (code) => `(SELECT id FROM evaluations WHERE bureau_id = ${ROOT(code)})`;
const COUNTS = {
  orgs: (c) => `SELECT COUNT(*) FROM orgs WHERE id IN ${SUB(c)}`,
  users: (c) => `SELECT COUNT(*) FROM users WHERE bureau_id = ${ROOT(c)}`,
  user_roles: (c) => `SELECT COUNT(*) FROM user_roles WHERE org_id IN ${SUB(c)}`,
  departments: (c) => `SELECT COUNT(*) FROM departments WHERE bureau_id = ${ROOT(c)}`,
  people: (c) => `SELECT COUNT(*) FROM people WHERE bureau_id = ${ROOT(c)} AND id_number_sealed LIKE 's1:%'`,
  memberships: (c) => `SELECT COUNT(*) FROM memberships WHERE org_id IN ${SUB(c)}`,
  committee_members: (c) => `SELECT COUNT(*) FROM committee_members WHERE org_id IN ${SUB(c)}`,
  meeting_rules: (c) => `SELECT COUNT(*) FROM meeting_rules WHERE bureau_id = ${ROOT(c)}`,
  meetings: (c) => `SELECT COUNT(*) FROM meetings WHERE org_id IN ${SUB(c)}`,
  attendance: (c) => `SELECT COUNT(*) FROM attendance WHERE meeting_id IN (SELECT id FROM meetings WHERE org_id IN ${SUB(c)})`,
  files: (c) => `SELECT COUNT(*) FROM files WHERE bureau_id = ${ROOT(c)}`,
  quiz_scores: (c) => `SELECT COUNT(*) FROM quiz_scores WHERE quiz_id IN (SELECT id FROM quizzes WHERE org_id IN ${SUB(c)})`,
  study_records: (c) => `SELECT COUNT(*) FROM study_records WHERE bureau_id = ${ROOT(c)}`,
  schemes: (c) => `SELECT COUNT(*) FROM schemes WHERE bureau_id = ${ROOT(c)}`,
  indicators: (c) => `SELECT COUNT(*) FROM indicators WHERE scheme_id IN (SELECT id FROM schemes WHERE bureau_id = ${ROOT(c)})`,
  evaluations: (c) => `SELECT COUNT(*) FROM evaluations WHERE bureau_id = ${ROOT(c)}`,
  final: (c) => `SELECT COUNT(*) FROM evaluations WHERE bureau_id = ${ROOT(c)} AND state = 'final'`,
  scores: (c) => `SELECT COUNT(*) FROM scores WHERE evaluation_id IN ${EVALS(c)}`,
  score_entries: (c) => `SELECT COUNT(*) FROM score_entries WHERE evaluation_id IN ${EVALS(c)}`,
  results: (c) => `SELECT COUNT(*) FROM results WHERE evaluation_id IN ${EVALS(c)}`,
  objections: (c) => `SELECT COUNT(*) FROM objections WHERE evaluation_id IN ${EVALS(c)}`,
  award_nominations: (c) => `SELECT COUNT(*) FROM award_nominations WHERE evaluation_id IN ${EVALS(c)}`,
  award_votes: (c) => `SELECT COUNT(*) FROM award_votes WHERE evaluation_id IN ${EVALS(c)}`,
  audit: (c) => `SELECT COUNT(*) FROM audit WHERE org_id IN ${SUB(c)} OR (org_id IS NULL AND user_id IN (SELECT id FROM users WHERE bureau_id = ${ROOT(c)}))`,
  // supervision of conduct (store/inspections)
  conduct_rules: (c) => `SELECT COUNT(*) FROM conduct_rules WHERE bureau_id = ${ROOT(c)}`,
  inspections: (c) => `SELECT COUNT(*) FROM inspections WHERE bureau_id = ${ROOT(c)}`,
  findings: (c) => `SELECT COUNT(*) FROM findings WHERE bureau_id = ${ROOT(c)} AND org_id IN ${SUB(c)}`,
  finding_people: (c) => `SELECT COUNT(*) FROM finding_people WHERE finding_id IN (SELECT id FROM findings WHERE bureau_id = ${ROOT(c)})`,
  conduct_review_findings: (c) => `SELECT COUNT(*) FROM conduct_review_findings WHERE review_id IN (SELECT id FROM conduct_reviews WHERE bureau_id = ${ROOT(c)})`,
  // tasks and rectifications (migration 021)
  tasks: (c) => `SELECT COUNT(*) FROM tasks WHERE bureau_id = ${ROOT(c)} AND org_id IN ${SUB(c)}`,
  task_reports: (c) => `SELECT COUNT(*) FROM task_reports WHERE task_id IN (SELECT id FROM tasks WHERE bureau_id = ${ROOT(c)})`,
  rectifications: (c) => `SELECT COUNT(*) FROM rectifications WHERE bureau_id = ${ROOT(c)} AND closed_by IN (SELECT id FROM users WHERE bureau_id = ${ROOT(c)})`,
  // supervision (issue 13): talks with sealed content, risk points, fund processes
  talks: (c) => `SELECT COUNT(*) FROM talks WHERE bureau_id = ${ROOT(c)}`,
  talks_sealed: (c) => `SELECT COUNT(*) FROM talks WHERE bureau_id = ${ROOT(c)} AND content_sealed LIKE 's1:%'`,
  talk_people: (c) => `SELECT COUNT(*) FROM talk_people WHERE talk_id IN (SELECT id FROM talks WHERE bureau_id = ${ROOT(c)})`,
  risk_points: (c) => `SELECT COUNT(*) FROM risk_points WHERE bureau_id = ${ROOT(c)}`,
  fund_step_risks: (c) => `SELECT COUNT(*) FROM fund_step_risks WHERE step_id IN (SELECT id FROM fund_steps WHERE process_id IN (SELECT id FROM fund_processes WHERE bureau_id = ${ROOT(c)}))`,
  // service (issue 15)
  contacts: (c) => `SELECT COUNT(*) FROM contacts WHERE bureau_id = ${ROOT(c)}`,
  contact_visits: (c) => `SELECT COUNT(*) FROM contact_visits WHERE bureau_id = ${ROOT(c)}`,
  community_registrations: (c) => `SELECT COUNT(*) FROM community_registrations WHERE bureau_id = ${ROOT(c)} AND confirmed_on IS NOT NULL`,
  service_signups: (c) => `SELECT COUNT(*) FROM service_signups WHERE bureau_id = ${ROOT(c)} AND status = 'confirmed'`,
  service_hours: (c) => `SELECT COALESCE(SUM(hours), 0) FROM service_signups WHERE bureau_id = ${ROOT(c)} AND status = 'confirmed'`,
  pairing_activities: (c) => `SELECT COUNT(*) FROM pairing_activities WHERE bureau_id = ${ROOT(c)}`,
  visit_photos: (c) => `SELECT COUNT(*) FROM files f JOIN contact_visits v ON v.id = f.object_id WHERE f.object_type = 'contact_visit' AND v.bureau_id = ${ROOT(c)}`,
  // warnings engine and inbox (migration 026): rules, warnings of each state, history, announcements, inboxes
  warning_rules: (c) => `SELECT COUNT(*) FROM warning_rules WHERE bureau_id = ${ROOT(c)} AND enabled = 1`,
  warnings: (c) => `SELECT COUNT(*) FROM warnings WHERE bureau_id = ${ROOT(c)} AND org_id IN ${SUB(c)}`,
  warnings_dismissed: (c) => `SELECT COUNT(*) FROM warnings WHERE bureau_id = ${ROOT(c)} AND state = 'dismissed' AND state_by IN (SELECT id FROM users WHERE bureau_id = ${ROOT(c)})`,
  warning_history: (c) => `SELECT COUNT(*) FROM warning_history WHERE warning_id IN (SELECT id FROM warnings WHERE bureau_id = ${ROOT(c)})`,
  announcements: (c) => `SELECT COUNT(*) FROM announcements WHERE bureau_id = ${ROOT(c)}`,
  inbox_items: (c) => `SELECT COUNT(*) FROM inbox_items WHERE bureau_id = ${ROOT(c)} AND user_id IN (SELECT id FROM users WHERE bureau_id = ${ROOT(c)})`,
  // member self-service (issue 12, item 3)
  study_reports: (c) => `SELECT COUNT(*) FROM study_reports WHERE bureau_id = ${ROOT(c)} AND status = 'approved'`,
  // ideas (migration 030)
  suggestion_topics: (c) => `SELECT COUNT(*) FROM suggestion_topics WHERE bureau_id = ${ROOT(c)}`,
  suggestions_adopted: (c) => `SELECT COUNT(*) FROM suggestions WHERE bureau_id = ${ROOT(c)} AND decision = 'adopted'`,
  suggestions_merged: (c) => `SELECT COUNT(*) FROM suggestions s JOIN suggestions i ON i.id = s.merged_into WHERE s.bureau_id = ${ROOT(c)} AND i.decision = 'adopted'`,
  suggestion_tasks: (c) => `SELECT COUNT(*) FROM suggestions s JOIN tasks t ON t.id = s.task_id WHERE s.bureau_id = ${ROOT(c)} AND t.title = s.title`,
  mottos_approved: (c) => `SELECT COUNT(*) FROM mottos WHERE bureau_id = ${ROOT(c)} AND status = 'approved'`,
  // duty rosters (migration 030)
  duty_assignments: (c) => `SELECT COUNT(*) FROM duty_assignments a JOIN duty_shifts s ON s.id = a.shift_id WHERE a.bureau_id = ${ROOT(c)} AND s.bureau_id = ${ROOT(c)}`,
  duty_swapped: (c) => `SELECT COUNT(*) FROM duty_assignments WHERE bureau_id = ${ROOT(c)} AND swapped_from IS NOT NULL AND absent = 0`,
  duty_unavailable: (c) => `SELECT COUNT(*) FROM duty_unavailable WHERE bureau_id = ${ROOT(c)}`,
};
function counts(db, code) {
  const out = {};
  for (const [k, q] of Object.entries(COUNTS)) out[k] = Number(sql(db, q(code)).trim());
  return out;
}

/** Every item of a paged list. */
async function all(c, p) {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const r = await c.fetch(`${p}${p.includes('?') ? '&' : '?'}limit=500&offset=${offset}`);
    assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.data)}`);
    items.push(...r.data.items);
    if (!r.data.items.length || items.length >= r.data.total) return items;
  }
}

/** A value without its database ids (which a move changes), keys sorted. */
function noIds(v) {
  if (Array.isArray(v)) return v.map(noIds);
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort())
      if (k !== 'id' && !k.endsWith('_id') && !k.endsWith('_ids') && k !== 'path' && k !== 'results_hash') out[k] = noIds(v[k]);
    return out;
  }
  return v;
}
const sorted = (list) => list.map((x) => JSON.stringify(noIds(x))).sort();

/** What a bureau's administrator reads of the bureau, ids left out. */
async function snapshot(url) {
  const admin = await login(url, 'dc.admin', ADMIN_PASSWORD);
  const people = await all(admin, '/api/v1/people');
  const details = [];
  for (const p of people.slice(0, 20)) details.push((await admin.fetch(`/api/v1/people/${p.id}`)).data);
  const meetings = await all(admin, '/api/v1/meetings');
  const withFile = meetings.find((m) => m.topic === '迁移测试：证明材料');
  const files = (await admin.fetch(`/api/v1/meetings/${withFile.id}`)).data.files;
  const bytes = Buffer.from(await (await fetch(`${url}/api/v1/files/${files[0].id}`, { headers: { Cookie: admin.cookie } })).arrayBuffer());
  const evaluations = (await admin.fetch('/api/v1/evaluations')).data.items; // not paged
  const finals = {};
  for (const e of evaluations.filter((x) => x.state === 'final')) {
    finals[`${e.name} ${e.period}`] = {
      hash: e.results_hash,
      ranking: (await admin.fetch(`/api/v1/evaluations/${e.id}/ranking`)).data.items,
      awards: (await admin.fetch(`/api/v1/evaluations/${e.id}/awards`)).data,
      objections: (await admin.fetch(`/api/v1/evaluations/${e.id}/objections`)).data.items,
    };
  }
  const audit = (await all(admin, '/api/v1/audit')).reverse(); // oldest first
  const rules = (await admin.fetch('/api/v1/meeting-rules')).data.items;
  // tasks and rectifications, with the evidence of reports and items
  const tasks = await all(admin, '/api/v1/tasks');
  const rects = await all(admin, '/api/v1/rectifications');
  const evidence = [];
  for (const t of tasks)
    for (const r of (await admin.fetch(`/api/v1/tasks/${t.id}`)).data.reports) for (const f of r.files) evidence.push(`${t.title} ${r.percent} ${f.name} ${f.sha256}`);
  for (const x of rects) for (const f of (await admin.fetch(`/api/v1/rectifications/${x.id}`)).data.files) evidence.push(`${x.problem} ${f.name} ${f.sha256}`);
  // talk contents, opened by 纪检 with the talks subkey of each deployment's key file (issue 13)
  const jijian = await login(url, 'dc.jijian', 'Demo@2026dj');
  const talks = (await jijian.fetch('/api/v1/talks?limit=500')).data.items.filter((t) => t.has_content);
  const contents = [];
  for (const t of talks.slice(0, 10)) contents.push((await jijian.fetch(`/api/v1/talks/${t.id}`)).data.content);
  return { people, details, meetings, files, bytes, evaluations, finals, audit, rules, tasks, rects, evidence, contents };
}

describe('a bureau moved from an SQLite deployment to another deployment', () => {
  let dir, src, dest, file, before0, srcSnap;

  before(async () => {
    dir = makeTempDir('dj-move-');
    src = path.join(dir, 'src.db');
    ok(['demo', '--db', src, '--no-records'], 'demo');
    ok(['demo', '--db', src, '--bureau', '东城财政局', '--code', 'dc'], 'demo --bureau dc');
    // what the demo lacks: final evaluations of every target kind with an objection
    // answered and votes cast, an evidence file, a rule of the bureau's own
    const srv = await startServer({ dir, dbPath: src, today: TODAY, keepDir: true });
    try {
      const admin = await login(srv.url, 'dc.admin', ADMIN_PASSWORD);
      const member = await login(srv.url, 'dc.dangyuan', DEMO_PASSWORD);
      const voter = await login(srv.url, 'dc.zhibu1', DEMO_PASSWORD);
      const kinds = (await admin.fetch('/api/v1/meeting-kinds')).data.items;
      const lecture = kinds.find((k) => k.code === 'party_lecture');
      assert.equal((await admin.fetch('/api/v1/meeting-rules', { method: 'POST', json: { kind_id: lecture.id, org_type: '党支部', frequency: 'quarter', source: '本局规定：党课每季度1次' } })).status, 201);
      const meeting = (await all(admin, '/api/v1/meetings'))[0];
      assert.equal((await admin.fetch(`/api/v1/meetings/${meeting.id}`, { method: 'PATCH', json: { topic: '迁移测试：证明材料' } })).status, 200);
      const form = new FormData();
      form.append('file', new Blob([PNG], { type: 'image/png' }), '会议现场.png');
      form.append('object_type', 'meeting');
      form.append('object_id', String(meeting.id));
      const up = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf } });
      assert.equal(up.status, 201, await up.text());
      // service (issue 15): a photo of a visit (a file whose object is a contact visit)
      const visit = (await admin.fetch('/api/v1/contact-visits?limit=1')).data.items[0];
      const photo = new FormData();
      photo.append('file', new Blob([PNG], { type: 'image/png' }), '走访.png');
      photo.append('object_type', 'contact_visit');
      photo.append('object_id', String(visit.id));
      const vp = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: photo, headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf } });
      assert.equal(vp.status, 201, await vp.text());
      const schemes = (await admin.fetch('/api/v1/schemes?active=1')).data.items;
      assert.deepEqual(schemes.map((s) => s.target).sort(), ['branch', 'department', 'member']);
      const people = await all(admin, '/api/v1/people');
      const me = people.find((p) => p.user_id === member.user.id);
      for (const s of schemes) {
        const ev = await admin.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: s.id, period: '2025Q4', notice_days: 0 } });
        assert.equal(ev.status, 201, JSON.stringify(ev.data));
        const id = ev.data.id;
        const state = async (st) => {
          const r = await admin.fetch(`/api/v1/evaluations/${id}/state`, { method: 'POST', json: { state: st, override_reason: '测试：部分对象本期不评分' } });
          assert.equal(r.status, 200, `${s.code} ${st}: ${JSON.stringify(r.data)}`);
        };
        if (s.target === 'member') {
          const others = people.filter((p) => p.political_status === '中共党员' && p.id !== me.id).slice(0, 2);
          for (const p of others)
            assert.equal((await admin.fetch(`/api/v1/evaluations/${id}/nominations`, { method: 'POST', json: { award: 'business', target_id: p.id, reason: '业务能力突出，攻坚成效明显' } })).status, 200);
          await state('scoring');
          for (const c of [member, voter])
            assert.equal((await c.fetch(`/api/v1/evaluations/${id}/votes`, { method: 'POST', json: { award: 'business', target_id: others[0].id } })).status, 200);
        } else {
          await state('scoring');
        }
        assert.equal((await admin.fetch(`/api/v1/evaluations/${id}/compute`, { method: 'POST' })).status, 200);
        await state('review');
        await state('notice');
        if (s.target === 'member') {
          const ob = await member.fetch(`/api/v1/evaluations/${id}/objections`, { method: 'POST', json: { reason: '本季度参加了创建活动三次，得分偏低' } });
          assert.equal(ob.status, 201, JSON.stringify(ob.data));
          assert.equal((await admin.fetch(`/api/v1/evaluations/${id}/objections/${ob.data.id}/answer`, { method: 'POST', json: { answer: '经核对，维持原分' } })).status, 200);
        }
        await state('final');
      }
    } finally {
      await srv.stopClean();
    }
    before0 = counts(src, 'dc');
    assert.equal(before0.final, 3);
    assert.ok(before0.files === 2 && before0.visit_photos === 1 && before0.award_votes > 0 && before0.objections === 1 && before0.meeting_rules === 1);
    assert.ok(before0.conduct_rules === 10 && before0.findings > 0 && before0.finding_people >= before0.findings && before0.conduct_review_findings > 0, JSON.stringify(before0));
    assert.ok(before0.tasks > 0 && before0.task_reports > 0 && before0.rectifications > 0, `tasks and rectifications to move: ${JSON.stringify(before0)}`);
    assert.ok(before0.warnings > 0 && before0.warnings_dismissed === 1 && before0.warning_history > before0.warnings && before0.announcements === 2 && before0.inbox_items > 0, `warnings to move: ${JSON.stringify(before0)}`);
    assert.ok(before0.suggestions_adopted === 17 && before0.suggestions_merged > 0 && before0.suggestion_tasks > 0 && before0.mottos_approved > 0, `ideas to move: ${JSON.stringify(before0)}`);
    assert.ok(before0.duty_assignments > 200 && before0.duty_swapped === 1 && before0.duty_unavailable === 2, `duty to move: ${JSON.stringify(before0)}`);
    const s = await startServer({ dir, dbPath: src, today: TODAY, keepDir: true });
    try {
      // tasks and rectifications: evidence of a progress report and of a rectification moves with them
      const dc = await login(s.url, 'dc.admin', ADMIN_PASSWORD);
      const task = (await dc.fetch('/api/v1/tasks?limit=1')).data.items[0];
      const rep = await dc.fetch(`/api/v1/tasks/${task.id}/reports`, { method: 'POST', json: { percent: 50, note: '迁移测试' } });
      const rect = (await dc.fetch('/api/v1/rectifications?status=open')).data.items[0];
      for (const [type, id] of [['task_report', rep.data.id], ['rectification', rect.id]]) {
        const f = new FormData();
        f.append('file', new Blob([PNG], { type: 'image/png' }), '证明.png');
        f.append('object_type', type);
        f.append('object_id', String(id));
        const up = await fetch(`${s.url}/api/v1/files`, { method: 'POST', body: f, headers: { Cookie: dc.cookie, 'X-CSRF-Token': dc.csrf } });
        assert.equal(up.status, 201, `${type} evidence`);
      }
      srcSnap = await snapshot(s.url);
    } finally {
      await s.stopClean();
    }
    // the destination: another deployment with bureaus of its own, so every id moves
    dest = makeDemoDb(fs.mkdtempSync(path.join(dir, 'dest-')), { today: TODAY });
    ok(['bureau', 'create', '西城财政局', '--code', 'xc', '--db', dest], 'bureau create xc');
    file = path.join(dir, 'dc.jsonl');
  });

  after(() => {
    if (!process.env.DJ_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('export writes a secret file; import keeps every row, record, score hash and audit check', async () => {
    const ex = ok(['bureau', 'export', 'dc', file, '--db', src], 'export');
    assert.match(ex.stdout, /已导出单位 东城财政局（dc）/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'the file holds 身份证号 in the clear: owner only');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines[0].format, 'dangjian-bureau');
    assert.equal(lines[0].version, 1);
    assert.equal(lines.at(-1).t, '#end');
    assert.equal(lines.filter((l) => l.t === '#final').length, 3);
    // the export is audited in the source
    assert.equal(sql(src, `SELECT action FROM audit ORDER BY id DESC LIMIT 1`).trim(), 'export');
    // a file that exists is never overwritten
    const again = dj(['bureau', 'export', 'dc', file, '--db', src], 'export again');
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /不能新建/);

    const otherBefore = counts(dest, 'demo');
    const im = ok(['bureau', 'import', file, '--db', dest], 'import');
    assert.match(im.stdout, /已导入单位 东城财政局（dc）/);
    const moved = counts(dest, 'dc');
    const expected = { ...counts(src, 'dc') }; // the source now has the export record; the destination the import's
    assert.deepEqual(moved, expected);
    assert.deepEqual(counts(dest, 'demo'), otherBefore, 'the bureaus already there are untouched');
    assert.notEqual(sql(dest, `SELECT ${ROOT('dc')}`).trim(), sql(src, `SELECT ${ROOT('dc')}`).trim(), 'new ids');

    const check = ok(['check', '--db', dest], 'check');
    assert.match(check.stdout, /审计链 \/ audit chain: 正常 ok/);
    assert.match(check.stdout, /考评结果 \/ evaluations: 正常 ok（3 个已定稿/);
    assert.match(check.stdout, /检查通过/);
    // the import's own record names the source and its chain head
    const last = JSON.parse(sql(dest, `SELECT after_json FROM audit WHERE action = 'import' AND object_type = 'bureau'`).trim());
    assert.equal(last.source_audit_head.hash, lines[0].audit_head.hash);
    assert.equal(last.source, lines[0].source);
    assert.equal(last.rows.people, 150);

    const srv = await startServer({ dir: path.dirname(file), dbPath: dest, today: TODAY, keepDir: true });
    let got;
    try {
      got = await snapshot(srv.url);
    } finally {
      await srv.stopClean();
    }
    assert.deepEqual(sorted(got.people), sorted(srcSnap.people));
    assert.deepEqual(got.details.map((p) => p.id_number), srcSnap.details.map((p) => p.id_number), 'sealed again with the destination key');
    assert.ok(got.details.every((p) => /^[0-9]{17}[0-9X]$/.test(p.id_number)));
    assert.deepEqual(sorted(got.meetings), sorted(srcSnap.meetings));
    assert.ok(srcSnap.contents.length > 0 && srcSnap.contents.every((x) => typeof x === 'string' && x.length > 0));
    assert.deepEqual(got.contents, srcSnap.contents, 'talk contents sealed again with the destination key');
    assert.deepEqual(noIds(got.files), noIds(srcSnap.files));
    assert.ok(got.bytes.equals(PNG), 'the evidence file, byte for byte');
    assert.deepEqual(sorted(got.evaluations), sorted(srcSnap.evaluations));
    assert.deepEqual(sorted(got.rules.filter((r) => r.bureau_id)), sorted(srcSnap.rules.filter((r) => r.bureau_id)));
    assert.deepEqual(Object.keys(got.finals).sort(), Object.keys(srcSnap.finals).sort());
    for (const [k, f] of Object.entries(got.finals)) {
      const was = srcSnap.finals[k];
      assert.deepEqual(noIds(f.ranking), noIds(was.ranking), k);
      assert.deepEqual(noIds(f.awards), noIds(was.awards), k);
      assert.deepEqual(noIds(f.objections), noIds(was.objections), k);
      assert.match(f.hash, /^[0-9a-f]{64}$/);
      assert.notEqual(f.hash, was.hash, `${k}: hashed again with the destination key`);
    }
    // the audit trail: the source's records in order, then the import (and our login)
    const strip = (a) => ({ at: a.at, username: a.username, action: a.action, object_type: a.object_type, before: a.before, after: a.after });
    assert.deepEqual(got.audit.slice(0, srcSnap.audit.length).map(strip), srcSnap.audit.map(strip));
    assert.ok(got.audit.slice(srcSnap.audit.length).some((a) => a.action === 'import' && a.object_type === 'bureau'));
    assert.deepEqual(sorted(got.tasks), sorted(srcSnap.tasks));
    assert.deepEqual(sorted(got.rects), sorted(srcSnap.rects));
    assert.equal(srcSnap.evidence.length, 2);
    assert.deepEqual(got.evidence.sort(), srcSnap.evidence.sort());
    const fin = got.audit.find((a) => a.action === 'final' && a.object_type === 'evaluation');
    assert.ok(got.evaluations.some((e) => e.id === fin.object_id), 'audit object ids point at the moved rows');
  });

  test('a code taken here, a changed file, an account name taken here are refused with nothing written', async () => {
    const n = sql(dest, 'SELECT COUNT(*) FROM audit').trim();
    const twice = dj(['bureau', 'import', file, '--db', dest], 'import twice');
    assert.notEqual(twice.status, 0);
    assert.match(twice.stderr, /已有代码为 dc 的单位/);
    assert.equal(sql(dest, 'SELECT COUNT(*) FROM audit').trim(), n);

    // another SQLite deployment: a changed byte fails the checksum; a name of dc's taken
    const other = path.join(dir, 'other.db');
    ok(['demo', '--db', other, '--no-records'], 'demo other');
    const changed = path.join(dir, 'changed.jsonl');
    const rows = fs.readFileSync(file, 'utf8').split('\n');
    const i = rows.findIndex((l) => l.startsWith('{"t":"people"'));
    const person = JSON.parse(rows[i]);
    person.r.name += '改';
    rows[i] = JSON.stringify(person);
    fs.writeFileSync(changed, rows.join('\n'), { mode: 0o600 });
    const bad = dj(['bureau', 'import', changed, '--db', other], 'import changed');
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /校验和不符|不完整/);
    sql(other, `INSERT INTO users (username, display_name, password_hash, created_at, updated_at, bureau_id)
                VALUES ('dc.zhibu1', '占用', 'x', '2026-01-01', '2026-01-01', 1)`);
    const clash = dj(['bureau', 'import', file, '--db', other], 'import clash');
    assert.notEqual(clash.status, 0);
    assert.match(clash.stderr, /以 dc\. 开头的用户名/);
    assert.equal(sql(other, `SELECT COUNT(*) FROM bureaus WHERE code = 'dc'`).trim(), '0');
  });

  test('and on again: exported from the destination into a fresh SQLite deployment', async () => {
    const back = path.join(dir, 'dc-back.jsonl');
    ok(['bureau', 'export', 'dc', back, '--db', dest], 'export from the destination');
    const third = path.join(dir, 'third.db');
    ok(['init', '--db', third, '--code', 'sheng'], 'init third');
    ok(['bureau', 'import', back, '--db', third], 'import into the third');
    ok(['check', '--db', third], 'check third');
    const want = counts(dest, 'dc');
    const got = counts(third, 'dc');
    // the audit: the source's export record stays behind, the import adds its own
    assert.deepEqual(got, want);
  });

  test('export refuses a source whose final results or audit chain were changed', async () => {
    const out = path.join(dir, 'refused.jsonl');
    const target = sql(src, `SELECT target_id FROM results WHERE evaluation_id IN ${EVALS('dc')} AND evaluation_id IN (SELECT id FROM evaluations WHERE state = 'final') LIMIT 1`).trim();
    sql(src, `UPDATE results SET total = total + 100 WHERE target_id = ${target} AND evaluation_id IN (SELECT id FROM evaluations WHERE state = 'final' AND bureau_id = ${ROOT('dc')})`);
    const r1 = dj(['bureau', 'export', 'dc', out, '--db', src], 'export changed results');
    assert.notEqual(r1.status, 0);
    assert.match(r1.stderr, /与定稿时的哈希不符/);
    assert.equal(fs.existsSync(out), false, 'nothing left behind');
    sql(src, `UPDATE results SET total = total - 100 WHERE target_id = ${target} AND evaluation_id IN (SELECT id FROM evaluations WHERE state = 'final' AND bureau_id = ${ROOT('dc')})`);
    sql(src, `UPDATE audit SET username = 'someone' WHERE id = 3`);
    const r2 = dj(['bureau', 'export', 'dc', out, '--db', src], 'export changed audit');
    assert.notEqual(r2.status, 0);
    assert.match(r2.stderr, /审计链不完整/);
    assert.equal(fs.existsSync(out), false);
  });
});
