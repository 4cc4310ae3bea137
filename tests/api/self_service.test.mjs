// Member self-service on the phone (issue 12, item 3): signing in to a meeting by the QR
// code the secretary shows (a signed, time-limited token; 出席 or 迟到 by the start time;
// one row per person; refused for people the meeting does not expect, after expiry, for an
// altered token), and study hours reported by the member, approved or rejected by the
// branch, counted only once approved.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, shanghaiDate, sleep, ADMIN_PASSWORD } from './harness.mjs';

const ORIGIN = 'https://dj.example.cn';

describe('self-service: QR sign-in and reported study hours', () => {
  let srv, admin, zhibu1, zhibu2, dangyuan, kinds, b1, b2, me, stranger;
  const today = shanghaiDate(0);
  const year = today.slice(0, 4);

  before(async () => {
    // a short-lived code so that expiry can be seen; no grace so that 00:00 is late
    srv = await startServer({ set: ['meetings.signin_code_seconds=3', 'meetings.signin_grace_minutes=0'] });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    kinds = Object.fromEntries((await admin.fetch('/api/v1/meeting-kinds')).data.items.map((k) => [k.code, k.id]));
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    b1 = orgs.find((o) => o.name === '机关第一党支部' && o.type === '党支部');
    b2 = orgs.find((o) => o.name === '机关第二党支部' && o.type === '党支部');
    me = dangyuan.user.person_id;
    assert.ok(me, 'dangyuan has a person');
    stranger = zhibu2.user.person_id;
    assert.ok(stranger && stranger !== me);
  });
  after(async () => { await srv.stopClean(); });

  const planToday = async (extra = {}) => {
    const r = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: today, status: 'planned', topic: '扫码签到测试', starts_at: '23:59', ...extra } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    return r.data;
  };
  const code = async (client, id, origin = ORIGIN) => client.fetch(`/api/v1/meetings/${id}/signin-code`, { method: 'POST', json: { origin } });
  const scan = async (client, token) => client.fetch('/api/v1/meeting-signins', { method: 'POST', json: { token } });
  const rowOf = async (id, person) => (await admin.fetch(`/api/v1/meetings/${id}`)).data.attendance.find((a) => a.person_id === person);

  test('the secretary opens the code: a console URL with a token, as a QR code (SVG); others may not', async () => {
    const m = await planToday();
    const r = await code(zhibu1, m.id);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.ok(r.data.url.startsWith(`${ORIGIN}/signin?t=`));
    assert.equal(r.data.url, `${ORIGIN}/signin?t=${r.data.token}`);
    assert.match(r.data.qr_svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    assert.match(r.data.qr_svg, /<path fill="#000" d="M\d/);
    assert.equal(r.data.seconds, 3);
    assert.ok(r.data.expected > 0);
    assert.equal(r.data.signed_in, 0);
    assert.ok(Date.parse(r.data.expires_at) > Date.now());
    // a member, another branch's secretary: 403; a malformed origin: 400
    assertError(await code(dangyuan, m.id), 403, 'forbidden');
    assertError(await code(zhibu2, m.id), 403, 'forbidden');
    assertError(await code(zhibu1, m.id, 'javascript:alert(1)'), 400, 'invalid');
    assertError(await code(zhibu1, m.id, 'https://evil.example/path?x='), 400, 'invalid');
    assertError(await code(zhibu1, 99999999), 404, 'not_found');
    // not on another day
    const later = await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(3), status: 'planned', topic: '改日' } });
    assertError(await code(zhibu1, later.data.id), 409, 'conflict');
  });

  test('a scan signs the member in as 出席 once; a second scan changes nothing; audited', async () => {
    const m = await planToday({ topic: '按时签到' });
    const c = (await code(zhibu1, m.id)).data;
    const s = await scan(dangyuan, c.token);
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.deepEqual([s.data.meeting_id, s.data.status, s.data.already], [m.id, '出席', false]);
    assert.equal((await rowOf(m.id, me)).status, '出席');
    const again = await scan(dangyuan, c.token);
    assert.equal(again.status, 200, JSON.stringify(again.data));
    assert.deepEqual([again.data.status, again.data.already], ['出席', true]);
    const rows = (await admin.fetch(`/api/v1/meetings/${m.id}`)).data.attendance.filter((a) => a.person_id === me);
    assert.equal(rows.length, 1, 'one row per person');
    const audit = (await admin.fetch(`/api/v1/audit?object_type=meeting&object_id=${m.id}&limit=100`)).data.items;
    assert.equal(audit.filter((a) => a.action === 'signin').length, 1, 'the second scan is not a change');
    assert.equal((await code(zhibu1, m.id)).data.signed_in, 1);
  });

  test('after the start time plus grace: 迟到', async () => {
    const m = await planToday({ topic: '迟到签到', starts_at: '00:00' });
    const c = (await code(zhibu1, m.id)).data;
    const s = await scan(dangyuan, c.token);
    assert.equal(s.status, 200, JSON.stringify(s.data));
    // refused only in the first minute of the day (Asia/Shanghai), when 00:00 + 0 is not yet past
    const minute = new Date(Date.now() + 8 * 3600e3).toISOString().slice(11, 16);
    if (minute !== '00:00') assert.equal(s.data.status, '迟到');
    assert.equal((await rowOf(m.id, me)).status, s.data.status);
  });

  test('refused: a person the meeting does not expect, an altered token, an expired token', async () => {
    const m = await planToday({ topic: '拒绝签到' });
    const c = (await code(zhibu1, m.id)).data;
    // zhibu2's person is not a member of branch 1: not expected
    assertError(await scan(zhibu2, c.token), 403, 'forbidden');
    assert.equal(await rowOf(m.id, stranger), undefined);
    // an account without a person
    assertError(await scan(admin, c.token), 403, 'forbidden');
    // altered: another meeting's id with this mac, a later expiry, garbage
    const [id, exp, mac] = c.token.split('.');
    const other = await planToday({ topic: '另一会议' });
    assertError(await scan(dangyuan, `${other.id}.${exp}.${mac}`), 400, 'invalid');
    assertError(await scan(dangyuan, `${id}.${Number(exp) + 3600}.${mac}`), 400, 'invalid');
    assertError(await scan(dangyuan, 'nonsense'), 400, 'invalid');
    assertError(await dangyuan.fetch('/api/v1/meeting-signins', { method: 'POST', json: {} }), 400, 'invalid');
    assert.equal((await rowOf(other.id, me)).status, null);
    // expired: the code lives 3 s here
    await sleep(4200);
    const r = assertError(await scan(dangyuan, c.token), 400, 'invalid');
    assert.match(r.message, /过期/);
    assert.equal((await rowOf(m.id, me)).status, null);
  });

  test('a cancelled meeting refuses sign-in', async () => {
    const m = await planToday({ topic: '取消的会议' });
    const c = (await code(zhibu1, m.id)).data;
    const x = await zhibu1.fetch(`/api/v1/meetings/${m.id}/cancel`, { method: 'POST', json: { reason: '改期' } });
    assert.equal(x.status, 200, JSON.stringify(x.data));
    assertError(await scan(dangyuan, c.token), 409, 'conflict');
  });

  test('study hours: reported pending, counted only once approved; the member cannot approve; reject needs a reason', async () => {
    const learning = async () => {
      const items = (await admin.fetch(`/api/v1/statistics/learning?period=${year}&person_id=${me}`)).data.items;
      return items.reduce((s, i) => s + i.study_hours, 0);
    };
    const base = await learning();
    const r = await dangyuan.fetch('/api/v1/study-reports', { method: 'POST', json: { studied_on: today, hours: 1.5, mode: '个人自学', content: '学习《党章》第一章' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.status, 'pending');
    assert.equal(r.data.person_id, me);
    assert.equal(r.data.decided_at, null);
    assert.equal(await learning(), base, 'a pending report counts nowhere');
    // rules
    assertError(await dangyuan.fetch('/api/v1/study-reports', { method: 'POST', json: { studied_on: shanghaiDate(2), hours: 1, mode: '自学', content: '未来' } }), 400, 'invalid');
    assertError(await dangyuan.fetch('/api/v1/study-reports', { method: 'POST', json: { studied_on: today, hours: 25, mode: '自学', content: '太多' } }), 400, 'invalid');
    assertError(await dangyuan.fetch('/api/v1/study-reports', { method: 'POST', json: { studied_on: today, hours: 1, mode: '自学', content: '' } }), 400, 'invalid');
    assertError(await dangyuan.fetch('/api/v1/study-reports', { method: 'POST', json: { person_id: stranger, studied_on: today, hours: 1, mode: '自学', content: 'x' } }), 400, 'invalid');
    assertError(await admin.fetch('/api/v1/study-reports', { method: 'POST', json: { studied_on: today, hours: 1, mode: '自学', content: 'x' } }), 403, 'forbidden');
    // the member sees their own, pending; not another's
    const mine = (await dangyuan.fetch('/api/v1/study-reports')).data;
    assert.ok(mine.items.every((i) => i.person_id === me) && mine.items.some((i) => i.id === r.data.id));
    assertError(await dangyuan.fetch(`/api/v1/study-reports?person_id=${stranger}`), 403, 'forbidden');
    // the secretary's queue
    const queue = (await zhibu1.fetch('/api/v1/study-reports?status=pending')).data;
    assert.ok(queue.items.some((i) => i.id === r.data.id));
    assertError(await zhibu1.fetch('/api/v1/study-reports?status=maybe'), 400, 'invalid');
    // not the member, not another branch's secretary
    assertError(await dangyuan.fetch(`/api/v1/study-reports/${r.data.id}/approve`, { method: 'POST', json: {} }), 403, 'forbidden');
    assertError(await zhibu2.fetch(`/api/v1/study-reports/${r.data.id}/approve`, { method: 'POST', json: {} }), 403, 'forbidden');
    const ok = await zhibu1.fetch(`/api/v1/study-reports/${r.data.id}/approve`, { method: 'POST', json: {} });
    assert.equal(ok.status, 200, JSON.stringify(ok.data));
    assert.equal(ok.data.status, 'approved');
    assert.ok(ok.data.study_record_id > 0);
    assert.ok(ok.data.decided_at);
    assert.equal(await learning(), base + 1.5, 'approved hours count');
    const rec = (await admin.fetch(`/api/v1/study-records?person_id=${me}&limit=500`)).data.items.find((x) => x.id === ok.data.study_record_id);
    assert.deepEqual([rec.hours, rec.mode, rec.content, rec.studied_on], [1.5, '个人自学', '学习《党章》第一章', today]);
    // decided once
    assertError(await zhibu1.fetch(`/api/v1/study-reports/${r.data.id}/approve`, { method: 'POST', json: {} }), 409, 'conflict');
    assertError(await zhibu1.fetch(`/api/v1/study-reports/${r.data.id}/reject`, { method: 'POST', json: { reason: '晚了' } }), 409, 'conflict');
    // a rejected one: reason required, counted nowhere
    const r2 = (await dangyuan.fetch('/api/v1/study-reports', { method: 'POST', json: { studied_on: today, hours: 2, mode: '线上学习', content: '看视频' } })).data;
    assertError(await zhibu1.fetch(`/api/v1/study-reports/${r2.id}/reject`, { method: 'POST', json: {} }), 400, 'invalid');
    const no = await zhibu1.fetch(`/api/v1/study-reports/${r2.id}/reject`, { method: 'POST', json: { reason: '学习内容不具体，请补充' } });
    assert.equal(no.status, 200, JSON.stringify(no.data));
    assert.deepEqual([no.data.status, no.data.reason], ['rejected', '学习内容不具体，请补充']);
    assert.equal(await learning(), base + 1.5);
    const audit = (await admin.fetch('/api/v1/audit?object_type=study_report&limit=100')).data.items.map((a) => a.action).sort();
    assert.deepEqual(audit, ['approve', 'reject', 'report', 'report']);
    // export
    const x = await fetch(`${srv.url}/api/v1/study-reports?format=csv`, { headers: { Cookie: zhibu1.cookie } });
    assert.equal(x.status, 200);
    assert.match(await x.text(), /学时申报|已通过/);
  });
});
