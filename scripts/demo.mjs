// The README's demo: snapshot the bundled example project (v1), then change it to v2 (a paused node renamed,
// a state key added, a node added downstream) and check v2 against v1's snapshot, as a pull request's CI would.
// Run through `npx -y pnpm@10.34.8 demo`, which installs and builds first.
import { execFileSync } from "node:child_process";
import { mkdtempSync, cpSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = join(import.meta.dirname, "..", "packages", "cli", "dist", "bin.js");
const example = join(import.meta.dirname, "..", "examples", "support-desk");
const work = mkdtempSync(join(tmpdir(), "langgraph-compat-demo-"));

function step(_title, args) {
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
  const app = join(work, "app");
  if (step("snapshot", ["snapshot", "--project", app]) !== 0) throw new Error("snapshot failed");
  rmSync(join(app, "src"), { recursive: true });
  cpSync(join(example, "v2", "src"), join(app, "src"), { recursive: true });
  console.log("\nNow the sources change to examples/support-desk/v2 (see `diff -r examples/support-desk/v1 examples/support-desk/v2`).");
  const code = step("check", ["check", "--project", app]);
  console.log(`\ncheck exited with ${code}: ${code === 1 ? "a breaking change was found, so CI would fail this pull request" : "unexpected"}.`);
  if (code !== 1) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
