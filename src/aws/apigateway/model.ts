// API Gateway configuration as the checks see it: REST (apigateway) and HTTP (apigatewayv2) APIs
// in one shape. Each item keeps `source`, the file and field it came from, for evidence paths.

export type ApiKind = "REST" | "HTTP" | "WEBSOCKET";

export interface Api {
  id: string;
  name?: string;
  kind: ApiKind;
  /** REGIONAL, EDGE or PRIVATE (REST); HTTP APIs are regional. */
  endpointTypes: string[];
  vpcEndpointIds: string[];
  disableExecuteApiEndpoint: boolean;
  /** HEADER (x-api-key) or AUTHORIZER (the Lambda authorizer's usageIdentifierKey). */
  apiKeySource?: string;
  /** The resource policy, parsed (get-rest-api prints it as an escaped JSON string). */
  policy?: unknown;
  policyUnreadable?: boolean;
  source: string;
}

export interface Route {
  /** REST resource path (/pets/{petId}) or HTTP route path (/pets/{id}); "$default" for the catch-all route. */
  path: string;
  /** GET, POST … or ANY. */
  method: string;
  authorizationType: string;
  authorizerId?: string;
  /** undefined when get-resources was saved without --embed methods. */
  apiKeyRequired?: boolean;
  authorizationScopes: string[];
  source: string;
}

export interface Stage {
  name: string;
  deploymentId?: string;
  webAclArn?: string;
  clientCertificateId?: string;
  source: string;
}

export interface DomainName {
  name: string;
  endpointTypes: string[];
  truststoreUri?: string;
  truststoreWarnings: string[];
  source: string;
}

export interface Mapping {
  /** "" for the empty base path ("(none)"). */
  basePath: string;
  apiId: string;
  stage?: string;
  source: string;
}

export interface Authorizer {
  id: string;
  name?: string;
  /** TOKEN, REQUEST, COGNITO_USER_POOLS (REST); JWT, REQUEST (HTTP). */
  type: string;
  identitySources: string[];
  ttlSeconds?: number;
  jwtIssuer?: string;
  jwtAudience: string[];
  source: string;
}

export interface GatewayResponse {
  type: string;
  statusCode?: string;
  isDefault: boolean;
  source: string;
}

export interface ApiKey {
  id: string;
  name?: string;
  enabled: boolean;
  /** Only with get-api-keys --include-values; compared, never printed. */
  value?: string;
  stageKeys: string[];
  source: string;
}

export interface UsagePlan {
  id: string;
  name?: string;
  apiStages: { apiId: string; stage: string }[];
  source: string;
}

export interface VpcEndpoint {
  id: string;
  serviceName: string;
  privateDnsEnabled: boolean;
  source: string;
}

export interface ApiGatewayConfig {
  /** Where it came from: the directory, or "online". */
  origin: string;
  apis: Api[];
  /** The API that the per-API outputs (resources or routes, stages, authorizers, gateway responses) describe. */
  apiId?: string;
  routes?: Route[];
  stages?: Stage[];
  domains?: DomainName[];
  mappings?: Mapping[];
  /** The custom domain the mappings belong to, when known. */
  mappingsDomain?: string;
  authorizers?: Authorizer[];
  gatewayResponses?: GatewayResponse[];
  apiKeys?: ApiKey[];
  usagePlans?: UsagePlan[];
  /** Key ids per usage plan id (get-usage-plan-keys). */
  usagePlanKeys?: Map<string, string[]>;
  vpcEndpoints?: VpcEndpoint[];
  /** The files (commands) that were read. */
  read: string[];
}
