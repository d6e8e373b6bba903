/**
 * Loads a golden fixture's graph module (fixtures/diff/<rule>/<case>/<side>/src/graph.ts) on one of the
 * two runtimes. The fixtures import `@langchain/langgraph`, which does not resolve from fixtures/ (the
 * package is a dev dependency of packages/runtime only), so `vi.mock` cannot redirect it: the mock is
 * keyed by the id resolved from the test file, the fixture's import stays unresolved. Instead the source is
 * copied to a temporary file with its package imports pointed at the shims/ modules; each load is a new
 * file, hence a new module instance, so `before` and `after` never share state.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export type RuntimeName = "ours" | "real";

/** The repository's golden diff fixtures. */
export const FIXTURES = fileURLToPath(new URL("../../../../fixtures/diff/", import.meta.url));
const shim = (file: string) => fileURLToPath(new URL(`./shims/${file}.ts`, import.meta.url));

/** Where each package a fixture may import comes from, per runtime. */
function targets(runtime: RuntimeName): Record<string, string> {
  return {
    "@langchain/langgraph": shim(runtime),
    "@langchain/langgraph/zod": shim(`${runtime}-zod`),
    zod: shim("zod"),
  };
}

/** A fixture imports a package neither runtime can provide (a model client, a prebuilt agent). */
export class UnloadableFixtureError extends Error {
  override name = "UnloadableFixtureError";
}

let dir: string | undefined;
let counter = 0;

/** The source of `<caseDir>/<side>/src/graph.ts` with its imports redirected to `runtime`'s shims. */
export function rewrite(caseDir: string, side: "before" | "after", runtime: RuntimeName): string {
  const file = join(FIXTURES, caseDir, side, "src", "graph.ts");
  const source = readFileSync(file, "utf8");
  const map = targets(runtime);
  return source.replace(/^(import\s+(type\s+)?[^;]*?\s+from\s+)"([^"]+)";/gms, (whole, head: string, typeOnly: string | undefined, spec: string) => {
    if (typeOnly) return whole; // erased by the TypeScript transform
    const target = map[spec];
    if (target === undefined) throw new UnloadableFixtureError(`${caseDir}/${side} imports "${spec}", which no runtime here provides`);
    return `${head}${JSON.stringify(target)};`;
  });
}

/** Imports the rewritten module; returns its exports (a fresh instance on every call). */
export async function loadGraphModule(caseDir: string, side: "before" | "after", runtime: RuntimeName): Promise<Record<string, any>> {
  dir ??= mkdtempSync(join(tmpdir(), "lgc-rule-proofs-"));
  const file = join(dir, `${++counter}-${caseDir.replace(/\W+/g, "_")}-${side}.ts`);
  writeFileSync(file, rewrite(caseDir, side, runtime));
  return import(/* @vite-ignore */ file);
}

/** Removes the temporary copies (call once every proof has run). */
export function removeLoadedCopies(): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}
