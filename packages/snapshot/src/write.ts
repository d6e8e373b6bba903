import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "./errors.js";

/** True when `path` is an existing directory; false when it is missing or cannot be looked at. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a missing path, or a parent that is a file: the write reports it
  }
}

/** Plain words for the file-system errors a user can cause. */
const WHY = new Map([
  ["EISDIR", "it is a directory"],
  ["ENOTDIR", "a parent is not a directory"],
  ["EEXIST", "a parent is not a directory"],
  ["EACCES", "permission denied"],
  ["EPERM", "permission denied"],
  ["EROFS", "read-only file system"],
  ["ENOSPC", "no space left on device"],
]);

/**
 * Write a file atomically: write a new temporary file beside it, then rename it over the target, so a
 * reader never sees a partial file and a failed write leaves the old file in place. On any failure the
 * temporary file is removed. A target that is a directory, and file-system errors (no permission, no
 * space, a parent that is a file), are one-line {@link UserError}s naming the path.
 */
export function writeFileAtomic(path: string, content: string): void {
  if (isDirectory(path)) throw new UserError("write-failed", `cannot write ${path}: it is a directory; name a file`);
  const dir = dirname(path);
  // Same directory as the target, so the rename never crosses file systems; random, so no two writers share it.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, content, { flag: "wx" });
    renameSync(tmp, path);
  } catch (error) {
    // A failed write (no space, say) may have created a partial temporary file: remove it too.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing was created where nothing can be removed (e.g. a parent is a file): report the write error.
    }
    // Only system-call failures are the user's to fix; anything else (ERR_INVALID_ARG_TYPE, say) is a bug.
    const { code, syscall } = error as NodeJS.ErrnoException;
    if (typeof code !== "string" || syscall === undefined) throw error;
    throw new UserError("write-failed", `cannot write ${path}: ${WHY.get(code) ?? code}`);
  }
}
