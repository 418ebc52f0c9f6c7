// HTML → PDF with headless Chromium (playwright-core, the system's Chromium). Every network request is
// refused: the report is self-contained, and a hostile value must not be able to make the printer fetch.
import { writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { renderReportHtml, type ReportHtmlOptions } from './report';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
];

export function chromiumPath(): string {
  const candidates = [process.env.ALIBI_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new AlibiError(
      `no Chromium found to print the PDF (looked at ${candidates.join(', ')})`,
      'install Chromium (e.g. `apt-get install chromium`), set ALIBI_CHROMIUM to its path, or export the report as .html and print it from a browser',
    );
  }
  return found;
}

/** Prints the report. Page size, margins and the footer (title, page n / total) come from the document's own
 *  CSS (`@page` and its margin boxes), so the app's printToPDF writes the same pages as this printer. */
export async function htmlToPdf(htmlText: string, out: string): Promise<{ bytes: number }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort('blockedbyclient'));
    await page.setContent(htmlText, { waitUntil: 'load' });
    const pdf = await page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      // accessible PDF: headings, lists, tables and reading order as structure tags, and the headings as bookmarks
      tagged: true,
      outline: true,
    });
    writeFileSync(out, pdf);
    return { bytes: pdf.length };
  } finally {
    await browser.close();
  }
}

export async function renderReportPdf(db: Db, out: string, opts: ReportHtmlOptions = {}): Promise<{ out: string; bytes: number }> {
  const r = await htmlToPdf(await renderReportHtml(db, opts), out);
  return { out, bytes: r.bytes };
}
