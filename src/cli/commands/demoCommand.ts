import type { Command } from 'commander';
import { buildDemoCase, type DemoProgress } from '../../core/sample/demoCase';
import { action, emit, table } from '../output';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('build the sample case (the Multi-CB alert of Sunday 23 Nov 2025) as <dir>/sample.alibi')
    .requiredOption('--out <dir>', 'folder to write sample.alibi into (created if missing)')
    .option('--force', 'replace an existing <dir>/sample.alibi')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { out: string; force?: boolean; json?: boolean }) => {
        // Progress goes to stderr (a TTY only), so stdout stays clean for --json.
        const onProgress = process.stderr.isTTY && !o.json
          ? (p: DemoProgress) => {
              if (!p.import) process.stderr.write(`importing ${p.fileIndex}/${p.fileCount} ${p.file}\n`);
            }
          : undefined;
        const r = await buildDemoCase(o.out, { force: o.force, onProgress });
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
