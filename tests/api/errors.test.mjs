// The error contract, request limits, security headers and the static pages.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, login, request, assertError, rawHttp, parseRawResponse, readJson, ADMIN_PASSWORD,
} from './harness.mjs';

const LOGIN = '/api/v1/session';

/** POST a raw body to the login endpoint. */
function postRaw(url, body, contentType = 'application/json') {
  const headers = contentType ? { 'Content-Type': contentType } : {};
  return request(url, LOGIN, { method: 'POST', body, headers });
}

function assertSecurityHeaders(headers, what) {
  const csp = headers.get('content-security-policy');
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  assert.match(csp, /default-src 'self'/, `${what}: CSP ${csp}`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP ${csp}`);
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(headers.get('x-frame-options'), 'DENY', what);
  assert.ok(headers.get('x-request-id'), `${what}: no X-Request-Id`);
}

describe('errors and limits', () => {
  let srv;
  let admin;
  before(async () => {
    srv = await startServer();
    fs.writeFileSync(path.join(srv.dir, 'secret.txt'), 'TOP-SECRET-OUTSIDE-WEB-ROOT');
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => { await srv.stopClean(); });

  test('health answers without a session', async () => {
    const r = await request(srv.url, '/api/v1/health');
    assert.equal(r.status, 200);
    assert.equal(r.data.status, 'ok');
    assert.equal(typeof r.data.version, 'string');
  });

  test('unknown /api paths are 404 with the error shape', async () => {
    for (const p of ['/api/v1/nope', '/api/v2/session', '/api/v1/session/extra', '/api/v1/', '/api', '/api/v1/users/1/x/y']) {
      const r = await request(srv.url, p);
      const e = assertError(r, 404, 'not_found');
      assert.deepEqual(Object.keys(r.data), ['error'], p);
      assert.equal(e.fields, undefined, p);
      assert.match(r.headers.get('content-type'), /^application\/json/, p);
    }
  });

  test('a non-numeric, zero or missing id is 404', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '99999', '9999999999999999999999'])
      assertError(await admin.fetch(`/api/v1/users/${id}`), 404, 'not_found');
  });

  test('a known path with another method is 405 with Allow', async () => {
    const r = await request(srv.url, LOGIN, { method: 'PUT', json: {} });
    assertError(r, 405);
    const allow = (r.headers.get('allow') || '').split(',').map((x) => x.trim()).sort();
    assert.deepEqual(allow, ['DELETE', 'GET', 'POST']);
    const u = await admin.fetch('/api/v1/users/1', { method: 'DELETE' });
    assertError(u, 405);
    const allowU = (u.headers.get('allow') || '').split(',').map((x) => x.trim()).sort();
    assert.deepEqual(allowU, ['GET', 'PATCH']);
    // a page path takes only GET and HEAD
    const p = await request(srv.url, '/', { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(p.status, 405);
    assert.match(p.headers.get('allow') || '', /GET/);
  });

  test('malformed JSON is 400 invalid', async () => {
    for (const body of ['{"username":', '{username: "a"}', "{'a': 1}", '{"a":1,}', '{"a":1} trailing', 'nul']) {
      const r = await postRaw(srv.url, body);
      assertError(r, 400, 'invalid');
    }
  });

  test('duplicate keys in JSON are 400', async () => {
    const r = await postRaw(srv.url, '{"username":"admin","username":"zhibu1","password":"x"}');
    const e = assertError(r, 400, 'invalid');
    assert.match(e.message, /重复/);
    // and on an authenticated endpoint, too: nothing changes
    const list = await admin.fetch('/api/v1/users?q=dangwei');
    const id = list.data.items[0].id;
    const p = await request(srv.url, `/api/v1/users/${id}`, {
      method: 'PATCH', cookie: admin.cookie, csrf: admin.csrf,
      body: '{"display_name":"甲","display_name":"乙"}', headers: { 'Content-Type': 'application/json' },
    });
    assertError(p, 400, 'invalid');
    const after = await admin.fetch(`/api/v1/users/${id}`);
    assert.equal(after.data.display_name, '李红梅');
  });

  test('invalid UTF-8 in the body is 400', async () => {
    const bodies = [
      Buffer.from([0x7b, 0x22, 0x75, 0xff, 0x22, 0x3a, 0x31, 0x7d]), // {"u\xff":1}
      Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","password":"x"}')]),
      Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","password":"x"}')]), // surrogate
      Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('","password":"x"}')]), // overlong
    ];
    for (const b of bodies) assertError(await postRaw(srv.url, b), 400, 'invalid');
  });

  test('invalid UTF-8 in the query string is 400', async () => {
    const r = await admin.fetch('/api/v1/users?q=%ff%fe');
    assertError(r, 400, 'invalid');
  });

  test('JSON that is not an object is 400', async () => {
    for (const body of ['[1,2]', '"admin"', '42', 'null', 'true', '[]'])
      assertError(await postRaw(srv.url, body), 400, 'invalid');
  });

  test('an empty body is 400', async () => {
    assertError(await postRaw(srv.url, ''), 400, 'invalid');
  });

  test('wrong field types are 400 with fields', async () => {
    const r = await request(srv.url, LOGIN, { method: 'POST', json: { username: 12345, password: 'x' } });
    const e = assertError(r, 400, 'invalid');
    assert.equal(typeof e.fields?.username, 'string', JSON.stringify(r.data));
    const r2 = await request(srv.url, LOGIN, { method: 'POST', json: { username: 'admin', password: ['x'] } });
    assert.equal(typeof assertError(r2, 400, 'invalid').fields?.password, 'string');
    const r3 = await request(srv.url, LOGIN, { method: 'POST', json: { username: { a: 1 }, password: true } });
    const e3 = assertError(r3, 400, 'invalid');
    assert.equal(typeof e3.fields?.username, 'string');
    assert.equal(typeof e3.fields?.password, 'string');
  });

  test('a JSON body with another Content-Type is 415', async () => {
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json']) {
      const r = await postRaw(srv.url, body, ct);
      assertError(r, 415, 'unsupported_media_type');
    }
    // with a charset parameter it is still JSON
    const ok = await postRaw(srv.url, body, 'application/json; charset=utf-8');
    assert.equal(ok.status, 200, JSON.stringify(ok.data));
  });

  test('a media type that merely starts with application/json is not JSON (415)', async () => {
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    for (const ct of ['application/jsonp', 'application/json-seq', 'application/jsonx; charset=utf-8']) {
      const r = await postRaw(srv.url, body, ct);
      assert.equal(r.status, 415, `Content-Type ${ct} was accepted as JSON: ${r.status}`);
    }
  });

  test('bad paging values are 400 with fields', async () => {
    for (const [q, field] of [
      ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=abc', 'limit'], ['limit=-1', 'limit'],
      ['limit=', 'limit'], ['limit=1e2', 'limit'], ['limit=10abc', 'limit'],
      ['offset=-1', 'offset'], ['offset=x', 'offset'],
    ]) {
      for (const p of ['/api/v1/users', '/api/v1/audit']) {
        const r = await admin.fetch(`${p}?${q}`);
        const e = assertError(r, 400, 'invalid');
        assert.equal(typeof e.fields?.[field], 'string', `${p}?${q}: ${JSON.stringify(r.data)}`);
      }
    }
    assert.equal((await admin.fetch('/api/v1/users?limit=500')).status, 200);
    assert.equal((await admin.fetch('/api/v1/users?limit=1')).data.items.length, 1);
  });

  test('API answers carry the security headers, no-store and a request id', async () => {
    const answers = [
      ['GET /health', await request(srv.url, '/api/v1/health')],
      ['GET /session (200)', await admin.fetch('/api/v1/session')],
      ['GET /session (401)', await request(srv.url, '/api/v1/session')],
      ['404', await request(srv.url, '/api/v1/nope')],
      ['405', await request(srv.url, LOGIN, { method: 'PUT' })],
      ['400', await postRaw(srv.url, '{')],
    ];
    const ids = new Set();
    for (const [what, r] of answers) {
      assertSecurityHeaders(r.headers, what);
      assert.equal(r.headers.get('cache-control'), 'no-store', what);
      ids.add(r.headers.get('x-request-id'));
    }
    assert.equal(ids.size, answers.length, 'request ids should be unique');
  });

  test('GET / serves the built-in HTML page when there is no web/dist', async () => {
    const res = await fetch(srv.url + '/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assertSecurityHeaders(res.headers, 'GET /');
    const html = await res.text();
    assert.match(html, /^<!doctype html>/i);
    assert.match(html, /dangjian/);
    assert.match(html, /\/api\/v1\/health/);
    // HEAD gives the headers without the body
    const head = await fetch(srv.url + '/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  test('an unknown non-API path falls back to the same page (client-side routes)', async () => {
    const home = await (await fetch(srv.url + '/')).text();
    for (const p of ['/people', '/meetings/12', '/some/deep/page']) {
      const res = await fetch(srv.url + p);
      assert.equal(res.status, 200, p);
      assert.match(res.headers.get('content-type'), /^text\/html/, p);
      assert.equal(await res.text(), home, p);
    }
    // a missing asset is a real 404, not the page
    const asset = await fetch(srv.url + '/assets/index-deadbeef1.js');
    assert.equal(asset.status, 404);
    const file = await fetch(srv.url + '/missing.png');
    assert.equal(file.status, 404);
  });

  test('files in the web root are served, and ".." never leaves it', async () => {
    fs.writeFileSync(path.join(srv.webRoot, 'hello.txt'), 'hello from the web root');
    const ok = await fetch(srv.url + '/hello.txt');
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'hello from the web root');
    // raw requests: fetch would normalise the dots away
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/x/../../secret.txt',
      '/%2e%2e%2fsecret.txt', '/..\\secret.txt', '/.%2e/secret.txt', '/../web-empty/hello.txt']) {
      const text = await rawHttp(srv.port, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.ok(!text.includes('TOP-SECRET'), `${p} leaked a file outside the web root`);
      const r = parseRawResponse(text);
      assert.ok(r.status === 404 || r.status === 400, `${p}: status ${r.status}`);
    }
    // hidden files are not served either
    fs.writeFileSync(path.join(srv.webRoot, '.env'), 'HIDDEN=1');
    const hidden = await rawHttp(srv.port, 'GET /.env HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    assert.ok(!hidden.includes('HIDDEN=1'), '/.env was served');
  });

  test('a malformed request line does not upset the server', async () => {
    // the server either answers 4xx or closes the connection at once; it does not hang
    const t0 = Date.now();
    const text = await rawHttp(srv.port, 'GARBAGE\r\n\r\n', { timeoutMs: 5000 });
    assert.ok(Date.now() - t0 < 4000, 'the connection was left open');
    assert.ok(text === '' || /^HTTP\/1\.[01] 4\d\d /.test(text), `answer: ${JSON.stringify(text.slice(0, 200))}`);
    // and the next connection is served
    const next = parseRawResponse(await rawHttp(srv.port, 'GET /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
    assert.equal(next.status, 401);
  });

  test('the server still answers after all of this', async () => {
    const r = await admin.fetch('/api/v1/session');
    assert.equal(r.status, 200);
    assert.equal(r.data.user.username, 'admin');
  });
});

describe('body limit (server.body_limit=2048)', () => {
  let srv;
  before(async () => { srv = await startServer({ set: ['server.body_limit=2048'] }); });
  after(async () => { await srv.stopClean(); });

  test('a body under the limit is read', async () => {
    const body = JSON.stringify({ username: 'nobody', password: 'x'.repeat(1500) });
    assert.ok(body.length < 2048);
    const r = await postRaw(srv.url, body);
    assertError(r, 401, 'unauthenticated');
  });

  test('a 4096-byte body is 413 too_large', async () => {
    const frame = JSON.stringify({ username: 'nobody', password: '' });
    const body = JSON.stringify({ username: 'nobody', password: 'x'.repeat(4096 - frame.length) });
    assert.equal(Buffer.byteLength(body), 4096);
    let r;
    try {
      r = await postRaw(srv.url, body);
    } catch (e) {
      assert.fail(`expected a 413 answer, but the connection failed: ${e.cause?.message || e.message}`);
    }
    assertError(r, 413, 'too_large');
  });

  test('a declared Content-Length over the limit is 413 without sending the body', async () => {
    const head = 'POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'Content-Length: 100000000\r\n\r\n';
    // send the headers and a little of the body; the server should answer at once
    const t0 = Date.now();
    const text = await rawHttp(srv.port, [head, '{"username":"' + 'x'.repeat(500)], { timeoutMs: 4000 });
    assert.ok(text.length > 0, 'no answer at all: the connection was closed or timed out without a response');
    const r = parseRawResponse(text);
    assert.equal(r.status, 413);
    assert.equal(JSON.parse(r.body.slice(0, Number(r.headers['content-length']))).error.code, 'too_large');
    assert.ok(Date.now() - t0 < 3500, 'the 413 took too long');
  });

  test('a chunked body growing over the limit is 413', async () => {
    const head = 'POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
    const chunk = 'x'.repeat(4096);
    const text = await rawHttp(srv.port, [head, `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`], { timeoutMs: 4000 });
    assert.ok(text.length > 0, 'no answer at all');
    assert.equal(parseRawResponse(text).status, 413);
  });

  test('the server still answers after the refused bodies', async () => {
    const c = await login(srv.url, 'zhibu1');
    const r = await c.fetch('/api/v1/session');
    assert.equal(r.status, 200);
    const h = await fetch(srv.url + '/api/v1/health');
    assert.equal(h.status, 200);
    assert.equal((await readJson(h)).status, 'ok');
  });
});
