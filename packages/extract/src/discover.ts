import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { Node } from "ts-morph";
import { UserError } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { findGraphDefinition } from "./builder.js";

/** A graph to extract: its id and where its value is declared. */
export interface GraphEntry {
  id: string;
  /** The exported declaration (variable, function, export assignment). */
  declaration: Node;
}

const SKIPPED_DIRS = new Set(["node_modules", "dist", "build", "out", "coverage", "lib"]);
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;

/** Find the graphs of a project: from `langgraph.json` when present, else exported compiled graphs. */
export function discoverGraphs(ctx: ExtractContext): GraphEntry[] {
  const config = join(ctx.projectDir, "langgraph.json");
  const entries = existsSync(config) ? fromLangGraphJson(ctx, config) : fromExports(ctx);
  if (entries.length === 0) {
    throw new UserError(
      "no-graphs",
      `${ctx.projectDir}: no graphs found; list them under "graphs" in langgraph.json, or export a compiled graph`,
    );
  }
  return entries;
}

function fromLangGraphJson(ctx: ExtractContext, path: string): GraphEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UserError("config-invalid", `langgraph.json: not valid JSON (${(error as Error).message})`);
  }
  const graphs = (data as { graphs?: unknown })?.graphs;
  if (!graphs || typeof graphs !== "object" || Array.isArray(graphs)) {
    throw new UserError("no-graphs", `langgraph.json: no "graphs" object`);
  }
  const entries: GraphEntry[] = [];
  for (const id of Object.keys(graphs).sort()) {
    const raw = (graphs as Record<string, unknown>)[id];
    const spec = typeof raw === "string" ? raw : (raw as { path?: unknown } | null)?.path;
    if (typeof spec !== "string") throw new UserError("config-invalid", `langgraph.json: graph "${id}": expected "./file.ts:export"`);
    const colon = spec.lastIndexOf(":");
    const file = colon > 0 ? spec.slice(0, colon) : spec;
    const exportName = colon > 0 ? spec.slice(colon + 1) : "default";
    if (!SOURCE_FILE.test(file) && !/\.(js|mjs|cjs|jsx)$/.test(file)) {
      throw new UserError("config-invalid", `langgraph.json: graph "${id}": ${file} is not a TypeScript or JavaScript file`);
    }
    const absolute = resolve(ctx.projectDir, file);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      throw new UserError("graph-file-missing", `langgraph.json: graph "${id}": file ${file} not found`);
    }
    const source = ctx.modules.load(absolute);
    const declaration = ctx.resolver.findExport(source, exportName);
    if (!declaration || !(declaration instanceof Node)) {
      throw new UserError("graph-export-missing", `langgraph.json: graph "${id}": ${file} has no export "${exportName}"`);
    }
    entries.push({ id, declaration });
  }
  return entries;
}

function listSourceFiles(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) listSourceFiles(path, into);
    } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts") && !/\.(test|spec)\.[cm]?tsx?$/.test(entry.name)) {
      into.push(path);
    }
  }
  return into;
}

/** Without langgraph.json: every exported variable whose value is a compiled graph or an entrypoint. */
function fromExports(ctx: ExtractContext): GraphEntry[] {
  const found: Array<GraphEntry & { file: string }> = [];
  for (const path of listSourceFiles(ctx.projectDir)) {
    const text = readFileSync(path, "utf8");
    // Cheap filter before parsing: only files that can export a compiled graph or an entrypoint.
    if (!/\bexport\b/.test(text) || !/\.compile\s*\(|\bentrypoint\s*\(|\bcreate\w*Agent\s*\(/.test(text)) continue;
    const source = ctx.modules.load(path);
    for (const statement of source.getVariableStatements()) {
      if (!statement.isExported()) continue;
      for (const declaration of statement.getDeclarations()) {
        const init = declaration.getInitializer();
        if (!init || !/\.compile\s*\(|\bentrypoint\s*\(|\bcreate\w*Agent\s*\(/.test(init.getText())) continue;
        const definition = findGraphDefinition(ctx, declaration);
        if (!definition || (definition.kind === "builder" && !definition.compile)) continue;
        found.push({ id: declaration.getName(), declaration, file: ctx.relativePath(path) });
      }
    }
  }
  const counts = new Map<string, number>();
  for (const entry of found) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
  return found.map(({ id, declaration, file }) => ({ id: counts.get(id)! > 1 ? `${file}:${id}` : id, declaration }));
}
