/**
 * The one module resolver (TypeScript's `resolveModuleName` plus the workspace-package fallback): each
 * behaviour the extractor relies on, stated by hand, and a broken tsconfig reported as a user error.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUserError } from "@langgraph-compat/snapshot";
import { ModuleResolver } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

/** A temp folder holding `files` (removed after the run). */
function tree(files: Record<string, string>): string {
  const root = tempDir("lgc-modres-");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The error a broken tsconfig gives, as the user sees it. */
function configError(tsconfig: string): string {
  const root = tree({ "tsconfig.json": tsconfig, "src/a.ts": "" });
  try {
    new ModuleResolver(root);
  } catch (error) {
    expect(isUserError(error), String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("no error for a broken tsconfig");
}

describe("ModuleResolver", () => {
  it("follows relative imports: exact, `.js` written for `.ts`, extensionless, index files, JavaScript", () => {
    const root = tree({ "src/g.ts": "", "src/x.ts": "", "src/x.js": "", "src/dir/index.ts": "", "src/j.js": "", "src/types.d.ts": "" });
    const from = join(root, "src/g.ts");
    const modules = new ModuleResolver(root);
    expect(modules.resolve("./x.js", from)).toBe(join(root, "src/x.ts"));
    expect(modules.resolve("./x", from)).toBe(join(root, "src/x.ts"));
    expect(modules.resolve("./x.ts", from)).toBe(join(root, "src/x.ts"));
    expect(modules.resolve("./dir", from)).toBe(join(root, "src/dir/index.ts"));
    expect(modules.resolve("./dir/index.js", from)).toBe(join(root, "src/dir/index.ts"));
    expect(modules.resolve("./j", from)).toBe(join(root, "src/j.js"));
    expect(modules.resolve("./missing", from)).toBeUndefined();
    // A declaration file is not code: the extractor treats it like a package.
    expect(modules.resolve("./types", from)).toBeUndefined();
    expect(modules.resolve("zod", from)).toBeUndefined();
  });

  it("picks the longest matching `paths` pattern, as TypeScript does, whatever the order in tsconfig", () => {
    const root = tree({
      "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["src/*"], "@/nodes/*": ["alt/*"] } } }),
      "src/g.ts": "",
      "src/nodes/work.ts": "",
      "alt/work.ts": "",
      "src/state.ts": "",
    });
    const modules = new ModuleResolver(root);
    const from = join(root, "src/g.ts");
    expect(modules.resolve("@/nodes/work", from)).toBe(join(root, "alt/work.ts"));
    expect(modules.resolve("@/state.js", from)).toBe(join(root, "src/state.ts"));
  });

  it("reads `baseUrl` and `paths` through a relative `extends`, and ignores a package `extends` that is not installed", () => {
    const root = tree({
      "tsconfig.base.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "#lib/*": ["shared/*"] } } }),
      "app/tsconfig.json": `{ // comments and trailing commas are fine
        "extends": ["@tsconfig/node20/tsconfig.json", "../tsconfig.base.json"], }`,
      "app/src/g.ts": "",
      "shared/names.ts": "",
      "app/src/util.ts": "",
    });
    const modules = new ModuleResolver(join(root, "app"));
    const from = join(root, "app/src/g.ts");
    expect(modules.resolve("#lib/names", from)).toBe(join(root, "shared/names.ts"));
    // `baseUrl` is the base config's folder, so bare paths resolve from there.
    expect(modules.resolve("app/src/util", from)).toBe(join(root, "app/src/util.ts"));
  });

  it("finds workspace packages without node_modules and maps their build output back to sources", () => {
    const root = tree({
      "pnpm-workspace.yaml": "packages:\n  - apps/*\n  - libs/*\n",
      "libs/shared/package.json": JSON.stringify({ name: "@acme/shared", exports: { "./*": { types: "./dist/*.d.ts", import: "./dist/*.js" } } }),
      "libs/shared/src/state.ts": "",
      "libs/main/package.json": JSON.stringify({ name: "main-lib", main: "./dist/index.js" }),
      "libs/main/src/index.ts": "",
      "apps/a/src/g.ts": "",
    });
    const modules = new ModuleResolver(join(root, "apps/a"));
    const from = join(root, "apps/a/src/g.ts");
    expect(modules.resolve("@acme/shared/state", from)).toBe(join(root, "libs/shared/src/state.ts"));
    expect(modules.resolve("main-lib", from)).toBe(join(root, "libs/main/src/index.ts"));
    expect(modules.resolve("@acme/other", from)).toBeUndefined();
  });

  it("prefers a workspace package's sources over the build output TypeScript finds through node_modules", () => {
    const root = tree({
      "package.json": JSON.stringify({ workspaces: ["apps/*", "libs/*"] }),
      "libs/shared/package.json": JSON.stringify({ name: "@acme/shared", exports: { "./*": { types: "./dist/*.d.ts", import: "./dist/*.js" } } }),
      "libs/shared/src/state.ts": "",
      "libs/shared/dist/state.js": "",
      "libs/shared/dist/state.d.ts": "",
      "apps/a/src/g.ts": "",
    });
    mkdirSync(join(root, "apps/a/node_modules/@acme"), { recursive: true });
    symlinkSync(join(root, "libs/shared"), join(root, "apps/a/node_modules/@acme/shared"));
    const modules = new ModuleResolver(join(root, "apps/a"));
    expect(modules.resolve("@acme/shared/state", join(root, "apps/a/src/g.ts"))).toBe(join(root, "libs/shared/src/state.ts"));
  });
});

describe("a broken tsconfig is a user error naming the file and the problem", () => {
  it("rejects unparsable JSON", () => {
    expect(configError(`{ "compilerOptions": { "paths": { "@/*": ["src/*"] }`)).toMatch(/^tsconfig\.json:1:\d+: '}' expected\.$/);
  });

  it("rejects a baseUrl that is not a string", () => {
    expect(configError(`{ "compilerOptions": { "baseUrl": 5 } }`)).toBe("tsconfig.json:1:35: Compiler option 'baseUrl' requires a value of type string.");
  });

  it("rejects `paths` targets written as a string instead of an array", () => {
    expect(configError(`{ "compilerOptions": { "paths": { "@/*": "src/*" } } }`)).toBe(
      'tsconfig.json: compilerOptions.paths["@/*"] must be an array of paths, not string',
    );
    expect(configError(`{ "compilerOptions": { "paths": { "@/*": [] } } }`)).toBe('tsconfig.json: compilerOptions.paths["@/*"] must not be an empty array');
    expect(configError(`{ "compilerOptions": { "paths": { "@/*": [5] } } }`)).toBe('tsconfig.json: compilerOptions.paths["@/*"] must hold strings, not number');
  });

  it("names the extended file that holds the bad `paths`, relative to the project", () => {
    const root = tree({
      "base.json": JSON.stringify({ compilerOptions: { paths: { "@/*": "src/*" } } }),
      "app/tsconfig.json": JSON.stringify({ extends: "../base.json" }),
    });
    expect(() => new ModuleResolver(join(root, "app"))).toThrow(/^\.\.\/base\.json: compilerOptions\.paths\["@\/\*"\] must be an array of paths, not string$/);
  });

  it("rejects a relative `extends` that does not exist", () => {
    expect(configError(`{ "extends": "./missing.json" }`)).toMatch(/^tsconfig\.json: Cannot read file '.*missing\.json'\.$/);
  });
});
