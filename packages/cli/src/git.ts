import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { UserError } from "@langgraph-compat/snapshot";

function git(cwd: string, args: string[], what: string): Buffer {
  const result = spawnSync("git", ["-C", cwd, ...args], { maxBuffer: 1 << 30 });
  if (result.error) throw new UserError("git-failed", `${what}: cannot run git (${result.error.message})`);
  if (result.status !== 0) {
    const message = result.stderr.toString().trim().split("\n")[0] || `git exited with ${result.status}`;
    throw new UserError("git-failed", `${what}: ${message}`);
  }
  return result.stdout;
}

/**
 * Check out `projectDir` as it was at git `ref` into a temporary directory, with `git archive` (no hooks,
 * no code run), and call `use` with the path of the project inside it. The directory is removed after.
 */
export function withProjectAtRef<T>(projectDir: string, ref: string, use: (dir: string) => T): T {
  const top = git(projectDir, ["rev-parse", "--show-toplevel"], `${projectDir} is not in a git repository`).toString().trim();
  const commit = git(top, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], `unknown git ref "${ref}"`).toString().trim();
  const inside = relative(top, projectDir).split(sep).join("/");
  const archive = git(top, ["archive", "--format=tar", commit, ...(inside ? [inside] : [])], `cannot read ${inside || "."} at ${ref}`);
  const tmp = mkdtempSync(join(tmpdir(), "langgraph-compat-ref-"));
  try {
    const untar = spawnSync("tar", ["-x", "-C", tmp], { input: archive });
    if (untar.status !== 0) throw new UserError("git-failed", `cannot unpack ${ref}: ${untar.stderr.toString().trim()}`);
    return use(inside ? join(tmp, inside) : tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
