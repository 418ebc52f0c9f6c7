// The wizard's preview uses the importer's own sniffing and presets: what it shows is what the import does.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { previewFile, isZoneless } from '../../src/core/import/importPreview';
import { CSV_PRESETS } from '../../src/core/import/presets';

const dir = mkdtempSync(join(tmpdir(), 'alibi-preview-'));
const APACHE_LOG = resolve(__dirname, '../../../shared/data/external/apache_combined_10k.log');

describe('import preview', () => {
  it('detects the real Apache log as combined and shows its first 20 lines split into fields', async () => {
    const p = await previewFile(APACHE_LOG);
    expect(p.format).toBe('combined');
    expect(p.rows).toHaveLength(20);
    expect(p.rows[0].slice(0, 5)).toEqual(['83.149.9.216', '-', '17/May/2015:10:05:03 +0000', 'GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1', '200']);
    expect(p.zoneless).toBe(false);
    // combined has no X-Forwarded-For column: its headers follow its own captures
    expect(p.headers).toEqual(['ip', 'user', 'time', 'request', 'status', 'bytes', 'referer', 'user agent', 'appended fields']);
    expect(p.rows[0][7]).toMatch(/^Mozilla\/5\.0/);
  });

  it('shows the X-Forwarded-For chain of an nginx main log in its own column', async () => {
    const p = await previewFile(resolve(__dirname, '../../resources/sample/shop-access.log'));
    expect(p.format).toBe('nginx-main');
    expect(p.headers[8]).toBe('x-forwarded-for');
    expect(p.rows.some((r) => /^\d+\.\d+\.\d+\.\d+/.test(r[8]))).toBe(true);
  });

  it('recognises every CSV preset from its sample, in Windows-1252 too, and flags zoneless dates', async () => {
    for (const preset of CSV_PRESETS) {
      const file = join(dir, `${preset.name}-${preset.variant}.csv`);
      writeFileSync(file, iconv.encode([preset.sample.header, ...preset.sample.rows, ''].join('\r\n'), 'win1252'));
      const p = await previewFile(file);
      expect(p.format, preset.name).toBe('csv');
      expect(p.preset, `${preset.name} (${preset.variant})`).toBe(preset.name);
      expect(p.mapping.timestamp, preset.name).toBeTruthy();
      expect(p.rows.length).toBe(preset.sample.rows.length);
      const tsCol = p.headers.indexOf(p.mapping.timestamp!);
      const expectZoneless = preset.zone !== 'UTC' && p.rows.some((r) => isZoneless(r[tsCol]));
      expect(p.zoneless, preset.name).toBe(expectZoneless);
    }
  });

  it('keeps an unknown CSV unmapped except obvious names, and applies an explicit mapping', async () => {
    const file = join(dir, 'custom.csv');
    writeFileSync(file, 'When;Client;Montant;Adresse IP\n23/11/2025 06:41;Jean;12,50;90.14.207.118\n');
    const p = await previewFile(file);
    expect(p.preset).toBeNull();
    expect(p.headers).toEqual(['When', 'Client', 'Montant', 'Adresse IP']);
    const mapped = await previewFile(file, { mapping: { timestamp: 'When', ip: 'Adresse IP', amount: 'Montant' } });
    expect(mapped.mapping).toEqual({ timestamp: 'When', ip: 'Adresse IP', amount: 'Montant' });
    expect(mapped.zoneless).toBe(true);
  });

  it('refuses a missing or empty file with a clear message', async () => {
    await expect(previewFile(join(dir, 'nope.csv'))).rejects.toThrow(/cannot read/);
    writeFileSync(join(dir, 'empty.log'), '\n\n');
    await expect(previewFile(join(dir, 'empty.log'))).rejects.toThrow(/is empty/);
  });

  it('tells zoneless dates from dates with an offset', () => {
    expect(isZoneless('2025-11-23 06:41:12')).toBe(true);
    expect(isZoneless('23/11/2025 06:41')).toBe(true);
    expect(isZoneless('2025-11-23T06:41:12Z')).toBe(false);
    expect(isZoneless('2025-11-23T06:41:12+01:00')).toBe(false);
    expect(isZoneless('not a date')).toBe(false);
  });
});
