import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import { UserError, writeFileAtomic } from "@langgraph-compat/snapshot";
import { parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { VERSION } from "../version.js";
import { CONFIG_FILE } from "../graphs.js";
import { SNAPSHOT_FILE } from "./snapshot.js";

/**
 * Where the config's `$schema` points: the installed copy, relative to the project, when the project can see
 * it (completion offline); else the published one.
 */
function schemaRef(projectDir: string): string {
  try {
    const path = createRequire(import.meta.url).resolve("@langgraph-compat/diff/config.schema.json");
    const rel = relative(projectDir, path).split(sep).join("/");
    if (!rel.startsWith("../") && rel.includes("node_modules/")) return `./${rel}`;
  } catch {
    // not resolvable from here: the published copy
  }
  return `https://unpkg.com/@langgraph-compat/diff@${VERSION}/config.schema.json`;
}

const NEXT_STEPS = `
Next:
  1. Commit ${SNAPSHOT_FILE} and ${CONFIG_FILE}.
  2. In CI, fail a pull request that would break persisted threads:
       npx langgraph-compat check --format github --output text=- --output sarif=lgc.sarif
     or, with GitHub Actions, the langgraph-compat Action (docs/ci.md has GitLab and other CIs).
  3. In the editor, the same verdict as you type (eslint.config.mjs):
       import tsParser from "@typescript-eslint/parser";
       import langgraphCompat from "@langgraph-compat/eslint-plugin";
       export default [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, langgraphCompat.configs.recommended];
  4. After a deliberate change, run \`langgraph-compat snapshot\` again and commit it.
`;

/**
 * `langgraph-compat init [--project DIR]`: the first snapshot and a config (with its JSON Schema for editor
 * completion), then the CI and ESLint setup to copy. Existing files are left as they are.
 */
export async function initCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags("init", args, { project: { type: "string", default: "." } });
  const projectDir = resolve(String(values.project));
  if (!existsSync(projectDir)) throw new UserError("project-missing", `init: --project ${String(values.project)}: no such project directory`);
  const snapshot = join(projectDir, SNAPSHOT_FILE);
  if (existsSync(snapshot)) io.stdout.write(`${SNAPSHOT_FILE} exists: left as it is (\`langgraph-compat snapshot\` rewrites it)\n`);
  else {
    const { snapshotCommand } = await import("./snapshot.js");
    snapshotCommand(["--project", projectDir], io);
  }
  const config = join(projectDir, CONFIG_FILE);
  if (existsSync(config)) io.stdout.write(`${CONFIG_FILE} exists: left as it is\n`);
  else {
    const starter = { $schema: schemaRef(projectDir), rules: {}, renames: { nodes: {}, stateKeys: {} }, ignore: [], accepted: [] };
    writeFileAtomic(config, `${JSON.stringify(starter, null, 2)}\n`);
    io.stdout.write(`wrote ${config} (its $schema gives your editor completion for every field and rule id)\n`);
  }
  io.stdout.write(NEXT_STEPS);
  return EXIT.ok;
}
