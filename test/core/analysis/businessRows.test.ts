// The order/payment/decision/record rows read once for the links, the rules and the clock checks: the same rows, in
// id order, with the same values as the `events` view gives them, in the compact layout and in an older (v3) case;
// the payments without an address among them are those the per-address pass would read again;
// and the risk facts of a payment whose `extra` is too long to keep with the row are read again when a rule asks.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../../src/core/casefile/caseFile';
import { readBusinessRows, type BusinessRows } from '../../../src/core/analysis/businessRows';
import { loadAttempts } from '../../../src/core/analysis/findings';
import { buildCaseLinks } from '../../../src/core/analysis/caseLinks';
import { addresslessPayments, aggregateIps } from '../../../src/core/analysis/ipAggregate';
import { buildSampleCase } from '../../support/sampleCase';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { riskFacts } from '../../../src/core/analysis/riskFacts';
import { MIN, newCase, T0, tmpDir, type TestCase } from '../../support/newCase';

let c: TestCase;
afterEach(() => c?.close());

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
/** An export's unmapped columns: kilobytes of `extra` beside the one risk column a rule reads. */
const longExtra = (country: string) => {
  const o: Record<string, string> = {};
  for (let i = 0; i < 40; i++) o[`Unmapped Column ${i}`] = `value ${i} ${'x'.repeat(20)}`;
  o['Card Issue Country'] = country;
  o['Card CVC Status'] = 'fail';
  return JSON.stringify(o);
};

function mixedCase(): TestCase {
  const t = newCase();
  // in time order unlike id order: the index gives kind then time, the readers want id order
  t.add({ kind: 'http_request', ts: T0, ip: '90.14.207.118', method: 'GET', path: '/', status: 200, user_agent: CHROME });
  t.add({ kind: 'payment', ts: T0 + 9 * MIN, order_id: 'O2', transaction_id: 'ch_2', email: 'Lea@Example.org', customer_id: 'cus_7', card_key: 'fp:b', card_key_kind: 'fingerprint', card_bin: '497010', amount: 20, decision: 'Failed', reason: 'Your card was declined.', extra: longExtra('US') });
  t.add({ kind: 'order', ts: T0 + 8 * MIN, order_id: 'O2', transaction_id: 'ch_2', email: 'lea@example.org', customer_id: '7', ip: '90.14.207.118', user_agent: CHROME, amount: 20, decision: 'failed' });
  t.add({ kind: 'order', ts: T0 + MIN, order_id: 'O1', transaction_id: 'ch_1', email: 'lea@example.org', customer_id: '7', ip: '90.14.207.118', client_ip: '90.14.207.118', user_agent: CHROME, amount: 54, decision: 'processing' });
  t.add({ kind: 'payment', ts: T0 + 2 * MIN, order_id: 'O1', transaction_id: 'ch_1', card_key: 'fp:a', card_key_kind: 'fingerprint', amount: 54, decision: 'Paid', extra: JSON.stringify({ 'Card Issue Country': 'FR' }) });
  t.add({ kind: 'antifraud_decision', ts: T0 + 3 * MIN, transaction_id: 'ch_1', card_key: 'fp:a', decision: 'allow', rule: 'velocity', extra: JSON.stringify({ risk: { risk_score: 12 } }) });
  t.add({ kind: 'antifraud_decision', ts: T0 + 4 * MIN, decision: 'review' }); // names nothing: read all the same
  t.add({ kind: 'record', ts: T0, email: 'lea@example.org', customer_id: '7' });
  t.add({ kind: 'record', ts: T0 + 5 * MIN, name: 'Léa' }); // a record naming no order, transaction, e-mail or customer
  t.add({ kind: 'provider_call', ts: T0 + 2 * MIN + 2000, ip: '51.91.102.137', method: 'POST', path: '/notify?order_id=O1', status: 200, order_id: 'O1' });
  return t;
}

/** The rows as the `events` view gives them, one plain query: the reference the shared read must match. */
function viewRows(db: Database.Database) {
  return db
    .prepare(
      `SELECT id, ts, kind, source_id, order_id, transaction_id, customer_id, email, coalesce(client_ip, ip), user_agent, card_key,
         card_key_kind, card_bin, card_last4, card_brand, name, amount, decision, status, rule, reason,
         CASE WHEN card_key IS NOT NULL THEN extra END
       FROM events WHERE kind IN ('order','payment','antifraud_decision')
         OR (kind = 'record' AND (order_id IS NOT NULL OR transaction_id IS NOT NULL OR email IS NOT NULL OR customer_id IS NOT NULL))
       ORDER BY id`,
    )
    .raw()
    .all();
}

function asRows(b: BusinessRows) {
  const cols = [b.id, b.ts, b.kind, b.sourceId, b.orderId, b.tx, b.customerId, b.email, b.addr, b.ua, b.card, b.cardKind, b.bin, b.last4, b.brand, b.name, b.amount, b.decision, b.status, b.rule, b.reason];
  return Array.from({ length: b.length }, (_, i) => {
    const x = b.extra[i];
    return [...cols.map((col) => col[i]), typeof x === 'function' ? x(b.id[i]) : x];
  });
}

describe('business rows read once', () => {
  it('gives the rows of the events view, in id order, with every value as written (compact and v3 layouts)', () => {
    c = mixedCase();
    const expected = viewRows(c.db);
    expect(expected.length).toBe(7); // not the web request, the provider call, nor the record naming nothing
    const rows = readBusinessRows(c.db);
    expect(asRows(rows)).toEqual(expected);
    expect(rows.id).toEqual([...rows.id].sort((a, b) => a - b));
    // the long `extra` is not kept with its row but read again by id
    expect(typeof rows.extra[rows.id.indexOf(2)]).toBe('function');

    const v3 = new Database(join(tmpDir(), 'v3.alibi'));
    migrate(v3, 3);
    v3.exec(`ATTACH '${c.path.replace(/'/g, "''")}' AS compact`);
    v3.exec('INSERT OR REPLACE INTO meta SELECT * FROM compact.meta; INSERT INTO sources SELECT * FROM compact.sources; INSERT INTO events SELECT * FROM compact.events; DETACH compact');
    expect(asRows(readBusinessRows(v3))).toEqual(expected);
    v3.close();
  });

  it('an attempt whose extra is too long to keep gets its risk facts read when a rule asks', () => {
    c = mixedCase();
    const attempts = loadAttempts(c.db);
    const long = attempts.find((a) => a.id === 2)!;
    expect(long.risk).toEqual(riskFacts(longExtra('US')));
    expect(long.risk.cardCountry).toBe('US');
    expect(long.risk.cvc).toBe('fail');
    expect(attempts.find((a) => a.id === 5)!.risk.cardCountry).toBe('FR');
    expect(attempts.find((a) => a.id === 6)!.risk.riskScore).toBe(12);
    // the payment without an address or user agent takes its order's; the customer is the e-mail's main id
    expect(long).toMatchObject({ ip: '90.14.207.118', ua: CHROME, customer: '7', email: 'lea@example.org', outcome: 'declined' });
  });

  it('the payments without an address are taken from the rows as the links would read them again, and the pass gives the same aggregates', async () => {
    c = mixedCase();
    // a PSP row with its own user agent and no address: attributed to its order's address, its agent counted there
    c.add({ kind: 'payment', ts: T0 + 3 * MIN, order_id: 'O1', transaction_id: 'ch_1b', card_key: 'fp:c', user_agent: 'Stripe/1.0', amount: 54, decision: 'Failed', email: 'other@example.org' });
    const rows = readBusinessRows(c.db);
    const links = buildCaseLinks(c.db, rows);
    const fromRows = addresslessPayments(rows);
    const reread = [...links.paymentsWithoutIp()].map((r) => [r[0], r[1], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13]]);
    expect(fromRows.map((r) => r[0])).toEqual([2, 5, 11]);
    expect(fromRows).toEqual(reread);
    const same = aggregateIps(c.db, links, fromRows);
    expect(fromRows).toEqual([]); // consumed: not kept alive through the rest of the analysis by the caller
    expect(same).toEqual(aggregateIps(c.db, links));
    expect(same.ips.get('90.14.207.118')!.uas.get('Stripe/1.0')).toBe(1);

    const sample = new Database((await buildSampleCase()).casePath, { readonly: true });
    const sampleRows = readBusinessRows(sample);
    const sampleLinks = buildCaseLinks(sample, sampleRows);
    const sampleAddressless = addresslessPayments(sampleRows);
    expect(sampleAddressless.length).toBeGreaterThan(10);
    expect(aggregateIps(sample, sampleLinks, sampleAddressless)).toEqual(aggregateIps(sample, sampleLinks));
    sample.close();
  });

  it('the links, kept with the case, do not keep the rows they were built from alive', async () => {
    c = mixedCase();
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let rows: BusinessRows | undefined = readBusinessRows(c.db);
    const links = buildCaseLinks(c.db, rows);
    const ref = new WeakRef(rows.email);
    rows = undefined;
    await new Promise((r) => setTimeout(r, 0)); // a WeakRef keeps its target until the current job ends
    gc();
    expect(ref.deref()).toBeUndefined();
    expect(links.order('O2', null)?.customer).toBe('7');
  });
});
