// The import wizard walked as a consultant would, in French and in English, at 1280×720: a new empty case says what
// to import and why; a missing file and an image renamed .csv are refused at preview in words (no ENOENT, no
// command-line flag); the sample case's exports get numbered cards and import, then the next step is offered; a
// French shop export (`N° commande`, `Date de commande`, `E-mail`, `Adresse IP`, `Montant TTC`) gets its columns
// suggested by name and by content, required fields marked and Import held until the mapping works; a 2015 log
// beside the 2025 case is flagged as not overlapping in time. On the French screen every visible text of each step
// passes the French-screen check (test/support/frenchScreen.ts). Screenshots: test-output/screenshots/walk-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';
import { csvCells, englishOnFrenchScreen, sampleCaseData } from '../support/frenchScreen';
import { SAMPLE_DIR } from '../support/paths';

const WORDS = {
  en: { create: 'Create case…', choose: 'Choose files…', remove: 'remove', apply: 'Apply the suggestions', zone: 'source time zone', file: (n: number, t: number) => `File ${n} of ${t}` },
  fr: { create: 'Créer le dossier…', choose: 'Choisir des fichiers…', remove: 'retirer', apply: 'Appliquer les suggestions', zone: 'fuseau horaire de la source', file: (n: number, t: number) => `Fichier ${n} sur ${t}` },
} as const;

const dir = mkdtempSync(join(tmpdir(), 'alibi-walk-'));
/** A French shop's own export: French headers, `;`, decimal comma, day-first dates; "Infos" holds currencies (found by content). */
const FRENCH_CSV = [
  'N° commande;Date de commande;E-mail;Adresse IP;Montant TTC;Infos',
  '48218;23/11/2025 07:01;julien.moreau@example.net;90.14.207.118;54,00;EUR',
  '48219;23/11/2025 07:03;mrobert@mail.example;92.150.54.136;18,50;EUR',
  '48220;23/11/2025 07:04;camille@example.net;88.170.46.184;99,90;EUR',
].join('\r\n');
/** A web log from 2015 (another shop, another year): does not overlap the 2025 case. */
const OLD_LOG = [
  '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /boutique/panier HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (X11; Linux x86_64)"',
  '83.149.9.216 - - [17/May/2015:10:05:43 +0000] "GET /boutique/paiement HTTP/1.1" 200 2048 "https://boutique.example/boutique/panier" "Mozilla/5.0 (X11; Linux x86_64)"',
].join('\n');
/** A web log of the case's morning with one line that is no log line: imported, the line rejected. */
const BAD_LINE = 'erreur 502 <b>passerelle</b> — =HYPERLINK("x")';
const LOG_WITH_REJECT = [
  '90.14.207.118 - - [23/Nov/2025:07:00:58 +0100] "GET /boutique/panier HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (X11; Linux x86_64)"',
  '90.14.207.118 - - [23/Nov/2025:07:01:02 +0100] "POST /boutique/paiement HTTP/1.1" 302 0 "-" "Mozilla/5.0 (X11; Linux x86_64)"',
  '92.150.54.136 - - [23/Nov/2025:07:02:40 +0100] "GET /boutique/panier HTTP/1.1" 200 4801 "-" "Mozilla/5.0 (X11; Linux x86_64)"',
  BAD_LINE,
].join('\n');
/** The same shop's export of 2019, dates day-first: also outside the case's time. */
const OLD_CSV = FRENCH_CSV.replace(/23\/11\/2025/g, '12/03/2019').replace(/482(\d\d)/g, '310$1');
/** The sample's files as a consultant receives them: the provider's and the shop's exports, and a breach list. */
const SAMPLE_EXPORTS = readdirSync(SAMPLE_DIR).filter((f) => /\.(csv|log)$/.test(f)).sort();
/** What the screens may show as it is because it is the files' own: their cells, quoted log fields, names. */
const CASE_DATA = [...sampleCaseData(), ...csvCells(FRENCH_CSV), ...csvCells(OLD_CSV), ...[...`${OLD_LOG}\n${LOG_WITH_REJECT}`.matchAll(/"([^"]*)"/g)].map((m) => m[1]), BAD_LINE];

function files() {
  const french = join(dir, 'export-boutique.csv');
  writeFileSync(french, '\uFEFF' + FRENCH_CSV + '\r\n');
  const image = join(dir, 'photo.csv');
  writeFileSync(image, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256))]));
  const old = join(dir, 'ancien-access.log');
  writeFileSync(old, OLD_LOG + '\n');
  const oldCsv = join(dir, 'commandes-2019.csv');
  writeFileSync(oldCsv, OLD_CSV + '\r\n');
  const withReject = join(dir, 'acces-boutique.log');
  writeFileSync(withReject, LOG_WITH_REJECT + '\n');
  return { french, image, old, oldCsv, withReject, missing: join(dir, 'commandes-novembre.csv') };
}

for (const lang of ['fr', 'en'] as const) {
  describe.skipIf(!existsSync(CHROMIUM))(`the import wizard walked in ${lang === 'fr' ? 'French' : 'English'} at 1280×720`, () => {
    let s: Session;
    const w = WORDS[lang];
    const f = files();
    const problems: string[] = [];
    let step = 0;

    /** Screenshot of the step, and on the French screen every visible text read for English words. */
    const look = async (page: Page, name: string) => {
      await page.waitForTimeout(300);
      await screenshot(page, `walk-${lang}-${String(++step).padStart(2, '0')}-${name}`);
      if (lang === 'fr') problems.push(...(await englishOnFrenchScreen(page, CASE_DATA)).map((p) => `${name}: English ${p}`));
    };
    const choose = async (...paths: string[]) => {
      s.bridge.answerDialogs(paths);
      await s.page.getByRole('button', { name: w.choose }).click();
    };
    const card = (name: string) => s.page.getByTestId('file-plan').filter({ hasText: name });

    beforeAll(async () => {
      s = await openSession({}, { locale: lang === 'fr' ? 'fr-FR' : 'en-GB', viewport: { width: 1280, height: 720 } });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('a new case is empty and says what to import and why', async () => {
      const { page } = s;
      s.bridge.answerDialogs(join(dir, `walk-${lang}.alibi`));
      await page.getByRole('button', { name: w.create }).click();
      await page.getByTestId('case-title').waitFor();
      const empty = page.getByTestId('empty-case');
      await empty.waitFor();
      const text = (await empty.textContent()) ?? '';
      expect(text).toMatch(lang === 'fr' ? /vide.*antifraude.*bloqué.*commandes.*journal d’accès/s : /empty.*anti-fraud.*blocked.*orders.*access log/s);
      expect(await page.locator('main').textContent()).not.toMatch(/no rule fired|aucune règle/i);
      await look(page, 'empty-case');
      // every view of the case's analysis says the same, not "no finding: no rule fired"
      for (const tab of lang === 'fr' ? ['Constats', 'Adresses IP', 'Événements', 'Chronologie et graphe'] : ['Findings', 'IPs', 'Events', 'Timeline & graph']) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await page.getByTestId('empty-case').waitFor();
        expect(await page.locator('main').textContent(), tab).not.toMatch(/no rule fired|aucune règle|no finding|aucun constat/i);
      }
      await look(page, 'empty-findings');
      await page.getByTestId('empty-case').getByRole('button').first().click();
      await page.getByTestId('import-wizard').waitFor();
      await look(page, 'import-empty');
    });

    it('a missing file is refused at preview in words: no Node error, no flag', async () => {
      await choose(f.missing);
      const alert = card('commandes-novembre.csv').getByRole('alert');
      await alert.waitFor({ timeout: 90_000 });
      const text = (await alert.textContent()) ?? '';
      expect(text).toMatch(lang === 'fr' ? /lecture impossible \(fichier introuvable\).*choisissez à nouveau le fichier/ : /cannot read \(no such file\).*choose the file again/);
      expect(text).not.toMatch(/ENOENT|--\w/);
      await look(page(), 'missing-file');
      await card('commandes-novembre.csv').getByRole('button', { name: w.remove }).click();
    });

    it('an image renamed .csv is refused at preview, as binary', async () => {
      await choose(f.image);
      const alert = card('photo.csv').getByRole('alert');
      await alert.waitFor({ timeout: 90_000 });
      expect(await alert.textContent()).toMatch(lang === 'fr' ? /n’est pas un export texte.*binaire/ : /not a text export.*binary/);
      expect(await card('photo.csv').getByTestId('preview-table').count()).toBe(0);
      await look(page(), 'binary-refused');
      await card('photo.csv').getByRole('button', { name: w.remove }).click();
    });

    it('the sample case’s exports: numbered cards, detected formats, import, then the next step', async () => {
      const { page } = s;
      await choose(...SAMPLE_EXPORTS.map((x) => join(SAMPLE_DIR, x)));
      await expect.poll(() => page.getByTestId('preview-table').count(), { timeout: 60_000 }).toBe(SAMPLE_EXPORTS.length);
      for (const [i, name] of SAMPLE_EXPORTS.entries()) {
        expect(await card(name).locator('.file-no').textContent()).toBe(w.file(i + 1, SAMPLE_EXPORTS.length));
      }
      expect(await card('shop-access.log').getByTestId('detected').textContent()).toMatch(/nginx-main/);
      await look(page, 'sample-previews');
      // The breach list waits for the breach's name (as the report will cite it); its date is checked.
      const start = page.getByTestId('start-import');
      expect(await start.isDisabled()).toBe(true);
      const breach = card('breach-telecom-2025-08.csv').getByTestId('breach-fields');
      await breach.scrollIntoViewIfNeeded();
      await look(page, 'breach-list-name');
      expect(await page.getByTestId('import-blockers').textContent()).toMatch(lang === 'fr' ? /indiquez le nom de la fuite/ : /give the breach's name/);
      await breach.locator('input').first().fill(lang === 'fr' ? 'Opérateur télécom, août 2025' : 'Telecom operator, August 2025');
      await breach.locator('input').nth(1).fill('août 2025');
      expect(await start.isDisabled()).toBe(true);
      await breach.locator('input').nth(1).fill('2025-08');
      await expect.poll(() => start.isDisabled()).toBe(false);
      await start.click();
      await expect.poll(() => page.getByTestId('import-job').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
      const breachRow = page.getByTestId('import-results').locator('tr').filter({ hasText: 'breach-telecom-2025-08.csv' });
      expect(await breachRow.textContent()).toMatch(/breach-list/);
      const db = s.bridge.service.session.db();
      expect(db.prepare("SELECT DISTINCT breach_name, breach_date FROM sources WHERE preset = 'breach-list'").all()).toEqual([
        { breach_name: lang === 'fr' ? 'Opérateur télécom, août 2025' : 'Telecom operator, August 2025', breach_date: '2025-08' },
      ]);
      await page.getByTestId('next-step').waitFor();
      await page.getByTestId('next-step').scrollIntoViewIfNeeded();
      await look(page, 'sample-imported');
    });

    it('a French shop export: columns suggested by name and content, required marked, Import held until mapped', async () => {
      const { page } = s;
      await choose(f.french);
      const c = card('export-boutique.csv');
      await c.getByTestId('preview-table').waitFor({ timeout: 90_000 });
      const start = page.getByTestId('start-import');
      expect(await start.isDisabled()).toBe(true);
      expect(await page.getByTestId('import-blockers').textContent()).toMatch(lang === 'fr' ? /la colonne de la date et de l’heure/ : /date and time column/);
      const sugg = (await c.getByTestId('mapping-suggestions').textContent()) ?? '';
      for (const [header, field] of lang === 'fr'
        ? [['N° commande', 'Commande'], ['Date de commande', 'Date et heure'], ['E-mail', 'E-mail'], ['Adresse IP', 'IP source'], ['Montant TTC', 'Montant'], ['Infos', 'Devise']]
        : [['N° commande', 'Order'], ['Date de commande', 'Date and time'], ['E-mail', 'E-mail'], ['Adresse IP', 'Source IP'], ['Montant TTC', 'Amount'], ['Infos', 'Currency']]) {
        expect(sugg, header).toContain(lang === 'fr' ? `«\u00a0${header}\u00a0» → ${field}` : `“${header}” → ${field}`);
      }
      expect(await c.locator('select[data-field="timestamp"]').getAttribute('aria-required')).toBe('true');
      await c.locator('select[data-field="timestamp"]').scrollIntoViewIfNeeded();
      await look(page, 'french-export-suggestions');
      await c.getByTestId('mapping-suggestions').getByRole('button', { name: w.apply }).click();
      await expect.poll(() => start.isDisabled()).toBe(false);
      expect(await c.locator('select[data-field="email"]').inputValue()).toBe('E-mail');
      expect(await c.locator('select[data-field="order_id"]').inputValue()).toBe('N° commande');
      await c.getByLabel(w.zone).fill('Europe/Paris');
      await start.click();
      // the previous job's results stay on screen until this one reports
      const row = page.getByTestId('import-results').locator('tr').filter({ hasText: 'export-boutique.csv' });
      await row.waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('import-job').getAttribute('data-state')).toBe('done');
      expect(await row.getByTestId('accepted').textContent()).toBe('3');
      await look(page, 'french-export-imported');
    });

    it('a 2015 log and a 2019 export (day-first dates) beside the 2025 case are flagged: the sources do not overlap in time', async () => {
      const { page } = s;
      await choose(f.old, f.oldCsv);
      const warning = card('ancien-access.log').getByTestId('overlap-warning');
      await warning.waitFor({ timeout: 90_000 });
      expect(await warning.textContent()).toMatch(lang === 'fr' ? /2015.*ne se recoupent pas/s : /2015.*do not overlap/s);
      // the export's dates are read once its date column is mapped
      const csv = card('commandes-2019.csv');
      await csv.getByTestId('mapping-suggestions').getByRole('button', { name: w.apply }).click();
      await csv.getByTestId('overlap-warning').waitFor();
      expect(await csv.getByTestId('overlap-warning').textContent()).toMatch(lang === 'fr' ? /12\/03\/2019.*ne se recoupent pas/s : /2019-03-12.*do not overlap/s);
      await warning.scrollIntoViewIfNeeded();
      await look(page, 'not-overlapping');
      await csv.getByRole('button', { name: w.remove }).click();
    });

    it('a file already in the case is refused at import in words for the app', async () => {
      const { page } = s;
      await card('ancien-access.log').getByRole('button', { name: w.remove }).click();
      await choose(f.french);
      await card('export-boutique.csv').getByTestId('preview-table').waitFor({ timeout: 90_000 });
      const c = card('export-boutique.csv');
      await c.getByTestId('mapping-suggestions').getByRole('button', { name: w.apply }).click();
      await page.getByTestId('start-import').click();
      await expect.poll(() => page.getByTestId('import-job').getAttribute('data-state'), { timeout: 120_000 }).toBe('failed');
      const text = (await page.getByTestId('import-job').getByRole('alert').textContent()) ?? '';
      expect(text).toMatch(lang === 'fr' ? /a déjà été importé.*rien à faire/ : /was already imported.*nothing to do/);
      expect(text).not.toMatch(/--\w|tick/);
      await look(page, 'already-imported');
    });

    it("a rejected line is listed on the case's sources with its reason in the reader's language and the line as it is", async () => {
      const { page } = s;
      await card('export-boutique.csv').getByRole('button', { name: w.remove }).click(); // the one refused as already imported
      await choose(f.withReject);
      await card('acces-boutique.log').getByTestId('preview-table').waitFor({ timeout: 90_000 });
      await page.getByTestId('start-import').click();
      const job = page.getByTestId('import-job');
      await expect.poll(async () => `${await job.getAttribute('data-state')}: ${await job.textContent()}`, { timeout: 120_000 }).toMatch(/^done: .*acces-boutique\.log/s);
      await page.getByRole('tab', { name: lang === 'fr' ? 'Dossier' : 'Case', exact: true }).click();
      const source = page.getByTestId('sources').locator('tr').filter({ hasText: 'acces-boutique.log' });
      await source.getByRole('button', { name: '1', exact: true }).click();
      const rejects = page.getByTestId('rejects');
      await rejects.waitFor();
      const reason = (await rejects.locator('tbody td').nth(1).textContent()) ?? '';
      expect(reason).toMatch(lang === 'fr' ? /^ligne 4 : ne correspond pas au format [\w-]+$/ : /^line 4: does not match the [\w-]+ format$/);
      expect(await rejects.locator('pre.raw').textContent()).toBe(BAD_LINE);
      await rejects.scrollIntoViewIfNeeded();
      await look(page, 'rejected-line');
    });

    it('no English on the French screens, no page error, nothing left the machine', () => {
      expect(problems).toEqual([]);
      expect(s.pageErrors).toEqual([]);
      expect(s.offsite).toEqual([]);
      expect(s.dialogs).toEqual([]);
    });

    const page = () => s.page;
  });
}
