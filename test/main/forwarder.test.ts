// Main's forwarding (src/main/forwarder.ts) in front of a real engine process: what the page can and cannot make
// the engine do with files. Raw paths never reach the engine; dialog handles do, as the user's paths; exports
// land in the case folder by name, never over the case, and ask before replacing a file.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Forwarder } from '../../src/main/forwarder';
import { PathGrants } from '../../src/main/pathGrants';
import { REPO } from '../support/paths';
import { startEngine, type TestEngine } from '../support/engineHarness';

const engines: TestEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.client.dispose();
});

async function setup(answer = false) {
  const e = await startEngine(mkdtempSync(join(tmpdir(), 'alibi-data-')));
  engines.push(e);
  const seen: { method: string; args: unknown }[] = [];
  const asked: string[] = [];
  const grants = new PathGrants();
  const fwd = new Forwarder({
    grants,
    engine: { call: (method, args) => (seen.push({ method, args }), e.client.call(method, args)) },
    confirmReplace: async (p) => (asked.push(p), answer),
  });
  const dir = mkdtempSync(join(tmpdir(), 'alibi-fwd-'));
  const casePath = join(dir, 'case.alibi');
  const created = await fwd.forward('caseCreate', { path: grants.grant(casePath, 'write', true), title: 'Forwarded' });
  expect(created.ok).toBe(true);
  seen.length = 0;
  return { fwd, grants, seen, asked, dir, casePath };
}

describe('forwarding to the engine', () => {
  it('refuses raw paths from the page before the engine sees the call', async () => {
    const { fwd, seen } = await setup();
    const secret = join(mkdtempSync(join(tmpdir(), 'alibi-home-')), 'id_ed25519');
    writeFileSync(secret, '-----BEGIN OPENSSH PRIVATE KEY-----');
    for (const [method, args] of [
      ['importPreview', { path: secret }],
      ['importStart', { files: [{ path: secret }] }],
      ['reportExport', { path: join(tmpdir(), 'authorized_keys'), format: 'html' }],
    ] as const) {
      const r = await fwd.forward(method, args);
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('path-not-granted');
    }
    expect(seen).toEqual([]);
    expect(existsSync(join(tmpdir(), 'authorized_keys'))).toBe(false);
  });

  it('gives the engine the path behind a dialog handle', async () => {
    const { fwd, grants, seen } = await setup();
    const log = join(REPO, 'resources/sample/shop-access.log');
    const r = await fwd.forward('importPreview', { path: grants.grant(log, 'read') });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { fileName: string; format: string }).fileName).toBe('shop-access.log');
    expect(seen).toEqual([{ method: 'importPreview', args: { path: log } }]);
  });

  it("exports by file name into the case's folder, never over the case, and asks before replacing", async () => {
    const { fwd, grants, dir, casePath, asked } = await setup(false);
    const ok = await fwd.forward('reportExport', { path: 'report.html', format: 'html' });
    expect(ok.ok).toBe(true);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('Forwarded');

    const before = readFileSync(casePath);
    const over = await fwd.forward('reportExport', { path: grants.grant(casePath, 'write', true), format: 'html' });
    expect(over.ok).toBe(false);
    const wal = await fwd.forward('csvExport', { path: 'case.alibi-wal', table: 'events' });
    expect(wal.ok).toBe(false);
    expect(readFileSync(casePath).equals(before)).toBe(true);

    // report.html exists now: typing its name again asks, and "Cancel" keeps the file.
    writeFileSync(join(dir, 'report.html'), 'keep me');
    const again = await fwd.forward('reportExport', { path: 'report.html', format: 'html' });
    expect(again.ok).toBe(false);
    expect(asked).toEqual([join(dir, 'report.html')]);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('keep me');
  });

  it('reopens a recent case by its path (the welcome list), and tracks the open case', async () => {
    const { fwd, casePath } = await setup();
    expect(fwd.currentCase).toBe(casePath);
    expect((await fwd.forward('caseClose', {})).ok).toBe(true);
    expect(fwd.currentCase).toBeNull();
    expect(fwd.recent.map((r) => r.path)).toContain(casePath);
    const r = await fwd.forward('caseOpen', { path: casePath });
    expect(r.ok).toBe(true);
    expect(fwd.currentCase).toBe(casePath);
  });
});
