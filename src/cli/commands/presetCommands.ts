// CLI for saved column mappings: list them, write one to a small file, read one from a file (a colleague's
// layout) — through the API (presetList, presetExport, presetImport); this file only reads and writes the file.
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { AlibiError } from '../../core/errors';
import { withCase } from '../client';
import { action, emit, table } from '../output';

const MAX_PRESET_FILE_BYTES = 64 * 1024;

export function registerPresetCommands(program: Command): void {
  const preset = program.command('preset').description('saved column mappings: list, export to a file, import from a file');

  preset
    .command('list <case>')
    .description('built-in presets and the mappings saved in the case')
    .option('--json', 'print JSON')
    .action(
      action(async (casePath: string, o: { json?: boolean }) => {
        const rows = await withCase(casePath, {}, (call) => call('presetList', {}));
        emit(o.json, rows, (r) => table(r.map((x) => ({ ...x, mapping: JSON.stringify(x.mapping) })), ['name', 'builtIn', 'basePreset', 'mapping']));
      }),
    );

  preset
    .command('export <case> <name>')
    .description('write a saved mapping to a small JSON file (stdout without --out)')
    .option('--out <file>', 'the file to write')
    .option('--force', 'replace --out if it exists')
    .action(
      action(async (casePath: string, name: string, o: { out?: string; force?: boolean }) => {
        const file = await withCase(casePath, {}, (call) => call('presetExport', { name }));
        const text = JSON.stringify(file, null, 2) + '\n';
        if (!o.out) return void process.stdout.write(text);
        if (existsSync(o.out) && !o.force) throw new AlibiError(`${o.out} already exists`, 'choose another file, or replace it with --force', 2);
        writeFileSync(o.out, text);
        process.stdout.write(`preset "${name}" written to ${o.out}\n`);
      }),
    );

  preset
    .command('import <case> <file>')
    .description('save a preset file into the case (checked first; audited)')
    .option('--as <name>', 'save it under this name instead of its own')
    .option('--force', 'replace a saved preset of the same name')
    .option('--accept', 'this case was received from someone else: accept it as yours so it may be changed (recorded in its audit log)')
    .option('--json', 'print JSON')
    .action(
      action(async (casePath: string, file: string, o: { as?: string; force?: boolean; accept?: boolean; json?: boolean }) => {
        let text: string;
        try {
          const st = statSync(file);
          if (!st.isFile()) throw new Error('not a regular file');
          if (st.size > MAX_PRESET_FILE_BYTES) throw new Error(`${st.size} bytes, a preset file is a few hundred`);
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw new AlibiError(`${file}: cannot read (${(e as Error).message})`, 'give the path of a preset file written by `alibi preset export`');
        }
        const saved = await withCase(casePath, { write: true, accept: o.accept }, (call) => call('presetImport', { text, as: o.as, replace: o.force }));
        emit(o.json, saved, (s) => `preset "${s.name}" saved in the case (${Object.keys(s.mapping).length} fields mapped)`);
      }),
    );
}
