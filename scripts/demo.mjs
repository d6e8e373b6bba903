// The README's demo: snapshot the bundled example project (v1) and print the summary.
// Run through `npx -y pnpm@10.34.8 demo`, which installs and builds first.
import { execFileSync } from "node:child_process";
import { mkdtempSync, cpSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = join(import.meta.dirname, "..", "packages", "cli", "dist", "bin.js");
const example = join(import.meta.dirname, "..", "examples", "support-desk");
const work = mkdtempSync(join(tmpdir(), "langgraph-compat-demo-"));

function step(title, args) {
  console.log(`\n$ langgraph-compat ${args.join(" ")}`);
  try {
    process.stdout.write(execFileSync(process.execPath, [cli, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
    return 0;
  } catch (error) {
    process.stdout.write(error.stdout ?? "");
    return error.status ?? 1;
  }
}

try {
  cpSync(join(example, "v1"), join(work, "app"), { recursive: true });
  console.log(`Demo project: a copy of examples/support-desk/v1 in ${join(work, "app")}`);
  const code = step("snapshot", ["snapshot", "--project", join(work, "app")]);
  if (code !== 0) process.exitCode = code;
} finally {
  rmSync(work, { recursive: true, force: true });
}
