import { resolve } from "node:path";
import { UserError } from "@langgraph-compat/snapshot";
import { choice, parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { startDev, type DevSession } from "../dev/session.js";
import { oneLine } from "../dev/loader.js";

/** Parse `--port`: an integer 0..65535 (0 picks a free port). */
function parsePort(value: string | undefined): number {
  if (value === undefined) return 2024;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UserError("usage", `--port must be an integer from 0 to 65535 (got "${value}")`);
  return port;
}

/**
 * `langgraph-compat dev [--project DIR] [--graph ID] [--port N] [--host 127.0.0.1]`: run the project's graph
 * on the reference runtime behind a loopback HTTP API, and hot-swap it per thread on each source change.
 * Runs until SIGINT or SIGTERM (or `signal` aborts), then exits 0.
 */
export async function devCommand(args: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const { values } = parseFlags("dev", args, {
    project: { type: "string", default: "." },
    graph: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    runtime: { type: "string" },
  });
  const session: DevSession = await startDev({
    projectDir: resolve(String(values.project)),
    graphId: values.graph as string | undefined,
    port: parsePort(values.port as string | undefined),
    host: values.host as string | undefined,
    runtime: choice("runtime", values.runtime as string | undefined, ["reference", "langgraph"] as const, "reference"),
    io,
  });
  // The graph's code runs in this process: a stray rejection or throw in it must not take the server down.
  const stray = (error: unknown) => io.stderr.write(`dev: uncaught error in graph code (still serving): ${oneLine(error)}\n`);
  process.on("unhandledRejection", stray);
  process.on("uncaughtException", stray);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      process.off("unhandledRejection", stray);
      process.off("uncaughtException", stray);
      signal?.removeEventListener("abort", stop);
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener("abort", stop);
  });
  await session.close();
  io.stdout.write("dev: stopped\n");
  return EXIT.ok;
}
