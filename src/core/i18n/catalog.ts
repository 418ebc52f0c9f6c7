// One message catalogue per language, ICU MessageFormat, shared by the engine hosts (CLI, report) and the
// renderer. English is the reference: its keys are the MessageId type; test/core/i18n/catalog.test.ts checks
// that French has exactly the same keys and placeholders and that every key is used somewhere in src/.
import en from './messages/en.json';
import fr from './messages/fr.json';
import type { Lang } from './locale';

export type MessageId = keyof typeof en;
export const CATALOGS: Record<Lang, Record<string, string>> = { en, fr };
