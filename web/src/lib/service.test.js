import { describe, test, expect } from 'vitest';
import { canReport, statRows, STAT_ROWS } from './service.js';
import { en } from './en.js';
import { CONTACT_KINDS, ACTIVITY_KINDS, PARTNER_KINDS, SIGNUP_STATES } from './service.js';

describe('service', () => {
  test('hours are reported once the activity was held, until confirmed', () => {
    expect(canReport({ status: 'signed_up', held_on: '2026-05-01' }, '2026-05-01')).toBe(true);
    expect(canReport({ status: 'reported', held_on: '2026-05-01' }, '2026-06-01')).toBe(true);
    expect(canReport({ status: 'signed_up', held_on: '2026-05-02' }, '2026-05-01')).toBe(false);
    expect(canReport({ status: 'confirmed', held_on: '2026-05-01' }, '2026-06-01')).toBe(false);
  });
  test('the figures in the server\'s order, each with English', () => {
    const rows = statRows({ households: 3, hours: 1.5 });
    expect(rows.map((r) => r.key)).toEqual(STAT_ROWS.map(([k]) => k));
    expect(rows.find((r) => r.key === 'hours').value).toBe(1.5);
    for (const zh of [...STAT_ROWS.map(([, l]) => l), ...Object.values(CONTACT_KINDS), ...Object.values(ACTIVITY_KINDS),
      ...Object.values(PARTNER_KINDS), ...Object.values(SIGNUP_STATES)]) expect(en[zh], zh).toBeTruthy();
  });
});
