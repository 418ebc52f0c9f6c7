// The IP aggregation reads the compact layout's string ids straight from `event_rows`, and the text columns of an
// older (v3) case opened read-only: the same events must give the same analysis either way.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../../src/core/casefile/caseFile';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { newCase, tmpDir } from '../../support/newCase';
import { DECISION, decisionCase, providerWebhooks, paidOrders, NET } from '../../support/scenarios';

describe('one analysis whatever the case layout', () => {
  it('a v3 case (events as a table) and the compact case of the same events give the same roles, impacts and findings', () => {
    const c = newCase();
    decisionCase(c);
    // an unlisted provider's webhooks naming their orders in the query string (the compact layout keeps the query
    // apart from the path); Stripe's user agent from here would be a forged sender
    providerWebhooks(c, { ip: NET.hosting2, ua: 'TicketPay-Webhooks/2.4 (+https://ticketpay.example/webhooks)', path: (o) => `/?wc-api=wc_stripe&order_id=${o}`, payments: paidOrders(c, 4) });
    c.add({ kind: 'http_request', ip: '203.0.113.9', method: 'GET', path: '/', status: 200, user_agent: '' }); // empty user agent
    const v3Path = join(tmpDir(), 'v3.alibi');
    const v3 = new Database(v3Path);
    migrate(v3, 3);
    v3.exec(`ATTACH '${c.path.replace(/'/g, "''")}' AS compact`);
    v3.exec('INSERT OR REPLACE INTO meta SELECT * FROM compact.meta; INSERT INTO sources SELECT * FROM compact.sources; INSERT INTO events SELECT * FROM compact.events; DETACH compact');
    const strip = (a: ReturnType<typeof analyzeCase>) => ({ ...a, generatedAt: '' });
    const compact = strip(analyzeCase(c.db));
    const old = strip(analyzeCase(v3));
    expect(compact.ips.find((p) => p.ip === DECISION.testerA)?.role).toBe('attacker');
    expect(compact.ips.find((p) => p.ip === NET.hosting2)?.role).toBe('provider');
    expect(old).toEqual(compact);
    v3.close();
  });
});
