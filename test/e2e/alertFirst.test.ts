// The alert-first workbench in Chromium against the real engine (loopback bridge): the case home opens on the
// provider's block with the engine's household assessment in the first viewport; the main path works from the
// keyboard alone; the events grid's filter → export writes exactly the filtered rows; every screen passes an
// axe-core scan with no serious or critical violation, in the light and the dark theme; at 1280×720 the
// Timeline & graph tab and the grid do not scroll the page; every screen is captured at 1440×900 and 1280×720.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, axeViolations, openSession, screenshot, type Session } from '../support/browser';

const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1280x720', width: 1280, height: 720 },
];
const SCREENS = ['Case', 'Findings', 'IPs', 'Events', 'Timeline & graph', 'Import', 'Audit log'] as const;

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.waitForTimeout(name === 'Timeline & graph' ? 1200 : 400);
}

describe.skipIf(!existsSync(CHROMIUM))('alert-first workbench (Chromium + bridge)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession();
    await s.page.getByTestId('open-sample').click();
    await s.page.getByTestId('case-title').waitFor({ timeout: 120_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens on the blocked order and the household assessment, in the first viewport at both sizes', async () => {
    const { page } = s;
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await openTab(page, 'Case');
      const card = page.getByTestId('alert-card').first();
      await card.waitFor({ timeout: 60_000 });
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/Blocked by the provider/);
      expect(text).toMatch(/Order 48218/);
      expect(text).toMatch(/Multi-CB/);
      expect(text).toMatch(/DO NOT BLOCK/);
      const assessment = card.getByTestId('alert-assessment');
      expect(await assessment.textContent()).toMatch(/household sharing cards/i);
      expect(await card.getByTestId('suggested-verdict').textContent()).toMatch(/Policy breach/);
      // In the first viewport, without scrolling: the title and the assessment are both visible.
      for (const el of [card.getByRole('heading', { name: /Order 48218/ }), assessment]) {
        const box = await el.boundingBox();
        expect(box, `${size.name}`).not.toBeNull();
        expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
      }
      // No red "0 high" anywhere.
      expect(await page.locator('.sev', { hasText: /^0\b/ }).count()).toBe(0);
    }
  });

  it('the events grid filter → export writes exactly the filtered rows and the shown columns', async () => {
    const { page } = s;
    await page.setViewportSize(SIZES[0]);
    await openTab(page, 'Events');
    const grid = page.getByTestId('events-grid');
    await grid.waitFor();
    await page.getByLabel('filter Path', { exact: true }).fill('commande');
    await page.getByLabel('filter Client IP', { exact: true }).fill('90.14.207.118');
    const db = s.bridge.service.session.db();
    const expected = db
      .prepare("SELECT id, path FROM events WHERE instr(lower(path), 'commande') > 0 AND instr(lower(client_ip), '90.14.207.118') > 0 ORDER BY ts, id")
      .all() as { id: number; path: string }[];
    expect(expected.length).toBeGreaterThan(3);
    await expect.poll(async () => (await grid.locator('.grid-status').textContent()) ?? '').toMatch(new RegExp(`^${expected.length} of `));
    const out = join(mkdtempSync(join(tmpdir(), 'alibi-grid-e2e-')), 'shown.csv');
    s.bridge.answerDialogs(out);
    await page.getByRole('button', { name: /Export what you see/ }).click();
    await expect.poll(async () => (await page.getByTestId('grid-export-result').textContent()) ?? '', { timeout: 30_000 }).toMatch(/rows written/);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['time (Europe/Paris)', 'time_utc', 'kind']);
    const pathCol = header.indexOf('path');
    expect(lines.slice(1).map((l) => l.split(',')[pathCol])).toEqual(expected.map((e) => e.path));
    await screenshot(page, 'grid-filtered-1440x900');
    await page.getByRole('button', { name: 'Clear all filters' }).click();
  });

  it('walks the main path with the keyboard only', async () => {
    const { page } = s;
    await page.setViewportSize(SIZES[1]);
    await openTab(page, 'Case');
    // Tabs: focus the selected tab, arrows move between tabs.
    await page.getByRole('tab', { name: 'Case', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Findings' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Findings');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByRole('tab', { name: 'Case', exact: true }).getAttribute('aria-selected')).toBe('true');
    // Record the suggested verdict from the alert card with Tab and Enter only.
    const record = page.getByRole('button', { name: 'Record verdict…' }).first();
    await record.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.getAttribute('aria-label'))).toBe('verdict');
    await expect.poll(() => page.getByLabel('verdict', { exact: true }).inputValue()).toBe('policy-breach');
    await page.keyboard.press('Tab'); // reason
    await page.keyboard.press('Tab'); // record
    await page.keyboard.press('Enter');
    await page.getByText('Recorded in the audit log.').waitFor();
    expect(await page.locator('.verdict-badge').textContent()).toMatch(/Policy breach/);
    // The grid: focus the rows, move with the arrows, Enter opens the detail, Space stars the row.
    await openTab(page, 'Events');
    await page.getByTestId('grid-body').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('event-detail').waitFor();
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('.grid-row.active .star').getAttribute('aria-pressed')).toBe('true');
    const starred = s.bridge.service.session.db().prepare("SELECT count(*) AS n FROM tags WHERE tag = 'starred'").get() as { n: number };
    expect(starred.n).toBe(1);
    // Escape closes a dialog and gives the focus back.
    const about = page.getByRole('button', { name: 'About' });
    await about.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('About'); // an icon and its name
    // Focus is visible: the focused control draws an outline.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('prints the consultant and client names set in the app on the report (as text)', async () => {
    const { page } = s;
    await page.setViewportSize(SIZES[0]);
    await openTab(page, 'Case');
    await page.getByLabel('consultant name').fill('Marc <Dupont> Conseil');
    await page.getByLabel('client name').fill('Théâtre des Lilas');
    const out = join(mkdtempSync(join(tmpdir(), 'alibi-report-people-')), 'report.html');
    s.bridge.answerDialogs(out);
    await page.getByRole('button', { name: 'Export report (HTML)' }).click();
    await expect.poll(async () => (await page.getByTestId('export-result').textContent()) ?? '', { timeout: 60_000 }).toContain('Written');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Marc &lt;Dupont&gt; Conseil');
    expect(html).toContain('Théâtre des Lilas');
  });

  it('keeps Timeline & graph and the grid inside the window at 1280×720 (no page-level scroll)', async () => {
    const { page } = s;
    await page.setViewportSize(SIZES[1]);
    for (const tab of ['Timeline & graph', 'Events']) {
      await openTab(page, tab);
      const overflow = await page.evaluate(() => ({
        doc: document.documentElement.scrollHeight - window.innerHeight,
        view: (() => {
          const v = document.getElementById('view')!;
          return v.scrollHeight - v.clientHeight;
        })(),
      }));
      expect(overflow.doc, tab).toBeLessThanOrEqual(0);
      expect(overflow.view, tab).toBeLessThanOrEqual(1);
    }
  });

  it('passes axe-core (no serious or critical violation) on every screen, light and dark, and captures each screen', async () => {
    const { page } = s;
    const problems: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      for (const size of theme === 'light' ? SIZES : [SIZES[0]]) {
        await page.setViewportSize(size);
        for (const screen of SCREENS) {
          await openTab(page, screen);
          await screenshot(page, `screen-${screen.replace(/\W+/g, '-').toLowerCase()}-${size.name}${theme === 'dark' ? '-dark' : ''}`);
          if (size === SIZES[0]) problems.push(...(await axeViolations(page)).map((p) => `${theme} ${screen}: ${p}`));
        }
      }
    }
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    expect(problems).toEqual([]);
  });

  it('made no request outside 127.0.0.1, opened no dialog, threw no page error', () => {
    expect(s.offsite).toEqual([]);
    expect(s.dialogs).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
