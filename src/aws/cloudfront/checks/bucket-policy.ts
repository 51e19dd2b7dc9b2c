// Placeholder until the IAM evaluator is merged.
import type { CloudFrontContext } from "../context.js";
import type { ResolvedOrigin } from "../match.js";

export const checkBucketPolicy = (ctx: CloudFrontContext, o: ResolvedOrigin): void => {
  if (o.kind !== "s3-rest" && o.kind !== "s3-website") return;
  ctx.rec.skip("bucket-policy", "pass --bucket-policy policy.json to check that the bucket allows the distribution");
};
