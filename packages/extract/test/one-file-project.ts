/** A throwaway project of one graph file (plus any others) for extractor tests: write it, extract it. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

/** The graph exported as `graph` from `src/graph.ts` holding `source`. */
export function extractGraph(source: string, files: Record<string, string> = {}, prefix = "lgc-one-file-"): GraphSnapshot {
  const dir = tempDir(prefix);
  const all = { "langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }), "src/graph.ts": source, ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return extractProject({ projectDir: dir }).graphs.agent;
}
