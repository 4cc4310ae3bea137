import { describe, test, expect } from 'vitest';
import { period, parsePeriod, currentQuarter, percent, fileSize, today, setServerToday, thisYear, thisMonth, notAfterToday } from './format.js';
import { buildTree, subtreeIds } from './tree.js';
import { errorRows } from './importErrors.js';

describe('periods', () => {
  test('build and parse the API forms', () => {
    expect(period('year', 2026)).toBe('2026');
    expect(period('quarter', 2026, 3)).toBe('2026Q3');
    expect(period('month', 2026, 7)).toBe('2026-07');
    expect(() => period('quarter', 2026, 5)).toThrow(RangeError);
    expect(() => period('month', 2026, 0)).toThrow(RangeError);
    expect(parsePeriod('2026Q4')).toEqual({ kind: 'quarter', year: 2026, n: 4 });
    expect(parsePeriod('2026-12')).toEqual({ kind: 'month', year: 2026, n: 12 });
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, n: null });
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('2026Q0')).toBeNull();
  });
  test('the current quarter', () => {
    expect(currentQuarter(new Date(2026, 0, 1))).toBe('2026Q1');
    expect(currentQuarter(new Date(2026, 10, 23))).toBe('2026Q4');
    expect(today(new Date(2026, 1, 3))).toBe('2026-02-03');
  });
  test('"today" is the server\'s day once the session told it, not the browser\'s clock', () => {
    try {
      setServerToday('2019-11-30'); // a year no test machine's clock shows
      expect(today()).toBe('2019-11-30');
      expect(thisYear()).toBe(2019);
      expect(thisMonth()).toBe(11);
      expect(currentQuarter()).toBe('2019Q4');
      expect(today(new Date(2026, 1, 3))).toBe('2026-02-03'); // a given date is still that date
      setServerToday('not a date'); // back to the clock
      expect(thisYear()).toBe(new Date().getFullYear());
    } finally {
      setServerToday(null);
    }
  });
  test('percent and sizes', () => {
    expect(percent(0.875)).toBe('87.5%');
    expect(percent(null)).toBe('—');
    expect(percent(1, 0)).toBe('100%');
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(2048)).toBe('2.0 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('the organisation tree', () => {
  const flat = [
    { id: 1, parent_id: null, name: '局' },
    { id: 3, parent_id: 1, name: '机关党委' },
    { id: 4, parent_id: 3, name: '一支部' },
    { id: 5, parent_id: 4, name: '第1党小组' },
    { id: 8, parent_id: 3, name: '二支部' },
  ];
  test('assembles children in order', () => {
    const [root] = buildTree(flat);
    expect(root.children[0].children.map((c) => c.name)).toEqual(['一支部', '二支部']);
    expect(root.children[0].children[0].children[0].name).toBe('第1党小组');
  });
  test('siblings by sort_order first, then by id', () => {
    const ordered = flat.map((o) => (o.id === 8 ? { ...o, sort_order: 0 } : o.id === 4 ? { ...o, sort_order: 5 } : o));
    const [root] = buildTree(ordered);
    expect(root.children[0].children.map((c) => c.name)).toEqual(['二支部', '一支部']);
  });
  test('a parent outside the list makes a root', () => {
    expect(buildTree(flat.slice(2)).map((o) => o.id)).toEqual([4, 8]);
  });
  test('subtree ids', () => {
    expect([...subtreeIds(flat, 4)].sort()).toEqual([4, 5]);
    expect(subtreeIds(flat, 3).size).toBe(4);
  });
});

describe('import errors as rows', () => {
  test('one line per error: 行, 列, 值, 问题, in the file\'s order', () => {
    const rows = errorRows([
      { row: 6, column: '入党时间', value: '2030-01-01', message: '日期晚于今天' },
      { row: 4, column: '姓名', message: '姓名不能为空' },
      { row: 6, column: '姓名', value: 'x', message: 'y' },
    ]);
    expect(rows.map((r) => [r.row, r.column, r.value, r.message])).toEqual([
      [4, '姓名', '', '姓名不能为空'],
      [6, '入党时间', '2030-01-01', '日期晚于今天'],
      [6, '姓名', 'x', 'y'],
    ]);
  });
  test('an error without a column is about the whole row', () => {
    expect(errorRows([{ row: 2, message: 'm' }])[0].column).toBe('（整行）');
    expect(errorRows(undefined)).toEqual([]);
  });
});

describe('a date not after today', () => {
  const check = (v) => new Promise((resolve) => notAfterToday('不能晚于今天').validator(null, v, (e) => resolve(e ? e.message : '')));
  test('a future date is refused with the message; today, the past and empty pass', async () => {
    setServerToday('2026-06-25');
    try {
      expect(await check('2026-06-26')).toBe('不能晚于今天');
      expect(await check('2026-06-25')).toBe('');
      expect(await check('2025-12-31')).toBe('');
      expect(await check(null)).toBe('');
    } finally {
      setServerToday(null);
    }
  });
});
