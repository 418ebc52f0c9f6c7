// Grid columns as the UI names and sizes them; which ones are shown is remembered per profile.
import type { GridColumn } from '../../core/events/eventGrid';
import type { MessageId } from '../../core/i18n';
import { t } from '../i18n';
import { EVENT_KIND_LABELS, labelOf } from '../labels';

export const STAR_TAG = 'starred';

export const COLUMN_LABELS: Record<GridColumn, MessageId> = {
  ts: 'ui.gridcol.ts',
  kind: 'ui.gridcol.kind',
  source: 'ui.gridcol.source',
  row_no: 'ui.gridcol.row_no',
  client_ip: 'ui.gridcol.client_ip',
  ip: 'ui.gridcol.ip',
  xff: 'ui.gridcol.xff',
  method: 'ui.gridcol.method',
  path: 'ui.gridcol.path',
  status: 'ui.gridcol.status',
  bytes: 'ui.gridcol.bytes',
  user_agent: 'ui.gridcol.user_agent',
  referer: 'ui.gridcol.referer',
  email: 'ui.gridcol.email',
  phone: 'ui.gridcol.phone',
  name: 'ui.gridcol.name',
  customer_id: 'ui.gridcol.customer_id',
  order_id: 'ui.gridcol.order_id',
  transaction_id: 'ui.gridcol.transaction_id',
  card_key: 'ui.gridcol.card_key',
  card_brand: 'ui.gridcol.card_brand',
  card_last4: 'ui.gridcol.card_last4',
  amount: 'ui.gridcol.amount',
  currency: 'ui.gridcol.currency',
  decision: 'ui.gridcol.decision',
  rule: 'ui.gridcol.rule',
  reason: 'ui.gridcol.reason',
  tags: 'ui.gridcol.tags',
};

/** A column's name in the language on screen. */
export function columnLabel(c: GridColumn): string {
  return t(COLUMN_LABELS[c]);
}

/** A cell's value as the grid shows it: an event kind in words ("paiement"); the rest as stored. The filter and
 *  the CSV export keep the stored value (the code), so a file does not change with the language on screen. */
export function displayValue(c: GridColumn, v: string | number): string {
  return c === 'kind' && typeof v === 'string' ? labelOf(EVENT_KIND_LABELS, v) : String(v);
}

export const COLUMN_WIDTHS: Partial<Record<GridColumn, number>> = {
  ts: 196, // "23/11/2025 06:02:08 UTC+1" (French) fits
  kind: 128, source: 150, row_no: 60, client_ip: 140, ip: 120, method: 70, path: 220, status: 64, bytes: 70,
  user_agent: 220, email: 200, customer_id: 110, order_id: 80, amount: 80, currency: 70, decision: 90, rule: 130, reason: 220, tags: 110,
};

export const DEFAULT_COLUMNS: GridColumn[] = ['ts', 'kind', 'source', 'client_ip', 'method', 'path', 'status', 'email', 'order_id', 'amount', 'decision', 'rule', 'tags'];

export const GROUPABLE: GridColumn[] = ['kind', 'source', 'client_ip', 'method', 'status', 'email', 'customer_id', 'order_id', 'card_key', 'decision', 'rule', 'path', 'user_agent'];

const KEY = 'alibi.grid.columns';

export function loadColumns(): GridColumn[] {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as unknown;
    if (Array.isArray(saved) && saved.length && saved.every((c) => typeof c === 'string' && c in COLUMN_LABELS)) return saved as GridColumn[];
  } catch {
    // a broken saved value: fall back to the defaults
  }
  return DEFAULT_COLUMNS;
}

export function saveColumns(c: GridColumn[]): void {
  localStorage.setItem(KEY, JSON.stringify(c));
}
