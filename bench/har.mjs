#!/usr/bin/env node
// bench/har: a whole-session HAR diagnosed by streaming, against `cat` (the disk's pace) and a
// JSON.parse baseline, all measured in this run. Peak RSS from GNU time (`%M`).
//   node bench/har.mjs [--big-entries N] [--mid-entries N] [--runs N]
// Files go to bench/out/ (gitignored) and are reused when already there. Needs `npm run build`.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "bench", "out");
const gen = join(root, "..", "shared", "tools", "gen-workload.mjs");
const bin = join(root, "bin", "why403.js");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
// ~2.96 KB per generated entry: 730,000 entries ≈ 2.1 GB, 70,000 ≈ 207 MB
const bigEntries = arg("--big-entries", 730_000);
const midEntries = arg("--mid-entries", 70_000);
const runs = arg("--runs", 1);
const TIME = "/usr/bin/time";
if (!existsSync(TIME)) {
  console.error("bench/har needs GNU time: apt-get install -y time");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const make = (entries) => {
  const f = join(out, `workload-${entries}.har`);
  if (!existsSync(f)) {
    process.stderr.write(`generating ${f} (${entries} entries)…\n`);
    execFileSync(process.execPath, [gen, "har", f, String(entries)], { stdio: "inherit" });
  }
  return f;
};

/** Runs a command under GNU time: wall seconds, peak RSS in MB, exit code, output. */
const timed = (cmd, args) => {
  const r = spawnSync(TIME, ["-f", "\n%e %M", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const tail = r.stderr.trim().split("\n").pop() ?? "";
  const [secs, kb] = tail.split(" ").map(Number);
  return { secs, rssMB: kb / 1024, code: r.status, stdout: r.stdout, stderr: r.stderr.trim().split("\n").slice(0, -1).join("\n") };
};
const best = (f) => {
  let r;
  for (let i = 0; i < runs; i++) {
    const x = f();
    if (!r || x.secs < r.secs) r = x;
  }
  return r;
};

/** The 403s counted without why403: one entry per line in the generated file. */
const independent403 = (f) => Number(spawnSync("grep", ["-c", '"response":{"status":403,', f], { encoding: "utf8" }).stdout.trim());

const mb = (f) => statSync(f).size / 1048576;
const row = (name, sizeMB, r) => `${name.padEnd(34)} ${r.secs.toFixed(2).padStart(8)} s ${(sizeMB / r.secs).toFixed(1).padStart(8)} MB/s ${r.rssMB.toFixed(0).padStart(7)} MB RSS`;

const report = (label, f, withJsonParse) => {
  const size = mb(f);
  console.log(`\n${label}: ${f} — ${size.toFixed(0)} MB`);
  timed("sh", ["-c", `cat "${f}" > /dev/null`]); // warm the page cache so both read from memory
  const cat = best(() => timed("sh", ["-c", `cat "${f}" > /dev/null`]));
  const why = best(() => timed(process.execPath, [bin, "diagnose", "--json", f]));
  console.log(row("cat FILE > /dev/null", size, cat));
  console.log(row("why403 diagnose --json FILE", size, why));
  if (why.code !== 0) {
    console.log(`  why403 failed: ${why.stderr}`);
    return;
  }
  const rep = JSON.parse(why.stdout);
  const groupSum = rep.groups.filter((g) => g.status === 403).reduce((n, g) => n + g.count, 0);
  const expected403 = independent403(f);
  console.log(`  entries read ${rep.exchanges}, 403s ${rep.status403} (grep counts ${expected403}), 403 groups add up to ${groupSum}, ${rep.groups.length} groups`);
  console.log(`  complete: ${rep.status403 === expected403 && groupSum === expected403 ? "yes" : "NO"}; peak RSS ${why.rssMB.toFixed(0)} MB (target < 300 MB): ${why.rssMB < 300 ? "met" : "NOT met"}`);
  console.log(`  throughput ratio why403 / cat: ${(cat.secs / why.secs).toFixed(3)}`);
  const jp = timed(process.execPath, ["-e", `JSON.parse(require("fs").readFileSync(${JSON.stringify(f)}, "utf8"))`]);
  if (jp.code === 0) {
    console.log(row("JSON.parse(readFileSync(FILE))", size, jp));
    if (withJsonParse) console.log(`  time ratio why403 / JSON.parse: ${(why.secs / jp.secs).toFixed(2)} (why403 also diagnoses; JSON.parse only parses), RSS ratio ${(why.rssMB / jp.rssMB).toFixed(2)}`);
  } else {
    const line = jp.stderr.split("\n").find((l) => /Error|error/.test(l)) ?? jp.stderr.split("\n")[0];
    console.log(`JSON.parse(readFileSync(FILE)) fails: exit ${jp.code}, ${line?.trim()}`);
  }
};

console.log(`bench/har — node ${process.version}, ${runs} run(s) each, best kept`);
report("mid", make(midEntries), true);
report("big", make(bigEntries), false);
