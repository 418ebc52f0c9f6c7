// PDF printing for the engine's report export: only main has Chromium's printToPDF. The report is static HTML
// (no script), printed in a hidden sandboxed window with JavaScript off, loaded from a private temp file rather
// than a data: URL (Chromium caps URLs at about 2 MB; big cases exceed it).
import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function printPdf(html: string, path: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'alibi-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html, { mode: 0o600 });
  const w = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, disableBlinkFeatures: 'Auxclick' } });
  try {
    await w.loadFile(file);
    // as the CLI's printer: page size, margins and footer from the report's own @page CSS; tagged (accessible),
    // with the headings as bookmarks
    const pdf = await w.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true });
    writeFileSync(path, pdf);
  } finally {
    w.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
