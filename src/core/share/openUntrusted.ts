// Opening a case file received from someone else. The file is hostile input: it is read-only and
// `trusted_schema = OFF` while we check it, and it is refused unless its schema is exactly the one
// this app's migrations build (no foreign trigger, view, table, column or index), SQLite's own
// integrity check passes, and no stored value is absurdly large.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { MIGRATIONS, SCHEMA_VERSION, KNOWN_TRIGGERS, KNOWN_VIEWS } from '../casefile/schema';
import { migrate, openCase, type Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { openRawDatabase } from './rawDatabase';

/** Any single stored value above this is refused: no legitimate log line or CSV cell is this big. */
export const MAX_VALUE_BYTES = 64 * 1024 * 1024;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface CaseFileCheck {
  ok: boolean;
  /** Each problem names what is wrong and which object (table, trigger, column, page). */
  problems: string[];
  /** What the user can do about it. */
  hint?: string;
  schemaVersion?: number;
}

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const HINT_FOREIGN =
  'do not open this file; ask the sender for a share copy made by Alibi, or re-create the case from the original exports';

/** Runs every check and returns the list of problems; never throws for a bad file. */
export function checkCaseFile(path: string): CaseFileCheck {
  if (!existsSync(path)) return refuse([`${path}: no such file`], 'check the path');
  const header = checkHeader(path);
  if (header) return refuse([header.problem], header.hint);

  let db: Db;
  try {
    db = openRawDatabase(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    return refuse([`${path}: SQLite cannot open it (${(e as Error).message})`], HINT_FOREIGN);
  }
  try {
    hardenConnection(db);
    return checkOpenDb(db, path);
  } catch (e) {
    // A schema SQLite cannot even parse, or pages it cannot read, ends here.
    return refuse([`${path}: damaged or not a case file (${(e as Error).message})`], HINT_FOREIGN);
  } finally {
    db.close();
  }
}

export interface UntrustedOpenOptions {
  /** Open for editing (notes, verdict, imports). Read-only is enough for viewing, the report, exports and verify. */
  writable?: boolean;
  /**
   * The user agreed to upgrade a file made by an older Alibi (a writable open migrates it, and the older
   * version can no longer open it). Without it, a writable open of an older file is refused with a hint.
   */
  migrate?: boolean;
}

/**
 * Checks a case file and opens it: every door (CLI, app, recent list) goes through here, because trust is
 * a property of the content, not of a path (the file behind a known path can be replaced). Read-only by
 * default. The schema is checked again on the connection that is returned, so a file swapped between the
 * check and the open is caught; no trigger Alibi does not create can exist on it, and nothing is migrated
 * without `migrate`.
 */
export function openUntrustedCase(path: string, opts: UntrustedOpenOptions = {}): Db {
  const check = checkCaseFile(path);
  if (!check.ok) {
    throw new AlibiError(`refused to open ${path}: ${check.problems.join('; ')}`, check.hint ?? HINT_FOREIGN);
  }
  return openCheckedCase(path, check, opts);
}

/**
 * openUntrustedCase for a caller that has just run checkCaseFile on `path` itself and got `check` (ok): the
 * content checks (three full scans of a large case) are not run twice; the schema is still checked again on the
 * returned connection.
 */
export function openCheckedCase(path: string, check: CaseFileCheck, opts: UntrustedOpenOptions = {}): Db {
  if (!check.ok) throw new AlibiError(`refused to open ${path}: ${check.problems.join('; ')}`, check.hint ?? HINT_FOREIGN);
  const version = check.schemaVersion ?? SCHEMA_VERSION;
  if (opts.writable && version < SCHEMA_VERSION && !opts.migrate) {
    throw new AlibiError(
      `${path} was made by an older Alibi (case schema ${version}, this Alibi writes ${SCHEMA_VERSION}); editing it upgrades the file`,
      'open it read-only to look at it, or confirm the upgrade (older Alibi versions cannot open it afterwards)',
    );
  }
  const db = opts.writable ? openCase(path, { migrate: false }) : openRawDatabase(path, { readonly: true, fileMustExist: true });
  try {
    hardenConnection(db);
    const swapped = compareSchema(db, expectedSchema(version));
    const nowAt = db.pragma('user_version', { simple: true }) as number;
    if (swapped.length > 0 || nowAt !== version) {
      throw new AlibiError(`refused to open ${path}: the file changed between the check and the open`, 'open it again once nothing else is writing to it');
    }
    if (opts.writable) migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function refuse(problems: string[], hint: string, schemaVersion?: number): CaseFileCheck {
  return { ok: false, problems, hint, schemaVersion };
}

function hardenConnection(db: Db): void {
  // No function named in the schema (index expression, CHECK, generated column) runs unless it is innocuous.
  db.pragma('trusted_schema = OFF');
  // Corrupt cells are reported instead of being read past their page.
  db.pragma('cell_size_check = ON');
  // better-sqlite3 only loads extensions through db.loadExtension(), which this code never calls.
}

/** The 100-byte SQLite header says what the file claims to be; cheap checks before SQLite parses anything. */
function checkHeader(path: string): { problem: string; hint: string } | undefined {
  const size = statSync(path).size;
  const head = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || !head.subarray(0, 16).equals(SQLITE_MAGIC)) {
    return {
      problem: `${path}: not an SQLite database (the first bytes are not the SQLite header; it may be a text or other file renamed to .alibi)`,
      hint: 'open a .alibi case file made by Alibi; to use a log or CSV export, create a case and import it',
    };
  }
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    return { problem: `${path}: damaged SQLite header (page size ${rawPageSize})`, hint: HINT_FOREIGN };
  }
  const changeCounter = head.readUInt32BE(24);
  const pagesInHeader = head.readUInt32BE(28);
  const versionValidFor = head.readUInt32BE(92);
  // The page count in the header is only valid when the two counters agree (SQLite file format §1.3.8).
  if (pagesInHeader > 0 && changeCounter === versionValidFor && size < pagesInHeader * pageSize) {
    return {
      problem: `${path}: truncated (the header declares ${pagesInHeader} pages of ${pageSize} bytes = ${pagesInHeader * pageSize} bytes, the file has ${size})`,
      hint: 'the copy is incomplete: ask the sender for the file again and compare its SHA-256 with the share manifest',
    };
  }
  if (size % pageSize !== 0) {
    return {
      problem: `${path}: damaged (file size ${size} is not a multiple of the page size ${pageSize})`,
      hint: 'the copy is incomplete or altered: ask the sender for the file again',
    };
  }
  return undefined;
}

function checkOpenDb(db: Db, path: string): CaseFileCheck {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    return refuse(
      [`${path}: case schema version ${version} is newer than this Alibi (${SCHEMA_VERSION})`],
      'update Alibi to open this case',
      version,
    );
  }
  if (version < 1) {
    return refuse(
      [`${path}: an SQLite database but not an Alibi case (schema version 0)`],
      'open a .alibi file made by Alibi',
      version,
    );
  }

  const problems = compareSchema(db, expectedSchema(version));
  if (problems.length > 0) return refuse(problems.map((p) => `${path}: ${p}`), HINT_FOREIGN, version);

  const integrity = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') {
    return refuse(
      [`${path}: damaged (SQLite integrity check: ${integrity.slice(0, 5).join('; ')})`],
      'the file is corrupt: ask the sender for the file again and compare its SHA-256 with the share manifest',
      version,
    );
  }

  const oversize = findOversizeValues(db);
  if (oversize.length > 0) {
    return refuse(
      oversize.map((o) => `${path}: ${o}`),
      `a value above ${MAX_VALUE_BYTES / 1024 / 1024} MiB is not a log line or a CSV cell; ${HINT_FOREIGN}`,
      version,
    );
  }

  const mistyped = findMistypedValues(db);
  if (mistyped.length > 0) {
    return refuse(
      mistyped.map((o) => `${path}: ${o}`),
      `Alibi never writes such values (a BLOB where text belongs can crash the analysis); ${HINT_FOREIGN}`,
      version,
    );
  }

  const metaProblems = checkMeta(db, version);
  if (metaProblems.length > 0) return refuse(metaProblems.map((p) => `${path}: ${p}`), HINT_FOREIGN, version);
  return { ok: true, problems: [], schemaVersion: version };
}

interface ExpectedSchema {
  objects: Map<string, SchemaObject>;
  columns: Map<string, string[]>;
}

const expectedCache = new Map<number, ExpectedSchema>();

/** The schema this app builds at `version`: run the migrations on an empty in-memory database. */
export function expectedSchema(version: number): ExpectedSchema {
  const cached = expectedCache.get(version);
  if (cached) return cached;
  const mem = openRawDatabase(':memory:');
  try {
    for (const m of MIGRATIONS) if (m.version <= version) mem.exec(m.sql);
    const objects = new Map(readObjects(mem).map((o) => [o.name, o]));
    const columns = new Map<string, string[]>();
    for (const o of objects.values()) if (o.type === 'table') columns.set(o.name, tableColumns(mem, o.name));
    const schema = { objects, columns };
    expectedCache.set(version, schema);
    return schema;
  } finally {
    mem.close();
  }
}

function readObjects(db: Db): SchemaObject[] {
  // sqlite_sequence / sqlite_stat* are SQLite's own bookkeeping tables; automatic indexes have no SQL.
  return (db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema').all() as SchemaObject[]).filter(
    (o) => !(o.name.startsWith('sqlite_') && (o.type === 'table' ? /^sqlite_(sequence|stat\d)$/.test(o.name) : o.sql === null)),
  );
}

/** Column descriptions including hidden and generated columns (table_xinfo), as comparable strings. */
function tableColumns(db: Db, table: string): string[] {
  const rows = db.prepare('SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)').all(table) as {
    name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number;
  }[];
  return rows.map((c) => `${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value ?? ''} pk=${c.pk} hidden=${c.hidden}`);
}

function normaliseSql(sql: string | null): string {
  return (sql ?? '').replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1').trim();
}

function compareSchema(db: Db, expected: ExpectedSchema): string[] {
  const problems: string[] = [];
  const found = readObjects(db);
  const foundByName = new Map(found.map((o) => [o.name, o]));
  for (const o of found) {
    const exp = expected.objects.get(o.name);
    if (o.type === 'view') {
      // The app's own views (the compact `events`) pass only with the exact SQL its migrations write.
      if (exp?.type === 'view' && KNOWN_VIEWS.includes(o.name)) {
        if (normaliseSql(o.sql) !== normaliseSql(exp.sql)) problems.push(`view "${o.name}" has been altered (its SQL differs from the one Alibi creates)`);
        continue;
      }
      problems.push(
        exp
          ? `view "${o.name}" stands in place of the expected ${exp.type} "${o.name}" (a view can return forged rows)`
          : `unexpected view "${o.name}" (Alibi creates no views other than ${KNOWN_VIEWS.join(', ')})`,
      );
      continue;
    }
    if (o.type === 'trigger') {
      if (!KNOWN_TRIGGERS.includes(o.name) || !exp) {
        problems.push(`unknown trigger "${o.name}" on "${o.tbl_name}" (a trigger runs code when the case is edited)`);
      } else if (normaliseSql(o.sql) !== normaliseSql(exp.sql)) {
        problems.push(`trigger "${o.name}" has been altered (its SQL differs from the one Alibi creates)`);
      }
      continue;
    }
    if (!exp) {
      problems.push(`unexpected ${o.type} "${o.name}"${o.type === 'index' ? ` on "${o.tbl_name}"` : ''}`);
      continue;
    }
    if (exp.type !== o.type) {
      problems.push(`"${o.name}" is a ${o.type} where Alibi expects a ${exp.type}`);
      continue;
    }
    if (o.type === 'table') {
      const cols = tableColumns(db, o.name);
      const want = expected.columns.get(o.name) ?? [];
      if (cols.join('\n') !== want.join('\n')) {
        const extra = cols.filter((c) => !want.includes(c)).map((c) => c.split(' ')[0]);
        const missing = want.filter((c) => !cols.includes(c)).map((c) => c.split(' ')[0]);
        problems.push(
          `table "${o.name}" has different columns` +
            (extra.length ? ` (unexpected or altered: ${extra.join(', ')})` : '') +
            (missing.length ? ` (missing or altered: ${missing.join(', ')})` : ''),
        );
        continue;
      }
    }
    if (normaliseSql(o.sql) !== normaliseSql(exp.sql)) {
      problems.push(`${o.type} "${o.name}" definition differs from the one Alibi creates`);
    }
  }
  for (const exp of expected.objects.values()) {
    if (!foundByName.has(exp.name)) problems.push(`missing ${exp.type} "${exp.name}"`);
  }
  return problems;
}

/** One scan per table: the largest value of each column, in bytes. */
function findOversizeValues(db: Db): string[] {
  const problems: string[] = [];
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  for (const table of tables) {
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    if (cols.length === 0) continue;
    // CAST AS BLOB makes length() count bytes without decoding text; identifiers were checked against the expected schema.
    const select = cols.map((c) => `max(length(CAST("${c}" AS BLOB))) AS "${c}"`).join(', ');
    const row = db.prepare(`SELECT ${select} FROM "${table}"`).get() as Record<string, number | null>;
    for (const c of cols) {
      const n = row[c] ?? 0;
      if (n > MAX_VALUE_BYTES) problems.push(`column ${table}.${c} holds a value of ${n} bytes (limit ${MAX_VALUE_BYTES})`);
    }
  }
  return problems;
}

/** The storage classes Alibi writes into a column of each declared type (NULL is always allowed; NOT NULL is SQLite's job). */
const ALLOWED_TYPES: Record<string, string[]> = {
  TEXT: ['text'],
  INTEGER: ['integer'],
  REAL: ['real', 'integer'],
};

/** One scan per table: how many values of each column have a storage class Alibi never writes there. */
function findMistypedValues(db: Db): string[] {
  const problems: string[] = [];
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  for (const table of tables) {
    const cols = (db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as { name: string; type: string }[]).filter(
      (c) => Object.hasOwn(ALLOWED_TYPES, c.type.toUpperCase()),
    );
    if (cols.length === 0) continue;
    const allowed = (c: { type: string }) => ALLOWED_TYPES[c.type.toUpperCase()].map((t) => `'${t}'`).join(',');
    // Identifiers were checked against the expected schema before this runs. A NULL is skipped before its type is
    // asked (most cells of a case are NULL): half the time of the scan.
    const select = cols.map((c) => `sum(CASE WHEN "${c.name}" IS NULL THEN 0 ELSE typeof("${c.name}") NOT IN (${allowed(c)}) END) AS "${c.name}"`).join(', ');
    const row = db.prepare(`SELECT ${select} FROM "${table}"`).get() as Record<string, number | null>;
    for (const c of cols) {
      const n = row[c.name] ?? 0;
      if (n > 0) problems.push(`column ${table}.${c.name} (${c.type}) holds ${n} value${n === 1 ? '' : 's'} of another type (e.g. a BLOB)`);
    }
  }
  return problems;
}

function checkMeta(db: Db, version: number): string[] {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: unknown }[];
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  const problems: string[] = [];
  if (typeof meta.get('case_id') !== 'string') problems.push('meta has no case_id (not a case made by Alibi)');
  const recorded = meta.get('schema_version');
  if (recorded !== undefined && recorded !== String(version)) {
    problems.push(`meta says schema version ${String(recorded)} but the file is at version ${version}`);
  }
  return problems;
}
