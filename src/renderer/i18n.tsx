// The app's language: chosen in the app (top bar), remembered in this profile, defaulting to the system's
// languages. Every screen takes its words from the shared catalogue through `t` (plain text) or react-intl
// (messages with markup); changing the language re-renders the whole tree in it.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { CATALOGS, LANGS, LOCALE_TAG, langFromPreferences, parseLang, translator, type Lang, type MessageId, type MsgValue, type Translator } from '../core/i18n';

const KEY = 'alibi.lang';

function initialLang(): Lang {
  return parseLang(localStorage.getItem(KEY)) ?? langFromPreferences(navigator.languages ?? [navigator.language]);
}

// Made on first use, not when this module loads: the first Intl call of the page costs ~20 ms (createIntl's locale
// checks), and a screen that starts by asking for its data (the timeline) pays it while the answers travel.
let current: Translator | null = null;

/** The translator of the language on screen (dates, numbers, amounts, plural messages). */
export function tr(): Translator {
  return (current ??= translator(initialLang()));
}

/** A catalogue message in the language on screen. */
export function t(id: MessageId, values?: Record<string, MsgValue | null | undefined>): string {
  return tr().t(id, values);
}

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: initialLang(), setLang: () => undefined });

export function useLang() {
  return useContext(LangContext);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => current?.lang ?? initialLang());
  current = translator(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(
    () => ({
      lang,
      setLang: (l: Lang) => {
        localStorage.setItem(KEY, l);
        current = translator(l);
        setLangState(l);
      },
    }),
    [lang],
  );
  return (
    <LangContext.Provider value={value}>
      <IntlProvider locale={LOCALE_TAG[lang]} messages={CATALOGS[lang]} defaultLocale={LOCALE_TAG.en}>
        {/* keyed by language: every screen re-renders its words in the new language */}
        <div key={lang} style={{ display: 'contents' }}>{children}</div>
      </IntlProvider>
    </LangContext.Provider>
  );
}

const LANG_NAMES: Record<Lang, MessageId> = { en: 'ui.lang.en', fr: 'ui.lang.fr' };

export function LanguagePicker() {
  const { lang, setLang } = useLang();
  return (
    <label className="lang-picker small">
      <select aria-label={t('ui.lang.label')} value={lang} onChange={(e) => setLang(parseLang(e.target.value) ?? lang)} data-testid="lang-picker">
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>{translator(l).t(LANG_NAMES[l])}</option>
        ))}
      </select>
    </label>
  );
}
