// The import as the hosts see it: the wizard's preview and the column mappings saved in a case. Running
// imports (jobs with progress and cancel) is host plumbing: src/core/api/importJobs.ts.
import { z } from 'zod';
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { msg } from '../i18n';
import { CANONICAL_FIELDS, type CanonicalField } from '../types';
import { defineApi, type ApiContext } from '../apiContract';
import { PRESET_NAMES } from './presets';
import { previewImport } from './importPreview';
import { exportPresetFile, importPresetFile, parsePresetFile } from './presetFile';
import { savePreset as savePresetRow } from './sourceTransaction';

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
    throw AlibiError.of(msg('import.error.builtInPreset', { name }), msg('import.error.builtInPreset.hint'), 1, 'exists');
  }
  db.transaction(() => savePresetRow(db, name, basePreset, mapping))();
  return { name, basePreset, mapping, builtIn: false };
}

export const importApi = defineApi(
  {
    importPreview: z.object({ path, preset: z.string().max(128).optional(), mapping: mappingSchema.optional() }).strict(),
    presetList: z.object({}).strict(),
    presetSave: z.object({ name: z.string().min(1).max(64).regex(/^[\w.-]+$/), basePreset: z.string().max(128).nullable(), mapping: mappingSchema }).strict(),
    /** A saved preset as a small JSON file's content, to hand a client's layout to a colleague. */
    presetExport: z.object({ name: z.string().min(1).max(64) }).strict(),
    /** Saves a preset file's content into the case (checked first; an existing name needs `replace`). */
    presetImport: z.object({ text: z.string().max(65536), as: z.string().min(1).max(64).regex(/^[\w.-]+$/).optional(), replace: z.boolean().optional() }).strict(),
  },
  (ctx: ApiContext) => ({
    importPreview: ({ path, preset, mapping }: { path: string; preset?: string; mapping?: Partial<Record<CanonicalField, string>> }) => {
      let db: Db | null = null;
      try {
        db = ctx.db();
      } catch {
        db = null; // no case open: built-in presets only, zoneless dates in UTC
      }
      const saved = db ? listPresets(db).filter((p) => !p.builtIn).map((p) => p.name) : [];
      return previewImport(db, path, { preset, mapping, savedPresetNames: saved });
    },
    presetList: () => listPresets(ctx.db()),
    presetSave: ({ name, basePreset, mapping }: { name: string; basePreset: string | null; mapping: Partial<Record<CanonicalField, string>> }) =>
      savePreset(ctx.writableDb(), name, basePreset, mapping),
    presetExport: ({ name }: { name: string }) => exportPresetFile(ctx.db(), name),
    presetImport: ({ text, as, replace }: { text: string; as?: string; replace?: boolean }): PresetRow => {
      const saved = importPresetFile(ctx.writableDb(), parsePresetFile(text), { as, replace });
      return { ...saved, mapping: saved.mapping as Partial<Record<CanonicalField, string>>, builtIn: false };
    },
  }),
);
