// Independent readers of the sample files for the tests (deliberately not the importer under test).
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

import { samplePath } from './paths';

export { SAMPLE_DIR, samplePath } from './paths';

export function readCsv(file: string, delimiter: string, encoding = 'utf8'): { header: string[]; rows: Record<string, string>[] } {
  const buf = readFileSync(samplePath(file));
  const text = iconv.decode(buf, encoding);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  const [header, ...data] = parsed.data;
  const rows = data.map((cells) => {
    if (cells.length !== header.length) throw new Error(`${file}: row with ${cells.length} fields, header has ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
  return { header, rows };
}

/** nginx `main`: combined + "$http_x_forwarded_for". */
export const NGINX_MAIN =
  /^(\S+) - (\S+) \[(\d{2})\/Nov\/2025:(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "(\S+) (\S+) HTTP\/1\.[01]" (\d{3}) (\d+) "([^"]*)" "([^"]*)" "([^"]*)"$/;

export interface AccessLine {
  remote: string;
  xff: string;
  /** the client: X-Forwarded-For behind the shop's proxy, else remote_addr */
  client: string;
  localSeconds: number;
  offset: string;
  method: string;
  path: string;
  status: number;
  ua: string;
}

export function readAccessLog(): AccessLine[] {
  const lines = readFileSync(samplePath('shop-access.log'), 'utf8').split('\n');
  if (lines.pop() !== '') throw new Error('shop-access.log must end with a newline');
  return lines.map((line, i) => {
    const m = NGINX_MAIN.exec(line);
    if (!m) throw new Error(`shop-access.log line ${i + 1} is not nginx main: ${line}`);
    const [, remote, , day, h, min, s, offset, method, path, status, , , ua, xff] = m;
    if (day !== '23') throw new Error(`line ${i + 1}: not 23 Nov`);
    return {
      remote, xff, client: xff === '-' ? remote : xff, localSeconds: +h * 3600 + +min * 60 + +s, offset, method, path, status: +status, ua,
    };
  });
}

/** Seconds since local (Paris, UTC+1) midnight of 23 Nov 2025 for the date formats of the sample. */
export function localSecondsOf(text: string): number {
  let m = /^2025-11-23 (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (m) return +m[1] * 3600 + +m[2] * 60 + +m[3];
  m = /^2025-11-23T(\d{2}):(\d{2}):(\d{2})\+01:00$/.exec(text);
  if (m) return +m[1] * 3600 + +m[2] * 60 + +m[3];
  throw new Error(`unexpected date ${text}`);
}
export const utcToLocalSeconds = (text: string) => localSecondsOf(text) + 3600;

export const JULIEN_EMAIL = 'julien.moreau@example.net';
export const JULIEN_IP = '90.14.207.118';
export const PROVIDER_IP = '51.91.102.137';
export const PROXY_IP = '10.0.0.2';
export const CGNAT_IP = '37.171.66.212';
