// evaluateCore: the IAM evaluation of one request (policies only, plus extra resource-side grants
// and guard policies a service layer may add). Pure and synchronous; every policy is validated on
// each call (a bad policy is a WhyError, never a silent Allow).
import { splitArn } from "./arn.js";
import { combine, type Combined, type PolicySet } from "./combine.js";
import type { ParsedPolicy } from "./parse.js";
import { readPolicies, readRequest } from "./request.js";
import type { EvalRequest } from "./statement.js";
import type { PolicyType, SimulateInput, Verdict } from "./types.js";
import { buildVerdict } from "./verdict.js";

/**
 * Services whose resources RCPs govern (the Organizations list); an RCP does not touch other
 * services' requests at all.
 */
const RCP_SERVICES = new Set(["s3", "s3express", "sts", "kms", "sqs", "secretsmanager", "ecr", "aoss", "cognito-identity", "dynamodb", "logs"]);

/** Resources whose own policy must grant even within the account (KMS keys, role trust policies). */
const resourcePolicyRequired = (action: string, resource: string): boolean => {
  const service = splitArn(resource)?.service;
  if (service === "kms") return true;
  return service === "iam" && /^sts:assumerole/i.test(action);
};

export interface CoreExtras {
  grants?: ParsedPolicy[];
  guards?: ParsedPolicy[];
  /** The caller's S3 canonical user id (CanonicalUser principals and ACL grants). */
  canonicalId?: string;
  /** What the resource policy is, for citing (default: resource). */
  resourceType?: PolicyType;
  /** Keep only the resource policy's Deny statements (its grants do not count, e.g. Block Public Access). */
  voidResourceAllows?: boolean;
}

export interface CoreResult {
  verdict: Verdict;
  combined: Combined;
  set: PolicySet;
  req: EvalRequest;
}

export const evaluateCore = (input: SimulateInput, extras: CoreExtras = {}): CoreResult => {
  const req: EvalRequest = { ...readRequest(input), ...(extras.canonicalId ? { canonicalId: extras.canonicalId } : {}) };
  const set: PolicySet = { ...readPolicies(input, extras.resourceType), ...(extras.grants ? { grants: extras.grants } : {}), ...(extras.guards ? { guards: extras.guards } : {}) };
  if (extras.voidResourceAllows && set.resource) set.resource = { ...set.resource, statements: set.resource.statements.filter((s) => s.effect === "Deny") };
  const settings = input.settings ?? {};
  const caller = req.caller;
  const sameAccount =
    typeof input.sameAccount === "boolean"
      ? input.sameAccount
      : caller.account === undefined || req.resourceAccount === undefined || caller.account === req.resourceAccount;
  const member = caller.kind !== "anonymous" && caller.kind !== "service";
  const combined = combine(set, req, {
    sameAccount,
    scpApplies: member && !settings.managementAccount && !settings.serviceLinkedRole,
    rcpApplies:
      caller.kind !== "service" && !settings.serviceLinkedRole && !settings.resourceInManagementAccount && RCP_SERVICES.has(req.actionLower.split(":")[0]!),
    resourcePolicyRequired: resourcePolicyRequired(req.action, req.resource),
  });
  return { verdict: buildVerdict(combined, set, req), combined, set, req };
};
