// Figures drawn from the compliance board (GET /compliance?period=YYYY).
import { FREQUENCIES } from './constants.js';

const fill = (s, v) => (v ? s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? String(v[k]) : m)) : s);

/** A meeting rule's requirement in words, through `tr` (t()): 每季度 1 次. */
export function ruleText(frequency, times, tr = fill) {
  return tr('{f} {n} 次', { f: tr(FREQUENCIES[frequency] || frequency || ''), n: times });
}

/**
 * Branch × month matrix: for each branch and month, the share (0-100) of the
 * rule windows ending in that month that were met; null where no window ended
 * yet.  A window is judged only once it has ended (its last day before
 * `todayStr`, the server's today): one met early (a month's meeting held on
 * its first day) does not make a month that is still running score 100.
 * Returns {branches, months, cells} with cells [monthIndex, branchIndex,
 * value|null, met, judged].
 */
export function monthMatrix(board, todayStr = null) {
  const branches = (board?.branches || []).map((b) => b.name);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const cells = [];
  (board?.branches || []).forEach((b, bi) => {
    const met = new Array(12).fill(0);
    const judged = new Array(12).fill(0);
    for (const r of b.rules || [])
      for (const w of r.windows || []) {
        const mo = Number(String(w.to).slice(5, 7)) - 1;
        if (!(mo >= 0 && mo < 12) || w.status === 'pending') continue;
        if (todayStr && !(String(w.to) < todayStr)) continue; // not over yet
        judged[mo]++;
        if (w.status === 'met') met[mo]++;
      }
    for (let mi = 0; mi < 12; mi++)
      cells.push([mi, bi, judged[mi] ? Math.round((met[mi] / judged[mi]) * 100) : null, met[mi], judged[mi]]);
  });
  return { branches, months, cells };
}

/** Overall attendance over the board's branches: {expected, present, rate}. */
export function overallAttendance(board) {
  let expected = 0;
  let present = 0;
  for (const b of board?.branches || []) {
    expected += b.expected_attendance || 0;
    present += b.present_attendance || 0;
  }
  return { expected, present, rate: expected ? present / expected : null };
}

/** Counts of a board's windows by status: {met, missed, pending}. */
export function windowCounts(rules = []) {
  const c = { met: 0, missed: 0, pending: 0 };
  for (const r of rules) for (const w of r.windows || []) c[w.status] = (c[w.status] || 0) + 1;
  return c;
}
