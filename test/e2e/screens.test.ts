// Every screen, in English and in French, at 1440×900 and 1280×720: the welcome screen, each tab of the sample
// case, and the import wizard holding a PayPal download whose day/month order must be chosen. Each is captured
// (test-output/screenshots/screens-<lang>-<screen>-<size>.png, to look at) and scanned by axe-core at both sizes:
// no serious or critical violation; no screen scrolls the page sideways; no French screen shows an English word
// outside the case's own data (the engine's texts too: preset descriptions, findings' titles, the case title).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CSV_PRESETS } from '../../src/core/import/presets';
import { CHROMIUM, axeViolations, openSession, screenshot, type Session } from '../support/browser';
import { csvCells, englishOnFrenchScreen, sampleCaseData } from '../support/frenchScreen';

const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1280x720', width: 1280, height: 720 },
];
const TABS = {
  en: ['Case', 'Findings', 'IPs', 'Events', 'Timeline & graph', 'Import', 'Audit log'],
  fr: ['Dossier', 'Constats', 'Adresses IP', 'Événements', 'Chronologie et graphe', 'Importer', 'Journal d’audit'],
} as const;
const SLUG = ['case', 'findings', 'ips', 'events', 'timeline-graph', 'import', 'audit-log'];
const PAYPAL = CSV_PRESETS.find((p) => p.variant === 'paypal')!.sample;
/** What the screens may show in English because it is the case's: the sample's files and the PayPal download. */
const CASE_DATA = [...sampleCaseData(), ...csvCells([PAYPAL.header, ...PAYPAL.rows].join('\n')), 'Download.CSV'];

for (const lang of ['en', 'fr'] as const) {
  describe.skipIf(!existsSync(CHROMIUM))(`every screen in ${lang === 'en' ? 'English' : 'French'}, both sizes`, () => {
    let s: Session;
    const problems: string[] = [];

    /** Captures the screen at both sizes and records its axe-core problems and any sideways page scroll. */
    const capture = async (page: Page, screen: string) => {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(screen === 'timeline-graph' ? 1200 : 400);
        await screenshot(page, `screens-${lang}-${screen}-${size.name}`);
        problems.push(...(await axeViolations(page)).map((p) => `${screen} ${size.name}: ${p}`));
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (sideways > 0) problems.push(`${screen} ${size.name}: the page scrolls sideways by ${sideways}px`);
        // A table of the app's own columns fits its box; only a file's preview (its columns) may scroll sideways.
        const clipped = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.table-wrap:not(.preview)')].filter((w) => w.scrollWidth - w.clientWidth > 1).map((w) => w.querySelector('table')?.dataset.testid ?? w.className));
        if (clipped.length) problems.push(`${screen} ${size.name}: tables cut on the right: ${clipped.join(', ')}`);
      }
      if (lang === 'fr') problems.push(...(await englishOnFrenchScreen(page, CASE_DATA)).map((p) => `${screen}: English ${p}`));
    };

    beforeAll(async () => {
      s = await openSession({}, { locale: lang === 'en' ? 'en-GB' : 'fr-FR' });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('the welcome screen', async () => {
      await s.page.getByTestId('open-sample').waitFor();
      await capture(s.page, 'welcome');
    });

    it('every tab of the sample case', async () => {
      const { page } = s;
      await page.setViewportSize(SIZES[0]);
      await page.getByTestId('open-sample').click();
      await page.getByTestId('case-title').waitFor({ timeout: 120_000 });
      await page.getByTestId('alert-card').first().waitFor({ timeout: 60_000 });
      for (const [i, tab] of TABS[lang].entries()) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        if (SLUG[i] === 'ips') {
          // the provider's address open in the detail pane: its evidence, block impact and proposals are read too
          await page.locator('tr[data-ip="51.91.102.137"]').click();
          await page.getByTestId('ip-detail').waitFor();
        }
        await capture(page, SLUG[i]);
      }
    });

    it('the import wizard asking the day/month order of a PayPal download', async () => {
      const { page } = s;
      await page.setViewportSize(SIZES[0]);
      const paypal = PAYPAL;
      const file = join(mkdtempSync(join(tmpdir(), 'alibi-screens-')), 'Download.CSV');
      writeFileSync(file, [paypal.header, ...paypal.rows.map((r, i) => r.replace('"23/11/2025"', `"0${i + 1}/02/2025"`))].join('\n'));
      await page.getByRole('tab', { name: TABS[lang][5], exact: true }).click();
      s.bridge.answerDialogs([file]);
      await page.getByRole('button', { name: lang === 'en' ? 'Choose files…' : 'Choisir des fichiers…' }).click();
      await page.getByTestId('date-order').waitFor();
      await capture(page, 'import-date-order');
      expect(problems).toEqual([]);
      expect(s.pageErrors).toEqual([]);
      expect(s.offsite).toEqual([]);
    });
  });
}
