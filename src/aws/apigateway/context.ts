// Everything one API Gateway check run looks at.
import type { Recorder } from "../../checks/finding.js";
import type { HeaderField } from "../../model/exchange.js";
import type { Api, ApiGatewayConfig, Stage } from "./model.js";
import type { RouteMatch, Target } from "./route.js";

export interface ApiGatewayRequest {
  url: URL;
  method: string;
  headers: HeaderField[];
  /** The caller's IAM ARN for the resource policy (--caller); anonymous when unsigned. */
  caller?: string;
  sourceIp?: string;
  /** PEM texts for the mutual TLS check. */
  clientCert?: string;
  truststore?: string;
}

export interface ApiGatewayContext {
  req: ApiGatewayRequest;
  cfg: ApiGatewayConfig;
  target: Target;
  api?: Api;
  stage?: Stage;
  match?: RouteMatch;
  now: Date;
  rec: Recorder;
  vars: Record<string, string>;
}

export const headerOf = (ctx: ApiGatewayContext, name: string): string | undefined =>
  ctx.req.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** The field of the API that a check reads, written for REST (camelCase) or HTTP APIs (PascalCase). */
export const apiField = (ctx: ApiGatewayContext, rest: string, http: string): string =>
  `${ctx.api?.source ?? "get-rest-api.json"}.${ctx.api?.kind === "REST" || !ctx.api ? rest : http}`;
