import { cliLang } from '../lang';
import { setCaseLang } from '../../core/casefile/caseLang';
import type { Command } from 'commander';
import { createCase, openCase, readMeta } from '../../core/casefile/caseFile';
import { AlibiError } from '../../core/errors';
import { verifyCase, type VerifyReport } from '../../core/casefile/verify';
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
    .description('recompute the audit chain, each import\'s event digests, meta against the log, the source file hashes and SQLite integrity; exit 1 on any mismatch')
    .option('--expect-head <hash>', 'the audit chain head printed in the report or share manifest you hold: the file must contain it')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { expectHead?: string; json?: boolean }) => {
        if (o.expectHead !== undefined && !/^[0-9a-f]{64}$/i.test(o.expectHead.trim())) {
          throw new AlibiError(`--expect-head "${o.expectHead}" is not a chain head`, 'copy the 64-character hash printed as "audit chain head" in the report or manifest', 2);
        }
        const db = openCase(file, { readonly: true });
        const report = await verifyCase(db, { expectHead: o.expectHead });
        db.close();
        emit(o.json, report, (r) => verifyText(r));
        if (!report.ok) process.exitCode = 1;
      }),
    );
}

function verifyText(r: VerifyReport): string {
  const head = r.expectedHead;
  return [
    `integrity: ${oneLine(r.integrity)}`,
    `audit log: ${r.audit.rows} entries, chain ${r.audit.ok ? 'intact' : 'BROKEN'}, chain head ${oneLine(String(r.audit.lastHash))}`,
    `contents: ${r.contentsChecked} of ${r.sources.length} sources match the digests recorded in the log`,
    ...(head
      ? [head.found
          ? `expected head: found${head.entriesAfter.length ? `, followed by ${head.entriesAfter.length} later entries: ${head.entriesAfter.map((e) => `#${e.id} ${oneLine(e.action)}`).join(', ')}` : ' (it is the current head)'}`
          : 'expected head: NOT FOUND']
      : ['note: a file can be re-chained by anyone; compare the chain head with the one printed in the report or manifest (--expect-head)']),
    ...r.sources.map((s) => `source ${s.id} ${oneLine(s.file)}: ${s.status}${s.status === 'unreachable' ? ' (original file not found; hash not rechecked)' : ''}`),
    ...r.warnings.map((w) => `warning: ${oneLine(w)}`),
    ...r.problems.map((p) => `PROBLEM: ${oneLine(p)}`),
    r.ok ? 'verify: OK' : 'verify: FAILED',
  ].join('\n');
}
