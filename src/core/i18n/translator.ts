// The `t` of every host: messages from the catalogue (ICU plurals and selects through FormatJS), and
// dates, numbers and amounts formatted by language: "23/11/2025 07:02 (heure de Paris)", "148,00 €".
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { CATALOGS, type MessageId } from './catalog';
import { compileDirect, NOT_DIRECT, type DirectFormat } from './directFormat';
import { DEFAULT_LANG, LOCALE_TAG, type Lang } from './locale';
import { isMsg, isWhen, isZone, type Msg, type MsgValue } from './message';

export interface Translator {
  readonly lang: Lang;
  readonly locale: string;
  /** A catalogue message with its values (nested engine messages are rendered first). */
  t(id: MessageId, values?: Record<string, MsgValue | null | undefined>): string;
  /** An engine message `{id, ...params}`; an id this version does not know falls back to `fallback` or the id. */
  msg(m: Msg, fallback?: string): string;
  /** An engine text given both ways (a message and its English words): the message when there is one, else the words. */
  said(m: Msg | undefined, plain: string): string;
  /** The same for a list: the messages when the result carries them, else the English words. */
  saidAll(ms: readonly Msg[] | undefined, plain: readonly string[]): string[];
  /** "23/11/2025 07:02" / "2025-11-23 07:02" (with seconds when asked) in the zone `tz`. */
  dateTime(ms: number, tz: string, opts?: { seconds?: boolean }): string;
  /** "23/11/2025 07:02 (heure de Paris)" / "2025-11-23 07:02 (Paris time)". */
  dateTimeInZone(ms: number, tz: string, opts?: { seconds?: boolean }): string;
  /** "dimanche 23 novembre 2025". */
  dateLong(ms: number, tz: string): string;
  /** "23/11/2025" / "2025-11-23". */
  date(ms: number, tz: string): string;
  /** "07:02" or "07:02:13". */
  time(ms: number, tz: string, opts?: { seconds?: boolean }): string;
  /** "heure de Paris" / "Paris time"; "UTC" for UTC. */
  zoneName(tz: string): string;
  /** The same instant in UTC, for evidence: "23/11/2025 06:02:13 UTC" / "2025-11-23 06:02:13Z". */
  utc(ms: number): string;
  number(n: number, opts?: Intl.NumberFormatOptions): string;
  /** "148,00 €" / "€148.00"; a missing or unknown currency gives the plain number with two decimals. */
  amount(n: number, currency?: string | null): string;
  /** 0.42 → "42 %" / "42%". */
  percent(ratio: number): string;
  /** "a, b et c" / "a, b and c". */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
}

const cache = createIntlCache();
const DAY_MS = 86_400_000;
/** The largest time a Date holds (beyond it the clock format throws, as it always has). */
const MAX_TIME_MS = 8.64e15;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** "07:02" or "07:02:13" in UTC: what the clock format (2-digit, 24 h) writes in every language Alibi speaks. */
function utcClock(ms: number, seconds?: boolean): string {
  const t = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  const hm = `${pad2(Math.floor(t / 3_600_000))}:${pad2(Math.floor(t / 60_000) % 60)}`;
  return seconds ? `${hm}:${pad2(Math.floor(t / 1000) % 60)}` : hm;
}
const translators = new Map<Lang, Translator>();

export function translator(lang: Lang = DEFAULT_LANG): Translator {
  let tr = translators.get(lang);
  if (!tr) {
    tr = makeTranslator(lang);
    translators.set(lang, tr);
  }
  return tr;
}

function makeTranslator(lang: Lang): Translator {
  const locale = LOCALE_TAG[lang];
  const intl: IntlShape<string> = createIntl(
    { locale, defaultLocale: LOCALE_TAG[DEFAULT_LANG], messages: CATALOGS[lang], onError: () => undefined },
    cache,
  );
  const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
  const dtf = (tz: string, key: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
    const k = `d|${tz}|${key}`;
    let f = formats.get(k) as Intl.DateTimeFormat | undefined;
    if (!f) {
      try {
        f = new Intl.DateTimeFormat(locale, { ...o, timeZone: tz });
      } catch {
        f = new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' }); // an unknown zone name never breaks a report
      }
      formats.set(k, f);
    }
    return f;
  };
  const NO_TIME = '—';
  const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  const clock = (seconds?: boolean): Intl.DateTimeFormatOptions => ({ hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' });

  let separator: string | undefined; // the list separator, rendered once
  const render = (values: Record<string, MsgValue | null | undefined> | undefined): Record<string, string | number> => {
    const out: Record<string, string | number> = {};
    // values are plain objects (engine messages, literals): their own keys, in order, without an entries list per call
    for (const k in values) {
      if (k === 'id' || !Object.prototype.hasOwnProperty.call(values, k)) continue;
      const v = values[k];
      out[k] = v === null || v === undefined ? '' : Array.isArray(v) ? v.map((x) => (isMsg(x) ? self.msg(x) : x)).join((separator ??= self.t('format.semicolonSeparator')))
        : isMsg(v) ? self.msg(v) : isWhen(v) ? self.dateTime(v.ts, v.tz, { seconds: true }) : isZone(v) ? self.zoneName(v.zone) : (v as string | number);
    }
    return out;
  };

  // Each catalogue message is compiled once and formatted directly: intl.formatMessage looks its formatter up
  // by a JSON key of the message and every format option on each call, which dominated a large analysis (~300k
  // texts). Same formatter, same values, same fallbacks (a message that fails to format prints as written).
  // The formatter's own direct function (see directFormat) renders it without format()'s lists of parts.
  const compiled = new Map<string, { format(values: Record<string, string | number>): unknown; direct?: DirectFormat }>();
  const formatted = (id: MessageId, values: Record<string, string | number>): string => {
    const message = CATALOGS[lang][id];
    if (typeof message !== 'string' || !message || !Object.prototype.hasOwnProperty.call(CATALOGS[lang], id)) return intl.formatMessage({ id }, values) as string;
    try {
      let mf = compiled.get(id);
      if (!mf) {
        const f = intl.formatters.getMessageFormat(message, locale, intl.formats, { formatters: intl.formatters });
        compiled.set(id, (mf = { format: f.format, direct: compileDirect(f.getAst(), locale, intl.formatters) }));
      }
      const text = mf.direct?.(values);
      return text === undefined || text === NOT_DIRECT ? (mf.format(values) as string) : text;
    } catch {
      return message;
    }
  };

  const formatDate = (ms: number, tz: string): string => {
    const parts = Object.fromEntries(dtf(tz, 'date', DATE).formatToParts(ms).map((p) => [p.type, p.value]));
    return self.t('format.date', { year: parts.year, month: parts.month, day: parts.day });
  };
  const utcDates = new Map<number, string>();

  const self: Translator = {
    lang,
    locale,
    t: (id, values) => formatted(id, render(values)),
    msg: (m, fallback) => (m.id in CATALOGS[lang] ? self.t(m.id, m) : fallback ?? m.id),
    said: (m, plain) => (m ? self.msg(m, plain) : plain),
    saidAll: (ms, plain) => (ms ? ms.map((m, i) => self.msg(m, plain[i])) : [...plain]),
    // English keeps the unambiguous ISO order (read worldwide, sorts as text); French writes 23/11/2025.
    // A time that is not a number (a case edited outside Alibi) prints as a dash instead of throwing.
    date: (ms, tz) => {
      if (!Number.isFinite(ms)) return NO_TIME;
      if (tz !== 'UTC') return formatDate(ms, tz);
      // in UTC the date is the day's: one rendering per day (an analysis writes tens of thousands of UTC times)
      const day = Math.floor(ms / DAY_MS);
      let text = utcDates.get(day);
      if (text === undefined) {
        if (utcDates.size >= 10_000) utcDates.clear();
        utcDates.set(day, (text = formatDate(ms, tz)));
      }
      return text;
    },
    time: (ms, tz, o) => {
      if (!Number.isFinite(ms)) return NO_TIME;
      // a UTC clock is arithmetic: no ICU call for each of the tens of thousands of times an analysis writes
      if (tz === 'UTC' && Number.isInteger(ms) && Math.abs(ms) <= MAX_TIME_MS) return utcClock(ms, o?.seconds);
      return dtf(tz, `time${o?.seconds ? 's' : ''}`, clock(o?.seconds)).format(ms);
    },
    dateTime: (ms, tz, o) => self.t('format.dateTime', { date: self.date(ms, tz), time: self.time(ms, tz, o) }),
    dateTimeInZone: (ms, tz, o) => self.t('format.dateTimeInZone', { dateTime: self.dateTime(ms, tz, o), zone: self.zoneName(tz) }),
    utc: (ms) => self.t('format.utc', { dateTime: self.dateTime(ms, 'UTC', { seconds: true }) }),
    dateLong: (ms, tz) => (Number.isFinite(ms) ? dtf(tz, 'long', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms) : NO_TIME),
    zoneName: (tz) => (/^(UTC|Etc\/UTC|GMT|Etc\/GMT)$/i.test(tz) ? 'UTC' : self.t('format.zoneCity', { city: zoneCity(tz) })),
    number: (n, o) => intl.formatNumber(n, o),
    amount: (n, currency) => {
      const code = currency?.trim().toUpperCase();
      if (code && /^[A-Z]{3}$/.test(code)) {
        try {
          return intl.formatNumber(n, { style: 'currency', currency: code });
        } catch {
          /* not an ISO currency: plain number below */
        }
      }
      const plain = intl.formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      return code ? `${plain} ${code}` : plain;
    },
    percent: (ratio) => intl.formatNumber(ratio, { style: 'percent', maximumFractionDigits: 0 }),
    list: (items, type = 'conjunction') => intl.formatList(items, { type }) as string,
  };
  return self;
}

/** "Europe/Paris" → "Paris", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
function zoneCity(tz: string): string {
  return (tz.split('/').pop() ?? tz).replace(/_/g, ' ');
}
