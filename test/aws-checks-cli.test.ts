// End to end: `why403 aws cloudfront`, `why403 aws apigateway`, `why403 inspect`, and the next
// steps `diagnose` offers for CloudFront and API Gateway, as a user runs them.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
const fixture = (p: string): string => fileURLToPath(new URL(`../../test/fixtures/${p}`, import.meta.url));
const run = (args: string[], input = "") => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, env: { ...process.env, NO_COLOR: "1" } });

interface Rep {
  schemaVersion: number;
  file: string;
  inputKind: string;
  responder: { id: string };
  causes: { id: string; confidence: number; fix: string[]; verify: string[]; nextSteps: string[]; evidence: { signal: string; path?: string }[] }[];
  checks?: { id: string; status: string }[];
  redacted: string[];
}

let dir = "";
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe("why403 aws cloudfront / apigateway / inspect (CLI)", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-awscli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("aws cloudfront --json prints the standard report with config evidence naming the field", () => {
    const r = run(["aws", "cloudfront", "https://www.example.com/", "--config", fixture("cloudfront/dist-s3-oac.json"), "--country", "DE", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const rep = JSON.parse(r.stdout) as Rep;
    assert.equal(rep.schemaVersion, 1);
    assert.equal(rep.inputKind, "cloudfront-config");
    assert.deepEqual(rep.causes, [], "a clean distribution for this URL has no cause");
    const alias = JSON.parse(
      run(["aws", "cloudfront", "https://shop.example.com/", "--config", fixture("cloudfront/dist-s3-oac.json"), "--json"]).stdout,
    ) as Rep;
    assert.equal(alias.causes[0]!.id, "host-not-configured");
    assert.ok(alias.causes[0]!.evidence.some((e) => e.signal === "config" && e.path === "DistributionConfig.Aliases.Items"));
  });

  it("text and markdown show the checks that ran", () => {
    const args = ["aws", "cloudfront", "https://media.example.com/video/a.m3u8", "--config", fixture("cloudfront/dist-multi-origin.json")];
    const text = run(args);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /signed-url-required/);
    assert.match(text.stdout, /✗ viewer-access {10}DistributionConfig\.CacheBehaviors\.Items\[1\]\.TrustedKeyGroups/);
    const md = run([...args, "--format", "markdown"]);
    assert.match(md.stdout, /### Checks/);
    assert.doesNotMatch(text.stdout + md.stdout, /shared-secret-value/);
  });

  it("a file that is not a distribution config is one line and exit 1; a bad URL is a usage error", () => {
    const bad = file("list.json", '{"DistributionList":{"Items":[]}}');
    const r = run(["aws", "cloudfront", "https://www.example.com/", "--config", bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^why403: error\[CONFIG_INVALID\]: .*list\.json: no DistributionConfig/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    const u = run(["aws", "cloudfront", "ftp://x", "--config", bad]);
    assert.equal(u.status, 2);
    assert.match(u.stderr, /error\[USAGE\]/);
  });

  it("aws apigateway reads a directory of CLI outputs", () => {
    const r = run(["aws", "apigateway", "https://api.example.com/v1/prod/pets", "--config", fixture("apigateway/rest-cli-v2"), "-H", "x-api-key: Bvrh2yrTMz9hrq8YCDKf38HyYwzT4sQ6yh9sIXp0", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const rep = JSON.parse(r.stdout) as Rep;
    assert.equal(rep.causes[0]!.id, "wrong-endpoint");
    assert.ok(rep.causes[0]!.evidence.some((e) => e.path === "get-base-path-mappings.api.example.com.json:items[0].basePath"));
    assert.ok(!r.stdout.includes("Bvrh2yrTMz9hrq8YCDKf38HyYwzT4sQ6yh9sIXp0"), "the API key never shows");
    const missing = run(["aws", "apigateway", "https://api.example.com/", "--config", join(dir, "nope")]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /error\[FILE_NOT_FOUND\]/);
  });

  it("inspect: a JWT given as the argument is never echoed, not even as the file name", () => {
    const claims = Buffer.from(JSON.stringify({ iss: "https://issuer.example.com", exp: Math.floor(Date.now() / 1000) - 60 })).toString("base64url");
    const jwt = `eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.${claims}.c2lnbmF0dXJlLWJ5dGVz`;
    const r = run(["inspect", jwt, "--json"]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stdout.includes(jwt) && !r.stdout.includes("c2lnbmF0dXJlLWJ5dGVz"));
    const rep = JSON.parse(r.stdout) as Rep;
    assert.equal(rep.file, "(argument)");
    assert.equal(rep.causes[0]!.id, "auth-expired");
    const none = run(["inspect", "nothing to see"]);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /error\[TOKEN_UNRECOGNISED\]/);
  });

  it("diagnose offers the CloudFront and API Gateway checks, and inspect, with the exact command", () => {
    const cf = file(
      "cf.txt",
      "> GET /img/logo.png HTTP/1.1\n> Host: www.example.com\n>\n< HTTP/1.1 403 Forbidden\n< Server: CloudFront\n< X-Cache: Error from cloudfront\n< X-Amz-Cf-Id: vb3ZpWVEOhSsRZVA232fedAdOg25B7BXb3TSLw6jIgsvoqime15vA==\n<\n<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\nBad request.\nWe can't connect to the server for this app or website at this time.\n<PRE>\nGenerated by cloudfront (CloudFront)\n</PRE></BODY></HTML>",
    );
    const a = JSON.parse(run(["diagnose", "--json", cf]).stdout) as Rep;
    assert.ok(a.causes[0]!.nextSteps.some((s) => s.includes("why403 aws cloudfront https://www.example.com/img/logo.png -X GET --config dist.json")));
    const ag = file("ag.txt", "> POST /prod/pets HTTP/1.1\n> Host: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com\n>\n< HTTP/1.1 403 Forbidden\n< x-amzn-ErrorType: MissingAuthenticationTokenException\n< x-amz-apigw-id: Q1w2E3r4T5y6U7i=\n<\n{\"message\":\"Missing Authentication Token\"}");
    const b = JSON.parse(run(["diagnose", "--json", ag]).stdout) as Rep;
    assert.ok(b.causes[0]!.nextSteps.some((s) => s.includes("why403 aws apigateway https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets -X POST --config DIR")));
    assert.ok(b.causes[0]!.nextSteps.some((s) => s.includes("--rest-api-id a1b2c3d4e5 --embed methods")));
    const exp = file("exp.txt", '{"message":"Signature expired: 20240301T101500Z is now earlier than 20240301T102112Z (20240301T102612Z - 5 min.)"}');
    const c = JSON.parse(run(["diagnose", "--json", exp]).stdout) as Rep;
    assert.ok(c.causes[0]!.nextSteps.some((s) => s.includes(`why403 inspect ${exp}`)));
  });

  it("aws --help lists the checks", () => {
    const r = run(["aws", "--help"]);
    assert.match(r.stdout, /cloudfront/);
    assert.match(r.stdout, /apigateway/);
    assert.match(r.stdout, /simulate/);
  });
});
