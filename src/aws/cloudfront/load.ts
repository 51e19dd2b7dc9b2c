// Reads what `aws cloudfront get-distribution-config` (or get-distribution, or a bare
// DistributionConfig) prints, and says clearly when a file is something else.
import { WhyError } from "../../model/errors.js";
import type { DistributionConfig, LoadedDistribution } from "./types.js";

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

const checkConfig = (c: unknown, where: string): DistributionConfig => {
  if (!isObject(c)) throw new WhyError("CONFIG_INVALID", `${where} is not an object`);
  const origins = c.Origins;
  if (!isObject(origins) || !Array.isArray(origins.Items) || origins.Items.length === 0) {
    throw new WhyError("CONFIG_INVALID", `${where}.Origins.Items is missing: is this the output of aws cloudfront get-distribution-config?`);
  }
  for (const [i, o] of origins.Items.entries()) {
    if (!isObject(o) || typeof o.Id !== "string" || typeof o.DomainName !== "string") {
      throw new WhyError("CONFIG_INVALID", `${where}.Origins.Items[${i}] needs Id and DomainName`);
    }
  }
  const dcb = c.DefaultCacheBehavior;
  if (!isObject(dcb) || typeof dcb.TargetOriginId !== "string") {
    throw new WhyError("CONFIG_INVALID", `${where}.DefaultCacheBehavior.TargetOriginId is missing`);
  }
  const cbs = c.CacheBehaviors;
  if (isObject(cbs) && cbs.Items !== undefined) {
    if (!Array.isArray(cbs.Items)) throw new WhyError("CONFIG_INVALID", `${where}.CacheBehaviors.Items is not a list`);
    for (const [i, b] of cbs.Items.entries()) {
      if (!isObject(b) || typeof b.PathPattern !== "string" || typeof b.TargetOriginId !== "string") {
        throw new WhyError("CONFIG_INVALID", `${where}.CacheBehaviors.Items[${i}] needs PathPattern and TargetOriginId`);
      }
    }
  }
  return c as unknown as DistributionConfig;
};

/** Parses the JSON text of a distribution file. */
export const parseDistribution = (text: string): LoadedDistribution => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new WhyError("CONFIG_INVALID", `not JSON: ${(e as Error).message}`);
  }
  if (!isObject(raw)) throw new WhyError("CONFIG_INVALID", "expected a JSON object");
  if (isObject(raw.Distribution)) {
    const d = raw.Distribution;
    return {
      config: checkConfig(d.DistributionConfig, "Distribution.DistributionConfig"),
      ...(typeof d.Id === "string" ? { id: d.Id } : {}),
      ...(typeof d.ARN === "string" ? { arn: d.ARN } : {}),
      ...(typeof d.DomainName === "string" ? { domainName: d.DomainName } : {}),
      shape: "get-distribution",
    };
  }
  if ("DistributionConfig" in raw) return { config: checkConfig(raw.DistributionConfig, "DistributionConfig"), shape: "get-distribution-config" };
  if ("Origins" in raw && "DefaultCacheBehavior" in raw) return { config: checkConfig(raw, "DistributionConfig"), shape: "distribution-config" };
  throw new WhyError("CONFIG_INVALID", "no DistributionConfig: save the output of aws cloudfront get-distribution-config --id DISTRIBUTION_ID");
};
