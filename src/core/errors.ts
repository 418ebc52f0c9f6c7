/** An error the user can act on: what went wrong (with where) and what to do about it. */
export class AlibiError extends Error {
  constructor(
    message: string,
    public readonly hint?: string,
    /** CLI exit code: 1 bad input, 2 usage. */
    public readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'AlibiError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
