// What an export cannot carry and the dates it cannot settle, in Chromium against the real engine: the documented
// Shopify sample says in the wizard and on the case home that it has no customer IP and which file supplies it
// (and, once the Adyen sample is imported, that it does); a PayPal download whose every date reads both ways
// holds Import until the user picks day/month or month/day from the file's own dates read both ways, and the
// import reads the dates the chosen way. English and French.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_PRESETS } from '../../src/core/import/presets';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';

const sample = (variant: string) => CSV_PRESETS.find((p) => p.variant === variant)!.sample;

describe.skipIf(!existsSync(CHROMIUM))('coverage gaps and the undecided day/month order', () => {
  let s: Session;
  const dir = mkdtempSync(join(tmpdir(), 'alibi-coverage-'));
  const shopify = join(dir, 'orders_export.csv');
  const paypal = join(dir, 'Download.CSV');
  const adyen = join(dir, 'received_payments.csv');

  beforeAll(async () => {
    writeFileSync(shopify, [sample('shopify').header, ...sample('shopify').rows].join('\n'));
    writeFileSync(adyen, [sample('adyen').header, ...sample('adyen').rows].join('\n'));
    // PayPal's documented rows with dates that read both ways: 01/02, 03/02, 05/02/2025 (1 Feb or 2 Jan…).
    const pp = sample('paypal');
    const rows = pp.rows.flatMap((r, i) => [r.replace('"23/11/2025"', `"0${2 * i + 1}/02/2025"`), r.replace('"23/11/2025"', `"0${2 * i + 3}/02/2025"`).replace(/"[0-9A-Z]{17}"/, `"5XY23456CD78901${i}F"`)]);
    writeFileSync(paypal, [pp.header, ...rows].join('\n'));
    s = await openSession();
    s.bridge.answerDialogs(join(dir, 'coverage.alibi'));
    await s.page.getByRole('button', { name: 'Create case' }).click();
    await s.page.getByTestId('case-title').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Picks the file as the app does: the wizard's button opens main's dialog (answered here by the test bridge). */
  const addFile = async (path: string, choose = 'Choose files…') => {
    s.bridge.answerDialogs([path]);
    await s.page.getByRole('button', { name: choose }).click();
    await s.page.getByTestId('detected').last().waitFor();
  };
  /** Imports what the wizard holds and waits for this file's result (the previous job's stays shown until then). */
  const importNow = async (file: string) => {
    await s.page.getByTestId('start-import').click();
    const job = s.page.getByTestId('import-job');
    await expect.poll(async () => `${await job.getAttribute('data-state')} ${await job.textContent()}`, { timeout: 60_000 }).toMatch(new RegExp(`^done .*${file.replace('.', '\\.')}`, 's'));
  };

  it('the Shopify orders export says, before and after import, that it has no customer IP and which file supplies one', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Import' }).click();
    await addFile(shopify);
    expect(await page.getByTestId('export-lacks').textContent()).toMatch(/What this export cannot tell.*Shopify's orders export has no customer IP address.*Adyen's Shopper IP.*Cloudflare Logpush/s);
    await importNow('orders_export.csv');
    const gap = page.getByTestId('import-wizard').getByTestId('coverage-gap');
    await gap.waitFor();
    expect(await gap.textContent()).toMatch(/orders_export\.csv.*no customer IP address.*Not supplied yet/s);
    expect(await gap.getAttribute('data-supplied')).toBe('false');
  });

  it('a PayPal download whose every date reads both ways waits for the day/month order, shown on its own dates', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Import' }).click();
    await addFile(paypal);
    const choice = page.getByTestId('date-order');
    await choice.waitFor();
    const dmy = choice.getByRole('radio', { name: /Day first/ });
    const mdy = choice.getByRole('radio', { name: /Month first/ });
    expect(await choice.locator('label').filter({ has: page.getByRole('radio', { name: /Day first/ }) }).textContent()).toMatch(/01\/02\/2025 would be Saturday,? 1 February 2025.*03\/02\/2025 would be Monday,? 3 February 2025/s);
    expect(await choice.locator('label').filter({ has: page.getByRole('radio', { name: /Month first/ }) }).textContent()).toMatch(/01\/02\/2025 would be Thursday,? 2 January 2025.*03\/02\/2025 would be Sunday,? 2 March 2025/s);
    expect(await page.getByTestId('export-lacks').textContent()).toMatch(/PayPal's activity download has no payer IP address: the shop's web access log/);
    // Import is held, and says why, until the user answers.
    expect(await page.getByTestId('start-import').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-blockers').textContent()).toMatch(/Download\.CSV: choose the day\/month order/);
    await screenshot(page, '40-import-date-order');
    // From the keyboard: the first choice takes the focus, ↓ moves to the second one and selects it.
    await dmy.focus();
    await page.keyboard.press('Space');
    expect(await dmy.isChecked()).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await mdy.isChecked()).toBe(true);
    expect(await page.getByTestId('start-import').isDisabled()).toBe(false);
    expect(await page.getByTestId('import-blockers').count()).toBe(0);
    await importNow('Download.CSV');
    expect(await page.getByTestId('accepted').first().textContent()).toBe('4');

    // Month first: 01/02/2025 06:41:20 CET is 2 January, 05:41:20 UTC; the source records the order it was read with.
    const db = s.bridge.service.session.db();
    const src = db.prepare("SELECT id, first_ts, last_ts, mapping_json FROM sources WHERE file_name = 'Download.CSV'").get() as { id: number; first_ts: number; last_ts: number; mapping_json: string };
    expect(src.first_ts).toBe(Date.UTC(2025, 0, 2, 5, 41, 20));
    const days = (db.prepare('SELECT ts FROM events WHERE source_id = ? ORDER BY ts').all(src.id) as { ts: number }[]).map((r) => new Date(r.ts).toISOString().slice(0, 10));
    expect(days).toEqual(['2025-01-02', '2025-03-02', '2025-03-02', '2025-05-02']);
    expect(JSON.parse(src.mapping_json)).toMatchObject({ date_order: 'mdy' });
  });

  it('the case home lists what the files cannot tell, then the file that supplies it once imported', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Case' }).click();
    const card = page.getByTestId('coverage-gaps');
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toBe('What these files cannot tell');
    const gaps = card.getByTestId('coverage-gap');
    expect(await gaps.count()).toBe(2);
    expect(await gaps.nth(0).textContent()).toMatch(/orders_export\.csv.*Shopify's orders export has no customer IP address.*Not supplied yet/s);
    expect(await gaps.nth(1).textContent()).toMatch(/Download\.CSV.*PayPal's activity download has no payer IP address.*Not supplied yet/s);

    await page.getByRole('tab', { name: 'Import' }).click();
    await addFile(adyen);
    expect(await page.getByTestId('date-order').count()).toBe(0);
    expect(await page.getByTestId('export-lacks').count()).toBe(0); // Adyen's export carries the shopper's IP
    await importNow('received_payments.csv');
    await page.getByRole('tab', { name: 'Case' }).click();
    await card.waitFor();
    await expect.poll(() => gaps.evaluateAll((els) => els.map((e) => e.getAttribute('data-supplied')))).toEqual(['true', 'true']);
    expect(await gaps.nth(0).textContent()).toMatch(/Supplied by received_payments\.csv\./);
    await screenshot(page, '41-case-home-coverage');
  });

  it('in French: the gaps, the day/month question and its example dates', async () => {
    const { page } = s;
    await page.getByTestId('lang-picker').selectOption('fr');
    const card = page.getByTestId('coverage-gaps');
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toBe('Ce que ces fichiers ne disent pas');
    expect(await card.getByTestId('coverage-gap').nth(0).textContent()).toMatch(/L’export des commandes Shopify ne contient pas l’adresse IP du client.*Fourni par received_payments\.csv\./s);

    await page.getByRole('tab', { name: 'Importer' }).click();
    const again = join(dir, 'Download-fr.CSV');
    writeFileSync(again, [sample('paypal').header, sample('paypal').rows[0].replace('"23/11/2025"', '"01/02/2025"')].join('\n'));
    await addFile(again, 'Choisir des fichiers…');
    const choice = page.getByTestId('date-order');
    await choice.waitFor();
    expect(await choice.textContent()).toMatch(/Ordre jour\/mois des dates.*Jour d’abord.*01\/02\/2025 serait le samedi 1 février 2025.*Mois d’abord.*01\/02\/2025 serait le jeudi 2 janvier 2025/s);
    expect(await page.getByTestId('import-blockers').textContent()).toMatch(/Download-fr\.CSV\u00a0: choisissez l’ordre jour\/mois de ses dates/);
    expect(await page.getByTestId('export-lacks').textContent()).toMatch(/Ce que cet export ne dit pas.*Le téléchargement d’activité PayPal ne contient pas l’adresse IP du payeur/s);
    await screenshot(page, '42-import-date-order-fr');
    expect(s.pageErrors).toEqual([]);
    expect(s.dialogs).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
