// The check of every JSON answer against docs/openapi.yaml (schema_check.mjs)
// catches what it is meant to: a body that does not match, a status the
// document does not list, an answer on an unknown path that is not an error;
// and skips what is not JSON.  A small node server plays a drifted dangjian.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import './harness.mjs';
import { checkJsonAnswer, matchRoute, documentedSchema } from './schema_check.mjs';

let srv;
let base;
const answers = {
  '/api/v1/health': [200, 'application/json; charset=utf-8', '{"status":"ok"}'],
  '/api/v1/session': [418, 'application/json', '{"error":{"code":"invalid","message":"x"}}'],
  '/api/v1/users/7': [404, 'application/json', '{"error":{"code":"not_found","message":"用户不存在"}}'],
  '/api/v1/audit': [200, 'text/csv; charset=utf-8', 'not,json\r\n'],
  '/api/v1/people/7': [200, 'application/json', '{"id": 7'],
  '/api/v1/nowhere': [404, 'application/json', '{"error":{"code":"not_found","message":"无此路径"}}'],
  '/api/v1/elsewhere': [200, 'application/json', '{}'],
};

before(async () => {
  srv = http.createServer((req, res) => {
    const [status, type, body] = answers[req.url] ?? [500, 'text/plain', 'no such answer'];
    res.writeHead(status, { 'Content-Type': type });
    res.end(body);
  });
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${srv.address().port}`;
});
after(() => new Promise((resolve) => srv.close(resolve)));

test('a literal path segment wins over a parameter; an unknown path matches nothing', () => {
  assert.equal(matchRoute('/api/v1/people/import'), '/api/v1/people/import');
  assert.equal(matchRoute('/api/v1/people/12'), '/api/v1/people/{id}');
  assert.equal(matchRoute('/api/v1/evaluations/3/targets/9/explain'), '/api/v1/evaluations/{id}/targets/{target_id}/explain');
  assert.equal(matchRoute('/api/v1/people/12/x'), null);
  assert.match(documentedSchema('GET', '/api/v1/people/12', 404).ptr, /^#\/components\/responses\/NotFound\//);
});

test('a documented answer passes, a drifted one fails with method, path, status and what is wrong', () => {
  checkJsonAnswer('GET', '/api/v1/health', 200, { status: 'ok', version: '0.1.0' });
  assert.throws(
    () => checkJsonAnswer('GET', '/api/v1/health', 200, { status: 'ok', version: 1 }),
    /GET \/api\/v1\/health answered 200.*\n.*body\/version must be string/,
  );
  // a field the document does not name is drift too, also inside items
  assert.throws(
    () => checkJsonAnswer('GET', '/api/v1/health', 200, { status: 'ok', version: '0.1.0', uptime: 5 }),
    /body must NOT have unevaluated properties \{"unevaluatedProperty":"uptime"\}/,
  );
  assert.throws(
    () => checkJsonAnswer('GET', '/api/v1/users/7', 404, { error: { code: 'gone', message: 'x' } }),
    /body\/error\/code must be equal to one of the allowed values/,
  );
});

test('through fetch: a missing field, an undocumented status and broken JSON reject the request', async () => {
  await assert.rejects(fetch(base + '/api/v1/health'), /GET \/api\/v1\/health answered 200.*\n.*required property 'version'/);
  await assert.rejects(fetch(base + '/api/v1/session', { method: 'POST', body: '{}' }), /POST \/api\/v1\/session answered 418: status 418 is not documented/);
  await assert.rejects(fetch(base + '/api/v1/people/7'), /JSON content type but not JSON/);
});

test('through fetch: documented errors and non-JSON answers pass; an unknown path must answer an Error', async () => {
  assert.equal((await fetch(base + '/api/v1/users/7')).status, 404);
  const csv = await fetch(base + '/api/v1/audit');
  assert.equal(await csv.text(), 'not,json\r\n');
  assert.equal((await fetch(base + '/api/v1/nowhere')).status, 404);
  await assert.rejects(fetch(base + '/api/v1/elsewhere'), /GET \/api\/v1\/elsewhere is not in the document, yet answered 200/);
});

test("the document's own examples of JSON answers match their schemas, unnamed fields included", async (t) => {
  const { openapi } = await import('./schema_check.mjs');
  const deref = (o) => {
    while (o && o.$ref) o = o.$ref.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((x, t) => x[t], openapi);
    return o;
  };
  let checked = 0;
  for (const [template, item] of Object.entries(openapi.paths))
    for (const [method, op] of Object.entries(item)) {
      if (!op || !op.responses) continue;
      for (const [status, r] of Object.entries(op.responses)) {
        if (!/^\d{3}$/.test(status)) continue;
        const media = deref(r).content?.['application/json'];
        if (!media) continue;
        const examples = [
          ...('example' in media ? [media.example] : []),
          ...Object.values(media.examples || {}).map((e) => deref(e).value),
        ];
        // a path of the template with each parameter as 1
        for (const ex of examples) {
          checkJsonAnswer(method.toUpperCase(), template.replace(/\{[^}]+\}/g, '1'), Number(status), ex);
          checked++;
        }
      }
    }
  assert.ok(checked > 50, `only ${checked} examples found`);
  t.diagnostic(`${checked} examples checked`);
});
