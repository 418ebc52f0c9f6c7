// What a request is for, from its method and path: a page, a login attempt, a checkout/payment call, a webhook
// delivery, a vulnerability probe. Paths are attacker-controlled and unbounded: every test here runs on the first
// PATH_CAP characters only, and every pattern is linear (no nested or adjacent unbounded quantifiers).
export const PATH_CAP = 1024;

export type RequestShape = 'page' | 'login' | 'checkout' | 'webhook' | 'api' | 'probe' | 'asset';

const LOGIN = /(^|\/)(wp-login\.php|xmlrpc\.php|login|signin|sign-in|log-in|connexion|auth(enticate)?|session|my-account|mon-compte|account\/login|customer\/account\/loginpost|user\/login)(\/|$|\?|\.)/i;
const CHECKOUT = /(^|\/|[?&=])(checkout|commande|cart|panier|payment[_-]?intents?|charges|pay|paiement|payment|wc-ajax=checkout|add[_-]?payment[_-]?method|setup[_-]?intents?|tokens?)(\/|$|\?|&|\.)/i;
const WEBHOOK = /(^|\/|[?&=])(webhooks?|notify|notification|notifications|callback|ipn|hooks?|wc-api|payment-notify|stripe|adyen|mollie|paypal)(\/|$|\?|&|\.|-|=)/i;
export const API_PATH = /(^|\/)(api|wc-api|webhooks?|notify|notification|callback|ipn|hooks?|payment-notify|return|v\d+)(\/|$|\?|\.|-)/i;
const PROBE = /(^|\/)(\.env|\.git|\.aws|\.ssh|wp-config\.php|phpmyadmin|pma|cgi-bin|vendor\/phpunit|etc\/passwd|actuator|server-status|\.ds_store|config\.json|backup|shell\.php|boaform|hnap1)(\/|$|\?|\.)/i;
const ASSET = /\.(css|js|mjs|png|jpe?g|gif|svg|webp|ico|woff2?|ttf|map)(\?|$)/i;

export function requestShape(method: string | null, path: string | null): RequestShape {
  const p = (path ?? '').slice(0, PATH_CAP);
  if (PROBE.test(p)) return 'probe';
  const m = (method ?? 'GET').slice(0, 10).toUpperCase();
  if (WEBHOOK.test(p) && m === 'POST') return 'webhook';
  if (LOGIN.test(p)) return m === 'POST' || /wp-login|xmlrpc/i.test(p) ? 'login' : 'page';
  if (CHECKOUT.test(p) && m !== 'GET') return 'checkout';
  if (ASSET.test(p)) return 'asset';
  if (API_PATH.test(p)) return 'api';
  return 'page';
}

const ORDER_IN_URL = /(?:[?&](?:order(?:_?id)?|order_number|merchant_?reference|reference|ref|id)=|\/orders?\/)([A-Za-z0-9_-]{1,40})/gi;

/** Order ids a URL names (`/api/orders/48210`, `?order_id=1042`, `?ref=TDL-2025-001187`): candidates only. */
export function orderIdsInUrl(path: string | null): string[] {
  if (!path) return [];
  const p = path.slice(0, PATH_CAP);
  const out: string[] = [];
  for (const m of p.matchAll(ORDER_IN_URL)) out.push(m[1]);
  return out;
}
