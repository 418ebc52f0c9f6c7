import type { Command } from 'commander';
import { extname } from 'node:path';
import { openCase } from '../../core/casefile/caseFile';
import { appendAudit } from '../../core/casefile/audit';
import { sha256File } from '../../core/casefile/verify';
import { analyzeCase } from '../../core/analysis/analyze';
import { blockImpact } from '../../core/analysis/blockImpact';
import { AlibiError } from '../../core/errors';
import { renderReportHtml } from '../../core/report/report';
import { renderReportPdf } from '../../core/report/pdf';
import { exportEventsCsv, exportFindingsCsv, exportIpRolesCsv } from '../../core/export/csvExport';
import { exportTimesketchCsv, exportTimesketchJsonl } from '../../core/export/timesketch';
import type { CsvOptions } from '../../core/export/csvCell';
import { shareCase } from '../../core/share/shareCase';
import { checkCaseFile } from '../../core/share/openUntrusted';
import { checkShareContainer, isShareContainer } from '../../core/share/shareContainer';
import { writeFileSync, existsSync, statSync } from 'node:fs';
import { action, emit, oneLine } from '../output';
import { cliLang, explicitLang } from '../lang';
import { getCaseLang } from '../../core/casefile/caseLang';
import { csvOptionsFor, type CsvSeparator } from '../../core/export/csvLocale';

const FORMATS = ['csv', 'timesketch-csv', 'timesketch-jsonl'] as const;
type Format = (typeof FORMATS)[number];

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
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { out: string; consultant?: string; client?: string; pseudonymise: boolean; lang?: string; force?: boolean; json?: boolean }) => {
        const ext = extname(o.out).toLowerCase();
        if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf') {
          throw new AlibiError(`--out ${o.out}: unknown report type "${ext}"`, 'end the file name with .html or .pdf', 2);
        }
        if (existsSync(o.out) && !o.force) throw new AlibiError(`${o.out} already exists`, 'choose another --out or pass --force');
        const explicit = explicitLang(o.lang);
        const db = openCase(file);
        try {
          const lang = explicit ?? getCaseLang(db) ?? cliLang(undefined);
          const opts = { consultant: o.consultant, client: o.client, pseudonymise: o.pseudonymise, lang };
          if (ext === '.pdf') await renderReportPdf(db, o.out, opts);
          else writeFileSync(o.out, await renderReportHtml(db, opts));
          const sha256 = await sha256File(o.out);
          appendAudit(db, { action: 'report.export', target: o.out, details: { sha256, pseudonymise: o.pseudonymise, lang } });
          emit(o.json, { out: o.out, sha256, lang }, (r) => `report written: ${r.out} (SHA-256 ${r.sha256})`);
        } finally {
          db.close();
        }
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
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, what: string, o: {
        out: string; format?: string; sep?: string; lang?: string; from?: string; to?: string; ip?: string; kind?: string; limit?: number; json?: boolean;
      }) => {
        if (!['events', 'findings', 'ips'].includes(what)) throw new AlibiError(`cannot export "${what}"`, 'use events, findings or ips', 2);
        const format = (o.format ?? (extname(o.out).toLowerCase() === '.jsonl' ? 'timesketch-jsonl' : 'csv')) as Format;
        if (!FORMATS.includes(format)) throw new AlibiError(`unknown --format "${o.format}"`, `use one of: ${FORMATS.join(', ')}`, 2);
        if (format !== 'csv' && what !== 'events') throw new AlibiError(`${format} is a timeline format: it exports events only`, 'use --format csv for findings and ips', 2);
        if (o.sep !== undefined && o.sep !== ',' && o.sep !== ';') throw new AlibiError(`--sep "${o.sep}" is not supported`, "use ',' or ';'", 2);
        if (o.limit !== undefined && !(o.limit >= 0)) throw new AlibiError('--limit must be a number', 'e.g. --limit 1000', 2);
        const explicit = explicitLang(o.lang);
        const filter = { from: o.from, to: o.to, ip: o.ip, kind: o.kind, limit: o.limit };
        const db = openCase(file, { readonly: true });
        try {
          const csv: CsvOptions = csvOptionsFor(explicit ?? getCaseLang(db) ?? cliLang(undefined), o.sep as CsvSeparator | undefined);
          let r;
          if (what === 'events') {
            r =
              format === 'timesketch-jsonl' ? await exportTimesketchJsonl(db, o.out, filter)
              : format === 'timesketch-csv' ? await exportTimesketchCsv(db, o.out, filter, csv)
              : await exportEventsCsv(db, o.out, filter, csv);
          } else {
            const analysis = analyzeCase(db);
            r =
              what === 'findings'
                ? await exportFindingsCsv(analysis.findings, o.out, csv)
                : await exportIpRolesCsv(analysis.ips, o.out, { ...csv, impact: (ip) => blockImpact(db, ip) });
          }
          emit(o.json, { ...r, what, format, separator: csv.separator }, (x) => `${x.rows} ${what} written to ${x.out} (${x.format}, separator ${x.separator})`);
        } finally {
          db.close();
        }
      }),
    );

  program
    .command('share <case>')
    .description('write a consistent copy of the case to give to someone, with a manifest (SHA-256) beside it; optionally redacted')
    .requiredOption('--out <file>', 'the copy: copy.alibiz = compressed container for e-mail (its SHA-256 in <file>.sha256), copy.alibi = plain case file; the manifest is <file>.manifest.json')
    .option('--redact', 'pseudonymise people no finding is about, mask their cards, drop their raw lines')
    .option('--only-evidence', 'keep only the events the findings cite (plus sources, notes, audit)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { out: string; redact?: boolean; onlyEvidence?: boolean; json?: boolean }) => {
        const db = openCase(file);
        try {
          let evidence;
          if (o.redact || o.onlyEvidence) {
            const findings = analyzeCase(db).findings;
            evidence = { eventIds: findings.flatMap((f) => f.evidenceEventIds), subjects: findings.map((f) => f.subject) };
          }
          const r = await shareCase(db, { out: o.out, redact: o.redact, onlyEvidence: o.onlyEvidence, evidence });
          emit(o.json, r, (x) =>
            [
              `share copy: ${x.out}`,
              `manifest:   ${x.manifestPath}`,
              `SHA-256:    ${x.manifest.sha256}`,
              `size:       ${(x.manifest.size / 1e6).toFixed(1)} MB${/\.alibiz$/i.test(x.out) ? ' (compressed container; open it with Alibi or check it with `alibi open-check`)' : ''}`,
              `events:     ${x.manifest.counts.events}${x.manifest.counts.pruned ? ` (${x.manifest.counts.pruned.eventsDropped} not cited by a finding left out)` : ''}`,
              ...(x.manifest.counts.redaction
                ? [`redacted:   ${x.manifest.counts.redaction.bystanderEvents} events of people not linked to a finding (pseudonymised, cards masked, raw lines dropped)`]
                : []),
            ].join('\n'),
          );
        } finally {
          db.close();
        }
      }),
    );

  program
    .command('open-check <case>')
    .description('check a case file received from someone else before opening it (schema, triggers, views, integrity, sizes); exit 1 if refused')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { json?: boolean }) => {
        const r = existsSync(file) && statSync(file).isFile() && isShareContainer(file) ? await checkShareContainer(file) : checkCaseFile(file);
        emit(o.json, r, (x) =>
          x.ok
            ? `${file}: OK — an Alibi case (schema version ${x.schemaVersion}), safe to open`
            : [`${file}: REFUSED`, ...x.problems.map((p) => `  - ${oneLine(p)}`), `  what to do: ${x.hint}`].join('\n'),
        );
        if (!r.ok) process.exitCode = 1;
      }),
    );
}
