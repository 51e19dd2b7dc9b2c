// SARIF output: valid against the official SARIF 2.1.0 schema, with what code scanning needs
// (ruleId = cause id, rule help = explain page, a located region for every result).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Log, Result } from "sarif";
import { sarifValidator } from "./helpers/sarif-schema.js";
import { buildSarifLog, clusterResults, artifactUri } from "../src/render/render-sarif.js";
import { explainId } from "../src/knowledge/explain-page.js";
import { renderCausePageMarkdown } from "../src/render/render-explain.js";
import type { Report } from "../src/model/report.js";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd, env: { ...process.env, NO_COLOR: "1" } });

const S3 = `HTTP/1.1 403 Forbidden
x-amz-request-id: 9A0D5596C066E400
Content-Type: application/xml
Server: AmazonS3

<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>9A0D5596C066E400</RequestId></Error>`;

const NGINX = "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>";

const harEntry = (i: number, status: number, headers: [string, string][], text: string) => ({
  startedDateTime: `2026-11-01T00:00:0${i}Z`,
  request: { method: "GET", url: `https://example.com/p${i}`, headers: [] },
  response: { status, statusText: "", headers: headers.map(([name, value]) => ({ name, value })), content: { text } },
});

let dir = "";
let validate: ReturnType<typeof sarifValidator>;

const located = (r: Result) => r.locations?.[0]?.physicalLocation;

describe("why403 diagnose --format sarif", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-sarif-"));
    validate = sarifValidator();
    writeFileSync(join(dir, "s3.txt"), S3);
    writeFileSync(join(dir, "nginx.html"), NGINX);
    const s3h: [string, string][] = [["Server", "AmazonS3"], ["x-amz-request-id", "4442587FB7D0A2F9"]];
    const xml = "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";
    writeFileSync(join(dir, "s.har"), JSON.stringify({ log: { version: "1.2", entries: [harEntry(1, 403, s3h, xml), harEntry(2, 403, s3h, xml), harEntry(3, 403, [["Server", "nginx"]], NGINX)] } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one SARIF log that the official 2.1.0 schema accepts, with a result per input", () => {
    const r = run(["diagnose", "--format", "sarif", "s3.txt", "nginx.html", "s.har", "missing.txt"], dir);
    assert.equal(r.status, 1, "a missing input still fails the run");
    const log = JSON.parse(r.stdout) as Log;
    assert.deepEqual(validate(log), []);
    const run0 = log.runs[0]!;
    assert.equal(run0.tool.driver.name, "why403");
    const results = run0.results ?? [];
    const uris = results.map((x) => located(x)?.artifactLocation?.uri);
    assert.deepEqual([...new Set(uris)], ["s3.txt", "nginx.html", "s.har"]);
    assert.equal(run0.invocations?.[0]?.executionSuccessful, false);
    assert.match(run0.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text ?? "", /FILE_NOT_FOUND/);
    for (const res of results) {
      const rules = run0.tool.driver.rules ?? [];
      assert.equal(rules[res.ruleIndex!]?.id, res.ruleId, "ruleIndex points at the rule of ruleId");
      assert.ok((located(res)?.region?.startLine ?? 0) >= 1, "code scanning needs a start line");
      assert.ok(Object.keys(res.partialFingerprints ?? {}).length > 0, "a fingerprint keeps alerts from duplicating");
    }
  });

  it("uses the cause id as ruleId and places the result at the evidence line and column", () => {
    const json = JSON.parse(run(["diagnose", "--json", "s3.txt"], dir).stdout) as Report;
    const log = JSON.parse(run(["diagnose", "--format", "sarif", "s3.txt"], dir).stdout) as Log;
    const res = log.runs[0]!.results![0]!;
    const top = json.causes[0]!;
    assert.equal(res.ruleId, top.id);
    const ev = [...top.evidence, ...json.responder.evidence].find((e) => e.line !== undefined)!;
    const region = located(res)!.region!;
    assert.equal(region.startLine, ev.line);
    assert.equal(region.startColumn, ev.column);
    assert.equal(region.endColumn, ev.column! + ev.length!);
    assert.equal(region.snippet?.text, S3.split("\n")[ev.line! - 1]);
  });

  it("takes each rule's help from the cause's explain page", () => {
    const log = JSON.parse(run(["diagnose", "--format", "sarif", "s3.txt"], dir).stdout) as Log;
    const rule = log.runs[0]!.tool.driver.rules![0]!;
    const page = explainId(rule.id).cause!;
    assert.equal(rule.help?.markdown, renderCausePageMarkdown(page));
    assert.ok(rule.help?.text.includes(page.whatItMeans));
    assert.equal(rule.fullDescription?.text, page.whatItMeans);
  });

  it("reports each HAR group as a result with its count", () => {
    const log = JSON.parse(run(["diagnose", "--format", "sarif", "s.har"], dir).stdout) as Log;
    const results = log.runs[0]!.results!;
    assert.deepEqual(results.map((x): unknown[] => [x.properties?.responder, x.properties?.count]), [["aws-s3", 2], ["nginx", 1]]);
  });
});

describe("SARIF from clusters (the shape why403 logs reuses)", () => {
  it("turns log clusters into schema-valid results located at their sample line", () => {
    const validateLog = sarifValidator();
    const results = clusterResults(
      [
        { responder: "aws-waf", cause: "rate-limited", count: 20211, firstSeen: "2026-11-01T00:00:03Z", lastSeen: "2026-11-01T02:11:40Z", sample: "one line", line: 17 },
        { responder: "nginx", cause: "ip-denied", count: 3 },
      ],
      "logs/access.log",
    );
    const log = buildSarifLog(results, [], { toolVersion: "1.2.3" });
    assert.deepEqual(validateLog(log), []);
    // the validator is not vacuous: a column 0 (a common exporter bug) is refused
    const broken = structuredClone(log);
    located(broken.runs[0]!.results![0]!)!.region!.startColumn = 0;
    assert.notDeepEqual(validateLog(broken), []);
    assert.equal(located(log.runs[0]!.results![0]!)?.region?.startLine, 17);
    assert.equal(located(log.runs[0]!.results![1]!)?.region?.startLine, 1);
    assert.deepEqual(log.runs[0]!.tool.driver.rules!.map((r) => r.id), ["ip-denied", "rate-limited"]);
  });

  it("why403 logs --format sarif: schema-valid, one result per cluster at its sample line", () => {
    const lines = [
      ...Array.from({ length: 5 }, (_, i) => `198.51.100.${i} - - [01/Nov/2026:00:00:0${i} +0000] "GET /.env HTTP/1.1" 403 153 "-" "curl/8.5.0"`),
      `198.51.100.9 - - [01/Nov/2026:00:00:09 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5.0"`,
    ];
    const logDir = mkdtempSync(join(tmpdir(), "why403-sarif-logs-"));
    writeFileSync(join(logDir, "access.log"), lines.join("\n") + "\n");
    const r = run(["logs", "--format", "sarif", "access.log"], logDir);
    rmSync(logDir, { recursive: true, force: true });
    assert.equal(r.status, 0, r.stderr);
    const log = JSON.parse(r.stdout) as Log;
    assert.deepEqual(sarifValidator()(log), []);
    const results = log.runs[0]!.results!;
    assert.equal(results.reduce((n, x) => n + Number((x.properties as { count: number }).count), 0), 5);
    const loc = results[0]!.locations![0]!.physicalLocation!;
    assert.equal(loc.artifactLocation?.uri, "access.log");
    assert.ok((loc.region?.startLine ?? 0) >= 1 && (loc.region?.startLine ?? 0) <= 5);
  });

  it("writes file paths as URI references", () => {
    assert.equal(artifactUri("dir/my case.txt"), "dir/my%20case.txt");
    assert.equal(artifactUri("./a.txt"), "a.txt");
    assert.equal(artifactUri("/tmp/a b.har"), "file:///tmp/a%20b.har");
    assert.equal(artifactUri("C:\\cases\\a.txt"), "file:///C:/cases/a.txt");
    assert.equal(artifactUri("-"), "stdin");
  });
});
