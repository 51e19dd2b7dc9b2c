// `why403 aws decode`: a recorded decoded message (moto has no sts decode-authorization-message),
// the same request against a policies directory, and the STS call itself against moto_server.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { motoAvailable, startMoto, type Moto } from "./helpers/moto.js";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
const decoded = fileURLToPath(new URL("../../test/fixtures/decoded-authorization-message.json", import.meta.url));
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, [bin, "aws", "decode", ...args], { encoding: "utf8", env: { ...env, NO_COLOR: "1" } });

interface Out {
  decision: string;
  cause?: string;
  deciding: { policy: string; statement?: string; policyType: string }[];
  explain: string[];
  request: { action: string; context: Record<string, string> };
}

describe("why403 aws decode", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-decode-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the decoded message: AWS's decision, the matched statement and the full context", () => {
    const r = run([decoded, "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const v = JSON.parse(r.stdout) as Out;
    assert.equal(v.decision, "ExplicitDeny");
    assert.equal(v.deciding[0]?.statement, "DenyLargeInstances");
    assert.equal(v.request.action, "ec2:RunInstances");
    assert.equal(v.request.context["ec2:InstanceType"], "m5.4xlarge");
  });

  it("evaluates the decoded request against --policies and names the policy file and statement", () => {
    const policies = join(dir, "policies");
    mkdirSync(join(policies, "identity"), { recursive: true });
    writeFileSync(
      join(policies, "identity", "ec2-guardrails.json"),
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "RunInstances", Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" },
          { Sid: "DenyLargeInstances", Effect: "Deny", Action: "ec2:RunInstances", Resource: "arn:aws:ec2:*:*:instance/*", Condition: { StringNotEquals: { "ec2:InstanceType": "t3.micro" } } },
        ],
      }),
    );
    const v = JSON.parse(run([decoded, "--json", "--policies", policies]).stdout) as Out;
    assert.equal(v.decision, "ExplicitDeny");
    assert.deepEqual([v.deciding[0]?.policy, v.deciding[0]?.statement, v.deciding[0]?.policyType], ["identity/ec2-guardrails.json", "DenyLargeInstances", "identity"]);
    assert.ok(v.explain.some((l) => l.includes("AWS's decoded message agrees")));
  });

  it("rejects text without an encoded message", () => {
    const r = run(["nothing to see here"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error\[INPUT_UNRECOGNISED\]/);
  });

  describe("decoding through STS (moto_server)", { skip: motoAvailable() ? false : "moto_server is not installed" }, () => {
    let moto: Moto;
    before(async () => {
      moto = await startMoto();
    });
    after(() => moto?.stop());

    it("calls sts decode-authorization-message and reports a refusal in one line", () => {
      const text = `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${"Ab3_".repeat(30)}`;
      const env = { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: join(dir, "none"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none") };
      const r = run([text, "--endpoint-url", moto.endpoint, "--region", "us-east-1"], env);
      // moto does not implement DecodeAuthorizationMessage: the call is made and its refusal explained
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, /error\[AWS_UNAVAILABLE\]: .*sts decode-authorization-message failed/);
      assert.equal(r.stderr.trim().split("\n").length, 1);
    });
  });
});
