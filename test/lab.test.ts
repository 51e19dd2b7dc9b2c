// `why403 URL` against a lab of real servers (nginx, Apache + ModSecurity + CRS, Squid, moto, a
// replay of recorded vendor answers, an application behind nginx): each scenario's responder and
// first cause, the figures over all of them, and the servers' own logs as the witness of what
// was sent.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Report } from "../src/model/report.js";
import { LabUnavailable, runCli, startLab, type Lab } from "./lab/lab.js";
import { REPLAY_HOSTS, type LogLine } from "./lab/replay.js";
import { SCENARIOS, type Scenario } from "./lab/scenarios.js";
import { figures, runScenario, type ScenarioResult } from "./lab/score.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

let lab: Lab | undefined;
let unavailable = "";
const results = new Map<string, ScenarioResult>();

/** Host names a scenario's requests may carry: the URL's, and its www. variant at the same address. */
const allowedHosts = (s: Scenario, l: Lab): Set<string> => {
  const url = new URL(s.args(l)[0]!);
  const names = [url.hostname, url.hostname.startsWith("www.") ? url.hostname.slice(4) : `www.${url.hostname}`];
  return new Set(names.flatMap((n) => [n, `${n}:${url.port || 80}`]));
};

const checkWitness = (s: Scenario, r: ScenarioResult, l: Lab, maxRequests = 8): void => {
  const front = r.logged;
  assert.ok(front.length <= maxRequests, `${s.id}: ${front.length} requests reached the server`);
  assert.equal(front.length, r.requests, `${s.id}: the server saw ${front.length} requests, the report counts ${r.requests}`);
  const unsafe = front.filter((x) => !SAFE.has(x.method));
  if (s.method) {
    assert.ok(unsafe.length <= 1, `${s.id}: the user's ${s.method} was sent ${unsafe.length} times`);
    assert.ok(unsafe.every((x) => x.method === s.method), `${s.id}: an unsafe method other than the user's was sent`);
  } else {
    assert.deepEqual(unsafe, [], `${s.id}: an unsafe method was sent`);
  }
  // Squid logs the absolute URL it was asked for; everyone else the Host header
  const hosts = allowedHosts(s, l);
  const foreign = r.all.filter((x: LogLine) => x.host !== "" && !x.host.startsWith("127.0.0.1") && !hosts.has(x.host));
  assert.deepEqual(foreign, [], `${s.id}: a request named another host`);
};

describe("why403 URL against the lab", () => {
  before(async () => {
    try {
      lab = await startLab();
    } catch (e) {
      if (e instanceof LabUnavailable) unavailable = e.message;
      else throw e;
    }
  });
  after(async () => {
    await lab?.stop();
  });

  for (const s of SCENARIOS) {
    it(`${s.id}: ${s.setup} → ${s.responder} / ${s.cause}`, async (t) => {
      if (!lab) return t.skip(unavailable);
      const r = await runScenario(lab, s);
      results.set(s.id, r);
      assert.ok(r.report, `${s.id}: no report (${r.error ?? ""})`);
      assert.equal(r.responder, s.responder, `${s.id}: responder (requests: ${r.report.probes?.map((p) => `${p.variant}→${p.status ?? "-"}`).join(", ")})`);
      assert.equal(r.cause, s.cause, `${s.id}: first cause (ranking: ${r.report.causes.map((c) => `${c.id} ${c.confidence}`).join(", ")})`);
    });
  }

  it("figures: right responder and first cause on ≥ 95 % of scenarios, median requests ≤ 5, max ≤ 8", (t) => {
    if (!lab) return t.skip(unavailable);
    assert.equal(results.size, SCENARIOS.length, "every scenario ran");
    const f = figures([...results.values()]);
    t.diagnostic(`lab: ${f.scenarios} scenarios, right ${f.right}/${f.scenarios} (${(f.accuracy * 100).toFixed(1)} %), requests median ${f.medianRequests}, max ${f.maxRequests}`);
    assert.ok(f.scenarios >= 25);
    assert.ok(f.accuracy >= 0.95, `accuracy ${f.accuracy}`);
    assert.ok(f.medianRequests <= 5, `median ${f.medianRequests}`);
    assert.ok(f.maxRequests <= 8, `max ${f.maxRequests}`);
  });

  it("the servers' logs show no unsafe method, no other host and no more requests than reported or allowed", (t) => {
    if (!lab) return t.skip(unavailable);
    for (const s of SCENARIOS) {
      const r = results.get(s.id);
      assert.ok(r, `${s.id} ran`);
      checkWitness(s, r, lab);
    }
  });

  it("never sends more than --max-requests", async (t) => {
    if (!lab) return t.skip(unavailable);
    for (const id of ["nginx-ip-deny", "apache-htaccess-deny", "s3-missing-masked"]) {
      const s = SCENARIOS.find((x) => x.id === id)!;
      const r = await runScenario(lab, s, ["--max-requests", "2"]);
      assert.ok(r.report, r.error);
      assert.ok(r.logged.length <= 2, `${id}: ${r.logged.length} requests with --max-requests 2`);
      assert.equal(r.logged.length, r.report.requestsSent);
      checkWitness(s, r, lab, 2);
    }
  });

  it("stops at the first 429 and sends nothing after it", async (t) => {
    if (!lab) return t.skip(unavailable);
    const since = lab.mark();
    const run = await runCli([`http://${REPLAY_HOSTS.rate}:${lab.replay.port}/t1/report.pdf`, "--resolve", `${REPLAY_HOSTS.rate}:${lab.replay.port}:127.0.0.1`, "--json"]);
    await new Promise((r) => setTimeout(r, 100));
    const seen = since().filter((l) => l.host.startsWith(REPLAY_HOSTS.rate));
    assert.deepEqual(seen.map((l) => l.status), [403, 429], "one refusal, one 429, then silence");
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(report.requestsSent, 2);
    assert.ok(report.notes.some((n) => /429/.test(n) && /120/.test(n)), report.notes.join(" | "));
  });

  it("--dry-run prints the plan and sends nothing", async (t) => {
    if (!lab) return t.skip(unavailable);
    const since = lab.mark();
    const run = await runCli([`http://127.0.0.1:${lab.nginx.static}/notes/secret.txt`, "--dry-run"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /would send, at most 8 requests/);
    assert.match(run.stdout, /missing-sibling|why403-probe-/);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(since(), [], "no server saw a request");
  });

  it("answers a 5xx, a 200 and a redirect with one line and no probing", async (t) => {
    if (!lab) return t.skip(unavailable);
    const cases: [string, string, RegExp][] = [
      ["/boom", "SERVER_ERROR", /answered 502 Bad Gateway: a server error, not a denial/],
      ["/index.html", "NO_DENIAL", /answered 200 OK: nothing was refused/],
      ["/moved", "NO_DENIAL", /answered 302 Moved Temporarily \(Location: .*index\.html\): a redirect/],
    ];
    for (const [path, code, message] of cases) {
      const since = lab.mark();
      const run = await runCli([`http://127.0.0.1:${lab.nginx.static}${path}`]);
      assert.equal(run.code, 1);
      assert.equal(run.stdout, "");
      const lines = run.stderr.trim().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0]!, new RegExp(`^why403: error\\[${code}\\]: `));
      assert.match(lines[0]!, message);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(since().length, 1, `${path}: exactly one request`);
    }
  });

  it("signs with a profile from the shared credentials file, and says so in one line when there is none", async (t) => {
    if (!lab) return t.skip(unavailable);
    const dir = mkdtempSync(join(tmpdir(), "why403-aws-"));
    try {
      const file = join(dir, "credentials");
      writeFileSync(file, `[lab]\naws_access_key_id = ${lab.moto.keys.reader.id}\naws_secret_access_key = ${lab.moto.keys.reader.secret}\n`);
      const url = [`http://${REPLAY_HOSTS.s3}:${lab.replay.port}/data/private/report.csv`, "--resolve", `${REPLAY_HOSTS.s3}:${lab.replay.port}:127.0.0.1`, "--aws-sigv4", "aws:amz:us-east-1:s3"];
      const signed = await runCli([...url, "--profile", "lab", "--json", "--max-requests", "1"], { env: { AWS_SHARED_CREDENTIALS_FILE: file } });
      assert.equal(signed.code, 0, signed.stderr);
      const r = JSON.parse(signed.stdout) as Report;
      assert.equal(r.responder.id, "aws-s3");
      assert.doesNotMatch(signed.stdout, /InvalidAccessKeyId|SignatureDoesNotMatch/, "the profile's key signed the request");
      assert.ok(!signed.stdout.includes(lab.moto.keys.reader.secret));
      const none = await runCli([...url, "--profile", "nosuch"]);
      assert.equal(none.code, 1);
      assert.match(none.stderr.trim(), /^why403: error\[AWS_CREDENTIALS\]: [^\n]*profile nosuch[^\n]*$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an HTTPS tunnel the proxy refuses is one line naming its ACL", async (t) => {
    if (!lab) return t.skip(unavailable);
    const run = await runCli(["https://intranet.blocked.lab/reports/", "-x", `http://127.0.0.1:${lab.squid}`]);
    assert.equal(run.code, 1);
    assert.match(run.stderr.trim(), /^why403: error\[PROXY_FAILED\]: [^\n]*answered 403 to CONNECT intranet\.blocked\.lab[^\n]*its ACL denies this host or port/);
  });

  it("never shows credentials given on the command line", async (t) => {
    if (!lab) return t.skip(unavailable);
    const secrets = ["hunter2-pass", "tok-7f3a9c21e8", "cookieval-55aa"];
    const url = `http://127.0.0.1:${lab.nginx.ipDeny}/reports/q3.pdf`;
    const basic = Buffer.from(`alice:${secrets[0]}`).toString("base64");
    const given = [
      ["-u", `alice:${secrets[0]}`, "-b", `session=${secrets[2]}`],
      ["-H", `Authorization: Bearer ${secrets[1]}`, "-b", `session=${secrets[2]}`],
    ];
    for (const creds of given) for (const extra of [[], ["--json"], ["--format", "markdown"], ["--dry-run"], ["--dry-run", "--json"]]) {
      const run = await runCli([url, ...creds, ...extra]);
      assert.equal(run.code, 0, run.stderr);
      for (const s of [...secrets, basic]) {
        assert.ok(!run.stdout.includes(s) && !run.stderr.includes(s), `${extra.join(" ") || "text"}: ${s} leaked`);
      }
    }
    const failed = await runCli([`http://127.0.0.1:1/?token=${secrets[1]}`, "-u", `alice:${secrets[0]}`]);
    assert.equal(failed.code, 1);
    for (const s of [...secrets, basic]) assert.ok(!failed.stderr.includes(s), `error line leaked ${s}`);
  });
});
