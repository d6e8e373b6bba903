/** pg for the Postgres pin store: loaded lazily, its pools, its connections, and its errors as one line. */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { UserError, isUserError } from "@langgraph-compat/snapshot";
import { connectionLost, pgFailure, redact } from "@langgraph-compat/threads";

type Rows = { rows: Array<Record<string, unknown>> };
export interface DbClient {
  query(sql: string, params?: unknown[]): Promise<Rows>;
  /** Back to the pool; with `true`, closed instead. */
  release(destroy?: boolean): void;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeListener(event: "error", listener: (error: Error) => void): unknown;
}
export interface DbPool {
  connect(): Promise<DbClient>;
  end(): Promise<void>;
}
interface Pg {
  Pool: new (config: object) => DbPool & {
    on(event: "error", listener: (error: Error) => void): unknown;
    on(event: "connect", listener: (client: { on(event: "error", listener: () => void): unknown }) => void): unknown;
  };
  Client: new (config: object) => object;
}

/** How long opening a connection may take; waiting for a free one in a pool is not limited. */
const CONNECT_TIMEOUT_MS = 5000;

/** pg, an optional peer: loaded from the user's project, or ours; `pool` makes a pool of it. */
export function loadPg(label: string): { pool(config: { connectionString: string; max: number; options?: string }): DbPool } {
  let pg: Pg;
  try {
    pg = createRequire(resolve("package.json"))("pg");
  } catch {
    try {
      pg = createRequire(import.meta.url)("pg");
    } catch {
      throw new UserError("dependency-missing", `${label}: a Postgres pin store needs pg 8 in this project (npm i pg@8)`);
    }
  }
  // The pool's own connectionTimeoutMillis would also time out a wait for a busy pool, which a thread lock may
  // rightly do for long; so the timeout goes to each new connection only.
  const Client = class extends pg.Client {
    constructor(config: object) {
      super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  };
  return {
    pool(config) {
      const pool = new pg.Pool({ ...config, Client });
      // An idle connection that drops is removed by the pool; without a listener the event would end the process.
      pool.on("error", () => {});
      // So is one the server terminates while the pool is ending it, when neither the pool nor a caller listens
      // any more: every connection keeps a listener of its own for its whole life.
      pool.on("connect", (client) => client.on("error", () => {}));
      return pool;
    },
  };
}

/**
 * One checked-out connection. Its errors become {@link UserError}s; a connection whose state is unknown
 * afterwards (dropped, or `broken` set by its user) is destroyed on release rather than reused.
 */
export class Db {
  broken = false;
  private readonly onError = () => {
    this.broken = true;
  };

  constructor(
    private readonly client: DbClient,
    private readonly fail: (error: unknown) => UserError,
  ) {
    // A connection that drops while checked out emits "error"; without a listener it would end the process.
    client.on("error", this.onError);
  }

  async query(sql: string | { name: string; text: string; values: unknown[] }, params?: unknown[]): Promise<Rows> {
    try {
      return await this.client.query(sql as string, params);
    } catch (error) {
      const severity = (error as { severity?: unknown }).severity;
      if (severity === undefined || severity === "FATAL" || severity === "PANIC") this.broken = true;
      throw this.fail(error);
    }
  }

  /** A named prepared statement: parsed once per connection, then sent as parameters alone. */
  async prepared(name: string, text: string, values: unknown[]): Promise<Rows> {
    return this.query({ name, text, values });
  }

  release(): void {
    this.client.removeListener("error", this.onError);
    this.client.release(this.broken || undefined);
  }
}

/** A pg or network error as a one-line {@link UserError} starting with `label`, the URL and its password masked. */
export function postgresError(error: unknown, target: { label: string; url: string; schema: string }, connecting = false): UserError {
  if (isUserError(error)) return error;
  const { label, url, schema } = target;
  const { code, reason, database } = pgFailure(error, url, label);
  const migrate = `run langgraph-compat host migrate ${label}`;
  if (code === "28P01" || code === "28000") return new UserError("pins-auth", `${label}: authentication failed (${reason})`);
  if (code === "42501") return new UserError("pins-denied", `${label}: not allowed (${reason})`);
  if (code === "3D000") return new UserError("pins-unreachable", `${label}: no database "${database}"`);
  if (code === "3F000") return new UserError("pins-not-migrated", `${label}: no schema "${schema}"; ${migrate}`);
  if (code === "42P01") return new UserError("pins-not-migrated", `${label}: ${reason}; ${migrate}`);
  // the store's function: not there before migrate, nor in a schema an older version migrated
  if (code === "42883") return new UserError("pins-not-migrated", `${label}: no function ${/function (\S+?)\(/.exec(reason)?.[1] ?? "of the store"}; ${migrate}`);
  if (connecting) return new UserError("pins-unreachable", `${label}: cannot connect (${reason})`);
  if (connectionLost(code, reason)) {
    return new UserError("pins-unreachable", `${label}: connection lost (${reason})`);
  }
  return new UserError("pins-failed", `${label}: ${reason}`);
}

/** The URL with its password masked and the schema as a `schema` parameter, as `openPinStore` takes it. */
export function labelOf(connectionString: string, schema: string): string {
  try {
    const url = new URL(connectionString);
    url.searchParams.delete("schema");
    if (schema !== "public") url.searchParams.set("schema", schema);
    return redact(url.toString());
  } catch {
    return redact(connectionString);
  }
}
