// What the import wizard says it detected, in the language on screen. The engine describes its presets and log
// formats in English (`ImportPreview.detail`: the CLI's words); the wizard finds the same format by name (and a
// CSV preset's variant by its English description, the catalogue's English words: a test keeps them equal) and
// says it from the catalogue. A format this version has no words for keeps the engine's description.
import type { ImportPreview } from '../../core/api/handlers';
import { translator, type MessageId } from '../../core/i18n';
import { t } from '../i18n';

/** CSV presets by `name.variant`, log formats by name: the catalogue's description of each. */
export const FORMAT_WORDS: Record<string, MessageId> = {
  'shop-orders.woocommerce': 'import.describe.shop-orders.woocommerce',
  'shop-orders.shopify': 'import.describe.shop-orders.shopify',
  'shop-orders.prestashop': 'import.describe.shop-orders.prestashop',
  'shop-orders.magento': 'import.describe.shop-orders.magento',
  'psp-transactions.stripe': 'import.describe.psp-transactions.stripe',
  'psp-transactions.adyen': 'import.describe.psp-transactions.adyen',
  'psp-transactions.adyen-accounting': 'import.describe.psp-transactions.adyen-accounting',
  'psp-transactions.paypal': 'import.describe.psp-transactions.paypal',
  'psp-transactions.mollie': 'import.describe.psp-transactions.mollie',
  'antifraud-alerts.generic': 'import.describe.antifraud-alerts.generic',
  'provider-api-log.generic': 'import.describe.provider-api-log.generic',
  'aws-alb': 'import.describe.log.aws-alb',
  'haproxy-http': 'import.describe.log.haproxy-http',
  'cloudflare-logpush': 'import.describe.log.cloudflare-logpush',
  caddy: 'import.describe.log.caddy',
  jsonl: 'import.describe.log.jsonl',
  'iis-w3c': 'import.describe.log.iis-w3c',
};

/** `separator ";"` at the end of a CSV's detail: the engine's own notation (JSON string). */
const SEPARATOR = /(?:^|, )separator ("(?:[^"\\]|\\.){1,8}")$/;

/** The detail in the language on screen: the format's description and the CSV separator. */
export function detectedDetail(p: Pick<ImportPreview, 'format' | 'preset' | 'detail'>): string | null {
  const detail = p.detail;
  if (!detail) return null;
  if (p.format !== 'csv') return FORMAT_WORDS[p.format] ? t(FORMAT_WORDS[p.format]) : detail;
  const sep = SEPARATOR.exec(detail);
  if (!sep) return detail;
  let delimiter: string;
  try {
    delimiter = JSON.parse(sep[1]) as string;
  } catch {
    return detail;
  }
  const described = detail.slice(0, sep.index);
  const en = translator('en');
  const words = Object.entries(FORMAT_WORDS).find(([key, id]) => key.startsWith(`${p.preset}.`) && en.t(id) === described)?.[1];
  const separator = t('ui.iw.separator', { sep: delimiter === '\t' ? t('ui.iw.separatorTab') : delimiter });
  if (words) return `${t(words)}, ${separator}`;
  return described ? `${described}, ${separator}` : separator;
}
