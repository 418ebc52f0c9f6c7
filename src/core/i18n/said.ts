// Engine texts written once as catalogue messages: each `say` keeps the message (id + parameters) for hosts
// that show it in the user's language, and its English text for the fields that have always been English.
import type { MessageId } from './catalog';
import { msg, type Msg, type MsgValue } from './message';
import { translator } from './translator';

let memo: Map<string, { msg: Msg; text: string }> | undefined;

/** A key per distinct message: every value tagged with its type (NaN, -0 and undefined stay apart from null, 0, ''). */
const tagged = (_k: string, v: unknown) =>
  typeof v === 'string' ? `s${v}` : typeof v === 'number' ? `n${Object.is(v, -0) ? '-0' : v}` : v === undefined ? 'u' : v;

/**
 * The memo key of a message: its id and plain values written out (strings as JSON, so no value can pass for
 * another parameter), or, with nested values, the tagged JSON of the whole message (which starts with `{`, as no
 * id does).
 */
function keyOf(m: Msg): string {
  let k: string = m.id;
  for (const p in m) {
    if (p === 'id') continue;
    const v = m[p];
    if (typeof v === 'string') k += `,${p}:${JSON.stringify(v)}`;
    else if (typeof v === 'number') k += `,${p}:n${Object.is(v, -0) ? '-0' : v}`;
    else return JSON.stringify(m, tagged);
  }
  return k;
}

/**
 * The text flat: a rendered message is a rope of its pieces (words, numbers, dates), and V8 keeps every piece alive
 * with the text until something flattens it. Converting it to a number flattens it in place (the value is unused);
 * a large analysis keeps hundreds of thousands of these texts.
 */
function flat(text: string): string {
  void Number(text);
  return text;
}

/** A message and its English text; while the memo is on, the first instance of an equal message and its text. */
export function sharedEnglish(m: Msg): { msg: Msg; text: string } {
  if (!memo) return { msg: m, text: translator('en').msg(m) };
  const k = keyOf(m);
  let e = memo.get(k);
  if (!e) memo.set(k, (e = { msg: m, text: flat(translator('en').msg(m)) }));
  return e;
}

/** The first instance of an equal message while the memo is on (its text rendered once), else the message itself. */
export function sharedMsg(m: Msg): Msg {
  return memo ? sharedEnglish(m).msg : m;
}

/** The English text of an engine message (the language of the engine's plain-text fields). */
export function english(m: Msg): string {
  return memo ? sharedEnglish(m).text : translator('en').msg(m);
}

/** The same, never kept in the memo: for a message made once (an address's own counts and dates). */
export function englishOnce(m: Msg): string {
  return flat(translator('en').msg(m));
}

/**
 * Runs `f` with English texts rendered once per distinct message: a whole-case analysis writes the same few
 * thousand sentences hundreds of thousands of times; each is then also one string (and one message, where the
 * caller keeps sharedEnglish's) in memory.
 */
export function withEnglishMemo<T>(f: () => T): T {
  if (memo) return f();
  memo = new Map();
  try {
    return f();
  } finally {
    memo = undefined;
  }
}

export class Said {
  readonly texts: string[] = [];
  readonly msgs: Msg[] = [];

  say(id: MessageId, params: Record<string, MsgValue> = {}): Msg {
    const { msg: m, text } = sharedEnglish(msg(id, params));
    this.msgs.push(m);
    this.texts.push(text);
    return m;
  }
}
