// Engine texts as data: a message id from the catalogue plus its parameters, rendered by each host in
// the user's language. Stored (audit log, JSON output) as is, so it can be shown in either language later.
import type { MessageId } from './catalog';

/** A list (of signals, say) is rendered joined the language's way. */
export type MsgValue = string | number | Msg | readonly (string | Msg)[];

/** An id and its parameters, e.g. the provider's block impact with its orders and customers counts. */
export interface Msg {
  id: MessageId;
  [param: string]: MsgValue;
}

/** Builds a message with its id checked against the catalogue. */
export function msg(id: MessageId, params: Record<string, MsgValue> = {}): Msg {
  return { ...params, id };
}

export function isMsg(value: unknown): value is Msg {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}
