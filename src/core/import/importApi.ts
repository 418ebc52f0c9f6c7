// The import as the hosts see it: the wizard's preview and the column mappings saved in a case. Running
// imports (jobs with progress and cancel) is host plumbing: src/core/api/importJobs.ts.
import { z } from 'zod';
import type { Db } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { AlibiError } from '../errors';
import { CANONICAL_FIELDS, type CanonicalField } from '../types';
import { defineApi, type ApiContext } from '../apiContract';
import { PRESET_NAMES } from './presets';
import { previewFile } from './importPreview';

export interface PresetRow {
  name: string;
  basePreset: string | null;
  mapping: Partial<Record<CanonicalField, string>>;
  builtIn: boolean;
}

export const path = z.string().min(1).max(4096);
export const mappingSchema = z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().max(256));

/** Built-in presets, then the mappings saved in the case. */
export function listPresets(db: Db): PresetRow[] {
  const saved = db.prepare('SELECT name, base_preset, mapping_json FROM presets ORDER BY name').all() as {
    name: string; base_preset: string | null; mapping_json: string;
  }[];
  return [
    ...PRESET_NAMES.map((name) => ({ name, basePreset: null, mapping: {}, builtIn: true })),
    ...saved.map((s) => ({ name: s.name, basePreset: s.base_preset, mapping: JSON.parse(s.mapping_json) as Partial<Record<CanonicalField, string>>, builtIn: false })),
  ];
}

export function savePreset(db: Db, name: string, basePreset: string | null, mapping: Partial<Record<CanonicalField, string>>): PresetRow {
  if (PRESET_NAMES.includes(name)) {
    throw new AlibiError(`"${name}" is a built-in preset`, 'choose another name for your mapping', 1, 'exists');
  }
  db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO presets(name, base_preset, mapping_json, created_at) VALUES (?, ?, ?, ?)').run(
      name, basePreset, JSON.stringify(mapping), new Date().toISOString(),
    );
    appendAudit(db, { action: 'preset.save', target: name, details: { basePreset, mapping } });
  })();
  return { name, basePreset, mapping, builtIn: false };
}

export const importApi = defineApi(
  {
    importPreview: z.object({ path, preset: z.string().max(128).optional(), mapping: mappingSchema.optional() }).strict(),
    presetList: z.object({}).strict(),
    presetSave: z.object({ name: z.string().min(1).max(64).regex(/^[\w.-]+$/), basePreset: z.string().max(128).nullable(), mapping: mappingSchema }).strict(),
  },
  (ctx: ApiContext) => ({
    importPreview: ({ path, preset, mapping }: { path: string; preset?: string; mapping?: Partial<Record<CanonicalField, string>> }) => {
      let saved: PresetRow[] = [];
      try {
        saved = listPresets(ctx.db()).filter((p) => !p.builtIn);
      } catch {
        saved = []; // no case open: built-in presets only
      }
      return previewFile(path, { preset, mapping, saved });
    },
    presetList: () => listPresets(ctx.db()),
    presetSave: ({ name, basePreset, mapping }: { name: string; basePreset: string | null; mapping: Partial<Record<CanonicalField, string>> }) =>
      savePreset(ctx.writableDb(), name, basePreset, mapping),
  }),
);
