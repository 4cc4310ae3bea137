// The API client: fetch with the session cookie, the CSRF token on every
// request that changes state, and one error type (ApiError) carrying the
// server's {"error": {code, message, fields}}.  A 401 anywhere (other than
// the login itself) calls the handler set with onUnauthenticated().
export const BASE = '/api/v1';
const CSRF_KEY = 'dj_csrf';

let csrf = null;
let unauthenticatedHandler = null;

function storage() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function setCsrf(token) {
  csrf = token || null;
  const s = storage();
  if (s) token ? s.setItem(CSRF_KEY, token) : s.removeItem(CSRF_KEY);
}

export function getCsrf() {
  if (!csrf) csrf = storage()?.getItem(CSRF_KEY) ?? null;
  return csrf;
}

export function onUnauthenticated(fn) {
  unauthenticatedHandler = fn;
}

/** An error answered by the server (or a network failure: status 0). */
export class ApiError extends Error {
  constructor(status, code, message, fields = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields || {};
  }
  get forbidden() {
    return this.status === 403;
  }
  get notFound() {
    return this.status === 404;
  }
}

const FALLBACK = {
  0: '无法连接服务器，请检查网络',
  400: '请求有误',
  401: '会话已过期，请重新登录',
  403: '无权访问',
  404: '要找的记录不存在',
  409: '与已有记录冲突',
  413: '文件太大',
  415: '不支持的文件类型',
  429: '尝试次数过多，请稍后再试',
  500: '服务器内部错误',
  503: '服务暂时不可用，请稍后再试',
};

/** Builds an ApiError from a status and a parsed body (any shape). */
export function toApiError(status, body) {
  const e = body && typeof body === 'object' ? body.error : null;
  if (e && typeof e === 'object' && typeof e.message === 'string' && e.message)
    return new ApiError(status, e.code || 'error', e.message, e.fields && typeof e.fields === 'object' ? e.fields : {});
  const msg = FALLBACK[status] ?? (status >= 500 ? FALLBACK[500] : `请求失败（${status}）`);
  return new ApiError(status, status === 0 ? 'network' : 'error', msg, {});
}

/** Builds a query string from an object, leaving out empty values. */
export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.append(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The URL of a list's export: the same URL with format=xlsx. */
export function exportUrl(path, params = {}, format = 'xlsx') {
  const p = { ...params, format };
  delete p.limit;
  delete p.offset;
  return BASE + path + query(p);
}

/**
 * request(method, path, {json, form, params, auth}) → parsed JSON (null for 204).
 * Throws ApiError.  `auth: false` keeps a 401 from triggering the session handler.
 */
export async function request(method, path, { json, form, params, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form; // FormData: the browser sets the multipart boundary
  }
  if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    const t = getCsrf();
    if (t) headers['X-CSRF-Token'] = t;
  }
  let res;
  try {
    // a read revalidates the browser's copy (If-None-Match from its HTTP cache,
    // which the server answers 304 while the data is unchanged); a change is never cached
    const cache = method === 'GET' ? 'no-cache' : 'no-store';
    res = await fetch(BASE + path + query(params), { method, headers, body, cache, credentials: 'same-origin' });
  } catch {
    throw toApiError(0, null);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = toApiError(res.status, data);
    if (res.status === 401 && auth && unauthenticatedHandler) unauthenticatedHandler(err);
    throw err;
  }
  return data;
}

/** POSTs json and saves the file the server answers (e.g. ?format=xlsx); returns its name. */
async function postForFile(path, json, params) {
  const headers = { 'Content-Type': 'application/json', Accept: '*/*' };
  const t = getCsrf();
  if (t) headers['X-CSRF-Token'] = t;
  let res;
  try {
    res = await fetch(BASE + path + query(params), { method: 'POST', headers, body: JSON.stringify(json), credentials: 'same-origin' });
  } catch {
    throw toApiError(0, null);
  }
  if (!res.ok) {
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    const err = toApiError(res.status, data);
    if (res.status === 401 && unauthenticatedHandler) unauthenticatedHandler(err);
    throw err;
  }
  const cd = res.headers.get('Content-Disposition') || '';
  const m = cd.match(/filename\*=UTF-8''([^;]+)/i) || cd.match(/filename="?([^";]+)"?/i);
  const name = m ? decodeURIComponent(m[1]) : 'download';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

export const api = {
  get: (path, params, opts) => request('GET', path, { params, ...opts }),
  post: (path, json, opts) => request('POST', path, { json, ...opts }),
  patch: (path, json, opts) => request('PATCH', path, { json, ...opts }),
  put: (path, json, opts) => request('PUT', path, { json, ...opts }),
  del: (path, params, opts) => request('DELETE', path, { params, ...opts }),
  upload: (path, form, params) => request('POST', path, { form, params }),
  postForFile,
};
