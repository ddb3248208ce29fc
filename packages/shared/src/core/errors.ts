/**
 * Stable error codes. Clients translate them (i18n key `error.<code>`); the
 * message is for logs and scripts and is always English.
 */
export const ERROR_CODES = [
  'invalid_command',
  'unknown_command',
  'payload_too_large',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'already_exists',
  'invalid_state',
  'invalid_code',
  'rate_limited',
  /** The store refused a write (disk full, read-only, I/O error): nothing was changed. */
  'storage_unavailable',
  /** Exports are queued to the limit: try again after Retry-After. */
  'busy',
  /** The meeting's record failed a check (a broken chain, a cut tail): writes are refused until the secretariat restores it. */
  'record_broken',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A rule of the domain said no; nothing was written. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function fail(code: ErrorCode, message: string, details?: unknown): never {
  throw new DomainError(code, message, details);
}
