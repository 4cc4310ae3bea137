import { describe, test, expect } from 'vitest';
import { yuan, toFen, rate, monthsBetween, nextUnpaid } from './dues.js';

describe('dues money and months', () => {
  test('fen as yuan with two places, and back, without floating point', () => {
    expect(yuan(7650)).toBe('76.50');
    expect(yuan(20)).toBe('0.20');
    expect(yuan(0)).toBe('0.00');
    expect(yuan(-105)).toBe('-1.05');
    expect(yuan(null)).toBe('—');
    expect(toFen('5100')).toBe(510000);
    expect(toFen('3000.01')).toBe(300001);
    expect(toFen('0.2')).toBe(20);
    expect(toFen('5,100.50')).toBe(510050);
    expect(toFen('1.005')).toBeNull();
    expect(toFen('-1')).toBeNull();
    expect(toFen('abc')).toBeNull();
    expect(toFen('')).toBeNull();
    // 0.1 + 0.2 style errors cannot happen: 4321.09 is exactly 432109
    expect(toFen('4321.09')).toBe(432109);
  });
  test('rates in basis points', () => {
    expect(rate(50)).toBe('0.5%');
    expect(rate(150)).toBe('1.5%');
    expect(rate(200)).toBe('2%');
    expect(rate(0)).toBe('—');
  });
  test('months between, and the next month to pay', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
    expect(nextUnpaid({ last_paid_month: '2026-12' })).toBe('2027-01');
    expect(nextUnpaid({ last_paid_month: null, start_month: '2026-05' })).toBe('2026-05');
  });
});
