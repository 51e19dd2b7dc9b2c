// Which API, stage and resource a URL reaches: through the default execute-api endpoint, a VPC
// endpoint's DNS name (private APIs), or a custom domain and its base path mappings.
import type { HeaderField } from "../../model/exchange.js";
import type { ApiGatewayConfig, DomainName, Mapping, Route } from "./model.js";

export interface Target {
  via: "execute-api" | "vpce" | "custom-domain";
  host: string;
  apiId?: string;
  region?: string;
  vpceId?: string;
  /** The stage segment of an execute-api URL, or the mapping's stage on a custom domain. */
  stage?: string;
  /** The path inside the stage, starting with /. */
  path: string;
  domain?: DomainName;
  mapping?: Mapping;
  /** Header that named the API for a VPC endpoint DNS name (x-apigw-api-id or Host). */
  apiIdFrom?: string;
}

const EXECUTE_API = /^([a-z0-9]+)(?:-(vpce-[a-z0-9]+))?\.execute-api\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/;
const VPCE = /^(vpce-[a-z0-9]+)(?:-[a-z0-9]+)?(?:\.[a-z0-9-]+)?\.execute-api\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.vpce\.amazonaws\.com(?:\.cn)?$/;

const header = (headers: readonly HeaderField[], name: string): string | undefined => headers.find((h) => h.name.toLowerCase() === name)?.value.trim();

const segments = (path: string): string[] => path.split("/").filter((s) => s !== "");

/** Splits a path into the stage (first segment) and the rest. */
const splitStage = (path: string): { stage?: string; rest: string } => {
  const segs = segments(path);
  return segs.length === 0 ? { rest: "/" } : { stage: decodeURIComponent(segs[0]!), rest: `/${segs.slice(1).join("/")}` };
};

/** The mapping with the longest base path that prefixes the path ("" matches every path). */
export const matchMapping = (mappings: readonly Mapping[], path: string): { mapping: Mapping; rest: string } | undefined => {
  const segs = segments(path);
  const sorted = [...mappings].sort((a, b) => segments(b.basePath).length - segments(a.basePath).length);
  for (const m of sorted) {
    const base = segments(m.basePath);
    if (base.every((b, i) => segs[i] === b)) return { mapping: m, rest: `/${segs.slice(base.length).join("/")}` };
  }
  return undefined;
};

export const resolveTarget = (url: URL, headers: readonly HeaderField[], cfg: ApiGatewayConfig): Target => {
  const host = url.hostname.toLowerCase();
  const e = EXECUTE_API.exec(host);
  if (e) {
    const { stage, rest } = splitStage(url.pathname);
    return { via: "execute-api", host, apiId: e[1]!, region: e[3]!, ...(e[2] ? { vpceId: e[2] } : {}), ...(stage ? { stage } : {}), path: rest };
  }
  const v = VPCE.exec(host);
  if (v) {
    const { stage, rest } = splitStage(url.pathname);
    const byHeader = header(headers, "x-apigw-api-id");
    const byHost = EXECUTE_API.exec((header(headers, "host") ?? "").toLowerCase());
    const apiId = byHeader ?? byHost?.[1];
    return {
      via: "vpce",
      host,
      vpceId: v[1]!,
      region: v[2]!,
      ...(apiId ? { apiId, apiIdFrom: byHeader ? "x-apigw-api-id" : "Host" } : {}),
      ...(stage ? { stage } : {}),
      path: rest,
    };
  }
  const domain = cfg.domains?.find((d) => d.name === host);
  const target: Target = { via: "custom-domain", host, path: url.pathname || "/", ...(domain ? { domain } : {}) };
  const applies = cfg.mappings && (!cfg.mappingsDomain || cfg.mappingsDomain.toLowerCase() === host);
  if (applies) {
    const m = matchMapping(cfg.mappings!, url.pathname);
    if (m) {
      target.mapping = m.mapping;
      target.apiId = m.mapping.apiId;
      if (m.mapping.stage) target.stage = m.mapping.stage;
      target.path = m.rest;
    }
  }
  return target;
};

// ---- resources and routes ----

/** How specific a matching template segment is: a literal beats {param}, which beats {proxy+}. */
const segmentRank = (t: string): number => (/^\{[^}]+\+\}$/.test(t) ? 1 : /^\{[^}]+\}$/.test(t) ? 2 : 3);

/** Ranks of each template segment when the template matches the path, else undefined. */
const templateMatch = (template: string, path: string): number[] | undefined => {
  const t = segments(template);
  const p = segments(path);
  const ranks: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const rank = segmentRank(seg);
    if (rank === 1) {
      // a greedy {proxy+} takes one or more segments and must be last
      if (i !== t.length - 1 || p.length <= i) return undefined;
      ranks.push(1);
      return ranks;
    }
    const part = p[i];
    if (part === undefined) return undefined;
    if (rank === 3 && decodeURIComponent(part) !== seg) return undefined;
    ranks.push(rank);
  }
  return t.length === p.length ? ranks : undefined;
};

const compareRanks = (a: number[], b: number[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

export interface RouteMatch {
  /** The most specific resource path that matches, if any. */
  resourcePath?: string;
  /** The method on it (exact or ANY), if defined. */
  route?: Route;
  /** Methods defined on the matched resource. */
  methods: string[];
}

/** REST APIs pick the resource by path first, then look for the method on it (or ANY). */
export const matchRestRoute = (routes: readonly Route[], path: string, method: string): RouteMatch => {
  const paths = [...new Set(routes.map((r) => r.path))];
  let best: { path: string; ranks: number[] } | undefined;
  for (const p of paths) {
    const ranks = templateMatch(p, path);
    if (ranks && (!best || compareRanks(ranks, best.ranks) > 0)) best = { path: p, ranks };
  }
  if (!best) return { methods: [] };
  const on = routes.filter((r) => r.path === best.path);
  const route = on.find((r) => r.method === method.toUpperCase()) ?? on.find((r) => r.method === "ANY");
  return { resourcePath: best.path, methods: on.map((r) => r.method), ...(route ? { route } : {}) };
};

/** HTTP APIs pick the most specific route whose method fits, then fall back to $default. */
export const matchHttpRoute = (routes: readonly Route[], path: string, method: string): RouteMatch => {
  let best: { route: Route; ranks: number[] } | undefined;
  for (const r of routes) {
    if (r.path === "$default" || (r.method !== "ANY" && r.method !== method.toUpperCase())) continue;
    const ranks = templateMatch(r.path, path);
    if (!ranks) continue;
    // an exact method beats ANY on the same path
    const key = [...ranks, r.method === "ANY" ? 0 : 1];
    if (!best || compareRanks(key, best.ranks) > 0) best = { route: r, ranks: key };
  }
  const route = best?.route ?? routes.find((r) => r.path === "$default");
  return route ? { resourcePath: route.path, route, methods: [route.method] } : { methods: [] };
};
