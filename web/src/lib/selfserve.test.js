import { describe, it, expect } from 'vitest';
import { signinOpen, secondsLeft, REPORT_STATES } from './selfserve.js';

describe('self-service', () => {
  it('opens the sign-in code only for a planned or held meeting of today', () => {
    expect(signinOpen({ status: 'planned', held_on: '2026-12-07' }, '2026-12-07')).toBe(true);
    expect(signinOpen({ status: 'held', held_on: '2026-12-07' }, '2026-12-07')).toBe(true);
    expect(signinOpen({ status: 'cancelled', held_on: '2026-12-07' }, '2026-12-07')).toBe(false);
    expect(signinOpen({ status: 'planned', held_on: '2026-12-08' }, '2026-12-07')).toBe(false);
    expect(signinOpen(null, '2026-12-07')).toBe(false);
  });
  it('counts the seconds left of a code', () => {
    const now = Date.parse('2026-12-07T08:00:00.000Z');
    expect(secondsLeft('2026-12-07T08:02:00.000Z', now)).toBe(120);
    expect(secondsLeft('2026-12-07T07:59:00.000Z', now)).toBe(0);
    expect(secondsLeft('nonsense', now)).toBe(0);
  });
  it('names every state', () => {
    expect(Object.keys(REPORT_STATES)).toEqual(['pending', 'approved', 'rejected']);
  });
});
