// `why403 aws apigateway`: the checks API Gateway applies to a request, in its order: endpoint
// and custom domain, stage, WAF, resource and method, authorization, API key, resource policy,
// then the gateway responses that shape the answer.
import { Recorder, runSteps } from "../../checks/finding.js";
import { buildCheckReport } from "../../checks/report.js";
import { parseRequestUrl } from "../../checks/url.js";
import { loadCatalog } from "../../knowledge/catalog.js";
import type { HeaderField } from "../../model/exchange.js";
import type { Report } from "../../model/report.js";
import { Redactor } from "../../redact/redactor.js";
import { checkApiKey, checkAuthorization } from "./checks/auth.js";
import { checkCustomDomain, checkDefaultEndpoint, checkMutualTls, checkPrivateEndpoint, checkStage, checkWaf } from "./checks/endpoint.js";
import { checkResourcePolicy } from "./checks/policy.js";
import { checkGatewayResponses } from "./checks/responses.js";
import { checkRestRoute } from "./checks/route.js";
import type { ApiGatewayContext } from "./context.js";
import type { ApiGatewayConfig } from "./model.js";
import { clientCertProblem } from "./mtls.js";
import { resolveTarget } from "./route.js";

export interface ApiGatewayCheckInput {
  file: string;
  url: string;
  method?: string;
  headers?: HeaderField[];
  cfg: ApiGatewayConfig;
  /** The API's region when the URL does not say (custom domains). */
  region?: string;
  caller?: string;
  sourceIp?: string;
  clientCert?: string;
  truststore?: string;
  now?: Date;
  showSecrets?: boolean;
  notes?: string[];
}

/**
 * The per-API outputs describe one API; when the URL reaches another, they are set aside and
 * only the account-wide ones (domains, mappings, keys, plans, VPC endpoints) are used.
 */
const forApi = (cfg: ApiGatewayConfig, apiId: string | undefined, rec: Recorder): ApiGatewayConfig => {
  if (!apiId || !cfg.apiId || cfg.apiId === apiId) return cfg;
  rec.note(`the resources, stages, authorizers and gateway responses read describe API ${cfg.apiId}; the URL reaches API ${apiId}: those checks are skipped`);
  const { routes: _r, stages: _s, authorizers: _a, gatewayResponses: _g, ...rest } = cfg;
  return rest;
};

/** Without an API id in the URL (a VPC endpoint name without x-apigw-api-id), the one private API is meant. */
const onlyPrivate = (cfg: ApiGatewayConfig) => {
  const priv = cfg.apis.filter((a) => a.endpointTypes.includes("PRIVATE"));
  return priv.length === 1 ? priv[0] : undefined;
};

export const checkApiGateway = (input: ApiGatewayCheckInput): Report => {
  const url = parseRequestUrl(input.url);
  const redactor = new Redactor(!input.showSecrets);
  const rec = new Recorder();
  for (const n of input.notes ?? []) rec.note(n);
  const headers = input.headers ?? [];
  const target = resolveTarget(url, headers, input.cfg);
  if (!target.region && input.region) target.region = input.region;
  // a VPC endpoint name without x-apigw-api-id names no API: the one (private) API read is meant
  const unnamed = !target.apiId && target.via === "vpce";
  const api = input.cfg.apis.find((a) => a.id === target.apiId) ?? (unnamed ? (input.cfg.apis.length === 1 ? input.cfg.apis[0] : onlyPrivate(input.cfg)) : undefined);
  if (target.apiId && !api && input.cfg.apis.length > 0) {
    rec.note(`the URL reaches API ${target.apiId}, but the files describe ${input.cfg.apis.map((a) => a.id).join(", ")}: checks of the API itself are skipped`);
  }
  const cfg = forApi(input.cfg, target.apiId ?? api?.id, rec);
  const shownUrl = redactor.text(url.href);
  const ctx: ApiGatewayContext = {
    req: {
      url,
      method: (input.method ?? "GET").toUpperCase(),
      headers,
      ...(input.caller ? { caller: input.caller } : {}),
      ...(input.sourceIp ? { sourceIp: input.sourceIp } : {}),
      ...(input.clientCert ? { clientCert: input.clientCert } : {}),
      ...(input.truststore ? { truststore: input.truststore } : {}),
    },
    cfg,
    target,
    ...(api ? { api } : {}),
    now: input.now ?? new Date(),
    rec,
    vars: {
      url: shownUrl,
      host: url.host,
      method: (input.method ?? "GET").toUpperCase(),
      path: url.pathname,
      ...(target.apiId ? { apiId: target.apiId } : {}),
      ...(target.region ? { region: target.region } : {}),
      ...(target.stage ? { stage: target.stage } : {}),
    },
  };
  runSteps(rec, [
    { id: "endpoint", run: () => (checkDefaultEndpoint(ctx), checkPrivateEndpoint(ctx)) },
    { id: "custom-domain", run: () => (checkCustomDomain(ctx), checkMutualTls(ctx, clientCertProblem)) },
    { id: "stage", run: () => checkStage(ctx) },
    { id: "waf", run: () => checkWaf(ctx) },
    { id: "resource", run: () => checkRestRoute(ctx) },
    { id: "resource-policy", run: () => checkResourcePolicy(ctx) },
    { id: "authorization", run: () => checkAuthorization(ctx) },
    { id: "api-key", run: () => checkApiKey(ctx) },
  ]);
  checkGatewayResponses(ctx);
  rec.note(`read: ${input.cfg.read.join(", ") || "nothing"}`);
  return buildCheckReport(
    {
      file: input.file,
      inputKind: "apigateway-config",
      service: "aws-apigateway",
      request: { method: ctx.req.method, url: shownUrl },
      run: rec.run,
      vars: ctx.vars,
      redactor,
    },
    loadCatalog(),
  );
};
