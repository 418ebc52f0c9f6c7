// Where the shipped sample case lives and how each of its files is imported. The list is the contract between
// scripts/generate-sample.mjs (which writes the files) and buildDemoCase (which imports them).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AlibiError } from '../errors';

export const SAMPLE_CASE_TITLE = 'Multi-CB alert — Sunday 23 Nov 2025';
export const SAMPLE_CASE_TZ = 'Europe/Paris';
export const SAMPLE_BREACH_NAME = 'Telecom operator leak (Aug 2025)';
export const SAMPLE_BREACH_DATE = '2025-08';

export interface SampleFile {
  file: string;
  /** Preset to force; undefined lets the importer detect the format (the access log). */
  preset?: string;
  breach?: boolean;
}

/** In import order: the shop's side, then the provider's, then the breach list. */
export const SAMPLE_FILES: readonly SampleFile[] = [
  { file: 'shop-access.log' },
  { file: 'shop-orders.csv', preset: 'shop-orders' },
  { file: 'provider-transactions.csv', preset: 'psp-transactions' },
  { file: 'provider-antifraud.csv', preset: 'antifraud-alerts' },
  { file: 'provider-api-calls.csv', preset: 'provider-api-log' },
  { file: 'breach-telecom-2025-08.csv', preset: 'breach-list', breach: true },
];

export const SAMPLE_INFRA_FILE = 'infra.json';

export interface SampleInfraEntry {
  cidr: string;
  role: string;
  label: string;
}

/**
 * The repository's resources/sample folder, found by walking up from `start` to the package.json of Alibi.
 * Works from src/core/sample (vitest, tsx), out/cli (the bundled CLI) and out/main (electron-vite).
 */
export function findSampleDir(start: string = moduleDir()): string {
  const tried: string[] = [];
  for (const origin of [start, process.cwd()]) {
    let dir = origin;
    for (;;) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && isAlibiPackage(pkg)) {
        const sample = join(dir, 'resources', 'sample');
        if (existsSync(join(sample, SAMPLE_FILES[0].file))) return sample;
        tried.push(sample);
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new AlibiError(
    `sample case files not found (looked above ${start}${tried.length ? `; checked ${tried.join(', ')}` : ''})`,
    'run from an Alibi checkout, or regenerate them with `node scripts/generate-sample.mjs`',
  );
}

/** This module's folder: __dirname in CommonJS bundles and under vitest; the working directory otherwise. */
function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

function isAlibiPackage(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: string }).name === 'alibi';
  } catch {
    return false;
  }
}

/** Reads and checks infra.json: a list of {cidr, role, label}. */
export function readSampleInfra(sampleDir: string): SampleInfraEntry[] {
  const path = join(sampleDir, SAMPLE_INFRA_FILE);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AlibiError(`${path}: not readable JSON (${(e as Error).message})`, 'regenerate it with `node scripts/generate-sample.mjs`');
  }
  if (!Array.isArray(data)) throw new AlibiError(`${path}: expected a JSON array of {cidr, role, label}`, 'regenerate it with `node scripts/generate-sample.mjs`');
  return data.map((e: unknown, i) => {
    const r = e as Partial<SampleInfraEntry>;
    if (typeof r?.cidr !== 'string' || typeof r.role !== 'string' || typeof r.label !== 'string') {
      throw new AlibiError(`${path}: entry ${i + 1} needs string cidr, role and label`, 'regenerate it with `node scripts/generate-sample.mjs`');
    }
    return { cidr: r.cidr, role: r.role, label: r.label };
  });
}
