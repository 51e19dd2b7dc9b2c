// `why403 aws simulate` end to end: the real CLI process on simulate files and authorization details.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

let dir = "";
const file = (name: string, content: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
};

const simulateFile = {
  request: {
    principal: "arn:aws:sts::111122223333:assumed-role/AppRole/app",
    action: "s3:GetObject",
    resource: "arn:aws:s3:::example-bucket/reports/q1.csv",
    context: { "aws:SecureTransport": "false" },
  },
  policies: {
    identity: [{ name: "AppRead", document: { Version: "2012-10-17", Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::example-bucket/*" }] } }],
    resource: { name: "bucket-policy.json", document: { Version: "2012-10-17", Statement: [{ Sid: "HttpsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::example-bucket/*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] } },
    scp: [],
    rcp: [],
    boundary: null,
    session: null,
  },
};

describe("why403 aws simulate (CLI)", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-aws-sim-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the deciding statement as JSON", () => {
    const r = run(["aws", "simulate", "--json", file("deny.json", simulateFile)]);
    assert.equal(r.status, 0, r.stderr);
    const v = JSON.parse(r.stdout) as { decision: string; deciding: { policy: string; statement: string }[]; explain: string[] };
    assert.equal(v.decision, "ExplicitDeny");
    assert.deepEqual([v.deciding[0]?.policy, v.deciding[0]?.statement], ["bucket-policy.json", "HttpsOnly"]);
    assert.ok(v.explain.length > 1);
  });

  it("prints a compiler-style diagnostic as text", () => {
    const r = run(["aws", "simulate", file("deny2.json", simulateFile)]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /error\[ExplicitDeny\]/);
    assert.match(r.stdout, /--> bucket-policy\.json: statement "HttpsOnly"/);
    assert.match(r.stdout, /= verify: aws iam simulate-principal-policy/);
  });

  it("reads authorization details plus a bucket policy file", () => {
    const details = file("details.json", {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [{ RoleName: "AppRole", Arn: "arn:aws:iam::111122223333:role/AppRole", RolePolicyList: [{ PolicyName: "read", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } }], AttachedManagedPolicies: [] }],
      Policies: [],
    });
    const bucket = file("bucket.json", { Version: "2012-10-17", Statement: [{ Sid: "NoPublic", Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::example-bucket/private/*" }] });
    const args = ["aws", "simulate", "--json", details, "--principal", "arn:aws:sts::111122223333:assumed-role/AppRole/s", "--action", "s3:GetObject", "--bucket-policy", bucket];
    const allowed = JSON.parse(run([...args, "--resource", "arn:aws:s3:::example-bucket/public/a"]).stdout) as { decision: string };
    assert.equal(allowed.decision, "Allow");
    const denied = JSON.parse(run([...args, "--resource", "arn:aws:s3:::example-bucket/private/a"]).stdout) as { decision: string; deciding: { policy: string; statement: string }[] };
    assert.equal(denied.decision, "ExplicitDeny");
    assert.equal(denied.deciding[0]?.policy, "bucket.json");
  });

  it("fails with one line naming the policy, statement and field for a bad policy", () => {
    const bad = structuredClone(simulateFile);
    (bad.policies.identity[0]!.document.Statement[0] as Record<string, unknown>).Condition = { IpAdress: { "aws:SourceIp": "10.0.0.0/8" } };
    const r = run(["aws", "simulate", file("bad.json", bad)]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^why403: error\[POLICY_INVALID\]: .*bad\.json: identity policy "AppRead", statement Read, field Condition\.IpAdress: unknown condition operator "IpAdress" \(did you mean IpAddress\?\)/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  });

  it("rejects a file that is not JSON", () => {
    const r = run(["aws", "simulate", file("x.json", "not json")]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error\[SIMULATE_INVALID\].*not valid JSON/);
  });
});
