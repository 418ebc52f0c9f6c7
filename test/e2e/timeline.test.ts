// The timeline in Chromium against the built renderer and the real engine (loopback bridge): the sample case's
// Multi-CB block is marked on the axis, zooming in turns bucket counts into individual events, clicking one
// opens its raw line; a hostile user agent and path show as text in items and tooltips, and nothing runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';
import { buildSyntheticCase, STORY } from '../support/syntheticCase';

async function openInvestigate(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Timeline & graph' }).click();
  await page.getByTestId('timeline').locator('.vis-item').first().waitFor({ timeout: 60_000 });
}

const mode = (page: Page) => page.getByTestId('timeline').getAttribute('data-mode');

describe.skipIf(!existsSync(CHROMIUM))('timeline (Chromium + bridge)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('marks the Multi-CB block of the sample case on the axis', async () => {
    const { page } = s;
    await page.getByTestId('open-sample').click();
    await page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    await openInvestigate(page);
    // The first window is asked while the timeline's chunk loads, for the width the view then has: the view takes
    // that answer rather than asking its own.
    expect(await page.getByTestId('timeline').getAttribute('data-first-window')).toBe('asked-early');
    const marker = page.locator('.vis-item.tl-marker-decision', { hasText: 'Multi-CB' });
    await marker.first().waitFor({ timeout: 30_000 });
    expect(await marker.first().textContent()).toMatch(/^BLOCK Multi-CB/);
    // the lanes are the sample's source files
    expect(await page.getByTestId('timeline').locator('.vis-labelset').textContent()).toContain('shop-access.log');
    // a vertical alert line crosses every lane at the block instant
    expect(await page.locator('.vis-custom-time').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, '30-timeline-sample');
  });

  it('zooms from bucket counts to individual events; clicking one shows its raw line', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Whole case' }).click();
    await expect.poll(() => mode(page), { timeout: 30_000 }).toBe('buckets');
    expect(await page.locator('.vis-item.tl-bucket').count()).toBeGreaterThan(0);
    await screenshot(page, '31-timeline-buckets');
    // jump to the block instant (case time zone): ±5 min holds few enough events to draw one by one
    await page.getByLabel('jump to').fill('2025-11-23T07:02:04');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => mode(page), { timeout: 30_000 }).toBe('events');
    const events = page.locator('.vis-item.tl-event');
    await expect.poll(() => events.count()).toBeGreaterThan(3);
    await screenshot(page, '32-timeline-events');
    await expect.poll(() => page.locator('.vis-item.tl-event', { hasText: 'block Multi-CB' }).count()).toBe(1);
    // Lanes scroll vertically now: narrow to the orders so their lane is in view.
    await page.getByLabel('filter kind').selectOption('order');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    const order = page.locator('.vis-item.tl-kind-order').first();
    const label = (await order.textContent()) ?? '';
    await order.click();
    const detail = page.getByTestId('event-detail');
    await detail.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await detail.textContent()) ?? '').toMatch(/shop-orders\.csv/);
    expect(label).toMatch(/^order /);
    await screenshot(page, '33-timeline-event-detail');
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
  });

  it('filters to one customer e-mail', async () => {
    const { page } = s;
    await page.getByLabel('filter e-mail').fill('julien.moreau@example.net');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('button', { name: 'Whole case' }).click();
    await expect.poll(() => mode(page), { timeout: 30_000 }).toBe('events');
    // the view may have been in events mode already: wait for the filtered window's items, not the mode alone
    const kinds = () => page.locator('.vis-item.tl-event').evaluateAll((els) => els.map((e) => e.className));
    await expect.poll(async () => (await kinds()).length, { timeout: 30_000 }).toBeGreaterThan(2);
    await expect.poll(async () => (await kinds()).filter((c) => c.includes('tl-kind-http_request')), { timeout: 30_000 }).toEqual([]);
    await page.getByRole('button', { name: 'Clear' }).click();
  });

  it('shows a hostile user agent and path as text in items and tooltips; no script runs', async () => {
    const { page } = s;
    const dir = mkdtempSync(join(tmpdir(), 'alibi-tl-hostile-'));
    const path = join(dir, 'hostile.alibi');
    buildSyntheticCase(path, { events: 3000, otherCustomers: 20 }).close();
    await page.evaluate((p) => window.alibi.caseOpen({ path: p }), path);
    await page.reload();
    await page.getByTestId('case-title').waitFor({ timeout: 60_000 });
    await openInvestigate(page);
    await page.getByLabel('filter IP').fill(STORY.hostileIp);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('button', { name: 'Whole case' }).click();
    await expect.poll(() => mode(page), { timeout: 30_000 }).toBe('events');
    const item = page.locator('.vis-item.tl-event').first();
    await item.waitFor();
    expect(await item.textContent()).toBe('GET /search?q=<script>alert(2)</script> 404');
    await item.hover();
    const tip = page.locator('.vis-tooltip');
    await tip.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await tip.textContent()).toContain(`user agent ${STORY.hostileUa}`);
    await screenshot(page, '34-timeline-hostile');
    const injected = await page.evaluate(() => document.querySelectorAll('[data-testid=timeline] img, [data-testid=timeline] script, .vis-tooltip img').length);
    expect(injected).toBe(0);
    expect(s.dialogs).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
