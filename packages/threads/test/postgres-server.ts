/**
 * A PostgreSQL server for the tests: the machine's own on 127.0.0.1:5432 when it answers, else a throwaway
 * cluster started from the local Postgres binaries (`initdb` and `pg_ctl` from /usr/lib/postgresql/N/bin or
 * on PATH) on a free loopback port, stopped and deleted when the tests end. With neither, `skip` says why;
 * `LGC_REQUIRE_POSTGRES=1` (set by `.ci/run`) makes the suites fail instead of skipping. `postgresForTests`
 * is the setup a test file shares: the server, its suite (skipped or not), its address and a one-query helper.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe } from "vitest";

export interface PostgresServer {
  /** `host:port`, loopback. */
  address: string;
  /** A throwaway cluster's directory (data, socket, log). */
  dir?: string;
  /** Stops a throwaway cluster and deletes it; nothing for the machine's own server. */
  stop(): void;
}

/** Why `address` does not answer, or undefined when it does. */
export async function unreachable(address: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: `postgres://postgres@${address}/postgres`, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return String((error as Error).message || (error as { code?: string }).code);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The directory holding `initdb` and `pg_ctl`: the newest /usr/lib/postgresql/N/bin, else PATH's. */
function binaries(): string | undefined {
  const lib = "/usr/lib/postgresql";
  const versions = existsSync(lib) ? readdirSync(lib).filter((v) => existsSync(join(lib, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length > 0) return join(lib, versions[0]!, "bin");
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway cluster (trust auth, superuser `postgres`, loopback only). `initdb` refuses to run as
 * root, so as root the cluster belongs to the `postgres` system user and its commands run through `runuser`.
 */
export async function throwawayCluster(): Promise<PostgresServer | { skip: string }> {
  const bin = binaries();
  if (bin === undefined || !existsSync(join(bin, "initdb"))) return { skip: "no PostgreSQL server on 127.0.0.1:5432 and no initdb to start one" };
  const dir = mkdtempSync(join(tmpdir(), "lgc-pg-"));
  let run = (command: string, args: string[]) => execFileSync(join(bin, command), args, { stdio: "ignore" });
  if (process.getuid?.() === 0) {
    let uid: number, gid: number;
    try {
      [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim())) as [number, number];
    } catch {
      rmSync(dir, { recursive: true, force: true });
      return { skip: "running as root with no postgres system user to own a throwaway cluster" };
    }
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
    run = (command, args) => execFileSync("runuser", ["-u", "postgres", "--", join(bin, command), ...args], { stdio: "ignore" });
  }
  const data = join(dir, "data");
  const port = await freePort();
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"]);
    run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `could not start a throwaway cluster from ${bin}: ${(error as Error).message.split("\n")[0]}` };
  }
  return {
    address: `127.0.0.1:${port}`,
    dir,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The machine's server when it answers, else a throwaway cluster, else why there is none. */
export async function postgresServer(): Promise<PostgresServer | { skip: string }> {
  const machine = "127.0.0.1:5432";
  const down = await unreachable(machine);
  if (down === undefined) return { address: machine, stop: () => {} };
  const started = await throwawayCluster();
  return "skip" in started ? { skip: `${started.skip} (${machine}: ${down})` } : started;
}

/**
 * A test file's Postgres: `server` (stopped by the file's afterAll when it is not a skip), `suite` for its cases
 * (`describe.skip`, with a warning naming `what` and why, when there is no server, unless LGC_REQUIRE_POSTGRES=1
 * makes them run and fail), `address` (127.0.0.1:5432 when there is no server), and `sql`, which runs one
 * statement as `postgres` on database `db` in a connection of its own and returns the rows.
 */
export async function postgresForTests(what: string) {
  const server = await postgresServer();
  const required = process.env.LGC_REQUIRE_POSTGRES === "1";
  if ("skip" in server && !required) console.warn(`${what} skipped: ${server.skip}`);
  const suite = "skip" in server && !required ? describe.skip : describe;
  const address = "skip" in server ? "127.0.0.1:5432" : server.address;
  async function sql(db: string, statement: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
    const client = new pg.Client({ connectionString: `postgres://postgres@${address}/${db}` });
    await client.connect();
    try {
      return (await client.query(statement, params)).rows;
    } finally {
      await client.end();
    }
  }
  return { server, suite, address, sql };
}

/**
 * Drops a test database on `address`. Pools close their connections a moment after `end()` resolves; terminated
 * before that (`FORCE`), a connection its pool no longer listens to raises an uncaught error in the test run. So
 * this waits (up to 5 s) for the database's connections to go, then drops it, forcing out any left.
 */
export async function dropDatabase(address: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: `postgres://postgres@${address}/postgres` });
  await client.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1", [name]);
      if (rows.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
