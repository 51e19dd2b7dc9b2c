// Turns a combined decision into the Verdict users read: the deciding statements, a compiler-style
// explanation, and the smallest change that would allow.
import type { Combined, Missing, PolicySet } from "./combine.js";
import { describeCheck } from "./conditions.js";
import type { ParsedStatement } from "./parse.js";
import { PRINCIPAL_POLICY_TYPES } from "./parse.js";
import type { Caller } from "./principal.js";
import { simulateCommand } from "./simulate-command.js";
import type { EvalRequest, StatementResult } from "./statement.js";
import type { CauseId } from "../../model/taxonomy.js";
import type { ConditionCheck, DecidingStatement, PolicyStatementJson, PolicyType, Verdict, VerdictFix } from "./types.js";

export const POLICY_TYPE_NAMES: Record<PolicyType, string> = {
  identity: "identity-based policy",
  resource: "resource-based policy",
  scp: "SCP",
  rcp: "RCP",
  boundary: "permissions boundary",
  session: "session policy",
  "kms-key": "KMS key policy",
  "access-point": "access point policy",
  "vpc-endpoint": "VPC endpoint policy",
  acl: "ACL",
  "block-public-access": "Block Public Access",
  "object-ownership": "Object Ownership",
  object: "S3 object",
  unknown: "policy (type not named)",
};

/** Deciding entries that are settings or facts, not policies with statements. */
export const SETTING_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(["block-public-access", "object-ownership", "object"]);

const checksOf = (r: StatementResult, req: EvalRequest): ConditionCheck[] =>
  r.statement.conditions.map((c) => describeCheck(c, req.ctx, !r.failedConditions.includes(c)));

export const statementRef = (r: StatementResult): string =>
  `${POLICY_TYPE_NAMES[r.policy.type]} "${r.policy.name}" statement ${r.statement.sid ? `"${r.statement.sid}"` : r.statement.label}`;

export const decidingOf = (r: StatementResult, req: EvalRequest, reason: string): DecidingStatement => {
  const conditions = checksOf(r, req);
  return {
    policyType: r.policy.type,
    policy: r.policy.name,
    statement: r.statement.label,
    index: r.statement.index,
    effect: r.statement.effect,
    ...(r.action !== undefined ? { matchedAction: r.action } : {}),
    ...(r.resource !== undefined ? { matchedResource: r.resource } : {}),
    ...(r.principal ? { matchedPrincipal: r.principal.entry } : {}),
    ...(conditions.length ? { conditions } : {}),
    reason,
  };
};

const showValue = (v: string | string[] | undefined): string => (v === undefined ? "absent" : Array.isArray(v) ? JSON.stringify(v) : `"${v}"`);

export const describeCondition = (c: ConditionCheck): string =>
  `${c.operator} ${c.key} ${JSON.stringify(c.policyValues.length === 1 ? c.policyValues[0] : c.policyValues)} (request: ${showValue(c.contextValue)})`;

const matchedText = (r: StatementResult): string => {
  const bits = [`action ${r.action ?? "?"}`, `resource ${r.resource ?? "?"}`];
  if (r.principal) bits.push(`principal ${r.principal.entry}`);
  return bits.join(", ");
};

/** The Principal to name in a statement that grants this caller. */
const principalFor = (c: Caller): PolicyStatementJson["Principal"] => {
  if (c.kind === "anonymous") return "*";
  if (c.kind === "service") return { Service: c.service! };
  return { AWS: c.kind === "session" ? c.roleArn! : c.arn! };
};

const statementToAdd = (type: PolicyType, req: EvalRequest): PolicyStatementJson => ({
  Sid: `Allow${req.action.split(":")[1]?.replace(/[^A-Za-z0-9]/g, "") ?? "Request"}`,
  Effect: "Allow",
  ...(type === "rcp" ? { Principal: "*" as const } : PRINCIPAL_POLICY_TYPES.has(type) ? { Principal: principalFor(req.caller) } : {}),
  Action: req.action,
  Resource: req.resource,
});

const NEAR_ORDER = { condition: 0, principal: 1, resource: 2, action: 3 } as const;

/** The Allow statement closest to applying: fails only on conditions, then principal, then resource. */
const nearMiss = (results: StatementResult[]): StatementResult | undefined => {
  let best: StatementResult | undefined;
  for (const r of results) {
    if (r.statement.effect !== "Allow" || r.applies || !r.failedAt || r.failedAt === "action") continue;
    if (!best || NEAR_ORDER[r.failedAt] < NEAR_ORDER[best.failedAt!]) best = r;
  }
  return best;
};

const fixForMissing = (m: Missing, req: EvalRequest): VerdictFix => {
  const name = POLICY_TYPE_NAMES[m.type];
  const where = m.policy ? `${name} "${m.policy.name}"` : `${/^[aeiou]/i.test(name) ? "an" : "a"} ${name}`;
  const near = nearMiss(m.results);
  if (m.type === "session" && !m.policy) {
    return { kind: "change-setting", summary: "pass a session policy that allows this when calling GetFederationToken, or grant the federated user ARN in the resource-based policy", policyType: "session" };
  }
  if (near?.failedAt === "condition") {
    const c = near.failedConditions[0]!;
    const check = describeCheck(c, req.ctx, false);
    return {
      kind: "satisfy-condition",
      summary: `${statementRef(near)} would allow this, but its condition ${describeCondition(check)} is false: send a request that satisfies it, or change the condition`,
      policyType: m.type,
      policy: near.policy.name,
      condition: check,
    };
  }
  const statement = statementToAdd(m.type, req);
  const hint =
    near?.failedAt === "resource"
      ? ` (${statementRef(near)} allows ${near.action} but not on this resource)`
      : near?.failedAt === "principal"
        ? ` (${statementRef(near)} allows this for other principals)`
        : "";
  return {
    kind: "add-statement",
    summary: `add an Allow for ${req.action} on ${req.resource} to ${where}${hint}`,
    policyType: m.type,
    ...(m.policy ? { policy: m.policy.name } : {}),
    statement,
  };
};

/** Which condition made a Deny apply, so the fix can say what in the request triggered it. */
const denyCondition = (r: StatementResult, req: EvalRequest): ConditionCheck | undefined => {
  const c = r.statement.conditions[0];
  return c ? describeCheck(c, req.ctx, true) : undefined;
};

const fixForDeny = (r: StatementResult, req: EvalRequest): VerdictFix => {
  const condition = denyCondition(r, req);
  const missing = r.notPrincipalMissing;
  let summary: string;
  if (missing && missing.length > 0) summary = `${statementRef(r)} denies every principal not listed in NotPrincipal; add ${missing.join(" and ")} to NotPrincipal`;
  else if (condition) {
    const advice = KEY_ADVICE[condition.key.toLowerCase()];
    summary = `${statementRef(r)} denies this because ${describeCondition(condition)} holds: ${advice ?? "change the request so it no longer holds"}, or narrow the Deny`;
  }
  else summary = `${statementRef(r)} denies ${matchedText(r)} unconditionally: narrow its Action/Resource${r.principal ? "/Principal" : ""} or add a Condition that excludes this request`;
  return { kind: "change-deny", summary, policyType: r.policy.type, policy: r.policy.name, ...(condition ? { condition } : {}) };
};

/** The why403 cause a verdict is an instance of, from the policy type that decided. */
export const causeOf = (decision: Verdict["decision"], types: PolicyType[]): CauseId | undefined => {
  if (decision === "Allow") return undefined;
  const first = types[0];
  if (first === "scp" || first === "rcp") return "org-policy-deny";
  if (first === "kms-key") return "kms-denied";
  if (first === "acl" || first === "object-ownership") return "acl-deny";
  if (decision === "ExplicitDeny") return first === "resource" || first === "access-point" || first === "vpc-endpoint" ? "resource-policy-deny" : "explicit-deny";
  return "no-allow";
};

/** What to do about a condition key that made a Deny apply, for the common keys. */
const KEY_ADVICE: Record<string, string> = {
  "aws:securetransport": "send the request over HTTPS",
  "aws:sourceip": "send it from an address the policy allows (or through the network it expects)",
  "aws:sourcevpce": "send it through the VPC endpoint the policy names",
  "aws:sourcevpc": "send it from the VPC the policy names",
  "aws:principalorgid": "use a principal of the organization the policy names",
  "aws:requestedregion": "use a region the policy allows",
  "aws:multifactorauthpresent": "sign in with MFA and use the MFA session's credentials",
  "s3:x-amz-server-side-encryption": "send the encryption header the policy requires",
};

const statementLine = (s: ParsedStatement): string => (s.sid ? `"${s.sid}"` : s.label);

const closestText = (near: StatementResult, req: EvalRequest): string => {
  const stop =
    near.failedAt === "condition"
      ? near.failedConditions.map((c) => `${describeCondition(describeCheck(c, req.ctx, false))} is false`).join("; ")
      : near.failedAt === "resource"
        ? `Resource ${JSON.stringify(near.statement.resource ?? near.statement.notResource)} does not match`
        : `Principal does not name the caller`;
  return `statement ${statementLine(near.statement)} — ${stop}`;
};

export const buildVerdict = (combined: Combined, set: PolicySet, req: EvalRequest): Verdict => {
  const what = `${req.caller.arn ?? req.caller.service ?? "anonymous"} → ${req.action} on ${req.resource}`;
  const command = simulateCommand(req, set);
  if (combined.decision === "ExplicitDeny") {
    const deciding = combined.denies.map((r) => decidingOf(r, req, "an applicable Deny statement; an explicit Deny overrides every Allow"));
    const explain = [`ExplicitDeny: ${what}`];
    for (const r of combined.denies) {
      explain.push(`${statementRef(r)} denies it (${matchedText(r)})`);
      for (const c of checksOf(r, req)) explain.push(`  condition ${describeCondition(c)} → true`);
      if (r.notPrincipalMissing?.length) explain.push(`  NotPrincipal does not list ${r.notPrincipalMissing.join(", ")}; AWS may check the account and role before the session`);
    }
    explain.push("an explicit Deny in any policy overrides every Allow");
    const cause = causeOf("ExplicitDeny", deciding.map((d) => d.policyType));
    return { decision: "ExplicitDeny", deciding, explain, fix: { ...fixForDeny(combined.denies[0]!, req), simulateCommand: command }, ...(cause ? { cause } : {}) };
  }
  if (combined.decision === "ImplicitDeny") {
    const deciding: DecidingStatement[] = [];
    const explain = [`ImplicitDeny: ${what}`];
    for (const m of combined.missing) {
      explain.push(`${m.policy ? `${POLICY_TYPE_NAMES[m.type]} "${m.policy.name}"` : POLICY_TYPE_NAMES[m.type]}: ${m.why}`);
      const near = nearMiss(m.results);
      const closest = near ? closestText(near, req) : undefined;
      if (closest) explain.push(`  closest: ${closest}`);
      deciding.push({ policyType: m.type, policy: m.policy?.name ?? "(none)", reason: m.why, ...(closest ? { closest } : {}) });
    }
    for (const a of combined.allows) explain.push(`allowed by ${statementRef(a)}, but that is not enough`);
    const fixes = combined.missing.map((m) => fixForMissing(m, req));
    const fix: VerdictFix = { ...fixes[0]!, simulateCommand: command };
    if (fixes.length > 1) fix.also = fixes.slice(1);
    const cause = causeOf("ImplicitDeny", deciding.map((d) => d.policyType));
    return { decision: "ImplicitDeny", deciding, explain, fix, ...(cause ? { cause } : {}) };
  }
  const deciding = combined.allows.map((r) => decidingOf(r, req, "an applicable Allow statement this decision needs"));
  const explain = [`Allow: ${what}`, ...combined.path, ...combined.allows.map((r) => `allowed by ${statementRef(r)} (${matchedText(r)})`)];
  return { decision: "Allow", deciding, explain };
};
