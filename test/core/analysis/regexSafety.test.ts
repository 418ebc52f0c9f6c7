// Every pattern of the analysis runs on bounded input: each entry point that applies a regex to case data is
// fed 1 MiB adversarial strings (long runs of the characters its patterns repeat on) under a time budget, and a
// case with hundreds of 8 KB user agents and one 1 MiB user agent is analysed in seconds (issue 11).
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { normCustomerId, normEmail } from '../../../src/core/analysis/caseLinks';
import { declineClass, outcomeOf } from '../../../src/core/analysis/outcome';
import { orderIdsInUrl, requestShape } from '../../../src/core/analysis/requestShape';
import { riskFacts } from '../../../src/core/analysis/riskFacts';
import { emailForms, nameKey, normalisePhone, phoneRegion } from '../../../src/core/breach/normalize';
import { networkOf } from '../../../src/core/enrich/accessNetwork';
import { hostingOf } from '../../../src/core/enrich/hosting';
import { claimedOperator } from '../../../src/core/enrich/knownRanges';
import { classifyUserAgent } from '../../../src/core/enrich/userAgent';
import { parseIp } from '../../../src/core/enrich/ipAddress';
import { CHROME, newCase, T0, type TestCase } from '../../support/newCase';

const MiB = 1 << 20;
const fill = (unit: string, n = MiB) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Strings that make backtracking patterns go quadratic: long runs of word characters, separators, keywords. */
const HOSTILE = [
  fill('a'),
  fill('bot'),
  fill('a.-'),
  fill('/'),
  fill('/api'),
  fill('?order_id='),
  fill(' '),
  `Mozilla/5.0 (compatible; ${fill('x')}`,
  `${fill('w')}bot`,
  fill('incorrect_'),
  fill('@'),
  `${fill('a.')}@gmail.com`,
  fill('0'),
  fill('+33 6 '),
  fill('é'),
  fill('login/'),
];

const BUDGET_MS = 300; // per call, on a shared 2-core machine; a quadratic pattern on 1 MiB takes minutes

function timed(label: string, f: () => unknown) {
  const t = performance.now();
  f();
  const ms = performance.now() - t;
  expect(ms, `${label} took ${ms.toFixed(0)} ms`).toBeLessThan(BUDGET_MS);
}

describe('every pattern runs on bounded input', () => {
  it.each(HOSTILE.map((s, i) => [i, s] as const))('hostile string #%i through every entry point', (i, s) => {
    timed(`classifyUserAgent #${i}`, () => classifyUserAgent(s));
    timed(`claimedOperator #${i}`, () => claimedOperator(s));
    timed(`requestShape #${i}`, () => requestShape('POST', s));
    timed(`orderIdsInUrl #${i}`, () => orderIdsInUrl(s));
    timed(`outcomeOf #${i}`, () => outcomeOf('payment', s));
    timed(`outcomeOf anti-fraud #${i}`, () => outcomeOf('antifraud_decision', s));
    timed(`declineClass #${i}`, () => declineClass(s, s));
    timed(`emailForms #${i}`, () => emailForms(s));
    timed(`normEmail #${i}`, () => normEmail(s));
    timed(`normCustomerId #${i}`, () => normCustomerId(s));
    timed(`normalisePhone #${i}`, () => normalisePhone(s, 'FR'));
    timed(`nameKey #${i}`, () => nameKey(s.slice(0, 4096))); // names are capped at import; the key itself is linear
    timed(`phoneRegion #${i}`, () => phoneRegion(JSON.stringify({ billing_country: s.slice(0, 1000), country: s.slice(0, 1000) }), 'FR'));
    timed(`riskFacts #${i}`, () => riskFacts(JSON.stringify({ 'Card CVC Status': s.slice(0, 50_000), risk: { three_ds: s.slice(0, 50_000) } })));
    timed(`hostingOf #${i}`, () => hostingOf(64500, s));
    timed(`networkOf #${i}`, () => networkOf(parseIp('198.51.100.7'), 64500, s));
  });
});

let c: TestCase;
afterEach(() => c?.close());

describe('hostile user agents do not stall the analysis', () => {
  it('300 distinct 8 KB user agents and one 1 MiB user agent: analyzeCase stays within seconds', () => {
    c = newCase();
    for (let i = 0; i < 300; i++) {
      const ua = `Mozilla/5.0 (compatible; ${fill(`x${i}-`, 8192)}bot)`;
      c.add({ kind: 'http_request', ts: T0 + i * 1000, ip: `203.0.113.${i % 250}`, method: 'GET', path: `/${fill('a/', 4096)}`, status: 200, user_agent: ua });
    }
    c.add({ kind: 'http_request', ts: T0, ip: '198.51.100.9', method: 'POST', path: fill('/login'), status: 200, user_agent: fill('a') });
    c.add({ kind: 'order', ts: T0, order_id: 'O1', transaction_id: 'ch_1', email: fill('a.') + '@gmail.com', ip: '198.51.100.9', user_agent: CHROME, decision: fill('fail') });
    const t = performance.now();
    const a = analyzeCase(c.db);
    const ms = performance.now() - t;
    expect(a.ips.length).toBeGreaterThan(200);
    expect(ms).toBeLessThan(8000);
  });
});
