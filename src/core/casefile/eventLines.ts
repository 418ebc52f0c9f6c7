// The TypeScript side of the compact event layout (schema migration 4). The `events` view rebuilds a CLF
// timestamp text from (ts, ts_offset) and an access-log line from its parsed fields and `line_shape`; the writer
// stores a row that way only when the functions here say the rebuild gives back the exact text, and they must
// follow the view's SQL character for character (test/core/casefile/compactEvents.test.ts reads real lines back
// through the view). Anything they cannot prove exact keeps its text verbatim.
import type { EventRow } from '../types';

/** The parsed fields an access-log line is rebuilt from. */
export type LineFields = Pick<EventRow, 'kind' | 'extra' | 'ip' | 'ts_text' | 'method' | 'path' | 'status' | 'bytes' | 'referer' | 'user_agent' | 'xff'>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `line_shape` bits 0-1: which access-log layout the line follows. */
export const LINE_FORMAT: Record<string, number> = { common: 1, combined: 2, 'nginx-main': 3 };
export const SHAPE_BYTES_DASH = 4; // bytes written `-` (parsed as 0)
export const SHAPE_REFERER_EMPTY = 8; // referer written `""` (parsed as null, like `"-"`)
export const SHAPE_UA_EMPTY = 16; // user agent written `""`
export const SHAPE_XFF_EMPTY = 32; // X-Forwarded-For written `""`

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `dd/Mon/yyyy:HH:MM:SS +hhmm` of an instant at a fixed offset in minutes: the view's strftime expression. */
export function clfTimeText(ts: number, offsetMinutes: number): string {
  const local = new Date((Math.trunc(ts / 1000) + offsetMinutes * 60) * 1000);
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad2(local.getUTCDate())}/${MONTHS[local.getUTCMonth()]}/${local.getUTCFullYear()}:` +
    `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())} ` +
    `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.trunc(abs / 60))}${pad2(abs % 60)}`
  );
}

/** The offset that rebuilds `tsText` exactly from `ts`, or null when the text must be stored. */
export function clfOffset(ts: number, tsText: string): number | null {
  if (tsText.length !== 26 || ts < 0 || ts % 1000 !== 0 || ts >= 253402300800000) return null;
  const m = /^([+-])(\d\d)(\d\d)$/.exec(tsText.slice(21));
  if (!m) return null;
  const offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const local = ts + offset * 60_000;
  if (local < Date.UTC(1000, 0, 1) || local >= Date.UTC(10000, 0, 1)) return null;
  return clfTimeText(ts, offset) === tsText ? offset : null;
}

export interface LineShape {
  shape: number;
  /** Protocol of the request line (`HTTP/1.1`), null when the request has none. */
  proto: string | null;
}

const PROTO = /^[A-Za-z0-9./]{1,16}$/;
/** The last protocol that passed PROTO (accessLineShape). */
let lastProto = 'HTTP/1.1';

/**
 * How the view can rebuild `raw` from the event's fields, or null when it cannot (escaped quotes, a remote
 * user, appended fields, an unusual request line…): walks the line piece by piece in the order the view
 * concatenates them, so a match means the concatenation equals the line.
 */
export function accessLineShape(raw: string, e: LineFields, format: number): LineShape | null {
  if (format === 0 || e.kind !== 'http_request' || e.extra !== null || e.ip === null || e.method === null || e.path === null) return null;
  if (raw.indexOf('\u0000') >= 0) return null;
  // Each step: does the line go on with this piece? (no closures or arrays: this runs for every line of a large log)
  let p = follows(raw, 0, e.ip);
  p = follows(raw, p, ' - - [');
  p = follows(raw, p, e.ts_text);
  p = follows(raw, p, '] "');
  p = follows(raw, p, e.method);
  p = follows(raw, p, ' ');
  p = follows(raw, p, e.path);
  if (p < 0) return null;
  let proto: string | null = null;
  if (raw.charCodeAt(p) === 32) {
    // Nearly every line of a log has the protocol of the line before (HTTP/1.1): checked in place, no new string.
    const q = p + 1 + lastProto.length;
    if (raw.charCodeAt(q) === 34 && follows(raw, p + 1, lastProto) === q) {
      proto = lastProto;
      p = q;
    } else {
      const end = raw.indexOf('"', p + 1);
      if (end < 0) return null;
      proto = raw.slice(p + 1, end);
      if (!PROTO.test(proto)) return null;
      lastProto = proto;
      p = end;
    }
  }
  p = follows(raw, p, '" ');
  p = follows(raw, p, e.status === null ? '-' : String(e.status));
  p = follows(raw, p, ' ');
  if (p < 0) return null;
  let shape = format;
  if (e.bytes === 0 && raw.charCodeAt(p) === 45 /* - */) {
    shape |= SHAPE_BYTES_DASH;
    p++;
  } else {
    if (e.bytes === null) return null;
    p = follows(raw, p, String(e.bytes));
    if (p < 0) return null;
  }
  if (format >= 2) {
    if (e.referer === null && raw.startsWith(' ""', p)) shape |= SHAPE_REFERER_EMPTY;
    p = quoted(raw, p, e.referer);
    if (p < 0) return null;
    if (e.user_agent === null && raw.startsWith(' ""', p)) shape |= SHAPE_UA_EMPTY;
    p = quoted(raw, p, e.user_agent);
    if (p < 0) return null;
  }
  if (format === 3) {
    if (e.xff === null && raw.startsWith(' ""', p)) shape |= SHAPE_XFF_EMPTY;
    p = quoted(raw, p, e.xff);
    if (p < 0) return null;
  }
  return p === raw.length ? { shape, proto } : null;
}

/**
 * Position after `piece` when the line goes on with it at `p`, else -1 (and -1 stays -1). `indexOf` from `p`
 * compares in one go (memchr + memcmp) where startsWith at a position walks character by character in V8 — 2-4×
 * slower on a user agent; on a mismatch it searches on, at most to the end of the line.
 */
function follows(raw: string, p: number, piece: string): number {
  return p >= 0 && raw.indexOf(piece, p) === p ? p + piece.length : -1;
}

/** Position after ` "value"` at `p` (a null value written `-` or `""`), else -1. */
function quoted(raw: string, p: number, value: string | null): number {
  if (!raw.startsWith(' "', p)) return -1;
  p += 2;
  if (value !== null) p = follows(raw, p, value);
  else if (raw.charCodeAt(p) === 45 /* - */) p++;
  else if (raw.charCodeAt(p) !== 34 /* " */) return -1;
  return p >= 0 && raw.charCodeAt(p) === 34 ? p + 1 : -1;
}
