#!/usr/bin/env node
// Reliability of the confidences on a labelled corpus: for each confidence band, how often the
// responder and the top cause were right. A well calibrated 0.9 is right about nine times in ten.
//   node scripts/calibration.mjs [CORPUS_DIR]
import { execFileSync } from "node:child_process";
import { basename, join } from "node:path";
import { defaultCorpus, writeCorpusFiles } from "./corpus-files.mjs";

const { cases, files, cleanup } = writeCorpusFiles(process.argv[2] ?? defaultCorpus);
let out = "";
try {
  out = execFileSync(process.execPath, [join(import.meta.dirname, "..", "bin", "why403.js"), "diagnose", "--json", ...files], { encoding: "utf8", maxBuffer: 1 << 28 });
} catch (e) {
  out = e.stdout ?? "";
}
cleanup();
const reports = new Map(out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)).map((r) => [basename(r.file).replace(/\.(txt|har)$/, ""), r]));
const bands = [0, 0.2, 0.4, 0.6, 0.8, 1.01];
const tally = (label, pairs) => {
  console.log(label);
  for (let i = 0; i < bands.length - 1; i++) {
    const inBand = pairs.filter(([c]) => c >= bands[i] && c < bands[i + 1]);
    if (inBand.length === 0) continue;
    const right = inBand.filter(([, ok]) => ok).length;
    console.log(`  [${bands[i].toFixed(1)}, ${Math.min(1, bands[i + 1]).toFixed(1)})  n=${String(inBand.length).padStart(3)}  right ${(right / inBand.length).toFixed(2)}`);
  }
};
const resp = [];
const cause = [];
for (const c of cases) {
  const r = reports.get(c.id);
  if (!r || r.error) continue;
  if (c.expected.responder && c.expected.responder !== "unknown") resp.push([r.responder.confidence, r.responder.id === c.expected.responder]);
  const wanted = (c.expected.causes ?? []).filter((x) => x !== "unknown");
  if (wanted.length > 0 && r.causes[0]) cause.push([r.causes[0].confidence, wanted.includes(r.causes[0].id)]);
}
tally("responder confidence → share right", resp);
tally("top cause confidence → share right", cause);
