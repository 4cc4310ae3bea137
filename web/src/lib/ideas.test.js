import { describe, test, expect } from 'vitest';
import { reviewBody, SUGGESTION_STATES, DECISIONS } from './ideas.js';

describe('ideas', () => {
  test('a review names the suggestion merged into only for a merge', () => {
    expect(reviewBody({ decision: 'adopted', reason: ' 可行 ', merged_into_id: 3 })).toEqual({ decision: 'adopted', reason: '可行' });
    expect(reviewBody({ decision: 'merged', reason: '相同', merged_into_id: 3 })).toEqual({ decision: 'merged', reason: '相同', merged_into_id: 3 });
    expect(reviewBody({ decision: 'merged', reason: '相同' })).toEqual({ decision: 'merged', reason: '相同', merged_into_id: null });
  });
  test('every decision is a state', () => {
    for (const k of Object.keys(DECISIONS)) expect(SUGGESTION_STATES[k]).toBe(DECISIONS[k]);
  });
});
