// Checks of the origin that serves the URL: stacked distributions, S3 REST vs website endpoint,
// origin access (OAC/OAI), the viewer Host forwarded to S3, the object key CloudFront asks for,
// the default root object, and custom origins (which the direct-to-origin probe settles).
import { show } from "../../../checks/show.js";
import { objectKey, type CloudFrontContext } from "../context.js";
import type { ResolvedOrigin } from "../match.js";
import type { CfCacheBehavior } from "../types.js";

/** Managed origin request policies that forward the viewer's Host header (CloudFront docs). */
const HOST_FORWARDING_POLICIES: Readonly<Record<string, string>> = {
  "216adef6-5c7f-47e4-b989-5492eafa07d3": "AllViewer",
  "33f36d7e-f396-46d9-90e0-52428a34d9dc": "AllViewerAndCloudFrontHeaders-2022-06",
};
/** Managed policies known not to forward Host. */
const HOSTLESS_POLICIES: Readonly<Record<string, string>> = {
  "b689b0a8-53d0-40ab-baf2-68738e2966ac": "AllViewerExceptHostHeader",
  "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf": "CORS-S3Origin",
  "59781a5b-3903-41f3-afcb-af62929ccde1": "CORS-CustomOrigin",
  "acba4595-bd28-49b8-b9fe-13317c0390fa": "UserAgentRefererHeaders",
};

const hasOac = (o: ResolvedOrigin): boolean => (o.origin.OriginAccessControlId ?? "") !== "";
const oaiOf = (o: ResolvedOrigin): string => o.origin.S3OriginConfig?.OriginAccessIdentity ?? "";

export const checkStacked = (ctx: CloudFrontContext, o: ResolvedOrigin): void => {
  const domain = o.origin.DomainName.toLowerCase();
  const path = `${o.path}.DomainName`;
  const cloudfront = o.kind === "cloudfront";
  const amplify = domain.endsWith(".amplifyapp.com");
  if (!cloudfront && !amplify) {
    ctx.rec.pass("stacked", `origin ${o.origin.Id} is not another CloudFront distribution`, path);
    return;
  }
  ctx.rec.fail({
    cause: "stacked-edge",
    confidence: cloudfront ? 0.8 : 0.6,
    decider: "aws-cloudfront",
    check: "stacked",
    path,
    value: o.origin.DomainName,
    detail: cloudfront
      ? `origin ${o.origin.Id} is another CloudFront distribution (${o.origin.DomainName}): a distribution in front of a distribution gets 403 from the inner one`
      : `origin ${o.origin.Id} is an Amplify Hosting app (${o.origin.DomainName}), which runs its own CloudFront distribution`,
    fix: [`Point ${path} at the real origin behind ${o.origin.DomainName} (its bucket, load balancer or API), or merge the two distributions into one with several behaviors.`],
  });
};

/** S3 website endpoints are custom origins: no OAC/OAI, and the bucket must allow public reads. */
export const checkS3Endpoint = (ctx: CloudFrontContext, o: ResolvedOrigin): void => {
  const path = `${o.path}.DomainName`;
  if (o.kind === "s3-rest") {
    ctx.rec.pass("s3-endpoint", `origin ${o.origin.Id} is the S3 REST endpoint of bucket ${o.bucket}`, path);
    return;
  }
  if (o.kind !== "s3-website") return;
  if (hasOac(o) || oaiOf(o) !== "") {
    ctx.rec.fail({
      cause: "origin-access-missing",
      confidence: 0.75,
      decider: "aws-s3",
      check: "s3-endpoint",
      path,
      value: o.origin.DomainName,
      detail: `origin ${o.origin.Id} is the S3 website endpoint of ${o.bucket}, which ignores origin access control and identities: CloudFront reads it anonymously`,
      fix: [
        `Use the REST endpoint ${o.bucket}.s3.${o.region}.amazonaws.com as ${path} (with OAC and the bucket policy statement), or keep the website endpoint and allow public s3:GetObject in the bucket policy.`,
      ],
      vars: { bucket: o.bucket! },
    });
    return;
  }
  ctx.rec.pass("s3-endpoint", `origin ${o.origin.Id} is the S3 website endpoint of ${o.bucket}: it needs a bucket policy that allows public reads`, path);
};

/** A REST origin without OAC or OAI reaches S3 anonymously: only a public bucket answers. */
export const checkOriginAccess = (ctx: CloudFrontContext, o: ResolvedOrigin, serving: boolean): void => {
  if (o.kind !== "s3-rest") return;
  const path = `${o.path}.OriginAccessControlId`;
  if (hasOac(o)) {
    ctx.rec.pass("origin-access", `origin ${o.origin.Id} signs its requests with origin access control ${o.origin.OriginAccessControlId}`, path);
    return;
  }
  if (oaiOf(o) !== "") {
    ctx.rec.pass("origin-access", `origin ${o.origin.Id} uses the legacy origin access identity ${oaiOf(o).replace(/^origin-access-identity\/cloudfront\//, "")}`, `${o.path}.S3OriginConfig.OriginAccessIdentity`);
    return;
  }
  const detail = `origin ${o.origin.Id} (bucket ${o.bucket}) has neither origin access control nor an origin access identity: CloudFront asks S3 anonymously, and a private bucket answers AccessDenied`;
  if (!serving || ctx.bucketPolicy !== undefined) {
    // with a bucket policy the policy check decides whether anonymous reads work
    ctx.rec.warn("origin-access", detail, path);
    return;
  }
  ctx.rec.fail({
    cause: "origin-access-missing",
    confidence: 0.6,
    decider: "aws-s3",
    check: "origin-access",
    path,
    value: show({ OriginAccessControlId: o.origin.OriginAccessControlId ?? "", S3OriginConfig: o.origin.S3OriginConfig ?? {} }),
    detail: `${detail} (pass --bucket-policy to check whether the bucket allows public reads)`,
    fix: [`Create an origin access control and set it as ${path}, then add the bucket policy statement CloudFront offers for bucket ${o.bucket}.`],
    vars: { bucket: o.bucket! },
  });
};

const forwardsHost = (b: CfCacheBehavior): { path: string; value: string } | "unknown" | undefined => {
  const headers = b.ForwardedValues?.Headers?.Items ?? [];
  if (headers.some((h) => h === "*" || h.toLowerCase() === "host")) return { path: "ForwardedValues.Headers.Items", value: show(headers) };
  const id = b.OriginRequestPolicyId ?? "";
  if (id === "") return undefined;
  const name = HOST_FORWARDING_POLICIES[id];
  if (name) return { path: "OriginRequestPolicyId", value: `${id} (managed policy ${name}, forwards Host)` };
  return HOSTLESS_POLICIES[id] ? undefined : "unknown";
};

export const checkHostForwarded = (ctx: CloudFrontContext, o: ResolvedOrigin): void => {
  if (o.kind !== "s3-rest") return;
  const fwd = forwardsHost(ctx.behavior.behavior);
  const base = `${ctx.behavior.path}.OriginRequestPolicyId`;
  if (fwd === undefined) {
    ctx.rec.pass("host-header", "the viewer's Host header is not forwarded to the S3 origin", base);
    return;
  }
  if (fwd === "unknown") {
    ctx.rec.skip("host-header", `origin request policy ${ctx.behavior.behavior.OriginRequestPolicyId} is a custom policy: aws cloudfront get-origin-request-policy --id ${ctx.behavior.behavior.OriginRequestPolicyId} shows whether it forwards Host`, base);
    return;
  }
  const path = `${ctx.behavior.path}.${fwd.path}`;
  ctx.rec.fail({
    cause: "host-header-forwarded",
    confidence: 0.85,
    decider: "aws-s3",
    check: "host-header",
    path,
    value: fwd.value,
    detail: `${ctx.behavior.label} forwards the viewer's Host (${ctx.req.url.hostname}) to the S3 REST origin, so S3 looks for a bucket named ${ctx.req.url.hostname} instead of ${o.bucket}`,
    fix: [`Change ${path} so Host is not forwarded: the managed CORS-S3Origin (88a5eaf4-2fd4-4709-b370-b4c650ea3fcf) or AllViewerExceptHostHeader (b689b0a8-53d0-40ab-baf2-68738e2966ac) policy.`],
    vars: { bucketName: ctx.req.url.hostname },
  });
};

/** The key S3 is asked for: OriginPath doubled in the URL, a root without DefaultRootObject, a directory. */
export const checkObjectKey = (ctx: CloudFrontContext, o: ResolvedOrigin): void => {
  if (o.kind !== "s3-rest" && o.kind !== "s3-website") return;
  const originPath = (o.origin.OriginPath ?? "").replace(/\/+$/, "");
  const urlPath = ctx.req.url.pathname;
  const key = objectKey(ctx);
  const rootObject = ctx.dist.config.DefaultRootObject ?? "";
  ctx.vars.key = key;
  if (urlPath === "/" && o.kind === "s3-rest") {
    if (rootObject === "") {
      ctx.rec.fail({
        cause: "directory-listing",
        confidence: 0.75,
        decider: "aws-s3",
        check: "default-root-object",
        path: "DistributionConfig.DefaultRootObject",
        value: '""',
        detail: `the root URL / has no DefaultRootObject, so CloudFront asks S3 for the bucket itself (key "${originPath.replace(/^\//, "")}"), which S3 refuses with 403`,
        fix: ["Set DistributionConfig.DefaultRootObject to index.html (no leading slash)."],
        verify: [`curl -sI https://${ctx.req.url.host}/ (expect 200)`],
      });
    } else {
      ctx.rec.pass("default-root-object", `/ is served as ${rootObject}`, "DistributionConfig.DefaultRootObject");
    }
    return;
  }
  if (urlPath.endsWith("/") && o.kind === "s3-rest") {
    ctx.rec.fail({
      cause: "directory-listing",
      confidence: 0.6,
      decider: "aws-s3",
      check: "default-root-object",
      path: "DistributionConfig.DefaultRootObject",
      value: show(rootObject),
      detail: `${urlPath} ends in /: DefaultRootObject applies to the root only, so CloudFront asks the S3 REST origin for the key "${key}", which is not an object`,
      fix: [`Request ${urlPath}index.html, or add a viewer-request CloudFront Function that appends index.html to paths ending in / (the S3 website endpoint does this, but cannot use OAC).`],
    });
    return;
  }
  if (originPath !== "" && (urlPath === originPath || urlPath.startsWith(`${originPath}/`))) {
    ctx.rec.fail({
      cause: "object-missing-masked",
      confidence: 0.55,
      decider: "aws-s3",
      check: "origin-path",
      path: `${o.path}.OriginPath`,
      value: o.origin.OriginPath ?? "",
      detail: `OriginPath ${originPath} is put in front of the URL path, which already starts with it: S3 is asked for "${key}"`,
      fix: [`Request the path without ${originPath} (${urlPath.slice(originPath.length) || "/"}), or clear ${o.path}.OriginPath.`],
      vars: { key, bucket: o.bucket ?? "" },
    });
    return;
  }
  ctx.rec.pass("origin-path", `S3 is asked for the key "${key}"${originPath ? ` (OriginPath ${originPath} + the URL path)` : ""}`, `${o.path}.OriginPath`);
};

export const checkCustomOrigin = (ctx: CloudFrontContext, o: ResolvedOrigin): void => {
  if (o.kind !== "custom") return;
  const originUrl = `${o.origin.CustomOriginConfig?.OriginProtocolPolicy === "http-only" ? "http" : "https"}://${o.origin.DomainName}${(o.origin.OriginPath ?? "").replace(/\/+$/, "")}${ctx.req.url.pathname}${ctx.req.url.search}`;
  ctx.rec.fail({
    cause: "origin-denied",
    confidence: 0.3,
    decider: "app",
    check: "custom-origin",
    path: `${o.path}.CustomOriginConfig`,
    value: `${o.origin.DomainName} (${o.origin.CustomOriginConfig?.OriginProtocolPolicy ?? "custom"})`,
    detail: `${ctx.req.url.pathname} goes to the custom origin ${o.origin.DomainName}: its firewall or application may write the 403, and only a request to the origin itself tells`,
    fix: ["If the origin answers the same 403 directly, fix it there (its firewall, allow-list of CloudFront IP ranges or the shared-secret header the origin expects); check that the origin request policy forwards the headers, cookies and query strings the origin needs."],
    nextSteps: [`Probe the origin directly: why403 ${originUrl} -H 'Host: ${ctx.req.url.host}' (a 403 without CloudFront means the origin decides)`],
    verify: [`curl -sv ${originUrl} -H 'Host: ${ctx.req.url.host}' (the same 403 without CloudFront means the origin decides)`],
  });
};
