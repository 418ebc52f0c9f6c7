// CLI for getting data in and looking at it: import, sources, rejects, events — through the API (an import is
// an import job, the same as the app's, run in this process).
import type { Command } from 'commander';
import { AlibiError } from '../../core/errors';
import { CANONICAL_FIELDS, EVENT_KINDS } from '../../core/vocabulary';
import type { ImportProgress, ImportResult } from '../../core/types';
import { HELPER_FIELDS, LOG_FORMATS, PRESET_NAMES, type ImportFileSpec, type ImportJobStatus } from '../../core/api';
import { withCase, type Call } from '../client';
import { action, emit, errorText, table } from '../output';
import { translator } from '../../core/i18n';
import { cliLang } from '../lang';

/** `--map timestamp=Created,ip=Shopper IP` (repeatable) → { timestamp: 'Created', ip: 'Shopper IP' }. */
export function parseMapSpec(specs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    for (const pair of spec.split(',')) {
      if (pair.trim() === '') continue;
      const eq = pair.indexOf('=');
      if (eq <= 0 || eq === pair.length - 1) {
        throw new AlibiError(`--map: "${pair}" is not field=Column`, `example: --map timestamp=Date,ip=Client IP,email=Mail`, 2);
      }
      out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return out;
}

/** A bad --tz is a usage error (exit 2), named as the flag, checked once before any file is read. */
export function usageTz(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new AlibiError(`--tz: unknown time zone "${tz}"`, 'use an IANA name such as Europe/Paris or UTC', 2);
  }
}

function parseInstant(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new AlibiError(`${flag}: "${text}" is not an ISO date/time`, 'example: 2025-11-23T06:00:00+01:00', 2);
  return ms;
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new AlibiError(`${flag}: "${text}" is not a positive integer`, undefined, 2);
  return n;
}

const seconds = (s: number) => `${Math.ceil(s)} s`;

/** One line, rewritten in place: the file in progress, and with several files the whole job (one ETA for all). */
export function progressLine(p: ImportProgress): string {
  const pct = (read: number, total: number) => (total > 0 ? Math.floor((read / total) * 100) : 100);
  const o = p.overall;
  if (o && o.fileCount > 1) {
    const eta = o.etaSeconds === null ? '' : `, ${seconds(o.etaSeconds)} left`;
    return `\r[${o.fileIndex}/${o.fileCount}] ${p.file}: ${pct(p.bytesRead, p.bytesTotal)}% — all files ${pct(o.bytesRead, o.bytesTotal)}% of ${(o.bytesTotal / 1e6).toFixed(1)} MB, ${o.rows.toLocaleString('en')} rows, ${p.rowsPerSecond.toLocaleString('en')} rows/s${eta}   `;
  }
  const eta = p.etaSeconds === null ? '' : `, ${seconds(p.etaSeconds)} left`;
  return `\r${p.file}: ${pct(p.bytesRead, p.bytesTotal)}% ${p.rows.toLocaleString('en')} rows (${p.rejected} rejected), ${p.rowsPerSecond.toLocaleString('en')} rows/s${eta}   `;
}

function resultJson(r: ImportResult) {
  return { file: r.file, sha256: r.sha256, preset: r.preset, format: r.format, accepted: r.accepted, rejected: r.rejected, first: r.first, last: r.last };
}

interface ImportFlags {
  preset?: string; format?: string; map?: string[]; tz?: string; dateOrder?: 'dmy' | 'mdy'; force?: boolean; trustedProxy?: string[];
  encoding?: string; savePreset?: string; breach?: string; breachDate?: string; domain?: string; accept?: boolean; json?: boolean;
  progress?: boolean;
}

/** Files per import job (the API's limit); a longer list runs as several jobs, one after the other. */
const JOB_FILES = 100;

/** Runs one import job to its end; Ctrl-C cancels it (the file in progress is rolled back). */
async function runJob(call: Call, specs: ImportFileSpec[]): Promise<ImportJobStatus> {
  const { jobId } = await call('importStart', { files: specs });
  const cancel = () => void call('importCancel', { jobId });
  process.on('SIGINT', cancel);
  try {
    for (;;) {
      const s = await call('importStatus', { jobId });
      if (s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    process.off('SIGINT', cancel);
  }
}

export function registerImportCommands(program: Command): void {
  program
    .command('import <case> <file...>')
    .description('import access logs and CSV exports into a case (each file all-or-nothing; many files, .gz/.zst included, run as one job with one progress)')
    .option('--preset <name>', `CSV preset: ${PRESET_NAMES.join(', ')}, or one saved in the case`)
    .option('--format <name>', `force the format: ${[...LOG_FORMATS, 'csv'].join(', ')}`)
    .option('--map <field=Column,...>', 'map CSV columns onto canonical fields (overrides the preset\'s choices)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--tz <zone>', 'IANA zone of dates written without offset (default: the case zone)')
    .option('--date-order <order>', 'day/month order of numeric dates when the file cannot tell (PayPal): dmy or mdy')
    .option('--force', 'import even if a file with the same SHA-256 is already in the case')
    .option('--trusted-proxy <cidr...>', 'proxies whose X-Forwarded-For is believed (default: loopback, RFC 1918, fc00::/7 and Cloudflare\'s published ranges)')
    .option('--encoding <name>', 'text encoding (default: detected; UTF-8 or Windows-1252)')
    .option('--save-preset <name>', 'save this column mapping in the case under a name, for later imports')
    .option('--breach <name>', 'breach list: name of the breach')
    .option('--breach-date <YYYY-MM[-DD]>', 'breach list: date of the breach')
    .option('--domain <domain>', 'breach list (HIBP domain-search JSON): the domain of its aliases')
    .option('--accept', 'this case was received from someone else: accept it as yours so it may be changed (recorded in its audit log)')
    .option('--json', 'print one JSON object per file: {file, sha256, preset, format, accepted, rejected, first, last}')
    .option('--progress', 'print progress on stderr even when it is not a terminal (a log of a long batch)')
    .addHelpText(
      'after',
      `\nCanonical fields (for --map field=Column):\n  ${CANONICAL_FIELDS.join(', ')}\n` +
        `Helper fields: ${HELPER_FIELDS.join(', ')} (first+last name → name, exp month+year → card_expiry, zone column)\n` +
        `Exit codes: 0 all imported, 1 a file was refused or unreadable, 2 usage error.`,
    )
    .action(
      action(async (casePath: string, files: string[], o: ImportFlags) => {
        if (o.breachDate && !/^\d{4}-\d{2}(-\d{2})?$/.test(o.breachDate)) {
          throw new AlibiError(`--breach-date: "${o.breachDate}" is not YYYY-MM or YYYY-MM-DD`, 'example: --breach-date 2025-08', 2);
        }
        if (o.tz !== undefined) usageTz(o.tz);
        const mapping = o.map ? parseMapSpec(o.map) : undefined;
        const showProgress = !o.json && (process.stderr.isTTY || !!o.progress);
        const onProgress = showProgress ? (s: ImportJobStatus) => s.state === 'running' && s.progress && process.stderr.write(progressLine(s.progress)) : undefined;
        const results: ReturnType<typeof resultJson>[] = [];
        let failed = false;
        const spec = (file: string): ImportFileSpec => ({
          path: file, preset: o.preset, format: o.format, mapping: mapping as ImportFileSpec['mapping'], tz: o.tz, dateOrder: o.dateOrder, force: o.force, trustedProxies: o.trustedProxy,
          encoding: o.encoding, savePresetAs: o.savePreset, breachName: o.breach, breachDate: o.breachDate, domain: o.domain,
        });
        await withCase(casePath, { write: true, accept: o.accept, onProgress }, async (call) => {
          // Every file in one job (a month of daily logs: one progress, one ETA). A job stops at a refused file;
          // the files after it go on in the next job.
          let pending = files;
          while (pending.length > 0) {
            const batch = pending.slice(0, JOB_FILES);
            const s = await runJob(call, batch.map(spec));
            if (showProgress) process.stderr.write('\n');
            for (const r of s.results) {
              results.push(resultJson(r));
              if (!o.json) {
                process.stdout.write(`${r.file}: ${r.accepted} rows imported, ${r.rejected} rejected (${r.preset ?? r.format}${r.first ? `; ${r.first} → ${r.last ?? r.first}` : ''})\n`);
              }
            }
            if (s.state === 'done') {
              pending = pending.slice(batch.length);
              continue;
            }
            const file = batch[s.results.length];
            if (s.state === 'cancelled') throw new AlibiError(`${file}: import cancelled, the case is unchanged`);
            const f = s.failure ?? { code: 'internal' as const, message: s.error ?? 'import failed' };
            if (f.code === 'usage') throw AlibiError.fromData(f, 2);
            if (f.code === 'refused' || f.code === 'no-case' || f.code === 'busy') throw AlibiError.fromData(f);
            // Report and go on with the other files; the exit code says something was refused.
            process.stderr.write(errorText(AlibiError.fromData(f)));
            failed = true;
            pending = pending.slice(s.results.length + 1);
          }
        });
        if (o.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
        if (failed) process.exitCode = 1;
      }),
    );

  program
    .command('sources <case>')
    .description('list the files imported into a case, with hashes and counts')
    .option('--json', 'print JSON')
    .action(
      action(async (casePath: string, o: { json?: boolean }) => {
        const rows = await withCase(casePath, {}, (call) => call('sourceList', {}));
        const human = rows.map((r) => ({
          ...r,
          first: r.first_ts === null ? '' : new Date(r.first_ts).toISOString(),
          last: r.last_ts === null ? '' : new Date(r.last_ts).toISOString(),
          sha256: String(r.sha256).slice(0, 16),
        }));
        emit(o.json, rows, () => table(human, ['id', 'file_name', 'format', 'preset', 'rows_accepted', 'rows_rejected', 'first', 'last', 'tz', 'sha256']));
      }),
    );

  program
    .command('rejects <case>')
    .description('list rejected lines/rows with their reasons')
    .option('--source <id>', 'only this source')
    .option('--limit <n>', 'at most n rows', '100')
    .option('--lang <lang>', "the reasons' language, en or fr (default: the environment's locale); --json keeps the recorded reason and adds its message")
    .option('--json', 'print JSON')
    .action(
      action(async (casePath: string, o: { source?: string; limit: string; lang?: string; json?: boolean }) => {
        const limit = positiveInt(o.limit, '--limit');
        if (o.source !== undefined && !/^\d+$/.test(o.source)) {
          throw new AlibiError(`--source: "${o.source}" is not a source id`, 'see the ids with `alibi sources <case>`', 2);
        }
        const { rows } = await withCase(casePath, {}, (call) =>
          call('sourceRejects', { sourceId: o.source === undefined ? undefined : Number(o.source), limit: Math.min(limit, 10_000) }),
        );
        const tr = translator(cliLang(o.lang));
        const shown = rows.map((r) => ({ source_id: r.source_id, row_no: r.row_no, reason: tr.msg(r.reasonMsg), raw: r.raw }));
        emit(o.json, rows, () => table(shown, ['source_id', 'row_no', 'reason', 'raw']));
      }),
    );

  program
    .command('events <case>')
    .description('list events in time order')
    .option('--from <iso>', 'from this instant (ISO 8601)')
    .option('--to <iso>', 'up to this instant (ISO 8601, inclusive)')
    .option('--ip <address>', 'only events whose address or client address is this')
    .option('--kind <kind>', `only events of this kind (${EVENT_KINDS.join(', ')})`)
    .option('--limit <n>', 'at most n events', '100')
    .option('--json', 'print JSON')
    .action(
      action(async (casePath: string, o: { from?: string; to?: string; ip?: string; kind?: string; limit: string; json?: boolean }) => {
        const from = parseInstant(o.from, '--from');
        const to = parseInstant(o.to, '--to');
        const limit = positiveInt(o.limit, '--limit');
        const rows = await withCase(casePath, {}, (call) => call('eventsList', { filter: { from, to, ip: o.ip, kind: o.kind }, limit: Math.min(limit, 100_000) }));
        const out = rows.map((r) => ({ ...r, time: new Date(r.ts).toISOString() }));
        emit(o.json, out, (v) =>
          table(v as unknown as Record<string, unknown>[], ['time', 'kind', 'client_ip', 'method', 'path', 'status', 'email', 'order_id', 'amount', 'decision', 'source_id', 'row_no']),
        );
      }),
    );
}
