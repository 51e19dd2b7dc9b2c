// Does the S3 origin's bucket policy let CloudFront read the object? Asked of the IAM evaluator as
// the principal CloudFront uses: the service principal with the distribution's ARN (OAC), the
// origin access identity (OAI), or nobody (no OAC/OAI, website endpoint). Then: may it list the
// bucket, which decides whether a missing key is 404 or 403.
import { show } from "../../../checks/show.js";
import { isWhyError } from "../../../model/errors.js";
import { askResourcePolicy, oaiPrincipal } from "../../resource-policy.js";
import type { ContextValue, PolicyDocument } from "../../iam/types.js";
import { objectKey, type CloudFrontContext } from "../context.js";
import type { ResolvedOrigin } from "../match.js";

const UNKNOWN_ACCOUNT = "000000000000";
/** The placeholder account, as the user should read it. */
const shown = (arn: string): string => arn.replace(`::${UNKNOWN_ACCOUNT}:`, "::ACCOUNT_ID:");

interface Caller {
  principal: string;
  context: Record<string, ContextValue>;
  label: string;
}

/** Distribution ARNs named in the policy's conditions (to learn the account, and to say which ones it allows). */
const distributionArns = (policy: unknown): string[] =>
  [...JSON.stringify(policy ?? {}).matchAll(/arn:aws[\w-]*:cloudfront::\d{12}:distribution\/[A-Z0-9]+/g)].map((m) => m[0]);

/** The distribution's ARN: known, or built from its id and the account a policy statement names. */
const distributionArn = (ctx: CloudFrontContext): string | undefined => {
  if (ctx.dist.arn) return ctx.dist.arn;
  const id = ctx.dist.id;
  if (!id) return undefined;
  const named = distributionArns(ctx.bucketPolicy);
  // the policy names this distribution, or at least the account distributions live in
  const account = /::(\d{12}):/.exec(named[0] ?? "")?.[1] ?? UNKNOWN_ACCOUNT;
  return named.find((a) => a.endsWith(`/${id}`)) ?? `arn:aws:cloudfront::${account}:distribution/${id}`;
};

const callerOf = (ctx: CloudFrontContext, o: ResolvedOrigin): Caller | "unknown-distribution" => {
  const oai = (o.origin.S3OriginConfig?.OriginAccessIdentity ?? "").replace(/^origin-access-identity\/cloudfront\//, "");
  if (o.kind === "s3-rest" && (o.origin.OriginAccessControlId ?? "") !== "") {
    const arn = distributionArn(ctx);
    if (!arn) return "unknown-distribution";
    const account = /::(\d{12}):/.exec(arn)?.[1];
    return { principal: "cloudfront.amazonaws.com", context: { "aws:SourceArn": arn, ...(account ? { "aws:SourceAccount": account } : {}) }, label: `CloudFront (OAC, distribution ${ctx.dist.id})` };
  }
  if (o.kind === "s3-rest" && oai !== "") return { principal: oaiPrincipal(oai), context: {}, label: `origin access identity ${oai}` };
  return { principal: "anonymous", context: {}, label: "an anonymous caller (no OAC/OAI)" };
};

export const checkBucketPolicy = (ctx: CloudFrontContext, o: ResolvedOrigin): void => {
  if (o.kind !== "s3-rest" && o.kind !== "s3-website") return;
  const source = ctx.bucketPolicySource ?? "bucket policy";
  if (ctx.bucketPolicy === undefined) {
    ctx.rec.skip("bucket-policy", `pass --bucket-policy (aws s3api get-bucket-policy --bucket ${o.bucket} --query Policy --output text) to check that bucket ${o.bucket} lets CloudFront read`, "Statement");
    return;
  }
  const caller = callerOf(ctx, o);
  if (caller === "unknown-distribution") {
    const named = distributionArns(ctx.bucketPolicy);
    ctx.rec.fail({
      cause: "origin-access-missing",
      confidence: named.length === 0 ? 0.85 : 0.3,
      decider: "aws-s3",
      check: "bucket-policy",
      path: `${source}:Statement`,
      value: named.length > 0 ? `allows ${named.join(", ")}` : show(ctx.bucketPolicy),
      detail:
        named.length > 0
          ? `the bucket policy allows CloudFront only for ${named.join(", ")}; get-distribution-config does not say which distribution this is (give --id DISTRIBUTION_ID)`
          : `the bucket policy names no CloudFront distribution, so origin access control gets AccessDenied from bucket ${o.bucket}`,
      fix: [`Add the statement CloudFront offers: Allow s3:GetObject on arn:aws:s3:::${o.bucket}/* to Service cloudfront.amazonaws.com with StringEquals AWS:SourceArn = this distribution's ARN.`],
      vars: { bucket: o.bucket! },
    });
    return;
  }
  const key = objectKey(ctx);
  let answer;
  try {
    answer = askResourcePolicy({ policy: ctx.bucketPolicy, policyName: source, principal: caller.principal, action: "s3:GetObject", resource: `arn:aws:s3:::${o.bucket}/${key}`, context: caller.context });
  } catch (e) {
    if (!isWhyError(e)) throw e;
    ctx.rec.warn("bucket-policy", `the bucket policy could not be evaluated: ${e.message}`, `${source}:Statement`);
    return;
  }
  const { verdict } = answer;
  const path = `${source}:${answer.statementPath ?? "Statement"}`;
  if (verdict.decision === "Allow") {
    ctx.rec.pass("bucket-policy", `the bucket policy allows ${caller.label} s3:GetObject on ${key} (${answer.statementPath ?? "a statement"})`, path);
    checkListBucket(ctx, o, caller, source);
    return;
  }
  const named = distributionArns(ctx.bucketPolicy);
  const explicit = verdict.decision === "ExplicitDeny";
  const other = caller.principal === "cloudfront.amazonaws.com" && named.length > 0 && !named.includes(String(caller.context["aws:SourceArn"]));
  ctx.rec.fail({
    cause: explicit ? "resource-policy-deny" : "origin-access-missing",
    confidence: 0.9,
    decider: "aws-s3",
    check: "bucket-policy",
    path,
    value: explicit ? (answer.statementPath ?? "a Deny statement") : show((ctx.bucketPolicy as PolicyDocument).Statement ?? ctx.bucketPolicy),
    detail: explicit
      ? `a Deny in the bucket policy (${answer.statementPath ?? "?"}) matches ${caller.label} reading ${key}: ${verdict.explain[1] ?? ""}`
      : other
        ? `the bucket policy allows CloudFront only for ${named.join(", ")}, not ${shown(String(caller.context["aws:SourceArn"]))}: S3 answers AccessDenied`
        : `no statement of the bucket policy allows ${caller.label} s3:GetObject on ${key}: S3 answers AccessDenied`,
    fix: [
      caller.principal === "anonymous"
        ? `Give the origin an origin access control and allow it in the bucket policy (or, for a website endpoint, allow public s3:GetObject on arn:aws:s3:::${o.bucket}/*).`
        : `Allow ${caller.label} in the bucket policy: ${JSON.stringify(verdict.fix?.statement ?? { Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${o.bucket}/*` })}${caller.principal === "cloudfront.amazonaws.com" ? ` with Condition StringEquals AWS:SourceArn ${shown(String(caller.context["aws:SourceArn"]))}` : ""}.`,
    ],
    vars: { bucket: o.bucket!, key },
  });
};

/** Without s3:ListBucket, S3 answers a missing key with 403 AccessDenied instead of 404. */
const checkListBucket = (ctx: CloudFrontContext, o: ResolvedOrigin, caller: Caller, source: string): void => {
  let list;
  try {
    list = askResourcePolicy({ policy: ctx.bucketPolicy, policyName: source, principal: caller.principal, action: "s3:ListBucket", resource: `arn:aws:s3:::${o.bucket}`, context: caller.context });
  } catch {
    return;
  }
  if (list.verdict.decision === "Allow") {
    ctx.rec.pass("missing-object", `the bucket policy lets ${caller.label} list ${o.bucket}: a missing key answers 404, not 403`, `${source}:${list.statementPath ?? "Statement"}`);
    return;
  }
  const key = objectKey(ctx);
  ctx.rec.fail({
    cause: "object-missing-masked",
    confidence: 0.35,
    decider: "aws-s3",
    check: "missing-object",
    path: `${source}:Statement`,
    value: `no s3:ListBucket on arn:aws:s3:::${o.bucket} for ${caller.label}`,
    detail: `CloudFront may read but not list ${o.bucket}: if the key "${key}" does not exist, S3 answers 403 AccessDenied instead of 404`,
    fix: [`Check the key exists: aws s3api head-object --bucket ${o.bucket} --key '${key}'; to get 404s for missing keys, also allow s3:ListBucket on arn:aws:s3:::${o.bucket} to the same principal.`],
    vars: { bucket: o.bucket!, key },
  });
};
