import { cliLang } from '../lang';
import { setCaseLang } from '../../core/casefile/caseLang';
import type { Command } from 'commander';
import { createCase, openCase, readMeta } from '../../core/casefile/caseFile';
import { verifyCase } from '../../core/casefile/verify';
import { action, emit, oneLine } from '../output';
import { usageTz } from './importCommands';

export function registerCaseCommands(program: Command): void {
  program
    .command('new <case>')
    .description('create a new, empty case file')
    .option('--title <title>', 'case title')
    .option('--tz <zone>', 'default time zone for sources whose dates carry no offset (IANA name)', 'UTC')
    .option('--lang <lang>', "the case's language for its report and exports, en or fr (default: the environment's locale)")
    .option('--json', 'print JSON')
    .action(
      action((file: string, o: { title?: string; tz: string; lang?: string; json?: boolean }) => {
        usageTz(o.tz);
        const lang = cliLang(o.lang);
        const db = createCase(file, { title: o.title, tz: o.tz });
        setCaseLang(db, lang);
        const meta = readMeta(db);
        db.close();
        emit(o.json, { file, ...meta }, (m) => `created ${m.file}: "${m.title}" (case ${m.caseId}, time zone ${m.tz})`);
      }),
    );

  program
    .command('verify <case>')
    .description('recompute the audit chain, the source file hashes and SQLite integrity; exit 1 on any mismatch')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { json?: boolean }) => {
        const db = openCase(file, { readonly: true });
        const report = await verifyCase(db);
        db.close();
        emit(o.json, report, (r) =>
          [
            `integrity: ${oneLine(r.integrity)}`,
            `audit log: ${r.audit.rows} entries, chain ${r.audit.ok ? 'intact' : 'BROKEN'}, last hash ${oneLine(String(r.audit.lastHash))}`,
            ...r.sources.map((s) => `source ${s.id} ${oneLine(s.file)}: ${s.status}${s.status === 'unreachable' ? ' (original file not found; hash not rechecked)' : ''}`),
            ...r.problems.map((p) => `PROBLEM: ${oneLine(p)}`),
            r.ok ? 'verify: OK' : 'verify: FAILED',
          ].join('\n'),
        );
        if (!report.ok) process.exitCode = 1;
      }),
    );
}
