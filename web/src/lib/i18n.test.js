import { describe, test, expect } from 'vitest';
import { t, setLocale, locale } from './i18n.js';
import { en } from './en.js';
import { MENU, ROLE_LABELS } from './perm.js';
import fs from 'node:fs';
import path from 'node:path';
import * as indexes from './indexes.js';
import { ACTION_LABELS, OBJECT_TYPES } from './audit.js';
import { FREQUENCIES, RULE_ORG_TYPES } from './constants.js';
import { ruleText } from './compliance.js';

describe('i18n', () => {
  test('Chinese by default, the key itself', () => {
    expect(locale.value).toBe('zh');
    expect(t('人员名册')).toBe('人员名册');
    expect(t('全部 {n} 项', { n: 3 })).toBe('全部 3 项');
  });
  test('English from the table, Chinese where it has no entry', () => {
    setLocale('en');
    expect(t('人员名册')).toBe('People');
    expect(t('全部 {n} 项', { n: 3 })).toBe('All 3');
    expect(t('没有这个词条')).toBe('没有这个词条');
    setLocale('fr');
    expect(locale.value).toBe('zh');
  });
  test('every menu entry has an English name', () => {
    for (const m of MENU) expect(en[m.label], m.label).toBeTruthy();
  });
  test('every Chinese text the console passes to t() has English', () => {
    const src = path.resolve(import.meta.dirname, '..');
    const files = [];
    (function walk(d) {
      for (const f of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, f.name);
        if (f.isDirectory()) walk(p);
        else if (/\.(vue|js)$/.test(f.name) && !/\.test\.js$|en\.js$/.test(f.name)) files.push(p);
      }
    })(src);
    const missing = [];
    for (const f of files)
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/\b(?:t|tr)\(\s*'((?:[^'\\]|\\.)*)'/g))
        if (/\p{Script=Han}/u.test(m[1]) && !(m[1] in en)) missing.push(`${path.relative(src, f)}: ${m[1]}`);
    expect(missing).toEqual([]);
  });
  test('the labels the console builds from codes have English', () => {
    const maps = [ROLE_LABELS, ACTION_LABELS, OBJECT_TYPES, indexes.KIND_LABELS, indexes.TARGET_LABELS, indexes.EVALUATOR_LABELS,
      indexes.STATE_LABELS, indexes.MOVE_LABELS, indexes.ANNUAL_LABELS, FREQUENCIES, RULE_ORG_TYPES];
    for (const m of maps) for (const zh of Object.values(m)) expect(en[zh], zh).toBeTruthy();
  });
  test('an indicator\'s rule and the 公示 read in English', () => {
    setLocale('en');
    try {
      const sources = [{ name: 'attendance_rate', label: 'attendance', unit: '%' }];
      const rules = [
        indexes.describeIndicator({ kind: 'computed', source: 'attendance_rate', max_points: 15, params: { map: 'linear', target: 100 } }, sources, 'member', t),
        indexes.describeIndicator({ kind: 'computed', source: 'x', max_points: 5, params: { map: 'steps', steps: [[0, 0], [6, 3]], when_none: 'zero' } }, [], 'member', t),
        indexes.describeIndicator({ kind: 'imported', max_points: 30, params: { map: 'per_unit', per: 2 } }, [], 'branch', t),
        indexes.describeIndicator({ kind: 'entered', entered_by: 'dept_head', max_points: 10 }, [], 'member', t),
        indexes.describeIndicator({ kind: 'bonus', max_points: 5 }, [], 'member', t),
        indexes.describeIndicator({ kind: 'deduction', max_points: 5 }, [], 'member', t),
        indexes.describeIndicator({ kind: 'veto', params: { reset: true } }, [], 'member', t),
        indexes.describeIndicator({ kind: 'group' }, [], 'member', t),
        indexes.describeIndicator({ kind: 'imported', max_points: 3 }, [], 'member', t),
        indexes.gridCellError('x', 5, t),
        indexes.gridCellError('9', 5, t),
        indexes.noticeLead({ selected: [{}], award: '', notice_from: '2026-06-22', notice_until: '2026-06-26', objections_to: 'the committee' }, t),
        ruleText('quarter', 2, t),
        indexes.noticeLead({ selected: [], notice_from: '2026-06-22', notice_until: '2026-06-26', objections_to: 'the committee' }, t),
      ];
      for (const r of rules) expect(r, r).not.toMatch(/\p{Script=Han}/u);
      expect(rules).toContain('Quarterly, 2×');
      expect(rules[0]).toBe('Source: attendance (%); proportional: 100 earns the full 15 points; no records earn the full points');
    } finally {
      setLocale('zh');
    }
  });
});
