// Helpers for the black-box API tests: start a real `dangjian serve` on a
// fresh demo database in a temp dir, log in, tamper with the database.
// Run with: node --test --test-concurrency=1 tests/api/
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
// every JSON answer is checked against docs/openapi.yaml (a failing check fails the test)
import './schema_check.mjs';

export const DJ_BIN = process.env.DJ_BIN
  ? path.resolve(process.env.DJ_BIN)
  : path.resolve(import.meta.dirname, '../../build/test/dangjian');
// cairo and fontconfig keep a little memory to the end (tests/lsan.supp names them)
if (!process.env.LSAN_OPTIONS) process.env.LSAN_OPTIONS = `suppressions=${path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'lsan.supp')}`;

// The same suite runs on each backend: DJ_TEST_BACKEND=postgresql (with
// DJ_TEST_PG_URL, an admin URL of a throwaway cluster) makes every test's
// database a fresh PostgreSQL database instead of an SQLite file.
export const BACKEND = process.env.DJ_TEST_BACKEND || 'sqlite';
export const IS_PG = BACKEND === 'postgresql';
const PG_ADMIN_URL = process.env.DJ_TEST_PG_URL || '';
const pgKeys = new Map(); // database URL -> its key file

/** Today (or today + days) as YYYY-MM-DD in the bureau's zone, Asia/Shanghai
 * (UTC+8, no DST): the server's "today", whatever this machine's zone. */
export function shanghaiDate(days = 0) {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

/** The quarter ('2026Q4') of a YYYY-MM-DD date. */
export function quarterOf(date) {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The environment that fixes the server's "today" (bureau.today), or none. */
// (an empty value is ignored: a DANGJIAN_TODAY of the caller's environment does not leak in)
const todayEnv = (today) => ({ DANGJIAN_TODAY: today || '' });

/** Unix seconds now (instead of SQL that only one engine knows). */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The key file of a database (SQLite: beside the file). */
export function keyFileOf(db) {
  return pgKeys.get(db) ?? db + '.key';
}

/** Adds --key-file after a PostgreSQL --db when the arguments lack one. */
function withKeyFile(args) {
  const i = args.indexOf('--db');
  if (i < 0 || !pgKeys.has(args[i + 1]) || args.includes('--key-file')) return args;
  return [...args, '--key-file', pgKeys.get(args[i + 1])];
}

export const ADMIN_PASSWORD = 'Admin#Test2026';
export const DEMO_PASSWORD = 'Demo@2026dj';
export const DEMO_USERS = ['admin', 'dangwei', 'zhibu1', 'zhibu2', 'keshi', 'jijian', 'dangyuan'];

export function passwordOf(username) {
  return username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD;
}

const SANITIZER_PATTERNS = [/ERROR: AddressSanitizer/, /ERROR: LeakSanitizer/, /runtime error:/];

/** Throws if the text holds a sanitizer report. */
export function assertNoSanitizerReport(text, what = 'stderr') {
  for (const re of SANITIZER_PATTERNS)
    assert.doesNotMatch(text, re, `${what} holds a sanitizer report:\n${text.slice(-4000)}`);
}

/** Runs the binary synchronously; returns {status, stdout, stderr}. */
export function runDj(args, opts = {}) {
  const r = spawnSync(DJ_BIN, withKeyFile(args), {
    encoding: 'utf8',
    env: { ...process.env, DANGJIAN_ADMIN_PASSWORD: ADMIN_PASSWORD, ...(opts.env || {}) },
    timeout: opts.timeout ?? 60000,
    cwd: opts.cwd,
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

export function makeTempDir(prefix = 'dj-api-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A new, empty PostgreSQL database on the throwaway cluster; its URL. */
export function makePgDatabase(dir) {
  assert.ok(PG_ADMIN_URL, 'DJ_TEST_PG_URL must name the throwaway cluster');
  const name = 'dj_' + path.basename(dir).replace(/[^a-zA-Z0-9]/g, '_').toLowerCase();
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', PG_ADMIN_URL, '-c', `CREATE DATABASE ${name}`]);
  const url = PG_ADMIN_URL.replace(/\/[^/?]*(\?.*)?$/, `/${name}`);
  pgKeys.set(url, path.join(dir, 'dj.key'));
  return url;
}

/** Creates a demo database for dir (SQLite: DIR/dj.db and DIR/dj.db.key;
 * PostgreSQL: a fresh database, key DIR/dj.key); returns its --db value.
 * Without records (the year of meetings, lectures and evaluations) unless
 * asked: the tests count their own records by hand from a clean slate. */
export function makeDemoDb(dir, { records = false, today } = {}) {
  const dbPath = IS_PG ? makePgDatabase(dir) : path.join(dir, 'dj.db');
  const r = runDj(['demo', '--db', dbPath, ...(records ? [] : ['--no-records'])], { env: todayEnv(today) });
  assert.equal(r.status, 0, `dangjian demo failed: ${r.stdout}\n${r.stderr}`);
  assertNoSanitizerReport(r.stderr, 'dangjian demo stderr');
  return dbPath;
}

/**
 * Starts `dangjian serve` on a fresh demo database.
 * opts.set: ['server.body_limit=2048', ...]  (each becomes --set X)
 * opts.cache: keep the answer cache on (off by default: tests edit the database with sql())
 * opts.args: more raw arguments; opts.webRoot: a --web-root (default: an empty dir)
 * opts.dir / opts.dbPath: reuse an existing database instead of making one.
 * opts.today: a fixed 'YYYY-MM-DD' the demo and the server take as today
 * (DANGJIAN_TODAY), for a test that must not depend on the day it runs.
 */
export async function startServer(opts = {}) {
  const dir = opts.dir ?? makeTempDir();
  const dbPath = opts.dbPath ?? makeDemoDb(dir, { records: !!opts.records, today: opts.today });
  let webRoot = opts.webRoot;
  if (webRoot === undefined) {
    webRoot = path.join(dir, 'web-empty');
    fs.mkdirSync(webRoot, { recursive: true });
  }
  // The contract is `--listen 127.0.0.1:0` (the kernel picks the port and the
  // server prints it).  If this build refuses port 0 (a known bug, see
  // audit_check.test.mjs, "serve"), fall back to a port picked here, so that the other tests
  // still run.
  let listen = opts.listen ?? '127.0.0.1:0';
  for (let attempt = 0; ; attempt++) {
    try {
      return await spawnServer({ ...opts, dir, dbPath, webRoot, listen });
    } catch (e) {
      if (opts.listen || attempt >= 5 || !(e.exitCode === 2 && /server\.listen/.test(e.stderr) || e.addrInUse)) throw e;
      listen = `127.0.0.1:${await freePort()}`;
    }
  }
}

/** A port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function spawnServer(opts) {
  const { dir, dbPath, webRoot, listen } = opts;
  const args = ['serve', '--db', dbPath, '--listen', listen, '--threads', String(opts.threads ?? 4)];
  if (pgKeys.has(dbPath)) args.push('--key-file', pgKeys.get(dbPath));
  if (webRoot) args.push('--web-root', webRoot);
  // tests change the database behind the server's back (sql()): by default the
  // server re-reads sessions on every request; tests of the cache set it themselves
  if (!(opts.set || []).some((s) => s.startsWith('security.session_cache_seconds=')))
    args.push('--set', 'security.session_cache_seconds=0');
  // likewise the answer cache, whose version (the audit head) does not see an
  // edit behind its back: off unless the test asks for it (opts.cache)
  if (!opts.cache && !(opts.set || []).some((s) => s.startsWith('cache.max_bytes=')))
    args.push('--set', 'cache.max_bytes=0');
  for (const s of opts.set || []) args.push('--set', s);
  args.push(...(opts.args || []));
  const child = spawn(DJ_BIN, args, {
    env: { ...process.env, DANGJIAN_ADMIN_PASSWORD: ADMIN_PASSWORD, ...todayEnv(opts.today) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stdout.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 20 s:\n${stdout}\n${stderr}`));
    }, 20000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/serving on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      // let the last of stderr arrive
      setTimeout(() => {
        const e = new Error(`server exited early (code ${code}, signal ${signal}):\n${stdout}\n${stderr}`);
        e.exitCode = code;
        e.stderr = stderr;
        e.addrInUse = /无法在|in use|EADDRINUSE/.test(stderr);
        reject(e);
      }, 50);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  let stopped = null;
  let signalled = false;
  // a server that dies on its own is worth a loud message: later tests only see "fetch failed"
  exited.then(({ code, signal }) => {
    if (!stopped && !signalled)
      console.error(`!! dangjian serve on port ${port} exited on its own (code ${code}, signal ${signal}):\n${stderr.slice(-6000)}`);
  });
  const server = {
    url, port, dir, dbPath, webRoot, child,
    get stdout() { return stdout; },
    get stderr() { return stderr; },
    exited,
    /** Sends a signal the test means to send (no "exited on its own" message). */
    kill(sig = 'SIGTERM') {
      signalled = true;
      child.kill(sig);
    },
    /** SIGTERM; resolves with the exit code (null if killed by a signal). */
    stop(timeoutMs = 15000) {
      if (stopped) return stopped;
      stopped = (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        let timer;
        const r = await Promise.race([
          exited,
          new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); }),
        ]);
        clearTimeout(timer);
        if (!r) {
          child.kill('SIGKILL');
          await exited;
          return -1;
        }
        return r.code;
      })();
      return stopped;
    },
    /** stop() and assert a clean exit: code 0 and no sanitizer report;
     *  then removes the temp dir (kept when DJ_KEEP_TMP is set). */
    async stopClean() {
      const code = await server.stop();
      assertNoSanitizerReport(stderr, 'server stderr');
      assert.equal(code, 0, `server exit code ${code}; stderr:\n${stderr.slice(-4000)}`);
      if (!process.env.DJ_KEEP_TMP && !opts.keepDir) fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
  return server;
}

/** Parses a response body as JSON (null when empty); keeps the text for messages. */
export async function readJson(res) {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`body is not JSON (status ${res.status}): ${text.slice(0, 500)}`);
  }
}

/** fetch relative to the server url with an optional JSON body. */
export async function request(url, p, { method = 'GET', json, body, headers = {}, cookie, csrf } = {}) {
  const h = { ...headers };
  if (json !== undefined) {
    body = JSON.stringify(json);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
  }
  if (cookie) h.Cookie = cookie;
  if (csrf) h['X-CSRF-Token'] = csrf;
  const res = await fetch(url + p, { method, headers: h, body, redirect: 'manual' });
  const data = await readJson(res);
  return { status: res.status, headers: res.headers, data, res };
}

/** The dj_session cookie value from a response, or null. */
export function sessionCookieFrom(headers) {
  for (const c of headers.getSetCookie()) {
    const m = c.match(/^dj_session=([^;]*)/);
    if (m) return { value: m[1], raw: c };
  }
  return null;
}

/**
 * Logs in; returns {status, data, cookie, csrf, user, fetch(path, {method, json, headers})}.
 * Throws unless the login answered 200 (use request() to test failing logins).
 */
export async function login(url, username, password = passwordOf(username)) {
  const r = await request(url, '/api/v1/session', { method: 'POST', json: { username, password } });
  assert.equal(r.status, 200, `login ${username}: ${r.status} ${JSON.stringify(r.data)}`);
  const c = sessionCookieFrom(r.headers);
  assert.ok(c && c.value, `login ${username}: no dj_session cookie`);
  const cookie = `dj_session=${c.value}`;
  const csrf = r.data.csrf_token;
  return clientFor(url, cookie, csrf, r.data.user);
}

export function clientFor(url, cookie, csrf, user) {
  return {
    url, cookie, csrf, user,
    fetch(p, opts = {}) {
      return request(url, p, { cookie, csrf, ...opts });
    },
  };
}

/** Runs SQL on the database with the sqlite3 command line; returns stdout. */
export function sql(dbPath, statement) {
  if (pgKeys.has(dbPath))
    return execFileSync('psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', dbPath, '-c', statement], { encoding: 'utf8' });
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', dbPath, statement], { encoding: 'utf8' });
}

/** A raw HTTP/1.1 exchange over a socket; resolves with the text received until close/timeout. */
export function rawHttp(port, data, { timeoutMs = 5000, endAfterWrite = false } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = Buffer.alloc(0);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(got.toString('latin1'));
    };
    const timer = setTimeout(finish, timeoutMs);
    sock.on('connect', () => {
      for (const part of Array.isArray(data) ? data : [data]) sock.write(part);
      if (endAfterWrite) sock.end();
    });
    sock.on('data', (d) => { got = Buffer.concat([got, d]); });
    sock.on('end', finish);
    sock.on('close', finish);
    sock.on('error', (e) => {
      if (got.length) finish();
      else if (!done) { done = true; clearTimeout(timer); reject(e); }
    });
  });
}

/** Splits a raw HTTP response into {status, headers (lower-case names), body}. */
export function parseRawResponse(text) {
  const idx = text.indexOf('\r\n\r\n');
  assert.ok(idx > 0, `no complete HTTP response: ${JSON.stringify(text.slice(0, 300))}`);
  const lines = text.slice(0, idx).split('\r\n');
  const m = lines[0].match(/^HTTP\/1\.[01] (\d{3})/);
  assert.ok(m, `bad status line: ${lines[0]}`);
  const headers = {};
  for (const l of lines.slice(1)) {
    const c = l.indexOf(':');
    headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
  }
  return { status: Number(m[1]), headers, body: text.slice(idx + 4) };
}

/** Asserts the standard error shape and returns the error object. */
export function assertError(r, status, code) {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status} ${JSON.stringify(r.data)}`);
  assert.ok(r.data && typeof r.data === 'object', `error body missing: ${JSON.stringify(r.data)}`);
  assert.ok(r.data.error && typeof r.data.error === 'object', `no "error" object: ${JSON.stringify(r.data)}`);
  if (code !== undefined) assert.equal(r.data.error.code, code, JSON.stringify(r.data));
  assert.equal(typeof r.data.error.message, 'string');
  assert.ok(r.data.error.message.length > 0, 'error message is empty');
  return r.data.error;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
