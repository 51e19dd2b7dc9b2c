// Does the deployed API have the path and method? REST APIs pick the resource by path and then the
// method (a miss is 403 Missing Authentication Token); HTTP APIs answer 404 for a missing route.
import { listOf, show } from "../../../checks/show.js";
import { headerOf, type ApiGatewayContext } from "../context.js";
import { matchHttpRoute, matchRestRoute } from "../route.js";

export const checkRestRoute = (ctx: ApiGatewayContext): void => {
  const routes = ctx.cfg.routes;
  const t = ctx.target;
  if (!routes) {
    ctx.rec.skip("resource", `get-resources.json (aws apigateway get-resources --rest-api-id ${t.apiId ?? "API_ID"} --embed methods) is missing`, "resourceMethods");
    return;
  }
  if (ctx.api?.kind === "HTTP" || ctx.api?.kind === "WEBSOCKET") {
    checkHttpRoute(ctx);
    return;
  }
  const m = matchRestRoute(routes, t.path, ctx.req.method);
  ctx.match = m;
  const auth = headerOf(ctx, "authorization");
  const nonSigV4 = auth !== undefined && !/^AWS4-/i.test(auth.trim());
  const message = nonSigV4
    ? `API Gateway tries to read the Authorization header as a signature and answers 403 IncompleteSignatureException ("Authorization header requires 'Credential' parameter…")`
    : `API Gateway answers 403 Missing Authentication Token`;
  const deploy = `aws apigateway create-deployment --rest-api-id ${t.apiId ?? "API_ID"} --stage-name ${t.stage ?? ctx.stage?.name ?? "STAGE"}`;
  if (!m.resourcePath) {
    const paths = [...new Set(routes.map((r) => r.path))];
    ctx.rec.fail({
      cause: "missing-auth-token",
      confidence: 0.9,
      decider: "aws-apigateway",
      check: "resource",
      path: "get-resources.json:items[].path",
      value: show(paths),
      detail: `no resource of the API matches ${t.path} (resources: ${listOf(paths)}): ${message}`,
      fix: [`Call an existing resource (paths are case-sensitive), or create ${t.path} and deploy it: ${deploy}.`],
      vars: { path: t.path, method: ctx.req.method },
    });
    return;
  }
  if (!m.route) {
    const resourceSource = routes.find((r) => r.path === m.resourcePath)?.source.replace(/\.resourceMethods\..*$/, "");
    ctx.rec.fail({
      cause: "missing-auth-token",
      confidence: 0.9,
      decider: "aws-apigateway",
      check: "method",
      path: `${resourceSource ?? "get-resources.json"}.resourceMethods`,
      value: show(m.methods),
      detail: `resource ${m.resourcePath} has no ${ctx.req.method} method (it has ${listOf(m.methods)}): ${message}`,
      fix: [`Call it with ${listOf(m.methods)}, or add a ${ctx.req.method} (or ANY) method and deploy: ${deploy}.`],
      vars: { path: t.path, method: ctx.req.method },
    });
    return;
  }
  ctx.rec.pass("resource", `${ctx.req.method} ${t.path} matches ${m.route.method} ${m.resourcePath}`, m.route.source);
  ctx.rec.note(`get-resources shows the API's current definition; stage ${t.stage ?? ctx.stage?.name ?? "?"} serves deployment ${ctx.stage?.deploymentId ?? "?"}: changes are live only after ${deploy}`);
};

const checkHttpRoute = (ctx: ApiGatewayContext): void => {
  const routes = ctx.cfg.routes ?? [];
  const m = matchHttpRoute(routes, ctx.target.path, ctx.req.method);
  ctx.match = m;
  if (!m.route) {
    ctx.rec.warn("route", `no route of the HTTP API matches ${ctx.req.method} ${ctx.target.path}: HTTP APIs answer 404 Not Found for that, not 403`, "get-routes.json:Items[].RouteKey");
    return;
  }
  ctx.rec.pass("route", `${ctx.req.method} ${ctx.target.path} matches route ${m.route.method} ${m.route.path}`, m.route.source);
};
