import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../src/core/casefile/caseFile';
import { createGraphHandlers, deviceValue, graphSchemas, type GraphHandlers } from '../../../src/core/graph/graph';
import { buildSyntheticCase, STORY } from '../../support/syntheticCase';

let dir: string;
let db: Db;
let h: GraphHandlers;
const OTHERS = 40;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-graph-'));
  db = buildSyntheticCase(join(dir, 'case.alibi'), { events: 3000, otherCustomers: OTHERS });
  h = createGraphHandlers({ db: () => db }, () => [
    { ip: STORY.providerIp, role: 'provider' },
    { ip: STORY.customerIp, role: 'customer' },
  ]);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const ofKind = (r: ReturnType<GraphHandlers['graph']>, kind: string) => r.nodes.filter((n) => n.kind === kind);

describe('graph handlers', () => {
  it('focus on the customer e-mail links his two cards, his IP and his three orders', () => {
    const r = h.graph({ focus: { kind: 'email', value: STORY.customerEmail.toUpperCase() }, depth: 1 });
    expect(r.focus).toEqual({ kind: 'email', value: STORY.customerEmail });
    expect(ofKind(r, 'card').map((n) => n.label).sort()).toEqual(['mastercard …5454', 'visa …4242']);
    expect(ofKind(r, 'ip').map((n) => [n.value, n.role])).toEqual([[STORY.customerIp, 'customer']]);
    expect(ofKind(r, 'order').map((n) => n.value).sort()).toEqual(['O-1001', 'O-1002', 'O-1003']);
    const focusId = `email:${STORY.customerEmail}`;
    const cardEdges = r.edges.filter((e) => (e.source === focusId || e.target === focusId) && (e.source.startsWith('card:') || e.target.startsWith('card:')));
    expect(cardEdges.map((e) => e.weight).sort()).toEqual([1, 2]); // own card twice, partner's once
    expect(r.hidden).toBe(0);
  });

  it('focus on the customer IP reaches the e-mail and both cards at depth 2, and the provider through the orders', () => {
    const r = h.graph({ focus: { kind: 'ip', value: STORY.customerIp }, depth: 2 });
    expect(ofKind(r, 'email').map((n) => n.value)).toEqual([STORY.customerEmail]);
    expect(ofKind(r, 'card')).toHaveLength(2);
    expect(ofKind(r, 'card').every((n) => n.depth === 2)).toBe(true);
    const provider = r.nodes.find((n) => n.id === `ip:${STORY.providerIp}`);
    expect(provider?.role).toBe('provider');
    expect(provider?.depth).toBe(2);
    expect(ofKind(r, 'device').map((n) => n.value)).toContain(deviceValue(STORY.customerIp, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0'));
  });

  it('focus on the provider IP links every order it called back', () => {
    const r = h.graph({ focus: { kind: 'ip', value: STORY.providerIp }, depth: 1, limit: 1000 });
    expect(ofKind(r, 'order')).toHaveLength(OTHERS + 3);
    const focus = r.nodes.find((n) => n.depth === 0)!;
    expect(focus.role).toBe('provider');
    expect(focus.degree).toBe(OTHERS + 3 + 1); // the orders and its one device (one webhook user agent)
  });

  it('caps the nodes and says how many it hid, per kind', () => {
    const r = h.graph({ focus: { kind: 'ip', value: STORY.providerIp }, depth: 1, limit: 10 });
    expect(r.nodes).toHaveLength(10);
    expect(r.hidden).toBe(OTHERS + 3 + 1 + 1 - 10);
    expect(Object.values(r.hiddenByKind).reduce((a, b) => a + (b ?? 0), 0)).toBe(r.hidden);
    expect(r.nodes[0].depth).toBe(0);
    const shown = new Set(r.nodes.map((n) => n.id));
    expect(r.edges.every((e) => shown.has(e.source) && shown.has(e.target))).toBe(true);
  });

  it('hides entities with a single link, never the focus', () => {
    // the hostile request: one IP, one device (its user agent) linked only to it
    const all = h.graph({ focus: { kind: 'ip', value: STORY.hostileIp }, depth: 2 });
    expect(all.nodes.map((n) => [n.kind, n.degree])).toEqual([['ip', 1], ['device', 1]]);
    const r = h.graph({ focus: { kind: 'ip', value: STORY.hostileIp }, depth: 2, hideLeaves: true });
    expect(r.hiddenLeaves).toBe(1);
    expect(r.nodes.map((n) => n.id)).toEqual([`ip:${STORY.hostileIp}`]);
    // on the provider's neighbourhood every entity has several links: nothing to hide
    const p = h.graph({ focus: { kind: 'ip', value: STORY.providerIp }, depth: 2, hideLeaves: true, limit: 5000 });
    expect(p.hiddenLeaves).toBe(0);
  });

  it('collapses a kind into one counted node that keeps their links', () => {
    const r = h.graph({ focus: { kind: 'ip', value: STORY.providerIp }, depth: 2, collapseKinds: ['order'], limit: 5000 });
    expect(ofKind(r, 'order').filter((n) => !n.collapsed)).toHaveLength(0);
    const groups = r.nodes.filter((n) => n.collapsed);
    expect(groups).toHaveLength(1);
    expect(groups[0].collapsed).toBe(OTHERS + 3);
    expect(groups[0].label).toBe(String(OTHERS + 3)); // a count: the screen names the kind in its language
    const focusId = `ip:${STORY.providerIp}`;
    const toFocus = r.edges.find((e) => [e.source, e.target].includes(focusId) && [e.source, e.target].includes(groups[0].id));
    expect(toFocus?.weight).toBe(OTHERS + 3);
    // what hung from the orders (the customers' e-mails) is still linked, through the group
    const email = `email:${STORY.customerEmail}`;
    expect(r.edges.some((e) => [e.source, e.target].includes(email) && [e.source, e.target].includes(groups[0].id))).toBe(true);
  });

  it('without focus shows the transaction graph with the provider as the hub', () => {
    const r = h.graph({ limit: 2000 });
    const provider = r.nodes.find((n) => n.id === `ip:${STORY.providerIp}`)!;
    expect(provider.degree).toBe(Math.max(...r.nodes.map((n) => n.degree)));
  });

  it('keeps the hostile user agent as data in a device label', () => {
    const r = h.graph({ focus: { kind: 'ip', value: STORY.hostileIp }, depth: 1 });
    expect(ofKind(r, 'device')[0].label).toBe(`${STORY.hostileIp} · <img src=x onerror=alert(1)>`);
  });

  it('describes an entity: events, linked entities, role', () => {
    const d = h.entityDetail({ kind: 'ip', value: STORY.providerIp });
    expect(d.role).toBe('provider');
    expect(d.byEventKind).toEqual({ provider_call: OTHERS + 3 });
    expect(d.linked.order).toBe(OTHERS + 3);
    const c = h.entityDetail({ kind: 'customer', value: STORY.customerId });
    expect(c.linked.card).toBe(2);
    expect(c.events).toBe(7);
    expect(() => h.entityDetail({ kind: 'ip', value: '192.0.2.250' })).toThrow(/no event names ip/);
  });

  it('validates its arguments at the boundary', () => {
    expect(graphSchemas.graph.safeParse({ focus: { kind: 'ip', value: '1.2.3.4' }, depth: 3 }).success).toBe(false);
    expect(graphSchemas.graph.safeParse({ focus: { kind: 'ip; DROP', value: 'x' } }).success).toBe(false);
    expect(graphSchemas.entityDetail.safeParse({ kind: 'card', value: 'fp_x' }).success).toBe(true);
  });
});
