// `why403 aws cloudfront URL`: why would CloudFront answer this request with 403? Offline from
// the get-distribution-config JSON, or online with the SDK.
import { checkCloudFront } from "../../../aws/cloudfront/check.js";
import { parseDistribution } from "../../../aws/cloudfront/load.js";
import { matchBehavior, resolveOrigin } from "../../../aws/cloudfront/match.js";
import type { LoadedDistribution } from "../../../aws/cloudfront/types.js";
import { parseHeaderOptions } from "../../../checks/headers.js";
import { parseRequestUrl } from "../../../checks/url.js";
import { WhyError } from "../../../model/errors.js";
import type { Report } from "../../../model/report.js";
import {
  addHeaderOption,
  addOutputOptions,
  addSdkOptions,
  readJsonFile,
  runCheck,
  sdkOptionsOf,
  type OutputOptions,
  type SdkCliOptions,
} from "../../check-command.js";
import type { RegisterCommand } from "../../io.js";

const HELP = `
Offline, from what the AWS CLI prints:
  aws cloudfront get-distribution-config --id EDFDVBD6EXAMPLE > dist.json
  aws s3api get-bucket-policy --bucket BUCKET --query Policy --output text > policy.json
  why403 aws cloudfront https://www.example.com/img/a.png --config dist.json --bucket-policy policy.json

Online (AWS SDK; the distribution is found by --id, or by the URL's host among the aliases):
  why403 aws cloudfront https://www.example.com/img/a.png
  why403 aws cloudfront https://d111111abcdef8.cloudfront.net/ --id EDFDVBD6EXAMPLE --profile prod

What it checks: alternate domain names vs the host, the AWS WAF web ACL, geographic restriction
(--country), the cache behavior that matches the path (viewer access restricted to signed URLs or
cookies, allowed methods, the Host header forwarded to S3, viewer protocol), the origin (another
distribution, S3 REST vs website endpoint, OAC/OAI and the bucket policy, OriginPath, the default
root object, custom origins), and custom error responses that rewrite 403/404.

Examples:
  why403 aws cloudfront https://www.example.com/ --config dist.json --country DE --json
  why403 aws cloudfront https://cdn.example.com/v/1.m3u8 --config dist.json -H 'Cookie: CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; ...'
  why403 aws cloudfront https://www.example.com/api/x -X POST --config dist.json

Exit codes: 0 checked (the report says what was found), 1 the input or the AWS calls failed, 2 usage error.`;

interface CloudFrontOptions extends OutputOptions, SdkCliOptions {
  config?: string;
  id?: string;
  bucketPolicy?: string;
  country?: string;
  request?: string;
  header: string[];
}

/** --id takes a distribution id or its ARN. */
const withId = (dist: LoadedDistribution, id: string | undefined): LoadedDistribution => {
  if (!id) return dist;
  const arn = /^arn:aws[\w-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/.exec(id);
  return { ...dist, id: arn ? arn[1]! : id, ...(arn ? { arn: id } : {}) };
};

const runCloudFront = async (url: string, opts: CloudFrontOptions): Promise<Report> => {
  const headers = parseHeaderOptions(opts.header);
  const requestUrl = parseRequestUrl(url);
  if (opts.country && !/^[A-Za-z]{2}$/.test(opts.country)) throw new WhyError("USAGE", `--country expects a two-letter ISO 3166 code such as DE, got "${opts.country}"`);
  const base = {
    url,
    headers,
    ...(opts.request ? { method: opts.request } : {}),
    ...(opts.country ? { country: opts.country } : {}),
    ...(opts.showSecrets ? { showSecrets: true } : {}),
  };
  let bucketPolicy: unknown;
  let bucketPolicySource = opts.bucketPolicy;
  if (opts.bucketPolicy) bucketPolicy = await readJsonFile(opts.bucketPolicy);
  if (opts.config) {
    const dist = withId(parseDistribution(JSON.stringify(await readJsonFile(opts.config))), opts.id);
    return checkCloudFront({ ...base, file: opts.config, dist, ...(opts.bucketPolicy ? { bucketPolicy, bucketPolicySource: opts.bucketPolicy } : {}) });
  }
  const online = await import("../../../aws/cloudfront/online.js");
  const sdk = sdkOptionsOf(opts);
  const found = await online.fetchDistribution(requestUrl.hostname, opts.id, sdk);
  const notes = [...found.notes];
  if (!opts.bucketPolicy) {
    const origin = resolveOrigin(found.dist.config, matchBehavior(found.dist.config, requestUrl.pathname).behavior.TargetOriginId);
    if (origin?.bucket) {
      const got = await online.fetchBucketPolicy(origin.bucket, origin.region, sdk);
      if (got.note) notes.push(got.note);
      if (got.policy !== undefined) {
        bucketPolicy = got.policy;
        bucketPolicySource = `GetBucketPolicy ${origin.bucket}`;
      }
    }
  }
  return checkCloudFront({
    ...base,
    file: `distribution ${found.dist.id ?? "?"}`,
    dist: found.dist,
    notes,
    ...(bucketPolicy !== undefined ? { bucketPolicy, bucketPolicySource: bucketPolicySource ?? "bucket policy" } : {}),
  });
};

export const registerAwsCloudFront: RegisterCommand = (aws, io, setExit) => {
  const cmd = aws
    .command("cloudfront")
    .description("why would CloudFront answer this URL with 403? (distribution config, offline or online)")
    .argument("<url>", "the URL requested through CloudFront")
    .option("--config <file>", "the output of aws cloudfront get-distribution-config (or get-distribution); without it, online")
    .option("--id <id>", "the distribution id or ARN (online: which distribution; offline: names it for the bucket policy)")
    .option("--bucket-policy <file>", "the S3 origin's bucket policy JSON (online: read with GetBucketPolicy)")
    .option("--country <cc>", "the viewer's country (ISO 3166-1 alpha-2) for the geo restriction check")
    .option("-X, --request <method>", "the HTTP method (default GET)");
  addHeaderOption(cmd);
  addSdkOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText("after", HELP).action(async (url: string, opts: CloudFrontOptions) => setExit(await runCheck(opts.config ?? url, opts, io, () => runCloudFront(url, opts))));
};
