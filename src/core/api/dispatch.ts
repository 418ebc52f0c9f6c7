// The one boundary check every host runs (Electron IPC, the HTTP test bridge, the CLI): a message names a
// method and carries arguments; the method must be known and the arguments must pass its zod schema, else
// it is refused before any engine code runs. Results and errors cross as plain data; an error's hint is
// phrased for the calling host.
import { allSchemas } from './registry';
import type { Handlers } from './handlers';
import { AlibiError, toErrorData, type ErrorData, type Host } from '../errors';

export { allSchemas };

export type WireResult = { ok: true; value: unknown } | { ok: false; error: ErrorData };

const MAX_ARG_JSON = 1_000_000;

/** The method's arguments checked against its schema (defaults applied); throws `invalid-args` with where and why. */
export function parseArgs(method: string, args: unknown): unknown {
  if (!Object.hasOwn(allSchemas, method)) {
    throw new AlibiError(`unknown API method ${JSON.stringify(String(method)).slice(0, 80)}`, 'this is a bug in the caller', 1, 'unknown-method');
  }
  if (JSON.stringify(args ?? null).length > MAX_ARG_JSON) throw new AlibiError(`arguments of ${method} are too large`, 'this is a bug in the caller', 1, 'invalid-args');
  const parsed = allSchemas[method].safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AlibiError(
      `invalid arguments for ${method}: ${issue ? `${issue.path.join('.') || '(args)'}: ${issue.message}` : 'rejected'}`,
      'this is a bug in the caller',
      1,
      'invalid-args',
    );
  }
  return parsed.data;
}

/** One call as a host makes it: never throws; the result, or the error as data phrased for the host. */
export async function dispatch(handlers: Handlers, method: unknown, args: unknown, host: Host = 'app'): Promise<WireResult> {
  try {
    if (typeof method !== 'string' || !Object.hasOwn(allSchemas, method)) {
      throw new AlibiError(`unknown API method ${JSON.stringify(String(method)).slice(0, 80)}`, 'this is a bug in the caller', 1, 'unknown-method');
    }
    const fn = (handlers as unknown as Record<string, (a: unknown) => Promise<unknown>>)[method];
    if (typeof fn !== 'function') throw new AlibiError(`API method ${method} is not implemented`, 'this is a bug in Alibi', 1, 'internal');
    // Handlers made by createHandlers check their arguments themselves (parseArgs): one check, whoever calls.
    return { ok: true, value: await fn(args) };
  } catch (e) {
    return { ok: false, error: toErrorData(e, host) };
  }
}
