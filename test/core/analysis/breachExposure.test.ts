import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { importBreachFile } from '../../../src/core/import/importBreach';
import { breachExposure } from '../../../src/core/analysis/breachExposure';
import { maskIdentifier, nameKey, normaliseEmail, normalisePhone, phoneRegion } from '../../../src/core/breach/normalize';
import { verifyAuditChain } from '../../../src/core/casefile/audit';
import { newCase, T0, type TestCase } from '../../support/newCase';

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

describe('breach matching: one mailbox, one number, one row', () => {
  it('a +tag Gmail address matches the breach entry that writes the same mailbox with dots, capitals and googlemail.com', async () => {
    c = newCase('Europe/Paris');
    c.add({ kind: 'order', ts: T0, order_id: 'O1', customer_id: '501', email: 'claire.dubois+billets@gmail.com', ip: '90.14.207.118' });
    const file = join(c.dir, 'leak.csv');
    writeFileSync(file, 'email;phone\nClaire.Du.Bois@GoogleMail.com;\nsomeone@example.org;\n');
    await importBreachFile(c.db, file, { breachName: 'Forum leak', breachDate: '2024-02' });
    const hits = breachExposure(c.db);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ identifierKind: 'email', customers: ['501'], breachName: 'Forum leak' });
    // dots are significant outside Gmail
    expect(normaliseEmail('c.dubois+x@example.org')).toBe('c.dubois+x@example.org');
    expect(normaliseEmail('C.Dubois+x@outlook.com')).toBe('c.dubois@outlook.com');
  });

  it('a list imported before canonical Gmail matching (plain form stored) still matches', async () => {
    c = newCase('Europe/Paris');
    c.add({ kind: 'order', ts: T0, order_id: 'O1', customer_id: '7', email: 'jo.ann@gmail.com' });
    const file = join(c.dir, 'hashed.csv');
    // a third party hashed the plain lower-case form (the recipe in normalize.ts), not the mailbox form
    writeFileSync(file, `sha256\n${createHash('sha256').update('jo.ann@gmail.com').digest('hex')}\n`);
    await importBreachFile(c.db, file, { breachName: 'Hashed list', map: { hash: 'sha256' } });
    expect(breachExposure(c.db).map((h) => h.customers)).toEqual([['7']]);
  });

  it('a national phone number takes the region of the row\'s country column before the case zone', () => {
    c = newCase('Europe/Paris');
    // a Belgian customer of a French shop: 0470… is Belgian, not French
    c.add({ kind: 'order', ts: T0, order_id: 'O1', customer_id: '9', phone: '0470 12 34 56', extra: JSON.stringify({ billing_country: 'BE' }) });
    expect(normalisePhone('0470 12 34 56', 'BE')).toBe('+32470123456');
    expect(phoneRegion(JSON.stringify({ billing_country: 'BE' }), 'FR')).toBe('BE');
    expect(phoneRegion(JSON.stringify({ risk: { billing_country: 'CH' } }), 'FR')).toBe('CH');
    expect(phoneRegion('not json', 'FR')).toBe('FR');
  });

  it('e-mail and phone of one customer on the same breach row are one corroborated hit', async () => {
    c = newCase('Europe/Paris');
    julien(c);
    const file = join(c.dir, 'telecom.csv');
    // row 1: Julien's e-mail and phone together; row 2: his phone again beside someone else's e-mail
    writeFileSync(file, 'email;phone\njulien.moreau@example.net;06 39 98 41 27\nother@example.org;0611111111\n');
    await importBreachFile(c.db, file, { breachName: 'Telecom', breachDate: '2025-08' });
    const hits = breachExposure(c.db);
    const email = hits.find((h) => h.identifierKind === 'email' && h.customers.includes('1874'))!;
    const phone = hits.find((h) => h.identifierKind === 'phone' && h.customers.includes('1874'))!;
    expect(email).toMatchObject({ corroborated: true, sameRowKinds: ['phone'] });
    expect(phone).toMatchObject({ corroborated: true, sameRowKinds: ['email'] });
    // Zoé's phone is on a row whose e-mail is not hers: not corroborated
    const zoe = hits.find((h) => h.customers.includes('88'));
    expect(zoe?.corroborated).toBeUndefined();
  });
});
