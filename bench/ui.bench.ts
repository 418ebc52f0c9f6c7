// UI benchmark (issue 4): on a 1,000,000-event case, time to first timeline paint after opening the case, the
// pan/zoom step (query + render) across zoom levels, and the graph focus on an IP with 2,000 linked entities;
// plus the graph-library comparison (cytoscape vs vis-network) behind src/renderer/graph/README.md.
// Each figure is printed with its ratio to a baseline measured in the same run (the bare SQL query of the same
// window), and the peak RSS of this process. Chromium is driven through playwright-core against a loopback page
// served here, with the real engine handlers behind /api (the same handlers the app and the bridge serve).
//
//   node bench/run.mjs ui                      all sections
//   ALIBI_UI_BENCH=compare node bench/run.mjs ui   only the library comparison
//   ALIBI_UI_EVENTS=200000 …                   a smaller case (default 1,000,000)
//   ALIBI_UI_AB=../other-checkout ALIBI_UI_RUNS=10 ALIBI_UI_BENCH=timeline …   that checkout's timeline page and this
//                                              one's, alternated in the same browser (see alternate())
import './browserGlobals';
import { analyzeCase } from '../src/core/analysis/analyze';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openCase, type Db } from '../src/core/casefile/caseFile';
import { createTimelineHandlers } from '../src/core/timeline/timeline';
import { createGraphHandlers, type GraphResult } from '../src/core/graph/graph';
import { buildSyntheticCase, STORY } from '../test/support/syntheticCase';
import { niceBucketMs } from '../src/core/timeline/windowPlan';
import { createEventGridHandlers } from '../src/core/events/eventHandlers';
import { EventGrid } from '../src/core/events/eventGrid';
import { openSession } from '../test/support/browser';
import { buildDemoCase } from '../src/core/sample/demoCase';

const ROOT = resolve('.');
// esbuild ships a native binary: load it at run time rather than bundling it into this bench.
const esbuild = createRequire(join(ROOT, 'package.json'))('esbuild') as typeof import('esbuild');
const OUT = join(ROOT, 'out/bench/ui');
const EVENTS = Number(process.env.ALIBI_UI_EVENTS ?? 1_000_000);
const LINKED = 2000;
const ONLY = process.env.ALIBI_UI_BENCH ?? '';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AB = process.env.ALIBI_UI_AB ? resolve(process.env.ALIBI_UI_AB) : '';

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const rssTimer = setInterval(sampleRss, 50);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const ratio = (a: number, b: number) => {
  const r = a / Math.max(b, 0.001);
  return `${r.toFixed(r < 0.1 ? 2 : 1)}× baseline`;
};

function timeIt(fn: () => unknown, runs = 5): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

// ---------------------------------------------------------------- the case
function caseFile(): string {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `ui-${EVENTS}.alibi`);
  if (existsSync(path) && statSync(path).size > 0) return path;
  for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
  const t0 = performance.now();
  const db = buildSyntheticCase(path, { events: EVENTS, otherCustomers: LINKED, spanMs: 30 * 86_400_000 });
  db.close();
  console.log(`built ${EVENTS.toLocaleString('en-US')}-event case by direct inserts in ${f(performance.now() - t0)} (${(statSync(path).size / 1e6).toFixed(0)} MB)`);
  return path;
}

// ---------------------------------------------------------------- the loopback page
// The page is built the way electron-vite builds the app's renderer (Vite, same plugin, scripts minified, styles
// as written, no module-preload polyfill: electron.vite.config.ts and electron-vite's defaults), and each view
// comes from its own chunk as the app loads it (src/renderer/lazyViews.tsx): a page of the timeline loads React,
// the shared modules and the timeline's chunk, not the graph's or the grid's.
const pageEntry = (root: string) => `
import { createRoot } from 'react-dom/client';
import { createElement } from 'react';
import { TimelineView, GraphView, EventsGrid } from ${JSON.stringify(join(root, 'src/renderer/lazyViews'))};
const which = new URLSearchParams(location.search).get('view');
createRoot(document.getElementById('root')).render(
  which === 'grid' ? createElement(EventsGrid, { tz: 'Europe/Paris' }) : createElement(which === 'graph' ? GraphView : TimelineView),
);
`;
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";
// The loopback shim (window.alibi over fetch) runs first: a classic script, before the deferred module scripts.
const PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<style>html,body,#root{margin:0;height:100%} #root{height:900px}</style></head>
<body><div id="root"></div><script src="/shim.js"></script><script type="module" src="./page.js"></script></body></html>`;

/** window.alibi over fetch: the same shape as the preload's, for the methods the two views call. */
const API_SHIM = `
window.alibi = new Proxy({ host: 'bridge', onImportProgress: () => () => {} }, {
  get(target, method) {
    if (method in target) return target[method];
    return async (args) => {
      const r = await fetch('/api/' + String(method), { method: 'POST', body: JSON.stringify(args ?? {}) });
      const body = await r.json();
      if (!r.ok) throw new Error(body.error);
      return body.result;
    };
  },
});`;

async function buildPages(): Promise<void> {
  rmSync(join(OUT, 'page'), { recursive: true, force: true }); // no chunk of an earlier build left behind
  mkdirSync(join(OUT, 'page'), { recursive: true });
  if (ONLY !== 'compare') {
    // this checkout's page at /, the other one's (ALIBI_UI_AB) at /ab/
    for (const [root, name] of [[ROOT, 'page'], ...(AB ? [[AB, 'page/ab']] : [])]) {
      const src = join(OUT, `${name}-src`.replace('/', '-'));
      mkdirSync(src, { recursive: true });
      writeFileSync(join(src, 'index.html'), PAGE_HTML);
      writeFileSync(join(src, 'page.js'), pageEntry(root));
      const { build } = await import('vite');
      const react = (await import('@vitejs/plugin-react')).default;
      await build({
        configFile: false, root: src, base: './', plugins: [react()], logLevel: 'error',
        build: { outDir: join(OUT, name), emptyOutDir: false, minify: true, cssMinify: false, modulePreload: { polyfill: false }, reportCompressedSize: false },
      });
    }
  }
  await esbuild.build({
    entryPoints: [join(ROOT, 'bench/graphLibraryCompare.ts')], bundle: true, format: 'esm',
    outfile: join(OUT, 'page/compare.js'), logLevel: 'warning', minify: true,
  });
}

const COMPARE_HTML = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<style>html,body,#root{margin:0;height:100%} #root{height:900px}</style></head>
<body><div id="root"></div><script src="/shim.js"></script><script type="module" src="/compare.js"></script></body></html>`;

/** What the loopback server did and when (epoch ms): request in → response written (ALIBI_UI_MARKS=1). */
const served: [number, number, string][] = [];

function serve(handlers: Record<string, (a: unknown) => unknown>): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (process.env.ALIBI_UI_MARKS) {
      const t = performance.timeOrigin + performance.now();
      res.on('finish', () => served.push([t, performance.timeOrigin + performance.now(), url.pathname]));
    }
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const fn = handlers[url.pathname.slice(5)];
        try {
          if (!fn) throw new Error(`unknown method ${url.pathname}`);
          Promise.resolve(fn(JSON.parse(body || '{}'))).then(
            (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result })),
            (e: Error) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: e.message })),
          );
        } catch (e) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (e as Error).message }));
        }
      });
      return;
    }
    if (url.pathname === '/shim.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(API_SHIM);
    if (url.pathname === '/' || url.pathname === '/index.html' || url.pathname === '/ab/') {
      const html = url.searchParams.get('page') === 'compare' ? COMPARE_HTML : readFileSync(join(OUT, 'page', url.pathname === '/ab/' ? 'ab' : '', 'index.html'), 'utf8');
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
    const file = join(OUT, 'page', url.pathname.replace(/^\/+/, ''));
    if (!file.startsWith(join(OUT, 'page')) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

// ---------------------------------------------------------------- graph library comparison
async function compareLibraries(browser: Browser, url: string, g1: GraphResult, g2: GraphResult): Promise<void> {
  console.log('\n-- graph library comparison (same page, same data; median of 3; layout + first painted frame) --');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('crash', () => console.error('chromium page crashed'));
  page.on('close', () => console.error('page closed'));
  browser.on('disconnected', () => console.error('browser disconnected'));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${url}/?page=compare`);
  await page.waitForFunction(() => !!window.graphCompare);
  const plain = (g: GraphResult) => ({
    nodes: g.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind, depth: n.depth })),
    edges: g.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  });
  const cases: [string, GraphResult][] = [
    [`depth 1 (${g1.nodes.length} nodes, ${g1.edges.length} edges)`, g1],
    [`depth 2 (${g2.nodes.length} nodes, ${g2.edges.length} edges)`, g2],
  ];
  // A small graph for the force-directed layouts: on thousands of nodes they run for minutes here.
  const small: GraphResult = { ...g1, nodes: g1.nodes.slice(0, 300), edges: g1.edges.filter((e) => g1.nodes.slice(0, 300).some((n) => n.id === e.source) && g1.nodes.slice(0, 300).some((n) => n.id === e.target)) };
  cases.push([`force layouts, first 300 nodes of depth 1 (${small.edges.length} edges)`, small]);
  const withTimeout = <T,>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<T>((_, no) => setTimeout(() => no(new Error('timeout')), ms))]);
  for (const [name, g] of cases) {
    const data = plain(g);
    const run = async (lib: string, mode: string) => {
      const xs: number[] = [];
      for (let i = 0; i < 3; i++) {
        try {
          xs.push(await withTimeout(page.evaluate(
            ([d, l, m]) =>
              l === 'cy'
                ? window.graphCompare.drawCytoscape(d as never, m as 'concentric' | 'cose' | 'grid' | 'preset')
                : window.graphCompare.drawVisNetwork(d as never, m as 'physics' | 'fixed'),
            [data, lib, mode] as const,
          ), 60_000));
        } catch {
          return NaN; // over a minute: reported as such
        }
      }
      return median(xs);
    };
    const show = (ms: number) => (Number.isNaN(ms) ? '> 60 s' : f(ms));
    console.log(`${name}:`);
    if (g !== small) {
      const visFixed = await run('vis', 'fixed');
      const cyPreset = await run('cy', 'preset');
      const cyConc = await run('cy', 'concentric');
      console.log(`  vis-network, ring positions, physics off  ${show(visFixed)}`);
      console.log(`  cytoscape, same ring positions (preset)   ${show(cyPreset)}  (${(cyPreset / visFixed).toFixed(1)}× vis-network)`);
      console.log(`  cytoscape, concentric layout              ${show(cyConc)}  (${(cyConc / visFixed).toFixed(1)}× vis-network)`);
    } else {
      console.log(`  vis-network physics (its default)         ${show(await run('vis', 'physics'))}`);
      console.log(`  cytoscape cose (force-directed)           ${show(await run('cy', 'cose'))}`);
    }
  }
  await page.close();
}

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  const path = caseFile();
  const tOpen = performance.now();
  const db: Db = openCase(path);
  const openMs = performance.now() - tOpen;
  // ALIBI_UI_FRESH=1: the page of the timeline opens on a connection opened just before it (no minute counts or
  // markers read yet: the engine's first pass over the case is part of the first paint, as when a case is opened)
  let served: Db = db;
  const ctx = { db: () => served, casePath: () => path };
  const reopen = () => (served = openCase(path));
  const timeline = createTimelineHandlers(ctx);
  const graph = createGraphHandlers(ctx, () => [{ ip: STORY.providerIp, role: 'provider' }]);
  console.log(`case: ${EVENTS.toLocaleString('en-US')} events; open ${f(openMs)}`);

  const g1 = graph.graph({ focus: { kind: 'ip', value: STORY.providerIp }, depth: 1, limit: 10_000 });
  const g2 = graph.graph({ focus: { kind: 'ip', value: STORY.providerIp }, depth: 2, limit: 3000 });

  await buildPages();
  const handlers: Record<string, (a: unknown) => unknown> = {};
  const grid = createEventGridHandlers(ctx);
  for (const [k, fn] of Object.entries({ ...timeline, ...graph, ...grid })) handlers[k] = fn as (a: unknown) => unknown;
  const { server, url } = await serve(handlers);
  const browser = await launch();
  try {
    if (!ONLY || ONLY === 'compare') await compareLibraries(browser, url, g1, g2);
    if (!ONLY || ONLY === 'timeline') await benchTimeline(browser, url, db, timeline, openMs, reopen);
    if (!ONLY || ONLY === 'graph') await benchGraph(browser, url, db, graph);
    if (!ONLY || ONLY === 'grid') await benchGrid(browser, url, db);
    if (!ONLY || ONLY === 'sample-graph') await benchSampleGraph();
  } finally {
    await browser.close();
    server.close();
    db.close();
    clearInterval(rssTimer);
    sampleRss();
    console.log(`\npeak RSS (this Node process: engine + server; Chromium is separate): ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  }
}

// ---------------------------------------------------------------- timeline
type TimelineApi = ReturnType<typeof createTimelineHandlers>;
type GraphApi = ReturnType<typeof createGraphHandlers>;

const ZOOMS: [string, number][] = [
  ['30 days', 30 * 86_400_000], ['7 days', 7 * 86_400_000], ['1 day', 86_400_000], ['1 hour', 3_600_000],
  ['10 min', 600_000], ['1 min', 60_000],
];

async function benchTimeline(browser: Browser, url: string, db: Db, timeline: TimelineApi, openMs: number, reopen: () => Db): Promise<void> {
  console.log('\n-- timeline --');
  const ext = timeline.timelineExtent();
  const bare = db.prepare('SELECT count(*) AS n FROM events WHERE ts >= ? AND ts < ?');
  // Engine side, per zoom level: the window query the view makes vs the bare count of the same window.
  console.log('engine query per zoom level (median of 5), vs bare SQL count(*) of the same window:');
  for (const [name, span] of ZOOMS) {
    // the window as the view asks for it: round bucket width, aligned start
    const bucketMs = niceBucketMs(span, 80);
    const from = Math.floor((STORY.blockTs - span / 2) / bucketMs) * bucketMs;
    const buckets = Math.ceil(span / bucketMs);
    const to = from + buckets * bucketMs;
    const base = timeIt(() => bare.get(from, to));
    let mode = '';
    const q = timeIt(() => {
      mode = timeline.timelineWindow({ from, to, buckets, groupBy: 'source', maxEvents: 500 }).mode;
    });
    console.log(`  ${name.padEnd(8)} ${mode.padEnd(7)} ${f(q).padStart(9)}  (bare count ${f(base)}, ${ratio(q, base)})`);
  }

  // Browser: open the page on the case, time to the first painted timeline items.
  const fresh = process.env.ALIBI_UI_FRESH ? reopen() : null;
  if (AB) await alternate(browser, url);
  const { page, marked, shown: firstPaint, cpu: paintCpu, phases } = await openTimeline(browser, `${url}/?view=timeline`, {
    trace: !!process.env.ALIBI_UI_TRACE, profile: !!process.env.ALIBI_UI_PROFILE, marks: !!process.env.ALIBI_UI_MARKS,
  });
  if (fresh) console.log('(the page opened on a fresh connection to the case: ALIBI_UI_FRESH)');
  const wholeBare = timeIt(() => bare.get(ext.first, ext.last! + 1));
  console.log(`first timeline paint after opening the case: ${f(openMs + firstPaint)} (open ${f(openMs)} + page load, query, render ${f(firstPaint)}; target < 1500 ms; bare count of the whole case ${f(wholeBare)}, ${ratio(openMs + firstPaint, wholeBare)}; the view marked its first answer at ${f(openMs + marked)}; page main-thread CPU ${f(paintCpu)})`);
  console.log(`  on the page's clock: ${describePhases(phases)}`);

  // Pan/zoom steps: set the window as a wheel or drag would, time query + render (the view's own measure,
  // from query start to the painted frame; the 120 ms input debounce comes before it and is not counted).
  console.log('pan/zoom step in Chromium (query + render, median of 3 steps per level; target < 200 ms):');
  const steps: number[] = [];
  for (const [name, span] of ZOOMS) {
    const xs: number[] = [];
    let mode = '';
    for (let i = 0; i < 3; i++) {
      const from = STORY.blockTs - span / 2 + (i - 1) * span * 0.3; // zoom, then pan left and right
      const seq = await page.getAttribute('[data-testid=timeline]', 'data-seq');
      await page.evaluate(([a, b]) => {
        const el = document.querySelector('[data-testid=timeline]') as HTMLElement & { __timeline: { setWindow(a: Date, b: Date, o?: unknown): void } };
        el.__timeline.setWindow(new Date(a), new Date(b), { animation: false });
      }, [from, from + span]);
      await page.waitForFunction((s) => document.querySelector('[data-testid=timeline]')?.getAttribute('data-seq') !== s, seq, { timeout: 60_000 });
      xs.push(Number(await page.getAttribute('[data-testid=timeline]', 'data-step-ms')));
      mode = (await page.getAttribute('[data-testid=timeline]', 'data-mode')) ?? '';
    }
    const m = median(xs);
    steps.push(m);
    const from = STORY.blockTs - span / 2;
    const base = timeIt(() => bare.get(from, from + span));
    console.log(`  ${name.padEnd(8)} ${mode.padEnd(7)} ${f(m).padStart(9)}  (bare count ${f(base)}, ${ratio(m, base)})`);
  }
  console.log(`  worst step ${f(Math.max(...steps))}`);
  await page.screenshot({ path: join(OUT, 'timeline-1m.png') });
  await page.close();
}

/** Opens the timeline's page and times its first paint (ms from the navigation's start, as this process saw it). */
async function openTimeline(browser: Browser, pageUrl: string, { trace = false, profile = false, marks = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // ALIBI_UI_TRACE=1: a Chromium trace of the first paint (out/bench/ui/timeline-trace.json, for chrome://tracing)
  if (trace) await browser.startTracing(page, { path: join(OUT, 'timeline-trace.json'), screenshots: false });
  // ALIBI_UI_PROFILE=1: a V8 CPU profile of the page to its first paint (out/bench/ui/timeline.cpuprofile)
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // The page's main-thread CPU time to the first paint (Chromium's count): its own work, whatever else the machine
  // runs meanwhile (the wall times above wait on the other processes too).
  const cdpMetrics = await page.context().newCDPSession(page);
  await cdpMetrics.send('Performance.enable');
  // Both moments are timed in the page, every frame from its start: the view's own mark (its first answer's frame)
  // and the first frame after the one that painted the lanes with their counts (vis-timeline keeps its lanes hidden
  // until it has settled its first window). The page says so on its console: no Playwright wait runs in the page
  // while it loads (their script, evaluated in the page at their first use, took ~30 ms of its main thread, and
  // their polls at 0, 20, 50, 100, 100, 500 … ms saw the paint up to ~500 ms late).
  await page.addInitScript(() => {
    const seen: { marked?: number; shown?: number } = ((window as unknown as { __firstPaint: object }).__firstPaint = {});
    const check = () => {
      const box = document.querySelector('[data-testid=timeline]');
      if (seen.marked == null && box?.hasAttribute('data-seq')) seen.marked = self.performance.timeOrigin + self.performance.now();
      const root = box?.querySelector<HTMLElement>('.vis-timeline');
      if (seen.shown == null && root?.style.visibility === 'visible' && root.querySelector('.vis-item.tl-bucket, .vis-item.tl-event')) seen.shown = self.performance.timeOrigin + self.performance.now();
      if (seen.marked == null || seen.shown == null) requestAnimationFrame(check);
      else console.debug(`__firstPaint ${JSON.stringify(seen)}`);
    };
    requestAnimationFrame(check);
  });
  const said = new Promise<{ marked: number; shown: number }>((ok, no) => {
    const late = setTimeout(() => no(new Error('no first timeline paint within 120 s')), 120_000);
    page.on('console', (m) => {
      if (!m.text().startsWith('__firstPaint ')) return;
      clearTimeout(late);
      ok(JSON.parse(m.text().slice('__firstPaint '.length)));
    });
  });
  const t0 = performance.now();
  const t0Epoch = performance.timeOrigin + t0; // the page's clock is read the same way (epoch ms)
  await page.goto(pageUrl);
  const seen = await said;
  const { metrics } = (await cdpMetrics.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const cpu = (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
  if (trace) await browser.stopTracing();
  if (cdp) writeFileSync(join(OUT, 'timeline.cpuprofile'), JSON.stringify((await cdp.send('Profiler.stop')).profile));
  if (marks) {
    // what the page fetched and when (ms from navigation): chunks and engine calls, start → end
    const { origin, rows: pageRows } = await page.evaluate(() => ({
      origin: self.performance.timeOrigin,
      rows: [
        ...self.performance.getEntriesByType('resource').map((r) => [r.startTime, (r as PerformanceResourceTiming).responseEnd, r.name.replace(location.origin, '')] as const),
        ...self.performance.getEntriesByType('mark').map((m) => [m.startTime, m.startTime, `mark ${m.name}`] as const),
      ],
    }));
    // the server's side of the same requests, on the page's clock: in → written (its one thread serves files and engine)
    const rows = [...pageRows, ...served.filter(([a]) => a >= origin).map(([a, b, name]) => [a - origin, b - origin, `  server ${name}`] as const)];
    for (const [a, b, name] of rows.sort((x, y) => x[0] - y[0])) console.log(`  ${a.toFixed(0).padStart(5)} → ${b.toFixed(0).padStart(5)}  ${name}`);
  }
  // the page's phases on its own clock: its first chunks in, the timeline's chunk asked and in (with the chunks it
  // imports), the engine's answers in, the view's marks
  const phases = await page.evaluate(() => {
    const res = self.performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const chunks = res.filter((r) => r.name.includes('/assets/') && r.name.endsWith('.js'));
    const tl = chunks.find((r) => r.name.includes('/TimelineView-'));
    const after = (r: PerformanceResourceTiming) => !!tl && r.startTime >= tl.startTime - 1;
    const mark = (n: string) => self.performance.getEntriesByName(n)[0]?.startTime ?? NaN;
    const first = mark('timeline: first answers in');
    return {
      boot: Math.max(...chunks.filter((r) => !after(r)).map((r) => r.responseEnd)),
      asked: tl?.startTime ?? NaN,
      chunk: Math.max(...chunks.filter(after).map((r) => r.responseEnd)),
      answers: Math.max(...res.filter((r) => r.name.includes('/api/') && r.responseEnd < first).map((r) => r.responseEnd)),
      first,
      built: mark('timeline: built'),
      api: res.filter((r) => r.name.includes('/api/') && r.startTime < first).map((r) => `${r.name.replace(/.*\/api\/(timeline)?/, '')} ${r.startTime.toFixed(0)}→${r.responseEnd.toFixed(0)}`).join(' '),
    };
  });
  return { page, marked: seen.marked - t0Epoch, shown: seen.shown - t0Epoch, cpu, phases };
}

function describePhases(p: Record<string, number | string>): string {
  const ms = (k: string) => (p[k] as number).toFixed(0);
  return `first chunks in ${ms('boot')} ms, the timeline's chunk asked at ${ms('asked')} and in with its imports at ${ms('chunk')}, the engine's answers in at ${ms('answers')}, the view's first answers in at ${ms('first')}, built at ${ms('built')}; engine calls ${p.api}`;
}

/**
 * ALIBI_UI_AB=<another checkout of Alibi>: its timeline page (built from its src/renderer the same way) and this one's,
 * opened in turn ALIBI_UI_RUNS times each (default 5) in the same browser, on the same case and engine (this
 * checkout's: an A/B of the pages), each run printed with the load average, then the medians.
 */
async function alternate(browser: Browser, url: string): Promise<void> {
  const runs = Number(process.env.ALIBI_UI_RUNS ?? 5);
  const res: Record<string, { shown: number[]; marked: number[]; cpu: number[] }> = { this: { shown: [], marked: [], cpu: [] }, other: { shown: [], marked: [], cpu: [] } };
  console.log(`A/B of the first paint: this checkout's page vs ${AB}'s, alternated, ${runs} runs each:`);
  for (let i = 0; i < runs * 2; i++) {
    const which = i % 2 === 0 ? 'other' : 'this';
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const r = await openTimeline(browser, which === 'this' ? `${url}/?view=timeline` : `${url}/ab/?view=timeline`);
    await r.page.close();
    for (const k of ['shown', 'marked', 'cpu'] as const) res[which][k].push(r[k]);
    console.log(`  ${which.padEnd(5)} load ${load}: lanes shown ${f(r.shown)}, view's mark ${f(r.marked)}, page main-thread CPU ${f(r.cpu)} (${describePhases(r.phases)})`);
  }
  for (const which of ['other', 'this'] as const) {
    const m = res[which];
    console.log(`  median ${which.padEnd(5)}: lanes shown ${f(median(m.shown))}, view's mark ${f(median(m.marked))}, CPU ${f(median(m.cpu))}`);
  }
}

// ---------------------------------------------------------------- graph
async function benchGraph(browser: Browser, url: string, db: Db, graph: GraphApi): Promise<void> {
  console.log('\n-- graph focus on the provider IP --');
  const bare = db.prepare('SELECT id, order_id FROM events WHERE client_ip = ?');
  const base = timeIt(() => bare.all(STORY.providerIp));
  for (const [depth, limit] of [[1, 10_000], [2, 400], [2, 10_000]] as const) {
    let r: GraphResult | null = null;
    const q = timeIt(() => (r = graph.graph({ focus: { kind: 'ip', value: STORY.providerIp }, depth, limit })), 3);
    const g = r as unknown as GraphResult;
    console.log(`  engine depth ${depth} cap ${limit}: ${g.nodes.length} nodes, ${g.edges.length} links, ${g.hidden} hidden — ${f(q)} (bare SQL read of the IP's events ${f(base)}, ${ratio(q, base)})`);
  }
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${url}/?view=graph`);
  await page.locator('[data-testid=graph][data-drawn]').waitFor({ timeout: 120_000 });
  const focus = async (label: string, depth: string, limit: string) => {
    await page.getByLabel('depth').selectOption(depth);
    await page.getByLabel('max nodes').selectOption(limit);
    await page.getByLabel('focus kind').selectOption('ip');
    await page.getByLabel('focus value').fill(STORY.providerIp);
    await page.getByRole('button', { name: 'Overview' }).click();
    await page.locator('[data-testid=graph][data-drawn^="overview"]').waitFor({ timeout: 120_000 });
    const t0 = performance.now();
    await page.getByRole('button', { name: 'Focus', exact: true }).click();
    await page.locator(`[data-testid=graph][data-drawn^="ip:${STORY.providerIp}|"]`).waitFor({ timeout: 120_000 });
    const ms = performance.now() - t0;
    const drawn = (await page.getAttribute('[data-testid=graph]', 'data-drawn'))!.split('|')[1];
    console.log(`  Chromium ${label}: ${drawn} nodes drawn in ${f(ms)} (click → query → layout → painted; target < 1500 ms; ${ratio(ms, base)})`);
  };
  await focus('depth 1, every linked entity (max 3000)', '1', '3000');
  await focus('depth 2, default cap (400)', '2', '400');
  await page.screenshot({ path: join(OUT, 'graph-provider.png') });
  await page.close();
}

// ---------------------------------------------------------------- events grid
async function benchGrid(browser: Browser, url: string, db: Db): Promise<void> {
  console.log('\n-- events grid --');
  // Engine: a column filter on a fresh grid (no cached id list), vs the bare SQL count of the same predicate.
  const filters: [string, Record<string, string>, string][] = [
    ['path contains "checkout"', { path: 'checkout' }, "SELECT count(*) FROM events WHERE path LIKE '%checkout%'"],
    ['status = 404', { status: '404' }, 'SELECT count(*) FROM events WHERE status = 404'],
    ['client IP contains "203.0.113"', { client_ip: '203.0.113' }, "SELECT count(*) FROM events WHERE client_ip LIKE '%203.0.113%'"],
    ['status 400..599 (errors)', { status: '400..599' }, 'SELECT count(*) FROM events WHERE status BETWEEN 400 AND 599'],
    ['kind = http_request (most rows)', { kind: '=http_request' }, "SELECT count(*) FROM events WHERE kind = 'http_request'"],
    ['kind = payment (business rows)', { kind: '=payment' }, "SELECT count(*) FROM events WHERE kind = 'payment'"],
    ['user agent contains "bot"', { user_agent: 'bot' }, "SELECT count(*) FROM events WHERE user_agent LIKE '%bot%'"],
  ];
  // The grid of the open case reads the case's time order once (when the grid opens on the whole case).
  const grid = new EventGrid(db);
  const tOpen = performance.now();
  grid.count({});
  const openGrid = performance.now() - tOpen;
  const wholeBare = timeIt(() => db.prepare('SELECT id FROM events ORDER BY ts, id').pluck().all(), 3);
  console.log(`grid opens on the whole case (time order of every event, once per case): ${f(openGrid)} (bare ordered id scan ${f(wholeBare)}, ${ratio(openGrid, wholeBare)})`);
  console.log('column filter, engine (count + ordered id list + first page, as typed the first time, median of 3; target < 200 ms):');
  for (const [name, columns, sql] of filters) {
    const base = timeIt(() => db.prepare(sql).get(), 3);
    let total = 0;
    const q = timeIt(() => {
      grid.forgetQueries();
      total = grid.count({ columns }).total;
      grid.page({ columns }, 0, 100);
    }, 3);
    console.log(`  ${name.padEnd(30)} ${total.toLocaleString('en-US').padStart(9)} rows ${f(q).padStart(9)}  (bare count ${f(base)}, ${ratio(q, base)})`);
  }

  // Chromium: scroll steps through the whole case, each rendered synchronously (React commit + layout).
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const t0 = performance.now();
  await page.goto(`${url}/?view=grid`);
  await page.locator('[data-testid=grid-body][data-query-ms]').waitFor({ timeout: 120_000 });
  await page.locator('.grid-body .grid-row[data-event-id]').first().waitFor({ timeout: 60_000 });
  console.log(`first grid paint on the whole case: ${f(performance.now() - t0)} (page load, count, first page)`);
  const steps = await page.evaluate(async () => {
    const el = document.querySelector('[data-testid=grid-body]') as HTMLDivElement & { __scrollTo(y: number): number };
    const out: { wheel: number[]; jump: number[] } = { wheel: [], jump: [] };
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    // wheel-like: 3 rows per frame over 600 frames
    for (let i = 0; i < 600; i++) {
      out.wheel.push(el.__scrollTo(el.scrollTop + 78));
      await frame();
    }
    // scrollbar drags: 100 jumps across the whole million
    for (let i = 0; i < 100; i++) {
      out.jump.push(el.__scrollTo(Math.floor(((i * 7919) % 100) / 100 * el.scrollHeight)));
      await frame();
    }
    return out;
  });
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  console.log(`scroll step (React commit + layout of the rows on screen; target < 16 ms per frame):`);
  console.log(`  wheel, 3 rows per frame, 600 frames: median ${f(median(steps.wheel))}, p95 ${f(p95(steps.wheel))}, max ${f(Math.max(...steps.wheel))}`);
  console.log(`  scrollbar jumps across the case, 100 frames: median ${f(median(steps.jump))}, p95 ${f(p95(steps.jump))}, max ${f(Math.max(...steps.jump))}`);
  // A jump lands on rows not fetched yet: time until they are filled (one page request).
  const tFill = await page.evaluate(async () => {
    const el = document.querySelector('[data-testid=grid-body]') as HTMLDivElement & { __scrollTo(y: number): number };
    const t = self.performance.now();
    el.__scrollTo(Math.floor(el.scrollHeight * 0.61));
    while (!document.querySelector('.grid-body .grid-row.active, .grid-body .grid-row[data-event-id]') || [...document.querySelectorAll('.grid-body .grid-row')].some((r) => !r.hasAttribute('data-event-id'))) {
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      if (self.performance.now() - t > 10_000) break;
    }
    return self.performance.now() - t;
  });
  console.log(`  rows filled after a jump to 61 %: ${f(tFill)} (page fetch over the loopback + render)`);
  await page.screenshot({ path: join(OUT, 'grid-1m.png') });
  await page.close();
}

// ---------------------------------------------------------------- aggregated graph of the sample case's provider
async function benchSampleGraph(): Promise<void> {
  console.log('\n-- aggregated graph of the sample case, focus on the provider IP (the app through the loopback bridge) --');
  const dir = join(OUT, 'sample');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { casePath } = await buildDemoCase(dir);
  const sampleDb = openCase(casePath);
  const providerIp = '51.91.102.137';
  const sampleIps = analyzeCase(sampleDb).ips;
  const engine = createGraphHandlers({ db: () => sampleDb }, () => sampleIps);
  const base = timeIt(() => engine.graph({ focus: { kind: 'ip', value: providerIp }, depth: 2, limit: 400 }), 5);
  sampleDb.close();
  const s = await openSession({ dataDir: dir });
  try {
    const { page } = s;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('open-sample').click();
    await page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Timeline & graph' }).click();
    await page.locator('[data-testid=graph][data-drawn]').waitFor({ timeout: 60_000 });
    const xs: number[] = [];
    let drawn = '';
    for (let i = 0; i < 5; i++) {
      await page.getByRole('button', { name: 'Overview' }).click();
      await page.locator('[data-testid=graph][data-drawn^="overview"]').waitFor({ timeout: 60_000 });
      await page.getByLabel('focus kind').selectOption('ip');
      await page.getByLabel('focus value').fill(providerIp);
      const t0 = performance.now();
      await page.getByRole('button', { name: 'Focus', exact: true }).click();
      await page.locator(`[data-testid=graph][data-drawn^="ip:${providerIp}|"]`).waitFor({ timeout: 60_000 });
      xs.push(performance.now() - t0);
      drawn = (await page.getAttribute('[data-testid=graph]', 'data-drawn')) ?? '';
    }
    const m = median(xs);
    console.log(`  click → query → bundle → layout → painted: ${f(m)} for ${drawn.split('|')[1]} drawn nodes (median of 5; target < 300 ms; engine query alone ${f(base)}, ${ratio(m, base)})`);
    await page.screenshot({ path: join(OUT, 'graph-sample-provider.png') });
  } finally {
    await s.close();
  }
}

export type { Page };

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
