// Grid columns as the UI names and sizes them; which ones are shown is remembered per profile.
import type { GridColumn } from '../../core/events/eventGrid';

export const STAR_TAG = 'starred';

export const COLUMN_LABELS: Record<GridColumn, string> = {
  ts: 'Time', kind: 'Kind', source: 'Source file', row_no: 'Line', client_ip: 'Client IP', ip: 'Source IP', xff: 'X-Forwarded-For',
  method: 'Method', path: 'Path', status: 'Status', bytes: 'Bytes', user_agent: 'User agent', referer: 'Referer', email: 'E-mail',
  phone: 'Phone', name: 'Name', customer_id: 'Customer', order_id: 'Order', transaction_id: 'Transaction', card_key: 'Card key',
  card_brand: 'Card brand', card_last4: 'Last 4', amount: 'Amount', currency: 'Currency', decision: 'Decision', rule: 'Rule',
  reason: 'Reason', tags: 'Tags',
};

export const COLUMN_WIDTHS: Partial<Record<GridColumn, number>> = {
  ts: 176, kind: 128, source: 150, row_no: 60, client_ip: 140, ip: 120, method: 70, path: 220, status: 64, bytes: 70,
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
