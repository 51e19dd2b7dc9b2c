// Everything one CloudFront check run looks at: the request, the distribution, the behavior and
// origin that serve the request, and the optional bucket policy and viewer country.
import type { Recorder } from "../../checks/finding.js";
import type { HeaderField } from "../../model/exchange.js";
import type { Redactor } from "../../redact/redactor.js";
import type { MatchedBehavior, ResolvedOrigin } from "./match.js";
import type { LoadedDistribution } from "./types.js";

export interface CloudFrontRequest {
  url: URL;
  method: string;
  headers: HeaderField[];
  /** ISO 3166-1 alpha-2 country of the viewer (--country). */
  country?: string;
}

export interface CloudFrontContext {
  req: CloudFrontRequest;
  dist: LoadedDistribution;
  behavior: MatchedBehavior;
  origin?: ResolvedOrigin;
  /** The bucket policy of the S3 origin, parsed (from --bucket-policy or GetBucketPolicy). */
  bucketPolicy?: unknown;
  /** Where the bucket policy came from, for evidence: a file name or "GetBucketPolicy". */
  bucketPolicySource?: string;
  now: Date;
  rec: Recorder;
  redactor: Redactor;
  /** Values for the catalog's placeholders. */
  vars: Record<string, string>;
}

/** The object key S3 is asked for: OriginPath + the URL path, without the leading slash. */
export const objectKey = (ctx: CloudFrontContext, path = ctx.req.url.pathname): string => {
  const prefix = (ctx.origin?.origin.OriginPath ?? "").replace(/\/+$/, "");
  return decodeURIComponent(`${prefix}${path}`).replace(/^\//, "");
};
