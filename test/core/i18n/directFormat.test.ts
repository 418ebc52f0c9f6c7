// The catalogue messages' direct functions give exactly what FormatJS's format() gives, for every message of both
// catalogues and many values (plurals' exact and rule options, selects' options and "other", numbers with and
// without a skeleton, `#`, missing values, values that are neither strings nor numbers).
import { describe, expect, it } from 'vitest';
import { createIntl, createIntlCache } from '@formatjs/intl';
import { CATALOGS } from '../../../src/core/i18n/catalog';
import { LOCALE_TAG, type Lang } from '../../../src/core/i18n/locale';
import { compileDirect, NOT_DIRECT } from '../../../src/core/i18n/directFormat';
import { translator } from '../../../src/core/i18n/translator';

interface El {
  type: number;
  value?: string;
  options?: Record<string, { value: El[] }>;
}

/** Every argument of a parsed message with the option keys it selects on (a select's or a plural's). */
function argumentsOf(els: El[], out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const el of els) {
    if (el.type === 0 || el.type === 7) continue;
    const keys = out.get(el.value!) ?? new Set<string>();
    out.set(el.value!, keys);
    for (const [k, o] of Object.entries(el.options ?? {})) {
      keys.add(k.startsWith('=') ? k.slice(1) : k);
      argumentsOf(o.value, out);
    }
  }
  return out;
}

let seed = 12_345;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const NUMBERS = [0, 1, 2, 3, 5, 21, 100, 1.5, 0.125, 12.345, 1_234_567.891, -1, -0, NaN];
const STRINGS = ['', 'yes', 'no', 'other', 'h', 'min', 'days', 'hours', 'one', 'few', '3', '1.50', 'a <b> & {c}', 'Paris'];
const OTHERS = [true, false, null, undefined, { id: 'x' }];

/** format()'s text or the message as written when it throws (what the translator prints), or its non-text result. */
const outcome = (f: () => unknown, message: string): unknown => {
  try {
    return f();
  } catch {
    return message;
  }
};

describe('direct message functions', () => {
  for (const lang of ['en', 'fr'] as Lang[]) {
    it(`give format()'s text for every ${lang} catalogue message`, () => {
      const locale = LOCALE_TAG[lang];
      const intl = createIntl({ locale, messages: CATALOGS[lang], onError: () => undefined }, createIntlCache());
      let compiled = 0;
      let checked = 0;
      let fellBack = 0;
      const ids = Object.keys(CATALOGS[lang]);
      for (const id of ids) {
        const message = CATALOGS[lang][id];
        const mf = intl.formatters.getMessageFormat(message, locale, intl.formats, { formatters: intl.formatters });
        const direct = compileDirect(mf.getAst(), locale, intl.formatters);
        if (!direct) continue;
        compiled++;
        const args = argumentsOf(mf.getAst() as El[]);
        for (let i = 0; i < 40; i++) {
          const values: Record<string, unknown> = {};
          for (const [name, keys] of args) {
            const r = rand();
            if (r < 0.03 && i > 0) continue; // missing
            values[name] = r < 0.35 && keys.size ? pick([...keys].map((k) => (/^-?\d+(\.\d+)?$/.test(k) && rand() < 0.7 ? Number(k) : k)))
              : r < 0.7 ? pick(NUMBERS) : r < 0.97 ? pick(STRINGS) : pick(OTHERS);
          }
          const want = outcome(() => mf.format(values as never), message);
          const got = outcome(() => direct(values), message);
          if (got === NOT_DIRECT) {
            fellBack++;
            expect(Object.values(values).some((v) => typeof v !== 'string' && typeof v !== 'number'), `${id} ${JSON.stringify(values)}`).toBe(true);
            continue;
          }
          expect(got, `${lang} ${id} ${JSON.stringify(values)}`).toEqual(want);
          checked++;
        }
      }
      // nearly every message is rendered directly (the others go through format())
      expect(compiled / ids.length).toBeGreaterThan(0.95);
      expect(checked).toBeGreaterThan(20_000);
      expect(fellBack).toBeGreaterThan(0);
    });
  }

  it("give format()'s text for what the catalogues may use later, and leave the rest to format()", () => {
    const intl = createIntl({ locale: 'en-GB', messages: {}, onError: () => undefined }, createIntlCache());
    const fm = (message: string) => intl.formatters.getMessageFormat(message, 'en-GB', intl.formats, { formatters: intl.formatters });
    const same = [
      '{n, plural, other {{s, select, a {# in a select} other {#}}}}', // a select forgets the count
      '{n, plural, offset:1 =0 {none} one {# other} other {{n} and # others}}',
      '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}',
      '{r, number, ::percent scale/100}',
      '{n, number} / {n, number, ::.0} / {n}',
      "it''s '{literal}' {s}",
    ];
    for (const message of same) {
      const mf = fm(message);
      const direct = compileDirect(mf.getAst(), 'en-GB', intl.formatters)!;
      expect(direct, message).toBeTypeOf('function');
      for (const n of [0, 1, 2, 3, 4, 11, 12, 21, 22, 23, 101, 1.5, -2]) {
        for (const s of ['a', 'b']) {
          const values = { n, s, r: n };
          expect(outcome(() => direct(values), message), `${message} ${n} ${s}`).toEqual(outcome(() => mf.format(values), message));
        }
      }
      expect(outcome(() => direct({}), message)).toBe(outcome(() => mf.format({}), message));
    }
    for (const message of ['{d, date, short}', '{t, time}', '{n, number, percent}', 'a <b>tag</b>']) {
      expect(compileDirect(fm(message).getAst(), 'en-GB', intl.formatters), message).toBeUndefined();
    }
  });

  it('the translator renders nested engine messages, plurals and amounts as before', () => {
    const m = { id: 'blockImpact.throwaway', count: 8, orders: 8, payments: 2, hasAmount: 'yes', amount: [{ id: 'blockImpact.amount', amount: 16, hasCurrency: 'yes', currency: 'EUR' }], hasPaid: 'yes', paid: [{ id: 'blockImpact.amount', amount: 4, hasCurrency: 'yes', currency: 'EUR' }] } as const;
    const nbsp = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');
    expect(translator('en').msg(m as never)).toContain("orders placed by the tester's throwaway identities: 8, amount 16.00 EUR, 2 paid (4.00 EUR)");
    expect(nbsp(translator('fr').msg(m as never))).toContain('8, pour 16,00 EUR, dont 2 payées (4,00 EUR)');
  });
});
