// A bulk import that has the case to itself runs under a rollback journal (pages written once, no WAL checkpoint)
// and holds the file locked: another program opening the case meanwhile is told it is busy, never that the file is
// not a case. With another connection open (the app's own while its import worker writes), the import stays in WAL
// and that connection keeps reading the case as it was. Either way the case ends in WAL and verifies.
import { describe, expect, it } from 'vitest';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { openCase } from '../../../src/core/casefile/caseFile';
import { verifyCase } from '../../../src/core/casefile/verify';
import { toErrorData } from '../../../src/core/errors';
import { newCase, tmpDir } from '../../support/newCase';
import { writeBigLog } from '../../support/caseState';

const LINES = 20_000;
const mode = (c: { db: { pragma(s: string, o: { simple: true }): unknown } }) => c.db.pragma('journal_mode', { simple: true });

describe('a bulk import with the case to itself', () => {
  it('writes under a rollback journal; a program opening the case meanwhile is told it is busy', async () => {
    const log = join(tmpDir(), 'access.log');
    await writeBigLog(log, LINES);
    const c = newCase('UTC');
    expect(mode(c)).toBe('wal');
    const switched: unknown[] = [];
    const during: { mode: unknown; opened: unknown }[] = [];
    const r = await importFile(c.db, log, {
      onRollbackJournal: () => switched.push(mode(c)),
      onProgress: () => {
        let opened: unknown;
        try {
          openCase(c.path).close();
          opened = 'opened';
        } catch (e) {
          opened = toErrorData(e, 'cli');
        }
        during.push({ mode: mode(c), opened });
      },
    });
    expect(r.accepted).toBe(LINES);
    // Told once, before the import wrote anything (the host records the file's new header then).
    expect(switched).toEqual(['delete']);
    expect(during.length).toBeGreaterThan(0);
    for (const d of during) {
      expect(d.mode).toBe('delete');
      expect(d.opened).toMatchObject({ code: 'busy', message: expect.stringMatching(/the case is busy/) });
    }
    expect(mode(c)).toBe('wal');
    expect(c.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL again
    expect(c.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(LINES);
    expect((await verifyCase(c.db, { sourceFiles: false })).problems).toEqual([]);
    c.close();
  });

  it('stays in WAL when another connection is open, which keeps reading the case as it was', async () => {
    const log = join(tmpDir(), 'access.log');
    await writeBigLog(log, LINES);
    const c = newCase('UTC');
    const other = openCase(c.path);
    const switched: unknown[] = [];
    const seen: { mode: unknown; events: unknown }[] = [];
    const r = await importFile(c.db, log, {
      onRollbackJournal: () => switched.push(mode(c)),
      onProgress: () => seen.push({ mode: mode(c), events: other.prepare('SELECT count(*) FROM events').pluck().get() }),
    });
    expect(r.accepted).toBe(LINES);
    expect(switched).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s).toEqual({ mode: 'wal', events: 0 });
    expect(other.prepare('SELECT count(*) FROM events').pluck().get()).toBe(LINES);
    other.close();
    expect((await verifyCase(c.db, { sourceFiles: false })).problems).toEqual([]);
    c.close();
  });

  it('a refused import rolls back under the rollback journal and leaves the case in WAL, unchanged', async () => {
    const log = join(tmpDir(), 'access.log');
    await writeBigLog(log, 100);
    appendFileSync(log, Array.from({ length: 300 }, (_, i) => `not a log line ${i}`).join('\n') + '\n');
    const c = newCase('UTC');
    const counts = () => c.db.prepare('SELECT (SELECT count(*) FROM event_rows), (SELECT count(*) FROM sources), (SELECT count(*) FROM audit)').raw().get();
    const before = counts();
    let switched = 0;
    await expect(importFile(c.db, log, { format: 'combined', onRollbackJournal: () => switched++ })).rejects.toThrow(/rejected/);
    expect(switched).toBe(1);
    expect(counts()).toEqual(before);
    expect(mode(c)).toBe('wal');
    expect(c.db.pragma('integrity_check', { simple: true })).toBe('ok');
    c.close();
  });
});
