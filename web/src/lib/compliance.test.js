import { describe, test, expect } from 'vitest';
import { monthMatrix, overallAttendance, windowCounts } from './compliance.js';

const board = {
  branches: [
    {
      name: '一支部', expected_attendance: 20, present_attendance: 18,
      rules: [
        { windows: [
          { from: '2026-01-01', to: '2026-01-31', status: 'met' },
          { from: '2026-02-01', to: '2026-02-28', status: 'missed' },
          { from: '2026-12-01', to: '2026-12-31', status: 'pending' },
        ] },
        { windows: [{ from: '2026-01-01', to: '2026-03-31', status: 'met' }] },
        { windows: [{ from: '2026-01-01', to: '2026-01-31', status: 'missed' }] },
      ],
    },
    { name: '二支部', expected_attendance: 0, present_attendance: 0, rules: [] },
  ],
};

describe('the heat-map matrix', () => {
  const m = monthMatrix(board);
  test('one cell per branch and month', () => {
    expect(m.branches).toEqual(['一支部', '二支部']);
    expect(m.cells.length).toBe(24);
  });
  test('windows are counted in the month they end', () => {
    expect(m.cells[0]).toEqual([0, 0, 50, 1, 2]); // January: 1 of 2 met
    expect(m.cells[1]).toEqual([1, 0, 0, 0, 1]); // February: missed
    expect(m.cells[2]).toEqual([2, 0, 100, 1, 1]); // March: the quarter window
  });
  test('pending windows and months without windows are null', () => {
    expect(m.cells[11][2]).toBeNull();
    expect(m.cells[12 + 5][2]).toBeNull();
  });
  test('a month still running does not score: a window met early is judged once it has ended', () => {
    const running = { branches: [{ name: '一支部', rules: [
      { windows: [
        { from: '2026-05-01', to: '2026-05-31', status: 'met' },
        { from: '2026-06-01', to: '2026-06-30', status: 'met' }, // held on 1 June
      ] },
      { windows: [{ from: '2026-04-01', to: '2026-06-30', status: 'met' }] },
      { windows: [{ from: '2026-07-01', to: '2026-09-30', status: 'met' }] },
    ] }] };
    const m = monthMatrix(running, '2026-06-02');
    expect(m.cells[4]).toEqual([4, 0, 100, 1, 1]); // May has ended
    expect(m.cells[5][2]).toBeNull(); // June on its second day
    expect(m.cells[8][2]).toBeNull(); // nor the quarter to come
    expect(monthMatrix(running, '2026-07-01').cells[5]).toEqual([5, 0, 100, 2, 2]);
  });
  test('an empty board', () => {
    expect(monthMatrix(null)).toEqual({ branches: [], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], cells: [] });
  });
});

describe('totals', () => {
  test('attendance over all branches', () => {
    expect(overallAttendance(board)).toEqual({ expected: 20, present: 18, rate: 0.9 });
    expect(overallAttendance({ branches: [] }).rate).toBeNull();
  });
  test('window counts', () => {
    expect(windowCounts(board.branches[0].rules)).toEqual({ met: 2, missed: 2, pending: 1 });
  });
});
