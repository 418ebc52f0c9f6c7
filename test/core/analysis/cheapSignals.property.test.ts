// Property: no single cheap signal — a user agent, the network (an ASN anyone can rent or proxy through), the
// names typed on the cards, the e-mail domain — turns a card tester into something "do not block", nor its throwaway
// identities' orders into orders the block would cut. Each run builds the same attack with one cheap signal chosen at
// random and checks the verdict and the counts.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { ANDROID, CHROME, IPHONE, MIN, newCase, T0, type TestCase } from '../../support/newCase';
import { cardTester, distributedTester, GOOGLEBOT_UA, ordinaryDay, PYTHON_UA, STRIPE_UA } from '../../support/scenarios';

let c: TestCase | undefined;
afterEach(() => {
  c?.close();
  c = undefined;
});

const UAS = [CHROME, IPHONE, ANDROID, PYTHON_UA, GOOGLEBOT_UA, STRIPE_UA, 'TicketPay-Webhooks/2.4 (+https://ticketpay.example/webhooks)', 'curl/8.5.0'];
// hosting (DigitalOcean, OVH), residential (Orange, Free), a mobile carrier (Free Mobile), an IPv6 access network
const ADDRESSES = ['162.243.150.10', '51.38.0.10', '90.14.100.20', '82.64.10.20', '37.171.66.50', '2a01:cb00:1234:5600::77'];
const NAMES = [undefined, 'JULIEN MOREAU', 'CLAIRE MOREAU'];
const DOMAINS = ['gmail.com', 'mailinator.com', 'example.net', 'orange.fr'];

describe('cheap signals never flip an attacker to do-not-block', () => {
  it('holds for any user agent, network, name and e-mail domain the attacker picks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UAS), fc.constantFrom(...ADDRESSES), fc.constantFrom(...NAMES), fc.constantFrom(...DOMAINS),
        fc.integer({ min: 8, max: 14 }), fc.integer({ min: 5, max: 120 }), fc.boolean(),
        (ua, ip, name, domain, n, gapSeconds, viaApi) => {
          c?.close();
          c = newCase();
          ordinaryDay(c);
          cardTester(c, { ip, ua, n, gap: gapSeconds * 1000, from: T0 + 30 * MIN, viaApi, domain, name, okEvery: 5 });
          const a = analyzeCase(c.db);
          const i = a.ips.findIndex((p) => p.ip === ip);
          const p = a.ips[i];
          const b = a.blocks[i];
          const why = `${ua} / ${ip} / ${name} / ${domain}: ${p.role} ${b.verdict} — ${p.signals.slice(0, 3).join(' | ')}`;
          expect(b.verdict, why).not.toBe('do-not-block');
          expect(['provider', 'shared', 'own', 'crawler'], why).not.toContain(p.role);
          expect(p.role, why).toBe('attacker');
          // a carrier address is at least caution (subscribers not in the case), never do-not-block
          if (p.network.kind === 'mobile') expect(b.verdict, why).toBe('caution');
          else expect(b.verdict, why).toBe('safe');
          for (const f of a.findings.filter((x) => x.subject.value === ip)) expect(f.severity, why).toBe('high');
          // and its throwaway identities' orders are never business the block would cut, whatever they look like
          expect({ lockedOut: b.lockedOut, orders: b.orders, payments: b.successfulPayments, throwaway: b.throwawayOrders }, why).toEqual({ lockedOut: 0, orders: 0, payments: 0, throwaway: n });
        },
      ),
      { numRuns: 40, seed: 20251123 },
    );
  });
});

describe('cheap signals never make a proxy of a distributed test a customer locked out', () => {
  it('holds for any user agent, e-mail domain, a few quick page views, one or two attempts per proxy', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UAS), fc.constantFrom(...DOMAINS), fc.integer({ min: 0, max: 3 }), fc.constantFrom(1 as const, 2 as const), fc.integer({ min: 8, max: 16 }),
        (ua, domain, pages, perAddress, n) => {
          c?.close();
          c = newCase();
          ordinaryDay(c);
          const { ips } = distributedTester(c, { n, gap: 15_000, ua, domain, pages, perAddress, okEvery: 4 });
          const a = analyzeCase(c.db);
          for (const ip of ips) {
            const i = a.ips.findIndex((p) => p.ip === ip);
            const p = a.ips[i];
            const b = a.blocks[i];
            const why = `${ua} / ${domain} / ${pages} pages / ${perAddress} per address / ${ip}: ${p.role} ${b.verdict} — ${p.signals.slice(0, 3).join(' | ')}`;
            expect(p.role, why).toBe('attacker');
            expect(b.verdict, why).toBe('safe');
            expect({ lockedOut: b.lockedOut, orders: b.orders, payments: b.successfulPayments }, why).toEqual({ lockedOut: 0, orders: 0, payments: 0 });
            expect(p.testingBurst, why).toBeDefined();
          }
        },
      ),
      { numRuns: 12, seed: 20251128 },
    );
  });
});
