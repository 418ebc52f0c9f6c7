// What the analyst must decide, printed by the CLI: role conflicts ("analyst decision needed"), block proposals
// (narrowest first, each with its duration and what it would cut), severity notes and clock checks — the same
// wording as the app, from the same analysis.
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/core/analysis/analyze';
import { alibi } from '../support/cli';
import { newCase } from '../support/newCase';
import { DECISION, decisionCase } from '../support/scenarios';

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
    expect(r.out).toContain(`block ${DECISION.testerA} for 30 days: safe to block — would cut 0 customers, 8 orders, 0 legitimate payments, 0 provider calls; stops `);
    expect(r.out).toMatch(/block the range 162\.243\.150\.0\/24 for 24 hours: safe to block — would cut 0 customers, 16 orders, 0 legitimate payments, 0 provider calls; stops \d+ abusive events of \d+/);
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
});
