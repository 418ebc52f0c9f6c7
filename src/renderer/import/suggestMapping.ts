// Column suggestions for an export no preset knows: by the header's name (English and French synonyms, accents
// and punctuation ignored — "N° commande", "Adresse IP", "Montant TTC") and, failing that, by what the column
// holds (IP addresses, e-mails, dates, amounts). Suggestions only: the user confirms the mapping.
import type { CanonicalField } from '../../core/types';
import type { MessageId } from '../../core/i18n';

export interface Suggestion {
  field: CanonicalField;
  header: string;
  why: 'name' | 'content';
}

const SYNONYMS: Partial<Record<CanonicalField, string[]>> = {
  timestamp: ['timestamp', 'date', 'datetime', 'date time', 'time', 'created', 'created at', 'creation date', 'order date', 'transaction date', 'payment date', 'date de commande', 'date commande', 'date de creation', 'date creation', 'date heure', 'horodatage', 'date de transaction', 'date du paiement', 'date paiement'],
  ip: ['ip', 'ip address', 'adresse ip', 'ip client', 'client ip', 'remote addr', 'remote address', 'shopper ip', 'customer ip', 'customer ip address', 'ip adresse'],
  email: ['email', 'e mail', 'mail', 'courriel', 'adresse email', 'adresse e mail', 'adresse mail', 'customer email', 'email client', 'shopper email', 'billing email'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'portable', 'numero de telephone', 'phone number', 'billing phone'],
  name: ['name', 'nom', 'full name', 'nom complet', 'customer name', 'nom client', 'cardholder', 'cardholder name', 'titulaire', 'nom du titulaire', 'billing name'],
  customer_id: ['customer id', 'customer', 'client', 'id client', 'n client', 'no client', 'numero client', 'numero de client', 'user id', 'account id', 'shopper reference'],
  order_id: ['order id', 'order', 'order number', 'order no', 'commande', 'n commande', 'no commande', 'numero de commande', 'numero commande', 'reference commande', 'ref commande', 'id commande', 'merchant reference'],
  transaction_id: ['transaction id', 'transaction', 'id transaction', 'charge id', 'payment id', 'psp reference', 'reference transaction', 'ref transaction', 'id paiement'],
  amount: ['amount', 'montant', 'montant ttc', 'total', 'total ttc', 'order total', 'prix', 'price', 'value', 'valeur', 'montant total'],
  currency: ['currency', 'devise', 'monnaie'],
  decision: ['decision', 'status', 'statut', 'etat', 'result', 'resultat', 'outcome', 'risk decision'],
  rule: ['rule', 'regle', 'rule name', 'nom de la regle', 'triggered rule'],
  reason: ['reason', 'raison', 'motif', 'message', 'description', 'decline reason', 'motif de refus'],
  card_last4: ['last4', 'last 4', 'card last4', 'card last 4', '4 derniers chiffres', 'derniers chiffres'],
  card_brand: ['brand', 'card brand', 'marque', 'type de carte', 'reseau', 'card type', 'scheme'],
  card_bin: ['bin', 'iin', 'card bin'],
  card_fingerprint: ['fingerprint', 'card fingerprint', 'empreinte', 'empreinte carte'],
  user_agent: ['user agent', 'useragent', 'navigateur', 'browser'],
};

/** Lower case, no accents, punctuation as spaces: "N° Commande" → "n commande". */
export function normaliseHeader(h: string): string {
  return h
    .slice(0, 200)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const CONTENT: [CanonicalField, RegExp][] = [
  ['ip', /^(?:\d{1,3}\.){3}\d{1,3}$|^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}$/i],
  ['email', /^[^@\s]{1,64}@[^@\s]{1,190}\.[a-z]{2,24}$/i],
  ['timestamp', /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}[ T]\d{1,2}:\d{2}|^\d{10}(\d{3})?$/],
  ['amount', /^-?\d{1,9}[.,]\d{2}$/],
  ['currency', /^(EUR|USD|GBP|CHF|CAD|JPY|SEK|NOK|DKK|PLN|AUD)$/],
];

/** Suggestions for the fields the mapping does not have yet, each header used at most once. */
export function suggestMapping(headers: string[], rows: string[][], mapped: Partial<Record<CanonicalField, string>>): Suggestion[] {
  const taken = new Set(Object.values(mapped));
  const out: Suggestion[] = [];
  const use = (field: CanonicalField, header: string, why: Suggestion['why']) => {
    if (mapped[field] || taken.has(header) || out.some((s) => s.field === field)) return;
    taken.add(header);
    out.push({ field, header, why });
  };
  const norm = headers.map(normaliseHeader);
  // By name: an exact synonym first, then a header that contains one as whole words ("date de la commande").
  for (const exact of [true, false]) {
    for (const [field, names] of Object.entries(SYNONYMS) as [CanonicalField, string[]][]) {
      const i = norm.findIndex((h, k) => !taken.has(headers[k]) && names.some((n) => (exact ? h === n : n.length > 3 && ` ${h} `.includes(` ${n} `))));
      if (i >= 0) use(field, headers[i], 'name');
    }
  }
  // By content: most non-empty sampled values look like the field.
  for (const [field, re] of CONTENT) {
    headers.forEach((h, j) => {
      const values = rows.map((r) => (r[j] ?? '').trim().slice(0, 200)).filter((v) => v);
      if (values.length >= 2 && values.filter((v) => re.test(v)).length / values.length >= 0.8) use(field, h, 'content');
    });
  }
  return out;
}

/** What a mapping still needs before the import can work (empty when it can). */
export function missingForImport(mapping: Partial<Record<CanonicalField, string>>): MessageId[] {
  const missing: MessageId[] = [];
  if (!mapping.timestamp) missing.push('ui.iw.missing.timestamp');
  const ids: CanonicalField[] = ['ip', 'email', 'customer_id', 'order_id', 'transaction_id', 'card_fingerprint'];
  if (!ids.some((f) => mapping[f])) missing.push('ui.iw.missing.identifier');
  return missing;
}

export const REQUIRED_FIELDS: ReadonlySet<CanonicalField> = new Set(['timestamp']);
