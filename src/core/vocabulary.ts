// The words every layer shares, declared once: the engine validates with them, the API's schemas enumerate
// them, the app's menus list them and the CLI's help names them. Pure constants (no Node, no DOM), so the
// renderer may import this module.

import type { Thresholds } from './analysis/types';

/** Provider risk signals a payment or order export may carry (stored normalised in `extra.risk`, see types.ts). */
export const RISK_FIELDS = [
  'card_country', 'billing_country', 'card_funding', 'cvc_check', 'avs_check', 'three_ds', 'risk_score', 'risk_level',
  'decline_code',
] as const;
export type RiskField = (typeof RISK_FIELDS)[number];

/** Canonical field names an import maps columns onto (listed by `alibi import --help`, offered by the wizard). */
export const CANONICAL_FIELDS = [
  'timestamp', 'ip', 'xff', 'method', 'path', 'status', 'bytes', 'user_agent', 'referer',
  'email', 'phone', 'name', 'customer_id', 'order_id', 'transaction_id',
  'card_fingerprint', 'card_bin', 'card_last4', 'card_expiry', 'card_brand', 'pan',
  'amount', 'currency', 'decision', 'rule', 'reason',
  ...RISK_FIELDS,
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** What an IP is to the merchant (src/core/analysis decides; an analyst may override). */
/** `attacker`: abusive automation (card testing, credential stuffing, probing) — the role that says "block". */
export const IP_ROLES = ['customer', 'provider', 'own', 'shared', 'crawler', 'attacker', 'unknown'] as const;
export type IpRole = (typeof IP_ROLES)[number];

/** Roles an entry of the infrastructure register can give a range. */
export const INFRA_ROLES = ['provider', 'own', 'cdn', 'proxy'] as const;
export type InfraRole = (typeof INFRA_ROLES)[number];

/** What an imported row is. Breach lists are not events: they go to their own table. */
export const EVENT_KINDS = ['http_request', 'order', 'payment', 'antifraud_decision', 'provider_call', 'record'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Things the link graph draws as nodes. */
export const ENTITY_KINDS = ['ip', 'customer', 'email', 'card', 'order', 'device'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Identifiers matched against breach lists. */
export const IDENTIFIER_KINDS = ['email', 'phone', 'name'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** The analyst's conclusion on the alert. */
export const VERDICTS = ['open', 'legitimate', 'policy-breach', 'fraud', 'undetermined'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a note can be attached to. */
export const NOTE_TARGETS = ['case', 'event', 'ip'] as const;
export type NoteTarget = (typeof NOTE_TARGETS)[number];

/**
 * The findings' thresholds (named by `alibi findings --help`, overridden with `--threshold`). Stripe community
 * rule sets block at `card_count_for_email_daily > 2`; the ticketing providers' "Multi-CB" rules fire from the second card, so 2 cards per e-mail/customer in 24 h is reported (low severity)
 * and 3+ is medium. Per IP 1 h ≥ 3 / 24 h ≥ 4, declines per card 24 h ≥ 3, per IP 1 h ≥ 2, card testing ≥ 6
 * attempts on one BIN in 6 h (Adyen "card number chunk" default) with ≥ 50 % declines and < 60 s between attempts.
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  cardsPerEmail24h: 2,
  cardsPerCustomer24h: 2,
  cardsPerIp1h: 3,
  cardsPerIp24h: 4,
  cardsPerDevice24h: 3,
  emailsPerCard: 2,
  declinesPerCard24h: 3,
  declinesPerIp1h: 2,
  testingAttemptsPerBin6h: 6,
  testingMaxGapSeconds: 60,
  testingMinDeclineRatio: 0.5,
  smallAmount: 5,
};
