// Line-oriented web-log formats as declarations (lnav-style): one regex with NAMED capture groups, the documented
// sample lines the tests parse, and one shared line parser that reads the groups by name. Adding a format is
// adding an entry here. Group names the parser understands:
//   ip, port, user, time, request (or method + path [+ query]), status, bytes, referer, ua, xff, cdn_client,
//   req_headers (HAProxy captured headers), trailing (whatever a site appended);
// any other named group is kept in the event's `extra` under its name.
import { parseClfTime, parseTimestampText, type LocalParts } from './timestamps';
import { emptyEvent, type ParseOutcome } from './parsedEvent';
import { capField, type LineContext } from './lineContext';

export interface AccessLogFormat {
  name: string;
  description: string;
  /** Where the samples come from (vendor documentation). */
  docs: string;
  regex: RegExp;
  /** How `time` is written: CLF with offset, ISO 8601 instant, or HAProxy's zoneless accept date. */
  time: 'clf' | 'iso' | 'haproxy-local';
  /** Lines of this format's files that are not requests (daemon messages): skipped, counted, not rejected. */
  other?: RegExp;
  samples: string[];
}

const q = (name: string) => `"(?<${name}>(?:[^"\\\\]|\\\\.)*)"`; // a quoted field with backslash escapes
const HEAD = String.raw`^(?<ip>\S+) \S+ (?<user>\S+) \[(?<time>[^\]]+)\] ` + q('request') + String.raw` (?<status>\d{3}|-) (?<bytes>\d+|-)`;
// X-Forwarded-For is addresses, commas, `unknown` or `-`: a quoted Host or cookie after the UA is not mistaken for it.
// Alternatives start with distinct characters, so the regex cannot backtrack explosively on hostile lines.
const XFF = String.raw`"(?<xff>(?:[0-9A-Fa-f.:\[\], ]|unknown)*|-)"`;
const TRAILING = String.raw`(?: +(?<trailing>.*))?$`; // fields a site appended to the standard format

/** Most specific first: detection prefers the first format that matches as many head lines as any other. */
export const ACCESS_LOG_FORMATS: AccessLogFormat[] = [
  {
    name: 'nginx-main',
    description: 'Nginx `main`: combined + "$http_x_forwarded_for"',
    docs: 'nginx.org/en/docs/http/ngx_http_log_module.html (log_format main, commented in the default nginx.conf)',
    regex: new RegExp(HEAD + ' ' + q('referer') + ' ' + q('ua') + ' ' + XFF + TRAILING),
    time: 'clf',
    samples: [
      '10.0.0.5 - - [23/Nov/2025:06:41:02 +0100] "GET /checkout HTTP/1.1" 200 5120 "https://shop.example/cart" "Mozilla/5.0 (X11; Linux x86_64)" "90.12.34.56, 10.0.0.2"',
      '52.18.7.9 - - [23/Nov/2025:06:41:20 +0100] "POST /wc-api/provider-webhook HTTP/1.1" 200 17 "-" "Provider-Webhooks/2.0" "-"',
      '10.0.0.5 - - [23/Nov/2025:06:41:03 +0100] "GET / HTTP/1.1" 200 10 "-" "Mozilla/5.0" "90.12.34.56" rt=0.002 uct="0.000"',
    ],
  },
  {
    name: 'combined',
    description: 'Apache/Nginx combined: %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
    docs: 'httpd.apache.org/docs/current/logs.html#combined',
    regex: new RegExp(HEAD + ' ' + q('referer') + ' ' + q('ua') + TRAILING),
    time: 'clf',
    samples: [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
      '192.168.1.2 - bob [02/Feb/2016:17:44:13 +0800] "GET /favicon.ico HTTP/1.1" 404 - "-" "curl/8.5.0"',
      '198.51.100.4 - - [23/Nov/2025:06:41:02 +0100] "GET /cart HTTP/1.1" 200 812 "-" "Mozilla/5.0" 0.004 shop.example',
    ],
  },
  {
    name: 'common',
    description: 'Apache/Nginx common: %h %l %u %t "%r" %>s %b',
    docs: 'httpd.apache.org/docs/current/logs.html#common',
    regex: new RegExp(HEAD + String.raw`\s*$`),
    time: 'clf',
    samples: [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
      '2001:db8::1 - - [23/Nov/2025:05:41:02 +0000] "HEAD / HTTP/1.1" 304 -',
    ],
  },
  {
    name: 'aws-alb',
    description: 'AWS Application Load Balancer access log (space-separated, client:port, quoted request, UTC)',
    docs: 'docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html (example entries)',
    regex: new RegExp(
      String.raw`^(?<type>https?|h2|grpcs?|wss?) (?<time>\d{4}-\d{2}-\d{2}T[\d:.]+Z) (?<elb>\S+) (?<ip>\[[^\]\s]+\]|[^\s\[]+?):(?<port>\d+) (?<target>\S+) ` +
        String.raw`(?<request_processing_time>\S+) (?<target_processing_time>\S+) (?<response_processing_time>\S+) (?<status>\d{3}|-) (?<target_status_code>\S+) ` +
        String.raw`(?<received_bytes>\d+|-) (?<bytes>\d+|-) "(?<request>[^"]*)" "(?<ua>[^"]*)" (?<ssl_cipher>\S+) (?<ssl_protocol>\S+) (?<target_group_arn>\S+) ` +
        String.raw`"(?<trace_id>[^"]*)" "(?<domain_name>[^"]*)"` + TRAILING,
    ),
    time: 'iso',
    samples: [
      'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"',
      'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-"',
      'h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.1.252:48160 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257 "GET https://10.0.2.105:773/ HTTP/2.0" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337327-72bd00b0343d75b906739c42" "-" "-" 1 2018-07-02T22:22:48.364000Z "redirect" "https://example.com:80/" "-" "10.0.0.66:9000" "200" "-" "-"',
    ],
  },
  {
    name: 'haproxy-http',
    description: 'HAProxy HTTP log format (option httplog), with or without the syslog prefix; accept date in local time',
    docs: 'docs.haproxy.org/2.8/configuration.html#8.2.3 (HTTP log format example)',
    regex: new RegExp(
      String.raw`^(?:(?<syslog>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ \S+?\[\d+\]): )?(?<ip>\S+?):(?<port>\d+) \[(?<time>\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d(?:\.\d{1,6})?)\] ` +
        String.raw`(?<frontend>\S+) (?<backend>[^\s/]+)/(?<server>\S+) (?<timers>[-+\d/]+) (?<status>-?\d{1,3}) (?<bytes>\+?\d+) (?<request_cookie>\S+) (?<response_cookie>\S+) ` +
        String.raw`(?<termination_state>\S{4}) (?<connections>[-+\d/]+) (?<queues>[-+\d/]+) (?:\{(?<req_headers>[^}]*)\} )?(?:\{(?<res_headers>[^}]*)\} )?"(?<request>[^"]*)"?` + TRAILING,
    ),
    time: 'haproxy-local',
    other: /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ )?\S*haproxy\[\d+\]: /,
    samples: [
      'Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1"',
      '10.0.1.2:33318 [06/Feb/2009:12:14:15.001] http-in~ static/srv2 0/0/1/12/13 404 172 - - ---- 2/2/0/0/0 0/0 {shop.example|curl/8.5.0} {} "GET /missing HTTP/1.1"',
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

/**
 * Splits `GET /path HTTP/1.1`; a request line that is not one (TLS junk, `-`) keeps method and path null. An
 * absolute-form target (`GET https://host:443/a HTTP/1.1`, as load balancers log it) keeps only its path.
 */
export function splitRequest(request: string): { method: string | null; path: string | null } {
  const sp1 = request.indexOf(' ');
  if (sp1 <= 0) return { method: null, path: null };
  const sp2 = request.lastIndexOf(' ');
  const method = request.slice(0, sp1);
  if (!/^[A-Z]{3,10}$/.test(method)) return { method: null, path: null };
  let path = sp2 > sp1 && request.startsWith('HTTP/', sp2 + 1) ? request.slice(sp1 + 1, sp2) : request.slice(sp1 + 1);
  if (path.startsWith('http://') || path.startsWith('https://')) {
    const slash = path.indexOf('/', path.indexOf('//') + 2);
    path = slash < 0 ? '/' : path.slice(slash);
  }
  return { method, path };
}

const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

/** `06/Feb/2009:12:14:14.655` → local parts (HAProxy writes its accept date without a zone). */
function haproxyParts(s: string): LocalParts | null {
  const m = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(s);
  const month = m ? MONTHS[m[2]] : undefined;
  if (!m || month === undefined) return null;
  return {
    year: Number(m[3]), month, day: Number(m[1]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]),
    ms: m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0,
  };
}

function readTime(format: AccessLogFormat, text: string, ctx: LineContext): number | string {
  if (format.time === 'haproxy-local') {
    const parts = haproxyParts(text);
    if (!parts) return `unreadable time "${text.slice(0, 40)}"`;
    ctx.stats.zoneless++;
    const ms = ctx.localToUtc(parts);
    return ms ?? `time "${text}" does not exist in ${ctx.zone} (daylight-saving gap)`;
  }
  const clf = format.time === 'clf' ? parseClfTime(text) : NaN;
  if (!Number.isNaN(clf)) return clf;
  const other = parseTimestampText(text);
  return other && other.kind === 'instant' ? other.ms : `unreadable time "${text.slice(0, 40)}"`;
}

const KNOWN_GROUPS = new Set(['ip', 'user', 'time', 'request', 'method', 'path', 'query', 'status', 'bytes', 'referer', 'ua', 'xff', 'cdn_client', 'req_headers', 'trailing']);
const UA_LIKE = /^[A-Za-z][\w.!-]{0,40}\/\S/; // `Mozilla/5.0 …`, `curl/8.5.0`: a product/version token

/**
 * A declaration compiled for the hot path: the same regex with its group names removed (so a match builds no
 * `groups` object), and each name's capture number. Every group of a declaration is named.
 */
interface Compiled {
  re: RegExp;
  at: Partial<Record<string, number>>;
  extra: [string, number][]; // groups kept in `extra` under their name
}

const compiled = new WeakMap<AccessLogFormat, Compiled>();

function compile(f: AccessLogFormat): Compiled {
  let c = compiled.get(f);
  if (c) return c;
  const at: Record<string, number> = {};
  let n = 0;
  const source = f.regex.source.replace(/\(\?<([A-Za-z_]\w*)>/g, (_, name: string) => {
    at[name] = ++n;
    return '(';
  });
  const extra = Object.entries(at).filter(([k]) => !KNOWN_GROUPS.has(k) && k !== 'port') as [string, number][];
  if (at.port !== undefined) extra.unshift(['port', at.port]);
  c = { re: new RegExp(source, f.regex.flags), at, extra };
  compiled.set(f, c);
  return c;
}

/** The line parser of a declaration: capture numbers resolved once, nothing allocated per line but the event. */
export function accessLineParser(format: AccessLogFormat, ctx: LineContext): (line: string) => ParseOutcome {
  const c = compile(format);
  const at = (name: string) => c.at[name] ?? 0; // 0: no such group (m[0] is never read for a field)
  const [iIp, iTime, iUser, iRequest, iMethod, iPath, iStatus, iBytes, iReferer, iUa, iXff, iCdn, iHeaders, iTrailing] = [
    'ip', 'time', 'user', 'request', 'method', 'path', 'status', 'bytes', 'referer', 'ua', 'xff', 'cdn_client', 'req_headers', 'trailing',
  ].map(at);
  const extraGroups = c.extra;
  const clf = format.time === 'clf';
  return (line) => {
    const m = c.re.exec(line);
    if (!m) {
      if (format.other?.test(line)) return { skip: `not a request (${format.name} daemon message)` };
      return { reject: `does not match the ${format.name} format` };
    }
    const time = m[iTime];
    let ts = clf ? parseClfTime(time) : NaN;
    if (Number.isNaN(ts)) {
      const t = readTime(format, time, ctx);
      if (typeof t === 'string') return { reject: t };
      ts = t;
    }
    const e = emptyEvent('http_request');
    e.ts = ts;
    e.ts_text = time;
    const ip = m[iIp];
    e.ip = ip.charCodeAt(0) === 91 /* [ */ ? ip.slice(1, -1) : ip;
    if (iRequest) {
      const request = unescape(m[iRequest]);
      const { method, path } = splitRequest(request);
      e.method = method;
      e.path = capField(path ?? dashToNull(request));
    } else {
      e.method = iMethod ? dashToNull(m[iMethod]) : null;
      e.path = iPath ? capField(dashToNull(m[iPath])) : null;
    }
    const status = iStatus ? m[iStatus] : '-';
    e.status = status === '-' ? null : Number(status);
    if (e.status !== null && !(e.status > 0)) e.status = null; // HAProxy writes -1 for an aborted request
    const bytes = iBytes ? m[iBytes] : '-';
    e.bytes = bytes === '-' ? 0 : Number(bytes.charCodeAt(0) === 43 /* + */ ? bytes.slice(1) : bytes);
    if (iReferer) e.referer = capField(dashToNull(unescape(m[iReferer])));
    const headers = iHeaders ? m[iHeaders] : undefined;
    if (iUa) e.user_agent = capField(dashToNull(unescape(m[iUa])));
    else if (headers) e.user_agent = capField(headers.split('|').find((h) => UA_LIKE.test(h)) ?? null);
    if (iXff && m[iXff] !== undefined) e.xff = dashToNull(unescape(m[iXff]));
    const cdn = iCdn ? dashToNull(m[iCdn]) : null;
    e.client_ip = e.xff === null && cdn === null ? e.ip : ctx.proxies.clientIp(e.ip, e.xff, cdn);
    let extra: Record<string, string> | null = null;
    const user = iUser ? m[iUser] : undefined;
    if (user !== undefined && user !== '-') (extra ??= {}).remote_user = user;
    for (let k = 0; k < extraGroups.length; k++) {
      const v = m[extraGroups[k][1]];
      if (v !== undefined && v !== '' && v !== '-') (extra ??= {})[extraGroups[k][0]] = v;
    }
    if (headers) (extra ??= {}).captured_request_headers = headers;
    const trailing = iTrailing ? m[iTrailing]?.trimEnd() : undefined;
    if (trailing) (extra ??= {}).trailing = trailing;
    if (extra) e.extra = JSON.stringify(extra);
    return e;
  };
}
