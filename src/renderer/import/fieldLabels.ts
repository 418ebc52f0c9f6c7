// The fields an import maps columns onto, named in the language on screen (the grid's column names where the
// grid shows the field); the code (`timestamp`, `email`…) stays beside it: it is what `alibi import --map` takes.
import type { CanonicalField } from '../../core/vocabulary';
import type { MessageId } from '../../core/i18n';
import { t } from '../i18n';

const FIELD_LABELS: Record<CanonicalField, MessageId> = {
  timestamp: 'ui.field.timestamp', ip: 'ui.gridcol.ip', xff: 'ui.gridcol.xff', method: 'ui.gridcol.method', path: 'ui.gridcol.path',
  status: 'ui.gridcol.status', bytes: 'ui.gridcol.bytes', user_agent: 'ui.gridcol.user_agent', referer: 'ui.gridcol.referer',
  email: 'ui.gridcol.email', phone: 'ui.gridcol.phone', name: 'ui.gridcol.name', customer_id: 'ui.gridcol.customer_id',
  order_id: 'ui.gridcol.order_id', transaction_id: 'ui.gridcol.transaction_id', card_fingerprint: 'ui.field.card_fingerprint',
  card_bin: 'ui.field.card_bin', card_last4: 'ui.gridcol.card_last4', card_expiry: 'ui.field.card_expiry', card_brand: 'ui.gridcol.card_brand',
  pan: 'ui.field.pan', amount: 'ui.gridcol.amount', currency: 'ui.gridcol.currency', decision: 'ui.gridcol.decision', rule: 'ui.gridcol.rule',
  reason: 'ui.gridcol.reason', card_country: 'ui.field.card_country', billing_country: 'ui.field.billing_country',
  card_funding: 'ui.field.card_funding', cvc_check: 'ui.field.cvc_check', avs_check: 'ui.field.avs_check', three_ds: 'ui.field.three_ds',
  risk_score: 'ui.field.risk_score', risk_level: 'ui.field.risk_level', decline_code: 'ui.field.decline_code',
};

/** A field's name in the language on screen. */
export function fieldLabel(f: CanonicalField): string {
  return t(FIELD_LABELS[f]);
}
