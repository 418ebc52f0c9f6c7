// The analysis vocabulary as message ids: one place maps each engine code (role, assessment, rule,
// block verdict, severity, identifier kind) to its catalogue entry, for the report, the CLI and the app.
import type { MessageId } from './catalog';

export const ROLE_MSG: Record<string, MessageId> = {
  customer: 'term.role.customer',
  provider: 'term.role.provider',
  own: 'term.role.own',
  shared: 'term.role.shared',
  crawler: 'term.role.crawler',
  attacker: 'term.role.attacker',
  unknown: 'term.role.unknown',
};

/** Long form ("likely legitimate — cards shared within a household, not an attack"). */
export const ASSESSMENT_MSG: Record<string, MessageId> = {
  'likely-legitimate-shared-cards': 'term.assessment.likely-legitimate-shared-cards',
  'likely-card-testing': 'term.assessment.likely-card-testing',
  'account-takeover': 'term.assessment.account-takeover',
  suspicious: 'term.assessment.suspicious',
  inconclusive: 'term.assessment.inconclusive',
};

/** Short form ("likely legitimate"). */
export const ASSESSMENT_SHORT_MSG: Record<string, MessageId> = {
  'likely-legitimate-shared-cards': 'term.assessmentShort.likely-legitimate-shared-cards',
  'likely-card-testing': 'term.assessmentShort.likely-card-testing',
  'account-takeover': 'term.assessmentShort.account-takeover',
  suspicious: 'term.assessmentShort.suspicious',
  inconclusive: 'term.assessmentShort.inconclusive',
};

/** What each rule counts, with its window in hours as `hours`. */
export const RULE_TITLE_MSG: Record<string, MessageId> = {
  'MC-1': 'term.rule.MC-1',
  'MC-1c': 'term.rule.MC-1c',
  'MC-2': 'term.rule.MC-2',
  'MC-2d': 'term.rule.MC-2d',
  'MC-3': 'term.rule.MC-3',
  'MC-4': 'term.rule.MC-4',
  'MC-4ip': 'term.rule.MC-4ip',
  'CT-1': 'term.rule.CT-1',
  'CT-2': 'term.rule.CT-2',
};

export const BLOCK_VERDICT_MSG: Record<string, MessageId> = {
  safe: 'term.block.safe',
  caution: 'term.block.caution',
  'do-not-block': 'term.block.do-not-block',
};

export const SEVERITY_MSG: Record<string, MessageId> = {
  low: 'term.severity.low',
  medium: 'term.severity.medium',
  high: 'term.severity.high',
};

export const IDENTIFIER_KIND_MSG: Record<string, MessageId> = {
  email: 'term.identifier.email',
  phone: 'term.identifier.phone',
  name: 'term.identifier.name',
};

/** An analyst's verdict on the case. */
export const VERDICT_MSG: Record<string, MessageId> = {
  open: 'term.verdict.open',
  legitimate: 'term.verdict.legitimate',
  'policy-breach': 'term.verdict.policy-breach',
  fraud: 'term.verdict.fraud',
  undetermined: 'term.verdict.undetermined',
};

/** A code with no entry (a newer engine, a hand-edited case) is shown as itself rather than failing. */
export function termOr(map: Record<string, MessageId>, code: string): MessageId | null {
  return Object.prototype.hasOwnProperty.call(map, code) ? map[code] : null;
}
