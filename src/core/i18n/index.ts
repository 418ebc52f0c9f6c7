// The i18n door for every host: languages, the catalogue, the translator and engine messages.
export { LANGS, DEFAULT_LANG, LOCALE_TAG, parseLang, langFromEnv, langFromPreferences, type Lang } from './locale';
export { CATALOGS, type MessageId } from './catalog';
export { translator, type Translator } from './translator';
export { msg, isMsg, type Msg, type MsgValue } from './message';
export * from "./terms";
export { Said, english } from "./said";
export { auditMessage } from "./auditMessage";
