// Rotated logs and exports are often gzipped: read through, hashed as stored, damage reported, nothing half-imported.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { APACHE_LOG, fixture } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { caseState, events } from '../../support/caseState';

describe('gzipped input', () => {
  it('imports a gzipped access log like the plain one; the hash is of the .gz file', async () => {
    const gz = join(tmpDir(), 'access.log.2.gz');
    const bytes = gzipSync(readFileSync(APACHE_LOG));
    writeFileSync(gz, bytes);
    const { db } = newCase();
    const r = await importFile(db, gz);
    expect(r).toMatchObject({ format: 'combined', accepted: 9999, rejected: 1, first: '2015-05-17T10:05:00.000Z', last: '2015-05-20T21:05:59.000Z' });
    expect(r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const src = db.prepare('SELECT size, mapping_json FROM sources').get() as { size: number; mapping_json: string };
    expect(src.size).toBe(bytes.length);
    expect(JSON.parse(src.mapping_json).compression).toBe('gzip');
    expect(events(db)[0].raw).toBe(readFileSync(APACHE_LOG, 'utf8').split('\n')[0]);
  });

  it('imports a gzipped Windows-1252 CSV', async () => {
    const gz = join(tmpDir(), 'orders.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('shop-orders-cp1252.csv'))));
    const { db } = newCase('Europe/Paris');
    const r = await importFile(db, gz);
    expect(r).toMatchObject({ preset: 'shop-orders', accepted: 3 });
    expect(events(db)[2].name).toBe('Hélène Martin');
  });

  it('a truncated gzip is refused as damaged and leaves the case unchanged', async () => {
    const gz = join(tmpDir(), 'cut.log.gz');
    const bytes = gzipSync(readFileSync(APACHE_LOG));
    writeFileSync(gz, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const { db } = newCase();
    const before = caseState(db);
    await expect(importFile(db, gz)).rejects.toThrow(/damaged gzip data/);
    expect(caseState(db)).toEqual(before);
  });

  it('a gzip damaged from its first block is refused as damaged, not called empty (review R1)', async () => {
    const gz = join(tmpDir(), 'bad.log.gz');
    writeFileSync(gz, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('garbage, not deflate data')]));
    const { db } = newCase();
    const before = caseState(db);
    await expect(importFile(db, gz)).rejects.toThrow(/damaged gzip data/);
    expect(caseState(db)).toEqual(before);
  });
});
