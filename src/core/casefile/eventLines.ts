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
const BYTES_DASH = 4; // bytes written `-` (parsed as 0)
const REFERER_EMPTY = 8; // referer written `""` (parsed as null, like `"-"`)
const UA_EMPTY = 16; // user agent written `""`
const XFF_EMPTY = 32; // X-Forwarded-For written `""`

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

/**
 * How the view can rebuild `raw` from the event's fields, or null when it cannot (escaped quotes, a remote
 * user, appended fields, an unusual request line…): walks the line piece by piece in the order the view
 * concatenates them, so a match means the concatenation equals the line.
 */
export function accessLineShape(raw: string, e: LineFields, format: number): LineShape | null {
  if (format === 0 || e.kind !== 'http_request' || e.extra !== null || e.ip === null || e.method === null || e.path === null) return null;
  if (raw.indexOf('\u0000') >= 0) return null;
  // Each step: does the line go on with this piece? (no closures: this runs for every line of a large log)
  let p = 0;
  for (const piece of [e.ip, ' - - [', e.ts_text, '] "', e.method, ' ', e.path]) {
    if (!raw.startsWith(piece, p)) return null;
    p += piece.length;
  }
  let proto: string | null = null;
  if (raw.charCodeAt(p) === 32) {
    const q = raw.indexOf('"', p + 1);
    if (q < 0) return null;
    proto = raw.slice(p + 1, q);
    if (!PROTO.test(proto)) return null;
    p = q;
  }
  const status = e.status === null ? '-' : String(e.status);
  if (!raw.startsWith('" ', p) || !raw.startsWith(status, p + 2) || raw.charCodeAt(p + 2 + status.length) !== 32) return null;
  p += 3 + status.length;
  let shape = format;
  if (e.bytes === 0 && raw.charCodeAt(p) === 45 /* - */) {
    shape |= BYTES_DASH;
    p++;
  } else {
    if (e.bytes === null) return null;
    const bytes = String(e.bytes);
    if (!raw.startsWith(bytes, p)) return null;
    p += bytes.length;
  }
  // ` "value"`, where a null value was written `-` or (flag) `""`.
  const quoted = (value: string | null, emptyFlag: number): boolean => {
    if (!raw.startsWith(' "', p)) return false;
    p += 2;
    if (value !== null) {
      if (!raw.startsWith(value, p)) return false;
      p += value.length;
    } else if (raw.charCodeAt(p) === 34 /* " */) shape |= emptyFlag;
    else if (raw.charCodeAt(p) === 45 /* - */) p++;
    else return false;
    if (raw.charCodeAt(p) !== 34) return false;
    p++;
    return true;
  };
  if (format >= 2 && !(quoted(e.referer, REFERER_EMPTY) && quoted(e.user_agent, UA_EMPTY))) return null;
  if (format === 3 && !quoted(e.xff, XFF_EMPTY)) return null;
  return p === raw.length ? { shape, proto } : null;
}
