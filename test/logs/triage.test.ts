// End to end over a tree of mixed logs built from documented example lines: every 403 lands in
// the cluster it was generated for, requests seen by two layers count once, malformed lines are
// counted and sampled, and the counts match an independent count (awk, or the generator's own).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { runLogs } from "../../src/logs/triage.js";
import type { LogsReport } from "../../src/logs/report.js";
import { everything, nginxAccessAndError, type Fixture } from "./fixtures.js";

let dir = "";
const write = (root: string, fx: Fixture): void => {
  for (const [p, c] of Object.entries(fx.files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
};
const byCause = (r: LogsReport): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of r.clusters) out[`${c.responder}/${c.cause}`] = (out[`${c.responder}/${c.cause}`] ?? 0) + c.count;
  return out;
};

describe("why403 logs over mixed sources", () => {
  const fx = everything();
  let report: LogsReport;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "why403-logs-"));
    write(join(dir, "all"), fx);
    // small ranges and workers from the first byte: the parallel path runs on test-sized input
    report = await runLogs([join(dir, "all")], { jobs: 2, scan: { range: 64 * 1024, workersFrom: 0 } });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("detects every file's format, walking directories and reading gzip", () => {
    const formats = Object.fromEntries(report.inputs.map((i) => [i.file.slice(join(dir, "all").length + 1), i.format]));
    assert.equal(formats["cf/E2EXAMPLE.2026-11-01-00.a1b2c3d4.gz"], "cloudfront");
    assert.equal(formats["waf/aws-waf-logs-example.log"], "waf");
    assert.equal(formats["s3/2026-11-01-00-00-00-1A2B3C4D5E6F7A8B"], "s3-access");
    assert.equal(formats["trail/123456789012_CloudTrail_us-west-1_20261101T0000Z_a.json.gz"], "cloudtrail");
    assert.equal(formats["apigw/access.jsonl"], "apigateway");
    assert.equal(formats["nginx/access.log"], "nginx-combined");
    assert.equal(formats["nginx/error.log"], "nginx-error");
    assert.equal(formats["apache2/access.log"], "apache-combined");
    assert.equal(formats["apache2/error.log"], "apache-error");
    assert.equal(report.inputs.length, Object.keys(fx.files).length);
  });

  it("puts every 403 in the cluster it was generated for, once", () => {
    assert.deepEqual(byCause(report), fx.clusters);
    assert.equal(report.totals.status403, Object.values(fx.clusters).reduce((a, b) => a + b, 0));
    assert.equal(report.clusters.reduce((s, c) => s + c.count, 0), report.totals.status403);
    for (let i = 1; i < report.clusters.length; i++) assert.ok(report.clusters[i - 1]!.count >= report.clusters[i]!.count, "sorted, largest first");
  });

  it("joins layers by their shared request ids and names the deciding layer", () => {
    assert.deepEqual(Object.fromEntries(report.joins.map((j) => [j.key, j.matched])), fx.joins);
    const rate = report.clusters.find((c) => c.cause === "rate-limited")!;
    assert.equal(rate.responder, "aws-waf");
    assert.deepEqual(rate.key, { terminatingRuleId: "RateLimit-Login" });
    assert.deepEqual(rate.sources, ["cloudfront", "waf"]);
    assert.equal(rate.top.clients[0]![0], "198.51.100.7", "the bursting client leads");
    assert.ok(rate.spikes.length > 0, "the burst is a spike");
    // largest first, ties by time: the same report on every run
    for (const c of report.clusters)
      for (let i = 1; i < c.spikes.length; i++) {
        const [a, b] = [c.spikes[i - 1]!, c.spikes[i]!];
        assert.ok(a.count > b.count || (a.count === b.count && a.start < b.start), `spikes in order: ${JSON.stringify(c.spikes)}`);
      }
    const sqli = report.clusters.find((c) => c.key.ruleGroupRule === "SQLi_QUERYARGUMENTS")!;
    assert.equal(sqli.cause, "waf-rule");
    const s3 = report.clusters.find((c) => c.cause === "resource-policy-deny")!;
    assert.equal(s3.responder, "aws-s3");
    assert.deepEqual(s3.sources, ["cloudtrail", "s3-access"]);
    assert.deepEqual(s3.top.principals?.[0]?.[0], "arn:aws:sts::123456789012:assumed-role/app/i-0abc");
    assert.match(s3.fix.join("\n"), /amzn-s3-demo-bucket1/, "fix filled from the logs");
  });

  it("counts malformed lines, samples them and skips them", () => {
    assert.equal(report.totals.malformed, fx.malformed);
    assert.equal(report.totals.lines, fx.lines);
    assert.ok(report.malformedSamples.some((m) => m.text === "this is not a log line" && m.file.endsWith(".gz") && m.line === 203));
  });

  it("takes title, fix and verify from the catalog and redacts sample lines", () => {
    for (const c of report.clusters) {
      assert.ok(c.title.length > 10 && c.fix.length > 0 && c.verify.length > 0, `${c.responder}/${c.cause}`);
      assert.ok(c.sample.length > 0 && c.sampleAt, `${c.responder}/${c.cause} sample`);
    }
    const signed = report.clusters.find((c) => c.cause === "signed-url-required")!;
    assert.doesNotMatch(signed.sample, /abcdefEXAMPLEsignature/);
    assert.match(signed.sample, /\[redacted:signed-url-signature:\d+\]/);
  });

  it("keeps only the records inside --since/--until", async () => {
    const since = new Date(Date.UTC(2026, 10, 1, 0, 10));
    const until = new Date(Date.UTC(2026, 10, 1, 0, 20));
    const r = await runLogs([join(dir, "all", "nginx")], { since, until, jobs: 0 });
    // nginx fixture: three requests a second from 00:00:00; the 403s of that window, counted once
    const fxn = nginxAccessAndError();
    const access = String(fxn.files["nginx/access.log"]).split("\n");
    const inWindow = access.filter((l) => / 403 /.test(l) && /01\/Nov\/2026:00:1\d:/.test(l)).length;
    assert.equal(r.totals.status403, inWindow);
    assert.deepEqual(r.window, { since: since.toISOString(), until: until.toISOString() });
  });
});

describe("403 counts against awk", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-awk-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("matches awk's count of 403s and of each cause on an nginx access log", async (t) => {
    if (spawnSync("awk", ["BEGIN{}"]).status !== 0) return t.skip("awk is not installed");
    const fx = nginxAccessAndError(99);
    const file = join(dir, "access.log");
    writeFileSync(file, fx.files["nginx/access.log"]!);
    const awk = (program: string): number => Number(spawnSync("awk", [program, file], { encoding: "utf8" }).stdout.trim());
    // the same three hints as the rules, in awk: a directory, a dot-path or probe target, the rest
    const count = awk('$9 == 403 { n++ } END { print n + 0 }');
    const dirs = awk('$9 == 403 { split($7, u, "?"); if (u[1] ~ /\\/$/) n++ } END { print n + 0 }');
    const blocked = awk('$9 == 403 { split($7, u, "?"); if (u[1] !~ /\\/$/ && u[1] ~ /(^|\\/)(\\.[A-Za-z0-9_.-]+(\\/|$)|(xmlrpc\\.php|wp-login\\.php|[^\\/]+\\.(env|git|ini|log|bak|sql|conf|htaccess|htpasswd))$)/) n++ } END { print n + 0 }');
    const r = await runLogs([file], { jobs: 0 });
    assert.ok(count > 100);
    assert.equal(r.totals.status403, count);
    const got = byCause(r);
    assert.equal(got["nginx/directory-listing"] ?? 0, dirs);
    assert.equal(got["nginx/path-blocked"] ?? 0, blocked);
    assert.equal(got["nginx/unknown"] ?? 0, count - dirs - blocked);
  });
});

describe("cluster samples", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-sample-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the sample's text, file and line from one record when times tie", async () => {
    // every 403 in the same second: the first line of the first file is the sample, text and place alike
    const line = (ip: string) => `${ip} - - [01/Nov/2026:00:00:00 +0000] "GET /private/x HTTP/1.1" 403 153 "-" "curl/8.5.0"`;
    const files = ["a.log", "b.log"].map((name, f) => {
      const path = join(dir, name);
      writeFileSync(path, Array.from({ length: 50 }, (_, i) => line(`198.51.100.${100 * f + i}`)).join("\n") + "\n");
      return path;
    });
    const r = await runLogs(files.reverse(), { jobs: 0 });
    assert.equal(r.clusters.length, 1);
    const c = r.clusters[0]!;
    assert.equal(c.sampleAt, `${files[1]}:1`);
    assert.equal(c.sample, line("198.51.100.0"));
  });

  // rows keep fields and where the line is: the sample is read back from the file (a plain file,
  // in ranges read by workers) or from the lines a stream copied aside (gzip)
  const cfLine = (i: number) =>
    `2026-11-01\t00:${String(59 - Math.floor(i / 60)).padStart(2, "0")}:00\tSEA19-C1\t900\t192.0.2.${i % 250}\tGET\td111111abcdef8.cloudfront.net\t/p/${i}\t${i % 3 ? 200 : 403}\t-\tcurl/8.5.0\t-\t-\tError\tid${i}==\twww.example.com\thttps\t25\t0.000\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tError\tHTTP/2.0\t-\t-\t57945\t0.000\tClientGeoBlocked\ttext/html\t1033\t-\t-`;
  const nginxLine = (i: number) => `192.0.2.${i % 250} - - [01/Nov/2026:00:${String(59 - Math.floor(i / 60)).padStart(2, "0")}:00 +0000] "GET /p/${i}/ HTTP/1.1" ${i % 3 ? 200 : 403} 153 "-" "curl/8.5.0"`;
  for (const [kind, make, head] of [
    ["nginx", nginxLine, []],
    ["cloudfront", cfLine, ["#Version: 1.0", "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end"]],
  ] as const) {
    // time runs backwards: the earliest 403 (the sample) is near the end of the file
    const text = [...head, ...Array.from({ length: 3000 }, (_, i) => make(i))].join("\n") + "\n";
    const want = make(2940);
    it(`${kind}: reads the sample line back from a plain file scanned in ranges by workers`, async () => {
      const path = join(dir, `${kind}.log`);
      writeFileSync(path, text);
      const r = await runLogs([path], { jobs: 2, scan: { range: 4096, workersFrom: 0 } });
      assert.equal(r.clusters[0]!.sample, want);
      assert.equal(r.clusters[0]!.sampleAt, `${path}:${head.length + 2941}`);
    });
    it(`${kind}: reads the sample line back from the lines a gzip stream copied aside`, async () => {
      const path = join(dir, `${kind}.log.gz`);
      writeFileSync(path, gzipSync(text));
      const r = await runLogs([path], { jobs: 0 });
      assert.equal(r.clusters[0]!.sample, want);
    });
  }
});
