/**
 * A progress line on stderr for runs that take over a second, only on a terminal: written in place (`\r`),
 * and erased when the run ends, so logs and pipes never see it.
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** What the run is doing now. */
  say(text: string): void;
  /** Erase the line (when one was shown) and stop. */
  done(): void;
}

export function progress(stream: ProgressStream, delayMs = 1000): Progress {
  if (stream.isTTY !== true) return { say: () => undefined, done: () => undefined };
  let text = "";
  let shown = false;
  const show = () => {
    shown = true;
    stream.write(`\r\u001b[2K${text}`);
  };
  const timer = setTimeout(show, delayMs);
  timer.unref?.();
  return {
    say(next) {
      text = `langgraph-compat: ${next}…`;
      if (shown) show();
    },
    done() {
      clearTimeout(timer);
      if (shown) stream.write("\r\u001b[2K");
    },
  };
}
