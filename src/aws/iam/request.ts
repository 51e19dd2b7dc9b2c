// Reads and checks SimulateInput.request and the policies block: the shape errors a user can make
// in a simulate file become one-line SIMULATE_INVALID errors naming the field.
import { WhyError } from "../../model/errors.js";
import { ACCOUNT_ID, splitArn } from "./arn.js";
import type { PolicySet } from "./combine.js";
import { readContext, type RequestContext } from "./context.js";
import { parseIp } from "./ip.js";
import { parsePolicy } from "./parse.js";
import { readCaller } from "./principal.js";
import type { EvalRequest } from "./statement.js";
import type { PolicyInput, PolicyType, SimulateInput } from "./types.js";

const fail = (field: string, message: string): never => {
  throw new WhyError("SIMULATE_INVALID", `${field}: ${message}`, { field });
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Well-known keys with a type: a value of the wrong type would silently flip negated operators. */
const checkTypedKeys = (ctx: RequestContext): void => {
  for (const v of ctx.values.get("aws:sourceip") ?? []) if (!parseIp(v.trim())) fail(`request.context.${ctx.spelling.get("aws:sourceip")}`, `"${v}" is not an IP address`);
  for (const key of ["aws:securetransport", "aws:multifactorauthpresent", "aws:viaawsservice", "aws:principalisawsservice"]) {
    for (const v of ctx.values.get(key) ?? []) if (!/^(true|false)$/i.test(v)) fail(`request.context.${ctx.spelling.get(key)}`, `"${v}" is not true or false`);
  }
};

export const readRequest = (input: SimulateInput): EvalRequest => {
  if (!isObject(input)) return fail("(input)", "must be a JSON object with request and policies");
  const r = input.request as unknown;
  if (!isObject(r)) return fail("request", "missing; expected {principal, action, resource, context}");
  const action = r.action;
  if (typeof action !== "string" || !/^[A-Za-z0-9-]+:[A-Za-z0-9*?-]+$/.test(action)) fail("request.action", `must be service:Action (e.g. s3:GetObject), got ${JSON.stringify(action)}`);
  const resource =
    typeof r.resource === "string" && (r.resource === "*" || splitArn(r.resource))
      ? r.resource
      : fail("request.resource", `must be an ARN (arn:aws:s3:::bucket/key) or "*", got ${JSON.stringify(r.resource)}`);
  const ctx = readContext(r.context as Record<string, never> | undefined);
  checkTypedKeys(ctx);
  const principalArn = ctx.values.get("aws:principalarn")?.[0];
  const caller = readCaller(r.principal, principalArn);
  let resourceAccount = r.resourceAccount;
  if (resourceAccount !== undefined && (typeof resourceAccount !== "string" || !ACCOUNT_ID.test(resourceAccount))) {
    fail("request.resourceAccount", `must be a 12-digit account id, got ${JSON.stringify(resourceAccount)}`);
  }
  if (resourceAccount === undefined) {
    const fromArn = splitArn(resource)?.account;
    if (fromArn && ACCOUNT_ID.test(fromArn)) resourceAccount = fromArn;
  }
  return {
    caller,
    action: action as string,
    actionLower: (action as string).toLowerCase(),
    resource,
    ...(typeof resourceAccount === "string" ? { resourceAccount } : {}),
    ctx,
  };
};

const one = (p: unknown, type: PolicyType, field: string): ReturnType<typeof parsePolicy> | undefined => {
  if (p === undefined || p === null) return undefined;
  return parsePolicy(p as PolicyInput, type, field);
};

const many = (p: unknown, type: PolicyType, field: string): ReturnType<typeof parsePolicy>[] => {
  if (p === undefined || p === null) return [];
  if (!Array.isArray(p)) return fail(`policies.${field}`, "must be a list of policies");
  return p.map((x, i) => parsePolicy(x as PolicyInput, type, `${field}[${i}]`));
};

/** `resourceType` names what the resource policy is (a KMS key policy, an access point policy …). */
export const readPolicies = (input: SimulateInput, resourceType: PolicyType = "resource"): PolicySet => {
  const p = input.policies as unknown;
  if (!isObject(p)) return fail("policies", "missing; expected {identity: [], resource: null, scp: [], rcp: [], boundary: null, session: null}");
  const known = new Set(["identity", "resource", "scp", "rcp", "boundary", "session"]);
  for (const k of Object.keys(p)) if (!known.has(k)) fail(`policies.${k}`, `unknown policy type (expected ${[...known].join(", ")})`);
  const resource = one(p.resource, resourceType, "resource");
  const boundary = one(p.boundary, "boundary", "boundary");
  const session = one(p.session, "session", "session");
  return {
    identity: many(p.identity, "identity", "identity"),
    ...(resource ? { resource } : {}),
    scp: many(p.scp, "scp", "scp"),
    rcp: many(p.rcp, "rcp", "rcp"),
    ...(boundary ? { boundary } : {}),
    ...(session ? { session } : {}),
  };
};
