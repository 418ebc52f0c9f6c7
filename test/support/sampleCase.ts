// The bundled sample case (resources/sample), built by the real importers exactly as `alibi demo` builds it.
import { buildDemoCase } from '../../src/core/sample/demoCase';
import { findSampleDir } from '../../src/core/sample/sampleFiles';
import { tmpDir } from './newCase';

/** Builds the sample case into `dir` (default: a temporary folder removed when the test file ends). */
export async function buildSampleCase(dir = tmpDir('alibi-sample-')): Promise<{ casePath: string; sampleDir: string }> {
  return { casePath: (await buildDemoCase(dir)).casePath, sampleDir: findSampleDir() };
}
