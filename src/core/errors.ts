import { translator } from './i18n/translator';
import type { Msg } from './i18n/message';

/** An error the user can act on: what went wrong (with where) and what to do about it. */
export class AlibiError extends Error {
  /** The same error as data (message id + parameters), for hosts that show it in the user's language. */
  msg?: Msg;
  hintMsg?: Msg;

  constructor(
    message: string,
    public readonly hint?: string,
    /** CLI exit code: 1 bad input, 2 usage. */
    public readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'AlibiError';
  }

  /** An error built from catalogue messages; `message` and `hint` hold the English text. */
  static of(msg: Msg, hintMsg?: Msg, exitCode: 1 | 2 = 1): AlibiError {
    const en = translator('en');
    const e = new AlibiError(en.msg(msg), hintMsg ? en.msg(hintMsg) : undefined, exitCode);
    e.msg = msg;
    e.hintMsg = hintMsg;
    return e;
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
