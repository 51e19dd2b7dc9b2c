// renderLogsMarkdown: the log triage for an issue, a runbook or a chat thread.
import type { LogsReport, TopList } from "../logs/report.js";

const int = (n: number): string => n.toLocaleString("en-US");
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const tops = (list: TopList | undefined): string => (list ?? []).map(([v, c]) => `${code(v)} (${int(c)})`).join(", ");

export const renderLogsMarkdown = (r: LogsReport): string => {
  const out: string[] = [];
  out.push(`## 403s in ${r.inputs.length === 1 ? code(r.inputs[0]!.file) : `${r.inputs.length} log files`}`, "");
  out.push(`${int(r.totals.lines)} lines (${[...new Set(r.inputs.map((i) => i.format))].map(code).join(", ")}), ${int(r.totals.malformed)} malformed; **${int(r.totals.status403)}** answers were 403 (401: ${int(r.totals.status401)}, 404: ${int(r.totals.status404)}).`, "");
  if (r.joins.length) {
    for (const j of r.joins) out.push(`- ${int(j.matched)} requests seen by ${j.sources.map(code).join(" and ")}, joined by ${code(j.key)}`);
    out.push("");
  }
  if (r.clusters.length === 0) {
    out.push("No 403 in these logs.", "");
    return out.join("\n");
  }
  out.push("| # | count | share | responder | cause | key | first seen | last seen |", "|---|---:|---:|---|---|---|---|---|");
  r.clusters.forEach((c, i) =>
    out.push(`| ${i + 1} | ${int(c.count)} | ${pct(c.share)} | \`${c.responder}\` | \`${c.cause}\` | ${cell(Object.entries(c.key).map(([k, v]) => `${k}=${v}`).join(" "))} | ${c.firstSeen ?? ""} | ${c.lastSeen ?? ""} |`),
  );
  out.push("");
  r.clusters.forEach((c, i) => {
    out.push(`### ${i + 1}. ${c.title}`, "", `\`${c.responder}\` / \`${c.cause}\` — ${int(c.count)} (${pct(c.share)}), seen in ${c.sources.map(code).join(", ")}`, "");
    if (c.top.clients.length) out.push(`- clients: ${tops(c.top.clients)}`);
    if (c.top.paths.length) out.push(`- paths: ${tops(c.top.paths)}`);
    if (c.top.rules?.length) out.push(`- rules: ${tops(c.top.rules)}`);
    if (c.top.principals?.length) out.push(`- principals: ${tops(c.top.principals)}`);
    for (const s of c.spikes) out.push(`- spike: ${int(s.count)} from ${s.start} in ${s.seconds}s (median ${s.median})`);
    out.push("", "```", c.sample, "```", "");
    if (c.fix.length) out.push("**What to change**", "", ...c.fix.map((f) => `- ${f}`), "");
    if (c.verify.length) out.push("**How to verify**", "", ...c.verify.map((v) => `- ${v}`), "");
  });
  if (r.malformedSamples.length) {
    out.push(`<details><summary>${int(r.totals.malformed)} malformed lines (skipped)</summary>`, "", "```");
    for (const m of r.malformedSamples) out.push(`${m.file}:${m.line}: ${m.text}`);
    out.push("```", "</details>", "");
  }
  return out.join("\n");
};
