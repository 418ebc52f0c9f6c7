// Builders of malicious or broken case files, made at test time from a real case so they follow the
// current schema. Each returns the path of a file `openUntrustedCase` must refuse.
import Database from 'better-sqlite3';
import { closeSync, openSync, ftruncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCase } from '../../src/core/casefile/caseFile';
import { SCHEMA_VERSION } from '../../src/core/casefile/schema';
import { recordSyntheticImports } from './syntheticImports';

/** A valid case with one source and a few hundred events, closed (WAL checkpointed). */
export function makeValidCase(dir: string, name = 'valid.alibi'): string {
  const path = join(dir, name);
  const db = createCase(path, { title: 'valid', tz: 'Europe/Paris' });
  db.prepare(
    "INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'access.log',10,'00','combined','1','2025-01-01T00:00:00Z')",
  ).run();
  const ins = db.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip,user_agent) VALUES (?,?,1,?,?,'http_request',?,?)");
  db.transaction(() => {
    for (let i = 1; i <= 400; i++) ins.run(1_700_000_000_000 + i * 1000, `t${i}`, i, `line ${i} ${'x'.repeat(200)}`, `10.0.0.${i % 250}`, 'Mozilla/5.0');
  })();
  recordSyntheticImports(db);
  db.close();
  return path;
}

function mutate(dir: string, name: string, sql: (db: Database.Database) => void): string {
  const path = makeValidCase(dir, name);
  const raw = new Database(path);
  sql(raw);
  raw.close();
  return path;
}

export const hostileCases = {
  trigger: (dir: string) =>
    mutate(dir, 'trigger.alibi', (db) =>
      db.exec("CREATE TRIGGER wipe_on_note AFTER INSERT ON notes BEGIN DELETE FROM events; END;"),
    ),
  alteredKnownTrigger: (dir: string) =>
    mutate(dir, 'altered-trigger.alibi', (db) =>
      db.exec("DROP TRIGGER audit_no_delete; CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END;"),
    ),
  shadowingView: (dir: string) =>
    mutate(dir, 'view.alibi', (db) =>
      db.exec("DROP TABLE notes; CREATE VIEW notes AS SELECT 1 AS id, '2025-01-01' AS at, 'case' AS target_kind, 'x' AS target_id, 'forged' AS text;"),
    ),
  extraTable: (dir: string) => mutate(dir, 'extra-table.alibi', (db) => db.exec('CREATE TABLE payload(x BLOB);')),
  extraColumn: (dir: string) =>
    mutate(dir, 'extra-column.alibi', (db) => db.exec("ALTER TABLE event_rows ADD COLUMN shadow TEXT GENERATED ALWAYS AS (raw) VIRTUAL;")),
  hugeBlob: (dir: string) =>
    mutate(dir, 'huge-blob.alibi', (db) => {
      db.pragma('journal_mode = DELETE');
      db.prepare("INSERT INTO notes(at,target_kind,target_id,text) VALUES ('2025-01-01','case','x', zeroblob(?))").run(65 * 1024 * 1024);
    }),
  newerSchema: (dir: string) => mutate(dir, 'newer.alibi', (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)),
  truncated: (dir: string) => {
    const path = makeValidCase(dir, 'truncated.alibi');
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    return path;
  },
  textRenamed: (dir: string) => {
    const path = join(dir, 'notes.alibi');
    writeFileSync(path, '203.0.113.7 - - [07/Sep/2025:07:00:00 +0200] "GET / HTTP/1.1" 200 512 "-" "curl/8"\n'.repeat(50));
    return path;
  },
  plainSqlite: (dir: string) => {
    const path = join(dir, 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE x(a)');
    db.close();
    return path;
  },
};
