// What an event's decision/status text says about a payment attempt, across shop, PSP and anti-fraud vocabularies
// (WooCommerce "processing", Stripe "Succeeded"/"Failed", Adyen "APPROVED"/"Refused", anti-fraud "block").
import type { EventKind } from '../types';

export type Outcome = 'authorised' | 'declined' | 'blocked' | 'other';

const AUTHORISED = /^(succeeded|success|successful|paid|captured|authori[sz]ed|approved|accepted|settled|completed|processing|ok|allow(ed)?|accept|pass(ed)?|[0-9]{2}\s*-?\s*approved)$/i;
const BLOCKED = /(block|deny|denied|reject|fraud|review|challenge)/i;
const DECLINED = /(fail|declin|refus|insufficient|error|not.?authori|expired|lost|stolen|cvc|do not honou?r|canceled|cancelled)/i;

export function outcomeOf(kind: EventKind | string, decision: string | null, status: number | null = null): Outcome {
  const d = (decision ?? '').trim();
  if (kind === 'antifraud_decision') {
    if (BLOCKED.test(d)) return 'blocked';
    if (AUTHORISED.test(d)) return 'authorised';
    return 'other';
  }
  if (!d) {
    if (kind === 'payment' && status !== null) return status >= 200 && status < 300 ? 'authorised' : 'declined';
    return 'other';
  }
  if (AUTHORISED.test(d)) return 'authorised';
  if (BLOCKED.test(d) && kind !== 'order') return 'blocked';
  if (DECLINED.test(d) || BLOCKED.test(d)) return 'declined';
  return 'other';
}

/** Webhook / server-to-server API paths (the provider calling the shop, or the shop's API). */
export const API_PATH = /(^|\/)(api|wc-api|webhooks?|notify|notification|callback|ipn|hooks?|payment-notify|return|v\d+)(\/|$|\?|\.|-)/i;
