// The catalogue check: every language has exactly the English keys, every message parses as ICU, every
// placeholder of a message is present in every language, every key is used in src/, and every key the
// code names exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGS } from '../../../src/core/i18n/catalog';
import { LANGS } from '../../../src/core/i18n/locale';
import { REPO } from '../../support/paths';

const SRC = join(REPO, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** Names of the arguments a message uses, through plurals, selects and tags. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      argumentsOf(el.children, out);
      continue;
    }
    out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const opt of Object.values(el.options)) argumentsOf(opt.value, out);
    }
  }
  return out;
}

const en = CATALOGS.en;
const keys = Object.keys(en);
const code = sourceFiles(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');

describe('message catalogues', () => {
  it('keys are in alphabetical order in every catalogue (parallel work adds keys without merge conflicts)', () => {
    for (const lang of LANGS) {
      const keys = Object.keys(CATALOGS[lang]);
      expect(keys, lang).toEqual([...keys].sort());
    }
  });

  it('has messages', () => {
    expect(keys.length).toBeGreaterThan(0);
  });

  for (const lang of LANGS) {
    it(`${lang}: same keys as English, every message parses`, () => {
      const cat = CATALOGS[lang];
      expect(Object.keys(cat).filter((k) => !(k in en)), 'keys English does not have').toEqual([]);
      expect(keys.filter((k) => !(k in cat)), 'keys missing').toEqual([]);
      const broken = Object.entries(cat).filter(([, text]) => {
        try {
          parse(text);
          return false;
        } catch {
          return true;
        }
      });
      expect(broken.map(([k]) => k), 'messages that are not valid ICU').toEqual([]);
      const empty = Object.entries(cat).filter(([, text]) => !text.trim());
      expect(empty.map(([k]) => k), 'empty messages').toEqual([]);
    });

    it(`${lang}: every number format is a known style or a skeleton (a stray space before :: makes it neither)`, () => {
      const styles = (elements: MessageFormatElement[]): string[] =>
        elements.flatMap((el) => {
          if (el.type === TYPE.number && typeof el.style === 'string') return [el.style];
          if (el.type === TYPE.plural || el.type === TYPE.select) return Object.values(el.options).flatMap((o) => styles(o.value));
          if (el.type === TYPE.tag) return styles(el.children);
          return [];
        });
      const odd = Object.entries(CATALOGS[lang]).flatMap(([k, text]) => styles(parse(text)).filter((st) => !['integer', 'percent', 'currency'].includes(st)).map((st) => `${k}: "${st}"`));
      expect(odd).toEqual([]);
    });

    it(`${lang}: every placeholder of every message is present`, () => {
      const mismatched = keys.flatMap((k) => {
        const want = [...argumentsOf(parse(en[k]))].sort();
        const got = [...argumentsOf(parse(CATALOGS[lang][k] ?? ''))].sort();
        return want.join(',') === got.join(',') ? [] : [`${k}: en {${want}} ≠ ${lang} {${got}}`];
      });
      expect(mismatched).toEqual([]);
    });
  }

  it('no message has an {id} placeholder (the translator keeps `id` for the message id of engine messages)', () => {
    expect(keys.filter((k) => argumentsOf(parse(en[k])).has('id'))).toEqual([]);
  });

  it('every key is used in the source (as a quoted literal)', () => {
    const unused = keys.filter((k) => !code.includes(`'${k}'`) && !code.includes(`"${k}"`) && !code.includes(`\`${k}\``));
    expect(unused).toEqual([]);
  });

  it('every key the source names exists', () => {
    const named = new Set<string>();
    const patterns = [/\b(?:t|msg)\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g, /\bid[:=]\s*['"]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"]/g];
    for (const re of patterns) for (const m of code.matchAll(re)) named.add(m[1]);
    expect([...named].filter((k) => !(k in en))).toEqual([]);
  });

  it('French text uses French typography, not straight quotes around phrases', () => {
    const bad = Object.entries(CATALOGS.fr).filter(([, t]) => /"[^"]+"/.test(t));
    expect(bad.map(([k]) => k)).toEqual([]);
  });
});
