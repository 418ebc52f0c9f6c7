// The sample case's report in both languages, read back from the PDF as the shop owner reads it: page 1 holds
// the whole answer in plain words (decision, what was blocked and why, what to do, who to call) with no rule id
// or network jargon; the technical appendix holds the rules (merged per alert), the IP roles and the evidence;
// starred and tagged events reach the report; the PDF is tagged. The French body has no English word left
// once proper nouns and case data are removed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, readMeta, type Db } from '../../../src/core/casefile/caseFile';
import { getCaseLang, setCaseLang } from '../../../src/core/casefile/caseLang';
import { listAudit } from '../../../src/core/casefile/audit';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { blockImpactFromList } from '../../../src/core/analysis/blockImpact';
import { listInfra } from '../../../src/core/enrich/infraRegister';
import { tagEvent } from '../../../src/core/notes/notes';
import { STAR_TAG } from '../../../src/core/events/eventGrid';
import { buildReportModel } from '../../../src/core/report/reportModel';
import { verifyCase } from '../../../src/core/casefile/verify';
import { clip } from '../../../src/core/report/html';
import { renderReportPdf } from '../../../src/core/report/pdf';
import { buildSampleCase } from '../../support/sampleCase';
import { englishWordsIn } from '../../support/englishOnly';

let dir: string;
let db: Db;
const text: Record<'en' | 'fr', { all: string; page1: string }> = { en: { all: '', page1: '' }, fr: { all: '', page1: '' } };
let frPdf: string;
let dataStrings: string[] = [];

/** pdftotext in content order, words broken at a line-end hyphen joined again, French spaces plain, one line. */
function pdfText(path: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, path, '-'], { encoding: 'utf8' })
    .replace(/(\p{L})-\n(\p{L})/gu, '$1-$2')
    .replace(/[\u00A0\u202F]/g, ' ')
    .replace(/\s+/g, ' ');
}

/** `text` with every case value removed, wherever the PDF broke its lines (a long token may wrap anywhere). */
function withoutData(t: string): string {
  let out = t;
  for (const d of dataStrings) {
    const pattern = d.trim().replace(/\s+/g, ' ').split('').map((c) => (c === ' ' ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('\\s?');
    out = out.replace(new RegExp(pattern, 'gu'), ' ');
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-sample-report-'));
  db = openCase((await buildSampleCase(dir)).casePath);
  setCaseLang(db, 'fr');
  // the analyst's marks in the app: a star on the blocked payment, a tag on the first payment
  const blocked = db.prepare("SELECT id FROM events WHERE kind = 'payment' AND order_id = '48218'").get() as { id: number };
  const first = db.prepare("SELECT id FROM events WHERE kind = 'payment' AND order_id = '48210'").get() as { id: number };
  tagEvent(db, blocked.id, STAR_TAG);
  tagEvent(db, first.id, 'carte de Claire');
  frPdf = join(dir, 'fr.pdf');
  await renderReportPdf(db, frPdf, { consultant: 'Claire Dubois', client: 'Théâtre du Lac' }); // the case's language
  await renderReportPdf(db, join(dir, 'en.pdf'), { lang: 'en', consultant: 'Claire Dubois', client: 'Théâtre du Lac' }); // switched at export
  for (const lang of ['en', 'fr'] as const) text[lang] = { all: pdfText(join(dir, `${lang}.pdf`)), page1: pdfText(join(dir, `${lang}.pdf`), 1) };

  // Case data the report quotes as it is: every value of the events it shows, names, labels, licences.
  const analysis = analyzeCase(db);
  const m = buildReportModel(db, { analysis, verify: await verifyCase(db), blockImpact: (ip) => blockImpactFromList(analysis.blocks, ip) }, {});
  const shown = [...m.findings.flatMap((f) => f.evidence), ...(m.window?.events ?? []), ...m.antifraudStops, ...m.marked.map((x) => x.event)];
  dataStrings = [
    readMeta(db).title, 'Multi-CB alert', ...analysis.breach.map((b) => b.breachName), ...listInfra(db).map((i) => i.label),
    ...analysis.ips.map((p) => p.asOrg ?? ''), ...m.sources.flatMap((s) => [s.file, s.format, s.preset ?? '']),
    ...analysis.dataSources.flatMap((d) => [d.attribution, d.licence, d.name]),
    ...shown.flatMap((e) => [e.raw, e.reason ?? '', clip(e.reason, 80), clip(e.reason, 160), e.decision ?? '', e.rule ?? '']),
    'Claire Dubois', 'Théâtre du Lac', 'carte de Claire', 'X-Forwarded-For',
  ].filter((s) => s.trim().length > 1);
  dataStrings = [...new Set(dataStrings)].sort((a, b) => b.length - a.length);
}, 180_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the sample case report', () => {
  it('the case remembers its language through an audited change', () => {
    expect(getCaseLang(db)).toBe('fr');
    const entry = listAudit(db).find((r) => r.action === 'case.lang');
    expect(entry && JSON.parse(entry.details)).toMatchObject({ lang: 'fr' });
  });

  it('French page 1 is the whole answer for the shop owner, in plain words', () => {
    const p1 = text.fr.page1;
    expect(p1).toContain('1. L’essentiel');
    expect(p1).toContain('Pas une attaque : un client a payé avec des cartes partagées au sein de son foyer.');
    expect(p1).toMatch(/Le dimanche 23 novembre 2025 à 07:02 \(heure de Paris\), le système antifraude de votre prestataire de paiement a bloqué la commande 48218 de 54,00 €, passée par Julien Moreau\./);
    expect(p1).toContain('Pourquoi : le client venait de payer avec 2 cartes différentes en 21 minutes');
    expect(p1).toContain('Ce qu’il faut faire maintenant');
    expect(p1).toContain('Appeler le client pour vérifier que le titulaire de l’autre carte était d’accord');
    expect(p1).toContain('Ne pas bloquer les adresses Internet que ce rapport marque « ne pas bloquer » : l’une d’elles est le serveur de votre prestataire de paiement');
    expect(p1).toContain('fuite de données « Telecom operator leak (Aug 2025) »');
    expect(p1).toContain('Qui appeler');
    expect(p1).toMatch(/Le client, Julien Moreau — 0639984127 \(julien\.moreau@example\.net\) : pour confirmer l’achat et le prévenir de la fuite de données\./);
    expect(p1).toContain('Votre délégué à la protection des données (DPO)');
    expect(p1).toContain('Claire Dubois, qui a établi ce rapport');
    // rule ids and network jargon are in the appendix, not on page 1
    expect(p1).not.toMatch(/\bMC-\d|\bCT-1\b|\bAS\d{3,}|\bASN\b|X-Forwarded-For|CGNAT|SHA-256|\b\d{1,3}(\.\d{1,3}){3}\b/); // no rule id, network, IP address
    expect(p1).not.toContain('2. Chronologie');
  });

  it('English page 1 tells the same answer', () => {
    const p1 = text.en.page1;
    expect(p1).toContain('1. The answer in brief');
    expect(p1).toContain('Not an attack: a customer paid with cards shared within a household.');
    expect(p1).toMatch(/On Sunday, 23 November 2025 at 07:02 \(Paris time\), your payment provider's anti-fraud system blocked order 48218 of €54\.00, placed by Julien Moreau\./);
    expect(p1).toContain('Why: the customer had just paid with 2 different cards within 21 minutes');
    expect(p1).toContain('What to do now');
    expect(p1).toContain('Who to call');
    expect(p1).not.toMatch(/\bMC-\d|\bAS\d{3,}|\bASN\b|X-Forwarded-For|CGNAT/);
  });

  it('French appendix: IP roles, block advice, merged findings, recommendations, French dates and amounts', () => {
    const fr = text.fr.all;
    expect(fr).toContain('Annexe technique');
    expect(fr).toContain('adresse IP du prestataire (serveur à serveur)');
    expect(fr).toContain('NE PAS BLOQUER');
    expect(fr).toContain('adresse partagée (plusieurs clients)');
    expect(fr).toMatch(/Ne pas bloquer l’adresse IP du prestataire de paiement 51\.91\.102\.137 : la bloquer couperait le trafic du prestataire pour 73 commandes, \d+ paiements acceptés et 147 appels du prestataire/);
    expect(fr).toContain('E. Recommandations techniques');
    // the three rules that fired on the blocked customer are one card, listed together
    expect(fr).toContain('Règles déclenchées par la même affaire (réunies ici) :');
    expect(fr).toMatch(/MC-1 — cartes distinctes par adresse e-mail sur 24 h.*MC-1c — cartes distinctes par client sur 24 h.*MC-4ip — tentatives refusées ou bloquées par adresse IP sur 1 h/);
    expect(fr.match(/Règles? déclenchées?( par la même affaire \(réunies ici\))? :/g)).toHaveLength(2); // two cards: the alert's, the shared address's
    expect(fr).toMatch(/paiement 148,00 € Paid carte Visa •••• 4417/); // Paid: the provider's own status word (data)
    expect(fr).toMatch(/23\/11\/2025 06:41:23 23\/11\/2025 05:41:23 UTC/);
    expect(fr).toMatch(/page 1 \/ \d+/);
    expect(fr).not.toContain('Recommendations');
  });

  it('starred and tagged events reach the report', () => {
    expect(text.fr.all).toMatch(/3\. Événements marqués par l’analyste .*paiement 54,00 € Failed.*commande 48218.*★ étoile.*paiement 148,00 € Paid.*carte de Claire/);
    expect(text.en.all).toMatch(/3\. Events marked by the analyst .*payment €54\.00 Failed.*order 48218.*★ starred.*payment €148\.00 Paid.*carte de Claire/);
  });

  it('English report of the same case, chosen at export', () => {
    const en = text.en.all;
    expect(en).toContain('payment provider (server-to-server)');
    expect(en).toContain('DO NOT BLOCK');
    expect(en).toMatch(/Do not block the payment provider's IP 51\.91\.102\.137/);
    expect(en).toContain('E. Technical recommendations');
    expect(en).toMatch(/payment €148\.00 Paid card Visa •••• 4417/);
    expect(en).not.toContain('Recommandations');
    expect(en).not.toContain('L’essentiel');
  });

  it('no English word is left in the French report once proper nouns and case data are removed', () => {
    const prose = withoutData(text.fr.all);
    expect(prose.length).toBeGreaterThan(text.fr.all.length / 3); // the data removal leaves the report's own words
    const left = englishWordsIn(prose);
    expect(left, `English words in the French report: ${left.join(', ')}`).toEqual([]);
    // and the check catches one: the same words in the English report
    expect(englishWordsIn(withoutData(text.en.all)).length).toBeGreaterThan(20);
  });

  it('the PDF is tagged: headings in reading order, lists and tables as structure', () => {
    expect(execFileSync('pdfinfo', [frPdf], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
    const struct = execFileSync('pdfinfo', ['-struct-text', frPdf], { encoding: 'utf8' });
    // each heading tag with the first non-empty text under it
    const headings: string[] = [];
    let open: string | null = null;
    for (const line of struct.split('\n')) {
      const tag = /^\s*(H[1-4])\b/.exec(line);
      if (tag) open = tag[1];
      const quoted = /^\s*"(.+)"$/.exec(line);
      if (open && quoted) {
        headings.push(`${open} ${quoted[1]}`);
        open = null;
      }
    }
    const order = ['H2 1. L’essentiel', 'H3 Ce qui a été bloqué, et pourquoi', 'H3 Ce qu’il faut faire maintenant', 'H3 Qui appeler', 'H2 2. Chronologie de l’incident', 'H2 3. Événements marqués par l’analyste', 'H2 Annexe technique', 'H3 B. Adresses IP et conséquences d’un blocage', 'H3 C. Constats (les règles déclenchées)'];
    const at = order.map((h) => headings.findIndex((x) => x.replace(/\u00A0/g, ' ') === h));
    expect(at.every((i) => i >= 0), `${order.join(' | ')}\nin\n${headings.join('\n')}`).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(struct).toMatch(/^\s*H1\b/m);
    expect(struct).toMatch(/^\s*LI\b/m);
    expect(struct).toMatch(/^\s*Table\b/m);
  });
});
