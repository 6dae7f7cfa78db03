/**
 * One error type for every expected failure. `userMessage` is safe to show to anyone;
 * `details` goes to the logs only. The web layer maps `kind` to an HTTP status and the CLI
 * maps it to an exit code, each in one table.
 */
export type ErrorKind = 'not_found' | 'invalid' | 'forbidden' | 'conflict' | 'unavailable';

export interface ErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class BroadsheetError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly userMessage: string;
  readonly details: Record<string, unknown>;

  constructor(kind: ErrorKind, code: string, userMessage: string, options: ErrorOptions = {}) {
    super(userMessage, { cause: options.cause });
    this.name = 'BroadsheetError';
    this.kind = kind;
    this.code = code;
    this.userMessage = userMessage;
    this.details = options.details ?? {};
  }
}

export class NotFoundError extends BroadsheetError {
  constructor(code: string, userMessage: string, options?: ErrorOptions) {
    super('not_found', code, userMessage, options);
  }
}

export class InvalidError extends BroadsheetError {
  constructor(code: string, userMessage: string, options?: ErrorOptions) {
    super('invalid', code, userMessage, options);
  }
}

export class ForbiddenError extends BroadsheetError {
  constructor(code: string, userMessage: string, options?: ErrorOptions) {
    super('forbidden', code, userMessage, options);
  }
}

export class ConflictError extends BroadsheetError {
  constructor(code: string, userMessage: string, options?: ErrorOptions) {
    super('conflict', code, userMessage, options);
  }
}

export class UnavailableError extends BroadsheetError {
  constructor(code: string, userMessage: string, options?: ErrorOptions) {
    super('unavailable', code, userMessage, options);
  }
}

export function isBroadsheetError(value: unknown): value is BroadsheetError {
  return value instanceof BroadsheetError;
}
