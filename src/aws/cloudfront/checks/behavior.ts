// Checks of the cache behavior that serves the URL: which one it is, viewer access restriction
// (signed URLs / cookies), allowed methods, functions that can answer on their own.
import { cookiesOf } from "../../../checks/headers.js";
import { listOf, show } from "../../../checks/show.js";
import { judgeCloudFrontSignature, readSignedCookies, readSignedUrl } from "../../../inspect/cloudfront-signed.js";
import type { CloudFrontContext } from "../context.js";

export const recordBehavior = (ctx: CloudFrontContext): void => {
  const b = ctx.behavior;
  ctx.rec.pass("behavior", `${ctx.req.url.pathname} is served by ${b.label}, origin ${b.behavior.TargetOriginId}`, b.path);
};

const restriction = (ctx: CloudFrontContext): { path: string; value: string } | undefined => {
  const b = ctx.behavior.behavior;
  if (b.TrustedKeyGroups?.Enabled && (b.TrustedKeyGroups.Quantity ?? b.TrustedKeyGroups.Items?.length ?? 0) > 0) {
    return { path: `${ctx.behavior.path}.TrustedKeyGroups`, value: `key groups ${listOf(b.TrustedKeyGroups.Items)}` };
  }
  if (b.TrustedSigners?.Enabled && (b.TrustedSigners.Quantity ?? b.TrustedSigners.Items?.length ?? 0) > 0) {
    return { path: `${ctx.behavior.path}.TrustedSigners`, value: `trusted signers ${listOf(b.TrustedSigners.Items)} (legacy key pairs)` };
  }
  return undefined;
};

export const checkSignedAccess = (ctx: CloudFrontContext): void => {
  const r = restriction(ctx);
  if (!r) {
    ctx.rec.pass("viewer-access", `${ctx.behavior.label} does not restrict viewer access (no trusted key groups or signers)`, `${ctx.behavior.path}.TrustedKeyGroups`);
    return;
  }
  const sig = readSignedUrl(ctx.req.url) ?? readSignedCookies(cookiesOf(ctx.req.headers), ctx.req.url);
  if (!sig) {
    ctx.rec.fail({
      cause: "signed-url-required",
      confidence: 0.9,
      decider: "aws-cloudfront",
      check: "viewer-access",
      path: r.path,
      value: r.value,
      detail: `${ctx.behavior.label} restricts viewer access (${r.value}) and the request has neither a signed URL (Signature, Key-Pair-Id) nor CloudFront-* signed cookies: CloudFront answers 403 MissingKey`,
      fix: [`Request ${ctx.req.url.pathname} with a URL or cookies signed by a key in ${r.path}, or turn off Restrict viewer access on that behavior if the content is public.`],
    });
    return;
  }
  const findings = judgeCloudFrontSignature(sig, { now: ctx.now, url: ctx.req.url, check: "viewer-access" });
  for (const f of findings) ctx.rec.fail({ ...f, detail: `${f.detail} (${r.path} requires a valid signature)` });
  if (findings.length === 0) {
    ctx.rec.pass("viewer-access", `signed ${sig.via === "url" ? "URL" : "cookies"} present, Key-Pair-Id ${sig.keyPairId ?? "?"}, not expired and covering this URL (the signature itself needs the public key: why403 inspect URL --public-key FILE)`, r.path);
  }
};

export const checkAllowedMethods = (ctx: CloudFrontContext): void => {
  const allowed = (ctx.behavior.behavior.AllowedMethods?.Items ?? ["GET", "HEAD"]).map((m) => m.toUpperCase());
  const path = `${ctx.behavior.path}.AllowedMethods.Items`;
  const method = ctx.req.method.toUpperCase();
  if (allowed.includes(method)) {
    ctx.rec.pass("allowed-methods", `${method} is allowed (${listOf(allowed)})`, path);
    return;
  }
  ctx.rec.fail({
    cause: "method-denied",
    confidence: 0.92,
    decider: "aws-cloudfront",
    check: "allowed-methods",
    path,
    value: show(allowed),
    detail: `${ctx.behavior.label} allows only ${listOf(allowed)}; CloudFront answers ${method} with 403 "This distribution is not configured to allow the HTTP request method"`,
    fix: [`Set ${path} to GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE on that behavior, or add a behavior for ${ctx.req.url.pathname} that targets the origin meant to take ${method}.`],
    vars: { method },
  });
};

/** Viewer-request functions run before the cache and may answer 403 themselves. */
export const checkViewerFunctions = (ctx: CloudFrontContext): void => {
  const b = ctx.behavior.behavior;
  const fns = [...(b.FunctionAssociations?.Items ?? []), ...(b.LambdaFunctionAssociations?.Items ?? [])].filter((f) => f.EventType === "viewer-request");
  const path = `${ctx.behavior.path}.FunctionAssociations`;
  if (fns.length === 0) {
    ctx.rec.pass("viewer-functions", "no viewer-request function or Lambda@Edge is associated", path);
    return;
  }
  ctx.rec.warn("viewer-functions", `a viewer-request function runs first and can answer 403 itself: ${fns.map((f) => f.FunctionARN ?? f.LambdaFunctionARN).join(", ")}`, path);
};
