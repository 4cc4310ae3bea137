import { describe, test, expect } from 'vitest';
import { flowOption, monthsOption, names, managesTalks, keepsRisks, TRIGGER_LABELS, RELATION_LABELS } from './supervision.js';
import { en } from './en.js';

const process = {
  name: '资金支出',
  steps: [
    { id: 1, seq: 1, name: '申请', department: '综合股', risk_points: [] },
    { id: 2, seq: 2, name: '审核', department: '预算股', risk_points: [{ id: 7, risk: '人情安排资金', level: '中' }] },
    { id: 3, seq: 3, name: '支付', department: null, risk_points: [{ id: 8, risk: '超预算支付', level: '高' }, { id: 7, risk: '人情安排资金', level: '中' }] },
  ],
};

describe('supervision in the console', () => {
  test('a fund process is a chain of steps with its risk points hanging below', () => {
    const o = flowOption(process);
    const g = o.series[0];
    expect(g.type).toBe('graph');
    expect(g.data.filter((n) => n.id.match(/^s\d+$/)).map((n) => n.name)).toEqual(['1. 申请', '2. 审核', '3. 支付']);
    expect(g.links.filter((l) => !l.target.includes('r'))).toEqual([
      expect.objectContaining({ source: 's1', target: 's2' }), expect.objectContaining({ source: 's2', target: 's3' })]);
    // the same risk point under two steps is two nodes with distinct ids
    const risks = g.data.filter((n) => n.id.includes('r'));
    expect(risks.map((n) => n.id)).toEqual(['s2r7', 's3r8', 's3r7']);
    expect(new Set(g.data.map((n) => n.id)).size).toBe(g.data.length);
    expect(risks[1].itemStyle.color).toBe('#c62828');
    expect(g.data[0].label.formatter).toBe('1. 申请\n综合股');
  });
  test('narrow screens wrap the steps into rows', () => {
    const g = flowOption(process, { perRow: 2 }).series[0];
    const s3 = g.data.find((n) => n.id === 's3');
    expect(s3.x).toBe(0);
    expect(s3.y).toBeGreaterThan(0);
  });
  test('months, names, who may act', () => {
    const o = monthsOption({ by_month: [{ month: '2026-01', talks: 2, people: 3 }] });
    expect(o.xAxis.data).toEqual(['01']);
    expect(o.series[1].data).toEqual([3]);
    expect(names([{ name: '甲' }, { name: '乙' }])).toBe('甲、乙');
    expect(managesTalks({ roles: [{ role: 'branch_secretary', org_path: '/1/4/' }] })).toBe(true);
    expect(managesTalks({ roles: [{ role: 'member', org_path: '/1/4/' }] })).toBe(false);
    expect(keepsRisks({ bureau_id: 1, roles: [{ role: 'discipline', org_id: 1 }] })).toBe(true);
    expect(keepsRisks({ bureau_id: 1, roles: [{ role: 'discipline', org_id: 4 }] })).toBe(false);
  });
  test('every label has English', () => {
    for (const zh of [...Object.values(TRIGGER_LABELS), ...Object.values(RELATION_LABELS), '谈话次数', '谈话人次']) expect(en[zh], zh).toBeTruthy();
  });
});
