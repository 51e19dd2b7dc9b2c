#!/usr/bin/env node
// The lab's figures: runs `why403 URL` on every scenario against the real servers and prints the
// share with the right responder and first cause, and the requests each needed (median, max).
//   npm run build && node bench/lab.mjs [--verbose] [scenario-id ...]
import { startLab } from "../dist/test/lab/lab.js";
import { runScenario, figures } from "../dist/test/lab/score.js";
import { SCENARIOS } from "../dist/test/lab/scenarios.js";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const only = args.filter((a) => !a.startsWith("--"));
const lab = await startLab();
try {
  const results = [];
  for (const s of SCENARIOS.filter((x) => only.length === 0 || only.includes(x.id))) {
    const r = await runScenario(lab, s);
    results.push(r);
    const mark = r.ok ? "ok  " : "MISS";
    console.log(`${mark} ${s.id.padEnd(28)} ${String(r.requests).padStart(2)} req  ${r.responder}/${r.cause}${r.ok ? "" : `  (want ${s.responder}/${s.cause})`}`);
    if (verbose || !r.ok) console.log(`       causes: ${(r.report?.causes ?? []).map((c) => `${c.id} ${c.confidence}`).join(", ")}`);
    if (verbose || !r.ok) for (const p of r.report?.probes ?? []) console.log(`       ${p.n}. ${p.method} ${p.url}${p.host ? ` (Host: ${p.host})` : ""} → ${p.status ?? "-"} [${p.variant}] ${p.finding}`);
    if (!r.report) console.log(`       ${r.error}`);
  }
  const f = figures(results);
  console.log(`\nscenarios ${f.scenarios}, right responder and first cause ${f.right}/${f.scenarios} (${(f.accuracy * 100).toFixed(1)}%), requests median ${f.medianRequests}, max ${f.maxRequests}`);
} finally {
  await lab.stop();
}
