// Alibi writes only text, integers and reals into a case, and a received file with anything else is refused
// before it is opened (openUntrusted.ts). A file can still change under an open connection (another tool, a
// process writing beside the app), so every value read from a case is also made the type its column declares:
// a BLOB becomes text (UTF-8, never bytes reaching code that expects a string), a number in a text column its
// decimal text, text in a number column a number or null. The analysis, report, grid and exports then never
// meet a value they cannot handle. The digests (importDigest.ts) read values exactly as stored, and a column
// declared BLOB keeps its bytes.
import type Database from 'better-sqlite3';

type Db = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;
type Kind = 'text' | 'num' | 'blob' | null;

const AS_STORED = Symbol('alibi.prepareAsStored');

function kindOf(declared: string | null): Kind {
  if (!declared) return null;
  const t = declared.toUpperCase();
  if (/INT|REAL|FLOA|DOUB/.test(t)) return 'num';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'text';
  // A column Alibi declares BLOB (the sealed analysis snapshot) is read as bytes.
  if (t === 'BLOB') return 'blob';
  return null;
}

function fix(v: unknown, kind: Kind): unknown {
  if (v === null || v === undefined || kind === 'blob') return v;
  if (Buffer.isBuffer(v)) return kind === 'num' ? null : v.toString('utf8');
  if (kind === 'text' && typeof v !== 'string') return String(v);
  if (kind === 'num' && typeof v === 'string') {
    const n = Number(v);
    return v.trim() !== '' && Number.isFinite(n) ? n : null;
  }
  return v;
}

function safeStatement(stmt: Statement): Statement {
  if (!stmt.reader) return stmt;
  const cols = stmt.columns();
  const kinds = cols.map((c) => kindOf(c.type));
  const names = cols.map((c) => c.name);
  // the type a value of each column already has when nothing needs fixing (a BLOB, read as a Buffer, always does)
  const typed = kinds.map((k) => (k === 'text' ? 'string' : k === 'num' ? 'number' : undefined));
  let mode: 'object' | 'raw' | 'pluck' | 'expand' = 'object';
  const row = (r: unknown): unknown => {
    if (r === undefined || r === null) return r;
    if (mode === 'pluck') return fix(r, kinds[0]);
    if (mode === 'raw') {
      // in place: a large scan reads millions of values, nearly all already of their column's type
      const a = r as unknown[];
      for (let i = 0; i < a.length; i++) {
        const v = a[i];
        if (v !== null && (typeof v === 'object' || (typed[i] !== undefined && typeof v !== typed[i]))) a[i] = fix(v, kinds[i]);
      }
      return a;
    }
    if (mode === 'expand') return r;
    const o = r as Record<string, unknown>;
    for (let i = 0; i < names.length; i++) {
      const v = o[names[i]];
      if (v !== null && typeof v !== 'string') o[names[i]] = fix(v, kinds[i]);
      else if (kinds[i] === 'num' && typeof v === 'string') o[names[i]] = fix(v, 'num');
    }
    return o;
  };
  const s = stmt as unknown as Record<string, (...a: unknown[]) => unknown>;
  const toggle = (name: 'raw' | 'pluck' | 'expand') => {
    const orig = s[name].bind(stmt);
    s[name] = (on: unknown = true) => {
      orig(on);
      mode = on === false ? (mode === name ? 'object' : mode) : name;
      return stmt;
    };
  };
  toggle('raw');
  toggle('pluck');
  toggle('expand');
  const get = s.get.bind(stmt);
  const all = s.all.bind(stmt);
  const iterate = s.iterate.bind(stmt);
  s.get = (...a) => row(get(...a));
  s.all = (...a) => {
    const rows = all(...a) as unknown[];
    for (let i = 0; i < rows.length; i++) rows[i] = row(rows[i]);
    return rows;
  };
  s.iterate = function* (...a: unknown[]) {
    for (const r of iterate(...a) as Iterable<unknown>) yield row(r);
  } as (...a: unknown[]) => unknown;
  return stmt;
}

/** Makes every statement prepared on `db` return values of their column's type (see above). */
export function withSafeReads(db: Db): Db {
  const prepare = db.prepare.bind(db) as (...a: unknown[]) => Statement;
  Object.defineProperty(db, AS_STORED, { value: prepare });
  db.prepare = ((...a: unknown[]) => safeStatement(prepare(...a))) as unknown as Db['prepare'];
  return db;
}

/** A statement that reads values exactly as stored (BLOBs as Buffers): for digests, which must see every byte. */
export function prepareAsStored(db: Db, sql: string): Statement {
  const raw = (db as unknown as Record<symbol, ((sql: string) => Statement) | undefined>)[AS_STORED];
  return raw ? raw(sql) : (db.prepare(sql) as unknown as Statement);
}

/** Whether `db` reads through withSafeReads (a connection made by openCase), as a second connection to it would. */
export function hasSafeReads(db: Db): boolean {
  return Object.prototype.hasOwnProperty.call(db, AS_STORED);
}
