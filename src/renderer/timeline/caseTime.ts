// Case-time-zone arithmetic for the timeline: the axis and the "jump to" field speak the case's zone, the engine UTC ms.
import { DateTime } from 'luxon';
import { formatTime } from '../format';

/** Offset of the zone from UTC at that instant, minutes (DST-aware). */
export function zoneOffsetMinutes(ms: number, tz: string): number {
  const hour = Math.floor(ms / HOUR_MS);
  let hours = offsetsByHour.get(tz);
  if (!hours) offsetsByHour.set(tz, (hours = new Map()));
  let o = hours.get(hour);
  if (o === undefined) {
    // One lookup per hour of the zone: the offset at the hour's first and last millisecond, kept when they agree
    // (no zone changes its offset twice within an hour); an hour holding a change is looked up per instant.
    const a = exactOffset(hour * HOUR_MS, tz);
    o = a === exactOffset(hour * HOUR_MS + HOUR_MS - 1, tz) ? a : NaN;
    if (hours.size >= 100_000) hours.clear();
    hours.set(hour, o);
  }
  return Number.isNaN(o) ? exactOffset(ms, tz) : o;
}

const HOUR_MS = 3_600_000;
// vis-timeline asks the offset of every tick, label and "today" check on each redraw (through its moment option):
// a luxon zone lookup each time was ~30 ms of the first paint of the 1M case.
const offsetsByHour = new Map<string, Map<number, number>>();

function exactOffset(ms: number, tz: string): number {
  const d = DateTime.fromMillis(ms, { zone: tz });
  return d.isValid ? d.offset : 0;
}

/** A `datetime-local` value (YYYY-MM-DDTHH:mm[:ss]) read in the case zone → UTC ms, or null when invalid. */
export function localInputToUtc(value: string, tz: string): number | null {
  const d = DateTime.fromISO(value, { zone: tz });
  return d.isValid ? d.toMillis() : null;
}

/** UTC ms → a `datetime-local` value in the case zone. */
export function utcToLocalInput(ms: number, tz: string): string {
  return DateTime.fromMillis(ms, { zone: tz }).toFormat("yyyy-LL-dd'T'HH:mm:ss");
}

/** The app's one time format (see format.ts). */
export function formatInZone(ms: number, tz: string): string {
  return formatTime(ms, tz);
}
