// The one boundary check shared by Electron main (IPC) and the test bridge (HTTP): a message names a method
// and carries arguments; the method must be known and the arguments must pass its zod schema, else it is
// refused before any engine code runs. Errors cross the boundary as plain {message, hint} objects.
import type { z } from 'zod';
import { schemas } from './schemas';
import * as timeline from './timelineHandlers';
import * as graph from './graphHandlers';
import type { Handlers } from './handlers';
import { eventGridSchemas } from '../events/eventHandlers';
import { alertSchemas } from '../alerts/caseAlerts';
import { AlibiError } from '../errors';

type AnySchema = z.ZodType;

/** Every method's argument schema: D1's plus D2's (exported by their modules as timelineSchemas / graphSchemas). */
export const allSchemas: Record<string, AnySchema> = {
  ...schemas,
  ...(((timeline as Record<string, unknown>).timelineSchemas as Record<string, AnySchema> | undefined) ?? {}),
  ...(((graph as Record<string, unknown>).graphSchemas as Record<string, AnySchema> | undefined) ?? {}),
  ...eventGridSchemas,
  ...alertSchemas,
};

export interface WireError {
  message: string;
  hint?: string;
}

export type WireResult = { ok: true; value: unknown } | { ok: false; error: WireError };

const MAX_ARG_JSON = 1_000_000;

export async function dispatch(handlers: Handlers, method: unknown, args: unknown): Promise<WireResult> {
  try {
    if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(allSchemas, method)) {
      throw new AlibiError(`unknown API method ${JSON.stringify(String(method)).slice(0, 80)}`, 'this is a bug in the caller');
    }
    const fn = (handlers as unknown as Record<string, (a: unknown) => Promise<unknown>>)[method];
    if (typeof fn !== 'function') throw new AlibiError(`API method ${method} is not implemented`, 'this is a bug in the app');
    if (JSON.stringify(args ?? null).length > MAX_ARG_JSON) throw new AlibiError(`arguments of ${method} are too large`, 'this is a bug in the caller');
    const parsed = allSchemas[method].safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AlibiError(
        `invalid arguments for ${method}: ${issue ? `${issue.path.join('.') || '(args)'}: ${issue.message}` : 'rejected'}`,
        'this is a bug in the caller',
      );
    }
    return { ok: true, value: await fn(parsed.data) };
  } catch (e) {
    const err = e as AlibiError;
    return { ok: false, error: { message: err?.message ?? String(e), ...(err?.hint ? { hint: err.hint } : {}) } };
  }
}
