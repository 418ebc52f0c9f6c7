// CLI for what leaves the case: report, export, share — each one API call, recorded in the case's audit log
// the same way as from the app (a received, read-only case is left untouched and the output says so).
import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { AlibiError } from '../../core/errors';
import { cliLang, explicitLang } from '../lang';
import { withCase } from '../client';
import { action, emit, oneLine } from '../output';

const FORMATS = ['csv', 'timesketch-csv', 'timesketch-jsonl'] as const;
type Format = (typeof FORMATS)[number];
const TABLES = ['events', 'findings', 'ips'] as const;

const NOT_AUDITED = '(not recorded in the audit log: the case is read-only because it was received; pass --accept to make it yours)';

export function registerReportCommands(program: Command): void {
  program
    .command('report <case>')
    .description('write the case report for the client: self-contained HTML, or PDF through headless Chromium')
    .requiredOption('--out <file>', 'report.html or report.pdf')
    .option('--consultant <name>', 'consultant named on the report')
    .option('--client <name>', 'client named on the report')
    .option('--no-pseudonymise', 'show identifiers of people the findings are not about in clear')
    .option('--lang <lang>', "the report's language, en or fr (default: the case's language, else the environment's locale)")
    .option('--force', 'overwrite --out')
    .option('--accept', 'this case was received from someone else: accept it as yours (recorded in its audit log)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { out: string; consultant?: string; client?: string; pseudonymise: boolean; lang?: string; force?: boolean; accept?: boolean; json?: boolean }) => {
        const ext = extname(o.out).toLowerCase();
        if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf') {
          throw new AlibiError(`--out ${o.out}: unknown report type "${ext}"`, 'end the file name with .html or .pdf', 2);
        }
        const explicit = explicitLang(o.lang);
        const r = await withCase(file, { write: true, accept: o.accept }, async (call, info) => {
          const lang = explicit ?? info.lang ?? cliLang(undefined);
          return call('reportExport', {
            path: o.out, format: ext === '.pdf' ? 'pdf' : 'html', consultant: o.consultant, client: o.client,
            pseudonymise: o.pseudonymise, lang, overwrite: !!o.force,
          });
        });
        emit(o.json, { out: r.path, sha256: r.sha256, lang: r.lang, audited: r.audited }, (x) =>
          `report written: ${x.out} (SHA-256 ${x.sha256})${x.audited ? '' : `\n${NOT_AUDITED}`}`,
        );
      }),
    );

  program
    .command('export <case> <what>')
    .description('export events, findings or ips as CSV (Excel-safe: BOM, formulas made inert) or Timesketch CSV/JSONL (events)')
    .requiredOption('--out <file>', 'output file (.csv or .jsonl)')
    .option('--format <format>', `${FORMATS.join(' | ')} (default: from the extension)`)
    .option('--sep <separator>', "',' or ';' (French Excel, with decimal commas); default: from the language")
    .option('--lang <lang>', "language of the export, en or fr: French gives ';' and decimal commas (default: the case's language, else the environment's locale)")
    .option('--from <time>', 'events at or after this instant (ISO 8601)')
    .option('--to <time>', 'events at or before this instant (ISO 8601)')
    .option('--ip <ip>', 'events of this IP (source or client address)')
    .option('--kind <kind>', 'events of this kind (http_request, order, payment, antifraud_decision, provider_call, …)')
    .option('--limit <n>', 'at most n events', (v) => Number.parseInt(v, 10))
    .option('--force', 'replace --out if it exists (never the case itself)')
    .option('--accept', 'this case was received from someone else: accept it as yours (recorded in its audit log)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, what: string, o: {
        out: string; format?: string; sep?: string; lang?: string; from?: string; to?: string; ip?: string; kind?: string; limit?: number; force?: boolean; accept?: boolean; json?: boolean;
      }) => {
        if (!(TABLES as readonly string[]).includes(what)) throw new AlibiError(`cannot export "${what}"`, 'use events, findings or ips', 2);
        const format = (o.format ?? (extname(o.out).toLowerCase() === '.jsonl' ? 'timesketch-jsonl' : 'csv')) as Format;
        if (!FORMATS.includes(format)) throw new AlibiError(`unknown --format "${o.format}"`, `use one of: ${FORMATS.join(', ')}`, 2);
        if (o.sep !== undefined && o.sep !== ',' && o.sep !== ';') throw new AlibiError(`--sep "${o.sep}" is not supported`, "use ',' or ';'", 2);
        if (o.limit !== undefined && !(o.limit >= 0)) throw new AlibiError('--limit must be a number', 'e.g. --limit 1000', 2);
        const explicit = explicitLang(o.lang);
        const r = await withCase(file, { write: true, accept: o.accept }, (call, info) =>
          call('csvExport', {
            path: o.out, table: what as (typeof TABLES)[number], format, separator: o.sep as ',' | ';' | undefined,
            lang: explicit ?? info.lang ?? cliLang(undefined), limit: o.limit,
            filter: { from: o.from, to: o.to, ip: o.ip, kind: o.kind }, overwrite: !!o.force,
          }),
        );
        emit(o.json, { out: r.path, rows: r.rows, what, format, separator: r.separator, audited: r.audited }, (x) =>
          `${x.rows} ${what} written to ${x.out} (${x.format === 'csv' ? `csv, separator ${x.separator}` : x.format})${x.audited ? '' : `\n${NOT_AUDITED}`}`,
        );
      }),
    );

  program
    .command('share <case>')
    .description('write a consistent copy of the case to give to someone, with a manifest (SHA-256) beside it; optionally redacted')
    .requiredOption('--out <file>', 'the copy: copy.alibiz = compressed container for e-mail (its SHA-256 in <file>.sha256), copy.alibi = plain case file; the manifest is <file>.manifest.json')
    .option('--redact', 'pseudonymise people no finding is about, mask their cards, drop their raw lines')
    .option('--only-evidence', 'keep only the events the findings cite (plus sources, notes, audit)')
    .option('--force', 'replace --out and its manifest if they exist (never the case itself)')
    .option('--accept', 'this case was received from someone else: accept it as yours (recorded in its audit log)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { out: string; redact?: boolean; onlyEvidence?: boolean; force?: boolean; accept?: boolean; json?: boolean }) => {
        const r = await withCase(file, { write: true, accept: o.accept }, async (call) => {
          // The size first (on stderr, so --json stays one object): a big case takes a while to copy.
          const compressed = /\.alibiz$/i.test(o.out);
          const est = await call('shareEstimate', { compressed, onlyEvidence: !!o.onlyEvidence });
          process.stderr.write(
            `estimated size: about ${(est.bytes / 1e6).toFixed(1)} MB for ${est.events.toLocaleString('en')} events` +
              `${compressed ? ' (compressed container)' : ' (plain case file; name it .alibiz for an e-mail-sized container)'}; writing ${oneLine(basename(o.out))}…\n`,
          );
          return call('shareCopy', { path: o.out, redact: !!o.redact, onlyEvidence: !!o.onlyEvidence, overwrite: !!o.force });
        });
        emit(o.json, { out: r.path, manifestPath: r.manifestPath, manifest: r.manifest }, (x) =>
          [
            `share copy: ${x.out}`,
            `manifest:   ${x.manifestPath}`,
            `SHA-256:    ${x.manifest.sha256}`,
            `size:       ${(x.manifest.size / 1e6).toFixed(1)} MB${/\.alibiz$/i.test(x.out) ? ' (compressed container; open it with Alibi or check it with `alibi open-check`)' : ''}`,
            `events:     ${x.manifest.counts.events}${x.manifest.counts.pruned ? ` (${x.manifest.counts.pruned.eventsDropped} not cited by a finding left out)` : ''}`,
            `chain head: ${x.manifest.copyAuditHead} (check the copy with: alibi verify ${oneLine(basename(x.out))} --expect-head ${x.manifest.copyAuditHead})`,
            ...x.manifest.removed.map((line) => `removed:    ${oneLine(line)}`),
          ].join('\n'),
        );
      }),
    );
}
