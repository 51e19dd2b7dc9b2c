// The API's resource policy, asked of the IAM evaluator for this caller, method and path: an
// explicit Deny always refuses; for non-IAM methods (and private APIs) the policy must allow.
import { show } from "../../../checks/show.js";
import { isWhyError } from "../../../model/errors.js";
import type { ContextValue } from "../../iam/types.js";
import { askResourcePolicy, conditionKeys } from "../../resource-policy.js";
import { apiField, type ApiGatewayContext } from "../context.js";

/** The account of the API: from the policy's own execute-api ARNs (the CLI output does not print it). */
const accountOf = (policy: unknown): string => /arn:aws[\w-]*:execute-api:[a-z0-9-]+:(\d{12}):/.exec(JSON.stringify(policy ?? {}))?.[1] ?? "000000000000";

/** `execute-api:/stage/GET/path` is API Gateway shorthand for this API's ARN. */
const expandShorthand = (policy: unknown, apiArnPrefix: string): unknown =>
  JSON.parse(JSON.stringify(policy).replace(/"execute-api:\/([^"]*)"/g, (_m, rest: string) => `"${apiArnPrefix}/${rest}"`)) as unknown;

const methodArn = (ctx: ApiGatewayContext, account: string): string => {
  const t = ctx.target;
  const stage = t.stage ?? ctx.stage?.name ?? "*";
  return `arn:aws:execute-api:${t.region ?? "us-east-1"}:${account}:${ctx.api!.id}/${stage}/${ctx.req.method}${t.path === "/" ? "/" : t.path}`;
};

const signedCaller = (ctx: ApiGatewayContext): boolean =>
  ctx.req.headers.some((h) => h.name.toLowerCase() === "authorization" && /^AWS4-/i.test(h.value.trim())) || ctx.req.url.searchParams.has("X-Amz-Signature");

export const checkResourcePolicy = (ctx: ApiGatewayContext): void => {
  const api = ctx.api;
  if (!api || api.kind !== "REST") return;
  const path = apiField(ctx, "policy", "policy");
  const isPrivate = api.endpointTypes.includes("PRIVATE");
  if (api.policyUnreadable) {
    ctx.rec.warn("resource-policy", "the resource policy is not JSON", path);
    return;
  }
  if (api.policy === undefined) {
    if (isPrivate) {
      ctx.rec.fail({
        cause: "resource-policy-deny",
        confidence: 0.9,
        decider: "aws-apigateway",
        check: "resource-policy",
        path,
        value: "(none)",
        detail: "the API is PRIVATE and has no resource policy: a private API refuses every call until its policy allows execute-api:Invoke (usually from aws:SourceVpce)",
        fix: [`Attach a resource policy that allows execute-api:Invoke on arn:aws:execute-api:${ctx.target.region ?? "REGION"}:ACCOUNT:${api.id}/* with a StringEquals aws:SourceVpce condition, then redeploy.`],
      });
    } else ctx.rec.pass("resource-policy", "the API has no resource policy", path);
    return;
  }
  const account = accountOf(api.policy);
  const region = ctx.target.region ?? "us-east-1";
  const policy = expandShorthand(api.policy, `arn:aws:execute-api:${region}:${account}:${api.id}`);
  const signed = signedCaller(ctx);
  const principal = signed ? (ctx.req.caller ?? "anonymous") : "anonymous";
  const context: Record<string, ContextValue> = {
    ...(ctx.req.sourceIp ? { "aws:SourceIp": ctx.req.sourceIp } : {}),
    ...(ctx.target.vpceId ? { "aws:SourceVpce": ctx.target.vpceId } : {}),
  };
  let answer;
  try {
    answer = askResourcePolicy({ policy, policyName: path, principal, action: "execute-api:Invoke", resource: methodArn(ctx, account), context });
  } catch (e) {
    if (!isWhyError(e)) throw e;
    ctx.rec.warn("resource-policy", `the resource policy could not be evaluated: ${e.message}`, path);
    return;
  }
  const { verdict } = answer;
  const who = principal === "anonymous" ? "an unsigned (anonymous) caller" : principal;
  // keys the policy tests that this command could not know make the verdict an assumption
  const unknown = answer.assumedAbsent.filter((k) => !Object.keys(context).some((c) => c.toLowerCase() === k.toLowerCase()));
  const assumption = unknown.length > 0 ? ` (assuming ${unknown.join(", ")} absent: give ${unknown.some((k) => /sourceip/i.test(k)) ? "--source-ip" : "the value"} to decide)` : "";
  const confidenceOf = (sure: number) => (unknown.length > 0 ? 0.45 : sure);
  const where = `${path}.${answer.statementPath ?? "Statement"}`;
  if (verdict.decision === "ExplicitDeny") {
    ctx.rec.fail({
      cause: "resource-policy-deny",
      confidence: confidenceOf(0.92),
      decider: "aws-apigateway",
      check: "resource-policy",
      path: where,
      value: answer.statementPath ?? "Deny",
      detail: `a Deny of the resource policy (${answer.statementPath ?? "?"}) matches ${who} calling ${ctx.req.method} ${ctx.target.path}: 403 "…with an explicit deny"${assumption}`,
      fix: [`Change or scope down ${answer.statementPath ?? "the Deny statement"} so it does not match this call (${verdict.fix?.summary ?? "see the condition it tests"}), then redeploy the API.`],
      ...(principal !== "anonymous" ? { vars: { principal } } : {}),
    });
    return;
  }
  if (verdict.decision === "Allow") {
    ctx.rec.pass("resource-policy", `the resource policy allows ${who} (${answer.statementPath ?? "a statement"})${assumption}`, where);
    return;
  }
  const route = ctx.match?.route;
  const iamMethod = route?.authorizationType.toUpperCase() === "AWS_IAM";
  if (iamMethod && principal !== "anonymous" && !isPrivate) {
    ctx.rec.warn("resource-policy", `the resource policy does not allow ${who}: the call passes only if the caller's own IAM policy allows execute-api:Invoke (same account), and never from another account`, path);
    return;
  }
  const keys = conditionKeys(api.policy);
  ctx.rec.fail({
    cause: "resource-policy-deny",
    confidence: confidenceOf(0.88),
    decider: "aws-apigateway",
    check: "resource-policy",
    path,
    value: show(policy),
    detail: `no statement of the resource policy allows ${who} to call ${ctx.req.method} ${ctx.target.path}: 403 "User: ${principal} is not authorized to perform: execute-api:Invoke"${isPrivate && keys.includes("aws:sourcevpce") && !ctx.target.vpceId ? " (the policy expects aws:SourceVpce: the call must come through the VPC endpoint)" : ""}${assumption}`,
    fix: [`Allow the caller in the resource policy (${JSON.stringify(verdict.fix?.statement ?? { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: methodArn(ctx, account) })}), then redeploy the API.`],
    ...(principal !== "anonymous" ? { vars: { principal } } : {}),
  });
};
