// English words on a French screen: every visible text of the page (text nodes, the options of its lists, the
// labels, placeholders and titles a screen reader or a hover shows, the findings' titles in the timeline strip),
// less the case's own data (cells and headers of its files, its log lines, the names its owner gave, what a text
// quotes between « » or “ ”, the names of import formats, which the command line takes as they are), read with
// the shared list of words that are English and never French (englishOnly.ts). Engine texts that reach a French
// screen in English (a preset's description, a finding's title, a default case title) are caught here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { englishWordsIn } from './englishOnly';
import { SAMPLE_BREACH_NAME, findSampleDir, readSampleInfra } from '../../src/core/sample/sampleFiles';
import { BREACH_PRESET, CSV_PRESETS } from '../../src/core/import/presets';
import { LOG_FORMATS } from '../../src/core/import/logFormats';

/** Names of import formats and presets: identifiers (`--preset shop-orders`), not words. */
const FORMAT_NAMES = [...CSV_PRESETS.map((p) => p.name), ...LOG_FORMATS.map((f) => f.name), BREACH_PRESET];

/** The fields of a delimited line (quotes honoured, doubled quotes unescaped). */
function fields(line: string, sep: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`\\s*(?:"((?:[^"]|"")*)"|([^${sep}]*))\\s*(?:${sep}|$)`, 'gy');
  for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) out.push(m[1] != null ? m[1].replace(/""/g, '"') : m[2]);
  return out;
}

/** Delimited text as its cells, header included (the separator guessed from the header). */
export function csvCells(text: string): string[] {
  const lines = text.split(/\r?\n/).filter(Boolean);
  const header = lines[0] ?? '';
  const sep = [';', ',', '\t'].sort((a, b) => header.split(b).length - header.split(a).length)[0];
  return lines.flatMap((l) => fields(l, sep));
}

/** The sample case's own data: every cell of its files, every quoted field of its access log, its names. */
export function sampleCaseData(): string[] {
  const dir = findSampleDir();
  const out: string[] = [SAMPLE_BREACH_NAME, ...readSampleInfra(dir).map((i) => i.label)];
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (f.endsWith('.csv')) out.push(...csvCells(text));
    if (f.endsWith('.log')) out.push(...[...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]));
  }
  return [...new Set(out.map((s) => s.trim()).filter((s) => s.length > 1))];
}

/** Every text a user can read or hear on the page, but raw lines and the timeline's event items (case data). */
async function screenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const shown = (el: Element) => (el as HTMLElement).getClientRects().length > 0 || el.closest('select') != null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !shown(el) || el.closest('pre, code, .raw, canvas, .vis-item:not(.tl-marker-finding), script, style')) continue;
      const text = n.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      // the provider's decisions (data) name the alert lines on the axis, as they do the strip's decision marks
      if (el.closest('.vis-item:not(.tl-marker-finding), .vis-custom-time')) continue;
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** The texts of a French screen that hold English words, as `"words" in "text"`; `data` is the case's own data. */
export async function englishOnFrenchScreen(page: Page, data: readonly string[]): Promise<string[]> {
  const exact = new Set([...data, ...FORMAT_NAMES]);
  // Long data is cut out of the sentences that quote it; a short cell ("declined") only when it is the whole text,
  // so a short data word never hides the same English word of the interface.
  const quoted = data.filter((d) => d.length >= 12).sort((a, b) => b.length - a.length);
  const problems: string[] = [];
  for (const text of new Set(await screenTexts(page))) {
    if (exact.has(text)) continue;
    // a long cell cut for the preview table ("…… (139 caractères)"): data when what is shown begins a data value
    const clipped = /^([\s\S]+)… \([\d\s\u00a0\u202f]+ caractères\)$/.exec(text);
    if (clipped && data.some((d) => d.startsWith(clipped[1]))) continue;
    // quoted data, and names of HTTP headers (X-Forwarded-For, User-Agent)
    let rest = text.replace(/«[^»]*»|“[^”]*”/g, ' ').replace(/(?<![\p{L}-])\p{Lu}\p{L}*(?:-\p{Lu}\p{L}*)+/gu, ' ');
    for (const d of quoted) if (rest.includes(d)) rest = rest.split(d).join(' ');
    for (const name of FORMAT_NAMES) rest = rest.replace(new RegExp(`(^|[\\s/(])${name}(?=$|[\\s,)·])`, 'g'), '$1');
    const words = englishWordsIn(rest);
    if (words.length) problems.push(`"${words.join(', ')}" in "${text.slice(0, 160)}"`);
  }
  return problems;
}
