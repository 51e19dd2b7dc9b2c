import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Exchange } from "../model/exchange.js";
import { deriveFact } from "./derived.js";

const x = (req: { method?: string; url?: string; headers?: [string, string][] } | undefined, res: { headers?: [string, string][]; body?: string }): Exchange => ({
  index: 0,
  ...(req ? { request: { ...(req.method ? { method: req.method } : {}), ...(req.url ? { url: req.url } : {}), headers: (req.headers ?? []).map(([name, value]) => ({ name, value })) } } : {}),
  response: { status: 403, statusSource: "status-line", headers: (res.headers ?? []).map(([name, value]) => ({ name, value })), body: { text: res.body ?? "" } },
  context: [],
});

describe("deriveFact", () => {
  it("sees the trailing-slash CORS origin mismatch", () => {
    const e = x({ method: "GET", headers: [["Origin", "https://app.com"]] }, { headers: [["Access-Control-Allow-Origin", "https://app.com/"]] });
    assert.equal(deriveFact("cors-acao-trailing-slash", e), true);
    assert.equal(deriveFact("cors-acao-mismatch", e), true);
    assert.equal(deriveFact("cors-acao-missing", e), false);
  });
  it("does not call a matching origin a mismatch", () => {
    const e = x({ headers: [["Origin", "https://app.com"]] }, { headers: [["access-control-allow-origin", "https://APP.com"]] });
    assert.equal(deriveFact("cors-acao-mismatch", e), false);
  });
  it("sees a wildcard with credentials", () => {
    const e = x(undefined, { headers: [["Access-Control-Allow-Origin", "*"], ["Access-Control-Allow-Credentials", "true"]] });
    assert.equal(deriveFact("cors-wildcard-with-credentials", e), true);
  });
  it("tells a request without credentials from one with them, and from no request at all", () => {
    assert.equal(deriveFact("request-without-credentials", x({ headers: [["Host", "a"]] }, {})), true);
    assert.equal(deriveFact("request-without-credentials", x({ headers: [["Authorization", "Bearer x"]] }, {})), false);
    assert.equal(deriveFact("request-without-credentials", x(undefined, {})), false);
  });
  it("finds an expired presigned URL from X-Amz-Date + X-Amz-Expires and the server's Date", () => {
    const url = "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-Expires=300&X-Amz-Signature=abc";
    assert.equal(deriveFact("presigned-url", x({ url }, {})), true);
    assert.equal(deriveFact("presigned-url-expired", x({ url }, { headers: [["Date", "Mon, 01 Jan 2024 00:10:00 GMT"]] })), true);
    assert.equal(deriveFact("presigned-url-expired", x({ url }, { headers: [["Date", "Mon, 01 Jan 2024 00:04:00 GMT"]] })), false);
  });
  it("sees a hotlink and an expired CloudFront signed URL", () => {
    assert.equal(deriveFact("referer-cross-site", x({ url: "https://img.a.com/x.png", headers: [["Referer", "https://other.com/page"]] }, {})), true);
    assert.equal(deriveFact("referer-cross-site", x({ url: "https://a.com/x.png", headers: [["Referer", "https://a.com/page"]] }, {})), false);
    const url = "https://d1.cloudfront.net/v.mp4?Expires=1700000000&Signature=abc&Key-Pair-Id=K2";
    assert.equal(deriveFact("cloudfront-signed-url-expired", x({ url }, { headers: [["Date", "Wed, 15 Nov 2023 00:00:00 GMT"]] })), true);
    assert.equal(deriveFact("cloudfront-signed-url-expired", x({ url }, { headers: [["Date", "Mon, 13 Nov 2023 00:00:00 GMT"]] })), false);
  });
  it("sees HEAD and directory requests", () => {
    assert.equal(deriveFact("no-body", x({ method: "HEAD" }, {})), true);
    assert.equal(deriveFact("path-is-directory", x({ url: "https://a.com/docs/" }, {})), true);
    assert.equal(deriveFact("path-is-directory", x({ url: "https://a.com/docs/a.html" }, {})), false);
  });
});
