// Reads what the AWS CLI prints for API Gateway, one JSON file per command, named after it.
// REST (apigateway) and HTTP (apigatewayv2) shapes, AWS CLI v1 (epoch numbers) and v2 (ISO
// dates) alike; a missing file only disables the checks that need it.
import { WhyError } from "../../model/errors.js";
import type { Api, ApiGatewayConfig, ApiKey, Authorizer, DomainName, GatewayResponse, Mapping, Route, Stage, UsagePlan, VpcEndpoint } from "./model.js";

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);

/** The list of a list command: `items` (REST), `item` (get-stages), `Items` (HTTP APIs). */
const itemsOf = (json: unknown, file: string): { key: string; list: Json[] } => {
  if (!isObject(json)) throw new WhyError("CONFIG_INVALID", `${file}: expected the JSON object the AWS CLI prints`);
  for (const key of ["items", "item", "Items", "VpcEndpoints"]) {
    const v = json[key];
    if (Array.isArray(v)) return { key, list: v.filter(isObject) };
  }
  // an empty list prints as {} with some CLI versions
  if (Object.keys(json).length === 0) return { key: "items", list: [] };
  throw new WhyError("CONFIG_INVALID", `${file}: no items list (is this the output of aws ${file.replace(/\.json$/, "").replace(/\..*$/, "")}?)`);
};

/** get-rest-api prints the resource policy as a JSON string with escaped quotes and slashes. */
export const parsePolicyString = (raw: string): unknown => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return JSON.parse(raw.replace(/\\"/g, '"').replace(/\\\//g, "/").replace(/\\\\/g, "\\")) as unknown;
  }
};

const restApi = (j: Json, source: string): Api => {
  const ec = isObject(j.endpointConfiguration) ? j.endpointConfiguration : {};
  const api: Api = {
    id: str(j.id) ?? "",
    kind: "REST",
    endpointTypes: strs(ec.types),
    vpcEndpointIds: strs(ec.vpcEndpointIds),
    disableExecuteApiEndpoint: bool(j.disableExecuteApiEndpoint) ?? false,
    source,
  };
  if (str(j.name)) api.name = str(j.name)!;
  if (str(j.apiKeySource)) api.apiKeySource = str(j.apiKeySource)!;
  const policy = str(j.policy);
  if (policy) {
    try {
      api.policy = parsePolicyString(policy);
    } catch {
      api.policyUnreadable = true;
    }
  }
  return api;
};

const httpApi = (j: Json, source: string): Api => {
  const api: Api = {
    id: str(j.ApiId) ?? "",
    kind: str(j.ProtocolType) === "WEBSOCKET" ? "WEBSOCKET" : "HTTP",
    endpointTypes: ["REGIONAL"],
    vpcEndpointIds: [],
    disableExecuteApiEndpoint: bool(j.DisableExecuteApiEndpoint) ?? false,
    source,
  };
  if (str(j.Name)) api.name = str(j.Name)!;
  return api;
};

const resources = (list: Json[], file: string): Route[] =>
  list.flatMap((r, i) => {
    const path = str(r.path) ?? "/";
    const methods = isObject(r.resourceMethods) ? r.resourceMethods : {};
    return Object.entries(methods).map(([method, m]): Route => {
      const mm = isObject(m) ? m : {};
      const route: Route = {
        path,
        method: method.toUpperCase(),
        authorizationType: str(mm.authorizationType) ?? (Object.keys(mm).length === 0 ? "UNKNOWN" : "NONE"),
        authorizationScopes: strs(mm.authorizationScopes),
        source: `${file}:items[${i}].resourceMethods.${method}`,
      };
      if (str(mm.authorizerId)) route.authorizerId = str(mm.authorizerId)!;
      const k = bool(mm.apiKeyRequired);
      if (k !== undefined) route.apiKeyRequired = k;
      return route;
    });
  });

const routes = (list: Json[], file: string): Route[] =>
  list.map((r, i) => {
    const key = str(r.RouteKey) ?? "";
    const [method, path] = key === "$default" ? ["ANY", "$default"] : key.split(/\s+/, 2);
    const route: Route = {
      path: path ?? "/",
      method: (method ?? "ANY").toUpperCase(),
      authorizationType: str(r.AuthorizationType) ?? "NONE",
      authorizationScopes: strs(r.AuthorizationScopes),
      apiKeyRequired: bool(r.ApiKeyRequired) ?? false,
      source: `${file}:Items[${i}]`,
    };
    if (str(r.AuthorizerId)) route.authorizerId = str(r.AuthorizerId)!;
    return route;
  });

const stages = (list: Json[], file: string, key: string): Stage[] =>
  list.map((s, i) => {
    const st: Stage = { name: str(s.stageName) ?? str(s.StageName) ?? "", source: `${file}:${key}[${i}]` };
    const dep = str(s.deploymentId) ?? str(s.DeploymentId);
    if (dep) st.deploymentId = dep;
    if (str(s.webAclArn)) st.webAclArn = str(s.webAclArn)!;
    if (str(s.clientCertificateId)) st.clientCertificateId = str(s.clientCertificateId)!;
    return st;
  });

const domains = (list: Json[], file: string, key: string): DomainName[] =>
  list.map((d, i) => {
    const mtls = isObject(d.mutualTlsAuthentication) ? d.mutualTlsAuthentication : isObject(d.MutualTlsAuthentication) ? d.MutualTlsAuthentication : {};
    const ec = isObject(d.endpointConfiguration) ? strs(d.endpointConfiguration.types) : [];
    const v2 = Array.isArray(d.DomainNameConfigurations) ? d.DomainNameConfigurations.filter(isObject).map((c) => str(c.EndpointType) ?? "REGIONAL") : [];
    const dn: DomainName = {
      name: (str(d.domainName) ?? str(d.DomainName) ?? "").toLowerCase(),
      endpointTypes: ec.length > 0 ? ec : v2,
      truststoreWarnings: strs(mtls.truststoreWarnings ?? mtls.TruststoreWarnings),
      source: `${file}:${key}[${i}]`,
    };
    const uri = str(mtls.truststoreUri) ?? str(mtls.TruststoreUri);
    if (uri) dn.truststoreUri = uri;
    return dn;
  });

const mappings = (list: Json[], file: string, key: string): Mapping[] =>
  list.map((m, i) => {
    const raw = str(m.basePath) ?? str(m.ApiMappingKey) ?? "";
    const mp: Mapping = { basePath: raw === "(none)" ? "" : raw.replace(/^\/+|\/+$/g, ""), apiId: str(m.restApiId) ?? str(m.ApiId) ?? "", source: `${file}:${key}[${i}]` };
    const stage = str(m.stage) ?? str(m.Stage);
    if (stage) mp.stage = stage;
    return mp;
  });

const authorizers = (list: Json[], file: string, key: string): Authorizer[] =>
  list.map((a, i) => {
    const jwt = isObject(a.JwtConfiguration) ? a.JwtConfiguration : {};
    const sources = a.identitySource !== undefined ? strs(a.identitySource).flatMap((s) => s.split(/\s*,\s*/)) : strs(a.IdentitySource);
    const au: Authorizer = {
      id: str(a.id) ?? str(a.AuthorizerId) ?? "",
      type: str(a.type) ?? str(a.AuthorizerType) ?? "",
      identitySources: sources.filter(Boolean),
      jwtAudience: strs(jwt.Audience),
      source: `${file}:${key}[${i}]`,
    };
    const name = str(a.name) ?? str(a.Name);
    if (name) au.name = name;
    const ttl = a.authorizerResultTtlInSeconds ?? a.AuthorizerResultTtlInSeconds;
    if (typeof ttl === "number") au.ttlSeconds = ttl;
    if (str(jwt.Issuer)) au.jwtIssuer = str(jwt.Issuer)!;
    return au;
  });

const gatewayResponses = (list: Json[], file: string): GatewayResponse[] =>
  list.map((g, i) => {
    const r: GatewayResponse = { type: str(g.responseType) ?? "", isDefault: bool(g.defaultResponse) ?? false, source: `${file}:items[${i}]` };
    if (str(g.statusCode)) r.statusCode = str(g.statusCode)!;
    return r;
  });

const apiKeys = (list: Json[], file: string): ApiKey[] =>
  list.map((k, i) => {
    const key: ApiKey = { id: str(k.id) ?? "", enabled: bool(k.enabled) ?? true, stageKeys: strs(k.stageKeys), source: `${file}:items[${i}]` };
    if (str(k.name)) key.name = str(k.name)!;
    if (str(k.value)) key.value = str(k.value)!;
    return key;
  });

const usagePlans = (list: Json[], file: string): UsagePlan[] =>
  list.map((p, i) => {
    const plan: UsagePlan = {
      id: str(p.id) ?? "",
      apiStages: (Array.isArray(p.apiStages) ? p.apiStages.filter(isObject) : []).map((s) => ({ apiId: str(s.apiId) ?? "", stage: str(s.stage) ?? "" })),
      source: `${file}:items[${i}]`,
    };
    if (str(p.name)) plan.name = str(p.name)!;
    return plan;
  });

const vpcEndpoints = (list: Json[], file: string): VpcEndpoint[] =>
  list.map((e, i) => ({
    id: str(e.VpcEndpointId) ?? "",
    serviceName: str(e.ServiceName) ?? "",
    privateDnsEnabled: bool(e.PrivateDnsEnabled) ?? false,
    source: `${file}:VpcEndpoints[${i}]`,
  }));

/** The command outputs, by file name; what is absent stays undefined. */
export type ConfigFiles = ReadonlyMap<string, unknown>;

/** Builds the configuration from the parsed files (offline: a directory; online: the SDK answers). */
export const buildConfig = (files: ConfigFiles, origin: string, mappingsDomain?: string): ApiGatewayConfig => {
  const cfg: ApiGatewayConfig = { origin, apis: [], read: [...files.keys()].sort() };
  const list = (name: string) => (files.has(name) ? itemsOf(files.get(name), name) : undefined);
  const one = (name: string): Json | undefined => {
    if (!files.has(name)) return undefined;
    const v = files.get(name);
    if (!isObject(v)) throw new WhyError("CONFIG_INVALID", `${name}: expected a JSON object`);
    return v;
  };
  const rest = one("get-rest-api.json");
  if (rest) cfg.apis.push(restApi(rest, "get-rest-api.json"));
  for (const [i, a] of (list("get-rest-apis.json")?.list ?? []).entries()) {
    if (!cfg.apis.some((x) => x.id === a.id)) cfg.apis.push(restApi(a, `get-rest-apis.json:items[${i}]`));
  }
  const http = one("get-api.json");
  if (http) cfg.apis.push(httpApi(http, "get-api.json"));
  for (const [i, a] of (list("get-apis.json")?.list ?? []).entries()) {
    if (!cfg.apis.some((x) => x.id === a.ApiId)) cfg.apis.push(httpApi(a, `get-apis.json:Items[${i}]`));
  }
  const perApi = str(rest?.id) ?? str(http?.ApiId);
  if (perApi) cfg.apiId = perApi;
  const res = list("get-resources.json");
  const r = res ? undefined : list("get-routes.json");
  if (res) cfg.routes = resources(res.list, "get-resources.json");
  else if (r) cfg.routes = routes(r.list, "get-routes.json");
  const st = list("get-stages.json");
  if (st) cfg.stages = stages(st.list, "get-stages.json", st.key);
  const dn = list("get-domain-names.json");
  if (dn) cfg.domains = domains(dn.list, "get-domain-names.json", dn.key);
  // mappings are per domain: get-base-path-mappings.DOMAIN.json, or the plain name for the one domain
  const perDomain = mappingsDomain ? [`get-base-path-mappings.${mappingsDomain}.json`, `get-api-mappings.${mappingsDomain}.json`] : [];
  const mappingFile = [...perDomain, "get-base-path-mappings.json", "get-api-mappings.json"].find((n) => files.has(n));
  if (mappingFile) {
    const bm = itemsOf(files.get(mappingFile), mappingFile);
    cfg.mappings = mappings(bm.list, mappingFile, bm.key);
    if (perDomain.includes(mappingFile) || (mappingsDomain && cfg.origin.startsWith("online"))) cfg.mappingsDomain = mappingsDomain!;
  }
  const au = list("get-authorizers.json");
  if (au) cfg.authorizers = authorizers(au.list, "get-authorizers.json", au.key);
  const gr = list("get-gateway-responses.json");
  if (gr) cfg.gatewayResponses = gatewayResponses(gr.list, "get-gateway-responses.json");
  const keys = list("get-api-keys.json");
  if (keys) cfg.apiKeys = apiKeys(keys.list, "get-api-keys.json");
  const plans = list("get-usage-plans.json");
  if (plans) cfg.usagePlans = usagePlans(plans.list, "get-usage-plans.json");
  // get-usage-plan-keys is per plan: get-usage-plan-keys.PLAN_ID.json, or the plain name when there is one plan
  for (const name of [...files.keys()].filter((k) => /^get-usage-plan-keys(?:\.[^.]+)?\.json$/.test(k))) {
    const planId = /^get-usage-plan-keys\.([^.]+)\.json$/.exec(name)?.[1] ?? (cfg.usagePlans?.length === 1 ? cfg.usagePlans[0]!.id : undefined);
    if (!planId) continue;
    cfg.usagePlanKeys ??= new Map();
    cfg.usagePlanKeys.set(planId, itemsOf(files.get(name), name).list.map((k) => str(k.id) ?? ""));
  }
  const vpce = list("describe-vpc-endpoints.json");
  if (vpce) cfg.vpcEndpoints = vpcEndpoints(vpce.list, "describe-vpc-endpoints.json");
  return cfg;
};

/** The file names this command reads from a directory. */
export const CONFIG_FILE_NAMES = [
  "get-rest-apis.json",
  "get-rest-api.json",
  "get-resources.json",
  "get-stages.json",
  "get-domain-names.json",
  "get-base-path-mappings.json",
  "get-authorizers.json",
  "get-gateway-responses.json",
  "get-api-keys.json",
  "get-usage-plans.json",
  "get-usage-plan-keys.json",
  "describe-vpc-endpoints.json",
  "get-apis.json",
  "get-api.json",
  "get-routes.json",
  "get-api-mappings.json",
] as const;
