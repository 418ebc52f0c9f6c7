// Times in the report: the case's time zone for reading, UTC beside it for evidence.
import { DateTime } from 'luxon';

export function localTime(ms: number, tz: string): string {
  return DateTime.fromMillis(ms, { zone: tz }).toFormat('yyyy-MM-dd HH:mm:ss');
}

export function localDateLong(ms: number, tz: string): string {
  return DateTime.fromMillis(ms, { zone: tz }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

export function localClock(ms: number, tz: string, seconds = true): string {
  return DateTime.fromMillis(ms, { zone: tz }).toFormat(seconds ? 'HH:mm:ss' : 'HH:mm');
}

export function utcTime(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyy-MM-dd HH:mm:ss'Z'");
}

/** "UTC+1" for the zone's offset at that instant. */
export function offsetLabel(ms: number, tz: string): string {
  const o = DateTime.fromMillis(ms, { zone: tz }).offset;
  if (o === 0) return 'UTC';
  const h = Math.floor(Math.abs(o) / 60);
  const m = Math.abs(o) % 60;
  return `UTC${o < 0 ? '−' : '+'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

export function isoToMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
