import { describe, test, expect } from 'vitest';
import { boardChart, ownerText, sortLists } from './tasks.js';

const lists = [
  { org_id: 1, org_name: '示范县财政局', bureau: true, total: 4, on_track: 1, at_risk: 1, overdue: 1, done: 1, done_late: 0, progress: 60 },
  { org_id: 4, org_name: '机关第一党支部', bureau: false, total: 3, on_track: 0, at_risk: 0, overdue: 0, done: 3, done_late: 0, progress: 100 },
  { org_id: 5, org_name: '机关第五党支部', bureau: false, total: 3, on_track: 0, at_risk: 0, overdue: 2, done: 0, done_late: 1, progress: 40 },
];

describe('the 晒进度 board', () => {
  test('sorted by progress, overdue or name', () => {
    expect(sortLists(lists).map((l) => l.org_id)).toEqual([4, 1, 5]);
    expect(sortLists(lists, 'overdue').map((l) => l.org_id)).toEqual([5, 1, 4]);
    expect(sortLists(lists, 'name').length).toBe(3);
  });
  test('the chart stacks the statuses of each list', () => {
    const o = boardChart(lists);
    expect(o.yAxis.data).toEqual(['示范县财政局', '机关第一党支部', '机关第五党支部']);
    expect(o.series.map((s) => s.name)).toEqual(['正常推进', '存在风险', '已逾期', '按期完成', '逾期完成']);
    expect(o.series[2].data).toEqual([1, 0, 2]);
    // every list's bars add up to its total
    lists.forEach((l, i) => expect(o.series.reduce((n, s) => n + s.data[i], 0)).toBe(l.total));
  });
  test('the owner in words', () => {
    expect(ownerText({ owner_department_name: '预算科', owner_name: '', org_name: '局' })).toBe('预算科');
    expect(ownerText({ owner_department_name: '', owner_name: '', org_name: '机关第一党支部' })).toBe('机关第一党支部');
  });
});
