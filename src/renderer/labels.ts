// Words the UI shows for the engine's codes (roles, assessments, verdicts, block advice). One table per code
// family, whole phrases only, so a translation (issue 15) replaces these tables and nothing else.

export const ROLE_LABELS: Record<string, string> = {
  customer: 'customer',
  provider: 'payment provider',
  own: 'own infrastructure',
  shared: 'shared address',
  crawler: 'crawler',
  attacker: 'attacker',
  unknown: 'unknown',
};

export const ASSESSMENT_LABELS: Record<string, string> = {
  'likely-legitimate-shared-cards': 'Likely a household sharing cards — not card testing',
  'likely-card-testing': 'Likely card testing',
  'likely-account-takeover': 'Likely account takeover',
  suspicious: 'Suspicious',
  inconclusive: 'Inconclusive',
};

export const VERDICT_LABELS: Record<string, string> = {
  open: 'Open (no verdict yet)',
  legitimate: 'Legitimate',
  'policy-breach': 'Policy breach, not fraud',
  fraud: 'Fraud',
  undetermined: 'Undetermined',
};

export const BLOCK_LABELS: Record<string, string> = {
  safe: 'Blocking is safe',
  caution: 'Caution',
  'do-not-block': 'DO NOT BLOCK',
};

export const INVOLVEMENT_LABELS: Record<string, string> = {
  customer: 'placed the orders',
  carrier: 'carried the orders (server to server)',
};

export const SEVERITY_LABELS: Record<string, string> = { high: 'high', medium: 'medium', low: 'low' };

/** The label of a code, or the code in words when a newer engine sends one this table does not know yet. */
export function labelOf(table: Record<string, string>, code: string): string {
  return table[code] ?? code.replace(/[-_]/g, ' ');
}
