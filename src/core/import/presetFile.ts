// A saved column mapping as a small file a consultant hands to a colleague ("the client's layout"). The file is
// untrusted input: checked against a strict schema (known fields, short names and column texts, bounded size)
// before anything is written, and saving it into a case is audited like any other preset save.
import { z } from 'zod';
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { CANONICAL_FIELDS } from '../types';
import { HELPER_FIELDS, PRESET_NAMES, type ColumnMapping } from './presets';
import { savePreset } from './sourceTransaction';

export const PRESET_FILE_VERSION = 1;
const MAX_PRESET_FILE_BYTES = 64 * 1024;
const PRESET_NAME = /^[\w.-]{1,64}$/;

const fieldName = z.enum([...CANONICAL_FIELDS, ...HELPER_FIELDS] as [string, ...string[]]);
const presetFileSchema = z
  .object({
    alibi_preset: z.literal(PRESET_FILE_VERSION),
    name: z.string().regex(PRESET_NAME),
    base_preset: z.string().max(128).nullable(),
    mapping: z.partialRecord(fieldName, z.string().min(1).max(256)),
    exported_at: z.string().max(40).optional(),
  })
  .strict();

export type PresetFile = z.infer<typeof presetFileSchema>;

/** The file for a preset saved in the case. */
export function exportPresetFile(db: Db, name: string): PresetFile {
  const row = db.prepare('SELECT name, base_preset, mapping_json FROM presets WHERE name = ?').get(name) as
    | { name: string; base_preset: string | null; mapping_json: string }
    | undefined;
  if (!row) {
    const hint = PRESET_NAMES.includes(name) ? `"${name}" is built in: every copy of Alibi has it` : 'list the saved presets with `alibi preset list`';
    throw new AlibiError(`no preset named "${name}" is saved in this case`, hint);
  }
  return {
    alibi_preset: PRESET_FILE_VERSION, name: row.name, base_preset: row.base_preset, mapping: JSON.parse(row.mapping_json) as Record<string, string>,
    exported_at: new Date().toISOString(),
  };
}

/** Reads and checks a preset file's text; says what is wrong and where. */
export function parsePresetFile(text: string, from = 'preset file'): PresetFile {
  if (text.length > MAX_PRESET_FILE_BYTES) throw new AlibiError(`${from} is ${text.length} characters: too large for a preset`, 'a preset file is a few hundred bytes of JSON');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AlibiError(`${from} is not JSON (${(e as Error).message})`, 'export the preset again with `alibi preset export`');
  }
  const r = presetFileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AlibiError(
      `${from}: ${issue.path.join('.') || 'file'}: ${issue.message}`,
      `a preset file is {"alibi_preset": 1, "name": …, "base_preset": …, "mapping": {field: column}}; fields: ${CANONICAL_FIELDS.join(', ')}`,
    );
  }
  return r.data;
}

/** Saves a preset file into the case (as `as`, else its own name); refuses to replace one unless `replace`. */
export function importPresetFile(db: Db, file: PresetFile, opts: { as?: string; replace?: boolean } = {}): { name: string; basePreset: string | null; mapping: ColumnMapping } {
  const name = opts.as ?? file.name;
  if (!PRESET_NAME.test(name)) throw new AlibiError(`"${name}" is not a preset name`, 'use letters, digits, ".", "-" and "_" (64 at most)', 2);
  if (PRESET_NAMES.includes(name)) throw new AlibiError(`"${name}" is a built-in preset name`, 'import it under another name (--as)', 2);
  if (file.base_preset !== null && !PRESET_NAMES.includes(file.base_preset)) {
    throw new AlibiError(`the preset builds on "${file.base_preset}", which this version of Alibi does not have`, `built-in presets: ${PRESET_NAMES.join(', ')}`);
  }
  const exists = db.prepare('SELECT 1 FROM presets WHERE name = ?').get(name) !== undefined;
  if (exists && !opts.replace) throw new AlibiError(`a preset named "${name}" is already saved in this case`, 'import it under another name (--as), or replace it (--force)');
  const mapping = file.mapping as ColumnMapping;
  db.transaction(() => savePreset(db, name, file.base_preset, mapping))();
  return { name, basePreset: file.base_preset, mapping };
}
