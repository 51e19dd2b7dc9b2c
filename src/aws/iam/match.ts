// Matching a statement's Action/NotAction, Resource/NotResource and Principal/NotPrincipal
// against the request. Actions compare without case; resources and principals with case.
import { arnMatch } from "./arn.js";
import type { RequestContext } from "./context.js";
import { globMatch } from "./glob.js";
import type { ParsedStatement, PrincipalSpec } from "./parse.js";
import type { Caller } from "./principal.js";
import { substitute } from "./variables.js";

/** The action pattern that matched, "(NotAction)" when NotAction matched, or undefined. */
export const matchAction = (s: ParsedStatement, actionLower: string): string | undefined => {
  if (s.action) {
    const i = s.action.findIndex((p) => globMatch(p, actionLower));
    return i === -1 ? undefined : (s.actionText?.[i] ?? s.action[i]);
  }
  return s.notAction!.some((p) => globMatch(p, actionLower)) ? undefined : `NotAction ${JSON.stringify(s.notAction)}`;
};

const resourceMatches = (pattern: string, resource: string, ctx: RequestContext, variables: boolean): boolean => {
  if (pattern === "*") return true;
  if (variables && pattern.includes("${")) {
    const resolved = substitute(pattern, ctx);
    // a variable with no value makes the pattern match no resource
    return resolved !== undefined && arnMatch(resolved, resource);
  }
  return arnMatch(pattern, resource);
};

/** The resource pattern that matched, a NotResource note, or undefined. */
export const matchResource = (s: ParsedStatement, resource: string, ctx: RequestContext, variables: boolean): string | undefined => {
  if (s.resource) return s.resource.find((p) => resourceMatches(p, resource, ctx, variables));
  return s.notResource!.some((p) => resourceMatches(p, resource, ctx, variables)) ? undefined : `NotResource ${JSON.stringify(s.notResource)}`;
};

/**
 * How a Principal names the caller:
 * - any: "*" (everyone, anonymous included);
 * - direct: the caller's own ARN (user, session, federated user), service or canonical user;
 * - role: the role of a role session (IAM limits it by the session's boundary and session policy);
 * - account: the caller's account — a grant to the account delegates to its identity policies.
 */
export type PrincipalStrength = "any" | "direct" | "role" | "account";

export interface PrincipalMatch {
  strength: PrincipalStrength;
  /** The principal entry that matched. */
  entry: string;
}

const rootOf = (c: Caller): string | undefined => (c.account ? `arn:${c.partition}:iam::${c.account}:root` : undefined);

export const matchPrincipalSpec = (p: PrincipalSpec, c: Caller, canonicalId?: string): PrincipalMatch | undefined => {
  if (p.any) return { strength: "any", entry: "*" };
  if (c.kind === "service") {
    const s = c.service!.toLowerCase();
    return p.service.includes(s) ? { strength: "direct", entry: s } : undefined;
  }
  // a canonical user id names an account (S3 ACL grantee): a grant to it delegates like an account grant
  if (canonicalId !== undefined && p.canonical.includes(canonicalId)) return { strength: c.kind === "root" ? "direct" : "account", entry: canonicalId };
  if (c.kind === "anonymous") return undefined;
  if (c.arn !== undefined && p.aws.includes(c.arn)) return { strength: c.kind === "root" ? "account" : "direct", entry: c.arn };
  if (c.kind === "federated" && c.arn !== undefined && p.federated.includes(c.arn)) return { strength: "direct", entry: c.arn };
  if (c.roleArn !== undefined && p.aws.includes(c.roleArn)) return { strength: "role", entry: c.roleArn };
  const root = rootOf(c);
  if (root !== undefined && p.aws.includes(root)) return { strength: "account", entry: root };
  return undefined;
};

/**
 * The identities AWS may check a caller against for NotPrincipal: the docs say it can check the
 * account first, then the role, then the session — so each must be listed to be excepted.
 */
export const callerIdentities = (c: Caller): string[] => {
  const root = rootOf(c);
  const ids: string[] = [];
  if (c.kind === "service") return [c.service!];
  if (c.arn !== undefined) ids.push(c.arn);
  if (c.kind === "session" && c.roleArn !== undefined) ids.push(c.roleArn);
  if (root !== undefined && !ids.includes(root)) ids.push(root);
  return ids;
};

/** NotPrincipal: the statement applies unless every identity of the caller is listed. */
export const notPrincipalApplies = (p: PrincipalSpec, c: Caller, canonicalId?: string): { applies: boolean; missing: string[] } => {
  if (p.any) return { applies: false, missing: [] };
  if (c.kind === "anonymous") return { applies: !(canonicalId !== undefined && p.canonical.includes(canonicalId)), missing: ["anonymous"] };
  const listed = new Set([...p.aws, ...p.service, ...p.federated]);
  const missing = callerIdentities(c).filter((id) => !listed.has(c.kind === "service" ? id.toLowerCase() : id));
  return { applies: missing.length > 0, missing };
};
