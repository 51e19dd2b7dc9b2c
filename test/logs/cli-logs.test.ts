// `why403 logs` as a user runs it: the real CLI process over files on disk.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXAMPLES } from "../helpers/log-lines.js";
import { apiGateway, APIGW_CLF, cloudfrontAndWaf, nginxAccessAndError, type Fixture } from "./fixtures.js";

const bin = fileURLToPath(new URL("../../../bin/why403.js", import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, [bin, "logs", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

let dir = "";
const write = (fx: Fixture, sub: string): string => {
  for (const [p, c] of Object.entries(fx.files)) {
    mkdirSync(dirname(join(dir, sub, p)), { recursive: true });
    writeFileSync(join(dir, sub, p), c);
  }
  return join(dir, sub);
};

describe("why403 logs (CLI)", () => {
  let cf = "";
  let nginx = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-cli-logs-"));
    cf = write(cloudfrontAndWaf(), "cf");
    nginx = write(nginxAccessAndError(), "nginx");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one JSON object with the fields of spec/logs.md", () => {
    const r = run(["--json", cf]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "", "no progress bar when stderr is not a terminal");
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { inputs: Record<string, unknown>[]; totals: Record<string, number>; clusters: Record<string, unknown>[]; joins: Record<string, unknown>[]; malformedSamples: Record<string, unknown>[] };
    assert.equal(j.schemaVersion, 1);
    for (const i of j.inputs) assert.deepEqual(Object.keys(i).sort(), ["file", "format", "lines", "malformed"]);
    for (const k of ["lines", "malformed", "status403"]) assert.equal(typeof j.totals[k], "number");
    for (const c of j.clusters) {
      for (const k of ["responder", "cause", "count", "share", "firstSeen", "lastSeen", "key", "top", "sample", "fix", "verify"]) assert.ok(k in c, `cluster field ${k}`);
      const top = c.top as Record<string, unknown>;
      assert.ok(Array.isArray(top.clients) && Array.isArray(top.paths));
      assert.match(String(c.firstSeen), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    assert.deepEqual(Object.keys(j.joins[0]!).sort(), ["key", "matched", "sources"]);
    assert.deepEqual(j.joins[0]!.sources, ["cloudfront", "waf"]);
    assert.deepEqual(Object.keys(j.malformedSamples[0]!).sort(), ["file", "line", "text"]);
    assert.equal(j.clusters.reduce((s, c) => s + Number(c.count), 0), j.totals.status403);
  });

  it("prints a table and one block per cluster as text, and Markdown on request", () => {
    const t = run([nginx]);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /^why403 logs: \d[\d,]* lines in 2 files \(nginx-combined, nginx-error\)/);
    assert.match(t.stdout, /#\s+COUNT\s+SHARE\s+RESPONDER\s+CAUSE/);
    assert.match(t.stdout, /-- 1\. nginx: /);
    assert.match(t.stdout, /joined: \d+ requests seen by nginx-combined \+ nginx-error \(by client\+request\+time\)/);
    const m = run(["--format", "markdown", nginx]);
    assert.equal(m.status, 0, m.stderr);
    assert.match(m.stdout, /^## 403s in 2 log files/);
    assert.match(m.stdout, /\| # \| count \| share \| responder \| cause \|/);
  });

  it("reads standard input with -", () => {
    const fx = nginxAccessAndError();
    const input = String(fx.files["nginx/access.log"]);
    const r = spawnSync(process.execPath, [bin, "logs", "--json", "-"], { encoding: "utf8", input });
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { inputs: { file: string; format: string }[]; totals: { status403: number }; clusters: { sampleAt: string; sample: string }[] };
    assert.deepEqual(j.inputs.map((i) => [i.file, i.format]), [["-", "nginx-combined"]]);
    assert.equal(j.totals.status403, input.split("\n").filter((l) => / 403 /.test(l)).length);
    assert.match(j.clusters[0]!.sampleAt, /^-:\d+$/);
    // the sample is the input's line at that number, read back from the copy of standard input
    for (const c of j.clusters) assert.equal(c.sample, input.split("\n")[Number(c.sampleAt.slice(2)) - 1], c.sampleAt);
  });

  it("expands globs and limits top lists with --top", () => {
    const r = run(["--json", "--top", "1", join(dir, "nginx", "**", "*.log")]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { inputs: unknown[]; clusters: { top: { clients: unknown[] } }[] };
    assert.equal(j.inputs.length, 2);
    for (const c of j.clusters) assert.ok(c.top.clients.length <= 1);
  });

  it("reads API Gateway CLF logs with --apigw-format", () => {
    const file = join(dir, "api-clf.log");
    writeFileSync(file, apiGateway().clf);
    const r = run(["--json", "--apigw-format", APIGW_CLF, file]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { inputs: { format: string }[]; totals: { status403: number }; clusters: { cause: string }[] };
    assert.equal(j.inputs[0]!.format, "apigateway");
    assert.equal(j.totals.status403, apiGateway().clf.split("\n").filter((l) => / 403 /.test(l)).length);
    assert.ok(j.clusters.some((c) => c.cause === "missing-auth-token"));
  });

  it("draws a progress bar with lines/s on standard error only when it is a terminal", async () => {
    const { run: runCli } = await import("../../src/cli/main.js");
    for (const errIsTTY of [true, false]) {
      let err = "";
      const code = await runCli(["node", "why403", "logs", "--json", nginx], { out: () => undefined, err: (s) => (err += s), isTTY: false, errIsTTY });
      assert.equal(code, 0, err);
      if (errIsTTY) assert.match(err, /\[[#.]{30}\]\s+\d+%\s+[\d.]+M lines\s+[\d.]+M lines\/s/);
      else assert.equal(err, "");
    }
  });

  it("prints Athena SQL with the tables of the formats it finds", () => {
    const r = run(["--emit-sql", "athena", cf]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /CREATE EXTERNAL TABLE IF NOT EXISTS cloudfront_standard_logs/);
    assert.match(r.stdout, /CREATE EXTERNAL TABLE IF NOT EXISTS waf_logs/);
    assert.doesNotMatch(r.stdout, /s3_access_logs/);
    assert.match(r.stdout, /CREATE OR REPLACE VIEW why403_events AS/);
  });

  it("reads log times by their own offset, whatever the machine's time zone", () => {
    writeFileSync(join(dir, "apache.log"), `${EXAMPLES["apache-combined"]!.lines.join("\n")}\n`);
    writeFileSync(join(dir, "alb.log"), `${EXAMPLES.alb!.lines.join("\n")}\n`);
    for (const tz of ["UTC", "America/New_York", "Asia/Kolkata"]) {
      const r = spawnSync(process.execPath, [bin, "logs", "--json", join(dir, "apache.log"), join(dir, "alb.log")], { encoding: "utf8", env: { ...process.env, TZ: tz } });
      assert.equal(r.status, 0, r.stderr);
      const seen = (JSON.parse(r.stdout) as { clusters: { responder: string; firstSeen: string }[] }).clusters.map((c) => [c.responder, c.firstSeen]).sort();
      // 13:55:37 -0700 is 20:55:37 UTC; ALB writes UTC with a Z (its 403 without a target is the WAF's)
      assert.deepEqual(seen, [["apache", "2000-10-10T20:55:37Z"], ["aws-waf", "2018-07-02T22:23:00Z"]], tz);
    }
  });

  it("rejects bad input with one line and the right exit code", () => {
    const since = run(["--since", "yesterday-ish", cf]);
    assert.equal(since.status, 2);
    assert.match(since.stderr, /^why403: error\[USAGE\]: logs: not a time: yesterday-ish/);
    assert.match(since.stderr, /\(hint: why403 logs --help lists its flags\)\n$/, "the hint names the command that ran");
    const missing = run([join(dir, "nope.log")]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /error\[FILE_NOT_FOUND\]/);
    const readme = join(dir, "README.txt");
    writeFileSync(readme, "Just some notes.\nNothing to see.\n");
    const unknown = run([readme]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /warning: .*README\.txt: not a log format why403 reads/);
    assert.match(unknown.stderr, /error\[INPUT_UNRECOGNISED\].*\(hint: why403 logs --help lists the formats it reads/);
    assert.doesNotMatch(unknown.stderr, /\n\s+at /, "no stack trace");
    // forced to a format it is not in: every line malformed, reported, exit 1
    const forced = run(["--json", "--input-format", "waf", readme]);
    assert.equal(forced.status, 1);
    assert.equal((JSON.parse(forced.stdout) as { totals: { malformed: number } }).totals.malformed, 2);
  });
});
