// The share copy's size, said before it is written (CLI and the app's save flow): close to what is then written,
// for the compressed container and the plain copy, and smaller for a copy pruned to the evidence.
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { shareCase } from '../../../src/core/share/shareCase';
import { estimateShare } from '../../../src/core/share/shareEstimate';
import { APACHE_LOG } from '../../support/paths';
import { newCase } from '../../support/newCase';
import { writeBigLog } from '../../support/caseState';
import { alibi } from '../../support/cli';
import { createHandlers } from '../../../src/core/api/service';
import { inProcessRunner } from '../../../src/core/api/importRunners';
import { tmpDir } from '../../support/newCase';

describe('share size before writing', () => {
  it('estimates the container and the plain copy within a third of what is written', async () => {
    const { db, dir } = newCase();
    const big = join(dir, 'big.log');
    await writeBigLog(big, 80_000);
    await importFile(db, APACHE_LOG);
    await importFile(db, big);
    const packed = estimateShare(db, { compressed: true });
    const plain = estimateShare(db, { compressed: false });
    expect(packed).toMatchObject({ compressed: true, events: 89_999, basis: 'measured' });
    const z = await shareCase(db, { out: join(dir, 'copy.alibiz') });
    const p = await shareCase(db, { out: join(dir, 'copy.alibi') });
    const ratio = (est: number, real: number) => est / real;
    expect(ratio(packed.bytes, z.manifest.size)).toBeGreaterThan(0.67);
    expect(ratio(packed.bytes, z.manifest.size)).toBeLessThan(1.5);
    expect(ratio(plain.bytes, statSync(p.out).size)).toBeGreaterThan(0.85);
    expect(ratio(plain.bytes, statSync(p.out).size)).toBeLessThan(1.15);
    // An evidence-only copy keeps that share of the events.
    const pruned = estimateShare(db, { compressed: true, keptEvents: 1000 });
    expect(pruned.events).toBe(1000);
    expect(pruned.bytes).toBeLessThan(packed.bytes / 10);
    db.close();
  }, 120_000);

  it('alibi share prints the estimated size before writing', async () => {
    const { db, path, dir } = newCase();
    await importFile(db, APACHE_LOG);
    db.close();
    const r = alibi('share', path, '--out', join(dir, 'mail.alibiz'), '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/estimated size: about \d+\.\d MB for 9,999 events \(compressed container\); writing mail\.alibiz/);
    const out = JSON.parse(r.out) as { manifest: { size: number } };
    const said = Number(/about (\d+\.\d) MB/.exec(r.err)![1]) * 1e6;
    expect(said / out.manifest.size).toBeGreaterThan(0.5);
    expect(said / out.manifest.size).toBeLessThan(2);
  }, 60_000);

  it('the app asks the API for the size of the copy it is about to save (the sample case)', async () => {
    const dataDir = tmpDir();
    const svc = createHandlers({ dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => undefined });
    await svc.handlers.caseOpenSample({});
    const est = await svc.handlers.shareEstimate({ compressed: false, onlyEvidence: false });
    const evidenceOnly = await svc.handlers.shareEstimate({ compressed: false, onlyEvidence: true });
    expect(evidenceOnly.events).toBeLessThan(est.events);
    expect(evidenceOnly.bytes).toBeLessThan(est.bytes);
    const copy = await svc.handlers.shareCopy({ path: join(dataDir, 'copy.alibi'), redact: true });
    expect(est.bytes / copy.bytes).toBeGreaterThan(0.8);
    expect(est.bytes / copy.bytes).toBeLessThan(1.25);
    svc.dispose();
  }, 60_000);
});
