// Asks the IAM evaluator one question about a resource-based policy (a bucket policy, an API's
// resource policy): does it let this principal do this action on this resource, and which
// statement decides? Also says which condition keys the verdict assumed absent.
import { evaluate } from "./iam/evaluate.js";
import type { ContextValue, DecidingStatement, PolicyDocument, Verdict } from "./iam/types.js";

export interface ResourcePolicyQuestion {
  policy: unknown;
  /** The file or call the policy came from, cited in the verdict. */
  policyName: string;
  principal: string;
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
}

export interface ResourcePolicyAnswer {
  verdict: Verdict;
  /** Statement[i] (or Statement for a single statement object), with the Sid when it has one. */
  statementPath?: string;
  /** Condition keys a deciding statement tested that the request context did not have. */
  assumedAbsent: string[];
}

/**
 * Legacy origin access identities are principals of the pseudo-account "cloudfront"
 * (`arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID`), which the evaluator does
 * not take as an account: they are renamed to an ordinary user ARN, the same in policy and caller.
 */
const OAI_ARN = /arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity ([A-Z0-9]+)/g;
export const oaiPrincipal = (id: string): string => `arn:aws:iam::000000000000:user/cloudfront-oai/${id}`;
const renameOai = (s: string): string => s.replace(OAI_ARN, (_m, id: string) => oaiPrincipal(id));

const statementPath = (policy: unknown, d: DecidingStatement | undefined): string | undefined => {
  if (!d || d.index === undefined) return undefined;
  const st = (policy as PolicyDocument | undefined)?.Statement;
  const sid = d.statement && !d.statement.startsWith("#") ? ` (Sid ${d.statement})` : "";
  return `${Array.isArray(st) ? `Statement[${d.index}]` : "Statement"}${sid}`;
};

export const askResourcePolicy = (q: ResourcePolicyQuestion): ResourcePolicyAnswer => {
  const document = JSON.parse(renameOai(JSON.stringify(q.policy))) as PolicyDocument;
  const verdict = evaluate({
    request: { principal: renameOai(q.principal), action: q.action, resource: q.resource, context: q.context },
    policies: { resource: { name: q.policyName, document } },
  });
  const assumedAbsent = [
    ...new Set(verdict.deciding.flatMap((d) => (d.conditions ?? []).filter((c) => c.contextValue === undefined).map((c) => c.key))),
  ];
  const path = statementPath(q.policy, verdict.deciding.find((d) => d.policyType === "resource" && d.index !== undefined));
  return { verdict, ...(path ? { statementPath: path } : {}), assumedAbsent };
};

/** Condition keys a policy tests anywhere (lower case), to say which ones the request left out. */
export const conditionKeys = (policy: unknown): string[] => {
  const keys = new Set<string>();
  const st = (policy as PolicyDocument | undefined)?.Statement;
  for (const s of Array.isArray(st) ? st : st ? [st] : []) {
    for (const block of Object.values(s.Condition ?? {})) for (const k of Object.keys(block)) keys.add(k.toLowerCase());
  }
  return [...keys];
};
