// The wizard's preview is the importer's own plan (planImport) and parser: what it shows is what the import does.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { previewImport } from '../../../src/core/import/importPreview';
import { isZoneless } from '../../../src/core/import/zoneless';
import { planImport } from '../../../src/core/import/importFile';
import { CSV_PRESETS } from '../../../src/core/import/presets';
import { APACHE_LOG, samplePath } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';

describe('import preview', () => {
  it('detects the real Apache log as combined and shows its first 20 lines as the parser reads them', async () => {
    const p = await previewImport(null, APACHE_LOG);
    expect(p.format).toBe('combined');
    expect(p.rows).toHaveLength(20);
    expect(p.headers.slice(0, 6)).toEqual(['time (UTC)', 'ip', 'client ip', 'method', 'path', 'status']);
    expect(p.rows[0].slice(0, 6)).toEqual(['2015-05-17T10:05:03.000Z', '83.149.9.216', '83.149.9.216', 'GET', '/presentations/logstash-monitorama-2013/images/kibana-search.png', '200']);
    expect(p.rows[0][8]).toMatch(/^Mozilla\/5\.0/);
    expect(p.zoneless).toBe(false);
  });

  it('shows the client address an nginx main log resolves through X-Forwarded-For', async () => {
    const p = await previewImport(null, samplePath('shop-access.log'));
    expect(p.format).toBe('nginx-main');
    expect(p.rows.some((r) => r[1] !== r[2] && /^\d+\.\d+\.\d+\.\d+$/.test(r[2]))).toBe(true);
  });

  it('recognises every CSV preset from its sample, in Windows-1252 too; zoneless exactly when the import would assume a zone', async () => {
    const dir = tmpDir();
    for (const preset of CSV_PRESETS) {
      const file = join(dir, `${preset.name}-${preset.variant}.csv`);
      writeFileSync(file, iconv.encode([preset.sample.header, ...preset.sample.rows, ''].join('\r\n'), 'win1252'));
      const { db } = newCase('Europe/Paris');
      const p = await previewImport(db, file);
      const plan = await planImport(db, file);
      expect(p.format, preset.variant).toBe('csv');
      expect(p.preset, preset.variant).toBe(preset.name);
      expect(p.mapping.timestamp, preset.variant).toBeTruthy();
      expect(p.rows.length).toBe(preset.sample.rows.length);
      if (plan.kind !== 'csv') throw new Error('not a CSV plan');
      const tsCol = p.headers.indexOf(p.mapping.timestamp!);
      // One rule: the zone rule of the importer's plan (Adyen's TimeZone column is a zone, Stripe's dates are UTC).
      expect(p.zoneless, preset.variant).toBe(plan.zone.kind === 'given' && p.rows.some((r) => isZoneless(r[tsCol])));
    }
  });

  it('an Adyen report with its TimeZone column is not zoneless: the column gives the zone, as in the import', async () => {
    const adyen = CSV_PRESETS.find((p) => p.variant === 'adyen')!;
    const file = join(tmpDir(), 'adyen.csv');
    writeFileSync(file, [adyen.sample.header, ...adyen.sample.rows].join('\n'));
    const p = await previewImport(null, file);
    expect(p.zoneless).toBe(false);
  });

  it('keeps an unknown CSV unmapped, and applies an explicit mapping', async () => {
    const file = join(tmpDir(), 'custom.csv');
    writeFileSync(file, 'When;Client;Montant;Adresse IP\n23/11/2025 06:41;Jean;12,50;90.14.207.118\n');
    const p = await previewImport(null, file);
    expect(p.preset).toBeNull();
    expect(p.mapping).toEqual({});
    expect(p.headers).toEqual(['When', 'Client', 'Montant', 'Adresse IP']);
    const mapped = await previewImport(null, file, { mapping: { timestamp: 'When', ip: 'Adresse IP', amount: 'Montant' } });
    expect(mapped.mapping).toEqual({ timestamp: 'When', ip: 'Adresse IP', amount: 'Montant' });
    expect(mapped.zoneless).toBe(true);
  });

  it('refuses a missing or empty file with a clear message', async () => {
    const dir = tmpDir();
    await expect(previewImport(null, join(dir, 'nope.csv'))).rejects.toThrow(/cannot read/);
    writeFileSync(join(dir, 'empty.log'), '\n\n');
    await expect(previewImport(null, join(dir, 'empty.log'))).rejects.toThrow(/is empty/);
  });

  it('tells zoneless dates from dates with an offset', () => {
    expect(isZoneless('2025-11-23 06:41:12')).toBe(true);
    expect(isZoneless('23/11/2025 06:41')).toBe(true);
    expect(isZoneless('2025-11-23T06:41:12Z')).toBe(false);
    expect(isZoneless('2025-11-23T06:41:12+01:00')).toBe(false);
    expect(isZoneless('not a date')).toBe(false);
  });
});

describe('preview of a PayPal download whose dates read both ways', () => {
  it('says the day/month order is open (the wizard asks), and the import with dateOrder uses it', async () => {
    const paypal = CSV_PRESETS.find((p) => p.variant === 'paypal')!;
    const file = join(tmpDir(), 'Download.CSV');
    writeFileSync(file, [paypal.sample.header, paypal.sample.rows[0].replace('"23/11/2025"', '"01/02/2025"')].join('\n'));
    const p = await previewImport(null, file);
    expect(p).toMatchObject({ preset: 'psp-transactions', dateOrderOpen: true });
    const clear = join(tmpDir(), 'Download2.CSV');
    writeFileSync(clear, [paypal.sample.header, ...paypal.sample.rows].join('\n'));
    expect((await previewImport(null, clear)).dateOrderOpen).toBeUndefined();
  });

  it('shows dates of the file read both ways, and asks only when no date of the whole file tells the order', async () => {
    const paypal = CSV_PRESETS.find((p) => p.variant === 'paypal')!;
    const row = (date: string) => paypal.sample.rows[0].replace('"23/11/2025"', `"${date}"`);
    const ambiguous = Array.from({ length: 1500 }, (_, i) => row(`0${(i % 9) + 1}/02/2025`));
    const file = join(tmpDir(), 'Download.CSV');
    writeFileSync(file, [paypal.sample.header, ...ambiguous].join('\n'));
    const p = await previewImport(null, file);
    expect(p.dateOrderOpen).toBe(true);
    expect(p.dateOrderExamples![0]).toEqual({ text: '01/02/2025', dmy: { year: 2025, month: 2, day: 1 }, mdy: { year: 2025, month: 1, day: 2 } });
    expect(p.dateOrderExamples).toHaveLength(3);
    expect(p.lacks?.map((l) => l.field)).toEqual(['ip']);
    // Past the head (64 KiB), one date that reads only one way settles it: the preview does not ask.
    const settled = join(tmpDir(), 'Download2.CSV');
    writeFileSync(settled, [paypal.sample.header, ...ambiguous, row('02/13/2025')].join('\n'));
    const q = await previewImport(null, settled);
    expect(q.dateOrderOpen).toBeUndefined();
    expect((await planImport(null, settled))).toMatchObject({ dateOrder: 'mdy' });
  });
});
