// Puts an IAM verdict into a diagnosis report: the deciding statement becomes `config` evidence
// on the matching cause (added from the catalog when the diagnosis did not rank it), that cause
// moves to the top, and the verdict's fix and simulate command lead its fix and verify lists.
import { fillTemplate } from "../../engine/template.js";
import type { Catalog } from "../../knowledge/catalog.js";
import type { EvidenceItem, Report, ReportCause } from "../../model/report.js";
import type { Facts } from "../../signals/facts.js";
import type { DecidingStatement, PolicyType, Verdict } from "./types.js";
import { POLICY_TYPE_NAMES } from "./verdict.js";

/** The policy type AWS's message names (facts.policyKind) in our terms. */
const AWS_KINDS: Record<string, PolicyType> = {
  "identity-based policy": "identity",
  "resource-based policy": "resource",
  "service control policy": "scp",
  "resource control policy": "rcp",
  "permissions boundary": "boundary",
  "session policy": "session",
  "VPC endpoint policy": "vpc-endpoint",
};

const evidenceOf = (d: DecidingStatement, files: ReadonlyMap<string, string>): EvidenceItem => {
  const where = d.statement !== undefined ? `statement ${d.statement}${d.index !== undefined ? ` (Statement[${d.index}])` : ""}` : "(no applicable Allow)";
  const cond = (d.conditions ?? []).map((c) => `${c.operator} ${c.key} ${JSON.stringify(c.policyValues)} (request: ${c.contextValue === undefined ? "absent" : JSON.stringify(c.contextValue)})`);
  return {
    signal: "config",
    signalId: "iam-policy-evaluation",
    role: "for",
    detail: `${POLICY_TYPE_NAMES[d.policyType]} "${d.policy}" ${where}: ${d.reason}${cond.length ? `; ${cond.join("; ")}` : ""}`,
    name: d.policy,
    ...(files.get(d.policy) ? { path: files.get(d.policy)! } : {}),
    configPath: d.index !== undefined ? `Statement[${d.index}]` : d.policyType,
    ...(d.effect ? { text: `"Effect": "${d.effect}"${d.matchedAction ? `, "Action": "${d.matchedAction}"` : ""}${d.matchedResource ? `, "Resource": "${d.matchedResource}"` : ""}` } : {}),
  };
};

export const applyVerdict = (report: Report, verdict: Verdict, facts: Facts, files: ReadonlyMap<string, string>, catalog: Catalog, dir: string): Report => {
  const out: Report = { ...report, causes: [...report.causes], notes: [...report.notes] };
  out.notes.push(`IAM verdict from the policies in ${dir}: ${verdict.explain[0] ?? verdict.decision}`);
  const said = facts.policyKind ? AWS_KINDS[facts.policyKind] : undefined;
  if (said) {
    const agrees = verdict.deciding.some((d) => d.policyType === said) && (facts.denyKind === "because no" ? verdict.decision === "ImplicitDeny" : verdict.decision === "ExplicitDeny");
    out.notes.push(
      agrees
        ? `AWS's message names the ${facts.policyKind}; the policies agree`
        : `AWS's message names ${facts.denyKind === "because no" ? "a missing Allow in" : "an explicit Deny in"} the ${facts.policyKind}, but the policies in ${dir} say ${verdict.decision} (${verdict.deciding.map((d) => POLICY_TYPE_NAMES[d.policyType]).join(", ") || "nothing decides"}): check they are the current ones`,
    );
  }
  if (verdict.decision === "Allow" || !verdict.cause) {
    out.notes.push(`the policies in ${dir} allow this request: the denial comes from a policy or setting that is not there (SCPs, RCPs, a resource policy, a VPC endpoint policy) or another principal`);
    return out;
  }
  const evidence = verdict.deciding.map((d) => evidenceOf(d, files));
  const at = out.causes.findIndex((c) => c.id === verdict.cause);
  const entry = catalog.causes.get(verdict.cause);
  const base: ReportCause =
    at >= 0
      ? out.causes[at]!
      : {
          id: verdict.cause,
          confidence: 0,
          title: fillTemplate(entry?.title ?? verdict.cause, facts),
          why: fillTemplate(entry?.why ?? "", facts),
          evidence: [],
          against: [],
          fix: (entry?.fix ?? []).map((f) => fillTemplate(f, facts)),
          verify: (entry?.verify ?? []).map((f) => fillTemplate(f, facts)),
          nextSteps: [],
        };
  const cause: ReportCause = {
    ...base,
    confidence: Math.max(base.confidence, 0.9),
    evidence: [...evidence, ...base.evidence],
    fix: [...(verdict.fix ? [verdict.fix.summary, ...(verdict.fix.also ?? []).map((f) => f.summary)] : []), ...base.fix],
    verify: [...(verdict.fix?.simulateCommand ? [verdict.fix.simulateCommand.replace(/ \\\n\s+/g, " ")] : []), ...base.verify],
  };
  if (at >= 0) out.causes.splice(at, 1);
  out.causes.unshift(cause);
  return out;
};
