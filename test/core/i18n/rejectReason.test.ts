// Every reason a parser records for a rejected line reads in the reader's language: each parser is fed malformed
// input, and each recorded reason must be recognised (not shown as recorded) and read back byte-identical in English.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { rejectReasonMsg } from '../../../src/core/i18n/rejectReason';
import { english } from '../../../src/core/i18n/said';
import { translator } from '../../../src/core/i18n';
import { createHandlers, inProcessRunner, type Service } from '../../../src/core/api';
import type { Msg } from '../../../src/core/i18n/message';
import { newCase, tmpDir } from '../../support/newCase';

const fr = translator('fr');

function file(name: string, text: string): string {
  const p = join(tmpDir(), name);
  writeFileSync(p, text);
  return p;
}

const combined = (i: number) => `203.0.113.${i} - - [23/Nov/2025:06:${String(i).padStart(2, '0')}:00 +0100] "GET /p/${i} HTTP/1.1" 200 512 "-" "Mozilla/5.0"`;
const many = <T,>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i + 1));

/** Malformed inputs of every parser, each among enough good rows to be imported. */
async function importMalformed() {
  const c = newCase();
  await importFile(c.db, file('access.log', [...many(12, combined), 'hello <b>world</b>', ''].join('\n')), { format: 'combined' });
  const good = many(20, (i) => `2025-11-23 06:${String(i).padStart(2, '0')}:00;Europe/Paris;198.51.100.${i};200;10.00`);
  await importFile(c.db, file('shop.csv', ['When;Zone;IP;Status;Amount', ...good,
    ';Europe/Paris;198.51.100.1;200;1', 'yesterday;Europe/Paris;198.51.100.1;200;1', '2025-11-23 06:00:00;;198.51.100.1;200;1',
    '2025-11-23 06:00:00;Mars/Olympus;198.51.100.1;200;1', '2025-03-30 02:30:00;Europe/Paris;198.51.100.1;200;1',
    '2025-11-23 06:00:00;Europe/Paris;198.51.100.1;abc;1', '2025-11-23 06:00:00;Europe/Paris;198.51.100.1;200;ten',
    '2025-11-23 06:00:00;Europe/Paris;198.51.100.1;200;1;extra', '2025-11-23 06:00:00;Europe/Paris;"198.51.100.1;200;1', ''].join('\n')),
  { map: { timestamp: 'When', timezone: 'Zone', ip: 'IP', status: 'Status', amount: 'Amount' } });
  const json = (i: number) => JSON.stringify({ time: `2025-11-23T06:${String(i).padStart(2, '0')}:00+01:00`, remote_addr: `192.0.2.${i}`, request: 'GET / HTTP/1.1', status: 200 });
  await importFile(c.db, file('access.jsonl', [...many(12, json), '[1,2]', JSON.stringify({ remote_addr: '192.0.2.1', request: 'GET / HTTP/1.1', status: 200 }), ''].join('\n')), { format: 'jsonl' });
  const w3c = (i: number) => `2025-11-23 05:${String(i).padStart(2, '0')}:00 192.0.2.${i} GET /x 200`;
  await importFile(c.db, file('u_ex251123.log', ['2025-11-23 05:00:00 192.0.2.1 GET /x 200', '#Software: Microsoft Internet Information Services 10.0', '#Fields: date time c-ip cs-method cs-uri-stem sc-status', ...many(16, w3c),
    '2025-11-23 05:00:00 192.0.2.1 GET', '2025-13-45 99:99:99 192.0.2.1 GET /x 200', '#Fields: c-ip cs-method', '192.0.2.1 GET', ''].join('\n')), { format: 'iis-w3c' });
  await importFile(c.db, file('leak.csv', ['email;hash', ...many(12, (i) => `user${i}@example.fr;`), 'x@example.fr;xyz', 'not-an-email;', '"unterminated;', ''].join('\n')), { breachName: 'Leak' });
  await importFile(c.db, file('example.fr.json', JSON.stringify({ ...Object.fromEntries(many(6, (i) => [`user${i}`, ['Telco']])), 'two words': ['Telco'], nobody: [] })));
  return c;
}

describe("rejected lines' reasons in the reader's language", () => {
  it('every reason the parsers record is recognised, reads back byte-identical in English and reads in French', async () => {
    const c = await importMalformed();
    const reasons = c.db.prepare('SELECT reason FROM rejects ORDER BY id').pluck().all() as string[];
    const ids = new Set<string>();
    for (const reason of reasons) {
      const m = rejectReasonMsg(reason);
      expect(m.id, reason).not.toBe('reject.asRecorded');
      expect(english(m), reason).toBe(reason);
      const french = fr.msg(m);
      expect(french, reason).not.toBe(reason);
      expect(french, reason).not.toMatch(/\b(row|line|does not|unreadable|empty|unknown|not a|no usable|fields, the)\b/);
      ids.add(m.id);
      for (const v of Object.values(m)) if (typeof v === 'object' && v && 'id' in v) ids.add(String(v.id));
    }
    // every kind of reason was met at least once (the 16 Mi line, the CSV library's other quote error and a JSON record of another format aside)
    expect([...ids].sort()).toEqual(expect.arrayContaining([
      'reject.aliasInvalid', 'reject.aliasNoBreach', 'reject.atLine', 'reject.atRow', 'reject.badAmount', 'reject.badHash', 'reject.badStatus',
      'reject.csvError', 'reject.csvFieldCount', 'reject.csvMissingQuotes', 'reject.dstGap', 'reject.emptyTimestamp', 'reject.formatMismatch',
      'reject.noDateTime', 'reject.noFieldsDirective', 'reject.noIdentifier', 'reject.noOffset', 'reject.noTimeField', 'reject.notJsonObject', 'reject.unknownZone',
      'reject.unreadableDate', 'reject.unreadableDateTime', 'reject.w3cFieldCount',
    ]));
    c.close();
  });

  it('a sentence it does not know, or a reason of hostile length, is shown as recorded', () => {
    for (const text of ['some other version said this', `line 3: ${'x'.repeat(5000)}`, 'row 2: ']) {
      const m = rejectReasonMsg(text);
      expect(m).toEqual({ id: 'reject.asRecorded', text });
      expect(fr.msg(m)).toBe(text);
    }
    // a known sentence quoting a value that looks like the template's own words still reads back exactly
    const tricky = 'row 7: unreadable date "x" in column "y" in column "When"';
    expect(english(rejectReasonMsg(tricky))).toBe(tricky);
  });

  it('the API gives each reject its message beside the recorded reason; French reads them in French', async () => {
    const c = await importMalformed();
    c.db.close(); // the case stays on disk for the API to open
    const api: Service = createHandlers({ dataDir: tmpDir(), runImport: inProcessRunner(() => api.session.db()), emitImportProgress: () => {} });
    const opened = await api.call('caseOpen', { path: c.path });
    expect(opened.ok ? '' : opened.error.message).toBe('');
    const r = await api.call('sourceRejects', { limit: 100 });
    if (!r.ok) throw new Error(r.error.message);
    const { rows } = r.value as { rows: { reason: string; reasonMsg: Msg }[] };
    api.dispose();
    expect(rows.length).toBeGreaterThan(15);
    const mismatch = rows.find((r) => r.reason.includes('combined format'))!;
    expect(mismatch.reason).toBe('line 13: does not match the combined format');
    expect(fr.msg(mismatch.reasonMsg)).toBe('ligne 13 : ne correspond pas au format combined');
  });
});
