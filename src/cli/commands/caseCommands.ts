// CLI for the case itself: new, verify, open-check, demo.
import type { Command } from 'commander';
import { cliLang } from '../lang';
import { withCase, withoutCase } from '../client';
import { action, emit, oneLine, table } from '../output';
import { usageTz } from './importCommands';
import { AlibiError } from '../../core/errors';
import type { VerifyReport } from '../../core/casefile/verify';

export function registerCaseCommands(program: Command): void {
  program
    .command('new <case>')
    .description('create a new, empty case file')
    .option('--title <title>', 'case title')
    .option('--tz <zone>', 'default time zone for sources whose dates carry no offset (IANA name)', 'UTC')
    .option('--lang <lang>', "the case's language for its report and exports, en or fr (default: the environment's locale)")
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { title?: string; tz: string; lang?: string; json?: boolean }) => {
        usageTz(o.tz);
        const lang = cliLang(o.lang);
        const info = await withoutCase((call) => call('caseCreate', { path: file, title: o.title, tz: o.tz, lang, exact: true }));
        emit(o.json, { file, ...info }, (m) => `created ${m.file}: "${oneLine(m.title)}" (case ${m.caseId}, time zone ${m.tz})`);
      }),
    );

  program
    .command('verify <case>')
    .description("recompute the audit chain, each import's event digests, meta against the log, the source file hashes and SQLite integrity; exit 1 on any mismatch")
    .option('--expect-head <hash>', 'the audit chain head printed in the report or share manifest you hold: the file must contain it')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { expectHead?: string; json?: boolean }) => {
        if (o.expectHead !== undefined && !/^[0-9a-f]{64}$/i.test(o.expectHead.trim())) {
          throw new AlibiError(`--expect-head "${o.expectHead}" is not a chain head`, 'copy the 64-character hash printed as "audit chain head" in the report or manifest', 2);
        }
        const report = await withCase(file, {}, (call) => call('caseVerify', o.expectHead ? { expectHead: o.expectHead.trim() } : {}));
        emit(o.json, report, (r) => verifyText(r));
        if (!report.ok) process.exitCode = 1;
      }),
    );

  program
    .command('open-check <case>')
    .description('check a case file received from someone else before opening it (schema, triggers, views, integrity, sizes); exit 1 if refused')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { json?: boolean }) => {
        const r = await withoutCase((call) => call('caseCheck', { path: file }));
        emit(o.json, r, (x) =>
          x.ok
            ? `${oneLine(file)}: OK — an Alibi case (schema version ${x.schemaVersion}), safe to open`
            : [`${oneLine(file)}: REFUSED`, ...x.problems.map((p) => `  - ${oneLine(p)}`), `  what to do: ${x.hint}`].join('\n'),
        );
        if (!r.ok) process.exitCode = 1;
      }),
    );

  program
    .command('demo')
    .description('build the sample case (the Multi-CB alert of Sunday 23 Nov 2025) as <dir>/sample.alibi')
    .requiredOption('--out <dir>', 'folder to write sample.alibi into (created if missing)')
    .option('--force', 'replace an existing <dir>/sample.alibi')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { out: string; force?: boolean; json?: boolean }) => {
        const r = await withoutCase((call) => call('sampleBuild', { dir: o.out, force: !!o.force }));
        emit(o.json, r, (v) =>
          [
            `built ${v.casePath}`,
            table(
              v.results.map((x) => ({ file: x.file.split(/[\\/]/).pop(), preset: x.preset ?? x.format, accepted: x.accepted, rejected: x.rejected, first: x.first, last: x.last })),
              ['file', 'preset', 'accepted', 'rejected', 'first', 'last'],
            ),
            `infrastructure register: ${v.infra.map((e) => `${e.cidr} (${e.role})`).join(', ')}`,
            `next: alibi verify ${v.casePath}`,
          ].join('\n'),
        );
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
      : ['note: anyone can re-chain a file; compare the chain head with the one printed in the report or manifest (--expect-head)']),
    ...r.sources.map((s) => `source ${s.id} ${oneLine(s.file)}: ${s.status}${s.status === 'unreachable' ? ' (original file not found; hash not rechecked)' : ''}`),
    ...r.warnings.map((w) => `warning: ${oneLine(w)}`),
    ...r.problems.map((p) => `PROBLEM: ${oneLine(p)}`),
    r.ok ? 'verify: OK' : 'verify: FAILED',
  ].join('\n');
}
