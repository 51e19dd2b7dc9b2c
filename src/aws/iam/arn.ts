// ARNs: arn:partition:service:region:account:resource. The resource part may hold more colons.
// Matching is per component, as AWS documents for Resource and the Arn* condition operators:
// a wildcard in one component never spans into the next.
import { globMatch } from "./glob.js";

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits an ARN (or ARN pattern) into its six components; undefined when it is not one. */
export const splitArn = (s: string): Arn | undefined => {
  if (!s.startsWith("arn:")) return undefined;
  const parts: string[] = [];
  let from = 4;
  for (let i = 0; i < 4; i++) {
    const at = s.indexOf(":", from);
    if (at === -1) return undefined;
    parts.push(s.slice(from, at));
    from = at + 1;
  }
  const [partition, service, region, account] = parts as [string, string, string, string];
  return { partition, service, region, account, resource: s.slice(from) };
};

/** Whether an ARN pattern (with wildcards in any component) matches an ARN. Case-sensitive. */
export const arnMatch = (pattern: string, arn: string): boolean => {
  if (pattern === "*") return true;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return false;
  return (
    globMatch(p.partition, a.partition) &&
    globMatch(p.service, a.service) &&
    globMatch(p.region, a.region) &&
    globMatch(p.account, a.account) &&
    globMatch(p.resource, a.resource)
  );
};

export const ACCOUNT_ID = /^\d{12}$/;
