// The report/export/share/open-check commands end to end, through a bundle of the real CLI entry point.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { hostileCases, makeValidCase } from '../support/hostileCases';

let dir: string;
let cli: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-cli-e-'));
  cli = join(dir, 'alibi.cjs');
  await build({
    entryPoints: ['src/cli/index.ts'],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3', 'electron', 'playwright-core'],
    logLevel: 'silent',
    nodePaths: [join(process.cwd(), 'node_modules')],
  });
});

function alibi(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('alibi open-check / export / share / report', () => {
  it('open-check: exit 0 on a case, exit 1 with the reason on a trigger and on a renamed text file', () => {
    const ok = alibi('open-check', makeValidCase(dir, 'ok.alibi'), '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, schemaVersion: expect.any(Number) });
    const trig = alibi('open-check', hostileCases.trigger(dir));
    expect(trig.code).toBe(1);
    expect(trig.out).toMatch(/REFUSED[\s\S]*unknown trigger "wipe_on_note"[\s\S]*what to do:/);
    const text = alibi('open-check', hostileCases.textRenamed(dir));
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/not an SQLite database/);
  });

  it('export events as French-Excel CSV and Timesketch JSONL; usage errors exit 2', () => {
    const c = makeValidCase(dir, 'export.alibi');
    const r = alibi('export', c, 'events', '--out', 'ev.csv', '--sep', ';', '--limit', '10', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rows: 10, format: 'csv' });
    const csv = readFileSync(join(dir, 'ev.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFtime_utc;id;ts_text;kind;/);
    const j = alibi('export', c, 'events', '--out', 'ev.jsonl', '--ip', '10.0.0.7');
    expect(j.code).toBe(0);
    const lines = readFileSync(join(dir, 'ev.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.ip === '10.0.0.7' && typeof l.timestamp === 'number' && l.timestamp_desc === 'Request Time')).toBe(true);
    expect(alibi('export', c, 'events', '--out', 'x.csv', '--kind', 'nope').code).toBe(2);
    expect(alibi('export', c, 'findings', '--out', 'x.jsonl').code).toBe(2);
  });

  it('share writes a copy and its manifest that open-check accepts', () => {
    const c = makeValidCase(dir, 'share.alibi');
    const r = alibi('share', c, '--out', 'copy.alibi', '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    const manifest = JSON.parse(readFileSync(join(dir, 'copy.alibi.manifest.json'), 'utf8'));
    expect(manifest.sha256).toBe(res.manifest.sha256);
    expect(alibi('open-check', 'copy.alibi').code).toBe(0);
    expect(alibi('verify', 'copy.alibi').code).toBe(0);
    expect(alibi('share', c, '--out', 'copy.alibi').code).toBe(1); // refuses to overwrite
  });

  it('report: refuses an unknown extension, writes HTML and audits it', () => {
    const c = makeValidCase(dir, 'report.alibi');
    const bad = alibi('report', c, '--out', 'r.docx');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/end the file name with \.html or \.pdf/);
    const r = alibi('report', c, '--out', 'r.html', '--client', 'ACME <b>', '--json');
    expect(r.code, r.err).toBe(0);
    const h = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(h).toContain('ACME &lt;b&gt;');
    expect(alibi('verify', c).code).toBe(0); // the report.export audit entry keeps the chain intact
  });
});
