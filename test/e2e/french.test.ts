// The app in French, in Chromium against the real engine: the system's language (fr-FR) picks French, the
// choice is remembered, and no screen shows an English word of the interface. Case data (file names, the
// provider's own rule and status words, raw lines) is never translated, so the check reads the interface's
// own words: every text node, and the labels, placeholders and titles a screen reader or a hover shows.
// The engine's sentences (assessments, block reasons) are shown in the app's language where the engine gives
// them as messages; the words of the interface itself must never be English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';
import { englishWordsIn } from '../support/englishOnly';

/** Words and phrases of the English interface that no French screen may show. */
const ENGLISH_UI = [
  'Loading', 'Open the sample case', 'Sample case', 'Recent cases', 'Open a case', 'New case', 'Create case', 'Choose',
  'Findings', 'Audit log', 'Timeline', 'Import files', 'Close case', 'About', 'Dark theme', 'Language',
  'Blocked by the provider', 'Held for review', 'Customer', 'Amount', "Provider's reason", "Engine's assessment", 'Speaks for it',
  'Speaks against it', 'Suggested verdict', 'Record verdict', 'Open evidence', 'Export report', 'IPs involved', 'Block advice',
  'Part in this alert', 'Breach exposure', 'Other findings', 'All findings', 'Report and share', 'Save redacted',
  'Events CSV', 'Findings CSV', 'IP roles CSV', 'separator', 'File', 'Size', 'Zone', 'Accepted', 'Rejected',
  'Imported', 'Case notes', 'Add note', 'No notes', 'Integrity', 'Verify case file', 'Verdict', 'Why', 'Currently',
  'Household', 'Card-testing signals', 'evidence events', 'IP addresses', 'all roles', 'shown', 'Country', 'Orders',
  'Customers', 'Provider calls', 'Signals', 'Block impact', 'Show its events', 'Override the role', 'Notes on this',
  'Role:', 'confidence', 'Raw line', 'Tags', 'Source:', 'Clear all filters', 'Columns', 'group by', 'starred only',
  'search the raw lines', 'Export what you see', 'Whole case', 'Overview', 'Focus', 'depth', 'hide single-link',
  'max nodes', 'lanes', 'per source', 'Filter', 'Clear', 'jump to', 'Go', 'legend', 'focused entity', 'entities',
  'Hover a node', 'Add file', 'drop files', 'When', 'Who', 'Target', 'Details', 'Hash', 'Newest first',
  'Likely', 'Suspicious', 'Inconclusive', 'Legitimate', 'Policy breach', 'Open (no verdict', 'DO NOT BLOCK this', 'Caution',
  'Blocking is safe',
];
/** Labels of the engine's codes: a whole text node (the engine's own sentences are checked by the report tests). */
const ENGLISH_LABELS = new Set(['customer', 'payment provider', 'shared address', 'own infrastructure', 'crawler', 'attacker', 'unknown', 'placed the orders', 'carried the orders (server to server)', 'high', 'medium', 'low']);
const PATTERN = new RegExp(`(^|[^\\p{L}])(${ENGLISH_UI.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}])`, 'u');

/** Every visible text node and every label/placeholder/title of the page. */
async function interfaceTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('pre, code, .raw, .tl-item, .vis-item, canvas, option:not(:checked)')) continue;
      const text = n.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
}

async function expectFrench(page: Page, screen: string): Promise<void> {
  await page.waitForTimeout(600);
  const english = (await interfaceTexts(page)).filter((t) => PATTERN.test(t) || ENGLISH_LABELS.has(t));
  expect(english, `English interface words on the ${screen} screen`).toEqual([]);
}

describe.skipIf(!existsSync(CHROMIUM))('the app in French (Chromium + bridge)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession({}, { locale: 'fr-FR' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('starts in the system language and shows the welcome screen in French', async () => {
    const { page } = s;
    await page.getByTestId('open-sample').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.getByTestId('open-sample').textContent()).toBe('Ouvrir le dossier d’exemple');
    await expectFrench(page, 'welcome');
  });

  it('case home, alert card, verdict and export in French, with French plurals and amounts', async () => {
    const { page } = s;
    await page.getByTestId('open-sample').click();
    await page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    await page.getByTestId('alert-card').first().waitFor({ timeout: 60_000 });
    const home = (await page.locator('main').textContent()) ?? '';
    expect(home).toMatch(/\d+ événements · 6 fichiers sources/);
    expect(home).toContain('Bloqué par le prestataire');
    await screenshot(page, 'fr-01-case-home');
    await expectFrench(page, 'case home');
  });

  for (const [tab, name] of [
    ['Constats', 'findings'], ['Adresses IP', 'IP list'], ['Événements', 'events grid'], ['Chronologie et graphe', 'timeline and graph'],
    ['Importer', 'import'], ['Journal d’audit', 'audit log'],
  ] as const) {
    it(`${name} in French`, async () => {
      const { page } = s;
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.waitForTimeout(1500);
      if (name === 'IP list') {
        await page.getByTestId('ip-table').waitFor();
        await page.locator('tr[data-ip="90.14.207.118"]').click();
        await page.getByTestId('ip-detail').waitFor();
      }
      if (name === 'findings') {
        // The engine's sentences on each finding (summary, assessment, signals, what would change it), details open.
        await page.locator('article.finding details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        const cards = await page.locator('article.finding').allTextContents();
        expect(cards.length).toBeGreaterThan(0);
        expect(cards.map((c) => englishWordsIn(c)).filter((w) => w.length > 0), 'English words in findings').toEqual([]);
      }
      if (name === 'timeline and graph') {
        // The graph's labels are canvas text, outside the DOM check: read what was drawn.
        await expect.poll(() => page.getByTestId('graph').getAttribute('data-drawn'), { timeout: 60_000 }).toMatch(/\|\d+$/);
        const labels = await page.getByTestId('graph').evaluate((el) => (el as HTMLElement & { __graph: () => { label: string }[] }).__graph().map((n) => n.label));
        expect(labels.some((l) => /^commande \d+$/.test(l)), labels.join(' | ')).toBe(true);
        expect(labels.filter((l) => englishWordsIn(l).length > 0), 'English words in graph labels').toEqual([]);
      }
      await screenshot(page, `fr-${name.replace(/\W+/g, '-')}`);
      await expectFrench(page, name);
    });
  }

  it('the choice is remembered and can be switched back to English', async () => {
    const { page } = s;
    await page.getByTestId('lang-picker').selectOption('en');
    await expect.poll(() => page.getByRole('tab', { name: 'Findings' }).count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('alibi.lang'))).toBe('en');
    await page.getByTestId('lang-picker').selectOption('fr');
    await page.reload();
    await page.getByTestId('case-title').waitFor({ timeout: 60_000 }).catch(() => undefined);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  });
});
