// Saved column mappings: list them, write one to a small file, read one from a file (a colleague's layout).
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { openCase } from '../../core/casefile/caseFile';
import { AlibiError } from '../../core/errors';
import { exportPresetFile, importPresetFile, parsePresetFile } from '../../core/import/presetFile';
import { PRESET_NAMES } from '../../core/import/presets';
import { action, emit, table } from '../output';

export function registerPresetCommands(program: Command): void {
  const preset = program.command('preset').description('saved column mappings: list, export to a file, import from a file');

  preset
    .command('list <case>')
    .description('built-in presets and the mappings saved in the case')
    .option('--json', 'print JSON')
    .action(
      action((casePath: string, o: { json?: boolean }) => {
        const db = openCase(casePath, { readonly: true });
        const saved = db.prepare('SELECT name, base_preset, mapping_json FROM presets ORDER BY name').all() as {
          name: string; base_preset: string | null; mapping_json: string;
        }[];
        db.close();
        const rows = [
          ...PRESET_NAMES.map((name) => ({ name, built_in: true, base_preset: null, mapping: {} })),
          ...saved.map((s) => ({ name: s.name, built_in: false, base_preset: s.base_preset, mapping: JSON.parse(s.mapping_json) as Record<string, string> })),
        ];
        emit(o.json, rows, (r) => table(r.map((x) => ({ ...x, mapping: JSON.stringify(x.mapping) })), ['name', 'built_in', 'base_preset', 'mapping']));
      }),
    );

  preset
    .command('export <case> <name>')
    .description('write a saved mapping to a small JSON file (stdout without --out)')
    .option('--out <file>', 'the file to write')
    .option('--force', 'replace --out if it exists')
    .action(
      action((casePath: string, name: string, o: { out?: string; force?: boolean }) => {
        const db = openCase(casePath, { readonly: true });
        let text: string;
        try {
          text = JSON.stringify(exportPresetFile(db, name), null, 2) + '\n';
        } finally {
          db.close();
        }
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
    .option('--json', 'print JSON')
    .action(
      action((casePath: string, file: string, o: { as?: string; force?: boolean; json?: boolean }) => {
        let text: string;
        try {
          const st = statSync(file);
          if (!st.isFile()) throw new Error('not a regular file');
          if (st.size > 64 * 1024) throw new Error(`${st.size} bytes, a preset file is a few hundred`);
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw new AlibiError(`${file}: cannot read (${(e as Error).message})`, 'give the path of a preset file written by `alibi preset export`');
        }
        const parsed = parsePresetFile(text, file);
        const db = openCase(casePath);
        try {
          const saved = importPresetFile(db, parsed, { as: o.as, replace: o.force });
          emit(o.json, saved, (s) => `preset "${s.name}" saved in the case (${Object.keys(s.mapping).length} fields mapped)`);
        } finally {
          db.close();
        }
      }),
    );
}
