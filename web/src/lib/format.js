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

/** Today as YYYY-MM-DD in the browser's zone. */
export function today(now = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
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

/** The current quarter's period, e.g. '2026Q4'. */
export function currentQuarter(now = new Date()) {
  return period('quarter', now.getFullYear(), Math.floor(now.getMonth() / 3) + 1);
}

/** Bytes → '1.2 MB'. */
export function fileSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** May an evidence file be shown in the browser (GET /files/{id}?inline=1): a photo or a PDF. */
export const inlineFile = (f) => !!f?.mime && (f.mime.startsWith('image/') || f.mime === 'application/pdf');
