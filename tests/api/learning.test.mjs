// Learning (学习教育): the 财政月讲堂 lecture series (/api/v1/lectures with its summary
// and lecturer rota, /api/v1/lecture-labels), knowledge tests and contests
// (/api/v1/quizzes with scores entered or imported), study hours
// (/api/v1/study-records) and /api/v1/statistics/learning counted with membership periods.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, sql, ADMIN_PASSWORD } from './harness.mjs';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

const isMember = (p) => p.political_status === '中共党员' || p.political_status === '中共预备党员';

async function uploadScores(client, quizId, data, filename, query = '') {
  const form = new FormData();
  form.append('file', new Blob([data]), filename);
  const res = await fetch(`${client.url}/api/v1/quizzes/${quizId}/scores/import${query}`, {
    method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf },
  });
  return { status: res.status, data: await res.json() };
}

describe('learning: lectures, themes, rota, tests and contests, study hours, statistics', () => {
  let srv, admin, dangwei, zhibu1, dangyuan, people, orgs, labels;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    labels = (await admin.fetch('/api/v1/lecture-labels')).data.items;
  });
  after(async () => { await srv.stopClean(); });
  const label = (name) => labels.find((l) => l.name === name);
  const branch = (name) => orgs.find((o) => o.name === name && o.type === '党支部');

  test('themes and modules: the seed\'s defaults, editable by party_admin only, audited', async () => {
    assert.deepEqual(labels.filter((l) => l.kind === 'theme').map((l) => l.name), ['忠诚', '责任', '奉献', '廉政']);
    assert.deepEqual(labels.filter((l) => l.kind === 'module').map((l) => l.name), ['理论武装', '理想信念', '财政业务']);
    const r = await dangwei.fetch('/api/v1/lecture-labels', { method: 'POST', json: { kind: 'theme', name: '创新', sort_order: 5 } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.match(r.headers.get('location'), /\/api\/v1\/lecture-labels\/\d+$/);
    assertFieldError(await dangwei.fetch('/api/v1/lecture-labels', { method: 'POST', json: { kind: 'theme', name: '创新' } }), 'name');
    assertFieldError(await dangwei.fetch('/api/v1/lecture-labels', { method: 'POST', json: { kind: 'colour', name: '红' } }), 'kind');
    assertFieldError(await dangwei.fetch('/api/v1/lecture-labels', { method: 'POST', json: { kind: 'theme', name: '' } }), 'name');
    assertError(await zhibu1.fetch('/api/v1/lecture-labels', { method: 'POST', json: { kind: 'theme', name: '支部自定' } }), 403, 'forbidden');
    const off = await dangwei.fetch(`/api/v1/lecture-labels/${r.data.id}`, { method: 'PATCH', json: { name: '改革创新', active: false } });
    assert.equal(off.status, 200, JSON.stringify(off.data));
    assert.equal(off.data.name, '改革创新');
    assert.equal(off.data.active, false);
    assert.equal(off.data.kind, 'theme');
    const themes = (await dangyuan.fetch('/api/v1/lecture-labels?kind=theme')).data.items;
    assert.ok(themes.some((t) => t.name === '改革创新' && !t.active));
    const audit = (await admin.fetch('/api/v1/audit?object_type=lecture_label&limit=50')).data.items;
    assert.ok(audit.length >= 2, JSON.stringify(audit));
  });

  test('24 lectures with 1,700 attendances in a year report exactly 24 sessions and 1,700 person-times', async () => {
    const members = people.filter(isMember);
    const lecturers = members.slice(0, 12);
    let expected = 0;
    let memberTimes = 0;
    const perMonth = {};
    for (let i = 0; i < 24; i++) {
      const month = String(Math.floor(i / 2) + 1).padStart(2, '0');
      const day = i % 2 ? '25' : '10';
      const r = await dangwei.fetch('/api/v1/lectures', {
        method: 'POST', json: {
          held_on: `2025-${month}-${day}`, topic: `第${i + 1}期`, lecturer_id: lecturers[i % 12].id,
          theme_id: label(['忠诚', '责任', '奉献', '廉政'][i % 4]).id, module_id: label(['理论武装', '理想信念', '财政业务'][i % 3]).id,
        },
      });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      assert.equal(r.data.kind, 'lecture');
      assert.equal(r.data.kind_name, '财政月讲堂');
      assert.equal(r.data.late_recorded, true); // recorded long after the day
      assert.equal(r.headers.get('location'), `/api/v1/lectures/${r.data.id}`);
      // 20 sessions of 71 and 4 of 70 attend: 1,700; plus absences and leave that do not count
      const n = i < 20 ? 71 : 70;
      const start = (i * 37) % people.length;
      const who = Array.from({ length: n }, (_, k) => people[(start + k) % people.length]);
      const rows = who.map((p, k) => ({ person_id: p.id, status: k % 9 === 0 ? '迟到' : '出席' }));
      const others = [people[(start + n) % people.length], people[(start + n + 1) % people.length]];
      rows.push({ person_id: others[0].id, status: '缺席' }, { person_id: others[1].id, status: '请假', reason: '出差' });
      const a = await dangwei.fetch(`/api/v1/lectures/${r.data.id}/attendance`, { method: 'PUT', json: { attendance: rows } });
      assert.equal(a.status, 200, JSON.stringify(a.data));
      expected += n;
      memberTimes += who.filter(isMember).length;
      perMonth[`2025-${month}`] = (perMonth[`2025-${month}`] || 0) + n;
    }
    assert.equal(expected, 1700);
    const s = await dangyuan.fetch('/api/v1/lectures/summary?year=2025');
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.equal(s.data.sessions, 24);
    assert.equal(s.data.person_times, 1700);
    assert.equal(s.data.roster_times, 1700);
    assert.equal(s.data.member_times, memberTimes);
    assert.equal(s.data.non_member_times, 1700 - memberTimes);
    assert.ok(1700 - memberTimes > 0, 'non-members attended too');
    assert.deepEqual(s.data.by_month.map((m) => [m.month, m.sessions, m.person_times]),
      Object.entries(perMonth).map(([m, t]) => [m, 2, t]));
    assert.deepEqual(s.data.by_theme.map((t) => [t.theme, t.sessions]), [['忠诚', 6], ['责任', 6], ['奉献', 6], ['廉政', 6]]);
    assert.deepEqual(s.data.by_module.map((t) => [t.module, t.sessions]), [['理论武装', 8], ['理想信念', 8], ['财政业务', 8]]);
    // a quarter and a month are periods too
    assert.equal((await admin.fetch('/api/v1/lectures/summary?period=2025Q1')).data.sessions, 6);
    assert.equal((await admin.fetch('/api/v1/lectures/summary?period=2025-03')).data.person_times, perMonth['2025-03']);
    assertFieldError(await admin.fetch('/api/v1/lectures/summary?period=25'), 'period');
    // the list, every member can read it, and it exports
    const list = await dangyuan.fetch('/api/v1/lectures?year=2025&limit=500');
    assert.equal(list.status, 200);
    assert.equal(list.data.total, 24);
    assert.ok(list.data.items.every((m) => m.kind === 'lecture' && m.theme && m.module && m.lecturer));
    const x = await fetch(`${srv.url}/api/v1/lectures?year=2025&format=xlsx`, { headers: { Cookie: admin.cookie } });
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-disposition'), /filename\*=UTF-8''/);
    const lc = await fetch(`${srv.url}/api/v1/lectures?year=2025&format=csv`, { headers: { Cookie: admin.cookie } });
    assert.ok((await lc.text()).replace(/^\ufeff/, '').startsWith('日期,组织,题目,主讲人,主题,模块'));
    // the statistics agree with the summary
    const st = (await admin.fetch('/api/v1/statistics/learning?period=2025')).data.items;
    assert.equal(st.reduce((t, r) => t + r.lectures_attended, 0), 1700);
    assert.equal(st.reduce((t, r) => t + r.lectures_given, 0), 24);
    // the rota: twelve have lectured twice; the other members have not yet
    const rota = (await dangwei.fetch('/api/v1/lectures/rota?year=2025')).data;
    assert.deepEqual(rota.lectured.map((e) => e.person_id).sort((a, b) => a - b), lecturers.map((p) => p.id).sort((a, b) => a - b));
    assert.ok(rota.lectured.every((e) => e.given === 2));
    const onJob = members.filter((p) => p.status === '在职' && !lecturers.includes(p));
    assert.equal(rota.not_yet.length, onJob.length);
    // the next year: those who never lectured come before those who lectured in 2025
    const next = (await dangwei.fetch('/api/v1/lectures/rota?year=2026')).data;
    assert.equal(next.lectured.length, 0);
    const firstLectured = next.not_yet.findIndex((e) => e.last_on);
    assert.ok(firstLectured > 0);
    assert.ok(next.not_yet.slice(firstLectured).every((e) => e.last_on), 'never-lectured first');
    const rx = await fetch(`${srv.url}/api/v1/lectures/rota?year=2025&format=csv`, { headers: { Cookie: admin.cookie } });
    assert.equal(rx.status, 200);
    assert.match(await rx.text(), /最近主讲/);
  });

  test('a lecture: guests count in person-times, non-members may attend, fields are checked, scope', async () => {
    const nonMember = people.find((p) => p.political_status === '群众');
    assert.ok(nonMember);
    const r = await dangwei.fetch('/api/v1/lectures', { method: 'POST', json: { held_on: '2026-01-15', topic: '新预算法', lecturer_id: people[0].id, guests: 12, place: '三楼会议室' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.guests, 12);
    const a = await dangwei.fetch(`/api/v1/lectures/${r.data.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: nonMember.id, status: '出席' }] } });
    assert.equal(a.status, 200, JSON.stringify(a.data));
    // someone added by mistake is taken off the list again
    const other = people.find((p) => p.political_status === '群众' && p.id !== nonMember.id);
    await dangwei.fetch(`/api/v1/lectures/${r.data.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: other.id, status: '出席' }] } });
    const removed = await dangwei.fetch(`/api/v1/lectures/${r.data.id}/attendance/${other.id}`, { method: 'DELETE' });
    assert.equal(removed.status, 200, JSON.stringify(removed.data));
    assert.deepEqual(removed.data.attendance.map((a) => a.person_id), [nonMember.id]);
    assertError(await dangwei.fetch(`/api/v1/lectures/${r.data.id}/attendance/${other.id}`, { method: 'DELETE' }), 404, 'not_found');
    assertError(await zhibu1.fetch(`/api/v1/lectures/${r.data.id}/attendance/${nonMember.id}`, { method: 'DELETE' }), 403, 'forbidden');
    const listed = (await admin.fetch('/api/v1/lectures?period=2026-01')).data.items.find((m) => m.id === r.data.id);
    assert.deepEqual(listed.attendance_count, { expected: 0, attended: 0, present_all: 1 });
    // evidence: a photo shown inline on request, downloaded otherwise
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const form = new FormData();
    form.append('object_type', 'meeting');
    form.append('object_id', String(r.data.id));
    form.append('file', new Blob([png]), '现场.png');
    const up = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: dangwei.cookie, 'X-CSRF-Token': dangwei.csrf } });
    assert.equal(up.status, 201);
    const fileId = (await up.json()).id;
    const inline = await fetch(`${srv.url}/api/v1/files/${fileId}?inline=1`, { headers: { Cookie: dangyuan.cookie } });
    assert.equal(inline.status, 200);
    assert.match(inline.headers.get('content-disposition'), /^inline; filename=.*filename\*=UTF-8''%E7%8E%B0%E5%9C%BA\.png/);
    const attached = await fetch(`${srv.url}/api/v1/files/${fileId}`, { headers: { Cookie: dangyuan.cookie } });
    assert.match(attached.headers.get('content-disposition'), /^attachment/);
    const s = (await admin.fetch('/api/v1/lectures/summary?period=2026-01')).data;
    assert.equal(s.sessions, 1);
    assert.equal(s.person_times, 13);
    assert.equal(s.guests, 12);
    assert.equal(s.non_member_times, 1);
    // a theme in the module's place, a negative guest count, a fixed kind
    assertFieldError(await dangwei.fetch('/api/v1/lectures', { method: 'POST', json: { held_on: '2026-01-16', module_id: label('忠诚').id } }), 'module_id');
    assertFieldError(await dangwei.fetch('/api/v1/lectures', { method: 'POST', json: { held_on: '2026-01-16', guests: -1 } }), 'guests');
    assertFieldError(await dangwei.fetch('/api/v1/lectures', { method: 'POST', json: { held_on: '2026-01-16', kind_id: 1 } }), 'kind_id');
    const p = await dangwei.fetch(`/api/v1/lectures/${r.data.id}`, { method: 'PATCH', json: { theme_id: label('廉政').id, guests: 2 } });
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.equal(p.data.theme, '廉政');
    // a branch secretary may not record the bureau's series, a member may read it
    assertError(await zhibu1.fetch('/api/v1/lectures', { method: 'POST', json: { held_on: '2026-01-16' } }), 403, 'forbidden');
    assert.equal((await dangyuan.fetch(`/api/v1/lectures/${r.data.id}`)).status, 200);
    // /lectures/{id} is only for lectures
    const kinds = (await admin.fetch('/api/v1/meeting-kinds')).data.items;
    const b1 = branch('机关第一党支部');
    const meeting = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.find((k) => k.code === 'committee').id, held_on: '2026-01-20' } });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.data));
    assertError(await admin.fetch(`/api/v1/lectures/${meeting.data.id}`), 404, 'not_found');
    // an expected member cannot be taken off a meeting's list (mark them absent instead)
    assert.ok(meeting.data.attendance.length > 0);
    assertError(await zhibu1.fetch(`/api/v1/meetings/${meeting.data.id}/attendance/${meeting.data.attendance[0].person_id}`, { method: 'DELETE' }), 404, 'not_found');
    assertError(await zhibu1.fetch(`/api/v1/lectures/${meeting.data.id}`, { method: 'PATCH', json: { topic: 'x' } }), 404, 'not_found');
    // the rota shows a member names and departments, not 工号 or 政治面貌
    const rota = (await dangyuan.fetch('/api/v1/lectures/rota')).data;
    assert.ok(rota.not_yet.length > 0 && rota.not_yet.every((e) => !('staff_no' in e) && !('political_status' in e) && e.name));
    assert.equal((await fetch(`${srv.url}/api/v1/lectures`)).status, 401);
  });

  test('tests and contests: questions add up, scores entered and checked, members see their own', async () => {
    const b1 = branch('机关第一党支部');
    const bad = await zhibu1.fetch('/api/v1/quizzes', {
      method: 'POST', json: {
        org_id: b1.id, kind: 'test', title: '党章党规知识测试', held_on: '2026-03-05', max_score: 100, pass_score: 60,
        questions: [{ kind: 'single', text: '党的最高理想是？', options: ['共产主义', '小康'], answer: 'A', points: 40 }],
      },
    });
    assertFieldError(bad, 'questions');
    const r = await zhibu1.fetch('/api/v1/quizzes', {
      method: 'POST', json: {
        org_id: b1.id, kind: 'test', title: '党章党规知识测试', held_on: '2026-03-05', max_score: 100, pass_score: 60,
        questions: [
          { kind: 'single', text: '党的最高理想是？', options: ['共产主义', '小康'], answer: 'A', points: 40 },
          { kind: 'judge', text: '预备党员有表决权。', answer: '错', points: 60 },
        ],
      },
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.questions.length, 2);
    assert.deepEqual(r.data.questions[0].options, ['共产主义', '小康']);
    assert.equal(r.data.max_score, 100);
    const quiz = r.data;
    const mine = people.filter((p) => p.branch_id === b1.id);
    const me = dangyuan.user.person_id ?? people.find((p) => p.user_id === dangyuan.user.id)?.id;
    assert.ok(mine.length >= 5);
    assert.ok(me && mine.some((p) => p.id === me), 'dangyuan is in branch 1');
    const entries = mine.slice(0, 5).map((p, i) => ({ person_id: p.id, score: [95.5, 88, 59.75, 100, 72.25][i] }));
    if (!entries.some((e) => e.person_id === me)) entries[4].person_id = me;
    const s = await zhibu1.fetch(`/api/v1/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: entries } });
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.equal(s.data.takers, 5);
    assert.equal(s.data.passed, 4);
    assert.equal(s.data.average, 83.1); // (95.5+88+59.75+100+72.25)/5
    assertFieldError(await zhibu1.fetch(`/api/v1/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: mine[0].id, score: 100.5 }] } }), 'scores[0]');
    assertFieldError(await zhibu1.fetch(`/api/v1/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: mine[0].id, score: 80.125 }] } }), 'score');
    assertFieldError(await zhibu1.fetch(`/api/v1/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: mine[0].id, score: '80' }] } }), 'score');
    assertFieldError(await zhibu1.fetch(`/api/v1/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: mine[0].id, score: 80 }, { person_id: mine[0].id, score: 81 }] } }), 'scores[1]');
    // a member sees the quiz with only their own score, and not the answers
    const seen = await dangyuan.fetch(`/api/v1/quizzes/${quiz.id}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.data.scores_visible, 'own');
    assert.ok(seen.data.questions.every((q) => q.answer === ''), 'answers are hidden from members');
    assert.equal(r.data.questions[0].answer, 'A', 'the recorder sees them');
    // a bureau-wide contest is open to every member of the bureau
    const bureauQuiz = await dangwei.fetch('/api/v1/quizzes', { method: 'POST', json: { org_id: orgs.find((o) => !o.parent_id).id, kind: 'contest', title: '全局知识竞赛', held_on: '2026-03-06', max_score: 100 } });
    assert.equal(bureauQuiz.status, 201, JSON.stringify(bureauQuiz.data));
    assert.ok((await dangyuan.fetch('/api/v1/quizzes?limit=500')).data.items.some((q) => q.id === bureauQuiz.data.id));
    assert.equal((await dangyuan.fetch(`/api/v1/quizzes/${bureauQuiz.data.id}`)).status, 200);
    assert.deepEqual(seen.data.scores.map((x) => x.person_id), [me]);
    // another branch's secretary may not record it
    const zhibu2 = await login(srv.url, 'zhibu2');
    assertError(await zhibu2.fetch(`/api/v1/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: mine[0].id, score: 1 }] } }), 403, 'forbidden');
    // null removes a score
    const rm = await zhibu1.fetch(`/api/v1/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: entries[0].person_id, score: null }] } });
    assert.equal(rm.data.takers, 4);
    const list = await admin.fetch('/api/v1/quizzes?from=2026-01-01');
    assert.ok(list.data.items.some((q) => q.id === quiz.id && q.takers === 4));
  });

  test('scores import: the exported sheet re-imports to the same scores; errors by row and nothing written', async () => {
    const b1 = branch('机关第一党支部');
    const mk = async (title) => (await dangwei.fetch('/api/v1/quizzes', { method: 'POST', json: { org_id: b1.id, kind: 'contest', title, held_on: '2026-04-01', max_score: 50 } })).data;
    const a = await mk('财政知识竞赛初赛');
    const b = await mk('财政知识竞赛复赛');
    const mine = people.filter((p) => p.branch_id === b1.id).slice(0, 6);
    const scores = mine.map((p, i) => ({ person_id: p.id, score: 30 + i * 3.5, note: i === 0 ? '满勤' : '' }));
    assert.equal((await dangwei.fetch(`/api/v1/quizzes/${a.id}/scores`, { method: 'PUT', json: { scores } })).status, 200);
    const x = await fetch(`${srv.url}/api/v1/quizzes/${a.id}/scores?format=xlsx`, { headers: { Cookie: dangwei.cookie } });
    assert.equal(x.status, 200);
    const xlsx = Buffer.from(await x.arrayBuffer());
    const dry = await uploadScores(dangwei, b.id, xlsx, 'scores.xlsx', '?dry_run=1');
    assert.equal(dry.status, 200, JSON.stringify(dry.data));
    assert.deepEqual([dry.data.rows, dry.data.created, dry.data.errors.length], [6, 6, 0]);
    assert.equal((await dangwei.fetch(`/api/v1/quizzes/${b.id}`)).data.takers, 0, 'a dry run writes nothing');
    const real = await uploadScores(dangwei, b.id, xlsx, 'scores.xlsx');
    assert.equal(real.status, 200, JSON.stringify(real.data));
    const got = (await dangwei.fetch(`/api/v1/quizzes/${b.id}`)).data.scores;
    const norm = (list) => list.map((s) => [s.person_id, s.score, s.note]).sort((p, q) => p[0] - q[0]);
    assert.deepEqual(norm(got), norm(scores));
    // a CSV with mistakes: each named by row and column, nothing written
    const csv = ['工号,姓名,成绩', `${mine[0].staff_no},${mine[0].name},45`, 'SF9999,无名,40',
      `${mine[1].staff_no},张冠李戴,40`, `${mine[2].staff_no},${mine[2].name},51`, `${mine[3].staff_no},,4O`,
      `${mine[0].staff_no},${mine[0].name},44`].join('\r\n');
    const e = await uploadScores(dangwei, b.id, Buffer.from(csv), 'scores.csv');
    assert.equal(e.status, 200, JSON.stringify(e.data));
    assert.deepEqual(e.data.errors.map((x) => [x.row, x.column]), [[3, '工号'], [4, '姓名'], [5, '成绩'], [6, '成绩'], [7, '工号']]);
    assert.equal(e.data.created + e.data.updated, 0);
    assert.deepEqual(norm((await dangwei.fetch(`/api/v1/quizzes/${b.id}`)).data.scores), norm(scores), 'nothing written');
    const zhibu2 = await login(srv.url, 'zhibu2');
    const denied = await uploadScores(zhibu2, b.id, xlsx, 'scores.xlsx');
    assert.equal(denied.status, 403, JSON.stringify(denied.data));
  });

  test('study hours: recorded for one\'s branch, checked, read by scope, deleted with audit', async () => {
    const b1 = branch('机关第一党支部');
    const b2 = branch('机关第二党支部');
    const p1 = people.find((p) => p.branch_id === b1.id);
    const p2 = people.find((p) => p.branch_id === b2.id);
    const r = await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: p1.id, studied_on: '2026-05-06', hours: 2.5, mode: '集中学习', content: '党的二十届三中全会精神' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.hours, 2.5);
    assertError(await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: p2.id, studied_on: '2026-05-06', hours: 1, mode: '自学' } }), 403, 'forbidden');
    assertFieldError(await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: p1.id, studied_on: '2026-05-06', hours: 25, mode: '自学' } }), 'hours');
    assertFieldError(await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: p1.id, studied_on: '2099-01-01', hours: 1, mode: '自学' } }), 'studied_on');
    assertFieldError(await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: p1.id, studied_on: '2026-05-06', hours: 1, mode: '' } }), 'mode');
    assertFieldError(await zhibu1.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: p1.id, studied_on: '2026-05-06', hours: 1, mode: '自学', extra: 1 } }), 'extra');
    const seen1 = (await zhibu1.fetch('/api/v1/study-records?from=2026-05-01')).data.items;
    assert.ok(seen1.some((x) => x.id === r.data.id));
    const zhibu2 = await login(srv.url, 'zhibu2');
    assert.ok(!(await zhibu2.fetch('/api/v1/study-records')).data.items.some((x) => x.id === r.data.id));
    const own = (await dangyuan.fetch('/api/v1/study-records')).data.items;
    assert.ok(own.every((x) => x.person_id === dangyuan.user.person_id));
    assertError(await dangyuan.fetch(`/api/v1/study-records?person_id=${p2.id}`), 403, 'forbidden');
    assertError(await zhibu2.fetch(`/api/v1/study-records/${r.data.id}`, { method: 'DELETE' }), 403, 'forbidden');
    assert.equal((await zhibu1.fetch(`/api/v1/study-records/${r.data.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await zhibu1.fetch(`/api/v1/study-records/${r.data.id}`, { method: 'DELETE' })).status, 404);
    const audit = (await admin.fetch('/api/v1/audit?object_type=study_record&limit=50')).data.items;
    assert.deepEqual(audit.map((x) => x.action).sort(), ['create', 'delete']);
  });

  test('statistics: a person who moved branches mid-year counts in each branch only for their months there', async () => {
    const b3 = branch('机关第三党支部');
    const b4 = branch('机关第四党支部');
    const mover = people.find((p) => p.branch_id === b3.id && p.political_status === '中共党员' && p.joined_party_on < '2023-01-01');
    const moved = await admin.fetch(`/api/v1/people/${mover.id}`, { method: 'PATCH', json: { branch_id: b4.id, effective_on: '2024-07-01' } });
    assert.equal(moved.status, 200, JSON.stringify(moved.data));
    for (const [day, hours] of [['2024-03-10', 2], ['2024-05-20', 1.25], ['2024-09-10', 3]]) {
      const r = await dangwei.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: mover.id, studied_on: day, hours, mode: '个人自学' } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
    }
    const quiz = (await dangwei.fetch('/api/v1/quizzes', { method: 'POST', json: { org_id: b4.id, title: '下半年测试', held_on: '2024-10-01', max_score: 100 } })).data;
    await dangwei.fetch(`/api/v1/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: mover.id, score: 91 }] } });
    const rows = (await admin.fetch(`/api/v1/statistics/learning?period=2024&person_id=${mover.id}`)).data.items;
    const of = (b) => rows.find((r) => r.branch_id === b.id);
    assert.equal(rows.length, 2, JSON.stringify(rows));
    assert.equal(of(b3).study_hours, 3.25);
    assert.equal(of(b3).tests, 0);
    assert.equal(of(b4).study_hours, 3);
    assert.equal(of(b4).tests, 1);
    assert.equal(of(b4).score_mean, 91);
    // only the first half year: only the old branch
    const h1 = (await admin.fetch(`/api/v1/statistics/learning?period=2024Q1&person_id=${mover.id}`)).data.items;
    assert.deepEqual(h1.map((r) => [r.branch_id, r.study_hours]), [[b3.id, 2]]);
    // a member sees only their own figures
    assertError(await dangyuan.fetch(`/api/v1/statistics/learning?period=2024&person_id=${mover.id}`), 403, 'forbidden');
    // ... and those are there, with their own hours, and nobody else's
    const me = dangyuan.user.person_id;
    const rec = await dangwei.fetch('/api/v1/study-records', { method: 'POST', json: { person_id: me, studied_on: '2024-04-02', hours: 1.5, mode: '个人自学' } });
    assert.equal(rec.status, 201, JSON.stringify(rec.data));
    const mine = await dangyuan.fetch('/api/v1/statistics/learning?period=2024');
    assert.equal(mine.status, 200, JSON.stringify(mine.data));
    assert.ok(mine.data.items.length >= 1, JSON.stringify(mine.data));
    assert.ok(mine.data.items.every((r) => r.person_id === me), JSON.stringify(mine.data.items));
    assert.ok(mine.data.items.reduce((t, r) => t + r.study_hours, 0) >= 1.5, JSON.stringify(mine.data.items));
    const x = await fetch(`${srv.url}/api/v1/statistics/learning?period=2024&format=xlsx`, { headers: { Cookie: admin.cookie } });
    assert.equal(x.status, 200);
    assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip');
    // the database holds hundredths: exact sums on both backends
    assert.equal(sql(srv.dbPath, `SELECT SUM(hours) FROM study_records WHERE person_id = ${mover.id}`).trim(), '625');
  });
});
