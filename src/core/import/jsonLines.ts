// JSON access logs (one object per line) as declarations: for each event field, the keys (or dotted paths into
// nested objects) that may hold it, first present wins; what marks a line as this format; which of its lines are
// not requests. Generic nginx/Apache JSON uses user-defined keys, hence alias lists; Cloudflare Logpush and Caddy
// have fixed schemas. Nginx before 1.11.8 escaped bytes as `\xXX`, which is not JSON: rewritten to `\u00XX` first.
import { parseTimestampText } from './timestamps';
import { splitRequest } from './accessLogFormats';
import { emptyEvent, type ParseOutcome } from './parsedEvent';
import { capField, type LineContext } from './lineContext';

type JsonField = 'time' | 'ip' | 'request' | 'method' | 'uri' | 'status' | 'bytes' | 'referer' | 'user_agent' | 'xff' | 'cdn_client';

export interface JsonLogFormat {
  name: string;
  description: string;
  docs: string;
  /** Paths per field: `key`, `a.b` into nested objects; an array value gives its first element (Caddy headers). */
  fields: Partial<Record<JsonField, readonly string[]>>;
  /** Is this object a record of this format (request or not)? */
  recognise(o: Record<string, unknown>): boolean;
  /** Why a record of this format is not a request (a server's own runtime messages), or null. */
  notRequest?(o: Record<string, unknown>): string | null;
  /** Keys (top level) already read into fields, left out of `extra`. */
  consumed: readonly string[];
  samples: string[];
}

const GENERIC_FIELDS = {
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
  cdn_client: ['http_cf_connecting_ip', 'cf_connecting_ip', 'http_true_client_ip', 'true_client_ip'],
} as const;

const has = (o: Record<string, unknown>, k: string) => Object.hasOwn(o, k);

export const JSON_LOG_FORMATS: JsonLogFormat[] = [
  {
    name: 'cloudflare-logpush',
    description: 'Cloudflare Logpush HTTP requests (JSON lines: ClientIP, EdgeStartTimestamp RFC 3339 or Unix, ClientRequestURI, RayID)',
    docs: 'developers.cloudflare.com/logs/reference/log-fields/zone/http_requests/',
    fields: {
      time: ['EdgeStartTimestamp'], ip: ['ClientIP'], method: ['ClientRequestMethod'], uri: ['ClientRequestURI', 'ClientRequestPath'],
      status: ['EdgeResponseStatus'], bytes: ['EdgeResponseBytes'], referer: ['ClientRequestReferer'], user_agent: ['ClientRequestUserAgent'],
    },
    recognise: (o) => has(o, 'EdgeStartTimestamp') || (has(o, 'ClientIP') && has(o, 'RayID')),
    consumed: ['EdgeStartTimestamp', 'ClientIP', 'ClientRequestMethod', 'ClientRequestURI', 'EdgeResponseStatus', 'EdgeResponseBytes', 'ClientRequestReferer', 'ClientRequestUserAgent'],
    samples: [
      '{"ClientIP":"89.163.242.206","ClientRequestHost":"www.theburritobot.com","ClientRequestMethod":"GET","ClientRequestURI":"/static/img/testimonial-hipster.png","EdgeEndTimestamp":1506702504461999900,"EdgeResponseBytes":69045,"EdgeResponseStatus":200,"EdgeStartTimestamp":1506702504433000200,"RayID":"3a6050bcbe121a87"}',
      '{"ClientIP":"2a01:cb00:1:2::7","ClientRequestHost":"shop.example","ClientRequestMethod":"POST","ClientRequestURI":"/checkout?step=pay","ClientRequestUserAgent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)","ClientRequestReferer":"https://shop.example/cart","ClientCountry":"fr","ClientASN":3215,"EdgeResponseBytes":2310,"EdgeResponseStatus":302,"EdgeStartTimestamp":"2025-11-23T05:41:02Z","RayID":"8e7f6a5b4c3d2e1f","SecurityAction":"unknown"}',
    ],
  },
  {
    name: 'caddy',
    description: 'Caddy JSON access log (logger http.log.access: request.remote_ip, request.client_ip, request.headers)',
    docs: 'caddyserver.com/docs/caddyfile/directives/log (structured access log example)',
    fields: {
      time: ['ts'], ip: ['request.remote_ip'], method: ['request.method'], uri: ['request.uri'], status: ['status'], bytes: ['size'],
      referer: ['request.headers.Referer'], user_agent: ['request.headers.User-Agent'], xff: ['request.headers.X-Forwarded-For'],
      cdn_client: ['request.headers.Cf-Connecting-Ip', 'request.headers.True-Client-Ip', 'request.client_ip'],
    },
    recognise: (o) => has(o, 'ts') && has(o, 'level') && (has(o, 'msg') || has(o, 'logger')),
    notRequest: (o) =>
      typeof o.logger === 'string' && o.logger.startsWith('http.log.access') && typeof o.request === 'object' ? null : 'not a request (Caddy runtime message)',
    consumed: ['ts', 'status', 'size'],
    samples: [
      '{"level":"info","ts":1646861401.5241024,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"127.0.0.1","remote_port":"41342","client_ip":"127.0.0.1","proto":"HTTP/2.0","method":"GET","host":"localhost","uri":"/","headers":{"User-Agent":["curl/7.82.0"],"Accept":["*/*"],"Accept-Encoding":["gzip, deflate, br"]},"tls":{"resumed":false,"version":772,"cipher_suite":4865,"proto":"h2","server_name":"example.com"}},"bytes_read":0,"user_id":"","duration":0.000929675,"size":10900,"status":200,"resp_headers":{"Server":["Caddy"],"Content-Encoding":["gzip"],"Content-Type":["text/html; charset=utf-8"],"Vary":["Accept-Encoding"]}}',
      '{"level":"info","ts":1646861400.1,"logger":"admin","msg":"admin endpoint started","address":"localhost:2019"}',
    ],
  },
  {
    name: 'jsonl',
    description: 'JSON lines with nginx/Apache-style keys (time_local, remote_addr, request, status…)',
    docs: 'nginx.org/en/docs/http/ngx_http_log_module.html (log_format escape=json)',
    fields: GENERIC_FIELDS,
    recognise: (o) => pick(o, GENERIC_FIELDS.time) !== null && (pick(o, GENERIC_FIELDS.ip) !== null || pick(o, GENERIC_FIELDS.request) !== null),
    consumed: Object.values(GENERIC_FIELDS).flat(),
    samples: [
      '{"time_local":"23/Nov/2025:06:41:02 +0100","remote_addr":"10.0.0.5","request":"GET /checkout HTTP/1.1","status":"200","body_bytes_sent":"5120","http_referer":"-","http_user_agent":"Mozilla/5.0","http_x_forwarded_for":"90.12.34.56"}',
      '{"time": "17/May/2015:08:05:32 +0000", "remote_ip": "93.180.71.3", "remote_user": "-", "request": "GET /downloads/product_1 HTTP/1.1", "response": 304, "bytes": 0, "referrer": "-", "agent": "Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)"}',
      '{"@timestamp":"2025-11-23T05:41:20+00:00","ip":"2001:db8::7","request_method":"POST","request_uri":"/api/orders?id=\\x22x\\x22","status":201,"bytes_sent":12,"agent":"okhttp/4.12"}',
      '{"msec":"1763876480.125","remote_addr":"203.0.113.9","request":"GET / HTTP/2.0","status":200,"body_bytes_sent":0}',
    ],
  },
];

export function jsonLogFormat(name: string): JsonLogFormat | undefined {
  return JSON_LOG_FORMATS.find((f) => f.name === name);
}

function at(o: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(o, path)) return o[path];
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return Array.isArray(cur) ? cur[0] : cur;
}

function pick(o: Record<string, unknown>, paths: readonly string[] | undefined): string | null {
  if (!paths) return null;
  for (const p of paths) {
    const v = at(o, p);
    if (v !== undefined && v !== null && v !== '' && v !== '-' && typeof v !== 'object') return typeof v === 'string' ? v : String(v);
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

/** `docker compose logs` prefixes each line with `service  | `: the JSON starts after it. */
function jsonStart(line: string): string {
  if (line.charCodeAt(0) === 123 /* { */) return line;
  const brace = line.indexOf('{');
  return brace > 0 && brace <= 80 && /^[\w.-]+\s*\|\s*$/.test(line.slice(0, brace)) ? line.slice(brace) : line;
}

export function parseJsonObjectLine(line: string): Record<string, unknown> | null {
  const text = jsonStart(line);
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    if (text.indexOf('\\x') < 0) return null;
    try {
      o = JSON.parse(text.replace(/(?:\\x[0-9a-fA-F]{2})+/g, decodeEscapedBytes));
    } catch {
      return null;
    }
  }
  return o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
}

/** Epoch numbers by their size (Cloudflare writes ns, µs, ms or s; Caddy float seconds), else the text forms. */
function readJsonTime(text: string): number | null {
  if (/^\d{15,19}$/.test(text)) return Number(text.length >= 18 ? BigInt(text) / 1_000_000n : BigInt(text) / 1000n);
  if (/^\d{10}\.\d+$/.test(text)) return Math.round(Number(text) * 1000);
  const t = parseTimestampText(text);
  return t && t.kind === 'instant' ? t.ms : null;
}

export function jsonLineParser(format: JsonLogFormat, ctx: LineContext): (line: string) => ParseOutcome {
  const consumed = new Set(format.consumed);
  return (line) => parseJsonLine(format, line, ctx, consumed);
}

function parseJsonLine(format: JsonLogFormat, line: string, ctx: LineContext, consumed: Set<string>): ParseOutcome {
  const o = parseJsonObjectLine(line);
  if (!o) return { reject: 'not a JSON object' };
  const not = format.notRequest?.(o);
  if (not) return format.recognise(o) ? { skip: not } : { reject: `not a ${format.name} record` };
  const timeText = pick(o, format.fields.time);
  if (timeText === null) return { reject: `no time field (looked for ${format.fields.time!.join(', ')})` };
  const ts = readJsonTime(timeText);
  if (ts === null) {
    const t = parseTimestampText(timeText);
    return { reject: t ? `time "${timeText.slice(0, 40)}" has no offset` : `unreadable time "${timeText.slice(0, 40)}"` };
  }
  const e = emptyEvent('http_request');
  e.ts = ts;
  e.ts_text = timeText;
  e.ip = pick(o, format.fields.ip);
  const request = pick(o, format.fields.request);
  if (request !== null) {
    const r = splitRequest(request);
    e.method = r.method;
    e.path = capField(r.path ?? request);
  } else {
    e.method = pick(o, format.fields.method);
    e.path = capField(pick(o, format.fields.uri));
  }
  const status = Number(pick(o, format.fields.status));
  e.status = Number.isFinite(status) && status > 0 ? status : null;
  const bytes = Number(pick(o, format.fields.bytes) ?? NaN);
  e.bytes = Number.isFinite(bytes) ? bytes : null;
  e.referer = capField(pick(o, format.fields.referer));
  e.user_agent = capField(pick(o, format.fields.user_agent));
  e.xff = pick(o, format.fields.xff);
  e.client_ip = ctx.proxies.clientIp(e.ip, e.xff, pick(o, format.fields.cdn_client));
  const extra: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(o)) {
    if (!consumed.has(k)) [extra[k], any] = [v, true];
  }
  if (any) e.extra = JSON.stringify(extra);
  return e;
}
