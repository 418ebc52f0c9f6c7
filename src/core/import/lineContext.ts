// What a log-line parser needs besides the line: who the trusted proxies are, the zone for formats that write
// local times (HAProxy), and a counter of such zoneless times (the source then records its zone as assumed).
import { localToUtc, type LocalParts } from './timestamps';
import { TrustedProxies } from './trustedProxies';

/** Longest text kept in a parsed field (user agent, path, referer…); the raw line keeps everything. */
export const MAX_FIELD_CHARS = 8 * 1024;

/** Caps a field before anything downstream runs a regex on it. */
export function capField(s: string | null): string | null {
  if (s === null || s.length <= MAX_FIELD_CHARS) return s;
  const high = s.charCodeAt(MAX_FIELD_CHARS - 1);
  const cut = high >= 0xd800 && high <= 0xdbff ? MAX_FIELD_CHARS - 1 : MAX_FIELD_CHARS; // keep surrogate pairs whole
  return `${s.slice(0, cut)}…`;
}

export interface LineContext {
  proxies: TrustedProxies;
  zone: string;
  stats: { zoneless: number };
  localToUtc(p: LocalParts): number | null;
}

export function lineContext(proxies: TrustedProxies, zone: string): LineContext {
  return { proxies, zone, stats: { zoneless: 0 }, localToUtc: (p) => localToUtc(p, zone) };
}
