import { describe, test, expect } from 'vitest';
import { writableOrgs, kindsFor, orgLabel, attendanceChanges, attendanceErrors, lifeActions, STATUS_LABEL, STATUS_TAG } from './meetings.js';

const orgs = [
  { id: 1, parent_id: null, type: '单位', name: '局', status: 'active' },
  { id: 3, parent_id: 1, type: '机关党委', name: '机关党委', status: 'active' },
  { id: 4, parent_id: 3, type: '党支部', name: '一支部', status: 'active' },
  { id: 5, parent_id: 4, type: '党小组', name: '第1党小组', status: 'active' },
  { id: 8, parent_id: 3, type: '党支部', name: '二支部', status: 'active' },
  { id: 9, parent_id: 3, type: '党支部', name: '旧支部', status: 'dissolved' },
];
const kinds = [
  { id: 1, name: '支部党员大会', attendees: 'branch' },
  { id: 2, name: '支委会', attendees: 'committee' },
  { id: 3, name: '党小组会', attendees: 'group' },
  { id: 8, name: '理论中心组学习', attendees: 'custom' },
];

describe('who records where', () => {
  test('a branch secretary: the branch and its groups', () => {
    const u = { roles: [{ role: 'branch_secretary', org_id: 4 }] };
    expect(writableOrgs(u, orgs).map((o) => o.id)).toEqual([4, 5]);
  });
  test('a party admin at the bureau: every active holder, not the bureau itself', () => {
    const u = { roles: [{ role: 'party_admin', org_id: 1 }] };
    expect(writableOrgs(u, orgs).map((o) => o.id)).toEqual([3, 4, 5, 8]);
  });
  test('a sysadmin or member records nowhere', () => {
    expect(writableOrgs({ roles: [{ role: 'sysadmin', org_id: 1 }, { role: 'member', org_id: 4 }] }, orgs)).toEqual([]);
  });
  test('kinds fit the organisation type', () => {
    expect(kindsFor('党小组', kinds).map((k) => k.id)).toEqual([3, 8]);
    expect(kindsFor('党支部', kinds).map((k) => k.id)).toEqual([1, 2, 8]);
  });
  test('a group is named with its branch', () => {
    expect(orgLabel(orgs[3], orgs)).toBe('一支部 / 第1党小组');
    expect(orgLabel(orgs[2], orgs)).toBe('一支部');
  });
});

describe('attendance', () => {
  const loaded = [
    { person_id: 1, status: null, reason: '' },
    { person_id: 2, status: '出席', reason: '' },
    { person_id: 3, status: '请假', reason: '出差' },
  ];
  test('only changed and taken rows are sent', () => {
    const edited = [
      { person_id: 1, status: '迟到', reason: '' },
      { person_id: 2, status: '出席', reason: '' },
      { person_id: 3, status: '请假', reason: '出差（省厅培训）' },
    ];
    expect(attendanceChanges(loaded, edited)).toEqual([
      { person_id: 1, status: '迟到', reason: null },
      { person_id: 3, status: '请假', reason: '出差（省厅培训）' },
    ]);
    expect(attendanceChanges(loaded, loaded)).toEqual([]);
  });
  test('leave needs a reason', () => {
    expect(attendanceErrors([{ person_id: 7, status: '请假', reason: ' ' }, { person_id: 8, status: '缺席' }])).toEqual({ 7: '请假须填写事由' });
  });
});

describe('the life cycle: what a writer may do in each state', () => {
  test('a plan is edited, held or cancelled; a record edited, corrected or voided; the rest is kept', () => {
    expect(lifeActions({ status: 'planned' }, true)).toMatchObject({ edit: true, hold: true, cancel: true, correct: false, void: false, attendance: false });
    expect(lifeActions({ status: 'held' }, true)).toMatchObject({ edit: true, hold: false, cancel: false, correct: true, void: true, attendance: true });
    for (const s of ['cancelled', 'voided']) expect(Object.values(lifeActions({ status: s }, true)).some(Boolean)).toBe(false);
    expect(Object.values(lifeActions({ status: 'held' }, false)).some(Boolean)).toBe(false);
    expect(lifeActions({}, true).void).toBe(true); // a record from before the life cycle is held
  });
  test('every status has a word and a tag', () => {
    for (const s of ['planned', 'held', 'cancelled', 'voided']) { expect(STATUS_LABEL[s]).toBeTruthy(); expect(STATUS_TAG[s]).toBeTruthy(); }
  });
});
