import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase, type Db } from '../../src/core/casefile/caseFile';
import { analyzeCase } from '../../src/core/analysis/analyze';
import type { CaseAnalysis } from '../../src/core/analysis/types';
import { renderReportHtml } from '../../src/core/report/report';
import { renderReportPdf, chromiumPath } from '../../src/core/report/pdf';
import { shareCase } from '../../src/core/share/shareCase';
import { openUntrustedCase } from '../../src/core/share/openUntrusted';
import { SAMPLE_FILES } from '../../src/core/sample/sampleFiles';
import { buildSampleCase } from './sampleCase';

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
    const rows = [...htmlText.matchAll(/<tr>\s*<td class="mono nowrap">([^<]+)<[\s\S]*?<\/tr>/g)].map((m) => [m[1], visibleText(m[0])]);
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
    // Julien's first payment: 06:41:18 in Paris is 05:41:18 UTC (UTC+1 in November).
    expect(text).toMatch(/2025-11-23 06:41:18 2025-11-23 05:41:18Z payment 148\.00 EUR Paid card Visa •••• 4417/);
    expect(text).toContain('card MasterCard •••• 8832');
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
    expect(htmlText).not.toMatch(/<(iframe|img|link|object|embed)\b/i);
    expect(htmlText).not.toMatch(/\b(src|href|action|xlink:href)\s*=/i);
    expect(htmlText).not.toMatch(/url\(|@import/i);
    expect(htmlText).not.toMatch(/\son\w+\s*=\s*"/i); // no event-handler attribute
    expect(htmlText).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(htmlText).toContain('Eve &lt;iframe src=&quot;http://evil.example/&quot;&gt;&lt;/iframe&gt;');
    expect(htmlText).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });

  it('pseudonymises other customers unless asked not to', async () => {
    const others = (
      db.prepare("SELECT DISTINCT lower(email) AS e FROM events WHERE email IS NOT NULL AND kind != 'breach_record' AND lower(email) != 'julien.moreau@example.net'").all() as { e: string }[]
    ).map((r) => r.e);
    expect(others.length).toBeGreaterThan(10);
    const lower = htmlText.toLowerCase();
    expect(others.filter((e) => lower.includes(e))).toEqual([]);
    expect(htmlText).toMatch(/person-[0-9a-f]{6}@redacted\.invalid/);
    const clear = (await renderReportHtml(db, { analysis, pseudonymise: false })).toLowerCase();
    expect(others.filter((e) => clear.includes(e)).length).toBeGreaterThan(0);
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
