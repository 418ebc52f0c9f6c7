// Schema migration 8 (the remote-address index holds only relayed requests): a v7 case made of real imports opens,
// migrates, and keeps every event, note, tag and audit row with `verify` passing; the shared filter and the grid's
// address filter give the rows they gave through the full index, read through the two indexes; a received v7 case
// opened read-only unmigrated gives the same answers.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCase } from '../../../src/core/casefile/caseFile';
import { SCHEMA_VERSION } from '../../../src/core/casefile/schema';
import { checkCaseFile, openUntrustedCase } from '../../../src/core/share/openUntrusted';
import { EventGrid } from '../../../src/core/events/eventGrid';
import { eventFilterSql } from '../../../src/core/eventFilter';
import { APACHE_LOG, fixture, samplePath } from '../../support/paths';
import { tmpDir } from '../../support/newCase';
import { olderCase, openMigratedKeepingRows, queryPlan } from '../../support/olderCase';

const dir = tmpDir();

/**
 * A case as Alibi at schema 7 left it: the real Apache log (no proxy), the sample shop's nginx log (every request
 * relayed by its proxy 10.0.0.2, the client in X-Forwarded-For), payments; a note, tags. Migration 8 only swaps
 * one index, so swapping it back gives the v7 schema exactly.
 */
const v7Case = (name: string) =>
  olderCase(join(dir, name), 7, [APACHE_LOG, samplePath('shop-access.log'), fixture('stripe-payments.csv')],
    'DROP INDEX events_relay_ip; CREATE INDEX events_ip ON event_rows(ip);');

/** A proxy, a client behind it, an address of the Apache log, and one in no event. */
const ADDRESSES = ['10.0.0.2', '66.249.66.37', '66.249.73.135', '203.0.113.99'];

describe('schema migration 8', () => {
  it('a v7 case migrates on open keeping every event, note, tag and audit row; verify passes', async () => {
    const path = await v7Case('v7.alibi');
    const db = await openMigratedKeepingRows(path);
    // The new index holds exactly the relayed rows, and there are some (the sample shop's proxy).
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const relayed = count('SELECT count(*) FROM event_rows NOT INDEXED WHERE ip IS NOT client_ip');
    expect(relayed).toBeGreaterThan(1000);
    expect(count('SELECT count(*) FROM event_rows INDEXED BY events_relay_ip WHERE ip IS NOT client_ip')).toBe(relayed);
    expect(count("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'events_ip'")).toBe(0);
    db.close();
    expect(checkCaseFile(path)).toMatchObject({ ok: true, schemaVersion: SCHEMA_VERSION });
  });

  it('the shared filter and the grid find an address through the two indexes, with the rows a full scan finds', async () => {
    const db = openCase(await v7Case('filters.alibi'));
    const ids = (sql: string, params: unknown[]) => db.prepare(sql).pluck().all(...params) as number[];
    for (const ip of ADDRESSES) {
      const scan = ids('SELECT id FROM event_rows NOT INDEXED WHERE client_ip = ? OR ip = ? ORDER BY id', [ip, ip]);
      const f = eventFilterSql({ ip });
      expect(ids(`SELECT id FROM events WHERE ${f.sql} ORDER BY id`, f.params)).toEqual(scan);
      expect(queryPlan(db, `SELECT id FROM event_rows WHERE ${f.sql}`, f.params)).toMatch(/INDEX events_client_ip.*INDEX events_relay_ip/);
      const remote = ids('SELECT id FROM event_rows NOT INDEXED WHERE ip = ? ORDER BY id', [ip]);
      expect([...new EventGrid(db).ids({ columns: { ip: `=${ip}` } }).ids].sort((a, b) => a - b)).toEqual(remote);
      if (ip !== '203.0.113.99') expect(scan.length).toBeGreaterThan(0);
    }
    // The proxy is only ever a remote address, its clients only client addresses.
    expect(ids('SELECT id FROM event_rows WHERE client_ip = ?', ['10.0.0.2'])).toEqual([]);
    db.close();
  });

  it('a received v7 case opens read-only unmigrated and its address filters give the same rows as after migration', async () => {
    const path = await v7Case('received.alibi');
    const queries = ADDRESSES.flatMap((ip) => [{ filters: { ip } }, { columns: { ip: `=${ip}` } }]);
    const ro = openUntrustedCase(path);
    expect(ro.pragma('user_version', { simple: true })).toBe(7);
    const asReceived = queries.map((q) => [...new EventGrid(ro).ids(q).ids]);
    ro.close();
    const rw = openUntrustedCase(path, { writable: true, migrate: true });
    expect(rw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(queries.map((q) => [...new EventGrid(rw).ids(q).ids])).toEqual(asReceived);
    // Found: the proxy both ways, the Apache log's address both ways, the client by the filter (never a remote address).
    expect(asReceived.map((ids) => ids.length > 0)).toEqual([true, true, true, false, true, true, false, false]);
    rw.close();
  });
});
