// `why403 diagnose --policies DIR`: an AccessDenied that names principal and action is evaluated
// against DIR's policies; the deciding statement becomes config evidence on the top cause.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Report } from "../src/model/report.js";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
const diagnose = (args: string[]) => spawnSync(process.execPath, [bin, "diagnose", "--json", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe("why403 diagnose --policies", () => {
  let dir = "";
  let policies = "";
  const file = (name: string, content: unknown): string => {
    const p = join(dir, name);
    writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
    return p;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-diag-pol-"));
    policies = join(dir, "policies");
    mkdirSync(join(policies, "scp"), { recursive: true });
    file("policies/authorization-details.json", {
      UserDetailList: [{ UserName: "alice", Arn: "arn:aws:iam::111122223333:user/alice", UserPolicyList: [{ PolicyName: "read", PolicyDocument: { Version: "2012-10-17", Statement: [{ Sid: "ReadReports", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::example-bucket/reports/*" }] } }] }],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    });
    file("policies/scp/1-root.json", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("cites the missing Allow as config evidence and agrees with the policy type AWS named", () => {
    const msg = file(
      "denied.txt",
      'An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::example-bucket/reports/q2.csv" because no identity-based policy allows the s3:PutObject action',
    );
    const r = diagnose(["--policies", policies, msg]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    const top = report.causes[0]!;
    assert.equal(top.id, "no-allow");
    const ev = top.evidence.find((e) => e.signal === "config");
    assert.ok(ev, "config evidence");
    assert.equal(ev.signalId, "iam-policy-evaluation");
    assert.match(ev.detail, /identity-based policy "user alice inline policy read"/);
    assert.match(top.fix[0] ?? "", /add an Allow for s3:PutObject/);
    assert.match(top.verify[0] ?? "", /^aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::111122223333:user\/alice/);
    assert.ok(report.notes.some((n) => n.includes("the policies agree")));
  });

  it("says so when the message names no principal and action", () => {
    const msg = file("plain.txt", "HTTP/1.1 403 Forbidden\nServer: AmazonS3\n\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
    const report = JSON.parse(diagnose(["--policies", policies, msg]).stdout) as Report;
    assert.ok(report.notes.some((n) => n.includes("nothing was evaluated")));
  });

  it("leaves reports alone without --policies", () => {
    const msg = file("again.txt", 'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::example-bucket/x" because no identity-based policy allows the s3:PutObject action');
    const report = JSON.parse(diagnose([msg]).stdout) as Report;
    assert.ok(report.causes.every((c) => c.evidence.every((e) => e.signal !== "config")));
  });
});
