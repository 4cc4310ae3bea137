// Formatting and period arithmetic shared by the pages.

/** '2026-11-23T14:44:38.146Z' → '2026-11-23 22:44' in the browser's zone. */
export function formatTime(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return String(ts);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A rate 0..1 → '87.5%'; null → '—'. */
export function percent(r, digits = 1) {
  if (r === null || r === undefined || Number.isNaN(r)) return '—';
  return `${(r * 100).toFixed(digits)}%`;
}

// The server's day (GET /session's `today`: the bureau's date, or the fixed
// bureau.today of a test); the browser's clock only until the session is read.
let serverDay = null;

/** Sets the server's day ('YYYY-MM-DD'); anything else returns to the browser's clock. */
export function setServerToday(d) {
  serverDay = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

/** Today as YYYY-MM-DD: of the given Date (browser's zone), else the server's day. */
export function today(now) {
  if (!now && serverDay) return serverDay;
  const d = now || new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The year and month (1-12) of today(). */
export function thisYear() {
  return Number(today().slice(0, 4));
}
export function thisMonth() {
  return Number(today().slice(5, 7));
}

/** The API's period for a year, a quarter (1-4) or a month (1-12). */
export function period(kind, year, n) {
  if (kind === 'year') return String(year);
  if (kind === 'quarter') {
    if (!(n >= 1 && n <= 4)) throw new RangeError('quarter 1-4');
    return `${year}Q${n}`;
  }
  if (kind === 'month') {
    if (!(n >= 1 && n <= 12)) throw new RangeError('month 1-12');
    return `${year}-${String(n).padStart(2, '0')}`;
  }
  throw new RangeError(`unknown period kind ${kind}`);
}

/** Parses '2026', '2026Q3', '2026-07' → {kind, year, n}, or null. */
export function parsePeriod(s) {
  let m = /^(\d{4})$/.exec(s || '');
  if (m) return { kind: 'year', year: +m[1], n: null };
  m = /^(\d{4})Q([1-4])$/.exec(s);
  if (m) return { kind: 'quarter', year: +m[1], n: +m[2] };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  if (m) return { kind: 'month', year: +m[1], n: +m[2] };
  return null;
}

/** The current quarter's period, e.g. '2026Q4' (of the given Date, else of today()). */
export function currentQuarter(now) {
  if (now) return period('quarter', now.getFullYear(), Math.floor(now.getMonth() / 3) + 1);
  return period('quarter', thisYear(), Math.floor((thisMonth() - 1) / 3) + 1);
}

/** Bytes → '1.2 MB'. */
export function fileSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** May an evidence file be shown in the browser (GET /files/{id}?inline=1): a photo or a PDF. */
export const inlineFile = (f) => !!f?.mime && (f.mime.startsWith('image/') || f.mime === 'application/pdf');

/**
 * A form rule refusing a date after the server's today with `message` (the
 * date picker would otherwise drop a typed future date for the old value).
 */
export function notAfterToday(message) {
  return {
    trigger: 'change',
    validator: (_rule, v, cb) => (v && String(v) > today() ? cb(new Error(message)) : cb()),
  };
}

/** An element-plus form rule: a date not before today() (a planned meeting). */
export function notBeforeToday(message) {
  return {
    trigger: 'change',
    validator: (_rule, v, cb) => (v && String(v) < today() ? cb(new Error(message)) : cb()),
  };
}
