// Building an experiment's request from the user's: change one thing, keep the rest (headers,
// query, route), never the method of a request that was not GET.
import { CREDENTIAL_HEADERS } from "../signals/derived.js";
import type { ProbeRequest } from "./client.js";
import type { PlanContext } from "./context.js";

export const withHeaders = (req: ProbeRequest, headers: [string, string][]): ProbeRequest => ({ ...req, headers });
export const without = (req: ProbeRequest, test: (name: string) => boolean): ProbeRequest => withHeaders(req, req.headers.filter(([n]) => !test(n.toLowerCase())));
export const replacing = (req: ProbeRequest, name: string, value: string): ProbeRequest =>
  withHeaders(req, [...req.headers.filter(([n]) => n.toLowerCase() !== name), [name === "user-agent" ? "User-Agent" : name, value]]);

/** A GET of another path (and query) on the same origin, keeping the user's headers, no body. */
export const getPath = (ctx: PlanContext, pathAndQuery: string): ProbeRequest => {
  const url = new URL(pathAndQuery, ctx.baseline.url);
  const { body: _body, ...rest } = ctx.baseline;
  const req: ProbeRequest = { ...rest, method: "GET", url };
  return without(req, (n) => n === "content-type" || n === "content-length");
};

export const sameAsBaselineGet = (ctx: PlanContext): ProbeRequest => getPath(ctx, `${ctx.baseline.url.pathname}${ctx.baseline.url.search}`);

export const dirOf = (path: string): string => path.slice(0, path.lastIndexOf("/") + 1);

export const hasCredentials = (req: ProbeRequest): boolean => req.headers.some(([n]) => CREDENTIAL_HEADERS.test(n));

export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function toggleSlash(s: string): string {
  return s.endsWith("/") ? s.slice(0, -1) : `${s}/`;
}

export function otherName(url: URL): string {
  const h = url.hostname;
  const name = h.startsWith("www.") ? h.slice(4) : `www.${h}`;
  return url.port ? `${name}:${url.port}` : name;
}

/** The user's request when its method is safe; a GET of the same URL when it is not (never varied). */
export function safeBaseline(ctx: PlanContext): ProbeRequest {
  return ["GET", "HEAD", "OPTIONS"].includes(ctx.baseline.method) ? ctx.baseline : sameAsBaselineGet(ctx);
}
