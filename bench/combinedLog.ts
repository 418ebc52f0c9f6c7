// The generated combined log every import/share bench reads: deterministic (same seed, same file every run), with
// the repetition of a real shop log (a few user agents and referers, thousands of paths, tens of thousands of IPs).
import { createWriteStream } from 'node:fs';

// Deterministic pseudo-random numbers so every run imports the same file.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];

const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
  'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'curl/8.5.0', 'python-requests/2.32.3', '-',
];
const PATHS = ['/', '/cart', '/checkout', '/product/', '/category/concerts?page=', '/wp-json/wc/store/v1/cart/items',
  '/wc-api/wc_stripe', '/static/app.', '/my-account/orders', '/search?q=ticket+', '/robots.txt', '/favicon.ico'];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'HEAD'];
const STATUSES = [200, 200, 200, 200, 200, 304, 301, 302, 404, 500, 403];
const REFS = ['-', 'https://shop.example/', 'https://www.google.com/', 'https://shop.example/cart', 'https://t.co/xyz'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ips = Array.from({ length: 50_000 }, () =>
  rnd() < 0.1
    ? `2a01:e0a:${Math.floor(rnd() * 65535).toString(16)}:${Math.floor(rnd() * 65535).toString(16)}::${Math.floor(rnd() * 255).toString(16)}`
    : `${1 + Math.floor(rnd() * 222)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${1 + Math.floor(rnd() * 254)}`,
);

function clf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export async function writeCombinedLog(logPath: string, LINES: number): Promise<void> {
  const out = createWriteStream(logPath);
  let t = Date.UTC(2025, 10, 23, 0, 0, 0);
  for (let i = 0; i < LINES; i += 10_000) {
    const batch: string[] = [];
    for (let j = 0; j < 10_000 && i + j < LINES; j++) {
      t += Math.floor(rnd() * 200);
      const path = pick(PATHS);
      const suffix = path.endsWith('/') || path.endsWith('=') || path.endsWith('+') ? String(Math.floor(rnd() * 5000)) : path.endsWith('.') ? `${Math.floor(rnd() * 1e6).toString(36)}.js` : '';
      batch.push(`${pick(ips)} - - [${clf(t)}] "${pick(METHODS)} ${path}${suffix} HTTP/1.1" ${pick(STATUSES)} ${Math.floor(rnd() * 60000)} "${pick(REFS)}" "${pick(UAS)}"`);
    }
    if (!out.write(batch.join('\n') + '\n')) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
}

