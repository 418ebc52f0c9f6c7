// No export replaces an existing file unless someone said so: the API's default is "keep it" for the report,
// the CSV exports and the grid export; the CLI needs --force; in the app only main says yes, after the save
// dialog or its own question — a page cannot claim the user agreed. And even with that yes, never the open case
// or a file SQLite keeps beside it, under any name (symlink, hard link, `./`).
import { describe, expect, it } from 'vitest';
import { linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../../src/core/api/service';
import { dispatch } from '../../../src/core/api/dispatch';
import { inProcessRunner } from '../../../src/core/api/importRunners';
import { PathGrants } from '../../../src/main/pathGrants';
import { alibi } from '../../support/cli';

const EXPORTS: [string, Record<string, unknown>][] = [
  ['reportExport', { format: 'html' }],
  ['csvExport', { table: 'events' }],
  ['csvExport', { table: 'findings' }],
  ['gridExport', { query: {}, columns: ['ts', 'ip'] }],
];

function service() {
  const dataDir = mkdtempSync(join(tmpdir(), 'alibi-overwrite-'));
  const svc = createHandlers({ dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => undefined });
  return { svc, dataDir };
}

describe('exports and existing files', () => {
  it('keep an existing file unless overwrite is given; replace it when it is', async () => {
    const { svc, dataDir } = service();
    await svc.handlers.caseCreate({ path: join(dataDir, 'c.alibi'), title: 'overwrite test', tz: 'UTC' });
    for (const [method, args] of EXPORTS) {
      const target = join(dataDir, method === 'reportExport' ? 'out.html' : 'out.csv');
      writeFileSync(target, 'the user’s own file');
      const kept = await dispatch(svc.handlers, method, { ...args, path: target });
      expect(kept.ok, method).toBe(false);
      expect(!kept.ok && kept.error.message).toMatch(/already exists/);
      expect(readFileSync(target, 'utf8')).toBe('the user’s own file');
      const replaced = await dispatch(svc.handlers, method, { ...args, path: target, overwrite: true });
      expect(replaced.ok, method).toBe(true);
      expect(readFileSync(target, 'utf8')).not.toBe('the user’s own file');
    }
    svc.dispose();
  });

  it('never write over the open case or its sidecars, whatever the name and even with overwrite', async () => {
    const { svc, dataDir } = service();
    const info = await svc.handlers.caseCreate({ path: join(dataDir, 'c.alibi'), title: 'overwrite test', tz: 'UTC' });
    const before = readFileSync(info.path);
    symlinkSync(info.path, join(dataDir, 'link.csv'));
    linkSync(info.path, join(dataDir, 'hard.csv'));
    symlinkSync(`${info.path}-wal`, join(dataDir, 'wal-link.html'));
    for (const [method, args] of EXPORTS) {
      for (const target of [join(dataDir, 'link.csv'), join(dataDir, 'hard.csv'), join(dataDir, 'wal-link.html'), `${info.path}-wal`, `${info.path}-shm`]) {
        const r = await dispatch(svc.handlers, method, { ...args, path: target, overwrite: true });
        expect(r.ok, `${method} → ${target}`).toBe(false);
      }
    }
    expect(readFileSync(info.path).equals(before)).toBe(true);
    expect((await svc.handlers.caseVerify({})).ok).toBe(true);
    svc.dispose();
  });

  it('in the app, overwrite is main’s answer: the page cannot set it, a confirmed replacement sets it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alibi-overwrite-main-'));
    const casePath = join(dir, 'case.alibi');
    writeFileSync(casePath, 'case');
    const asked: string[] = [];
    let answer = false;
    const ctx = { casePath, recent: [], confirmReplace: async (p: string) => (asked.push(p), answer) };
    const grants = new PathGrants();
    // New file: the page's own "overwrite: true" is dropped.
    const fresh = await grants.translate('csvExport', { path: 'new.csv', table: 'events', overwrite: true }, ctx);
    expect(fresh).toEqual({ ok: true, args: { path: join(dir, 'new.csv'), table: 'events', overwrite: false } });
    // Existing file, page says overwrite: main still asks, and "no" keeps it.
    writeFileSync(join(dir, 'old.csv'), 'keep');
    expect((await grants.translate('csvExport', { path: 'old.csv', table: 'events', overwrite: true }, ctx)).ok).toBe(false);
    expect(asked).toEqual([join(dir, 'old.csv')]);
    // "Yes" (or the save dialog's own confirmation) is what lets the engine replace it.
    answer = true;
    expect(await grants.translate('gridExport', { path: 'old.csv', query: {}, columns: ['ts'] }, ctx)).toEqual({
      ok: true, args: { path: join(dir, 'old.csv'), query: {}, columns: ['ts'], overwrite: true },
    });
    const h = grants.grant(join(dir, 'old.csv'), 'write', true);
    const viaDialog = await grants.translate('reportExport', { path: h, format: 'html', overwrite: false }, ctx);
    expect(viaDialog.ok && (viaDialog.args as { overwrite: boolean }).overwrite).toBe(true);
  });

  it('the CLI needs --force to replace an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alibi-overwrite-cli-'));
    const c = join(dir, 'c.alibi');
    expect(alibi('new', c, '--title', 'cli').code).toBe(0);
    const out = join(dir, 'events.csv');
    writeFileSync(out, 'mine');
    const kept = alibi('export', c, 'events', '--out', out);
    expect(kept.code).toBe(1);
    expect(kept.err).toMatch(/already exists/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(alibi('export', c, 'events', '--out', out, '--force').code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe('mine');
  });
});
