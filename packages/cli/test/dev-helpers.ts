/**
 * Helpers for the `langgraph-compat dev` end-to-end test: the built CLI as a child process, its output,
 * and its loopback HTTP API.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

const BUILD_LOCK = join(tmpdir(), "langgraph-compat-cli-build.lock");

/**
 * Build the CLI (and what it references); incremental, so cheap when up to date. Test files run in
 * parallel, so builds take a lock: two `tsc -b` writing one dist would race.
 */
export function buildCli(): void {
  const end = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > end) throw new Error(`could not take ${BUILD_LOCK} to build the CLI`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL("../../../node_modules/typescript/bin/tsc", import.meta.url)), "-b", "packages/cli"], {
      cwd: ROOT,
      stdio: "pipe",
    });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** A `dev` child process and everything it printed so far. */
export interface DevProcess {
  child: ChildProcess;
  output(): string;
  url: string;
  stop(): Promise<void>;
}

/** Poll `check` every 100 ms until it returns a value (not undefined/false) or `ms` pass. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 45_000, // a deadline, not a measure: dev loads TypeScript twice and a busy 2-core machine needs it
  context: () => string = () => "",
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Start `langgraph-compat dev` on `projectDir` on a free loopback port; resolves once it serves. */
export async function startDevProcess(projectDir: string, extra: string[] = []): Promise<DevProcess> {
  const child = spawn(process.execPath, [BIN, "dev", "--project", projectDir, "--port", "0", "--host", "127.0.0.1", ...extra], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  child.stderr!.on("data", (chunk) => (out += chunk));
  const exited = new Promise<void>((done) => child.on("exit", () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  try {
    const url = await waitFor("dev to serve", () => {
      if (child.exitCode !== null) throw new Error(`dev exited with ${child.exitCode}:\n${out}`);
      return /serving at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    });
    return { child, output: () => out, url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One JSON request to the dev API. */
export async function api(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, json: await response.json() };
}
