// Builds the demo case from the shipped sample files: a new case file, every sample file imported with its
// preset, and the infrastructure register filled from infra.json. Built under a temporary name and renamed at
// the end, so a failed or cancelled build never leaves a half-filled sample.alibi behind.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCase } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { msg } from '../i18n/message';
import { addInfra } from '../enrich/infraRegister';
import { importFile } from '../import/importFile';
import type { ImportProgress, ImportResult } from '../types';
import {
  SAMPLE_BREACH_DATE, SAMPLE_BREACH_NAME, SAMPLE_CASE_TZ, SAMPLE_FILES, findSampleDir, readSampleInfra,
  type SampleInfraEntry,
} from './sampleFiles';

export const DEMO_CASE_FILE = 'sample.alibi';

export interface DemoProgress {
  /** 1-based position of the file being imported among `fileCount`. */
  fileIndex: number;
  fileCount: number;
  file: string;
  import?: ImportProgress;
}

export interface DemoOptions {
  onProgress?(p: DemoProgress): void;
  signal?: AbortSignal;
  /** Replace an existing <outDir>/sample.alibi. */
  force?: boolean;
  /** Where the sample files are (default: resources/sample of this checkout). */
  sampleDir?: string;
}

export interface DemoResult {
  casePath: string;
  results: ImportResult[];
  infra: SampleInfraEntry[];
}

export async function buildDemoCase(outDir: string, opts: DemoOptions = {}): Promise<DemoResult> {
  const sampleDir = opts.sampleDir ?? findSampleDir();
  const dir = resolve(outDir);
  const casePath = join(dir, DEMO_CASE_FILE);
  if (existsSync(casePath) && !opts.force) {
    throw new AlibiError(`${casePath} already exists`, { cli: 'open it, delete it, choose another --out, or pass --force to rebuild it', app: 'open it, or delete it to rebuild the sample case' }, 1, 'exists');
  }
  for (const f of SAMPLE_FILES) {
    if (!existsSync(join(sampleDir, f.file))) {
      throw new AlibiError(`sample file ${join(sampleDir, f.file)} is missing`, 'regenerate the sample with `node scripts/generate-sample.mjs`');
    }
  }
  const infra = readSampleInfra(sampleDir);
  mkdirSync(dir, { recursive: true });

  const partial = `${casePath}.partial`;
  removeCaseFiles(partial);
  const db = createCase(partial, { titleMsg: msg('case.title.sample'), tz: SAMPLE_CASE_TZ });
  const results: ImportResult[] = [];
  try {
    for (const [i, f] of SAMPLE_FILES.entries()) {
      const progress = { fileIndex: i + 1, fileCount: SAMPLE_FILES.length, file: f.file };
      opts.onProgress?.(progress);
      results.push(
        await importFile(db, join(sampleDir, f.file), {
          preset: f.preset,
          tz: SAMPLE_CASE_TZ,
          ...(f.breach ? { breachName: SAMPLE_BREACH_NAME, breachDate: SAMPLE_BREACH_DATE } : {}),
          signal: opts.signal,
          onProgress: opts.onProgress ? (p) => opts.onProgress!({ ...progress, import: p }) : undefined,
        }),
      );
    }
    for (const e of infra) addInfra(db, e.cidr, e.role, e.label);
    db.close();
  } catch (e) {
    db.close();
    removeCaseFiles(partial);
    throw e;
  }
  removeCaseFiles(casePath);
  renameSync(partial, casePath);
  return { casePath, results, infra };
}

/** A case file and the WAL/SHM files SQLite may leave beside it. */
function removeCaseFiles(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}
