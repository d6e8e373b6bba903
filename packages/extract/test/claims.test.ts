import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUserError, type Snapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { graphIds, normalizeClaim, viewOf, type FixtureClaims } from "./claims.js";

/*
 * The first layer of the extract goldens: each fixture's hand-written `claims.json` (format in
 * fixtures/extract/README.md) against live extractor output. Nothing here is generated.
 */

const root = join(import.meta.dirname, "..", "..", "..", "fixtures", "extract");
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The snapshot, or the code of the user error extraction raised. */
function extract(dir: string): { snapshot?: Snapshot; error?: string } {
  try {
    return { snapshot: extractProject({ projectDir: dir }) };
  } catch (error) {
    if (isUserError(error)) return { error: error.code };
    throw error;
  }
}

describe("extract fixtures match their hand-written claims", () => {
  for (const name of cases) {
    it(name, () => {
      const file = join(root, name, "claims.json");
      expect(existsSync(file), `${name} has no claims.json`).toBe(true);
      const claims = JSON.parse(readFileSync(file, "utf8")) as FixtureClaims;
      const result = extract(join(root, name));
      if ("error" in claims) {
        expect(result.error, `${name} must fail to extract`).toBe(claims.error);
        return;
      }
      expect(result.error, `${name} failed to extract`).toBeUndefined();
      const snapshot = result.snapshot!;
      expect(graphIds(snapshot), `${name}: graph ids`).toEqual(Object.keys(claims.graphs).sort());
      for (const [id, claim] of Object.entries(claims.graphs)) {
        expect.soft(viewOf(snapshot.graphs[id], claim), `${name}: graph "${id}"`).toEqual(normalizeClaim(claim));
      }
    });
  }
});
