// Timestamp parsing for imports. CLF times are parsed by hand (hot path: millions of log lines); the rarer
// zoneless local times go through luxon, which knows the IANA zone rules (DST).
import { DateTime } from 'luxon';

const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

function digits(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

// A busy log writes the same second on many consecutive lines: the last text read is remembered.
let lastClfText = '';
let lastClfMs = NaN;

/** `17/May/2015:10:05:03 +0000` (Apache %t / nginx $time_local, without brackets) → UTC ms, or NaN. */
export function parseClfTime(s: string): number {
  if (s === lastClfText) return lastClfMs;
  const ms = readClfTime(s);
  lastClfText = s;
  lastClfMs = ms;
  return ms;
}

function readClfTime(s: string): number {
  if (s.length !== 26 || s.charCodeAt(2) !== 47 || s.charCodeAt(6) !== 47 || s.charCodeAt(11) !== 58) return NaN;
  const day = digits(s, 0, 2);
  const month = MONTHS[s.slice(3, 6)];
  const year = digits(s, 7, 4);
  const hh = digits(s, 12, 2);
  const mm = digits(s, 15, 2);
  const ss = digits(s, 18, 2);
  const sign = s.charCodeAt(21) === 45 ? -1 : s.charCodeAt(21) === 43 ? 1 : 0;
  const oh = digits(s, 22, 2);
  const om = digits(s, 24, 2);
  if (month === undefined || sign === 0 || (day | year | hh | mm | ss | oh | om) < 0) return NaN;
  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60 || om > 59) return NaN;
  return Date.UTC(year, month, day, hh, mm, ss) - sign * (oh * 60 + om) * 60_000;
}

/** Broken-down local time as written, before a zone is applied. */
export interface LocalParts {
  year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number;
}

export type ParsedTime =
  | { kind: 'instant'; ms: number } // the text carried its own offset (or is an epoch)
  | { kind: 'local'; parts: LocalParts }; // zoneless: a zone must be supplied

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const DAY_FIRST_RE =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const EPOCH_RE = /^(\d{10}|\d{13})(?:\.(\d{1,6}))?$/;
// Magento's order grid: `Nov 23, 2025 6:41:12 AM` (the admin's locale format, zoneless).
const MONTH_NAME_RE = /^([A-Z][a-z]{2})[a-z]{0,6}\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])$/;
const MONTH_NUMBER: Record<string, number> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

/** Day/month order of numeric dates like `01/02/2025`: day first (Europe) unless the source says month first. */
export type DateOrder = 'dmy' | 'mdy';

function offsetMinutes(z: string): number {
  if (/^(z|utc|gmt)$/i.test(z)) return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const body = z.slice(1).replace(':', '');
  return sign * (Number(body.slice(0, 2)) * 60 + Number(body.slice(2, 4) || '0'));
}

function build(y: string, mo: string, d: string, h?: string, mi?: string, s?: string, frac?: string): LocalParts | null {
  const parts: LocalParts = {
    year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0),
    second: Number(s ?? 0), ms: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
  };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31 || parts.hour > 23 || parts.minute > 59 || parts.second > 60) {
    return null;
  }
  return parts;
}

function finish(parts: LocalParts, zone: string | undefined): ParsedTime {
  if (zone === undefined) return { kind: 'local', parts };
  const ms = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.ms);
  return { kind: 'instant', ms: ms - offsetMinutes(zone) * 60_000 };
}

/**
 * Parses the timestamp forms real exports use: ISO-like (`2025-11-23 06:41:12`, `…T…+01:00`, `… +0200`),
 * day-first European (`23/11/2025 06:41[:12]`), CLF, epoch seconds/ms. Returns null when unrecognised.
 */
export function parseTimestampText(text: string, order: DateOrder = 'dmy'): ParsedTime | null {
  const s = text.trim();
  if (s.length === 0) return null;
  let m = ISO_RE.exec(s);
  if (m) {
    const p = build(m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
    return p && finish(p, m[8]);
  }
  m = DAY_FIRST_RE.exec(s);
  if (m) {
    const p = order === 'dmy' ? build(m[3], m[2], m[1], m[4], m[5], m[6], m[7]) : build(m[3], m[1], m[2], m[4], m[5], m[6], m[7]);
    return p && finish(p, m[8]);
  }
  m = MONTH_NAME_RE.exec(s);
  if (m && MONTH_NUMBER[m[1]] !== undefined) {
    let hour = Number(m[4]);
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
    const p = build(m[3], String(MONTH_NUMBER[m[1]]), m[2], String(hour), m[5], m[6]);
    return p && finish(p, undefined);
  }
  const clf = parseClfTime(s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s);
  if (!Number.isNaN(clf)) return { kind: 'instant', ms: clf };
  m = EPOCH_RE.exec(s);
  if (m) {
    const whole = Number(m[1]);
    return { kind: 'instant', ms: m[1].length === 13 ? whole : Math.round(Number(s) * 1000) };
  }
  return null;
}

// Zone offsets change at most a few times a year: cache them per zone and local hour.
const offsetCache = new Map<string, number | null>();

/** A zoneless local time in an IANA zone → UTC ms; null for a local time that does not exist there (DST gap). */
export function localToUtc(p: LocalParts, zone: string): number | null {
  const key = `${zone}|${p.year}-${p.month}-${p.day}T${p.hour}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const dt = DateTime.fromObject(
      { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: 0, second: 0 },
      { zone },
    );
    offset = dt.isValid && dt.hour === p.hour ? dt.offset : null;
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  if (offset === null) return null;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms) - offset * 60_000;
}

/** Zone abbreviations as exports write them (Adyen/PayPal `TimeZone` column) → fixed offsets in minutes. */
export const ZONE_ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, IST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120,
  EET: 120, EEST: 180, MSK: 180, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, JST: 540, KST: 540, HKT: 480, SGT: 480,
  AWST: 480, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

/** Whether a zone written in a column is one `applyZoneText` reads (else its null means a daylight-saving gap). */
export function zoneTextKnown(zoneText: string): boolean {
  const z = zoneText.trim();
  return ZONE_ABBREVIATIONS[z.toUpperCase()] !== undefined || /^(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?$/i.test(z) || DateTime.local().setZone(z).isValid;
}

/** Applies a zone written in a column: an abbreviation (CET), an offset (+01:00) or an IANA name. */
export function applyZoneText(p: LocalParts, zoneText: string): number | null {
  const z = zoneText.trim();
  const abbr = ZONE_ABBREVIATIONS[z.toUpperCase()];
  const utc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  if (abbr !== undefined) return utc - abbr * 60_000;
  const off = /^(?:UTC|GMT)?\s*([+-]\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (off) {
    const sign = off[1][0] === '-' ? -1 : 1;
    return utc - sign * (Math.abs(Number(off[1])) * 60 + Number(off[2] ?? 0)) * 60_000;
  }
  if (DateTime.local().setZone(z).isValid) return localToUtc(p, z);
  return null;
}

/**
 * What numeric dates say about their day/month order: `dmy` when one has a first number above 12, `mdy` when one
 * has a second number above 12, `conflict` when both occur, `ambiguous` when every date reads both ways.
 */
export function dateOrderEvidence(texts: Iterable<string>): 'dmy' | 'mdy' | 'conflict' | 'ambiguous' {
  let dmy = false;
  let mdy = false;
  for (const t of texts) {
    const m = DAY_FIRST_RE.exec(t.trim().slice(0, 60));
    if (!m) continue;
    if (Number(m[1]) > 12) dmy = true;
    if (Number(m[2]) > 12) mdy = true;
  }
  return dmy && mdy ? 'conflict' : dmy ? 'dmy' : mdy ? 'mdy' : 'ambiguous';
}
