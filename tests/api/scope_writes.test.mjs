// Writes that name a person or an organisation are checked against the
// caller's scope, not only against the bureau (issue 11, item 1): a 支部书记 of
// 第一支部 cannot put a person of 第二支部 into a lecture, a meeting's attendance,
// a quiz's scores or a committee (of the branch or of one of its 党小组); a
// record held by an organisation names only the people it covers on the day;
// and the index engine counts a learning record for a person only when the
// organisation that holds it covered them (records written before the check).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, sql, ADMIN_PASSWORD } from './harness.mjs';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
  return e.fields[field];
}

const isMember = (p) => p.political_status === '中共党员' || p.political_status === '中共预备党员';

async function uploadScores(client, quizId, csv) {
  const form = new FormData();
  form.append('file', new Blob([csv]), 'scores.csv');
  const res = await fetch(`${client.url}/api/v1/quizzes/${quizId}/scores/import`, {
    method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf },
  });
  return { status: res.status, data: await res.json() };
}

describe('writes outside the caller\'s scope', () => {
  let srv, admin, dangwei, zhibu1, people, orgs, first, second, mine, theirs, kindId;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    first = orgs.find((o) => o.name === '机关第一党支部');
    second = orgs.find((o) => o.name === '机关第二党支部');
    mine = people.filter((p) => p.branch_id === first.id && isMember(p));
    theirs = people.filter((p) => p.branch_id === second.id && isMember(p));
    assert.ok(mine.length >= 3 && theirs.length >= 3);
    const kinds = (await zhibu1.fetch('/api/v1/meeting-kinds')).data.items;
    kindId = kinds.find((k) => k.code === 'dangke' || k.name === '党课')?.id ?? kinds.find((k) => k.attendees === 'branch').id;
  });
  after(async () => { await srv.stopClean(); });

  test('a lecture of 第一支部 cannot name a lecturer, host or attendee of 第二支部', async () => {
    const base = { org_id: first.id, held_on: '2026-03-10', topic: '支部讲堂' };
    for (const field of ['lecturer_id', 'host_id', 'recorder_id']) {
      const r = await zhibu1.fetch('/api/v1/lectures', { method: 'POST', json: { ...base, [field]: theirs[0].id } });
      assertFieldError(r, field);
    }
    const ok = await zhibu1.fetch('/api/v1/lectures', { method: 'POST', json: { ...base, lecturer_id: mine[0].id } });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    const att = await zhibu1.fetch(`/api/v1/lectures/${ok.data.id}/attendance`, {
      method: 'PUT', json: { attendance: [{ person_id: theirs[1].id, status: '出席' }] },
    });
    assertFieldError(att, 'attendance[0]');
    // the 机关党委 may name anyone of the bureau, but a lecture of 第一支部 covers only its members
    const wide = await dangwei.fetch(`/api/v1/lectures/${ok.data.id}/attendance`, {
      method: 'PUT', json: { attendance: [{ person_id: theirs[1].id, status: '出席' }] },
    });
    assert.match(assertFieldError(wide, 'attendance[0]'), /不属于/);
    const fine = await zhibu1.fetch(`/api/v1/lectures/${ok.data.id}/attendance`, {
      method: 'PUT', json: { attendance: [{ person_id: mine[1].id, status: '出席' }] },
    });
    assert.equal(fine.status, 200, JSON.stringify(fine.data));
    // changing only the topic keeps a lecturer named earlier
    const edit = await zhibu1.fetch(`/api/v1/lectures/${ok.data.id}`, { method: 'PATCH', json: { topic: '支部讲堂（改）' } });
    assert.equal(edit.status, 200, JSON.stringify(edit.data));
    // nothing of 第二支部 was written
    const stored = (await admin.fetch(`/api/v1/lectures/${ok.data.id}`)).data;
    assert.ok(!stored.attendance.some((a) => theirs.some((p) => p.id === a.person_id)), JSON.stringify(stored.attendance));
  });

  test('a meeting of 第一支部 cannot name a host or add an attendee of 第二支部', async () => {
    const r = await zhibu1.fetch('/api/v1/meetings', {
      method: 'POST', json: { org_id: first.id, kind_id: kindId, held_on: '2026-03-12', topic: '党课', host_id: theirs[0].id },
    });
    assertFieldError(r, 'host_id');
    const ok = await zhibu1.fetch('/api/v1/meetings', {
      method: 'POST', json: { org_id: first.id, kind_id: kindId, held_on: '2026-03-12', topic: '党课', host_id: mine[0].id },
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
  });

  test('quiz scores: only people the quiz\'s organisation covers, by the API and by import', async () => {
    const q = await zhibu1.fetch('/api/v1/quizzes', {
      method: 'POST', json: { org_id: first.id, kind: 'test', title: '支部测试', held_on: '2026-03-15', max_score: 100 },
    });
    assert.equal(q.status, 201, JSON.stringify(q.data));
    const bad = await zhibu1.fetch(`/api/v1/quizzes/${q.data.id}/scores`, {
      method: 'PUT', json: { scores: [{ person_id: mine[0].id, score: 90 }, { person_id: theirs[0].id, score: 100 }] },
    });
    assertFieldError(bad, 'scores[1]');
    const byAdmin = await dangwei.fetch(`/api/v1/quizzes/${q.data.id}/scores`, {
      method: 'PUT', json: { scores: [{ person_id: theirs[0].id, score: 100 }] },
    });
    assertFieldError(byAdmin, 'scores[0]');
    const imp = await uploadScores(zhibu1, q.data.id, `工号,姓名,成绩\n${mine[0].staff_no},${mine[0].name},88\n${theirs[0].staff_no},${theirs[0].name},99\n`);
    assert.equal(imp.status, 200, JSON.stringify(imp.data));
    assert.equal(imp.data.errors.length, 1, JSON.stringify(imp.data));
    assert.equal(imp.data.errors[0].row, 3);
    assert.equal(imp.data.created, 0);
    const scores = (await admin.fetch(`/api/v1/quizzes/${q.data.id}`)).data.scores;
    assert.deepEqual(scores, []);
    const good = await zhibu1.fetch(`/api/v1/quizzes/${q.data.id}/scores`, {
      method: 'PUT', json: { scores: [{ person_id: mine[0].id, score: 90 }] },
    });
    assert.equal(good.status, 200, JSON.stringify(good.data));
  });

  test('committee posts: a branch\'s and a 党小组\'s only of their own members within scope', async () => {
    const r = await zhibu1.fetch(`/api/v1/orgs/${first.id}/committee`, {
      method: 'POST', json: { person_id: theirs[0].id, post: '委员' },
    });
    assertFieldError(r, 'person_id');
    const group = orgs.find((o) => o.parent_id === first.id && o.type === '党小组');
    const g = await zhibu1.fetch(`/api/v1/orgs/${group.id}/committee`, {
      method: 'POST', json: { person_id: theirs[0].id, post: '委员' },
    });
    assertFieldError(g, 'person_id');
    // a member of 第一支部 in another of its groups is no member of this group
    const inGroup = people.filter((p) => p.group_id === group.id);
    const other = mine.find((p) => p.group_id && p.group_id !== group.id);
    assert.ok(inGroup.length && other);
    assertFieldError(await zhibu1.fetch(`/api/v1/orgs/${group.id}/committee`, {
      method: 'POST', json: { person_id: other.id, post: '委员' },
    }), 'person_id');
    const ok = await zhibu1.fetch(`/api/v1/orgs/${group.id}/committee`, {
      method: 'POST', json: { person_id: inGroup[0].id, post: '委员' },
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
  });

  test('the lecturer rota does not count a lecture its organisation did not cover', async () => {
    // written before the check: a 第一支部 lecture naming a 第二支部 member as lecturer
    const victim = theirs[1];
    const rota = async () => {
      const r = (await dangwei.fetch('/api/v1/lectures/rota?year=2026')).data;
      const find = (list) => list.find((e) => e.person_id === victim.id);
      return { lectured: find(r.lectured), notYet: find(r.not_yet) };
    };
    const before = await rota();
    assert.ok(before.notYet && !before.lectured, JSON.stringify(before));
    const l = await zhibu1.fetch('/api/v1/lectures', { method: 'POST', json: { org_id: first.id, held_on: '2026-01-20', topic: '越权讲堂' } });
    assert.equal(l.status, 201, JSON.stringify(l.data));
    sql(srv.dbPath, `UPDATE meetings SET lecturer_id = ${victim.id} WHERE id = ${l.data.id}`);
    const after = await rota();
    assert.ok(!after.lectured, `a lecture of 第一支部 counts nothing for a 第二支部 member: ${JSON.stringify(after)}`);
    assert.equal(after.notYet?.given, 0);
    assert.equal(after.notYet?.last_on, null);
    // held by the bureau, the same lecture counts
    const root = orgs.find((o) => !o.parent_id);
    sql(srv.dbPath, `UPDATE meetings SET org_id = ${root.id} WHERE id = ${l.data.id}`);
    const counted = await rota();
    assert.equal(counted.lectured?.given, 1, JSON.stringify(counted));
    assert.equal(counted.lectured.last_on, '2026-01-20');
  });

  test('the engine does not count a learning record its organisation did not cover', async () => {
    // written before the check: a 第一支部 quiz and lecture with a 第二支部 member in them
    const victim = theirs[2];
    const q = await zhibu1.fetch('/api/v1/quizzes', {
      method: 'POST', json: { org_id: first.id, kind: 'test', title: '旧测试', held_on: '2026-02-10', max_score: 100 },
    });
    assert.equal(q.status, 201);
    const l = await zhibu1.fetch('/api/v1/lectures', { method: 'POST', json: { org_id: first.id, held_on: '2026-02-11', topic: '旧讲堂' } });
    assert.equal(l.status, 201);
    const stats = async () => (await admin.fetch(`/api/v1/statistics/learning?period=2026-02&person_id=${victim.id}`)).data;
    const beforeStats = await stats();
    sql(srv.dbPath, `INSERT INTO quiz_scores (quiz_id, person_id, score, note) VALUES (${q.data.id}, ${victim.id}, 10000, '')`);
    sql(srv.dbPath, `INSERT INTO attendance (meeting_id, person_id, expected, status, reason) VALUES (${l.data.id}, ${victim.id}, 0, '出席', '')`);
    sql(srv.dbPath, `UPDATE meetings SET lecturer_id = ${victim.id} WHERE id = ${l.data.id}`);
    const afterStats = await stats();
    assert.deepEqual(afterStats, beforeStats);
    // the index engine: a member scheme computing from the same records
    const scheme = (await dangwei.fetch('/api/v1/schemes', {
      method: 'POST', json: {
        code: 'scope_member', name: '范围测试', target: 'member', settings: { visibility: 'own' },
        indicators: [
          { code: 'given', name: '主讲', kind: 'computed', source: 'lectures_given', max_points: 10, params: { map: 'per_unit', per: 5 } },
          { code: 'heard', name: '听讲', kind: 'computed', source: 'lectures_attended', max_points: 10, params: { map: 'per_unit', per: 5 } },
          { code: 'test', name: '测试', kind: 'computed', source: 'test_score_mean', max_points: 10, params: { map: 'linear', target: 100, when_none: 'zero' } },
        ],
      },
    }));
    assert.equal(scheme.status, 201, JSON.stringify(scheme.data));
    const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.data.id, period: '2026Q1', notice_days: 0 } })).data;
    const points = async () => {
      const c = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/compute`, { method: 'POST' });
      assert.equal(c.status, 200, JSON.stringify(c.data));
      const ex = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${victim.id}/explain`)).data;
      return Object.fromEntries(ex.indicators.map((i) => [i.code, i.points]));
    };
    assert.deepEqual(await points(), { given: 0, heard: 0, test: 0 }, 'records of 第一支部 naming a 第二支部 member count for nothing');
    // the same records held by the bureau do count: the filter is the holding organisation
    const root = orgs.find((o) => !o.parent_id);
    sql(srv.dbPath, `UPDATE quizzes SET org_id = ${root.id} WHERE id = ${q.data.id}`);
    sql(srv.dbPath, `UPDATE meetings SET org_id = ${root.id} WHERE id = ${l.data.id}`);
    assert.notDeepEqual(await stats(), beforeStats);
    assert.deepEqual(await points(), { given: 5, heard: 5, test: 10 });
  });
});
