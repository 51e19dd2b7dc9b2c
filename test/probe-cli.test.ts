// `why403 URL` end to end against small local servers: the command forms, and the one clear
// line for each way a request can fail (refused connection, TLS, timeout, DNS).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttp, type Server } from "node:http";
import { createServer as createHttps } from "node:https";
import { createServer as createTcp, type Server as TcpServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Report } from "../src/model/report.js";
import { runCli } from "./lab/lab.js";
import { freePort } from "./lab/procs.js";

const NGINX_403 = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

const listen = (s: Server | TcpServer): Promise<number> =>
  new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as { port: number }).port)));
const close = (s: Server | TcpServer): Promise<void> => new Promise((resolve) => s.close(() => resolve()));

/** A one-line failure: the code, the message, nothing on stdout, no stack trace. */
const oneLine = (run: { code: number; stdout: string; stderr: string }, code: string, message: RegExp): void => {
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.stdout, "");
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, new RegExp(`^why403: error\\[${code}\\]: `));
  assert.match(lines[0]!, message);
  assert.doesNotMatch(run.stderr, /\n\s+at |Error:/);
};

describe("why403 URL: command forms and failures", () => {
  let http: Server;
  let httpPort = 0;
  let hanging: TcpServer;
  let hangingPort = 0;
  const sockets: Socket[] = [];
  let tls: Server | undefined;
  let tlsPort = 0;
  let dir = "";
  const seen: string[] = [];

  before(async () => {
    http = createHttp((req, res) => {
      seen.push(`${req.method} ${req.headers.host} ${req.url}`);
      if (req.url?.startsWith("/secret")) res.writeHead(403, { Server: "nginx/1.22.1", "Content-Type": "text/html" }).end(NGINX_403);
      else if (req.url === "/") res.writeHead(200).end("home");
      else if (req.url === "/members") res.writeHead(401, { "WWW-Authenticate": 'Basic realm="members"' }).end("login");
      else res.writeHead(404, { Server: "nginx/1.22.1" }).end("<html><body><center><h1>404 Not Found</h1></center><hr><center>nginx/1.22.1</center></body></html>");
    });
    httpPort = await listen(http);
    // accepts and never answers
    hanging = createTcp((s) => void sockets.push(s));
    hangingPort = await listen(hanging);
    dir = mkdtempSync(join(tmpdir(), "why403-tls-"));
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=localhost"], { encoding: "utf8" });
    if (made.status === 0) {
      tls = createHttps({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (_req, res) => res.writeHead(403, { "Content-Type": "text/html", Server: "nginx/1.22.1" }).end(NGINX_403));
      tlsPort = await listen(tls);
    }
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all([close(http), close(hanging), ...(tls ? [close(tls)] : [])]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes the URL as the first argument, curl flags before it, or the probe subcommand", async () => {
    const url = `http://127.0.0.1:${httpPort}/secret/a.txt`;
    for (const args of [[url, "--json"], ["-A", "curl/8.5.0", url, "--json"], ["probe", url, "--json"]]) {
      const run = await runCli(args);
      assert.equal(run.code, 0, run.stderr);
      const r = JSON.parse(run.stdout) as Report;
      assert.equal(r.responder.id, "nginx");
      assert.equal(r.probes?.[0]?.variant, "baseline");
      assert.equal(r.requestsSent, r.probes?.length);
      assert.ok(r.probes.every((p) => p.why.length > 10 && p.finding.length > 3));
    }
    const help = await runCli(["--help"]);
    assert.match(help.stdout, /why403 https:\/\/example\.com\/admin\//);
    const probeHelp = await runCli(["probe", "--help"]);
    assert.match(probeHelp.stdout, /--max-requests/);
    assert.match(probeHelp.stdout, /--aws-sigv4/);
  });

  it("reports the requests sent in text and Markdown too", async () => {
    const url = `http://127.0.0.1:${httpPort}/secret/a.txt`;
    const text = await runCli([url]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^-- 403 FROM NGINX/);
    assert.match(text.stdout, / 1\. GET http:\/\/127\.0\.0\.1:\d+\/secret\/a\.txt → 403 {2}\[baseline\] replay the request as given/);
    const md = await runCli([url, "--format", "markdown"]);
    assert.match(md.stdout, /### Requests sent \(\d+\)/);
  });

  it("a 401 and a 404 are one line each, after one request", async () => {
    seen.length = 0;
    oneLine(await runCli([`http://127.0.0.1:${httpPort}/members`]), "NO_DENIAL", /answered 401 Unauthorized: it asks for credentials \(WWW-Authenticate: Basic realm="members"\)/);
    oneLine(await runCli([`http://127.0.0.1:${httpPort}/gone`]), "NO_DENIAL", /answered 404 Not Found: the resource is not there, which is not a refusal/);
    assert.equal(seen.length, 2);
  });

  it("a refused connection is one line", async () => {
    const port = await freePort();
    oneLine(await runCli([`http://127.0.0.1:${port}/x`]), "CONNECTION_FAILED", new RegExp(`connection refused by 127\\.0\\.0\\.1:${port}`));
  });

  it("a name that does not resolve is one line, without asking DNS", async () => {
    oneLine(await runCli(["http://nonexistent.invalid/admin"]), "HOST_NOT_FOUND", /the name nonexistent\.invalid does not resolve \(ENOTFOUND\)/);
  });

  it("a server that never answers is a timeout, one line", async () => {
    const started = Date.now();
    oneLine(await runCli([`http://127.0.0.1:${hangingPort}/x`, "-m", "1"]), "TIMEOUT", /sent no complete answer within 1 s/);
    assert.ok(Date.now() - started < 15_000);
  });

  it("an untrusted certificate is one line; -k goes on", async (t) => {
    if (!tls) return t.skip("openssl is not installed to make a test certificate");
    oneLine(await runCli([`https://127.0.0.1:${tlsPort}/secret`]), "TLS_FAILED", /TLS with 127\.0\.0\.1:\d+ failed: (?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED)/);
    const insecure = await runCli([`https://127.0.0.1:${tlsPort}/secret`, "-k", "--json", "--max-requests", "1"]);
    assert.equal(insecure.code, 0, insecure.stderr);
    assert.equal((JSON.parse(insecure.stdout) as Report).responder.id, "nginx");
  });

  it("--resolve sends a named host to a chosen address, keeping the name in Host", async () => {
    seen.length = 0;
    const run = await runCli([`http://www.example.test:${httpPort}/secret/b.txt`, "--resolve", `www.example.test:${httpPort}:127.0.0.1`, "--max-requests", "1", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(seen, [`GET www.example.test:${httpPort} /secret/b.txt`]);
    assert.equal((JSON.parse(run.stdout) as Report).probes?.[0]?.sentTo, `127.0.0.1:${httpPort}`);
  });

  it("bad flags are a usage error (exit 2)", async () => {
    for (const args of [["ftp://example.com/x"], [`http://127.0.0.1:${httpPort}/`, "--max-requests", "0"], [`http://127.0.0.1:${httpPort}/`, "--resolve", "nonsense"], [`http://127.0.0.1:${httpPort}/`, "-u", "nopassword"]]) {
      const run = await runCli(args[0]!.startsWith("http") ? args : ["probe", ...args]);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, /^why403: error\[USAGE\]: /);
    }
  });
});
