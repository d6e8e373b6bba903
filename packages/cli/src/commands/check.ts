import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import pc from "picocolors";
import { UserError, canonicalJson, loadSnapshot, writeFileAtomic, type Snapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { FORMATS, diffSnapshots, loadConfig, renderFormat, type DiffResult, type Format, type FormatOptions } from "@langgraph-compat/diff";
import { choice, parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { SNAPSHOT_FILE } from "./snapshot.js";
import { committedOn, describeCommit, pathInRepo, withProjectAtRef } from "../git.js";
import { VERSION } from "../version.js";
import { progress } from "../progress.js";
import { CONFIG_FILE, graphChoice } from "../graphs.js";

export { CONFIG_FILE };
const FAIL_ON = ["breaking", "risky", "stale", "never"] as const;

/**
 * True when some finding is at or above the `--fail-on` level. `stale` fails on any finding at all, safe
 * ones included (the caller also fails it when the snapshots differ in anything no rule reports).
 */
export function failsOn(result: DiffResult, level: (typeof FAIL_ON)[number]): boolean {
  if (level === "never") return false;
  if (level === "stale") return result.findings.length > 0;
  return result.summary.breaking > 0 || (level === "risky" && result.summary.risky > 0);
}

/** Where the rule pages are online: inside this package, as published. */
export const ruleUrl = (id: string) => `https://unpkg.com/langgraph-compat@${VERSION}/docs/rules/${id}.md`;

/**
 * The `--output` values: `FILE` (the `--format` report goes there instead of stdout; at most one) or
 * `FORMAT=FILE` (one more report; repeatable). `-` is stdout.
 */
export function parseOutputs(values: readonly string[], format: Format): { stdout: Format[]; files: Array<{ format: Format; path: string }> } {
  const files: Array<{ format: Format; path: string }> = [];
  const stdout: Format[] = [];
  let bare = 0;
  for (const value of values) {
    const named = /^([a-z]+)=(.+)$/.exec(value);
    const known = named !== null && (FORMATS as readonly string[]).includes(named[1]);
    if (named !== null && !known && !/[/\\.]/.test(named[1])) {
      throw new UserError("usage", `--output ${value}: unknown format "${named[1]}" (expected one of ${FORMATS.join(", ")})`);
    }
    const target = known ? { format: named![1] as Format, path: named![2] } : { format, path: value };
    if (!known && ++bare > 1) throw new UserError("usage", "--output FILE may be given once; name more reports as FORMAT=FILE");
    if (target.path === "-") stdout.push(target.format);
    else files.push(target);
  }
  const seen = new Set<string>();
  for (const { path } of files) {
    if (seen.has(resolve(path))) throw new UserError("usage", `--output: ${path} is named twice`);
    seen.add(resolve(path));
  }
  // Without a bare --output FILE, the --format report goes to stdout as before.
  if (bare === 0 && !stdout.includes(format)) stdout.unshift(format);
  return { stdout, files };
}

/** The flags of the commands that compare two sides (`check`, `report`), read by {@link compared}. */
export const COMPARE_FLAGS = {
  project: { type: "string", default: "." },
  snapshot: { type: "string" },
  "against-ref": { type: "string" },
  config: { type: "string" },
  graph: { type: "string", multiple: true },
} as const;

/**
 * The two sides a command compares, from its flags: the project in `--project` extracted now, and the baseline:
 * `--against-ref REF` (the same project extracted from git), `--snapshot FILE`, or the committed snapshot. With
 * `required` false a missing committed snapshot means no baseline. Inputs a user can get wrong (config,
 * `--graph`, the snapshot) are read before the slower extraction.
 */
export function compared(command: string, values: Record<string, unknown>, required: boolean, status: (text: string) => void = () => undefined) {
  const projectDir = resolve(String(values.project ?? "."));
  // Named first: a missing project would otherwise surface as a missing snapshot inside it.
  if (!existsSync(projectDir)) throw new UserError("project-missing", `${command}: --project ${String(values.project)}: no such project directory`);
  const ref = values["against-ref"];
  if (typeof ref === "string" && typeof values.snapshot === "string") {
    throw new UserError("usage", `${command}: --snapshot and --against-ref are alternatives; pass one`);
  }
  const configPath = typeof values.config === "string" ? resolve(values.config) : join(projectDir, CONFIG_FILE);
  const config = typeof values.config === "string" || existsSync(configPath) ? loadConfig(configPath) : undefined;
  const graphs = graphChoice(values.graph, config, configPath);
  const snapshotPath = resolve(typeof values.snapshot === "string" ? values.snapshot : join(projectDir, SNAPSHOT_FILE));
  let before: Snapshot | undefined;
  let baseline: string | undefined;
  if (typeof ref === "string") {
    status(`reading ${ref}`);
    // A named graph that does not exist yet at REF is skipped there: the diff shows it as added.
    before = withProjectAtRef(projectDir, ref, (dir) => extractProject({ projectDir: dir, ...graphs, skipMissing: true }));
    baseline = `git ref ${ref}${describeCommit(projectDir, ref) ? ` at ${describeCommit(projectDir, ref)}` : ""}`;
  } else if (required || typeof values.snapshot === "string" || existsSync(snapshotPath)) {
    before = loadSnapshot(snapshotPath);
    const on = committedOn(snapshotPath);
    baseline = `snapshot ${relative(projectDir, snapshotPath) || snapshotPath}${on ? `, committed ${on}` : ", not committed"}`;
  }
  status("reading the project");
  const after = extractProject({ projectDir, ...graphs });
  status("comparing");
  return { projectDir, config, before, baseline, after };
}

/**
 * Colour for the text report on stdout: picocolors decides (a TTY, `FORCE_COLOR`, `NO_COLOR`, `CI`), and only
 * when stdout is the process's own (tests pass in-memory streams).
 */
function colorOn(io: Io): boolean {
  return io.stdout === process.stdout && pc.isColorSupported;
}

/**
 * `langgraph-compat check` (flags in main.ts's help): extract DIR and diff it against the committed
 * snapshot, or against the same project extracted from git ref REF.
 */
export async function checkCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags("check", args, {
    ...COMPARE_FLAGS,
    format: { type: "string" },
    output: { type: "string", multiple: true },
    "include-safe": { type: "boolean", default: false },
    "fail-on": { type: "string" },
  });
  const format = choice("format", values.format as string | undefined, FORMATS, "text");
  const outputs = parseOutputs((values.output as unknown as string[] | undefined) ?? [], format);
  const failOn = choice("fail-on", values["fail-on"] as string | undefined, FAIL_ON, "breaking");
  const shown = progress(io.stderr);
  const { projectDir, config, before, after } = compared("check", values, true, shown.say);
  const result = await diffSnapshots(before!, after, { config });
  shown.done();
  const options: FormatOptions & { graphs: string[] } = {
    projectPath: pathInRepo(projectDir) ?? "",
    includeSafe: values["include-safe"] === true,
    version: VERSION,
    ruleUrl,
    graphs: Object.keys(after.graphs),
  };
  // Files first, each written whole or not at all; then stdout.
  for (const { format: f, path } of outputs.files) writeFileAtomic(resolve(path), renderFormat(result, f, options));
  const paint = colorOn(io) ? { breaking: pc.red, risky: pc.yellow, safe: pc.green } : undefined;
  for (const f of outputs.stdout) io.stdout.write(renderFormat(result, f, { ...options, paint }));
  if (failOn === "stale" && (result.findings.length > 0 || canonicalJson(before!) !== canonicalJson(after))) {
    io.stderr.write("langgraph-compat: the committed snapshot is stale: run `langgraph-compat snapshot` and commit the result\n");
    return EXIT.findings;
  }
  return failsOn(result, failOn) ? EXIT.findings : EXIT.ok;
}
