// The import's own sentences as catalogue messages: what the preview detected, its columns and notes, and every
// error of planning an import (missing, empty, binary, unknown layout, no timestamp) carry a message id with
// parameters, said in French on a French screen, with a hint phrased for the app (no command-line flag) or the CLI.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { previewImport } from '../../../src/core/import/importPreview';
import { importFile, planImport } from '../../../src/core/import/importFile';
import { FORMAT_WORDS } from '../../../src/core/import/formatWords';
import { CSV_PRESETS } from '../../../src/core/import/presets';
import { LOG_FORMATS } from '../../../src/core/import/logFormats';
import { toErrorData, type ErrorData, type Host } from '../../../src/core/errors';
import { translator } from '../../../src/core/i18n';
import { englishWordsIn } from '../../support/englishOnly';
import { APACHE_LOG } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';

const fr = translator('fr');
/** French prose less what it quotes (« column names », first lines): the words the interface itself says. */
const frenchWords = (text: string) => englishWordsIn(text.replace(/«[^»]*»/g, ' '));

async function failure(p: Promise<unknown>, host: Host): Promise<ErrorData> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, 'expected a refusal').not.toBeNull();
  return toErrorData(e, host);
}

/** The error as the host shows it in French: message and hint. */
const inFrench = (d: ErrorData) => `${d.msg ? fr.msg(d.msg, d.message) : d.message} — ${d.hintMsg ? fr.msg(d.hintMsg, d.hint) : d.hint}`;

/** A PNG's signature and binary noise, as an image renamed .csv would be. */
function png(path: string): string {
  writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256))]));
  return path;
}

describe('what the preview detected, in the language on screen', () => {
  it('every preset variant and log format with prose has catalogue words, the same as the declaration in English', () => {
    const en = translator('en');
    for (const p of CSV_PRESETS) {
      const id = FORMAT_WORDS[`${p.name}.${p.variant}`];
      expect(id, `${p.name}.${p.variant}`).toBeDefined();
      expect(en.t(id)).toBe(p.description);
    }
    for (const f of LOG_FORMATS) {
      const id = FORMAT_WORDS[f.name];
      if (id) expect(en.t(id), f.name).toBe(f.description);
      // a format without words must have no English prose to hide (its directives are shown as they are)
      else expect(englishWordsIn(f.description.replace(/"[^"]*"|`[^`]*`/g, ' ')), f.name).toEqual([]);
    }
  });

  it('a CSV preset, its separator and an unknown layout are said in French', async () => {
    const dir = tmpDir();
    const paypal = CSV_PRESETS.find((p) => p.variant === 'paypal')!;
    const file = join(dir, 'Download.CSV');
    writeFileSync(file, [paypal.sample.header, ...paypal.sample.rows].join('\n'));
    const p = await previewImport(null, file);
    expect(fr.said(p.detailMsg, p.detail!)).toMatch(/^téléchargement de l’activité PayPal .*, séparateur «\u00a0,\u00a0»$/);
    expect(translator('en').said(p.detailMsg, p.detail!)).toBe(p.detail); // the English words are the engine's own
    const tsv = join(dir, 'custom.tsv');
    writeFileSync(tsv, 'When\tWho\n2025-11-23 06:41\tJean\n');
    const q = await previewImport(null, tsv);
    expect(fr.said(q.detailMsg, q.detail!)).toBe('séparateur «\u00a0tabulation\u00a0»');
  });

  it('a log’s columns and the lines it will reject are said in French', async () => {
    const file = join(tmpDir(), 'access.log');
    writeFileSync(file, [
      '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /index.html HTTP/1.1" 200 203023 "-" "Mozilla/5.0"',
      '83.149.9.216 - - [17/May/2015:10:05:04 +0000] "GET /a.css HTTP/1.1" 200 171717 "-" "Mozilla/5.0"',
      'this line is no access-log line at all',
    ].join('\n'));
    const p = await previewImport(null, file);
    expect(p.format).toBe('combined');
    expect(p.headerMsgs!.map((m) => fr.msg(m))).toEqual([
      'heure (UTC)', 'IP', 'IP du client', 'méthode', 'chemin', 'statut', 'octets', 'référent', 'navigateur (user agent)', 'autres champs',
    ]);
    expect(p.headers[0]).toBe('time (UTC)');
    const rejected = Object.entries(p.rowNotes ?? {});
    expect(rejected).toHaveLength(1);
    expect(p.rows[Number(rejected[0][0])][1]).toBe('this line is no access-log line at all');
    expect(fr.msg(rejected[0][1])).toMatch(/^\(sera rejetée\u00a0: /);
  });
});

describe('errors of planning an import, for the app and the CLI, in French', () => {
  it('a missing file: said in words, never Node’s ENOENT text; the app is told to choose it again', async () => {
    const missing = join(tmpDir(), 'commandes.csv');
    const app = await failure(previewImport(null, missing), 'app');
    expect(app.msg?.id).toBe('import.error.cannotRead');
    expect(inFrench(app)).toMatch(/commandes\.csv\u00a0: lecture impossible \(fichier introuvable\) — il a peut-être été déplacé, renommé ou supprimé\u00a0: choisissez à nouveau le fichier$/);
    expect(`${app.message} ${app.hint}`).not.toMatch(/ENOENT|no such file or directory,/);
    const cli = await failure(planImport(null, missing), 'cli');
    expect(fr.msg(cli.hintMsg!)).toBe('vérifiez le chemin et les droits d’accès du fichier');
  });

  it('an image renamed .csv is refused at preview and at import, as binary', async () => {
    const dir = tmpDir();
    const image = png(join(dir, 'photo.csv'));
    const app = await failure(previewImport(null, image), 'app');
    expect(app.msg?.id).toBe('import.error.binary');
    expect(inFrench(app)).toMatch(/photo\.csv n’est pas un export texte .*binaire.* — choisissez le fichier CSV ou le journal lui-même$/);
    const { db } = newCase();
    expect((await failure(importFile(db, image), 'cli')).msg?.id).toBe('import.error.binary');
    expect((db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n).toBe(0);
  });

  it('a log with a hole of NULs (a crash mid-write) is still text, and imports', async () => {
    const line = '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /index.html HTTP/1.1" 200 203023 "-" "Mozilla/5.0"';
    const file = join(tmpDir(), 'crashed.log');
    writeFileSync(file, Buffer.concat([Buffer.from(`${line}\n${line.replace('10:05:03', '10:05:04')}\n`), Buffer.alloc(4096), Buffer.from(`\n${line.replace('10:05:03', '10:07:00')}\n`)]));
    const { db } = newCase();
    const r = await importFile(db, file);
    expect(r.accepted).toBe(3);
  });

  it('an unknown layout and a missing timestamp: the app is told what to choose on screen, the CLI which flag to pass', async () => {
    const file = join(tmpDir(), 'export-boutique.csv');
    writeFileSync(file, 'N° commande;Montant TTC\n48218;54,00\n');
    const app = await failure(planImport(null, file), 'app');
    const cli = await failure(planImport(null, file), 'cli');
    expect(app.msg?.id).toBe('import.error.unknownFormat');
    expect(inFrench(app)).toMatch(/format inconnu \(essayés\u00a0: journaux d’accès .*combined.* modèles CSV .*shop-orders/);
    expect(inFrench(app)).toMatch(/sa première ligne est\u00a0: N° commande;Montant TTC — choisissez le format ou un modèle/);
    expect(inFrench(app)).not.toMatch(/--/);
    expect(fr.msg(cli.hintMsg!)).toMatch(/--format.*--preset.*--map/);
    const noTs = await failure(planImport(null, file, { map: { order_id: 'N° commande' } }), 'app');
    expect(noTs.msg?.id).toBe('import.error.noTimestamp');
    expect(inFrench(noTs)).toMatch(/aucune colonne de date et d’heure — choisissez la colonne de la date et de l’heure dans la correspondance des colonnes\u00a0; colonnes de ce fichier\u00a0: N° commande, Montant TTC$/);
    expect(inFrench(noTs)).not.toMatch(/--/);
  });

  it('an empty file and a file already in the case', async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'vide.csv'), '\n\n');
    expect(inFrench(await failure(previewImport(null, join(dir, 'vide.csv')), 'app'))).toMatch(/vide\.csv est vide \(aucune ligne de données\) — vérifiez qu’il s’agit du bon export/);
    const { db } = newCase();
    await importFile(db, APACHE_LOG);
    const app = await failure(importFile(db, APACHE_LOG), 'app');
    expect(app.code).toBe('exists');
    expect(inFrench(app)).toMatch(/a déjà été importé \(source 1, le \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d UTC, SHA-256 [0-9a-f]{64}\) — rien à faire\u00a0: ses événements sont déjà dans le dossier$/);
    expect(fr.msg((await failure(importFile(db, APACHE_LOG), 'cli')).hintMsg!)).toMatch(/--force/);
  });
});
