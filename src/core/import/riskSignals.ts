// Normalises the risk columns of payment and order exports into the vocabulary of `RiskSignals` (types.ts), so the
// analysis reads one set of values whatever the provider wrote. Every input is capped before any regex.
import type { RiskField, RiskSignals } from '../types';

const CAP = 300;

function cap(text: string): string {
  return text.length > CAP ? text.slice(0, CAP) : text;
}

function country(text: string): string | undefined {
  const t = text.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(t) ? t : undefined;
}

function funding(text: string): RiskSignals['card_funding'] {
  const t = text.trim().toLowerCase();
  if (t.includes('prepaid')) return 'prepaid';
  if (t.includes('debit')) return 'debit'; // Adyen DEBIT, DEFERRED_DEBIT
  if (t.includes('credit') || t === 'charge') return 'credit';
  return 'unknown';
}

/** Stripe pass/fail/unavailable/unchecked; Adyen `1 Matches`, `2 Doesn't match`, `3 Not checked`…; Y/N/U/P. */
function cvc(text: string): RiskSignals['cvc_check'] | undefined {
  const t = text.trim().toLowerCase();
  if (['pass', 'fail', 'unavailable', 'unchecked'].includes(t)) return t as RiskSignals['cvc_check'];
  const code = /^(\d+)/.exec(t)?.[1];
  if (code !== undefined) return code === '1' ? 'pass' : code === '2' ? 'fail' : code === '3' ? 'unchecked' : 'unavailable';
  if (t === 'y' || t === 'm' || t.startsWith('match')) return 'pass';
  if (t === 'n' || /not? match|doesn't match|mismatch|declined/.test(t)) return 'fail';
  if (t === 'p' || t.includes('not checked')) return 'unchecked';
  return t === '' ? undefined : 'unavailable';
}

// Adyen AVS result codes (`7 Both postal code and address match`…).
const AVS_PASS = new Set(['7', '19', '20', '21', '22', '23', '24', '25', '26']);
const AVS_FAIL = new Set(['2', '10', '13', '16', '17']);
const AVS_PARTIAL = new Set(['1', '6', '9', '12', '14', '15']);

function avs(text: string): RiskSignals['avs_check'] | undefined {
  const t = text.trim().toLowerCase();
  if (['pass', 'fail', 'unavailable', 'unchecked'].includes(t)) return t as RiskSignals['avs_check'];
  const code = /^(\d+)/.exec(t)?.[1];
  if (code !== undefined) {
    return AVS_PASS.has(code) ? 'pass' : AVS_FAIL.has(code) ? 'fail' : AVS_PARTIAL.has(code) ? 'partial' : 'unavailable';
  }
  return t === '' ? undefined : 'unavailable';
}

/** Stripe's 3DS result words; the 3-D Secure authentication response letters (Y, A, N, R, U) Adyen reports. */
function threeDs(text: string): RiskSignals['three_ds'] | undefined {
  const t = text.trim().toLowerCase();
  const words: Record<string, RiskSignals['three_ds']> = {
    authenticated: 'authenticated', y: 'authenticated', true: 'authenticated', succeeded: 'authenticated', '3dsecure': 'authenticated',
    attempted: 'attempted', a: 'attempted',
    failed: 'failed', n: 'failed', r: 'failed', false: 'failed', rejected: 'failed',
    exempted: 'exempted', not_supported: 'not_enrolled', 'not supported': 'not_enrolled',
    u: 'unavailable', processing_error: 'unavailable', unavailable: 'unavailable',
  };
  return words[t];
}

function level(text: string): RiskSignals['risk_level'] | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'low' || t === 'normal') return 'low';
  if (t === 'medium' || t === 'elevated') return 'medium';
  if (t === 'high' || t === 'highest') return 'high';
  return undefined;
}

function score(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  return /^-?\d{1,6}(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** Provider refusal texts (Adyen refusal reasons, Stripe seller messages, Mollie reasons) → Stripe-style codes. */
const DECLINE_TEXTS: [RegExp, string][] = [
  [/not enough balance|insufficient[ _]funds|withdrawal amount exceeded/, 'insufficient_funds'],
  [/cvc declined|incorrect[ _]cvc|invalid cvc|security code/, 'incorrect_cvc'],
  [/invalid card number|incorrect[ _]number/, 'incorrect_number'],
  [/expired[ _]card|card expired/, 'expired_card'],
  [/stolen/, 'stolen_card'],
  [/lost[ _]card|card lost/, 'lost_card'],
  [/pick ?up|pickup/, 'pickup_card'],
  [/issuer suspected fraud|acquirer fraud|fraudulent/, 'fraudulent'],
  [/blocked this (?:payment|charge) as too risky|highest[ _]risk|^fraud(?:-cancelled)?$|risk (?:check|block)/, 'blocked_by_provider_risk'],
  [/3d not authenticated|authentication[ _]failed|3ds authentication error/, 'authentication_failed'],
  [/authentication[ _]required/, 'authentication_required'],
  [/do[ _]not[ _]honou?r/, 'do_not_honor'],
  [/restricted card|blocked card|transaction not permitted/, 'restricted_card'],
  [/did not return any further details|^refused$|^declined$|generic[ _]decline|declined non generic/, 'generic_decline'],
];
/** Other providers' codes for the same refusals (Mollie's failureReason values). */
const CODE_ALIASES: Record<string, string> = {
  invalid_cvv: 'incorrect_cvc', possible_fraud: 'fraudulent', card_expired: 'expired_card', invalid_card_number: 'incorrect_number',
  refused_by_issuer: 'generic_decline', card_declined: 'generic_decline', inactive_card: 'restricted_card',
};
const SUCCESS_TEXT = /^(payment complete\.?|approved|authori[sz]ed|paid|succeeded|settled)$/;

function declineCode(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || SUCCESS_TEXT.test(t)) return undefined;
  const stripe = /decline code `?([a-z_]{2,40})`?/.exec(t);
  if (stripe) return stripe[1];
  if (/^[a-z_]{2,40}$/.test(t) && t.includes('_')) return Object.hasOwn(CODE_ALIASES, t) ? CODE_ALIASES[t] : t; // already a code
  for (const [re, code] of DECLINE_TEXTS) if (re.test(t)) return code;
  const snake = t.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return snake.length > 0 && snake.length <= 40 ? snake : undefined;
}

const NORMALISE: Record<RiskField, (text: string) => string | number | undefined> = {
  card_country: country,
  billing_country: country,
  card_funding: funding,
  cvc_check: cvc,
  avs_check: avs,
  three_ds: threeDs,
  risk_score: score,
  risk_level: level,
  decline_code: declineCode,
};

const SUCCESS_DECISION = /^(succeeded|success|paid|captured|settled|approved|authori[sz]ed|completed?|processing|pending|open)$/i;

/**
 * The risk signals of one row: each mapped risk column normalised; a decline code only on a row whose decision
 * is not a success (a success row's message is not a refusal). Null when the row says nothing.
 */
export function riskSignals(get: (f: RiskField) => string | null, fields: readonly RiskField[], decision: string | null): RiskSignals | null {
  let out: Record<string, string | number> | null = null;
  for (const f of fields) {
    if (f === 'decline_code' && decision !== null && SUCCESS_DECISION.test(decision.trim().slice(0, 40))) continue;
    const text = get(f);
    if (text === null) continue;
    const v = NORMALISE[f](cap(text));
    if (v !== undefined) (out ??= {})[f] = v;
  }
  return out as RiskSignals | null;
}
