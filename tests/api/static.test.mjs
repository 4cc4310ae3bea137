// The console's files: a file with a precompressed copy beside it (NAME.br,
// NAME.gz, made by web/tools/compress.js at build time) is sent as that copy
// when the request's Accept-Encoding takes it, with Content-Encoding and
// Vary: Accept-Encoding; otherwise as it is.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, makeTempDir } from './harness.mjs';

const APP_JS = `console.log(${JSON.stringify('党建'.repeat(2000))});\n`;
const PLAIN_JS = 'export const x = 1;\n';
const INDEX = `<!doctype html><html><head><title>控制台</title></head><body>${'<div></div>'.repeat(200)}</body></html>`;

/** GET with exactly these headers; the raw body bytes (nothing decoded). */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('precompressed static files', () => {
  let srv;
  before(async () => {
    const root = makeTempDir('dj-web-');
    fs.mkdirSync(path.join(root, 'assets'));
    const put = (name, data) => fs.writeFileSync(path.join(root, name), data);
    put('assets/app-1a2b3c4d.js', APP_JS);
    put('assets/app-1a2b3c4d.js.gz', zlib.gzipSync(APP_JS));
    put('assets/app-1a2b3c4d.js.br', zlib.brotliCompressSync(APP_JS));
    put('assets/plain-5e6f7a8b.js', PLAIN_JS);
    put('assets/gone-1a2b3c4d.js.gz', zlib.gzipSync(PLAIN_JS));
    put('index.html', INDEX);
    put('index.html.gz', zlib.gzipSync(INDEX));
    srv = await startServer({ webRoot: root });
  });
  after(async () => { await srv?.stopClean(); });

  test('gzip when the client takes gzip: the .gz copy with its encoding and the original type', async () => {
    const r = await get(`${srv.url}/assets/app-1a2b3c4d.js`, { 'Accept-Encoding': 'gzip, deflate' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.match(r.headers.vary, /Accept-Encoding/i);
    assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(Number(r.headers['content-length']), r.body.length);
    assert.ok(r.body.length < Buffer.byteLength(APP_JS) / 10, 'compressed');
    assert.equal(zlib.gunzipSync(r.body).toString(), APP_JS);
    assert.match(r.headers['cache-control'], /immutable/);
  });

  test('brotli first when the client takes both', async () => {
    const r = await get(`${srv.url}/assets/app-1a2b3c4d.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(r.headers['content-encoding'], 'br');
    assert.equal(zlib.brotliDecompressSync(r.body).toString(), APP_JS);
    const q0 = await get(`${srv.url}/assets/app-1a2b3c4d.js`, { 'Accept-Encoding': 'br;q=0, gzip' });
    assert.equal(q0.headers['content-encoding'], 'gzip', 'br refused with q=0');
  });

  test('the file as it is without Accept-Encoding, or with the codings refused; still Vary', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'gzip;q=0, br;q=0' }]) {
      const r = await get(`${srv.url}/assets/app-1a2b3c4d.js`, headers);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-encoding'], undefined, JSON.stringify(headers));
      assert.equal(r.body.toString(), APP_JS);
      assert.match(r.headers.vary, /Accept-Encoding/i);
    }
  });

  test('a file without copies is sent as it is, without Vary', async () => {
    const r = await get(`${srv.url}/assets/plain-5e6f7a8b.js`, { 'Accept-Encoding': 'gzip, br' });
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal(r.headers.vary, undefined);
    assert.equal(r.body.toString(), PLAIN_JS);
  });

  test('an app path gets index.html compressed; a copy alone is no file (no .gz without its original)', async () => {
    const r = await get(`${srv.url}/people/12`, { 'Accept-Encoding': 'gzip' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(r.headers['cache-control'], /no-cache/);
    assert.equal(zlib.gunzipSync(r.body).toString(), INDEX);
    const missing = await get(`${srv.url}/assets/gone-1a2b3c4d.js`, { 'Accept-Encoding': 'gzip' });
    assert.equal(missing.status, 404);
    const head = await new Promise((resolve, reject) => {
      http.request(`${srv.url}/assets/app-1a2b3c4d.js`, { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } }, (res) => { res.resume(); res.on('end', () => resolve(res)); }).on('error', reject).end();
    });
    assert.equal(head.headers['content-encoding'], 'gzip');
  });
});
