/** The report page's inline style and script: no network, nothing loaded from elsewhere. */

export const STYLE = `
:root { --breaking: #cf222e; --risky: #bf8700; --safe: #1a7f37; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header .meta { color: #c9d1d9; font-size: 13px; }
main { padding: 16px 24px; max-width: 1600px; }
section.graph, section.findings { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 16px 0; }
h2 { font-size: 17px; margin: 4px 0 12px; } h3 { font-size: 14px; margin: 12px 0 6px; color: var(--muted); }
.counts span { display: inline-block; margin-right: 12px; font-weight: 600; }
.sev-label-breaking, .counts .breaking { color: var(--breaking); } .sev-label-risky, .counts .risky { color: var(--risky); } .sev-label-safe, .counts .safe { color: var(--safe); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.sides.single { grid-template-columns: 1fr; }
.side { border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; background: #fff; }
.side h4 { margin: 0 0 6px; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.side svg { max-width: 100%; height: auto; }
g.el { cursor: pointer; }
g.node-el.sev-breaking polygon, g.node-el.sev-breaking path { fill: #ffebe9; stroke: var(--breaking); stroke-width: 2; }
g.node-el.sev-risky polygon, g.node-el.sev-risky path { fill: #fff8c5; stroke: var(--risky); stroke-width: 2; }
g.node-el.sev-safe polygon, g.node-el.sev-safe path { fill: #dafbe1; stroke: var(--safe); }
g.edge-el.sev-breaking path { stroke: var(--breaking); stroke-width: 2; } g.edge-el.sev-breaking polygon { fill: var(--breaking); stroke: var(--breaking); }
g.edge-el.sev-risky path { stroke: var(--risky); stroke-width: 2; } g.edge-el.sev-risky polygon { fill: var(--risky); stroke: var(--risky); }
g.edge-el.sev-safe path { stroke: var(--safe); }
g.el.selected polygon, g.el.selected path { stroke-width: 3.5 !important; }
#panel { position: fixed; right: 16px; bottom: 16px; width: 420px; max-height: 60vh; overflow: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 24px rgba(140,149,159,.3); padding: 12px 14px; display: none; }
#panel.open { display: block; }
#panel h5 { margin: 0 0 8px; font-size: 13px; } #panel button { float: right; border: 0; background: none; font-size: 16px; cursor: pointer; }
.finding { border-left: 4px solid var(--line); padding: 6px 10px; margin: 8px 0; background: #f6f8fa; border-radius: 0 6px 6px 0; }
.finding.breaking { border-color: var(--breaking); } .finding.risky { border-color: var(--risky); } .finding.safe { border-color: var(--safe); }
.finding .head { font-weight: 600; } .finding .head code { font-weight: 400; }
.finding .why, .finding .fix, .finding .endangers, .finding .threads, .finding .note { margin: 2px 0; }
.finding .threads { font-weight: 600; }
.finding details pre { white-space: pre-wrap; font-size: 12px; background: #fff; border: 1px solid var(--line); padding: 8px; border-radius: 6px; }
.filters label { margin-right: 14px; }
.findings.hide-breaking .finding.breaking, .findings.hide-risky .finding.risky, .findings.hide-safe .finding.safe { display: none; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } tr.changed td { background: #fff8c5; } tr.added td { background: #dafbe1; } tr.removed td { background: #ffebe9; text-decoration: line-through; }
td code, .finding code { font-size: 12px; background: rgba(175,184,193,.2); padding: 0 4px; border-radius: 4px; }
details.subgraph { margin: 8px 0 8px 12px; } details.subgraph > summary { cursor: pointer; font-weight: 600; }
ol.flow { margin: 0; padding-left: 20px; font-family: ui-monospace, monospace; font-size: 12.5px; }
.legend { color: var(--muted); font-size: 12px; }
`;

/**
 * Clicking a drawn element shows its findings in a panel; checkboxes filter the findings list by severity.
 * The findings come from an inline JSON block and are written with textContent, never as HTML.
 */
export const SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById("lgc-data").textContent);
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  const title = document.getElementById("panel-title");
  const add = (parent, tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; parent.appendChild(e); return e; };
  function show(el) {
    const ref = data.elements[el.id];
    if (!ref) return;
    document.querySelectorAll("g.el.selected").forEach((s) => s.classList.remove("selected"));
    el.classList.add("selected");
    const list = data.findings.filter((f) => f.refs.some((r) => r.graph === ref.graph && r.element === ref.element));
    body.replaceChildren();
    title.textContent = ref.label;
    if (list.length === 0) add(body, "p", "legend", "No finding about this element.");
    for (const f of list) {
      const box = add(body, "div", "finding " + f.severity);
      const head = add(box, "div", "head", f.severity + " ");
      add(head, "code", "", f.ruleId);
      add(box, "div", "why", f.message);
      add(box, "div", "fix", "Fix: " + f.fix);
      if (f.endangered.length) add(box, "div", "endangers", "Endangers: " + f.endangered.join("; "));
      if (f.threads) add(box, "div", "threads", "Stored threads: " + f.threads);
    }
    panel.classList.add("open");
  }
  document.querySelectorAll("g.el").forEach((el) => el.addEventListener("click", () => show(el)));
  document.getElementById("panel-close").addEventListener("click", () => panel.classList.remove("open"));
  document.querySelectorAll("input[data-filter]").forEach((box) => box.addEventListener("change", () => {
    document.querySelector("section.findings").classList.toggle("hide-" + box.dataset.filter, !box.checked);
  }));
})();
`;
