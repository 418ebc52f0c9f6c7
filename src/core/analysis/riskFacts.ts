// Provider risk columns of a payment row: card issue country, CVC check, card funding, 3-D Secure result, the
// provider's risk score, the decline code. Presets store them normalised in `extra.risk` (RiskSignals in
// src/core/types.ts); a file imported without such a mapping still carries them in `extra` under the export's own
// header (Stripe `Card Issue Country`, `Card CVC Status`, `Card Funding`; Adyen `Risk Scoring`…). Both are read,
// the normalised signals first. Values are capped before any test.
import { RISK_EXTRA_KEY } from '../types';

export interface RiskFacts {
  cardCountry: string | null; // ISO 3166 alpha-2, upper case
  cvc: 'pass' | 'fail' | 'unavailable' | null;
  funding: 'credit' | 'debit' | 'prepaid' | 'unknown' | null;
  threeDs: 'authenticated' | 'failed' | 'not-attempted' | null;
  riskScore: number | null; // the provider's score as written (Stripe 0–100, Adyen 0–100+)
  declineCode: string | null; // normalised decline code (insufficient_funds, incorrect_cvc…) when the preset mapped one
}

const KEYS: Record<Exclude<keyof RiskFacts, 'declineCode'>, string[]> = {
  cardCountry: ['card_country', 'card issue country', 'card_issue_country', 'issuer country', 'issuer_country', 'card country', 'issuing country', 'issuer country code'],
  cvc: ['cvc_check', 'card cvc status', 'cvc status', 'cvc_status', 'cvc result', 'cvc/cvv result', 'cvv result'],
  funding: ['card_funding', 'card funding', 'funding', 'funding source', 'card type'],
  threeDs: ['three_ds', '3ds', '3d secure', '3ds result', '3d authenticated', '3d_secure', 'three d secure', 'threeds', 'authentication result'],
  riskScore: ['risk_score', 'risk scoring', 'risk score', 'risk_level_score', 'fraud score', 'score'],
};

const EMPTY: RiskFacts = { cardCountry: null, cvc: null, funding: null, threeDs: null, riskScore: null, declineCode: null };
const VALUE_CAP = 64;

function lowerKeys(o: Record<string, unknown>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && v !== '') m.set(k.slice(0, 80).trim().toLowerCase(), String(v).slice(0, VALUE_CAP).trim());
  return m;
}

/** Reads the risk facts of one row from its canonical columns (when present) and its `extra` JSON. */
export function riskFacts(extra: string | null): RiskFacts {
  let fields: Map<string, string> | null = null;
  let canonical: Record<string, unknown> = {};
  if (extra && extra.length < 100_000) {
    try {
      const o = JSON.parse(extra) as unknown;
      if (o && typeof o === 'object' && !Array.isArray(o)) {
        const rec = o as Record<string, unknown>;
        const risk = rec[RISK_EXTRA_KEY];
        if (risk && typeof risk === 'object' && !Array.isArray(risk)) canonical = risk as Record<string, unknown>;
        fields = lowerKeys(rec);
      }
    } catch {
      fields = null;
    }
  }
  const canon = lowerKeys(canonical);
  if (!fields && !canon.size) return EMPTY;
  const get = (k: keyof typeof KEYS) => {
    for (const name of KEYS[k]) {
      const v = canon.get(name) ?? fields?.get(name);
      if (v) return v;
    }
    return null;
  };
  const country = get('cardCountry');
  const cvc = get('cvc')?.toLowerCase() ?? null;
  const funding = get('funding')?.toLowerCase() ?? null;
  const tds = get('threeDs')?.toLowerCase() ?? null;
  const score = get('riskScore');
  const n = score !== null ? Number(score.replace(',', '.')) : NaN;
  return {
    cardCountry: country && /^[a-z]{2}$/i.test(country) ? country.toUpperCase() : null,
    cvc: !cvc ? null : /^(pass|match|m|y|yes|ok|matched)$/.test(cvc) ? 'pass' : /(fail|no.?match|^n$|mismatch|incorrect)/.test(cvc) ? 'fail' : 'unavailable',
    funding: !funding ? null : /prepaid/.test(funding) ? 'prepaid' : /debit/.test(funding) ? 'debit' : /credit/.test(funding) ? 'credit' : 'unknown',
    threeDs: !tds ? null : /(fail|reject|^n$|denied|not authenticated)/.test(tds) ? 'failed' : /(^y$|yes|true|authenticated|success|pass|attempt)/.test(tds) ? 'authenticated' : 'not-attempted',
    riskScore: Number.isFinite(n) ? n : null,
    declineCode: canon.get('decline_code') ?? null,
  };
}
