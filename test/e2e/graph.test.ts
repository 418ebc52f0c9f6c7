// The entity graph in Chromium against the built renderer and the real engine (loopback bridge): focusing the
// sample customer's IP shows his e-mail and his two cards and the provider IP coloured as provider; clicking a
// node refocuses; a hostile user agent in a device label stays text and nothing runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { GraphNode } from '../../src/core/graph/graph';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';
import { buildSyntheticCase, STORY } from '../support/syntheticCase';

const CUSTOMER_IP = '90.14.207.118';
const CUSTOMER_EMAIL = 'julien.moreau@example.net';
const PROVIDER_IP = '51.91.102.137';

/** What the graph drew (vis-network labels are canvas text: the view exposes its nodes on the container). */
const drawnNodes = (page: Page) =>
  page.getByTestId('graph').evaluate((el) => (el as HTMLElement & { __graph: () => GraphNode[] }).__graph());

async function focusOn(page: Page, kind: string, value: string): Promise<void> {
  await page.getByLabel('focus kind').selectOption(kind);
  await page.getByLabel('focus value').fill(value);
  await page.getByRole('button', { name: 'Focus', exact: true }).click();
  await expect.poll(() => page.getByTestId('graph').getAttribute('data-drawn'), { timeout: 60_000 }).toMatch(new RegExp(`^${kind}:${value.replace(/[.]/g, '\\.')}\\|`));
}

describe.skipIf(!existsSync(CHROMIUM))('entity graph (Chromium + bridge)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('focus on the customer IP shows his e-mail and his two cards, and the provider IP as provider', async () => {
    const { page } = s;
    await page.getByTestId('open-sample').click();
    await page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Timeline & graph' }).click();
    await focusOn(page, 'ip', CUSTOMER_IP);
    const nodes = await drawnNodes(page);
    const focus = nodes.find((n) => n.depth === 0)!;
    expect(focus.value).toBe(CUSTOMER_IP);
    expect(focus.role).toBe('customer');
    expect(nodes.filter((n) => n.kind === 'email').map((n) => n.value)).toContain(CUSTOMER_EMAIL);
    const cardsOfEmail = await page.evaluate((email) => window.alibi.entityDetail({ kind: 'email', value: email }), CUSTOMER_EMAIL);
    expect(cardsOfEmail.linked.card).toBe(2);
    expect(nodes.filter((n) => n.kind === 'card').length).toBeGreaterThanOrEqual(2);
    const provider = nodes.find((n) => n.kind === 'ip' && n.value === PROVIDER_IP);
    expect(provider?.role).toBe('provider');
    expect(await page.locator('.gr-legend').textContent()).toContain('provider');
    await screenshot(page, '40-graph-customer-ip');
  });

  it('noise controls: collapse orders, hide single-link nodes', async () => {
    const { page } = s;
    await focusOn(page, 'ip', PROVIDER_IP);
    const before = await drawnNodes(page);
    // Aggregated by default: the provider's orders, each linked only to it here, are one counted bundle.
    const bundle = before.find((n) => n.kind === 'order' && (n as { members?: string[] }).members);
    expect(bundle?.label).toMatch(/^\d+ orders$/);
    expect((bundle as unknown as { members: string[] }).members.length).toBeGreaterThan(20);
    expect(before.length).toBeLessThan(40);
    // Shortest path from the focus to the bundle: one link.
    await page.getByLabel('path to').selectOption(bundle!.id);
    await expect.poll(async () => (await page.getByTestId('graph-path').textContent()) ?? '').toMatch(/→ \d+ orders \(1 link\)/);
    await screenshot(page, '41a-graph-provider-bundled');
    await page.getByLabel('collapse order').check();
    await expect.poll(async () => (await drawnNodes(page)).filter((n) => n.kind === 'order' && !n.collapsed).length, { timeout: 30_000 }).toBe(0);
    expect((await drawnNodes(page)).some((n) => n.collapsed && /orders$/.test(n.label))).toBe(true);
    await screenshot(page, '41-graph-provider-collapsed');
    await page.getByLabel('collapse order').uncheck();
    await page.getByLabel('hide leaves').check();
    await expect.poll(() => page.locator('.gr-status').textContent(), { timeout: 30_000 }).toMatch(/single-link nodes hidden|nodes drawn/);
    await page.getByLabel('hide leaves').uncheck();
  });

  it('clicking a node focuses it and opens its detail', async () => {
    const { page } = s;
    await focusOn(page, 'email', CUSTOMER_EMAIL);
    // click the focus itself (drawn in the middle of the canvas after fit)
    const box = (await page.getByTestId('graph').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('.detail').textContent(), { timeout: 30_000 }).toMatch(/julien|email|e-mail/i);
  });

  it('a hostile user agent in a device label is text; no script runs', async () => {
    const { page } = s;
    const dir = mkdtempSync(join(tmpdir(), 'alibi-graph-hostile-'));
    const path = join(dir, 'hostile.alibi');
    buildSyntheticCase(path, { events: 2000, otherCustomers: 10 }).close();
    await page.evaluate((p) => window.alibi.caseOpen({ path: p }), path);
    await page.reload();
    await page.getByTestId('case-title').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Timeline & graph' }).click();
    await focusOn(page, 'ip', STORY.hostileIp);
    const nodes = await drawnNodes(page);
    expect(nodes.find((n) => n.kind === 'device')?.label).toBe(`${STORY.hostileIp} · ${STORY.hostileUa}`);
    const box = (await page.getByTestId('graph').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(500);
    await screenshot(page, '42-graph-hostile');
    const injected = await page.evaluate(() => document.querySelectorAll('[data-testid=graph] img, .vis-tooltip img, .gr-legend img').length);
    expect(injected).toBe(0);
    expect(s.dialogs).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
