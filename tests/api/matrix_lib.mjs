// Helpers of the access-matrix test (access_matrix.test.mjs): the route table
// read from src/api/routes.c, the expected statuses kept in access_matrix.tsv,
// and raw requests whose answers may be JSON, a spreadsheet or a file.
import fs from 'node:fs';
import path from 'node:path';

export const ROUTES_C = path.resolve(import.meta.dirname, '../../src/api/routes.c');
export const TABLE_TSV = path.resolve(import.meta.dirname, 'access_matrix.tsv');
export const PREFIX = '/api/v1';

/** The callers, in column order: no session, then the demo accounts. */
export const ROLES = ['anon', 'admin', 'dangwei', 'zhibu1', 'zhibu2', 'keshi', 'jijian', 'dangyuan', 'province'];

/** Every {method, path} of the route table in routes.c; path without /api/v1. */
export function parseRoutes(file = ROUTES_C) {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf('dj_api_routes[]');
  if (start < 0) throw new Error(`${file}: no dj_api_routes[] table`);
  const body = text.slice(start, text.indexOf('};', start));
  const routes = [];
  for (const m of body.matchAll(/\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"/g)) {
    if (!m[2].startsWith(PREFIX)) throw new Error(`route outside ${PREFIX}: ${m[2]}`);
    routes.push({ method: m[1], path: m[2].slice(PREFIX.length) });
  }
  return routes;
}

export const routeKey = (method, p) => `${method} ${p}`;

const HEADER = ['route', 'variant', ...ROLES];

const PREAMBLE = `# The access matrix: the HTTP status each caller gets from each route (docs/ACCESS.md).
# One row per route and id variant; one column per demo account and anon (no session).
# A status followed by + means the answer showed a record of 机关第二党支部 (out of zhibu1's scope).
# province: a province-level administrator (dangjian province-admin), above the bureaus.
# - : not applicable (the account has no linked person).  Regenerate: DJ_MATRIX_UPDATE=1 (see docs/ACCESS.md).
`;

/** Reads the table: Map "ROUTE\\tVARIANT" -> {route, variant, cells: {role: text}}, in file order. */
export function readTable(file = TABLE_TSV) {
  const rows = new Map();
  if (!fs.existsSync(file)) return rows;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let header = null;
  lines.forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const f = line.split('\t');
    if (!header) {
      header = f;
      if (header.join('\t') !== HEADER.join('\t'))
        throw new Error(`${file}:${i + 1}: the header should be: ${HEADER.join(' | ')}`);
      return;
    }
    if (f.length !== HEADER.length) throw new Error(`${file}:${i + 1}: ${f.length} columns, want ${HEADER.length}`);
    const cells = Object.fromEntries(ROLES.map((r, k) => [r, f[k + 2]]));
    const key = `${f[0]}\t${f[1]}`;
    if (rows.has(key)) throw new Error(`${file}:${i + 1}: duplicate row ${f[0]} ${f[1]}`);
    rows.set(key, { route: f[0], variant: f[1], cells, line: i + 1 });
  });
  return rows;
}

/** Writes rows [{route, variant, cells}] in the order given. */
export function writeTable(rows, file = TABLE_TSV) {
  const pad = (cells) => ROLES.map((r) => cells[r] ?? '?');
  const out = [PREAMBLE + HEADER.join('\t'), ...rows.map((r) => [r.route, r.variant, ...pad(r.cells)].join('\t'))];
  fs.writeFileSync(file, out.join('\n') + '\n');
}

export const ACCESS_MD = path.resolve(import.meta.dirname, '../../docs/ACCESS.md');
const BEGIN = '<!-- access-matrix:begin (generated from tests/api/access_matrix.tsv by DJ_MATRIX_UPDATE=1) -->';
const END = '<!-- access-matrix:end -->';

/** The Markdown rendering of the rows that docs/ACCESS.md holds between its markers. */
export function tableMarkdown(rows) {
  const lines = [`| route | variant | ${ROLES.join(' | ')} |`, `|---|---|${ROLES.map(() => '---:').join('|')}|`];
  for (const r of rows)
    lines.push(`| \`${r.route}\` | ${r.variant} | ${ROLES.map((x) => r.cells[x]).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

/** The rendering between the markers of docs/ACCESS.md (null when the markers are missing). */
export function docsMatrix(file = ACCESS_MD) {
  const text = fs.readFileSync(file, 'utf8');
  const i = text.indexOf(BEGIN);
  const j = text.indexOf(END);
  if (i < 0 || j < i) return null;
  return text.slice(i + BEGIN.length, j).replace(/^\n/, '');
}

/** Replaces the rendering between the markers of docs/ACCESS.md. */
export function writeDocsMatrix(rows, file = ACCESS_MD) {
  const text = fs.readFileSync(file, 'utf8');
  const i = text.indexOf(BEGIN);
  const j = text.indexOf(END);
  if (i < 0 || j < i) throw new Error(`${file}: the markers ${BEGIN} … ${END} are missing`);
  fs.writeFileSync(file, text.slice(0, i + BEGIN.length) + '\n' + tableMarkdown(rows) + text.slice(j));
}

/**
 * One request with whatever the answer is: {status, text (JSON answers only), json}.
 * opts: method, json (an object to send as JSON), body + type (raw bytes), cookie, csrf.
 */
export async function call(url, p, { method = 'GET', json, body, type, cookie, csrf } = {}) {
  const headers = {};
  if (json !== undefined) {
    body = JSON.stringify(json);
    type = 'application/json';
  }
  if (type) headers['Content-Type'] = type;
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(url + PREFIX + p, { method, headers, body, redirect: 'manual' });
  const buf = Buffer.from(await res.arrayBuffer());
  const ct = res.headers.get('content-type') || '';
  let text = '';
  let data = null;
  if (/json/.test(ct) && buf.length) {
    text = buf.toString('utf8');
    data = JSON.parse(text);
  }
  return { status: res.status, text, data };
}

/** A multipart/form-data body: parts [{name, data, filename?, type?}]. */
export function multipart(parts) {
  const boundary = '----djmatrix' + Math.random().toString(16).slice(2);
  const chunks = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.type) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(head + '\r\n'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(String(p.data)), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** A valid 身份证号 (the demo generator's scheme). */
export function idNumber(area, birth, male, seq) {
  const s3 = String(((seq % 500) * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0');
  const body = area + birth.replaceAll('-', '') + s3;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i];
  return body + '10X98765432'[sum % 11];
}

/** The date in Shanghai, days from today, as YYYY-MM-DD. */
export function shanghaiDate(days = 0) {
  const t = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  return t.toISOString().slice(0, 10);
}

/** A 1×1 PNG: evidence the server accepts as an image. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64');
