// The real Electron app (the production build, as `npm start` runs it) launched by Playwright with a .alibi
// file on its command line, as a double-click does: the case opens (through the engine process), the provider
// IP's role and its do-not-block warning show, window.alibi is the only door (no require, no process in the
// page), DevTools cannot open. Runs where the Electron binary exists; reported as skipped with the reason
// where it does not (e.g. no network to download it).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO } from '../support/paths';
import { screenshot } from '../support/browser';

/** The Electron executable, read the way require('electron') does but without its download-on-demand. */
function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(join(REPO, 'package.json')).resolve('electron/package.json'));
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const p = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(dir, 'dist', rel);
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const nativeForElectron = existsSync(join(REPO, `.electron-native/${process.platform}-${process.arch}/better_sqlite3.node`));
const skipReason = !binary
  ? 'the Electron binary is not installed (node_modules/electron has no dist/; it is downloaded from GitHub, unreachable here)'
  : !nativeForElectron
    ? "better-sqlite3 for Electron's ABI is missing (.electron-native/): run node scripts/electron-native.mjs on a connected machine"
    : null;
if (skipReason) console.log(`[e2e] Electron launch test skipped: ${skipReason}`);

describe('Electron app', () => {
  it.skipIf(skipReason !== null)('opens the .alibi given on the command line, hardened, and shows the provider warning', async () => {
    execFileSync(process.execPath, [join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: REPO, stdio: 'inherit' });
    // The sample case, built by the CLI: a file the app has never seen (it goes through the untrusted-file check).
    const caseDir = mkdtempSync(join(tmpdir(), 'alibi-electron-case-'));
    execFileSync(process.execPath, [join(REPO, 'bin/alibi.js'), 'demo', '--out', caseDir], { cwd: REPO, stdio: 'pipe' });
    const casePath = readdirSync(caseDir).map((f) => join(caseDir, f)).find((f) => f.endsWith('.alibi'))!;
    const { _electron } = await import('playwright-core');
    const userData = mkdtempSync(join(tmpdir(), 'alibi-electron-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: [join(REPO, 'out/main/index.js'), `--user-data-dir=${userData}`, '--no-sandbox', casePath],
      cwd: REPO,
      env: Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k !== 'ELECTRON_RENDERER_URL' && v !== undefined)) as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      const offsite: string[] = [];
      page.on('request', (r) => {
        if (!/^(file|devtools|data|blob):/.test(r.url())) offsite.push(r.url());
      });
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => typeof window.alibi.caseOpen)).toBe('function');
      await page.getByTestId('case-title').waitFor({ timeout: 120_000 });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].webContents.isDevToolsOpened())).toBe(false);
      await page.getByRole('tab', { name: 'IPs' }).click();
      await page.locator('tr[data-ip="51.91.102.137"]').click();
      await expect.poll(() => page.getByTestId('ip-role').getAttribute('data-role')).toBe('provider');
      expect(await page.getByTestId('block-impact').textContent()).toMatch(/DO NOT BLOCK/);
      await screenshot(page, '30-electron-provider');
      // A remote request from the page is cancelled by the session filter.
      const remote = await page.evaluate(() => fetch('https://example.com/').then(() => 'loaded', () => 'blocked'));
      expect(remote).toBe('blocked');
      expect(offsite.filter((u) => !u.startsWith('https://example.com'))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
