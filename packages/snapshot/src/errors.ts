/**
 * An error the user can cause (bad flags, bad config, unreadable snapshot, syntax errors). The CLI renders
 * it as one line and exits with code 2; it never prints a stack trace for it.
 */
export class UserError extends Error {
  /** Stable machine-readable kind, e.g. `snapshot-invalid`, `no-graphs`, `syntax-error`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "UserError";
    this.code = code;
  }
}

/** True when `error` is a {@link UserError} (also across duplicated module copies). */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError || (error instanceof Error && error.name === "UserError" && "code" in error);
}
