// The first path of a Sunday morning, in Chromium against the built renderer and the real engine (through the
// loopback bridge): open the sample case, read the findings, tell the customer's IP from the provider's, see
// the block-impact warning, import the real Apache log through the wizard, write a note and find it in the
// audit log. No request may leave 127.0.0.1 and no dialog may open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APACHE_LOG } from '../support/paths';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';

const CUSTOMER_IP = '90.14.207.118';
const PROVIDER_IP = '51.91.102.137';

describe.skipIf(!existsSync(CHROMIUM))('workbench end to end (Chromium + bridge)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('offers the sample case and opens it', async () => {
    const { page } = s;
    await page.getByTestId('open-sample').waitFor();
    await screenshot(page, '01-welcome');
    await page.getByTestId('open-sample').click();
    await page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('case-title').textContent()).toMatch(/Multi-CB/);
    // Every sample file is listed with its SHA-256 and row counts.
    const sources = page.getByTestId('sources');
    await expect.poll(() => sources.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    expect(await sources.textContent()).toContain('shop-access.log');
    // Breach exposure: Julien found by e-mail; name-only matches counted apart as weak.
    const home = (await page.locator('main').textContent()) ?? '';
    expect(home).toMatch(/\d+ e-mail or phone identifiers of this case appear in “Telecom operator leak/);
    expect(home).toMatch(/j\*\*\*@example\.net \(e-mail address\) — customer 1874/);
    await screenshot(page, '02-case-home');
  });

  it('lists the multi-card finding on the customer as likely legitimate shared cards', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Findings' }).click();
    const findings = page.getByTestId('findings');
    await findings.waitFor();
    const text = await findings.textContent();
    expect(text).toMatch(/julien\.moreau@example\.net|1874/i);
    expect(text).toMatch(/household sharing cards — not card testing/i);
    expect(text).not.toMatch(/likely card testing/i);
    await screenshot(page, '03-findings');
  });

  it('opens a finding\'s evidence in the timeline and graph, where the Multi-CB alert is marked', async () => {
    const { page } = s;
    const julien = page.locator('article.finding', { hasText: 'e-mail: julien.moreau@example.net' });
    await julien.getByRole('button', { name: /Open evidence in timeline/ }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Timeline & graph' }).getAttribute('aria-selected')).toBe('true');
    await page.waitForTimeout(1500);
    await screenshot(page, '04-timeline-graph');
    await expect.poll(async () => (await page.locator('.timeline-pane').textContent()) ?? '', { timeout: 30_000 }).toMatch(/Multi-CB/i);
    // The finding's subject is focused: the detail pane says what the case holds about it.
    await expect.poll(async () => (await page.getByTestId('entity-detail').textContent()) ?? '', { timeout: 30_000 }).toMatch(/julien\.moreau@example\.net.*\d+ events/s);
    // The first evidence event is shown in the detail pane with its provenance.
    await page.getByTestId('event-detail').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('provenance').textContent()).toMatch(/line \d+/);
  });

  it('tells the customer\'s IP from the provider\'s, with a loud do-not-block warning on the provider', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'IPs' }).click();
    await page.getByTestId('ip-table').waitFor();

    await page.locator(`tr[data-ip="${CUSTOMER_IP}"]`).click();
    await expect.poll(() => page.getByTestId('ip-role').getAttribute('data-role')).toBe('customer');
    expect(await page.getByTestId('ip-detail').textContent()).toMatch(/Orange/i);
    await screenshot(page, '05-ip-customer');

    await page.locator(`tr[data-ip="${PROVIDER_IP}"]`).click();
    await expect.poll(() => page.getByTestId('ip-role').getAttribute('data-role')).toBe('provider');
    const impact = page.getByTestId('block-impact');
    expect(await impact.getAttribute('class')).toContain('impact-do-not-block');
    expect(await impact.textContent()).toMatch(/DO NOT BLOCK/);
    expect(await page.getByTestId('ip-detail').textContent()).toMatch(/OVH/i);
    await screenshot(page, '06-ip-provider-block-impact');
  });

  it('imports the real Apache log through the wizard with progress', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Import' }).click();
    s.bridge.answerDialogs([APACHE_LOG]);
    await page.getByRole('button', { name: 'Choose files…' }).click();
    const detected = page.getByTestId('detected');
    await detected.waitFor();
    expect(await detected.textContent()).toMatch(/combined/);
    expect(await page.getByTestId('preview-table').locator('tbody tr').count()).toBe(20);
    await screenshot(page, '07-import-preview');
    await page.getByTestId('start-import').click();
    await expect.poll(() => page.getByTestId('import-job').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    const accepted = Number((await page.getByTestId('accepted').first().textContent())!.replace(/,/g, ''));
    // Every line of the real log is accounted for: accepted + rejected = 10,000.
    const rejected = (s.bridge.service.session.db().prepare('SELECT rows_rejected AS r FROM sources WHERE file_name = ?').get('apache_combined_10k.log') as { r: number }).r;
    expect(accepted + rejected).toBe(10_000);
    expect(accepted).toBeGreaterThan(9_900);
    await screenshot(page, '08-import-done');
    await page.getByRole('tab', { name: 'Case' }).click();
    await expect.poll(async () => (await page.getByTestId('sources').textContent()) ?? '').toContain('apache_combined_10k.log');
  });

  it('adds a note and finds it in the audit log', async () => {
    const { page } = s;
    const note = `Called the customer at 09:12 — confirmed partner's card, with consent (${Date.now()})`;
    await page.getByLabel('note on case').fill(note);
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(async () => (await page.getByTestId('notes-case').textContent()) ?? '').toContain(note);
    await page.getByRole('tab', { name: 'Audit log' }).click();
    const audit = page.getByTestId('audit-table');
    await audit.waitFor();
    expect(await audit.textContent()).toContain('note.add');
    expect(await audit.textContent()).toContain(JSON.stringify(note).slice(1, -1));
    await screenshot(page, '09-audit-log');
    // The chain still verifies after the UI's writes.
    await page.getByRole('tab', { name: 'Case' }).click();
    await page.getByRole('button', { name: 'Verify case file' }).click();
    await page.getByText(/audit chain of \d+ entries intact/).waitFor();
  });

  it('exports the case report as HTML from the case home', async () => {
    const { page } = s;
    const out = join(mkdtempSync(join(tmpdir(), 'alibi-report-')), 'report.html');
    s.bridge.answerDialogs(out);
    await page.getByRole('button', { name: 'Export report (HTML)' }).click();
    await expect.poll(async () => (await page.getByTestId('export-result').textContent()) ?? '', { timeout: 60_000 }).toContain('Written');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('51.91.102.137');
    expect(html).not.toMatch(/<script/i);
    await screenshot(page, '10-case-home-after');
  });

  it('says the share copy\'s size, estimated before writing it', async () => {
    const { page } = s;
    const out = join(mkdtempSync(join(tmpdir(), 'alibi-share-')), 'copy.alibiz');
    s.bridge.answerDialogs(out);
    await page.getByRole('button', { name: 'Save redacted share copy' }).click();
    await expect.poll(async () => (await page.getByTestId('export-result').textContent()) ?? '', { timeout: 60_000 }).toContain('Written');
    const said = (await page.getByTestId('share-estimate').textContent()) ?? '';
    expect(said).toMatch(/^Share copy: about [\d.,]+ (KiB|MiB) \([\d,]+ events\), estimated before writing$/);
    await page.getByTestId('share-estimate').scrollIntoViewIfNeeded();
    await screenshot(page, '10-case-home-share-estimate');
  });

  it('exports the IP roles as CSV for French Excel from the case home', async () => {
    const { page } = s;
    const out = join(mkdtempSync(join(tmpdir(), 'alibi-csv-')), 'ip-roles.csv');
    s.bridge.answerDialogs(out);
    await page.getByLabel('“;” separator (French Excel)').check();
    await page.getByRole('button', { name: 'IP roles CSV' }).click();
    // The report's "Written …" stays until this export ends: wait for this file's.
    await expect.poll(async () => (await page.getByTestId('export-result').textContent()) ?? '', { timeout: 60_000 }).toContain('ip-roles.csv');
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFip;role;')).toBe(true);
    expect(csv).toMatch(/\r\n51\.91\.102\.137;provider;/);
  });

  it('made no request outside 127.0.0.1, opened no dialog, threw no page error', () => {
    expect(s.offsite).toEqual([]);
    expect(s.dialogs).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
