import type { EventRow } from '../types';

/** An event as a parser produces it, before the writer gives it a source and an id. */
export type ParsedEvent = Omit<EventRow, 'id' | 'source_id' | 'row_no' | 'raw'>;

/**
 * A parser's answer for one line or row: an event, the reason it was rejected, or why it is skipped — a line of
 * the format that is not a record (IIS `#Fields:` directives, a proxy's start-up messages): counted, not an error.
 */
export type ParseOutcome = RowOutcome | { skip: string };
/** A CSV row is always a record: an event or a rejection. */
export type RowOutcome = ParsedEvent | { reject: string };

export function emptyEvent(kind: ParsedEvent['kind']): ParsedEvent {
  return {
    ts: 0, ts_text: '', kind, ip: null, xff: null, client_ip: null, method: null, path: null, status: null,
    bytes: null, user_agent: null, referer: null, email: null, phone: null, name: null, customer_id: null,
    order_id: null, transaction_id: null, card_key: null, card_key_kind: null, card_fingerprint: null,
    card_bin: null, card_last4: null, card_expiry: null, card_brand: null, amount: null, currency: null,
    decision: null, rule: null, reason: null, extra: null,
  };
}
