// `buildDemoCase` and `alibi demo`: the sample imports with zero rejected rows and the case verifies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, readMeta } from '../../../src/core/casefile/caseFile';
import { translator } from '../../../src/core/i18n';
import { verifyCase } from '../../../src/core/casefile/verify';
import { buildDemoCase, DEMO_CASE_FILE } from '../../../src/core/sample/demoCase';
import { SAMPLE_BREACH_NAME, SAMPLE_CASE_TITLE, SAMPLE_FILES } from '../../../src/core/sample/sampleFiles';
import { JULIEN_IP, PROVIDER_IP } from '../../support/sampleData';
import { REPO } from '../../support/paths';

const tmp = mkdtempSync(join(tmpdir(), 'alibi-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('buildDemoCase', () => {
  const out = join(tmp, 'engine');
  let built: Awaited<ReturnType<typeof buildDemoCase>>;
  const progress: string[] = [];
  beforeAll(async () => {
    built = await buildDemoCase(out, { onProgress: (p) => progress.push(p.file) });
  });

  it('imports every sample file with zero rejected rows', () => {
    expect(built.casePath).toBe(join(out, DEMO_CASE_FILE));
    expect(built.results.map((r) => r.file.split(/[\\/]/).pop())).toEqual(SAMPLE_FILES.map((f) => f.file));
    for (const r of built.results) {
      expect(r.rejected, r.file).toBe(0);
      expect(r.accepted, r.file).toBeGreaterThan(0);
    }
    expect(new Set(progress)).toEqual(new Set(SAMPLE_FILES.map((f) => f.file)));
    expect(readdirSync(out)).toEqual([DEMO_CASE_FILE]); // no .partial, -wal or -shm left behind
  });

  it('records the case, its sources, the breach name and the infrastructure register; verify passes', async () => {
    const db = openCase(built.casePath, { readonly: true });
    try {
      const meta = readMeta(db);
      expect(meta.title).toBe(SAMPLE_CASE_TITLE);
      // a title Alibi chose: shown in each host's language, the English text kept as the stored title
      expect(translator('fr').said(meta.titleMsg, meta.title)).toBe('Alerte Multi-CB — dimanche 23 nov. 2025');
      expect(meta.tz).toBe('Europe/Paris');
      const sources = db.prepare('SELECT file_name, rows_rejected, breach_name, breach_date FROM sources ORDER BY id').all() as {
        file_name: string; rows_rejected: number; breach_name: string | null; breach_date: string | null;
      }[];
      expect(sources.map((s) => s.file_name)).toEqual(SAMPLE_FILES.map((f) => f.file));
      expect(sources.every((s) => s.rows_rejected === 0)).toBe(true);
      expect(sources.find((s) => s.file_name.startsWith('breach'))).toMatchObject({ breach_name: SAMPLE_BREACH_NAME, breach_date: '2025-08' });
      expect((db.prepare('SELECT count(*) n FROM rejects').get() as { n: number }).n).toBe(0);
      const infra = db.prepare('SELECT cidr, role FROM infra ORDER BY id').all();
      expect(infra).toContainEqual({ cidr: '10.0.0.2/32', role: 'own' });
      expect(infra).toContainEqual({ cidr: '51.91.102.128/28', role: 'provider' });
      // the proxy's clients are resolved from X-Forwarded-For
      const clients = db.prepare("SELECT DISTINCT client_ip FROM events WHERE kind = 'http_request' AND ip = '10.0.0.2'").pluck().all();
      expect(clients).toContain(JULIEN_IP);
      expect(clients).toContain(PROVIDER_IP);
      const report = await verifyCase(db);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.sources.every((s) => s.status === 'ok')).toBe(true);
    } finally {
      db.close();
    }
  });

  it('refuses to overwrite an existing demo case unless forced', async () => {
    await expect(buildDemoCase(out)).rejects.toThrow(/already exists/);
    const again = await buildDemoCase(out, { force: true });
    expect(again.results.every((r) => r.rejected === 0)).toBe(true);
    expect(readdirSync(out)).toEqual([DEMO_CASE_FILE]);
  });

  it('leaves nothing behind when cancelled', async () => {
    const dir = join(tmp, 'cancelled');
    const ac = new AbortController();
    ac.abort();
    await expect(buildDemoCase(dir, { signal: ac.signal })).rejects.toThrow();
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});

describe('alibi demo (bundled CLI, run from outside the checkout)', () => {
  // Bundled like scripts/build-cli.mjs, but into its own folder under out/ so that resources/sample is found by
  // walking up from the bundle, as for out/cli/alibi.js.
  const bundleDir = join(REPO, 'out', `.test-sample-${process.pid}`);
  const cli = join(bundleDir, 'alibi.js');
  beforeAll(async () => {
    await build({
      entryPoints: { alibi: join(REPO, 'src/cli/index.ts') }, outdir: bundleDir, bundle: true, platform: 'node', target: 'node20',
      format: 'cjs', external: ['better-sqlite3', 'electron', 'playwright-core'], logLevel: 'silent', absWorkingDir: REPO,
    });
  });
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') } });

  it('builds the case (--json), verify passes, and a second run without --force is refused with exit 1', () => {
    const out = join(tmp, 'cli');
    const r = run('demo', '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { casePath: string; results: { rejected: number; accepted: number }[] };
    expect(json.casePath).toBe(join(out, DEMO_CASE_FILE));
    expect(json.results).toHaveLength(SAMPLE_FILES.length);
    expect(json.results.every((x) => x.rejected === 0 && x.accepted > 0)).toBe(true);

    const v = run('verify', json.casePath, '--json');
    expect(v.status).toBe(0);
    expect(JSON.parse(v.stdout).ok).toBe(true);

    const again = run('demo', '--out', out);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('demo without --out is a usage error (exit 2)', () => {
    expect(run('demo').status).toBe(2);
  });
});
