import { msg, type Msg } from '../i18n/message';
import { english } from '../i18n/said';
import { caseTitleMsg } from '../i18n/caseTitle';
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';
import { appendAudit } from './audit';
import { AlibiError } from '../errors';
import { withSafeReads } from './safeReads';

export type Db = Database.Database;

export interface CaseMeta {
  caseId: string;
  /** The title as stored (English when Alibi chose it). */
  title: string;
  /** Set when Alibi chose the title (no title given, the sample case): each host shows it in its language. */
  titleMsg?: Msg;
  tz: string;
  createdAt: string;
  schemaVersion: number;
  verdict?: string;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Run pending migrations on a writable open (default true); openUntrustedCase migrates only after its checks. */
  migrate?: boolean;
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

let defaultNativeBinding: string | undefined;
/** Electron main sets this once so every case it opens uses the Electron-ABI build of better-sqlite3. */
export function setNativeBinding(path: string | undefined): void {
  defaultNativeBinding = path;
}
export function getNativeBinding(): string | undefined {
  return defaultNativeBinding;
}

/** How long a write waits for another writer before it is refused as "the case is busy". */
export const WRITE_WAIT_MS = 500;

function connect(path: string, opts: OpenOptions & { fileMustExist: boolean }): Db {
  const nativeBinding = opts.nativeBinding ?? defaultNativeBinding;
  const db = new Database(path, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.fileMustExist,
    // A second writer waits this long for the first (an import holds its transaction for a whole file), then
    // gets SQLITE_BUSY, shown as "the case is busy" (toErrorData): never a frozen window or a stack trace.
    timeout: WRITE_WAIT_MS,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  // A case file may come from someone else: no extension loading, no functions from the schema.
  db.pragma('trusted_schema = OFF');
  if (!opts.readonly) {
    // Refuse a newer file before touching it: switching it to WAL would change it for the newer Alibi too.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw newerVersionError(version);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const close = db.close.bind(db);
    // Back to a rollback journal when the last writer closes: the case stays one self-contained file and
    // read-only opens (verify, report, open-check) need no -wal/-shm beside it. Never waits for a lock: if
    // another connection is still open, the switch simply does not happen.
    db.close = () => {
      try {
        if (db.open && !db.inTransaction) {
          db.pragma('busy_timeout = 0');
          db.pragma('journal_mode = DELETE');
        }
      } catch {
        /* another connection holds the file: it stays in WAL mode until that one closes */
      }
      return close();
    };
  }
  db.pragma('foreign_keys = ON');
  return withSafeReads(db);
}

function newerVersionError(version: number): AlibiError {
  return new AlibiError(
    `case file has schema version ${version}, newer than this Alibi (${SCHEMA_VERSION})`,
    'update Alibi to open this case',
  );
}

export function migrate(db: Db, target = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw newerVersionError(current);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      if (m.version > 1 || current > 0) {
        db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('schema_version', String(m.version));
      }
    })();
  }
}

export interface NewCaseOptions {
  title?: string;
  /** A title Alibi chooses (the sample's), used when no `title` is given; the default is "Untitled case". */
  titleMsg?: Msg;
  tz?: string;
}

export function createCase(path: string, opts: NewCaseOptions = {}): Db {
  if (existsSync(path)) {
    throw AlibiError.of(msg('error.caseExists', { path }), msg('error.caseExists.hint'));
  }
  const tz = opts.tz ?? 'UTC';
  assertTimeZone(tz);
  const db = connect(path, { fileMustExist: false });
  migrate(db);
  // A title the user gave is data, kept as typed; one Alibi chose is also kept as a message (`title_msg`).
  const titleMsg = opts.title == null ? msg(opts.titleMsg?.id ?? 'case.title.untitled') : undefined;
  const meta: Record<string, string> = {
    case_id: randomUUID(),
    title: opts.title ?? english(titleMsg!),
    ...(titleMsg ? { title_msg: JSON.stringify(titleMsg) } : {}),
    tz,
    created_at: new Date().toISOString(),
    schema_version: String(SCHEMA_VERSION),
    // Per-case key: breach identifiers are compared as HMACs, never stored in plain text.
    hmac_key: randomBytes(32).toString('hex'),
  };
  const put = db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (const [k, v] of Object.entries(meta)) put.run(k, v);
    // The key by its hash: verify can tell if it was swapped (breach matches depend on it); the key itself stays in meta.
    appendAudit(db, { action: 'case.create', target: meta.case_id, details: { title: meta.title, ...(meta.title_msg ? { title_msg: meta.title_msg } : {}), tz, hmac_key_sha256: sha256Hex(meta.hmac_key) } });
  })();
  return db;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function openCase(path: string, opts: OpenOptions = {}): Db {
  if (!existsSync(path)) throw new AlibiError(`${path}: no such case file`, { cli: 'check the path, or create it with `alibi new`', app: 'check the path, or create a new case' }, 1, 'not-found');
  if (statSync(path).isDirectory()) throw new AlibiError(`${path} is a folder, not a case file`, 'give the path of the .alibi file inside it');
  let db: Db;
  try {
    db = connect(path, { ...opts, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    if (e instanceof AlibiError) throw e;
    // Locked by a program writing to it (an import that has the case to itself, sourceTransaction.ts): shown as
    // "the case is busy" (toErrorData), not as a file that is no case.
    if (String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw e;
    throw new AlibiError(`${path} is not an Alibi case file (${(e as Error).message})`, 'open a .alibi file made by Alibi');
  }
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").get();
  if (!hasMeta) {
    db.close();
    throw new AlibiError(`${path} is an SQLite file but not an Alibi case (no meta table)`, 'open a .alibi file made by Alibi');
  }
  if (!opts.readonly && opts.migrate !== false) migrate(db);
  return db;
}

export function readMeta(db: Db): CaseMeta {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const m = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const titleMsg = caseTitleMsg(m.title_msg);
  return {
    caseId: m.case_id,
    title: m.title,
    ...(titleMsg ? { titleMsg } : {}),
    tz: m.tz ?? 'UTC',
    createdAt: m.created_at,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    verdict: m.verdict,
  };
}

export function getMetaValue(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMetaValue(db: Db, key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
}

export function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw AlibiError.of(msg('error.unknownZone', { tz }), msg('error.unknownZone.hint'));
  }
}
