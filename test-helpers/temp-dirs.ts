/**
 * Temp dirs for tests that are removed when the test file finishes, so a test run leaves nothing in
 * os.tmpdir(). Importing this module registers one `afterAll` in the importing test file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh directory under os.tmpdir() named `<prefix>XXXXXX`, removed after the test file's last test.
 * @param prefix - the start of the name, e.g. `lgc-check-`: it says which test made a leftover.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
