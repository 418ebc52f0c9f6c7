// Every CSV preset on small real-world-shaped fixtures: Windows-1252, BOM, `;`, decimal commas, multi-line
// quoted fields, zoneless dates (zone recorded), Adyen's TimeZone column, PAN masking, explicit mappings.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile, planImport } from '../../../src/core/import/importFile';
import { CSV_PRESETS } from '../../../src/core/import/presets';
import { fixture } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { events } from '../../support/caseState';

describe('CSV presets', () => {
  it('shop-orders: Windows-1252, `;`, decimal comma, multi-line address, zoneless dates in the case zone', async () => {
    const { db } = newCase('Europe/Paris');
    const r = await importFile(db, fixture('shop-orders-cp1252.csv'));
    expect(r).toMatchObject({ format: 'csv', preset: 'shop-orders', accepted: 3, rejected: 0 });
    const src = db.prepare('SELECT encoding, tz, tz_assumed, mapping_json FROM sources').get() as Record<string, string | number>;
    expect(src).toMatchObject({ encoding: 'windows-1252', tz: 'Europe/Paris', tz_assumed: 1 });
    expect(JSON.parse(src.mapping_json as string)).toMatchObject({ delimiter: ';', columns: { timestamp: 'order_date', ip: 'customer_ip_address' } });
    const ev = events(db);
    expect(ev[0]).toMatchObject({
      kind: 'order', row_no: 1, ts: Date.UTC(2025, 10, 23, 5, 41, 12), ts_text: '2025-11-23 06:41:12', order_id: '1042',
      amount: 129.9, currency: 'EUR', decision: 'failed', transaction_id: 'ch_3QaB1', ip: '90.12.34.56', client_ip: '90.12.34.56',
      email: 'jean.dupont@example.fr', name: 'Jean Dupont', phone: '06 12 34 56 78', customer_id: '77',
      user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    });
    expect(ev[1]).toMatchObject({ row_no: 2, amount: 1234.5 });
    expect(JSON.parse(ev[1].extra as string).billing_address_1).toBe('Résidence Les Érables\r\nBâtiment B');
    // The row after the multi-line field is data row 3, with its day-first date and accents intact.
    expect(ev[2]).toMatchObject({ row_no: 3, ts: Date.UTC(2025, 10, 23, 6, 1), name: 'Hélène Martin', email: 'hélène.martin@example.fr', ip: '2a01:cb00:1:2::7', customer_id: null });
    expect(ev[2].raw).toContain('Hélène');
  });

  it('shop-orders: --tz overrides the case zone', async () => {
    const { db } = newCase('Europe/Paris');
    await importFile(db, fixture('shop-orders-cp1252.csv'), { tz: 'America/New_York' });
    expect(events(db)[0].ts).toBe(Date.UTC(2025, 10, 23, 11, 41, 12));
    expect(db.prepare('SELECT tz, tz_assumed FROM sources').get()).toEqual({ tz: 'America/New_York', tz_assumed: 1 });
  });

  it('psp-transactions (Stripe-like): BOM, UTC dates, card keys from fingerprint or brand+last4, expiry MM/YY', async () => {
    const { db } = newCase('Europe/Paris');
    const r = await importFile(db, fixture('stripe-payments.csv'));
    expect(r).toMatchObject({ preset: 'psp-transactions', accepted: 3, rejected: 0, first: '2025-11-23T05:41:20.000Z' });
    expect(db.prepare('SELECT tz, tz_assumed FROM sources').get()).toEqual({ tz: 'UTC', tz_assumed: 0 });
    const ev = events(db);
    expect(ev[0]).toMatchObject({
      kind: 'payment', transaction_id: 'ch_3QaB1', order_id: '1042', amount: 129.9, currency: 'EUR', decision: 'Failed',
      reason: 'Your card has insufficient funds.', customer_id: 'cus_R1', email: 'jean.dupont@example.fr', name: 'Jean Dupont',
      card_last4: '4242', card_brand: 'Visa', card_expiry: '04/27', card_fingerprint: 'Xt5EWLLDS7FJjR1c',
      card_key: 'fp:Xt5EWLLDS7FJjR1c', card_key_kind: 'fingerprint',
    });
    expect(JSON.parse(ev[0].extra as string)).toMatchObject({ 'PaymentIntent ID': 'pi_3QaB1', Description: 'Order 1042' });
    expect(ev[1]).toMatchObject({ card_key: 'fp:Mq9ZZk3LpQ0bCd2e', card_expiry: '11/26', name: 'Marie Dupont', amount: 1234.5 });
    expect(ev[2]).toMatchObject({ card_key: 'brand:amex:0005', card_key_kind: 'brand_last4', card_expiry: null, customer_id: null });
  });

  it('psp-transactions (Adyen-like): TimeZone column (CET/CEST), Shopper PAN masked to BIN+last4, even in raw', async () => {
    const { db } = newCase('UTC');
    const r = await importFile(db, fixture('adyen-payments.csv'));
    expect(r).toMatchObject({ preset: 'psp-transactions', accepted: 2 });
    expect(db.prepare('SELECT tz, tz_assumed FROM sources').get()).toEqual({ tz: 'column:TimeZone', tz_assumed: 0 });
    const ev = events(db);
    expect(ev[0]).toMatchObject({
      ts: Date.UTC(2025, 10, 23, 5, 41, 20), transaction_id: '8815329842815468', order_id: '1042', ip: '90.12.34.56',
      email: 'jean.dupont@example.fr', customer_id: 'cus-77', decision: 'DECLINED', card_bin: '411111', card_last4: '1111',
    });
    expect(ev[1]).toMatchObject({ ts: Date.UTC(2025, 6, 14, 6, 0), card_bin: '555555', card_last4: '4444' });
    const stored = JSON.stringify(db.prepare('SELECT * FROM events').all());
    expect(stored).not.toMatch(/4111 ?1111 ?1111 ?1111/);
    expect(ev[0].raw).toContain('411111******1111');
  });

  it('antifraud-alerts and provider-api-log: offsets in the dates, kinds and fields', async () => {
    const { db } = newCase('UTC');
    const a = await importFile(db, fixture('antifraud-decisions.csv'));
    const p = await importFile(db, fixture('provider-api-calls.csv'));
    expect([a.preset, p.preset]).toEqual(['antifraud-alerts', 'provider-api-log']);
    const af = events(db, a.sourceId);
    expect(af[0]).toMatchObject({
      kind: 'antifraud_decision', ts: Date.UTC(2025, 10, 23, 6, 2, 11), decision: 'block', rule: 'MULTI_CB',
      reason: '3 distinct cards, same customer, 20 min', transaction_id: 'ch_3QaB3', order_id: '1044', ip: '90.12.34.56',
      card_key: 'fp:Yz81PqLmN0aa', email: 'jean.dupont@example.fr',
    });
    expect(JSON.parse(af[0].extra as string)).toEqual({ alert_id: 'AF-981', score: '87' });
    expect(af[1]).toMatchObject({ ts: Date.UTC(2025, 10, 23, 6, 5), decision: 'allow', rule: null });
    // No zoneless date: no zone recorded.
    expect(db.prepare('SELECT tz, tz_assumed FROM sources WHERE id = ?').get(a.sourceId)).toEqual({ tz: null, tz_assumed: 0 });
    const api = events(db, p.sourceId);
    expect(api[0]).toMatchObject({
      kind: 'provider_call', method: 'POST', path: '/wc-api/provider-webhook', status: 200, ip: '52.18.7.9',
      user_agent: 'Provider-Webhooks/2.0', order_id: '1042', transaction_id: 'ch_3QaB1', ts: Date.UTC(2025, 10, 23, 5, 41, 21),
    });
  });

  it('every preset declaration imports its own sample row', async () => {
    const dir = tmpDir();
    for (const p of CSV_PRESETS) {
      const { db } = newCase('Europe/Paris');
      const file = join(dir, `${p.name}-${p.variant}.csv`);
      writeFileSync(file, [p.sample.header, ...p.sample.rows].join('\n'));
      const r = await importFile(db, file);
      // Every row is accounted for: an event, or (Shopify line items of an order already read) skipped.
      expect([r.preset, r.accepted + (r.skipped ?? 0), r.rejected], p.variant).toEqual([p.name, p.sample.rows.length, 0]);
      expect(events(db)[0].kind).toBe(p.kind);
    }
  });
});

describe('explicit mappings', () => {
  it('maps any CSV (tab-separated), keeps unmapped columns in extra, saves the mapping as a reusable preset (audited)', async () => {
    const { db } = newCase('Europe/Paris');
    const r = await importFile(db, fixture('custom-tab.tsv'), {
      map: { timestamp: 'When', ip: 'client address', email: 'Mail' }, savePresetAs: 'helpdesk',
    });
    expect(r).toMatchObject({ format: 'csv', preset: 'helpdesk', accepted: 2 });
    const ev = events(db);
    expect(ev[0]).toMatchObject({ kind: 'record', ts: Date.UTC(2025, 10, 23, 7, 15), ip: '90.12.34.56', email: 'jean.dupont@example.fr' });
    // Formula and HTML stay inert text in extra.
    expect(JSON.parse(ev[0].extra as string)).toEqual({ Ticket: 'T-1', Note: '=HYPERLINK("http://evil")' });
    expect(JSON.parse(ev[1].extra as string).Note).toBe('<script>alert(1)</script>');
    const preset = db.prepare('SELECT * FROM presets').get() as { name: string; mapping_json: string };
    expect(preset.name).toBe('helpdesk');
    expect(JSON.parse(preset.mapping_json)).toEqual({ timestamp: 'When', ip: 'Client address', email: 'Mail' });
    expect(db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'preset.save' AND target = 'helpdesk'").get()).toEqual({ n: 1 });

    // Reuse by name on another file with the same columns.
    const dir = tmpDir();
    const second = join(dir, 'second.tsv');
    writeFileSync(second, readFileSync(fixture('custom-tab.tsv'), 'utf8').replace('T-1', 'T-9'));
    const again = await importFile(db, second, { preset: 'helpdesk' });
    expect(again).toMatchObject({ preset: 'helpdesk', accepted: 2 });
  });

  it('--preset with --map overrides the preset column choice', async () => {
    const { db } = newCase('UTC');
    await importFile(db, fixture('shop-orders-cp1252.csv'), { preset: 'shop-orders', map: { email: 'billing_email' } });
    expect(events(db)[2].email).toBe('helene.martin@example.fr');
  });

  it('tolerates trailing separators on data rows and keeps the data of a column without a header name', async () => {
    const { db } = newCase('UTC');
    const file = join(tmpDir(), 'loose.csv');
    writeFileSync(file, 'Date;IP;;Note\n2025-11-23 06:00;1.2.3.4;kept;a;\n2025-11-23 06:01;1.2.3.5;;b;;\n');
    const r = await importFile(db, file, { map: { timestamp: 'Date', ip: 'IP' } });
    expect(r).toMatchObject({ accepted: 2, rejected: 0 });
    expect(events(db).map((e) => JSON.parse(e.extra as string))).toEqual([{ column_3: 'kept', Note: 'a' }, { Note: 'b' }]);
  });

  it('a mapping naming a missing column or an unknown field is refused before importing', async () => {
    const { db } = newCase('UTC');
    await expect(importFile(db, fixture('custom-tab.tsv'), { map: { timestamp: 'Nope' } })).rejects.toThrow(/no such column/);
    await expect(importFile(db, fixture('custom-tab.tsv'), { map: { when: 'When' } as never })).rejects.toThrow(/unknown field "when"/);
    await expect(importFile(db, fixture('custom-tab.tsv'), { map: { ip: 'Client address' } })).rejects.toThrow(/no timestamp column/);
    expect(db.prepare('SELECT count(*) AS n FROM sources').get()).toEqual({ n: 0 });
  });
});

describe('planImport (what the wizard previews)', () => {
  it('says what importFile will do, without writing anything', async () => {
    const { db } = newCase('Europe/Paris');
    const plan = await planImport(db, fixture('shop-orders-cp1252.csv'));
    expect(plan).toMatchObject({
      kind: 'csv', encoding: 'windows-1252', delimiter: ';', presetLabel: 'shop-orders',
      mapping: { timestamp: 'order_date', amount: 'order_total', first_name: 'billing_first_name' },
      zone: { kind: 'given', tz: 'Europe/Paris' },
    });
    expect(plan.headLines[0].startsWith('order_id;')).toBe(true);
    expect(await planImport(db, fixture('stripe-payments.csv'))).toMatchObject({ kind: 'csv', zone: { kind: 'utc' } });
    expect(await planImport(db, fixture('adyen-payments.csv'))).toMatchObject({ kind: 'csv', zone: { kind: 'column' }, mapping: { timezone: 'TimeZone' } });
    expect(await planImport(db, fixture('nginx-main.log'))).toMatchObject({ kind: 'log', format: 'nginx-main' });
    expect(await planImport(db, fixture('nginx-json.log'))).toMatchObject({ kind: 'log', format: 'jsonl' });
    await expect(planImport(db, fixture('custom-tab.tsv'))).rejects.toThrow(/unknown format/);
    expect(db.prepare('SELECT count(*) AS n FROM sources').get()).toEqual({ n: 0 });
  });
});
