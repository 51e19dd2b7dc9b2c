// The report as the CLI prints it, as a page: who wrote the 403 and the chain, the causes best
// first with fix and verify (copy buttons), the evidence marked in the user's own input, and for
// HARs and logs the groups with a chart of 403s over time.
import type { CauseCluster } from "../../model/cluster.js";
import type { EvidenceItem, Report, ReportCause } from "../../model/report.js";
import type { AnalysisResult, AnalysisSummary } from "../api-types.js";
import { timelineChart } from "./chart.js";
import { copyItem } from "./copy.js";
import { h, kbLink, pct } from "./dom.js";
import { inputView, type Marked } from "./input-view.js";

const meter = (x: number, label: string): HTMLElement =>
  h("span", { class: "conf" }, h("meter", { min: 0, max: 1, value: x, "aria-label": label }), ` ${pct(x)}`);

const evidenceRow = (e: EvidenceItem, mark: Marked | undefined): HTMLLIElement => {
  const where = e.line !== undefined ? `line ${e.line}, column ${e.column ?? 1}` : (e.path ?? e.name ?? e.signal);
  const role = e.role === "decision" ? "decides" : e.role === "against" ? "argues against" : e.role === "presence" ? "in the path" : "points here";
  const jump = mark
    ? h("button", { type: "button", class: "jump", "data-target": mark.id, "aria-label": `Show ${where} in your input` }, where)
    : h("span", { class: "where" }, where);
  return h("li", { class: `evidence ev-${e.role}` }, jump, " ", h("span", { class: "role" }, `(${role})`), " ", e.detail, e.text && !mark ? h("code", { class: "quote" }, e.text) : null);
};

const causeBlock = (c: ReportCause, rank: number, marks: Map<EvidenceItem, Marked>): HTMLElement => {
  const details = h(
    "details",
    { class: "cause", open: rank === 0, "data-cause": c.id },
    h("summary", {}, h("span", { class: "cause-title" }, c.title), " ", h("code", { class: "cause-id" }, c.id), meter(c.confidence, `confidence of ${c.id}`)),
  );
  details.append(h("p", { class: "why" }, h("strong", {}, "Why: "), c.why));
  if (c.evidence.length + c.against.length > 0) {
    details.append(h("h4", {}, "Evidence"), h("ul", { class: "evidence-list" }, [...c.evidence, ...c.against].map((e) => evidenceRow(e, marks.get(e)))));
  }
  if (c.fix.length > 0) details.append(h("h4", {}, "What to change"), h("ul", { class: "steps" }, c.fix.map((f, i) => copyItem(f, `fix ${i + 1} for ${c.id}`))));
  if (c.verify.length > 0) details.append(h("h4", {}, "How to verify"), h("ul", { class: "steps" }, c.verify.map((v, i) => copyItem(v, `verify step ${i + 1} for ${c.id}`))));
  if (c.nextSteps.length > 0) details.append(h("h4", {}, "Next step"), h("ul", {}, c.nextSteps.map((n) => h("li", {}, n))));
  details.append(h("p", {}, kbLink(c.id, `Explain ${c.id}: what it means, common mistakes`)));
  return details;
};

const chainView = (r: Report): HTMLElement | null =>
  r.chain.length === 0
    ? null
    : h(
        "ol",
        { class: "chain", "aria-label": "Responder chain, client first" },
        h("li", {}, "client"),
        r.chain.map((l) => h("li", { class: l.role }, kbLink(l.id), l.role === "decision" ? " (decided)" : " (passed it on)")),
      );

/** Counts and the chart: what is known before the diagnosis of a large input finishes. */
export const summaryView = (s: AnalysisSummary | AnalysisResult, clusters: readonly CauseCluster[] = []): HTMLElement => {
  const what = s.kind === "log" ? "records" : "exchanges";
  return h(
    "section",
    { class: "summary", "aria-label": "Summary", "data-testid": "summary" },
    h("p", {}, h("strong", {}, String(s.records ?? 0)), ` ${what} read, `, h("strong", {}, String(s.status403 ?? 0)), " answered 403."),
    s.timeline ? timelineChart(s.timeline, clusters) : null,
  );
};

const clustersView = (clusters: readonly CauseCluster[]): HTMLElement =>
  h(
    "section",
    { class: "groups", "aria-labelledby": "groups-title" },
    h("h3", { id: "groups-title" }, "Groups of denials, largest first"),
    h(
      "table",
      { "data-testid": "groups" },
      h("thead", {}, h("tr", {}, ["", "Count", "Status", "Responder", "Cause", "First seen", "Last seen", "Example"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        clusters.map((c, i) =>
          h(
            "tr",
            {},
            h("td", {}, i < 5 && c.firstSeen ? h("span", { class: `swatch lane-${i}`, "aria-hidden": "true" }) : null),
            h("td", { class: "num" }, String(c.count)),
            h("td", {}, String(c.status ?? 403)),
            h("td", {}, kbLink(c.responder)),
            h("td", {}, kbLink(c.cause)),
            h("td", {}, c.firstSeen ?? ""),
            h("td", {}, c.lastSeen ?? ""),
            h("td", { class: "example" }, c.sample ?? c.urls?.[0] ?? ""),
          ),
        ),
      ),
    ),
  );

export const reportView = (result: AnalysisResult): HTMLElement => {
  const r = result.report;
  const section = h("section", { class: "report", "aria-labelledby": "report-title", "data-testid": "report" });
  if (!r) {
    section.append(h("h2", { id: "report-title", tabindex: -1 }, "Denials in this log"));
    section.append(summaryView(result, result.clusters));
    if (result.clusters) section.append(clustersView(result.clusters));
    return section;
  }
  const status = r.status !== undefined ? String(r.status) : "Denial";
  const from = r.responder.id === "unknown" ? "an unidentified layer" : r.responder.name;
  const top = r.causes[0];
  section.append(
    h("h2", { id: "report-title", tabindex: -1, "data-testid": "responder", "data-responder": r.responder.id }, `${status} from ${from}`),
    h("p", { class: "headline" }, top ? [h("strong", {}, top.title), " ", h("code", { class: "cause-id", "data-testid": "top-cause" }, top.id), meter(top.confidence, "confidence of the best cause")] : h("strong", {}, "Not enough evidence to say why")),
    h(
      "p",
      {},
      r.responder.id === "unknown"
        ? "No layer's own error page, header or message was found."
        : [`${r.responder.name} wrote this ${status} (`, kbLink(r.responder.id), `, confidence ${pct(r.responder.confidence)}).`],
      r.request?.url ? [" Request: ", h("code", {}, `${r.request.method ?? "GET"} ${r.request.url}`)] : null,
    ),
    chainView(r) ?? "",
  );
  // every evidence item that has a place in the input gets a mark there
  const marks = new Map<EvidenceItem, Marked>();
  if (result.input) {
    const all = [...r.responder.evidence, ...r.causes.flatMap((c) => [...c.evidence, ...c.against])];
    all.filter((e) => e.line !== undefined).forEach((e, i) => marks.set(e, { id: `ev-${i}`, evidence: e }));
  }
  const responderEvidence = r.responder.evidence;
  if (responderEvidence.length > 0) {
    section.append(h("h3", {}, "Who wrote it: evidence"), h("ul", { class: "evidence-list" }, responderEvidence.map((e) => evidenceRow(e, marks.get(e)))));
  }
  if (result.records !== undefined) section.append(summaryView(result, result.clusters));
  if (result.clusters && result.clusters.length > 0) section.append(clustersView(result.clusters));
  if (r.causes.length > 0) {
    section.append(h("h3", {}, r.groups ? "Causes of the largest group, most likely first" : "Causes, most likely first"));
    section.append(h("div", { class: "causes" }, r.causes.map((c, i) => causeBlock(c, i, marks))));
  }
  if (result.input) {
    section.append(h("h3", {}, "Your input (secrets redacted), evidence marked"), inputView(result.input.text, result.input.truncated, [...marks.values()]));
  }
  const notes = [...r.notes, ...(r.redacted.length > 0 ? [`Redacted before display: ${r.redacted.join(", ")}.`] : [])];
  if (notes.length > 0) section.append(h("h3", {}, "Notes"), h("ul", { class: "notes" }, notes.map((n) => h("li", {}, n))));
  // evidence buttons move focus to their mark in the input
  section.addEventListener("click", (ev) => {
    const target = (ev.target as Element).closest<HTMLButtonElement>("button.jump");
    const mark = target?.dataset.target ? document.getElementById(target.dataset.target) : null;
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    mark.focus();
  });
  return section;
};
