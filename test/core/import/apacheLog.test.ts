// The real 10,000-line Apache combined log (elastic/examples): exact counts, instants, provenance, audit.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { importFile, PARSER_VERSION } from '../../../src/core/import/importFile';
import { verifyAuditChain } from '../../../src/core/casefile/audit';
import { APACHE_LOG } from '../../support/paths';
import { newCase } from '../../support/newCase';
import { events } from '../../support/caseState';

describe('real Apache combined log', () => {
  it('imports 9,999 lines and rejects the one truncated line (8899) with its reason', async () => {
    const { db } = newCase();
    const eventIndexes = () =>
      (db.prepare("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='event_rows' AND sql IS NOT NULL ORDER BY name").all() as { name: string; sql: string }[]);
    const indexesBefore = eventIndexes();
    const r = await importFile(db, APACHE_LOG);
    const bytes = readFileSync(APACHE_LOG);
    expect(r).toMatchObject({
      format: 'combined', preset: null, accepted: 9999, rejected: 1,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      // Earliest and latest instants of the file (the log is not sorted at its end).
      first: '2015-05-17T10:05:00.000Z', last: '2015-05-20T21:05:59.000Z',
    });
    const rejects = db.prepare('SELECT row_no, reason, raw FROM rejects').all() as { row_no: number; reason: string; raw: string }[];
    const line8899 = bytes.toString('utf8').split('\n')[8898];
    expect(rejects).toEqual([{ row_no: 8899, reason: 'line 8899: does not match the combined format', raw: line8899 }]);
    // That line really is truncated: its User-Agent quote is never closed.
    expect(line8899.endsWith('"')).toBe(false);

    const src = db.prepare('SELECT * FROM sources').get() as Record<string, unknown>;
    expect(src).toMatchObject({
      file_name: 'apache_combined_10k.log', file_path: APACHE_LOG, size: bytes.length, format: 'combined',
      parser_version: PARSER_VERSION, encoding: 'utf-8', tz: null, tz_assumed: 0, rows_accepted: 9999, rows_rejected: 1,
      first_ts: Date.UTC(2015, 4, 17, 10, 5, 0), last_ts: Date.UTC(2015, 4, 20, 21, 5, 59),
    });
    const all = events(db);
    expect(all).toHaveLength(9999);
    expect(all[0]).toMatchObject({
      row_no: 1, ts: Date.UTC(2015, 4, 17, 10, 5, 3), ts_text: '17/May/2015:10:05:03 +0000', ip: '83.149.9.216',
      client_ip: '83.149.9.216', method: 'GET', path: '/presentations/logstash-monitorama-2013/images/kibana-search.png',
      status: 200, bytes: 203023, kind: 'http_request', raw: bytes.toString('utf8').split('\n')[0],
    });
    // Every stored raw line is the file's line at row_no.
    const lines = bytes.toString('utf8').split('\n');
    for (const e of all.filter((_, i) => i % 997 === 0)) expect(e.raw).toBe(lines[(e.row_no as number) - 1]);

    const audit = db.prepare("SELECT * FROM audit WHERE action = 'import'").all() as { target: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].target).toBe(r.sha256);
    expect(JSON.parse(audit[0].details)).toMatchObject({ accepted: 9999, rejected: 1, format: 'combined', source_id: r.sourceId });
    expect(verifyAuditChain(db).ok).toBe(true);
    // Bulk mode dropped and rebuilt the events indexes: they must all be back.
    expect(indexesBefore.map((x) => x.name)).toContain('events_ts');
    expect(eventIndexes()).toEqual(indexesBefore);
  });
});
