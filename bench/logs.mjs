#!/usr/bin/env node
// bench/logs: `why403 logs` against GoAccess and `wc -l` on the same 10-million-line files, in
// the same run: lines/s, ratios, peak RSS (GNU time), and the 403 / per-cause counts checked
// against awk over the same file.
//   node bench/logs.mjs [--lines N] [--keep] [--runs N] [--skip-goaccess]
// Files go to bench/out/ (gitignored) and are deleted at the end unless --keep.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const LINES = Number(opt("--lines", 10_000_000));
const RUNS = Number(opt("--runs", 1));
const keep = args.includes("--keep");
const root = join(import.meta.dirname, "..");
const out = join(root, "bench", "out");
const bin = join(root, "bin", "why403.js");
const gen = join(root, "..", "shared", "tools", "gen-workload.mjs");
mkdirSync(out, { recursive: true });

const sh = (cmd, argv, opts = {}) => spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 30, ...opts });
const need = (bin, pkg) => {
  if (sh("sh", ["-c", `command -v ${bin}`]).status === 0) return true;
  console.log(`installing ${pkg} ...`);
  if (sh("apt-get", ["install", "-y", pkg]).status !== 0) {
    sh("apt-get", ["update"]);
    sh("apt-get", ["install", "-y", pkg]);
  }
  return sh("sh", ["-c", `command -v ${bin}`]).status === 0;
};
const haveTime = existsSync("/usr/bin/time") || (need("time", "time") && existsSync("/usr/bin/time"));
const haveGoaccess = !args.includes("--skip-goaccess") && need("goaccess", "goaccess");

/** Runs a command under GNU time -v: wall seconds, peak RSS in MB, stdout. */
const timed = (argv, stdoutFile) => {
  const cmd = haveTime ? "/usr/bin/time" : argv[0];
  const full = haveTime ? ["-v", ...argv] : argv.slice(1);
  const t0 = process.hrtime.bigint();
  const r = stdoutFile ? sh("sh", ["-c", `${[cmd, ...full].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ")} > '${stdoutFile}'`]) : sh(cmd, full);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : NaN, stdout: r.stdout };
};
const best = (f) => {
  let b;
  for (let i = 0; i < RUNS; i++) {
    const r = f();
    if (!b || r.seconds < b.seconds) b = r;
  }
  return b;
};

const awkCount = (file, program, sep) => Number(sh("awk", [...(sep ? ["-F", sep] : []), program, file]).stdout.trim());

/** Independent per-cause counts, in awk, for each file kind (the same hints as the rules). */
const AWK = {
  nginx: {
    total: ["$9 == 403 { n++ } END { print n + 0 }"],
    "nginx/directory-listing": ['$9 == 403 { split($7, u, "?"); if (u[1] ~ /\\/$/) n++ } END { print n + 0 }'],
    "nginx/path-blocked": ['$9 == 403 { split($7, u, "?"); if (u[1] !~ /\\/$/ && u[1] ~ /(^|\\/)(\\.[A-Za-z0-9_.-]+(\\/|$)|(xmlrpc\\.php|wp-login\\.php|[^\\/]+\\.(env|git|ini|log|bak|sql|conf|htaccess|htpasswd))$)/) n++ } END { print n + 0 }'],
  },
  cloudfront: {
    total: ['$9 == 403 { n++ } END { print n + 0 }', "\t"],
    "aws-cloudfront/geo-blocked": ['$9 == 403 && $29 == "ClientGeoBlocked" { n++ } END { print n + 0 }', "\t"],
    "aws-cloudfront/origin-denied": ['$9 == 403 && $29 != "ClientGeoBlocked" && $29 != "InvalidRequestMethod" && $29 !~ /^InvalidRequest/ && $12 !~ /(^|&)(Signature|Key-Pair-Id|Policy)=/ { n++ } END { print n + 0 }', "\t"],
  },
};

const results = [];
for (const [kind, goFormat] of [["nginx", "COMBINED"], ["cloudfront", "CLOUDFRONT"]]) {
  const file = join(out, `${kind}-${LINES}.log`);
  if (!existsSync(file)) {
    console.log(`generating ${LINES.toLocaleString("en-US")} ${kind} lines → ${file}`);
    const g = sh(process.execPath, [gen, kind, file, String(LINES)]);
    if (g.status !== 0) throw new Error(g.stderr);
  }
  const size = statSync(file).size;
  const lines = Number(sh("wc", ["-l", file]).stdout.trim().split(/\s+/)[0]); // also warms the page cache
  sh("cat", [file], { stdio: ["ignore", "ignore", "ignore"] });

  const wc = best(() => timed(["wc", "-l", file]));
  const json = join(out, `${kind}.why403.json`);
  const why = best(() => timed([process.execPath, bin, "logs", "--json", file], json));
  const report = JSON.parse(readFileSync(json, "utf8"));
  let go;
  if (haveGoaccess) {
    const goOut = join(out, `${kind}.goaccess.json`);
    go = best(() => timed(["goaccess", file, `--log-format=${goFormat}`, "--no-global-config", "--no-progress", "--no-parsing-spinner", "-o", goOut]));
    go.parsed = JSON.parse(readFileSync(goOut, "utf8")).general.total_requests;
    rmSync(goOut, { force: true });
  }

  // correctness: the 403 count and each cause's count against awk over the same file
  const checks = [];
  const got = {};
  for (const c of report.clusters) got[`${c.responder}/${c.cause}`] = (got[`${c.responder}/${c.cause}`] ?? 0) + c.count;
  for (const [name, [program, sep]] of Object.entries(AWK[kind])) {
    const want = awkCount(file, program, sep);
    const have = name === "total" ? report.totals.status403 : (got[name] ?? 0);
    checks.push({ name, want, have, ok: want === have });
  }
  const rest = Object.keys(got).filter((k) => !(k in AWK[kind]));
  // every 403 not in a checked cause is in the remaining cluster(s): total minus the checked ones
  if (rest.length) {
    const want = checks[0].want - checks.slice(1).reduce((s, c) => s + c.want, 0);
    const have = rest.reduce((s, k) => s + got[k], 0);
    checks.push({ name: rest.join("+"), want, have, ok: want === have });
  }
  rmSync(json, { force: true });
  results.push({ kind, file, size, lines, wc, why, go, checks, report });
}

const rate = (lines, s) => lines / s;
const M = (x) => `${(x / 1e6).toFixed(2)}M`;
console.log(`\nbench/logs — ${LINES.toLocaleString("en-US")} lines per file, best of ${RUNS}, ${new Date().toISOString()}`);
let pass = true;
for (const r of results) {
  const why = rate(r.lines, r.why.seconds);
  const wc = rate(r.lines, r.wc.seconds);
  console.log(`\n${r.kind}: ${(r.size / 1e9).toFixed(2)} GB, ${r.lines.toLocaleString("en-US")} lines`);
  console.log(`  wc -l      ${r.wc.seconds.toFixed(2)} s  ${M(wc)} lines/s  RSS ${r.wc.rssMb.toFixed(0)} MB`);
  console.log(`  why403     ${r.why.seconds.toFixed(2)} s  ${M(why)} lines/s  RSS ${r.why.rssMb.toFixed(0)} MB  (${(why / wc * 100).toFixed(1)}% of wc -l; target ≥ 25%)`);
  if (r.go) {
    const go = rate(r.lines, r.go.seconds);
    console.log(`  goaccess   ${r.go.seconds.toFixed(2)} s  ${M(go)} lines/s  RSS ${r.go.rssMb.toFixed(0)} MB  (parsed ${r.go.parsed.toLocaleString("en-US")})`);
    console.log(`  why403 / goaccess = ${(why / go).toFixed(1)}×  (target ≥ 5×)`);
    pass &&= why / go >= 5;
  }
  pass &&= why / wc >= 0.25 && r.why.rssMb < 1024;
  console.log(`  403s: why403 ${r.report.totals.status403.toLocaleString("en-US")} in ${r.report.clusters.length} clusters, malformed ${r.report.totals.malformed}`);
  for (const c of r.checks) {
    console.log(`  ${c.ok ? "ok " : "BAD"} ${c.name}: awk ${c.want.toLocaleString("en-US")}, why403 ${c.have.toLocaleString("en-US")}`);
    pass &&= c.ok;
  }
}
if (!keep) for (const r of results) rmSync(r.file, { force: true });
console.log(`\n${pass ? "all targets met" : "some target missed"}${keep ? "" : " (bench files deleted; --keep keeps them)"}`);
process.exitCode = pass ? 0 : 1;
