import { describe, test, expect } from 'vitest';
import { nextStates, describeIndicator, gridChanges, gridCellError, gridFill, latestPublished, objectionOpen, schemeDefinition, flattenIndicators, recordPairs, noticeLead } from './indexes.js';
import { monthSeries, scoreChanges, canWriteOrg, isBureauWriter } from './learning.js';

describe('evaluation states', () => {
  test('the moves the server accepts', () => {
    expect(nextStates('open')).toEqual(['scoring', 'review']);
    expect(nextStates('review')).toEqual(['notice', 'scoring']);
    expect(nextStates('notice')).toEqual(['final']);
    expect(nextStates('final')).toEqual([]);
  });
  test('objections only during the notice, up to its last day', () => {
    const ev = { state: 'notice', notice_until: '2026-11-30' };
    expect(objectionOpen(ev, '2026-11-30')).toBe(true);
    expect(objectionOpen(ev, '2026-12-01')).toBe(false);
    expect(objectionOpen({ ...ev, state: 'final' }, '2026-11-01')).toBe(false);
  });
  test('the latest published member evaluation', () => {
    const evs = [
      { id: 1, target: 'branch', period: '2026Q3', state: 'notice' },
      { id: 3, target: 'member', period: '2026Q3', state: 'final' },
      { id: 4, target: 'member', period: '2026Q4', state: 'open' },
      { id: 5, target: 'member', period: '2026Q2', state: 'final' },
    ];
    expect(latestPublished(evs).id).toBe(3);
    expect(latestPublished([])).toBe(null);
  });
});

describe('indicators in words', () => {
  const sources = [{ name: 'attendance_rate', target: 'member', label: '组织生活出勤率', unit: '%' }];
  test('computed, linear to a target', () => {
    expect(describeIndicator({ kind: 'computed', source: 'attendance_rate', max_points: 15, params: { map: 'linear', target: 100 } }, sources))
      .toBe('来源：组织生活出勤率（%）；按比例：达到 100 得满分 15 分；无记录得满分');
  });
  test('steps in order, imported, entered, veto', () => {
    expect(describeIndicator({ kind: 'computed', source: 'x', max_points: 5, params: { map: 'steps', steps: [[12, 5], [0, 0], [6, '3']], when_none: 'zero' } }))
      .toBe('来源：x；分档：≥0 得 0 分，≥6 得 3 分，≥12 得 5 分；无记录得 0 分');
    expect(describeIndicator({ kind: 'imported', max_points: 30, params: {} })).toMatch(/^按原值计分，0 至 30 分；由机关党委导入/);
    expect(describeIndicator({ kind: 'entered', entered_by: 'dept_head', max_points: 10 })).toBe('由科室负责人评分，0 至 10 分');
    expect(describeIndicator({ kind: 'veto', params: { reset: true } })).toBe('触发后不得入选，总分清零');
  });
  test('a scheme back to its definition', () => {
    const s = { id: 1, code: 'x', name: 'X', target: 'member', description: '', settings: { visibility: 'all' }, active: true,
      indicators: [{ id: 1, code: 'g', name: 'G', kind: 'group', max_points: 5, source: '', params: {}, entered_by: '', description: '', children: [
        { id: 2, code: 'a', name: 'A', kind: 'computed', max_points: 5, source: 'study_hours', params: { map: 'linear', target: 12 }, entered_by: '', description: '', children: [] }] },
      { id: 3, code: 'v', name: 'V', kind: 'veto', max_points: 0, source: '', params: {}, entered_by: '', description: '', children: [] }] };
    expect(schemeDefinition(s)).toEqual({ code: 'x', name: 'X', target: 'member', description: '', settings: { visibility: 'all' }, indicators: [
      { code: 'g', name: 'G', kind: 'group', children: [{ code: 'a', name: 'A', kind: 'computed', max_points: 5, source: 'study_hours', params: { map: 'linear', target: 12 } }] },
      { code: 'v', name: 'V', kind: 'veto' }] });
    expect(flattenIndicators(s.indicators).map((n) => `${n.code}${n.depth}`)).toEqual(['g0', 'a1', 'v0']);
  });
  test('records as labelled pairs', () => {
    expect(recordPairs({ expected: 8, present: 7, odd: 1.5 })).toEqual([
      { key: 'expected', label: '应参加', value: '8' }, { key: 'present', label: '出席', value: '7' }, { key: 'odd', label: 'odd', value: '1.5' }]);
  });
});

describe('the scoring grid', () => {
  const orig = [{ target_id: 1, values: { 8: null, 9: 7.5 } }, { target_id: 2, values: { 8: 6, 9: null } }];
  test('only filled cells that changed are sent', () => {
    const edited = [{ target_id: 1, values: { 8: '9', 9: 7.5 } }, { target_id: 2, values: { 8: 6, 9: '' } }];
    expect(gridChanges(orig, edited)).toEqual([{ target_id: 1, indicator_id: 8, points: 9 }]);
    expect(gridFill(edited, [{ indicator_id: 8 }, { indicator_id: 9 }])).toEqual({ filled: 3, total: 4 });
  });
  test('cell values are checked as the server does', () => {
    expect(gridCellError('', 10)).toBe('');
    expect(gridCellError('9.5', 10)).toBe('');
    expect(gridCellError('10.01', 10)).toMatch(/不能超过 10/);
    expect(gridCellError('9.555', 10)).toMatch(/两位小数/);
    expect(gridCellError('-1', 10)).toMatch(/两位小数/);
  });
});

describe('learning', () => {
  test('twelve months with the gaps filled', () => {
    const s = monthSeries({ by_month: [{ month: '2026-03', sessions: 1, person_times: 70 }] }, 2026);
    expect(s).toHaveLength(12);
    expect(s[2]).toEqual({ month: 3, sessions: 1, person_times: 70 });
    expect(s[0].person_times).toBe(0);
  });
  test('score changes: new, changed, removed, unchanged', () => {
    const orig = [{ person_id: 1, score: 90, note: '' }, { person_id: 2, score: 80, note: '' }, { person_id: 3, score: 70, note: '' }];
    const edited = [{ person_id: 1, score: 90, note: '' }, { person_id: 2, score: '85', note: ' 补考 ' }, { person_id: 3, score: '', note: '' }, { person_id: 4, score: 60, note: '' }, { person_id: 5, score: '', note: '' }];
    expect(scoreChanges(orig, edited)).toEqual([
      { person_id: 2, score: 85, note: '补考' }, { person_id: 3, score: null, note: '' }, { person_id: 4, score: 60, note: '' }]);
  });
  test('who writes for which organisation', () => {
    const orgs = [{ id: 1, parent_id: null, type: '单位' }, { id: 2, parent_id: 1, type: '机关党委' }, { id: 4, parent_id: 2, type: '党支部' }, { id: 8, parent_id: 2, type: '党支部' }];
    const sec = { roles: [{ role: 'branch_secretary', org_id: 4 }] };
    const adm = { roles: [{ role: 'party_admin', org_id: 1 }] };
    expect(canWriteOrg(sec, orgs, 4)).toBe(true);
    expect(canWriteOrg(sec, orgs, 8)).toBe(false);
    expect(canWriteOrg(adm, orgs, 8)).toBe(true);
    expect(isBureauWriter(adm, orgs)).toBe(true);
    expect(isBureauWriter(sec, orgs)).toBe(false);
  });
});

describe('the 公示 in words', () => {
  const base = { award: '季度标兵', notice_from: '2026-06-22', notice_until: '2026-06-26', objections_to: '机关党委（党务管理员）', evaluation: { target: 'member' } };
  test('people selected: 以下N名…人选, without （对象）', () => {
    const s = noticeLead({ ...base, selected: [{}, {}, {}] });
    expect(s).toBe('经考评，以下3名季度标兵人选予以公示。公示期：2026-06-22 至 2026-06-26。如有异议，请在公示期内向机关党委（党务管理员）提出。');
    expect(s).not.toMatch(/对象/);
  });
  test('branches are counted with 个', () => {
    expect(noticeLead({ ...base, award: '', selected: [{}], evaluation: { target: 'branch' } })).toMatch(/^经考评，以下1个评选对象予以公示。/);
  });
  test('nobody selected: no 以下0名', () => {
    const s = noticeLead({ ...base, award: '', selected: [] });
    expect(s).not.toMatch(/以下0|0名/);
    expect(s).toMatch(/^经考评，本次考评没有评选人选，考评结果予以公示。公示期：2026-06-22 至 2026-06-26。/);
  });
});
