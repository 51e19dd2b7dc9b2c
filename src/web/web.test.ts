import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { detectUploadKind } from "./analyse.js";
import { admit, allowedHosts, newToken, tokenMatches } from "./guard.js";
import { timelineOf } from "./timeline.js";
import { UPLOAD_LIMIT_BYTES } from "./api-types.js";
import { MAX_TEXT_BYTES } from "../input/normalise.js";

describe("detectUploadKind", () => {
  it("reads a HAR from its first bytes", () => {
    assert.equal(detectUploadKind('\uFEFF  {"log":{"version":"1.2","entries":['), "har");
  });
  it("takes access logs, CloudFront and CloudTrail files for logs", () => {
    const nginx = Array.from({ length: 5 }, (_, i) => `198.51.100.${i} - - [01/Nov/2026:00:00:0${i} +0000] "GET /admin HTTP/1.1" 403 153 "-" "curl/8.5.0"`).join("\n");
    assert.equal(detectUploadKind(nginx), "log");
    assert.equal(detectUploadKind("#Version: 1.0\n#Fields: date time x-edge-location\n"), "log");
    assert.equal(detectUploadKind('{"Records":[{"eventVersion":"1.08"}]}'), "log");
  });
  it("keeps a single response, curl output or one log line as text for diagnose", () => {
    assert.equal(detectUploadKind("HTTP/1.1 403 Forbidden\nServer: nginx\n\n<html>403</html>"), "text");
    assert.equal(detectUploadKind('198.51.100.7 - - [01/Nov/2026:00:00:03 +0000] "GET /admin HTTP/1.1" 403 153 "-" "curl/8.5.0"'), "text");
    assert.equal(detectUploadKind("* Connected to example.com\n> GET / HTTP/1.1\n< HTTP/1.1 403 Forbidden"), "text");
  });
});

describe("timelineOf", () => {
  it("buckets instants between the first and the last, counting each once", () => {
    const t = timelineOf(["2026-11-01T00:00:00Z", "2026-11-01T00:00:00.5Z", undefined, "not a date", "2026-11-01T00:10:00Z"])!;
    assert.equal(t.total, 3);
    assert.equal(t.counts.reduce((a, b) => a + b, 0), 3);
    assert.equal(t.counts[0], 2);
    assert.equal(t.counts.at(-1), 1);
    assert.ok(t.counts.length <= 40);
    assert.ok(Date.parse(t.end) > Date.parse("2026-11-01T00:10:00Z"));
  });
  it("is undefined without any time", () => {
    assert.equal(timelineOf([undefined, "x"]), undefined);
  });
});

describe("guard", () => {
  const token = newToken();
  const hosts = allowedHosts(8403);
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers: { host: "127.0.0.1:8403", ...headers } });

  it("makes long, URL-safe, different tokens", () => {
    assert.match(token, /^[\w-]{32}$/);
    assert.notEqual(newToken(), token);
  });
  it("compares tokens of any length without throwing", () => {
    assert.equal(tokenMatches(token, token), true);
    assert.equal(tokenMatches("", token), false);
    assert.equal(tokenMatches(token + "x", token), false);
  });
  it("admits the token's paths on our own host only", () => {
    assert.deepEqual({ ...admit(req(`/${token}/api/kb?x=1`), token, hosts), query: undefined }, { rest: "api/kb", query: undefined });
    assert.ok("rest" in admit(req(`/${token}/`, { host: "localhost:8403" }), token, hosts));
    assert.deepEqual(admit(req("/"), token, hosts), { status: 403, reason: "token" });
    assert.deepEqual(admit(req(`/${token}/`, { host: "attacker.example:8403" }), token, hosts), { status: 403, reason: "host" });
    assert.deepEqual(admit(req(`/${token}/`, { host: "127.0.0.1:9999" }), token, hosts), { status: 403, reason: "host" });
    assert.deepEqual(admit(req(`/${token}/api/analyse`, { origin: "http://attacker.example" }, "POST"), token, hosts), { status: 403, reason: "origin" });
    assert.ok("rest" in admit(req(`/${token}/api/analyse`, { origin: "http://127.0.0.1:8403" }, "POST"), token, hosts));
  });
  it("reads uploads up to the pipeline's own limit", () => {
    assert.equal(UPLOAD_LIMIT_BYTES, MAX_TEXT_BYTES);
  });
});
