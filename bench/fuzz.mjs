#!/usr/bin/env node
// bench/fuzz: N generated inputs (default 100,000) through the CLI's input path and every
// parser; counts outcomes and uncaught exceptions (the goal is 0). Needs `npm run build`.
//   node bench/fuzz.mjs [--runs N] [--seed S]
import fc from "fast-check";
import { anyInput, runInput, seedInputs } from "../dist/test/fuzz/arbitraries.js";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg("--runs", 100_000);
const seed = arg("--seed", 20261123);

const seeds = seedInputs();
const outcomes = new Map();
const crashes = [];
const t0 = performance.now();
let done = 0;
// sample in batches so memory stays flat; each batch has its own derived seed
const BATCH = 1000;
for (let b = 0; done < runs; b++) {
  const n = Math.min(BATCH, runs - done);
  const inputs = fc.sample(fc.tuple(anyInput(seeds), fc.integer({ min: 1, max: 9000 })), { seed: seed + b, numRuns: n });
  for (const [bytes, chunk] of inputs) {
    try {
      const o = await runInput(bytes, chunk);
      outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
    } catch (e) {
      crashes.push({ batch: b, error: String(e?.stack ?? e).split("\n").slice(0, 3).join(" | "), head: Buffer.from(bytes.subarray(0, 80)).toString("latin1") });
    }
    done++;
  }
  if (process.stderr.isTTY) process.stderr.write(`\r${done}/${runs} inputs, ${crashes.length} uncaught`);
}
const secs = (performance.now() - t0) / 1000;
if (process.stderr.isTTY) process.stderr.write("\n");
console.log(`fuzz: ${done} generated inputs (seed ${seed}) in ${secs.toFixed(1)} s, ${(done / secs).toFixed(0)} inputs/s`);
console.log(`outcomes: ${[...outcomes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
console.log(`uncaught exceptions: ${crashes.length}`);
for (const c of crashes.slice(0, 10)) console.log(`  ${c.error}\n    input: ${JSON.stringify(c.head)}`);
process.exitCode = crashes.length === 0 ? 0 : 1;
