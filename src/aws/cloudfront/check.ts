// `why403 aws cloudfront`: every check of a distribution against one request, in the order
// CloudFront applies them, then the report.
import { AsideRecorder, Recorder, runSteps } from "../../checks/finding.js";
import { buildCheckReport } from "../../checks/report.js";
import { loadCatalog } from "../../knowledge/catalog.js";
import { parseRequestUrl } from "../../checks/url.js";
import type { HeaderField } from "../../model/exchange.js";
import type { Report } from "../../model/report.js";
import { Redactor } from "../../redact/redactor.js";
import { checkAllowedMethods, checkSignedAccess, checkViewerFunctions, recordBehavior } from "./checks/behavior.js";
import { checkBucketPolicy } from "./checks/bucket-policy.js";
import { checkAliases, checkEnabled, checkGeo, checkViewerProtocol, checkWebAcl } from "./checks/edge.js";
import { checkCustomErrors } from "./checks/errors.js";
import { checkCustomOrigin, checkHostForwarded, checkObjectKey, checkOriginAccess, checkS3Endpoint, checkStacked } from "./checks/origin.js";
import type { CloudFrontContext } from "./context.js";
import { matchBehavior, resolveOrigin, type ResolvedOrigin } from "./match.js";
import type { LoadedDistribution } from "./types.js";

export interface CloudFrontCheckInput {
  /** The name shown as the report's file: the config file or "distribution ID". */
  file: string;
  url: string;
  method?: string;
  headers?: HeaderField[];
  country?: string;
  dist: LoadedDistribution;
  bucketPolicy?: unknown;
  bucketPolicySource?: string;
  now?: Date;
  showSecrets?: boolean;
  /** Notes from loading (online mode: what could not be read). */
  notes?: string[];
}

const serveOrigin = (ctx: CloudFrontContext, o: ResolvedOrigin): void => {
  checkStacked(ctx, o);
  checkS3Endpoint(ctx, o);
  checkOriginAccess(ctx, o, true);
  checkBucketPolicy(ctx, o);
  checkHostForwarded(ctx, o);
  checkObjectKey(ctx, o);
  checkCustomOrigin(ctx, o);
};

/** Origins this URL does not use: configuration mistakes are listed, not blamed for this 403. */
const asideOrigins = (ctx: CloudFrontContext): void => {
  const aside: CloudFrontContext = { ...ctx, rec: new AsideRecorder(ctx.rec.run, "this origin does not serve the URL") };
  for (const [index, origin] of (ctx.dist.config.Origins.Items ?? []).entries()) {
    if (index === ctx.origin?.index) continue;
    const o = resolveOrigin(ctx.dist.config, origin.Id)!;
    checkStacked(aside, o);
    checkS3Endpoint(aside, o);
    checkOriginAccess(aside, o, false);
  }
};

export const checkCloudFront = (input: CloudFrontCheckInput): Report => {
  const url = parseRequestUrl(input.url);
  const redactor = new Redactor(!input.showSecrets);
  const rec = new Recorder();
  for (const n of input.notes ?? []) rec.note(n);
  const behavior = matchBehavior(input.dist.config, url.pathname);
  const origin = resolveOrigin(input.dist.config, behavior.behavior.TargetOriginId);
  const shownUrl = redactor.text(url.href);
  const ctx: CloudFrontContext = {
    req: { url, method: (input.method ?? "GET").toUpperCase(), headers: input.headers ?? [], ...(input.country ? { country: input.country } : {}) },
    dist: input.dist,
    behavior,
    ...(origin ? { origin } : {}),
    ...(input.bucketPolicy !== undefined ? { bucketPolicy: input.bucketPolicy } : {}),
    ...(input.bucketPolicySource ? { bucketPolicySource: input.bucketPolicySource } : {}),
    now: input.now ?? new Date(),
    rec,
    redactor,
    vars: {
      url: shownUrl,
      host: url.host,
      path: url.pathname,
      method: (input.method ?? "GET").toUpperCase(),
      ...(input.dist.id ? { distributionId: input.dist.id, distribution: input.dist.id } : {}),
      ...(origin?.bucket ? { bucket: origin.bucket } : {}),
    },
  };
  runSteps(rec, [
    { id: "enabled", run: () => checkEnabled(ctx) },
    { id: "aliases", run: () => checkAliases(ctx) },
    { id: "viewer-protocol", run: () => checkViewerProtocol(ctx) },
    { id: "waf", run: () => checkWebAcl(ctx) },
    { id: "geo-restriction", run: () => checkGeo(ctx) },
    { id: "viewer-access", run: () => (recordBehavior(ctx), checkSignedAccess(ctx)) },
    { id: "allowed-methods", run: () => (checkAllowedMethods(ctx), checkViewerFunctions(ctx)) },
    {
      id: "origin",
      run: () => {
        if (origin) serveOrigin(ctx, origin);
        else rec.warn("origin", `${behavior.label} targets ${behavior.behavior.TargetOriginId}, which is neither an origin nor an origin group of this distribution`, `${behavior.path}.TargetOriginId`);
      },
    },
  ]);
  asideOrigins(ctx);
  checkCustomErrors(ctx);
  return buildCheckReport(
    {
      file: input.file,
      inputKind: "cloudfront-config",
      service: "aws-cloudfront",
      request: { method: ctx.req.method, url: shownUrl },
      run: rec.run,
      vars: ctx.vars,
      redactor,
    },
    loadCatalog(),
  );
};
