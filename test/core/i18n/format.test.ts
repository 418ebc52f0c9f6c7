// Dates, numbers, amounts and plurals by language, and how a host picks its language.
import { describe, expect, it } from 'vitest';
import { langFromEnv, langFromPreferences, parseLang, translator } from '../../../src/core/i18n';

const nbsp = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');
// 2025-11-23 06:02:13 UTC = 07:02:13 in Paris (winter time).
const T = Date.UTC(2025, 10, 23, 6, 2, 13);

describe('translator formats', () => {
  it('French dates in the case zone, named as the shop owner says it', () => {
    const fr = translator('fr');
    expect(fr.dateTimeInZone(T, 'Europe/Paris')).toBe('23/11/2025 07:02 (heure de Paris)');
    expect(fr.dateTime(T, 'Europe/Paris', { seconds: true })).toBe('23/11/2025 07:02:13');
    expect(fr.dateLong(T, 'Europe/Paris')).toBe('dimanche 23 novembre 2025');
    expect(fr.dateTimeInZone(T, 'UTC')).toBe('23/11/2025 06:02 (UTC)');
  });

  it('English dates', () => {
    const en = translator('en');
    expect(en.dateTimeInZone(T, 'Europe/Paris')).toBe('2025-11-23 07:02 (Paris time)');
    expect(en.dateLong(T, 'America/New_York')).toBe('Sunday, 23 November 2025');
    expect(en.zoneName('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
  });

  it('an unknown zone does not throw', () => {
    expect(translator('fr').dateTime(T, 'Mars/Olympus')).toBe('23/11/2025 06:02');
  });

  it('UTC dates (rendered once per day) are the dates of the same instants in Etc/UTC, at every day edge', () => {
    const DAY = 86_400_000;
    for (const lang of ['en', 'fr'] as const) {
      const t = translator(lang);
      for (const day of [-719_162, -1, 0, 1, 20_000, 20_423, 2_932_896]) {
        for (const ms of [day * DAY - 1, day * DAY, day * DAY + 1, day * DAY + DAY / 2, (day + 1) * DAY - 1]) {
          expect(t.date(ms, 'UTC'), `${lang} ${ms}`).toBe(t.date(ms, 'Etc/UTC'));
          expect(t.dateTime(ms, 'UTC', { seconds: true }), `${lang} ${ms}`).toBe(t.dateTime(ms, 'Etc/UTC', { seconds: true }));
        }
      }
    }
    expect(translator('en').date(Date.UTC(2025, 10, 23, 23, 59, 59), 'UTC')).toBe('2025-11-23');
    expect(translator('fr').date(Date.UTC(2025, 10, 24), 'UTC')).toBe('24/11/2025');
  });

  it('UTC clock times (written without ICU) are those of Etc/UTC, with and without seconds, at every edge', () => {
    const DAY = 86_400_000;
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const instants = [0, -1, 1, 999, 1_000, 59_999, 60_000, 3_599_999, 3_600_000, DAY - 1, DAY, -DAY, -DAY - 1, 8.64e15, -8.64e15, 1.5, -1.5, Date.UTC(2025, 10, 23, 6, 2, 13)];
    for (let i = 0; i < 2_000; i++) instants.push(Math.floor((rand() - 0.5) * 2 * 8.64e15), Math.floor(rand() * 4e12));
    for (const lang of ['en', 'fr'] as const) {
      const t = translator(lang);
      for (const ms of instants) {
        expect(t.time(ms, 'UTC'), `${lang} ${ms}`).toBe(t.time(ms, 'Etc/UTC'));
        expect(t.time(ms, 'UTC', { seconds: true }), `${lang} ${ms}`).toBe(t.time(ms, 'Etc/UTC', { seconds: true }));
      }
      expect(() => t.time(8.64e15 + 1, 'UTC')).toThrow(RangeError);
    }
    expect(translator('fr').time(Date.UTC(2025, 10, 23, 6, 2, 13), 'UTC', { seconds: true })).toBe('06:02:13');
  });

  it('amounts and numbers', () => {
    const fr = translator('fr');
    expect(nbsp(fr.amount(148, 'eur'))).toBe('148,00 €');
    expect(nbsp(fr.amount(1234.5, 'EUR'))).toBe('1 234,50 €');
    expect(nbsp(fr.amount(12, null))).toBe('12,00');
    expect(nbsp(fr.amount(12, 'XX1'))).toBe('12,00 XX1');
    expect(nbsp(fr.number(12345))).toBe('12 345');
    expect(nbsp(fr.percent(0.42))).toBe('42 %');
    expect(translator('en').amount(148, 'EUR')).toBe('€148.00');
    expect(translator('en').number(12345)).toBe('12,345');
    expect(fr.list(['a', 'b', 'c'])).toBe('a, b et c');
  });
});

describe('language choice', () => {
  it('reads the POSIX locale variables in their order of precedence', () => {
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: 'C', LANG: 'fr_CA' })).toBe('fr');
    expect(langFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
  });
  it('parses tags and preference lists', () => {
    expect(parseLang('FR-be')).toBe('fr');
    expect(parseLang('klingon')).toBeNull();
    expect(langFromPreferences(['de-DE', 'fr-CH', 'en'])).toBe('fr');
  });
});
