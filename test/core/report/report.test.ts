import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase, type Db } from '../../../src/core/casefile/caseFile';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import type { CaseAnalysis } from '../../../src/core/analysis/types';
import { renderReportHtml } from '../../../src/core/report/report';
import { renderReportPdf, chromiumPath } from '../../../src/core/report/pdf';
import { shareCase } from '../../../src/core/share/shareCase';
import { openUntrustedCase } from '../../../src/core/share/openUntrusted';
import { SAMPLE_FILES } from '../../../src/core/sample/sampleFiles';
import { buildSampleCase } from '../../support/sampleCase';

const HOSTILE_NOTE = `<script>alert(1)</script><img src="https://evil.example/x.png" onerror="alert(2)"> =cmd|' /C calc'!A0`;
const HOSTILE_CONSULTANT = `Eve <iframe src="http://evil.example/"></iframe>`;
const OUT_DIR = join(process.cwd(), 'test-output', 'report');

let dir: string;
let casePath: string;
let sampleDir: string;
let db: Db;
let analysis: CaseAnalysis;
let htmlText: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-report-'));
  ({ casePath, sampleDir } = await buildSampleCase(dir));
  db = openCase(casePath);
  db.prepare("INSERT INTO notes(at, target_kind, target_id, text) VALUES ('2025-11-23T09:00:00Z', 'case', 'x', ?)").run(HOSTILE_NOTE);
  analysis = analyzeCase(db);
  htmlText = await renderReportHtml(db, { analysis, consultant: HOSTILE_CONSULTANT, client: 'Théâtre des Lilas' });
  mkdirSync(OUT_DIR, { recursive: true });
});

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Visible text of the document (tags removed, entities decoded), to check what a reader sees. */
function visibleText(h: string): string {
  return h
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('case report (HTML) of the sample case', () => {
  it('tells the story: verdict, alert, customer vs provider IP, breach, recommendation', () => {
    const text = visibleText(htmlText);
    expect(text).toContain('Not an attack: a customer paid with cards shared within a household');
    expect(text).toMatch(/anti-fraud system blocked order \d+ of julien\.moreau@example\.net with its rule “Multi-CB”/);
    expect(text).toContain('The customer connected from 90.14.207.118 (Orange S.A., AS3215, FR)');
    expect(text).toMatch(/51\.91\.102\.137 .* is the payment provider's server/);
    expect(text).toContain('Telecom operator leak (Aug 2025)');
    expect(text).toMatch(/Do not block the payment provider's IP 51\.91\.102\.137.*Whitelist its published ranges \(51\.91\.102\.128\/28, 51\.91\.103\.64\/28\)/);
  });

  it('lists IP roles with ASN, organisation and block-impact verdict', () => {
    const rows = [...htmlText.matchAll(/<tr>\s*<td class="mono nowrap">([^<]+)<[\s\S]*?<\/tr>/g)].map((m): [string, string] => [m[1], visibleText(m[0])]);
    const byIp = new Map(rows);
    expect(byIp.get('90.14.207.118')).toMatch(/customer .*AS3215 Orange S\.A\..*CAUTION/);
    expect(byIp.get('51.91.102.137')).toMatch(/payment provider .*AS16276 OVH SAS.*DO NOT BLOCK/);
    expect(byIp.get('37.171.66.212')).toMatch(/shared address .*AS51207 Free Mobile.*DO NOT BLOCK/);
    expect(byIp.get('10.0.0.2')).toMatch(/own infrastructure.*DO NOT BLOCK/);
  });

  it('shows the findings with assessment and evidence rows in Paris time and UTC', () => {
    const text = visibleText(htmlText);
    expect(text).toContain('distinct cards per e-mail in 24 h — e-mail julien.moreau@example.net');
    expect(text).toContain('Assessment: likely legitimate — cards shared within a household, not an attack.');
    // Julien's first payment, formatted here with Intl (not the report's luxon) in Paris time and UTC.
    const first = db
      .prepare("SELECT ts, amount FROM events WHERE kind = 'payment' AND lower(email) = 'julien.moreau@example.net' ORDER BY ts LIMIT 1")
      .get() as { ts: number; amount: number };
    const fmt = (tz: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'medium' }).format(first.ts);
    expect(fmt('Europe/Paris').slice(11, 13)).not.toBe(fmt('UTC').slice(11, 13));
    expect(text).toContain(`${fmt('Europe/Paris')} ${fmt('UTC')}Z payment €${first.amount.toFixed(2)} Paid card Visa •••• 4417`);
    expect(text).toContain('card MasterCard •••• 8832');
  });

  it('dates notes and imports in the case time zone with UTC beside, like every other time of the report', () => {
    const text = visibleText(htmlText);
    // The note was written at 09:00 UTC: 10:00 in Paris.
    expect(text).toMatch(/2025-11-23 10:00:00 \(Paris time\) 2025-11-23 09:00:00Z case x /);
    expect(text).not.toContain('2025-11-23T09:00:00Z');
    expect(text).not.toMatch(/imported \d{4}-\d\d-\d\dT/);
    expect(text).toMatch(/imported \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Paris time\) · \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/);
  });

  it('evidence manifest: the SHA-256 of every sample file, as computed here from the real files', () => {
    for (const f of SAMPLE_FILES) {
      const h = sha256(join(sampleDir, f.file));
      expect(htmlText, f.file).toContain(h);
    }
    expect(visibleText(htmlText)).toMatch(/alibi verify OK/);
  });

  it('is self-contained and inert: no script, no remote resource, hostile values escaped', () => {
    expect(htmlText).not.toMatch(/<script/i);
    expect(htmlText).not.toMatch(/<(iframe|img|link|object|embed|base|form)\b/i);
    // Every real tag (case values never produce one: their `<` is escaped) is free of URLs and handlers.
    const tags = htmlText.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    for (const tag of tags) {
      expect(tag).not.toMatch(/\s(src|href|action|xlink:href|background|poster|srcset)\s*=/i);
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/https?:|url\(/i);
    }
    expect(htmlText.match(/<style>[\s\S]*?<\/style>/g)?.join('')).not.toMatch(/url\(|@import|https?:/i);
    expect(htmlText).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(htmlText).toContain('Eve &lt;iframe src=&quot;http://evil.example/&quot;&gt;&lt;/iframe&gt;');
    expect(htmlText).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });

  it("the case title in the print footer (CSS) cannot leave its string: no rule, import, URL or end of <style>", async () => {
    const title = db.prepare("SELECT value FROM meta WHERE key = 'title'").get() as { value: string };
    db.prepare("UPDATE meta SET value = ? WHERE key = 'title'").run('x"; } @import url(https://evil.example/a.css); </style><script>alert(1)</script> \\');
    try {
      const h = await renderReportHtml(db, { analysis });
      const style = h.match(/<style>([\s\S]*?)<\/style>/)![1];
      expect(style).not.toMatch(/url\(|@import|https?:|<\/|<script/i);
      expect(style).toMatch(/@bottom-left \{ content: "[^"]*";/); // one string, closed where the footer ends
      expect(h.slice(0, h.indexOf('</head>')).match(/<\/style>/g)).toHaveLength(1);
    } finally {
      db.prepare("UPDATE meta SET value = ? WHERE key = 'title'").run(title.value);
    }
  });

  it('pseudonymises other customers unless asked not to', async () => {
    const others = (
      db.prepare("SELECT DISTINCT lower(email) AS e FROM events WHERE email IS NOT NULL AND lower(email) != 'julien.moreau@example.net'").all() as { e: string }[]
    ).map((r) => r.e);
    expect(others.length).toBeGreaterThan(10);
    const lower = htmlText.toLowerCase();
    expect(others.filter((e) => lower.includes(e))).toEqual([]);
    expect(htmlText).toMatch(/person-[0-9a-f]{6}@redacted\.invalid/);
    const clear = (await renderReportHtml(db, { analysis, pseudonymise: false })).toLowerCase();
    expect(others.filter((e) => clear.includes(e)).length).toBeGreaterThan(0);
  });
});

describe('analyst verdict', () => {
  it('a recorded verdict and its reason replace the provisional one', async () => {
    const { setMetaValue } = await import('../../../src/core/casefile/caseFile');
    setMetaValue(db, 'verdict', 'policy-breach');
    setMetaValue(db, 'verdict_reason', 'Customer called back at 09:40 <confirmed>: his partner agreed to the payment.');
    try {
      const text = visibleText(await renderReportHtml(db, { analysis }));
      expect(text).toContain('Not an attack, but a breach of a payment security rule: the anti-fraud system was right to stop it.');
      expect(text).toContain('Verdict recorded by the analyst.');
      expect(text).toContain('Customer called back at 09:40 <confirmed>: his partner agreed to the payment.');
      expect(text).not.toContain('Provisional');
    } finally {
      db.prepare("DELETE FROM meta WHERE key IN ('verdict', 'verdict_reason')").run();
    }
  });
});

describe('case report (PDF)', () => {
  const hasChromium = (() => {
    try {
      chromiumPath();
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasChromium)('prints pages with the report text, and renders them to PNG for review', async () => {
    const out = join(OUT_DIR, 'sample-report.pdf');
    rmSync(out, { force: true });
    const r = await renderReportPdf(db, out, { analysis, consultant: 'Alex Martin, web consultant', client: 'Théâtre des Lilas' });
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.bytes).toBe(bytes.length);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Not an attack');
    expect(text).toContain('DO NOT BLOCK');
    expect(text).toContain('51.91.102.137');
    expect(text).toMatch(/page 1 \/ \d+/);
    for (const f of readdirSync(OUT_DIR)) if (/^page-\d+\.png$/.test(f)) rmSync(join(OUT_DIR, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', out, join(OUT_DIR, 'page')]);
    expect(readdirSync(OUT_DIR).filter((f) => /^page-\d+\.png$/.test(f))).toHaveLength(pages);
  });
});

describe('report of a redacted share copy', () => {
  it('the copy opens as untrusted, verifies and reports, without bystanders in clear', async () => {
    const out = join(dir, 'copy.alibi');
    const findings = analysis.findings;
    await shareCase(db, { out, redact: true, evidence: { eventIds: findings.flatMap((f) => f.evidenceEventIds), subjects: findings.map((f) => f.subject) } });
    expect(existsSync(`${out}.manifest.json`)).toBe(true);
    const copy = openUntrustedCase(out);
    const h = await renderReportHtml(copy);
    copy.close();
    const text = visibleText(h);
    expect(text).toContain('This report was made from a share copy of the case with the identifiers of uninvolved people pseudonymised');
    expect(text).toContain('Not an attack');
    expect(text).toContain('julien.moreau@example.net');
  });
});

describe('report of an empty case', () => {
  it('renders without events, findings or sources, and says so', async () => {
    const { createCase } = await import('../../../src/core/casefile/caseFile');
    const empty = createCase(join(dir, 'empty.alibi'), { title: 'Empty <case>', tz: 'Europe/Paris' });
    const h = await renderReportHtml(empty);
    empty.close();
    const text = visibleText(h);
    expect(text).toContain('Case report — Empty <case>');
    expect(text).toContain('No fraud pattern found in the case.');
    expect(text).toContain('No events in the case: no figure.');
    expect(text).toContain('alibi verify OK');
    expect(h).not.toContain('<case>');
  });
});
