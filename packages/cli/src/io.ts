/** Where a command writes; tests pass in-memory streams. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** `check`: something at or above `--fail-on` was found. */
  findings: 1,
  /** Usage or input error: bad flags, missing or corrupt snapshot, bad config, syntax error. */
  usage: 2,
  /** A bug in langgraph-compat itself. */
  internal: 3,
} as const;
