// 党费 in the console: money travels as integer fen and is typed and shown as
// yuan with two places, converted as text (no floating point); rates are
// basis points.  The server computes every amount (core/dues_rules.c).

/** 7650 → '76.50'; null/undefined → '—'. */
export function yuan(fen) {
  if (fen === null || fen === undefined || !Number.isInteger(fen)) return '—';
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** '5100', '5100.5', '5,100.50' → 510050 fen; null when not an amount with at most two places. */
export function toFen(text) {
  const s = String(text ?? '').replace(/[,，\s]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

/** 150 → '1.5%', 50 → '0.5%', 0 → '—'. */
export function rate(bp) {
  if (!bp) return '—';
  const whole = Math.floor(bp / 100);
  const rest = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${rest ? `.${rest}` : ''}%`;
}

export const CATEGORY_LABELS = { serving: '在职', retired: '离退休', no_income: '无收入' };
export const FLAG_LABELS = { warning: '欠缴提醒', serious: '严重欠缴' };
export const CHANNELS = ['工资代扣', '微信', '支付宝', '银行转账', '现金'];

/** The months from..to ('YYYY-MM'), inclusive; [] when to is before from. */
export function monthsBetween(from, to) {
  const n = (s) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
  const out = [];
  if (!/^\d{4}-\d{2}$/.test(from || '') || !/^\d{4}-\d{2}$/.test(to || '')) return out;
  for (let m = n(from); m <= n(to) && out.length < 36; m++)
    out.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  return out;
}

/** The first unpaid month after a member's last paid one (or their start), for the payment form. */
export function nextUnpaid(member) {
  const next = (s) => monthsBetween(s, `${Number(s.slice(0, 4)) + 1}-12`)[1];
  if (member?.last_paid_month) return next(member.last_paid_month);
  return member?.start_month || '';
}
