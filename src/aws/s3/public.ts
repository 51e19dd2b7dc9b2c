// Whether a bucket (or access point) policy is "public" in S3's sense, and the effective Block
// Public Access flags (account, bucket and access point levels: the most restrictive wins).
import type { ParsedCondition, ParsedPolicy, ParsedStatement } from "../iam/parse.js";
import type { BlockPublicAccess, S3Settings } from "../iam/types.js";

/** Condition keys that, pinned to fixed values, make a grant to "*" non-public (S3 "The meaning of public"). */
const FIXING_KEYS = new Set([
  "aws:sourceip",
  "aws:sourcearn",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceowner",
  "aws:sourceaccount",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:userid",
  "s3:x-amz-server-side-encryption-aws-kms-key-id",
  "s3:dataaccesspointaccount",
  "s3:dataaccesspointarn",
]);

const fixes = (c: ParsedCondition): boolean => {
  if (!FIXING_KEYS.has(c.keyLower) || c.spec.negated || c.ifExists || c.set === "ForAllValues" || c.spec.family === "null") return false;
  if (c.values.some((v) => v.includes("*") || v.includes("?"))) return false;
  // a range wider than /8 (IPv4) or /32 (IPv6) is as good as public
  if (c.cidrs) return c.cidrs.every((r) => r.bits >= (r.v === 4 ? 8 : 32));
  return true;
};

/** The first Allow statement that grants "*" (or NotPrincipal) without a fixing condition. */
export const publicStatement = (p: ParsedPolicy | undefined): ParsedStatement | undefined =>
  p?.statements.find((s) => s.effect === "Allow" && (s.principal?.any || s.notPrincipal !== undefined) && !s.conditions.some(fixes));

export type BpaFlag = keyof BlockPublicAccess;

/** Each flag that is on, with the levels that turn it on. */
export const effectiveBpa = (s3: S3Settings, throughAccessPoint: boolean): Map<BpaFlag, string[]> => {
  const out = new Map<BpaFlag, string[]>();
  const levels: [string, BlockPublicAccess | null | undefined][] = [
    ["account", s3.blockPublicAccess?.account],
    ["bucket", s3.blockPublicAccess?.bucket],
    ...(throughAccessPoint ? ([["access point", s3.blockPublicAccess?.accessPoint]] as [string, BlockPublicAccess | null | undefined][]) : []),
  ];
  for (const [level, flags] of levels) {
    for (const [flag, on] of Object.entries(flags ?? {})) {
      if (on === true) out.set(flag as BpaFlag, [...(out.get(flag as BpaFlag) ?? []), level]);
    }
  }
  return out;
};
