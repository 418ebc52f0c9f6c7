// Electronegativity over the sources and a fresh production build of the app (scripts/electronegativity.mjs):
// every finding is accepted with a reason in electronegativity.json or the test fails; a planted insecure
// window proves the scan can fail. Also the production build's own CSP: no inline script, no remote source.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSP } from '../../src/main/urlPolicy';
import { REPO } from '../support/paths';


interface Finding {
  check: string;
  file: string;
  line: number;
}
interface ScanResult {
  checks: number;
  findings: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
  unaccepted: Finding[];
}
type Scanner = { scan(input: string): Promise<ScanResult>; loadPolicy(): { accepted: { check: string; file: string; reason: string }[]; skippedChecks: Record<string, string> } };
const scannerPath = join(REPO, 'scripts/electronegativity.mjs');
const scanner = () => import(scannerPath) as Promise<Scanner>;

let built = '';
beforeAll(() => {
  // A separate output folder: the e2e tests may be building out/ at the same time.
  built = mkdtempSync(join(tmpdir(), 'alibi-build-'));
  execFileSync(process.execPath, [join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', built, '--logLevel', 'warn'], { cwd: REPO, stdio: 'pipe' });
  return () => rmSync(built, { recursive: true, force: true });
}, 180_000);

describe('Electronegativity', () => {
  it('finds nothing unexplained in src/', async () => {
    const r = await (await scanner()).scan(join(REPO, 'src'));
    expect(r.checks).toBeGreaterThan(30);
    expect(r.errors.filter((e) => !e.tolerable)).toEqual([]);
    expect(r.unaccepted).toEqual([]);
  });

  it('finds nothing unexplained in the production build', async () => {
    const r = await (await scanner()).scan(built);
    expect(r.unaccepted).toEqual([]);
    expect(r.findings.map((f) => f.file)).toContain('renderer/index.html'); // it did read the build
  });

  it('has a reason for every accepted finding and skipped check', async () => {
    const policy = (await scanner()).loadPolicy();
    for (const a of policy.accepted) expect(a.reason.length, `${a.check} ${a.file}`).toBeGreaterThan(40);
    for (const [check, reason] of Object.entries(policy.skippedChecks)) expect(reason.length, check).toBeGreaterThan(40);
  });

  it('reports a planted insecure window (the scan can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alibi-eneg-'));
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const r = await (await scanner()).scan(dir);
    const checks = r.unaccepted.map((f) => f.check);
    expect(checks).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
  });
});

describe('production build', () => {
  it('runs under the strict CSP: scripts from the app only, no inline script, nothing remote', () => {
    const html = readFileSync(join(built, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toBe(CSP.replace("; frame-ancestors 'none'", ''));
    const scriptSrc = /script-src ([^;]*)/.exec(meta)?.[1];
    expect(scriptSrc).toBe("'self'");
    expect(meta).not.toMatch(/https?:|ws:|\*/);
    // No inline script element in the page: the only script is the bundle, loaded from a file.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('keeps DevTools and reload out of the production window and menu', () => {
    const main = readFileSync(join(built, 'main/index.js'), 'utf8');
    // DevTools follow `dev`, which is only true with electron-vite's dev server in an unpackaged app.
    expect(main).toMatch(/devTools: dev\b/);
    expect(main).toMatch(/(?:const|var|let) devServer = !\w+\.app\.isPackaged && process\.env\.ELECTRON_RENDERER_URL \|\| void 0/);
    expect(main).toMatch(/if \(dev\) view\.unshift\(\{ role: "reload" \}, \{ role: "toggleDevTools" \}/);
    // Main is a thin shell: SQLite and the engine live in the engine process bundle.
    expect(main).not.toContain('better-sqlite3');
    expect(readFileSync(join(built, 'main/engine.js'), 'utf8')).toContain('better-sqlite3');
  });
});
