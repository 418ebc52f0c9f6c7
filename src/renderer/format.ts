// Display helpers. Everything returns plain strings rendered as React text (never HTML).
import { DateTime } from 'luxon';
import { isMsg, type MessageId, type Msg } from '../core/i18n';
import { t, tr } from './i18n';

/**
 * The one time format of the app: the case's zone, 24 h, the language's date order, zone abbreviation —
 * `2025-11-23 07:02:04 CET` / `23/11/2025 07:02:04 UTC+1`. The same instant in UTC goes beside it or in a
 * hover title (formatUtc).
 */
export function formatTime(ms: number | string | null | undefined, tz: string): string {
  const d = toDateTime(ms, tz);
  if (!d) return ms === null || ms === undefined || ms === '' ? '—' : String(ms);
  return `${tr().dateTime(d.toMillis(), tz, { seconds: true })} ${d.toFormat('ZZZZ', { locale: tr().locale })}`;
}

/** The same instant in UTC (hover titles, the "UTC" column beside the case time). */
export function formatUtc(ms: number | string | null | undefined): string {
  const d = toDateTime(ms, 'UTC');
  return d ? `${tr().dateTime(d.toMillis(), 'UTC', { seconds: true })} UTC` : '';
}

function toDateTime(ms: number | string | null | undefined, tz: string): DateTime | null {
  if (ms === null || ms === undefined || ms === '') return null;
  const d = typeof ms === 'number' ? DateTime.fromMillis(ms, { zone: tz }) : DateTime.fromISO(ms, { zone: tz });
  if (d.isValid) return d;
  const t = typeof ms === 'string' ? Date.parse(ms) : NaN;
  return Number.isFinite(t) ? DateTime.fromMillis(t, { zone: tz }) : null;
}

/**
 * A count with its noun: an ICU plural message of the catalogue whose number argument is `count`. The older
 * `{ one, other }` English pair is still accepted so a screen can move to the catalogue one string at a time.
 */
export function plural(n: number, id: MessageId | { one: string; other: string }): string {
  if (typeof id === 'string') return t(id, { count: n });
  const form = new Intl.PluralRules('en').select(n) === 'one' ? id.one : id.other;
  return form.replace('#', formatCount(n));
}

export function formatBytes(n: number): string {
  const one = (x: number) => tr().number(x, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (n < 1024) return t('format.bytes', { n: tr().number(n) });
  if (n < 1024 * 1024) return t('format.kib', { n: one(n / 1024) });
  if (n < 1024 ** 3) return t('format.mib', { n: one(n / 1024 / 1024) });
  return t('format.gib', { n: tr().number(n / 1024 ** 3, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });
}

export function formatCount(n: number): string {
  return tr().number(n);
}

export function formatDuration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  if (s < 60) return t('format.seconds', { s: Math.ceil(s) });
  return t('format.minutesSeconds', { m: Math.floor(s / 60), s: Math.ceil(s % 60) });
}

/** Long hostile values (megabyte lines) are cut for display; the full text stays in the case. */
export function clip(s: string | null | undefined, max = 300): string {
  if (s === null || s === undefined) return '';
  return s.length > max ? t('format.clipped', { text: s.slice(0, max), n: formatCount(s.length) }) : s;
}

/** A case's title: as typed when the user gave one, in the language on screen when Alibi chose it (untitled, the sample). */
export function caseTitle(c: { title: string; titleMsg?: Msg }): string {
  return isMsg(c.titleMsg) ? tr().said(c.titleMsg, c.title) : c.title;
}

/** The breach lists some hits come from, each named once between the language's quotes: “Telecom leak” (2025-08). */
export function breachNames(hits: readonly { breachName: string; breachDate: string | null }[]): string {
  const names = [...new Set(hits.map((h) => t('ui.breach.name', { name: h.breachName, date: h.breachDate ?? '', hasDate: h.breachDate ? 'yes' : 'no' })))];
  return tr().list(names);
}
