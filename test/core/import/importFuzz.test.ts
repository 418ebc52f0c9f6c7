// Fuzzing the importer (fast-check): random bytes, random CSV shapes and mutated lines of a real Apache log.
// Whatever comes in, the import either refuses with a clear AlibiError or accounts for every line
// (accepted + rejected = non-blank lines, and the case holds exactly that many events and rejects), in bounded time.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCase } from '../../../src/core/casefile/caseFile';
import { verifyCase } from '../../../src/core/casefile/verify';
import { importFile, type ImportOptions } from '../../../src/core/import/importFile';
import { AlibiError } from '../../../src/core/errors';
import { APACHE_LOG, REPO } from '../../support/paths';
import { tmpDir } from '../../support/newCase';

const APACHE = readFileSync(APACHE_LOG, 'latin1').split('\n').filter(Boolean).slice(0, 400);
const BUDGET_MS = 10_000;

/** Non-blank lines as the importer counts them: split on LF, a trailing CR dropped, ASCII-whitespace-only lines skipped. */
function dataLines(bytes: Buffer): number {
  let n = 0;
  for (const line of bytes.toString('latin1').split('\n')) {
    if (/[^\x00-\x20]/.test(line.replace(/\r$/, ''))) n++;
  }
  return n;
}

let seq = 0;
/** Imports `bytes` into a fresh case; returns the outcome after checking the case agrees with the reported counts. */
async function importBytes(bytes: Buffer, name: string, opts: ImportOptions = {}) {
  const dir = tmpDir('alibi-fuzz-');
  const file = join(dir, `${seq++}-${name}`);
  writeFileSync(file, bytes);
  const db = createCase(join(dir, 'case.alibi'), { tz: 'Europe/Paris' });
  const started = performance.now();
  try {
    const r = await importFile(db, file, opts);
    const events = (db.prepare('SELECT count(*) AS n FROM events WHERE source_id = ?').get(r.sourceId) as { n: number }).n;
    const rejects = (db.prepare('SELECT count(*) AS n FROM rejects WHERE source_id = ?').get(r.sourceId) as { n: number }).n;
    expect(events).toBe(r.accepted);
    expect(rejects).toBe(r.rejected);
    expect((await verifyCase(db, { sourceFiles: false })).problems).toEqual([]);
    return { ok: true as const, accepted: r.accepted, rejected: r.rejected, ms: performance.now() - started };
  } catch (e) {
    if (!(e instanceof AlibiError)) throw e; // a crash, not a refusal
    // A refusal leaves nothing behind.
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(0);
    return { ok: false as const, message: e.message, ms: performance.now() - started };
  } finally {
    db.close();
  }
}

const asciiLine = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 -_./:;,"\'=[]{}<>?&%+'.split('')), maxLength: 120 });

describe('importer fuzzing', () => {
  it('random bytes: a clear refusal or every line accounted for, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4096 }), async (arr) => {
        const bytes = Buffer.from(arr);
        const r = await importBytes(bytes, 'random.bin');
        expect(r.ms).toBeLessThan(BUDGET_MS);
        if (r.ok) expect(r.accepted + r.rejected).toBeLessThanOrEqual(dataLines(bytes));
      }),
      { numRuns: 40 },
    );
  });

  it('random CSV shapes (ragged rows, quotes, separators, formulas, bad dates): every row accounted for', async () => {
    const header = ['created_at', 'email', 'ip_address', 'order_id', 'amount', 'status'];
    const map = { timestamp: 'created_at', email: 'email', ip: 'ip_address', order_id: 'order_id', amount: 'amount', decision: 'status' };
    const cell = fc.oneof(
      asciiLine.map((s) => s.replace(/[\n\r]/g, ' ')),
      fc.constantFrom('', '=1+1', '@SUM(A1)', '-cmd', 'a@b.example', '-', '1.5', '"quoted, with separator"', '"unterminated', '\u202Egpj.exe', 'é'),
    );
    const date = fc.oneof(
      fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('not a date', '', '2025-13-45T99:99:99Z', '31/02/2025'),
    );
    const row = fc.tuple(date, fc.array(cell, { minLength: 0, maxLength: 8 }));
    const csv = fc
      .tuple(fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom(',', ';', '\t'))
      .map(([rows, sep]) => {
        const lines = rows.map(([d, cells]) => [d, ...cells].join(sep));
        return { text: [header.join(sep), ...lines].join('\n') + '\n', sep, rows: lines.filter((l) => /[^\x00-\x20]/.test(l)).length };
      });
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(csv, async ({ text, rows }) => {
        const r = await importBytes(Buffer.from(text), 'shape.csv', { map });
        expect(r.ms).toBeLessThan(BUDGET_MS);
        if (r.ok) {
          imported++;
          // A quote can join physical lines into one record: never more records than lines.
          expect(r.accepted + r.rejected).toBeLessThanOrEqual(rows);
          if (!text.includes('"')) expect(r.accepted + r.rejected).toBe(rows);
        }
      }),
      { numRuns: 40 },
    );
    expect(imported).toBeGreaterThan(0); // the property was checked on real imports, not only on refusals
  });

  it('mutated lines of a real Apache log (truncated, spliced, junk bytes, CRLF, huge fields): every line accounted for', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('junk' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
      fc.record({ kind: fc.constant('crlf' as const) }),
      fc.record({ kind: fc.constant('huge' as const), size: fc.integer({ min: 1000, max: 200_000 }) }),
      fc.record({ kind: fc.constant('quote' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('keep' as const) }),
    );
    const log = fc.array(fc.tuple(fc.nat({ max: APACHE.length - 1 }), mutation), { minLength: 1, maxLength: 60 });
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(log, async (picks) => {
        const lines = picks.map(([i, m]) => {
          const line = Buffer.from(APACHE[i], 'latin1');
          switch (m.kind) {
            case 'truncate': return line.subarray(0, m.at % (line.length + 1));
            case 'junk': { const at = m.at % (line.length + 1); return Buffer.concat([line.subarray(0, at), Buffer.from(m.bytes.map((b) => (b === 10 ? 0x7f : b))), line.subarray(at)]); }
            case 'crlf': return Buffer.concat([line, Buffer.from('\r')]);
            case 'huge': return Buffer.from(APACHE[i].replace(/"([^"]*)"$/, `"${'A'.repeat(m.size)}"`), 'latin1');
            case 'quote': { const at = m.at % (line.length + 1); return Buffer.concat([line.subarray(0, at), Buffer.from('"'), line.subarray(at)]); }
            default: return line;
          }
        });
        const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
        const r = await importBytes(bytes, 'access.log', { format: 'combined' });
        expect(r.ms).toBeLessThan(BUDGET_MS);
        if (r.ok) {
          imported++;
          expect(r.accepted + r.rejected).toBe(dataLines(bytes));
        }
      }),
      { numRuns: 40 },
    );
    expect(imported).toBeGreaterThan(10);
  });
});
