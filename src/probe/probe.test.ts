// Unit tests of live probing: flag parsing, the guard, the planner's choices, the facts read from
// the request itself, and the client against a local server.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { rewriteUrlArgv } from "../cli/main.js";
import { diagnoseExchange } from "../engine/diagnose.js";
import { loadCatalog } from "../knowledge/catalog.js";
import { WhyError } from "../model/errors.js";
import { Redactor } from "../redact/redactor.js";
import { BODY_CAP, createClient, type ProbeRequest, type ProbeResponse } from "./client.js";
import { passiveFacts, toExchange } from "./exchange.js";
import { Guard, GuardRefusal } from "./guard.js";
import { chooseNext, isDecided } from "./planner.js";
import { baselineRequest } from "./run.js";
import { buildSpec, parseConnectTo, parseResolve } from "./spec.js";
import { VARIANTS, type PlanContext } from "./variants.js";

const usage = (f: () => unknown): void => assert.throws(f, (e: unknown) => e instanceof WhyError && e.code === "USAGE");

describe("curl-like flags", () => {
  it("reads method, headers, body, credentials and routing as curl does", () => {
    const s = buildSpec("https://example.com/a?b=1#frag", {
      header: ["X-Trace: 1", "Host: other.example"],
      data: ["a=1", "b=2"],
      user: "alice:pw",
      cookie: "sid=abc",
      userAgent: "curl/8.5.0",
      referer: "https://ref.example/",
      resolve: ["example.com:443:127.0.0.1"],
      connectTo: ["example.com:443:origin.example:8443"],
    });
    assert.equal(s.method, "POST");
    assert.equal(s.url.href, "https://example.com/a?b=1");
    assert.equal(s.body, "a=1&b=2");
    assert.equal(s.hostHeader, "other.example");
    const h = Object.fromEntries(s.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert.equal(h.authorization, `Basic ${Buffer.from("alice:pw").toString("base64")}`);
    assert.equal(h.cookie, "sid=abc");
    assert.equal(h["user-agent"], "curl/8.5.0");
    assert.equal(h.referer, "https://ref.example/");
    assert.equal(h["content-type"], "application/x-www-form-urlencoded");
    assert.equal(s.maxRequests, 8);
    assert.deepEqual(parseResolve("example.com:443:[::1]"), { host: "example.com", port: 443, address: "::1" });
    assert.deepEqual(parseConnectTo("a.example:443:b.example:8443"), { host: "a.example", port: 443, toHost: "b.example", toPort: 8443 });
    assert.equal(buildSpec("http://x.example/", { head: true }).method, "HEAD");
    assert.deepEqual(buildSpec("http://x.example/", { awsSigv4: "aws:amz:eu-west-1:s3", profile: "dev" }).sigv4, { region: "eu-west-1", service: "s3", profile: "dev" });
  });

  it("refuses what it cannot do safely or does not understand", () => {
    usage(() => buildSpec("ftp://example.com/", {}));
    usage(() => buildSpec("http://example.com/", { maxRequests: "21" }));
    usage(() => buildSpec("http://example.com/", { maxRequests: "0" }));
    usage(() => buildSpec("http://example.com/", { resolve: ["example.com:80"] }));
    usage(() => buildSpec("http://example.com/", { user: "alice" }));
    usage(() => buildSpec("http://example.com/", { head: true, request: "POST" }));
    usage(() => buildSpec("http://example.com/", { region: "us-east-1" }));
    usage(() => buildSpec("http://example.com/", { header: ["no colon"] }));
    usage(() => buildSpec("http://example.com/", { origin: "app.example" }));
  });

  it("reads `why403 URL` and curl-style `why403 -H ... URL` as the probe command", () => {
    const n = ["node", "why403"];
    assert.deepEqual(rewriteUrlArgv([...n, "https://a.example/", "-k"]), [...n, "probe", "https://a.example/", "-k"]);
    assert.deepEqual(rewriteUrlArgv([...n, "-H", "A: b", "http://a.example/"]), [...n, "probe", "-H", "A: b", "http://a.example/"]);
    assert.deepEqual(rewriteUrlArgv([...n, "diagnose", "http.txt"]), [...n, "diagnose", "http.txt"]);
    assert.deepEqual(rewriteUrlArgv([...n, "--help"]), [...n, "--help"]);
    assert.deepEqual(rewriteUrlArgv([...n, "probe", "https://a.example/"]), [...n, "probe", "https://a.example/"]);
  });
});

const req = (over: Partial<ProbeRequest> = {}): ProbeRequest => ({ method: "GET", url: new URL("http://a.example/x"), headers: [], route: "normal", ...over });

describe("the guard", () => {
  it("lets safe methods through and the user's own POST once, unchanged", () => {
    const baseline = req({ method: "POST", body: "a=1" });
    const g = new Guard(baseline, 5);
    g.admit(baseline);
    g.done(403);
    assert.throws(() => g.admit(baseline), GuardRefusal, "the POST again");
    assert.throws(() => g.admit(req({ method: "PUT" })), GuardRefusal);
    assert.throws(() => g.admit(req({ method: "POST", body: "a=2" })), GuardRefusal, "a varied POST");
    g.admit(req({ method: "OPTIONS" }));
    g.done(200);
    assert.equal(g.requestsSent, 2);
  });

  it("refuses another origin, a second request in flight, the budget's end and anything after a 429", () => {
    const g = new Guard(req(), 3);
    assert.throws(() => g.admit(req({ url: new URL("http://b.example/x") })), GuardRefusal);
    assert.throws(() => g.admit(req({ url: new URL("https://a.example/x") })), GuardRefusal);
    assert.throws(() => g.admit(req({ url: new URL("http://a.example:8080/x") })), GuardRefusal);
    g.admit(req());
    assert.throws(() => g.admit(req()), GuardRefusal, "sequential");
    g.done(429);
    assert.equal(g.remaining, 0);
    assert.throws(() => g.admit(req()), GuardRefusal);
    const h = new Guard(req(), 1);
    h.admit(req());
    h.done(403);
    assert.throws(() => h.admit(req()), GuardRefusal);
  });
});

const answer = (status: number, body = "", headers: [string, string][] = []): ProbeResponse => ({ status, statusText: "", headers, body, truncated: false, firstByteMs: 1, totalMs: 1, receivedAt: Date.now() });

const NGINX_PAGE = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const contextFor = (rawUrl: string, flags: Parameters<typeof buildSpec>[1], base: ProbeResponse, facts: PlanContext["facts"] = []): PlanContext => {
  const spec = buildSpec(rawUrl, flags);
  const baseline = baselineRequest(spec);
  const x = { ...toExchange(1, baseline, base, new Redactor()), probeFacts: facts };
  const diagnosis = diagnoseExchange(x, { kind: "http-response", text: "", exchanges: [x], notes: [] }, loadCatalog());
  return { spec, baseline, base, diagnosis, facts, done: new Set(), nonce: "why403-probe-00000000" };
};

describe("the planner", () => {
  it("runs what the user asked for first: the CORS preflight, the GET behind a POST", () => {
    const cors = contextFor("https://api.example/items", { origin: "https://app.example" }, answer(403, "Forbidden"));
    assert.equal(chooseNext(cors, VARIANTS)?.variant.id, "cors-preflight");
    const post = contextFor("http://files.example/upload/", { data: ["a=1"] }, answer(403, NGINX_PAGE, [["Server", "nginx"]]));
    assert.equal(chooseNext(post, VARIANTS)?.variant.id, "safe-method");
  });

  it("asks the question the ranking leaves open: the index of a directory, the Referer of a hotlink", () => {
    const dir = contextFor("http://files.example/files/", {}, answer(403, NGINX_PAGE, [["Server", "nginx"]]));
    assert.equal(chooseNext(dir, VARIANTS)?.variant.id, "directory-index");
    const hotlink = contextFor("http://files.example/img/a.png", { referer: "https://other.example/" }, answer(403, NGINX_PAGE, [["Server", "nginx"]]));
    assert.equal(chooseNext(hotlink, VARIANTS)?.variant.id, "no-referer");
  });

  it("stops when the answer itself decides, and when only the method was refused", () => {
    const squid = contextFor("http://intranet.example/", {}, answer(403, "ERR_ACCESS_DENIED", [["Server", "squid/5.7"], ["X-Squid-Error", "ERR_ACCESS_DENIED 0"]]));
    assert.ok(isDecided(squid.diagnosis));
    assert.equal(chooseNext(squid, VARIANTS), undefined);
    const post = contextFor("http://files.example/upload/", { data: ["a=1"] }, answer(403, NGINX_PAGE, [["Server", "nginx"]]), [{ fact: "ok-with-safe-method", probe: 2, detail: "GET served" }]);
    assert.equal(chooseNext({ ...post, done: new Set(["safe-method"]) }, VARIANTS), undefined);
  });

  it("never plans a request to another origin or with an unsafe method", () => {
    const ctx = contextFor("http://a.example:8080/dir/file.txt?q=1", { data: ["x=1"], referer: "https://r.example/", origin: "https://app.example", connectTo: ["a.example:8080:origin.example:80"] }, answer(403, NGINX_PAGE));
    for (const v of VARIANTS.filter((x) => x.applies(ctx))) {
      const r = v.build(ctx);
      assert.equal(r.url.origin, "http://a.example:8080", v.id);
      assert.ok(["GET", "HEAD", "OPTIONS"].includes(r.method), `${v.id} sends ${r.method}`);
      assert.equal(r.body, undefined, v.id);
    }
  });
});

describe("facts from the request itself", () => {
  const jwt = (exp: number) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: "u", exp })).toString("base64url")}.c2ln`;

  it("sees an expired Bearer JWT and a local clock far from the server's", () => {
    const now = Date.now();
    const expired = passiveFacts(req({ headers: [["Authorization", `Bearer ${jwt(Math.floor(now / 1000) - 60)}`]] }), answer(403, "", [["Date", new Date(now).toUTCString()]]));
    assert.deepEqual(expired.map((f) => f.fact), ["bearer-token-expired"]);
    const fresh = passiveFacts(req({ headers: [["Authorization", `Bearer ${jwt(Math.floor(now / 1000) + 600)}`]] }), answer(403, "", [["Date", new Date(now).toUTCString()]]));
    assert.deepEqual(fresh, []);
    const skewed = passiveFacts(req(), { ...answer(403, "", [["Date", new Date(now - 3_600_000).toUTCString()]]), receivedAt: now });
    assert.deepEqual(skewed.map((f) => f.fact), ["local-clock-skewed"]);
    assert.match(skewed[0]!.detail, /60 min ahead of the server's Date/);
  });

  it("turns a probe into a redacted exchange", () => {
    const x = toExchange(2, req({ headers: [["Authorization", "Bearer secret-token-123"], ["Cookie", "sid=abcdef"]], url: new URL("http://a.example/x?token=zzz999") }), answer(403, "no"), new Redactor());
    const text = JSON.stringify(x);
    for (const s of ["secret-token-123", "abcdef", "zzz999"]) assert.ok(!text.includes(s), s);
    assert.equal(x.response.body.path, "answer to request 2");
  });
});

describe("the client", () => {
  let server: Server;
  let port = 0;
  before(async () => {
    server = createServer((r, res) => {
      if (r.url === "/big") {
        res.writeHead(403, { "Content-Type": "text/plain" });
        res.end("x".repeat(BODY_CAP * 3));
        return;
      }
      res.writeHead(403, ["X-Mixed-Case", "One", "x-mixed-case", "Two", "Server", "nginx"]);
      res.end(`host=${r.headers.host}`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it("keeps raw headers in order and case, reaches a named host through --resolve, caps bodies", async () => {
    const spec = buildSpec(`http://site.example:${port}/a`, { resolve: [`site.example:${port}:127.0.0.1`] });
    const client = await createClient(spec);
    try {
      const res = await client.send(baselineRequest(spec));
      assert.equal(res.status, 403);
      assert.deepEqual(res.headers.filter(([n]) => /mixed/i.test(n)), [["X-Mixed-Case", "One"], ["x-mixed-case", "Two"]]);
      assert.equal(res.body, `host=site.example:${port}`);
      assert.equal(res.sentTo, `127.0.0.1:${port}`);
      assert.ok(res.totalMs >= res.firstByteMs);
      const big = await client.send({ ...baselineRequest(spec), url: new URL(`http://site.example:${port}/big`) });
      assert.ok(big.truncated);
      assert.ok(big.body.length <= BODY_CAP);
    } finally {
      await client.close();
    }
  });

  it("fails at once for names under .invalid", async () => {
    const spec = buildSpec("http://host.invalid/", {});
    const client = await createClient(spec);
    try {
      await assert.rejects(client.send(baselineRequest(spec)), (e: unknown) => e instanceof WhyError && e.code === "HOST_NOT_FOUND");
    } finally {
      await client.close();
    }
  });
});
