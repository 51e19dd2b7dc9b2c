// One statement against one request: does it apply, and if not, where did it stop matching?
import type { RequestContext } from "./context.js";
import { evaluateCondition } from "./conditions.js";
import { matchAction, matchPrincipalSpec, matchResource, notPrincipalApplies, type PrincipalMatch } from "./match.js";
import type { ParsedCondition, ParsedPolicy, ParsedStatement } from "./parse.js";
import type { Caller } from "./principal.js";

export interface EvalRequest {
  caller: Caller;
  action: string;
  actionLower: string;
  resource: string;
  /** The account that owns the resource. */
  resourceAccount?: string;
  ctx: RequestContext;
  /** The caller's S3 canonical user id, for CanonicalUser principals. */
  canonicalId?: string;
}

export interface StatementResult {
  policy: ParsedPolicy;
  statement: ParsedStatement;
  applies: boolean;
  /** The first element that did not match, when the statement does not apply. */
  failedAt?: "action" | "resource" | "principal" | "condition";
  action?: string;
  resource?: string;
  principal?: PrincipalMatch;
  /** NotPrincipal: caller identities that were not excepted. */
  notPrincipalMissing?: string[];
  /** Conditions that evaluated false (all of them are checked, so the fix can name each). */
  failedConditions: ParsedCondition[];
}

export const evaluateStatement = (policy: ParsedPolicy, s: ParsedStatement, req: EvalRequest): StatementResult => {
  const base = { policy, statement: s, failedConditions: [] as ParsedCondition[] };
  const action = matchAction(s, req.actionLower);
  if (action === undefined) return { ...base, applies: false, failedAt: "action" };
  const resource = matchResource(s, req.resource, req.ctx, policy.variables);
  let principal: PrincipalMatch | undefined;
  let notPrincipalMissing: string[] | undefined;
  if (s.principal) principal = matchPrincipalSpec(s.principal, req.caller, req.canonicalId);
  else if (s.notPrincipal) {
    const np = notPrincipalApplies(s.notPrincipal, req.caller, req.canonicalId);
    if (np.applies) {
      principal = { strength: "any", entry: "NotPrincipal" };
      notPrincipalMissing = np.missing;
    }
  }
  const failedConditions = s.conditions.filter((c) => !evaluateCondition(c, req.ctx));
  const found = {
    ...base,
    action,
    ...(resource !== undefined ? { resource } : {}),
    ...(principal ? { principal } : {}),
    ...(notPrincipalMissing ? { notPrincipalMissing } : {}),
    failedConditions,
  };
  if (resource === undefined) return { ...found, applies: false, failedAt: "resource" };
  if ((s.principal || s.notPrincipal) && !principal) return { ...found, applies: false, failedAt: "principal" };
  if (failedConditions.length > 0) return { ...found, applies: false, failedAt: "condition" };
  return { ...found, applies: true };
};

/** Every statement of a policy against the request. */
export const evaluatePolicy = (policy: ParsedPolicy, req: EvalRequest): StatementResult[] =>
  policy.statements.map((s) => evaluateStatement(policy, s, req));
