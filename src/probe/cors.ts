// The CORS experiments: the browser's preflight for the page's origin, and what its answer says
// (Access-Control-Allow-Origin missing, another origin, a trailing slash, * with credentials).
import type { ProbeFact } from "../model/probe-facts.js";
import { header, statusLine } from "./answers.js";
import type { ProbeRequest, ProbeResponse } from "./client.js";
import type { PlanContext, Reading } from "./context.js";
import { hasCredentials } from "./requests.js";

export function preflight(ctx: PlanContext, origin: string): ProbeRequest {
  const simple = /^(?:accept|accept-language|content-language|content-type|user-agent|referer|origin)$/;
  const extra = ctx.baseline.headers.map(([n]) => n.toLowerCase()).filter((n) => !simple.test(n) || (n === "content-type" && !/^(?:application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i.test(header(ctx.baseline.headers, "content-type") ?? "")));
  const headers: [string, string][] = ctx.baseline.headers.filter(([n]) => /^(?:user-agent|accept)$/i.test(n));
  headers.push(["Origin", origin], ["Access-Control-Request-Method", ctx.baseline.method]);
  if (extra.length > 0) headers.push(["Access-Control-Request-Headers", [...new Set(extra)].sort().join(",")]);
  // browsers send no credentials on a preflight
  return { method: "OPTIONS", url: ctx.baseline.url, headers, route: "normal", ...(ctx.spec.hostHeader ? { hostHeader: ctx.spec.hostHeader } : {}) };
}

export function readPreflight(ctx: PlanContext, res: ProbeResponse, origin: string, toggled: boolean): Reading {
  const acao = header(res.headers, "access-control-allow-origin")?.trim();
  const methods = header(res.headers, "access-control-allow-methods");
  const norm = (s: string) => s.toLowerCase();
  const credentialed = hasCredentials(ctx.baseline);
  const matches = acao !== undefined && (norm(acao) === norm(origin) || (acao === "*" && !credentialed));
  const methodOk = !methods || methods.trim() === "*" || methods.toUpperCase().split(/\s*,\s*/).includes(ctx.baseline.method) || ["GET", "HEAD", "POST"].includes(ctx.baseline.method);
  const allowed = res.status >= 200 && res.status < 300 && matches && methodOk;
  const slashed = acao !== undefined && norm(acao) === `${norm(origin).replace(/\/$/, "")}/` && !origin.endsWith("/");
  if (toggled) {
    const userHasNoSlash = !ctx.spec.origin!.endsWith("/");
    return allowed && userHasNoSlash
      ? { facts: ["origin-allowed-with-trailing-slash"], finding: `${statusLine(res)}, allowed as ${origin}: the allow-list holds the origin with a trailing slash, which browsers never send` }
      : { facts: [], finding: `${statusLine(res)}: ${allowed ? "allowed" : "refused"} with the slash toggled too` };
  }
  const facts: ProbeFact[] = [allowed ? "preflight-allowed" : "preflight-rejected"];
  if (slashed) facts.push("origin-allowed-with-trailing-slash");
  let why: string;
  if (allowed) why = `allowed (Access-Control-Allow-Origin: ${acao})`;
  else if (acao === undefined) why = `no Access-Control-Allow-Origin for ${origin}`;
  else if (slashed) why = `Access-Control-Allow-Origin is ${acao}, with a trailing slash: never equal to ${origin}`;
  else if (acao === "*" && credentialed) why = "Access-Control-Allow-Origin: * cannot be used with credentials";
  else if (!matches) why = `Access-Control-Allow-Origin is ${acao}, not ${origin}`;
  else why = `${ctx.baseline.method} is not in Access-Control-Allow-Methods (${methods ?? ""})`;
  return { facts, finding: `${statusLine(res)}: ${why}` };
}
