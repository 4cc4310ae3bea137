import { describe, it, expect } from 'vitest';
import { childTypes, mergeTargets, moveTargets, branchChoices, groupsOf, isTransfer, createBody, changedBody, formErrors, warningAction, termEnd } from './maint.js';

const orgs = [
  { id: 1, parent_id: null, type: '单位', status: 'active' },
  { id: 2, parent_id: 1, type: '机关党委', status: 'active' },
  { id: 4, parent_id: 2, type: '党支部', status: 'active' },
  { id: 5, parent_id: 4, type: '党小组', status: 'active' },
  { id: 6, parent_id: 4, type: '党小组', status: 'dissolved' },
  { id: 8, parent_id: 2, type: '党支部', status: 'active' },
  { id: 9, parent_id: 2, type: '党支部', status: 'merged' },
  { id: 10, parent_id: 8, type: '党小组', status: 'active' },
];

describe('maintenance helpers', () => {
  it('offers the child types the server accepts, none under an inactive parent', () => {
    expect(childTypes('党支部')).toEqual(['党小组']);
    expect(childTypes('机关党委')).toEqual(['党总支', '党支部']);
    expect(childTypes('党小组')).toEqual([]);
    expect(childTypes('党支部', 'dissolved')).toEqual([]);
  });
  it('merges only into active organisations of the same type outside its own subtree', () => {
    expect(mergeTargets(orgs, orgs[2]).map((o) => o.id)).toEqual([8]);
    expect(mergeTargets(orgs, orgs[3]).map((o) => o.id)).toEqual([10]);
    expect(mergeTargets(orgs, null)).toEqual([]);
  });
  it('moves an organisation only under an active parent that admits its type, not below itself', () => {
    // branch 4: under the bureau (1) — not under 机关党委 2 where it is, not under its groups
    expect(moveTargets(orgs, orgs[2]).map((o) => o.id)).toEqual([1]);
    // group 5: to the other active branch only (9 is merged)
    expect(moveTargets(orgs, orgs[3]).map((o) => o.id)).toEqual([8]);
    expect(moveTargets(orgs, orgs[0])).toEqual([]);
    expect(moveTargets(orgs, null)).toEqual([]);
  });
  it('lists branches and a branch\'s active groups', () => {
    expect(branchChoices(orgs).map((o) => o.id)).toEqual([2, 4, 8]);
    expect(groupsOf(orgs, 4).map((o) => o.id)).toEqual([5]);
    expect(groupsOf(orgs, null)).toEqual([]);
  });
  it('tells a transfer from no change', () => {
    expect(isTransfer({ branch_id: 4, group_id: 5 }, 4, 5)).toBe(false);
    expect(isTransfer({ branch_id: 4, group_id: 5 }, 4, null)).toBe(true);
    expect(isTransfer({ branch_id: 4, group_id: null }, 8, undefined)).toBe(true);
  });
  it('sends the filled fields on create and the changed ones on edit', () => {
    expect(createBody({ name: ' 张三 ', phone: '', staff_no: 'A1', x: 1 }, ['name', 'phone', 'staff_no'])).toEqual({ name: '张三', staff_no: 'A1' });
    const before = { name: '张三', phone: '', position: '科员', department_id: 3 };
    expect(changedBody(before, { name: '张三', phone: null, position: '', department_id: 4 }, ['name', 'phone', 'position', 'department_id'])).toEqual({ position: null, department_id: 4 });
    expect(changedBody(before, { ...before }, Object.keys(before))).toEqual({});
  });
  it('puts the server\'s field errors at the fields the form shows, the rest in the message', () => {
    const e = { message: '输入有误', fields: { name: '姓名不能为空', user_id: '不可修改' } };
    expect(formErrors(e, ['name'])).toEqual({ fields: { name: '姓名不能为空' }, message: '输入有误；不可修改' });
    expect(formErrors({ message: '冲突' }, ['name'])).toEqual({ fields: {}, message: '冲突' });
  });
  it('links each warning to the form that resolves it', () => {
    expect(warningAction('no_secretary')).toMatchObject({ action: 'appoint', post: '书记' });
    expect(warningAction('committee_size').action).toBe('appoint');
    for (const c of ['term_expired', 'term_ending', 'term_too_long', 'no_term']) expect(warningAction(c).action).toBe('term');
    for (const c of ['too_few_members', 'too_many_members']) expect(warningAction(c).action).toBe('people');
    expect(warningAction('unknown')).toBe(null);
  });
  it('proposes a three-year term ending the day before', () => {
    expect(termEnd('2026-03-01')).toBe('2029-02-28');
    expect(termEnd('2028-02-29')).toBe('2031-02-28');
    expect(termEnd('2025-10-19')).toBe('2028-10-18');
    expect(termEnd('')).toBe(null);
  });
});
