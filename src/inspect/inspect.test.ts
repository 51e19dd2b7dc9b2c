// inspect: presigned URLs and SigV4 headers made by @smithy/signature-v4, CloudFront signed URLs
// and cookies made with node:crypto, JWTs made by jose — expired, not yet valid, skewed, valid.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createSign, generateKeyPairSync } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { Report } from "../model/report.js";
import { cannedPolicy, cloudFrontBase64Encode } from "./cloudfront-signed.js";
import { inspectText } from "./inspect.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const SESSION = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDEXAMPLE";
const HOST = "amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com";

const signer = (region = "us-east-1", service = "s3", session = true) =>
  new SignatureV4({
    service,
    region,
    credentials: { accessKeyId: session ? "ASIAIOSFODNN7EXAMPLE" : "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET, ...(session ? { sessionToken: SESSION } : {}) },
    sha256: Hash.bind(null, "sha256"),
  });

const presign = async (opts: { at: Date; expiresIn: number; region?: string; host?: string }): Promise<string> => {
  const host = opts.host ?? HOST;
  const r = await signer(opts.region).presign({ method: "GET", protocol: "https:", hostname: host, path: "/reports/2026/q3.pdf", headers: { host } }, { signingDate: opts.at, expiresIn: opts.expiresIn });
  const q = Object.entries(r.query ?? {}).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join("&");
  return `https://${host}/reports/2026/q3.pdf?${q}`;
};

const ids = (r: Report): string[] => r.causes.map((c) => c.id);
const top = (r: Report) => r.causes[0];
const noSecrets = (r: Report, ...secrets: string[]): void => {
  const s = JSON.stringify(r);
  for (const secret of secrets) assert.ok(!s.includes(secret), `the report shows a secret: ${secret.slice(0, 12)}…`);
};

const MIN = 60_000;

describe("inspect: presigned S3 URLs (@smithy/signature-v4)", () => {
  it("valid: no cause, the window is shown", async () => {
    const url = await presign({ at: new Date(Date.now() - 2 * MIN), expiresIn: 3600 });
    const r = inspectText({ text: url, file: "url" });
    assert.deepEqual(ids(r), []);
    assert.ok(r.checks!.some((c) => c.id === "presigned-url" && c.status === "pass" && /valid until/.test(c.detail)));
    assert.equal(r.inspected![0]!.fields.sessionToken, "present");
    noSecrets(r, SESSION, "ASIAIOSFODNN7EXAMPLE", new URL(url).searchParams.get("X-Amz-Signature")!);
  });
  it("expired: auth-expired at X-Amz-Expires", async () => {
    const r = inspectText({ text: await presign({ at: new Date(Date.now() - 2 * 3600_000), expiresIn: 3600 }), file: "url" });
    assert.equal(top(r)?.id, "auth-expired");
    assert.equal(top(r)?.evidence[0]?.path, "X-Amz-Expires");
    assert.match(top(r)!.evidence[0]!.detail, /expired 1 h ago|expired 60 min ago/);
  });
  it("not yet valid (signer's clock ahead): clock-skew", async () => {
    const r = inspectText({ text: await presign({ at: new Date(Date.now() + 30 * MIN), expiresIn: 3600 }), file: "url" });
    assert.equal(top(r)?.id, "clock-skew");
    assert.equal(top(r)?.evidence[0]?.path, "X-Amz-Date");
  });
  it("inside S3's 15-minute tolerance: not skewed", async () => {
    assert.deepEqual(ids(inspectText({ text: await presign({ at: new Date(Date.now() + 5 * MIN), expiresIn: 3600 }), file: "url" })), []);
  });
  it("signed for another region than the host: wrong-endpoint", async () => {
    const r = inspectText({ text: await presign({ at: new Date(), expiresIn: 600, region: "eu-west-1" }), file: "url" });
    assert.equal(top(r)?.id, "wrong-endpoint");
    assert.match(top(r)!.evidence[0]!.detail, /signed for region eu-west-1, but the endpoint is in us-east-1/);
  });
  it("the session token left out of a URL signed with temporary keys: auth-invalid", async () => {
    const url = (await presign({ at: new Date(), expiresIn: 600 })).replace(/X-Amz-Security-Token=[^&]+&?/, "");
    assert.equal(top(inspectText({ text: url, file: "url" }))?.id, "auth-invalid");
  });
});

describe("inspect: SigV4 Authorization headers", () => {
  const headerCapture = async (signedAt: Date, serverDate: Date): Promise<string> => {
    const host = "sts.us-east-1.amazonaws.com";
    const r = await signer("us-east-1", "sts").sign({ method: "POST", protocol: "https:", hostname: host, path: "/", headers: { host, "content-type": "application/x-www-form-urlencoded" }, body: "Action=GetCallerIdentity&Version=2011-06-15" }, { signingDate: signedAt });
    const lines = Object.entries(r.headers).map(([k, v]) => `> ${k}: ${v}`);
    return [`> POST / HTTP/1.1`, ...lines, ">", "< HTTP/1.1 403 Forbidden", `< Date: ${serverDate.toUTCString()}`, "< Content-Type: text/xml", "<"].join("\n");
  };
  it("skewed: the client clock 20 minutes behind the server's Date", async () => {
    const now = new Date();
    const r = inspectText({ text: await headerCapture(new Date(now.getTime() - 20 * MIN), now), file: "curl.txt" });
    assert.equal(top(r)?.id, "clock-skew");
    assert.match(top(r)!.evidence[0]!.detail, /20 min behind the server's Date/);
    noSecrets(r, SESSION);
  });
  it("valid: signed a few seconds before the server answered", async () => {
    const now = new Date();
    const r = inspectText({ text: await headerCapture(new Date(now.getTime() - 3000), now), file: "curl.txt" });
    assert.deepEqual(ids(r), []);
    assert.equal(r.inspected![0]!.fields.service, "sts");
  });
  it("a bare header value signed for the wrong service", async () => {
    const host = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com";
    const r = await signer("us-east-1", "s3").sign({ method: "GET", protocol: "https:", hostname: host, path: "/prod/pets", headers: { host } }, { signingDate: new Date() });
    const text = `GET https://${host}/prod/pets\nAuthorization: ${r.headers.authorization}\nX-Amz-Date: ${r.headers["x-amz-date"]}\nX-Amz-Security-Token: ${SESSION}`;
    const rep = inspectText({ text, file: "-" });
    assert.equal(top(rep)?.id, "signature-mismatch");
    assert.equal(rep.responder.id, "aws-apigateway");
    noSecrets(rep, SESSION, r.headers.authorization!.split("Signature=")[1]!);
  });
});

describe("inspect: CloudFront signed URLs and cookies (node:crypto)", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pub = publicKey.export({ type: "spki", format: "pem" }).toString();
  const base = "https://d111111abcdef8.cloudfront.net/training/orientation.mp4";
  const now = Math.floor(Date.now() / 1000);
  const signCanned = (expires: number, key = privateKey) => {
    const s = createSign("RSA-SHA1");
    s.update(cannedPolicy(base, expires));
    return `${base}?Expires=${expires}&Signature=${cloudFrontBase64Encode(s.sign(key))}&Key-Pair-Id=K2JCJMDEHXQW5F`;
  };
  const customPolicy = (resource: string, from: number, until: number) =>
    JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateGreaterThan: { "AWS:EpochTime": from }, DateLessThan: { "AWS:EpochTime": until } } }] });
  const signCustom = (policy: string) => {
    const s = createSign("RSA-SHA1");
    s.update(policy);
    return { policy: cloudFrontBase64Encode(Buffer.from(policy)), signature: cloudFrontBase64Encode(s.sign(privateKey)) };
  };

  it("valid canned URL, verified with the public key", () => {
    const url = signCanned(now + 600);
    const r = inspectText({ text: url, file: "url", publicKey: pub });
    assert.deepEqual(ids(r), []);
    assert.ok(r.checks!.some((c) => c.id === "cloudfront-signed-url" && /signature verifies/.test(c.detail)));
    noSecrets(r, new URL(url).searchParams.get("Signature")!);
  });
  it("expired canned URL: auth-expired at Expires", () => {
    const r = inspectText({ text: signCanned(now - 3600), file: "url" });
    assert.equal(top(r)?.id, "auth-expired");
    assert.equal(top(r)?.evidence[0]?.path, "Expires");
    assert.equal(r.responder.id, "aws-cloudfront");
  });
  it("signed with another key: signature-mismatch", () => {
    assert.equal(top(inspectText({ text: signCanned(now + 600, other.privateKey), file: "url", publicKey: pub }))?.id, "signature-mismatch");
  });
  it("a canned URL changed after signing: only the public key can tell", () => {
    const changed = signCanned(now + 600).replace("orientation.mp4", "orientation-v2.mp4");
    assert.deepEqual(ids(inspectText({ text: changed, file: "url" })), []);
    assert.equal(top(inspectText({ text: changed, file: "url", publicKey: pub }))?.id, "signature-mismatch");
  });
  it("a custom policy for another path does not cover the request", () => {
    const p = signCustom(customPolicy("https://d111111abcdef8.cloudfront.net/marketing/*", now - 60, now + 600));
    const r = inspectText({ text: `${base}?Policy=${p.policy}&Signature=${p.signature}&Key-Pair-Id=K2JCJMDEHXQW5F`, file: "url" });
    assert.equal(top(r)?.id, "signed-url-required");
    assert.equal(top(r)?.evidence[0]?.path, "Policy.Statement[0].Resource");
  });
  it("not yet valid custom-policy cookies (DateGreaterThan ahead): clock-skew; valid ones pass", () => {
    const late = signCustom(customPolicy("https://d111111abcdef8.cloudfront.net/training/*", now + 1800, now + 7200));
    const cookie = (p: { policy: string; signature: string }) => `GET ${base}\nCookie: CloudFront-Policy=${p.policy}; CloudFront-Signature=${p.signature}; CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F`;
    const r = inspectText({ text: cookie(late), file: "req.txt" });
    assert.equal(top(r)?.id, "clock-skew");
    assert.equal(r.inspected![0]!.kind, "CloudFront signed cookies");
    const ok = signCustom(customPolicy("https://d111111abcdef8.cloudfront.net/training/*", now - 60, now + 7200));
    const good = inspectText({ text: cookie(ok), file: "req.txt", publicKey: pub });
    assert.deepEqual(ids(good), []);
    noSecrets(good, ok.signature);
  });
});

describe("inspect: JWTs (jose)", () => {
  const ISS = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE";
  const make = async (f: (j: SignJWT) => SignJWT) => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const jwt = await f(new SignJWT({ scope: "orders/read", token_use: "access", client_id: "6example2client3id4" }).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer(ISS)).sign(privateKey);
    return { jwt, jwk: JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1" }] }) };
  };
  it("valid, verified against a JWKS; the token never shows", async () => {
    const { jwt, jwk } = await make((j) => j.setIssuedAt().setExpirationTime("1h"));
    const r = inspectText({ text: `Authorization: Bearer ${jwt}`, file: "-", publicKey: jwk, expect: { issuer: ISS, audience: ["6example2client3id4"], scopes: ["orders/read"] } });
    assert.deepEqual(ids(r), []);
    assert.equal(r.inspected![0]!.fields.iss, ISS);
    noSecrets(r, jwt, jwt.split(".")[2]!);
  });
  it("expired: auth-expired at exp", async () => {
    const { jwt } = await make((j) => j.setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600));
    const r = inspectText({ text: jwt, file: "-" });
    assert.equal(top(r)?.id, "auth-expired");
    assert.equal(top(r)?.evidence[0]?.path, "token.exp");
  });
  it("not yet valid (nbf ahead): clock-skew, unless the leeway covers it", async () => {
    const { jwt } = await make((j) => j.setNotBefore(Math.floor(Date.now() / 1000) + 120).setExpirationTime("1h"));
    assert.equal(top(inspectText({ text: jwt, file: "-" }))?.id, "clock-skew");
    assert.deepEqual(ids(inspectText({ text: jwt, file: "-", leeway: 300 })), []);
  });
  it("another audience, a missing scope, a signature that does not verify", async () => {
    const { jwt } = await make((j) => j.setExpirationTime("1h"));
    const other = await make((j) => j);
    assert.equal(top(inspectText({ text: jwt, file: "-", expect: { audience: ["api://orders"] } }))?.id, "auth-invalid");
    assert.equal(top(inspectText({ text: jwt, file: "-", expect: { scopes: ["orders/write"] } }))?.id, "insufficient-permissions");
    assert.equal(top(inspectText({ text: jwt, file: "-", publicKey: other.jwk }))?.id, "auth-invalid");
  });
});

describe("inspect: SignatureDoesNotMatch, canonical requests compared", () => {
  const server = [
    "GET",
    "/reports/2026/q3%20final.pdf",
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261123T101500Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host",
    `host:${HOST}`,
    "",
    "host",
    "UNSIGNED-PAYLOAD",
  ].join("\n");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n20261123T101500Z\n20261123/us-east-1/s3/aws4_request\n9b2a6c1e</StringToSign><CanonicalRequest>${server}</CanonicalRequest><RequestId>4442587FB7D0A2F9</RequestId></Error>`;

  it("points at the first line that differs (the path encoded twice), from a botocore debug log", () => {
    const log = `2026-11-23 10:15:00,123 botocore.auth [DEBUG] CanonicalRequest:\n${server.replace("q3%20final", "q3%2520final")}\n2026-11-23 10:15:00,124 botocore.auth [DEBUG] StringToSign:\nAWS4-HMAC-SHA256\n20261123T101500Z\n20261123/us-east-1/s3/aws4_request\n77c0ffee\n2026-11-23 10:15:00,125 botocore.auth [DEBUG] Signature:\nabc`;
    const r = inspectText({ text: xml, file: "error.xml", canonical: log });
    assert.equal(top(r)?.id, "signature-mismatch");
    const ev = top(r)!.evidence[0]!;
    assert.equal(ev.path, "CanonicalRequest line 2 (canonical URI (path, URI-encoded))");
    assert.match(ev.detail, /encoded differently/);
    assert.ok(!JSON.stringify(r).includes("AKIAIOSFODNN7EXAMPLE"), "the access key id is redacted");
  });
  it("identical canonical requests mean another secret key", () => {
    const r = inspectText({ text: xml, file: "error.xml", canonical: server });
    assert.deepEqual(ids(r), []);
    assert.ok(r.checks!.some((c) => c.id === "canonical-request" && c.status === "pass" && /signing key differs/.test(c.detail)));
  });
  it("without --canonical, says what to pass", () => {
    assert.ok(inspectText({ text: xml, file: "error.xml" }).checks!.some((c) => c.status === "skip" && /--canonical/.test(c.detail)));
  });
  it("nothing recognisable is a coded error", () => {
    assert.throws(() => inspectText({ text: "hello world", file: "-" }), (e: Error & { code?: string }) => e.code === "TOKEN_UNRECOGNISED");
  });
});
