// The workbench's shared controls on the sample case, in Chromium against the real engine: the one "hide provider,
// crawler and own traffic" switch narrows every timeline lane mode and the events grid alike (the grid and its
// export hold exactly the events whose address is not infrastructure); the grid's groups open and close with the
// mouse and the keyboard; and no screen offers a typed-path field — files come from the (test-answered) dialogs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';

const INFRA = new Set(['provider', 'crawler', 'own']);
const EN = JSON.parse(readFileSync(join(__dirname, '../../src/core/i18n/messages/en.json'), 'utf8')) as Record<string, string>;
/** An event kind as the grid shows it (its code stays the filter's and the export's value). */
const kindLabel = (code: string) => EN[`ui.eventKind.${code}`] ?? code;

/** Inputs that take a file path by typing (none may exist: paths come from main's dialogs). */
const pathFields = (page: Page) => page.locator('input:not([type=checkbox]):not([type=radio])').evaluateAll((els) =>
  els.map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('placeholder') ?? ''}`).filter((l) => /\b(file|case|output|csv) path|chemin d|\/(path|chemin)\/|\.alibi\b|\.csv\b|\.log\b/i.test(l)));

describe.skipIf(!existsSync(CHROMIUM))('shared infrastructure switch, collapsible grid groups, no typed paths', () => {
  let s: Session;
  let expected: number;
  let all: number;
  let infraIps: Set<string>;

  beforeAll(async () => {
    s = await openSession();
    expect(await pathFields(s.page)).toEqual([]); // the welcome screen
    await s.page.getByTestId('open-sample').click();
    await s.page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    const ips = await s.bridge.service.handlers.ipList({});
    infraIps = new Set(ips.filter((p) => INFRA.has(p.role)).map((p) => p.ip));
    const db = s.bridge.service.session.db();
    const rows = db.prepare('SELECT COALESCE(client_ip, ip) AS a FROM events').all() as { a: string | null }[];
    all = rows.length;
    expected = rows.filter((r) => r.a === null || !infraIps.has(r.a)).length;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the sample case has infrastructure traffic to hide (provider and crawlers)', () => {
    expect(infraIps.size).toBeGreaterThan(0);
    expect(expected).toBeLessThan(all);
    expect(expected).toBeGreaterThan(0);
  });

  const inView = async (page: Page) => {
    await page.waitForTimeout(300);
    const text = (await page.locator('.tl-status').textContent()) ?? '';
    return Number(/^([\d,\u202f\u00a0]+) events? in view/.exec(text)?.[1].replace(/\D/g, '') ?? NaN);
  };

  it('the switch works in every lane mode: per source, per IP and per customer all count the same events', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Timeline & graph' }).click();
    await page.getByTestId('timeline').waitFor();
    await page.getByRole('button', { name: 'Whole case' }).click();
    await expect.poll(() => inView(page), { timeout: 30_000 }).toBe(all);
    const lanes = page.getByLabel('group by');
    for (const mode of ['source', 'customer', 'ip'] as const) {
      await lanes.selectOption(mode);
      const sw = page.getByTestId('hide-infra');
      expect(await sw.isEnabled(), mode).toBe(true);
      await sw.check();
      await expect.poll(() => inView(page), { timeout: 30_000 }).toBe(expected);
      if (mode === 'ip') {
        // No lane of a provider, crawler or own address is left.
        const labels = await page.locator('.vis-label').allTextContents();
        expect(labels.filter((l) => [...infraIps].some((ip) => l.includes(ip)))).toEqual([]);
        await screenshot(page, '43-timeline-hide-infra-ip-lanes');
      }
      await sw.uncheck();
      await expect.poll(() => inView(page), { timeout: 30_000 }).toBe(all);
    }
    await page.getByTestId('hide-infra').check();
  });

  it('the events grid applies the same switch, and "export what you see" writes exactly those rows', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Events' }).click();
    const grid = page.getByTestId('events-grid');
    await grid.waitFor();
    expect(await grid.getByTestId('hide-infra').isChecked()).toBe(true); // one filter, shared with the timeline
    await expect.poll(async () => (await grid.locator('.grid-status').textContent()) ?? '').toMatch(new RegExp(`^${expected.toLocaleString('en-GB')} of ${all.toLocaleString('en-GB')} events`));
    const out = join(mkdtempSync(join(tmpdir(), 'alibi-infra-')), 'no-infra.csv');
    s.bridge.answerDialogs(out);
    await page.getByRole('button', { name: /Export what you see/ }).click();
    await expect.poll(async () => (await page.getByTestId('grid-export-result').textContent()) ?? '', { timeout: 30_000 }).toMatch(/rows written/);
    expect(s.bridge.pickerTitles.at(-1)).toMatch(/Export/);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.length - 1).toBe(expected);
    const header = lines[0].split(',');
    const ci = header.indexOf('client_ip');
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(lines.slice(1).filter((l) => infraIps.has(l.split(',')[ci]))).toEqual([]);
    // Cancelling the dialog exports nothing and says nothing went wrong.
    await page.getByRole('button', { name: /Export what you see/ }).click();
    await page.waitForTimeout(300);
    expect(await page.locator('.tl-error').count()).toBe(0);
    await grid.getByTestId('hide-infra').uncheck();
    await expect.poll(async () => (await grid.locator('.grid-status').textContent()) ?? '').toMatch(new RegExp(`^${all.toLocaleString('en-GB')} events`));
  });

  it('grid groups open and close with the mouse and with the keyboard alone', async () => {
    const { page } = s;
    const grid = page.getByTestId('events-grid');
    await page.getByLabel('group by').selectOption('kind');
    const groups = grid.getByTestId('grid-group');
    await expect.poll(() => groups.count()).toBeGreaterThan(1);
    const db = s.bridge.service.session.db();
    const kinds = db.prepare('SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY n DESC, kind').all() as { kind: string; n: number }[];
    expect(await groups.count()).toBe(kinds.length);
    expect(await grid.locator('.grid-row[data-event-id]').count()).toBe(0); // collapsed at first: headers only
    // Keyboard: the rows get the focus on the first group; Enter opens it, ← closes it, ↓ then → opens the next.
    await page.getByTestId('grid-body').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => groups.first().getAttribute('data-open')).toBe('true');
    expect(await groups.first().textContent()).toContain(kindLabel(kinds[0].kind));
    await expect.poll(() => grid.locator('.grid-row[data-event-id]').count()).toBeGreaterThan(5);
    const shownKinds = await grid.locator('.grid-row[data-event-id] .col-kind').allTextContents();
    expect(new Set(shownKinds)).toEqual(new Set([kindLabel(kinds[0].kind)]));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft'); // on a row: back to its group's header
    await page.keyboard.press('ArrowLeft'); // on the header: close
    await expect.poll(() => groups.first().getAttribute('data-open')).toBe('false');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => groups.nth(1).getAttribute('data-open')).toBe('true');
    // The second group's rows load after it opens: wait for them instead of reading an empty grid.
    await expect
      .poll(async () => [...new Set(await grid.locator('.grid-row[data-event-id] .col-kind').allTextContents())])
      .toEqual([kindLabel(kinds[1].kind)]);
    const second = await grid.locator('.grid-row[data-event-id] .col-kind').allTextContents();
    expect(second.length).toBe(Math.min(kinds[1].n, second.length));
    await page.keyboard.press(' ');
    await expect.poll(() => groups.nth(1).getAttribute('data-open')).toBe('false');
    // Mouse: a click on a header opens it; the expanded group's button says so to a screen reader.
    await groups.first().getByRole('button').click();
    expect(await groups.first().getByRole('button').getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, '44-grid-groups-open');
    await groups.first().getByRole('button').click();
    await expect.poll(() => groups.first().getAttribute('data-open')).toBe('false');
    await page.getByLabel('group by').selectOption('');
  });

  it('no screen offers a typed-path field', async () => {
    const { page } = s;
    for (const tab of ['Case', 'Findings', 'IPs', 'Events', 'Timeline & graph', 'Import', 'Audit log']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.waitForTimeout(300);
      expect(await pathFields(page), tab).toEqual([]);
    }
    expect(s.pageErrors).toEqual([]);
    expect(s.dialogs).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
