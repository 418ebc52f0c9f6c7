// The import wizard on real-world files no preset knows: a French shop export with `;`, "N° commande" and
// "Montant TTC" gets its columns suggested, required fields marked and Import held until the mapping can work;
// an image renamed .csv is refused at preview; a 2015 web log beside the 2025 sample case is flagged as not
// overlapping in time; after an import the wizard offers the next step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APACHE_LOG } from '../support/paths';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';

describe.skipIf(!existsSync(CHROMIUM))('import wizard assistance (Chromium + bridge)', () => {
  let s: Session;
  const dir = mkdtempSync(join(tmpdir(), 'alibi-wizard-'));
  const french = join(dir, 'export-boutique.csv');
  const image = join(dir, 'photo.csv');

  beforeAll(async () => {
    writeFileSync(
      french,
      '\uFEFFN° commande;Date de commande;Adresse IP;Courriel;Montant TTC;Remarque\r\n' +
        '48218;2025-11-23 07:01:58;90.14.207.118;julien.moreau@example.net;54,00;cadeau\r\n' +
        '48219;2025-11-23 07:03:12;92.150.54.136;mrobert@mail.example;18,50;\r\n' +
        '48220;2025-11-23 07:04:40;88.170.46.184;camille@example.net;99,90;\r\n',
      'utf8',
    );
    // A PNG signature and binary noise, renamed .csv.
    writeFileSync(image, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256))]));
    s = await openSession();
    await s.page.getByTestId('open-sample').click();
    await s.page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    await s.page.getByRole('tab', { name: 'Import' }).click();
  });
  afterAll(async () => {
    await s?.close();
  });

  const add = async (path: string) => {
    s.bridge.answerDialogs([path]);
    await s.page.getByRole('button', { name: 'Choose files…' }).click();
  };

  it('refuses an image renamed .csv at preview', async () => {
    await add(image);
    const card = s.page.getByTestId('file-plan').filter({ hasText: 'photo.csv' });
    await card.getByRole('alert').waitFor({ timeout: 30_000 });
    expect(await card.getByRole('alert').textContent()).toMatch(/not a text export|binary|not a (CSV|log)/i);
    expect(await card.getByTestId('preview-table').count()).toBe(0);
    await card.getByRole('button', { name: 'remove' }).click();
  });

  it('suggests the French columns, marks what is required and holds Import until the mapping works', async () => {
    const { page } = s;
    await add(french);
    const card = page.getByTestId('file-plan').filter({ hasText: 'export-boutique.csv' });
    await card.getByTestId('preview-table').waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toMatch(/File 1 of 1/);
    const start = page.getByTestId('start-import');
    // An unknown export: nothing mapped yet unless a preset recognised it; then Import waits for the mapping.
    if ((await card.locator('select[data-field="timestamp"]').inputValue()) === '') {
      expect(await start.isDisabled()).toBe(true);
      expect(await page.getByTestId('import-blockers').textContent()).toMatch(/date and time column/);
      const sugg = card.getByTestId('mapping-suggestions');
      expect(await sugg.textContent()).toMatch(/“N° commande” → Order/);
      expect(await sugg.textContent()).toMatch(/“Date de commande” → Date and time/);
      expect(await sugg.textContent()).toMatch(/“Adresse IP” → Source IP/);
      expect(await sugg.textContent()).toMatch(/“Montant TTC” → Amount/);
      expect(await card.locator('select[data-field="timestamp"]').getAttribute('aria-required')).toBe('true');
      await screenshot(page, 'import-suggestions');
      await sugg.getByRole('button', { name: 'Apply the suggestions' }).click();
    }
    await expect.poll(() => start.isDisabled()).toBe(false);
    expect(await card.locator('select[data-field="email"]').inputValue()).toBe('Courriel');
    await card.getByLabel('source time zone').fill('Europe/Paris');
    await start.click();
    await expect.poll(() => page.getByTestId('import-job').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    expect(await page.getByTestId('accepted').first().textContent()).toBe('3');
    // The next step is offered; it leads to the alerts.
    await page.getByTestId('next-step').waitFor();
    await screenshot(page, 'import-next-step');
  });

  it('warns when a file does not overlap the case in time (a 2015 log beside 2025 exports)', async () => {
    await add(APACHE_LOG);
    const warning = s.page.getByTestId('overlap-warning');
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.textContent()).toMatch(/2015.*do not overlap/s);
    await screenshot(s.page, 'import-overlap-warning');
  });

  it('made no request outside 127.0.0.1, opened no dialog, threw no page error', () => {
    expect(s.offsite).toEqual([]);
    expect(s.dialogs).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
