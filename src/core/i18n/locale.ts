// The languages Alibi speaks, and how a host picks one: an explicit choice, else the environment's locale.
export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];
export const DEFAULT_LANG: Lang = 'en';

/** BCP 47 tag used for Intl formatting of each language (dates, numbers, plural rules). */
export const LOCALE_TAG: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

/** 'fr', 'fr-FR', 'fr_FR.UTF-8', 'FR' → 'fr'; anything we do not speak → null. */
export function parseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const base = value.trim().toLowerCase().split(/[-_.@]/)[0];
  return (LANGS as readonly string[]).includes(base) ? (base as Lang) : null;
}

/** POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG ("C"/"POSIX" mean no preference). */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v && v !== 'C' && v !== 'POSIX') return parseLang(v) ?? DEFAULT_LANG;
  }
  return DEFAULT_LANG;
}

/** The first language of a preference list (navigator.languages, app.getPreferredSystemLanguages()) we speak. */
export function langFromPreferences(prefs: readonly string[]): Lang {
  for (const p of prefs) {
    const l = parseLang(p);
    if (l) return l;
  }
  return DEFAULT_LANG;
}
