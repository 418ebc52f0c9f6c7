// Breach lists are recognised by the importer and handed to the breach module (which stores only HMACs).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { newCase, tmpDir } from '../../support/newCase';
import { caseState } from '../../support/caseState';
import { isBreachListHeader } from '../../../src/core/import/presets';
import type { ImportProgress } from '../../../src/core/types';

describe('breach-list dispatch', () => {
  it('a `;` list with only identity columns is detected as breach-list and stored as breach entries, not events', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'leak.csv');
    writeFileSync(file, 'email;phone;first_name;last_name\njean.dupont@example.fr;06 12 34 56 78;Jean;Dupont\n');
    const r = await importFile(db, file, { breachName: 'Telco leak', breachDate: '2025-08' });
    expect(r).toMatchObject({ preset: 'breach-list', accepted: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    const kinds = (db.prepare('SELECT DISTINCT kind FROM breach_entries ORDER BY kind').all() as { kind: string }[]).map((k) => k.kind);
    expect(kinds).toContain('email');
    expect(kinds).toContain('phone');
    expect(JSON.stringify(db.prepare('SELECT * FROM breach_entries').all())).not.toContain('jean.dupont');
  });

  it('an HIBP domain-search JSON object is dispatched too', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'example.fr.json');
    writeFileSync(file, JSON.stringify({ 'jean.dupont': ['Telco'], other: ['A', 'B'] }));
    const r = await importFile(db, file);
    expect(r).toMatchObject({ preset: 'breach-list', format: 'hibp-json', accepted: 2 });
  });

  it('follows the import rules: mostly-garbage lists refused (case unchanged), duplicates refused, progress reported', async () => {
    const { db } = newCase();
    const garbage = join(tmpDir(), 'garbage.csv');
    writeFileSync(garbage, 'email;phone\nnot-an-email;x\nalso-not;y\njean.dupont@example.fr;\n');
    const before = caseState(db);
    await expect(importFile(db, garbage, { breachName: 'Leak' })).rejects.toThrow(/2 of 3 rows rejected \(more than half\)/);
    expect(caseState(db)).toEqual(before);

    const good = join(tmpDir(), 'leak.csv');
    writeFileSync(good, 'courriel;téléphone\n' + Array.from({ length: 500 }, (_, i) => `user${i}@example.fr;06 12 34 ${String(i % 100).padStart(2, '0')} 00`).join('\n'));
    const seen: ImportProgress[] = [];
    const r = await importFile(db, good, { breachName: 'Leak', onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ preset: 'breach-list', format: 'breach-list', accepted: 500, rejected: 0 });
    expect(seen.at(-1)).toMatchObject({ rows: 500, bytesRead: r.sha256 ? seen.at(-1)!.bytesTotal : 0 });
    await expect(importFile(db, good, { breachName: 'Leak' })).rejects.toThrow(/already imported/);
    const audit = db.prepare("SELECT details FROM audit WHERE action = 'import.breach'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ accepted: 500, identifiers: 1000, breaches: ['Leak'], parser_version: 'breach/1' });
  });

  it('recognises a breach list through the same alias lists the breach importer reads', () => {
    expect(isBreachListHeader(['Courriel', 'Téléphone', 'Prénom', 'Nom'])).toBe(true);
    expect(isBreachListHeader(['sha256'])).toBe(true);
    expect(isBreachListHeader(['Prénom', 'Nom'])).toBe(false); // names alone are not an identifier
  });
});
