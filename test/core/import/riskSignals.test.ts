// Provider risk columns land normalised in extra.risk (the vocabulary of RiskSignals in types.ts).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { CSV_PRESETS } from '../../../src/core/import/presets';
import { newCase, tmpDir } from '../../support/newCase';
import { events } from '../../support/caseState';

function sampleFile(variant: string): string {
  const p = CSV_PRESETS.find((x) => x.variant === variant)!;
  const file = join(tmpDir(), `${variant}.csv`);
  writeFileSync(file, [p.sample.header, ...p.sample.rows].join('\n'));
  return file;
}
const risk = (extra: unknown) => (typeof extra === 'string' ? JSON.parse(extra).risk : undefined);

describe('provider risk columns', () => {
  it('Stripe: issue country, funding, CVC/AVS, decline code from the Seller Message; none on a paid charge', async () => {
    const { db } = newCase();
    await importFile(db, sampleFile('stripe'));
    const ev = events(db);
    expect(risk(ev[0].extra)).toEqual({
      card_country: 'FR', billing_country: 'FR', card_funding: 'credit', cvc_check: 'pass', avs_check: 'pass', decline_code: 'insufficient_funds',
    });
    expect(ev[0].reason).toBe('The bank returned the decline code `insufficient_funds`.');
    expect(risk(ev[1].extra)).toEqual({ card_country: 'BE', billing_country: 'FR', card_funding: 'debit', cvc_check: 'pass', avs_check: 'pass' });
    expect(risk(ev[2].extra)).toMatchObject({ card_country: 'US', card_funding: 'prepaid', cvc_check: 'fail', avs_check: 'unavailable', decline_code: 'incorrect_cvc' });
    // Raw unmapped columns stay beside it.
    expect(JSON.parse(ev[0].extra as string)['Card Tokenization Method']).toBeUndefined();
    expect(JSON.parse(ev[1].extra as string)['Card Tokenization Method']).toBe('apple_pay');
  });

  it('Adyen: risk score, issuer country, CVC2 and 3-D Secure results, refusal reason as a decline code', async () => {
    const { db } = newCase();
    await importFile(db, sampleFile('adyen'));
    const ev = events(db);
    expect(risk(ev[0].extra)).toEqual({
      card_country: 'FR', billing_country: 'FR', cvc_check: 'pass', avs_check: 'pass', three_ds: 'authenticated', risk_score: 15,
    });
    expect(risk(ev[1].extra)).toEqual({ card_country: 'US', billing_country: 'US', cvc_check: 'fail', avs_check: 'unavailable', risk_score: 110, decline_code: 'incorrect_cvc' });
    expect(ev[1]).toMatchObject({ decision: 'CVC Declined', ip: '185.220.101.4', card_bin: '545454', card_last4: '5454' });
  });

  it('a mapped risk column with hostile or unusable text stores nothing for it', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'm.csv');
    writeFileSync(file, `when,country,cvc,score\n2025-11-23T06:00:00Z,<script>,${'x'.repeat(100_000)},1e9999\n`);
    await importFile(db, file, { map: { timestamp: 'when', card_country: 'country', cvc_check: 'cvc', risk_score: 'score' } });
    expect(risk(events(db)[0].extra)).toEqual({ cvc_check: 'unavailable' });
  });
});
