// The entity graph's labels on the sample case, in Chromium through the bridge, in English and in French, at
// 1280×720 and 1440×900: at the opening zoom, after focusing the provider's IP and opening its bundle of orders,
// after zooming out and back in, and on hover, no two drawn labels overlap. The check does not trust the view's
// own sums: it takes each label box the view says it drew, finds the node it belongs to from the network's own
// positions and zoom (vis-network getPosition/canvasToDOM), measures the text with the page's canvas in the same
// font, and checks the box holds the text, touches its node, lies inside the canvas and crosses no other label.
// The overview (no focus) and a shortest path between two entities are checked the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { GraphNode } from '../../src/core/graph/graph';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';
import { REPO } from '../support/paths';

const PROVIDER_IP = '51.91.102.137';
const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1440x900', width: 1440, height: 900 },
];
const messages = (lang: string) => JSON.parse(readFileSync(join(REPO, `src/core/i18n/messages/${lang}.json`), 'utf8')) as Record<string, string>;

type Drawn = GraphNode & { members?: string[] };
/** What the test reads of the vis-network instance the view exposes on its container. */
type Net = { getScale(): number; getBoundingBox(id: string): { top: number; left: number; right: number; bottom: number }; getPosition(id: string): { x: number; y: number }; canvasToDOM(p: { x: number; y: number }): { x: number; y: number } };

interface LabelCheck {
  /** Labels drawn in this frame. */
  count: number;
  ids: string[];
  problems: string[];
}

const drawnNodes = (page: Page) => page.getByTestId('graph').evaluate((el) => (el as HTMLElement & { __graph: () => Drawn[] }).__graph());

/** Reads the drawn labels and checks them against the network's own positions and the page's own text metrics. */
async function checkLabels(page: Page): Promise<LabelCheck> {
  await page.waitForTimeout(150); // let the last wheel or hover frame paint
  return page.getByTestId('graph').evaluate(async (el) => {
    // a redraw may be pending (new data, a resize, a fit animation after a bundle opens): read the labels once the
    // drawn labels, the nodes' positions on screen and the pane's size are the same two frames in a row
    type Box = { id: string; text: string; x: number; y: number; w: number; h: number; bold: boolean };
    const host = el as HTMLElement & { __labels: () => Box[]; __network: () => Net };
    const net = host.__network();
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    // The pane itself may still be settling (a status line appearing under the graph, a resize re-planned after
    // 200 ms): wait, up to 5 s, until the labels were drawn for the pane's current size too; a label that stays
    // outside after that is a real fault and is reported below.
    const state = () => JSON.stringify([el.clientWidth, el.clientHeight, host.__labels().map((b) => [b, net.canvasToDOM(net.getPosition(b.id))])]);
    const inside = () => host.__labels().every((b) => b.x >= 0 && b.y >= 0 && b.x + b.w <= el.clientWidth && b.y + b.h <= el.clientHeight);
    let last = '';
    for (let same = 0, t0 = performance.now(); performance.now() - t0 < 5000 && !(same >= 2 && inside()); ) {
      await frame();
      const now = state();
      same = now === last ? same + 1 : 0;
      last = now;
    }
    const boxes = host.__labels();
    const ctx = document.createElement('canvas').getContext('2d')!;
    const problems: string[] = [];
    for (const b of boxes) {
      ctx.font = `${b.bold ? '600 ' : ''}12px system-ui, sans-serif`;
      const textW = ctx.measureText(b.text).width;
      if (b.w < textW) problems.push(`box of "${b.text}" narrower (${b.w}) than its text (${textW.toFixed(1)})`);
      if (b.h < 14) problems.push(`label "${b.text}" ${b.h}px high: unreadable`);
      if (b.x < 0 || b.y < 0 || b.x + b.w > el.clientWidth || b.y + b.h > el.clientHeight) problems.push(`label "${b.text}" outside the canvas`);
      // the node it names, from the network's own bounding box of it: the label touches it (a 3 px gap)
      const bb = net.getBoundingBox(b.id);
      const tl = net.canvasToDOM({ x: bb.left, y: bb.top });
      const br = net.canvasToDOM({ x: bb.right, y: bb.bottom });
      const dx = Math.max(b.x - br.x, 0, tl.x - (b.x + b.w));
      const dy = Math.max(b.y - br.y, 0, tl.y - (b.y + b.h));
      if (Math.hypot(dx, dy) > 6) problems.push(`label "${b.text}" ${Math.hypot(dx, dy).toFixed(0)}px away from its node`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) problems.push(`"${a.text}" overlaps "${b.text}"`);
      }
    }
    return { count: boxes.length, ids: boxes.map((b) => b.id), problems };
  });
}

const scaleOf = (page: Page) => page.getByTestId('graph').evaluate((el) => (el as HTMLElement & { __network: () => Net }).__network().getScale());

/** Turns the mouse wheel over the middle of the graph until the zoom is `factor` times what it was. */
async function zoomBy(page: Page, factor: number): Promise<void> {
  const box = (await page.getByTestId('graph').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const target = (await scaleOf(page)) * factor;
  for (let i = 0; i < 40 && (factor > 1 ? (await scaleOf(page)) < target : (await scaleOf(page)) > target); i++) {
    await page.mouse.wheel(0, factor > 1 ? -200 : 200);
    await page.waitForTimeout(40);
  }
  expect(factor > 1 ? await scaleOf(page) : target).toBeGreaterThanOrEqual(factor > 1 ? target : await scaleOf(page));
}

/** Where a node is on the page, from the network's own position and zoom. */
async function nodeOnPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('graph').boundingBox())!;
  const p = await page.getByTestId('graph').evaluate((el, nodeId) => {
    const net = (el as HTMLElement & { __network: () => Net }).__network();
    return net.canvasToDOM(net.getPosition(nodeId));
  }, id);
  return { x: box.x + p.x, y: box.y + p.y };
}

for (const lang of ['en', 'fr'] as const) {
  const m = messages(lang);
  describe.skipIf(!existsSync(CHROMIUM))(`graph labels never overlap (${lang})`, () => {
    let s: Session;
    beforeAll(async () => {
      s = await openSession({}, { locale: lang === 'en' ? 'en-GB' : 'fr-FR', viewport: SIZES[0] });
      await s.page.getByTestId('open-sample').click();
      await s.page.getByTestId('case-title').waitFor({ timeout: 120_000 });
      await s.page.getByRole('tab', { name: m['ui.tab.investigate'], exact: true }).click();
    });
    afterAll(async () => {
      await s?.close();
    });

    for (const size of SIZES) {
      it(`at ${size.name}: the alert's graph, the provider's bundle opened, zoomed out and in, and hovered`, async () => {
        const { page } = s;
        await page.setViewportSize(size);
        // the opening graph: the customer of the blocked alert
        await page.getByRole('button', { name: m['ui.gr.overview'], exact: true }).click();
        await expect.poll(() => page.getByTestId('graph').getAttribute('data-drawn'), { timeout: 60_000 }).toMatch(/^overview\|/);
        // the overview (no focus): levels by degree, the same rule for labels
        await screenshot(page, `graph-labels-${lang}-overview-${size.name}`);
        const overview = await checkLabels(page);
        expect(overview.problems).toEqual([]);
        expect(overview.count).toBeGreaterThan(0);
        await page.getByLabel(m['ui.gr.focusKind'], { exact: true }).selectOption('email');
        await page.getByLabel(m['ui.gr.focusValue'], { exact: true }).fill('julien.moreau@example.net');
        await page.getByRole('button', { name: m['ui.gr.focus'], exact: true }).click();
        await expect.poll(() => page.getByTestId('graph').getAttribute('data-drawn'), { timeout: 60_000 }).toMatch(/^email:julien\.moreau@example\.net\|/);
        await screenshot(page, `graph-labels-${lang}-alert-${size.name}`);
        const alert = await checkLabels(page);
        expect(alert.problems).toEqual([]);
        const nodes = await drawnNodes(page);
        // the focus is always named, and most of a 14-node neighbourhood is readable at the opening zoom
        expect(alert.ids).toContain(nodes.find((n) => n.depth === 0)!.id);
        expect(alert.count).toBeGreaterThanOrEqual(Math.min(nodes.length, 8));
        // the shortest path between two entities, neither of them the focus: the customer's IP to the provider's
        await page.getByLabel(m['ui.gr.pathFromLabel'], { exact: true }).selectOption('ip:90.14.207.118');
        await page.getByLabel(m['ui.gr.pathTo'], { exact: true }).selectOption(`ip:${PROVIDER_IP}`);
        await expect.poll(async () => (await page.getByTestId('graph-path').textContent()) ?? '').toMatch(/90\.14\.207\.118 → .+ → 51\.91\.102\.137 \(\d/);
        const onPath = await checkLabels(page);
        expect(onPath.problems).toEqual([]);
        // the path's ends are named (they outrank the other labels)
        expect(onPath.ids).toEqual(expect.arrayContaining(['ip:90.14.207.118', `ip:${PROVIDER_IP}`]));
        await screenshot(page, `graph-labels-${lang}-path-${size.name}`);
        await page.getByLabel(m['ui.gr.pathFromLabel'], { exact: true }).selectOption('');
        await page.getByLabel(m['ui.gr.pathTo'], { exact: true }).selectOption('');

        // the provider's IP: its orders are one counted bundle; open it with a click on the network's node
        await page.getByLabel(m['ui.gr.focusKind'], { exact: true }).selectOption('ip');
        await page.getByLabel(m['ui.gr.focusValue'], { exact: true }).fill(PROVIDER_IP);
        await page.getByRole('button', { name: m['ui.gr.focus'], exact: true }).click();
        await expect.poll(() => page.getByTestId('graph').getAttribute('data-drawn'), { timeout: 60_000 }).toMatch(/^ip:51\.91\.102\.137\|/);
        expect((await checkLabels(page)).problems).toEqual([]);
        const bundle = (await drawnNodes(page)).find((n) => n.kind === 'order' && n.members)!;
        expect(bundle.members!.length).toBeGreaterThan(20);
        const before = (await drawnNodes(page)).length;
        const at = await nodeOnPage(page, bundle.id);
        await page.mouse.click(at.x, at.y);
        await expect.poll(async () => (await drawnNodes(page)).length, { timeout: 30_000 }).toBeGreaterThan(before + 20);
        const opened = await checkLabels(page);
        expect(opened.problems).toEqual([]);
        expect(opened.count).toBeGreaterThanOrEqual(5);
        // the labels left out are said, with what to do about them
        if ((await drawnNodes(page)).length > opened.count) await expect.poll(() => page.getByTestId('graph-labels-hidden').count()).toBe(1);
        await screenshot(page, `graph-labels-${lang}-bundle-open-${size.name}`);

        // hovered: a node whose label was left out (its marker clear of the others) shows its label over no other
        const canvas = (await page.getByTestId('graph').boundingBox())!;
        const target = await page.getByTestId('graph').evaluate((el, labelled) => {
          const host = el as HTMLElement & { __graph: () => { id: string }[]; __network: () => Net };
          const net = host.__network();
          const boxes = host.__graph().map((n) => {
            const bb = net.getBoundingBox(n.id);
            const tl = net.canvasToDOM({ x: bb.left, y: bb.top });
            const br = net.canvasToDOM({ x: bb.right, y: bb.bottom });
            return { id: n.id, x0: tl.x, y0: tl.y, x1: br.x, y1: br.y };
          });
          const hit = boxes.find((b) =>
            !labelled.includes(b.id) && b.x0 > 0 && b.y0 > 0 && b.x1 < el.clientWidth && b.y1 < el.clientHeight &&
            boxes.every((o) => o === b || o.x1 < b.x0 || b.x1 < o.x0 || o.y1 < b.y0 || b.y1 < o.y0));
          return hit ? { id: hit.id, x: (hit.x0 + hit.x1) / 2, y: (hit.y0 + hit.y1) / 2 } : undefined;
        }, opened.ids);
        expect(target, 'a node without a label, clear of the others').toBeDefined();
        await page.mouse.move(canvas.x + target!.x, canvas.y + target!.y);
        await expect.poll(async () => (await checkLabels(page)).ids).toContain(target!.id);
        await screenshot(page, `graph-labels-${lang}-hover-${size.name}`);
        expect((await checkLabels(page)).problems).toEqual([]);
        await page.mouse.move(canvas.x + 2, canvas.y + 2);

        // zoomed in: labels left out at the opening zoom come back, and still none crosses another
        await zoomBy(page, 3);
        const zin = await checkLabels(page);
        await screenshot(page, `graph-labels-${lang}-zoomed-in-${size.name}`);
        expect(zin.problems).toEqual([]);
        expect(zin.ids.filter((id) => !opened.ids.includes(id)).length).toBeGreaterThan(0);

        // zoomed far out: the focus is still named, and no label crosses another
        await zoomBy(page, 1 / 12);
        const out = await checkLabels(page);
        await screenshot(page, `graph-labels-${lang}-zoomed-out-${size.name}`);
        expect(out.problems).toEqual([]);
        expect(out.ids).toContain(`ip:${PROVIDER_IP}`);
      });
    }
  });
}
