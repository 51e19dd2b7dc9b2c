import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { detectInputKind, parseInput } from "./parse-input.js";
import { normaliseText, decodeInput } from "./normalise.js";
import { statusFromText } from "./status-from-text.js";
import { gzipSync } from "node:zlib";

describe("detectInputKind", () => {
  it("recognises a raw response by its status line", () => {
    assert.equal(detectInputKind("HTTP/1.1 403 Forbidden\nServer: x\n\nbody"), "http-response");
  });
  it("recognises curl -v output by its > and < lines", () => {
    assert.equal(detectInputKind("* Trying 1.2.3.4\n> GET / HTTP/2\n> Host: a\n>\n< HTTP/2 403\n< server: x\n<\nbody"), "curl-verbose");
  });
  it("recognises a HAR by its log.entries", () => {
    assert.equal(detectInputKind('{"log":{"version":"1.2","entries":[]}}'), "har");
  });
  it("reads an AWS CLI error line as a CLI error", () => {
    assert.equal(detectInputKind("An error occurred (AccessDenied) when calling the GetObject operation: Access Denied"), "cli-error");
  });
  it("reads bare XML as a body", () => {
    assert.equal(detectInputKind("<Error><Code>AccessDenied</Code></Error>"), "body-only");
  });
});

describe("parseInput", () => {
  it("keeps header offsets that point at the header value in the input", () => {
    const text = normaliseText("HTTP/1.1 403 Forbidden\r\nX-Amz-Request-Id: ABC\r\n\r\n<Error/>");
    const p = parseInput(text);
    const h = p.exchanges[0]!.response.headers[0]!;
    assert.equal(text.slice(h.valueOffset, h.valueOffset! + 3), "ABC");
    assert.equal(p.exchanges[0]!.response.body.text, "<Error/>");
    assert.equal(text.slice(p.exchanges[0]!.response.statusOffset, p.exchanges[0]!.response.statusOffset! + 3), "403");
  });
  it("splits a redirect chain from curl -iL into exchanges", () => {
    const p = parseInput("HTTP/1.1 302 Found\nLocation: /login\n\nHTTP/1.1 403 Forbidden\nServer: nginx\n\nno");
    assert.deepEqual(p.exchanges.map((x) => x.response.status), [302, 403]);
  });
  it("reads the request of a curl -v capture, HTTP/2 included", () => {
    const p = parseInput("* ALPN: server accepted h2\n> GET /a HTTP/2\n> Host: example.com\n> Origin: https://app.example\n>\n< HTTP/2 403\n< server: cloudflare\n<\nerror code: 1020\n");
    const x = p.exchanges[0]!;
    assert.equal(x.request?.url, "https://example.com/a");
    assert.equal(x.response.status, 403);
    assert.equal(x.response.body.text, "error code: 1020");
  });
  it("keeps HTML body lines of a curl -v capture in the body", () => {
    const p = parseInput("> GET / HTTP/1.1\n> Host: a.example\n>\n< HTTP/1.1 403 Forbidden\n< Server: x\n<\n<html><h1>Error: Forbidden</h1></html>\n* Connection #0 left intact\n");
    assert.equal(p.exchanges[0]!.response.body.text, "<html><h1>Error: Forbidden</h1></html>");
  });
  it("takes the request from a pasted curl command above the response", () => {
    const p = parseInput("$ curl -si -X OPTIONS https://api.example.com/v1 -H 'Origin: https://app.example'\nHTTP/1.1 403 Forbidden\n\n");
    assert.equal(p.exchanges[0]!.request?.method, "OPTIONS");
    assert.equal(p.exchanges[0]!.request?.headers[0]?.name, "Origin");
  });
  it("reads the status of an SDK line from its text", () => {
    assert.equal(statusFromText("(Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)")?.status, 403);
    assert.equal(statusFromText("googleapi: Error 403: The caller does not have permission")?.status, 403);
    assert.equal(statusFromText("Access Denied"), undefined);
  });
  it("lifts headers written inside a Python dict", () => {
    const p = parseInput("Response header:\n{'Content-Type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException'}");
    assert.ok(p.exchanges[0]!.response.headers.some((h) => h.name === "x-amzn-ErrorType" && h.value === "AccessDeniedException"));
  });
});

describe("decodeInput", () => {
  it("refuses empty and binary input with codes", () => {
    assert.throws(() => decodeInput(Buffer.alloc(0)), { code: "INPUT_EMPTY" });
    assert.throws(() => decodeInput(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])), { code: "INPUT_BINARY" });
  });
  it("reads UTF-16 with a BOM and gzip", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("HTTP/1.1 403 Forbidden\r\n", "utf16le")]);
    assert.equal(decodeInput(utf16), "HTTP/1.1 403 Forbidden\n");
    assert.equal(decodeInput(gzipSync("error code: 1020")), "error code: 1020");
  });
});
