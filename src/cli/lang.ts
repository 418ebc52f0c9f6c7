// The CLI's language: `--lang en|fr`, else the environment's locale (LC_ALL, LC_MESSAGES, LANG).
import { AlibiError } from '../core/errors';
import { msg } from '../core/i18n/message';
import { LANGS, langFromEnv, parseLang, type Lang } from '../core/i18n/locale';

/** An explicit `--lang` value (refused when we do not speak it), else null. */
export function explicitLang(value: string | undefined): Lang | null {
  if (value === undefined) return null;
  const lang = parseLang(value);
  if (!lang) throw AlibiError.of(msg('error.unknownLang', { value }), msg('error.unknownLang.hint', { langs: LANGS.join(', ') }), 2);
  return lang;
}

/** The language for the user's own output: `--lang`, else the environment. */
export function cliLang(value: string | undefined): Lang {
  return explicitLang(value) ?? langFromEnv(process.env);
}

/** The language of the CLI's own messages (errors): `--lang` anywhere on the command line, else the environment. */
export function messageLang(argv: readonly string[] = process.argv): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice(7) : argv[i + 1];
  return parseLang(value) ?? langFromEnv(process.env);
}
