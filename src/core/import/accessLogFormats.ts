// Web access-log formats as declarations (lnav-style): one regex with the capture order, sample lines that the
// tests parse, and one shared line parser. Adding a format is adding an entry here.
import { parseClfTime, parseTimestampText } from './timestamps';
import { emptyEvent, type ParseOutcome } from './parsedEvent';
import type { TrustedProxies } from './trustedProxies';

export type AccessLogFormatName = 'combined' | 'common' | 'nginx-main';

export interface AccessLogFormat {
  name: AccessLogFormatName;
  description: string;
  /**
   * Captures in order: remote_addr, remote_user, time_local, request, status, bytes[, referer, user_agent[, xff]],
   * then (combined, nginx-main) whatever the site appended — request time, vhost… — kept in `extra.trailing`.
   */
  regex: RegExp;
  samples: string[];
}

const Q = '"((?:[^"\\\\]|\\\\.)*)"'; // a quoted field with backslash escapes
const HEAD = String.raw`^(\S+) \S+ (\S+) \[([^\]]+)\] ` + Q + String.raw` (\d{3}|-) (\d+|-)`;
// X-Forwarded-For is addresses, commas, `unknown` or `-`: a quoted Host or cookie after the UA is not mistaken for it.
// Alternatives start with distinct characters, so the regex cannot backtrack explosively on hostile lines.
const XFF = String.raw`"((?:[0-9A-Fa-f.:\[\], ]|unknown)*|-)"`;
const TRAILING = String.raw`(?: +(.*))?$`; // fields a site appended to the standard format (trimmed in code)

/** Most specific first: detection prefers the first format that matches as many sample lines as any other. */
export const ACCESS_LOG_FORMATS: AccessLogFormat[] = [
  {
    name: 'nginx-main',
    description: 'Nginx `main`: combined + "$http_x_forwarded_for"',
    regex: new RegExp(HEAD + ' ' + Q + ' ' + Q + ' ' + XFF + TRAILING),
    samples: [
      '10.0.0.5 - - [23/Nov/2025:06:41:02 +0100] "GET /checkout HTTP/1.1" 200 5120 "https://shop.example/cart" "Mozilla/5.0 (X11; Linux x86_64)" "90.12.34.56, 10.0.0.2"',
      '52.18.7.9 - - [23/Nov/2025:06:41:20 +0100] "POST /wc-api/provider-webhook HTTP/1.1" 200 17 "-" "Provider-Webhooks/2.0" "-"',
      '10.0.0.5 - - [23/Nov/2025:06:41:03 +0100] "GET / HTTP/1.1" 200 10 "-" "Mozilla/5.0" "90.12.34.56" rt=0.002 uct="0.000"',
    ],
  },
  {
    name: 'combined',
    description: 'Apache/Nginx combined: %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
    regex: new RegExp(HEAD + ' ' + Q + ' ' + Q + TRAILING),
    samples: [
      '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1" 200 203023 "http://semicomplete.com/presentations/logstash-monitorama-2013/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36"',
      '192.168.1.2 - bob [02/Feb/2016:17:44:13 +0800] "GET /favicon.ico HTTP/1.1" 404 - "-" "curl/8.5.0"',
      '198.51.100.4 - - [23/Nov/2025:06:41:02 +0100] "GET /cart HTTP/1.1" 200 812 "-" "Mozilla/5.0" 0.004 shop.example',
    ],
  },
  {
    name: 'common',
    description: 'Apache/Nginx common: %h %l %u %t "%r" %>s %b',
    regex: new RegExp(HEAD + String.raw`\s*$`),
    samples: [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
      '2001:db8::1 - - [23/Nov/2025:05:41:02 +0000] "HEAD / HTTP/1.1" 304 -',
    ],
  },
];

export function accessLogFormat(name: string): AccessLogFormat | undefined {
  return ACCESS_LOG_FORMATS.find((f) => f.name === name);
}

function dashToNull(s: string | undefined): string | null {
  return s === undefined || s === '-' || s === '' ? null : s;
}

/** Undoes the `\"` and `\\` escapes Apache and nginx write inside quoted fields (only when present). */
function unescape(s: string): string {
  return s.indexOf('\\') < 0 ? s : s.replace(/\\(["\\])/g, '$1');
}

/** Splits `GET /path HTTP/1.1`; a request line that is not one (TLS junk, `-`) keeps method and path null. */
export function splitRequest(request: string): { method: string | null; path: string | null } {
  const sp1 = request.indexOf(' ');
  if (sp1 <= 0) return { method: null, path: null };
  const sp2 = request.lastIndexOf(' ');
  const method = request.slice(0, sp1);
  if (!/^[A-Z]{3,10}$/.test(method)) return { method: null, path: null };
  const path = sp2 > sp1 && request.startsWith('HTTP/', sp2 + 1) ? request.slice(sp1 + 1, sp2) : request.slice(sp1 + 1);
  return { method, path };
}

export function parseAccessLogLine(format: AccessLogFormat, line: string, proxies: TrustedProxies): ParseOutcome {
  const m = format.regex.exec(line);
  if (!m) return { reject: `does not match the ${format.name} format` };
  let ts = parseClfTime(m[3]);
  if (Number.isNaN(ts)) {
    const other = parseTimestampText(m[3]);
    if (!other || other.kind !== 'instant') return { reject: `unreadable time "${m[3].slice(0, 40)}"` };
    ts = other.ms;
  }
  const e = emptyEvent('http_request');
  e.ts = ts;
  e.ts_text = m[3];
  e.ip = m[1];
  const request = unescape(m[4]);
  const { method, path } = splitRequest(request);
  e.method = method;
  e.path = path ?? dashToNull(request);
  e.status = m[5] === '-' ? null : Number(m[5]);
  e.bytes = m[6] === '-' ? 0 : Number(m[6]);
  if (m.length > 8) {
    e.referer = dashToNull(unescape(m[7]));
    e.user_agent = dashToNull(unescape(m[8]));
  }
  const xffAt = format.name === 'nginx-main' ? 9 : -1;
  if (xffAt > 0) e.xff = dashToNull(unescape(m[xffAt]));
  e.client_ip = e.xff === null ? e.ip : proxies.clientIp(e.ip, e.xff);
  const trailing = format.name === 'common' ? undefined : m[format.name === 'nginx-main' ? 10 : 9]?.trimEnd();
  if (m[2] !== '-' || trailing) {
    e.extra = JSON.stringify({ ...(m[2] !== '-' ? { remote_user: m[2] } : {}), ...(trailing ? { trailing } : {}) });
  }
  return e;
}
