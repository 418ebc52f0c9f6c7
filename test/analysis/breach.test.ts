import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { importBreachFile } from '../../src/core/import/importBreach';
import { breachExposure } from '../../src/core/analysis/breachExposure';
import { maskIdentifier, nameKey, normaliseEmail, normalisePhone } from '../../src/core/breach/normalize';
import { verifyAuditChain } from '../../src/core/casefile/audit';
import { newCase, T0, type TestCase } from './helpers';

let c: TestCase;
afterEach(() => c?.close());

function julien(c: TestCase) {
  c.add({ kind: 'order', ts: T0, order_id: 'O1', customer_id: '1874', email: 'julien.moreau@example.net', phone: '0639984127', name: 'Julien Moreau', ip: '90.14.207.118' });
  c.add({ kind: 'payment', ts: T0 + 1000, order_id: 'O1', email: 'julien.moreau@example.net', phone: '+33 6 39 98 41 27', name: 'JULIEN MOREAU' });
  c.add({ kind: 'order', ts: T0 + 5000, order_id: 'O2', customer_id: '88', email: 'zoe@élan.example', phone: '0611111111' });
}

describe('normalisation', () => {
  it('e-mail: trim, NFC, lower case, IDNA domain', () => {
    expect(normaliseEmail('  Julien.Moreau@Example.NET ')).toBe('julien.moreau@example.net');
    expect(normaliseEmail('zoe@ÉLAN.example')).toBe('zoe@xn--lan-9la.example');
    expect(normaliseEmail('not an email')).toBeNull();
    expect(normaliseEmail('a@')).toBeNull();
  });
  it('phone: E.164 with the case region, whatever the writing', () => {
    for (const p of ['06 39 98 41 27', '0639984127', '+33 6 39 98 41 27', '0033639984127', '+33 (0)6 39 98 41 27', '06.39.98.41.27']) {
      expect(normalisePhone(p, 'FR'), p).toBe('+33639984127');
    }
    expect(normalisePhone('0639984127', null)).toBeNull(); // no region, no country code: cannot say
    expect(normalisePhone('abc', 'FR')).toBeNull();
  });
  it('names: accents and order do not matter', () => {
    expect(nameKey('Zoé LEFÈVRE')).toBe(nameKey('lefevre  zoe'));
  });
  it('masks identifiers for reports', () => {
    expect(maskIdentifier('email', 'julien.moreau@example.net')).toBe('j***@example.net');
    expect(maskIdentifier('phone', '+33639984127')).toBe('+33 6 ** ** ** 27');
  });
});

describe('breach lists', () => {
  it('finds the customer by e-mail and by phone in a cp1252 `;` list, stores only HMACs, audits the import', async () => {
    c = newCase('Europe/Paris');
    julien(c);
    const file = join(c.dir, 'telecom.csv');
    const csv = 'email;phone;first_name;last_name\r\nJulien.Moreau@example.net;06 39 98 41 27;Julien;MOREAU\r\nyasmine@example.org;;Yasmine;Gérard\r\nn/a;;;\r\n';
    writeFileSync(file, iconv.encode(csv, 'windows-1252'));
    const r = await importBreachFile(c.db, file, { breachName: 'Telecom operator leak (Aug 2025)', breachDate: '2025-08' });
    expect(r).toMatchObject({ accepted: 2, rejected: 1, preset: 'breach-list' });
    const hits = breachExposure(c.db);
    const email = hits.find((h) => h.identifierKind === 'email')!;
    const phone = hits.find((h) => h.identifierKind === 'phone')!;
    expect(email).toMatchObject({ display: 'j***@example.net', breachName: 'Telecom operator leak (Aug 2025)', breachDate: '2025-08', customers: ['1874'] });
    expect(email.eventIds).toHaveLength(2);
    expect(phone).toMatchObject({ display: '+33 6 ** ** ** 27', customers: ['1874'] });
    expect(phone.eventIds).toHaveLength(2); // "0639984127" and "+33 6 39 98 41 27" are one number
    expect(hits.find((h) => h.identifierKind === 'name')?.display).toBe('J*** M***');
    expect(hits.some((h) => h.display.startsWith('z'))).toBe(false);
    // no plain breach identifier in the case file
    c.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(c.path).toString('latin1');
    expect(bytes).not.toContain('yasmine@example.org');
    expect(bytes).not.toContain('Yasmine');
    const src = c.db.prepare("SELECT format, breach_name, breach_date, rows_accepted, rows_rejected FROM sources WHERE format = 'breach-list'").get();
    expect(src).toEqual({ format: 'breach-list', breach_name: 'Telecom operator leak (Aug 2025)', breach_date: '2025-08', rows_accepted: 2, rows_rejected: 1 });
    expect(verifyAuditChain(c.db).ok).toBe(true);
    expect((c.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'import.breach'").get() as { n: number }).n).toBe(1);
    await expect(importBreachFile(c.db, file, { breachName: 'x' })).rejects.toThrow(/already imported/);
  });

  it('matches pre-hashed lists (SHA-256 / SHA-1 of the normalised identifier)', async () => {
    c = newCase('Europe/Paris');
    julien(c);
    const file = join(c.dir, 'hashed.csv');
    const sha256 = createHash('sha256').update('julien.moreau@example.net').digest('hex');
    const sha1 = createHash('sha1').update('+33639984127').digest('hex');
    writeFileSync(file, `sha256\n${sha256}\n${sha1}\nnot-a-hash\n`);
    const r = await importBreachFile(c.db, file, { breachName: 'Hashed list', breachDate: '2024-10' });
    expect(r).toMatchObject({ accepted: 2, rejected: 1 });
    const hits = breachExposure(c.db);
    expect(hits.map((h) => `${h.identifierKind}:${h.display}`).sort()).toEqual(['email:j***@example.net', 'phone:+33 6 ** ** ** 27']);
  });

  it('reads HIBP domain-search JSON, taking the domain from the file name', async () => {
    c = newCase('Europe/Paris');
    julien(c);
    const file = join(c.dir, 'example.net.json');
    writeFileSync(file, JSON.stringify({ 'Julien.Moreau': ['Free', 'Adobe'], someone: ['Adobe'] }));
    const r = await importBreachFile(c.db, file, { breachName: 'Free', breachDate: '2024-10' });
    expect(r).toMatchObject({ format: 'hibp-json', accepted: 2 });
    const hits = breachExposure(c.db);
    expect(hits.map((h) => `${h.breachName}:${h.breachDate}`)).toEqual(['Adobe:null', 'Free:2024-10']);
    const other = join(c.dir, 'export.json');
    writeFileSync(other, '{"a":["X"]}');
    await expect(importBreachFile(c.db, other, {})).rejects.toThrow(/domain/);
  });

  it('refuses a list without the breach name or any identifier column', async () => {
    c = newCase();
    const file = join(c.dir, 'l.csv');
    writeFileSync(file, 'email\na@example.org\n');
    await expect(importBreachFile(c.db, file, {})).rejects.toThrow(/breach's name/);
    const bad = join(c.dir, 'm.csv');
    writeFileSync(bad, 'city;zip\nParis;75001\n');
    await expect(importBreachFile(c.db, bad, { breachName: 'x' })).rejects.toThrow(/no e-mail, phone, name or hash column/);
    expect((c.db.prepare('SELECT count(*) AS n FROM breach_entries').get() as { n: number }).n).toBe(0);
  });
});
