/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message` per breaking finding,
 * `::warning` per risky one (and `::notice` per safe one when asked). GitHub puts them on the pull request's
 * diff without any token.
 */
import { renderFix, renderMessage, renderThreads } from "../render.js";
import type { DiffResult, Severity } from "../types.js";
import { shown, shownAt, type FormatOptions } from "./common.js";

const COMMAND: Record<Severity, string> = { breaking: "error", risky: "warning", safe: "notice" };

/** A command's message: `%`, CR and LF escaped as GitHub's runner reads them. */
const data = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
/** A command's property value: also `:` and `,`. */
const property = (text: string) => data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function renderGithub(result: DiffResult, options: FormatOptions = {}): string {
  const lines = shown(result.findings, options).map((f) => {
    const at = shownAt(options, f);
    const title = `langgraph-compat ${f.severity}: ${f.ruleId} (${f.graph})`;
    const endangers = (f.severity !== "safe" && f.endangered?.length ? `\nEndangers: ${f.endangered.join("; ")}` : "") + (f.threads ? `\nStored threads: ${renderThreads(f.threads)}` : "");
    const message = `${renderMessage(f)}${endangers}\nFix: ${renderFix(f)}`;
    return `::${COMMAND[f.severity]} file=${property(at.file)},line=${at.line},col=${at.column},title=${property(title)}::${data(message)}`;
  });
  const { breaking, risky, safe } = result.summary;
  lines.push(`langgraph-compat: ${breaking} breaking, ${risky} risky, ${safe} safe`);
  return `${lines.join("\n")}\n`;
}
