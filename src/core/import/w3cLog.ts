// W3C extended log files (IIS, HTTP Server API): the `#Fields:` directive names the space-separated columns, and
// may change mid-file (IIS writes a new header block after each restart). Dates are UTC by definition of the
// format. Which W3C field feeds which event field is declared below; other fields go to `extra`.
import { emptyEvent, type ParseOutcome } from './parsedEvent';
import { splitRequest } from './accessLogFormats';
import { capField, type LineContext } from './lineContext';

type Target = 'date' | 'time' | 'ip' | 'method' | 'stem' | 'query' | 'status' | 'bytes' | 'ua' | 'referer' | 'xff' | 'cdn_client' | 'user' | 'request';

/** W3C field name (lower case) → what it is. */
export const W3C_FIELDS: Record<string, Target> = {
  date: 'date', time: 'time', 'c-ip': 'ip', 'cs-method': 'method', 'cs-uri-stem': 'stem', 'cs-uri-query': 'query',
  'cs-uri': 'stem', 'sc-status': 'status', 'sc-bytes': 'bytes', 'cs(user-agent)': 'ua', 'cs(referer)': 'referer',
  'cs(x-forwarded-for)': 'xff', 'x-forwarded-for': 'xff', 'cs(cf-connecting-ip)': 'cdn_client',
  'cs(true-client-ip)': 'cdn_client', 'cs-username': 'user', 'cs-request': 'request',
};

const TARGETS = new Set<string>(Object.values(W3C_FIELDS));

export const W3C_DOCS = 'learn.microsoft.com/windows/win32/http/w3c-logging and the IIS 8.5 default field set';
export const W3C_SAMPLES = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2025-11-23 05:40:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
  '2025-11-23 05:41:02 10.0.0.4 GET /checkout step=2 443 - 90.12.34.56 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) https://shop.example/cart 200 0 0 31',
  '2025-11-23 05:41:20 10.0.0.4 POST /api/webhook - 443 - 52.18.7.9 Provider-Webhooks/2.0 - 200 0 0 12',
];

const DATA_LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;

/** Head lines that look like a W3C log: a `#Fields:` directive, then data lines starting with a date and time. */
export function detectW3c(lines: string[]): { requests: number; others: number } {
  if (!lines.some((l) => l.startsWith('#Fields:'))) return { requests: 0, others: 0 };
  let requests = 0;
  let others = 0;
  for (const l of lines) {
    if (l.startsWith('#')) others++;
    else if (DATA_LINE.test(l)) requests++;
  }
  return { requests, others };
}

/** IIS writes spaces inside fields as `+` (user agents) and `-` for an empty field. */
function value(s: string | undefined): string | null {
  return s === undefined || s === '-' || s === '' ? null : s;
}

export function w3cParser(ctx: LineContext): (line: string) => ParseOutcome {
  let fields: (Target | string)[] | null = null;
  return (line) => {
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.startsWith('#Fields:')) {
        fields = line.slice(8).trim().split(/\s+/).slice(0, 200).map((f) => (Object.hasOwn(W3C_FIELDS, f.toLowerCase()) ? W3C_FIELDS[f.toLowerCase()] : f));
      }
      return { skip: 'W3C directive' };
    }
    if (!fields) return { reject: 'no #Fields: directive before this line' };
    const cols = line.split(' ');
    if (cols.length !== fields.length) return { reject: `${cols.length} fields, the #Fields: directive names ${fields.length}` };
    const by: Partial<Record<Target, string | null>> = {};
    let extra: Record<string, string> | null = null;
    for (let i = 0; i < cols.length; i++) {
      const f = fields[i];
      if (TARGETS.has(f)) by[f as Target] = value(cols[i]);
      else if (cols[i] !== '-') (extra ??= {})[f] = cols[i];
    }
    const date = by.date;
    const time = by.time;
    if (!date || !time) return { reject: 'no date or time field' };
    const ts = Date.parse(`${date}T${time}Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(time) || Number.isNaN(ts)) {
      return { reject: `unreadable date "${date.slice(0, 20)} ${time.slice(0, 20)}"` };
    }
    const e = emptyEvent('http_request');
    e.ts = ts;
    e.ts_text = `${date} ${time}`;
    e.ip = by.ip ?? null;
    if (by.request) {
      const r = splitRequest(by.request);
      [e.method, e.path] = [r.method, r.path];
    } else {
      e.method = by.method ?? null;
      e.path = by.stem ? (by.query ? `${by.stem}?${by.query}` : by.stem) : null;
    }
    e.path = capField(e.path);
    const status = by.status ? Number(by.status) : NaN;
    e.status = Number.isInteger(status) && status > 0 && status < 1000 ? status : null;
    const bytes = by.bytes ? Number(by.bytes) : NaN;
    e.bytes = Number.isFinite(bytes) ? bytes : null;
    e.user_agent = capField(by.ua ? by.ua.replace(/\+/g, ' ') : null);
    e.referer = capField(by.referer ?? null);
    e.xff = by.xff ?? null;
    e.client_ip = ctx.proxies.clientIp(e.ip, e.xff, by.cdn_client ?? null);
    if (by.user) (extra ??= {}).remote_user = by.user;
    if (extra) e.extra = JSON.stringify(extra);
    return e;
  };
}

