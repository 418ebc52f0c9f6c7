import { createCase } from './src/core/casefile/caseFile';
import { importFile } from './src/core/import/importFile';
import { importBreachFile } from './src/core/breach/importBreach';
import { addInfra } from './src/core/enrich/infraRegister';
import { analyzeCase } from './src/core/analysis/analyze';
import { blockImpact } from './src/core/analysis/blockImpact';
import { readFileSync, rmSync } from 'node:fs';
(async () => {
  const p = '/tmp/c_work/s.alibi';
  rmSync(p, { force: true }); rmSync(p + '-wal', { force: true }); rmSync(p + '-shm', { force: true });
  const db = createCase(p, { tz: 'Europe/Paris' });
  const d = 'resources/sample/';
  for (const f of ['shop-access.log', 'shop-orders.csv', 'provider-transactions.csv', 'provider-antifraud.csv', 'provider-api-calls.csv']) {
    const r = await importFile(db, d + f, { trustedProxies: ['10.0.0.2'] } as any);
    console.log(f, r.accepted, r.rejected, r.preset);
  }
  console.log(await importBreachFile(db, d + 'breach-telecom-2025-08.csv', { breachName: 'Telecom operator leak (Aug 2025)', breachDate: '2025-08' }));
  for (const e of JSON.parse(readFileSync(d + 'infra.json', 'utf8'))) addInfra(db, e.cidr, e.role, e.label);
  const t0 = performance.now();
  const a = analyzeCase(db);
  console.log('analyze ms', performance.now() - t0);
  for (const ip of a.ips) console.log(ip.role.padEnd(9), ip.confidence, ip.ip.padEnd(16), ip.asn, ip.asOrg, '|', ip.customers, ip.orders, ip.events, '|', ip.signals.slice(0, 3).join(' ; '));
  for (const f of a.findings) console.log(JSON.stringify(f, null, 1).slice(0, 3000));
  console.log(a.breach);
  for (const ip of ['51.91.102.137', '90.14.207.118', '37.171.66.212', '66.249.79.12']) console.log(JSON.stringify(blockImpact(db, ip)));
})();
