// Turns one CSV row (already split into fields) into an event, through a resolved column mapping.
import { RISK_EXTRA_KEY, RISK_FIELDS, type CardKeyKind, type EventKind, type RiskField } from '../types';
import type { ColumnMapping, MappedField } from './presets';
import { emptyEvent, type RowOutcome } from './parsedEvent';
import { applyZoneText, localToUtc, parseTimestampText, zoneTextKnown, type DateOrder } from './timestamps';
import { binAndLast4, maskPans } from './panMask';
import type { TrustedProxies } from './trustedProxies';
import { riskSignals } from './riskSignals';
import { capField } from './lineContext';

/** Where a zoneless date gets its zone: stated by the export, a column of the row, or the user/case default. */
export type ZoneRule = { kind: 'utc' } | { kind: 'column' } | { kind: 'given'; tz: string };

export interface CsvRecordContext {
  header: string[];
  kind: EventKind;
  mapping: ColumnMapping;
  zone: ZoneRule;
  /** Day/month order of numeric dates (PayPal's depends on the account's locale). */
  dateOrder: DateOrder;
  proxies: TrustedProxies;
  /** Counts rows whose date carried no zone of its own (the source then records its zone as assumed). */
  stats: { zoneless: number };
}

/** Field → column index, computed once per file. */
export interface CompiledMapping {
  index: Partial<Record<MappedField, number>>;
  unmapped: number[]; // column indexes that go to `extra`
  extraKeys: string[]; // their names in `extra`
  risk: RiskField[]; // the risk fields this mapping maps (stored normalised under extra.risk)
}

export function compileMapping(ctx: CsvRecordContext): CompiledMapping {
  const index: Partial<Record<MappedField, number>> = {};
  const used = new Set<number>();
  for (const [field, column] of Object.entries(ctx.mapping) as [MappedField, string][]) {
    const i = ctx.header.indexOf(column);
    if (i >= 0) {
      index[field] = i;
      used.add(i);
    }
  }
  const unmapped = ctx.header.map((_, i) => i).filter((i) => !used.has(i));
  // A column with no header text still keeps its data, under its position; a raw column cannot take the `risk` key.
  const extraKeys = ctx.header.map((h, i) => (h.trim() === '' ? `column_${i + 1}` : h === RISK_EXTRA_KEY ? `${h} (column)` : h));
  const risk = RISK_FIELDS.filter((f) => index[f] !== undefined);
  return { index, unmapped, extraKeys, risk };
}

/** `129,90`, `1 234,56`, `1,234.56`, `€12.50`, `-3,00` → number; null for empty, NaN for garbage. */
export function parseAmount(text: string): number | null {
  let s = text.replace(/[\s\u00a0\u202f'€$£]|EUR|USD|GBP/gi, '');
  if (s === '' || s === '-') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    // One comma is a decimal comma (French Excel); several are thousands separators.
    s = s.indexOf(',') === lastComma ? s.replace(',', '.') : s.replace(/,/g, '');
  }
  return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}

/** `4`/`2027` → `04/27`; `12/2027`, `12/27`, `2027-12` → `12/27`. */
export function normaliseExpiry(month: string | null, year: string | null, combined: string | null): string | null {
  let mo = month;
  let yr = year;
  if (combined) {
    const m = /^(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(combined.trim()) ?? null;
    const iso = /^(\d{4})-(\d{1,2})$/.exec(combined.trim());
    if (m) [mo, yr] = [m[1], m[2]];
    else if (iso) [mo, yr] = [iso[2], iso[1]];
    else return combined.trim();
  }
  if (!mo || !yr || !/^\d{1,2}$/.test(mo.trim()) || !/^\d{2,4}$/.test(yr.trim())) return null;
  return `${mo.trim().padStart(2, '0')}/${yr.trim().slice(-2)}`;
}

/** The strongest card identity the row allows: provider fingerprint, BIN+last4+expiry, or brand+last4. */
export function cardKey(e: {
  card_fingerprint: string | null; card_bin: string | null; card_last4: string | null; card_expiry: string | null; card_brand: string | null;
}): { key: string; kind: CardKeyKind } | null {
  if (e.card_fingerprint) return { key: `fp:${e.card_fingerprint}`, kind: 'fingerprint' };
  if (e.card_bin && e.card_last4 && e.card_expiry) {
    return { key: `bin:${e.card_bin}:${e.card_last4}:${e.card_expiry}`, kind: 'bin_last4_exp' };
  }
  if (e.card_brand && e.card_last4) return { key: `brand:${e.card_brand.toLowerCase()}:${e.card_last4}`, kind: 'brand_last4' };
  return null;
}

export function csvRecordToEvent(fields: string[], ctx: CsvRecordContext, cm: CompiledMapping): RowOutcome {
  const get = (f: MappedField): string | null => {
    const i = cm.index[f];
    if (i === undefined) return null;
    const v = fields[i];
    // Every mapped field is capped before anything runs a regex on it; the raw row keeps the whole text.
    return v === undefined || v.trim() === '' ? null : capField(v.trim());
  };
  const e = emptyEvent(ctx.kind);

  const dateText = get('timestamp');
  if (dateText === null) return { reject: `empty timestamp (column "${ctx.mapping.timestamp}")` };
  const timeOfDay = get('time_of_day'); // PayPal writes the date and the time in two columns
  const tsText = timeOfDay === null ? dateText : `${dateText} ${timeOfDay}`;
  const t = parseTimestampText(tsText, ctx.dateOrder);
  if (!t) return { reject: `unreadable date "${tsText.slice(0, 40)}" in column "${ctx.mapping.timestamp}"` };
  if (t.kind === 'instant') e.ts = t.ms;
  else {
    ctx.stats.zoneless++;
    let ms: number | null;
    if (ctx.zone.kind === 'utc') ms = localToUtc(t.parts, 'UTC');
    else if (ctx.zone.kind === 'column') {
      const z = get('timezone');
      if (z === null) return { reject: `date "${tsText}" has no offset and the time-zone column "${ctx.mapping.timezone}" is empty` };
      ms = applyZoneText(t.parts, z);
      // a zone it knows and no time: the local time falls in that zone's daylight-saving gap (said below)
      if (ms === null && !zoneTextKnown(z)) return { reject: `unknown time zone "${z.slice(0, 40)}" in column "${ctx.mapping.timezone}"` };
    } else ms = localToUtc(t.parts, ctx.zone.tz);
    if (ms === null) return { reject: `date "${tsText}" does not exist in its time zone (daylight-saving gap)` };
    e.ts = ms;
  }
  e.ts_text = tsText;

  e.ip = get('ip');
  e.xff = get('xff');
  e.client_ip = e.xff === null ? e.ip : ctx.proxies.clientIp(e.ip, e.xff);
  e.method = get('method');
  e.path = get('path');
  const status = get('status');
  if (status !== null) {
    e.status = /^\d{1,3}$/.test(status) ? Number(status) : null;
    if (e.status === null) return { reject: `status "${status.slice(0, 20)}" is not an HTTP status code` };
  }
  const bytes = get('bytes');
  e.bytes = bytes !== null && /^\d+$/.test(bytes) ? Number(bytes) : null;
  e.user_agent = get('user_agent');
  e.referer = get('referer');
  e.email = get('email');
  e.phone = get('phone');
  const first = get('first_name');
  const last = get('last_name');
  e.name = capField(get('name') ?? ([first, last].filter((x) => x !== null).join(' ') || null));
  e.customer_id = get('customer_id');
  e.order_id = get('order_id');
  e.transaction_id = get('transaction_id');
  e.card_fingerprint = get('card_fingerprint');
  e.card_brand = get('card_brand');
  e.card_bin = get('card_bin');
  e.card_last4 = get('card_last4');
  const pan = get('pan');
  if (pan !== null) {
    const bl = binAndLast4(maskPans(pan));
    e.card_bin ??= bl.bin;
    e.card_last4 ??= bl.last4;
  }
  e.card_expiry = normaliseExpiry(get('card_exp_month'), get('card_exp_year'), get('card_expiry'));
  const key = cardKey(e);
  if (key) [e.card_key, e.card_key_kind] = [key.key, key.kind];
  const amount = get('amount');
  if (amount !== null) {
    e.amount = parseAmount(amount);
    if (Number.isNaN(e.amount)) return { reject: `amount "${amount.slice(0, 30)}" is not a number` };
  }
  const currency = get('currency');
  e.currency = currency === null ? null : currency.toUpperCase();
  e.decision = get('decision');
  e.rule = get('rule');
  e.reason = get('reason');

  const risk = cm.risk.length > 0 ? riskSignals(get, cm.risk, e.decision) : null;
  if (cm.unmapped.length > 0 || risk) {
    const extra: Record<string, unknown> = {};
    let any = false;
    if (risk) [extra[RISK_EXTRA_KEY], any] = [risk, true];
    for (const i of cm.unmapped) {
      const v = fields[i];
      if (v !== undefined && v !== '') {
        extra[cm.extraKeys[i]] = v;
        any = true;
      }
    }
    if (any) e.extra = JSON.stringify(extra);
  }
  return e;
}
