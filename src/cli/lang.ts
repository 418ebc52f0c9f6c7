// The CLI's language: `--lang en|fr`, else the environment's locale (LC_ALL, LC_MESSAGES, LANG).
import { AlibiError } from '../core/errors';
import { LANGS, langFromEnv, parseLang, type Lang } from '../core/i18n/locale';

/** An explicit `--lang` value (refused when we do not speak it), else null. */
export function explicitLang(value: string | undefined): Lang | null {
  if (value === undefined) return null;
  const lang = parseLang(value);
  if (!lang) throw new AlibiError(`--lang "${value}" is not a language Alibi speaks`, `use one of: ${LANGS.join(', ')}`, 2);
  return lang;
}

/** The language for the user's own output: `--lang`, else the environment. */
export function cliLang(value: string | undefined): Lang {
  return explicitLang(value) ?? langFromEnv(process.env);
}
