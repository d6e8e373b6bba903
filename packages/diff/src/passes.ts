/**
 * Re-levelling passes over the finding list. Each is pure (returns new findings), may change a severity,
 * records why in `reasons`, and never drops a finding.
 */
import picomatch from "picomatch";
import type { CompatConfig } from "./config.js";
import type { Finding, Severity } from "./types.js";

const relevel = (finding: Finding, severity: Severity, reason: string): Finding => ({
  ...finding,
  severity,
  reasons: [...(finding.reasons ?? []), reason],
});
const note = (finding: Finding, reason: string): Finding => ({ ...finding, reasons: [...(finding.reasons ?? []), reason] });

/** A rename the user declared in config: they vouch for it, so a breaking rename becomes risky. */
export function declaredRenamesPass(findings: readonly Finding[]): Finding[] {
  return findings.map((f) =>
    (f.ruleId === "node-renamed" || f.ruleId === "state-key-renamed") && f.meta.declared === true && f.severity === "breaking"
      ? relevel(f, "risky", "lowered to risky: the rename is declared in config renames")
      : f,
  );
}

/** Per-rule severity overrides (`rules`); `off` marks findings safe. */
export function ruleOverridesPass(findings: readonly Finding[], config: CompatConfig): Finding[] {
  const settings = config.rules ?? {};
  return findings.map((f) => {
    const setting = settings[f.ruleId];
    if (setting === undefined) return f;
    if (setting === "off") return f.severity === "safe" ? note(f, `rule turned off in config`) : relevel(f, "safe", `rule turned off in config (was ${f.severity})`);
    if (setting === f.severity) return f;
    return relevel(f, setting, `severity set to ${setting} by config rules.${f.ruleId} (was ${f.severity})`);
  });
}

/** Ignores by rule id and path glob, each with a reason; an expired ignore no longer applies and says so. */
export function ignorePass(findings: readonly Finding[], config: CompatConfig, now: Date): Finding[] {
  const today = now.toISOString().slice(0, 10);
  const entries = (config.ignore ?? []).map((entry) => ({ entry, matches: picomatch(entry.path, { dot: true }) }));
  return findings.map((f) => {
    let out = f;
    for (const { entry, matches } of entries) {
      if (entry.ruleId !== "*" && entry.ruleId !== f.ruleId) continue;
      if (entry.graph !== undefined && entry.graph !== f.graph) continue;
      if (!matches(f.path)) continue;
      if (entry.expires !== undefined && entry.expires <= today) {
        out = note(out, `ignore "${entry.path}" expired on ${entry.expires} and no longer applies (${entry.reason})`);
        continue;
      }
      out = out.severity === "safe" ? note(out, `ignored in config: ${entry.reason}`) : relevel(out, "safe", `ignored in config (was ${out.severity}): ${entry.reason}`);
      break;
    }
    return out;
  });
}

/** Accepted fingerprints: a reviewed finding stays listed, as safe, with the reason it was accepted. */
export function acceptedPass(findings: readonly Finding[], config: CompatConfig): Finding[] {
  const accepted = new Map((config.accepted ?? []).map((a) => [a.fingerprint, a.reason]));
  return findings.map((f) => {
    const reason = accepted.get(f.fingerprint);
    if (reason === undefined) return f;
    return f.severity === "safe" ? note(f, `accepted in config: ${reason}`) : relevel(f, "safe", `accepted in config (was ${f.severity}): ${reason}`);
  });
}

/** Run every pass in order: declared renames, rule overrides, ignores, accepted fingerprints. */
export function applyConfig(findings: readonly Finding[], config: CompatConfig | undefined, now: Date): Finding[] {
  let out = declaredRenamesPass(findings);
  if (!config) return out;
  out = ruleOverridesPass(out, config);
  out = ignorePass(out, config, now);
  return acceptedPass(out, config);
}
