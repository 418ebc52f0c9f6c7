// The import wizard's preview: what a file looks like before it is imported — detected format and preset, the
// first 20 rows as text, the column mapping the importer would use, and whether its dates carry a zone.
// Reads only the first 64 KiB, with the importer's own sniffing and preset declarations, so the preview
// says what the import will do.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import type { CanonicalField } from '../types';
import { AlibiError } from '../errors';
import { decodeHead, detectEncoding, headLines, readHead, sniffFormat } from './sniff';
import { CSV_PRESETS, PRESET_NAMES, detectPreset, presetsNamed, resolvePresetColumns, isBreachListHeader, BREACH_PRESET } from './presets';
import { parseJsonObjectLine } from './jsonLines';
import { isZoneless } from './zoneless';

export { isZoneless };

export interface ImportPreview {
  path: string;
  fileName: string;
  size: number;
  format: string; // 'csv' | 'access-log' | 'jsonl' | ...
  preset: string | null;
  detail: string | null; // e.g. the access-log variant, separator, encoding
  encoding: string | null;
  headers: string[];
  rows: string[][]; // first 20 data rows as text
  mapping: Partial<Record<CanonicalField, string>>;
  /** True when the timestamps carry no zone: the wizard must ask for the source's zone. */
  zoneless: boolean;
  presets: string[]; // every preset the importer knows (built-in and saved in the case)
}

const PREVIEW_ROWS = 20;
// Capture order of each access-log format (see accessLogFormats.ts): common stops after bytes; combined adds
// referer and user agent; nginx-main adds the X-Forwarded-For chain; both keep what a site appended.
const COMMON_HEADERS = ['ip', 'user', 'time', 'request', 'status', 'bytes'];
const ACCESS_HEADERS: Record<string, string[]> = {
  common: COMMON_HEADERS,
  combined: [...COMMON_HEADERS, 'referer', 'user agent', 'appended fields'],
  'nginx-main': [...COMMON_HEADERS, 'referer', 'user agent', 'x-forwarded-for', 'appended fields'],
};

export interface SavedPresetForPreview {
  name: string;
  basePreset: string | null;
  mapping: Partial<Record<CanonicalField, string>>;
}

export async function previewFile(
  path: string,
  opts: { preset?: string; mapping?: Partial<Record<CanonicalField, string>>; saved?: SavedPresetForPreview[] } = {},
): Promise<ImportPreview> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (e) {
    throw new AlibiError(`${path}: cannot read (${(e as Error).message})`, 'check the path, or pick the file again');
  }
  const saved = opts.saved ?? [];
  const { buf, truncated } = await readHead(path);
  const encoding = detectEncoding(buf, truncated);
  const lines = headLines(decodeHead(buf, encoding), truncated, PREVIEW_ROWS + 1);
  if (lines.length === 0) throw new AlibiError(`${basename(path)} is empty`, 'pick a log or CSV export with data rows');
  const base = { path, fileName: basename(path), size, encoding, presets: [...PRESET_NAMES, ...saved.map((s) => s.name)] };
  const savedPreset = saved.find((s) => s.name === opts.preset);
  const wantsCsv = opts.preset !== undefined || opts.mapping !== undefined;
  const sniffed = wantsCsv ? null : sniffFormat(lines);

  if (sniffed?.type === 'access') {
    const f = sniffed.format;
    const headers = ACCESS_HEADERS[f.name] ?? ACCESS_HEADERS['nginx-main'];
    return {
      ...base,
      format: f.name,
      preset: null,
      detail: f.description,
      headers,
      rows: lines.slice(0, PREVIEW_ROWS).map((l) => {
        const m = f.regex.exec(l);
        return m ? headers.map((_, i) => m[i + 1] ?? '') : ['(does not match: will be rejected)', l];
      }),
      mapping: {},
      zoneless: false,
    };
  }
  if (sniffed?.type === 'jsonl' || sniffed?.type === 'hibp-json') {
    const objs = lines.slice(0, PREVIEW_ROWS).map((l) => parseJsonObjectLine(l) ?? { '(not a JSON object)': l });
    const headers = [...new Set(objs.flatMap((o) => Object.keys(o)))].slice(0, 40);
    return {
      ...base,
      format: sniffed.type === 'jsonl' ? 'jsonl' : 'hibp-json',
      preset: sniffed.type === 'jsonl' ? null : BREACH_PRESET,
      detail: sniffed.type === 'jsonl' ? 'JSON lines (field aliases)' : 'HIBP domain-search JSON (breach list)',
      headers,
      rows: objs.map((o) => headers.map((h) => cell((o as Record<string, unknown>)[h]))),
      mapping: {},
      zoneless: false,
    };
  }

  const parsed = Papa.parse<string[]>(lines.join('\n'), { delimitersToGuess: [';', ',', '\t', '|'], skipEmptyLines: true });
  const [rawHeader = [], ...rows] = parsed.data;
  const header = rawHeader.map((h) => h.replace(/^\uFEFF/, ''));
  const basePresetName = savedPreset ? savedPreset.basePreset : opts.preset;
  const preset = basePresetName
    ? detectPreset(header, presetsNamed(basePresetName)) ?? presetsNamed(basePresetName)[0] ?? null
    : detectPreset(header, CSV_PRESETS);
  const breach = !preset && (basePresetName === BREACH_PRESET || (!basePresetName && isBreachListHeader(header)));
  const mapping: Partial<Record<CanonicalField, string>> = {
    ...(resolvePresetColumns(preset, header) as Partial<Record<CanonicalField, string>>),
    ...(savedPreset?.mapping ?? {}),
    ...(opts.mapping ?? {}),
  };
  // Only canonical fields are editable in the wizard; helper columns (first_name, …) stay the preset's.
  const ts = mapping.timestamp ? header.indexOf(mapping.timestamp) : -1;
  const zoneless = preset?.zone === 'UTC' ? false : ts >= 0 && rows.some((r) => isZoneless(r[ts] ?? ''));
  return {
    ...base,
    format: 'csv',
    preset: savedPreset?.name ?? preset?.name ?? (breach ? BREACH_PRESET : null),
    detail: `${preset ? preset.description + ', ' : ''}separator ${JSON.stringify(parsed.meta.delimiter)}`,
    headers: header,
    rows: rows.slice(0, PREVIEW_ROWS),
    mapping,
    zoneless,
  };
}

function cell(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}
