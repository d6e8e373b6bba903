import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { isUserError, writeFileAtomic } from "../src/index.js";

// Failures a test cannot cause for real as root (a full disk, a refused rename) are injected here.
// Every path written is recorded, to prove a refused write created nothing, not even briefly.
const inject = vi.hoisted(() => ({ rename: undefined as string | undefined, write: undefined as string | undefined, written: [] as string[] }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const fail = (code: string) => Object.assign(new Error(`${code}: injected`), { code, syscall: "injected" });
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      if (inject.rename) throw fail(inject.rename);
      return fs.renameSync(from, to);
    },
    writeFileSync: (path: string, data: string, options?: object) => {
      inject.written.push(path);
      if (inject.write) {
        fs.writeFileSync(path, data.slice(0, 3), options); // a partial temporary file, then the failure
        throw fail(inject.write);
      }
      return fs.writeFileSync(path, data, options);
    },
  };
});

const temps: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "lgc-write-"));
  temps.push(dir);
  return dir;
};
afterEach(() => {
  inject.rename = undefined;
  inject.write = undefined;
  inject.written = [];
});
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function userErrorOf(write: () => void): string {
  try {
    write();
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("writeFileAtomic", () => {
  it("writes the file, creating parents, and leaves nothing else", () => {
    const dir = scratch();
    const path = join(dir, "a", "b.json");
    writeFileAtomic(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(join(dir, "a"))).toEqual(["b.json"]);
  });

  it.each([
    ["rename", "EACCES", "permission denied"],
    ["rename", "EXDEV", "EXDEV"],
    ["write", "ENOSPC", "no space left on device"],
  ] as const)("a failed %s (%s) is one line, keeps the old file and removes the temporary file", (step, code, words) => {
    const dir = scratch();
    const path = join(dir, "snap.json");
    writeFileSync(path, "old");
    inject[step] = code;
    expect(userErrorOf(() => writeFileAtomic(path, "new content"))).toBe(`cannot write ${path}: ${words}`);
    expect(readdirSync(dir)).toEqual(["snap.json"]);
    expect(readFileSync(path, "utf8")).toBe("old");
  });

  it("refuses a directory before creating anything beside it", () => {
    const dir = scratch();
    mkdirSync(join(dir, "target"));
    inject.written = [];
    expect(userErrorOf(() => writeFileAtomic(join(dir, "target"), "x"))).toBe(`cannot write ${join(dir, "target")}: it is a directory; name a file`);
    expect(inject.written).toEqual([]);
    expect(readdirSync(dir)).toEqual(["target"]);
  });

  it("a bug (an error from no system call) is not dressed up as a user error", () => {
    const dir = scratch();
    let thrown: unknown;
    try {
      writeFileAtomic(join(dir, "x.json"), undefined as unknown as string);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as NodeJS.ErrnoException | undefined)?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(isUserError(thrown)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
