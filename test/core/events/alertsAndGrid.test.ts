// The alert-first case home and the events grid, on the real sample case (resources/sample imported by the real
// importers) and on hostile values: the engine side of what the case home and the grid show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase, type Db } from '../../../src/core/casefile/caseFile';
import { buildDemoCase } from '../../../src/core/sample/demoCase';
import { runFindings } from '../../../src/core/analysis/findings';
import { classifyIps } from '../../../src/core/analysis/ipRoles';
import { blockImpact } from '../../../src/core/analysis/blockImpact';
import { breachExposure } from '../../../src/core/analysis/breachExposure';
import { caseAlerts, alertActionOf } from '../../../src/core/alerts/caseAlerts';
import { EventGrid, GRID_COLUMNS } from '../../../src/core/events/eventGrid';

const CUSTOMER_IP = '90.14.207.118';
const PROVIDER_IP = '51.91.102.137';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-grid-'));
  const { casePath } = await buildDemoCase(dir);
  db = openCase(casePath);
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const n = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
const alerts = () => caseAlerts(db, { findings: runFindings(db), ips: classifyIps(db), breach: breachExposure(db), blockImpact: (ip) => blockImpact(db, ip) });

describe('case alerts', () => {
  it('reads block and review decisions as alerts, allow as none', () => {
    expect(alertActionOf('block')).toBe('blocked');
    expect(alertActionOf('REFUSED')).toBe('blocked');
    expect(alertActionOf('review')).toBe('review');
    expect(alertActionOf('allow')).toBeNull();
    expect(alertActionOf('')).toBeNull();
  });

  it('opens on the Multi-CB block of order 48218, assessed as a household, suggested as a policy breach', () => {
    const list = alerts();
    const first = list[0];
    expect(first.action).toBe('blocked');
    expect(first.rule).toBe('Multi-CB');
    expect(first.orderId).toBe('48218');
    expect(first.email).toBe('julien.moreau@example.net');
    expect(first.assessment?.label).toBe('likely-legitimate-shared-cards');
    expect(first.suggested.verdict).toBe('policy-breach');
    // Three rules fired on the same customer: one alert carries them all.
    expect(first.findingIds.length).toBeGreaterThanOrEqual(3);
    // The customer's IP is to be judged, the provider's that carried the orders must never be blocked.
    const customer = first.ips.find((i) => i.ip === CUSTOMER_IP);
    const provider = first.ips.find((i) => i.ip === PROVIDER_IP);
    expect(customer?.involvement).toBe('customer');
    expect(provider?.involvement).toBe('carrier');
    expect(provider?.block).toBe('do-not-block');
    // The customer's identifiers are in the breach list, and that speaks against a clean story.
    expect(first.breach.some((b) => !b.weak && b.customers.includes('1874'))).toBe(true);
    expect(first.suggested.against.join(' ')).toMatch(/breach/);
    // Reviews come after blocks, and every alert is a block or a review decision of the case.
    const reviews = n("SELECT count(*) AS n FROM events WHERE kind = 'antifraud_decision' AND decision IN ('block', 'review')");
    expect(list.length).toBe(reviews);
    expect(list.findIndex((a) => a.action === 'review')).toBeGreaterThan(0);
  });
});

describe('events grid', () => {
  it('pages the whole case in time order and counts it', () => {
    const g = new EventGrid(db);
    const c = g.count({});
    expect(c.total).toBe(n('SELECT count(*) AS n FROM events'));
    const page = g.page({}, 0, 50);
    expect(page).toHaveLength(50);
    for (let i = 1; i < page.length; i++) expect(page[i].ts).toBeGreaterThanOrEqual(page[i - 1].ts);
    expect(page[0].cells.source).toBeTruthy();
  });

  it('applies shared filters, column filters, numeric ranges, free text and sorts like SQL would', () => {
    const g = new EventGrid(db);
    expect(g.count({ filters: { ip: CUSTOMER_IP } }).total).toBe(n('SELECT count(*) AS n FROM events WHERE client_ip = ? OR ip = ?', CUSTOMER_IP, CUSTOMER_IP));
    expect(g.count({ columns: { path: 'commande' } }).total).toBe(n("SELECT count(*) AS n FROM events WHERE path LIKE '%commande%'"));
    expect(g.count({ columns: { status: '400..499' } }).total).toBe(n('SELECT count(*) AS n FROM events WHERE status BETWEEN 400 AND 499'));
    expect(g.count({ columns: { status: '>=500' } }).total).toBe(n('SELECT count(*) AS n FROM events WHERE status >= 500'));
    expect(g.count({ columns: { kind: '=payment' } }).total).toBe(n("SELECT count(*) AS n FROM events WHERE kind = 'payment'"));
    expect(g.count({ columns: { source: 'antifraud' } }).total).toBe(11);
    expect(g.count({ text: 'multi-cb' }).total).toBe(n("SELECT count(*) AS n FROM events WHERE raw LIKE '%multi-cb%'"));
    // LIKE wildcards typed by the user are literal characters, not patterns.
    expect(g.count({ columns: { path: '%' } }).total).toBe(n("SELECT count(*) AS n FROM events WHERE instr(path, '%') > 0"));
    expect(g.count({ columns: { path: '_' } }).total).toBe(n("SELECT count(*) AS n FROM events WHERE instr(path, '_') > 0"));
    expect(g.count({ columns: { path: '!commande' } }).total).toBe(n("SELECT count(*) AS n FROM events WHERE path IS NULL OR instr(lower(path), 'commande') = 0"));
    const byAmount = g.page({ filters: { kind: 'payment' }, sort: { column: 'amount', desc: true } }, 0, 500);
    for (let i = 1; i < byAmount.length; i++) expect(Number(byAmount[i].cells.amount)).toBeLessThanOrEqual(Number(byAmount[i - 1].cells.amount));
  });

  it('groups by a column with exact counts, and finds a starred row after tagging', () => {
    const g = new EventGrid(db);
    const kinds = g.groups({}, 'kind');
    expect(kinds.groups.reduce((s, x) => s + x.count, 0)).toBe(n('SELECT count(*) AS n FROM events'));
    const id = (db.prepare("SELECT id FROM events WHERE kind = 'antifraud_decision' AND decision = 'block'").get() as { id: number }).id;
    expect(g.count({ tag: 'starred' }).total).toBe(0);
    db.prepare("INSERT INTO tags(event_id, tag, at) VALUES (?, 'starred', 'now')").run(id);
    expect(g.count({ tag: 'starred' }).total).toBe(1);
    expect(g.page({ tag: 'starred' }, 0, 10)[0].tags).toEqual(['starred']);
    db.prepare('DELETE FROM tags WHERE event_id = ?').run(id);
  });

  it('exports exactly the filtered rows and the shown columns, formulas inert', async () => {
    const g = new EventGrid(db);
    const q = { filters: { ip: CUSTOMER_IP }, columns: { path: 'commande' } } as const;
    const out = join(dir, 'grid.csv');
    const r = await g.exportCsv(q, ['ts', 'client_ip', 'path', 'status'], out, 'Europe/Paris');
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('time (Europe/Paris),time_utc,client_ip,path,status');
    expect(r.rows).toBe(g.count(q).total);
    expect(lines.length - 1).toBe(r.rows);
    const ids = [...g.ids(q).ids];
    const expected = db.prepare(`SELECT path FROM events WHERE id IN (${ids.join(',')}) ORDER BY ts, id`).pluck().all() as string[];
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(expected);
  });

  it('refuses unknown columns (no SQL from the caller)', () => {
    const g = new EventGrid(db);
    expect(() => g.count({ columns: { 'kind; DROP TABLE events': 'x' } as never })).toThrow(/unknown grid column/);
    expect(() => g.page({ sort: { column: 'id) --' as never } }, 0, 1)).toThrow(/unknown grid column/);
    expect(GRID_COLUMNS).toContain('client_ip');
  });
});
