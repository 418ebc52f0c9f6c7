// CSV presets as declarations: header aliases → canonical fields, the event kind, the date-zone rule and a sample.
// Detection compares a file's header (trimmed, case-insensitive, BOM stripped) with each preset's signature.
// Adding an export format is adding an entry here, with its sample (the tests import every sample).
import type { CanonicalField, EventKind } from '../types';
import type { MessageId } from '../i18n';

/** Canonical fields plus the helper columns some exports split a field into. */
export const HELPER_FIELDS = ['first_name', 'last_name', 'card_exp_month', 'card_exp_year', 'timezone', 'time_of_day'] as const;
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
  /** Day/month order of `01/02/2025` dates depends on the account's locale: read it from the data (PayPal). */
  dateOrder?: 'detect';
  /** Extra rows of one order (Shopify line items) repeat its id with no date: counted as skipped, not rejected. */
  continuationRows?: boolean;
  /** What the analysis needs that this export cannot carry, and which other file supplies it (a catalogue message). */
  lacks?: Partial<Record<CanonicalField, MessageId>>;
  /** Where the sample header comes from. */
  docs?: string;
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
    name: 'shop-orders',
    variant: 'shopify',
    kind: 'order',
    description: 'Shopify orders export (Name, Email, Financial Status, Paid at, … Created at, Billing Phone, Payment Reference, Risk Level; dates with offsets)',
    docs: 'help.shopify.com/manual/fulfillment/managing-orders/exporting-orders (order export CSV structure)',
    signature: [['financial status'], ['lineitem name', 'lineitem quantity'], ['created at']],
    columns: {
      timestamp: ['created at'],
      order_id: ['name'],
      email: ['email'],
      decision: ['financial status'],
      amount: ['total'],
      currency: ['currency'],
      name: ['billing name'],
      phone: ['billing phone', 'phone'],
      transaction_id: ['payment reference', 'payment id'],
      customer_id: ['customer id'],
      risk_level: ['risk level'],
      billing_country: ['billing country'],
    },
    continuationRows: true,
    lacks: {
      ip: 'import.lacks.shopify.ip',
    },
    sample: {
      delimiter: ',',
      header: 'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References',
      rows: [
        '#1042,jean.dupont@example.fr,paid,2025-11-23 06:41:30 +0100,unfulfilled,,no,EUR,119.90,10.00,21.65,129.90,,0.00,Colissimo,2025-11-23 06:41:12 +0100,1,Billet concert,119.90,,TCK-1,true,true,pending,Jean Dupont,12 rue des Lilas,12 rue des Lilas,,,Lyon,69003,,FR,+33612345678,Jean Dupont,12 rue des Lilas,12 rue des Lilas,,,Lyon,69003,,FR,+33612345678,,,,Shopify Payments,c2981446.1,0.00,Shop,0.00,,,,5012345678901,,Low,web,0.00,TVA 20%,21.65,,,,,,r2981446,,,c2981446.1',
        '#1042,jean.dupont@example.fr,,,,,,,,,,,,,,,1,Programme,0.00,,TCK-P,true,true,pending,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,',
        '#1043,x91@mailinator.com,voided,,unfulfilled,,no,EUR,19.00,0.00,3.17,19.00,,0.00,,2025-11-23 06:58:40 +0100,1,Billet concert,19.00,,TCK-1,true,true,pending,J D,1 rue X,1 rue X,,,Paris,75001,,FR,,J D,1 rue X,1 rue X,,,Paris,75001,,FR,,,,,Shopify Payments,c2981447.1,0.00,Shop,0.00,,,,5012345678902,,High,web,0.00,TVA 20%,3.17,,,,,,r2981447,,,c2981447.1',
      ],
    },
  },
  {
    name: 'shop-orders',
    variant: 'prestashop',
    kind: 'order',
    description: 'PrestaShop back-office orders export (French: ID;Référence;Nouveau client;Livraison;Client;Total;Paiement;État;Date)',
    docs: 'docs.prestashop-project.org (Gérer la liste des commandes: the order list columns, exported with Exporter)',
    signature: [['référence', 'reference'], ['paiement'], ['état', 'etat'], ['date']],
    columns: {
      timestamp: ['date'],
      order_id: ['référence', 'reference'],
      customer_id: ['id client'],
      name: ['client'],
      amount: ['total'],
      decision: ['état', 'etat'],
      billing_country: ['livraison'],
    },
    lacks: {
      ip: 'import.lacks.prestashop.ip',
      email: 'import.lacks.prestashop.email',
    },
    sample: {
      delimiter: ';',
      header: 'ID;Référence;Nouveau client;Livraison;Client;Total;Paiement;État;Date',
      rows: [
        '1042;XKBKNABJK;Oui;France;J. Dupont;129,90 €;Carte bancaire;Paiement accepté;23/11/2025 06:41:12',
        '1043;FFATNOMMJ;Non;France;J. Dupont;64,50 €;PayPal;Erreur de paiement;23/11/2025 06:44:02',
      ],
    },
  },
  {
    name: 'shop-orders',
    variant: 'magento',
    kind: 'order',
    description: 'Magento 2 order grid export (ID, Purchase Point, Purchase Date, Bill-to Name, Grand Total, Status, Customer Email…)',
    docs: 'experienceleague.adobe.com (Sales › Orders › Export: the order grid columns)',
    signature: [['purchase date'], ['bill-to name', 'customer email'], ['grand total (purchased)', 'grand total (base)']],
    columns: {
      timestamp: ['purchase date'],
      order_id: ['id'],
      name: ['bill-to name', 'customer name'],
      email: ['customer email'],
      amount: ['grand total (purchased)', 'grand total (base)'],
      decision: ['status'],
      transaction_id: ['braintree transaction source'],
    },
    lacks: {
      ip: 'import.lacks.magento.ip',
    },
    sample: {
      delimiter: ',',
      header: 'ID,"Purchase Point","Purchase Date","Bill-to Name","Ship-to Name","Grand Total (Base)","Grand Total (Purchased)",Status,"Billing Address","Shipping Address","Shipping Information","Customer Email","Customer Group",Subtotal,"Shipping and Handling","Customer Name","Payment Method","Total Refunded","Allocated sources","Pickup Location Code","Braintree Transaction Source","Dispute State"',
      rows: [
        '000000042,"Main Website","Nov 23, 2025 6:41:12 AM","Jean Dupont","Jean Dupont",€129.90,€129.90,processing,"12 rue des Lilas,Lyon,69003","12 rue des Lilas,Lyon,69003","Flat Rate - Fixed",jean.dupont@example.fr,General,€119.90,€10.00,"Jean Dupont","Check / Money order",,,,,',
        '000000043,"Main Website","Nov 23, 2025 6:58:40 PM","J D","J D",€19.00,€19.00,canceled,"1 rue X,Paris,75001","1 rue X,Paris,75001","Flat Rate - Fixed",x91@mailinator.com,"NOT LOGGED IN",€19.00,€0.00,"J D","Braintree",,,,,',
      ],
    },
  },
  {
    name: 'psp-transactions',
    variant: 'paypal',
    kind: 'payment',
    description: 'PayPal activity download (Date, Time, TimeZone, Name, Type, Status, Gross, From Email Address, Transaction ID; day/month order read from the data)',
    docs: 'paypal.com (Reports › Activity download, CSV "Balance affecting" / "All transactions")',
    signature: [['date'], ['time'], ['timezone', 'time zone'], ['transaction id'], ['gross']],
    columns: {
      timestamp: ['date'],
      time_of_day: ['time'],
      timezone: ['timezone', 'time zone'],
      name: ['name'],
      decision: ['status'],
      currency: ['currency'],
      amount: ['gross'],
      email: ['from email address'],
      transaction_id: ['transaction id'],
      order_id: ['invoice number', 'invoice id'],
      phone: ['contact phone number'],
      billing_country: ['country code'],
    },
    dateOrder: 'detect',
    lacks: {
      ip: 'import.lacks.paypal.ip',
    },
    sample: {
      delimiter: ',',
      header: '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID","Shipping Address","Address Status","Item Title","Item ID","Shipping and Handling Amount","Insurance Amount","Sales Tax","Option 1 Name","Option 1 Value","Option 2 Name","Option 2 Value","Reference Txn ID","Invoice Number","Custom Number","Quantity","Receipt ID","Balance","Address Line 1","Address Line 2/District/Neighborhood","Town/City","State/Province/Region/County/Territory/Prefecture/Republic","Zip/Postal Code","Country","Contact Phone Number","Subject","Note","Country Code","Balance Impact"',
      rows: [
        '"23/11/2025","06:41:20","CET","Jean Dupont","Express Checkout Payment","Completed","EUR","129,90","-4,26","125,64","jean.dupont@example.fr","shop@example.fr","1AB23456CD789012E","Jean Dupont, 12 rue des Lilas, 69003 Lyon, France","Confirmed","Billet concert","","0,00","","0,00","","","","","","1042","","1","","125,64","12 rue des Lilas","","Lyon","","69003","France","","Billet concert","","FR","Credit"',
        '"23/11/2025","06:58:40","CET","J D","Express Checkout Payment","Denied","EUR","19,00","0,00","19,00","x91@mailinator.com","shop@example.fr","9ZX87654YW321098V","","Non-Confirmed","Billet concert","","0,00","","0,00","","","","","","1043","","1","","125,64","","","","","","","","Billet concert","","FR","Memo"',
      ],
    },
  },
  {
    name: 'psp-transactions',
    variant: 'mollie',
    kind: 'payment',
    description: 'Mollie payments export (ID tr_…, Created at, Amount, Status, Method, Consumer name, Card country, Card security, Failure reason)',
    docs: 'docs.mollie.com/reference/get-payment (the payment fields the dashboard export lists)',
    signature: [['id'], ['created at', 'date'], ['method', 'payment method'], ['failure reason', 'card security', 'consumer name']],
    columns: {
      timestamp: ['created at', 'date'],
      transaction_id: ['id'],
      amount: ['amount'],
      currency: ['currency'],
      decision: ['status'],
      order_id: ['order id', 'reference'],
      name: ['consumer name', 'card holder'],
      email: ['billing email', 'email'],
      card_brand: ['card label'],
      card_country: ['card country', 'card country code'],
      three_ds: ['card security'],
      decline_code: ['failure reason'],
      card_fingerprint: ['card fingerprint'],
      card_last4: ['card number'],
    },
    lacks: {
      ip: 'import.lacks.mollie.ip',
    },
    sample: {
      delimiter: ',',
      header: 'ID,Created at,Amount,Currency,Status,Method,Description,Order ID,Consumer name,Billing email,Card holder,Card number,Card label,Card country,Card fingerprint,Card security,Failure reason,Settlement amount,Locale',
      rows: [
        'tr_7UhSN1zuXS,2025-11-23T06:41:20+01:00,129.90,EUR,paid,creditcard,Order 1042,1042,Jean Dupont,jean.dupont@example.fr,Jean Dupont,1234,Visa,FR,Xt5EWLLDS7FJjR1c,3dsecure,,127.61,fr_FR',
        'tr_Hq8WGDjS3u,2025-11-23T06:58:40+01:00,19.00,EUR,failed,creditcard,Order 1043,1043,J D,x91@mailinator.com,J D,4444,Mastercard,US,Yz81PqLmN0aa,normal,invalid_cvv,,fr_FR',
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

/**
 * The breach-list preset's columns: alias lists like any preset's, read by the detection below and by the breach
 * importer (src/core/breach/importBreach.ts). A header made only of these names, with at least one identifier
 * column, is a breach list.
 */
export const BREACH_COLUMNS = {
  email: ['email', 'e-mail', 'mail', 'courriel', 'adresse email', 'email address'],
  phone: ['phone', 'telephone', 'téléphone', 'tel', 'tél', 'mobile', 'portable', 'phone number'],
  name: ['name', 'full_name', 'fullname', 'nom complet'],
  first_name: ['first_name', 'firstname', 'prenom', 'prénom', 'given_name'],
  last_name: ['last_name', 'lastname', 'nom', 'surname', 'family_name'],
  identifier: ['identifier', 'identifiant'],
  hash: ['sha256', 'sha1', 'hash', 'digest'],
  source: ['source', 'breach', 'breach_name'],
  breach_date: ['breach_date', 'date'],
} as const;
export type BreachColumn = keyof typeof BREACH_COLUMNS;
const BREACH_NAMES = new Set<string>(Object.values(BREACH_COLUMNS).flat());
const BREACH_IDENTIFIERS = new Set<string>([...BREACH_COLUMNS.email, ...BREACH_COLUMNS.phone, ...BREACH_COLUMNS.identifier, ...BREACH_COLUMNS.hash]);

export function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/** `email;phone;first_name;last_name`: only identity columns, and at least an e-mail, phone, identifier or hash. */
export function isBreachListHeader(header: string[]): boolean {
  const names = header.map(normaliseHeader).filter((h) => h !== '');
  return names.length > 0 && names.every((h) => BREACH_NAMES.has(h)) && names.some((h) => BREACH_IDENTIFIERS.has(h));
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
