// Keeps docs/openapi.yaml true to the server: every JSON answer that an API
// test receives (through fetch, so request(), clients and direct fetch calls
// alike) is checked against the response schema the document gives for the
// matched path template, method and status.  An answer with no documented
// JSON schema for its status, or one that does not match, makes the fetch
// reject, so the test that made the request fails with the method, path,
// status and the validator's errors.  Non-JSON answers (files, exports, 204,
// 304, HEAD) are skipped by their content type.
//
// Imported for its effect by harness.mjs; it installs the test tooling
// (tests/package.json: ajv, ajv-formats, yaml) first when it is missing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const TESTS_DIR = path.resolve(import.meta.dirname, '..');
const DOC_PATH = path.resolve(TESTS_DIR, '../docs/openapi.yaml');
const DOC_ID = 'openapi.yaml';
const ERROR_SCHEMA = '#/components/schemas/Error';

// npm ci --prefix tests when tests/node_modules is missing or stale; the
// script prints only to stderr (stdout is the test runner's TAP stream)
execFileSync('sh', [path.join(TESTS_DIR, 'openapi-lint.sh'), '--install'], { stdio: ['ignore', 2, 2] });
const { default: Ajv2020 } = await import('ajv/dist/2020.js');
const { default: addFormats } = await import('ajv-formats');
const YAML = await import('yaml');

export const openapi = YAML.parse(fs.readFileSync(DOC_PATH, 'utf8'));

/** Follows a '#/...' $ref chain inside the document; returns [object, its pointer]. */
function deref(obj, ptr) {
  for (let hops = 0; obj && typeof obj.$ref === 'string'; hops++) {
    if (!obj.$ref.startsWith('#/') || hops > 20) throw new Error(`OpenAPI: cannot follow $ref ${obj.$ref} at ${ptr}`);
    ptr = obj.$ref;
    obj = obj.$ref
      .slice(2)
      .split('/')
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((o, t) => (o == null ? undefined : o[t]), openapi);
    if (obj === undefined) throw new Error(`OpenAPI: $ref ${ptr} names nothing`);
  }
  return [obj, ptr];
}

// A field the server sends but the document does not name is drift too.  In
// JSON Schema an object takes any other field unless closed, so every schema
// that describes a whole value (an answer, a property, an array's items) and
// names its fields is closed here with `unevaluatedProperties: false`; the
// parts of an allOf/oneOf/anyOf are not (their fields add up), nor are
// free-form objects, nor schemas that say what other fields may be.
const declaresFields = (node) => {
  const [s] = deref(node, '');
  return !!s && typeof s === 'object' && ['properties', 'allOf', 'anyOf', 'oneOf'].some((k) => k in s);
};
function closeObjects(node, isValue) {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  if (isValue && !('additionalProperties' in node) && !('unevaluatedProperties' in node) &&
      !('patternProperties' in node) && declaresFields(node))
    node.unevaluatedProperties = false;
  for (const k of ['properties', 'patternProperties'])
    for (const v of Object.values(node[k] || {})) closeObjects(v, true);
  for (const k of ['items', 'additionalProperties', 'contains']) closeObjects(node[k], true);
  for (const v of node.prefixItems || []) closeObjects(v, true);
  for (const k of ['allOf', 'anyOf', 'oneOf']) for (const v of node[k] || []) closeObjects(v, false);
  for (const k of ['then', 'else']) closeObjects(node[k], false);
}
const responseObjects = [
  ...Object.values(openapi.components?.responses || {}),
  ...Object.values(openapi.paths).flatMap((item) => Object.values(item).flatMap((op) => Object.values(op?.responses || {}))),
];
const closing = [];
for (const schema of Object.values(openapi.components?.schemas || {})) closing.push([schema, false]);
for (const r of responseObjects)
  for (const media of Object.values(r.content || {})) if (media.schema) closing.push([media.schema, true]);
for (const [schema, isValue] of closing) closeObjects(schema, isValue);

const ajv = new Ajv2020({
  allErrors: true,
  // an unknown keyword in the document's schemas (a typo) is an error ...
  strictSchema: true,
  // ... but a union type such as [integer, 'null'] is normal in OpenAPI 3.1
  allowUnionTypes: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
});
// the Schema Object's keywords that OpenAPI adds to JSON Schema
ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
addFormats(ajv);
// the whole document, so that '#/components/...' inside any schema resolves;
// ajv compiles its root, whose OpenAPI fields are no keywords of JSON Schema
ajv.addVocabulary(Object.keys(openapi).filter((k) => !ajv.getKeyword(k)));
ajv.addSchema(openapi, DOC_ID);

/** JSON pointer escaping of one token. */
const esc = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

// The path templates, most specific first: segment by segment a literal
// beats a parameter, so /people/import wins over /people/{id}.
const routes = Object.keys(openapi.paths)
  .map((template) => {
    const segs = template.split('/');
    const isParam = segs.map((s) => /^\{[^}]+\}$/.test(s));
    const re = new RegExp(
      '^' + segs.map((s, i) => (isParam[i] ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '$',
    );
    return { template, re, isParam };
  })
  .sort((a, b) => {
    for (let i = 0; i < Math.min(a.isParam.length, b.isParam.length); i++)
      if (a.isParam[i] !== b.isParam[i]) return a.isParam[i] ? 1 : -1;
    return a.isParam.length - b.isParam.length;
  });

/** The path template that documents pathname, or null. */
export function matchRoute(pathname) {
  return routes.find((r) => r.re.test(pathname))?.template ?? null;
}

const validators = new Map(); // schema pointer -> compiled validator
function validatorFor(ptr) {
  let v = validators.get(ptr);
  if (!v) {
    v = ajv.compile({ $ref: DOC_ID + ptr });
    validators.set(ptr, v);
  }
  return v;
}

const isJsonType = (ct) => /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(ct || '');

/**
 * The pointer of the JSON schema documented for method + pathname + status;
 * returns {ptr, where} or {problem} when the document has none.  A path or
 * method the document does not know is answered by the router with an error,
 * which must then have the common Error shape.
 */
export function documentedSchema(method, pathname, status) {
  const template = matchRoute(pathname);
  const m = method.toLowerCase();
  const op = template && openapi.paths[template][m];
  if (!op) {
    if (status < 400) return { problem: `${method} ${pathname} is not in the document, yet answered ${status}` };
    return { ptr: ERROR_SCHEMA, where: `${ERROR_SCHEMA} (no documented ${method} ${template ?? pathname})` };
  }
  const opPtr = `#/paths/${esc(template)}/${m}/responses`;
  const responses = op.responses || {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  if (!key) return { problem: `status ${status} is not documented for ${method} ${template}` };
  const [resp, respPtr] = deref(responses[key], `${opPtr}/${esc(key)}`);
  const media = Object.keys(resp.content || {}).find(isJsonType);
  if (!media || !resp.content[media].schema)
    return { problem: `${method} ${template} documents no JSON schema for status ${key}` };
  return { ptr: `${respPtr}/content/${esc(media)}/schema`, where: `${method} ${template} ${key}` };
}

/** Throws unless body (parsed JSON) is what the document says for method + pathname + status. */
export function checkJsonAnswer(method, pathname, status, body) {
  const head = `OpenAPI: ${method} ${pathname} answered ${status}`;
  const d = documentedSchema(method, pathname, status);
  if (d.problem) throw new Error(`${head}: ${d.problem}\n  body: ${JSON.stringify(body).slice(0, 800)}`);
  const validate = validatorFor(d.ptr);
  if (validate(body)) return;
  const errs = validate.errors.slice(0, 25).map((e) => {
    const extra = e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : '';
    return `body${e.instancePath} ${e.message}${extra} (schema ${e.schemaPath})`;
  });
  if (validate.errors.length > 25) errs.push(`... ${validate.errors.length - 25} more`);
  throw new Error(
    `${head}, which does not match docs/openapi.yaml (${d.where}, ${d.ptr}):\n  ${errs.join('\n  ')}\n` +
      `  body: ${JSON.stringify(body).slice(0, 1500)}`,
  );
}

/** Checks one fetch answer; the body is read from a clone, the caller's stays unread. */
async function checkResponse(method, url, res) {
  if (method === 'HEAD' || res.status === 204 || res.status === 304) return;
  if (!isJsonType(res.headers.get('content-type'))) return;
  const text = await res.clone().text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`OpenAPI: ${method} ${url.pathname} answered ${res.status} with a JSON content type but not JSON: ${text.slice(0, 300)}`);
  }
  checkJsonAnswer(method, url.pathname, res.status, body);
}

// Every fetch of the test process goes through the check.
const realFetch = globalThis.fetch;
globalThis.fetch = async function fetchCheckedAgainstOpenapi(input, init) {
  const res = await realFetch(input, init);
  const req = input instanceof Request ? input : null;
  const method = (init?.method || req?.method || 'GET').toUpperCase();
  const url = new URL(req ? req.url : String(input));
  await checkResponse(method, url, res);
  return res;
};
