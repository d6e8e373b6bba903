/** The progress line: only on a terminal, only after a second, rewritten in place, erased at the end. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { progress } from "../src/progress.js";

afterEach(() => vi.useRealTimers());

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, write: (text: string) => written.push(text) };
}

describe("progress", () => {
  it("shows nothing for a run under a second, or when stderr is not a terminal", () => {
    vi.useFakeTimers();
    const fast = stream(true);
    const p = progress(fast);
    p.say("reading the project");
    vi.advanceTimersByTime(900);
    p.done();
    expect(fast.written).toEqual([]);
    const piped = stream(false);
    const q = progress(piped);
    q.say("reading the project");
    vi.advanceTimersByTime(5000);
    q.done();
    expect(piped.written).toEqual([]);
  });

  it("after a second, writes the current step in place and erases it at the end", () => {
    vi.useFakeTimers();
    const tty = stream(true);
    const p = progress(tty);
    p.say("reading the project");
    vi.advanceTimersByTime(1000);
    p.say("comparing");
    p.done();
    expect(tty.written).toEqual(["\r\u001b[2Klanggraph-compat: reading the project…", "\r\u001b[2Klanggraph-compat: comparing…", "\r\u001b[2K"]);
  });
});
