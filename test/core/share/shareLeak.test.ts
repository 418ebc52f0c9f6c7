// The leak scanner: a case with a finding, co-users of the subject's carrier-NAT address, strangers in the
// access log, a breach list, and the analyst's notes, tags, reasons and labels; shared with --redact. Every
// identifier of a person the findings are not about, every word of the analyst, every local path and the
// case key are then searched in every byte of the copy.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCase, type Db } from '../../../src/core/casefile/caseFile';
import { appendAudit } from '../../../src/core/casefile/audit';
import { importFile } from '../../../src/core/import/importFile';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { setIpRoleOverride } from '../../../src/core/analysis/ipRoles';
import { addInfra } from '../../../src/core/enrich/infraRegister';
import { verifyCase } from '../../../src/core/casefile/verify';
import { shareCase } from '../../../src/core/share/shareCase';
import { evidenceFromAnalysis } from '../../../src/core/share/redact';
import { checkCaseFile, openUntrustedCase } from '../../../src/core/share/openUntrusted';
import { tmpDir } from '../../support/newCase';

const STRIPE_HEADER =
  'id,Description,Created (UTC),Amount,Amount Refunded,Currency,Status,Seller Message,Customer ID,Customer Email,Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,Card Exp Year,Card Name,Card Issue Country,Card Fingerprint,Card CVC Status,PaymentIntent ID,order_id (metadata)';

// Julien is the subject (several cards in minutes). Marie pays from Julien's carrier-NAT address; Paul elsewhere.
const JULIEN = { email: 'julien.subject@example.fr', customer: 'cus_JULIEN01', name: 'Julien Subject', ip: '92.184.100.7' };
const MARIE = { email: 'marie.coresident@example.org', customer: 'cus_MARIE0042', name: 'Marie Coresident', ip: JULIEN.ip };
const PAUL = { email: 'paul.elsewhere@example.net', customer: 'cus_PAUL00077', name: 'Paul Elsewhere', ip: '81.250.33.44' };
const STRANGER_IP = '145.242.11.99';

function payment(id: string, time: string, who: typeof JULIEN, card: string, fp: string, order: string, status = 'Paid'): string {
  return `${id},Order ${order},2025-11-23 ${time},49.90,0,eur,${status},ok,${who.customer},${who.email},card_${card},${card.slice(-4)},Visa,credit,4,2027,${who.name},FR,${fp},pass,pi_${id},${order}`;
}

let dir: string;
let db: Db;
let casePath: string;
let copyPath: string;
let originalKey: string;

beforeAll(async () => {
  dir = tmpDir('alibi-leak-');
  casePath = join(dir, 'case.alibi');
  db = createCase(casePath, { title: 'Multi-CB 23/11', tz: 'Europe/Paris' });
  originalKey = (db.prepare("SELECT value FROM meta WHERE key = 'hmac_key'").get() as { value: string }).value;
  const payments = join(dir, 'payments-export-confidential.csv');
  writeFileSync(payments, [
    STRIPE_HEADER,
    payment('ch_JUL1', '05:41:20', JULIEN, '4000000000001111', 'fpJulienCardOne', 'ORD-J-9001', 'Failed'),
    payment('ch_JUL2', '05:43:41', JULIEN, '4000000000002222', 'fpJulienCardTwo', 'ORD-J-9002'),
    payment('ch_JUL3', '05:47:05', JULIEN, '4000000000003333', 'fpJulienCardThree', 'ORD-J-9003'),
    payment('ch_MARIE77', '05:50:00', MARIE, '4000000000007777', 'fpMarieOwnCard', 'ORD-M-5551'),
    payment('ch_PAUL88', '09:12:00', PAUL, '4000000000008888', 'fpPaulOwnCard', 'ORD-P-6661'),
  ].join('\n') + '\n');
  await importFile(db, payments);
  const decisions = join(dir, 'antifraud.csv');
  writeFileSync(decisions, [
    'alert_id,created_at,decision,rule,score,reason,transaction_id,order_id,customer_email,ip_address,card_fingerprint',
    `AF-1,2025-11-23T06:41:21+01:00,block,MULTI_CB,87,"3 cards",ch_JUL1,ORD-J-9001,${JULIEN.email},${JULIEN.ip},fpJulienCardOne`,
    `AF-2,2025-11-23T06:43:42+01:00,allow,,12,,ch_JUL2,ORD-J-9002,${JULIEN.email},${JULIEN.ip},fpJulienCardTwo`,
    `AF-3,2025-11-23T06:47:06+01:00,allow,,12,,ch_JUL3,ORD-J-9003,${JULIEN.email},${JULIEN.ip},fpJulienCardThree`,
    `AF-4,2025-11-23T06:50:01+01:00,allow,,10,,ch_MARIE77,ORD-M-5551,${MARIE.email},${MARIE.ip},fpMarieOwnCard`,
    `AF-5,2025-11-23T10:12:01+01:00,allow,,10,,ch_PAUL88,ORD-P-6661,${PAUL.email},${PAUL.ip},fpPaulOwnCard`,
  ].join('\n') + '\n');
  await importFile(db, decisions);
  const log = join(dir, 'access.log');
  writeFileSync(log, [
    `${JULIEN.ip} - - [23/Nov/2025:06:40:02 +0100] "GET /checkout HTTP/1.1" 200 5120 "https://shop.example/cart" "Mozilla/5.0 (Android 14)"`,
    `${PAUL.ip} - - [23/Nov/2025:10:11:02 +0100] "GET /account?email=${PAUL.email}&token=PaulSecretToken123 HTTP/1.1" 200 812 "https://mail.example/inbox/PaulMailboxRef" "Mozilla/5.0"`,
    `${STRANGER_IP} - - [23/Nov/2025:10:30:00 +0100] "GET /search?q=StrangerSearchTerms HTTP/1.1" 200 10 "-" "Mozilla/5.0"`,
    `52.18.7.9 - - [23/Nov/2025:06:41:21 +0100] "POST /wc-api/provider-webhook HTTP/1.1" 200 17 "-" "Stripe/1.0 (+https://stripe.com/docs/webhooks)"`,
  ].join('\n') + '\n');
  await importFile(db, log);
  const breach = join(dir, 'breach.csv');
  writeFileSync(breach, ['email,phone,name', `${JULIEN.email},,`, `${MARIE.email},+33611223344,`, `${PAUL.email},+33655667788,`, 'someone.else@example.com,+33699887766,'].join('\n') + '\n');
  await importFile(db, breach, { preset: 'breach-list', breachName: 'ShopLeak 2024', breachDate: '2024-03' });

  // The analyst's own words, as the app records them (table + audit entry).
  const note = 'Marie Coresident lives next door to the subject; call her at home';
  db.prepare("INSERT INTO notes(at,target_kind,target_id,text) VALUES ('2025-11-24T09:00:00Z','case','case',?)").run(note);
  appendAudit(db, { action: 'note.add', target: 'case:case', details: { noteId: 1, text: note } });
  const firstEvent = (db.prepare('SELECT min(id) AS id FROM events').get() as { id: number }).id;
  db.prepare("INSERT INTO tags(event_id, tag, at) VALUES (?, 'PaulElsewhereSuspect', '2025-11-24T09:00:00Z')").run(firstEvent);
  appendAudit(db, { action: 'tag.add', target: `event:${firstEvent}`, details: { tag: 'PaulElsewhereSuspect' } });
  setIpRoleOverride(db, PAUL.ip, 'shared', 'Paul Elsewhere office network, per his employer');
  addInfra(db, '198.51.100.0/24', 'own', 'Consultant home VPN Dupuis');
  db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('verdict', 'fraud'), ('verdict_reason', 'Julien confessed; Marie Coresident unaware')").run();
  appendAudit(db, { action: 'verdict', target: 'case', details: { verdict: 'fraud', reason: 'Julien confessed; Marie Coresident unaware', before: null } });
  db.prepare("INSERT INTO presets(name, base_preset, mapping_json, created_at) VALUES ('Client ACME secret mapping', 'stripe-payments', '{\"email\":\"Courriel Client Secret\"}', 't')").run();
  appendAudit(db, { action: 'preset.save', target: 'Client ACME secret mapping', details: { base_preset: 'stripe-payments', mapping: { email: 'Courriel Client Secret' } } });

  expect((await verifyCase(db)).problems).toEqual([]);
  const analysis = analyzeCase(db);
  expect(analysis.findings.length).toBeGreaterThan(0);
  // The stranger's bare user agent makes it a "crawler": a role a user agent can fake, so it earns no clear text.
  expect(analysis.ips.find((p) => p.ip === STRANGER_IP)?.role).toBe('crawler');
  copyPath = join(dir, 'for-the-bank.alibi');
  await shareCase(db, { out: copyPath, redact: true, evidence: evidenceFromAnalysis(analysis) });
});

describe('a redacted share copy leaks nothing', () => {
  it('no identifier of a bystander, no analyst text, no local path and not the case key, anywhere in the bytes', () => {
    const bytes = readFileSync(copyPath);
    const forbidden = [
      // Marie (co-user of the subject's address) and Paul (elsewhere), and the stranger in the access log
      MARIE.email, MARIE.customer, MARIE.name, 'fpMarieOwnCard', 'ORD-M-5551', 'ch_MARIE77', '4000000000007777',
      PAUL.email, PAUL.customer, PAUL.name, 'fpPaulOwnCard', 'ORD-P-6661', 'ch_PAUL88', PAUL.ip, 'PaulSecretToken123', 'PaulMailboxRef',
      STRANGER_IP, 'StrangerSearchTerms', '+33611223344', '+33655667788', '+33699887766', 'someone.else@example.com',
      // the analyst's words and saved mapping
      'lives next door', 'PaulElsewhereSuspect', 'office network', 'Consultant home VPN', 'confessed', 'Client ACME secret', 'Courriel Client Secret',
      // where the files were on the consultant's disk, and the original key
      dir, originalKey,
    ];
    const leaks = forbidden.filter((s) => bytes.includes(Buffer.from(s)) || bytes.includes(Buffer.from(s.toLowerCase())));
    expect(leaks).toEqual([]);
    // Every HMAC the original stored for the breach list (under the old key) is gone too.
    const oldMacs = (db.prepare('SELECT hmac FROM breach_entries').all() as { hmac: string }[]).map((r) => r.hmac);
    expect(oldMacs.length).toBeGreaterThan(0);
    expect(oldMacs.filter((m) => bytes.includes(Buffer.from(m)))).toEqual([]);
  });

  it('the subject stays in clear, Marie is a pseudonym though she shares his address, and the copy verifies', async () => {
    const bytes = readFileSync(copyPath);
    for (const s of [JULIEN.email, JULIEN.customer, 'fpJulienCardTwo', 'ORD-J-9002', JULIEN.ip]) expect(bytes.includes(Buffer.from(s)), s).toBe(true);
    expect(checkCaseFile(copyPath).ok).toBe(true);
    const copy = openUntrustedCase(copyPath);
    try {
      const marie = copy.prepare("SELECT email, customer_id, ip, order_id, transaction_id FROM events WHERE kind = 'antifraud_decision' AND email LIKE 'person-%'").all() as Record<string, string>[];
      expect(marie.length).toBe(2); // Marie's and Paul's decisions
      for (const m of marie) {
        expect(m.email).toMatch(/@redacted\.invalid$/);
        expect(m.order_id).toMatch(/^order-[0-9a-f]{6}$/);
      }
      // Marie's decision came from Julien's address: the address is his too, so it stays.
      expect(marie.map((m) => m.ip)).toContain(JULIEN.ip);
      // Julien's breach entry was re-keyed (still found), the others are gone.
      expect((copy.prepare('SELECT count(*) AS n FROM breach_entries').get() as { n: number }).n).toBeGreaterThan(0);
      const v = await verifyCase(copy);
      expect(v.problems).toEqual([]);
      expect(v.contentsChecked).toBe((copy.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n);
    } finally {
      copy.close();
    }
  });

  it('the manifest lists what was removed and both chain heads', () => {
    const m = JSON.parse(readFileSync(`${copyPath}.manifest.json`, 'utf8'));
    expect(m.removed.join('\n')).toMatch(/analyst text withheld: 1 notes/);
    expect(m.removed.join('\n')).toMatch(/case key replaced/);
    expect(m.copyAuditHead).toMatch(/^[0-9a-f]{64}$/);
    expect(m.originalAuditLastHash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.copyAuditHead).not.toBe(m.originalAuditLastHash);
  });
});
