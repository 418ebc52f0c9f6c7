// Normalisation of identifiers before matching (domain-notes §4.3), and the keyed hash they are compared by.
// Recipe for a third party producing a pre-hashed list: lower-hex SHA-256 (or SHA-1) of the UTF-8 bytes of
//   e-mail: trim → NFC → lower-case → domain in ASCII (IDNA), e.g. "jean.dupont@exemple.fr"
//   phone:  E.164, e.g. "+33612345678"
//   name:   NFKD → strip combining marks → lower-case → collapse spaces, e.g. "helene d'artois"
import { createHash, createHmac } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type IdentifierKind = 'email' | 'phone' | 'name';

/** An e-mail as written, cleaned: trim → NFC → lower-case → IDNA domain (what most third parties hash). */
export function plainEmail(raw: string | null | undefined): string | null {
  const t = (raw ?? '').slice(0, 320).trim().normalize('NFC').toLowerCase();
  const at = t.lastIndexOf('@');
  if (at <= 0 || at === t.length - 1 || /\s/.test(t)) return null;
  const domain = domainToASCII(t.slice(at + 1));
  if (!domain) return null;
  return `${t.slice(0, at)}@${domain}`;
}

// Mailboxes that ignore a "+tag" (and, for Gmail, dots): one mailbox, many spellings.
const GMAIL = new Set(['gmail.com', 'googlemail.com']);
const PLUS_TAG = new Set(['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'protonmail.com', 'proton.me', 'pm.me', 'fastmail.com', 'yahoo.com']);

/**
 * The mailbox an e-mail reaches: the plain form, with Gmail/Googlemail dots and `+tags` removed and googlemail.com
 * written gmail.com, and `+tags` removed for providers that ignore them. "J.Moreau+shop@GoogleMail.com" and
 * "jmoreau@gmail.com" are one mailbox.
 */
export function normaliseEmail(raw: string | null | undefined): string | null {
  const e = plainEmail(raw);
  if (!e) return null;
  const at = e.lastIndexOf('@');
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  if (GMAIL.has(domain)) {
    local = local.split('+')[0].replace(/\./g, '');
    domain = 'gmail.com';
  } else if (PLUS_TAG.has(domain)) local = local.split('+')[0];
  return local ? `${local}@${domain}` : null;
}

/** The forms an e-mail is matched under: its mailbox, and the plain form (lists imported or hashed before). */
export function emailForms(raw: string | null | undefined): string[] {
  const a = normaliseEmail(raw);
  const b = plainEmail(raw);
  return [...new Set([a, b].filter((x): x is string => !!x))];
}

export function normalisePhone(raw: string | null | undefined, region: CountryCode | null): string | null {
  let t = (raw ?? '').slice(0, 64).trim();
  if (!/\d/.test(t)) return null;
  t = t.replace(/^00/, '+').replace(/\(0\)/, '');
  const p = parsePhoneNumberFromString(t, region ?? undefined);
  if (!p || !p.isPossible()) return null;
  return p.number; // E.164
}

export function normaliseName(raw: string | null | undefined): string | null {
  const t = (raw ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s,]+/g, ' ')
    .trim();
  return t.length >= 3 ? t : null;
}

/** Name "Moreau Julien" and "Julien Moreau" are the same person: sort the words. */
export function nameKey(raw: string | null | undefined): string | null {
  const n = normaliseName(raw);
  return n ? n.split(' ').sort().join(' ') : null;
}

export function normalise(kind: IdentifierKind, raw: string | null | undefined, region: CountryCode | null): string | null {
  return kind === 'email' ? normaliseEmail(raw) : kind === 'phone' ? normalisePhone(raw, region) : nameKey(raw);
}

/** HMAC-SHA-256 under the per-case key of "kind:value" — what breach_entries stores. */
export function identifierHmac(key: string, kind: IdentifierKind, normalised: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(`${kind}:${normalised}`).digest('hex');
}

/** For pre-hashed lists (kind unknown): the HMAC of the list's digest, "sha256:<hex>" or "sha1:<hex>". */
export function prehashedHmac(key: string, algo: 'sha1' | 'sha256', hex: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(`${algo}:${hex.toLowerCase()}`).digest('hex');
}

export function plainDigest(algo: 'sha1' | 'sha256', normalised: string): string {
  return createHash(algo).update(normalised, 'utf8').digest('hex');
}

// Time zone → default phone region for numbers written without a country code.
const TZ_REGION: Record<string, CountryCode> = {
  'Europe/Paris': 'FR', 'Europe/Monaco': 'MC', 'Europe/Brussels': 'BE', 'Europe/Luxembourg': 'LU', 'Europe/Zurich': 'CH',
  'Europe/Berlin': 'DE', 'Europe/Madrid': 'ES', 'Europe/Rome': 'IT', 'Europe/Lisbon': 'PT', 'Europe/Amsterdam': 'NL',
  'Europe/London': 'GB', 'Europe/Dublin': 'IE', 'Europe/Vienna': 'AT', 'Europe/Warsaw': 'PL', 'America/Montreal': 'CA',
  'America/Toronto': 'CA', 'America/New_York': 'US', 'America/Chicago': 'US', 'America/Los_Angeles': 'US',
  'Indian/Reunion': 'RE', 'America/Guadeloupe': 'GP', 'America/Martinique': 'MQ', 'America/Cayenne': 'GF',
  'Indian/Mayotte': 'YT', 'Pacific/Noumea': 'NC', 'Pacific/Tahiti': 'PF', 'Africa/Casablanca': 'MA',
  'Africa/Algiers': 'DZ', 'Africa/Tunis': 'TN', 'Africa/Dakar': 'SN', 'Africa/Abidjan': 'CI',
};

export function regionForTimeZone(tz: string | null | undefined): CountryCode | null {
  return (tz && TZ_REGION[tz]) || null;
}

const COUNTRY_KEYS = ['billing_country', 'billing country', 'country', 'shopper country', 'shopper_country', 'country_code', 'pays', 'shipping_country', 'shipping country'];

/**
 * The region a national phone number (written without +CC) belongs to: the row's own country column (billing
 * country…, or the preset's normalised risk.billing_country) before the case's time zone — a Belgian customer of a
 * French shop writes a Belgian number. Numbers written with +CC or 00CC carry their region themselves.
 */
export function phoneRegion(extra: string | null, fallback: CountryCode | null): CountryCode | null {
  if (!extra || extra.length > 100_000) return fallback;
  try {
    const o = JSON.parse(extra) as Record<string, unknown>;
    if (!o || typeof o !== 'object') return fallback;
    const risk = o.risk as Record<string, unknown> | undefined;
    const lower = new Map(Object.entries(o).map(([k, v]) => [k.slice(0, 60).trim().toLowerCase(), v]));
    for (const v of [risk?.billing_country, ...COUNTRY_KEYS.map((k) => lower.get(k))]) {
      if (typeof v === 'string' && /^[a-z]{2}$/i.test(v.trim())) return v.trim().toUpperCase() as CountryCode;
    }
  } catch {
    // not JSON: no country column
  }
  return fallback;
}

/** Masked form for reports: j***@example.fr, +33 6 ** ** ** 78, J. M***. */
export function maskIdentifier(kind: IdentifierKind, normalised: string): string {
  if (kind === 'email') {
    const at = normalised.lastIndexOf('@');
    return `${normalised[0]}***@${normalised.slice(at + 1)}`;
  }
  if (kind === 'phone') {
    if (normalised.startsWith('+33') && normalised.length === 12) return `+33 ${normalised[3]} ** ** ** ${normalised.slice(-2)}`;
    return `${normalised.slice(0, 4)} ${'*'.repeat(Math.max(0, normalised.length - 6))} ${normalised.slice(-2)}`;
  }
  return normalised
    .split(' ')
    .map((w) => `${w[0].toUpperCase()}***`)
    .join(' ');
}
