import { afterEach, describe, expect, it } from 'vitest';
import { blockImpact } from '../../../src/core/analysis/blockImpact';
import { classifyIps, ipProfile, setIpRoleOverride } from '../../../src/core/analysis/ipRoles';
import { addInfra, listInfra, removeInfra } from '../../../src/core/enrich/infraRegister';
import { verifyAuditChain } from '../../../src/core/casefile/audit';
import { AlibiError } from '../../../src/core/errors';
import { ANDROID, CHROME, GOOGLEBOT, IPHONE, MIN, newCase, T0, type TestCase, WEBHOOK_UA } from '../../support/newCase';

let c: TestCase;
afterEach(() => c?.close());

const HOME = '90.14.207.118'; // Orange, residential
const PROVIDER = '51.91.102.137'; // OVH, hosting
const CGNAT = '37.171.66.212'; // Free Mobile
const PROXY = '10.0.0.2';

/** A small shop day: 6 customers, each with an order; the provider notifies every order server to server. */
function shopDay(c: TestCase) {
  const customers = [
    { cid: '1874', email: 'julien.moreau@example.net', ip: HOME, ua: CHROME },
    ...[1, 2, 3, 4].map((i) => ({ cid: `20${i}`, email: `m${i}@mail.example`, ip: CGNAT, ua: i % 2 ? IPHONE : ANDROID })),
    { cid: '300', email: 'other@example.org', ip: '92.151.120.83', ua: CHROME },
  ];
  customers.forEach((cu, i) => {
    const t = T0 + i * 10 * MIN;
    // browsing through the reverse proxy: remote address is the proxy, the client comes from X-Forwarded-For
    for (let k = 0; k < 5; k++) {
      c.add({ kind: 'http_request', ts: t + k * 1000, ip: PROXY, xff: `${cu.ip}`, client_ip: cu.ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: cu.ua });
    }
    c.add({ kind: 'order', ts: t + 60_000, order_id: `O${i}`, transaction_id: `ch_${i}`, customer_id: cu.cid, email: cu.email, ip: cu.ip, user_agent: cu.ua, decision: 'completed', amount: 50 });
    c.add({ kind: 'payment', ts: t + 61_000, order_id: `O${i}`, transaction_id: `ch_${i}`, email: cu.email, card_key: `card${i}`, decision: 'Paid', amount: 50 });
    c.add({ kind: 'provider_call', ts: t + 62_000, ip: PROVIDER, method: 'POST', path: '/api/payment/notify', status: 200, user_agent: WEBHOOK_UA, order_id: `O${i}`, transaction_id: `ch_${i}` });
    c.add({ kind: 'http_request', ts: t + 62_500, ip: PROVIDER, method: 'POST', path: '/api/payment/notify', status: 200, user_agent: WEBHOOK_UA });
  });
  for (let k = 0; k < 6; k++) {
    c.add({ kind: 'http_request', ts: T0 + k * MIN, ip: PROXY, xff: '66.249.73.135', client_ip: '66.249.73.135', path: `/p${k}`, status: 200, user_agent: GOOGLEBOT });
  }
}

describe('IP roles', () => {
  it('tells the provider from the customer without any register, and never swaps them', () => {
    c = newCase();
    shopDay(c);
    const ips = classifyIps(c.db);
    const get = (ip: string) => ips.find((p) => p.ip === ip)!;
    const provider = get(PROVIDER);
    expect(provider.role).toBe('provider');
    expect(provider.hosting).toBe(true);
    expect(provider.customers).toBe(6);
    const sig = provider.signals.join(' | ');
    expect(sig).toMatch(/\/api\/payment\/notify/);
    expect(sig).toMatch(/server SDK user agent \(TicketPay-Webhooks\/2\.4/);
    expect(sig).toMatch(/hosting\/cloud ASN AS16276 OVH SAS/);
    expect(sig).toMatch(/linked to 6 different customers' orders/);

    const home = get(HOME);
    expect(home.role).toBe('customer');
    expect(home.customers).toBe(1);
    expect(home.signals.join(' | ')).toMatch(/one customer, one device/);
    expect(home.signals.join(' | ')).toMatch(/residential\/access ISP AS3215/);
    expect(home.confidence).toBeGreaterThan(0.7);

    expect(get(CGNAT).role).toBe('shared');
    expect(get(CGNAT).customers).toBe(4);
    expect(get('66.249.73.135').role).toBe('crawler');
    expect(get('66.249.73.135').signals[0]).toMatch(/Googlebot/);
    // the proxy hop: own infrastructure, found from X-Forwarded-For
    expect(get(PROXY).role).toBe('own');
    expect(get(PROXY).signals[0]).toMatch(/reverse proxy/);
  });

  it('the register makes a provider range authoritative, and its edits are audited', () => {
    c = newCase();
    c.add({ kind: 'http_request', ts: T0, ip: '203.0.113.9', path: '/', user_agent: CHROME });
    expect(ipProfile(c.db, '203.0.113.9')!.role).toBe('unknown');
    const e = addInfra(c.db, '203.0.113.0/28', 'provider', 'TicketPay API');
    expect(ipProfile(c.db, '203.0.113.9')).toMatchObject({ role: 'provider', infra: { role: 'provider', label: 'TicketPay API', cidr: '203.0.113.0/28' } });
    expect(listInfra(c.db)).toHaveLength(1);
    // the same range again is refused (one fact, one entry), whatever its label
    expect(() => addInfra(c.db, '203.0.113.0/28', 'provider', 'TicketPay again')).toThrow(/already in the infrastructure register \(entry #\d+, provider\)/);
    expect(listInfra(c.db)).toHaveLength(1);
    removeInfra(c.db, e.id);
    expect(ipProfile(c.db, '203.0.113.9')!.role).toBe('unknown');
    expect(() => addInfra(c.db, '203.0.113.0/40', 'provider', 'x')).toThrow(AlibiError);
    expect(() => addInfra(c.db, '203.0.113.0/24', 'enemy', 'x')).toThrow(/unknown infrastructure role/);
    const actions = (c.db.prepare('SELECT action FROM audit ORDER BY id').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['case.create', 'infra.add', 'infra.remove']);
  });

  it('an analyst override wins, keeps the computed role, and is in the audit chain', () => {
    c = newCase();
    shopDay(c);
    setIpRoleOverride(c.db, HOME, 'shared', 'phone call: family uses a neighbour\'s Wi-Fi');
    const p = ipProfile(c.db, HOME)!;
    expect(p.role).toBe('shared');
    expect(p.computedRole).toBe('customer');
    expect(p.override?.reason).toMatch(/neighbour/);
    expect(p.signals[0]).toMatch(/analyst override to shared/);
    setIpRoleOverride(c.db, HOME, null, 'mistake');
    expect(ipProfile(c.db, HOME)!.role).toBe('customer');
    expect(verifyAuditChain(c.db).ok).toBe(true);
    const last = c.db.prepare("SELECT action, target, details FROM audit WHERE action LIKE 'ip.role%' ORDER BY id").all() as { action: string; target: string; details: string }[];
    expect(last.map((r) => r.action)).toEqual(['ip.role.override', 'ip.role.clear']);
    expect(JSON.parse(last[1].details).previous).toBe('shared');
    expect(() => setIpRoleOverride(c.db, HOME, 'customer', '  ')).toThrow(/needs a reason/);
    expect(() => setIpRoleOverride(c.db, 'nope', 'customer', 'x')).toThrow(/not an IP address/);
  });
});

describe('block impact', () => {
  it('blocking the provider or a shared IP is do-not-block, with loud reasons', () => {
    c = newCase();
    shopDay(c);
    const prov = blockImpact(c.db, PROVIDER);
    expect(prov.verdict).toBe('do-not-block');
    expect(prov.orders).toBe(6);
    expect(prov.customers).toBe(6);
    expect(prov.providerCalls).toBe(6);
    expect(prov.reasons[0]).toMatch(/would cut payment notifications for 6 orders of 6 customers/);
    const shared = blockImpact(c.db, CGNAT);
    expect(shared.verdict).toBe('do-not-block');
    expect(shared.successfulPayments).toBe(4); // PSP rows without IP, attributed through their orders
    expect(blockImpact(c.db, PROXY).verdict).toBe('do-not-block');
  });

  it('a customer IP with paid orders is caution; a crawler is caution; an unseen IP is safe', () => {
    c = newCase();
    shopDay(c);
    const home = blockImpact(c.db, HOME);
    expect(home).toMatchObject({ verdict: 'caution', role: 'customer', customers: 1, orders: 1, successfulPayments: 1 });
    expect(blockImpact(c.db, '66.249.73.135').verdict).toBe('caution');
    const none = blockImpact(c.db, '198.51.100.7');
    expect(none.verdict).toBe('safe');
    expect(none.events).toBe(0);
    expect(home.shareOfTraffic).toBeGreaterThan(0);
    expect(home.shareOfTraffic).toBeLessThan(1);
  });

  it('a scanner from a datacenter with no business is safe to block', () => {
    c = newCase();
    shopDay(c);
    for (let k = 0; k < 4; k++) c.add({ kind: 'http_request', ts: T0 + k * 1000, ip: '162.243.144.27', path: '/.env', status: 404, user_agent: 'python-requests/2.32.3' });
    const b = blockImpact(c.db, '162.243.144.27');
    expect(b.verdict).toBe('safe');
    expect(b.reasons.join(' ')).toMatch(/hosting\/datacenter network \(AS14061/);
  });
});
