import { it } from 'vitest';
import { createCase } from '../../src/core/casefile/caseFile';
import { importFile } from '../../src/core/import/importFile';
it('smoke', async () => {
  const p = `/tmp/a/s${Date.now()}.alibi`;
  const db = createCase(p);
  const t = Date.now();
  const r = await importFile(db, '/work/shared/data/external/apache_combined_10k.log', { onProgress: (x) => console.log(JSON.stringify(x)) });
  console.log(Date.now() - t, r);
  console.log(db.prepare('select * from rejects limit 5').all());
  console.log(db.prepare('select * from events limit 1').all());
});
