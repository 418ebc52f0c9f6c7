// Display helpers. Everything returns plain strings rendered as React text (never HTML).
import { DateTime } from 'luxon';

/**
 * The one time format of the app: the case's zone, 24 h, ISO order, zone abbreviation — `2025-11-23 07:02:04 CET`.
 * The same instant in UTC goes beside it or in a hover title (formatUtc).
 */
export function formatTime(ms: number | string | null | undefined, tz: string): string {
  const d = toDateTime(ms, tz);
  if (!d) return ms === null || ms === undefined || ms === '' ? '—' : String(ms);
  return d.toFormat('yyyy-LL-dd HH:mm:ss ZZZZ', { locale: 'en-GB' });
}

/** The same instant in UTC (hover titles, the "UTC" column beside the case time). */
export function formatUtc(ms: number | string | null | undefined): string {
  const d = toDateTime(ms, 'UTC');
  return d ? `${d.toFormat('yyyy-LL-dd HH:mm:ss')} UTC` : '';
}

function toDateTime(ms: number | string | null | undefined, tz: string): DateTime | null {
  if (ms === null || ms === undefined || ms === '') return null;
  const d = typeof ms === 'number' ? DateTime.fromMillis(ms, { zone: tz }) : DateTime.fromISO(ms, { zone: tz });
  if (d.isValid) return d;
  const t = typeof ms === 'string' ? Date.parse(ms) : NaN;
  return Number.isFinite(t) ? DateTime.fromMillis(t, { zone: tz }) : null;
}

/**
 * A count with its noun in the right plural form. Both forms are whole phrases with `#` for the number, so a
 * translation can reorder them later (no sentence built by concatenation).
 */
export function plural(n: number, forms: { one: string; other: string }): string {
  const form = new Intl.PluralRules('en').select(n) === 'one' ? forms.one : forms.other;
  return form.replace('#', formatCount(n));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}

/** Long hostile values (megabyte lines) are cut for display; the full text stays in the case. */
export function clip(s: string | null | undefined, max = 300): string {
  if (s === null || s === undefined) return '';
  return s.length > max ? `${s.slice(0, max)}… (${formatCount(s.length)} chars)` : s;
}
