// Notifications (issue 17, items 3-5): a bureau's channel settings with
// write-only secrets, each member's preferences, "send a test message" on
// every channel against real local sinks (tests/api/notify_sinks.mjs) whose
// received bytes are checked (headers, signatures, body), the retry after a
// gateway's 500, and the delivery log with its export.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  startServer, login, assertError, sql, sleep, makeTempDir, ADMIN_PASSWORD,
} from './harness.mjs';
import { startSmtpSink, startHttpSink, makeCertificate } from './notify_sinks.mjs';

const hmacHex = (key, data) => crypto.createHmac('sha256', key).update(data).digest('hex');
const sha256Hex = (data) => crypto.createHash('sha256').update(data).digest('hex');

describe('notification channels', () => {
  let srv, admin, smtp, smtpTls, sink, cert;
  const failNext = { count: 0 };
  before(async () => {
    const dir = makeTempDir();
    cert = makeCertificate(dir);
    smtp = await startSmtpSink();
    smtpTls = await startSmtpSink({ tls: cert });
    sink = await startHttpSink((r) => {
      if (r.url.startsWith('/sms-flaky') && failNext.count > 0) {
        failNext.count--;
        return { status: 500, body: '{"error":"busy"}' };
      }
      return null;
    });
    srv = await startServer({
      dir,
      set: ['server.housekeeping_seconds=1', 'notify.lease_seconds=20', `notify.ca_file=${cert.certFile}`],
    });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => {
    await srv.stopClean();
    await smtp.close();
    await smtpTls.close();
    await sink.close();
  });

  test('settings: defaults, secrets write-only and sealed, audited without values', async () => {
    const g = await admin.fetch('/api/v1/notify/settings');
    assert.equal(g.status, 200, JSON.stringify(g.data));
    assert.equal(g.data.daily_time, '08:00');
    assert.equal(g.data.timezone, 'Asia/Shanghai');
    assert.deepEqual(g.data.secrets.smtp_password, { set: false });
    const put = await admin.fetch('/api/v1/notify/settings', {
      method: 'PUT',
      json: {
        email: { enabled: true, host: '127.0.0.1', port: smtp.port, tls: 'none', username: 'mailer', from: 'dj@example.org' },
        secrets: { smtp_password: 'Smtp#Secret-4711', dingtalk_secret: 'SECdingdong' },
      },
    });
    assert.equal(put.status, 200, JSON.stringify(put.data));
    assert.deepEqual(put.data.secrets.smtp_password, { set: true });
    assert.deepEqual(put.data.secrets.sms_secret, { set: false });
    const text = JSON.stringify((await admin.fetch('/api/v1/notify/settings')).data);
    assert.ok(!text.includes('Smtp#Secret'), 'a secret came back');
    const stored = sql(srv.dbPath, 'SELECT config || secrets_sealed FROM notify_settings');
    assert.ok(!stored.includes('Smtp#Secret') && !stored.includes('SECdingdong'), 'a secret is stored in clear');
    assert.match(stored, /s1:/);
    const audit = sql(srv.dbPath, "SELECT COALESCE(before_json, '') || COALESCE(after_json, '') FROM audit WHERE object_type = 'notify_settings'");
    assert.ok(audit.includes('smtp_password'), 'the audit names the changed secret');
    assert.ok(!audit.includes('Smtp#Secret'), 'the audit holds a secret');
    // unknown fields and bad values are refused
    assertError(await admin.fetch('/api/v1/notify/settings', { method: 'PUT', json: { email: { hots: 'x' } } }), 400);
    assertError(await admin.fetch('/api/v1/notify/settings', { method: 'PUT', json: { daily_time: '25:00' } }), 400);
    assertError(await admin.fetch('/api/v1/notify/settings', { method: 'PUT', json: { secrets: { root: 'x' } } }), 400);
    // a member neither reads nor changes them
    const member = await login(srv.url, 'dangyuan');
    assertError(await member.fetch('/api/v1/notify/settings'), 403);
    assertError(await member.fetch('/api/v1/deliveries'), 403);
  });

  test('e-mail: plain SMTP with AUTH, the message id and the body', async () => {
    const r = await admin.fetch('/api/v1/notify/test', { method: 'POST', json: { channel: 'email', to: 'member@example.org' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.status, 'sent', r.data.last_error);
    assert.equal(smtp.messages.length, 1);
    const m = smtp.messages[0];
    assert.equal(m.from, 'dj@example.org');
    assert.deepEqual(m.to, ['member@example.org']);
    assert.deepEqual(m.auth, { user: 'mailer', pass: 'Smtp#Secret-4711' });
    assert.match(m.data, new RegExp(`Message-ID: <dj-\\d+-${r.data.id}@dangjian>`));
    const body = m.data.split('\r\n\r\n').slice(1).join('').replace(/\r\n/g, '');
    assert.match(Buffer.from(body, 'base64').toString('utf8'), /测试消息/);
    assert.ok(!srv.stderr.includes('Smtp#Secret'), 'the password reached the log');
  });

  test('e-mail: STARTTLS, the certificate trusted through notify.ca_file', async () => {
    await admin.fetch('/api/v1/notify/settings', { method: 'PUT', json: { email: { port: smtpTls.port, tls: 'starttls' } } });
    const r = await admin.fetch('/api/v1/notify/test', { method: 'POST', json: { channel: 'email', to: 'tls@example.org' } });
    assert.equal(r.data.status, 'sent', r.data.last_error);
    assert.equal(smtpTls.messages.length, 1);
    assert.equal(smtpTls.messages[0].tls, true, 'the message did not go over TLS');
    assert.deepEqual(smtpTls.messages[0].to, ['tls@example.org']);
  });

  test('SMS: the generic HMAC-SHA256 gateway, template and signature', async () => {
    const put = await admin.fetch('/api/v1/notify/settings', {
      method: 'PUT',
      json: {
        sms: {
          enabled: true, url: `${sink.url}/sms?app={app_id}`, method: 'POST', body_escape: 'json', sign: 'hmac-sha256',
          body: '{"to":"{phone}","text":"{text}","id":"{message_id}"}', headers: ['X-App: {app_id}'], app_id: 'dj-app',
        },
        secrets: { sms_secret: 'gw-secret-123' },
      },
    });
    assert.equal(put.status, 200, JSON.stringify(put.data));
    const before = sink.requests.length;
    const r = await admin.fetch('/api/v1/notify/test', { method: 'POST', json: { channel: 'sms', to: '13800001111' } });
    assert.equal(r.data.status, 'sent', r.data.last_error);
    const q = sink.requests[before];
    assert.equal(q.method, 'POST');
    assert.equal(q.url, '/sms?app=dj-app');
    assert.equal(q.headers['x-app'], 'dj-app');
    assert.match(q.headers['content-type'], /^application\/json/);
    const body = JSON.parse(q.body);
    assert.equal(body.to, '13800001111');
    assert.match(body.text, /测试消息/);
    assert.equal(body.id, q.headers['x-dj-message-id']);
    assert.equal(q.headers['x-signature'], hmacHex('gw-secret-123', `${q.headers['x-timestamp']}\n${q.body}`));
  });

  test('SMS: Tencent Cloud TC3-HMAC-SHA256', async () => {
    await admin.fetch('/api/v1/notify/settings', {
      method: 'PUT',
      json: {
        sms: {
          url: `${sink.url}/`, sign: 'tencent-tc3', access_key_id: 'AKIDtest', app_id: '1400000000', sign_name: '财政局党委',
          template_code: '123456', headers: [], body_escape: 'json',
          body: '{"PhoneNumberSet":["+86{phone}"],"SmsSdkAppId":"{app_id}","SignName":"{sign_name}","TemplateId":"{template_code}","TemplateParamSet":["{text}"]}',
        },
        secrets: { sms_secret: 'tc-secret' },
      },
    });
    const before = sink.requests.length;
    const r = await admin.fetch('/api/v1/notify/test', { method: 'POST', json: { channel: 'sms', to: '13800002222' } });
    assert.equal(r.data.status, 'sent', r.data.last_error);
    const q = sink.requests[before];
    const ts = Number(q.headers['x-tc-timestamp']);
    const date = new Date(ts * 1000).toISOString().slice(0, 10);
    const host = `127.0.0.1:${sink.port}`;
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:${host}\n\ncontent-type;host\n${sha256Hex(q.body)}`;
    const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/sms/tc3_request\n${sha256Hex(canonical)}`;
    const h = (k, d) => crypto.createHmac('sha256', k).update(d).digest();
    const signing = h(h(h('TC3tc-secret', date), 'sms'), 'tc3_request');
    const sig = crypto.createHmac('sha256', signing).update(toSign).digest('hex');
    assert.equal(q.headers.authorization,
      `TC3-HMAC-SHA256 Credential=AKIDtest/${date}/sms/tc3_request, SignedHeaders=content-type;host, Signature=${sig}`);
    assert.equal(q.headers['x-tc-action'], 'SendSms');
    assert.deepEqual(JSON.parse(q.body).PhoneNumberSet, ['+8613800002222']);
  });

  test('SMS: Alibaba Cloud ACS3-HMAC-SHA256, form body', async () => {
    await admin.fetch('/api/v1/notify/settings', {
      method: 'PUT',
      json: {
        sms: {
          url: `${sink.url}/`, sign: 'aliyun-acs3', access_key_id: 'LTAItest', sign_name: '财政局党委', template_code: 'SMS_1',
          body_escape: 'form', body: 'PhoneNumbers={phone}&SignName={sign_name}&TemplateCode={template_code}&TemplateParam={template_param}',
        },
        secrets: { sms_secret: 'ali-secret' },
      },
    });
    const before = sink.requests.length;
    const r = await admin.fetch('/api/v1/notify/test', { method: 'POST', json: { channel: 'sms', to: '13800003333' } });
    assert.equal(r.data.status, 'sent', r.data.last_error);
    const q = sink.requests[before];
    const hh = q.headers;
    assert.equal(hh['x-acs-content-sha256'], sha256Hex(q.body));
    const signed = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';
    const canonical = `POST\n/\n\nhost:127.0.0.1:${sink.port}\nx-acs-action:${hh['x-acs-action']}\nx-acs-content-sha256:${hh['x-acs-content-sha256']}\n`
      + `x-acs-date:${hh['x-acs-date']}\nx-acs-signature-nonce:${hh['x-acs-signature-nonce']}\nx-acs-version:${hh['x-acs-version']}\n\n${signed}\n${sha256Hex(q.body)}`;
    const sig = hmacHex('ali-secret', `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`);
    assert.equal(hh.authorization, `ACS3-HMAC-SHA256 Credential=LTAItest,SignedHeaders=${signed},Signature=${sig}`);
    const form = new URLSearchParams(q.body);
    assert.equal(form.get('PhoneNumbers'), '13800003333');
    assert.equal(form.get('SignName'), '财政局党委');
    assert.match(JSON.parse(form.get('TemplateParam')).text, /测试消息/);
  });

  test('robots: 企业微信 JSON, 钉钉 signed timestamp', async () => {
    await admin.fetch('/api/v1/notify/settings', {
      method: 'PUT',
      json: {
        wecom: { enabled: true }, dingtalk: { enabled: true },
        secrets: { wecom_url: `${sink.url}/cgi-bin/webhook/send?key=wk-1`, dingtalk_url: `${sink.url}/robot/send?access_token=dt-1` },
      },
    });
    let before = sink.requests.length;
    let r = await admin.fetch('/api/v1/notify/test', { method: 'POST', json: { channel: 'wecom' } });
    assert.equal(r.data.status, 'sent', r.data.last_error);
    let q = sink.requests[before];
    assert.equal(q.url, '/cgi-bin/webhook/send?key=wk-1');
    assert.equal(JSON.parse(q.body).msgtype, 'text');
    assert.match(JSON.parse(q.body).text.content, /测试消息/);
    before = sink.requests.length;
    r = await admin.fetch('/api/v1/notify/test', { method: 'POST', json: { channel: 'dingtalk' } });
    assert.equal(r.data.status, 'sent', r.data.last_error);
    q = sink.requests[before];
    const u = new URL(q.url, sink.url);
    assert.equal(u.searchParams.get('access_token'), 'dt-1');
    const ts = u.searchParams.get('timestamp');
    const expect = crypto.createHmac('sha256', 'SECdingdong').update(`${ts}\nSECdingdong`).digest('base64');
    assert.equal(u.searchParams.get('sign'), expect);
    assert.ok(q.url.includes(`sign=${encodeURIComponent(expect)}`), 'the sign is url-encoded');
    // the settings answer says the robots' URLs are set, never what they are
    const g = await admin.fetch('/api/v1/notify/settings');
    assert.deepEqual(g.data.secrets.wecom_url, { set: true });
    assert.ok(!JSON.stringify(g.data).includes('wk-1'));
  });

  test('preferences on 我的: channels, phone, quiet hours', async () => {
    const member = await login(srv.url, 'dangyuan');
    const g = await member.fetch('/api/v1/notify/preferences');
    assert.equal(g.status, 200, JSON.stringify(g.data));
    const p = await member.fetch('/api/v1/notify/preferences', {
      method: 'PUT', json: { channels: ['email', 'sms'], email: 'me@example.org', phone: '13900009999', quiet_from: '22:00', quiet_to: '07:00' },
    });
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.deepEqual(p.data.channels, ['email', 'sms']);
    assert.equal(p.data.quiet_to, '07:00');
    assertError(await member.fetch('/api/v1/notify/preferences', { method: 'PUT', json: { channels: ['wecom'] } }), 400);
    assertError(await member.fetch('/api/v1/notify/preferences', { method: 'PUT', json: { quiet_from: '22:00', quiet_to: '' } }), 400);
    // the admin account has no linked person
    assertError(await admin.fetch('/api/v1/notify/preferences'), 403);
    // a phone left as the roster's is stored as none: the preference follows the roster
    const z = await login(srv.url, 'zhibu1');
    const zp = (await z.fetch('/api/v1/notify/preferences')).data;
    assert.ok(zp.phone, 'the roster has zhibu1\'s phone');
    const saved = await z.fetch('/api/v1/notify/preferences', { method: 'PUT', json: { channels: ['sms'], phone: zp.phone } });
    assert.equal(saved.data.phone, zp.phone);
    assert.equal(sql(srv.dbPath, `SELECT phone FROM notify_prefs WHERE person_id = ${zp.person_id}`).trim(), '');
  });

  test('the daily job queues one message per member; a 500 is retried with back-off', async () => {
    failNext.count = 1;
    await admin.fetch('/api/v1/notify/settings', {
      method: 'PUT',
      json: {
        retry_seconds: 1, max_attempts: 3, wecom: { enabled: false }, dingtalk: { enabled: false }, email: { enabled: false },
        sms: { url: `${sink.url}/sms-flaky`, sign: 'none', body_escape: 'json', body: '{"to":"{phone}","text":"{text}"}', headers: [] },
        routes: { daily_reminder: ['sms'] },
      },
    });
    const members = Number(sql(srv.dbPath, `SELECT COUNT(*) FROM people p WHERE EXISTS (SELECT 1 FROM memberships m
      WHERE m.person_id = p.id AND m.end_on IS NULL) AND (p.phone <> '' OR EXISTS (SELECT 1 FROM notify_prefs n WHERE n.person_id = p.id AND n.phone <> ''))`).trim());
    assert.ok(members > 3, `demo members with a phone: ${members}`);
    // dangyuan's quiet hours cover now (Shanghai): their message waits for their end
    const hhmm = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(11, 16);
    const member = await login(srv.url, 'dangyuan');
    const quiet = await member.fetch('/api/v1/notify/preferences', {
      method: 'PUT', json: { channels: ['sms'], quiet_from: hhmm(Date.now() - 3600e3), quiet_to: hhmm(Date.now() + 3600e3) },
    });
    assert.equal(quiet.status, 200, JSON.stringify(quiet.data));
    const quietId = quiet.data.person_id;
    const before = sink.requests.filter((q) => q.url.startsWith('/sms-flaky')).length;
    const run = await admin.fetch('/api/v1/jobs/daily-reminder/run', { method: 'POST', json: {} });
    assert.equal(run.status, 200, JSON.stringify(run.data));
    assert.equal(run.data.ran, true);
    assert.equal(run.data.queued, members);
    // the same day again: claimed already, nothing queued
    const again = await admin.fetch('/api/v1/jobs/daily-reminder/run', { method: 'POST', json: {} });
    assert.equal(again.data.ran, false);
    assert.equal(again.data.queued, 0);
    // the scheduler of the server delivers them (housekeeping_seconds=1)
    let log, others;
    for (let i = 0; i < 60; i++) {
      log = await admin.fetch('/api/v1/deliveries?kind=daily_reminder&limit=500');
      others = log.data.items.filter((d) => d.person_id !== quietId);
      if (others.every((d) => d.status === 'sent')) break;
      await sleep(500);
    }
    assert.equal(log.data.total, members);
    assert.ok(others.every((d) => d.status === 'sent'), JSON.stringify(others.filter((d) => d.status !== 'sent')));
    const held = log.data.items.find((d) => d.person_id === quietId);
    assert.equal(held.status, 'queued', 'a message in quiet hours waits');
    assert.equal(held.attempts, 0);
    const heldUntil = Number(sql(srv.dbPath, `SELECT next_at FROM notify_outbox WHERE id = ${held.id}`).trim());
    assert.ok(Math.abs(heldUntil - (Date.now() / 1000 + 3600)) < 120, `held until ${heldUntil}`);
    const retried = log.data.items.filter((d) => d.attempts === 2);
    assert.equal(retried.length, 1, 'one message took a second attempt after the 500');
    const received = sink.requests.filter((q) => q.url.startsWith('/sms-flaky')).slice(before);
    assert.equal(received.length, members - 1 + 1);
    assert.equal(received.filter((q) => q.status === 500).length, 1);
    // the failed and the retried attempt carry the same message id
    const ids = received.map((q) => q.headers['x-dj-message-id']);
    assert.equal(new Set(ids).size, members - 1);
    // the member's text names the day
    assert.match(JSON.parse(received.at(-1).body).text, /每日一提醒/);
  });

  test('the daily text carries the motto of the day and, for an account, its warnings and unread messages', async () => {
    const dangwei = await login(srv.url, 'dangwei');
    const member = await login(srv.url, 'dangyuan');
    const m = await member.fetch('/api/v1/mottos', { method: 'POST', json: { text: '对党忠诚，干净担当' } });
    assert.equal(m.status, 201, JSON.stringify(m.data));
    const r = await dangwei.fetch(`/api/v1/mottos/${m.data.id}/review`, { method: 'POST', json: { decision: 'approved' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    // an announcement leaves every account of the bureau a message unread
    const a = await dangwei.fetch('/api/v1/announcements', { method: 'POST', json: { title: '每日一提醒测试通知', body: '请查看。' } });
    assert.equal(a.status, 201, JSON.stringify(a.data));
    await member.fetch('/api/v1/notify/preferences', { method: 'PUT', json: { channels: ['sms'], quiet_from: null, quiet_to: null } });
    const day = new Date(Date.now() + 8 * 3600e3 + 86400e3).toISOString().slice(0, 10); // tomorrow in Shanghai
    const before = sink.requests.length;
    const run = await admin.fetch('/api/v1/jobs/daily-reminder/run', { method: 'POST', json: { day } });
    assert.equal(run.status, 200, JSON.stringify(run.data));
    assert.equal(run.data.ran, true);
    let texts = [];
    for (let i = 0; i < 60 && texts.length < run.data.queued; i++) {
      texts = sink.requests.slice(before).filter((q) => q.status !== 500 && q.url.startsWith('/sms-flaky')).map((q) => JSON.parse(q.body).text);
      await sleep(500);
    }
    assert.ok(texts.length > 0);
    assert.ok(texts.every((t) => t.includes('今日格言：对党忠诚，干净担当')), texts[0]);
    // the members with an account (the demo's officers and dangyuan) are told of their unread messages
    assert.ok(texts.filter((t) => /未读消息 \d+ 条/.test(t)).length >= 2, JSON.stringify(texts.slice(0, 3)));
    assert.ok(texts.some((t) => !/未读消息/.test(t)), 'a member without an account gets no inbox line');
  });

  test('the delivery log: filters, one record, export, another member refused', async () => {
    const sent = await admin.fetch('/api/v1/deliveries?status=sent&channel=sms&limit=5');
    assert.equal(sent.status, 200);
    assert.ok(sent.data.items.length > 0);
    const one = await admin.fetch(`/api/v1/deliveries/${sent.data.items[0].id}`);
    assert.equal(one.status, 200);
    assert.equal(one.data.id, sent.data.items[0].id);
    assertError(await admin.fetch('/api/v1/deliveries?status=lost'), 400);
    const x = await fetch(`${srv.url}/api/v1/deliveries?format=xlsx`, { headers: { Cookie: admin.cookie } });
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    assertError(await admin.fetch('/api/v1/deliveries/999999'), 404);
  });
});
