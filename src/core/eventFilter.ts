// The one event filter: the timeline, the events list (`alibi events`, the app's grid) and every event export
// narrow events with it, so "events of this IP" means the same thing on every screen and in every file.
import { z } from 'zod';
import { AlibiError } from './errors';
import { EVENT_KINDS } from './vocabulary';

/** Every field is optional; set fields are ANDed. */
export interface EventFilter {
  /** ISO 8601 instant or epoch ms, inclusive. */
  from?: string | number;
  /** ISO 8601 instant or epoch ms, inclusive. */
  to?: string | number;
  /** The address the source names or the resolved client address. */
  ip?: string;
  customer?: string;
  /** Case-insensitive. */
  email?: string;
  /** Card key, provider fingerprint or last 4 digits. */
  card?: string;
  kind?: string;
  /** HTTP status (e.g. 402) or an anti-fraud decision (block, review, …). */
  status?: string;
  sourceId?: number;
  /**
   * Addresses whose traffic is left out ("hide provider/crawler/own traffic": the IPs the analysis gives those
   * roles). An event is left out when its address — the resolved client address, else the one the source
   * names, the key of the timeline's per-IP lanes — is listed; events without an address stay.
   */
  excludeIps?: string[];
}

const text = z.string().max(256).optional();
const instant = z.union([z.string().max(64), z.number().finite().min(-8.64e15).max(8.64e15)]).optional();
/** Bounded: SQLite takes at most 32,766 parameters per statement, and the list travels with every view query. */
export const MAX_EXCLUDED_IPS = 5000;

export const eventFilterSchema = z
  .object({
    from: instant, to: instant, ip: text, customer: text, email: text, card: text, kind: text, status: text, sourceId: z.number().int().positive().optional(),
    excludeIps: z.array(z.string().min(1).max(64)).max(MAX_EXCLUDED_IPS).optional(),
  })
  .strict();

/**
 * Terms true of every row they are added to, spelled as the WHERE of a partial index (schema migration 7):
 * SQLite uses a partial index only when the query carries that term, spelled the same (it does no algebra).
 * `events_business` holds the rows that are not web requests, `events_error_status` the error responses.
 * Without table statistics SQLite prefers walking the `ts` index to sorting: a scan of business rows in time order
 * writes `ORDER BY +ts` (and a time window as `+ts >= ? AND +ts <= ?`) so it reads `events_business` and sorts the
 * few rows it finds (6,010 of 1,000,000: 40 ms against 240–980 ms through the ts index).
 */
export const businessRowsTerm = (alias = '') => `${alias}kind <> 'http_request'`;
export const errorStatusTerm = (alias = '') => `${alias}status >= 400`;
/**
 * `events_relay_ip` (schema migration 8) holds the remote address of relayed requests only: a row whose `ip` equals
 * its `client_ip` is found by the client-address index already.
 */
export const relayedIpTerm = (alias = '') => `${alias}ip IS NOT ${alias}client_ip`;
/**
 * `ip = ?` spelled so that both halves read an index: a relayed row is in `events_relay_ip`, any other row with
 * that address has it as its client address too (`events_client_ip`). Binds the address three times.
 */
export const remoteIpEqualsSql = (alias = '') =>
  `((${alias}ip = ? AND ${relayedIpTerm(alias)}) OR (${alias}client_ip = ? AND ${alias}ip = ?))`;

function toMs(v: string | number, name: 'from' | 'to'): number {
  if (typeof v === 'number') return v;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) {
    throw new AlibiError(`${name} "${v}" is not a date`, { cli: `write --${name} in ISO 8601, e.g. 2025-09-07T07:00:00+02:00`, app: 'write the date in ISO 8601, e.g. 2025-09-07T07:00:00+02:00' }, 2);
  }
  return ms;
}

/**
 * A WHERE fragment (placeholders only) and its parameters. `alias` qualifies the columns when the query joins
 * another table (e.g. 'e.'). An empty filter gives '1'.
 */
export function eventFilterSql(f: EventFilter | undefined, alias = ''): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const c = (col: string) => alias + col;
  const v = (s: string | undefined) => (typeof s === 'string' ? s.trim() : '');
  if (f?.from !== undefined && f.from !== '') (parts.push(`${c('ts')} >= ?`), params.push(toMs(f.from, 'from')));
  if (f?.to !== undefined && f.to !== '') (parts.push(`${c('ts')} <= ?`), params.push(toMs(f.to, 'to')));
  if (v(f?.ip)) (parts.push(`(${c('client_ip')} = ? OR (${c('ip')} = ? AND ${relayedIpTerm(alias)}))`), params.push(v(f!.ip), v(f!.ip)));
  if (v(f?.customer)) (parts.push(`${c('customer_id')} = ?`), params.push(v(f!.customer)));
  if (v(f?.email)) (parts.push(`lower(${c('email')}) = lower(?)`), params.push(v(f!.email)));
  if (v(f?.card)) {
    parts.push(`(${c('card_key')} = ? OR ${c('card_fingerprint')} = ? OR ${c('card_last4')} = ?)`);
    params.push(v(f!.card), v(f!.card), v(f!.card));
  }
  if (v(f?.kind)) {
    const kind = v(f!.kind);
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
      throw new AlibiError(`unknown event kind "${kind}"`, `use one of: ${EVENT_KINDS.join(', ')}`, 2);
    }
    parts.push(`${c('kind')} = ?`);
    params.push(kind);
    if (kind !== 'http_request') parts.push(businessRowsTerm(alias));
  }
  if (v(f?.status)) {
    const s = v(f!.status);
    if (/^\d{3}$/.test(s)) {
      parts.push(`${c('status')} = ?`);
      params.push(Number(s));
      if (Number(s) >= 400) parts.push(errorStatusTerm(alias));
    } else (parts.push(`lower(${c('decision')}) = lower(?)`), params.push(s));
  }
  if (f?.sourceId !== undefined) (parts.push(`${c('source_id')} = ?`), params.push(f.sourceId));
  if (f?.excludeIps?.length) {
    const ips = [...new Set(f.excludeIps)].slice(0, MAX_EXCLUDED_IPS);
    const addr = `COALESCE(${c('client_ip')}, ${c('ip')})`;
    parts.push(`(${addr} IS NULL OR ${addr} NOT IN (${ips.map(() => '?').join(', ')}))`);
    params.push(...ips);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** The filter a view carries (timeline, grid, graph): every field but the time window, which the view sets itself. */
export type ViewFilter = Omit<EventFilter, 'from' | 'to' | 'sourceId'>;
export const viewFilterSchema = eventFilterSchema.omit({ from: true, to: true, sourceId: true });
