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
    expect(o.xAxis.data).toEqual(['1月', '11月']);
    expect(o.series[0].data).toEqual([80, 7]);
  });
});
