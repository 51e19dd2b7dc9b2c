// `why403 serve` over plain HTTP: the real process, its refusals, its API and what it never
// sends back (secrets, raw input).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import type { AnalyseEvent, AnalysisResult } from "../src/web/api-types.js";
import { startServer } from "../src/web/server.js";
import { startServe, type ServeProcess } from "./helpers/serve-process.js";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));

const SECRET = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlY3JldA";
const WITH_SECRETS = `HTTP/1.1 403 Forbidden
Server: AmazonS3
Set-Cookie: session=s3cr3t-cookie-value; Path=/
x-amz-request-id: 9A0D5596C066E400

<Error><Code>AccessDenied</Code><Message>Access Denied</Message><Token>${SECRET}</Token></Error>`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const call = (url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? "GET", headers: opts.headers ?? {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });

const events = (a: Answer): AnalyseEvent[] => a.body.trim().split("\n").map((l) => JSON.parse(l) as AnalyseEvent);
const resultOf = (a: Answer): AnalysisResult => {
  const r = events(a).find((e) => e.type === "result");
  assert.ok(r && r.type === "result", a.body.slice(0, 300));
  return r.result;
};

describe("why403 serve (HTTP)", () => {
  let serve: ServeProcess;
  before(async () => {
    serve = await startServe();
  });
  after(async () => {
    await serve?.stop();
  });

  it("prints a token URL on 127.0.0.1 and serves the page with a strict Content-Security-Policy", async () => {
    assert.match(serve.url, /^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}\/$/);
    const page = await call(serve.url);
    assert.equal(page.status, 200);
    assert.match(page.body, /<script type="module" src="assets\/app\.js"><\/script>/);
    const csp = String(page.headers["content-security-policy"]);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.equal(page.headers["referrer-policy"], "no-referrer");
    // the page references no other host
    const js = await call(`${serve.url}assets/app.js`);
    assert.equal(js.status, 200);
    assert.doesNotMatch(page.body + js.body, /(?:src|href)=["']?(?:https?:)?\/\//);
  });

  it("refuses requests without the token, with another Host, or a write from another origin", async () => {
    const noToken = await call(`${serve.origin}/`);
    assert.equal(noToken.status, 403);
    assert.match(noToken.body, /needs the session token/);
    assert.equal((await call(`${serve.origin}/api/kb`)).status, 403);
    assert.equal((await call(`${serve.origin}/not-the-token/`)).status, 403);
    const rebound = await call(serve.url, { headers: { host: `attacker.example:${serve.port}` } });
    assert.equal(rebound.status, 403);
    assert.match(rebound.body, /Host header/);
    assert.equal((await call(serve.url, { headers: { host: `localhost:${serve.port}` } })).status, 200);
    const crossSite = await call(`${serve.url}api/analyse`, { method: "POST", headers: { origin: "http://attacker.example" }, body: "x" });
    assert.equal(crossSite.status, 403);
  });

  it("serves the knowledge base index and explain pages", async () => {
    const index = JSON.parse((await call(`${serve.url}api/kb`)).body) as { id: string }[];
    assert.ok(index.some((e) => e.id === "no-allow"));
    const page = JSON.parse((await call(`${serve.url}api/kb/no-allow`)).body) as { cause: { fix: string[] } };
    assert.ok(page.cause.fix.length > 0);
    const missing = await call(`${serve.url}api/kb/nope`);
    assert.equal(missing.status, 404);
    assert.match(missing.body, /UNKNOWN_ID/);
  });

  it("analyses a pasted response and shows the input back only with its secrets redacted", async () => {
    const a = await call(`${serve.url}api/analyse?name=case.txt`, { method: "POST", body: WITH_SECRETS });
    assert.equal(a.status, 200);
    assert.deepEqual(events(a).map((e) => e.type), ["received", "phase", "phase", "result"]);
    const r = resultOf(a);
    assert.equal(r.report?.responder.id, "aws-s3");
    assert.equal(r.report?.file, "case.txt");
    assert.ok(r.input?.text.includes("[redacted:"));
    assert.ok(!a.body.includes(SECRET) && !a.body.includes("s3cr3t-cookie-value"), "no secret in the answer");
  });

  it("never echoes a broken HAR back in its error", async () => {
    const a = await call(`${serve.url}api/analyse?name=broken.har`, { method: "POST", body: `{"log": {"entries": [ {"x": "${SECRET}" ` });
    const err = events(a).find((e) => e.type === "error");
    assert.ok(err && err.type === "error");
    assert.equal(err.error.code, "HAR_INVALID");
    assert.ok(!a.body.includes(SECRET.slice(0, 12)));
  });

  it("triages log files with why403 logs and returns their clusters", async () => {
    const log = Array.from({ length: 4 }, (_, i) => `198.51.100.${i} - - [01/Nov/2026:00:00:0${i} +0000] "GET /admin HTTP/1.1" 403 153 "-" "curl/8.5.0"`).join("\n");
    const a = await call(`${serve.url}api/analyse?name=access.log`, { method: "POST", body: log });
    const kinds = events(a);
    assert.deepEqual(kinds[0], { type: "received", bytes: Buffer.byteLength(log), kind: "log" });
    const result = kinds.find((e) => e.type === "result");
    assert.ok(result && result.type === "result", JSON.stringify(kinds));
    assert.equal(result.result.kind, "log");
    assert.equal(result.result.status403, 4);
    assert.equal(result.result.clusters?.reduce((n, c) => n + c.count, 0), 4);
    assert.equal(result.result.clusters?.[0]?.responder, "nginx");
  });
});

describe("why403 serve (limits and usage)", () => {
  it("refuses an upload over the limit before reading it all", async () => {
    const server = await startServer({ maxUploadBytes: 1000 });
    try {
      const a = await call(`${server.url}api/analyse?name=big.txt`, { method: "POST", body: "x".repeat(5000) });
      assert.equal(a.status, 413);
      assert.match(a.body, /INPUT_TOO_LARGE/);
    } finally {
      await server.close();
    }
  });

  it("rejects a port that is not a number (usage, exit 2) and a port in use (exit 1)", async () => {
    const bad = spawnSync(process.execPath, [bin, "serve", "--port", "http"], { encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /a port is a number/);
    const first = await startServer();
    try {
      const busy = spawnSync(process.execPath, [bin, "serve", "--port", String(first.port)], { encoding: "utf8" });
      assert.equal(busy.status, 1);
      assert.match(busy.stderr, /error\[PORT_IN_USE\]/);
    } finally {
      await first.close();
    }
  });
});
