// User-agent classes: browser (family, OS, device via bowser), crawler (isbot), HTTP library / server SDK, empty.
// ua-parser-js v2 is AGPL: not used.
import Bowser from 'bowser';
import { isbot, isbotMatch } from 'isbot';
import type { UserAgentInfo } from '../analysis/types';
import { msg, type Msg } from '../i18n/message';

// Checked before isbot, which also counts curl or python-requests as bots: for us they are clients of an API.
const LIBRARY = /^(curl|wget|python-requests|python-urllib|python-httpx|aiohttp|httpx|go-http-client|java\/|okhttp|apache-httpclient|node-fetch|axios|undici|node|got|guzzlehttp|guzzle|libwww-perl|php|ruby|faraday|rest-client|postmanruntime|insomnia|restsharp|dart|dotnet|\.net|http\.rb|reqwest|hyper|winhttp|microsoft-cryptoapi|stripe|adyen|paypal|mollie)\b/i;
const SDK_WORDS = /\b(sdk|webhooks?|api[- ]?client|httpclient|callback|notifier)\b/i;
const CRAWLER_WORD = /bot|crawler|spider|slurp|scraper|fetcher|facebookexternalhit|preview/i;
/** Every pattern here runs on at most this many characters: user agents are attacker-controlled and unbounded. */
export const UA_CAP = 512;

const cache = new Map<string, UserAgentInfo>();

export function classifyUserAgent(ua: string | null | undefined): UserAgentInfo {
  const s = (ua ?? '').slice(0, UA_CAP).trim();
  if (!s || s === '-') return { class: 'empty' };
  const hit = cache.get(s);
  if (hit) return hit;
  const info = classifyUncached(s);
  if (cache.size > 50_000) cache.clear(); // hostile logs can carry millions of distinct UAs
  cache.set(s, info);
  return info;
}

function productName(s: string): string {
  return s.split(/[\s;(]/)[0].slice(0, 80);
}

/** A readable crawler name: "Googlebot", "Ezooms" (from "compatible; Ezooms/1.0"), "Tiny Tiny RSS", "CensysInspect". */
function crawlerName(s: string): string {
  // a token (split on anything but word characters, dots and dashes) naming the crawler: linear, unlike a
  // pattern with a greedy prefix that backtracks from every start position
  const named = s.split(/[^\w.-]+/).find((t) => CRAWLER_WORD.test(t)) ?? /compatible;\s*([^;/)]+)/i.exec(s)?.[1] ?? (/^mozilla\//i.test(s) ? undefined : s.split(/[/(]/)[0]);
  const clean = (named ?? '').replace(/\/.*$/, '').trim();
  if (clean) return clean.slice(0, 60);
  const m = isbotMatch(s)?.replace(/[^\w.-].*$/, '');
  return (m ? s.split(/[\s;()+,]+/).find((t) => t.includes(m))?.replace(/\/.*$/, '') : undefined) ?? productName(s);
}

function classifyUncached(s: string): UserAgentInfo {
  if (LIBRARY.test(s) || (SDK_WORDS.test(s) && !/^mozilla\//i.test(s))) {
    return { class: 'http-library', family: productName(s) };
  }
  if (isbot(s)) {
    const name = crawlerName(s);
    return { class: 'crawler', family: name, device: 'bot' };
  }
  if (/^(mozilla|opera)\//i.test(s)) {
    const p = Bowser.parse(s);
    return {
      class: 'browser',
      family: p.browser.name || undefined,
      os: p.os.name || undefined,
      device: p.platform.type || undefined,
    };
  }
  // A bare product token ("TicketPay-Webhooks/2.4", "MyShopSync/1.0") is a program, not a person's browser.
  return { class: 'http-library', family: productName(s) };
}

/** Words for a signal ("a server SDK / HTTP library user agent (TicketPay-Webhooks/2.4)") as a catalogue message. */
export function describeUserAgentMsg(ua: string, info: UserAgentInfo): Msg {
  const short = ua.length > 60 ? ua.slice(0, 57) + '…' : ua;
  switch (info.class) {
    case 'http-library':
      return msg('userAgent.library', { ua: short });
    case 'crawler':
      return msg('userAgent.crawler', { name: info.family ?? short });
    case 'browser':
      return msg('userAgent.browser', { name: [info.family, info.os, info.device].filter(Boolean).join(', ') || short });
    default:
      return msg('userAgent.none');
  }
}
