import { describe, test, expect } from 'vitest';
import { boardColumns, nextStage, daysUntil, STEP_FIELDS, FIELD_LABELS } from './recruitment.js';

describe('recruitment', () => {
  test('the board has a column per stage, in order', () => {
    const cols = boardColumns([{ id: 1, stage: 'activist' }, { id: 2, stage: 'applicant' }, { id: 3, stage: 'activist' }]);
    expect(cols.map((c) => c.code)).toEqual(['applicant', 'activist', 'candidate', 'probationary', 'full']);
    expect(cols[1].items.map((a) => a.id)).toEqual([1, 3]);
    expect(cols[4].items).toEqual([]);
  });
  test('the next stage, none after 正式党员', () => {
    expect(nextStage('candidate').code).toBe('probationary');
    expect(nextStage('full')).toBeNull();
  });
  test('days until a due day', () => {
    expect(daysUntil('2026-12-19', '2026-12-15')).toBe(4);
    expect(daysUntil('2026-12-01', '2026-12-15')).toBe(-14);
    expect(daysUntil(null, '2026-12-15')).toBeNull();
  });
  test('every field a step asks for has a label', () => {
    for (const fields of Object.values(STEP_FIELDS)) for (const f of fields) expect(FIELD_LABELS[f]).toBeTruthy();
  });
});
