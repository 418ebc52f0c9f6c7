// Types shared by the engine, the CLI JSON output and the IPC boundary. Defined once, here.

/** Canonical field names an import maps columns onto (listed by `alibi import --help`). */
export { CANONICAL_FIELDS, type CanonicalField } from './vocabulary';
import type { CanonicalField } from './vocabulary';
export type FieldMapping = Partial<Record<CanonicalField, string>>;

export { EVENT_KINDS, type EventKind } from './vocabulary';
import type { EventKind } from './vocabulary';

/** How strong a card key is: a provider fingerprint, BIN+last4+expiry, or only brand+last4 (collisions possible). */
export type CardKeyKind = 'fingerprint' | 'bin_last4_exp' | 'brand_last4';

/** One row of the events table. */
export interface EventRow {
  id: number;
  ts: number; // UTC instant, ms
  ts_text: string; // timestamp as written in the source
  source_id: number;
  row_no: number; // line (logs) or data row (CSV) number, 1-based
  raw: string;
  kind: EventKind;
  ip: string | null; // the address the source names (remote_addr, Shopper IP, customer_ip_address)
  xff: string | null; // the whole X-Forwarded-For chain as written
  client_ip: string | null; // the client per the trusted proxies: ip, or the right-most untrusted XFF hop
  method: string | null;
  path: string | null;
  status: number | null;
  bytes: number | null;
  user_agent: string | null;
  referer: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  customer_id: string | null;
  order_id: string | null;
  transaction_id: string | null;
  card_key: string | null;
  card_key_kind: CardKeyKind | null;
  card_fingerprint: string | null;
  card_bin: string | null;
  card_last4: string | null;
  card_expiry: string | null;
  card_brand: string | null;
  amount: number | null;
  currency: string | null;
  decision: string | null;
  rule: string | null;
  reason: string | null;
  extra: string | null; // JSON of source columns not mapped to a canonical field
}

export interface SourceRow {
  id: number;
  file_name: string;
  file_path: string | null;
  size: number;
  sha256: string;
  format: string;
  preset: string | null;
  parser_version: string;
  encoding: string | null;
  tz: string | null;
  tz_assumed: number;
  mapping_json: string | null;
  rows_accepted: number;
  rows_rejected: number;
  first_ts: number | null;
  last_ts: number | null;
  imported_at: string;
  breach_name: string | null;
  breach_date: string | null;
}

export interface RejectRow {
  id: number;
  source_id: number;
  row_no: number;
  reason: string;
  raw: string;
}

export interface ImportProgress {
  file: string;
  rows: number;
  rejected: number;
  bytesRead: number;
  bytesTotal: number;
  rowsPerSecond: number;
  etaSeconds: number | null;
}

/** What `alibi import --json` prints per file. */
export interface ImportResult {
  file: string;
  sha256: string;
  preset: string | null;
  format: string;
  accepted: number;
  rejected: number;
  first: string | null; // ISO UTC
  last: string | null;
  sourceId: number;
}
