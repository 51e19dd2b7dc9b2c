// End to end: the real CLI process, as a user runs it.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input: input ?? "", env: { ...process.env, NO_COLOR: "1" } });

let dir = "";
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const S3 = `HTTP/1.1 403 Forbidden
x-amz-request-id: 9A0D5596C066E400
x-amz-id-2: Cb1y8kEjyPKd3JzpaxV8cGAsXvA9tzlLaCy4l
Content-Type: application/xml
Server: AmazonS3

<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>9A0D5596C066E400</RequestId></Error>`;

describe("why403 diagnose (CLI)", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-cli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one JSON object per file, in order, with the spec's fields", () => {
    const a = file("a.txt", S3);
    const b = file("b.txt", '<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>');
    const r = run(["diagnose", "--json", a, b]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.equal(lines[0]!.file, a);
    assert.equal(lines[1]!.file, b);
    for (const l of lines) {
      assert.equal(l.schemaVersion, 1);
      assert.ok(Array.isArray(l.causes) && l.causes.length > 0);
      assert.ok(Array.isArray(l.redacted));
    }
    assert.equal((lines[1]!.responder as { id: string }).id, "nginx");
  });

  it("groups a HAR's 403s by responder and cause, counting them all", () => {
    const entry = (i: number, status: number, headers: [string, string][], text: string) => ({
      startedDateTime: `2026-11-01T00:00:0${i}Z`,
      request: { method: "GET", url: `https://example.com/p${i}`, headers: [{ name: "Accept", value: "*/*" }] },
      response: { status, statusText: "", headers: headers.map(([name, value]) => ({ name, value })), content: { text } },
    });
    const s3: [string, string][] = [["Server", "AmazonS3"], ["x-amz-request-id", "4442587FB7D0A2F9"], ["x-amz-id-2", "xyz="]];
    const xml = "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";
    const har = { log: { version: "1.2", entries: [entry(1, 200, [], "ok"), entry(2, 403, s3, xml), entry(3, 403, s3, xml), entry(4, 403, [["Server", "nginx"]], "<hr><center>nginx</center>"), entry(5, 404, [], "nope")] } };
    const f = file("s.har", JSON.stringify(har));
    const r = run(["diagnose", "--json", f]);
    assert.equal(r.status, 0, r.stderr);
    const rep = JSON.parse(r.stdout) as { exchanges: number; status403: number; groups: { responder: string; count: number; status: number; entry: number }[]; responder: { id: string }; notes: string[] };
    assert.equal(rep.exchanges, 5);
    assert.equal(rep.status403, 3);
    const g403 = rep.groups.filter((g) => g.status === 403);
    assert.equal(g403.reduce((a, g) => a + g.count, 0), 3);
    assert.equal(g403[0]!.responder, "aws-s3");
    assert.equal(g403[0]!.count, 2);
    assert.equal(g403[0]!.entry, 1);
    assert.equal(rep.responder.id, "aws-s3");
    assert.ok(rep.notes.some((n) => /DevTools removes/.test(n)), "says the HAR may be sanitised");
  });

  it("reads standard input with -", () => {
    const r = run(["diagnose", "--json", "-"], S3);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { file: string }).file, "-");
  });

  const bad: [string, () => string, string][] = [
    ["a missing file", () => join(dir, "nope.txt"), "FILE_NOT_FOUND"],
    ["a directory", () => (mkdirSync(join(dir, "sub"), { recursive: true }), join(dir, "sub")), "FILE_IS_DIRECTORY"],
    ["an empty file", () => file("empty.txt", ""), "INPUT_EMPTY"],
    ["a binary file", () => file("bin.dat", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), "INPUT_BINARY"],
    ["a truncated HAR", () => file("t.har", '{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://a/"},"respo'), "HAR_INVALID"],
    ["a 200 response", () => file("ok.txt", "HTTP/1.1 200 OK\nContent-Type: text/plain\n\nhello"), "NO_DENIAL"],
  ];
  for (const [what, make, code] of bad) {
    it(`gives ${what} a one-line coded error, exit 1, no stack trace`, () => {
      const f = make();
      const r = run(["diagnose", f]);
      assert.equal(r.status, 1);
      const lines = r.stderr.trim().split("\n");
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, new RegExp(`error\\[${code}\\]`));
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }

  it("gives 2 MB of garbage a clear answer without a stack trace", () => {
    let s = "";
    let x = 12345;
    while (s.length < 2_000_000) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      s += String.fromCharCode(33 + (x % 90));
    }
    const f = file("garbage.txt", s);
    const r = run(["diagnose", "--json", f]);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    const out = JSON.parse(r.stdout.trim()) as { responder?: { id: string; confidence: number }; error?: unknown };
    // garbage is never a confident answer: either an error or an unknown/low-confidence report
    assert.ok(out.error !== undefined || (out.responder!.confidence < 0.5), r.stdout.slice(0, 300));
  });

  it("keeps diagnosing the other files when one fails, and exits 1", () => {
    const good = file("good.txt", S3);
    const r = run(["diagnose", "--json", join(dir, "missing.txt"), good]);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { error?: { code: string }; responder?: unknown });
    assert.equal(lines[0]!.error?.code, "FILE_NOT_FOUND");
    assert.ok(lines[1]!.responder);
  });

  it("never prints secrets unless --show-secrets, and lists what it hid", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const input = `$ curl -si 'https://api.example.com/admin?access_token=qs_secret_value_123' -H 'Authorization: Bearer ${jwt}'
HTTP/1.1 403 Forbidden
Set-Cookie: session=s3cr3tsessionvalue; Path=/; HttpOnly
Content-Type: application/json

{"message":"Forbidden","token":"tok_abcdefghijklmnop"}`;
    const f = file("secret.txt", input);
    for (const format of ["text", "json", "markdown"]) {
      const r = run(["diagnose", "--format", format, f]);
      assert.equal(r.status, 0, r.stderr);
      for (const secret of [jwt, "s3cr3tsessionvalue", "tok_abcdefghijklmnop", "qs_secret_value_123"]) {
        assert.ok(!r.stdout.includes(secret), `${format} output leaks ${secret}`);
      }
    }
    const json = JSON.parse(run(["diagnose", "--json", f]).stdout) as { redacted: string[] };
    assert.ok(json.redacted.includes("set-cookie"));
    const shown = run(["diagnose", "--json", "--show-secrets", f]);
    assert.ok(shown.stdout.includes("qs_secret_value_123"), "--show-secrets keeps the token in the URL");
    assert.deepEqual((JSON.parse(shown.stdout) as { redacted: string[] }).redacted, []);
  });

  it("answers usage errors with exit 2", () => {
    assert.equal(run(["diagnose"]).status, 2);
    assert.equal(run(["no-such-command"]).status, 2);
    assert.equal(run(["diagnose", "--format", "yaml", "x"]).status, 2);
  });

  it("prints --version and teaching --help", () => {
    assert.match(run(["--version"]).stdout, /^\d+\.\d+\.\d+/);
    const help = run(["diagnose", "--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Examples:/);
    assert.match(help.stdout, /Exit codes/);
  });
});

describe("why403 explain (CLI)", () => {
  it("prints a cause's page", () => {
    const r = run(["explain", "directory-listing"]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /What to change/);
  });
  it("lists ids with --list", () => {
    const r = run(["explain", "--list"]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /nginx/);
  });
  it("refuses an unknown id with exit 2", () => {
    const r = run(["explain", "no-such-id"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /UNKNOWN_ID/);
  });
});
