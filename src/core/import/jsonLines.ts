// JSON access logs (one object per line). Keys are user-defined, so fields are found through alias lists.
// Nginx before 1.11.8 escaped bytes as `\xXX`, which is not JSON: those are rewritten to `\u00XX` first.
import { parseTimestampText } from './timestamps';
import { splitRequest } from './accessLogFormats';
import { emptyEvent, type ParseOutcome } from './parsedEvent';
import type { TrustedProxies } from './trustedProxies';

/** Alias lists, first present key wins. The tests parse `JSONL_SAMPLES`. */
export const JSONL_ALIASES = {
  time: ['time_local', 'time_iso8601', '@timestamp', 'timestamp', 'time', 'msec'],
  ip: ['remote_addr', 'remote_ip', 'client_ip', 'ip'],
  request: ['request'],
  method: ['request_method', 'method'],
  uri: ['request_uri', 'uri', 'path'],
  status: ['status', 'response', 'status_code'],
  bytes: ['body_bytes_sent', 'bytes', 'bytes_sent'],
  referer: ['http_referer', 'http_referrer', 'referrer', 'referer'],
  user_agent: ['http_user_agent', 'agent', 'user_agent'],
  xff: ['http_x_forwarded_for', 'x_forwarded_for', 'xff', 'forwarded_for'],
} as const;

export const JSONL_SAMPLES = [
  '{"time_local":"23/Nov/2025:06:41:02 +0100","remote_addr":"10.0.0.5","request":"GET /checkout HTTP/1.1","status":"200","body_bytes_sent":"5120","http_referer":"-","http_user_agent":"Mozilla/5.0","http_x_forwarded_for":"90.12.34.56"}',
  '{"time": "17/May/2015:08:05:32 +0000", "remote_ip": "93.180.71.3", "remote_user": "-", "request": "GET /downloads/product_1 HTTP/1.1", "response": 304, "bytes": 0, "referrer": "-", "agent": "Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)"}',
  '{"@timestamp":"2025-11-23T05:41:20+00:00","ip":"2001:db8::7","request_method":"POST","request_uri":"/api/orders?id=\\x22x\\x22","status":201,"bytes_sent":12,"agent":"okhttp/4.12"}',
  '{"msec":"1763876480.125","remote_addr":"203.0.113.9","request":"GET / HTTP/2.0","status":200,"body_bytes_sent":0}',
];

const KNOWN_KEYS = new Set<string>(Object.values(JSONL_ALIASES).flat());

function pick(o: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = o[k];
    if (v !== undefined && v !== null && v !== '' && v !== '-') return typeof v === 'string' ? v : String(v);
  }
  return null;
}

/** A run of nginx `\xXX` byte escapes → the UTF-8 text they encode (Latin-1 when not UTF-8), JSON-escaped. */
function decodeEscapedBytes(run: string): string {
  const bytes = Buffer.from(run.replace(/\\x/g, ''), 'hex');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  return JSON.stringify(text).slice(1, -1);
}

export function parseJsonObjectLine(line: string): Record<string, unknown> | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    if (line.indexOf('\\x') < 0) return null;
    try {
      o = JSON.parse(line.replace(/(?:\\x[0-9a-fA-F]{2})+/g, decodeEscapedBytes));
    } catch {
      return null;
    }
  }
  return o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
}

/** True when a parsed line looks like an access-log record (has a time and an address or request). */
export function looksLikeJsonAccessRecord(o: Record<string, unknown>): boolean {
  return pick(o, JSONL_ALIASES.time) !== null && (pick(o, JSONL_ALIASES.ip) !== null || pick(o, JSONL_ALIASES.request) !== null);
}

export function parseJsonLine(line: string, proxies: TrustedProxies): ParseOutcome {
  const o = parseJsonObjectLine(line);
  if (!o) return { reject: 'not a JSON object' };
  const timeText = pick(o, JSONL_ALIASES.time);
  if (timeText === null) return { reject: `no time field (looked for ${JSONL_ALIASES.time.join(', ')})` };
  const t = parseTimestampText(timeText);
  if (!t) return { reject: `unreadable time "${timeText.slice(0, 40)}"` };
  if (t.kind !== 'instant') return { reject: `time "${timeText.slice(0, 40)}" has no offset` };
  const e = emptyEvent('http_request');
  e.ts = t.ms;
  e.ts_text = timeText;
  e.ip = pick(o, JSONL_ALIASES.ip);
  const request = pick(o, JSONL_ALIASES.request);
  if (request !== null) {
    const r = splitRequest(request);
    e.method = r.method;
    e.path = r.path ?? request;
  } else {
    e.method = pick(o, JSONL_ALIASES.method);
    e.path = pick(o, JSONL_ALIASES.uri);
  }
  const status = Number(pick(o, JSONL_ALIASES.status));
  e.status = Number.isFinite(status) && status > 0 ? status : null;
  const bytes = Number(pick(o, JSONL_ALIASES.bytes) ?? NaN);
  e.bytes = Number.isFinite(bytes) ? bytes : null;
  e.referer = pick(o, JSONL_ALIASES.referer);
  e.user_agent = pick(o, JSONL_ALIASES.user_agent);
  e.xff = pick(o, JSONL_ALIASES.xff);
  e.client_ip = e.xff === null ? e.ip : proxies.clientIp(e.ip, e.xff);
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!KNOWN_KEYS.has(k)) extra[k] = v;
  if (Object.keys(extra).length > 0) e.extra = JSON.stringify(extra);
  return e;
}
