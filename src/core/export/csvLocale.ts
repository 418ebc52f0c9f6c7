// Which CSV dialect a language's spreadsheet expects: French Excel reads `;` with decimal commas (its list
// separator is `;` because `,` is the decimal mark); English Excel reads `,` with decimal points. Both get
// UTF-8 with a BOM. An explicit separator always wins.
import type { Lang } from '../i18n/locale';
import type { CsvOptions } from './csvCell';

export type CsvSeparator = ',' | ';';

export function csvSeparatorFor(lang: Lang): CsvSeparator {
  return lang === 'fr' ? ';' : ',';
}

export function csvOptionsFor(lang: Lang, separator?: CsvSeparator): CsvOptions & { lang: Lang } {
  return { separator: separator ?? csvSeparatorFor(lang), lang };
}
