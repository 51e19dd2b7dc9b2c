// Which cache behavior serves a path, which origin it targets, and what kind of origin that is.
import type { CfCacheBehavior, CfOrigin, DistributionConfig } from "./types.js";

/**
 * CloudFront path patterns: case-sensitive, `*` matches any run of characters (including `/`),
 * `?` exactly one; the leading `/` is optional in the pattern.
 */
export const pathPatternMatches = (pattern: string, path: string): boolean => {
  const p = pattern.startsWith("/") ? pattern : `/${pattern}`;
  const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
  return re.test(path);
};

export interface MatchedBehavior {
  behavior: CfCacheBehavior;
  /** The field path of the behavior: DistributionConfig.CacheBehaviors.Items[2] or …DefaultCacheBehavior. */
  path: string;
  label: string;
}

/** Cache behaviors are tried in order; the default behavior takes what none matched. */
export const matchBehavior = (config: DistributionConfig, urlPath: string): MatchedBehavior => {
  const items = config.CacheBehaviors?.Items ?? [];
  for (const [i, b] of items.entries()) {
    if (b.PathPattern !== undefined && pathPatternMatches(b.PathPattern, urlPath)) {
      return { behavior: b, path: `DistributionConfig.CacheBehaviors.Items[${i}]`, label: `cache behavior ${i} (PathPattern ${b.PathPattern})` };
    }
  }
  return { behavior: config.DefaultCacheBehavior, path: "DistributionConfig.DefaultCacheBehavior", label: "the default cache behavior" };
};

export type OriginKind = "s3-rest" | "s3-website" | "cloudfront" | "custom";

export interface ResolvedOrigin {
  origin: CfOrigin;
  index: number;
  /** DistributionConfig.Origins.Items[i] */
  path: string;
  kind: OriginKind;
  bucket?: string;
  region?: string;
  /** When the behavior targets an origin group, its id (the primary member is checked). */
  group?: string;
}

const S3_WEBSITE = /^(?<bucket>.+)\.s3-website[.-](?<region>[a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/i;
const S3_REST = /^(?<bucket>.+?)\.s3(?:[.-](?<region>[a-z]{2}(?:-gov)?-[a-z]+-\d))?(?:\.dualstack)?\.amazonaws\.com(?:\.cn)?$/i;

export const classifyOriginDomain = (domain: string): Pick<ResolvedOrigin, "kind" | "bucket" | "region"> => {
  const host = domain.toLowerCase().replace(/\.$/, "");
  if (host.endsWith(".cloudfront.net")) return { kind: "cloudfront" };
  const w = S3_WEBSITE.exec(host);
  if (w?.groups) return { kind: "s3-website", bucket: w.groups.bucket!, region: w.groups.region! };
  const r = S3_REST.exec(host);
  if (r?.groups) return { kind: "s3-rest", bucket: r.groups.bucket!, ...(r.groups.region ? { region: r.groups.region } : {}) };
  return { kind: "custom" };
};

/** The origin a behavior sends to; for an origin group, its first (primary) member. */
export const resolveOrigin = (config: DistributionConfig, targetId: string): ResolvedOrigin | undefined => {
  const origins = config.Origins.Items ?? [];
  const find = (id: string): ResolvedOrigin | undefined => {
    const index = origins.findIndex((o) => o.Id === id);
    if (index < 0) return undefined;
    const origin = origins[index]!;
    return { origin, index, path: `DistributionConfig.Origins.Items[${index}]`, ...classifyOriginDomain(origin.DomainName) };
  };
  const direct = find(targetId);
  if (direct) return direct;
  const group = (config.OriginGroups?.Items ?? []).find((g) => g.Id === targetId);
  const primary = group?.Members?.Items?.[0]?.OriginId;
  const member = primary ? find(primary) : undefined;
  return member ? { ...member, group: targetId } : undefined;
};

/** Alternate domain names match exactly, or as a wildcard for one leftmost label (`*.example.com`). */
export const aliasMatches = (alias: string, host: string): boolean => {
  const a = alias.toLowerCase();
  const h = host.toLowerCase();
  if (a === h) return true;
  if (!a.startsWith("*.")) return false;
  const suffix = a.slice(1);
  return h.endsWith(suffix) && !h.slice(0, -suffix.length).includes(".") && h.length > suffix.length;
};
