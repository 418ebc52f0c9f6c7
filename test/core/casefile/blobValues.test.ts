// A BLOB where Alibi writes text (or a number where it writes text, or text where it writes a number). The
// untrusted-file check refuses such a file; these tests open it past that check — the user's own case edited by
// another tool, a -wal left beside it, a test calling openCase — and the analysis, the report, the grid, the
// CSV exports and verify must still answer (the odd value shown as text, never executed, never a crash).
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHandlers } from '../../../src/core/api/service';
import { inProcessRunner } from '../../../src/core/api/importRunners';
import { TrustStore } from '../../../src/core/api/trustStore';
import { checkCaseFile } from '../../../src/core/share/openUntrusted';
import { tmpDir } from '../../support/newCase';
import { alibi, importedCase } from '../../support/cli';

/** Every text column of the events (and the strings they point to) given a BLOB, a number or a float somewhere. */
function poison(raw: Database.Database): void {
  const ids = raw.prepare('SELECT id FROM event_rows ORDER BY id').pluck().all() as number[];
  const blob = Buffer.from('<script>alert(1)</script>\u202e\0\xff', 'latin1');
  const set = (col: string, value: unknown, id: number) => raw.prepare(`UPDATE event_rows SET "${col}" = ? WHERE id = ?`).run(value, id);
  const textCols = (raw.prepare("SELECT name FROM pragma_table_info('event_rows') WHERE type = 'TEXT'").pluck().all() as string[]);
  textCols.forEach((c, i) => set(c, i % 3 === 0 ? blob : i % 3 === 1 ? 12345 : 1.5, ids[i % ids.length]));
  // Numbers where numbers belong get text and blobs.
  set('ts', 'yesterday', ids[1]);
  set('status', blob, ids[2]);
  set('bytes', 'many', ids[3]);
  raw.prepare('UPDATE strings SET value = ? WHERE id = (SELECT min(id) FROM strings)').run(blob);
  raw.prepare("UPDATE meta SET value = ? WHERE key = 'title'").run(blob);
  raw.prepare("UPDATE sources SET file_name = ? WHERE id = 1").run(blob);
}

describe('values of the wrong type in a case file', () => {
  it('are refused by the untrusted-file check', async () => {
    const dir = tmpDir();
    const { db, path } = await importedCase(dir);
    db.close();
    const raw = new Database(path);
    poison(raw);
    raw.close();
    const check = checkCaseFile(path);
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/holds \d+ values? of another type/);
  });

  it('past the check, analysis, report, grid, exports and verify answer without crashing', async () => {
    const dir = tmpDir();
    const { db, path } = await importedCase(dir);
    db.close();
    const raw = new Database(path);
    poison(raw);
    raw.close();
    // The user's own case, as far as the trust store knows: opened without the untrusted-file check.
    const dataDir = tmpDir();
    new TrustStore(dataDir).trust(path);
    const svc = createHandlers({ dataDir, kind: 'cli', runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => undefined });
    try {
      await svc.handlers.caseOpen({ path, write: false });
      const summary = await svc.handlers.caseSummary({});
      expect(summary.events).toBeGreaterThan(0);
      const a = await svc.handlers.analyze({});
      expect(Array.isArray(a.findings)).toBe(true);
      const ips = await svc.handlers.ipList({});
      expect(ips.length).toBeGreaterThan(0);
      const out = join(dir, 'report.html');
      await svc.handlers.reportExport({ path: out, format: 'html' });
      const html = readFileSync(out, 'utf8');
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toContain('\u202e');
      const rows = await svc.handlers.gridPage({ query: {}, offset: 0, limit: 500 });
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) for (const v of Object.values(r)) expect(Buffer.isBuffer(v)).toBe(false);
      await svc.handlers.csvExport({ path: join(dir, 'events.csv'), table: 'events' });
      await svc.handlers.csvExport({ path: join(dir, 'ips.csv'), table: 'ips' });
      const v = await svc.handlers.caseVerify({});
      expect(v.ok).toBe(false); // the edit itself is caught
    } finally {
      svc.dispose();
    }
    const copy = join(dir, 'again.alibi');
    copyFileSync(path, copy);
    for (const cmd of [['analyze'], ['ips'], ['findings'], ['events', '--limit', '50']]) {
      const r = alibi(cmd[0], copy, ...cmd.slice(1));
      expect(r.err, cmd.join(' ')).not.toMatch(/unexpected error|TypeError|\n\s+at /);
    }
  });
});
