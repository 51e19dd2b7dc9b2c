// The method's own requirements: IAM (SigV4) authorization, Lambda / Cognito / JWT authorizers,
// and API keys with their usage plans.
import { listOf, show } from "../../../checks/show.js";
import { decodeJwt, judgeJwt } from "../../../inspect/jwt.js";
import { judgeSigV4, parseAuthorizationHeader, parsePresignedUrl } from "../../../inspect/sigv4.js";
import { headerOf, type ApiGatewayContext } from "../context.js";
import type { Authorizer, Route } from "../model.js";

const field = (ctx: ApiGatewayContext, route: Route, rest: string, http: string): string =>
  `${route.source}.${ctx.api?.kind === "HTTP" ? http : rest}`;

/** `method.request.header.Authorization` / `$request.header.Authorization` → the header name. */
const identityHeader = (source: string): string | undefined => /(?:method\.request|\$request)\.header\.([A-Za-z0-9-]+)/.exec(source)?.[1];

const checkIam = (ctx: ApiGatewayContext, route: Route): void => {
  const path = field(ctx, route, "authorizationType", "AuthorizationType");
  const auth = headerOf(ctx, "authorization");
  const headers = new Map(ctx.req.headers.map((h) => [h.name.toLowerCase(), h.value]));
  const sig = (auth ? parseAuthorizationHeader(auth, headers) : undefined) ?? parsePresignedUrl(ctx.req.url);
  if (!sig) {
    ctx.rec.fail({
      cause: "missing-auth-token",
      confidence: 0.88,
      decider: "aws-apigateway",
      check: "iam-auth",
      path,
      value: "AWS_IAM",
      detail: `${route.method} ${route.path} uses IAM authorization and the request is not signed with SigV4: API Gateway answers 403 Missing Authentication Token`,
      fix: [`Sign the request for service execute-api in ${ctx.target.region ?? "the API's region"} (awscurl --service execute-api --region ${ctx.target.region ?? "REGION"}, or the SDK's SignatureV4).`],
    });
    return;
  }
  const findings = judgeSigV4(sig, {
    now: ctx.now,
    check: "iam-auth",
    expect: { service: "execute-api", ...(ctx.target.region ? { region: ctx.target.region } : {}) },
  });
  for (const f of findings) ctx.rec.fail({ ...f, decider: "aws-apigateway" });
  if (findings.length === 0) ctx.rec.pass("iam-auth", `the request is signed for execute-api in ${sig.region}, within the 5-minute window`, path);
};

const checkLambdaAuthorizer = (ctx: ApiGatewayContext, route: Route, a: Authorizer | undefined): void => {
  const path = field(ctx, route, "authorizerId", "AuthorizerId");
  if (!a) {
    ctx.rec.skip("authorizer", `authorizer ${route.authorizerId ?? "?"} is not in get-authorizers.json`, path);
    return;
  }
  const headerSources = a.identitySources.map(identityHeader).filter((h): h is string => h !== undefined);
  const missing = headerSources.filter((h) => headerOf(ctx, h) === undefined);
  if (missing.length > 0) {
    ctx.rec.warn("authorizer", `authorizer ${a.name ?? a.id} reads ${listOf(missing)}, which the request lacks: API Gateway answers 401 Unauthorized without calling it (not 403)`, `${a.source}.identitySource`);
    return;
  }
  const cached = (a.ttlSeconds ?? 300) > 0;
  ctx.rec.fail({
    cause: "authorizer-deny",
    confidence: cached ? 0.5 : 0.45,
    decider: "aws-apigateway",
    check: "authorizer",
    path,
    value: `${a.name ?? a.id} (${a.type}${a.ttlSeconds !== undefined ? `, cached ${a.ttlSeconds} s` : ""})`,
    detail: `${route.method} ${route.path} is guarded by the Lambda authorizer ${a.name ?? a.id}: its policy decides, and a Deny (or an Allow for another method ARN) is 403 "User is not authorized to access this resource"${cached ? "; with caching on, the policy returned for one method is reused for the next call with the same token" : ""}`,
    fix: [
      `Run it with this request's token and read the policy it returns: aws apigateway test-invoke-authorizer --rest-api-id ${ctx.target.apiId ?? "API_ID"} --authorizer-id ${a.id} --headers ${headerSources[0] ?? "Authorization"}=TOKEN`,
      ...(cached ? ["With authorizer caching, return a policy whose Resource covers every method the token may call (arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/*), or set the TTL to 0."] : []),
    ],
  });
};

/** Cognito user pool authorizers and HTTP API JWT authorizers: the token's claims and scopes. */
const checkJwtAuthorizer = (ctx: ApiGatewayContext, route: Route, a: Authorizer | undefined): void => {
  const header = (a ? a.identitySources.map(identityHeader).find(Boolean) : undefined) ?? "Authorization";
  const token = headerOf(ctx, header);
  const path = field(ctx, route, "authorizationScopes", "AuthorizationScopes");
  if (!token) {
    ctx.rec.warn("jwt", `${route.method} ${route.path} needs a token in ${header} and the request has none: the authorizer answers 401 Unauthorized`, field(ctx, route, "authorizationType", "AuthorizationType"));
    return;
  }
  const jwt = decodeJwt(token);
  if (!jwt) {
    ctx.rec.warn("jwt", `the ${header} header is not a JWT`, field(ctx, route, "authorizationType", "AuthorizationType"));
    return;
  }
  const findings = judgeJwt(jwt, {
    now: ctx.now,
    decider: "aws-apigateway",
    check: "jwt",
    where: header,
    expect: {
      ...(a?.jwtIssuer ? { issuer: a.jwtIssuer } : {}),
      ...(a && a.jwtAudience.length > 0 ? { audience: a.jwtAudience } : {}),
      ...(route.authorizationScopes.length > 0 ? { scopes: route.authorizationScopes } : {}),
    },
    expectPath: {
      ...(a ? { issuer: `${a.source}.JwtConfiguration.Issuer`, audience: `${a.source}.JwtConfiguration.Audience` } : {}),
      scopes: path,
    },
  });
  for (const f of findings) ctx.rec.fail(f);
  if (findings.length === 0) ctx.rec.pass("jwt", `the token is valid now${route.authorizationScopes.length > 0 ? ` and has a required scope (${listOf(route.authorizationScopes)})` : ""}`, path);
};

export const checkAuthorization = (ctx: ApiGatewayContext): void => {
  const route = ctx.match?.route;
  if (!route) return;
  const type = route.authorizationType.toUpperCase();
  const authorizer = ctx.cfg.authorizers?.find((a) => a.id === route.authorizerId);
  if (type === "UNKNOWN") {
    ctx.rec.skip("authorization", "get-resources.json was saved without --embed methods: the method's authorization is not known", route.source);
    return;
  }
  if (type === "NONE") ctx.rec.pass("authorization", `${route.method} ${route.path} needs no authorization`, field(ctx, route, "authorizationType", "AuthorizationType"));
  else if (type === "AWS_IAM") checkIam(ctx, route);
  else if (type === "CUSTOM" && authorizer?.type !== "JWT") checkLambdaAuthorizer(ctx, route, authorizer);
  else if (type === "COGNITO_USER_POOLS" || type === "JWT" || authorizer?.type === "JWT") checkJwtAuthorizer(ctx, route, authorizer);
};

export const checkApiKey = (ctx: ApiGatewayContext): void => {
  const route = ctx.match?.route;
  if (!route) return;
  const path = `${route.source}.apiKeyRequired`;
  if (route.apiKeyRequired === undefined) {
    ctx.rec.skip("api-key", "get-resources.json was saved without --embed methods: apiKeyRequired is not known", path);
    return;
  }
  if (!route.apiKeyRequired) {
    ctx.rec.pass("api-key", `${route.method} ${route.path} does not require an API key`, path);
    return;
  }
  if (ctx.api?.apiKeySource === "AUTHORIZER") {
    ctx.rec.skip("api-key", "the API takes its key from the Lambda authorizer's usageIdentifierKey (apiKeySource AUTHORIZER)", path);
    return;
  }
  const sent = headerOf(ctx, "x-api-key");
  if (!sent) {
    ctx.rec.fail({
      cause: "invalid-api-key",
      confidence: 0.92,
      decider: "aws-apigateway",
      check: "api-key",
      path,
      value: "true",
      detail: `${route.method} ${route.path} requires an API key and the request has no x-api-key header: API Gateway answers 403 Forbidden`,
    });
    return;
  }
  checkKeyAndPlans(ctx, sent);
};

const checkKeyAndPlans = (ctx: ApiGatewayContext, sent: string): void => {
  const keys = ctx.cfg.apiKeys;
  const withValues = keys?.filter((k) => k.value !== undefined) ?? [];
  const key = withValues.find((k) => k.value === sent);
  if (keys && withValues.length > 0) {
    if (!key) {
      ctx.rec.fail({
        cause: "invalid-api-key",
        confidence: 0.88,
        decider: "aws-apigateway",
        check: "api-key",
        path: "get-api-keys.json:items[].value",
        value: `${withValues.length} keys, none equal to the x-api-key sent`,
        detail: "the x-api-key value is not one of the account's API keys in this region: API Gateway answers 403 Invalid API Key identifier specified / Forbidden",
        fix: ["Send the value of an existing key (aws apigateway get-api-key --api-key KEY_ID --include-value), not its id or name."],
      });
      return;
    }
    if (!key.enabled) {
      ctx.rec.fail({ cause: "invalid-api-key", confidence: 0.92, decider: "aws-apigateway", check: "api-key", path: `${key.source}.enabled`, value: "false", detail: `the key ${key.name ?? key.id} is disabled`, fix: [`Enable it: aws apigateway update-api-key --api-key ${key.id} --patch-operations op=replace,path=/enabled,value=true`] });
      return;
    }
  } else if (keys) {
    ctx.rec.skip("api-key-value", "get-api-keys.json was saved without --include-values: which key was sent is not checked", "get-api-keys.json:items[].value");
  }
  const plans = ctx.cfg.usagePlans;
  if (!plans) {
    ctx.rec.skip("usage-plan", "get-usage-plans.json is missing: the usage plan of the key is not checked", "apiStages");
    return;
  }
  const apiId = ctx.target.apiId;
  const stage = ctx.target.stage ?? ctx.stage?.name;
  const covering = plans.filter((p) => p.apiStages.some((s) => s.apiId === apiId && s.stage === stage));
  if (covering.length === 0) {
    ctx.rec.fail({
      cause: "invalid-api-key",
      confidence: 0.88,
      decider: "aws-apigateway",
      check: "usage-plan",
      path: `${plans[0]?.source.replace(/\[\d+\]$/, "[]") ?? "get-usage-plans.json:items[]"}.apiStages`,
      value: show(plans.flatMap((p) => p.apiStages.map((s) => `${s.apiId}/${s.stage}`))),
      detail: `no usage plan includes API ${apiId ?? "?"} stage ${stage ?? "?"}: every API key is refused there with 403 Forbidden`,
      fix: [`Add the stage to the key's usage plan: aws apigateway update-usage-plan --usage-plan-id PLAN_ID --patch-operations op=add,path=/apiStages,value=${apiId ?? "API_ID"}:${stage ?? "STAGE"}`],
    });
    return;
  }
  if (key && ctx.cfg.usagePlanKeys) {
    const inPlan = covering.some((p) => ctx.cfg.usagePlanKeys!.get(p.id)?.includes(key.id));
    if (!inPlan) {
      ctx.rec.fail({
        cause: "invalid-api-key",
        confidence: 0.85,
        decider: "aws-apigateway",
        check: "usage-plan",
        path: "get-usage-plan-keys.json:items[].id",
        value: `key ${key.id} not listed`,
        detail: `the key ${key.name ?? key.id} is not in the usage plan ${covering.map((p) => p.name ?? p.id).join(", ")} that covers this stage`,
        fix: [`aws apigateway create-usage-plan-key --usage-plan-id ${covering[0]!.id} --key-id ${key.id} --key-type API_KEY`],
      });
      return;
    }
  }
  ctx.rec.pass("usage-plan", `usage plan ${covering.map((p) => p.name ?? p.id).join(", ")} covers ${apiId}/${stage}${key ? ` and the key ${key.name ?? key.id} is enabled` : ""}`, `${covering[0]!.source}.apiStages`);
};
