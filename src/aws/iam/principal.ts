// The caller, as the evaluator needs it: its kind, account, and the identities a Principal
// element can name (user ARN, role ARN for a role session, session ARN, account).
import { WhyError } from "../../model/errors.js";
import { splitArn, ACCOUNT_ID } from "./arn.js";

export type PrincipalKind = "anonymous" | "user" | "role" | "session" | "federated" | "root" | "service";

export interface Caller {
  kind: PrincipalKind;
  /** The ARN as given (session ARN for a role session). */
  arn?: string;
  account?: string;
  partition: string;
  /** For a role session: the role's ARN (from aws:PrincipalArn when given, which keeps the path). */
  roleArn?: string;
  /** For a service principal: cloudfront.amazonaws.com. */
  service?: string;
}

const fail = (message: string): never => {
  throw new WhyError("SIMULATE_INVALID", `request.principal: ${message}`, { field: "request.principal" });
};

/** Reads request.principal; `principalArn` is the aws:PrincipalArn context value when given. */
export const readCaller = (principal: unknown, principalArn?: string): Caller => {
  if (typeof principal !== "string" || principal === "") return fail("must be an ARN, a service principal or \"anonymous\"");
  if (principal === "anonymous" || principal === "*") return { kind: "anonymous", partition: "aws" };
  if (!principal.startsWith("arn:")) {
    if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) return { kind: "service", service: principal, partition: "aws" };
    if (ACCOUNT_ID.test(principal)) return { kind: "root", arn: `arn:aws:iam::${principal}:root`, account: principal, partition: "aws" };
    return fail(`"${principal}" is not an ARN, a service principal or "anonymous"`);
  }
  const a = splitArn(principal);
  if (!a || !ACCOUNT_ID.test(a.account)) return fail(`"${principal}" is not a principal ARN (arn:aws:iam::123456789012:user/NAME)`);
  const base = { arn: principal, account: a.account, partition: a.partition };
  if (a.service === "iam") {
    if (a.resource === "root") return { kind: "root", ...base };
    if (a.resource.startsWith("user/")) return { kind: "user", ...base };
    if (a.resource.startsWith("role/")) return { kind: "role", ...base, roleArn: principal };
  }
  if (a.service === "sts") {
    const m = /^assumed-role\/([^/]+)\/(.+)$/.exec(a.resource);
    if (m) {
      const derived = `arn:${a.partition}:iam::${a.account}:role/${m[1]}`;
      // aws:PrincipalArn carries the role with its path; trust it when it names the same role
      const roleArn = principalArn && principalArn.endsWith(`:role/${m[1]}`) || principalArn?.endsWith(`/${m[1]}`) ? principalArn : derived;
      return { kind: "session", ...base, roleArn };
    }
    if (a.resource.startsWith("federated-user/")) return { kind: "federated", ...base };
  }
  return fail(`"${principal}" is not a user, role, assumed-role session, federated user or root ARN`);
};

/** The value of aws:PrincipalArn for this caller (role ARN for a role session). */
export const principalArnOf = (c: Caller): string | undefined => (c.kind === "session" ? c.roleArn : c.arn);
