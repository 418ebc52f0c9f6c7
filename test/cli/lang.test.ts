// The CLI speaks the user's language: `--lang fr`, else the environment's locale — for the analysis output
// (findings, IP roles, block impact) and for the report, whose language `--lang` chooses at export.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO } from '../support/paths';
import { englishWordsIn } from '../support/englishOnly';

let dir: string;
let casePath: string;

/** The built CLI with a chosen locale (LANG), nothing else of the caller's environment's language. */
function alibi(lang: string, ...args: string[]): { code: number | null; out: string; err: string } {
  if (!existsSync(CLI)) spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO });
  const env = { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-cli-lang-'));
  expect(alibi('C', 'demo', '--out', dir).code).toBe(0);
  casePath = join(dir, 'sample.alibi');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI in French', () => {
  it('findings --lang fr: summaries, assessments and signals in French, whatever the locale', () => {
    const r = alibi('en_GB.UTF-8', 'findings', casePath, '--lang', 'fr');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[LOW\] MC-1 cartes distinctes par adresse e-mail sur 24 h — julien\.moreau@example\.net/);
    expect(r.out).toContain('2 cartes distinctes pour l’adresse e-mail julien.moreau@example.net en 24 h (du 23/11/2025 06:41:23 au 23/11/2025 07:02:06');
    expect(r.out).toMatch(/appréciation\u00A0: probablement légitime — Cela ressemble à une personne ou à un foyer/);
    expect(r.out).toContain('+ foyer\u00A0: cartes émises dans le pays de l’adresse');
    expect(r.out).not.toMatch(/assessment:|household:|evidence events:/);
    // no English left once the data (e-mails, ids, names, the provider's rule name) is set aside
    const prose = r.out.replace(/\S*[@_\d]\S*/g, ' ').replace(/JULIEN MOREAU|CLAIRE MOREAU|Orange S\.A\.|Multi-CB/g, ' ');
    expect(englishWordsIn(prose)).toEqual([]);
  });

  it('ips and block-impact follow the environment locale (LANG=fr_FR.UTF-8) when --lang is not given', () => {
    const ips = alibi('fr_FR.UTF-8', 'ips', casePath);
    expect(ips.code).toBe(0);
    expect(ips.out.split('\n')[0]).toMatch(/^adresse\s+rôle\s+confiance\s+asn\s+organisation\s+pays\s+événements\s+clients\s+commandes\s+éléments$/);
    expect(ips.out).toMatch(/51\.91\.102\.137\s+provider\s+97\u202F?\u00A0?%.*inscrite au registre d’infrastructure comme prestataire/);
    const b = alibi('fr_FR.UTF-8', 'block-impact', casePath, '51.91.102.137');
    expect(b.out).toContain('51.91.102.137 (adresse IP du prestataire (serveur à serveur))\u00A0: NE PAS BLOQUER');
    expect(b.out).toMatch(/couperait\u00A0: 68 clients, 73 commandes, \d+ paiements acceptés, 147 appels du prestataire/);
    // and in English when the environment says so
    expect(alibi('en_GB.UTF-8', 'block-impact', casePath, '51.91.102.137').out).toContain('51.91.102.137 (payment provider (server-to-server)): DO NOT BLOCK');
  });

  it('report --lang fr writes the French report (page 1 the answer), an unknown language is a usage error', () => {
    const out = join(dir, 'rapport.pdf');
    const r = alibi('en_GB.UTF-8', 'report', casePath, '--lang', 'fr', '--out', out);
    expect(r.code, r.err).toBe(0);
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(page1).toContain('1. L’essentiel');
    expect(page1).toContain('Ce qu’il faut faire maintenant');
    expect(page1).not.toContain('What to do now');
    const bad = alibi('C', 'report', casePath, '--lang', 'tlh', '--out', join(dir, 'x.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/tlh/);
  });

  it('import errors in French with the CLI’s hint (a flag); Node’s own error text never printed', () => {
    const missing = join(dir, 'commandes.csv');
    const r = alibi('fr_FR.UTF-8', 'import', casePath, missing);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`alibi: ${missing}\u00a0: lecture impossible (fichier introuvable)`);
    expect(r.err).toContain('que faire\u00a0: vérifiez le chemin et les droits d’accès du fichier');
    expect(r.err).not.toMatch(/ENOENT|no such file/);
    const image = join(dir, 'photo.csv');
    writeFileSync(image, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256))]));
    const b = alibi('fr_FR.UTF-8', 'import', casePath, image);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/photo\.csv n’est pas un export texte .*binaire/);
  });
});
