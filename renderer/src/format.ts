/**
 * Display helpers. Dates travel as 'YYYY-MM-DD' with no time zone; they are
 * formatted by splitting the string, never through the host's local time.
 */

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'] as const;

function parts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** '2025-10-13' → '2025年10月13日' */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  if (!p) return iso;
  return `${p[0]}年${p[1]}月${p[2]}日`;
}

/** '2025-10-13' → '星期一' (computed in UTC so the host time zone cannot shift it) */
export function weekdayOf(iso: string): string {
  const p = parts(iso);
  if (!p) return '';
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
  return `星期${WEEKDAYS[d.getUTCDay()] ?? ''}`;
}

/** '2025-10-13' → '2025年10月13日（星期一）' */
export function formatDateWithWeekday(iso: string | null | undefined): string {
  if (!iso) return '—';
  const w = weekdayOf(iso);
  return w ? `${formatDate(iso)}（${w}）` : formatDate(iso);
}

/** An ISO timestamp → '2025年9月29日 12:00' in Beijing time. */
export function formatTimestamp(ts: string | null | undefined): string {
  if (!ts) return '—';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return ts;
  const d = new Date(t + 8 * 3_600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

/** Full-width digits and letters from Chinese IMEs → ASCII. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A count typed into a text box → number for the schema: '' → undefined,
 * digits → the number, anything else → NaN (so the schema says 应为数字).
 */
export function parseCount(raw: string): number | undefined {
  const s = toHalfWidth(raw).trim();
  if (s === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return Number.NaN;
  return Number(s);
}

export function countToText(n: number | undefined | null): string {
  return n === undefined || n === null ? '' : String(n);
}

function addDaysIso(iso: string, days: number): string {
  const p = parts(iso)!;
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2] + days));
  return d.toISOString().slice(0, 10);
}

/**
 * A list of dates as a clerk types it: separated by new lines, commas, 、 or
 * spaces; a range written 'YYYY-MM-DD 至 YYYY-MM-DD' (or ~) expands to every
 * day in it. Returns the dates, or the first piece that is not a date.
 */
export function parseDateList(text: string): { dates: string[]; bad: string | null } {
  const norm = toHalfWidth(text).replace(/\s*(至|~|～|—|--)\s*/g, '~').replace(/[/.]/g, '-');
  const pieces = norm.split(/[\s,，、;；]+/).filter(Boolean);
  const out: string[] = [];
  for (const piece of pieces) {
    const range = /^(\d{4}-\d{1,2}-\d{1,2})~(\d{4}-\d{1,2}-\d{1,2})$/.exec(piece);
    if (range) {
      const a = padIso(range[1]!);
      const b = padIso(range[2]!);
      if (!a || !b || b < a) return { dates: out, bad: piece };
      for (let d = a, i = 0; d <= b && i < 60; d = addDaysIso(d, 1), i++) out.push(d);
      continue;
    }
    const one = padIso(piece);
    if (!one) return { dates: out, bad: piece };
    out.push(one);
  }
  return { dates: [...new Set(out)].sort(), bad: null };
}

function padIso(s: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const p = parts(iso)!;
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
  return d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Collapses consecutive dates into ranges for display: '10月1日至10月8日'. */
export function summariseDates(dates: string[]): string {
  const sorted = [...dates].sort();
  const groups: [string, string][] = [];
  for (const d of sorted) {
    const last = groups[groups.length - 1];
    if (last && addDaysIso(last[1], 1) === d) last[1] = d;
    else groups.push([d, d]);
  }
  const short = (iso: string) => {
    const p = parts(iso);
    return p ? `${p[1]}月${p[2]}日` : iso;
  };
  return groups.map(([a, b]) => (a === b ? short(a) : `${short(a)}至${short(b)}`)).join('、') || '—';
}
