// Engine queries behind the IP / entity graph: entities (IP, customer, e-mail, card, order, device) linked when
// they appear in the same event, around a focus entity to depth 1 or 2, with noise controls (hide leaves,
// collapse a kind) and a cap that reports what it hid. Labels are plain text; the view never renders HTML.
// Plain TypeScript: runs in Electron main, in the test bridge, in the benches and in tests.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import type { IpRole } from '../analysis/types';
import { defineApi, type ApiContext } from '../apiContract';

import { ENTITY_KINDS, type EntityKind } from '../vocabulary';
export { ENTITY_KINDS, type EntityKind };

export interface EntityRef {
  kind: EntityKind;
  value: string;
}

export interface GraphNode {
  id: string; // `${kind}:${value}`, or `collapsed:${kind}:${neighbourId}` for a collapsed group
  kind: EntityKind;
  value: string;
  label: string; // plain text
  role: IpRole | null; // IP nodes: the analysis role when known
  depth: 0 | 1 | 2;
  degree: number;
  events: number; // events of the fetched neighbourhood this entity appears in
  collapsed?: number; // a collapsed group: how many entities it stands for
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  weight: number; // events linking the two
}

export interface GraphResult {
  focus: EntityRef | null;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Entities found but not returned because of the cap, per kind and in all. */
  hidden: number;
  hiddenByKind: Partial<Record<EntityKind, number>>;
  hiddenLeaves: number;
  /** True when an entity had more events than were read (the neighbourhood is a sample). */
  eventsTruncated: boolean;
}

export interface EntityDetail {
  kind: EntityKind;
  value: string;
  label: string;
  role: IpRole | null;
  events: number;
  first: number | null;
  last: number | null;
  byEventKind: Record<string, number>;
  linked: Partial<Record<EntityKind, number>>;
  sampleEventIds: number[];
}

export interface GraphQuery {
  focus?: EntityRef | null;
  depth?: 1 | 2;
  hideLeaves?: boolean;
  collapseKinds?: EntityKind[];
  limit?: number;
}

const entityRef = z.object({ kind: z.enum(ENTITY_KINDS), value: z.string().min(1).max(1024) }).strict();
export const graphSchemas = {
  graph: z
    .object({
      focus: entityRef.nullable().optional(),
      depth: z.union([z.literal(1), z.literal(2)]).optional(),
      hideLeaves: z.boolean().optional(),
      collapseKinds: z.array(z.enum(ENTITY_KINDS)).max(ENTITY_KINDS.length).optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    })
    .strict(),
  entityDetail: entityRef,
} as const;

export interface GraphHandlers {
  graph(q: GraphQuery): GraphResult;
  entityDetail(e: EntityRef): EntityDetail;
}

/** Analysis roles per IP; injected so the graph works (uncoloured) when analysis is unavailable. */
export type IpRolesProvider = (db: Db) => { ip: string; role: IpRole }[];

const DEFAULT_LIMIT = 400;
const EVENTS_PER_LEVEL = 50_000;
const LABEL_MAX = 80;

interface EventEntities {
  id: number;
  ts: number;
  kind: string;
  ip: string | null;
  customer_id: string | null;
  email: string | null;
  card_key: string | null;
  card_brand: string | null;
  card_last4: string | null;
  order_id: string | null;
  ua: string | null;
}

const EVENT_COLUMNS = `id, ts, kind, COALESCE(client_ip, ip) AS ip, customer_id, lower(email) AS email, card_key, card_brand,
  card_last4, order_id, substr(user_agent, 1, 2000) AS ua`;

/** A device is one client address with one user agent; the value carries a short hash of the UA. */
export function deviceValue(ip: string, ua: string): string {
  return `${ip}|${createHash('sha256').update(ua).digest('hex').slice(0, 10)}`;
}

function clip(s: string, max = LABEL_MAX): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function uaShort(ua: string): string {
  const m = /(Firefox|Chrome|Safari|Edg|OPR|curl|python-requests|Go-http-client|okhttp|Java|bot|spider)[/ ]?[\d.]*/i.exec(ua);
  return clip(m ? m[0] : ua, 40);
}

/** The entities one event names, each with a plain-text label in no language (the screen adds "order", "client"…). */
function entitiesOf(e: EventEntities): { ref: EntityRef; label: string }[] {
  const out: { ref: EntityRef; label: string }[] = [];
  if (e.ip) out.push({ ref: { kind: 'ip', value: e.ip }, label: clip(e.ip) });
  if (e.customer_id) out.push({ ref: { kind: 'customer', value: e.customer_id }, label: clip(e.customer_id) });
  if (e.email) out.push({ ref: { kind: 'email', value: e.email }, label: clip(e.email) });
  if (e.card_key) {
    const label = e.card_last4 ? `${e.card_brand ? `${e.card_brand} ` : ''}…${e.card_last4}` : e.card_key;
    out.push({ ref: { kind: 'card', value: e.card_key }, label: clip(label) });
  }
  if (e.order_id) out.push({ ref: { kind: 'order', value: e.order_id }, label: clip(e.order_id) });
  if (e.ip && e.ua) out.push({ ref: { kind: 'device', value: deviceValue(e.ip, e.ua) }, label: clip(`${e.ip} · ${uaShort(e.ua)}`) });
  return out;
}

const nodeId = (r: EntityRef) => `${r.kind}:${r.value}`;

/** Events naming any of the given entities of one kind (values bound as a JSON array, never spliced). */
function eventsOfKind(db: Db, kind: EntityKind, values: string[], cap: number): EventEntities[] {
  if (!values.length) return [];
  const arr = JSON.stringify(values);
  const sel = (where: string) => `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} LIMIT ?`;
  const list = `(SELECT value FROM json_each(?))`;
  switch (kind) {
    case 'ip':
      // The entity is COALESCE(client_ip, ip): both halves of the OR use their own index.
      return db.prepare(sel(`client_ip IN ${list} OR (client_ip IS NULL AND ip IN ${list})`)).all(arr, arr, cap) as EventEntities[];
    case 'customer':
      return db.prepare(sel(`customer_id IN ${list}`)).all(arr, cap) as EventEntities[];
    case 'email':
      return db.prepare(sel(`email COLLATE NOCASE IN ${list}`)).all(arr, cap) as EventEntities[];
    case 'card':
      return db.prepare(sel(`card_key IN ${list}`)).all(arr, cap) as EventEntities[];
    case 'order':
      return db.prepare(sel(`order_id IN ${list}`)).all(arr, cap) as EventEntities[];
    case 'device': {
      const ips = [...new Set(values.map((v) => v.slice(0, v.lastIndexOf('|'))))];
      const want = new Set(values);
      return eventsOfKind(db, 'ip', ips, cap).filter((e) => e.ip && e.ua && want.has(deviceValue(e.ip, e.ua)));
    }
  }
}

/** IP nodes are coloured by the analysis roles (the API passes its snapshot's), cached per case state here. */
export function createGraphHandlers(ctx: Pick<ApiContext, 'db'>, ipRoles: IpRolesProvider): GraphHandlers {
  const roleCache = new WeakMap<Db, { key: string; roles: Map<string, IpRole> }>();
  const rolesOf = (db: Db): Map<string, IpRole> => {
    // Roles change with imports (events) and overrides (audited): both bump these counters.
    const k = db.prepare('SELECT (SELECT max(id) FROM events) AS e, (SELECT max(id) FROM audit) AS a').get() as { e: number; a: number };
    const key = `${k.e}|${k.a}`;
    const hit = roleCache.get(db);
    if (hit && hit.key === key) return hit.roles;
    let roles = new Map<string, IpRole>();
    try {
      roles = new Map(ipRoles(db).map((p) => [p.ip, p.role]));
    } catch {
      // analysis failing leaves the graph uncoloured rather than empty
    }
    roleCache.set(db, { key, roles });
    return roles;
  };

  const graph: GraphHandlers['graph'] = (q) => {
    const db = ctx.db();
    const depth = q.depth ?? 2;
    const limit = Math.max(1, Math.min(10_000, Math.floor(q.limit ?? DEFAULT_LIMIT)));
    const focus = q.focus ?? null;
    let eventsTruncated = false;

    // Read the events level by level: the focus's, then those of its neighbours.
    const seen = new Map<number, EventEntities>();
    const levelOf = new Map<string, 0 | 1 | 2>();
    const labels = new Map<string, { ref: EntityRef; label: string }>();
    const absorb = (rows: EventEntities[], level: 1 | 2) => {
      for (const e of rows) {
        if (seen.has(e.id)) continue;
        seen.set(e.id, e);
        for (const ent of entitiesOf(e)) {
          const id = nodeId(ent.ref);
          if (!labels.has(id)) labels.set(id, ent);
          if (!levelOf.has(id)) levelOf.set(id, level);
        }
      }
    };
    if (focus) {
      if (!ENTITY_KINDS.includes(focus.kind)) throw new AlibiError(`unknown entity kind "${String(focus.kind)}"`, `use one of ${ENTITY_KINDS.join(', ')}`);
      const value = focus.kind === 'email' ? focus.value.toLowerCase() : focus.value;
      const ref = { kind: focus.kind, value };
      levelOf.set(nodeId(ref), 0);
      const first = eventsOfKind(db, focus.kind, [value], EVENTS_PER_LEVEL);
      if (first.length >= EVENTS_PER_LEVEL) eventsTruncated = true;
      if (!first.length) throw new AlibiError(`no event names ${focus.kind} "${clip(focus.value)}"`, 'pick an entity from the timeline, the IP list or a finding');
      absorb(first, 1);
      if (depth === 2) {
        const byKind = new Map<EntityKind, string[]>();
        for (const [id, lvl] of levelOf) {
          if (lvl !== 1) continue;
          const r = labels.get(id)!.ref;
          byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.value]);
        }
        let budget = EVENTS_PER_LEVEL;
        for (const [kind, values] of byKind) {
          if (budget <= 0) {
            eventsTruncated = true;
            break;
          }
          const rows = eventsOfKind(db, kind, values, budget);
          if (rows.length >= budget) eventsTruncated = true;
          budget -= rows.length;
          absorb(rows, 2);
        }
      }
      labels.set(nodeId(ref), labels.get(nodeId(ref)) ?? { ref, label: clip(ref.value) });
    } else {
      // No focus: the transactions (orders, payments, decisions, provider calls), the part of a case that links entities.
      const rows = db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE kind <> 'http_request' ORDER BY ts LIMIT ?`)
        .all(EVENTS_PER_LEVEL) as EventEntities[];
      if (rows.length >= EVENTS_PER_LEVEL) eventsTruncated = true;
      absorb(rows, 1);
    }

    // Edges: every pair of entities named by one event, weighted by the events that link them.
    const edgeW = new Map<string, number>();
    const nodeEvents = new Map<string, number>();
    for (const e of seen.values()) {
      const ids = entitiesOf(e).map((x) => nodeId(x.ref));
      for (const id of ids) nodeEvents.set(id, (nodeEvents.get(id) ?? 0) + 1);
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = ids[i] < ids[j] ? `${ids[i]}\u0000${ids[j]}` : `${ids[j]}\u0000${ids[i]}`;
          edgeW.set(key, (edgeW.get(key) ?? 0) + 1);
        }
      }
    }
    const adj = new Map<string, Map<string, number>>();
    const link = (a: string, b: string, w: number) => {
      if (!adj.has(a)) adj.set(a, new Map());
      adj.get(a)!.set(b, w);
    };
    for (const [key, w] of edgeW) {
      const [a, b] = key.split('\u0000');
      link(a, b, w);
      link(b, a, w);
    }
    const focusId = focus ? nodeId({ kind: focus.kind, value: focus.kind === 'email' ? focus.value.toLowerCase() : focus.value }) : null;

    let ids = [...labels.keys()];
    let hiddenLeaves = 0;
    if (q.hideLeaves) {
      const kept = ids.filter((id) => id === focusId || (adj.get(id)?.size ?? 0) > 1);
      hiddenLeaves = ids.length - kept.length;
      ids = kept;
    }
    const keptSet = new Set(ids);

    // Collapse: the entities of a kind merge into one "N orders" node that keeps their links (so what hung
    // from them stays connected to the focus through it).
    const collapse = new Set(q.collapseKinds ?? []);
    const groups = new Map<EntityKind, { members: number; depth: 1 | 2; links: Map<string, number> }>();
    if (collapse.size) {
      ids = ids.filter((id) => {
        const ref = labels.get(id)!.ref;
        if (id === focusId || !collapse.has(ref.kind)) return true;
        const g = groups.get(ref.kind) ?? { members: 0, depth: 2 as 1 | 2, links: new Map<string, number>() };
        g.members++;
        if (levelOf.get(id) === 1) g.depth = 1;
        for (const nb of adj.get(id)?.keys() ?? []) {
          if (!keptSet.has(nb) || collapse.has(labels.get(nb)!.ref.kind)) continue;
          g.links.set(nb, (g.links.get(nb) ?? 0) + 1);
        }
        groups.set(ref.kind, g);
        return false;
      });
      for (const [kind, g] of groups) {
        const gid = `collapsed:${kind}`;
        const ref = { kind, value: gid };
        labels.set(gid, { ref, label: String(g.members) }); // the count; the screen names the kind
        levelOf.set(gid, g.depth);
        for (const [nb, w] of g.links) {
          link(gid, nb, w);
          link(nb, gid, w);
          const key = gid < nb ? `${gid}\u0000${nb}` : `${nb}\u0000${gid}`;
          edgeW.set(key, w);
        }
        ids.push(gid);
      }
    }

    // Cap: keep the focus, then the closest and most linked entities.
    const strength = (id: string) => (focusId ? (adj.get(focusId)?.get(id) ?? 0) : 0) * 1e6 + (adj.get(id)?.size ?? 0);
    ids.sort((a, b) => (levelOf.get(a) ?? 2) - (levelOf.get(b) ?? 2) || strength(b) - strength(a) || (a < b ? -1 : 1));
    const shown = ids.slice(0, limit);
    const hiddenIds = ids.slice(limit);
    const hiddenByKind: Partial<Record<EntityKind, number>> = {};
    for (const id of hiddenIds) {
      const k = labels.get(id)!.ref.kind;
      hiddenByKind[k] = (hiddenByKind[k] ?? 0) + 1;
    }
    const shownSet = new Set(shown);
    const roles = rolesOf(db);

    const nodes: GraphNode[] = shown.map((id) => {
      const { ref, label } = labels.get(id)!;
      const group = id.startsWith('collapsed:') ? groups.get(ref.kind) : undefined;
      return {
        ...(group ? { collapsed: group.members } : {}),
        id,
        kind: ref.kind,
        value: ref.value,
        label,
        role: ref.kind === 'ip' ? (roles.get(ref.value) ?? null) : null,
        depth: levelOf.get(id) ?? 2,
        degree: 0,
        events: nodeEvents.get(id) ?? 0,
      };
    });
    const edges: GraphEdge[] = [];
    for (const [key, w] of edgeW) {
      const [a, b] = key.split('\u0000');
      if (shownSet.has(a) && shownSet.has(b)) edges.push({ id: `${a}\u2194${b}`, source: a, target: b, weight: w });
    }
    const deg = new Map<string, number>();
    for (const e of edges) {
      deg.set(e.source, (deg.get(e.source) ?? 0) + 1);
      deg.set(e.target, (deg.get(e.target) ?? 0) + 1);
    }
    for (const n of nodes) n.degree = deg.get(n.id) ?? 0;
    return {
      focus: focus ? { kind: focus.kind, value: focus.kind === 'email' ? focus.value.toLowerCase() : focus.value } : null,
      nodes,
      edges,
      hidden: hiddenIds.length,
      hiddenByKind,
      hiddenLeaves,
      eventsTruncated,
    };
  };

  const entityDetail: GraphHandlers['entityDetail'] = (ref) => {
    const db = ctx.db();
    if (!ENTITY_KINDS.includes(ref.kind)) throw new AlibiError(`unknown entity kind "${String(ref.kind)}"`, `use one of ${ENTITY_KINDS.join(', ')}`);
    const value = ref.kind === 'email' ? ref.value.toLowerCase() : ref.value;
    const rows = eventsOfKind(db, ref.kind, [value], EVENTS_PER_LEVEL);
    if (!rows.length) throw new AlibiError(`no event names ${ref.kind} "${clip(ref.value)}"`, 'pick an entity from the graph or the timeline');
    const self = nodeId({ kind: ref.kind, value });
    const byEventKind: Record<string, number> = {};
    const linkedSets = new Map<EntityKind, Set<string>>();
    let first = Infinity;
    let last = -Infinity;
    let label = clip(value);
    for (const e of rows) {
      byEventKind[e.kind] = (byEventKind[e.kind] ?? 0) + 1;
      first = Math.min(first, e.ts);
      last = Math.max(last, e.ts);
      for (const ent of entitiesOf(e)) {
        const id = nodeId(ent.ref);
        if (id === self) {
          label = ent.label;
          continue;
        }
        if (!linkedSets.has(ent.ref.kind)) linkedSets.set(ent.ref.kind, new Set());
        linkedSets.get(ent.ref.kind)!.add(ent.ref.value);
      }
    }
    const linked: Partial<Record<EntityKind, number>> = {};
    for (const [k, s] of linkedSets) linked[k] = s.size;
    return {
      kind: ref.kind,
      value,
      label,
      role: ref.kind === 'ip' ? (rolesOf(db).get(value) ?? null) : null,
      events: rows.length,
      first,
      last,
      byEventKind,
      linked,
      sampleEventIds: rows.slice(0, 50).map((r) => r.id),
    };
  };

  return { graph, entityDetail };
}

/** The graph's API: IP nodes take their roles from the case's one analysis snapshot. */
export const graphApi = defineApi(graphSchemas, (ctx: ApiContext) => createGraphHandlers(ctx, () => ctx.analysis().ips));
