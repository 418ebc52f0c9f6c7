// Schema migration 7 (partial indexes for business rows and error statuses): a v6 case made of real imports opens
// in this app, migrates, and keeps every event, note, tag and audit row with `verify` passing; a received v6 case
// is opened read-only as it is (not migrated) and gives the same answers, only without the new indexes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCase } from '../../../src/core/casefile/caseFile';
import { SCHEMA_VERSION } from '../../../src/core/casefile/schema';
import { checkCaseFile, openUntrustedCase } from '../../../src/core/share/openUntrusted';
import { EventGrid } from '../../../src/core/events/eventGrid';
import { eventFilterSql } from '../../../src/core/eventFilter';
import { APACHE_LOG, fixture } from '../../support/paths';
import { tmpDir } from '../../support/newCase';
import { olderCase, openMigratedKeepingRows, queryPlan } from '../../support/olderCase';

const dir = tmpDir();

/**
 * A case as Alibi at schema 6 left it: real imports (the Apache log, payments, anti-fraud decisions), a note,
 * tags, their audit rows. Migrations 7 and 8 only add and swap indexes, so undoing that gives back the v6 schema
 * exactly — checked against the schema migrations 1–6 build.
 */
const v6Case = (name: string) =>
  olderCase(join(dir, name), 6, [APACHE_LOG, fixture('stripe-payments.csv'), fixture('antifraud-decisions.csv')],
    'DROP INDEX events_business; DROP INDEX events_error_status; DROP INDEX events_relay_ip; CREATE INDEX events_ip ON event_rows(ip);');

describe('schema migration 7', () => {
  it('a v6 case migrates on open keeping every event, note, tag and audit row; verify passes', async () => {
    const path = await v6Case('v6.alibi');
    const db = await openMigratedKeepingRows(path);
    // The new indexes hold exactly the rows their WHERE names.
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count("SELECT count(*) FROM event_rows INDEXED BY events_business WHERE kind <> 'http_request'"))
      .toBe(count("SELECT count(*) FROM event_rows NOT INDEXED WHERE kind <> 'http_request'"));
    expect(count('SELECT count(*) FROM event_rows INDEXED BY events_error_status WHERE status >= 400'))
      .toBe(count('SELECT count(*) FROM event_rows NOT INDEXED WHERE status >= 400'));
    db.close();
    expect(checkCaseFile(path)).toMatchObject({ ok: true, schemaVersion: SCHEMA_VERSION });
  });

  it('the shared filter carries the terms that let SQLite use the partial indexes', () => {
    const db = createCase(join(dir, 'plans.alibi'));
    const kind = eventFilterSql({ kind: 'payment' });
    expect(queryPlan(db, `SELECT id FROM event_rows WHERE ${kind.sql}`, kind.params)).toMatch(/USING (COVERING )?INDEX events_business/);
    const status = eventFilterSql({ status: '404' });
    expect(queryPlan(db, `SELECT id FROM event_rows WHERE ${status.sql}`, status.params)).toMatch(/USING COVERING INDEX events_error_status/);
    // The analysis engine's scans of business rows: the literal term, and the index serves them in time order.
    expect(queryPlan(db, "SELECT id, ts FROM event_rows WHERE kind <> 'http_request' ORDER BY kind, ts")).toMatch(/INDEX events_business/);
    db.close();
  });

  it('a received v6 case opens read-only unmigrated, and its grid gives the same rows as after migration', async () => {
    const path = await v6Case('received.alibi');
    const bytes = readFileSync(path);
    const queries = [{ columns: { status: '404' } }, { columns: { kind: '=http_request' } }, { columns: { kind: 'pay' } }, { filters: { kind: 'antifraud_decision' } }];
    const ro = openUntrustedCase(path);
    expect(ro.pragma('user_version', { simple: true })).toBe(6);
    const asReceived = queries.map((q) => [...new EventGrid(ro).ids(q).ids]);
    ro.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(() => openUntrustedCase(path, { writable: true })).toThrow(/older Alibi/);
    const rw = openUntrustedCase(path, { writable: true, migrate: true });
    expect(rw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(queries.map((q) => [...new EventGrid(rw).ids(q).ids])).toEqual(asReceived);
    expect(asReceived.every((ids) => ids.length > 0)).toBe(true);
    rw.close();
  });
});
