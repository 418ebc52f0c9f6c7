// Words that are English and cannot appear in French prose (no French homograph: not "page", "date", "source",
// "client", "service", "transaction", "verdict", "report", "caution", "on"…). A French text that contains one has an untranslated piece.
// Proper nouns and case data (names, breach names, user agents, raw lines) are removed by the caller first.
export const ENGLISH_ONLY = [
  'the', 'and', 'with', 'from', 'of', 'for', 'not', 'but', 'this', 'that', 'these', 'which', 'would', 'should', 'could',
  'been', 'were', 'has', 'have', 'is', 'are', 'was', 'within', 'between', 'after', 'before', 'only', 'never', 'every',
  'each', 'other', 'than', 'then', 'when', 'where', 'why', 'what', 'who', 'its', 'their', 'it', 'to', 'by', 'in',
  'customer', 'customers', 'address', 'addresses', 'payment', 'payments', 'order', 'orders', 'attempt', 'attempts',
  'declined', 'blocked', 'cards', 'shared', 'provider', 'threshold', 'finding', 'findings', 'evidence', 'likely',
  'household', 'testing', 'device', 'devices', 'browser', 'browsers', 'network', 'hosting', 'summary',
  'timeline', 'unknown', 'safe', 'calls', 'events', 'event', 'rule', 'rules', 'role', 'roles', 'breach',
  'leak', 'block', 'blocking', 'do', 'does', 'see', 'call', 'check', 'open', 'close', 'keep', 'time',
  'recommendations', 'appendix', 'technical', 'crawler', 'shopper', 'declines', 'abroad', 'identity', 'identities',
  'alert', 'alerts', 'untitled', 'per', 'email', 'separator', 'download', 'activity', 'click', 'decision',
] as const;

/** The English-only words found in `text` (whole words, case-insensitive), each once; identifiers (tokens with a
 *  digit, `_`, `@`, `.` inside, like cus_TO0sP65G or j.moreau@example.net) are data and skipped. */
export function englishWordsIn(text: string): string[] {
  const prose = text.split(/\s+/).filter((w) => !/[\d_@]|\p{L}\.\p{L}/u.test(w)).join(' ');
  const words = new Set(prose.toLowerCase().split(/[^\p{L}]+/u));
  return ENGLISH_ONLY.filter((w) => words.has(w));
}
