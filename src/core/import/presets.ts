// CSV presets as declarations: header aliases → canonical fields, the event kind, the date-zone rule and a sample.
// Detection compares a file's header (trimmed, case-insensitive, BOM stripped) with each preset's signature.
// Adding an export format is adding an entry here, with its sample (the tests import every sample).
import type { CanonicalField, EventKind } from '../types';

/** Canonical fields plus the helper columns some exports split a field into. */
export const HELPER_FIELDS = ['first_name', 'last_name', 'card_exp_month', 'card_exp_year', 'timezone'] as const;
export type HelperField = (typeof HELPER_FIELDS)[number];
export type MappedField = CanonicalField | HelperField;
/** field → the column of this file that holds it (exact header text). */
export type ColumnMapping = Partial<Record<MappedField, string>>;

export interface CsvPreset {
  name: string;
  /** Several real exports can feed one preset (Stripe-like and Adyen-like payments). */
  variant: string;
  kind: EventKind;
  description: string;
  /** Groups of alternative header names; every group must be present for the preset to be recognised. */
  signature: string[][];
  /** Alias lists, first header present wins. */
  columns: Partial<Record<MappedField, string[]>>;
  /** Zone of zoneless dates when the export states it (Stripe `Created (UTC)`); else a `timezone` column or --tz. */
  zone?: 'UTC';
  sample: { delimiter: string; header: string; rows: string[] };
}

export const BREACH_PRESET = 'breach-list';

export const CSV_PRESETS: CsvPreset[] = [
  {
    name: 'shop-orders',
    variant: 'woocommerce',
    kind: 'order',
    description: 'shop orders (WooCommerce-like export: order_id, order_date, customer_ip_address, billing_*)',
    signature: [['order_id', 'order_number'], ['order_date', 'date_created', 'order date', 'date'], ['order_total', 'total', 'grand total']],
    columns: {
      timestamp: ['order_date', 'date_created', 'order date', 'date', 'created at'],
      order_id: ['order_id', 'order_number', 'id'],
      decision: ['status'],
      amount: ['order_total', 'total', 'grand total'],
      currency: ['order_currency', 'currency'],
      transaction_id: ['transaction_id', 'payment reference'],
      ip: ['customer_ip_address', 'remote_ip', 'browser_ip'],
      user_agent: ['customer_user_agent'],
      customer_id: ['customer_id', 'customer_user'],
      email: ['customer_email', 'billing_email', 'email'],
      name: ['billing_name', 'customer name'],
      first_name: ['billing_first_name', 'first_name'],
      last_name: ['billing_last_name', 'last_name'],
      phone: ['billing_phone', 'phone'],
    },
    sample: {
      delimiter: ';',
      header: 'order_id;order_number;order_date;status;order_total;order_currency;payment_method;transaction_id;customer_ip_address;customer_user_agent;customer_id;customer_email;billing_first_name;billing_last_name;billing_email;billing_phone;billing_address_1;billing_city;billing_postcode',
      rows: [
        '1042;1042;2025-11-23 06:41:12;processing;129,90;EUR;stripe;ch_3QaB1;90.12.34.56;"Mozilla/5.0 (Windows NT 10.0; Win64; x64)";77;jean.dupont@example.fr;Jean;Dupont;jean.dupont@example.fr;06 12 34 56 78;12 rue des Lilas;Lyon;69003',
      ],
    },
  },
  {
    name: 'psp-transactions',
    variant: 'stripe',
    kind: 'payment',
    description: 'Stripe payments export (Dashboard › Payments › Export, all columns: Created (UTC), Card Fingerprint, Card Issue Country, Card CVC Status, Seller Message)',
    signature: [['created (utc)', 'created'], ['card last4', 'card fingerprint'], ['amount']],
    columns: {
      timestamp: ['created (utc)', 'created'],
      transaction_id: ['id'],
      amount: ['amount'],
      currency: ['currency'],
      decision: ['status'],
      reason: ['seller message'],
      decline_code: ['decline code', 'seller message'],
      customer_id: ['customer id'],
      email: ['customer email'],
      card_last4: ['card last4'],
      card_brand: ['card brand', 'card type'],
      card_exp_month: ['card exp month'],
      card_exp_year: ['card exp year'],
      name: ['card name'],
      card_fingerprint: ['card fingerprint'],
      card_country: ['card issue country'],
      billing_country: ['card address country'],
      card_funding: ['card funding'],
      cvc_check: ['card cvc status'],
      avs_check: ['card avs zip status'],
      three_ds: ['3d secure', '3ds result', 'card 3d secure'],
      risk_score: ['risk score'],
      risk_level: ['risk level'],
      order_id: ['order_id (metadata)', 'order_id', 'order id (metadata)'],
    },
    zone: 'UTC',
    sample: {
      delimiter: ',',
      // Header as Stripe's Dashboard writes it (every column); rows are made-up data in that layout.
      header: 'id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,Card Exp Year,Card Name,Card Address Line1,Card Address Line2,Card Address City,Card Address State,Card Address Country,Card Address Zip,Card Issue Country,Card Fingerprint,Card CVC Status,Card AVS Zip Status,Card AVS Line1 Status,Card Tokenization Method,Disputed Amount,Dispute Status,Dispute Reason,Dispute Date (UTC),Dispute Evidence Due (UTC),Invoice ID,Payment Source Type,Destination,Transfer,Transfer Group,PaymentIntent ID,order_id (metadata)',
      rows: [
        'ch_3QaB1,Order 1042,The bank returned the decline code `insufficient_funds`.,2025-11-23 05:41:20,129.90,0.00,eur,129.90,0.00,0.00,0.00,eur,Live,Failed,SHOP,cus_R1,,jean.dupont@example.fr,false,card_1,4242,Visa,credit,4,2027,Jean Dupont,,,,,FR,,FR,Xt5EWLLDS7FJjR1c,pass,pass,pass,,0.00,,,,,,card,,,,pi_3QaB1,1042',
        'ch_3QaB2,Order 1043,Payment complete.,2025-11-23 05:44:02,64.50,0.00,eur,64.50,0.00,1.15,0.00,eur,Live,Paid,SHOP,cus_R1,,jean.dupont@example.fr,true,card_2,0005,Visa,debit,9,2026,Marie Dupont,,,,,FR,,BE,Qm4PLdd81KeLqP0a,pass,pass,pass,apple_pay,0.00,,,,,,card,,,,pi_3QaB2,1043',
        'ch_3QaB3,Order 1044,The bank returned the decline code `incorrect_cvc`.,2025-11-23 05:58:40,19.00,0.00,eur,19.00,0.00,0.00,0.00,eur,Live,Failed,SHOP,,,x91@mailinator.com,false,card_3,1881,Mastercard,prepaid,1,2028,,,,,,US,,US,Yz81PqLmN0aa,fail,unavailable,unavailable,,0.00,,,,,,card,,,,pi_3QaB3,',
      ],
    },
  },
  {
    name: 'psp-transactions',
    variant: 'adyen',
    kind: 'payment',
    description: 'Adyen received payment details report (Psp Reference, Creation Date + TimeZone, Shopper IP, Risk Scoring, Issuer Country, CVC2 and 3-D Secure results)',
    signature: [['psp reference'], ['creation date'], ['shopper ip', 'shopper email', 'shopper pan']],
    columns: {
      timestamp: ['creation date'],
      timezone: ['timezone', 'time zone'],
      transaction_id: ['psp reference'],
      order_id: ['merchant reference'],
      amount: ['amount', 'value'],
      currency: ['currency'],
      ip: ['shopper ip'],
      email: ['shopper email'],
      pan: ['shopper pan'],
      customer_id: ['shopper reference'],
      name: ['shopper name'],
      decision: ['acquirer response'],
      decline_code: ['refusal reason', 'raw acquirer response', 'acquirer response'],
      card_brand: ['payment method'],
      card_country: ['issuer country'],
      billing_country: ['billing country'],
      card_funding: ['funding source'],
      cvc_check: ['cvc2 response', 'cvc result'],
      avs_check: ['avs response'],
      three_ds: ['3d authentication response'],
      risk_score: ['risk scoring'],
    },
    sample: {
      delimiter: ',',
      header: 'Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,TimeZone,Currency,Amount,Type,Risk Scoring,Shopper Interaction,Shopper Name,Shopper PAN,Shopper IP,Shopper Country,Issuer Name,Issuer Id,Issuer City,Issuer Country,Acquirer Response,Authorisation Code,Shopper Email,Shopper Reference,3D Directory Response,3D Authentication Response,CVC2 Response,AVS Response,Billing Street,Billing House Number / Name,Billing City,Billing Postal Code / ZIP,Billing State / Province,Billing Country',
      rows: [
        'ShopCo,ShopFR,8815329842815468,1042,visa,2025-11-23 06:41:20,CET,EUR,129.90,Received,15,Ecommerce,Jean Dupont,411111******1111,90.12.34.56,FR,BNP PARIBAS,,,FR,APPROVED,012345,jean.dupont@example.fr,cus-77,Y,Y,1 Matches,7 Both postal code and address match,rue des Lilas,12,Lyon,69003,,FR',
        'ShopCo,ShopFR,8815329842815470,1044,mc,2025-11-23 06:58:40,CET,EUR,19.00,Refused,110,Ecommerce,J D,545454******5454,185.220.101.4,US,,,,US,CVC Declined,,x91@mailinator.com,,N,,2 Does not match,0 Unknown,,,,,,US',
      ],
    },
  },
  {
    name: 'psp-transactions',
    variant: 'adyen-accounting',
    kind: 'payment',
    description: 'Adyen payment accounting report (Psp Reference, Booking Date + TimeZone, Record Type, Payment Currency)',
    signature: [['psp reference'], ['booking date'], ['record type']],
    columns: {
      timestamp: ['booking date'],
      timezone: ['timezone', 'time zone'],
      transaction_id: ['psp reference'],
      order_id: ['merchant reference'],
      amount: ['received (pc)', 'authorised (pc)', 'captured (pc)', 'main amount'],
      currency: ['payment currency', 'main currency'],
      decision: ['record type'],
      card_brand: ['payment method'],
      risk_score: ['risk scoring'],
    },
    sample: {
      delimiter: ',',
      header: 'Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Booking Date,TimeZone,Main Currency,Main Amount,Record Type,Payment Currency,Received (PC),Authorised (PC),Captured (PC),Settlement Currency,Payable (SC),Commission (SC),Markup (SC),Scheme Fees (SC),Interchange (SC),Processing Fee Currency,Processing Fee (FC),User Name,Payment Method Variant,Modification Merchant Reference',
      rows: [
        'ShopCo,ShopFR,8815329842815468,1042,visa,2025-11-23 06:41:21,CET,EUR,129.90,Received,EUR,129.90,,,,,,,,,,,ws@Company.ShopCo,visacredit,',
        'ShopCo,ShopFR,8815329842815468,1042,visa,2025-11-23 06:41:22,CET,EUR,129.90,Authorised,EUR,,129.90,,,,,,,,,,ws@Company.ShopCo,visacredit,',
      ],
    },
  },
  {
    name: 'antifraud-alerts',
    variant: 'generic',
    kind: 'antifraud_decision',
    description: 'anti-fraud alerts/decisions (alert_id, decision, rule, score, reason)',
    signature: [['decision'], ['rule', 'score', 'alert_id']],
    columns: {
      timestamp: ['created_at', 'timestamp', 'date'],
      decision: ['decision'],
      rule: ['rule'],
      reason: ['reason'],
      transaction_id: ['transaction_id'],
      order_id: ['order_id'],
      email: ['customer_email', 'email'],
      ip: ['ip_address', 'ip'],
      card_fingerprint: ['card_fingerprint'],
    },
    sample: {
      delimiter: ',',
      header: 'alert_id,created_at,decision,rule,score,reason,transaction_id,order_id,customer_email,ip_address,card_fingerprint',
      rows: ['AF-981,2025-11-23T07:02:11+01:00,block,MULTI_CB,87,3 distinct cards for one customer in 20 min,ch_3QaB3,1044,jean.dupont@example.fr,90.12.34.56,Yz81PqLmN0aa'],
    },
  },
  {
    name: 'provider-api-log',
    variant: 'generic',
    kind: 'provider_call',
    description: 'payment provider API/webhook calls (timestamp, direction, method, endpoint, http_status, source_ip)',
    signature: [['direction'], ['endpoint', 'url'], ['http_status', 'status']],
    columns: {
      timestamp: ['timestamp', 'created_at', 'date'],
      method: ['method'],
      path: ['endpoint', 'url'],
      status: ['http_status', 'status'],
      ip: ['source_ip', 'ip'],
      user_agent: ['user_agent'],
      order_id: ['order_id'],
      transaction_id: ['transaction_id'],
    },
    sample: {
      delimiter: ',',
      header: 'timestamp,direction,method,endpoint,http_status,source_ip,user_agent,order_id,transaction_id,duration_ms',
      rows: ['2025-11-23T06:41:21+01:00,inbound,POST,/wc-api/provider-webhook,200,52.18.7.9,Provider-Webhooks/2.0,1042,ch_3QaB1,84'],
    },
  },
];

/** Header names a breach list may have (anything else means it is not one). */
const BREACH_COLUMNS = new Set([
  'email', 'e-mail', 'mail', 'phone', 'telephone', 'téléphone', 'mobile', 'name', 'first_name', 'last_name', 'firstname',
  'lastname', 'prenom', 'prénom', 'nom', 'identifier', 'source', 'breach_date', 'sha256', 'hash',
]);

export function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/** `email;phone;first_name;last_name`: only identity columns, and at least an e-mail, phone or identifier. */
export function isBreachListHeader(header: string[]): boolean {
  const names = header.map(normaliseHeader).filter((h) => h !== '');
  return (
    names.length > 0 &&
    names.every((h) => BREACH_COLUMNS.has(h)) &&
    names.some((h) => ['email', 'e-mail', 'mail', 'phone', 'telephone', 'téléphone', 'mobile', 'identifier', 'sha256', 'hash'].includes(h))
  );
}

export function presetsNamed(name: string): CsvPreset[] {
  return CSV_PRESETS.filter((p) => p.name === name);
}

export const PRESET_NAMES = [...new Set(CSV_PRESETS.map((p) => p.name)), BREACH_PRESET];

/** The preset whose signature the header satisfies, best match first (most mapped columns); null if none. */
export function detectPreset(header: string[], among: CsvPreset[] = CSV_PRESETS): CsvPreset | null {
  const names = new Set(header.map(normaliseHeader));
  let best: CsvPreset | null = null;
  let bestScore = -1;
  for (const p of among) {
    if (!p.signature.every((group) => group.some((h) => names.has(h)))) continue;
    const score = Object.values(p.columns).filter((aliases) => aliases!.some((a) => names.has(a))).length;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** Resolves a preset's alias lists against a header into field → exact column text. */
export function resolvePresetColumns(preset: CsvPreset | null, header: string[]): ColumnMapping {
  const out: ColumnMapping = {};
  if (!preset) return out;
  const byNorm = new Map<string, string>();
  for (const h of header) if (!byNorm.has(normaliseHeader(h))) byNorm.set(normaliseHeader(h), h);
  for (const [field, aliases] of Object.entries(preset.columns) as [MappedField, string[]][]) {
    const hit = aliases.find((a) => byNorm.has(a));
    if (hit !== undefined) out[field] = byNorm.get(hit)!;
  }
  return out;
}
