/**
 * A broken tsconfig.json is the user's input error: exit 2 with one line naming the file and the problem,
 * never exit 3 ("internal error") and never a silent guess at where imports go.
 */
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { cli } from "./helpers.js";

const example = join(import.meta.dirname, "..", "..", "..", "examples", "support-desk", "v1");

const BROKEN: Array<{ what: string; tsconfig: string; message: RegExp }> = [
  {
    what: "a baseUrl that is not a string",
    tsconfig: `{ "compilerOptions": { "baseUrl": 5, "paths": { "@/*": ["src/*"] } } }`,
    message: /^langgraph-compat: tsconfig\.json:1:35: Compiler option 'baseUrl' requires a value of type string\.\n$/,
  },
  {
    what: "paths targets written as a string",
    tsconfig: `{ "compilerOptions": { "paths": { "@/*": "src/*" } } }`,
    message: /^langgraph-compat: tsconfig\.json: compilerOptions\.paths\["@\/\*"\] must be an array of paths, not string\n$/,
  },
  {
    what: "unparsable JSON",
    tsconfig: `{ "compilerOptions": { "paths": { "@/*": ["src/*"] } `,
    message: /^langgraph-compat: tsconfig\.json:1:\d+: '}' expected\.\n$/,
  },
];

describe("a broken tsconfig.json", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir("lgc-tsconfig-");
    cpSync(example, dir, { recursive: true });
    // A good snapshot first, so `check` gets as far as extracting the sources.
    expect((await cli("snapshot", "--project", dir)).code).toBe(0);
  });

  for (const { what, tsconfig, message } of BROKEN) {
    it(`${what}: snapshot and check exit 2 with one line`, async () => {
      writeFileSync(join(dir, "tsconfig.json"), tsconfig);
      for (const command of ["snapshot", "check"]) {
        const result = await cli(command, "--project", dir);
        expect(result.code, `${command}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stdout).toBe("");
      }
    });
  }
});
