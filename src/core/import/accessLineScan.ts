// The common access-log line read without a regex (issue 12). A line of the exact shape the compact layout rebuilds
// — `ip - - [dd/Mon/yyyy:HH:MM:SS +hhmm] "METHOD /path HTTP/x" status bytes "referer" "agent"` (+ `"xff"` for
// nginx-main; no referer/agent for common), no backslash, nothing appended — is walked once, left to right, and
// its fields and line shape come out together: no regex, no re-walk to prove the rebuild, no event object per line.
// Any other line returns null and goes through the format's regex and accessLineShape, which stay the reference:
// the scanner accepts only lines both read exactly as it does (test/core/import/accessLineScan.test.ts compares
// the two on the real logs, the generated bench log and hostile variants).
import { clfOffset, LINE_FORMAT, SHAPE_BYTES_DASH, SHAPE_REFERER_EMPTY, SHAPE_UA_EMPTY, SHAPE_XFF_EMPTY } from '../casefile/eventLines';
import { MAX_FIELD_CHARS } from './lineContext';
import { emptyEvent, type ParsedEvent } from './parsedEvent';
import { parseClfTime } from './timestamps';
import type { TrustedProxies } from './trustedProxies';

const SPACE = 32;
const QUOTE = 34;
const DASH = 45;
const EMPTY = -1;
const NONE = -2;

/** Characters of an X-Forwarded-For the nginx-main regex takes (its `unknown` token is left to the regex). */
function xffChar(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46 || c === 91 || c === 93 || c === 44 || c === SPACE;
}

export class AccessLineScanner {
  /** The event of the last line scanned: one object, overwritten by the next line (copy what you keep). */
  readonly event: ParsedEvent = emptyEvent('http_request');
  /** `line_shape` of the last line scanned. */
  shape = 0;
  /** Protocol of the last line scanned. */
  proto = 'HTTP/1.1';
  /** CLF offset of the last line's time, in minutes. */
  offset = 0;
  private lastTime = '';
  private lastTs = 0;
  private lastOffset = 0;
  /** Request methods seen (a handful): matched in place, so no new string per line. */
  private readonly methods: string[] = [];
  /** Value of a quoted field just read: a string, or EMPTY (`""`) / NONE (`-`). */
  private quotedValue: string | number = NONE;

  constructor(private readonly format: number, private readonly proxies: TrustedProxies) {}

  /** Reads `line`, or returns null when the line is not of the exact shape (the regex path takes it then). */
  scan(line: string): ParsedEvent | null {
    const n = line.length;
    if (line.indexOf('\\') >= 0 || line.indexOf('\u0000') >= 0) return null;
    // Remote address: printable ASCII up to the first space, not a bracketed IPv6 (the parser strips those).
    const sp = line.indexOf(' ');
    if (sp <= 0 || line.charCodeAt(0) === 91) return null;
    for (let i = 0; i < sp; i++) {
      const c = line.charCodeAt(i);
      if (c <= SPACE || c >= 127) return null;
    }
    if (!line.startsWith(' - - [', sp)) return null;
    // Time: exactly the 26 characters the view rebuilds from the instant and its offset, then `] "`.
    const t = sp + 6;
    if (line.charCodeAt(t + 26) !== 93 || line.charCodeAt(t + 27) !== SPACE || line.charCodeAt(t + 28) !== QUOTE) return null;
    if (this.lastTime === '' || !line.startsWith(this.lastTime, t)) {
      const time = line.slice(t, t + 26);
      if (this.sameMinute(line, t)) {
        // Only the seconds differ (00–59) from the last time, whose rebuild was checked: the instant moves by those
        // seconds, the offset stays, and the rebuild stays exact (same minute). No parse, no rebuild to compare:
        // one line in ten of a busy log starts a new second (~0.1 CPU-s per 1M lines in the parse thread).
        const last = this.lastTime;
        this.lastTs += ((line.charCodeAt(t + 18) - last.charCodeAt(18)) * 10 + line.charCodeAt(t + 19) - last.charCodeAt(19)) * 1000;
      } else {
        const ts = parseClfTime(time);
        const offset = Number.isNaN(ts) ? null : clfOffset(ts, time);
        if (offset === null) return null;
        this.lastTs = ts;
        this.lastOffset = offset;
      }
      this.lastTime = time;
    }
    // Request: METHOD SP path SP HTTP/x, exactly two spaces, the path not absolute-form.
    const r = t + 29;
    const end = line.indexOf('"', r);
    if (end < 0) return null;
    let sp1 = r;
    for (let c = line.charCodeAt(sp1); c >= 65 && c <= 90; c = line.charCodeAt(++sp1));
    if (line.charCodeAt(sp1) !== SPACE || sp1 - r < 3 || sp1 - r > 10) return null;
    const sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 <= sp1 + 1 || sp2 >= end || line.lastIndexOf(' ', end - 1) !== sp2 || sp2 - sp1 - 1 > MAX_FIELD_CHARS) return null;
    if (line.startsWith('http://', sp1 + 1) || line.startsWith('https://', sp1 + 1)) return null;
    if (!this.readProto(line, sp2 + 1, end)) return null;
    // Status: three digits from 100, or `-`.
    let p = end + 1;
    if (line.charCodeAt(p) !== SPACE) return null;
    p++;
    let status: number | null = null;
    if (line.charCodeAt(p) === DASH) p++;
    else {
      const a = line.charCodeAt(p) - 48;
      const b = line.charCodeAt(p + 1) - 48;
      const c = line.charCodeAt(p + 2) - 48;
      if (!(a >= 1 && a <= 9) || !(b >= 0 && b <= 9) || !(c >= 0 && c <= 9)) return null;
      status = a * 100 + b * 10 + c;
      p += 3;
    }
    if (line.charCodeAt(p) !== SPACE) return null;
    p++;
    // Bytes: `-`, or digits as String(number) writes them back (no leading zero, at most 15).
    let shape = this.format;
    let bytes = 0;
    if (line.charCodeAt(p) === DASH) {
      shape |= SHAPE_BYTES_DASH;
      p++;
    } else {
      const from = p;
      for (let c = line.charCodeAt(p); c >= 48 && c <= 57; c = line.charCodeAt(++p)) bytes = bytes * 10 + (c - 48);
      if (p === from || p - from > 15 || (line.charCodeAt(from) === 48 && p - from > 1)) return null;
    }
    const e = this.event;
    e.referer = null;
    e.user_agent = null;
    e.xff = null;
    if (this.format >= 2) {
      p = this.readQuoted(line, p);
      if (p < 0) return null;
      if (this.quotedValue === EMPTY) shape |= SHAPE_REFERER_EMPTY;
      else if (this.quotedValue !== NONE) e.referer = this.quotedValue as string;
      p = this.readQuoted(line, p);
      if (p < 0) return null;
      if (this.quotedValue === EMPTY) shape |= SHAPE_UA_EMPTY;
      else if (this.quotedValue !== NONE) e.user_agent = this.quotedValue as string;
    }
    if (this.format === 3) {
      const from = p + 2;
      p = this.readQuoted(line, p);
      if (p < 0) return null;
      if (this.quotedValue === EMPTY) shape |= SHAPE_XFF_EMPTY;
      else if (this.quotedValue !== NONE) {
        for (let i = from; i < p - 1; i++) if (!xffChar(line.charCodeAt(i))) return null;
        e.xff = this.quotedValue as string;
      }
    }
    if (p !== n) return null;
    e.ts = this.lastTs;
    e.ts_text = this.lastTime;
    e.ip = line.slice(0, sp);
    e.method = this.method(line, r, sp1);
    e.path = line.slice(sp1 + 1, sp2);
    e.status = status;
    e.bytes = bytes;
    e.client_ip = e.xff === null ? e.ip : this.proxies.clientIp(e.ip, e.xff, null);
    this.shape = shape;
    this.offset = this.lastOffset;
    return e;
  }

  /**
   * The time at `t` is the last one but for its seconds, written 00–59: the same 18 characters up to the minute,
   * the same offset after them.
   */
  private sameMinute(line: string, t: number): boolean {
    const last = this.lastTime;
    if (last === '') return false;
    const s1 = line.charCodeAt(t + 18);
    const s2 = line.charCodeAt(t + 19);
    if (s1 < 48 || s1 > 53 || s2 < 48 || s2 > 57) return false;
    for (let i = 0; i < 26; i++) if (i !== 18 && i !== 19 && line.charCodeAt(t + i) !== last.charCodeAt(i)) return false;
    return true;
  }

  /** The protocol between `from` and `to`: `HTTP/…` of at most 16 letters, digits, dots and slashes. */
  private readProto(line: string, from: number, to: number): boolean {
    const len = to - from;
    if (len === this.proto.length && line.startsWith(this.proto, from)) return true;
    if (len < 5 || len > 16 || !line.startsWith('HTTP/', from)) return false;
    for (let i = from + 5; i < to; i++) {
      const c = line.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 47)) return false;
    }
    this.proto = line.slice(from, to);
    return true;
  }

  private method(line: string, from: number, to: number): string {
    const len = to - from;
    for (const m of this.methods) if (m.length === len && line.startsWith(m, from)) return m;
    const m = line.slice(from, to);
    if (this.methods.length < 32) this.methods.push(m);
    return m;
  }

  /** Reads ` "value"` at `p` into quotedValue; the position after it, or -1. */
  private readQuoted(line: string, p: number): number {
    if (line.charCodeAt(p) !== SPACE || line.charCodeAt(p + 1) !== QUOTE) return -1;
    const from = p + 2;
    const close = line.indexOf('"', from);
    if (close < 0 || close - from > MAX_FIELD_CHARS) return -1;
    this.quotedValue = close === from ? EMPTY : close === from + 1 && line.charCodeAt(from) === DASH ? NONE : line.slice(from, close);
    return close + 1;
  }
}

/** The scanner of a log format whose lines the compact layout rebuilds (common, combined, nginx-main), else null. */
export function accessLineScanner(format: string, proxies: TrustedProxies): AccessLineScanner | null {
  const code = LINE_FORMAT[format];
  return code ? new AccessLineScanner(code, proxies) : null;
}
