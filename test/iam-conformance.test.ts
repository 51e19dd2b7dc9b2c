// The docs-based IAM conformance suite: every case in test/iam-conformance/*.json, each citing the
// AWS documentation page and the rule it tests, run through evaluate().
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { loadConformanceCases, runConformanceCase } from "../src/aws/iam/conformance.js";

const dir = fileURLToPath(new URL("../../test/iam-conformance", import.meta.url));
const cases = loadConformanceCases(dir);

describe("IAM conformance suite", () => {
  it("has at least 100 cases, each citing an AWS docs URL and the rule it tests, with unique ids", () => {
    assert.ok(cases.length >= 100, `only ${cases.length} cases`);
    for (const c of cases) {
      assert.match(c.doc ?? "", /^https:\/\/docs\.aws\.amazon\.com\//, `${c.id}: doc URL`);
      assert.ok((c.rule ?? "").length > 10, `${c.id}: rule`);
    }
    assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
  });

  it("covers every decision and both error codes", () => {
    const decisions = new Set(cases.map((c) => c.expected.decision ?? c.expected.error));
    for (const d of ["Allow", "ExplicitDeny", "ImplicitDeny", "POLICY_INVALID", "SIMULATE_INVALID"]) assert.ok(decisions.has(d), d);
  });

  for (const c of cases) {
    it(`${c.id}: ${c.rule ?? ""}`, () => {
      const r = runConformanceCase(c);
      assert.ok(r.pass, r.problem);
    });
  }
});
