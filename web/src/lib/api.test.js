import { describe, test, expect, vi, beforeEach } from 'vitest';
import { ApiError, toApiError, query, exportUrl, request, setCsrf, onUnauthenticated } from './api.js';

describe('toApiError', () => {
  test('keeps the server message, code and fields', () => {
    const e = toApiError(400, { error: { code: 'invalid', message: '请检查填写的内容', fields: { name: '姓名不能为空' } } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('请检查填写的内容');
    expect(e.fields).toEqual({ name: '姓名不能为空' });
  });
  test('a body without the error shape gets a Chinese message for its status', () => {
    expect(toApiError(403, null).message).toBe('无权访问');
    expect(toApiError(403, null).forbidden).toBe(true);
    expect(toApiError(502, '<html>').message).toBe('服务器内部错误');
    expect(toApiError(0, null).code).toBe('network');
    expect(toApiError(418, {}).message).toBe('请求失败（418）');
  });
  test('fields that are not an object become empty', () => {
    expect(toApiError(400, { error: { code: 'invalid', message: 'x', fields: 'bad' } }).fields).toEqual({});
  });
});

describe('query strings and export links', () => {
  test('empty values are left out, the rest encoded', () => {
    expect(query({ q: '王 建', branch_id: 4, status: '', x: null, y: undefined })).toBe('?q=%E7%8E%8B+%E5%BB%BA&branch_id=4');
    expect(query({})).toBe('');
  });
  test('an export is the list URL with format=xlsx, without paging', () => {
    expect(exportUrl('/people', { q: 'CZ', limit: 20, offset: 40 })).toBe('/api/v1/people?q=CZ&format=xlsx');
    expect(exportUrl('/compliance', { period: '2026Q3' }, 'csv')).toBe('/api/v1/compliance?period=2026Q3&format=csv');
  });
});

describe('request', () => {
  beforeEach(() => {
    setCsrf('tok');
    onUnauthenticated(null);
  });
  function fakeFetch(status, body) {
    return vi.fn(async () => ({ ok: status >= 200 && status < 300, status, text: async () => (body === undefined ? '' : JSON.stringify(body)) }));
  }
  test('sends the CSRF token on a change, not on a read', async () => {
    globalThis.fetch = fakeFetch(200, { ok: 1 });
    await request('GET', '/people');
    expect(globalThis.fetch.mock.calls[0][1].headers['X-CSRF-Token']).toBeUndefined();
    await request('PATCH', '/people/1', { json: { phone: '13800000000' } });
    const init = globalThis.fetch.mock.calls[1][1];
    expect(init.headers['X-CSRF-Token']).toBe('tok');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"phone":"13800000000"}');
  });
  test('a read lets the browser revalidate its copy; a change is never cached', async () => {
    globalThis.fetch = fakeFetch(200, { ok: 1 });
    await request('GET', '/people');
    await request('POST', '/people', { json: {} });
    expect(globalThis.fetch.mock.calls[0][1].cache).toBe('no-cache');
    expect(globalThis.fetch.mock.calls[1][1].cache).toBe('no-store');
  });
  test('a 401 calls the session handler, unless auth is off', async () => {
    const seen = [];
    onUnauthenticated((e) => seen.push(e.status));
    globalThis.fetch = fakeFetch(401, { error: { code: 'unauthenticated', message: '请先登录' } });
    await expect(request('GET', '/people')).rejects.toThrow('请先登录');
    await expect(request('POST', '/session', { json: {}, auth: false })).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual([401]);
  });
  test('204 answers null; a network failure is status 0', async () => {
    globalThis.fetch = fakeFetch(204);
    expect(await request('DELETE', '/session')).toBeNull();
    globalThis.fetch = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    await expect(request('GET', '/x')).rejects.toMatchObject({ status: 0, message: '无法连接服务器，请检查网络' });
  });
});
