// HTML → PDF with headless Chromium (playwright-core, the system's Chromium). Every network request is
// refused: the report is self-contained, and a hostile value must not be able to make the printer fetch.
import { writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { renderReportHtml, type ReportHtmlOptions } from './report';
import { esc } from './html';
import { getCaseLang } from '../casefile/caseLang';
import { DEFAULT_LANG, translator } from '../i18n';

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

/** `pageWord` is the report language's word before "3 / 8" in the footer. */
export async function htmlToPdf(htmlText: string, out: string, footerLabel: string, pageWord = 'page'): Promise<{ bytes: number }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort('blockedbyclient'));
    await page.setContent(htmlText, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      // Chromium fills .pageNumber/.totalPages; the label is escaped case data.
      footerTemplate: `<div style="font-size:7.5px;color:#666;width:100%;padding:0 14mm;display:flex;justify-content:space-between;font-family:Helvetica,Arial,sans-serif"><span>${esc(footerLabel)}</span><span>${esc(pageWord)} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      margin: { top: '14mm', bottom: '16mm', left: '0', right: '0' },
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
  const htmlText = await renderReportHtml(db, opts);
  const title = (db.prepare("SELECT value FROM meta WHERE key = 'title'").get() as { value: string } | undefined)?.value ?? '';
  const tr = translator(opts.lang ?? getCaseLang(db) ?? DEFAULT_LANG);
  const r = await htmlToPdf(htmlText, out, tr.t('report.footer', { title }), tr.t('report.footerPage'));
  return { out, bytes: r.bytes };
}
