// The user's own input (as the server redacted it) with the evidence marked where the report
// says it is: line, column and length from each evidence item.
import type { EvidenceItem } from "../../model/report.js";
import { h } from "./dom.js";

export interface Marked {
  id: string;
  evidence: EvidenceItem;
}

/** Past this many lines only the lines around evidence are shown. */
const FULL_LINES = 2000;
const CONTEXT = 3;

interface Span {
  start: number;
  end: number;
  mark: Marked;
}

const spansOn = (line: number, marks: readonly Marked[], text: string): Span[] => {
  const spans = marks
    .filter((m) => m.evidence.line === line)
    .map((m) => {
      const start = Math.max(0, (m.evidence.column ?? 1) - 1);
      return { start, end: Math.min(text.length, start + Math.max(1, m.evidence.length ?? 1)), mark: m };
    })
    .sort((a, b) => a.start - b.start);
  // overlapping evidence: the first one keeps the characters
  const kept: Span[] = [];
  for (const sp of spans) {
    const prev = kept[kept.length - 1];
    if (prev && sp.start < prev.end) continue;
    kept.push(sp);
  }
  return kept;
};

const renderLine = (n: number, text: string, marks: readonly Marked[]): HTMLElement => {
  const row = h("span", { class: "line", "data-line": n }, h("span", { class: "ln", "aria-hidden": "true" }, String(n)));
  let at = 0;
  for (const sp of spansOn(n, marks, text)) {
    row.append(text.slice(at, sp.start));
    const role = sp.mark.evidence.role === "against" ? "against" : sp.mark.evidence.role === "decision" ? "decides" : "points-here";
    row.append(h("mark", { id: sp.mark.id, class: `ev ev-${role}`, tabindex: -1, title: sp.mark.evidence.detail }, text.slice(sp.start, sp.end)));
    at = sp.end;
  }
  row.append(text.slice(at), "\n");
  return row;
};

export const inputView = (text: string, truncated: boolean, marks: readonly Marked[]): HTMLElement => {
  const lines = text.split("\n");
  const pre = h("pre", { class: "input", "aria-label": "Your input with the evidence marked" });
  const wanted = new Set<number>();
  if (lines.length > FULL_LINES) {
    for (const m of marks) {
      const l = m.evidence.line ?? 0;
      for (let i = l - CONTEXT; i <= l + CONTEXT; i++) if (i >= 1 && i <= lines.length) wanted.add(i);
    }
  }
  let skipped = false;
  lines.forEach((line, i) => {
    const n = i + 1;
    if (lines.length > FULL_LINES && !wanted.has(n)) {
      if (!skipped) pre.append(h("span", { class: "skipped" }, "…\n"));
      skipped = true;
      return;
    }
    skipped = false;
    pre.append(renderLine(n, line, marks));
  });
  if (truncated) pre.append(h("span", { class: "skipped" }, "… (the rest of the input is not shown)\n"));
  return pre;
};
