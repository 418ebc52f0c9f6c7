// The analysis of a large case renders each distinct sentence once (withEnglishMemo), formats catalogue messages
// with formatters compiled once, and frees its per-address working data once the block impacts are made. None of
// that may change a word or a verdict: every text of the result must read exactly as its message rendered on its
// own, the compiled formatter must write what FormatJS's formatMessage writes, and the questions asked after the
// analysis (one address's block impact or profile) must still get the analysis's answers.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntl } from '@formatjs/intl';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { blockImpact } from '../../../src/core/analysis/blockImpact';
import { ipProfile } from '../../../src/core/analysis/ipRoles';
import type { CaseAnalysis } from '../../../src/core/analysis/types';
import { importFile } from '../../../src/core/import/importFile';
import { CATALOGS } from '../../../src/core/i18n/catalog';
import { LOCALE_TAG } from '../../../src/core/i18n/locale';
import { isMsg, msg, type Msg } from '../../../src/core/i18n/message';
import { english, withEnglishMemo } from '../../../src/core/i18n/said';
import { translator } from '../../../src/core/i18n/translator';
import { newCase, type TestCase } from '../../support/newCase';
import { APACHE_LOG, SAMPLE_DIR } from '../../support/paths';

const cases: { name: string; c: TestCase; a: CaseAnalysis }[] = [];

beforeAll(async () => {
  const sample = newCase('Europe/Paris');
  for (const f of ['shop-access.log', 'shop-orders.csv', 'provider-transactions.csv', 'provider-antifraud.csv', 'provider-api-calls.csv']) {
    await importFile(sample.db, join(SAMPLE_DIR, f), { tz: 'Europe/Paris' });
  }
  const apache = newCase('UTC');
  await importFile(apache.db, APACHE_LOG);
  cases.push({ name: 'sample case', c: sample, a: analyzeCase(sample.db) }, { name: 'Apache log', c: apache, a: analyzeCase(apache.db) });
});
afterAll(() => cases.forEach((x) => x.c.close()));

/** Every [message, its text in the result] pair of an analysis. */
function textsOf(a: CaseAnalysis): [Msg, string][] {
  const out: [Msg, string][] = [];
  for (const p of a.ips) {
    p.signalMsgs?.forEach((m, i) => out.push([m, p.signals[i]]));
    for (const e of p.evidence ?? []) if (e.msg) out.push([e.msg, e.text]);
    p.wouldChangeMsgs?.forEach((m, i) => out.push([m, p.wouldChange[i]]));
    p.attackerWouldFakeMsgs?.forEach((m, i) => out.push([m, p.attackerWouldFake[i]]));
  }
  for (const b of a.blocks) {
    b.reasonMsgs?.forEach((m, i) => out.push([m, b.reasons[i]]));
    for (const x of b.proposals) if (x.whyMsg) out.push([x.whyMsg, x.why]);
  }
  for (const f of a.findings) if (f.summaryMsg) out.push([f.summaryMsg, f.summary]);
  return out;
}

describe('a lean analysis says the same', () => {
  it('every text of the analysis reads as its message rendered on its own (no memo)', () => {
    for (const { name, a } of cases) {
      const texts = textsOf(a);
      expect(texts.length, name).toBeGreaterThan(100);
      for (const [m, text] of texts) expect(english(m), `${name}: ${m.id}`).toBe(text);
    }
  });

  it('the memo tells apart values that print differently but look alike as JSON', () => {
    const variants: Msg[] = [
      msg('ipEvidence.machinePace', { seconds: 0 }), msg('ipEvidence.machinePace', { seconds: -0 }),
      msg('ipEvidence.machinePace', { seconds: NaN }), msg('ipEvidence.machinePace', { seconds: '0' }),
      msg('ipEvidence.machinePace', { seconds: null as never }), msg('ipEvidence.machinePace', { seconds: undefined as never }),
      msg('ipEvidence.machinePace', { seconds: Infinity }), msg('ipEvidence.machinePace', {}),
      msg('ipEvidence.machinePace', { seconds: 'n0' }), msg('ipEvidence.machinePace', { seconds: 's0' }),
    ];
    const alone = variants.map((m) => english(m));
    expect(new Set(alone).size).toBeGreaterThan(3); // the variants do print differently
    // in any order, each variant still gets its own text when the memo is on
    expect(withEnglishMemo(() => variants.map((m) => english(m)))).toEqual(alone);
    expect(withEnglishMemo(() => [...variants].reverse().map((m) => english(m)))).toEqual([...alone].reverse());
  });

  it("the compiled formatters write what FormatJS's formatMessage writes, in English and French", () => {
    for (const lang of ['en', 'fr'] as const) {
      const intl = createIntl({ locale: LOCALE_TAG[lang], messages: CATALOGS[lang], onError: () => undefined });
      let compared = 0;
      for (const { a } of cases) {
        for (const [m] of textsOf(a)) {
          // plain values only: nested messages and dates are rendered by the translator first either way
          if (Object.values(m).some((v) => typeof v === 'object' && v !== null)) continue;
          expect(translator(lang).msg(m), `${lang} ${m.id}`).toBe(intl.formatMessage({ id: m.id }, m as Record<string, string | number>));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(100);
      // a message missing from the catalogue still prints its id
      expect(translator(lang).t('no.such.message' as never)).toBe('no.such.message');
    }
  });

  it("after the analysis, one address's block impact and profile are still the analysis's", () => {
    for (const { name, c, a } of cases) {
      const some = [a.ips[0], a.ips[Math.floor(a.ips.length / 2)], a.ips[a.ips.length - 1]];
      for (const p of some) {
        const i = a.ips.indexOf(p);
        expect(blockImpact(c.db, p.ip), `${name} ${p.ip}`).toEqual(a.blocks[i]);
        expect(ipProfile(c.db, p.ip), `${name} ${p.ip}`).toEqual(p);
      }
      // asked again (a second analysis of the same state reuses the profiles and impacts)
      const again = analyzeCase(c.db);
      expect({ ...again, generatedAt: '' }).toEqual({ ...a, generatedAt: '' });
    }
  });

  it('nested messages render the same inside and outside the memo', () => {
    const nested = textsOf(cases[0].a).filter(([m]) => Object.values(m).some((v) => isMsg(v) || Array.isArray(v)));
    expect(nested.length).toBeGreaterThan(5);
    const inside = withEnglishMemo(() => nested.map(([m]) => english(m)));
    expect(inside).toEqual(nested.map(([, text]) => text));
  });
});
