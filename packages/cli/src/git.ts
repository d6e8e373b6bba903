import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { UserError, isUserError } from "@langgraph-compat/snapshot";

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
 * Check out the whole repository as it was at git `ref` into a temporary directory, with `git archive`
 * (no hooks, no filters, no code run), and call `use` with the path of each project inside it (undefined for a
 * project folder that did not exist at `ref`). The whole tree, not just the project folders: extraction also
 * reads files above a project (workspace packages, a tsconfig it extends), and those must come from `ref` too,
 * exactly where the live tree has them. Errors inside `use` name `REF:path`, never the temporary directory.
 * The directory is removed after.
 */
export function withProjectsAtRef<T>(projectDirs: readonly string[], ref: string, use: (dirs: Array<string | undefined>) => T): T {
  const first = projectDirs[0]!;
  const top = git(first, ["rev-parse", "--show-toplevel"], `${first} is not in a git repository`).toString().trim();
  const found = spawnSync("git", ["-C", top, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (found.status !== 0) {
    const shallow = spawnSync("git", ["-C", top, "rev-parse", "--is-shallow-repository"]).stdout?.toString().trim() === "true";
    throw new UserError(
      "git-failed",
      shallow
        ? `git ref "${ref}" is missing: this clone is shallow, so it probably was not fetched; fetch it (\`git fetch origin ${ref}\`, or \`fetch-depth: 0\` in actions/checkout)`
        : `unknown git ref "${ref}"`,
    );
  }
  const commit = found.stdout.toString().trim();
  const tmp = mkdtempSync(join(tmpdir(), "langgraph-compat-ref-"));
  try {
    const tree = join(tmp, "tree");
    mkdirSync(tree);
    // Through a file rather than memory: the whole tree can be large.
    const tar = join(tmp, "ref.tar");
    git(top, ["archive", "--format=tar", `--output=${tar}`, commit], `cannot read the repository at ${ref}`);
    const untar = spawnSync("tar", ["-x", "-f", tar, "-C", tree]);
    if (untar.status !== 0) throw new UserError("git-failed", `cannot unpack ${ref}: ${untar.stderr.toString().trim().split("\n")[0]}`);
    rmSync(tar);
    const dirs = projectDirs.map((projectDir) => {
      const inside = relative(top, projectDir).split(sep).join("/");
      const project = inside ? join(tree, ...inside.split("/")) : tree;
      return existsSync(project) && statSync(project).isDirectory() ? project : undefined;
    });
    try {
      return use(dirs);
    } catch (error) {
      if (!isUserError(error)) throw error;
      // Say where the file is in the repository at REF, not in the temporary checkout.
      const message = error.message.split(tree + sep).join(`${ref}:`).split(tree).join(`${ref}:.`);
      throw new UserError(error.code, message);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** {@link withProjectsAtRef} for one project, which must exist at `ref`. */
export function withProjectAtRef<T>(projectDir: string, ref: string, use: (dir: string) => T): T {
  return withProjectsAtRef([projectDir], ref, ([dir]) => {
    if (dir === undefined) {
      const top = git(projectDir, ["rev-parse", "--show-toplevel"], `${projectDir} is not in a git repository`).toString().trim();
      throw new UserError("project-missing", `${relative(top, projectDir).split(sep).join("/") || "."} does not exist at ${ref}`);
    }
    return use(dir);
  });
}

/** The project directory relative to its repository's root, POSIX (`""` at the root); undefined outside git. */
export function pathInRepo(projectDir: string): string | undefined {
  const result = spawnSync("git", ["-C", projectDir, "rev-parse", "--show-toplevel"]);
  if (result.status !== 0) return undefined;
  return relative(result.stdout.toString().trim(), projectDir).split(sep).join("/");
}

/** `git` in `cwd`, its output trimmed, or undefined when it fails (not a repository, no such ref). */
function tryGit(cwd: string, args: string[]): string | undefined {
  const result = spawnSync("git", ["-C", cwd, ...args], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** A commit in words: `abc1234 (2026-12-01)`; undefined outside git. */
export function describeCommit(cwd: string, ref: string): string | undefined {
  return tryGit(cwd, ["log", "-1", "--format=%h (%cs)", ref, "--"]) || undefined;
}

/** When a file was last committed, `YYYY-MM-DD`; undefined when it is not in git. */
export function committedOn(path: string): string | undefined {
  return tryGit(dirname(path), ["log", "-1", "--format=%cs", "--", path]) || undefined;
}
