import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILES, findSampleDir, readSampleInfra } from '../../../src/core/sample/sampleFiles';
import { PROVIDER_IP, SAMPLE_DIR, readAccessLog, readCsv, samplePath } from '../../support/sampleData';
import { REPO } from '../../support/paths';

const HEADERS: Record<string, { delimiter: string; encoding: string; header: string }> = {
  'shop-orders.csv': {
    delimiter: ';', encoding: 'windows-1252',
    header: 'order_id;order_number;order_date;status;order_total;order_currency;payment_method;transaction_id;customer_ip_address;customer_user_agent;customer_id;customer_email;billing_first_name;billing_last_name;billing_email;billing_phone;billing_address_1;billing_city;billing_postcode',
  },
  'provider-transactions.csv': {
    delimiter: ',', encoding: 'utf8',
    header: 'id,Description,Created (UTC),Amount,Amount Refunded,Currency,Status,Seller Message,Customer ID,Customer Email,Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,Card Exp Year,Card Name,Card Issue Country,Card Fingerprint,Card CVC Status,PaymentIntent ID,order_id (metadata)',
  },
  'provider-antifraud.csv': {
    delimiter: ',', encoding: 'utf8',
    header: 'alert_id,created_at,decision,rule,score,reason,transaction_id,order_id,customer_email,ip_address,card_fingerprint',
  },
  'provider-api-calls.csv': {
    delimiter: ',', encoding: 'utf8',
    header: 'timestamp,direction,method,endpoint,http_status,source_ip,user_agent,order_id,transaction_id,duration_ms',
  },
  'breach-telecom-2025-08.csv': { delimiter: ';', encoding: 'utf8', header: 'email;phone;first_name;last_name' },
};

describe('sample files: presence, headers, encodings', () => {
  it('has every file the demo imports, plus README and infra.json, under 3 MB in total', () => {
    const names = readdirSync(SAMPLE_DIR);
    for (const f of [...SAMPLE_FILES.map((s) => s.file), 'README.md', 'infra.json']) expect(names).toContain(f);
    const total = names.reduce((a, n) => a + statSync(join(SAMPLE_DIR, n)).size, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });

  for (const [file, spec] of Object.entries(HEADERS)) {
    it(`${file} has the exact header and well-formed rows`, () => {
      const firstLine = iconv.decode(readFileSync(samplePath(file)), spec.encoding).split(/\r?\n/)[0];
      expect(firstLine).toBe(spec.header);
      const { rows } = readCsv(file, spec.delimiter, spec.encoding);
      expect(rows.length).toBeGreaterThan(10);
    });
  }

  it('shop-orders.csv is Windows-1252 (not UTF-8), ";"-separated, CRLF, with decimal commas and zoneless local dates', () => {
    const buf = readFileSync(samplePath('shop-orders.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buf)).toThrow();
    expect(buf[0]).not.toBe(0xef); // no UTF-8 BOM
    expect(buf.includes(Buffer.from([0xe9]))).toBe(true); // é
    expect(buf.includes(Buffer.from([0x9c]))).toBe(true); // œ: where Windows-1252 and Latin-1 differ
    const text = iconv.decode(buf, 'windows-1252');
    expect(text.split('\r\n').length).toBeGreaterThan(10);
    expect(text).toMatch(/Sacré-Cœur/);
    const { rows } = readCsv('shop-orders.csv', ';', 'windows-1252');
    for (const r of rows) {
      expect(r.order_total).toMatch(/^\d+,\d{2}$/);
      expect(r.order_date).toMatch(/^2025-11-23 \d{2}:\d{2}:\d{2}$/);
    }
  });

  it('the access log is nginx main with +0100 times, a few thousand lines, within the morning', () => {
    const lines = readAccessLog();
    expect(lines.length).toBeGreaterThan(2000);
    expect(lines.length).toBeLessThan(10000);
    for (const l of lines) {
      expect(l.offset).toBe('+0100');
      expect(l.localSeconds).toBeGreaterThanOrEqual(6 * 3600);
      expect(l.localSeconds).toBeLessThan(11 * 3600 + 45 * 60);
    }
    const direct = lines.filter((l) => l.xff === '-');
    expect(direct.length).toBeGreaterThan(0); // a few hits without the proxy
    expect(direct.length).toBeLessThan(lines.length / 50);
  });

  it('infra.json lists the provider range holding the provider IP and the own reverse proxy', () => {
    const infra = readSampleInfra(SAMPLE_DIR);
    expect(infra).toContainEqual(expect.objectContaining({ cidr: '10.0.0.2/32', role: 'own' }));
    const provider = infra.filter((e) => e.role === 'provider');
    expect(provider.length).toBeGreaterThan(0);
    const inCidr = (ip: string, cidr: string) => {
      const [base, bits] = cidr.split('/');
      const n = (s: string) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);
      const size = 2 ** (32 - Number(bits));
      return Math.floor(n(ip) / size) === Math.floor(n(base) / size);
    };
    expect(provider.some((e) => inCidr(PROVIDER_IP, e.cidr))).toBe(true);
  });
});

describe('findSampleDir', () => {
  it('finds resources/sample from the module, from a bundle folder and from deep inside the checkout', () => {
    expect(findSampleDir()).toBe(SAMPLE_DIR);
    expect(findSampleDir(join(REPO, 'out/cli'))).toBe(SAMPLE_DIR);
    expect(findSampleDir(join(REPO, 'node_modules/@ip-location-db/asn'))).toBe(SAMPLE_DIR);
  });
});

describe('generator', () => {
  const out = mkdtempSync(join(tmpdir(), 'alibi-sample-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('regenerates the committed files byte for byte (deterministic, and the committed copy is current)', () => {
    execFileSync(process.execPath, [join(REPO, 'scripts/generate-sample.mjs'), out], { stdio: 'pipe' });
    for (const name of readdirSync(SAMPLE_DIR)) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join(SAMPLE_DIR, name))), name).toBe(true);
    }
    expect(readdirSync(out).sort()).toEqual(readdirSync(SAMPLE_DIR).sort());
  });
});
