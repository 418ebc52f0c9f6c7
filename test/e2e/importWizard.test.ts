// The import wizard on a CSV no preset knows: map its columns by hand, give the zone its dates were written
// in, save the mapping as a preset, import — and the case records the zone and the UTC instants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';

describe.skipIf(!existsSync(CHROMIUM))('import wizard: explicit mapping, zone, preset', () => {
  let s: Session;
  const dir = mkdtempSync(join(tmpdir(), 'alibi-wizard-'));
  const csv = join(dir, 'export-boutique.csv');

  beforeAll(async () => {
    // French Excel: `;`, Windows-1252 (é), decimal comma, day-first dates without zone.
    const text = ['Quand;Client;Montant;Adresse IP;Courriel', '23/11/2025 06:41;Hélène;12,50;90.14.207.118;helene@example.fr',
      '23/11/2025 06:45;Hélène;99,00;90.14.207.118;helene@example.fr', '23/11/2025 07:02;Marc;5,00;37.171.66.212;marc@example.fr', ''].join('\r\n');
    writeFileSync(csv, iconv.encode(text, 'win1252'));
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('maps the columns, saves the preset and imports with the chosen zone', async () => {
    const { page } = s;
    s.bridge.answerDialogs(join(dir, 'wizard.alibi'));
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByTestId('case-title').waitFor();
    await page.getByRole('tab', { name: 'Import' }).click();
    s.bridge.answerDialogs([csv]);
    await page.getByRole('button', { name: 'Choose files…' }).click();
    await page.getByTestId('detected').waitFor();
    expect(await page.getByTestId('detected').textContent()).toMatch(/csv.*preset none.*windows-1252/s);
    expect(await page.getByTestId('preview-table').textContent()).toContain('Hélène');

    await page.locator('select[data-field="timestamp"]').selectOption('Quand');
    await page.locator('select[data-field="ip"]').selectOption('Adresse IP');
    await page.locator('select[data-field="amount"]').selectOption('Montant');
    await page.locator('select[data-field="email"]').selectOption('Courriel');
    await page.locator('select[data-field="name"]').selectOption('Client');
    expect(await page.locator('label.warn-label').textContent()).toMatch(/carry no time zone/);
    await page.getByLabel('source time zone').fill('Europe/Paris');
    await page.getByLabel('preset name').fill('boutique-fr');
    await page.getByRole('button', { name: 'Save as preset' }).click();
    await page.getByText('Saved as preset “boutique-fr”.').waitFor();
    expect(await page.getByLabel('preset', { exact: true }).inputValue()).toBe('boutique-fr');
    await screenshot(page, '15-import-mapping');

    await page.getByTestId('start-import').click();
    await expect.poll(() => page.getByTestId('import-job').getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await page.getByTestId('accepted').first().textContent()).toBe('3');

    const db = s.bridge.service.session.db();
    const src = db.prepare('SELECT tz, first_ts, last_ts, encoding FROM sources').get() as { tz: string; first_ts: number; last_ts: number; encoding: string };
    expect(src.tz).toBe('Europe/Paris');
    expect(src.first_ts).toBe(Date.UTC(2025, 10, 23, 5, 41)); // 06:41 Paris = 05:41 UTC
    expect(src.last_ts).toBe(Date.UTC(2025, 10, 23, 6, 2));
    const ev = db.prepare('SELECT name, amount, email, ip FROM events ORDER BY ts LIMIT 1').get() as { name: string; amount: number; email: string; ip: string };
    expect(ev).toEqual({ name: 'Hélène', amount: 12.5, email: 'helene@example.fr', ip: '90.14.207.118' });
    const preset = db.prepare("SELECT mapping_json FROM presets WHERE name = 'boutique-fr'").get() as { mapping_json: string };
    expect(JSON.parse(preset.mapping_json)).toMatchObject({ timestamp: 'Quand', ip: 'Adresse IP', amount: 'Montant' });
    const actions = (db.prepare('SELECT action FROM audit ORDER BY id').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toContain('preset.save');
    expect(s.dialogs).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
