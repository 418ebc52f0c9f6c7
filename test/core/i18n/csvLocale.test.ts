// CSV exports follow the language: French Excel gets `;` and decimal commas (UTF-8 with BOM in both),
// from --lang, the case's language or the environment's locale; --sep overrides.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../../src/core/casefile/caseFile';
import { setCaseLang } from '../../../src/core/casefile/caseLang';
import { CLI } from '../../support/paths';

let dir: string;
let casePath: string;

function alibi(env: Record<string, string>, ...args: string[]) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LANG|LC_ALL|LC_MESSAGES)$/.test(k)));
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const header = (file: string) => readFileSync(join(dir, file), 'utf8').split('\r\n')[0];
const row = (file: string, ip: string) => readFileSync(join(dir, file), 'utf8').split('\r\n').find((l) => l.startsWith(ip)) ?? '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-i18n-csv-'));
  expect(alibi({}, 'demo', '--out', dir).code).toBe(0);
  casePath = join(dir, 'sample.alibi');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV dialect by language', () => {
  it('the environment locale picks French Excel: BOM, `;`, decimal commas', () => {
    const r = alibi({ LANG: 'fr_FR.UTF-8' }, 'export', casePath, 'ips', '--out', 'fr.csv', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ separator: ';' });
    expect(header('fr.csv')).toMatch(/^\uFEFFip;role;confidence;/);
    expect(row('fr.csv', '90.14.207.118')).toMatch(/^90\.14\.207\.118;customer;0,\d+;/);
    // the text columns (signals, block reasons) in French; the codes (role, verdict) stay codes
    expect(row('fr.csv', '51.91.102.137')).toMatch(/inscrite au registre d’infrastructure comme prestataire.*;do-not-block;NE PAS BLOQUER\u00A0: c’est l’adresse IP du prestataire/);
    expect(alibi({ LANG: 'fr_FR.UTF-8' }, 'export', casePath, 'findings', '--out', 'findings-fr.csv').code).toBe(0);
    const findings = readFileSync(join(dir, 'findings-fr.csv'), 'utf8');
    expect(findings).toContain('cartes distinctes par adresse e-mail sur 24 h');
    expect(findings).toContain('2 cartes distinctes pour l’adresse e-mail julien.moreau@example.net en 24 h (du 23/11/2025 06:41:23');
  });

  it('--lang and --sep override the environment', () => {
    expect(alibi({ LANG: 'fr_FR.UTF-8' }, 'export', casePath, 'ips', '--out', 'en.csv', '--lang', 'en').code).toBe(0);
    expect(header('en.csv')).toMatch(/^\uFEFFip,role,confidence,/);
    expect(row('en.csv', '90.14.207.118')).toMatch(/^90\.14\.207\.118,customer,0\.\d+,/);
    expect(alibi({ LANG: 'fr_FR.UTF-8' }, 'export', casePath, 'ips', '--out', 'comma.csv', '--sep', ',').code).toBe(0);
    expect(header('comma.csv')).toMatch(/^\uFEFFip,role,/);
    const bad = alibi({}, 'export', casePath, 'ips', '--out', 'x.csv', '--lang', 'tlh');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--lang "tlh" is not a language Alibi speaks/);
  });

  it("the case's language wins over the environment", () => {
    const db = openCase(casePath);
    setCaseLang(db, 'fr');
    db.close();
    expect(alibi({ LANG: 'en_GB.UTF-8' }, 'export', casePath, 'events', '--out', 'ev.csv', '--limit', '5').code).toBe(0);
    expect(header('ev.csv')).toMatch(/^\uFEFFtime_utc;id;/);
  });
});
