// The `aws iam simulate-principal-policy` command that confirms a verdict online: same principal,
// action, resource, resource policy, boundary and context entries.
import type { RequestContext } from "./context.js";
import type { PolicySet } from "./combine.js";
import type { EvalRequest } from "./statement.js";

const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

const fileOf = (name: string, fallback: string): string => `file://${/\.json$/i.test(name) ? name : fallback}`;

const CONTEXT_TYPES: [RegExp, string][] = [
  [/^aws:(sourceip|vpcsourceip)$/, "ip"],
  [/^aws:(securetransport|multifactorauthpresent|viaawsservice|principalisawsservice)$/, "boolean"],
  [/^aws:(currenttime|tokenissuetime)$/, "date"],
  [/^aws:(epochtime|multifactorauthage)$/, "numeric"],
  [/^(s3:max-keys|s3:signatureage)$/, "numeric"],
];

const contextType = (key: string, multi: boolean): string => {
  const base = CONTEXT_TYPES.find(([re]) => re.test(key))?.[1] ?? "string";
  return multi ? `${base}List` : base;
};

const contextEntries = (ctx: RequestContext): string[] =>
  [...ctx.values.entries()].map(([lower, values]) => {
    const name = ctx.spelling.get(lower) ?? lower;
    const type = contextType(lower, ctx.multi.has(lower));
    return quote(`ContextKeyName=${name},ContextKeyValues=${values.join(",")},ContextKeyType=${type}`);
  });

export const simulateCommand = (req: EvalRequest, set: PolicySet): string => {
  const c = req.caller;
  const parts: string[] = [];
  const source = c.kind === "session" ? c.roleArn : c.kind === "user" || c.kind === "role" ? c.arn : undefined;
  if (source) parts.push("aws iam simulate-principal-policy", `--policy-source-arn ${quote(source)}`);
  else parts.push("aws iam simulate-custom-policy", `--policy-input-list ${fileOf(set.identity[0]?.name ?? "", "identity-policy.json")}`);
  parts.push(`--action-names ${quote(req.action)}`);
  if (req.resource !== "*") parts.push(`--resource-arns ${quote(req.resource)}`);
  if (set.resource) {
    parts.push(`--resource-policy ${fileOf(set.resource.name, "resource-policy.json")}`);
    if (req.resourceAccount) parts.push(`--resource-owner arn:${c.partition}:iam::${req.resourceAccount}:root`);
    if (c.kind === "user") parts.push(`--caller-arn ${quote(c.arn!)}`);
  }
  if (set.boundary && !source) parts.push(`--permissions-boundary-policy-input-list ${fileOf(set.boundary.name, "boundary.json")}`);
  const entries = contextEntries(req.ctx);
  if (entries.length > 0) parts.push(`--context-entries ${entries.join(" ")}`);
  return parts.join(" \\\n    ");
};
