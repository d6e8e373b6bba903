/**
 * The support desk behind the server: its two versions (snapshot from the extractor, graph from the code), the
 * real PostgresSaver for threads, a PostgresPinStore for versions, pins, audit and thread locks, and the
 * GraphHost that runs each thread on the version the compatibility verdict allows.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { extractProject } from "@langgraph-compat/extract";
import { GraphHost, PostgresPinStore, sourceHash, versionId, type GraphVersion } from "@langgraph-compat/host";
import pg from "pg";
import { builder as deskV1 } from "../v1/graph.js";
import { builder as deskV2 } from "../v2/graph.js";

/** The graph id in v1/langgraph.json and v2/langgraph.json. */
export const GRAPH_ID = "support_desk";

/** The versions this server can run, by label; a fresh database starts on the first. */
const BUILDERS = { v1: deskV1, v2: deskV2 };
export type Label = keyof typeof BUILDERS;
export const LABELS = Object.keys(BUILDERS) as Label[];

export interface Desk {
  host: GraphHost;
  pins: PostgresPinStore;
  /** The loaded versions, by label. */
  versions: Record<Label, GraphVersion>;
  close(): Promise<void>;
}

/** The example's folder (the one with package.json), from src/ when run by tsx or vitest, from dist/src/ when compiled. */
function exampleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}

/**
 * One version: the snapshot the extractor reads from the version's folder (without running it), an id from the
 * folder's content (`v2@3f9c2a1b0d4e`, the same in every process), and a build that compiles the graph code.
 */
function version(label: Label): GraphVersion {
  const folder = join(exampleDir(), label);
  const hash = sourceHash([folder], folder);
  return {
    id: versionId(label, hash),
    label,
    hash,
    graphId: GRAPH_ID,
    snapshot: extractProject({ projectDir: folder }),
    build: (checkpointer) => BUILDERS[label].compile({ checkpointer: checkpointer as PostgresSaver }),
  };
}

function pool(databaseUrl: string): pg.Pool {
  const created = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection the server drops is replaced by the pool; without a listener it would crash the process.
  created.on("error", (error) => console.error(`host-server: postgres connection lost: ${error.message}`));
  return created;
}

/**
 * Creates the tables of the pin store and of the checkpointer (idempotent). The one step that creates anything:
 * run it from your deploy pipeline (`npm run migrate`), never on every start.
 */
export async function migrate(databaseUrl: string): Promise<void> {
  const pins = new PostgresPinStore({ connectionString: databaseUrl });
  const saver = new PostgresSaver(pool(databaseUrl));
  try {
    await pins.migrate();
    await saver.setup();
  } finally {
    await Promise.allSettled([pins.close(), saver.end()]);
  }
}

/**
 * Opens the desk on `databaseUrl`: checks that migrate ran, loads both versions into the host (so this process
 * can run threads on either), and deploys v1 when nothing is deployed yet. Other processes on the same database
 * share the versions, pins and locks.
 */
export async function openDesk(databaseUrl: string, options: { name?: string } = {}): Promise<Desk> {
  const pins = new PostgresPinStore({ connectionString: databaseUrl });
  const saverPool = pool(databaseUrl);
  const saver = new PostgresSaver(saverPool);
  const close = async () => {
    await Promise.allSettled([pins.close(), saver.end()]);
  };
  try {
    await pins.check();
    const { rows } = await saverPool.query("SELECT to_regclass('checkpoint_migrations') IS NOT NULL AS ready");
    if (!rows[0]?.ready) throw new Error(`the checkpointer's tables are missing in ${pins.label}: run migrate first (npm run migrate)`);
    const host = new GraphHost({ checkpointer: saver, pins, graphId: GRAPH_ID, name: options.name });
    const versions = { v1: version("v1"), v2: version("v2") };
    for (const label of LABELS) {
      const loaded = await host.load(versions[label]);
      if (!loaded.ok) throw new Error(`cannot load ${label}: ${loaded.error}`);
    }
    if ((await pins.state(GRAPH_ID)).heads.length === 0) {
      const deployed = await host.deploy(versions.v1);
      if (!deployed.ok) throw new Error(`cannot deploy v1: ${deployed.error}`);
    }
    return { host, pins, versions, close };
  } catch (error) {
    await close();
    throw error;
  }
}
