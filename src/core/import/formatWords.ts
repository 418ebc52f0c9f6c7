// The catalogue's words for each import format, so every host says what was detected in the user's language.
// The declarations' English `description` stays the CLI's reference; a test keeps the two equal in English.
// Log formats whose description is only their directives (combined: %h %l %u…) have no words: they are shown as is.
import type { MessageId } from '../i18n';

/** CSV presets by `name.variant`, log formats by name. */
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
