// A rejected line's reason in the reader's language. The parsers record each reason as an English sentence beside
// the line: it is stored, part of the import's digest and of what `verify` proves, so it is never rewritten. The
// screens and the CLI show it in the reader's language by recognising the sentence against the English text of the
// catalogue message that says the same (the tests feed every parser malformed input and check each recorded reason
// is recognised and reads back byte-identical). A sentence not recognised (the CSV library's own wording, a case
// written by another version) is shown as recorded.
import { CATALOGS, type MessageId } from './catalog';
import { msg, type Msg } from './message';
import { english } from './said';

/** The reasons the parsers record, with no line prefix. Their English catalogue text is the recorded sentence. */
const REASONS: readonly MessageId[] = [
  'reject.formatMismatch',
  'reject.tooLong',
  'reject.emptyTimestamp',
  'reject.unreadableDate',
  'reject.noOffset',
  'reject.unknownZone',
  'reject.dstGap',
  'reject.badStatus',
  'reject.badAmount',
  'reject.notJsonObject',
  'reject.notFormatRecord',
  'reject.noTimeField',
  'reject.noFieldsDirective',
  'reject.w3cFieldCount',
  'reject.noDateTime',
  'reject.unreadableDateTime',
  'reject.csvFieldCount',
  'reject.csvMissingQuotes',
  'reject.csvInvalidQuotes',
  'reject.csvError',
  'reject.aliasInvalid',
  'reject.aliasNoBreach',
  'reject.badHash',
  'reject.noIdentifier',
];

/** "line 12: …" (log lines) and "row 12: …" (CSV rows) around a reason. */
const PREFIXED: readonly { id: MessageId; re: RegExp; param: string }[] = [
  { id: 'reject.atLine', re: /^line (\d{1,12}): ([^]*)$/, param: 'line' },
  { id: 'reject.atRow', re: /^row (\d{1,12}): ([^]*)$/, param: 'row' },
];

/** Longer reasons (a parser quotes at most a few dozen characters of the cell) are shown as recorded. */
const MAX_REASON = 2048;

interface Pattern {
  id: MessageId;
  re: RegExp;
  params: string[];
}

let patterns: Pattern[] | undefined;

/** Each reason's English template as an anchored pattern: literal text escaped, each `{param}` a lazy group. */
function compiled(): Pattern[] {
  return (patterns ??= REASONS.map((id) => {
    const parts = CATALOGS.en[id].split(/\{(\w+)\}/);
    const params: string[] = [];
    let source = '';
    parts.forEach((part, i) => {
      if (i % 2) {
        params.push(part);
        source += '([^]*?)';
      } else source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
    return { id, re: new RegExp(`^${source}$`), params };
  }));
}

function reasonMsg(text: string): Msg | undefined {
  for (const p of compiled()) {
    const m = p.re.exec(text);
    if (!m) continue;
    // the CSV library's own error inside "CSV: …" is recognised too when it is one the catalogue words
    const found = msg(p.id, Object.fromEntries(p.params.map((name, i) => [name, name === 'error' ? (reasonMsg(m[i + 1]) ?? m[i + 1]) : m[i + 1]])));
    if (english(found) === text) return found; // two lazy groups could split a value the other way: then keep looking
  }
  return undefined;
}

/** The recorded reason as a message: recognised, or `reject.asRecorded` carrying the sentence as it is. */
export function rejectReasonMsg(recorded: string): Msg {
  if (recorded.length <= MAX_REASON) {
    for (const p of PREFIXED) {
      const m = p.re.exec(recorded);
      const inner = m ? reasonMsg(m[2]) : undefined;
      if (m && inner) return msg(p.id, { [p.param]: m[1], reason: inner });
    }
    const bare = reasonMsg(recorded);
    if (bare) return bare;
  }
  return msg('reject.asRecorded', { text: recorded });
}
