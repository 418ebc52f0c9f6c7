// Offline IP → ASN / organisation / country from the CSVs shipped in @ip-location-db/asn (CC BY 4.0) and
// @ip-location-db/geo-whois-asn-country (CC0). Each table is loaded lazily, once, into sorted typed arrays
// (Uint32Array starts/ends: one word per IPv4 address, four per IPv6 address) with interned organisation names,
// read from the file a chunk at a time, and searched by binary search. ~22 MB of arrays, and nothing else left
// behind by the load (no copy of the 58 MB of CSV text, no string per line).
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AlibiError } from '../errors';
import type { DataSourceInfo, IpInfo } from '../analysis/types';
import { isPrivateIp, parseIp, type ParsedIp } from './ipAddress';

const ASN_PKG = '@ip-location-db/asn';
const COUNTRY_PKG = '@ip-location-db/geo-whois-asn-country';

function packageDir(pkg: string): string {
  const env = process.env.ALIBI_IPDB_DIR; // packaged apps may ship the data elsewhere: <dir>/<pkg>/
  if (env) return join(env, pkg);
  // The bundle's own require first (out/cli, vitest, Electron main), then the working directory's node_modules.
  const requires: NodeRequire[] = [];
  if (typeof require === 'function') requires.push(require);
  requires.push(createRequire(join(process.cwd(), 'package.json')));
  for (const req of requires) {
    try {
      return dirname(req.resolve(`${pkg}/package.json`));
    } catch {
      // try the next resolver
    }
  }
  throw new AlibiError(`IP data package ${pkg} not found`, 'reinstall Alibi (the package ships inside it) or set ALIBI_IPDB_DIR');
}

/** Bytes read per call while scanning a table (lines are far shorter). */
const CHUNK = 1 << 20;

/**
 * Calls `line(buf, start, end)` for each non-empty line of `file` (without its line break), reading it a chunk at a
 * time into one reused buffer: no text of the whole file, no string per line — the tables' parse leaves nothing
 * behind but the arrays it fills.
 */
function scanLines(file: string, line: (buf: Buffer, start: number, end: number) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, buf, filled, CHUNK - filled, null);
      filled += n;
      let pos = 0;
      for (let nl = buf.indexOf(10, pos); nl >= 0 && nl < filled; nl = buf.indexOf(10, pos)) {
        const end = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
        if (end > pos) line(buf, pos, end);
        pos = nl + 1;
      }
      if (n === 0) {
        const end = filled > pos && buf[filled - 1] === 13 ? filled - 1 : filled;
        if (end > pos) line(buf, pos, end); // a last line without a line break
        return;
      }
      if (pos === 0 && filled === CHUNK) throw new AlibiError(`IP data file ${file} has a line longer than ${CHUNK} bytes`, 'reinstall Alibi (the data ships inside it) or set ALIBI_IPDB_DIR');
      buf.copy(buf, 0, pos, filled); // the incomplete last line moves to the front
      filled -= pos;
    }
  } finally {
    closeSync(fd);
  }
}

function countLines(file: string): number {
  let n = 0;
  scanLines(file, () => n++);
  return n;
}

/** A table of ranges: IPv4 addresses are one 32-bit word, IPv6 four (most significant first). */
interface Table {
  words: 1 | 4;
  starts: Uint32Array;
  ends: Uint32Array;
  values: Uint32Array; // ASN, or packed country code
  orgs?: Uint32Array; // index into names
  names?: string[];
}

/** Country codes by packed value: one string per country, not one per look-up (an analysis keeps one per address). */
const countries = new Map<number, string>();
const unpackCountry = (v: number): string | null => {
  if (!v) return null;
  let c = countries.get(v);
  if (c === undefined) countries.set(v, (c = String.fromCharCode(v >> 8, v & 0xff)));
  return c;
};
const TWO32 = 2 ** 32;

/** Where the table parse is in the current line (the number readers move it past the number and its separator). */
let at = 0;

/** A decimal number below 2^32 at `at`. */
function readSmall(buf: Buffer, end: number): number {
  let v = 0;
  for (let c = buf[at]; at < end && c >= 48 && c <= 57; c = buf[++at]) v = v * 10 + (c - 48);
  at++;
  return v;
}

/**
 * A decimal number below 2^128 at `at` into four 32-bit words of `out` from `i` (most significant first), five
 * digits at a time (word × 10^5 + carry stays exact in a double): no BigInt per number.
 */
function readWide(buf: Buffer, end: number, out: Uint32Array, i: number): void {
  let w0 = 0; // least significant
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  while (at < end) {
    let group = 0;
    let scale = 1;
    let c = buf[at];
    for (; at < end && c >= 48 && c <= 57 && scale < 100_000; c = buf[++at]) {
      group = group * 10 + (c - 48);
      scale *= 10;
    }
    if (scale === 1) break;
    let x = w0 * scale + group;
    let carry = Math.floor(x / TWO32);
    w0 = x - carry * TWO32;
    x = w1 * scale + carry;
    carry = Math.floor(x / TWO32);
    w1 = x - carry * TWO32;
    x = w2 * scale + carry;
    carry = Math.floor(x / TWO32);
    w2 = x - carry * TWO32;
    x = w3 * scale + carry;
    w3 = x - Math.floor(x / TWO32) * TWO32;
  }
  out[i] = w3;
  out[i + 1] = w2;
  out[i + 2] = w1;
  out[i + 3] = w0;
  at++;
}

/**
 * Loads "start,end,asn,org" (withOrg) or "start,end,cc" rows, starts and ends as decimal numbers (IPv6: up to 39
 * digits). The org may be quoted ("LLC ""X""").
 */
function loadTable(file: string, words: 1 | 4, withOrg: boolean): Table {
  const n = countLines(file);
  const t: Table = { words, starts: new Uint32Array(n * words), ends: new Uint32Array(n * words), values: new Uint32Array(n) };
  const intern = new Map<string, number>();
  const byValue = new Map<number, number>();
  if (withOrg) {
    t.orgs = new Uint32Array(n);
    t.names = [];
  }
  let i = 0;
  // the previous row's network and name bytes: consecutive ranges of one network mostly carry its same name
  let prevValue = -1;
  const prev = new Uint8Array(1024);
  let prevLen = -1;
  scanLines(file, (buf, start, end) => {
    at = start;
    if (words === 1) {
      t.starts[i] = readSmall(buf, end);
      t.ends[i] = readSmall(buf, end);
    } else {
      readWide(buf, end, t.starts, i * 4);
      readWide(buf, end, t.ends, i * 4);
    }
    if (withOrg) {
      const v = readSmall(buf, end);
      t.values[i] = v;
      const from = Math.min(at, end);
      const len = end - from;
      let same = v === prevValue && len === prevLen;
      for (let k = 0; same && k < len; k++) same = buf[from + k] === prev[k];
      if (same) t.orgs![i] = t.orgs![i - 1];
      else {
        let name = buf.toString('utf8', from, end);
        if (name.charCodeAt(0) === 34) name = name.slice(1, -1).replace(/""/g, '"');
        // a network's name is mostly the one it had before: compared, not hashed
        const k = byValue.get(v);
        t.orgs![i] = k !== undefined && t.names![k] === name ? k : internName(intern, t.names!, name);
        if (k === undefined) byValue.set(v, t.orgs![i]);
        prevValue = v;
        prevLen = len <= prev.length ? len : -1;
        for (let k = 0; k < prevLen; k++) prev[k] = buf[from + k];
      }
    } else {
      t.values[i] = at + 1 < end ? (buf[at] << 8) | buf[at + 1] : 0;
    }
    i++;
  });
  return t;
}

/** Index of `name` in `names`, adding it once. */
function internName(intern: Map<string, number>, names: string[], name: string): number {
  let k = intern.get(name);
  if (k === undefined) {
    k = names.length;
    names.push(name);
    intern.set(name, k);
  }
  return k;
}

/** Index of the range holding the address `ip` (`words` 32-bit words, most significant first), -1 when none. */
function find(t: Table, ip: readonly number[]): number {
  const w = t.words;
  // compares the table's address at `at` with ip: <0, 0, >0
  const cmp = (a: Uint32Array, at: number) => {
    for (let k = 0; k < w; k++) {
      const d = a[at + k] - ip[k];
      if (d !== 0) return d;
    }
    return 0;
  };
  let lo = 0;
  let hi = t.values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(t.starts, mid * w) <= 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi >= 0 && cmp(t.ends, hi * w) >= 0 ? hi : -1;
}

type Tables = { asn4?: Table; asn6?: Table; cc4?: Table; cc6?: Table };
const tables: Tables = {};
const loadStats: { table: string; ms: number; rows: number; bytes: number }[] = [];

function timed(name: string, load: () => Table): Table {
  const t0 = performance.now();
  const t = load();
  const rows = t.values.length;
  const bytes = t.starts.byteLength + t.ends.byteLength + t.values.byteLength + (t.orgs?.byteLength ?? 0);
  loadStats.push({ table: name, ms: performance.now() - t0, rows, bytes });
  return t;
}

/**
 * Asked once before a table is loaded here: another thread may be loading them (the analysis's scan thread, while
 * this one runs the rules) and hand them over through adoptIpTables.
 */
let supplier: (() => void) | null = null;
function supplied(): void {
  const f = supplier;
  supplier = null;
  f?.();
}

function asn4() {
  if (!tables.asn4) supplied();
  return (tables.asn4 ??= timed('asn-ipv4', () => loadTable(join(packageDir(ASN_PKG), 'asn-ipv4-num.csv'), 1, true)));
}
function asn6() {
  if (!tables.asn6) supplied();
  return (tables.asn6 ??= timed('asn-ipv6', () => loadTable(join(packageDir(ASN_PKG), 'asn-ipv6-num.csv'), 4, true)));
}
function cc4() {
  if (!tables.cc4) supplied();
  return (tables.cc4 ??= timed('country-ipv4', () =>
    loadTable(join(packageDir(COUNTRY_PKG), 'geo-whois-asn-country-ipv4-num.csv'), 1, false)));
}
function cc6() {
  if (!tables.cc6) supplied();
  return (tables.cc6 ??= timed('country-ipv6', () =>
    loadTable(join(packageDir(COUNTRY_PKG), 'geo-whois-asn-country-ipv6-num.csv'), 4, false)));
}

/** Tables as loaded in another thread, with their load figures: sent with their buffers transferred. */
export interface LoadedIpTables {
  tables: Tables;
  stats: { table: string; ms: number; rows: number; bytes: number }[];
}

/** Whether the IPv4 tables (and with `ipv6` the IPv6 ones) are loaded here (nothing for another thread to load). */
export function ipTablesLoaded(ipv6: boolean): boolean {
  return !!(tables.asn4 && tables.cc4 && (!ipv6 || (tables.asn6 && tables.cc6)));
}

/** Loads the IPv4 tables (and with `ipv6` the IPv6 ones), in the thread that will send them, and the buffers to
 *  transfer with them. */
export function loadIpTables(ipv6: boolean): { loaded: LoadedIpTables; transfer: ArrayBuffer[] } {
  preloadIpIndex(ipv6);
  const transfer: ArrayBuffer[] = [];
  for (const t of Object.values(tables) as Table[]) for (const a of [t.starts, t.ends, t.values, t.orgs]) if (a) transfer.push(a.buffer as ArrayBuffer);
  return { loaded: { tables: { ...tables }, stats: [...loadStats] }, transfer };
}

/** Takes the tables another thread loaded (those not loaded here meanwhile): the same arrays this thread would make. */
export function adoptIpTables(x: LoadedIpTables): void {
  for (const k of ['asn4', 'asn6', 'cc4', 'cc6'] as const) {
    const t = x.tables[k];
    if (!tables[k] && t) {
      tables[k] = t;
      const stat = x.stats.find((s) => s.table === TABLE_NAMES[k]);
      if (stat) loadStats.push(stat);
    }
  }
}
const TABLE_NAMES = { asn4: 'asn-ipv4', asn6: 'asn-ipv6', cc4: 'country-ipv4', cc6: 'country-ipv6' } as const;

/** Sets (or clears) what the first look-up needing an unloaded table asks first (see `supplier`). */
export function setIpTablesSupplier(f: (() => void) | null): void {
  supplier = f;
}

const NONE: IpInfo = { asn: null, asOrg: null, country: null };

export function lookupParsedIp(p: ParsedIp): IpInfo {
  // Private space has no public owner (the whois data even gives 192.168/16 a country): say nothing.
  if (isPrivateIp(p)) return { ...NONE };
  const v4 = p.v === 4;
  const ip = v4 ? [p.n] : [Number(p.hi >> 32n), Number(p.hi & 0xffffffffn), Number(p.lo >> 32n), Number(p.lo & 0xffffffffn)];
  const a = v4 ? asn4() : asn6();
  const i = find(a, ip);
  const c = v4 ? cc4() : cc6();
  const j = find(c, ip);
  return {
    asn: i >= 0 ? a.values[i] : null,
    asOrg: i >= 0 ? a.names![a.orgs![i]] || null : null,
    country: j >= 0 ? unpackCountry(c.values[j]) : null,
  };
}

/** ASN, organisation and country of an IPv4/IPv6 address; all null when unknown or unparsable. */
export function lookupIp(ip: string): IpInfo {
  const p = parseIp(ip);
  return p ? lookupParsedIp(p) : { ...NONE };
}

/** Forces the IPv4 (and optionally IPv6) tables to load; returns what each load cost (for the bench and About). */
export function preloadIpIndex(ipv6 = true): { table: string; ms: number; rows: number; bytes: number }[] {
  asn4();
  cc4();
  if (ipv6) {
    asn6();
    cc6();
  }
  return [...loadStats];
}

function pkgVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageDir(pkg), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Data date from a 2.3.YYYYMMDDHH package version, e.g. "2026-06-17". */
export function dataDate(version: string): string | null {
  const m = /^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d{2}$/.exec(version);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Name, version (= data date), licence and attribution of each IP dataset, for README, About and report. */
export function ipDataInfo(): DataSourceInfo[] {
  const asnV = pkgVersion(ASN_PKG);
  const ccV = pkgVersion(COUNTRY_PKG);
  return [
    {
      name: ASN_PKG,
      version: asnV,
      licence: 'CC BY 4.0',
      attribution:
        `IP to ASN data: RouteViews and DB-IP, CC BY 4.0 (${ASN_PKG} ${asnV}, data of ${dataDate(asnV) ?? 'unknown date'}; ` +
        'https://www.routeviews.org/, IP Geolocation by DB-IP https://db-ip.com/, NRO; packaged by sapics/ip-location-db)',
    },
    {
      name: COUNTRY_PKG,
      version: ccV,
      licence: 'CC0 1.0',
      attribution: `IP to country data: ip-location-db geo-whois-asn-country, CC0 (${COUNTRY_PKG} ${ccV}, data of ${dataDate(ccV) ?? 'unknown date'})`,
    },
  ];
}
