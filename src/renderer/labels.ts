// Words the UI shows for the engine's codes (roles, assessments, verdicts, block advice): one table of message
// ids per code family, whole phrases only, in the language on screen.
import type { MessageId } from '../core/i18n';
import { t } from './i18n';

export const ROLE_LABELS: Record<string, MessageId> = {
  customer: 'ui.role.customer',
  provider: 'ui.role.provider',
  own: 'ui.role.own',
  shared: 'ui.role.shared',
  crawler: 'ui.role.crawler',
  attacker: 'ui.role.attacker',
  unknown: 'ui.role.unknown',
};

/** The same roles in a word, for badges where space is short (timeline lanes); the full words go in the title. */
export const ROLE_SHORT_LABELS: Record<string, MessageId> = {
  customer: 'ui.roleShort.customer',
  provider: 'ui.roleShort.provider',
  own: 'ui.roleShort.own',
  shared: 'ui.roleShort.shared',
  crawler: 'ui.roleShort.crawler',
  attacker: 'ui.roleShort.attacker',
  unknown: 'ui.roleShort.unknown',
};

export const ASSESSMENT_LABELS: Record<string, MessageId> = {
  'likely-legitimate-shared-cards': 'ui.assessment.likely-legitimate-shared-cards',
  'likely-card-testing': 'ui.assessment.likely-card-testing',
  'likely-account-takeover': 'ui.assessment.likely-account-takeover',
  'account-takeover': 'ui.assessment.likely-account-takeover',
  suspicious: 'ui.assessment.suspicious',
  inconclusive: 'ui.assessment.inconclusive',
};

export const VERDICT_LABELS: Record<string, MessageId> = {
  open: 'ui.verdict.open',
  legitimate: 'ui.verdict.legitimate',
  'policy-breach': 'ui.verdict.policy-breach',
  fraud: 'ui.verdict.fraud',
  undetermined: 'ui.verdict.undetermined',
};

export const BLOCK_LABELS: Record<string, MessageId> = {
  safe: 'ui.block.safe',
  caution: 'ui.block.caution',
  'do-not-block': 'ui.block.do-not-block',
};

export const INVOLVEMENT_LABELS: Record<string, MessageId> = {
  customer: 'ui.involvement.customer',
  carrier: 'ui.involvement.carrier',
};

/** Kinds of entity (graph nodes, findings' subjects). */
export const KIND_LABELS: Record<string, MessageId> = {
  ip: 'ui.kind.ip', customer: 'ui.kind.customer', email: 'ui.kind.email', card: 'ui.kind.card', order: 'ui.kind.order', device: 'ui.kind.device', bin: 'ui.kind.bin', shop: 'ui.kind.shop',
};

/** Kinds of event (the engine's codes stay the filter's values). */
export const EVENT_KIND_LABELS: Record<string, MessageId> = {
  http_request: 'ui.eventKind.http_request', order: 'ui.eventKind.order', payment: 'ui.eventKind.payment',
  antifraud_decision: 'ui.eventKind.antifraud_decision', provider_call: 'ui.eventKind.provider_call', record: 'ui.eventKind.record',
};

export const SEVERITY_LABELS: Record<string, MessageId> = { high: 'ui.severity.high', medium: 'ui.severity.medium', low: 'ui.severity.low' };

/** The label of a code, or the code in words when a newer engine sends one this table does not know yet. */
export function labelOf(table: Record<string, MessageId>, code: string): string {
  return Object.prototype.hasOwnProperty.call(table, code) ? t(table[code]) : code.replace(/[-_]/g, ' ');
}
