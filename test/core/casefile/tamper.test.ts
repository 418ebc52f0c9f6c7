// Issue 11, "verify does not protect the evidence": every edit that used to pass `verify: OK` now fails it,
// and a forger who re-chains the whole log is caught by the chain head the report printed (--expect-head).
import { describe, it, expect } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCase } from '../../../src/core/casefile/caseFile';
import { GENESIS_HASH, auditRowHash, type AuditRow } from '../../../src/core/casefile/audit';
import { verifyCase } from '../../../src/core/casefile/verify';
import { renderReportHtml } from '../../../src/core/report/report';
import { tmpDir } from '../../support/newCase';
import { alibi, importedCase } from '../../support/cli';

/** A copy of a clean, really imported case, edited by `sql` with a plain SQLite connection (as a forger would). */
async function tampered(sql: (raw: Database.Database) => unknown): Promise<string> {
  const dir = tmpDir();
  const { db, path } = await importedCase(dir);
  db.close();
  const forged = join(dir, 'forged.alibi');
  copyFileSync(path, forged);
  const raw = new Database(forged);
  await sql(raw);
  raw.close();
  return forged;
}

async function problemsOf(path: string): Promise<string> {
  const db = openCase(path, { readonly: true });
  try {
    const v = await verifyCase(db, { sourceFiles: false });
    expect(v.ok).toBe(false);
    return v.problems.join('\n');
  } finally {
    db.close();
  }
}

/** Rewrites every audit row's chain from the start, the way anyone with the code can. */
function rechain(raw: Database.Database): void {
  raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  let prev = GENESIS_HASH;
  for (const r of raw.prepare('SELECT * FROM audit ORDER BY id').all() as AuditRow[]) {
    const row = { ...r, prev_hash: prev };
    const hash = auditRowHash(row);
    raw.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
    prev = hash;
  }
  raw.exec(`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`);
}

describe('verify catches what it used to miss', () => {
  it('a clean imported case verifies, with every source checked against its digests', async () => {
    const { db } = await importedCase(tmpDir());
    const v = await verifyCase(db);
    expect(v.problems).toEqual([]);
    expect(v.contentsChecked).toBe(3);
    db.close();
  });

  it('an edited event', async () => {
    const p = await tampered((raw) => raw.prepare("UPDATE events SET email = 'someone.else@example.org' WHERE email IS NOT NULL AND id = (SELECT min(id) FROM events WHERE email IS NOT NULL)").run());
    expect(await problemsOf(p)).toMatch(/source \d+ .*its events .*same count, different content/);
  });

  it('a deleted event and an event added to a source', async () => {
    expect(await problemsOf(await tampered((raw) => raw.prepare('DELETE FROM events WHERE id = (SELECT max(id) FROM events)').run()))).toMatch(/its events/);
    // Added later under the first source's id (or the last one's): outside every range an import recorded.
    for (const source of [1, 3]) {
      expect(
        await problemsOf(await tampered((raw) => raw.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip) VALUES (1,'t',?,99,'forged','http_request','6.6.6.6')").run(source))),
      ).toMatch(/1 events lie outside every import's recorded events/);
    }
  });

  it('an event moved from one import to another, and an event of one import given another id inside it', async () => {
    expect(await problemsOf(await tampered((raw) => raw.prepare('UPDATE events SET source_id = 2 WHERE id = (SELECT min(id) FROM events WHERE source_id = 1)').run()))).toMatch(
      /source 1 .*its events .*same count, different content/,
    );
    const swapped = await tampered((raw) => {
      const [a, b] = raw.prepare('SELECT id FROM events WHERE source_id = 3 ORDER BY id LIMIT 2').pluck().all() as number[];
      raw.prepare('UPDATE event_rows SET id = -1 WHERE id = ?').run(a);
      raw.prepare('UPDATE event_rows SET id = ? WHERE id = ?').run(a, b);
      raw.prepare('UPDATE event_rows SET id = ? WHERE id = -1').run(b);
    });
    expect(await problemsOf(swapped)).toMatch(/source 3 .*its events .*same count, different content/);
  });

  // An older Alibi's log: each import entry carries the digests that version computed, chained as it was written.
  const olderLog = (format: string) => async (raw: Database.Database) => {
    const { DIGEST_FORMAT_BY_SOURCE, digestsAsRecorded, importDigests, recordedRange } = await import('../../../src/core/casefile/importDigest');
    raw.exec('DROP TRIGGER audit_no_update;');
    for (const r of raw.prepare("SELECT id, details FROM audit WHERE action = 'import'").all() as { id: number; details: string }[]) {
      const d = JSON.parse(r.details);
      d.digests = format === DIGEST_FORMAT_BY_SOURCE
        ? digestsAsRecorded(raw as never, d.source_id, { ...d.digests, format })
        : importDigests(raw as never, d.source_id, recordedRange(d.digests), null, format as never);
      if (format === DIGEST_FORMAT_BY_SOURCE) expect(d.digests.events.first_id).toBeUndefined();
      expect(d.digests.format).toBe(format);
      raw.prepare('UPDATE audit SET details = ? WHERE id = ?').run(JSON.stringify(d), r.id);
    }
    raw.exec("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
    rechain(raw);
  };

  for (const [format, what] of [
    ['alibi-import-digest/1', 'by source (before id ranges)'],
    ['alibi-import-digest/2', 'through the events view as JSON (before format 3)'],
  ]) {
    it(`a case whose imports recorded digests ${what} still verifies, and its edits are still caught`, async () => {
      const older = olderLog(format);
      const clean = await tampered(older);
      const db = openCase(clean, { readonly: true });
      const v = await verifyCase(db, { sourceFiles: false });
      db.close();
      expect(v.problems).toEqual([]);
      expect(v.contentsChecked).toBe(3);
      const edited = await tampered(async (raw) => {
        await older(raw);
        raw.prepare("UPDATE events SET user_agent = 'forged agent' WHERE id = (SELECT min(id) FROM events WHERE source_id = 3)").run();
      });
      expect(await problemsOf(edited)).toMatch(/source 3 .*its events .*same count, different content/);
      const added = await tampered(async (raw) => {
        await older(raw);
        raw.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip) VALUES (1,'t',1,99,'forged','http_request','6.6.6.6')").run();
      });
      expect(await problemsOf(added)).toMatch(format === 'alibi-import-digest/1' ? /source 1 .*its events/ : /1 events lie outside/);
    });
  }

  it("another case's events swapped in (same counts)", async () => {
    const p = await tampered((raw) => raw.prepare("UPDATE events SET raw = raw || ' ', ip = '10.9.9.9'").run());
    expect(await problemsOf(p)).toMatch(/different content/);
  });

  it('the verdict changed in meta without its audit entry', async () => {
    const p = await tampered((raw) => raw.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('verdict', 'not-fraud')").run());
    expect(await problemsOf(p)).toMatch(/meta verdict "not-fraud" is not the last verdict/);
  });

  it("a source's hash changed together with its path", async () => {
    const p = await tampered((raw) => raw.prepare("UPDATE sources SET sha256 = ?, file_path = '/tmp/other.log' WHERE id = 1").run('ab'.repeat(32)));
    expect(await problemsOf(p)).toMatch(/source 1 .*its sources row/);
  });

  it('a source added outside an import, and the case key swapped', async () => {
    const p = await tampered((raw) => {
      raw.prepare("INSERT INTO sources(file_name,size,sha256,format,parser_version,imported_at) VALUES ('planted.csv',1,'00','csv','1','t')").run();
      raw.prepare("UPDATE meta SET value = ? WHERE key = 'hmac_key'").run('cd'.repeat(32));
    });
    const problems = await problemsOf(p);
    expect(problems).toMatch(/planted\.csv\) has no import entry/);
    expect(problems).toMatch(/hmac_key is not the key/);
  });

  it('a forger who edits an event, fixes the digest in the log and re-chains it passes verify, but not --expect-head', async () => {
    const dir = tmpDir();
    const { db, path } = await importedCase(dir);
    const report = await renderReportHtml(db);
    const head = /class="mono hash">([0-9a-f]{64})</.exec(report)![1];
    db.close();
    // The client holds the report; the file now gets a note (a legitimate later entry), then is shared.
    expect(alibi('verify', path, '--expect-head', head).code).toBe(0);
    const forged = join(dir, 'forged.alibi');
    copyFileSync(path, forged);
    const raw = new Database(forged);
    raw.prepare("UPDATE events SET raw = 'forged line' WHERE id = (SELECT min(id) FROM events)").run();
    // Recompute the source's digests into its import entry, then re-chain everything from the start.
    const { importDigests } = await import('../../../src/core/casefile/importDigest');
    raw.exec('DROP TRIGGER audit_no_update;');
    for (const r of raw.prepare("SELECT id, details FROM audit WHERE action = 'import'").all() as { id: number; details: string }[]) {
      const d = JSON.parse(r.details);
      d.digests = importDigests(raw as never, d.source_id);
      raw.prepare('UPDATE audit SET details = ? WHERE id = ?').run(JSON.stringify(d), r.id);
    }
    raw.exec("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
    rechain(raw);
    raw.close();
    const plain = alibi('verify', forged);
    expect(plain.code).toBe(0); // what verify alone cannot prove, as the README says
    expect(plain.out).toMatch(/compare the chain head/);
    const anchored = alibi('verify', forged, '--expect-head', head);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toMatch(/expected head: NOT FOUND/);
    expect(alibi('verify', forged, '--expect-head', 'nonsense').code).toBe(2);
  });
});
