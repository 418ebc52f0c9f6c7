// The sample case for report tests: B's buildDemoCase, or — while the breach-list import is not yet wired
// into importFile — the same steps done here (same files, presets, breach name/date and infra register).
import { join } from 'node:path';
import { buildDemoCase } from '../../src/core/sample/demoCase';
import { createCase } from '../../src/core/casefile/caseFile';
import { importFile } from '../../src/core/import/importFile';
import { importBreachFile } from '../../src/core/import/importBreach';
import { addInfra } from '../../src/core/enrich/infraRegister';
import {
  SAMPLE_BREACH_DATE, SAMPLE_BREACH_NAME, SAMPLE_CASE_TITLE, SAMPLE_CASE_TZ, SAMPLE_FILES, findSampleDir, readSampleInfra,
} from '../../src/core/sample/sampleFiles';

export async function buildSampleCase(dir: string): Promise<{ casePath: string; sampleDir: string }> {
  const sampleDir = findSampleDir();
  try {
    return { casePath: (await buildDemoCase(dir)).casePath, sampleDir };
  } catch (e) {
    if (!/breach-list import is not available/.test((e as Error).message)) throw e;
  }
  const casePath = join(dir, 'sample-fallback.alibi');
  const db = createCase(casePath, { title: SAMPLE_CASE_TITLE, tz: SAMPLE_CASE_TZ });
  for (const f of SAMPLE_FILES) {
    const path = join(sampleDir, f.file);
    if (f.breach) await importBreachFile(db, path, { breachName: SAMPLE_BREACH_NAME, breachDate: SAMPLE_BREACH_DATE, tz: SAMPLE_CASE_TZ });
    else await importFile(db, path, { preset: f.preset, tz: SAMPLE_CASE_TZ });
  }
  for (const e of readSampleInfra(sampleDir)) addInfra(db, e.cidr, e.role, e.label);
  db.close();
  return { casePath, sampleDir };
}
