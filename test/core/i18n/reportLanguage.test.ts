// The sample case's report in both languages, read back from the PDF as the client reads it: the case's
// language by default, switchable at export; verdict, IP roles, block advice and recommendations present
// and in the right language, with French dates and amounts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, type Db } from '../../../src/core/casefile/caseFile';
import { getCaseLang, setCaseLang } from '../../../src/core/casefile/caseLang';
import { listAudit } from '../../../src/core/casefile/audit';
import { renderReportPdf } from '../../../src/core/report/pdf';
import { buildSampleCase } from '../../support/sampleCase';

let dir: string;
let db: Db;
let fr: string;
let en: string;

/** pdftotext's reading order, with the spaces French typography puts before ; : » folded to plain spaces. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/[\u00A0\u202F]/g, ' ').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-i18n-report-'));
  const { casePath } = await buildSampleCase(dir);
  db = openCase(casePath);
  setCaseLang(db, 'fr');
  await renderReportPdf(db, join(dir, 'fr.pdf')); // the case's language
  await renderReportPdf(db, join(dir, 'en.pdf'), { lang: 'en' }); // switched at export
  fr = pdfText(join(dir, 'fr.pdf'));
  en = pdfText(join(dir, 'en.pdf'));
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report language', () => {
  it('the case remembers its language through an audited change', () => {
    expect(getCaseLang(db)).toBe('fr');
    const entry = listAudit(db).find((r) => r.action === 'case.lang');
    expect(entry && JSON.parse(entry.details)).toMatchObject({ lang: 'fr' });
  });

  it('French report: verdict, roles, block advice, recommendations, dates and amounts in French', () => {
    expect(fr).toContain('Rapport d’investigation — Multi-CB alert'); // the case title is data, kept as written
    expect(fr).toContain('Pas une attaque : un client a payé avec des cartes partagées au sein de son foyer.');
    expect(fr).toMatch(/Le dimanche 23 novembre 2025 à 07:02:04 \(heure de Paris\), le système antifraude du prestataire de paiement a bloqué la commande 48218/);
    expect(fr).toContain('adresse IP du prestataire (serveur à serveur)');
    expect(fr).toContain('NE PAS BLOQUER');
    expect(fr).toContain('adresse partagée (plusieurs clients)');
    expect(fr).toMatch(/Ne pas bloquer l’adresse IP du prestataire de paiement 51\.91\.102\.137 : la bloquer couperait le trafic du prestataire pour 73 commandes, \d+ paiements acceptés et 147 appels du prestataire/);
    expect(fr).toContain('fuite de données « Telecom operator leak (Aug 2025) »');
    expect(fr).toContain('7. Recommandations');
    expect(fr).toContain('Clore l’alerte comme un achat légitime');
    expect(fr).toMatch(/paiement 148,00 € Paid carte Visa •••• 4417/); // Paid: the provider's own status word (data)
    expect(fr).toMatch(/23\/11\/2025 06:41:23 23\/11\/2025 05:41:23 UTC/);
    expect(fr).toMatch(/page 1 \/ \d+/);
  });

  it('English report of the same case, chosen at export', () => {
    expect(en).toContain('Not an attack: a customer paid with cards shared within a household.');
    expect(en).toContain('payment provider (server-to-server)');
    expect(en).toContain('DO NOT BLOCK');
    expect(en).toMatch(/Do not block the payment provider's IP 51\.91\.102\.137/);
    expect(en).toContain('7. Recommendations');
    expect(en).toMatch(/payment €148\.00 Paid card Visa •••• 4417/);
    expect(en).not.toContain('Recommandations');
    expect(fr).not.toContain('Recommendations');
  });
});
