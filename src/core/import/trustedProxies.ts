// Which address is the client: behind a trusted proxy (load balancer, CDN, local reverse proxy) the connecting
// address is the proxy, and the client is the right-most X-Forwarded-For hop that is not itself trusted.
// Right-most, not left-most: hops left of the first untrusted one are written by the client and can be forged.
// Behind a CDN (its edge ranges are trusted by default), the CDN's own client header wins over X-Forwarded-For.
import { CDN_RANGES } from './cdnRanges';

export const PRIVATE_RANGES = ['127.0.0.0/8', '::1/128', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];
export const DEFAULT_TRUSTED_PROXIES = [...PRIVATE_RANGES, ...CDN_RANGES.ranges];

/** 16 bytes (IPv4 as ::ffff:a.b.c.d), or null when the text is not an IP address. */
export function ipToBytes(ip: string): Uint8Array | null {
  let s = ip.trim();
  if (s.startsWith('[')) s = s.slice(1, s.indexOf(']') > 0 ? s.indexOf(']') : undefined);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::\d+)?$/.exec(s);
  const out = new Uint8Array(16);
  if (v4) {
    out[10] = 0xff;
    out[11] = 0xff;
    for (let i = 0; i < 4; i++) {
      const n = Number(v4[i + 1]);
      if (n > 255) return null;
      out[12 + i] = n;
    }
    return out;
  }
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct);
  if (!/^[0-9a-f:.]+$/i.test(s) || !s.includes(':')) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    const b = ipToBytes(s.slice(lastColon + 1));
    if (!b) return null;
    tail = [(b[12] << 8) | b[13], (b[14] << 8) | b[15]];
    s = s.slice(0, lastColon) + (s[lastColon - 1] === ':' ? ':' : '');
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const groups = [...head];
  const fill = 8 - head.length - rest.length - tail.length;
  if (halves.length === 2) {
    if (fill < 0) return null;
    for (let i = 0; i < fill; i++) groups.push(0);
  } else if (fill !== 0) return null;
  groups.push(...rest, ...tail);
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return null;
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

interface Cidr { bytes: Uint8Array; bits: number }

export function parseCidr(cidr: string): Cidr | null {
  const [addr, len] = cidr.trim().split('/');
  const bytes = ipToBytes(addr);
  if (!bytes) return null;
  const isV4 = !addr.includes(':');
  const max = isV4 ? 32 : 128;
  const n = len === undefined ? max : Number(len);
  if (!Number.isInteger(n) || n < 0 || n > max) return null;
  return { bytes, bits: isV4 ? n + 96 : n };
}

function inCidr(b: Uint8Array, c: Cidr): boolean {
  let bits = c.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((b[i] & mask) !== (c.bytes[i] & mask)) return false;
  }
  return true;
}

export class TrustedProxies {
  private readonly cidrs: Cidr[];
  private readonly cache = new Map<string, boolean>();

  /** Throws with the offending entry when a CIDR does not parse. */
  constructor(cidrs: string[] = DEFAULT_TRUSTED_PROXIES) {
    this.cidrs = cidrs.map((c) => {
      const parsed = parseCidr(c);
      if (!parsed) throw new Error(`"${c}" is not an IP address or CIDR range`);
      return parsed;
    });
  }

  isTrusted(ip: string): boolean {
    let hit = this.cache.get(ip);
    if (hit === undefined) {
      const b = ipToBytes(ip);
      hit = b !== null && this.cidrs.some((c) => inCidr(b, c));
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(ip, hit);
    }
    return hit;
  }

  /**
   * The client address for a request that came from `ip` carrying the X-Forwarded-For chain `xff` and, behind a
   * CDN, the CDN's client header (`CF-Connecting-IP`, `True-Client-IP`). Either is believed only when `ip` is a
   * trusted proxy: anyone can send those headers straight to the shop. (A VPN that exits from a CDN's own ranges,
   * such as Cloudflare WARP, could still forge them: `ip` keeps the connecting address for that reason.)
   */
  clientIp(ip: string | null, xff: string | null, cdnClient: string | null = null): string | null {
    if (!ip || (!xff && !cdnClient) || !this.isTrusted(ip)) return ip;
    if (cdnClient) {
      const c = stripPort(cdnClient.trim());
      if (ipToBytes(c)) return c;
    }
    if (!xff || xff === '-') return ip;
    const hops = xff.split(',').map((h) => h.trim()).filter((h) => h !== '' && h !== '-' && h.toLowerCase() !== 'unknown');
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!this.isTrusted(hops[i])) return stripPort(hops[i]);
    }
    return hops.length > 0 ? stripPort(hops[0]) : ip;
  }
}

function stripPort(hop: string): string {
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  if (v4) return v4[1];
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  return v6 ? v6[1] : hop;
}
