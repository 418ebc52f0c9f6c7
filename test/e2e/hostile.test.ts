// Hostile case data: a log whose user agents, paths and referers carry HTML and script, imported through the
// wizard and shown in every pane (preview, sources, rejected rows, IP detail, event detail, timeline, graph).
// No script may run (no dialog, no injected element, no global set) and the text must show literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';

const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '<script>window.__pwned=2;alert(2)</script>';
const SVG = '"><svg onload=alert(3)>';
const ATTACKER = '203.0.113.66';

function hostileLog(): string {
  const lines = [
    `${ATTACKER} - - [23/Nov/2025:06:40:00 +0100] "GET /search?q=${encodeURIComponent(SVG)} HTTP/1.1" 200 512 "=HYPERLINK(\\"http://evil.example\\",\\"x\\")" "${IMG.replace(/"/g, '\\"')}"`,
    `${ATTACKER} - - [23/Nov/2025:06:40:05 +0100] "GET /<b>bold</b> HTTP/1.1" 404 0 "-" "${SCRIPT}"`,
    `${ATTACKER} - - [23/Nov/2025:06:40:09 +0100] "POST /login HTTP/1.1" 200 42 "-" "${IMG.replace(/"/g, '\\"')}"`,
    `198.51.100.7 - - [23/Nov/2025:06:41:00 +0100] "GET / HTTP/1.1" 200 1000 "-" "Mozilla/5.0 (X11; Linux x86_64)"`,
    `198.51.100.7 - - [23/Nov/2025:06:41:03 +0100] "GET /cart HTTP/1.1" 200 1000 "-" "Mozilla/5.0 (X11; Linux x86_64)"`,
    `this line is not a log line ${IMG} ${SCRIPT}`,
  ];
  return lines.join('\n') + '\n';
}

describe.skipIf(!existsSync(CHROMIUM))('hostile log content is shown as text, never run', () => {
  let s: Session;
  const dir = mkdtempSync(join(tmpdir(), 'alibi-hostile-'));
  const logPath = join(dir, `access-${'<img src=x onerror=alert(5)>'.replace(/[<>/"= ]/g, '_')}.log`);

  beforeAll(async () => {
    writeFileSync(logPath, hostileLog());
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  async function assertNothingRan(): Promise<void> {
    const { page } = s;
    expect(s.dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
    expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
  }

  it('creates a case and previews the hostile log literally', async () => {
    const { page } = s;
    s.bridge.answerDialogs(join(dir, 'hostile.alibi'));
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByTestId('case-title').waitFor();
    await page.getByRole('tab', { name: 'Import' }).click();
    s.bridge.answerDialogs([logPath]);
    await page.getByRole('button', { name: 'Choose files…' }).click();
    const preview = page.getByTestId('preview-table');
    await preview.waitFor();
    expect(await preview.textContent()).toContain(SCRIPT);
    await assertNothingRan();
    await page.getByTestId('start-import').click();
    await expect.poll(() => page.getByTestId('import-job').getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    await screenshot(page, '20-hostile-import');
    await assertNothingRan();
  });

  it('shows the rejected line as text', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Case' }).click();
    await page.getByTestId('sources').getByRole('button', { name: '1' }).click();
    const rejects = page.getByTestId('rejects');
    await expect.poll(async () => (await rejects.textContent()) ?? '').toContain(`this line is not a log line ${IMG} ${SCRIPT}`);
    await screenshot(page, '21-hostile-rejects');
    await assertNothingRan();
  });

  it('shows the attacker IP and its events with the payloads as text', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'IPs' }).click();
    await page.locator(`tr[data-ip="${ATTACKER}"]`).click();
    await page.getByTestId('ip-detail').waitFor();
    await page.getByRole('button', { name: 'Show its events in the timeline' }).click();
    const raw = page.getByTestId('raw-line');
    await raw.waitFor();
    expect(await raw.textContent()).toMatch(/<img src=x onerror=|<script>/);
    expect(await page.getByTestId('event-detail').textContent()).toMatch(/user_agent.*(<img src=x onerror=|<script>)/s);
    await screenshot(page, '22-hostile-event-detail');
    await assertNothingRan();
  });

  it('adds a note made of HTML, kept as text', async () => {
    const { page } = s;
    await page.getByLabel('note on event').fill(SCRIPT);
    await page.getByRole('button', { name: 'Add note' }).last().click();
    await expect.poll(async () => (await page.getByTestId('notes-event').textContent()) ?? '').toContain(SCRIPT);
    await assertNothingRan();
  });

  it('renders the timeline and graph of the hostile case without running anything', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Timeline & graph' }).click();
    await page.waitForTimeout(2500);
    await screenshot(page, '23-hostile-timeline-graph');
    await assertNothingRan();
    expect(s.offsite).toEqual([]);
  });
});
