// The SQL rules and `diagnose` read the same catalog: on every single-line error-log example of
// the catalog, and on CloudTrail-style messages, `logs` must name the responder and cause that
// `diagnose` names for the same text.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diagnoseText } from "../diagnose-text.js";
import { loadCatalog } from "../knowledge/catalog.js";
import { detectFormat } from "./detect.js";
import { RULES } from "./classify.js";
import { CAUSE_IDS, RESPONDER_IDS } from "../model/taxonomy.js";
import { runLogs } from "./triage.js";

let dir = "";

describe("log classification and the catalog", () => {
  before(() => (dir = mkdtempSync(join(tmpdir(), "why403-classify-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("uses only ids of the shared taxonomy (spec/logs.md)", () => {
    const specPath = fileURLToPath(new URL("../../../../shared/spec/taxonomy.json", import.meta.url));
    const spec = existsSync(specPath) ? (JSON.parse(readFileSync(specPath, "utf8")) as { responders: object; causes: object }) : undefined;
    const responders: readonly string[] = spec ? Object.keys(spec.responders) : RESPONDER_IDS;
    const causes: readonly string[] = spec ? Object.keys(spec.causes) : CAUSE_IDS;
    for (const r of RULES) {
      assert.ok(responders.includes(r.responder), r.responder);
      assert.ok(causes.includes(r.cause), r.cause);
    }
  });

  it("agrees with diagnose on the catalog's error-log examples", async () => {
    const catalog = loadCatalog();
    const examples = [...catalog.responders.values(), ...catalog.causes.values()]
      .flatMap((e) => e.examples)
      .filter((x) => !x.input.includes("\n") && x.expect.cause && ["nginx-error", "apache-error"].includes(detectFormat([x.input], "error.log")?.id ?? ""));
    assert.ok(examples.length >= 5, `only ${examples.length} error-log examples`);
    let i = 0;
    for (const x of examples) {
      const file = join(dir, `example-${i++}.log`);
      writeFileSync(file, x.input + "\n");
      const report = await runLogs([file], { jobs: 0 });
      const d = diagnoseText(x.input);
      assert.equal(report.totals.status403, 1, x.name);
      const c = report.clusters[0]!;
      assert.equal(c.responder, d.responder.id, `${x.name}: responder`);
      assert.equal(c.cause, d.causes[0]?.id, `${x.name}: cause`);
      assert.ok(c.fix.length > 0 && c.verify.length > 0, `${x.name}: fix and verify from the catalog`);
    }
  });

  it("agrees with diagnose on CloudTrail authorization messages", async () => {
    const messages = [
      "User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\" with an explicit deny in a resource-based policy",
      "User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/A with an explicit deny in a service control policy",
      "User: arn:aws:iam::123456789012:user/Mary is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/T because no identity-based policy allows the dynamodb:GetItem action",
      "User: arn:aws:iam::123456789012:user/Mary is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:123456789012:q with an explicit deny in an identity-based policy",
    ];
    const records = messages.map((errorMessage, n) => ({
      eventSource: errorMessage.includes("s3:") ? "s3.amazonaws.com" : "iam.amazonaws.com",
      eventName: "Call",
      eventTime: "2026-11-01T00:00:00Z",
      errorCode: "AccessDenied",
      errorMessage,
      requestID: `R${n}`,
      userIdentity: { arn: "arn:aws:iam::123456789012:user/Mary" },
    }));
    const file = join(dir, "trail.json");
    writeFileSync(file, JSON.stringify({ Records: records }));
    const report = await runLogs([file], { jobs: 0 });
    assert.equal(report.totals.status403, messages.length);
    for (const m of messages) {
      const d = diagnoseText(`An error occurred (AccessDenied) when calling the Call operation: ${m}`);
      const c = report.clusters.find((x) => x.cause === d.causes[0]?.id);
      assert.ok(c, `no cluster with diagnose's cause ${d.causes[0]?.id} for: ${m.slice(-60)}`);
    }
  });
});
