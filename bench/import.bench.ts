// Import benchmark: a generated 1,000,000-line combined log imported with importFile, against (same run, same
// machine) raw better-sqlite3 inserts of the same parsed rows and, when installed, lnav reading the same file.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createCase } from '../src/core/casefile/caseFile';
import { importFile } from '../src/core/import/importFile';
import { logFormat } from '../src/core/import/logFormats';
import { lineContext } from '../src/core/import/lineContext';
import { TrustedProxies } from '../src/core/import/trustedProxies';
import { INSERT_EVENT_SQL } from '../src/core/import/eventWriter';
import type { ParsedEvent } from '../src/core/import/parsedEvent';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'alibi-import-bench-'));
const logPath = join(dir, 'access.log');

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

async function generate(): Promise<void> {
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

/** CPU seconds used by this process (all its threads) since `from`: far less sensitive than wall time to the
 *  other processes sharing this machine's cores, so the ratios below are computed on it. */
function cpuSec(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

function rss(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function main(): Promise<void> {
  await generate();
  const bytes = statSync(logPath).size;
  console.log(`generated ${LINES.toLocaleString('en')} combined-log lines (${(bytes / 1e6).toFixed(1)} MB) in ${dir}`);

  // 1. importFile: hashing, detection, parsing, PAN masking, inserts, one transaction.
  const db = createCase(join(dir, 'import.alibi'));
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  const r = await importFile(db, logPath);
  const importSec = (performance.now() - t0) / 1000;
  const importCpu = cpuSec(c0);
  db.close();
  const importRss = rss();
  const importRate = r.accepted / importSec;
  const importCpuRate = r.accepted / importCpu;
  console.log(`importFile: ${r.accepted.toLocaleString('en')} accepted, ${r.rejected} rejected in ${importSec.toFixed(2)} s wall = ${Math.round(importRate).toLocaleString('en')} lines/s (${importCpu.toFixed(2)} s CPU = ${Math.round(importCpuRate).toLocaleString('en')} lines/CPU-s); peak RSS ${importRss} MB`);

  // 2. Raw inserts of the same parsed rows into the same schema (fresh cases), one prepared statement, one
  //    transaction. Parsing is done beforehand in batches and not timed: only the inserts are. Two baselines:
  //    (a) with the schema's events indexes maintained row by row, (b) indexes dropped and rebuilt after the
  //    bulk insert — the strategy importFile itself uses on an empty case, so (b) is the like-for-like one.
  const proxies = new TrustedProxies();
  const parseCombined = logFormat('combined')!.parser(lineContext(proxies, 'UTC'));
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const baselines = [
    { name: 'raw inserts, indexes maintained', db: createCase(join(dir, 'raw-a.alibi')), dropIndexes: false, ms: 0, cpu: 0 },
    { name: 'raw inserts, indexes rebuilt after', db: createCase(join(dir, 'raw-b.alibi')), dropIndexes: true, ms: 0, cpu: 0 },
  ];
  const rebuild: Record<string, string[]> = {};
  for (const b of baselines) {
    b.db.prepare("INSERT INTO sources(id, file_name, size, sha256, format, parser_version, imported_at) VALUES (1, 'a', 0, 'x', 'combined', '1', '')").run();
    t0 = performance.now();
    c0 = process.cpuUsage();
    b.db.pragma('cache_size = -65536');
    b.db.exec('BEGIN');
    if (b.dropIndexes) {
      const ix = b.db.prepare("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='events' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
      for (const i of ix) b.db.exec(`DROP INDEX ${i.name}`);
      rebuild[b.name] = ix.map((i) => i.sql);
    }
    b.ms += performance.now() - t0;
    b.cpu += cpuSec(c0);
  }
  const stmts = baselines.map((b) => b.db.prepare(INSERT_EVENT_SQL));
  let n = 0;
  let batch: { line: string; e: ParsedEvent }[] = [];
  const flush = () => {
    baselines.forEach((b, k) => {
      const stmt = stmts[k];
      let row = n;
      t0 = performance.now();
      c0 = process.cpuUsage();
      for (const { line, e } of batch) {
        row++;
        stmt.run(e.ts, e.ts_text, 1, row, line, e.kind, e.ip, e.xff, e.client_ip, e.method, e.path, e.status, e.bytes,
          e.user_agent, e.referer, e.email, e.phone, e.name, e.customer_id, e.order_id, e.transaction_id, e.card_key,
          e.card_key_kind, e.card_fingerprint, e.card_bin, e.card_last4, e.card_expiry, e.card_brand, e.amount, e.currency,
          e.decision, e.rule, e.reason, e.extra);
      }
      b.ms += performance.now() - t0;
      b.cpu += cpuSec(c0);
    });
    n += batch.length;
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(logPath) })) {
    const e = parseCombined(line);
    if (!('reject' in e) && !('skip' in e)) batch.push({ line, e });
    if (batch.length === 20_000) flush();
  }
  flush();
  const rates: number[] = [];
  for (const b of baselines) {
    t0 = performance.now();
    c0 = process.cpuUsage();
    for (const sql of rebuild[b.name] ?? []) b.db.exec(sql);
    b.db.exec('COMMIT');
    b.ms += performance.now() - t0;
    b.cpu += cpuSec(c0);
    b.db.close();
    const rate = n / (b.ms / 1000);
    const cpuRate = n / b.cpu;
    rates.push(cpuRate);
    console.log(
      `${b.name} (same rows, same schema): ${n.toLocaleString('en')} in ${(b.ms / 1000).toFixed(2)} s wall = ${Math.round(rate).toLocaleString('en')} rows/s ` +
        `(${b.cpu.toFixed(2)} s CPU = ${Math.round(cpuRate).toLocaleString('en')} rows/CPU-s); importFile = ${((importCpuRate / cpuRate) * 100).toFixed(0)}% of it by CPU time, ${((importRate / rate) * 100).toFixed(0)}% by wall time`,
    );
  }
  const rawCpuRate = Math.max(...rates);
  console.log(`importFile / best raw-insert baseline (CPU time) = ${((importCpuRate / rawCpuRate) * 100).toFixed(0)}% (target >= 50%)`);

  // 3. lnav on the same file, if installed.
  const which = spawnSync('sh', ['-c', 'command -v lnav'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) {
    t0 = performance.now();
    const l = spawnSync('lnav', ['-n', '-c', ';SELECT count(*) AS n FROM access_log', logPath], {
      encoding: 'utf8', env: { ...process.env, HOME: dir }, maxBuffer: 1 << 24,
    });
    const lnavSec = (performance.now() - t0) / 1000;
    const count = /(\d[\d,]*)\s*$/.exec(l.stdout.trim())?.[1] ?? '?';
    console.log(`lnav: counted ${count} access_log rows in ${lnavSec.toFixed(2)} s = ${Math.round(LINES / lnavSec).toLocaleString('en')} lines/s (exit ${l.status})`);
    console.log(`importFile / lnav = ${((importRate / (LINES / lnavSec)) * 100).toFixed(0)}%`);
  } else {
    console.log('lnav not installed: no lnav comparison');
  }
  console.log(`peak RSS during import: ${importRss} MB (target < 400 MB); whole run ${rss()} MB`);
  rmSync(dir, { recursive: true, force: true });
  if (importCpuRate < rawCpuRate * 0.5 || importRss >= 400) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
