// A catalogue message compiled once into a plain function of its values, giving exactly what FormatJS's
// IntlMessageFormat.format gives for string and number values. A whole-case analysis renders ~100k texts, and
// format() builds a list of parts per call (and per nested plural or select), merges them and reduces them again:
// most of the rendering's cost, for strings that are plain concatenations. This walks the same parsed message with
// the same number formats and plural rules, created once instead of looked up per call.
//
// Only what the catalogues use is compiled — literals, `{x}`, `{x, number}` (no style or a skeleton), `{x, select}`,
// `{x, plural}` (with `#`): a message with anything else (dates, times, named number styles, tags) has no direct
// function and goes through format(). A value that is not a string or a number (format() would return parts, not a
// string) falls back to format() too. Where format() would throw (a missing value, no matching option), the direct
// function throws as well, so the caller's fallback is the same.

/** The parsed message elements this compiles (FormatJS's AST: its TYPE numbers and fields). */
interface Element {
  type: number;
  value?: string;
  style?: unknown;
  options?: Record<string, { value: Element[] }>;
  offset?: number;
  pluralType?: 'cardinal' | 'ordinal';
}

const LITERAL = 0;
const ARGUMENT = 1;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;
const POUND = 7;

/** The formatters format() uses (FormatJS's memoised Intl constructors of the message's `intl`). */
export interface DirectFormatters {
  getNumberFormat(locales: string, opts?: Intl.NumberFormatOptions): Intl.NumberFormat;
  getPluralRules(locales: string, opts?: Intl.PluralRulesOptions): Intl.PluralRules;
}

export type Values = Record<string, unknown>;
/** The text, or NOT_DIRECT when the values need format() itself. */
export type DirectFormat = (values: Values) => string | typeof NOT_DIRECT;

/** Thrown by a direct function when a value is not a string or a number: the caller uses format(). */
export const NOT_DIRECT = Symbol('not direct');

/** Thrown where format() throws (its caller prints the message as written either way). */
class FormatFails extends Error {}

type Piece = string | ((values: Values, pluralValue: number | undefined) => string);

/** The direct function of a parsed message, or undefined when it uses anything not compiled here. */
export function compileDirect(ast: readonly unknown[], locale: string, formatters: DirectFormatters): DirectFormat | undefined {
  const compileList = (els: readonly Element[]): Piece[] | undefined => {
    const out: Piece[] = [];
    for (const el of els) {
      const p = compileOne(el);
      if (p === undefined) return undefined;
      // adjacent literals are one piece (format() merges them too)
      if (typeof p === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += p;
      else out.push(p);
    }
    return out;
  };
  const run = (pieces: Piece[], values: Values, pluralValue: number | undefined): string => {
    let s = '';
    for (const p of pieces) s += typeof p === 'string' ? p : p(values, pluralValue);
    return s;
  };
  const valueOf = (values: Values, name: string): unknown => {
    if (!(name in values)) throw new FormatFails(name);
    return values[name];
  };
  const compileOne = (el: Element): Piece | undefined => {
    const name = el.value ?? '';
    switch (el.type) {
      case LITERAL:
        return name;
      case ARGUMENT:
        return (values) => {
          const v = valueOf(values, name);
          if (typeof v === 'string') return v;
          if (typeof v === 'number') return String(v);
          throw NOT_DIRECT;
        };
      case POUND: {
        const nf = formatters.getNumberFormat(locale);
        // format() writes `#` only inside a plural's own option (a select in between forgets the count)
        return (_values, pluralValue) => (typeof pluralValue === 'number' ? nf.format(pluralValue) : '');
      }
      case NUMBER: {
        const style = el.style;
        if (style !== null && style !== undefined && !(typeof style === 'object' && 'parsedOptions' in style)) return undefined; // a named style
        const opts = style ? (style as { parsedOptions: Intl.NumberFormatOptions & { scale?: number } }).parsedOptions : undefined;
        const nf = formatters.getNumberFormat(locale, opts);
        const scale = opts?.scale;
        return (values) => {
          const v = valueOf(values, name);
          if (typeof v !== 'string' && typeof v !== 'number') throw NOT_DIRECT;
          return nf.format((scale ? (v as number) * scale : v) as number);
        };
      }
      case SELECT: {
        const options = compileOptions(el);
        if (!options) return undefined;
        return (values) => {
          const v = valueOf(values, name);
          if (typeof v !== 'string' && typeof v !== 'number') throw NOT_DIRECT;
          const opt = (Object.prototype.hasOwnProperty.call(options, v) ? options[v] : undefined) || options.other;
          if (!opt) throw new FormatFails(name);
          return run(opt, values, undefined);
        };
      }
      case PLURAL: {
        const options = compileOptions(el);
        if (!options) return undefined;
        const rules = formatters.getPluralRules(locale, { type: el.pluralType });
        const offset = el.offset || 0;
        return (values) => {
          const v = valueOf(values, name);
          if (typeof v !== 'string' && typeof v !== 'number') throw NOT_DIRECT;
          const exact = `=${v}`;
          let opt = Object.prototype.hasOwnProperty.call(options, exact) ? options[exact] : undefined;
          const n = (v as number) - offset;
          if (!opt) {
            const rule = rules.select(n);
            opt = (Object.prototype.hasOwnProperty.call(options, rule) ? options[rule] : undefined) || options.other;
          }
          if (!opt) throw new FormatFails(name);
          return run(opt, values, n);
        };
      }
      default:
        return undefined; // dates, times, tags
    }
  };
  const compileOptions = (el: Element): Record<string, Piece[]> | undefined => {
    const out: Record<string, Piece[]> = Object.create(null);
    for (const [k, o] of Object.entries(el.options ?? {})) {
      const pieces = compileList(o.value);
      if (!pieces) return undefined;
      out[k] = pieces;
    }
    return out;
  };
  const pieces = compileList(ast as Element[]);
  if (!pieces) return undefined;
  return (values) => {
    try {
      return run(pieces, values, undefined);
    } catch (e) {
      if (e === NOT_DIRECT) return NOT_DIRECT;
      throw e;
    }
  };
}
