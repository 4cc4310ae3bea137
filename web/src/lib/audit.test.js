import { describe, test, expect } from 'vitest';
import { auditWords, objectName, ACTION_LABELS, OBJECT_TYPES } from './audit.js';
import { en } from './en.js';

describe('the audit trail in words', () => {
  test('a failed login reads 登录失败 with the account tried', () => {
    const w = auditWords({ action: 'login_failed', object_type: 'user', object_id: 3, username: 'zhibu1', after: { client_addr: '127.0.0.1' } });
    expect(w).toEqual({ action: '登录失败', type: '账号', name: 'zhibu1', id: 3 });
  });
  test('names come from the record: a person, a meeting, a committee post', () => {
    expect(objectName({ action: 'update', object_type: 'person', before: { name: '张三' }, after: { name: '张三丰' } })).toBe('张三丰');
    expect(objectName({ action: 'create', object_type: 'meeting', after: { topic: '学习会' } })).toBe('学习会');
    expect(objectName({ action: 'end', object_type: 'committee_member', after: { name: '蔡超', post: '纪检委员' } })).toBe('蔡超');
    expect(objectName({ action: 'reset_password', object_type: 'user', username: 'admin' })).toBe('');
  });
  test('codes the console does not know are shown as they are', () => {
    expect(auditWords({ action: 'teleport', object_type: 'spaceship', object_id: null })).toEqual({ action: 'teleport', type: 'spaceship', name: '', id: null });
  });
  test('every action and object type has English', () => {
    for (const zh of [...Object.values(ACTION_LABELS), ...Object.values(OBJECT_TYPES)]) expect(en[zh], zh).toBeTruthy();
  });
  test('the server\'s codes in use are all named (core/*.c)', async () => {
    // every action written by audit_record in src/core has a word here
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = path.resolve(import.meta.dirname, '../../../src/core');
    const codes = new Set();
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.c'))) {
      const s = fs.readFileSync(path.join(dir, f), 'utf8').replace(/\s+/g, ' ');
      for (const m of s.matchAll(/audit_record\([^;]*?"([a-z_]+)", "([a-z_]+)"/g)) codes.add(`${m[1]}/${m[2]}`);
    }
    expect(codes.size).toBeGreaterThan(20);
    for (const c of codes) {
      const [action, type] = c.split('/');
      expect(ACTION_LABELS[action], c).toBeTruthy();
      expect(OBJECT_TYPES[type], c).toBeTruthy();
    }
  });
});
