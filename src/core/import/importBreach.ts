// Breach-list import, a preset of the import system: plain lists (e-mail / phone / name columns, the preset's
// alias lists in import/presets.ts), pre-hashed lists (SHA-1 / SHA-256 hex of the normalised identifier, see
// normalize.ts for the recipe) and HIBP domain-search JSON ({"alias": ["Breach", …]}). It shares the importer's
// rules — duplicate refusal, the sources row and its transaction, progress, the end-of-pass hash check, the
// refusal of a file with more than half its rows rejected, the audit entry — and differs only in what it
// stores: HMAC-SHA-256(case key, normalised identifier) rows, never the plain identifiers.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Db } from '../casefile/caseFile';
import { getMetaValue, readMeta } from '../casefile/caseFile';
import { sha256File } from '../casefile/verify';
import { AlibiError, CancelledError } from '../errors';
import { msg } from '../i18n';
import type { ImportResult } from '../types';
import { decodeHead, detectEncoding, headLines, parseCsvHeader, readHead, sniffDelimiter } from './sniff';
import { forEachCsvRow } from './streamSources';
import { BREACH_COLUMNS, BREACH_PRESET, normaliseHeader, type BreachColumn } from './presets';
import {
  checkUnchanged, finishSource, hooksFor, inTransaction, insertSource, progressReporter, refuseDuplicate, type CommonJob, type SourceCounts,
  type SourceRecord,
} from './sourceTransaction';
import { TrustedProxies } from './trustedProxies';
import type { BreachImportOptions } from '../analysis/types';
import { identifierHmac, nameKey, normaliseEmail, normalisePhone, prehashedHmac, regionForTimeZone, type IdentifierKind } from '../breach/normalize';

export const BREACH_PARSER_VERSION = 'breach/1';

export type BreachFileOptions = Partial<BreachImportOptions> & { encoding?: string; breachName?: string };

function checkDate(d: string | undefined): string | null {
  if (!d) return null;
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(d.trim())) {
    throw AlibiError.of(msg('import.error.breachDate', { date: d }), { cli: msg('import.error.breachDate.cli'), app: msg('import.error.breachDate.app') }, 2);
  }
  return d.trim();
}

/** Writes breach entries (HMACs) and rejected rows (reason only: a breach row is someone's personal data). */
class BreachWriter implements SourceCounts {
  accepted = 0;
  rejected = 0;
  skipped = 0;
  readonly firstTs = null;
  readonly lastTs = null;
  readonly firstRejects: { rowNo: number; reason: string }[] = [];
  identifiers = 0;
  readonly breaches = new Set<string>();
  private readonly insertEntry;
  private readonly insertReject;

  constructor(db: Db, private readonly sourceId: number) {
    this.insertEntry = db.prepare('INSERT INTO breach_entries(source_id, breach_name, breach_date, kind, hmac, row_no) VALUES (?,?,?,?,?,?)');
    this.insertReject = db.prepare('INSERT INTO rejects(source_id, row_no, reason, raw) VALUES (?,?,?,?)');
  }

  /** One accepted row: its identifiers' HMACs, each under the breach (and date) the row names. */
  row(rowNo: number, entries: { breachName: string; breachDate: string | null; kind: string; hmac: string }[]): void {
    for (const e of entries) {
      this.insertEntry.run(this.sourceId, e.breachName, e.breachDate, e.kind, e.hmac, rowNo);
      this.breaches.add(e.breachName);
    }
    this.identifiers += entries.length;
    this.accepted++;
  }

  reject(rowNo: number, reason: string): void {
    this.insertReject.run(this.sourceId, rowNo, reason, '(breach row not kept)');
    this.rejected++;
    if (this.firstRejects.length < 5) this.firstRejects.push({ rowNo, reason });
  }
}

/** Imports a breach list or HIBP domain-search JSON into the case; returns what was stored. */
export async function importBreachFile(db: Db, filePath: string, opts: BreachFileOptions = {}): Promise<ImportResult> {
  const path = resolve(filePath);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new AlibiError(`${path}: cannot read (${(e as Error).message})`, 'check the path and its permissions');
  }
  const sha256 = await sha256File(path);
  const job: CommonJob = {
    path, file: basename(path), size, sha256, encoding: opts.encoding ?? 'utf-8', proxies: new TrustedProxies([]),
    opts: { force: opts.force, onProgress: opts.onProgress, signal: opts.signal },
  };
  refuseDuplicate(db, job);
  return importBreachJob(db, job, opts);
}

/** The breach preset's import of a file the importer already identified, hashed and checked for duplicates. */
export async function importBreachJob(db: Db, job: CommonJob, opts: BreachFileOptions): Promise<ImportResult> {
  const key = getMetaValue(db, 'hmac_key');
  if (!key) throw new AlibiError(`case has no hmac_key in its meta table`, 'create the case with this version of Alibi');
  const breachDate = checkDate(opts.breachDate);
  const region = regionForTimeZone(opts.tz ?? readMeta(db).tz);
  const { buf, truncated } = await readHead(job.path);
  const encoding = opts.encoding ?? detectEncoding(buf, truncated);
  const headText = decodeHead(buf, encoding).trimStart();
  const isJson = headText.startsWith('{');
  const report = progressReporter(job, () => writer);
  let writer: BreachWriter | null = null;

  if (isJson) {
    const domain = (opts.domain ?? /(?:^|[^a-z0-9.-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?:\.json)?$/i.exec(job.file.replace(/\.json$/i, ''))?.[1])?.toLowerCase();
    if (!domain) {
      throw new AlibiError(
        `${job.file}: HIBP domain-search JSON lists aliases only, and the domain cannot be read from the file name`,
        { cli: 'pass the domain (--domain example.fr) or name the file after it (example.fr.json)', app: 'name the file after the domain (example.fr.json)' },
        2,
      );
    }
    // HIBP domain exports are small (one alias per line of JSON); refuse anything that would not fit in memory
    if (job.size > 256 * 1024 * 1024) {
      throw new AlibiError(`${job.file} is ${Math.round(job.size / 1048576)} MB: too large for an HIBP domain-search export`, 'convert it to a CSV breach list (email column) and import that');
    }
    const bytes = await readFile(job.path);
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new AlibiError(`${job.file}: not valid JSON (${(e as Error).message})`, 'export the domain search again from haveibeenpwned.com');
    }
    const pairs = hibpPairs(parsed, job.file);
    const source: SourceRecord = {
      format: 'hibp-json', preset: BREACH_PRESET, tz: opts.tz ?? null, tzAssumed: false, mappingJson: JSON.stringify({ domain }),
      parserVersion: BREACH_PARSER_VERSION, breachDate,
    };
    const sourceJob = { ...job, encoding: 'utf-8' };
    return inTransaction(db, async () => {
      const sourceId = insertSource(db, sourceJob, source);
      const w = (writer = new BreachWriter(db, sourceId));
      let rowNo = 0;
      for (const [alias, names] of pairs) {
        rowNo++;
        const email = normaliseEmail(alias.includes('@') ? alias : `${alias}@${domain}`);
        if (!email || !names.length) {
          w.reject(rowNo, !email ? 'alias is not a valid e-mail local part' : 'no breach named for this alias');
          continue;
        }
        const hmac = identifierHmac(key, 'email', email);
        w.row(rowNo, names.map((n) => ({ breachName: n, breachDate: n === opts.breachName || names.length === 1 ? breachDate : null, kind: 'email', hmac })));
      }
      checkUnchanged(sourceJob, createHash('sha256').update(bytes).digest('hex'));
      report(job.size, true);
      return finishBreach(db, sourceJob, sourceId, w, source, opts);
    });
  }

  const lines = headLines(headText, truncated, 5);
  if (!lines.length) throw AlibiError.of(msg('import.error.empty', { file: job.file }), msg('import.error.rightExport'));
  const delimiter = sniffDelimiter(lines[0]);
  const header = parseCsvHeader(lines, delimiter);
  const cols = bindColumns(header, opts.map, job.file);
  if (!opts.breachName && cols.source === undefined) {
    throw AlibiError.of(msg('import.error.breachName', { file: job.file }), { cli: msg('import.error.breachName.cli'), app: msg('import.error.breachName.app') }, 2);
  }
  const source: SourceRecord = {
    format: BREACH_PRESET, preset: BREACH_PRESET, tz: opts.tz ?? null, tzAssumed: false,
    mappingJson: JSON.stringify(Object.fromEntries(Object.entries(cols).map(([k, i]) => [k, header[i as number]]))),
    parserVersion: BREACH_PARSER_VERSION, breachDate,
  };
  const sourceJob = { ...job, encoding };
  return inTransaction(db, async () => {
    const sourceId = insertSource(db, sourceJob, source);
    const w = (writer = new BreachWriter(db, sourceId));
    const hooks = hooksFor(sourceJob, report);
    await forEachCsvRow(job.path, encoding, delimiter, hooks, ({ fields, rowNo, error }) => {
      if (error) return w.reject(rowNo, `CSV: ${error}`);
      const get = (c: BreachColumn) => (cols[c] !== undefined ? (fields[cols[c]!] ?? '').trim() : '');
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
        if (!algo) return w.reject(rowNo, `hash "${digest.slice(0, 20)}…" is neither SHA-256 (64 hex) nor SHA-1 (40 hex)`);
        found.push({ kind: algo, hmac: prehashedHmac(key, algo, digest) });
      }
      if (!found.length) return w.reject(rowNo, 'no usable e-mail, phone, name or hash in this row');
      w.row(rowNo, found.map((f) => ({ ...f, breachName: name, breachDate: date })));
    });
    if (opts.signal?.aborted) throw new CancelledError();
    checkUnchanged(sourceJob, hooks.digest());
    report(job.size, true);
    return finishBreach(db, sourceJob, sourceId, w, source, opts);
  });
}

/** The importer's finish (refusal rules, counts, audit) plus the breach's name on the sources row. */
function finishBreach(db: Db, job: CommonJob, sourceId: number, w: BreachWriter, source: SourceRecord, opts: BreachFileOptions): ImportResult {
  const breaches = [...w.breaches];
  db.prepare('UPDATE sources SET breach_name = ? WHERE id = ?').run(opts.breachName ?? breaches.join(', '), sourceId);
  return finishSource(db, job, sourceId, w, source, {
    action: 'import.breach',
    details: { breaches, breachDate: source.breachDate ?? null, identifiers: w.identifiers },
  });
}

function checkRowDate(d: string): string | null {
  return /^\d{4}-\d{2}(-\d{2})?$/.test(d) ? d : null;
}

function bindColumns(header: string[], map: Record<string, string> | undefined, file: string): Partial<Record<BreachColumn, number>> {
  const norm = normaliseHeader;
  const cols: Partial<Record<BreachColumn, number>> = {};
  if (map && Object.keys(map).length) {
    for (const [field, column] of Object.entries(map)) {
      if (!Object.hasOwn(BREACH_COLUMNS, field)) {
        throw new AlibiError(`unknown breach-list field "${field}"`, `map onto: ${Object.keys(BREACH_COLUMNS).join(', ')}`, 2);
      }
      const i = header.findIndex((h) => norm(h) === norm(column));
      if (i < 0) throw new AlibiError(`${file}: the mapping names column "${column}", but the header has no such column`, `columns: ${header.join(', ')}`);
      cols[field as BreachColumn] = i;
    }
  } else {
    header.forEach((h, i) => {
      for (const [c, names] of Object.entries(BREACH_COLUMNS) as [BreachColumn, readonly string[]][]) {
        if (cols[c] === undefined && names.includes(norm(h))) cols[c] = i;
      }
    });
  }
  if (['email', 'phone', 'name', 'first_name', 'last_name', 'identifier', 'hash'].every((c) => cols[c as BreachColumn] === undefined)) {
    throw AlibiError.of(
      msg('import.error.breachColumns', { file, columns: header.join(', ') }),
      { cli: msg('import.error.breachColumns.cli'), app: msg('import.error.breachColumns.app') },
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
