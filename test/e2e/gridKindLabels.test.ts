// The events grid's Type column on the sample case, in French, in Chromium through the bridge: the cells and the
// group headers show the kinds in words (« paiement », « requête HTTP »), never the engine's codes; the column's
// filter lists the kinds in words and filters on their codes (exactly the case's payment events); the CSV of
// what is shown keeps the codes (a file does not change with the language on screen).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_KINDS } from '../../src/core/vocabulary';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';
import { REPO } from '../support/paths';

const fr = JSON.parse(readFileSync(join(REPO, 'src/core/i18n/messages/fr.json'), 'utf8')) as Record<string, string>;

describe.skipIf(!existsSync(CHROMIUM))('events grid: kinds in words, filtered and exported as codes (French)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({}, { locale: 'fr-FR', viewport: { width: 1280, height: 720 } });
    await s.page.getByTestId('open-sample').click();
    await s.page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    await s.page.getByRole('tab', { name: fr['ui.tab.events'], exact: true }).click();
    await s.page.getByTestId('events-grid').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the kinds in words, filters on the codes and exports the codes', async () => {
    const { page } = s;
    const grid = page.getByTestId('events-grid');
    const words = new Set(EVENT_KINDS.map((k) => fr[`ui.eventKind.${k}`]));
    const kindCells = () => grid.locator('.grid-body .col-kind').allTextContents();
    await expect.poll(async () => (await kindCells()).filter(Boolean).length, { timeout: 30_000 }).toBeGreaterThan(5);
    const shown = (await kindCells()).filter(Boolean);
    expect(shown.filter((c) => !words.has(c)), 'cells that are not a kind in words').toEqual([]);
    expect(shown.some((c) => (EVENT_KINDS as readonly string[]).includes(c))).toBe(false);

    // the filter: kinds in words, values the codes
    const filter = page.getByLabel(fr['ui.grid.filterColumn'].replace('{column}', fr['ui.gridcol.kind']), { exact: true });
    const options = await filter.locator('option').allTextContents();
    expect(options).toEqual([fr['ui.tl.anyKind'], ...EVENT_KINDS.map((k) => fr[`ui.eventKind.${k}`])]);
    await filter.selectOption({ label: fr['ui.eventKind.payment'] });
    const db = s.bridge.service.session.db();
    const payments = (db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'payment'").get() as { n: number }).n;
    expect(payments).toBeGreaterThan(10);
    await expect.poll(async () => ((await grid.locator('.grid-status').textContent()) ?? '').replace(/\s/g, ''), { timeout: 30_000 }).toMatch(new RegExp(`^${payments}sur`));
    await expect.poll(async () => [...new Set((await kindCells()).filter(Boolean))]).toEqual([fr['ui.eventKind.payment']]);
    await screenshot(page, 'grid-kind-labels-fr-1280x720');

    // what is shown, exported: the codes, exactly the payment rows
    const out = join(mkdtempSync(join(tmpdir(), 'alibi-grid-kind-')), 'shown.csv');
    s.bridge.answerDialogs(out);
    await page.getByRole('button', { name: /^Exporter ce qui est affiché/ }).click();
    await expect.poll(async () => (await page.getByTestId('grid-export-result').textContent()) ?? '', { timeout: 30_000 }).not.toBe('');
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0].split(';');
    const kindCol = header.indexOf('kind');
    expect(kindCol).toBeGreaterThanOrEqual(0);
    expect(lines.length - 1).toBe(payments);
    expect(new Set(lines.slice(1).map((l) => l.split(';')[kindCol]))).toEqual(new Set(['payment']));
    await filter.selectOption('');

    // grouped by kind: the headers in words too
    await page.getByLabel(fr['ui.grid.groupBy'], { exact: true }).selectOption('kind');
    await expect.poll(() => grid.getByTestId('grid-group').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    const headers = await grid.getByTestId('grid-group').allTextContents();
    for (const h of headers) expect([...words].some((w) => h.includes(w)), h).toBe(true);
    await screenshot(page, 'grid-kind-groups-fr-1280x720');
    await page.getByLabel(fr['ui.grid.groupBy'], { exact: true }).selectOption('');
  });
});
