import { afterEach, describe, expect, it } from 'vitest';
import { runFindings, worstWindow, type Attempt } from '../../../src/core/analysis/findings';
import { translator } from '../../../src/core/i18n/translator';
import type { Finding } from '../../../src/core/analysis/types';
import { ANDROID, CHROME, HOUR, MIN, newCase, T0, type TestCase } from '../../support/newCase';

let c: TestCase;
afterEach(() => c?.close());

const HOME = '90.14.207.118'; // Orange residential
const VPS = '51.38.0.10'; // OVH hosting

/** A shop order + PSP payment pair as two sources would write them: the payment has no IP, the order has. */
function orderAndPayment(
  c: TestCase,
  o: { n: number; ts: number; email: string; cid: string; ip: string; ua: string; card: string; amount: number; ok: boolean; name?: string; bin?: string },
) {
  c.add({ kind: 'order', ts: o.ts - 7000, order_id: `O${o.n}`, transaction_id: `ch_${o.n}`, email: o.email, customer_id: o.cid, ip: o.ip, user_agent: o.ua, amount: o.amount, decision: o.ok ? 'completed' : 'failed' });
  return c.add({
    kind: 'payment', ts: o.ts, transaction_id: `ch_${o.n}`, order_id: `O${o.n}`, email: o.email, customer_id: `cus_${o.cid}`,
    card_key: o.card, card_bin: o.bin ?? null, amount: o.amount, decision: o.ok ? 'Paid' : 'Failed', name: o.name ?? null,
  });
}

const byRule = (fs: Finding[], rule: string, value?: string) => fs.filter((f) => f.rule === rule && (value === undefined || f.subject.value === value));

describe('multi-card rules', () => {
  it('household: two cards, one device, one home IP, authorised payments → MC-1 assessed legitimate, no CT-1', () => {
    c = newCase();
    const j = { email: 'Julien.Moreau@example.net', cid: '1874', ip: HOME, ua: CHROME };
    orderAndPayment(c, { n: 1, ts: T0, ...j, card: 'fpJulien', amount: 148, ok: true, name: 'JULIEN MOREAU' });
    orderAndPayment(c, { n: 2, ts: T0 + 7 * MIN, ...j, card: 'fpJulien', amount: 210, ok: false, name: 'JULIEN MOREAU' });
    orderAndPayment(c, { n: 3, ts: T0 + 11 * MIN, ...j, card: 'fpClaire', amount: 210, ok: true, name: 'CLAIRE MOREAU' });
    c.add({ kind: 'antifraud_decision', ts: T0 + 21 * MIN, decision: 'block', rule: 'Multi-CB', transaction_id: 'ch_4', order_id: 'O4', email: j.email, ip: HOME, card_key: 'fpJulien' });
    const fs = runFindings(c.db);
    const mc1 = byRule(fs, 'MC-1', 'julien.moreau@example.net');
    expect(mc1).toHaveLength(1);
    expect(mc1[0].metric).toEqual({ value: 2, threshold: 2, windowHours: 24 });
    expect(mc1[0].assessment.label).toBe('likely-legitimate-shared-cards');
    expect(mc1[0].assessment.householdSignals.join(' | ')).toMatch(/one device/);
    expect(mc1[0].assessment.householdSignals.join(' | ')).toMatch(/AS3215/);
    // cardholder names are typed by the payer: reported as weak, never weighed for the household
    expect(mc1[0].assessment.householdSignals.join(' | ')).not.toMatch(/family name/);
    expect(mc1[0].assessment.weakSignals?.join(' | ')).toMatch(/family name .*weak either way/);
    expect(mc1[0].assessment.cardTestingSignals).toEqual([]);
    expect(mc1[0].summary).toMatch(/Multi-CB/);
    // the PSP rows had no IP: the device came from the joined shop orders
    expect(mc1[0].evidenceEventIds.length).toBeGreaterThanOrEqual(4);
    expect(byRule(fs, 'CT-1')).toEqual([]);
    expect(fs.every((f) => f.assessment.label !== 'likely-card-testing')).toBe(true);
  });

  it('window boundary: cards exactly 24 h apart are not in one window; 1 ms less and they are', () => {
    c = newCase();
    const base = { email: 'a@example.org', cid: '1', ip: HOME, ua: CHROME, amount: 50, ok: true };
    orderAndPayment(c, { n: 1, ts: T0, ...base, card: 'A' });
    orderAndPayment(c, { n: 2, ts: T0 + 24 * HOUR, ...base, card: 'B' });
    expect(byRule(runFindings(c.db), 'MC-1')).toHaveLength(0);
    c.close();
    c = newCase();
    orderAndPayment(c, { n: 1, ts: T0, ...base, card: 'A' });
    orderAndPayment(c, { n: 2, ts: T0 + 24 * HOUR - 1, ...base, card: 'B' });
    expect(byRule(runFindings(c.db), 'MC-1')).toHaveLength(1);
  });

  it('thresholds are configurable', () => {
    c = newCase();
    const base = { email: 'a@example.org', cid: '1', ip: HOME, ua: CHROME, amount: 50, ok: true };
    orderAndPayment(c, { n: 1, ts: T0, ...base, card: 'A' });
    orderAndPayment(c, { n: 2, ts: T0 + MIN, ...base, card: 'B' });
    expect(byRule(runFindings(c.db), 'MC-1')).toHaveLength(1);
    expect(byRule(runFindings(c.db, { cardsPerEmail24h: 3 }), 'MC-1')).toHaveLength(0);
  });

  it('rows without card data are ignored; a brand+last4 key is flagged weaker', () => {
    c = newCase();
    c.add({ kind: 'payment', ts: T0, email: 'b@example.org', decision: 'Paid', amount: 20 });
    c.add({ kind: 'payment', ts: T0 + MIN, email: 'b@example.org', decision: 'Paid', amount: 20, card_key: 'Visa|4242', card_key_kind: 'brand_last4' });
    c.add({ kind: 'payment', ts: T0 + 2 * MIN, email: 'b@example.org', decision: 'Paid', amount: 20, card_key: 'Visa|1881', card_key_kind: 'brand_last4' });
    const mc1 = byRule(runFindings(c.db), 'MC-1');
    expect(mc1).toHaveLength(1);
    expect(mc1[0].metric.value).toBe(2);
    expect(mc1[0].weakCardKey).toBe(true);
    expect(mc1[0].assessment.text).toMatch(/brand \+ last 4/);
  });

  it('MC-2 per IP works on IPv6 client addresses resolved from X-Forwarded-For', () => {
    c = newCase();
    const v6 = '2a01:cb00:1234::42';
    for (let i = 0; i < 4; i++) {
      c.add({ kind: 'payment', ts: T0 + i * 5 * MIN, ip: '10.0.0.2', xff: `${v6}, 10.0.0.2`, client_ip: v6, email: `p${i}@example.org`, card_key: `K${i}`, decision: 'Paid', amount: 30 });
    }
    const fs = runFindings(c.db);
    const ip1h = byRule(fs, 'MC-2', v6).find((f) => f.metric.windowHours === 1)!;
    expect(ip1h.metric.value).toBe(4);
    // the proxy hop is never the subject
    expect(fs.some((f) => f.subject.value === '10.0.0.2')).toBe(false);
  });

  it('MC-3 card used by several customers; MC-4 declines per card', () => {
    c = newCase();
    c.add({ kind: 'payment', ts: T0, email: 'x@example.org', card_key: 'SHARED', decision: 'Paid', amount: 40 });
    c.add({ kind: 'payment', ts: T0 + HOUR * 30, email: 'y@example.org', card_key: 'SHARED', decision: 'Paid', amount: 40 });
    for (let i = 0; i < 3; i++) c.add({ kind: 'payment', ts: T0 + i * HOUR, email: 'z@example.org', card_key: 'BAD', decision: 'Failed', transaction_id: `t${i}`, amount: 40 });
    const fs = runFindings(c.db);
    expect(byRule(fs, 'MC-3', 'SHARED')[0].metric.value).toBe(2);
    expect(byRule(fs, 'MC-3', 'BAD')).toHaveLength(0);
    expect(byRule(fs, 'MC-4', 'BAD')[0].metric.value).toBe(3);
    expect(byRule(fs, 'MC-4', 'SHARED')).toHaveLength(0);
  });

  it('a PSP row and an anti-fraud row of the same transaction count as one decline', () => {
    c = newCase();
    for (let i = 0; i < 2; i++) {
      c.add({ kind: 'payment', ts: T0 + i * HOUR, card_key: 'C', decision: 'Failed', transaction_id: `t${i}` });
      c.add({ kind: 'antifraud_decision', ts: T0 + i * HOUR + 1000, card_key: 'C', decision: 'block', transaction_id: `t${i}` });
    }
    expect(byRule(runFindings(c.db), 'MC-4')).toHaveLength(0); // 2 attempts < 3
  });

  it('card testing: a burst of small declined attempts on one BIN from a hosting IP → CT-1, likely card testing', () => {
    c = newCase();
    for (let i = 0; i < 12; i++) {
      c.add({
        kind: 'payment', ts: T0 + i * 8000, ip: VPS, user_agent: 'python-requests/2.32.3', email: `t${i}@mail.example`,
        card_key: `CT${i}`, card_bin: '497010', amount: 1, decision: i % 4 === 0 ? 'Paid' : 'Failed', transaction_id: `ct${i}`,
      });
    }
    const fs = runFindings(c.db);
    const ct = byRule(fs, 'CT-1', '497010');
    expect(ct).toHaveLength(1);
    expect(ct[0].severity).toBe('high');
    expect(ct[0].assessment.label).toBe('likely-card-testing');
    const signals = ct[0].assessment.cardTestingSignals.join(' | ');
    expect(signals).toMatch(/hosting\/VPN address 51\.38\.0\.10/);
    expect(signals).toMatch(/small-amount/);
    expect(signals).toMatch(/seconds apart/);
    expect(signals).toMatch(/9 of 12 attempts declined/);
    const ip = byRule(fs, 'MC-2', VPS)[0];
    expect(ip.assessment.label).toBe('likely-card-testing');
  });

  it('CT-1 needs speed: the same attempts spread over hours do not fire', () => {
    c = newCase();
    for (let i = 0; i < 8; i++) {
      c.add({ kind: 'payment', ts: T0 + i * 40 * MIN, ip: HOME, user_agent: ANDROID, card_key: `S${i % 2}`, card_bin: '497010', amount: 60, decision: 'Failed', transaction_id: `s${i}` });
    }
    expect(byRule(runFindings(c.db), 'CT-1')).toHaveLength(0);
  });
});

describe('worstWindow', () => {
  const at = (ts: number, card: string) => ({ ts, card }) as Attempt;
  it('finds the window with most distinct keys in linear time', () => {
    const list = [at(0, 'a'), at(HOUR, 'a'), at(2 * HOUR, 'b'), at(2 * HOUR + 1, 'c'), at(5 * HOUR, 'd')];
    const w = worstWindow(list, 1, (a) => a.card);
    expect(w.value).toBe(2);
    expect(w.items.map((a) => a.card)).toEqual(['b', 'c']);
    const big = Array.from({ length: 200_000 }, (_, i) => at(i * 1000, String(i % 50)));
    const t0 = performance.now();
    expect(worstWindow(big, 1, (a) => a.card).value).toBe(50);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('finding windows in the case zone (review R1)', () => {
  it('summaries give the window in the case zone with UTC beside it', () => {
    c = newCase('Europe/Paris');
    const j = { email: 'julien.moreau@example.net', cid: '1874', ip: HOME, ua: CHROME };
    orderAndPayment(c, { n: 1, ts: T0 + 41 * MIN + 23_000, ...j, card: 'fpJulien', amount: 148, ok: true });
    orderAndPayment(c, { n: 2, ts: T0 + 62 * MIN + 6_000, ...j, card: 'fpClaire', amount: 210, ok: true });
    const mc1 = byRule(runFindings(c.db), 'MC-1', 'julien.moreau@example.net');
    expect(mc1).toHaveLength(1);
    expect(mc1[0].summary).toContain('(2025-11-23 06:41:23 → 2025-11-23 07:02:06 Paris time, UTC 2025-11-23 05:41:23 → 2025-11-23 06:02:06)');
    // the same summary as a message, written by a French host the French way
    expect(translator('fr').msg(mc1[0].summaryMsg!).replace(/[\u00A0\u202F]/g, ' ')).toContain(
      '2 cartes distinctes pour l’adresse e-mail julien.moreau@example.net en 24 h (du 23/11/2025 06:41:23 au 23/11/2025 07:02:06, heure de Paris ; UTC : 23/11/2025 05:41:23 → 23/11/2025 06:02:06) ; seuil 2',
    );
    expect(mc1[0].window.from).toBe('2025-11-23T05:41:23.000Z'); // the machine-readable window stays UTC ISO
  });

  it('a UTC case gives its window once, in UTC', () => {
    c = newCase('UTC');
    const j = { email: 'julien.moreau@example.net', cid: '1874', ip: HOME, ua: CHROME };
    orderAndPayment(c, { n: 1, ts: T0 + 41 * MIN + 23_000, ...j, card: 'fpJulien', amount: 148, ok: true });
    orderAndPayment(c, { n: 2, ts: T0 + 62 * MIN + 6_000, ...j, card: 'fpClaire', amount: 210, ok: true });
    const [mc1] = byRule(runFindings(c.db), 'MC-1', 'julien.moreau@example.net');
    expect(mc1.summary).toMatch(/within 24 h \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d → \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\); threshold 2/);
  });
});
