// What the analyst must decide, printed by the CLI: role conflicts ("analyst decision needed"), block proposals
// (narrowest first, each with its duration and what it would cut), severity notes and clock checks — the same
// wording as the app, from the same analysis.
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/core/analysis/analyze';
import { alibi } from '../support/cli';
import { CHROME, HOUR, MIN, newCase, T0 } from '../support/newCase';
import { attempt, cardTester, DECISION, decisionCase, NET, ordinaryDay } from '../support/scenarios';

describe('alibi ips / analyze / block-impact: decisions to take', () => {
  const c = newCase();
  decisionCase(c);
  const a = analyzeCase(c.db);
  c.db.close();

  it('the case has a conflict and a /24 proposal (what the texts below print)', () => {
    expect(a.ips.find((p) => p.ip === DECISION.conflicted)?.conflict).toBeDefined();
    const b = a.blocks.find((x) => x.ip === DECISION.testerA)!;
    expect(b.role).toBe('attacker');
    expect(b.proposals.map((p) => [p.scope, p.target, p.hours])).toEqual([['address', DECISION.testerA, 720], ['prefix', '162.243.150.0/24', 24]]);
  });

  it('`alibi ips` prints the conflict and the block proposals with their impact', () => {
    const r = alibi('ips', c.path, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const conflicts = r.out.slice(r.out.indexOf('conflicts — analyst decision needed:'));
    expect(conflicts).toMatch(new RegExp(`${DECISION.conflicted.replace(/\./g, '\\.')} \\(provider\\): conflict: evidence for payment provider \\(server-to-server\\) and for attacker \\(abusive automation\\) — analyst decision needed`));
    // the testers' orders are their throwaway identities': not business the block would cut, reported apart
    expect(r.out).toMatch(new RegExp(`block ${DECISION.testerA.replace(/\./g, '\\.')} for 30 days: safe to block — would cut 0 customers, 0 orders, 0 legitimate payments, 0 provider calls; stops \\d+ abusive events of \\d+; not counted: 8 orders by the tester's throwaway identities`));
    expect(r.out).toMatch(/block the range 162\.243\.150\.0\/24 for 24 hours: safe to block — would cut 0 customers, 0 orders, 0 legitimate payments, 0 provider calls; stops \d+ abusive events of \d+; not counted: 16 orders by the tester's throwaway identities/);
  });

  it('`alibi analyze` prints the same lines, the clock checks and, in French, the French wording', () => {
    const en = alibi('analyze', c.path, '--lang', 'en').out;
    expect(en).toContain('conflicts — analyst decision needed:');
    expect(en).toContain('block the range 162.243.150.0/24 for 24 hours');
    expect(en).toContain('clock checks: no consistent offset between sources, no repeated DST hour');
    const fr = alibi('analyze', c.path, '--lang', 'fr').out;
    expect(fr).toContain('conflits — décision de l’analyste nécessaire :');
    expect(fr).toContain('bloquer la plage 162.243.150.0/24 pendant 24 heures : blocage sans risque — couperait 0 client');
  });

  it('`alibi block-impact` prints the proposals of one address and its conflict', () => {
    const r = alibi('block-impact', c.path, DECISION.conflicted, '--lang', 'en');
    expect(r.out).toMatch(/^\s+conflict: evidence for payment provider/m);
    expect(r.out).toMatch(new RegExp(`^\\s+block ${DECISION.conflicted.replace(/\./g, '\\.')} for \\d+ (days|hours): `, 'm'));
  });

  it('`alibi block-impact` on a tester: the same counts as the analysis, its throwaway orders apart with their amount', () => {
    const b = a.blocks.find((x) => x.ip === DECISION.testerA)!;
    const r = alibi('block-impact', c.path, DECISION.testerA, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`would cut: ${b.lockedOut} customers, ${b.orders} orders, ${b.successfulPayments} successful payments, 0 provider calls`);
    expect(r.out).toContain("8 throwaway identities (used only on testing addresses, no purchase before the attack) are not counted as customers locked out; orders placed by the tester's throwaway identities: 8, amount 15.00 — not legitimate revenue, not counted as orders cut");
    const json = JSON.parse(alibi('block-impact', c.path, DECISION.testerA, '--json').out);
    expect(json).toMatchObject({ lockedOut: 0, orders: 0, throwawayOrders: 8, throwawayAmounts: [{ currency: null, ordered: 15, paid: 0 }] });
    const fr = alibi('block-impact', c.path, DECISION.testerA, '--lang', 'fr').out.replace(/\u00a0/g, ' ');
    expect(fr).toContain('couperait : 0 client, 0 commande, 0 paiement accepté');
    expect(fr).toContain('commandes passées par les identités jetables du testeur : 8, pour 15,00 — pas du chiffre d’affaires légitime');
  });
});

describe('alibi block-impact: a warm-up order shown as "possibly", beside the counts', () => {
  const c = newCase();
  ordinaryDay(c);
  const from = T0 + 2 * HOUR;
  attempt(c, { ts: from - 4 * MIN, ip: NET.hosting, ua: CHROME, email: 'jean.dupont1987@gmail.com', card: 'fp_warm', ok: true, amount: 35 });
  cardTester(c, { ip: NET.hosting, ua: CHROME, n: 10, gap: 60_000, from, domain: 'gmail.com' });
  const b = analyzeCase(c.db).blocks.find((x) => x.ip === NET.hosting)!;
  c.db.close();

  it('prints both counts in English and in French, as the analysis has them', () => {
    expect(b.possibly).toEqual({ customers: 1, orders: 1, payments: 1 });
    const en = alibi('block-impact', c.path, NET.hosting, '--lang', 'en').out;
    expect(en).toContain('would cut: 0 customers (possibly 1 more), 0 orders (possibly 1 more), 0 successful payments, 0 provider calls');
    expect(en).toContain('possibly 1 more customer (1 order); stops');
    const fr = alibi('block-impact', c.path, NET.hosting, '--lang', 'fr').out.replace(/\u00a0/g, ' ');
    expect(fr).toContain('couperait : 0 client (peut-être 1 de plus), 0 commande (peut-être 1 de plus), 0 paiement accepté');
    expect(fr).toContain('1 identité est peut-être celle du testeur');
  });
});
