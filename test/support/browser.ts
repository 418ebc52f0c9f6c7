// Shared end-to-end harness: builds the renderer once (skipped when the sources have not changed since the
// last build), starts the loopback bridge, launches Debian's Chromium and fails the test on any request that
// leaves 127.0.0.1 or on any dialog (alert/confirm) the page opens.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startBridge, type Bridge, type BridgeOptions } from './bridge';

import { REPO } from './paths';
export const RENDERER_OUT = join(REPO, 'out/renderer-test');
export const SCREENSHOTS = join(REPO, 'test-output/screenshots');
export const CHROMIUM = process.env.ALIBI_CHROMIUM ?? '/usr/bin/chromium';

/** Scripts minified as the app's renderer is (electron.vite.config.ts): the tests run the scripts that ship. */
const BUILD = { sourcemap: false, minify: true, cssMinify: false } as const;

function sourceStamp(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  walk(join(REPO, 'src/renderer'));
  walk(join(REPO, 'src/core'));
  h.update(JSON.stringify(BUILD)); // a build made with other options is not this one
  return h.digest('hex');
}

/** Builds src/renderer with Vite into out/renderer-test unless the same sources were built already. */
export async function buildRenderer(): Promise<string> {
  const stamp = sourceStamp();
  const stampFile = join(RENDERER_OUT, '.source-stamp');
  const worker = join(REPO, 'out/cli/import-worker.js');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(worker)) return RENDERER_OUT;
  // The bridge imports through the same worker thread as the app: (re)build it with the engine.
  execFileSync(process.execPath, [join(REPO, 'scripts/build-cli.mjs')], { cwd: REPO, stdio: 'inherit' });
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    configFile: false,
    root: join(REPO, 'src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: RENDERER_OUT, emptyOutDir: true, ...BUILD },
  });
  writeFileSync(stampFile, stamp);
  return RENDERER_OUT;
}

export interface Session {
  bridge: Bridge;
  browser: Browser;
  page: Page;
  /** Requests that went anywhere but the bridge (must stay empty). */
  offsite: string[];
  /** Dialogs the page opened (alert from an injected script would land here; must stay empty). */
  dialogs: string[];
  /** Uncaught page errors and console errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openSession(opts: Partial<BridgeOptions> = {}, contextOptions: BrowserContextOptions = {}): Promise<Session> {
  const rendererDir = await buildRenderer();
  const bridge = await startBridge({ rendererDir, ...opts });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const offsite: string[] = [];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const origin = new URL(bridge.url).origin;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:' + origin)) offsite.push(u);
  });
  // Belt and braces: anything off the bridge is aborted too, so a leak cannot even leave the machine.
  await context.route((u) => !u.href.startsWith(origin + '/') && u.protocol !== 'data:' && u.protocol !== 'blob:', (route) => route.abort());
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(bridge.url);
  return {
    bridge, browser, page, offsite, dialogs, pageErrors,
    async close() {
      await browser.close().catch(() => undefined);
      await bridge.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

const AXE = join(REPO, 'node_modules/axe-core/axe.min.js');

/** axe-core's serious and critical violations of the current page, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) stays as the app ships it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    // The timeline and graph canvases are drawn by their libraries; their own markup is checked, not the pixels.
    return axe.run({ exclude: [['.vis-network canvas']] }, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id}: ${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n')[1] ?? ''}`));
}
