// Regression tests for issue 11: each defect found by hand, rebuilt here with a hostile file made in the test.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { linkSync, openSync, readFileSync, readSync, closeSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCase, migrate, openCase } from '../../../src/core/casefile/caseFile';
import { SCHEMA_VERSION } from '../../../src/core/casefile/schema';
import { verifyCase } from '../../../src/core/casefile/verify';
import { checkCaseFile, openUntrustedCase } from '../../../src/core/share/openUntrusted';
import { renderReportHtml } from '../../../src/core/report/report';
import { MAX_RENDERED_CHARS } from '../../../src/core/report/html';
import { checkOutputPath } from '../../../src/core/export/outputPath';
import { tmpDir } from '../../support/newCase';
import { alibi, importedCase } from '../../support/cli';

/** Bytes 18–19 of the SQLite header: 1/1 rollback journal, 2/2 WAL. */
function journalBytes(path: string): number[] {
  const b = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  readSync(fd, b, 0, 2, 18);
  closeSync(fd);
  return [...b];
}

describe('a case file that is newer, older or hostile', () => {
  it('a failed writable open of a newer-version file leaves it byte for byte as it was (no switch to WAL)', () => {
    const dir = tmpDir();
    const path = join(dir, 'newer.alibi');
    createCase(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(path);
    expect(journalBytes(path)).toEqual([1, 1]);
    expect(() => openCase(path)).toThrow(/newer than this Alibi/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a BLOB in a text column and text in an integer column, naming the column', () => {
    const dir = tmpDir();
    const path = join(dir, 'blob.alibi');
    createCase(path).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'a',1,'x','csv','1','t')").run();
    raw.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,status) VALUES (1,'t',1,1,'r','http_request','two hundred')").run();
    raw.prepare("INSERT INTO notes(at,target_kind,target_id,text) VALUES ('t','case','case',?)").run(Buffer.from('<script>'));
    raw.close();
    const check = checkCaseFile(path);
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/notes\.text \(TEXT\) holds 1 value/);
    expect(check.problems.join('\n')).toMatch(/event_rows\.status \(INTEGER\) holds 1 value/);
    expect(() => openUntrustedCase(path)).toThrow(/refused/);
  });

  it('a real case (real imports) passes the type check', async () => {
    const { db, path } = await importedCase(tmpDir());
    db.close();
    expect(checkCaseFile(path)).toMatchObject({ ok: true });
  });

  it('a writable open of an older case is refused without consent and leaves the file unchanged', () => {
    const dir = tmpDir();
    const path = join(dir, 'older.alibi');
    const raw = new Database(path);
    migrate(raw, 2);
    raw.prepare("INSERT INTO meta VALUES ('case_id','c-older'),('title','old'),('tz','UTC')").run();
    raw.close();
    const before = readFileSync(path);
    expect(() => openUntrustedCase(path, { writable: true })).toThrow(/older Alibi/);
    expect(readFileSync(path).equals(before)).toBe(true);
    const ro = openUntrustedCase(path);
    expect(ro.pragma('user_version', { simple: true })).toBe(2);
    ro.close();
    const rw = openUntrustedCase(path, { writable: true, migrate: true });
    expect(rw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    rw.close();
  });
});

describe('verify reads only regular files', () => {
  it('a source whose path is /dev/zero or a FIFO is reported, not read (it used to hang)', async () => {
    const dir = tmpDir();
    const { db } = await importedCase(dir);
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    db.prepare("UPDATE sources SET file_path = '/dev/zero' WHERE id = 1").run();
    db.prepare('UPDATE sources SET file_path = ? WHERE id = 2').run(fifo);
    db.prepare('UPDATE sources SET file_path = ? WHERE id = 3').run(dir);
    const started = Date.now();
    const r = await verifyCase(db);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.sources.map((s) => s.status)).toEqual(['not-a-file', 'not-a-file', 'not-a-file']);
    expect(r.problems.join('\n')).toMatch(/source 1 .*not a regular file \(a device\)/);
    expect(r.problems.join('\n')).toMatch(/source 2 .*\(a pipe\)/);
    expect(r.ok).toBe(false);
    db.close();
  });

  it('a source of another size is "changed" without being read', async () => {
    const dir = tmpDir();
    const { db } = await importedCase(dir);
    const copy = join(dir, 'grown.csv');
    writeFileSync(copy, 'x'.repeat(10));
    db.prepare('UPDATE sources SET file_path = ? WHERE id = 1').run(copy);
    const r = await verifyCase(db);
    expect(r.sources[0]).toMatchObject({ status: 'changed' });
    expect(r.problems.join('\n')).toMatch(/has 10 bytes, the case recorded/);
    db.close();
  });
});

describe('the report on unbounded and reordering values', () => {
  it('caps every value: six 4 MB values make a report of a few hundred kB, not 24 MB', async () => {
    const { db } = await importedCase(tmpDir());
    const huge = (c: string) => c.repeat(4 * 1024 * 1024);
    db.prepare("INSERT INTO notes(at,target_kind,target_id,text) VALUES ('2025-11-23T06:00:00Z','case','case',?)").run(huge('n'));
    db.prepare("INSERT INTO meta(key,value) VALUES ('verdict_reason', ?)").run(huge('v'));
    db.prepare("UPDATE meta SET value = ? WHERE key = 'title'").run(huge('t'));
    // User agents and paths go through the analysis' regexes first: their bound is engineer verdicts' (issue 11, enrich).
    db.prepare('UPDATE events SET raw = ?, reason = ?, card_brand = ?').run(huge('r'), huge('x'), huge('b'));
    const html = await renderReportHtml(db);
    expect(html.length).toBeLessThan(3 * 1024 * 1024);
    expect(html).toContain(`more characters not shown`);
    expect(html).not.toContain('n'.repeat(MAX_RENDERED_CHARS + 1));
    db.close();
  });

  it('bidi overrides and isolates never reach the HTML', async () => {
    const { db } = await importedCase(tmpDir());
    db.prepare("INSERT INTO notes(at,target_kind,target_id,text) VALUES ('2025-11-23T06:00:00Z','case','case',?)").run('invoice\u202Egpj.exe and \u2067isolated\u2069 \u200Fmark');
    db.prepare("UPDATE meta SET value = ? WHERE key = 'title'").run('Case \u202Dforced\u202C');
    const html = await renderReportHtml(db);
    expect(html).toContain('invoice\uFFFDgpj.exe');
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    db.close();
  });
});

describe('exports never overwrite the case or an existing file unasked', () => {
  it('refuses the case, its sidecars, a symlink to it and a hard link to it; an existing file needs force', () => {
    const dir = tmpDir();
    const path = join(dir, 'case.alibi');
    createCase(path).close();
    const link = join(dir, 'link.alibi');
    symlinkSync(path, link);
    const hard = join(dir, 'hard.csv');
    linkSync(path, hard);
    for (const out of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`, link, hard, join(dir, '.', 'case.alibi')]) {
      expect(() => checkOutputPath(out, { casePath: path, force: true }), out).toThrow(/would destroy the case/);
    }
    // The case named through the symlink: its real sidecars are still protected.
    expect(() => checkOutputPath(`${path}-wal`, { casePath: link, force: true })).toThrow(/would destroy the case/);
    const other = join(dir, 'findings.csv');
    writeFileSync(other, 'old');
    expect(() => checkOutputPath(other, { casePath: path })).toThrow(/already exists.*|--force/);
    expect(checkOutputPath(other, { casePath: path, force: true })).toBe(other);
    expect(() => checkOutputPath(dir, { casePath: path, force: true })).toThrow(/is a folder/);
    expect(() => checkOutputPath(join(dir, 'nope', 'x.csv'), { casePath: path })).toThrow(/does not exist/);
  });

  it('`alibi export CASE findings --out CASE` leaves the case intact (it used to replace it with a CSV)', async () => {
    const dir = tmpDir();
    const { db, path } = await importedCase(dir);
    db.close();
    const before = readFileSync(path);
    for (const out of [path, `${path}-wal`]) {
      const r = alibi('export', path, 'findings', '--out', out, '--force');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/would destroy the case|is a case file name/);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    const csv = join(dir, 'findings.csv');
    writeFileSync(csv, 'keep me');
    const refused = alibi('export', path, 'findings', '--out', csv);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already exists[\s\S]*--force/);
    expect(readFileSync(csv, 'utf8')).toBe('keep me');
    expect(alibi('export', path, 'findings', '--out', csv, '--force').code).toBe(0);
    expect(readFileSync(csv, 'utf8')).not.toBe('keep me');
  });
});
