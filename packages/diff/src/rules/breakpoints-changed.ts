import { defineRule } from "../define-rule.js";

const show = (list: string[] | "*") => (list === "*" ? '"*"' : `[${list.join(", ")}]`);
const same = (a: string[] | "*", b: string[] | "*") =>
  a === "*" || b === "*" ? a === b : a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

export const rule = defineRule({
  id: "breakpoints-changed",
  severity: "safe",
  exposure: "paused-in-node",
  outcome: "none",
  semanticsRows: ["14a", "14c", "14h"],
  summary: "The static interruptBefore or interruptAfter list of compile() changed.",
  fix: "Nothing to do when every listed node exists; a name that does not exist makes compile() throw.",
  message: (m: { list: string; from: string; to: string; missing: string[] }) =>
    `${m.list} changed from ${m.from} to ${m.to}` +
    (m.missing.length ? `; ${m.missing.join(", ")} ${m.missing.length === 1 ? "is" : "are"} not a node, so compile() throws` : ""),
  check(ctx) {
    const out = [];
    for (const list of ["interruptBefore", "interruptAfter"] as const) {
      const b = ctx.before[list];
      const a = ctx.after[list];
      if (same(b, a)) continue;
      const missing = a === "*" ? [] : a.filter((n) => !(n in ctx.after.nodes));
      out.push({
        subject: { kind: "breakpoints" as const, list },
        meta: { list, from: show(b), to: show(a), missing },
        before: ctx.before.location,
        after: ctx.after.location,
        ...(missing.length
          ? { severity: "risky" as const, reasons: ["raised to risky: the list names a node that does not exist (row 14h)"] }
          : {}),
      });
    }
    return out;
  },
});
