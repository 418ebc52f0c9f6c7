// Engine texts as data: a message id from the catalogue plus its parameters, rendered by each host in
// the user's language. Stored (audit log, JSON output) as is, so it can be shown in either language later.
import type { MessageId } from './catalog';

/** An instant, shown by each host in its language in the zone `tz` (the case's): "23/11/2025 06:41:23". */
export interface MsgWhen {
  ts: number;
  tz: string;
}
/** A time zone, shown by name: "heure de Paris" / "Paris time". */
export interface MsgZone {
  zone: string;
}

/** A list (of signals, say) is rendered joined the language's way. */
export type MsgValue = string | number | Msg | MsgWhen | MsgZone | readonly (string | Msg)[];

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

export function isWhen(value: unknown): value is MsgWhen {
  return typeof value === 'object' && value !== null && typeof (value as MsgWhen).ts === 'number' && typeof (value as MsgWhen).tz === 'string';
}

export function isZone(value: unknown): value is MsgZone {
  return typeof value === 'object' && value !== null && typeof (value as MsgZone).zone === 'string';
}
