// HAR inputs: the exporters' shapes, sanitised exports, redirect and preflight chains, groups
// and --all, and the streamed path agreeing with the in-memory one.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Readable } from "node:stream";
import { diagnoseHarStream } from "../src/diagnose-har.js";
import { diagnoseText } from "../src/diagnose-text.js";
import type { Report } from "../src/model/report.js";

interface EntrySpec {
  method?: string;
  url: string;
  status: number;
  reqHeaders?: [string, string][];
  resHeaders?: [string, string][];
  body?: string;
  base64?: boolean;
  redirectURL?: string;
  time?: string;
  cookies?: { name: string; value: string }[];
}

const entry = (e: EntrySpec, i: number) => ({
  startedDateTime: e.time ?? `2026-11-23T10:00:${String(i).padStart(2, "0")}.000Z`,
  time: 10,
  request: {
    method: e.method ?? "GET",
    url: e.url,
    httpVersion: "HTTP/1.1",
    headers: (e.reqHeaders ?? [["Accept", "*/*"]]).map(([name, value]) => ({ name, value })),
    cookies: e.cookies ?? [],
    queryString: [],
    headersSize: -1,
    bodySize: 0,
  },
  response: {
    status: e.status,
    statusText: "",
    httpVersion: "HTTP/1.1",
    headers: (e.resHeaders ?? []).map(([name, value]) => ({ name, value })),
    cookies: [],
    content: e.base64
      ? { size: 1, mimeType: "text/html", text: Buffer.from(e.body ?? "").toString("base64"), encoding: "base64" }
      : { size: 1, mimeType: "text/html", ...(e.body !== undefined ? { text: e.body } : {}) },
    redirectURL: e.redirectURL ?? "",
    headersSize: -1,
    bodySize: -1,
  },
  cache: {},
  timings: { send: 0, wait: 5, receive: 1 },
});

const harOf = (creator: string, entries: EntrySpec[], extraLog: Record<string, unknown> = {}): string =>
  JSON.stringify({ log: { version: "1.2", creator: { name: creator, version: "1" }, ...extraLog, entries: entries.map(entry) } }, null, 1);

const S3_DENIED: EntrySpec = {
  url: "https://bucket.s3.amazonaws.com/private/report.pdf",
  status: 403,
  resHeaders: [
    ["Server", "AmazonS3"],
    ["x-amz-request-id", "4442587FB7D0A2F9"],
    ["Content-Type", "application/xml"],
  ],
  body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>',
};
const API_UNAUTH: EntrySpec = {
  url: "https://api.example.com/v1/orders",
  status: 401,
  resHeaders: [["WWW-Authenticate", 'Bearer realm="api"'], ["Content-Type", "application/json"]],
  body: '{"error":"unauthorized","message":"Missing bearer token"}',
};
const LAMBDA_URL_DENIED: EntrySpec = {
  url: "https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws/report",
  status: 403,
  resHeaders: [["Content-Type", "application/json"], ["x-amzn-RequestId", "5b4c2f0e-8a9d-4c3b-9f1e-2d7a6b5c4e3f"]],
  body: '{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}',
};
/** Every signal that counted, for the responder and the causes. */
const signalIds = (r: Report): string[] => [...r.responder.evidence, ...r.causes.flatMap((c) => c.evidence)].map((e) => e.signalId);
const OK: EntrySpec = { url: "https://www.example.com/", status: 200, resHeaders: [["Server", "nginx"]], body: "<html>ok</html>" };

const chunks = (s: string, size: number): AsyncIterable<string> => {
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += size) parts.push(s.slice(i, i + size));
  return Readable.from(parts);
};
const streamed = (s: string, size = 64, all = false): Promise<Report> => diagnoseHarStream(chunks(s, size), { file: "t.har", ...(all ? { all: true } : {}) });

describe("HAR exporters", () => {
  // the shapes differ in creator, timestamps, base64 bodies, missing content.text and extra fields
  const exporters: [string, (e: EntrySpec) => EntrySpec, Record<string, unknown>][] = [
    ["WebInspector", (e) => e, { pages: [{ startedDateTime: "2026-11-23T10:00:00.000Z", id: "page_1", title: "x", pageTimings: {} }] }],
    ["Firefox", (e) => ({ ...e, time: "2026-11-23T10:00:00.123+01:00" }), { browser: { name: "Firefox", version: "133.0" } }],
    ["WebKit Web Inspector", (e) => e, {}],
    ["Charles Proxy", (e) => ({ ...e, time: "2026-11-23T10:00:00.000+00:00" }), {}],
    ["mitmproxy har_dump", (e) => ({ ...e, base64: true }), {}],
    ["HTTP Toolkit", (e) => e, { comment: "exported" }],
  ];
  for (const [creator, shape, extra] of exporters) {
    it(`${creator}: the S3 denial is found, streamed or not`, async () => {
      const text = harOf(creator, [OK, shape(S3_DENIED), OK].map((e) => shape(e)), extra);
      const a = await streamed(text, 97);
      const b = diagnoseText(text, { file: "t.har" });
      for (const r of [a, b]) {
        assert.equal(r.inputKind, "har");
        assert.equal(r.responder.id, "aws-s3");
        assert.equal(r.exchanges, 3);
        assert.equal(r.status403, 1);
        assert.equal(r.exchange, 1);
      }
      assert.deepEqual(a.groups, b.groups);
      assert.deepEqual(a.causes.map((c) => c.id), b.causes.map((c) => c.id));
    });
  }
});

describe("sanitised HARs", () => {
  it("a browser export without any credential header says so and does not conclude that none were sent", async () => {
    const r = await streamed(harOf("WebInspector", [OK, LAMBDA_URL_DENIED]));
    assert.ok(r.notes.some((n) => /remove them on export/.test(n)), r.notes.join("\n"));
    assert.ok(!signalIds(r).some((id) => id.endsWith("without-credentials")), signalIds(r).join(","));
  });

  it("an export that keeps credentials elsewhere lets their absence count", async () => {
    const withCookie: EntrySpec = { ...OK, reqHeaders: [["Cookie", "sid=abc"]] };
    const r = await streamed(harOf("WebInspector", [withCookie, LAMBDA_URL_DENIED]));
    assert.ok(!r.notes.some((n) => /on export/.test(n)));
    assert.ok(signalIds(r).some((id) => id.endsWith("without-credentials")), signalIds(r).join(","));
    // the same denial from a sanitised export gives "missing credentials" less weight
    const sanitised = await streamed(harOf("WebInspector", [OK, LAMBDA_URL_DENIED]));
    const conf = (x: Report) => x.causes.find((c) => c.id === "auth-missing")?.confidence ?? 0;
    assert.ok(conf(r) > conf(sanitised), `${conf(r)} vs ${conf(sanitised)}`);
  });

  it("a proxy's export (mitmproxy) is complete: no sanitised note", async () => {
    const r = await streamed(harOf("mitmproxy har_dump", [API_UNAUTH]));
    assert.ok(!r.notes.some((n) => /on export/.test(n)));
  });
});

describe("request chains inside a HAR", () => {
  it("follows a 302 to the login page that then answers 403", async () => {
    const r = await streamed(
      harOf("WebInspector", [
        { url: "https://app.example.com/account", status: 302, resHeaders: [["Location", "/login?next=%2Faccount"]], redirectURL: "/login?next=%2Faccount" },
        { url: "https://app.example.com/login?next=%2Faccount", status: 403, resHeaders: [["Server", "nginx"]], body: "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>" },
      ]),
    );
    assert.deepEqual(
      r.flow?.map((s) => [s.entry, s.relation, s.status]),
      [
        [0, "redirect", 302],
        [1, "denied", 403],
      ],
    );
    assert.ok(r.notes.some((n) => n.startsWith("How this entry was reached") && /redirect/.test(n)));
  });

  it("links a CORS preflight to its actual request, and says a passed preflight rules CORS out", async () => {
    const r = await streamed(
      harOf("WebInspector", [
        { method: "OPTIONS", url: "https://api.example.com/v1/orders", status: 204, resHeaders: [["Access-Control-Allow-Origin", "https://app.example.com"]] },
        { method: "POST", url: "https://api.example.com/v1/orders", status: 403, resHeaders: [["Content-Type", "application/json"]], body: '{"error":"forbidden","message":"insufficient scope"}' },
      ]),
    );
    assert.deepEqual(r.flow?.map((s) => s.relation), ["preflight", "denied"]);
    assert.ok(r.notes.some((n) => /preflight passed/.test(n)));
  });

  it("an entry reached by no redirect or preflight has no flow", async () => {
    const r = await streamed(harOf("WebInspector", [OK, S3_DENIED]));
    assert.equal(r.flow, undefined);
  });
});

describe("groups and --all", () => {
  const many: EntrySpec[] = [];
  for (let i = 0; i < 40; i++) many.push(i % 4 === 0 ? { ...S3_DENIED, url: `${S3_DENIED.url}?v=${i}` } : i % 4 === 1 ? API_UNAUTH : OK);

  it("counts every 403 once, the 403 groups add up to status403, and --all lists each denial", async () => {
    const r = await streamed(harOf("WebInspector", many), 33, true);
    assert.equal(r.exchanges, 40);
    assert.equal(r.status403, 10);
    assert.equal(r.groups?.filter((g) => g.status === 403).reduce((n, g) => n + g.count, 0), 10);
    assert.equal(r.groups?.[0]?.status, 403);
    assert.equal(r.groups?.[0]?.urls.length, 10);
    assert.equal(r.denials?.length, 20);
    assert.deepEqual(r.denials?.slice(0, 2).map((d) => [d.entry, d.status, d.responder]), [
      [0, 403, "aws-s3"],
      [1, 401, r.denials?.[1]?.responder],
    ]);
  });

  it("without --all there is no denials list", async () => {
    const r = await streamed(harOf("WebInspector", many));
    assert.equal(r.denials, undefined);
  });
});

describe("HAR files through the CLI", () => {
  const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  let dir = "";
  before(() => (dir = mkdtempSync(join(tmpdir(), "why403-har-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads gzip'd and UTF-16 HARs the same as plain ones", () => {
    const text = harOf("WebInspector", [OK, S3_DENIED]);
    const plain = join(dir, "a.har");
    writeFileSync(plain, text);
    writeFileSync(join(dir, "a.har.gz"), gzipSync(Buffer.from(text)));
    writeFileSync(join(dir, "a16.har"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const base = JSON.parse(run(["diagnose", "--json", plain]).stdout) as Report;
    for (const f of ["a.har.gz", "a16.har"]) {
      const r = run(["diagnose", "--json", join(dir, f)]);
      assert.equal(r.status, 0, r.stderr);
      const rep = JSON.parse(r.stdout) as Report;
      assert.deepEqual([rep.inputKind, rep.responder.id, rep.status403, rep.groups], [base.inputKind, base.responder.id, base.status403, base.groups]);
    }
  });

  it("a truncated HAR is a coded one-line error, not a stack trace, and no progress bar off a terminal", () => {
    const text = harOf("WebInspector", [OK, S3_DENIED, OK]);
    const f = join(dir, "cut.har");
    writeFileSync(f, text.slice(0, Math.floor(text.length * 0.7)));
    const r = run(["diagnose", f]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^why403: error\[HAR_INVALID\]: .*cut\.har: the HAR ends in the middle of the JSON after \d+ entries/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    assert.doesNotMatch(r.stderr, /\r|entries\/s/);
  });

  it("--all prints every denied entry in text", () => {
    const f = join(dir, "all.har");
    writeFileSync(f, harOf("WebInspector", [S3_DENIED, OK, API_UNAUTH]));
    const r = run(["diagnose", "--all", f]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /every denied entry \(2\):/);
    assert.match(r.stdout, /\n\s+0 2026-11-23T10:00:00\.000Z 403 GET https:\/\/bucket\.s3\.amazonaws\.com\/private\/report\.pdf\s+→ aws-s3 \//);
  });
});
