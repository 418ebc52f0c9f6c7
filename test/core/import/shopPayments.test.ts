// Shop and payment exports end to end, from each preset's documented sample: exact counts and UTC instants,
// time zones (Shopify offsets, PrestaShop/Magento in the case zone, PayPal's TimeZone column and day/month
// order read from the data), a malformed row with its number and reason, and detection that never confuses two.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { CSV_PRESETS, detectPreset, type CsvPreset } from '../../../src/core/import/presets';
import { parseCsvHeader, sniffFormat } from '../../../src/core/import/sniff';
import { newCase, tmpDir } from '../../support/newCase';
import { events } from '../../support/caseState';

const preset = (variant: string) => CSV_PRESETS.find((p) => p.variant === variant)!;
function sampleFile(p: CsvPreset, rows = p.sample.rows): string {
  const file = join(tmpDir(), `${p.variant}.csv`);
  writeFileSync(file, [p.sample.header, ...rows].join('\r\n') + '\r\n');
  return file;
}
const risk = (extra: unknown) => (typeof extra === 'string' ? JSON.parse(extra).risk : undefined);

describe('documented samples', () => {
  it('Shopify: offsets in the dates, line-item rows skipped, Risk Level normalised, no IP', async () => {
    const { db } = newCase('Europe/Paris');
    const r = await importFile(db, sampleFile(preset('shopify')));
    expect(r).toMatchObject({ preset: 'shop-orders', accepted: 2, rejected: 0, skipped: 1, first: '2025-11-23T05:41:12.000Z', last: '2025-11-23T05:58:40.000Z' });
    const ev = events(db);
    expect(ev[0]).toMatchObject({
      kind: 'order', row_no: 1, order_id: '#1042', email: 'jean.dupont@example.fr', decision: 'paid', amount: 129.9, currency: 'EUR',
      name: 'Jean Dupont', phone: '+33612345678', transaction_id: 'c2981446.1', ip: null,
    });
    expect(ev[1]).toMatchObject({ row_no: 3, order_id: '#1043', decision: 'voided' });
    expect(risk(ev[0].extra)).toEqual({ risk_level: 'low', billing_country: 'FR' });
    expect(risk(ev[1].extra)).toEqual({ risk_level: 'high', billing_country: 'FR' });
    expect(db.prepare('SELECT tz, tz_assumed FROM sources').get()).toEqual({ tz: null, tz_assumed: 0 });
  });

  it('PrestaShop (French, `;`, "129,90 €", day-first dates in the case zone, recorded as assumed)', async () => {
    const { db } = newCase('Europe/Paris');
    const r = await importFile(db, sampleFile(preset('prestashop')));
    expect(r).toMatchObject({ preset: 'shop-orders', accepted: 2, rejected: 0, first: '2025-11-23T05:41:12.000Z', last: '2025-11-23T05:44:02.000Z' });
    expect(events(db)[0]).toMatchObject({ order_id: 'XKBKNABJK', name: 'J. Dupont', amount: 129.9, decision: 'Paiement accepté' });
    expect(db.prepare('SELECT tz, tz_assumed FROM sources').get()).toEqual({ tz: 'Europe/Paris', tz_assumed: 1 });
  });

  it('Magento 2 order grid ("Nov 23, 2025 6:41:12 AM", 12-hour clock, in the case zone)', async () => {
    const { db } = newCase('Europe/Paris');
    const r = await importFile(db, sampleFile(preset('magento')));
    expect(r).toMatchObject({ preset: 'shop-orders', accepted: 2, rejected: 0, first: '2025-11-23T05:41:12.000Z', last: '2025-11-23T17:58:40.000Z' });
    expect(events(db)[1]).toMatchObject({ order_id: '000000043', email: 'x91@mailinator.com', amount: 19, decision: 'canceled', name: 'J D' });
  });

  it("PayPal: Date + Time + TimeZone columns, day-first read from the data (23/11), decimal commas", async () => {
    const { db } = newCase('UTC');
    const r = await importFile(db, sampleFile(preset('paypal')));
    expect(r).toMatchObject({ preset: 'psp-transactions', accepted: 2, rejected: 0, first: '2025-11-23T05:41:20.000Z', last: '2025-11-23T05:58:40.000Z' });
    expect(events(db)[0]).toMatchObject({
      kind: 'payment', email: 'jean.dupont@example.fr', amount: 129.9, currency: 'EUR', decision: 'Completed', transaction_id: '1AB23456CD789012E',
      order_id: '1042', ts_text: '23/11/2025 06:41:20',
    });
    expect(JSON.parse(db.prepare('SELECT mapping_json FROM sources').pluck().get() as string)).toMatchObject({ date_order: 'dmy' });
  });

  it('Mollie: risk columns (card country, 3-D Secure, failure reason as a decline code)', async () => {
    const { db } = newCase('UTC');
    const r = await importFile(db, sampleFile(preset('mollie')));
    expect(r).toMatchObject({ preset: 'psp-transactions', accepted: 2, rejected: 0, first: '2025-11-23T05:41:20.000Z' });
    const ev = events(db);
    expect(ev[0]).toMatchObject({ transaction_id: 'tr_7UhSN1zuXS', order_id: '1042', decision: 'paid', card_fingerprint: 'Xt5EWLLDS7FJjR1c' });
    expect(risk(ev[0].extra)).toEqual({ card_country: 'FR', three_ds: 'authenticated' });
    expect(risk(ev[1].extra)).toEqual({ card_country: 'US', decline_code: 'incorrect_cvc' });
  });
});

describe("PayPal's day/month order", () => {
  const p = preset('paypal');
  const row = (date: string, id: string) => p.sample.rows[0].replace('"23/11/2025"', `"${date}"`).replace('1AB23456CD789012E', id);

  it('month-first when a date says so (11/23/2025), even late in the file', async () => {
    const { db } = newCase('UTC');
    const rows = [...Array.from({ length: 60 }, (_, i) => row('01/02/2025', `T${i}`)), row('11/23/2025', 'LAST')];
    const r = await importFile(db, sampleFile(p, rows));
    expect(r).toMatchObject({ accepted: 61, rejected: 0 });
    expect(events(db)[0].ts).toBe(Date.UTC(2025, 0, 2, 5, 41, 20)); // 01/02 is 2 January
  });

  it('refuses to guess when every date reads both ways, and imports once told', async () => {
    const { db } = newCase('UTC');
    const file = sampleFile(p, [row('01/02/2025', 'A'), row('03/04/2025', 'B')]);
    await expect(importFile(db, file)).rejects.toThrow(/reads both as day\/month and as month\/day/);
    expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
    const r = await importFile(db, file, { dateOrder: 'mdy' });
    expect(r).toMatchObject({ accepted: 2 });
    expect(events(db)[0].ts).toBe(Date.UTC(2025, 0, 2, 5, 41, 20));
  });

  it('refuses a file that contradicts itself', async () => {
    const { db } = newCase('UTC');
    await expect(importFile(db, sampleFile(p, [row('23/11/2025', 'A'), row('11/23/2025', 'B')]))).rejects.toThrow(/day-first and others that are month-first/);
  });
});

describe('a malformed row keeps its row number and reason', () => {
  const broken: Record<string, (row: string) => string> = {
    shopify: (r) => r.replace('2025-11-23 06:41:12 +0100', '2025-13-40 06:41:12 +0100'),
    prestashop: (r) => r.replace('23/11/2025 06:41:12', 'hier'),
    magento: (r) => r.replace('Nov 23, 2025 6:41:12 AM', 'Nov 23, 2025 13:41:12 PM'),
    paypal: (r) => r.replace('"129,90"', '"12x,90"'),
    mollie: (r) => r.replace('129.90', 'lots'),
  };
  for (const [variant, breakRow] of Object.entries(broken)) {
    it(variant, async () => {
      const p = preset(variant);
      const { db } = newCase('Europe/Paris');
      const rows = [p.sample.rows[0], breakRow(p.sample.rows[0]), ...p.sample.rows.slice(1)];
      const r = await importFile(db, sampleFile(p, rows));
      expect(r.rejected).toBe(1);
      const rej = db.prepare('SELECT row_no, reason FROM rejects').all() as { row_no: number; reason: string }[];
      expect(rej).toHaveLength(1);
      expect(rej[0].row_no).toBe(2);
      expect(rej[0].reason).toMatch(/^row 2: (unreadable date|amount)/);
    });
  }
});

describe('detection never confuses two presets', () => {
  for (const p of CSV_PRESETS) {
    it(`${p.name} (${p.variant}): its header is itself, and no other declaration claims it`, () => {
      const header = parseCsvHeader([p.sample.header], p.sample.delimiter);
      expect(detectPreset(header)).toBe(p);
      expect(sniffFormat([p.sample.header, ...p.sample.rows])).toMatchObject({ type: 'csv' }); // never a log format
      for (const other of CSV_PRESETS) {
        if (other !== p) expect(detectPreset(header, [other]), `${other.variant} on ${p.variant}`).toBeNull();
      }
    });
  }
});

describe('fields are capped before any regex', () => {
  it('a megabyte user agent or name in a CSV is stored capped; the raw row keeps it whole', async () => {
    const { db } = newCase('UTC');
    const file = join(tmpDir(), 'huge.csv');
    const ua = 'Mozilla/5.0 ' + 'x'.repeat(1024 * 1024);
    writeFileSync(file, `when,agent,who\n2025-11-23T06:00:00Z,${ua},${'N'.repeat(200_000)}\n`);
    await importFile(db, file, { map: { timestamp: 'when', user_agent: 'agent', name: 'who' } });
    const e = events(db)[0];
    expect((e.user_agent as string).length).toBe(8 * 1024 + 1);
    expect((e.name as string).length).toBe(8 * 1024 + 1);
    expect((e.raw as string).length).toBeGreaterThan(ua.length);
  });
});
