// IP address parsing for range look-ups and CIDR matching. No dependency: IPv4 as an unsigned 32-bit number,
// IPv6 as two unsigned 64-bit halves (BigInt). IPv4-mapped IPv6 (::ffff:a.b.c.d) is treated as IPv4.

export type ParsedIp = { v: 4; n: number } | { v: 6; hi: bigint; lo: bigint };

const MASK64 = (1n << 64n) - 1n;

export function parseIpv4(s: string): number | null {
  // char-code scan: this runs once per event and per look-up
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return null;
    } else if (c === 46) {
      if (!digits || ++dots > 3) return null;
      n = n * 256 + part;
      part = 0;
      digits = 0;
    } else return null;
  }
  if (dots !== 3 || !digits) return null;
  return n * 256 + part;
}

/** Parses an IPv6 address (with optional zone id and embedded IPv4 tail) into a 128-bit BigInt. */
export function parseIpv6Big(s: string): bigint | null {
  let str = s.trim();
  const zone = str.indexOf('%');
  if (zone >= 0) str = str.slice(0, zone);
  if (str.startsWith('[') && str.endsWith(']')) str = str.slice(1, -1);
  if (!/^[0-9a-fA-F:.]+$/.test(str) || !str.includes(':')) return null;
  const lastColon = str.lastIndexOf(':');
  const lastPart = str.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    // embedded IPv4 tail (::ffff:1.2.3.4): rewrite it as two hex groups
    const v4 = parseIpv4(lastPart);
    if (v4 === null) return null;
    str = str.slice(0, lastColon + 1) + ((v4 >>> 16) & 0xffff).toString(16) + ':' + (v4 & 0xffff).toString(16);
  }
  const dbl = str.split('::');
  if (dbl.length > 2) return null;
  const head = dbl[0] ? dbl[0].split(':') : [];
  const rest = dbl.length === 2 && dbl[1] ? dbl[1].split(':') : [];
  if (![...head, ...rest].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const total = head.length + rest.length;
  if (dbl.length === 2 ? total > 7 : total !== 8) return null;
  const all = [...head, ...new Array<string>(8 - total).fill('0'), ...rest].map((g) => parseInt(g, 16));
  let n = 0n;
  for (const g of all) n = (n << 16n) | BigInt(g);
  return n;
}

export function parseIp(s: string | null | undefined): ParsedIp | null {
  if (!s) return null;
  const t = s.trim();
  if (t.includes(':')) {
    const big = parseIpv6Big(t);
    if (big === null) return null;
    // ::ffff:a.b.c.d → IPv4
    if (big >> 32n === 0xffffn) return { v: 4, n: Number(big & 0xffffffffn) };
    return { v: 6, hi: big >> 64n, lo: big & MASK64 };
  }
  const n = parseIpv4(t);
  return n === null ? null : { v: 4, n };
}

export function isIp(s: string | null | undefined): boolean {
  return parseIp(s) !== null;
}

export interface Cidr {
  v: 4 | 6;
  text: string;
  // inclusive range as 128-bit numbers (IPv4 in the low 32 bits)
  start: bigint;
  end: bigint;
}

/** Parses "a.b.c.d/n", "x::/n" or a bare address (a /32 or /128). */
export function parseCidr(text: string): Cidr | null {
  const [addr, bitsText, ...extra] = text.trim().split('/');
  if (extra.length) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const width = ip.v === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
  if (!(bits >= 0 && bits <= width)) return null;
  const value = ip.v === 4 ? BigInt(ip.n) : (ip.hi << 64n) | ip.lo;
  const hostBits = BigInt(width - bits);
  const start = (value >> hostBits) << hostBits;
  const end = start | ((1n << hostBits) - 1n);
  return { v: ip.v, text: `${addr.trim()}/${bits}`, start, end };
}

export function cidrContains(c: Cidr, ip: ParsedIp): boolean {
  if (c.v !== ip.v) return false;
  const value = ip.v === 4 ? BigInt(ip.n) : (ip.hi << 64n) | ip.lo;
  return value >= c.start && value <= c.end;
}

const PRIVATE_CIDRS = [
  '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10',
  '::1/128', 'fc00::/7', 'fe80::/10',
].map((c) => parseCidr(c)!);

const PRIVATE_V4 = PRIVATE_CIDRS.filter((c) => c.v === 4).map((c) => [Number(c.start), Number(c.end)]);

/** Private, loopback, link-local or CGNAT space: never a public customer address. */
export function isPrivateIp(ip: ParsedIp): boolean {
  if (ip.v === 4) return PRIVATE_V4.some(([a, b]) => ip.n >= a && ip.n <= b);
  return PRIVATE_CIDRS.some((c) => cidrContains(c, ip));
}
