// renderLogsText: the log triage as a terminal report: a table of clusters, then one block per
// cluster with what it is, who and what it hit, one sample line, and what to do.
import type { LogsCluster, LogsReport, TopList } from "../logs/report.js";
import { paintFor, type Paint } from "./style.js";

const int = (n: number): string => n.toLocaleString("en-US");
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const when = (iso: string | undefined): string => (iso ? iso.replace("T", " ").replace(/(:\d\d)?Z$/, "$1") : "?");
const keyText = (k: Record<string, string>): string => Object.entries(k).map(([n, v]) => `${n}=${v}`).join(" ");
const topText = (list: TopList | undefined, max = 5): string => (list ?? []).slice(0, max).map(([v, c]) => `${v} (${int(c)})`).join(", ");
const pad = (s: string, n: number): string => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : " ".repeat(n - s.length) + s);

const header = (r: LogsReport, paint: Paint): string[] => {
  const formats = [...new Set(r.inputs.map((i) => i.format))].join(", ");
  const files = r.inputs.length === 1 ? "1 file" : `${int(r.inputs.length)} files`;
  const out = [
    `${paint("bold", "why403 logs")}: ${int(r.totals.lines)} lines in ${files} (${formats}), ${int(r.totals.malformed)} malformed`,
    `${paint("bold", int(r.totals.status403))} answers were 403${r.totals.lines ? ` (${pct(r.totals.status403 / r.totals.lines)} of lines)` : ""}; neighbours that can hide one: 401 × ${int(r.totals.status401)}, 404 × ${int(r.totals.status404)}`,
  ];
  if (r.window) out.push(`window: ${r.window.since ?? "…"} → ${r.window.until ?? "…"}`);
  for (const j of r.joins) out.push(`joined: ${int(j.matched)} requests seen by ${j.sources.join(" + ")} (by ${j.key})`);
  if (r.skipped?.length) out.push(paint("yellow", `skipped (format not recognised): ${r.skipped.join(", ")}`));
  return out;
};

const table = (clusters: readonly LogsCluster[]): string[] => {
  const rows = clusters.map((c, i) => [String(i + 1), int(c.count), pct(c.share), c.responder, c.cause, keyText(c.key), `${when(c.firstSeen)} → ${when(c.lastSeen)}`]);
  const head = ["#", "COUNT", "SHARE", "RESPONDER", "CAUSE", "KEY", "FIRST → LAST"];
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 ? lpad(c, widths[i]!) : pad(c, widths[i]!))).join("  ").trimEnd();
  return [line(head), ...rows.map(line)];
};

const block = (c: LogsCluster, i: number, paint: Paint): string[] => {
  const title = `-- ${i + 1}. ${c.responder}: ${c.cause} — ${int(c.count)} (${pct(c.share)}) `;
  const out = [paint("bold", paint("red", title + "-".repeat(Math.max(3, 78 - title.length)))), paint("bold", c.title)];
  const field = (name: string, value: string) => value && out.push(`  ${paint("cyan", pad(name, 10))} ${value}`);
  field("key", keyText(c.key));
  field("seen", `${c.firstSeen ?? "?"} … ${c.lastSeen ?? "?"}  in ${c.sources.join(", ")}`);
  field("spikes", c.spikes.map((s) => `${s.start} +${s.seconds}s: ${int(s.count)} (median ${s.median})`).join("; "));
  field("clients", topText(c.top.clients));
  field("paths", topText(c.top.paths));
  field("rules", topText(c.top.rules));
  field("principals", topText(c.top.principals));
  field("hosts", topText(c.top.hosts));
  field("sample", `${c.sampleAt ? `${c.sampleAt}  ` : ""}${c.sample.length > 300 ? `${c.sample.slice(0, 300)}…` : c.sample}`);
  if (c.fix.length) out.push(`  ${paint("green", "fix")}`, ...c.fix.map((f) => `    - ${f}`));
  if (c.verify.length) out.push(`  ${paint("green", "verify")}`, ...c.verify.map((v) => `    - ${v}`));
  return out;
};

export const renderLogsText = (r: LogsReport, opts: { color?: boolean } = {}): string => {
  const paint = paintFor(opts.color ?? false);
  const out = header(r, paint);
  if (r.clusters.length === 0) out.push("", "No 403 in these logs.");
  else out.push("", ...table(r.clusters), "");
  r.clusters.forEach((c, i) => out.push(...block(c, i, paint), ""));
  if (r.malformedSamples.length) {
    out.push(paint("yellow", `malformed lines (${int(r.totals.malformed)}, skipped), for example:`));
    for (const m of r.malformedSamples.slice(0, 5)) out.push(`  ${m.file}:${m.line}: ${m.text.slice(0, 200)}`);
    out.push("");
  }
  return out.join("\n");
};
