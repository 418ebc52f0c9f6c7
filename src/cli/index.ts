import { Command, CommanderError } from 'commander';
import { registerCaseCommands } from './commands/caseCommands';
import { registerImportCommands } from './commands/importCommands';
import { registerPresetCommands } from './commands/presetCommands';
import { registerAnalysisCommands } from './commands/analysisCommands';
import { registerReportCommands } from './commands/reportCommands';
import { fail } from './output';

// Each domain registers its own commands; this file only assembles them.
const program = new Command();
program
  .name('alibi')
  .description('Alibi — offline forensic workbench for e-commerce fraud alerts (headless engine)')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerCaseCommands(program);
registerImportCommands(program);
registerPresetCommands(program);
registerAnalysisCommands(program);
registerReportCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    // --help and --version exit 0; every other commander error is a usage error.
    process.exit(e.exitCode === 0 ? 0 : 2);
  }
  fail(e);
});
