// evaluate(SimulateInput) → Verdict: the public entry of the IAM evaluator. Pure and synchronous;
// every policy is validated on each call (a bad policy is a WhyError, never a silent Allow).
import { splitArn } from "./arn.js";
import { combine } from "./combine.js";
import { readPolicies, readRequest } from "./request.js";
import type { SimulateInput, Verdict } from "./types.js";
import { buildVerdict } from "./verdict.js";

export type { SimulateInput, Verdict } from "./types.js";

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

export const evaluate = (input: SimulateInput): Verdict => {
  const req = readRequest(input);
  const set = readPolicies(input);
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
  return buildVerdict(combined, set, req);
};
