// How the request reaches the API: the default execute-api endpoint (maybe disabled), a VPC
// endpoint (private APIs, private DNS), or a custom domain (mapping, stage kept in the URL).
import { listOf, show } from "../../../checks/show.js";
import { apiField, type ApiGatewayContext } from "../context.js";
import { matchRestRoute } from "../route.js";

const invokeUrl = (ctx: ApiGatewayContext, stage = ctx.target.stage ?? "STAGE"): string =>
  `https://${ctx.target.apiId ?? "API_ID"}.execute-api.${ctx.target.region ?? "REGION"}.amazonaws.com/${stage}${ctx.target.path === "/" ? "/" : ctx.target.path}`;

export const checkDefaultEndpoint = (ctx: ApiGatewayContext): void => {
  const api = ctx.api;
  if (!api || ctx.target.via !== "execute-api") return;
  const path = apiField(ctx, "disableExecuteApiEndpoint", "DisableExecuteApiEndpoint");
  if (!api.disableExecuteApiEndpoint) {
    ctx.rec.pass("default-endpoint", "the default execute-api endpoint is enabled", path);
    return;
  }
  ctx.rec.fail({
    cause: "wrong-endpoint",
    confidence: 0.92,
    decider: "aws-apigateway",
    check: "default-endpoint",
    path,
    value: "true",
    detail: `the API's default endpoint is disabled, and ${ctx.target.host} is that endpoint: API Gateway answers 403 Forbidden`,
    fix: ["Call the API through its custom domain name (without the stage in the path), or set disableExecuteApiEndpoint to false and redeploy."],
    verify: ["aws apigateway get-base-path-mappings --domain-name DOMAIN (the custom domain that serves this API)"],
  });
};

const privateApiPath = (ctx: ApiGatewayContext): string => apiField(ctx, "endpointConfiguration.types", "endpointConfiguration.types");

export const checkPrivateEndpoint = (ctx: ApiGatewayContext): void => {
  const api = ctx.api;
  const t = ctx.target;
  const isPrivate = api?.endpointTypes.includes("PRIVATE") ?? false;
  if (t.via === "vpce") {
    if (!t.apiId) {
      ctx.rec.fail({
        cause: "wrong-endpoint",
        confidence: 0.9,
        decider: "aws-apigateway",
        check: "private-endpoint",
        path: privateApiPath(ctx),
        value: show(api?.endpointTypes ?? ["PRIVATE"]),
        detail: `${t.host} is a VPC endpoint's DNS name, and the request names no API: without x-apigw-api-id (or Host: API_ID.execute-api.${t.region}.amazonaws.com) API Gateway answers 403 Forbidden`,
        fix: [`Add -H 'x-apigw-api-id: ${api?.id ?? "API_ID"}' (or Host: ${api?.id ?? "API_ID"}.execute-api.${t.region}.amazonaws.com) when calling ${t.host}.`],
      });
      return;
    }
    if (api && !isPrivate) {
      ctx.rec.fail({
        cause: "wrong-endpoint",
        confidence: 0.85,
        decider: "aws-apigateway",
        check: "private-endpoint",
        path: privateApiPath(ctx),
        value: show(api.endpointTypes),
        detail: `the API is ${listOf(api.endpointTypes)}, not PRIVATE: an interface VPC endpoint only serves private APIs`,
        fix: ["Call the Regional endpoint from outside the endpoint (disable private DNS on the interface endpoint, or use a NAT), or make the API PRIVATE."],
      });
      return;
    }
    ctx.rec.pass("private-endpoint", `the VPC endpoint DNS name names API ${t.apiId} with ${t.apiIdFrom}`, privateApiPath(ctx));
    return;
  }
  if (!api || !isPrivate) {
    checkRegionalFromVpc(ctx);
    return;
  }
  if (t.via === "custom-domain") return;
  const endpoints = (ctx.cfg.vpcEndpoints ?? []).filter((e) => e.serviceName.endsWith(".execute-api"));
  if (ctx.cfg.vpcEndpoints && endpoints.length > 0 && endpoints.every((e) => !e.privateDnsEnabled)) {
    const e = endpoints[0]!;
    ctx.rec.fail({
      cause: "wrong-endpoint",
      confidence: 0.8,
      decider: "aws-apigateway",
      check: "private-endpoint",
      path: `${e.source}.PrivateDnsEnabled`,
      value: "false",
      detail: `the API is PRIVATE and is called by its public DNS name, but the execute-api interface endpoint ${e.id} has private DNS off: the name resolves to the public API Gateway, which refuses private APIs`,
      fix: [`Call https://${e.id}-….execute-api.${t.region}.vpce.amazonaws.com/${t.stage ?? "STAGE"}${t.path} with -H 'x-apigw-api-id: ${api.id}', or turn on private DNS for ${e.id}.`],
    });
    return;
  }
  ctx.rec.warn("private-endpoint", `the API is PRIVATE: ${t.host} resolves to it only inside a VPC whose execute-api interface endpoint has private DNS on (describe-vpc-endpoints.json shows the endpoints)`, privateApiPath(ctx));
};

/** A Regional API called from a VPC whose execute-api endpoint has private DNS on goes to that endpoint. */
const checkRegionalFromVpc = (ctx: ApiGatewayContext): void => {
  const dns = (ctx.cfg.vpcEndpoints ?? []).find((e) => e.serviceName.endsWith(".execute-api") && e.privateDnsEnabled);
  if (!dns || ctx.target.via !== "execute-api" || !ctx.api) return;
  ctx.rec.fail({
    cause: "wrong-endpoint",
    confidence: 0.45,
    decider: "aws-apigateway",
    check: "private-dns",
    path: `${dns.source}.PrivateDnsEnabled`,
    value: "true",
    detail: `interface endpoint ${dns.id} has private DNS on: from its VPC, ${ctx.target.host} resolves to the endpoint, which serves only private APIs, and this API is ${listOf(ctx.api.endpointTypes)}`,
    fix: ["From that VPC, call the Regional API through a custom domain name or turn private DNS off on the endpoint (then use the endpoint's own DNS names for private APIs)."],
  });
};

export const checkCustomDomain = (ctx: ApiGatewayContext): void => {
  const t = ctx.target;
  if (t.via !== "custom-domain") return;
  if (ctx.cfg.domains && !t.domain) {
    ctx.rec.fail({
      cause: "host-not-configured",
      confidence: 0.6,
      decider: "aws-apigateway",
      check: "custom-domain",
      path: "get-domain-names.json:items[].domainName",
      value: show(ctx.cfg.domains.map((d) => d.name)),
      detail: `${t.host} is not one of the account's custom domain names (${listOf(ctx.cfg.domains.map((d) => d.name))}) in this region`,
      fix: [`Create the custom domain name ${t.host} (with its certificate) and map it to the API stage, or call a domain that exists.`],
    });
    return;
  }
  if (!ctx.cfg.mappings) {
    ctx.rec.skip("base-path-mapping", `get-base-path-mappings.json (aws apigateway get-base-path-mappings --domain-name ${t.host}) is missing`, "basePath");
    return;
  }
  if (!t.mapping) {
    const bases = ctx.cfg.mappings.map((m) => (m.basePath === "" ? "(none)" : m.basePath));
    ctx.rec.fail({
      cause: "host-not-configured",
      confidence: 0.9,
      decider: "aws-apigateway",
      check: "base-path-mapping",
      path: `${ctx.cfg.mappings[0]?.source.replace(/\[\d+\]$/, "[]") ?? "get-base-path-mappings.json:items[]"}.basePath`,
      value: show(bases),
      detail: bases.length === 0 ? `${t.host} has no API mappings: API Gateway answers 403 Forbidden` : `no base path of ${t.host} (${listOf(bases)}) matches ${ctx.req.url.pathname}: API Gateway answers 403 Forbidden`,
      fix: [`Map the path: aws apigateway create-base-path-mapping --domain-name ${t.host} --rest-api-id API_ID --stage STAGE${bases.length > 0 ? " --base-path BASE" : ""}, or call a path under ${listOf(bases.map((b) => (b === "(none)" ? "/" : `/${b}/`)))}.`],
      vars: { host: t.host },
    });
    return;
  }
  ctx.rec.pass("base-path-mapping", `base path ${t.mapping.basePath === "" ? "(none)" : t.mapping.basePath} maps ${t.host} to API ${t.mapping.apiId}, stage ${t.mapping.stage ?? "?"}`, `${t.mapping.source}.basePath`);
  checkStageInDomainUrl(ctx);
};

/** With a mapping, the stage comes from the mapping: a stage kept in the URL becomes part of the path. */
const checkStageInDomainUrl = (ctx: ApiGatewayContext): void => {
  const t = ctx.target;
  const first = t.path.split("/").filter(Boolean)[0];
  const stageNames = new Set([...(ctx.cfg.stages ?? []).map((s) => s.name), ...(t.mapping?.stage ? [t.mapping.stage] : [])]);
  if (!first || !stageNames.has(first)) return;
  const withoutStage = `/${t.path.split("/").filter(Boolean).slice(1).join("/")}`;
  const routes = ctx.cfg.routes && (!ctx.cfg.apiId || ctx.cfg.apiId === t.apiId) ? ctx.cfg.routes : undefined;
  // when the API has a resource named like the stage, the path may be right
  if (routes && matchRestRoute(routes, t.path, ctx.req.method).route) return;
  const mapping = t.mapping!;
  ctx.rec.fail({
    cause: "wrong-endpoint",
    confidence: 0.85,
    decider: "aws-apigateway",
    check: "stage-in-domain-url",
    path: `${mapping.source}.basePath`,
    value: show({ basePath: mapping.basePath === "" ? "(none)" : mapping.basePath, stage: mapping.stage }),
    detail: `the URL keeps the stage "${first}" after the base path, but the mapping already selects stage ${mapping.stage ?? "?"}: API Gateway looks for a resource ${t.path} and answers Missing Authentication Token`,
    fix: [`Drop the stage from the URL: https://${t.host}${mapping.basePath ? `/${mapping.basePath}` : ""}${withoutStage}`],
    verify: [`curl -si https://${t.host}${mapping.basePath ? `/${mapping.basePath}` : ""}${withoutStage} (expect the integration's answer)`],
  });
};

export const checkStage = (ctx: ApiGatewayContext): void => {
  const t = ctx.target;
  const stages = ctx.cfg.stages;
  const http = ctx.api?.kind === "HTTP";
  if (t.via === "custom-domain") {
    if (stages && t.mapping?.stage && !stages.some((s) => s.name === t.mapping!.stage)) {
      ctx.rec.fail({
        cause: "wrong-endpoint",
        confidence: 0.8,
        decider: "aws-apigateway",
        check: "stage",
        path: `${t.mapping.source}.stage`,
        value: t.mapping.stage,
        detail: `the mapping points at stage ${t.mapping.stage}, which the API does not have (stages: ${listOf(stages.map((s) => s.name))})`,
        fix: [`Point the mapping at an existing stage: aws apigateway update-base-path-mapping --domain-name ${t.host} --base-path ${t.mapping.basePath || "(none)"} --patch-operations op=replace,path=/stage,value=STAGE`],
      });
    }
    ctx.stage = stages?.find((s) => s.name === t.mapping?.stage);
    return;
  }
  if (!stages) {
    ctx.rec.skip("stage", "get-stages.json is missing: the stage in the URL is not checked", "stageName");
    return;
  }
  const names = stages.map((s) => s.name);
  const stagesPath = `${stages[0]?.source.replace(/\[\d+\]$/, "[]") ?? "get-stages.json:item[]"}.${http ? "StageName" : "stageName"}`;
  if (http && names.includes("$default") && (!t.stage || !names.includes(t.stage))) {
    // the $default stage serves the URL without a stage segment
    t.path = `/${[t.stage, ...t.path.split("/").filter(Boolean)].filter(Boolean).join("/")}`;
    delete t.stage;
    ctx.stage = stages.find((s) => s.name === "$default");
    ctx.rec.pass("stage", "the $default stage serves paths without a stage segment", stagesPath);
    return;
  }
  const found = stages.find((s) => s.name === t.stage);
  if (found) {
    ctx.stage = found;
    ctx.rec.pass("stage", `stage ${found.name} exists`, stagesPath);
    return;
  }
  const caseOnly = t.stage ? names.find((n) => n.toLowerCase() === t.stage!.toLowerCase()) : undefined;
  ctx.rec.fail({
    cause: "wrong-endpoint",
    confidence: t.stage ? 0.92 : 0.85,
    decider: "aws-apigateway",
    check: "stage",
    path: stagesPath,
    value: show(names),
    detail: t.stage
      ? `the URL's stage "${t.stage}" does not exist (stages: ${listOf(names)})${caseOnly ? `; stage names are case-sensitive: ${caseOnly}` : ""}: API Gateway answers 403 Forbidden`
      : `the URL has no stage (stages: ${listOf(names)}): API Gateway answers 403 Forbidden`,
    fix: [`Call ${invokeUrl(ctx, caseOnly ?? names[0] ?? "STAGE")}${t.stage ? "" : " (the stage is the first path segment)"}.`],
    vars: { stage: caseOnly ?? names[0] ?? "STAGE" },
  });
};

export const checkWaf = (ctx: ApiGatewayContext): void => {
  const s = ctx.stage;
  if (!s) return;
  const path = `${s.source}.webAclArn`;
  if (!s.webAclArn) {
    ctx.rec.pass("waf", `no AWS WAF web ACL is associated with stage ${s.name}`, path);
    return;
  }
  ctx.rec.fail({
    cause: "waf-rule",
    confidence: 0.35,
    decider: "aws-waf",
    check: "waf",
    path,
    value: s.webAclArn,
    detail: `stage ${s.name} has an AWS WAF web ACL: a rule that blocks the request gets the WAF_FILTERED response (403 Forbidden)`,
    fix: [`Find the request in the web ACL's sampled requests or logs (${s.webAclArn}) and add an exception for the rule that blocked it.`],
    verify: [`aws wafv2 get-web-acl-for-resource --resource-arn arn:aws:apigateway:${ctx.target.region ?? "REGION"}::/restapis/${ctx.target.apiId ?? "API_ID"}/stages/${s.name}`],
  });
};

export const checkMutualTls = (ctx: ApiGatewayContext, verify: (cert: string, truststore: string, now: Date) => string | undefined): void => {
  const d = ctx.target.domain;
  if (!d) return;
  const path = `${d.source}.mutualTlsAuthentication.truststoreUri`;
  if (!d.truststoreUri) {
    ctx.rec.pass("mtls", `${d.name} does not require mutual TLS`, path);
    return;
  }
  if (ctx.req.clientCert && ctx.req.truststore) {
    const problem = verify(ctx.req.clientCert, ctx.req.truststore, ctx.now);
    if (!problem) {
      ctx.rec.pass("mtls", "the client certificate is valid now and issued by a CA of the truststore", path);
      return;
    }
    ctx.rec.fail({
      cause: "mtls-cert",
      confidence: 0.92,
      decider: "aws-apigateway",
      check: "mtls",
      path,
      value: d.truststoreUri,
      detail: `${d.name} requires mutual TLS and ${problem}: API Gateway answers 403 Forbidden`,
      fix: ["Present a client certificate issued by a CA in the truststore (and valid now), or add its issuing CA to the truststore object and update the domain's truststore version."],
    });
    return;
  }
  const warnings = d.truststoreWarnings;
  ctx.rec.fail({
    cause: "mtls-cert",
    confidence: warnings.length > 0 ? 0.7 : 0.4,
    decider: "aws-apigateway",
    check: "mtls",
    path: warnings.length > 0 ? `${d.source}.mutualTlsAuthentication.truststoreWarnings` : path,
    value: warnings.length > 0 ? show(warnings) : d.truststoreUri,
    detail: `${d.name} requires mutual TLS (truststore ${d.truststoreUri})${warnings.length > 0 ? ` and the truststore has warnings: ${warnings.join("; ")}` : ""}: a request without a client certificate issued by it gets 403 Forbidden (give --client-cert and --truststore to check the certificate)`,
    fix: ["Send the client certificate and key (curl --cert client.pem --key client.key); the certificate must chain to a CA in the truststore and be valid now."],
  });
};
