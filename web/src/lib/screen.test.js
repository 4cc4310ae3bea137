import { describe, test, expect } from 'vitest';
import { heatmapOption, monthBarsOption } from './screen.js';

describe('数据大屏 charts', () => {
  test('the heat map has a cell per branch and month, percent or - for none ended', () => {
    const o = heatmapOption({ branches: [{ name: '一支部', months: [1, 0.5, ...Array(10).fill(null)] }, { name: '二支部', months: Array(12).fill(0) }] });
    expect(o.yAxis.data).toEqual(['一支部', '二支部']);
    expect(o.series[0].data).toHaveLength(24);
    expect(o.series[0].data[0]).toEqual([0, 0, 100]);
    expect(o.series[0].data[1]).toEqual([1, 0, 50]);
    expect(o.series[0].data[2]).toEqual([2, 0, '-']);
    expect(o.series[0].data[12]).toEqual([0, 1, 0]);
  });
  test('month bars name the months', () => {
    const o = monthBarsOption([{ month: '2026-01', person_times: 80 }, { month: '2026-11', person_times: 7 }], '人次');
    expect(o.xAxis.data).toEqual(['1', '11']);
    expect(o.series[0].data).toEqual([80, 7]);
  });
});

describe('the console charts', () => {
  test('an index trend draws the totals by period', async () => {
    const { indexTrendOption } = await import('./screen.js');
    const o = indexTrendOption([{ period: '2026Q1', total: 80.5, rank: 3, of: 8 }, { period: '2026Q2', total: 90, rank: 1, of: 8 }], '堡垒指数');
    expect(o.xAxis.data).toEqual(['2026Q1', '2026Q2']);
    expect(o.series[0].data).toEqual([80.5, 90]);
  });
  test('attendance months in percent, none as a gap', async () => {
    const { attendanceMonthsOption } = await import('./screen.js');
    const o = attendanceMonthsOption({ months: [{ month: '2026-01', rate: 0.9167 }, { month: '2026-12', rate: null }] }, (s, v) => (v ? s.replace('{m}', v.m) : s));
    expect(o.xAxis.data).toEqual(['1月', '12月']);
    expect(o.series[0].data).toEqual([91.7, null]);
  });
});
