import type { Command } from 'commander';
import { assertTimeZone, openCase } from '../../core/casefile/caseFile';
import { importFile, LOG_FORMATS, type ImportOptions } from '../../core/import/importFile';
import { PRESET_NAMES, HELPER_FIELDS } from '../../core/import/presets';
import { AlibiError } from '../../core/errors';
import { CANONICAL_FIELDS, type ImportProgress, type ImportResult } from '../../core/types';
import { action, emit, errorText, table } from '../output';

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
    assertTimeZone(tz);
  } catch (e) {
    if (e instanceof AlibiError) throw new AlibiError(`--tz: ${e.message}`, e.hint, 2);
    throw e;
  }
}

function parseInstant(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new AlibiError(`${flag}: "${text}" is not an ISO date/time`, 'example: 2025-11-23T06:00:00+01:00', 2);
  return ms;
}

function progressLine(p: ImportProgress): string {
  const pct = p.bytesTotal > 0 ? Math.floor((p.bytesRead / p.bytesTotal) * 100) : 100;
  const eta = p.etaSeconds === null ? '' : `, ${Math.ceil(p.etaSeconds)} s left`;
  return `\r${p.file}: ${pct}% ${p.rows.toLocaleString('en')} rows (${p.rejected} rejected), ${p.rowsPerSecond.toLocaleString('en')} rows/s${eta}   `;
}

function resultJson(r: ImportResult) {
  return { file: r.file, sha256: r.sha256, preset: r.preset, format: r.format, accepted: r.accepted, rejected: r.rejected, first: r.first, last: r.last };
}

interface ImportFlags {
  preset?: string; format?: string; map?: string[]; tz?: string; dateOrder?: 'dmy' | 'mdy'; force?: boolean; trustedProxy?: string[];
  encoding?: string; savePreset?: string; breach?: string; breachDate?: string; domain?: string; json?: boolean;
}

export function registerImportCommands(program: Command): void {
  program
    .command('import <case> <file...>')
    .description('import access logs and CSV exports into a case (each file all-or-nothing)')
    .option('--preset <name>', `CSV preset: ${PRESET_NAMES.join(', ')}, or one saved in the case`)
    .option('--format <name>', `force the format: ${[...LOG_FORMATS, 'csv'].join(', ')}`)
    .option('--map <field=Column,...>', 'map CSV columns onto canonical fields (overrides the preset\'s choices)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--tz <zone>', 'IANA zone of dates written without offset (default: the case zone)')
    .option('--date-order <order>', 'day/month order of numeric dates when the file cannot tell (PayPal): dmy or mdy')
    .option('--force', 'import even if a file with the same SHA-256 is already in the case')
    .option('--trusted-proxy <cidr...>', 'proxies whose X-Forwarded-For is believed (default: loopback, RFC 1918, fc00::/7)')
    .option('--encoding <name>', 'text encoding (default: detected; UTF-8 or Windows-1252)')
    .option('--save-preset <name>', 'save this column mapping in the case under a name, for later imports')
    .option('--breach <name>', 'breach list: name of the breach')
    .option('--breach-date <YYYY-MM[-DD]>', 'breach list: date of the breach')
    .option('--domain <domain>', 'breach list (HIBP domain-search JSON): the domain of its aliases')
    .option('--json', 'print one JSON object per file: {file, sha256, preset, format, accepted, rejected, first, last}')
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
        const map = o.map ? parseMapSpec(o.map) : undefined;
        const db = openCase(casePath);
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.on('SIGINT', onSigint);
        const showProgress = !o.json && process.stderr.isTTY;
        const results: ReturnType<typeof resultJson>[] = [];
        let failed: unknown = null;
        try {
          for (const file of files) {
            const opts: ImportOptions = {
              preset: o.preset, format: o.format, map, tz: o.tz, dateOrder: o.dateOrder, force: o.force, trustedProxies: o.trustedProxy,
              encoding: o.encoding, savePresetAs: o.savePreset, breachName: o.breach, breachDate: o.breachDate, domain: o.domain,
              signal: controller.signal,
              onProgress: showProgress ? (p) => process.stderr.write(progressLine(p)) : undefined,
            };
            try {
              const r = await importFile(db, file, opts);
              if (showProgress) process.stderr.write('\n');
              results.push(resultJson(r));
              if (!o.json) {
                process.stdout.write(
                  `${r.file}: ${r.accepted} rows imported, ${r.rejected} rejected (${r.preset ?? r.format}; ${r.first ?? '-'} → ${r.last ?? '-'})\n`,
                );
              }
            } catch (e) {
              if (showProgress) process.stderr.write('\n');
              if ((e as Error).name === 'CancelledError') throw new AlibiError(`${file}: import cancelled, the case is unchanged`);
              if (!(e instanceof AlibiError)) throw e;
              if (e.exitCode === 2) throw e;
              // Report and go on with the other files; the exit code says something was refused.
              process.stderr.write(errorText(e));
              failed = e;
            }
          }
        } finally {
          process.off('SIGINT', onSigint);
          db.close();
        }
        if (o.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
        if (failed) process.exitCode = 1;
      }),
    );

  program
    .command('sources <case>')
    .description('list the files imported into a case, with hashes and counts')
    .option('--json', 'print JSON')
    .action(
      action((casePath: string, o: { json?: boolean }) => {
        const db = openCase(casePath, { readonly: true });
        const rows = db.prepare('SELECT * FROM sources ORDER BY id').all() as Record<string, unknown>[];
        db.close();
        const human = rows.map((r) => ({
          ...r,
          first: r.first_ts === null ? '' : new Date(r.first_ts as number).toISOString(),
          last: r.last_ts === null ? '' : new Date(r.last_ts as number).toISOString(),
          sha256: String(r.sha256).slice(0, 16),
        }));
        emit(o.json, rows, () =>
          table(human, ['id', 'file_name', 'format', 'preset', 'rows_accepted', 'rows_rejected', 'first', 'last', 'tz', 'sha256']),
        );
      }),
    );

  program
    .command('rejects <case>')
    .description('list rejected lines/rows with their reasons')
    .option('--source <id>', 'only this source')
    .option('--limit <n>', 'at most n rows', '100')
    .option('--json', 'print JSON')
    .action(
      action((casePath: string, o: { source?: string; limit: string; json?: boolean }) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new AlibiError(`--limit: "${o.limit}" is not a positive integer`, undefined, 2);
        if (o.source !== undefined && !/^\d+$/.test(o.source)) {
          throw new AlibiError(`--source: "${o.source}" is not a source id`, 'see the ids with `alibi sources <case>`', 2);
        }
        const db = openCase(casePath, { readonly: true });
        const rows = (
          o.source === undefined
            ? db.prepare('SELECT * FROM rejects ORDER BY source_id, row_no LIMIT ?').all(limit)
            : db.prepare('SELECT * FROM rejects WHERE source_id = ? ORDER BY row_no LIMIT ?').all(Number(o.source), limit)
        ) as Record<string, unknown>[];
        db.close();
        emit(o.json, rows, () => table(rows, ['source_id', 'row_no', 'reason', 'raw']));
      }),
    );

  program
    .command('events <case>')
    .description('list events in time order')
    .option('--from <iso>', 'from this instant (ISO 8601)')
    .option('--to <iso>', 'up to this instant (ISO 8601, inclusive)')
    .option('--ip <address>', 'only events whose address or client address is this')
    .option('--limit <n>', 'at most n events', '100')
    .option('--json', 'print JSON')
    .action(
      action((casePath: string, o: { from?: string; to?: string; ip?: string; limit: string; json?: boolean }) => {
        const from = parseInstant(o.from, '--from');
        const to = parseInstant(o.to, '--to');
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new AlibiError(`--limit: "${o.limit}" is not a positive integer`, undefined, 2);
        const where: string[] = [];
        const params: unknown[] = [];
        if (from !== undefined) where.push('ts >= ?') && params.push(from);
        if (to !== undefined) where.push('ts <= ?') && params.push(to);
        if (o.ip) where.push('(ip = ? OR client_ip = ?)') && params.push(o.ip, o.ip);
        const db = openCase(casePath, { readonly: true });
        const rows = db
          .prepare(`SELECT * FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ts, id LIMIT ?`)
          .all(...params, limit) as Record<string, unknown>[];
        db.close();
        const out = rows.map((r) => ({ ...r, time: new Date(r.ts as number).toISOString() }));
        emit(o.json, out, (v) =>
          table(v, ['time', 'kind', 'client_ip', 'method', 'path', 'status', 'email', 'order_id', 'amount', 'decision', 'source_id', 'row_no']),
        );
      }),
    );
}
