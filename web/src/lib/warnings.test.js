import { describe, test, expect } from 'vitest';
import { badgeText, splitRecipients, joinRecipients, WARNING_STATES, RULE_UNITS, RECIPIENTS } from './warnings.js';
import { en } from './en.js';

describe('warnings and the inbox in words', () => {
  test('the badge: nothing, a number, then 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(undefined)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
  test('recipients round-trip without duplicates', () => {
    expect(splitRecipients('party_admin,owner')).toEqual(['party_admin', 'owner']);
    expect(splitRecipients('')).toEqual([]);
    expect(joinRecipients(['owner', 'owner', 'discipline'])).toBe('owner,discipline');
  });
  test('every word has English', () => {
    for (const zh of [...Object.values(WARNING_STATES).map((s) => s.label), ...Object.values(RULE_UNITS), ...Object.values(RECIPIENTS)])
      expect(en[zh], zh).toBeTruthy();
  });
});
