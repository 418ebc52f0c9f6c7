// Looks at the head of a file (64 KiB, or up to the end of its first line when that is longer) to choose its text
// encoding and its format, before the streaming pass.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { AlibiError } from '../errors';
import { MAX_LINE_CHARS } from './streamSources';
import { detectLogFormat, type LogFormat } from './logFormats';
import { compressionOf, decompressionError, decompressor, type Compression } from './compression';

export const HEAD_BYTES = 64 * 1024;
/** However long the first line is, the head reaches its end (up to the longest line the importer reads). */
const MAX_HEAD_BYTES = MAX_LINE_CHARS + HEAD_BYTES;

/** Where the head may stop: `bytes` read and at least one line ended (a long first line is read to its end). */
function headComplete(buf: Buffer, length: number, bytes: number): boolean {
  return length >= MAX_HEAD_BYTES || (length >= bytes && buf.subarray(0, length).includes(10));
}

/** The first bytes of the file's content (decompressed when gzip or zstd), and whether there is more. */
export async function readHead(path: string, bytes = HEAD_BYTES): Promise<{ buf: Buffer; truncated: boolean }> {
  const kind = compressionOf(path);
  if (kind) return readCompressedHead(path, kind, bytes);
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    let buf = Buffer.alloc(Math.min(bytes, size));
    let length = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, length, buf.length - length, length);
      length += bytesRead;
      if (bytesRead === 0 || length >= size || headComplete(buf, length, bytes)) break;
      const grown = Buffer.alloc(Math.min(buf.length * 4, MAX_HEAD_BYTES, size));
      buf.copy(grown, 0, 0, length);
      buf = grown;
    }
    return { buf: buf.subarray(0, length), truncated: size > length };
  } finally {
    await fh.close();
  }
}

async function readCompressedHead(path: string, kind: Compression, bytes: number): Promise<{ buf: Buffer; truncated: boolean }> {
  const raw = createReadStream(path);
  const parts: Buffer[] = [];
  let n = 0;
  let newline = false;
  try {
    for await (const chunk of raw.pipe(decompressor(kind))) {
      parts.push(chunk as Buffer);
      n += (chunk as Buffer).length;
      newline ||= (chunk as Buffer).includes(10);
      if (n > bytes && (newline || n >= MAX_HEAD_BYTES)) break;
    }
  } catch (e) {
    // A damaged archive still shows what could be read; the import itself reports the damage. When nothing
    // could be read, say so here rather than calling the file empty.
    const err = decompressionError(path, kind, e);
    if (n === 0 && err instanceof AlibiError) throw err;
  } finally {
    raw.destroy();
  }
  const all = Buffer.concat(parts);
  // Keep up to `bytes`, or to the end of the first line when it is longer.
  const firstNl = all.indexOf(10);
  const keep = Math.min(all.length, Math.max(bytes, firstNl < 0 ? MAX_HEAD_BYTES : firstNl + 1));
  return { buf: all.subarray(0, keep), truncated: all.length > keep };
}

/** UTF-8 unless a BOM says otherwise or the head is not valid UTF-8 (then Windows-1252, French Excel's default). */
export function detectEncoding(head: Buffer, truncated: boolean): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A truncated head may end inside a multi-byte character: allow up to 3 bytes cut off.
  for (let cut = 0; cut <= (truncated ? 3 : 0); cut++) {
    try {
      decoder.decode(head.subarray(0, head.length - cut));
      return 'utf-8';
    } catch {
      /* try a shorter prefix */
    }
  }
  return 'windows-1252';
}

export function decodeHead(head: Buffer, encoding: string): string {
  return iconv.decode(head, encoding).replace(/^\uFEFF/, '');
}

/** Non-empty lines of the head, the last one dropped when the head was cut mid-line. */
export function headLines(text: string, truncated: boolean, max = 50): string[] {
  const lines = text.split('\n');
  if (truncated && lines.length > 1) lines.pop();
  return lines.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, max);
}

/**
 * An image, an archive or another binary file renamed `.csv`/`.log`: more than 5% of the head's characters are
 * control characters (a text export has only tabs and line ends); a head too short to count holds a NUL. A run of
 * NULs is left out: a log cut short by a crash keeps such a hole and is still text. A short text with a few
 * terminal escapes is hostile text, not binary: the format check names it (its controls shown as `?`).
 */
export function looksBinary(lines: string[]): boolean {
  const text = lines.join('\n').slice(0, 20_000).replace(/\u0000{16,}/g, '');
  if (text.length < 256) return text.includes('\u0000');
  const odd = text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return odd / text.length > 0.05;
}

/** The separator of a CSV header line: the most frequent of `;`, `,`, tab outside quotes. */
export function sniffDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of [';', '\t', '|']) if (counts[d] > counts[best]) best = d;
  return best;
}

export type SniffedFormat =
  | { type: 'log'; format: LogFormat }
  | { type: 'hibp-json' }
  | { type: 'csv'; delimiter: string; header: string[] };

export function parseCsvHeader(firstLines: string[], delimiter: string): string[] {
  const r = Papa.parse<string[]>(firstLines.join('\n'), { delimiter, preview: 1 });
  return (r.data[0] ?? []).map((h) => h.replace(/^\uFEFF/, ''));
}

/** Guesses the format from the head; null when nothing fits (the caller names what was tried). */
export function sniffFormat(lines: string[]): SniffedFormat | null {
  if (lines.length === 0) return null;
  const log = detectLogFormat(lines);
  if (log) return { type: 'log', format: log };
  const first = lines[0].trimStart();
  if (first.startsWith('{') || first.startsWith('[')) {
    // HIBP domain search: {"alias": ["Breach", …], …} or the older {"BreachSearchResults": […]}.
    const head = lines.join('\n');
    if (/^\s*\{\s*"[^"]*"\s*:\s*\[/.test(head) || head.includes('"BreachSearchResults"')) return { type: 'hibp-json' };
    return null;
  }
  const delimiter = sniffDelimiter(lines[0]);
  const header = parseCsvHeader(lines, delimiter);
  if (header.length >= 1 && header.every((h) => h.length < 200)) return { type: 'csv', delimiter, header };
  return null;
}
