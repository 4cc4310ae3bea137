import { describe, test, expect } from 'vitest';
import { t, setLocale, locale } from './i18n.js';
import { en } from './en.js';
import { MENU } from './perm.js';

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
});
