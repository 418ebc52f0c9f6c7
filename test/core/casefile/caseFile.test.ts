import { describe, it, expect, beforeEach } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCase, openCase, readMeta, migrate } from '../../../src/core/casefile/caseFile';
import { appendAudit, verifyAuditChain } from '../../../src/core/casefile/audit';
import { verifyCase } from '../../../src/core/casefile/verify';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/core/casefile/schema';
import { translator } from '../../../src/core/i18n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-case-'));
});

describe('case file', () => {
  it('creates a case with meta, schema version and a first audit entry', () => {
    const db = createCase(join(dir, 'a.alibi'), { title: 'Multi-CB', tz: 'Europe/Paris' });
    const m = readMeta(db);
    expect(m.title).toBe('Multi-CB');
    expect(m.tz).toBe('Europe/Paris');
    expect(m.schemaVersion).toBe(SCHEMA_VERSION);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 1 });
  });

  it('a title the user gives is data; with none, the default title is shown in each language and cannot be forged', async () => {
    const typed = readMeta(createCase(join(dir, 't.alibi'), { title: 'Untitled case', tz: 'UTC' }));
    expect(typed).toMatchObject({ title: 'Untitled case' });
    expect(typed.titleMsg).toBeUndefined(); // typed by the user: shown as typed, in every language
    const db = createCase(join(dir, 'u.alibi'));
    const m = readMeta(db);
    expect(m.title).toBe('Untitled case'); // older readers and the audit log keep the English words
    expect(translator('fr').said(m.titleMsg, m.title)).toBe('Dossier sans titre');
    expect(translator('en').said(m.titleMsg, m.title)).toBe('Untitled case');
    expect((await verifyCase(db)).ok).toBe(true);
    // A received file can only name one of the catalogue's case titles: any other id or text is ignored.
    for (const forged of ['{"id":"ui.tab.home"}', '{"id":"case.title.nope"}', 'not json']) {
      db.prepare("UPDATE meta SET value = ? WHERE key = 'title_msg'").run(forged);
      expect(readMeta(db).titleMsg, forged).toBeUndefined();
    }
    // and the change of title_msg after creation is seen by verify
    expect((await verifyCase(db)).ok).toBe(false);
  });

  it('refuses an unknown time zone and an existing path', () => {
    expect(() => createCase(join(dir, 'b.alibi'), { tz: 'Mars/Olympus' })).toThrow(/unknown time zone/);
    createCase(join(dir, 'c.alibi')).close();
    expect(() => createCase(join(dir, 'c.alibi'))).toThrow(/already exists/);
  });

  it('opening a folder says it is a folder, not "disk I/O error" (review R1)', () => {
    expect(() => openCase(dir)).toThrow(/is a folder, not a case file/);
  });

  it('migrates a v1 case to the current schema, keeping its events', () => {
    const path = join(dir, 'v1.alibi');
    const raw = new Database(path);
    migrate(raw, 1);
    raw.prepare("INSERT INTO meta VALUES ('case_id','x'),('title','old'),('tz','UTC')").run();
    raw.prepare("INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'a.log',1,'h','combined','1','2025-01-01')").run();
    raw.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip) VALUES (1,'t',1,1,'r','http_request','1.2.3.4')").run();
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();
    const db = openCase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT ip, client_ip FROM events').get()).toEqual({ ip: '1.2.3.4', client_ip: '1.2.3.4' });
    expect(MIGRATIONS.length).toBeGreaterThan(1);
  });

  it('refuses a case newer than the app and a file that is not a case', () => {
    const path = join(dir, 'future.alibi');
    createCase(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openCase(path)).toThrow(/newer than this Alibi/);
    const plain = join(dir, 'plain.sqlite');
    new Database(plain).exec('CREATE TABLE x(a)');
    expect(() => openCase(plain)).toThrow(/not an Alibi case/);
  });
});

describe('audit chain', () => {
  it('detects an edited row, even when the append-only trigger was dropped', async () => {
    const path = join(dir, 'audit.alibi');
    const db = createCase(path);
    appendAudit(db, { action: 'note.add', target: 'event:1', details: { text: 'called the customer' } });
    appendAudit(db, { action: 'verdict.set', details: { verdict: 'legitimate' } });
    expect((await verifyCase(db)).ok).toBe(true);
    expect(() => db.prepare("UPDATE audit SET details='{}' WHERE id=2").run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare(`UPDATE audit SET details='{"text":"nothing to see"}' WHERE id=2`).run();
    const r = await verifyCase(db);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/audit row 2 \(note.add\): content does not match/);
  });
});

describe('self-contained file', () => {
  it('leaves no -wal or -shm beside the case after writing and after a read-only open (verify)', async () => {
    const path = join(dir, 'solo.alibi');
    const db = createCase(path);
    appendAudit(db, { action: 'note.add', details: { text: 'x' } });
    db.close();
    const ro = openCase(path, { readonly: true });
    expect((await verifyCase(ro)).ok).toBe(true);
    ro.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  it('a writer closing while another connection is open does not wait or fail', () => {
    const path = join(dir, 'two.alibi');
    const a = createCase(path);
    const b = openCase(path);
    const t = Date.now();
    b.close();
    expect(Date.now() - t).toBeLessThan(1000);
    appendAudit(a, { action: 'note.add', details: { text: 'still writable' } });
    expect(verifyAuditChain(a).ok).toBe(true);
    a.close();
  });
});
