// zod schemas of every API call's arguments: the IPC and the test bridge validate each message against these
// before any handler runs. One schema per method, keyed by method name.
import { z } from 'zod';
import { CANONICAL_FIELDS } from '../types';

const path = z.string().min(1).max(4096);
const tz = z.string().min(1).max(64);
const ip = z.string().min(2).max(64);
const none = z.object({}).strict();
const mapping = z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().max(256));

export const NOTE_TARGETS = ['case', 'event', 'ip'] as const;
export const VERDICTS = ['open', 'legitimate', 'policy-breach', 'fraud', 'undetermined'] as const;
export const IP_ROLES = ['customer', 'provider', 'own', 'shared', 'crawler', 'attacker', 'unknown'] as const;

export const importFileSpec = z
  .object({
    path,
    preset: z.string().max(128).optional(),
    mapping: mapping.optional(),
    tz: tz.optional(),
    force: z.boolean().optional(),
  })
  .strict();

export const schemas = {
  // case
  caseCurrent: none,
  caseOpen: z.object({ path }).strict(),
  caseCreate: z.object({ path, title: z.string().max(200).optional(), tz: tz.optional() }).strict(),
  caseOpenSample: none,
  caseClose: none,
  caseSummary: none,
  caseRecent: none,
  caseSetVerdict: z.object({ verdict: z.enum(VERDICTS), reason: z.string().max(4000) }).strict(),
  caseVerify: none,
  sourceRejects: z
    .object({ sourceId: z.number().int().positive(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) })
    .strict(),
  auditList: z.object({ limit: z.number().int().min(1).max(10000).default(500) }).strict(),
  // events, notes, tags
  eventTag: z.object({ id: z.number().int().positive(), tag: z.string().min(1).max(64) }).strict(),
  eventUntag: z.object({ id: z.number().int().positive(), tag: z.string().min(1).max(64) }).strict(),
  notesList: z.object({ targetKind: z.enum(NOTE_TARGETS).optional(), targetId: z.string().max(256).optional() }).strict(),
  noteAdd: z.object({ targetKind: z.enum(NOTE_TARGETS), targetId: z.string().max(256), text: z.string().min(1).max(20000) }).strict(),
  // import
  importPreview: z.object({ path, preset: z.string().max(128).optional(), mapping: mapping.optional() }).strict(),
  importStart: z.object({ files: z.array(importFileSpec).min(1).max(100) }).strict(),
  importCancel: z.object({ jobId: z.string().min(1).max(64) }).strict(),
  importStatus: z.object({ jobId: z.string().min(1).max(64) }).strict(),
  presetList: none,
  presetSave: z.object({ name: z.string().min(1).max(64).regex(/^[\w.-]+$/), basePreset: z.string().max(128).nullable(), mapping }).strict(),
  // analysis
  ipList: none,
  ipDetail: z.object({ ip }).strict(),
  ipSetRole: z.object({ ip, role: z.enum(IP_ROLES), reason: z.string().min(3).max(4000) }).strict(),
  findingsList: none,
  breachExposure: none,
  ipDataInfo: none,
  // report & share
  reportExport: z.object({ path, format: z.enum(['html', 'pdf']).default('html'), lang: z.enum(['en', 'fr']).optional() }).strict(),
  shareCopy: z.object({ path, redact: z.boolean().default(true) }).strict(),
  csvExport: z
    .object({
      path,
      table: z.enum(['events', 'findings', 'ips']),
      /** Default: from the language (`;` and decimal commas for French). */
      separator: z.enum([',', ';']).optional(),
      /** Default: the case's language. */
      lang: z.enum(['en', 'fr']).optional(),
      filter: z
        .object({ from: z.union([z.string().max(64), z.number().finite()]).optional(), to: z.union([z.string().max(64), z.number().finite()]).optional(), ip: ip.optional(), kind: z.string().max(64).optional(), sourceId: z.number().int().positive().optional() })
        .strict()
        .optional(),
    })
    .strict(),
} as const;

export type OwnMethod = keyof typeof schemas;
export type ArgsOf<M extends OwnMethod> = z.input<(typeof schemas)[M]>;
