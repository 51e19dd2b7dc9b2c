// A small inline SVG chart of 403s over time, with the span of each group below the bars.
import type { CauseCluster } from "../../model/cluster.js";
import type { Timeline } from "../api-types.js";
import { s } from "./dom.js";

const W = 640;
const BARS_H = 110;
const LANE_H = 8;
const PAD = 30;

const shortTime = (iso: string): string => iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");

export const timelineChart = (t: Timeline, clusters: readonly CauseCluster[]): SVGSVGElement => {
  const lanes = clusters.filter((c) => c.firstSeen).slice(0, 5);
  const height = BARS_H + lanes.length * (LANE_H + 4) + PAD + 10;
  const peak = Math.max(1, ...t.counts);
  const peakAt = t.counts.indexOf(peak);
  const start = Date.parse(t.start);
  const span = Math.max(1, Date.parse(t.end) - start);
  const x = (ms: number): number => PAD + ((ms - start) / span) * (W - 2 * PAD);
  const bw = (W - 2 * PAD) / t.counts.length;
  const label = `${t.total} 403s from ${shortTime(t.start)} to ${shortTime(t.end)}; at most ${peak} in ${Math.round(t.bucketMs / 1000)} s${peakAt >= 0 ? `, around ${shortTime(new Date(start + peakAt * t.bucketMs).toISOString())}` : ""}`;
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${height}`, role: "img", "aria-label": label, "data-testid": "chart" }, s("title", {}, label));
  t.counts.forEach((c, i) => {
    const bh = (c / peak) * (BARS_H - 10);
    svg.append(s("rect", { class: "bar", x: (PAD + i * bw + 0.5).toFixed(1), y: (BARS_H - bh).toFixed(1), width: Math.max(1, bw - 1).toFixed(1), height: bh.toFixed(1) }, s("title", {}, `${c}`)));
  });
  svg.append(s("line", { class: "axis", x1: PAD, x2: W - PAD, y1: BARS_H, y2: BARS_H }));
  svg.append(s("text", { class: "tick", x: PAD, y: 10 }, `${peak} per ${Math.round(t.bucketMs / 1000)} s`));
  lanes.forEach((c, i) => {
    const y = BARS_H + 6 + i * (LANE_H + 4);
    const a = x(Date.parse(c.firstSeen!));
    const b = Math.max(a + 2, x(Date.parse(c.lastSeen ?? c.firstSeen!)));
    svg.append(s("rect", { class: `lane lane-${i}`, x: a.toFixed(1), y, width: (b - a).toFixed(1), height: LANE_H, rx: 2 }, s("title", {}, `${c.responder} / ${c.cause}: ${c.count}`)));
  });
  const bottom = height - 6;
  svg.append(s("text", { class: "tick", x: PAD, y: bottom }, shortTime(t.start)));
  svg.append(s("text", { class: "tick end", x: W - PAD, y: bottom }, shortTime(t.end)));
  return svg;
};
