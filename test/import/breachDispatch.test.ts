// Breach lists are recognised by the importer and handed to the breach module (which stores only HMACs).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../src/core/import/importFile';
import { newCase, tmpDir } from './helpers';

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
});
