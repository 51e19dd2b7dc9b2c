// Combines statement results into a decision, in the order of AWS's documented evaluation logic:
// explicit deny anywhere → RCPs (every level) → SCPs (every level) → resource-based policy →
// identity-based policies → permissions boundary → session policy. Same-account and cross-account
// requests differ in what a resource-based policy alone can grant.
import type { ParsedPolicy } from "./parse.js";
import type { Caller } from "./principal.js";
import { evaluatePolicy, type EvalRequest, type StatementResult } from "./statement.js";
import type { Decision, PolicyType } from "./types.js";

export interface PolicySet {
  identity: ParsedPolicy[];
  resource?: ParsedPolicy;
  scp: ParsedPolicy[];
  rcp: ParsedPolicy[];
  boundary?: ParsedPolicy;
  session?: ParsedPolicy;
  /** More resource-side grants evaluated with the resource policy (S3 ACLs as statements). */
  grants?: ParsedPolicy[];
  /** Policies that must each allow but never grant (VPC endpoint policies). */
  guards?: ParsedPolicy[];
}

export interface CombineOptions {
  sameAccount: boolean;
  /** SCPs apply to principals of member accounts (not the management account, service-linked roles, anonymous or service callers). */
  scpApplies: boolean;
  /** RCPs apply to resources of member accounts. */
  rcpApplies: boolean;
  /** The resource policy must grant even in the same account (KMS key policies, role trust policies). */
  resourcePolicyRequired: boolean;
}

/** A layer that had no applicable Allow: the policy (undefined when none was given) and its statements. */
export interface Missing {
  type: PolicyType;
  policy?: ParsedPolicy;
  results: StatementResult[];
  why: string;
}

export interface Combined {
  decision: Decision;
  /** Applicable Deny statements (ExplicitDeny). */
  denies: StatementResult[];
  /** The Allow statements that granted, one per policy that took part (Allow). */
  allows: StatementResult[];
  /** Layers that lacked an Allow (ImplicitDeny), in evaluation order. */
  missing: Missing[];
  /** How the decision was reached, one sentence each. */
  path: string[];
}

const firstAllow = (rs: StatementResult[]): StatementResult | undefined => rs.find((r) => r.applies && r.statement.effect === "Allow");

const STRENGTH_ORDER = { any: 0, direct: 1, role: 2, account: 3 } as const;

/** The strongest resource-policy grant: "*" or the caller itself beats its role, which beats its account. */
const bestGrant = (rs: StatementResult[]): StatementResult | undefined => {
  let best: StatementResult | undefined;
  for (const r of rs) {
    if (!r.applies || r.statement.effect !== "Allow" || !r.principal) continue;
    if (!best || STRENGTH_ORDER[r.principal.strength] < STRENGTH_ORDER[best.principal!.strength]) best = r;
  }
  return best;
};

const isSessionPrincipal = (c: Caller): boolean => c.kind === "session" || c.kind === "federated";

export const combine = (set: PolicySet, req: EvalRequest, opts: CombineOptions): Combined => {
  const caller = req.caller;
  const hasIdentity = caller.kind !== "anonymous" && caller.kind !== "service";
  const scp = opts.scpApplies ? set.scp.map((p) => ({ policy: p, results: evaluatePolicy(p, req) })) : [];
  const rcp = opts.rcpApplies ? set.rcp.map((p) => ({ policy: p, results: evaluatePolicy(p, req) })) : [];
  const resource = [...(set.resource ? [set.resource] : []), ...(set.grants ?? [])].flatMap((p) => evaluatePolicy(p, req));
  const guards = (set.guards ?? []).map((p) => ({ policy: p, results: evaluatePolicy(p, req) }));
  const identity = hasIdentity ? set.identity.map((p) => ({ policy: p, results: evaluatePolicy(p, req) })) : [];
  const boundary = hasIdentity && set.boundary ? evaluatePolicy(set.boundary, req) : undefined;
  const session = hasIdentity && set.session && isSessionPrincipal(caller) ? evaluatePolicy(set.session, req) : undefined;

  const all: StatementResult[] = [
    ...guards.flatMap((l) => l.results),
    ...rcp.flatMap((l) => l.results),
    ...scp.flatMap((l) => l.results),
    ...resource,
    ...identity.flatMap((l) => l.results),
    ...(boundary ?? []),
    ...(session ?? []),
  ];
  const path: string[] = [];
  const denies = all.filter((r) => r.applies && r.statement.effect === "Deny");
  if (denies.length > 0) return { decision: "ExplicitDeny", denies, allows: [], missing: [], path: ["an explicit Deny applies; it overrides every Allow"] };

  const missing: Missing[] = [];
  const allows: StatementResult[] = [];
  for (const l of guards) {
    const a = firstAllow(l.results);
    if (a) allows.push(a);
    else missing.push({ type: l.policy.type, policy: l.policy, results: l.results, why: "a request through this endpoint must also be allowed by its policy, and it is not" });
  }
  for (const [type, levels] of [["rcp", rcp], ["scp", scp]] as const) {
    for (const l of levels) {
      const a = firstAllow(l.results);
      if (a) allows.push(a);
      else missing.push({ type, policy: l.policy, results: l.results, why: `every ${type.toUpperCase()} level must allow, and this one has no applicable Allow` });
    }
  }

  const grant = bestGrant(resource);
  const idAllow = identity.map((l) => firstAllow(l.results)).find((a) => a !== undefined);
  const boundaryAllow = boundary ? firstAllow(boundary) : undefined;
  const sessionAllow = session ? firstAllow(session) : undefined;
  const boundaryOk = !boundary || boundaryAllow !== undefined;
  // a federated user (GetFederationToken) without a session policy has no permissions of its own
  const sessionOk = session ? sessionAllow !== undefined : caller.kind !== "federated";

  const missResource = (why: string): Missing => ({ type: set.resource?.type ?? "resource", ...(set.resource ? { policy: set.resource } : {}), results: resource, why });
  const missIdentity = (why: string): Missing => ({ type: "identity", ...(identity[0] ? { policy: identity[0].policy } : {}), results: identity.flatMap((l) => l.results), why });
  const missBoundary = (): Missing => ({ type: "boundary", policy: set.boundary!, results: boundary!, why: "the permissions boundary sets the maximum permissions, and it does not allow this" });
  const missSession = (): Missing =>
    set.session && session
      ? { type: "session", policy: set.session, results: session, why: "the session policy limits the session, and it does not allow this" }
      : { type: "session", results: [], why: "a federated user session (GetFederationToken) without a session policy has no permissions of its own" };
  const principalSide = (): void => {
    if (!idAllow) missing.push(missIdentity(identity.length ? "no identity-based policy statement allows this" : "the principal has no identity-based policies"));
    else allows.push(idAllow);
    if (!boundaryOk) missing.push(missBoundary());
    else if (boundaryAllow) allows.push(boundaryAllow);
    if (!sessionOk) missing.push(missSession());
    else if (sessionAllow) allows.push(sessionAllow);
  };

  if (!hasIdentity) {
    // anonymous and service callers: only the resource-based policy can grant
    if (grant && (grant.principal!.strength === "any" || grant.principal!.strength === "direct")) {
      allows.push(grant);
      path.push(caller.kind === "anonymous" ? "the resource-based policy grants everyone (Principal \"*\"), anonymous callers included" : "the resource-based policy grants the service principal");
    } else missing.push(missResource(caller.kind === "anonymous" ? "an anonymous request is allowed only by a resource-based policy that grants Principal \"*\"" : "a service principal is allowed only by a resource-based policy that names it"));
  } else if (caller.kind === "root" && opts.sameAccount && !opts.resourcePolicyRequired) {
    path.push("the account root user has full access to its own account's resources unless a Deny, SCP or RCP limits it");
  } else if (opts.sameAccount) {
    const strength = grant?.principal?.strength;
    if (grant && (strength === "any" || strength === "direct") && !(caller.kind === "root")) {
      allows.push(grant);
      path.push("same account: the resource-based policy grants the caller itself, so identity policies, boundary and session policy need not allow");
    } else if (grant && strength === "role") {
      allows.push(grant);
      path.push("same account: the resource-based policy grants the role ARN, so identity policies need not allow, but the boundary and session policy still limit it");
      if (!boundaryOk) missing.push(missBoundary());
      else if (boundaryAllow) allows.push(boundaryAllow);
      if (!sessionOk) missing.push(missSession());
      else if (sessionAllow) allows.push(sessionAllow);
    } else if (opts.resourcePolicyRequired && !grant) {
      missing.push(missResource("this resource's policy (a KMS key policy or role trust policy) must allow the caller or its account even within the account"));
      principalSide();
    } else {
      if (grant) {
        allows.push(grant);
        path.push("same account: the resource-based policy grants the account, which delegates to the caller's identity-based policies");
      }
      if (caller.kind !== "root") principalSide();
    }
  } else {
    // cross-account: the trusting account (resource policy) and the trusted account (identity side) must both allow
    if (grant) allows.push(grant);
    else missing.push(missResource(set.resource ? "cross-account: the resource-based policy of the resource's account must allow the caller, and it does not" : "cross-account: the resource's account has no resource-based policy that allows the caller"));
    if (caller.kind !== "root") principalSide();
    path.push("cross-account: both the caller's account (identity side) and the resource's account (resource-based policy) must allow");
  }
  return { decision: missing.length > 0 ? "ImplicitDeny" : "Allow", denies: [], allows, missing, path };
};
