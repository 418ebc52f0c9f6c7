// What the import wizard says it detected, in French: the engine's English description of each preset and log
// format has its catalogue words (the same words in English, so a changed description is seen here), the CSV
// separator is named, and a format this version has no words for keeps the engine's description.
import { describe, expect, it, vi } from 'vitest';
import { CSV_PRESETS } from '../../src/core/import/presets';
import { LOG_FORMATS } from '../../src/core/import/logFormats';
import { translator } from '../../src/core/i18n';
import { englishWordsIn } from '../support/englishOnly';

// The renderer's language comes from the profile: French here.
vi.stubGlobal('localStorage', { getItem: () => 'fr', setItem: () => undefined });
vi.stubGlobal('navigator', { languages: ['fr-FR'], language: 'fr-FR' });
const { FORMAT_WORDS, detectedDetail } = await import('../../src/renderer/import/detectedFormat');
/** French typography: a no-break space inside guillemets and before ; and :. */
const nb = (s: string) => s.replace(/ ([;:»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');

describe('the detected format in the language on screen', () => {
  it('every preset variant and log format with prose has words, the same as the engine’s in English', () => {
    const en = translator('en');
    for (const p of CSV_PRESETS) {
      const id = FORMAT_WORDS[`${p.name}.${p.variant}`];
      expect(id, `${p.name}.${p.variant}`).toBeDefined();
      expect(en.t(id)).toBe(p.description);
    }
    for (const f of LOG_FORMATS) {
      const id = FORMAT_WORDS[f.name];
      if (id) expect(en.t(id), f.name).toBe(f.description);
      // a format without words must have no English prose to hide
      else expect(englishWordsIn(f.description.replace(/"[^"]*"|`[^`]*`/g, ' ')), f.name).toEqual([]);
    }
  });

  it('says a PayPal download and its separator in French; a saved preset or unknown format keeps its words', () => {
    const paypal = CSV_PRESETS.find((p) => p.variant === 'paypal')!;
    const fr = detectedDetail({ format: 'csv', preset: paypal.name, detail: `${paypal.description}, separator ","` })!;
    expect(fr).toBe(nb('téléchargement de l’activité PayPal (« Date, Time, TimeZone, Name, Type, Status, Gross, From Email Address, Transaction ID » ; ordre jour/mois lu dans les données), séparateur « , »'));
    expect(detectedDetail({ format: 'csv', preset: null, detail: 'separator "\\t"' })).toBe(nb('séparateur « tabulation »'));
    expect(detectedDetail({ format: 'csv', preset: 'my-shop', detail: 'my own export, separator ";"' })).toBe(nb('my own export, séparateur « ; »'));
    expect(detectedDetail({ format: 'aws-alb', preset: null, detail: 'ignored' })).toMatch(/^journal d’accès d’un répartiteur de charge AWS/);
    expect(detectedDetail({ format: 'future-format', preset: null, detail: 'as the engine says' })).toBe('as the engine says');
  });
});
