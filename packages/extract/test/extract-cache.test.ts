/**
 * Extraction with an {@link ExtractCache} (what the ESLint plugin keeps in an editor) gives the bytes of a
 * plain extraction, parses only files whose text changed and re-extracts only graphs that read one. Every
 * diff fixture is used as an edit: its `before` extracted through the cache, then its `after` copied over the
 * same directory and extracted through the same cache.
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUserError, serializeSnapshot } from "@langgraph-compat/snapshot";
import { ExtractCache, extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const fixtures = join(import.meta.dirname, "..", "..", "..", "fixtures");

/** The serialized snapshot, or the user error's code and message. */
function extract(dir: string, cache?: ExtractCache): string {
  try {
    return serializeSnapshot(extractProject({ projectDir: dir, cache }));
  } catch (error) {
    if (isUserError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
}

/** Replace the directory's contents with `from`'s. */
function copyOver(from: string, dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  cpSync(from, dir, { recursive: true });
}

const diffCases = readdirSync(join(fixtures, "diff"), { withFileTypes: true })
  .filter((rule) => rule.isDirectory())
  .flatMap((rule) => readdirSync(join(fixtures, "diff", rule.name)).map((name) => join(fixtures, "diff", rule.name, name)))
  .filter((dir) => existsSync(join(dir, "before")) && existsSync(join(dir, "after")))
  .sort();

describe("extraction through a kept cache", () => {
  it("matches a plain extraction on every diff fixture, before and after the edit", () => {
    expect(diffCases.length).toBeGreaterThan(150);
    const differ: string[] = [];
    for (const fixture of diffCases) {
      const dir = tempDir("lgc-extract-cache-");
      const cache = new ExtractCache();
      copyOver(join(fixture, "before"), dir);
      const before = extract(dir, cache);
      if (before !== extract(dir)) differ.push(`${fixture} (before)`);
      copyOver(join(fixture, "after"), dir);
      if (extract(dir, cache) !== extract(dir)) differ.push(`${fixture} (after)`);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(differ).toEqual([]);
  });

  it("parses nothing and extracts nothing again when nothing changed", () => {
    const dir = tempDir("lgc-extract-cache-");
    cpSync(join(fixtures, "..", "examples", "support-desk", "v1"), dir, { recursive: true });
    const cache = new ExtractCache();
    const first = extract(dir, cache);
    const parses = cache.sources.parses;
    const extractions = cache.extractions;
    expect(extract(dir, cache)).toBe(first);
    expect(cache.sources.parses).toBe(parses);
    expect(cache.extractions).toBe(extractions);
  });

  it("re-parses the edited file alone and re-extracts the graphs that read it", () => {
    const dir = tempDir("lgc-extract-cache-");
    cpSync(join(fixtures, "..", "examples", "support-desk", "v1"), dir, { recursive: true });
    const cache = new ExtractCache();
    extract(dir, cache);
    const parses = cache.sources.parses;
    const extractions = cache.extractions;
    cpSync(join(fixtures, "..", "examples", "support-desk", "v2", "src", "steps.ts"), join(dir, "src", "steps.ts"));
    expect(extract(dir, cache)).toBe(extract(dir));
    expect(cache.sources.parses - parses).toBe(1);
    expect(cache.extractions - extractions).toBe(1);
  });

  it("sees a file created for an import that named nothing, and a syntax error in an edited file", () => {
    const dir = tempDir("lgc-extract-cache-");
    cpSync(join(fixtures, "..", "examples", "support-desk", "v1"), dir, { recursive: true });
    const cache = new ExtractCache();
    const graph = join(dir, "src", "graph.ts");
    // escalate calls a helper from a file that does not exist yet; once it does, escalate can pause.
    const text = readFileSync(graph, "utf8").replace("async function escalate(state: SupportStateType) {", "async function escalate(state: SupportStateType) {\n  extra();");
    writeFileSync(graph, `import { extra } from "./extra.js";\n${text}`);
    const missing = extract(dir, cache);
    expect(missing).toBe(extract(dir));
    writeFileSync(join(dir, "src", "extra.ts"), 'import { interrupt } from "@langchain/langgraph";\nexport const extra = () => interrupt("x");\n');
    const created = extract(dir, cache);
    expect(created).not.toBe(missing);
    expect(created).toBe(extract(dir));
    writeFileSync(join(dir, "src", "steps.ts"), "export const = ;\n");
    expect(extract(dir, cache)).toMatch(/^syntax-error: /);
  });

  it("sees a pause added two helpers away, in a file only a kept answer read", () => {
    const dir = tempDir("lgc-extract-cache-");
    cpSync(join(fixtures, "..", "examples", "support-desk", "v1"), dir, { recursive: true });
    const graph = join(dir, "src", "graph.ts");
    const text = readFileSync(graph, "utf8").replace("async function escalate(state: SupportStateType) {", "async function escalate(state: SupportStateType) {\n  notify();");
    writeFileSync(graph, `import { notify } from "./notify.js";\n${text}`);
    writeFileSync(join(dir, "src", "notify.ts"), 'import { deliver } from "./deliver.js";\nexport function notify() {\n  return deliver("ops");\n}\n');
    writeFileSync(join(dir, "src", "deliver.ts"), "export function deliver(to: string) {\n  return to;\n}\n");
    const cache = new ExtractCache();
    const first = extract(dir, cache);
    // graph.ts changes (so the graph is extracted again, asking about notify), deliver.ts starts pausing.
    writeFileSync(graph, `${readFileSync(graph, "utf8")}\nexport const touched = 1;\n`);
    extract(dir, cache);
    writeFileSync(join(dir, "src", "deliver.ts"), 'import { interrupt } from "@langchain/langgraph";\nexport function deliver(to: string) {\n  return interrupt(to);\n}\n');
    const paused = extract(dir, cache);
    expect(paused).toBe(extract(dir));
    expect(paused).not.toBe(first);
  });
});
