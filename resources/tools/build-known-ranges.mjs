// Builds resources/known-ranges.json — the compact list of operators' published IP ranges Alibi ships — from a
// snapshot of github.com/sefinek/known-bots-ip-whitelist (MIT), which compiles each operator's own publication
// (Google's googlebot.json, Bing's bingbot.json, Stripe's ips_webhooks.txt…). Ranges are merged (adjacent and
// nested CIDRs collapsed) and tagged with the operator, its role and the user-agent tokens it announces.
//   node resources/tools/build-known-ranges.mjs <known-bots dir> <snapshot date> [commit]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, date, commit = ''] = process.argv.slice(2);
if (!dir || !date) throw new Error('usage: build-known-ranges.mjs <known-bots dir> <snapshot date YYYY-MM-DD> [commit]');

// list folder → operator entry. `asns`: networks the operator alone uses (a crawler user agent from there is the
// operator's); cloud ASNs anyone can rent (Azure, AWS, GCP) are deliberately not listed — nor Google's AS15169, which
// also announces Google Cloud customers' addresses (35.208.0.0/12…): Google's crawlers are proven by its published lists.
const OPERATORS = [
  { id: 'googlebot', lists: ['googlebot', 'google-special-crawlers', 'google-user-triggered-fetchers'], operator: 'Google', role: 'crawler', publisher: 'Google (developers.google.com/search/apis/ipranges)', asns: [], ua: ['googlebot', 'google-inspectiontool', 'googleother', 'storebot-google', 'adsbot-google', 'mediapartners-google', 'apis-google', 'feedfetcher-google', 'google-read-aloud', 'google-site-verification', 'google-extended', 'googleproducer', 'google favicon'] },
  { id: 'bingbot', lists: ['bingbot'], operator: 'Microsoft Bing', role: 'crawler', publisher: 'Microsoft (bing.com/toolbox/bingbot.json)', asns: [], ua: ['bingbot', 'bingpreview', 'msnbot', 'adidxbot'] },
  { id: 'applebot', lists: ['applebot'], operator: 'Apple', role: 'crawler', publisher: 'Apple (search.developer.apple.com/applebot.json)', asns: [714, 6185], ua: ['applebot'] },
  { id: 'duckduckbot', lists: ['duckduckbot'], operator: 'DuckDuckGo', role: 'crawler', publisher: 'DuckDuckGo (duckduckgo.com/duckduckbot.json)', asns: [], ua: ['duckduckbot', 'duckassistbot', 'duckduckgo-favicons-bot'] },
  { id: 'facebookbot', lists: ['facebookbot'], operator: 'Meta', role: 'crawler', publisher: 'Meta (AS32934 route list)', asns: [32934, 63293], ua: ['facebookexternalhit', 'facebookcatalog', 'meta-externalagent', 'meta-externalfetcher', 'facebookbot'] },
  { id: 'yandexbot', lists: ['yandexbot'], operator: 'Yandex', role: 'crawler', publisher: 'Yandex (yandex.com/ips)', asns: [13238, 208722], ua: ['yandexbot', 'yandeximages', 'yandexmobilebot', 'yandexmetrika', 'yandexaccessibilitybot', 'yandex.com/bots'] },
  { id: 'openai', lists: ['gptbot', 'oai-searchbot', 'chatgpt-user'], operator: 'OpenAI', role: 'crawler', publisher: 'OpenAI (openai.com/gptbot.json, searchbot.json, chatgpt-user.json)', asns: [], ua: ['gptbot', 'oai-searchbot', 'chatgpt-user'] },
  { id: 'anthropic', lists: ['claudebot'], operator: 'Anthropic', role: 'crawler', publisher: 'Anthropic (docs.anthropic.com crawler IP list)', asns: [], ua: ['claudebot', 'claude-user', 'claude-searchbot', 'anthropic-ai'] },
  { id: 'perplexity', lists: ['perplexitybot'], operator: 'Perplexity', role: 'crawler', publisher: 'Perplexity (perplexity.com/perplexitybot.json)', asns: [], ua: ['perplexitybot', 'perplexity-user'] },
  { id: 'uptimerobot', lists: ['uptimerobot'], operator: 'UptimeRobot', role: 'monitor', publisher: 'UptimeRobot (uptimerobot.com/inc/files/ips)', asns: [], ua: ['uptimerobot'] },
  { id: 'pingdom', lists: ['pingdombot'], operator: 'Pingdom', role: 'monitor', publisher: 'SolarWinds Pingdom (my.pingdom.com/probes/feed)', asns: [], ua: ['pingdom'] },
  { id: 'betterstack', lists: ['betterstack'], operator: 'Better Stack', role: 'monitor', publisher: 'Better Stack (uptime.betterstack.com/ips.txt)', asns: [], ua: ['better stack', 'betterstack', 'better uptime', 'betteruptime'] },
  { id: 'stripe', lists: ['stripewebhook'], operator: 'Stripe', role: 'provider', publisher: 'Stripe (stripe.com/files/ips/ips_webhooks.txt)', asns: [], ua: ['stripe/'] },
  { id: 'cloudflare', lists: ['cloudflare'], operator: 'Cloudflare', role: 'cdn', publisher: 'Cloudflare (cloudflare.com/ips-v4, ips-v6)', asns: [13335], ua: [] },
];

function parse(c) {
  const [a, b] = c.trim().split('/');
  if (a.includes(':')) {
    const [h, t = ''] = a.split('::');
    const hs = h ? h.split(':') : [];
    const ts = t ? t.split(':') : [];
    const groups = a.includes('::') ? [...hs, ...Array(8 - hs.length - ts.length).fill('0'), ...ts] : hs;
    let n = 0n;
    for (const g of groups) n = (n << 16n) | BigInt(parseInt(g, 16));
    const bits = b === undefined ? 128 : Number(b);
    const host = BigInt(128 - bits);
    const start = (n >> host) << host;
    return { v: 6, start, end: start | ((1n << host) - 1n) };
  }
  const n = a.split('.').reduce((s, x) => s * 256n + BigInt(x), 0n);
  const bits = b === undefined ? 32 : Number(b);
  const host = BigInt(32 - bits);
  const start = (n >> host) << host;
  return { v: 4, start, end: start | ((1n << host) - 1n) };
}

function toCidrs(v, start, end) {
  const width = v === 4 ? 32n : 128n;
  const out = [];
  while (start <= end) {
    let bits = 0n;
    while (bits < width && (start & ((1n << (bits + 1n)) - 1n)) === 0n && start + (1n << (bits + 1n)) - 1n <= end) bits++;
    out.push(fmt(v, start) + '/' + (width - bits));
    start += 1n << bits;
  }
  return out;
}
function fmt(v, n) {
  if (v === 4) return [24n, 16n, 8n, 0n].map((s) => (n >> s) & 255n).join('.');
  const g = [];
  for (let i = 7; i >= 0; i--) g.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  return g.join(':').replace(/\b(?:0:){2,}0\b|^(?:0:)+0$|(?:^|:)(?:0:)+0(?=$)/, '::').replace(/:{3,}/, '::');
}

function merge(cidrs) {
  const out = [];
  for (const v of [4, 6]) {
    const rs = cidrs.map(parse).filter((r) => r.v === v).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let cur;
    for (const r of rs) {
      if (cur && r.start <= cur.end + 1n) { if (r.end > cur.end) cur.end = r.end; }
      else { if (cur) out.push(...toCidrs(v, cur.start, cur.end)); cur = { ...r }; }
    }
    if (cur) out.push(...toCidrs(v, cur.start, cur.end));
  }
  return out;
}

const operators = OPERATORS.map(({ lists, ...o }) => {
  const raw = lists.flatMap((l) => readFileSync(join(dir, l, 'ips.txt'), 'utf8').split(/\r?\n/).filter((x) => x.trim() && !x.startsWith('#')));
  return { ...o, lists, ranges: merge(raw) };
});
const out = {
  source: `Operators' published IP ranges, as compiled by github.com/sefinek/known-bots-ip-whitelist${commit ? ` (commit ${commit})` : ''}, lists/<name>/ips.txt; merged into the fewest CIDR blocks by resources/tools/build-known-ranges.mjs`,
  licence: 'MIT (sefinek/known-bots-ip-whitelist); each operator publishes its own ranges for exactly this verification',
  snapshot: date,
  operators,
};
writeFileSync(new URL('../known-ranges.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log(operators.map((o) => `${o.id}: ${o.ranges.length}`).join(', '));
