// renderText: a diagnosis that reads like a rustc error: the headline fact, the evidence quoted
// from the user's own input with the deciding span marked, then note / help / verify.
import type { EvidenceItem, Report, ReportCause, ReportCheck, ReportInspected } from "../model/report.js";
import { paintFor, type Paint } from "./style.js";

export interface TextOptions {
  color: boolean;
  width?: number;
}

const rule = (title: string, file: string, width: number): string => {
  const left = `-- ${title} `;
  const right = ` ${file}`;
  return left + "-".repeat(Math.max(3, width - left.length - right.length)) + right;
};

const pct = (x: number): string => x.toFixed(2);

/** Long lines (minified JSON, one-line XML) are cut to a window around the match. */
const QUOTE_WINDOW = 100;
const MARK_LIMIT = 60;

const windowed = (quote: string, col: number, len: number): { text: string; col: number; len: number } => {
  if (quote.length <= QUOTE_WINDOW) return { text: quote, col, len };
  const shown = Math.min(len, MARK_LIMIT);
  const start = Math.max(0, Math.min(col - 20, quote.length - QUOTE_WINDOW));
  const end = Math.min(quote.length, Math.max(start + QUOTE_WINDOW, col + shown));
  const lead = start > 0 ? "…" : "";
  return { text: `${lead}${quote.slice(start, end)}${end < quote.length ? "…" : ""}`, col: col - start + lead.length, len: shown };
};

const quoteBlock = (e: EvidenceItem, file: string, p: Paint, marker: string): string[] => {
  const out: string[] = [];
  if (e.line !== undefined && e.quote !== undefined) {
    const num = String(e.line);
    const pad = " ".repeat(num.length);
    const w = windowed(e.quote, Math.max(0, (e.column ?? 1) - 1), Math.max(1, e.length ?? 1));
    out.push(`  ${p("blue", "-->")} ${file}:${e.line}:${e.column ?? 1}`);
    out.push(` ${pad} ${p("blue", "|")}`);
    out.push(` ${p("blue", num)} ${p("blue", "|")} ${w.text}`);
    const col = w.col;
    const len = w.len;
    out.push(` ${pad} ${p("blue", "|")} ${" ".repeat(col)}${p(marker === "decides" ? "red" : "yellow", "^".repeat(len))} ${e.detail} (${marker})`);
  } else {
    const where = e.path ? `${e.path}: ` : e.name ? `${e.name}: ` : "";
    out.push(`  ${p("blue", "-->")} ${where}${e.text ?? ""}`);
    out.push(`      ${p("blue", "=")} ${e.detail} (${marker})`);
  }
  return out;
};

const causeLines = (c: ReportCause, p: Paint): string[] => {
  const out: string[] = [];
  out.push(` ${p("blue", "=")} ${p("bold", "note")}: ${c.why}`);
  for (const f of c.fix) out.push(` ${p("blue", "=")} ${p("green", "help")}: ${f}`);
  for (const v of c.verify) out.push(` ${p("blue", "=")} ${p("cyan", "verify")}: ${v}`);
  for (const n of c.nextSteps) out.push(` ${p("blue", "=")} next: ${n}`);
  return out;
};

const CHECK_MARK: Record<ReportCheck["status"], [string, "red" | "yellow" | "blue" | "green"]> = {
  fail: ["✗", "red"],
  warn: ["!", "yellow"],
  skip: ["-", "blue"],
  pass: ["✓", "green"],
};

/** Configuration and token checks: the ones that found something in full, the passed ones by name. */
const checkLines = (checks: readonly ReportCheck[], p: Paint): string[] => {
  const count = (s: ReportCheck["status"]) => checks.filter((c) => c.status === s).length;
  const out = [`  checks: ${checks.length} run — ${count("fail")} failed, ${count("warn")} warnings, ${count("skip")} skipped, ${count("pass")} passed`];
  for (const c of checks.filter((x) => x.status !== "pass")) {
    const [mark, colour] = CHECK_MARK[c.status];
    out.push(`   ${p(colour, mark)} ${c.id.padEnd(22)} ${c.path ? `${c.path}: ` : ""}${c.detail}`);
  }
  const passed = checks.filter((c) => c.status === "pass");
  if (passed.length > 0) out.push(`   ${p("green", "✓")} ${[...new Set(passed.map((c) => c.id))].join(", ")}`);
  return out;
};

const inspectedLines = (items: readonly ReportInspected[]): string[] =>
  items.map((i) => `  ${i.kind}: ${Object.entries(i.fields).map(([k, v]) => `${k}=${v}`).join(", ")}`);

export const renderText = (r: Report, opts: TextOptions): string => {
  const p = paintFor(opts.color);
  const width = opts.width ?? 80;
  const out: string[] = [];
  const status = r.status !== undefined ? String(r.status) : "DENIAL";
  const from = r.responder.id === "unknown" ? "AN UNIDENTIFIED LAYER" : r.responder.name.toUpperCase();
  out.push(p("bold", rule(`${status} FROM ${from}`, r.file, width)));
  const top = r.causes[0];
  if (top) {
    const tag = `${top.id}  (${pct(top.confidence)})`;
    const gap = Math.max(2, width - top.title.length - tag.length);
    out.push(`${p("bold", top.title)}${" ".repeat(gap)}${p("magenta", tag)}`);
  } else {
    out.push(p("bold", "Not enough evidence to say why"));
  }
  out.push("");
  const responderLine =
    r.responder.id === "unknown"
      ? "no layer's own error page, header or message was found"
      : `${r.responder.name} wrote this ${status} (${r.responder.id}, ${pct(r.responder.confidence)})`;
  out.push(`  ${responderLine}`);
  if (r.request?.url) out.push(`  request: ${r.request.method ?? "GET"} ${r.request.url}`);
  const shown = new Set<string>();
  // what a live probe showed tells most: it goes first after the responder's own evidence
  const topEvidence = [...(top?.evidence ?? [])].sort((a, b) => Number(b.signal === "probe") - Number(a.signal === "probe"));
  for (const e of [...r.responder.evidence.filter((x) => x.role === "decision"), ...topEvidence].slice(0, 4)) {
    const key = `${e.line}:${e.column}:${e.text}`;
    if (shown.has(key)) continue;
    shown.add(key);
    out.push(...quoteBlock(e, r.file, p, e.role === "decision" ? "decides" : "points here"));
  }
  for (const e of (top?.against ?? []).slice(0, 2)) out.push(...quoteBlock(e, r.file, p, "argues against"));
  out.push("");
  if (r.probes && r.probes.length > 0) {
    out.push(`  ${r.requestsSent ?? r.probes.length} request${(r.requestsSent ?? r.probes.length) === 1 ? "" : "s"} sent, one at a time:`);
    for (const pr of r.probes) {
      const host = pr.host ? ` (Host: ${pr.host})` : "";
      out.push(`  ${p("blue", `${String(pr.n).padStart(2)}.`)} ${pr.method} ${pr.url}${host} ${p("bold", `→ ${pr.status ?? "no answer"}`)}  ${p("blue", `[${pr.variant}]`)} ${pr.why}`);
      out.push(`      ${pr.finding}`);
    }
    out.push("");
  }
  if (r.chain.length > 0) {
    const links = r.chain.map((c) => (c.role === "decision" ? `${c.id} (decided)` : `${c.id} (passed it on)`));
    out.push(` ${p("blue", "=")} chain: client → ${links.join(" → ")}`);
  }
  if (top) out.push(...causeLines(top, p));
  for (const alt of r.causes.slice(1, 4)) {
    out.push(` ${p("blue", "=")} also possible: ${alt.id} (${pct(alt.confidence)}) — ${alt.title}`);
  }
  for (const n of r.notes) out.push(` ${p("blue", "=")} note: ${n}`);
  if (r.inspected && r.inspected.length > 0) out.push("", ...inspectedLines(r.inspected));
  if (r.checks && r.checks.length > 0) out.push("", ...checkLines(r.checks, p));
  if (r.groups && r.groups.length > 0) {
    out.push("");
    out.push(`  ${r.exchanges ?? 0} exchanges, ${r.status403 ?? 0} answered 403; groups:`);
    for (const g of r.groups.slice(0, 10)) {
      out.push(`   ${String(g.count).padStart(6)} × ${g.status} ${g.responder} / ${g.cause}  (entry ${g.entry}${g.firstSeen ? `, ${g.firstSeen} … ${g.lastSeen}` : ""})`);
      for (const u of g.urls.slice(0, 3)) out.push(`            ${u}`);
      if (g.urls.length > 3) out.push(`            … ${g.urls.length - 3} more URLs`);
    }
    if (r.groups.length > 10) out.push(`   … ${r.groups.length - 10} more groups (--json lists them all)`);
  }
  if (r.denials && r.denials.length > 0) {
    out.push("", `  every denied entry (${r.denials.length}):`);
    for (const d of r.denials) {
      out.push(`   ${String(d.entry).padStart(7)} ${d.time ?? ""} ${d.status} ${d.method ?? ""} ${d.url ?? ""}  → ${d.responder} / ${d.cause}`.replace(/ {2,}/g, (m, i: number) => (i < 10 ? m : " ")));
    }
  }
  if (r.redacted.length > 0) out.push(` ${p("blue", "=")} redacted: ${r.redacted.join(", ")} (use --show-secrets to keep them)`);
  if (top) out.push(` ${p("blue", "=")} more: why403 explain ${top.id}${r.responder.id !== "unknown" ? `, why403 explain ${r.responder.id}` : ""}`);
  return out.join("\n") + "\n";
};
