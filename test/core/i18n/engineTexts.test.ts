// Engine texts are data (a message id and its parameters): the sample case's IP signals, block reasons, finding
// summaries, assessments, alert reasons and audit entries all read in French when a French host renders them,
// and an audit entry this version does not know (or a hand-edited one) still displays.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, type Db } from '../../../src/core/casefile/caseFile';
import { listAudit } from '../../../src/core/casefile/audit';
import { listInfra } from '../../../src/core/enrich/infraRegister';
import { setCaseLang } from '../../../src/core/casefile/caseLang';
import { tagEvent, setVerdict } from '../../../src/core/notes/notes';
import { setIpRoleOverride } from '../../../src/core/analysis/ipRoles';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { blockImpactFromList } from '../../../src/core/analysis/blockImpact';
import { caseAlerts } from '../../../src/core/alerts/caseAlerts';
import { auditMessage } from '../../../src/core/i18n/auditMessage';
import { translator } from '../../../src/core/i18n/translator';
import type { Msg } from '../../../src/core/i18n/message';
import type { CaseAnalysis } from '../../../src/core/analysis/types';
import { buildSampleCase } from '../../support/sampleCase';
import { englishWordsIn } from '../../support/englishOnly';

/** French output with its non-breaking spaces (before : ; » and after «) as plain spaces, to compare with. */
const plainSpaces = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');
const frTr = translator('fr');
const fr = {
  msg: (m: Msg) => plainSpaces(frTr.msg(m)),
  said: (m: Msg | undefined, plain: string) => plainSpaces(frTr.said(m, plain)),
  saidAll: (ms: readonly Msg[] | undefined, plain: readonly string[]) => frTr.saidAll(ms, plain).map(plainSpaces),
};
const en = translator('en');
let dir: string;
let db: Db;
let a: CaseAnalysis;

/** Case data quoted inside messages (names, organisations, register labels, paths): not the engine's words. */
function withoutData(text: string): string {
  const data = [
    ...a.ips.flatMap((p) => [p.asOrg ?? '', p.infra?.label ?? '', p.override?.reason ?? '']),
    ...listInfra(db).map((e) => e.label), ...a.breach.map((b) => b.breachName), 'TicketPay', 'Samsung Internet for Android', 'Googlebot', 'Google', 'X-Forwarded-For', 'Chrome', 'Windows', 'Android', 'Safari', 'Firefox', 'iOS', 'macOS', 'Linux', 'desktop', 'mobile',
  ].filter((s) => s.length > 1).sort((x, y) => y.length - x.length);
  let out = text;
  for (const d of data) out = out.split(d).join(' ');
  return out.replace(/\/[\w./-]+/g, ' '); // URL paths (/api/webhooks/ticketpay…) are data
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-engine-texts-'));
  db = openCase((await buildSampleCase(dir)).casePath);
  setCaseLang(db, 'fr');
  setVerdict(db, 'policy-breach', 'le client a confirmé');
  tagEvent(db, 1, 'à revoir');
  setIpRoleOverride(db, '37.171.66.212', 'shared', 'opérateur mobile, vérifié');
  a = analyzeCase(db);
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('engine texts as messages', () => {
  it('every IP signal, would-change and attacker note of the sample case reads in French', () => {
    for (const p of a.ips) {
      expect(p.signalMsgs, p.ip).toHaveLength(p.signals.length);
      const texts = [...fr.saidAll(p.signalMsgs, []), ...fr.saidAll(p.wouldChangeMsgs, []), ...fr.saidAll(p.attackerWouldFakeMsgs, []), ...p.evidence.map((x) => fr.msg(x.msg!))];
      expect(englishWordsIn(withoutData(texts.join(' '))), `${p.ip}: ${texts.join(' | ')}`).toEqual([]);
      // the English words stay what the engine has always written
      expect(en.saidAll(p.signalMsgs, [])).toEqual(p.signals);
    }
    const provider = a.ips.find((p) => p.ip === '51.91.102.137')!;
    expect(fr.saidAll(provider.signalMsgs, []).join(' | ')).toMatch(/inscrite au registre d’infrastructure comme prestataire : TicketPay/);
    const override = a.ips.find((p) => p.ip === '37.171.66.212')!;
    expect(fr.msg(override.signalMsgs![0])).toBe(`rôle fixé par l’analyste (adresse partagée (plusieurs clients)) le ${override.override!.at} : opérateur mobile, vérifié`);
  });

  it('block reasons and proposals read in French', () => {
    for (const b of a.blocks) {
      const texts = [...fr.saidAll(b.reasonMsgs, []), ...b.proposals.map((x) => fr.msg(x.whyMsg!))];
      expect(englishWordsIn(withoutData(texts.join(' '))), `${b.ip}: ${texts.join(' | ')}`).toEqual([]);
    }
    expect(fr.saidAll(blockImpactFromList(a.blocks, '203.0.113.250').reasonMsgs, [])).toEqual([
      'cette adresse n’apparaît nulle part dans le dossier : la bloquer ne coupe rien de ce qui y figure',
    ]);
  });

  it('finding summaries, assessments and what would change them read in French, dates the French way', () => {
    expect(a.findings.length).toBeGreaterThan(0);
    for (const f of a.findings) {
      const texts = [fr.msg(f.summaryMsg!), fr.msg(f.assessment.textMsg!), ...fr.saidAll(f.assessment.wouldChangeMsgs, []), ...fr.saidAll(f.assessment.takeoverSignalMsgs, [])];
      expect(englishWordsIn(withoutData(texts.join(' '))), texts.join(' | ')).toEqual([]);
      expect(en.msg(f.summaryMsg!)).toBe(f.summary);
    }
    const mc1 = a.findings.find((f) => f.rule === 'MC-1')!;
    expect(fr.msg(mc1.summaryMsg!)).toContain('(du 23/11/2025 06:41:23 au 23/11/2025 07:02:06, heure de Paris ; UTC : 23/11/2025 05:41:23 → 23/11/2025 06:02:06) ; seuil 2 ; bloqué par l’antifraude du prestataire (règle Multi-CB)');
  });

  it("the alert's assessment, suggested verdict and reasons read in French", () => {
    const [alert] = caseAlerts(db, { findings: a.findings, ips: a.ips, breach: a.breach, blockImpact: (ip) => blockImpactFromList(a.blocks, ip) });
    const texts = [...fr.saidAll(alert.suggested.reasonMsgs, []), ...fr.saidAll(alert.suggested.againstMsgs, []), ...fr.saidAll(alert.assessment!.forMsgs, []), ...alert.ips.map((i) => fr.said(i.blockReasonMsg, ''))];
    expect(englishWordsIn(withoutData(texts.join(' '))), texts.join(' | ')).toEqual([]);
    expect(texts).toContain('Payer avec plusieurs cartes reste contraire à la règle multi-cartes : le prestataire a eu raison de bloquer le paiement.');
    expect(texts.some((t) => /fuite de données/.test(t))).toBe(true);
    expect(alert.suggested.reasons).toEqual(en.saidAll(alert.suggested.reasonMsgs, []));
  });

  it('audit entries are stored as an action and its details, and read in either language', () => {
    const log = listAudit(db).reverse();
    const said = (r: (typeof log)[number], tr: { msg: (m: Msg) => string } = fr) => plainSpaces(tr.msg(auditMessage(r)));
    const byAction = (action: string) => log.find((r) => r.action === action)!;
    expect(said(byAction('case.create'))).toMatch(/^dossier créé : « .+ », fuseau horaire Europe\/Paris$/);
    expect(said(byAction('case.lang'))).toBe('langue du dossier : français');
    expect(said(byAction('verdict'))).toBe('conclusion enregistrée : manquement à une règle de paiement — le client a confirmé');
    expect(said(byAction('verdict'), en)).toBe("verdict recorded: breach of a payment rule — le client a confirmé");
    expect(said(byAction('tag.add'))).toBe('étiquette « à revoir » ajoutée à event:1');
    expect(said(byAction('import'))).toMatch(/^fichier importé : shop-access\.log \(nginx-main\), 4 515 lignes acceptées, 0 rejetée$/);
    expect(said(byAction('ip.role.override'))).toBe('rôle de 37.171.66.212 fixé à « adresse partagée (plusieurs clients) » : opérateur mobile, vérifié');
    for (const r of log) expect(englishWordsIn(withoutData(said(r).replace(/\S+\.(log|csv)\b/g, ' ').replace(/event:\d+/g, ' '))), said(r)).toEqual([]);
    // an action a newer version wrote, and a hand-edited entry, still display
    expect(fr.msg(auditMessage({ action: 'case.frobnicate', target: null, details: '{}' }))).toBe('case.frobnicate');
    expect(fr.msg(auditMessage({ action: 'tag.add', target: 'event:9', details: 'not json' }))).toBe('étiquette «  » ajoutée à event:9');
  });
});
