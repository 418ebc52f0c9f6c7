// The order, payment, anti-fraud decision and record rows of a case, read once per analysis for every reader of
// them (the identity links, the card attempts, the clock checks): one pass down the `events_business` index instead
// of one query each, with only the columns they read. On a large case these rows are ~10% of the events but sit on
// nearly every page of the table, so each separate query paid for the whole table's pages again.
// Kept as columns, the few-valued ones (card key kind, BIN, brand, decision, rule, reason, user agent) one string
// per distinct value: while the rows are alive the heap is small, so a collection then does not set a high heap
// limit for the per-address pass that follows. The caller drops them once its readers are done.
import type { Db } from '../casefile/caseFile';
import { businessRowsTerm } from '../eventFilter';
import type { CardKeyKind } from '../types';

export type BusinessKind = 'order' | 'payment' | 'antifraud_decision' | 'record';
const KINDS: BusinessKind[] = ['order', 'payment', 'antifraud_decision', 'record'];

type Text = string | null;

/** The rows in id order (the links keep the first row naming an order), a column each: row i is [i] of each. */
export interface BusinessRows {
  length: number;
  id: number[];
  ts: number[];
  kind: BusinessKind[];
  sourceId: number[];
  orderId: Text[];
  tx: Text[];
  customerId: Text[];
  email: Text[];
  /** coalesce(client_ip, ip) */
  addr: Text[];
  /** The user agent's text. */
  ua: Text[];
  card: Text[];
  cardKind: (CardKeyKind | null)[];
  bin: Text[];
  last4: Text[];
  brand: Text[];
  name: Text[];
  amount: (number | null)[];
  decision: Text[];
  status: (number | null)[];
  rule: Text[];
  reason: Text[];
  /** The `extra` JSON of a row with a card (the one reader of it being the attempts' risk facts): its text when
   *  short, else a reader of it by row id (an export's unmapped columns can make it kilobytes a row, and the rules
   *  read a few rows' risk facts only), null without a card or extra. */
  extra: Extra[];
}

export type Extra = string | null | ((id: number) => string | null);
/** An `extra` this long or shorter is kept with the row: cheaper than reading it again. */
const EXTRA_KEPT = 512;

/** A record (a generic export's row) is read only when it names someone or something the links join on. */
const RECORD_WITH_IDS = `(kind <> 'record' OR order_id IS NOT NULL OR transaction_id IS NOT NULL OR email IS NOT NULL OR customer_id IS NOT NULL)`;
const BUSINESS_KINDS = `${businessRowsTerm()} AND kind IN ('antifraud_decision','order','payment','record')`;

type Row = [
  id: number, ts: number, kind: number, sourceId: number, orderId: Text, tx: Text, customerId: Text, email: Text, addr: Text,
  ua: number | Text, card: Text, cardKind: CardKeyKind | null, bin: Text, last4: Text, brand: Text, name: Text, amount: number | null,
  decision: Text, status: number | null, rule: Text, reason: Text, extra: Text | 1,
];

/** One string per distinct value of a few-valued column. */
function interner(): (v: Text) => Text {
  const seen = new Map<string, string>();
  return (v) => {
    if (v === null) return null;
    const s = seen.get(v);
    if (s !== undefined) return s;
    if (seen.size < 10_000) seen.set(v, v);
    return v;
  };
}

export function readBusinessRows(db: Db): BusinessRows {
  const compact = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_rows'`).get() !== undefined;
  // the compact layout is read from `event_rows` with the user agent's string id (the `events` view would rebuild
  // each row's user agent as a new string): the few distinct user agents are looked up once each
  const table = compact ? 'event_rows' : 'events';
  const uaColumn = compact ? 'user_agent_id' : 'user_agent';
  // the ids from the `events_business` index alone, then the rows in id order: each table page is read once, in
  // file order (the layout before it had no such index: one scan of the table)
  const ids = compact ? `id IN (SELECT id FROM ${table} WHERE ${BUSINESS_KINDS}) AND` : '';
  const rows = db
    .prepare(
      `SELECT id, ts, CASE kind WHEN 'order' THEN 0 WHEN 'payment' THEN 1 WHEN 'antifraud_decision' THEN 2 ELSE 3 END,
         source_id, order_id, transaction_id, customer_id, email, coalesce(client_ip, ip), ${uaColumn}, card_key, card_key_kind,
         card_bin, card_last4, card_brand, name, amount, decision, status, rule, reason,
         CASE WHEN card_key IS NOT NULL AND extra IS NOT NULL THEN CASE WHEN length(extra) <= ${EXTRA_KEPT} THEN extra ELSE 1 END END
       FROM ${table} WHERE ${ids} ${BUSINESS_KINDS} AND ${RECORD_WITH_IDS} ORDER BY id`,
    )
    .raw()
    .iterate() as Iterable<Row>;
  const uaText = new Map<number, Text>();
  const uaLookup = compact ? db.prepare('SELECT value FROM strings WHERE id = ?').pluck() : undefined;
  const ua = (k: number | Text): Text => {
    if (!uaLookup) return k as Text;
    if (typeof k !== 'number') return null; // as the events view reads it: no string has that id
    let v = uaText.get(k);
    if (v === undefined) uaText.set(k, (v = (uaLookup.get(k) as string | undefined) ?? null));
    return v;
  };
  const [cardKind, bin, brand, decision, rule, reason] = [interner(), interner(), interner(), interner(), interner(), interner()];
  const extraStatement = db.prepare(`SELECT extra FROM ${table} WHERE id = ?`).pluck();
  const extraOf = (id: number) => (extraStatement.get(id) as string | null | undefined) ?? null;
  const out: BusinessRows = {
    length: 0, id: [], ts: [], kind: [], sourceId: [], orderId: [], tx: [], customerId: [], email: [], addr: [], ua: [], card: [],
    cardKind: [], bin: [], last4: [], brand: [], name: [], amount: [], decision: [], status: [], rule: [], reason: [], extra: [],
  };
  for (const r of rows) {
    out.id.push(r[0]);
    out.ts.push(r[1]);
    out.kind.push(KINDS[r[2]]);
    out.sourceId.push(r[3]);
    out.orderId.push(r[4]);
    out.tx.push(r[5]);
    out.customerId.push(r[6]);
    out.email.push(r[7]);
    out.addr.push(r[8]);
    out.ua.push(ua(r[9]));
    out.card.push(r[10]);
    out.cardKind.push(cardKind(r[11]) as CardKeyKind | null);
    out.bin.push(bin(r[12]));
    out.last4.push(r[13]);
    out.brand.push(brand(r[14]));
    out.name.push(r[15]);
    out.amount.push(r[16]);
    out.decision.push(decision(r[17]));
    out.status.push(r[18]);
    out.rule.push(rule(r[19]));
    out.reason.push(reason(r[20]));
    out.extra.push(r[21] === 1 ? extraOf : r[21]);
  }
  out.length = out.id.length;
  return out;
}
