// renderMarkdown: the same report for an issue tracker or a chat thread.
import type { EvidenceItem, Report } from "../model/report.js";

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

const evidenceLine = (e: EvidenceItem): string => {
  const where = e.line !== undefined ? `line ${e.line}` : (e.path ?? e.name ?? e.signal);
  return `- ${e.detail} (${where}): ${code(e.text ?? "")}`;
};

export const renderMarkdown = (r: Report): string => {
  const out: string[] = [];
  const top = r.causes[0];
  out.push(`## ${r.status ?? "Denial"} from ${r.responder.id === "unknown" ? "an unidentified layer" : r.responder.name} — ${r.file}`);
  out.push("");
  if (top) out.push(`**${top.title}** — \`${top.id}\` (confidence ${top.confidence.toFixed(2)})`);
  out.push("");
  out.push(`Responder: \`${r.responder.id}\` (confidence ${r.responder.confidence.toFixed(2)})`);
  if (r.chain.length > 0) out.push(`Chain: client → ${r.chain.map((c) => `\`${c.id}\` (${c.role})`).join(" → ")}`);
  out.push("");
  const evidence = [...r.responder.evidence, ...(top?.evidence ?? [])];
  if (evidence.length > 0) {
    out.push("### Evidence", "");
    out.push(...evidence.map(evidenceLine), "");
  }
  if (r.probes && r.probes.length > 0) {
    out.push(`### Requests sent (${r.requestsSent ?? r.probes.length})`, "", "| # | request | status | why | finding |", "|---|---|---|---|---|");
    const cell = (s: string) => s.replace(/\|/g, "\\|");
    for (const pr of r.probes) {
      out.push(`| ${pr.n} | ${code(`${pr.method} ${pr.url}${pr.host ? ` (Host: ${pr.host})` : ""}`)} | ${pr.status ?? "—"} | ${cell(pr.why)} | ${cell(pr.finding)} |`);
    }
    out.push("");
  }
  if (top) {
    out.push("### Why", "", top.why, "");
    out.push("### What to change", "", ...top.fix.map((f) => `- ${f}`), "");
    out.push("### How to verify", "", ...top.verify.map((v) => `- ${v}`), "");
    if (top.nextSteps.length > 0) out.push("### Next step", "", ...top.nextSteps.map((n) => `- ${n}`), "");
  }
  if (r.causes.length > 1) {
    out.push("### Also possible", "", "| cause | confidence | |", "|---|---|---|");
    for (const c of r.causes.slice(1)) out.push(`| \`${c.id}\` | ${c.confidence.toFixed(2)} | ${c.title} |`);
    out.push("");
  }
  if (r.groups && r.groups.length > 0) {
    out.push(`### Groups (${r.exchanges ?? 0} exchanges, ${r.status403 ?? 0} answered 403)`, "", "| count | status | responder | cause | entry | first seen | last seen | example URL |", "|---|---|---|---|---|---|---|---|");
    for (const g of r.groups) {
      out.push(`| ${g.count} | ${g.status} | \`${g.responder}\` | \`${g.cause}\` | ${g.entry} | ${g.firstSeen ?? ""} | ${g.lastSeen ?? ""} | ${mdCell(g.urls[0] ?? "")} |`);
    }
    out.push("");
  }
  if (r.denials && r.denials.length > 0) {
    out.push("### Every denied entry", "", "| entry | time | status | method | URL | responder | cause |", "|---|---|---|---|---|---|---|");
    for (const d of r.denials) out.push(`| ${d.entry} | ${d.time ?? ""} | ${d.status} | ${d.method ?? ""} | ${mdCell(d.url ?? "")} | \`${d.responder}\` | \`${d.cause}\` |`);
    out.push("");
  }
  if (r.inspected && r.inspected.length > 0) {
    out.push("### Decoded", "");
    for (const i of r.inspected) out.push(`- ${i.kind}: ${Object.entries(i.fields).map(([k, v]) => `${k}=${code(v)}`).join(", ")}`);
    out.push("");
  }
  if (r.checks && r.checks.length > 0) {
    out.push("### Checks", "", "| check | result | field | detail |", "|---|---|---|---|");
    for (const c of r.checks) out.push(`| \`${c.id}\` | ${c.status} | ${c.path ? code(c.path) : ""} | ${c.detail.replace(/\|/g, "\\|")} |`);
    out.push("");
  }
  if (r.notes.length > 0) out.push(...r.notes.map((n) => `> ${n}`), "");
  if (r.redacted.length > 0) out.push(`_Redacted: ${r.redacted.join(", ")}_`, "");
  return out.join("\n");
};

/** A value inside a Markdown table cell: pipes escaped, kept on one line. */
const mdCell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
