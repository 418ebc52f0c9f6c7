// What an event's decision/status text says about a payment attempt, across shop, PSP and anti-fraud vocabularies
// (WooCommerce "processing", Stripe "Succeeded"/"Failed", Adyen "APPROVED"/"Refused", anti-fraud "block").
import type { EventKind } from '../types';

/** Decision texts are short; anything longer is cut before the patterns below (bounded input). */
const DECISION_CAP = 200;

export type Outcome = 'authorised' | 'declined' | 'blocked' | 'other';

const AUTHORISED = /^(succeeded|success|successful|paid|captured|authori[sz]ed|approved|accepted|settled|completed|processing|ok|allow(ed)?|accept|pass(ed)?|[0-9]{2}\s*-?\s*approved)$/i;
const BLOCKED = /(block|deny|denied|reject|fraud|review|challenge)/i;
const DECLINED = /(fail|declin|refus|insufficient|error|not.?authori|expired|lost|stolen|cvc|do not honou?r|canceled|cancelled)/i;

export function outcomeOf(kind: EventKind | string, decision: string | null, status: number | null = null): Outcome {
  const d = (decision ?? '').slice(0, DECISION_CAP).trim();
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

/**
 * What a decline says about the card and the person using it (Stripe decline codes / Seller Message, Adyen refusal
 * reasons, ISO 8583 texts):
 * - `funds`: insufficient funds, limit reached — the card is real and its holder's; household-like.
 * - `card-data`: wrong CVC, number or expiry — someone guessing or checking card data: testing.
 * - `stolen`: lost, stolen, pick-up, restricted, fraudulent — the issuer knows the card is compromised.
 * - `authentication`: 3-D Secure failed or required — the payer could not prove they hold the card.
 * - `risk`: the provider's or shop's fraud screen refused it.
 * - `generic`: do not honour, generic decline — says little either way.
 */
export type DeclineClass = 'funds' | 'card-data' | 'stolen' | 'authentication' | 'risk' | 'generic';

const DECLINE_CLASSES: [DeclineClass, RegExp][] = [
  ['stolen', /(lost|stolen|pick[_ -]?up|restricted|fraudulent|merchant[_ -]?blacklist|security[_ -]?violation|revocation)/i],
  ['card-data', /(incorrect|invalid|wrong)[_ -]?(cvc|cvv|number|pan|expiry|exp|zip|pin|card)|cvc[_ -]?(check[_ -]?)?fail|expired[_ -]?card|card[_ -]?expired|not (a )?valid card|invalid card|security code|number is (incorrect|invalid)|\\b(cvc|cvv)\\b/i],
  ['funds', /(insufficient|not enough|limit|exceed|withdrawal[_ -]?count|plafond|provision)/i],
  ['authentication', /(3[- ]?d[- ]?s|three[_ -]?d|authentication|authenticate|sca|challenge)/i],
  ['risk', /(highest[_ -]?risk|elevated[_ -]?risk|radar|fraud|blocked|block|risk|anti-?fraud|review)/i],
];

export function declineClass(...texts: (string | null | undefined)[]): DeclineClass | null {
  for (const t of texts) {
    const s = (t ?? '').slice(0, DECISION_CAP);
    if (!s) continue;
    for (const [cls, re] of DECLINE_CLASSES) if (re.test(s)) return cls;
  }
  return texts.some((t) => t && t.trim()) ? 'generic' : null;
}
