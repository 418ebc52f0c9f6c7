// Imports one file into a case: detect encoding and format, stream it through its parser into the events table,
// all inside one transaction (a refused or cancelled file leaves the case exactly as it was), with its provenance.
import { basename, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { createHash } from 'node:crypto';
import type { Db } from '../casefile/caseFile';
import { assertTimeZone, readMeta } from '../casefile/caseFile';
import { sha256File } from '../casefile/verify';
import { AlibiError, CancelledError } from '../errors';
import { msg } from '../i18n';
import { CANONICAL_FIELDS, type FieldMapping, type ImportProgress, type ImportResult } from '../types';
import { LOG_FORMAT_NAMES, logFormat } from './logFormats';
import {
  BREACH_PRESET, CSV_PRESETS, HELPER_FIELDS, PRESET_NAMES, detectPreset, isBreachListHeader, normaliseHeader,
  presetsNamed, resolvePresetColumns, type ColumnMapping, type CsvPreset, type MappedField,
} from './presets';
import { compileMapping, csvRecordToEvent, type CsvRecordContext, type ZoneRule } from './csvRecord';
import { dateOrderEvidence, type DateOrder } from './timestamps';
import { decodeHead, detectEncoding, headLines, looksBinary, parseCsvHeader, readHead, sniffDelimiter, sniffFormat } from './sniff';
import { forEachCsvRow } from './streamSources';
import { compressionOf } from './compression';
import { EventWriter } from './eventWriter';
import { readLogLines } from './logReader';
import { maskPans } from './panMask';
import { DEFAULT_TRUSTED_PROXIES, TrustedProxies } from './trustedProxies';
import { importBreachList } from './breachDispatch';
import {
  checkUnchanged, estimatedRows, finishSource, HASHED_WHILE_READING, hooksFor, refuseDuplicate, inTransaction, insertSource, progressReporter, savePreset,
  type CommonJob, type SourceRecord,
} from './sourceTransaction';

export { PARSER_VERSION } from './sourceTransaction';
export const LOG_FORMATS = LOG_FORMAT_NAMES;

export interface ImportOptions {
  /** Built-in preset name or a preset saved in this case. */
  preset?: string;
  /** A log format name (LOG_FORMATS) or csv — overrides detection. */
  format?: string;
  map?: FieldMapping | ColumnMapping;
  /** IANA zone for dates written without offset (default: the case's zone). */
  tz?: string;
  force?: boolean;
  trustedProxies?: string[];
  encoding?: string;
  onProgress?(p: ImportProgress): void;
  signal?: AbortSignal;
  savePresetAs?: string;
  breachName?: string;
  breachDate?: string;
  /** Breach lists from HIBP domain search: the domain their aliases belong to. */
  domain?: string;
  /** Day/month order of numeric dates when the file cannot tell (PayPal activity downloads). */
  dateOrder?: DateOrder;
}

/** What detection tried, for the unknown-format error: the log formats and the CSV presets. */
function formatsTried(): { logs: string; presets: string } {
  return { logs: LOG_FORMATS.join(', '), presets: [...CSV_PRESETS.map((p) => `${p.name} (${p.variant})`), BREACH_PRESET].join(', ') };
}

interface SavedPreset { name: string; base_preset: string | null; mapping_json: string }

function savedPreset(db: Db | null, name: string): SavedPreset | undefined {
  if (!db) return undefined;
  return db.prepare('SELECT name, base_preset, mapping_json FROM presets WHERE name = ?').get(name) as SavedPreset | undefined;
}

/** Checks `--map` field names; columns are matched to the header later. */
function checkMappingFields(map: Record<string, string>): void {
  const allowed = new Set<string>([...CANONICAL_FIELDS, ...HELPER_FIELDS]);
  for (const field of Object.keys(map)) {
    if (!allowed.has(field)) {
      throw new AlibiError(
        `unknown field "${field}" in the mapping`,
        `map onto the canonical fields: ${CANONICAL_FIELDS.join(', ')} (helpers: ${HELPER_FIELDS.join(', ')})`,
        2,
      );
    }
  }
}

/** Makes the mapping's column names the header's exact text (matching is case-insensitive and trimmed). */
function bindMappingToHeader(map: Record<string, string>, header: string[], file: string): ColumnMapping {
  const out: ColumnMapping = {};
  for (const [field, column] of Object.entries(map)) {
    const hit = header.find((h) => normaliseHeader(h) === normaliseHeader(column));
    if (hit === undefined) {
      throw AlibiError.of(msg('import.error.noSuchColumn', { file, column, field }), msg('import.error.columnsHint', { columns: header.join(', ') }));
    }
    out[field as MappedField] = hit;
  }
  return out;
}

/** Usage errors come before any reading: bad zone, encoding, mapping fields, proxies, preset or format names. */
function checkOptions(db: Db | null, opts: ImportOptions): TrustedProxies {
  if (opts.tz) assertTimeZone(opts.tz);
  if (opts.encoding && !iconv.encodingExists(opts.encoding)) {
    throw new AlibiError(`unknown encoding "${opts.encoding}"`, 'use utf-8, windows-1252, latin1, utf-16le…', 2);
  }
  if (opts.map) checkMappingFields(opts.map as Record<string, string>);
  let proxies: TrustedProxies;
  try {
    proxies = new TrustedProxies(opts.trustedProxies ?? DEFAULT_TRUSTED_PROXIES);
  } catch (e) {
    throw new AlibiError(`trusted proxies: ${(e as Error).message}`, 'give CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32', 2);
  }
  if (opts.savePresetAs && PRESET_NAMES.includes(opts.savePresetAs)) {
    throw new AlibiError(`"${opts.savePresetAs}" is a built-in preset name`, 'save the mapping under another name', 2);
  }
  if (opts.preset && !PRESET_NAMES.includes(opts.preset) && !savedPreset(db, opts.preset)) {
    throw new AlibiError(`unknown preset "${opts.preset}"`, `built-in presets: ${PRESET_NAMES.join(', ')}; or one saved in this case`, 2);
  }
  if (opts.dateOrder && !['dmy', 'mdy'].includes(opts.dateOrder)) {
    throw new AlibiError(`unknown date order "${opts.dateOrder}"`, 'dmy (23/11/2025, day first) or mdy (11/23/2025, month first)', 2);
  }
  if (opts.format && ![...LOG_FORMATS, 'csv'].includes(opts.format)) {
    throw new AlibiError(`unknown format "${opts.format}"`, `formats: ${[...LOG_FORMATS, 'csv'].join(', ')}`, 2);
  }
  return proxies;
}

/** What an import of this file will do, decided from its head (the wizard's preview shows exactly this plan). */
export type ImportPlan = { path: string; encoding: string; headLines: string[] } & (
  | { kind: 'log'; format: string; localZone: string | null }
  | { kind: 'breach' }
  | {
      kind: 'csv'; delimiter: string; header: string[]; preset: CsvPreset | null; presetLabel: string | null;
      mapping: ColumnMapping; zone: ZoneRule; dateOrder: DateOrder;
      /** No date of the file tells the day/month order (every one reads both ways, or they disagree): the wizard asks. */
      dateOrderOpen: boolean;
    }
);

/** A file-system refusal as the error says it (never Node's own text: `ENOENT: no such file…`). */
const READ_PROBLEMS: Record<string, string> = { ENOENT: 'missing', ENOTDIR: 'missing', EACCES: 'denied', EPERM: 'denied' };

async function fileSize(path: string): Promise<number> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw AlibiError.of(msg('import.error.notAFile', { file: path }), { cli: msg('import.error.notAFile.cli'), app: msg('import.error.notAFile.app') });
    return st.size;
  } catch (e) {
    if (e instanceof AlibiError) throw e;
    const code = String((e as NodeJS.ErrnoException).code ?? 'EIO');
    const problem = READ_PROBLEMS[code] ?? code;
    throw AlibiError.of(msg('import.error.cannotRead', { file: path, problem }), { cli: msg('import.error.cannotRead.cli'), app: msg('import.error.cannotRead.app', { problem }) });
  }
}

/**
 * Plans an import without reading past the head or writing anything (same rules and errors as importFile).
 * Without a case (`db` null) no saved preset is known and zoneless dates default to UTC. `lenient` (the wizard's
 * preview) returns an unmapped CSV plan instead of refusing an unknown layout, so the user can map it.
 */
export async function planImport(db: Db | null, filePath: string, opts: ImportOptions = {}, lenient = false): Promise<ImportPlan> {
  checkOptions(db, opts);
  const path = resolve(filePath);
  await fileSize(path);
  return planFor(db, path, opts, lenient);
}

function caseZone(db: Db | null, opts: ImportOptions): string {
  return opts.tz ?? (db ? readMeta(db).tz : 'UTC');
}

async function planFor(db: Db | null, path: string, opts: ImportOptions, lenient = false): Promise<ImportPlan> {
  const { buf, truncated } = await readHead(path);
  const encoding = opts.encoding ?? detectEncoding(buf, truncated);
  const lines = headLines(decodeHead(buf, encoding), truncated);
  if (lines.length === 0) throw AlibiError.of(msg('import.error.empty', { file: path }), msg('import.error.rightExport'));
  if (looksBinary(lines)) throw AlibiError.of(msg('import.error.binary', { file: path }), msg('import.error.binary.hint'));
  const base = { path, encoding, headLines: lines };
  const presetName = opts.preset;
  const forced = opts.format;

  // Which parser: explicit format, preset or mapping first, then detection.
  if (presetName === BREACH_PRESET) return { ...base, kind: 'breach' };
  const wantsCsv = forced === 'csv' || presetName !== undefined || opts.map !== undefined;
  const sniffed = wantsCsv || forced ? null : sniffFormat(lines);
  const log = forced && forced !== 'csv' ? logFormat(forced)! : sniffed?.type === 'log' ? sniffed.format : null;
  if (log) return { ...base, kind: 'log', format: log.name, localZone: log.localTime ? caseZone(db, opts) : null };
  if (sniffed?.type === 'hibp-json') return { ...base, kind: 'breach' };

  const delimiter = sniffed?.type === 'csv' ? sniffed.delimiter : sniffDelimiter(lines[0]);
  const header = sniffed?.type === 'csv' ? sniffed.header : parseCsvHeader(lines, delimiter);
  const saved = presetName && !PRESET_NAMES.includes(presetName) ? savedPreset(db, presetName) : undefined;
  let preset: CsvPreset | null = null;
  let mapping: ColumnMapping;
  if (saved) {
    preset = saved.base_preset ? detectPreset(header, presetsNamed(saved.base_preset)) ?? presetsNamed(saved.base_preset)[0] : null;
    const stored = JSON.parse(saved.mapping_json) as Record<string, string>;
    mapping = { ...resolvePresetColumns(preset, header), ...bindMappingToHeader(stored, header, path) };
  } else {
    if (presetName) preset = detectPreset(header, presetsNamed(presetName)) ?? presetsNamed(presetName)[0];
    else preset = detectPreset(header);
    if (!preset && !opts.map && isBreachListHeader(header)) return { ...base, kind: 'breach' };
    if (!preset && !opts.map && !lenient) {
      throw AlibiError.of(
        msg('import.error.unknownFormat', { file: path, ...formatsTried(), line: lines[0].slice(0, 200) }),
        { cli: msg('import.error.unknownFormat.cli'), app: msg('import.error.unknownFormat.app') },
      );
    }
    mapping = resolvePresetColumns(preset, header);
  }
  if (opts.map) Object.assign(mapping, bindMappingToHeader(opts.map as Record<string, string>, header, path));
  if (!mapping.timestamp && !lenient) {
    const columns = header.join(', ');
    throw AlibiError.of(
      msg('import.error.noTimestamp', { file: path, preset: preset?.name ?? 'none', looked: preset?.columns.timestamp?.join(', ') ?? '' }),
      { cli: msg('import.error.noTimestamp.cli', { columns }), app: msg('import.error.noTimestamp.app', { columns }) },
    );
  }
  const zone: ZoneRule =
    preset?.zone === 'UTC' ? { kind: 'utc' } : mapping.timezone ? { kind: 'column' } : { kind: 'given', tz: caseZone(db, opts) };
  const presetLabel = saved ? saved.name : preset?.name ?? opts.savePresetAs ?? null;
  const detected = !opts.dateOrder && preset?.dateOrder === 'detect' && mapping.timestamp
    ? await detectDateOrder(path, encoding, delimiter, header, mapping.timestamp, lines, lenient)
    : null;
  const dateOrder = opts.dateOrder ?? detected ?? 'dmy';
  return { ...base, kind: 'csv', delimiter, header, preset, presetLabel, mapping, zone, dateOrder, dateOrderOpen: lenient && detected === null && preset?.dateOrder === 'detect' && !opts.dateOrder };
}

/**
 * Day/month order from the dates themselves: the head first, then (when every date there reads both ways) the
 * whole date column. Refuses to guess when every date is ambiguous, or when the file contradicts itself.
 */
async function detectDateOrder(
  path: string, encoding: string, delimiter: string, header: string[], column: string, head: string[], lenient: boolean,
): Promise<DateOrder | null> {
  const i = header.indexOf(column);
  const headRows = Papa.parse<string[]>(head.join('\n'), { delimiter }).data.slice(1);
  let found = dateOrderEvidence(headRows.map((r) => r[i] ?? ''));
  // The preview reads on too: the wizard asks only when no date of the whole file tells the order.
  if (found === 'ambiguous') {
    const dates: string[] = [];
    const hooks = { hash: createHash('sha256'), onChunk: () => {} };
    let verdict: ReturnType<typeof dateOrderEvidence> = 'ambiguous';
    await forEachCsvRow(path, encoding, delimiter, hooks, ({ fields }) => {
      dates.push(fields[i] ?? '');
      if (dates.length >= 1000) {
        verdict = mergeEvidence(verdict, dateOrderEvidence(dates.splice(0)));
      }
    });
    found = mergeEvidence(verdict, dateOrderEvidence(dates));
  }
  if (found === 'dmy' || found === 'mdy') return found;
  if (lenient) return null;
  throw AlibiError.of(
    found === 'conflict'
      ? msg('import.error.dateOrderConflict', { file: path, column })
      : msg('import.error.dateOrderAmbiguous', { file: path, column, example: headRows[0]?.[i] ?? '' }),
    { cli: msg('import.error.dateOrder.cli'), app: msg('import.error.dateOrder.app') },
  );
}

function mergeEvidence(a: ReturnType<typeof dateOrderEvidence>, b: ReturnType<typeof dateOrderEvidence>): ReturnType<typeof dateOrderEvidence> {
  if (a === 'ambiguous') return b;
  if (b === 'ambiguous' || a === b) return a;
  return 'conflict';
}

export async function importFile(db: Db, filePath: string, opts: ImportOptions = {}): Promise<ImportResult> {
  if (db.inTransaction) throw new Error('importFile must not run inside an open transaction');
  const proxies = checkOptions(db, opts);
  const path = resolve(filePath);
  const file = basename(path);
  const size = await fileSize(path);
  const { mtimeMs } = await stat(path);

  // Duplicate check first, so a file already in the case is refused before any parsing. Only a source of the
  // same size can be the same file: otherwise the file is hashed once, while it is read (sourceTransaction.ts).
  if (opts.signal?.aborted) throw new CancelledError();
  const sameSize = db.prepare('SELECT 1 FROM sources WHERE size = ? LIMIT 1').get(size) !== undefined;
  const hashFirst = async () => {
    const sha256 = await sha256File(path);
    refuseDuplicate(db, { path, sha256, opts });
    return sha256;
  };
  let sha256 = sameSize ? await hashFirst() : HASHED_WHILE_READING;

  const plan = await planFor(db, path, opts);
  // Breach lists are read in one piece by their own importer, which wants the hash first.
  if (plan.kind === 'breach' && sha256 === HASHED_WHILE_READING) sha256 = await hashFirst();
  const job = { path, file, size, mtimeMs, sha256, encoding: plan.encoding, proxies, opts };
  if (plan.kind === 'breach') return importBreachList(db, job, opts);
  if (plan.kind === 'log') return importLog(db, { ...job, format: plan.format, localZone: plan.localZone });
  return importCsv(db, { ...job, ...plan });
}

/** `compression` in a source's mapping_json: how the file on disk was read. */
function compressionField(path: string): { compression?: string } {
  const kind = compressionOf(path);
  return kind ? { compression: kind } : {};
}

async function importLog(
  db: Db,
  job: CommonJob & { format: string; localZone: string | null },
): Promise<ImportResult> {
  const mapping: Record<string, unknown> = {
    trusted_proxies: job.opts.trustedProxies ?? DEFAULT_TRUSTED_PROXIES, ...compressionField(job.path),
  };
  const source: SourceRecord = { format: job.format, preset: null, tz: job.localZone, tzAssumed: false, mappingJson: null };
  return writeSource(
    db, job, source,
    (w, hooks) => readLogLines(job, w, hooks),
    (w) => {
      // A local-time format (HAProxy) records its zone, as assumed: every time in it needed the zone.
      source.tzAssumed = job.localZone !== null && w.accepted > 0;
      if (!source.tzAssumed) source.tz = null;
      if (w.skipped > 0) mapping.skipped_lines = w.skipped;
      source.mappingJson = JSON.stringify(mapping);
    },
    true, // a log's lines come in time order
  );
}

/**
 * The part every streamed import shares, inside one transaction: the sources row, the event writer, reading
 * with progress and hashing (`read`), the check that the file did not change meanwhile, then `settle` (last
 * touches to the source record) and the source's final counts and audit entry.
 */
async function writeSource(
  db: Db,
  job: CommonJob,
  source: SourceRecord,
  read: (w: EventWriter, hooks: ReturnType<typeof hooksFor>) => Promise<void>,
  settle?: (w: EventWriter) => void,
  timeOrdered = false,
): Promise<ImportResult> {
  let writer: EventWriter | null = null;
  const report = progressReporter(job, () => writer);
  return inTransaction(db, async (bulk) => {
    const sourceId = insertSource(db, job, source);
    const w = (writer = new EventWriter(db, sourceId));
    w.timeOrder = bulk.timeOrder;
    const hooks = hooksFor(job, report);
    await read(w, hooks);
    w.flush();
    checkUnchanged(job, hooks.digest(), db);
    report(job.size, true);
    settle?.(w);
    return finishSource(db, job, sourceId, w, source);
  }, estimatedRows(job.size, compressionOf(job.path) !== null), timeOrdered);
}

function quoteCsvField(v: string, delimiter: string): string {
  return /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

async function importCsv(
  db: Db,
  job: CommonJob & {
    delimiter: string; header: string[]; preset: CsvPreset | null; mapping: ColumnMapping; presetLabel: string | null; zone: ZoneRule;
    dateOrder: DateOrder;
  },
): Promise<ImportResult> {
  const { opts, zone } = job;
  const ctx: CsvRecordContext = {
    header: job.header, kind: job.preset?.kind ?? 'record', mapping: job.mapping, zone, dateOrder: job.dateOrder, proxies: job.proxies,
    stats: { zoneless: 0 },
  };
  const compiled = compileMapping(ctx);
  const source: SourceRecord = {
    format: 'csv',
    preset: job.presetLabel,
    tz: zone.kind === 'utc' ? 'UTC' : zone.kind === 'column' ? `column:${job.mapping.timezone}` : zone.tz,
    tzAssumed: false,
    mappingJson: JSON.stringify({
      delimiter: job.delimiter, variant: job.preset?.variant ?? null, columns: job.mapping,
      ...(job.preset?.dateOrder || job.opts.dateOrder ? { date_order: job.dateOrder } : {}),
      ...compressionField(job.path),
    }),
  };
  const width = job.header.length;
  // Shopify writes one row per line item; only the first carries the order's date (the others are skipped).
  const ti = compiled.index.timestamp;
  const oi = job.preset?.continuationRows ? compiled.index.order_id : undefined;
  let lastOrder: string | null = null;
  const read = (w: EventWriter, hooks: ReturnType<typeof hooksFor>) =>
    forEachCsvRow(job.path, job.encoding, job.delimiter, hooks, ({ fields, rowNo, error }) => {
      for (let i = 0; i < fields.length; i++) fields[i] = maskPans(fields[i]);
      const raw = fields.map((f) => quoteCsvField(f, job.delimiter)).join(job.delimiter);
      if (error) return w.reject(rowNo, `row ${rowNo}: ${error}`, raw);
      if (oi !== undefined && ti !== undefined) {
        const order = fields[oi]?.trim() || null;
        if (order !== null && order === lastOrder && !fields[ti]?.trim()) return w.skip();
        lastOrder = order;
      }
      // Trailing empty fields (a separator at the end of data rows) are harmless; real extra data is not.
      while (fields.length > width && fields[fields.length - 1] === '') fields.pop();
      if (fields.length > width) return w.reject(rowNo, `row ${rowNo}: ${fields.length} fields, the header has ${width}`, raw);
      const out = csvRecordToEvent(fields, ctx, compiled);
      if ('reject' in out) return w.reject(rowNo, `row ${rowNo}: ${out.reject}`, raw);
      w.event(rowNo, raw, out);
    });
  return writeSource(db, job, source, read, (w) => {
    if (w.skipped > 0) source.mappingJson = JSON.stringify({ ...JSON.parse(source.mappingJson!), skipped_rows: w.skipped });
    // The zone is recorded only when some date needed it; it is "assumed" when it came from --tz or the case.
    source.tzAssumed = zone.kind === 'given' && ctx.stats.zoneless > 0;
    if (zone.kind === 'given' && ctx.stats.zoneless === 0) source.tz = null;
    if (opts.savePresetAs) savePreset(db, opts.savePresetAs, job.preset?.name ?? null, job.mapping);
  });
}
