// 每日一提醒 across servers (issue 17, item 4): two servers on one database
// (PostgreSQL with DJ_TEST_BACKEND=postgresql, else one SQLite file) run the
// daily job of a bureau of 1,000 members imported through the API: the day is
// claimed once, every member gets exactly one message; one server is killed
// with SIGKILL in the middle of the delivery and restarted: no message is
// lost, and the one that server may have had in flight is sent again with
// the same message id (at least once, the receiver drops the repeat by id).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, sql, sleep, ADMIN_PASSWORD } from './harness.mjs';
import { startHttpSink } from './notify_sinks.mjs';

const N = 1000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

function rosterCsv() {
  const lines = ['序号,工号,姓名,性别,政治面貌,入党时间,转正时间,所在党支部,手机号码,人员状态'];
  for (let i = 1; i <= N; i++) {
    const name = SURNAMES[i % 20] + GIVEN[Math.floor(i / 20) % 26] + GIVEN[i % 26];
    lines.push([i, `NT${String(i).padStart(5, '0')}`, name, i % 2 ? '男' : '女', '中共党员', '2010-07-01', '2011-07-01',
      '机关第一党支部', `139${String(i).padStart(8, '0')}`, '在职'].join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const SERVER_SET = ['server.housekeeping_seconds=1', 'notify.lease_seconds=20'];

describe('the daily reminder on two servers', () => {
  let a, b, sink;
  before(async () => {
    sink = await startHttpSink(() => null, { delayMs: 3 });
    a = await startServer({ set: SERVER_SET });
    b = await startServer({ dir: a.dir, dbPath: a.dbPath, set: SERVER_SET });
  });
  after(async () => {
    await b.stopClean();
    await a.stopClean();
    await sink.close();
  });

  test('1,000 members, one server killed mid-run: exactly one message each', { timeout: 480000 }, async () => {
    const admin = await login(a.url, 'admin', ADMIN_PASSWORD);
    const fd = new FormData();
    fd.append('file', new Blob([rosterCsv()]), 'members.csv');
    const imp = await fetch(`${a.url}/api/v1/people/import`, {
      method: 'POST', body: fd, headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf },
    });
    const report = await imp.json();
    assert.equal(imp.status, 200, JSON.stringify(report).slice(0, 2000));
    assert.equal(report.created, N, JSON.stringify(report.errors?.slice(0, 5)));
    const members = Number(sql(a.dbPath, `SELECT COUNT(*) FROM people p WHERE p.phone <> '' AND EXISTS
      (SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.end_on IS NULL)`).trim());
    assert.ok(members >= N, `members: ${members}`);
    // the daily time has come (00:00 in the bureau's zone): both schedulers see it due
    const put = await admin.fetch('/api/v1/notify/settings', {
      method: 'PUT',
      json: {
        daily_enabled: true, daily_time: '00:00', retry_seconds: 1,
        sms: { enabled: true, url: `${sink.url}/sms`, body_escape: 'json', body: '{"to":"{phone}","text":"{text}"}' },
        routes: { daily_reminder: ['sms'] },
      },
    });
    assert.equal(put.status, 200, JSON.stringify(put.data));
    // wait until a good part is delivered, then kill A in the middle
    for (let i = 0; i < 600 && sink.requests.length < members / 4; i++) await sleep(50);
    assert.ok(sink.requests.length >= members / 4, `the delivery did not start: ${sink.requests.length}`);
    assert.ok(sink.requests.length < members, 'the run ended before the kill');
    a.kill('SIGKILL');
    await a.exited;
    const atKill = sink.requests.length;
    a = await startServer({ dir: a.dir, dbPath: a.dbPath, set: SERVER_SET });
    // everything sent, including a claim A held when it died (after the lease)
    let left;
    for (let i = 0; i < 900; i++) {
      left = Number(sql(b.dbPath, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'daily_reminder' AND status <> 'sent'").trim());
      if (left === 0) break;
      await sleep(100);
    }
    assert.equal(left, 0, 'messages left unsent');
    const runs = sql(b.dbPath, "SELECT holder FROM job_runs WHERE name LIKE 'daily_reminder:%'").trim().split('\n').filter(Boolean);
    assert.equal(runs.length, 1, `the day was claimed ${runs.length} times`);
    const rows = Number(sql(b.dbPath, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'daily_reminder'").trim());
    assert.equal(rows, members, 'one message queued per member');
    // what the gateway received: every member exactly once by message id
    const byPhone = new Map();
    for (const q of sink.requests) {
      const to = JSON.parse(q.body).to;
      if (!byPhone.has(to)) byPhone.set(to, new Set());
      byPhone.get(to).add(q.headers['x-dj-message-id']);
    }
    assert.equal(byPhone.size, members, `members reached: ${byPhone.size} of ${members}`);
    for (const [to, ids] of byPhone) assert.equal(ids.size, 1, `${to} got ${ids.size} different messages`);
    // raw repeats: at most the one message A had in flight when it was killed
    const repeats = sink.requests.length - members;
    assert.ok(repeats >= 0 && repeats <= 1, `repeats: ${repeats} (at kill: ${atKill})`);
    // both servers delivered
    const holders = sql(b.dbPath, "SELECT DISTINCT claimed_by FROM notify_outbox WHERE kind = 'daily_reminder'").trim().split('\n');
    assert.ok(holders.length >= 2, `holders: ${holders}`);
  });
});
