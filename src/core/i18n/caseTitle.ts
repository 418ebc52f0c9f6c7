// A case title Alibi chose (untitled, the sample) is stored as a message id beside its English words, so each
// host shows it in its language. Read back from a case file, which may come from someone else: only one of the
// catalogue's case titles is accepted, with no parameters.
import { CATALOGS } from './catalog';
import { isMsg, msg, type Msg } from './message';

/** The title message stored as JSON (meta `title_msg`, the `case.create` audit entry), or undefined. */
export function caseTitleMsg(stored: unknown): Msg | undefined {
  let m: unknown = stored;
  if (typeof stored === 'string') {
    try {
      m = JSON.parse(stored);
    } catch {
      return undefined;
    }
  }
  const id = isMsg(m) ? m.id : null;
  return id && id.startsWith('case.title.') && Object.prototype.hasOwnProperty.call(CATALOGS.en, id) ? msg(id as Msg['id']) : undefined;
}
