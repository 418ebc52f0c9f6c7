// Column suggestions of the import wizard on real-world French and English headers, and by content.
import { describe, expect, it } from 'vitest';
import { missingForImport, normaliseHeader, suggestMapping } from '../../src/renderer/import/suggestMapping';

describe('import mapping suggestions', () => {
  it('reads French headers with accents, "N°" and units', () => {
    const headers = ['N° commande', 'Date de commande', 'Adresse IP', 'E-mail', 'Montant TTC', 'Devise', 'Téléphone', 'Référence transaction'];
    const s = Object.fromEntries(suggestMapping(headers, [], {}).map((x) => [x.field, x.header]));
    expect(s).toMatchObject({
      order_id: 'N° commande', timestamp: 'Date de commande', ip: 'Adresse IP', email: 'E-mail', amount: 'Montant TTC',
      currency: 'Devise', phone: 'Téléphone', transaction_id: 'Référence transaction',
    });
    expect(normaliseHeader('  N°  Commande ')).toBe('n commande');
  });

  it('falls back on what the columns hold, never reuses a header or overrides the mapping', () => {
    const headers = ['col1', 'col2', 'col3', 'Email'];
    const rows = [
      ['2025-11-23 07:02:04', '90.14.207.118', '54,00', 'a@example.fr'],
      ['2025-11-23 07:05:10', '2a01:cb00::1', '210,00', 'b@example.fr'],
      ['2025-11-23 07:09:00', '51.91.102.137', '12,50', 'c@example.fr'],
    ];
    const s = suggestMapping(headers, rows, { email: 'Email' });
    expect(s).toEqual([
      { field: 'ip', header: 'col2', why: 'content' },
      { field: 'timestamp', header: 'col1', why: 'content' },
      { field: 'amount', header: 'col3', why: 'content' },
    ]);
  });

  it('says what a mapping lacks before an import can work', () => {
    expect(missingForImport({})).toHaveLength(2);
    expect(missingForImport({ timestamp: 'Date' })).toEqual(['ui.iw.missing.identifier']);
    expect(missingForImport({ timestamp: 'Date', email: 'Mail' })).toEqual([]);
  });

  it('stays fast and bounded on hostile megabyte cells', () => {
    const huge = 'a'.repeat(1_000_000) + '@x';
    const t0 = performance.now();
    suggestMapping(['x'], [[huge], [huge]], {});
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
