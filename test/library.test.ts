// The library as a user imports it: by package name, through package.json "exports".
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { diagnose, diagnoseHar, explain, explainIndex, probe, simulate, WhyError, type Report } from "why403";
import { createServer } from "node:http";
import { Readable } from "node:stream";

const root = fileURLToPath(new URL("../../", import.meta.url));

const S3 = "HTTP/1.1 403 Forbidden\nServer: AmazonS3\nx-amz-request-id: 9A0D5596C066E400\n\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";

describe("import { diagnose, explain } from 'why403' (self-reference)", () => {
  it("diagnoses text and returns a typed Report", () => {
    const report: Report = diagnose(S3, { file: "case.txt" });
    assert.equal(report.file, "case.txt");
    assert.equal(report.responder.id, "aws-s3");
    assert.ok(report.causes.length > 0);
  });

  it("explains a cause as a structured page", () => {
    const page = explain("no-allow");
    assert.equal(page.cause?.id, "no-allow");
    assert.ok(page.cause.fix.length > 0 && page.cause.verify.length > 0);
    assert.ok(page.cause.seenFrom.includes("aws-s3"));
    assert.equal(page.responder, undefined);
  });

  it("explains a responder and lists its causes most common first", () => {
    const page = explain("aws-s3");
    const priors = page.responder!.causes.map((c) => c.prior);
    assert.deepEqual(priors, [...priors].sort((a, b) => b - a));
  });

  it("indexes every responder and cause", () => {
    const ids = explainIndex().map((e) => e.id);
    assert.ok(ids.includes("aws-s3") && ids.includes("no-allow"));
    assert.equal(new Set(explainIndex().map((e) => `${e.type}:${e.id}`)).size, ids.length);
  });

  it("throws a WhyError with a code for bad input and unknown ids", () => {
    assert.throws(() => diagnose("  "), (e) => e instanceof WhyError && e.code === "INPUT_EMPTY");
    assert.throws(() => explain("no-such-id"), (e) => e instanceof WhyError && e.code === "UNKNOWN_ID");
  });
});

describe("probe, simulate and diagnoseHar from 'why403'", () => {
  it("probe runs the live experiments against a local server and returns the report with probes", async () => {
    const server = createServer((req, res) => {
      res.writeHead(403, { "Content-Type": "text/html", Server: "nginx/1.22.1" });
      res.end("<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx/1.22.1</center></body></html>");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    try {
      const report = await probe(`http://127.0.0.1:${port}/admin/`, { maxRequests: 3 });
      assert.equal(report.responder.id, "nginx");
      assert.ok((report.requestsSent ?? 0) >= 1 && (report.requestsSent ?? 0) <= 3);
      assert.equal(report.probes?.[0]?.variant, "baseline");
    } finally {
      server.close();
    }
  });

  it("simulate names the statement that denies", () => {
    const v = simulate({
      request: { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {} },
      policies: {
        identity: [{ Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" }, { Sid: "NoK", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" }] }],
        resource: null,
        scp: [],
        rcp: [],
        boundary: null,
        session: null,
      },
      sameAccount: true,
    });
    assert.equal(v.decision, "ExplicitDeny");
    assert.ok(v.deciding.some((d) => d.statement === "NoK" && d.effect === "Deny"), JSON.stringify(v.deciding));
  });

  it("diagnoseHar reads a HAR stream", async () => {
    const har = JSON.stringify({ log: { version: "1.2", creator: { name: "WebInspector" }, entries: [{ startedDateTime: "2026-11-23T10:00:00Z", request: { method: "GET", url: "https://b.s3.amazonaws.com/k", headers: [] }, response: { status: 403, headers: [{ name: "Server", value: "AmazonS3" }], content: { text: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>" } } }] } });
    const report = await diagnoseHar(Readable.from([har.slice(0, 50), har.slice(50)]), { file: "x.har" });
    assert.equal(report.responder.id, "aws-s3");
    assert.equal(report.status403, 1);
  });
});

describe("the packed package, installed in another directory", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-lib-"));
    const out = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], { cwd: root, encoding: "utf8" });
    const tarball = join(dir, out.trim().split("\n").pop()!);
    const pkgDir = join(dir, "node_modules", "why403");
    mkdirSync(pkgDir, { recursive: true });
    execFileSync("tar", ["xzf", tarball, "-C", pkgDir, "--strip-components=1"]);
    // the runtime dependencies package.json declares, as npm would have installed them
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      mkdirSync(dirname(join(dir, "node_modules", dep)), { recursive: true });
      symlinkSync(join(root, "node_modules", dep), join(dir, "node_modules", dep), "dir");
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("imports by name from ESM, with no output on import", () => {
    writeFileSync(join(dir, "side-effects.mjs"), 'import "why403";\n');
    const bare = spawnSync(process.execPath, ["side-effects.mjs"], { cwd: dir, encoding: "utf8" });
    assert.equal(bare.status, 0, bare.stderr);
    assert.equal(bare.stdout + bare.stderr, "");
    writeFileSync(
      join(dir, "user.mjs"),
      `import { diagnose, explain } from "why403";
const r = diagnose(${JSON.stringify(S3)});
console.log(JSON.stringify({ responder: r.responder.id, cause: r.causes[0]?.id, page: explain(r.causes[0].id).cause.id }));\n`,
    );
    const r = spawnSync(process.execPath, ["user.mjs"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { responder: string; cause: string; page: string };
    assert.equal(got.responder, "aws-s3");
    assert.equal(got.page, got.cause);
  });

  it("type-checks a TypeScript user of the exported types", () => {
    writeFileSync(
      join(dir, "user.ts"),
      `import { diagnose, explain, type Report, type ReportCause, type CausePage, type Cause, type Responder } from "why403";
const r: Report = diagnose("HTTP/1.1 403 Forbidden\\n\\n");
const c: ReportCause | undefined = r.causes[0];
const p: CausePage | undefined = explain("no-allow").cause;
export const used: [ReportCause | undefined, CausePage | undefined, Cause["id"] | undefined, Responder["layer"] | undefined] = [c, p, undefined, undefined];
// @ts-expect-error a Report has no such field
export const wrong = r.nonsense;\n`,
    );
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["user.ts"] }));
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
