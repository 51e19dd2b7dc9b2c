// Second opinion: the conformance cases through @cloud-copilot/iam-simulate (AGPL, a dev
// dependency used only here — nothing under src/ imports it). Cases marked secondOpinion: false
// are ones where the docs and iam-simulate disagree (the docs win; the case's note says why).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { anonymousPrincipal, runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { loadConformanceCases, type ConformanceCase } from "../src/aws/iam/conformance.js";
import type { PolicyDocument, PolicyInput } from "../src/aws/iam/types.js";

const dir = fileURLToPath(new URL("../../test/iam-conformance", import.meta.url));

const documentOf = (p: PolicyInput): PolicyDocument => ("document" in p ? (p.document as PolicyDocument) : p);
const nameOf = (p: PolicyInput, fallback: string): string => ("name" in p ? p.name : fallback);
const statements = (d: PolicyDocument) => (Array.isArray(d.Statement) ? d.Statement : [d.Statement]);

/** iam-simulate adds RCPFullAWSAccess itself and rejects Allow statements in RCPs. */
const rcpLevels = (list: PolicyInput[]): Simulation["resourceControlPolicies"] =>
  list.flatMap((p, i) => {
    const d = documentOf(p);
    const denies = statements(d).filter((s) => s.Effect === "Deny");
    return denies.length ? [{ orgIdentifier: `ou-${i}`, policies: [{ name: nameOf(p, `rcp${i}`), policy: { ...d, Statement: denies } }] }] : [];
  });

export const toSimulation = (c: ConformanceCase): Simulation => {
  const r = c.input.request;
  const p = c.input.policies;
  const context: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.context ?? {})) context[k] = Array.isArray(v) ? v.map(String) : String(v);
  const account = r.resourceAccount ?? (r.resource.split(":")[4] || r.principal.split(":")[4] || "111122223333");
  return {
    request: {
      principal: r.principal === "anonymous" ? anonymousPrincipal : r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: account },
      contextVariables: context,
    },
    identityPolicies: (p.identity ?? []).map((x, i) => ({ name: nameOf(x, `identity${i}`), policy: documentOf(x) })),
    serviceControlPolicies: (p.scp ?? []).map((x, i) => ({ orgIdentifier: `ou-${i}`, policies: [{ name: nameOf(x, `scp${i}`), policy: documentOf(x) }] })),
    resourceControlPolicies: rcpLevels(p.rcp ?? []),
    ...(p.resource ? { resourcePolicy: documentOf(p.resource) } : {}),
    ...(p.boundary ? { permissionBoundaryPolicies: [{ name: nameOf(p.boundary, "boundary"), policy: documentOf(p.boundary) }] } : {}),
    ...(p.session ? { sessionPolicy: documentOf(p.session) } : {}),
  };
};

const DECISION = { Allowed: "Allow", ExplicitlyDenied: "ExplicitDeny", ImplicitlyDenied: "ImplicitDeny" } as const;

describe("second opinion: iam-simulate agrees with the conformance cases", () => {
  const cases = loadConformanceCases(dir).filter((c) => c.expected.decision !== undefined && c.secondOpinion !== false);

  it("compares most of the suite", () => {
    assert.ok(cases.length >= 150, `only ${cases.length} comparable cases`);
  });

  for (const c of cases) {
    it(c.id, async () => {
      const res = await runSimulation(toSimulation(c), {});
      assert.notEqual(res.resultType, "error", JSON.stringify(res.resultType === "error" ? res.errors : ""));
      if (res.resultType === "error") return;
      assert.equal(DECISION[res.overallResult], c.expected.decision);
    });
  }
});
