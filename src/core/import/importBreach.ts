// Breach-list import: plain lists (e-mail / phone / name columns), pre-hashed lists (SHA-1 / SHA-256 hex of the
// normalised identifier, see normalize.ts for the recipe) and HIBP domain-search JSON ({"alias": ["Breach", …]}).
// Only HMAC-SHA-256(case key, normalised identifier) rows are stored — never the plain identifiers — in one
// transaction with the sources row and its audit entry (all or nothing).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Db } from '../casefile/caseFile';
import { getMetaValue, readMeta } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { sha256File } from '../casefile/verify';
import { AlibiError, CancelledError } from '../errors';
import type { ImportProgress, ImportResult } from '../types';
import { decodeHead, detectEncoding, headLines, parseCsvHeader, readHead, sniffDelimiter } from './sniff';
import { forEachCsvRow } from './streamSources';
import type { BreachImportOptions } from '../analysis/types';
import { identifierHmac, nameKey, normaliseEmail, normalisePhone, prehashedHmac, regionForTimeZone, type IdentifierKind } from '../breach/normalize';

export const BREACH_PARSER_VERSION = 'breach/1';

type Column = 'email' | 'phone' | 'name' | 'first_name' | 'last_name' | 'identifier' | 'hash' | 'source' | 'breach_date';
const ALIASES: Record<Column, string[]> = {
  email: ['email', 'e-mail', 'mail', 'courriel', 'adresse email', 'email address'],
  phone: ['phone', 'telephone', 'téléphone', 'tel', 'tél', 'mobile', 'portable', 'phone number'],
  name: ['name', 'full_name', 'fullname', 'nom complet'],
  first_name: ['first_name', 'firstname', 'prenom', 'prénom', 'given_name'],
  last_name: ['last_name', 'lastname', 'nom', 'surname', 'family_name'],
  identifier: ['identifier', 'identifiant'],
  hash: ['sha256', 'sha1', 'hash', 'digest'],
  source: ['source', 'breach', 'breach_name'],
  breach_date: ['breach_date', 'date'],
};

interface Entry {
  kind: string;
  hmac: string;
  breachName: string;
  breachDate: string | null;
  rowNo: number;
}

export type BreachFileOptions = Partial<BreachImportOptions> & { encoding?: string; breachName?: string };

function checkDate(d: string | undefined): string | null {
  if (!d) return null;
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(d.trim())) {
    throw new AlibiError(`breach date "${d}" is not YYYY-MM or YYYY-MM-DD`, { cli: 'write e.g. --breach-date 2025-08', app: 'write the breach date as YYYY-MM, e.g. 2025-08' }, 2);
  }
  return d.trim();
}

/** Imports a breach list or HIBP domain-search JSON into the case; returns what was stored. */
export async function importBreachFile(db: Db, filePath: string, opts: BreachFileOptions = {}): Promise<ImportResult> {
  const path = resolve(filePath);
  const file = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new AlibiError(`${path}: cannot read (${(e as Error).message})`, 'check the path and its permissions');
  }
  const key = getMetaValue(db, 'hmac_key');
  if (!key) throw new AlibiError(`case has no hmac_key in its meta table`, 'create the case with this version of Alibi');
  const breachDate = checkDate(opts.breachDate);
  const sha256 = await sha256File(path);
  const dup = db.prepare('SELECT id, imported_at FROM sources WHERE sha256 = ? ORDER BY id LIMIT 1').get(sha256) as
    | { id: number; imported_at: string }
    | undefined;
  if (dup && !opts.force) {
    throw new AlibiError(`${path} was already imported (source ${dup.id}, ${dup.imported_at})`, { cli: 'nothing to do; use --force to import it again anyway', app: 'nothing to do; tick "import again" to import it a second time anyway' }, 1, 'exists');
  }
  const region = regionForTimeZone(opts.tz ?? readMeta(db).tz);
  const { buf, truncated } = await readHead(path);
  const encoding = opts.encoding ?? detectEncoding(buf, truncated);
  const headText = decodeHead(buf, encoding).trimStart();
  const isJson = headText.startsWith('{');

  const entries: Entry[] = [];
  const rejects: { rowNo: number; reason: string }[] = [];
  let rows = 0;
  const t0 = Date.now();
  let lastProgress = 0;
  const progress = (bytesRead: number, force = false) => {
    if (!opts.onProgress) return;
    const now = Date.now();
    if (!force && now - lastProgress < 100) return;
    lastProgress = now;
    const secs = Math.max(0.001, (now - t0) / 1000);
    const p: ImportProgress = {
      file, rows, rejected: rejects.length, bytesRead, bytesTotal: size, rowsPerSecond: Math.round(rows / secs),
      etaSeconds: bytesRead ? Math.round(((size - bytesRead) * secs) / bytesRead) : null,
    };
    opts.onProgress(p);
  };
  let format: string;
  let mapping: Record<string, string> = {};
  let breachNames: string[];

  if (isJson) {
    format = 'hibp-json';
    const domain = (opts.domain ?? /(?:^|[^a-z0-9.-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?:\.json)?$/i.exec(file.replace(/\.json$/i, ''))?.[1])?.toLowerCase();
    if (!domain) {
      throw new AlibiError(
        `${file}: HIBP domain-search JSON lists aliases only, and the domain cannot be read from the file name`,
        { cli: 'pass the domain (--domain example.fr) or name the file after it (example.fr.json)', app: 'name the file after the domain (example.fr.json)' },
        2,
      );
    }
    // HIBP domain exports are small (one alias per line of JSON); refuse anything that would not fit in memory
    if (size > 256 * 1024 * 1024) {
      throw new AlibiError(`${file} is ${Math.round(size / 1048576)} MB: too large for an HIBP domain-search export`, 'convert it to a CSV breach list (email column) and import that');
    }
    const text = await readFile(path, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new AlibiError(`${file}: not valid JSON (${(e as Error).message})`, 'export the domain search again from haveibeenpwned.com');
    }
    const pairs = hibpPairs(parsed, file);
    for (const [alias, names] of pairs) {
      rows++;
      const email = normaliseEmail(alias.includes('@') ? alias : `${alias}@${domain}`);
      if (!email || !names.length) {
        rejects.push({ rowNo: rows, reason: !email ? 'alias is not a valid e-mail local part' : 'no breach named for this alias' });
        continue;
      }
      for (const n of names) {
        const date = n === opts.breachName || names.length === 1 ? breachDate : null;
        entries.push({ kind: 'email', hmac: identifierHmac(key, 'email', email), breachName: n, breachDate: date, rowNo: rows });
      }
    }
    mapping = { domain };
    breachNames = [...new Set(entries.map((e) => e.breachName))];
    progress(size, true);
  } else {
    format = 'breach-list';
    const lines = headLines(headText, truncated, 5);
    if (!lines.length) throw new AlibiError(`${file} is empty`, 'export the breach list again');
    const delimiter = sniffDelimiter(lines[0]);
    const header = parseCsvHeader(lines, delimiter);
    const cols = bindColumns(header, opts.map, file);
    mapping = Object.fromEntries(Object.entries(cols).map(([k, i]) => [k, header[i as number]]));
    if (!opts.breachName && cols.source === undefined) {
      throw new AlibiError(`${file}: a breach list needs the breach's name`, { cli: 'add --breach "Bouygues Telecom 2025" --breach-date 2025-08', app: 'give the breach name and date in the import wizard' }, 2);
    }
    const hash = createHash('sha256');
    await forEachCsvRow(path, encoding, delimiter, { hash, signal: opts.signal, onChunk: (b) => progress(b) }, ({ fields, rowNo, error }) => {
      rows++;
      if (error) {
        rejects.push({ rowNo, reason: `CSV: ${error}` });
        return;
      }
      const get = (c: Column) => (cols[c] !== undefined ? (fields[cols[c]!] ?? '').trim() : '');
      const name = (get('source') || opts.breachName)!;
      const date = checkRowDate(get('breach_date')) ?? breachDate;
      const found: { kind: string; hmac: string }[] = [];
      const add = (kind: IdentifierKind, value: string | null) => {
        if (value) found.push({ kind, hmac: identifierHmac(key, kind, value) });
      };
      add('email', normaliseEmail(get('email')));
      add('phone', normalisePhone(get('phone'), region));
      const ident = get('identifier');
      if (ident) add(ident.includes('@') ? 'email' : 'phone', ident.includes('@') ? normaliseEmail(ident) : normalisePhone(ident, region));
      const full = get('name') || [get('first_name'), get('last_name')].filter(Boolean).join(' ');
      add('name', nameKey(full));
      const digest = get('hash').toLowerCase();
      if (digest) {
        const algo = /^[0-9a-f]{64}$/.test(digest) ? 'sha256' : /^[0-9a-f]{40}$/.test(digest) ? 'sha1' : null;
        if (algo) found.push({ kind: algo, hmac: prehashedHmac(key, algo, digest) });
        else {
          rejects.push({ rowNo, reason: `hash "${digest.slice(0, 20)}…" is neither SHA-256 (64 hex) nor SHA-1 (40 hex)` });
          return;
        }
      }
      if (!found.length) {
        rejects.push({ rowNo, reason: 'no usable e-mail, phone, name or hash in this row' });
        return;
      }
      for (const f of found) entries.push({ ...f, breachName: name, breachDate: date, rowNo });
    });
    progress(size, true);
    breachNames = [...new Set(entries.map((e) => e.breachName))];
  }
  if (opts.signal?.aborted) throw new CancelledError();

  const importedAt = new Date().toISOString();
  const sourceId = db.transaction(() => {
    const r = db
      .prepare(
        `INSERT INTO sources(file_name, file_path, size, sha256, format, preset, parser_version, encoding, tz, tz_assumed,
          rows_accepted, rows_rejected, first_ts, last_ts, mapping_json, imported_at, breach_name, breach_date)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        file, path, size, sha256, format, 'breach-list', BREACH_PARSER_VERSION, isJson ? 'utf-8' : encoding, opts.tz ?? null, 0,
        rows - rejects.length, rejects.length, null, null, JSON.stringify(mapping), importedAt,
        opts.breachName ?? breachNames.join(', '), breachDate,
      );
    const id = Number(r.lastInsertRowid);
    const ins = db.prepare('INSERT INTO breach_entries(source_id, breach_name, breach_date, kind, hmac, row_no) VALUES (?,?,?,?,?,?)');
    for (const e of entries) ins.run(id, e.breachName, e.breachDate, e.kind, e.hmac, e.rowNo);
    // rejected rows keep their reason, not their text: a breach row is someone's personal data
    const rej = db.prepare('INSERT INTO rejects(source_id, row_no, reason, raw) VALUES (?,?,?,?)');
    for (const x of rejects) rej.run(id, x.rowNo, x.reason, '(breach row not kept)');
    appendAudit(db, {
      action: 'import.breach',
      target: file,
      details: { sourceId: id, sha256, format, breaches: breachNames, breachDate, rows, identifiers: entries.length, rejected: rejects.length },
    });
    return id;
  })();
  return {
    file, sha256, preset: 'breach-list', format, accepted: rows - rejects.length, rejected: rejects.length,
    first: null, last: null, sourceId,
  };
}

function checkRowDate(d: string): string | null {
  return /^\d{4}-\d{2}(-\d{2})?$/.test(d) ? d : null;
}

function bindColumns(header: string[], map: Record<string, string> | undefined, file: string): Partial<Record<Column, number>> {
  const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase();
  const cols: Partial<Record<Column, number>> = {};
  if (map && Object.keys(map).length) {
    for (const [field, column] of Object.entries(map)) {
      if (!(field in ALIASES)) {
        throw new AlibiError(`unknown breach-list field "${field}"`, `map onto: ${Object.keys(ALIASES).join(', ')}`, 2);
      }
      const i = header.findIndex((h) => norm(h) === norm(column));
      if (i < 0) throw new AlibiError(`${file}: the mapping names column "${column}", but the header has no such column`, `columns: ${header.join(', ')}`);
      cols[field as Column] = i;
    }
  } else {
    header.forEach((h, i) => {
      for (const [c, names] of Object.entries(ALIASES) as [Column, string[]][]) {
        if (cols[c] === undefined && names.includes(norm(h))) cols[c] = i;
      }
    });
  }
  if (['email', 'phone', 'name', 'first_name', 'last_name', 'identifier', 'hash'].every((c) => cols[c as Column] === undefined)) {
    throw new AlibiError(
      `${file}: no e-mail, phone, name or hash column in the header (${header.join(', ')})`,
      {
        cli: 'name the columns email / phone / name (or first_name, last_name) / sha256, or pass --map email=Courriel',
        app: 'name the columns email / phone / name (or first_name, last_name) / sha256, or map them in the import wizard',
      },
    );
  }
  return cols;
}

/** alias → breach names, from the current `{alias: [names]}` form or the older BreachSearchResults export. */
function hibpPairs(parsed: unknown, file: string): [string, string[]][] {
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const o = parsed as Record<string, unknown>;
    if (Array.isArray(o.BreachSearchResults)) {
      return (o.BreachSearchResults as { Alias?: unknown; DomainName?: unknown; Breaches?: unknown }[]).map((r) => {
        const alias = typeof r.Alias === 'string' ? r.Alias + (typeof r.DomainName === 'string' ? `@${r.DomainName}` : '') : '';
        const names = Array.isArray(r.Breaches)
          ? r.Breaches.map((b) => (typeof b === 'string' ? b : (b as { Name?: unknown })?.Name)).filter((n): n is string => typeof n === 'string')
          : [];
        return [alias, names];
      });
    }
    return Object.entries(o).map(([alias, v]) => [alias, Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : []]);
  }
  throw new AlibiError(`${file}: not an HIBP domain-search export (expected {"alias": ["Breach", …]})`, 'export the domain search as JSON from haveibeenpwned.com');
}
