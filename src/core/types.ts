// Types shared by the engine, the CLI JSON output and the IPC boundary. Defined once, here.

/**
 * Provider risk signals a payment or order export may carry. They have no column of their own in `events`: an
 * import stores them, normalised, in the event's `extra` JSON under the key `risk` (`RISK_EXTRA_KEY`), e.g.
 * `{"risk": {"card_country": "FR", "cvc_check": "fail", "decline_code": "incorrect_cvc"}, …raw unmapped columns}`.
 * Absent means the export did not say. Values (see `RiskSignals`):
 * - `card_country`: the card issuer's country, ISO 3166-1 alpha-2 upper case (Stripe `Card Issue Country`, Adyen `Issuer Country`);
 * - `billing_country`: the billing address country, ISO alpha-2 (Stripe `Card Address Country`, Shopify `Billing Country`);
 * - `card_funding`: credit | debit | prepaid | unknown;
 * - `cvc_check`: pass | fail | unavailable | unchecked (Stripe `Card CVC Status`, Adyen CVC result code);
 * - `avs_check`: pass | fail | partial | unavailable | unchecked (address verification);
 * - `three_ds`: authenticated | attempted | failed | exempted | not_enrolled | unavailable (3-D Secure outcome);
 * - `risk_score`: the provider's own score as a number, on the provider's scale (Stripe Radar 0–99; Adyen points,
 *   100 or more means refused by Adyen's risk engine) — compare within one provider only;
 * - `risk_level`: low | medium | high (Shopify `Risk Level` Low/Medium/High, Stripe Radar normal/elevated/highest);
 * - `decline_code`: a Stripe-style decline code in snake case (`insufficient_funds`, `incorrect_cvc`, `lost_card`,
 *   `stolen_card`, `pickup_card`, `fraudulent`, `expired_card`, `incorrect_number`, `do_not_honor`,
 *   `generic_decline`, `authentication_failed`, `blocked_by_provider_risk`…): read from Stripe's `Seller Message`
 *   ("The bank returned the decline code `x`"), Adyen/Mollie refusal reasons translated, else the text in snake case.
 * The provider's message itself stays in the canonical `reason` column.
 */
export { RISK_FIELDS, type RiskField } from './vocabulary';
export const RISK_EXTRA_KEY = 'risk';
export interface RiskSignals {
  card_country?: string;
  billing_country?: string;
  card_funding?: 'credit' | 'debit' | 'prepaid' | 'unknown';
  cvc_check?: 'pass' | 'fail' | 'unavailable' | 'unchecked';
  avs_check?: 'pass' | 'fail' | 'partial' | 'unavailable' | 'unchecked';
  three_ds?: 'authenticated' | 'attempted' | 'failed' | 'exempted' | 'not_enrolled' | 'unavailable';
  risk_score?: number;
  risk_level?: 'low' | 'medium' | 'high';
  decline_code?: string;
}

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
  extra: string | null; // JSON of source columns not mapped to a canonical field, plus `risk` (RiskSignals)
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
  /** When several files are imported in one command: where the whole batch stands. */
  overall?: { fileIndex: number; fileCount: number; bytesRead: number; bytesTotal: number; rows: number; etaSeconds: number | null };
}

/** What `alibi import --json` prints per file. */
export interface ImportResult {
  file: string;
  sha256: string;
  preset: string | null;
  format: string;
  accepted: number;
  rejected: number;
  /** Lines of the format that are not records (IIS directives, a proxy's own messages): neither events nor errors. */
  skipped?: number;
  first: string | null; // ISO UTC
  last: string | null;
  sourceId: number;
}
