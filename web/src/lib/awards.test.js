import { describe, test, expect } from 'vitest';
import { nominationOpen, votingOpen, votingClosedReason, votesUsed, voteAction, votePercent, ballotEvaluations, nominatable } from './awards.js';
import { entryTargets, isYearPeriod } from './indexes.js';
import { inlineFile } from './format.js';

const award = (votes) => ({
  code: 'business',
  title: '业务标兵',
  count: 2,
  nominees: votes.map(([target_id, v, my_vote]) => ({ target_id, votes: v, my_vote, winner: false })),
});

describe('the "1246" awards', () => {
  test('nominations before the notice, votes from scoring until final', () => {
    expect(['open', 'scoring', 'review', 'notice', 'final'].map(nominationOpen)).toEqual([true, true, true, false, false]);
    expect(['open', 'scoring', 'review', 'notice', 'final'].map(votingOpen)).toEqual([false, true, true, true, false]);
    expect(votingClosedReason('open')).toMatch(/尚未开始/);
    expect(votingClosedReason('final')).toMatch(/已结束/);
    expect(votingClosedReason('notice')).toBe('');
  });
  test('vote, take back, or nothing once the category\'s votes are used up', () => {
    const a = award([[1, 3, true], [2, 1, false], [3, 0, false]]);
    expect(votesUsed(a)).toBe(1);
    expect(voteAction(a, a.nominees[0], 'scoring', true)).toBe('withdraw');
    expect(voteAction(a, a.nominees[1], 'scoring', true)).toBe('vote');
    const full = award([[1, 3, true], [2, 1, true], [3, 0, false]]);
    expect(voteAction(full, full.nominees[2], 'review', true)).toBe('');
    expect(voteAction(full, full.nominees[1], 'notice', true)).toBe('withdraw');
    // no person linked, or the ballot closed: nothing
    expect(voteAction(a, a.nominees[1], 'scoring', false)).toBe('');
    expect(voteAction(a, a.nominees[0], 'final', true)).toBe('');
    expect(voteAction(a, a.nominees[1], 'open', true)).toBe('');
  });
  test('bars against the most votes; none when nobody has votes', () => {
    const a = award([[1, 4, false], [2, 1, false], [3, 0, false]]);
    expect(a.nominees.map((n) => votePercent(a, n))).toEqual([100, 25, 0]);
    const z = award([[1, 0, false]]);
    expect(votePercent(z, z.nominees[0])).toBe(0);
  });
  test('open ballots for 我的, and the targets not yet nominated', () => {
    const evs = [{ id: 1, state: 'open' }, { id: 2, state: 'scoring' }, { id: 3, state: 'notice' }, { id: 4, state: 'final' }];
    expect(ballotEvaluations(evs).map((e) => e.id)).toEqual([2, 3]);
    const targets = [{ target_id: 1, name: '李红梅' }, { target_id: 2, name: '王建国' }, { target_id: 3, name: '陈晓东' }];
    expect(nominatable(targets, award([[2, 0, false]])).map((x) => x.target_id)).toEqual([1, 3]);
    expect(nominatable(null, null)).toEqual([]);
  });
});

describe('evaluators\' targets and annual periods', () => {
  test('the targets an indicator may be entered for', () => {
    const ts = [{ target_id: 1, indicator_ids: [11, 12] }, { target_id: 2, indicator_ids: [12] }, { target_id: 3, indicator_ids: [] }];
    expect(entryTargets(ts, 11).map((x) => x.target_id)).toEqual([1]);
    expect(entryTargets(ts, 12).map((x) => x.target_id)).toEqual([1, 2]);
    expect(entryTargets(ts, null)).toHaveLength(3);
    expect(entryTargets(undefined, 12)).toEqual([]);
  });
  test('a year is an annual period; photos and PDFs open inline', () => {
    expect(isYearPeriod('2025')).toBe(true);
    expect(isYearPeriod('2025Q3')).toBe(false);
    expect(inlineFile({ mime: 'image/png' })).toBe(true);
    expect(inlineFile({ mime: 'application/pdf' })).toBe(true);
    expect(inlineFile({ mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBe(false);
  });
});
