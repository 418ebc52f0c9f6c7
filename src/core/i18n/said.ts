// Engine texts written once as catalogue messages: each `say` keeps the message (id + parameters) for hosts
// that show it in the user's language, and its English text for the fields that have always been English.
import type { MessageId } from './catalog';
import { msg, type Msg, type MsgValue } from './message';
import { translator } from './translator';

/** The English text of an engine message (the language of the engine's plain-text fields). */
export function english(m: Msg): string {
  return translator('en').msg(m);
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
