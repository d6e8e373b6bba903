/** The report formats for CI: `check --format` and `--output FORMAT=FILE`. */
import { renderJson, renderText, type TextOptions } from "../render.js";
import type { DiffResult } from "../types.js";
import type { FormatOptions } from "./common.js";
import { renderGithub } from "./github.js";
import { renderGitlab } from "./gitlab.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";

export type { FormatOptions } from "./common.js";
export { COMMENT_MARKER } from "./markdown.js";
export { renderGithub, renderGitlab, renderJunit, renderMarkdown, renderSarif };

/** Every report format `check` writes. */
export const FORMATS = ["text", "json", "sarif", "junit", "github", "gitlab", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** One report in `format`; `paint` (colours) applies to text only. */
export function renderFormat(result: DiffResult, format: Format, options: FormatOptions & TextOptions & { graphs?: readonly string[] } = {}): string {
  switch (format) {
    case "text":
      return renderText(result, { paint: options.paint });
    case "json":
      return renderJson(result);
    case "sarif":
      return renderSarif(result, options);
    case "junit":
      return renderJunit(result, options);
    case "github":
      return renderGithub(result, options);
    case "gitlab":
      return renderGitlab(result, options);
    case "markdown":
      return renderMarkdown(result, options);
  }
}
