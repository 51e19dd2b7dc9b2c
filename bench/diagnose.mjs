#!/usr/bin/env node
// bench/diagnose: one cold single-case call and all dev cases in one call, each timed as a whole
// process and printed as a ratio to `node -e 0` measured in the same run (medians of N runs).
//   node bench/diagnose.mjs [CORPUS_DIR] [--runs N]
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { defaultCorpus, writeCorpusFiles } from "../scripts/corpus-files.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt === -1 ? 11 : Number(args[runsAt + 1]);
const corpus = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--runs") ?? defaultCorpus;
const bin = join(import.meta.dirname, "..", "bin", "why403.js");

const { files, cleanup } = writeCorpusFiles(corpus);

const time = (argv) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { stdio: ["ignore", "ignore", "ignore"] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(" ")} exited ${r.status}`);
  return ms;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const measure = { node: [], single: [], all: [] };
time(["-e", "0"]);
time([bin, "diagnose", "--json", files[0]]); // warm the file cache, not the process
for (let i = 0; i < runs; i++) {
  // interleaved, so drift in machine speed hits all three alike
  measure.node.push(time(["-e", "0"]));
  measure.single.push(time([bin, "diagnose", "--json", files[0]]));
  measure.all.push(time([bin, "diagnose", "--json", ...files]));
}
cleanup();
const node = median(measure.node);
const single = median(measure.single);
const all = median(measure.all);
console.log(`runs ${runs} (medians), cases ${files.length}`);
console.log(`node -e 0                 ${node.toFixed(1)} ms  (baseline 1.00)`);
console.log(`one cold case             ${single.toFixed(1)} ms  ratio ${(single / node).toFixed(2)}  above node ${(single - node).toFixed(1)} ms (target < 150)`);
console.log(`all ${files.length} cases in one call   ${all.toFixed(1)} ms  ratio ${(all / node).toFixed(2)}  (target < 1000 ms)`);
