import { resolve } from "node:path";
import pc from "picocolors";
import { UserError, canonicalJson, namespacedId, writeFileAtomic } from "@langgraph-compat/snapshot";
import { FORMATS, diffSnapshots, mergeResults, renderFormat, type DiffResult, type Format, type FormatOptions } from "@langgraph-compat/diff";
import { choice, parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { pathInRepo } from "../git.js";
import { VERSION } from "../version.js";
import { progress } from "../progress.js";
import { COMPARE_FLAGS, basePath, compared } from "../compared.js";
import { EXPOSURE_FLAGS, withThreads } from "./threads.js";

export { CONFIG_FILE } from "../graphs.js";
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
    ...EXPOSURE_FLAGS,
  });
  const format = choice("format", values.format as string | undefined, FORMATS, "text");
  const outputs = parseOutputs((values.output as unknown as string[] | undefined) ?? [], format);
  const failOn = choice("fail-on", values["fail-on"] as string | undefined, FAIL_ON, "breaking");
  const shown = progress(io.stderr);
  const sides = compared("check", values, true, shown.say);
  const parts = [];
  for (const side of sides) parts.push({ namespace: side.namespace, result: await diffSnapshots(side.before!, side.after, { config: side.config }) });
  let result = mergeResults(parts);
  if (typeof values.threads === "string") result = await withThreads("check", result, sides, values, shown.say);
  shown.done();
  const options: FormatOptions & { graphs: string[] } = {
    projectPath: pathInRepo(basePath(sides)) ?? "",
    includeSafe: values["include-safe"] === true,
    version: VERSION,
    ruleUrl,
    graphs: sides.flatMap((side) => Object.keys(side.after.graphs).map((id) => namespacedId(side.namespace, id))),
  };
  // Files first, each written whole or not at all; then stdout.
  for (const { format: f, path } of outputs.files) writeFileAtomic(resolve(path), renderFormat(result, f, options));
  const paint = colorOn(io) ? { breaking: pc.red, risky: pc.yellow, safe: pc.green } : undefined;
  for (const f of outputs.stdout) io.stdout.write(renderFormat(result, f, { ...options, paint }));
  if (failOn === "stale" && (result.findings.length > 0 || sides.some((side) => canonicalJson(side.before!) !== canonicalJson(side.after)))) {
    io.stderr.write("langgraph-compat: the committed snapshot is stale: run `langgraph-compat snapshot` and commit the result\n");
    return EXIT.findings;
  }
  return failsOn(result, failOn) ? EXIT.findings : EXIT.ok;
}
