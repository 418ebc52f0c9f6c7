// Paths chosen by the user, not by the page (src/main/pathGrants.ts): what the renderer can name in an API call
// in the Electron app. Hostile calls as issue 11 found them: reading ~/.ssh, writing ~/.profile, exporting over
// the case or its -wal.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBareFileName, PathGrants, type TranslateContext } from '../../src/main/pathGrants';

function setup(confirm = false) {
  const dir = mkdtempSync(join(tmpdir(), 'alibi-grants-'));
  const casePath = join(dir, 'case.alibi');
  writeFileSync(casePath, 'x');
  const asked: string[] = [];
  const ctx: TranslateContext = {
    casePath,
    recent: ['/cases/recent.alibi'],
    confirmReplace: async (p) => {
      asked.push(p);
      return confirm;
    },
  };
  return { dir, casePath, ctx, asked, grants: new PathGrants() };
}

describe('path handles', () => {
  it('refuses every raw path the page sends, for reading and for writing', async () => {
    const { grants, ctx } = setup();
    for (const [method, args] of [
      ['importPreview', { path: '/home/ana/.ssh/id_ed25519' }],
      ['importStart', { files: [{ path: '/etc/passwd' }] }],
      ['caseOpen', { path: '/tmp/planted.alibi' }],
      ['caseCreate', { path: '/home/ana/.profile' }],
      ['reportExport', { path: '/home/ana/.ssh/authorized_keys', format: 'html' }],
      ['csvExport', { path: '../../.profile', table: 'events' }],
      ['gridExport', { path: '/home/ana/.bashrc', query: {}, columns: ['ts'] }],
      ['shareCopy', { path: 'alibi-picked:0000/forged.alibi' }],
    ] as const) {
      const r = await grants.translate(method, args, ctx);
      expect(r.ok, method).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('path-not-granted');
        expect(r.error.hint).toMatch(/Choose/);
      }
    }
  });

  it('turns a handle from a dialog into the path the user picked, keeping the other arguments', async () => {
    const { grants, ctx, dir } = setup();
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = grants.grant(log, 'read');
    expect(h).toMatch(/^alibi-picked:[0-9a-f]{32}\/access\.log$/);
    expect(await grants.translate('importPreview', { path: h, preset: 'x' }, ctx)).toEqual({ ok: true, args: { path: log, preset: 'x' } });
    const r = await grants.translate('importStart', { files: [{ path: h, tz: 'UTC' }, { path: h }] }, ctx);
    expect(r).toEqual({ ok: true, args: { files: [{ path: log, tz: 'UTC' }, { path: log }] } });
  });

  it('never lets a read handle be used to write', async () => {
    const { grants, ctx, dir } = setup(true);
    const h = grants.grant(join(dir, 'picked-to-read.csv'), 'read');
    for (const method of ['caseCreate', 'reportExport', 'shareCopy', 'csvExport']) {
      expect((await grants.translate(method, { path: h }, ctx)).ok, method).toBe(false);
    }
  });

  it('opens recent cases by path, and leaves methods without paths untouched', async () => {
    const { grants, ctx } = setup();
    expect(await grants.translate('caseOpen', { path: '/cases/recent.alibi' }, ctx)).toEqual({ ok: true, args: { path: '/cases/recent.alibi' } });
    const args = { ip: '1.2.3.4' };
    expect(await grants.translate('ipDetail', args, ctx)).toEqual({ ok: true, args });
    // Malformed arguments pass to the engine, whose schema refuses them.
    expect(await grants.translate('reportExport', { path: 42 }, ctx)).toEqual({ ok: true, args: { path: 42 } });
  });

  it("puts a bare export file name in the case's own folder", async () => {
    const { grants, ctx, dir, asked } = setup();
    expect(await grants.translate('reportExport', { path: 'report.html', format: 'html' }, ctx)).toEqual({ ok: true, args: { path: join(dir, 'report.html'), format: 'html', overwrite: false } });
    expect(asked).toEqual([]);
    expect(isBareFileName('report.pdf')).toBe(true);
    for (const bad of ['', '.', '..', '../x.csv', 'a/b.csv', 'a\\b.csv', 'C:x.csv', 'x\0.csv', 'x'.repeat(300)]) expect(isBareFileName(bad), bad).toBe(false);
    // No case open: nowhere to put it.
    expect((await grants.translate('reportExport', { path: 'report.html' }, { ...ctx, casePath: null })).ok).toBe(false);
  });

  it('never exports over the open case or its sidecar files, even through a symlink or a confirmed dialog', async () => {
    const { grants, ctx, dir, casePath } = setup(true);
    mkdirSync(join(dir, 'links'));
    symlinkSync(casePath, join(dir, 'links', 'innocent.pdf'));
    for (const target of [casePath, `${casePath}-wal`, `${casePath}-shm`, `${casePath}-journal`, join(dir, 'links', 'innocent.pdf')]) {
      const h = grants.grant(target, 'write', true);
      const r = await grants.translate('reportExport', { path: h, format: 'pdf' }, ctx);
      expect(r.ok, target).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('export-over-case');
    }
    expect((await grants.translate('csvExport', { path: 'case.alibi-wal', table: 'events' }, ctx)).ok).toBe(false);
  });

  it('asks before replacing an existing file the save dialog did not confirm, and keeps it on "no"', async () => {
    const kept = setup(false);
    writeFileSync(join(kept.dir, 'events.csv'), 'old');
    const r = await kept.grants.translate('csvExport', { path: 'events.csv', table: 'events' }, kept.ctx);
    expect(r.ok).toBe(false);
    expect(kept.asked).toEqual([join(kept.dir, 'events.csv')]);

    const replaced = setup(true);
    writeFileSync(join(replaced.dir, 'events.csv'), 'old');
    expect((await replaced.grants.translate('csvExport', { path: 'events.csv', table: 'events' }, replaced.ctx)).ok).toBe(true);
    // A save dialog that already asked is not asked twice.
    const h = replaced.grants.grant(join(replaced.dir, 'events.csv'), 'write', true);
    replaced.asked.length = 0;
    expect((await replaced.grants.translate('csvExport', { path: h, table: 'events' }, replaced.ctx)).ok).toBe(true);
    expect(replaced.asked).toEqual([]);
  });
});

describe('every path argument of the API goes through the grants', () => {
  it("lists each registry method whose arguments name a file or folder (a new one must be routed, or this fails)", async () => {
    const { allSchemas } = await import('../../src/core/api');
    const { PATH_METHODS } = await import('../../src/main/pathGrants');
    const withPaths = Object.entries(allSchemas)
      .filter(([, s]) => Object.keys((s as unknown as { shape?: Record<string, unknown> }).shape ?? {}).some((k) => /^(path|paths|dir|file|files|out|output|target)$/i.test(k)))
      .map(([m]) => m);
    expect(withPaths.length).toBeGreaterThan(5);
    expect(withPaths.filter((m) => !PATH_METHODS.has(m))).toEqual([]);
  });

  it('refuses a folder for the sample from the page, and routes caseCheck through read handles', async () => {
    const { grants, ctx, dir } = setup();
    const r = await grants.translate('sampleBuild', { dir: '/home/ana' }, ctx);
    expect(r.ok).toBe(false);
    expect((await grants.translate('caseCheck', { path: '/tmp/x.alibi' }, ctx)).ok).toBe(false);
    const h = grants.grant(join(dir, 'case.alibi'), 'read');
    expect(await grants.translate('caseCheck', { path: h }, ctx)).toEqual({ ok: true, args: { path: join(dir, 'case.alibi') } });
  });
});
