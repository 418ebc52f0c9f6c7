// The compressed share container (.alibiz): packed from a share copy without its event indexes, unpacked with
// the indexes rebuilt from the app's own schema, checked like any received case; damaged or forged ones refused.
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { createCase, openCase, type Db } from '../../../src/core/casefile/caseFile';
import { importFile } from '../../../src/core/import/importFile';
import { shareCase } from '../../../src/core/share/shareCase';
import { CONTAINER_MAGIC, checkShareContainer, extractShareContainer, isShareContainer } from '../../../src/core/share/shareContainer';
import { APACHE_LOG } from '../../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'alibi-container-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function digestOfEvents(db: Db): string {
  const h = createHash('sha256');
  for (const row of db.prepare('SELECT * FROM events ORDER BY id').raw().iterate() as Iterable<unknown[]>) h.update(JSON.stringify(row));
  return h.digest('hex');
}

/** A container whose manifest and payload are written by hand (what a forger could send). */
function forged(name: string, manifest: unknown, payload: Buffer): string {
  const json = Buffer.from(JSON.stringify(manifest));
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(json.length));
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([CONTAINER_MAGIC, len, json, payload]));
  return path;
}

describe('share container (.alibiz)', () => {
  it('packs the real Apache case far below the plain copy; unpacks to the same events with every index back', async () => {
    const casePath = join(dir, 'apache.alibi');
    const db = createCase(casePath, { tz: 'UTC' });
    await importFile(db, APACHE_LOG);
    const plain = await shareCase(db, { out: join(dir, 'plain.alibi') });
    const packed = await shareCase(db, { out: join(dir, 'packed.alibiz') });
    const original = digestOfEvents(db);
    db.close();

    expect(isShareContainer(packed.out)).toBe(true);
    expect(isShareContainer(plain.out)).toBe(false);
    expect(packed.manifest.size).toBe(statSync(packed.out).size);
    expect(packed.manifest.size * 4).toBeLessThan(plain.manifest.size);
    // Smaller than the log itself, gzipped or not.
    expect(packed.manifest.size).toBeLessThan(statSync(APACHE_LOG).size / 4);
    const sha = createHash('sha256').update(readFileSync(packed.out)).digest('hex');
    expect(readFileSync(`${packed.out}.sha256`, 'utf8')).toBe(`${sha}  packed.alibiz\n`);
    expect(packed.manifest.sha256).toBe(sha);

    const check = await checkShareContainer(packed.out);
    expect(check).toMatchObject({ ok: true, problems: [] });
    expect(check.container?.strippedIndexes).toContain('events_ts');

    const opened = await extractShareContainer(packed.out);
    expect(opened).toBe(join(dir, 'packed.alibi'));
    const copy = openCase(opened, { readonly: true });
    expect(digestOfEvents(copy)).toBe(original);
    const indexes = (d: Db) => d.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
    const plainDb = openCase(plain.out, { readonly: true });
    expect(indexes(copy)).toEqual(indexes(plainDb));
    plainDb.close();
    copy.close();
    await expect(extractShareContainer(packed.out)).rejects.toThrow(/already exists/);
  });

  it('refuses a damaged payload, a database that does not match its manifest, and an index the app does not make', async () => {
    const good = join(dir, 'packed.alibiz');
    const bytes = readFileSync(good);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100] ^= 0xff;
    writeFileSync(join(dir, 'flipped.alibiz'), flipped);
    expect((await checkShareContainer(join(dir, 'flipped.alibiz'))).ok).toBe(false);
    writeFileSync(join(dir, 'cut.alibiz'), bytes.subarray(0, bytes.length >> 1));
    expect((await checkShareContainer(join(dir, 'cut.alibiz'))).ok).toBe(false);

    const db = readFileSync(join(dir, 'plain.alibi'));
    const sha = createHash('sha256').update(db).digest('hex');
    const payload = brotliCompressSync(db);
    const liar = forged('liar.alibiz', { format: 'alibi-share-container/1', database: { sha256: '0'.repeat(64), size: db.length }, strippedIndexes: [], share: {} }, payload);
    expect((await checkShareContainer(liar)).problems.join()).toMatch(/does not match its manifest/);
    const index = forged('index.alibiz', { format: 'alibi-share-container/1', database: { sha256: sha, size: db.length }, strippedIndexes: ['evil_index'], share: {} }, payload);
    expect((await checkShareContainer(index)).problems.join()).toMatch(/index Alibi does not make/);
    const honest = forged('honest.alibiz', { format: 'alibi-share-container/1', database: { sha256: sha, size: db.length }, strippedIndexes: [], share: {} }, payload);
    expect((await checkShareContainer(honest)).ok).toBe(true);
  });
});
