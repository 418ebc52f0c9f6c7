// The import wizard's preview: the importer's own plan for a file (planImport: format, preset, mapping, zone
// rule), and its first rows as that plan reads them — log lines through the format's real parser, CSV rows split
// with the plan's separator. Nothing is parsed twice with different rules, so the preview says what the import does.
import { basename } from 'node:path';
import Papa from 'papaparse';
import type { Db } from '../casefile/caseFile';
import { CANONICAL_FIELDS, type CanonicalField } from '../types';
import { planImport, type ImportPlan } from './importFile';
import { BREACH_PRESET, PRESET_NAMES } from './presets';
import { logFormat } from './logFormats';
import { lineContext } from './lineContext';
import { DEFAULT_TRUSTED_PROXIES, TrustedProxies } from './trustedProxies';
import { isZoneless } from './zoneless';
import { stat } from 'node:fs/promises';
import { english, msg, type MessageId, type Msg } from '../i18n';
import { FORMAT_WORDS } from './formatWords';

/** A numeric date of the file as written, read day-first and month-first (calendar dates, no zone). */
export interface DateOrderExample {
  text: string;
  dmy: { year: number; month: number; day: number };
  mdy: { year: number; month: number; day: number };
}

export interface ImportPreview {
  path: string;
  fileName: string;
  size: number;
  format: string; // 'csv', a log format name, 'breach-list'
  preset: string | null;
  detail: string | null; // e.g. the log format's description, the separator (English, the CLI's words)
  /** The same detail as a catalogue message, for the user's language (absent: `detail` has no words to translate). */
  detailMsg?: Msg;
  encoding: string | null;
  headers: string[];
  /** A log's or breach list's columns are the importer's, not the file's: named in the user's language. */
  headerMsgs?: Msg[];
  rows: string[][]; // first 20 data rows as text
  /** Rows the import will reject (a log line its format does not read), by row index: why, as a message. */
  rowNotes?: Record<number, Msg>;
  mapping: Partial<Record<CanonicalField, string>>;
  /** True when the timestamps carry no zone: the wizard must ask for the source's zone. */
  zoneless: boolean;
  /** True when the first rows' dates read both as day/month and month/day (PayPal): the wizard asks (`dateOrder`). */
  dateOrderOpen?: boolean;
  /** With dateOrderOpen: a few of the file's dates read both ways, so the user can tell which reading is right. */
  dateOrderExamples?: DateOrderExample[];
  /** What this export never carries that the analysis needs, and which kind of file supplies it. */
  lacks?: { field: CanonicalField; msg: Msg }[];
  presets: string[]; // every preset the importer knows (built-in and saved in the case)
}

const PREVIEW_ROWS = 20;
const LOG_COLUMNS = ['time', 'ip', 'clientIp', 'method', 'path', 'status', 'bytes', 'referer', 'userAgent', 'other'];
const LOG_HEADERS = ['time (UTC)', 'ip', 'client ip', 'method', 'path', 'status', 'bytes', 'referer', 'user agent', 'other fields'];
const columnMsgs = (columns: string[]) => columns.map((column) => msg('import.preview.column', { column }));

function logRows(plan: ImportPlan & { kind: 'log' }): { rows: string[][]; rowNotes: Record<number, Msg> } {
  const ctx = lineContext(new TrustedProxies(DEFAULT_TRUSTED_PROXIES), plan.localZone ?? 'UTC');
  const parse = logFormat(plan.format)!.parser(ctx);
  const rows: string[][] = [];
  const rowNotes: Record<number, Msg> = {};
  for (const line of plan.headLines) {
    if (rows.length >= PREVIEW_ROWS) break;
    const e = parse(line);
    if ('skip' in e) continue;
    if ('reject' in e) {
      rowNotes[rows.length] = msg('import.preview.rejected', { reason: e.reject });
      rows.push([english(rowNotes[rows.length]), line]);
      continue;
    }
    const t = (v: string | number | null) => (v === null ? '' : String(v));
    rows.push([
      new Date(e.ts).toISOString(), t(e.ip), t(e.client_ip), t(e.method), t(e.path), t(e.status), t(e.bytes), t(e.referer),
      t(e.user_agent), t(e.extra),
    ]);
  }
  return { rows, rowNotes };
}

/** A CSV's detail: its preset's description (when the preset has words) and its separator. */
function csvDetail(plan: ImportPlan & { kind: 'csv' }): { detail: string; detailMsg: Msg } {
  const id = plan.preset ? FORMAT_WORDS[`${plan.preset.name}.${plan.preset.variant}`] : undefined;
  const sep = plan.delimiter === '\t' ? msg('import.preview.tab') : plan.delimiter;
  const detailMsg = plan.preset && id
    ? msg('import.preview.csvDetail', { described: 'yes', description: msg(id), sep })
    : msg('import.preview.csvDetail', { described: 'no', description: '', sep });
  return { detail: english(detailMsg), detailMsg };
}

const NUMERIC_DATE_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/;

/** Up to three distinct dates of the column, those whose two readings differ first. */
function dateOrderExamples(texts: string[]): DateOrderExample[] {
  const out: DateOrderExample[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    const m = NUMERIC_DATE_RE.exec(text.trim().slice(0, 40));
    if (!m || seen.has(m[0])) continue;
    seen.add(m[0]);
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    out.push({ text: text.trim().slice(0, 40), dmy: { year, month: b, day: a }, mdy: { year, month: a, day: b } });
  }
  return out.sort((x, y) => Number(x.dmy.day === x.mdy.day) - Number(y.dmy.day === y.mdy.day)).slice(0, 3);
}

function csvRows(plan: ImportPlan & { kind: 'csv' }): string[][] {
  const parsed = Papa.parse<string[]>(plan.headLines.join('\n'), { delimiter: plan.delimiter, skipEmptyLines: true });
  return parsed.data.slice(1, PREVIEW_ROWS + 1);
}

export async function previewImport(
  db: Db | null,
  path: string,
  opts: { preset?: string; mapping?: Partial<Record<CanonicalField, string>>; savedPresetNames?: string[] } = {},
): Promise<ImportPreview> {
  const plan = await planImport(db, path, { preset: opts.preset, map: opts.mapping }, true);
  const size = (await stat(plan.path)).size;
  const base = {
    path, fileName: basename(path), size, encoding: plan.encoding, presets: [...PRESET_NAMES, ...(opts.savedPresetNames ?? [])],
  };
  if (plan.kind === 'log') {
    const f = logFormat(plan.format)!;
    const { rows, rowNotes } = logRows(plan);
    return {
      ...base, format: f.name, preset: null, detail: f.description, ...(FORMAT_WORDS[f.name] ? { detailMsg: msg(FORMAT_WORDS[f.name]) } : {}),
      headers: LOG_HEADERS, headerMsgs: columnMsgs(LOG_COLUMNS), rows, ...(Object.keys(rowNotes).length ? { rowNotes } : {}), mapping: {},
      zoneless: plan.localZone !== null,
    };
  }
  if (plan.kind === 'breach') {
    return {
      ...base, format: BREACH_PRESET, preset: BREACH_PRESET, detail: english(msg('import.preview.breachDetail')), detailMsg: msg('import.preview.breachDetail'),
      headers: ['line'], headerMsgs: columnMsgs(['line']), rows: plan.headLines.slice(0, PREVIEW_ROWS).map((l) => [l]), mapping: {}, zoneless: false,
    };
  }
  const rows = csvRows(plan);
  // Only canonical fields are editable in the wizard; helper columns (first_name, …) stay the preset's.
  const mapping: Partial<Record<CanonicalField, string>> = {};
  for (const f of CANONICAL_FIELDS) if (plan.mapping[f] !== undefined) mapping[f] = plan.mapping[f];
  const ts = mapping.timestamp ? plan.header.indexOf(mapping.timestamp) : -1;
  return {
    ...base,
    format: 'csv',
    preset: plan.presetLabel,
    ...csvDetail(plan),
    headers: plan.header,
    rows,
    mapping,
    zoneless: plan.zone.kind === 'given' && ts >= 0 && rows.some((r) => isZoneless(r[ts] ?? '')),
    ...(plan.dateOrderOpen ? { dateOrderOpen: true, dateOrderExamples: dateOrderExamples(rows.map((r) => r[ts] ?? '')) } : {}),
    ...(plan.preset?.lacks ? { lacks: (Object.entries(plan.preset.lacks) as [CanonicalField, MessageId][]).map(([field, id]) => ({ field, msg: msg(id) })) } : {}),
  };
}
