// Cases as an older Alibi left them, for the schema migration tests: real imports, a note and tags, then the later
// migrations undone by SQL and the version set back; and what a migration must keep, read for before/after.
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { createCase, openCase, type Db } from '../../src/core/casefile/caseFile';
import { SCHEMA_VERSION } from '../../src/core/casefile/schema';
import { verifyCase } from '../../src/core/casefile/verify';
import { verifyAuditChain } from '../../src/core/casefile/audit';
import { importFile } from '../../src/core/import/importFile';
import { addNote, tagEvent } from '../../src/core/notes/notes';
import { checkCaseFile } from '../../src/core/share/openUntrusted';

/**
 * Imports `files` into a new case at `path`, adds a note and tags, then runs `undo` (SQL giving back the schema of
 * `version` exactly) and sets the version back: the untrusted-file check then compares it with what migrations
 * 1–`version` build.
 */
export async function olderCase(path: string, version: number, files: string[], undo: string): Promise<string> {
  const db = createCase(path, { title: `v${version}`, tz: 'Europe/Paris' });
  for (const f of files) await importFile(db, f);
  addNote(db, 'event', '3', 'looks odd');
  tagEvent(db, 3, 'suspect');
  tagEvent(db, 10_001, 'starred');
  db.close();
  const raw = new Database(path);
  raw.exec(undo);
  raw.pragma(`user_version = ${version}`);
  raw.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(version));
  raw.pragma('journal_mode = DELETE');
  raw.close();
  expect(checkCaseFile(path)).toMatchObject({ ok: true, schemaVersion: version });
  return path;
}

/** Every row a migration must keep. */
export const migrationSnapshot = (db: Db) => ({
  events: db.prepare('SELECT * FROM events ORDER BY id').all(),
  tags: db.prepare('SELECT * FROM tags ORDER BY event_id, tag').all(),
  notes: db.prepare('SELECT * FROM notes ORDER BY id').all(),
  audit: db.prepare('SELECT * FROM audit ORDER BY id').all(),
  sources: db.prepare('SELECT * FROM sources ORDER BY id').all(),
});

/** SQLite's query plan of `sql`, one line. */
export const queryPlan = (db: Db, sql: string, params: unknown[] = []) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');

/**
 * Opens the older case at `path` in this app (which migrates it) and checks it kept every row, its audit chain
 * and a clean `verify`; returns the open, migrated case.
 */
export async function openMigratedKeepingRows(path: string): Promise<Db> {
  const raw = new Database(path, { readonly: true });
  const before = migrationSnapshot(raw);
  raw.close();
  expect(before.events.length).toBeGreaterThan(10_000);
  const db = openCase(path);
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  expect(migrationSnapshot(db)).toEqual(before);
  expect(verifyAuditChain(db).ok).toBe(true);
  const report = await verifyCase(db);
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  return db;
}
