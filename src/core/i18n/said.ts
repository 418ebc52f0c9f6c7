// Engine texts written once as catalogue messages: each `say` keeps the message (id + parameters) for hosts
// that show it in the user's language, and its English text for the fields that have always been English.
import type { MessageId } from './catalog';
import { msg, type Msg, type MsgValue } from './message';
import { translator } from './translator';

let memo: Map<string, string> | undefined;

/** A key per distinct message: every value tagged with its type (NaN, -0 and undefined stay apart from null, 0, ''). */
const tagged = (_k: string, v: unknown) =>
  typeof v === 'string' ? `s${v}` : typeof v === 'number' ? `n${Object.is(v, -0) ? '-0' : v}` : v === undefined ? 'u' : v;

/** The English text of an engine message (the language of the engine's plain-text fields). */
export function english(m: Msg): string {
  if (!memo) return translator('en').msg(m);
  const k = JSON.stringify(m, tagged);
  let text = memo.get(k);
  if (text === undefined) memo.set(k, (text = translator('en').msg(m)));
  return text;
}

/**
 * Runs `f` with English texts rendered once per distinct message: a whole-case analysis writes the same few
 * thousand sentences hundreds of thousands of times; they are then also one string each in memory.
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
    const m = msg(id, params);
    this.msgs.push(m);
    this.texts.push(english(m));
    return m;
  }
}
