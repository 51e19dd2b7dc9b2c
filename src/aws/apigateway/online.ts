// Online mode: the same command outputs the offline mode reads from files, fetched with the AWS
// SDK (REST APIs with apigateway, HTTP APIs with apigatewayv2). A call that fails disables only
// the checks that need it; the failure is noted. Imported lazily by the command.
import type { HeaderField } from "../../model/exchange.js";
import { WhyError } from "../../model/errors.js";
import { clientConfig, quietSdk, read, type AwsOptions } from "../online/sdk.js";
import { buildConfig } from "./load.js";
import type { ApiGatewayConfig } from "./model.js";
import { matchMapping, resolveTarget } from "./route.js";

export interface OnlineConfig {
  cfg: ApiGatewayConfig;
  region: string;
  notes: string[];
}

type Files = Map<string, unknown>;

const record = async <T>(files: Files, notes: string[], name: string, call: () => Promise<T>, shape: (r: T) => unknown = (r) => r): Promise<T | undefined> => {
  const r = await read(call);
  if (r.ok) {
    files.set(name, shape(r.value));
    return r.value;
  }
  notes.push(`${name.replace(/\.json$/, "")}: ${r.error}; the checks that need it are skipped`);
  return undefined;
};

const restApiFiles = async (apiId: string, region: string, o: AwsOptions, files: Files, notes: string[], wantKeys: boolean): Promise<boolean> => {
  const sdk = await import("@aws-sdk/client-api-gateway");
  const client = new sdk.APIGatewayClient(clientConfig({ ...o, region }));
  const api = await read(() => client.send(new sdk.GetRestApiCommand({ restApiId: apiId })), ["NotFoundException"]);
  if (!api.ok) {
    if (api.absent) return false;
    throw new WhyError("AWS_UNAVAILABLE", `apigateway GetRestApi ${apiId} failed: ${api.error}`);
  }
  files.set("get-rest-api.json", api.value);
  const items: unknown[] = [];
  let position: string | undefined;
  do {
    const page = await record(files, notes, "get-resources.json", () => client.send(new sdk.GetResourcesCommand({ restApiId: apiId, embed: ["methods"], limit: 500, ...(position ? { position } : {}) })));
    items.push(...(page?.items ?? []));
    position = page?.position;
  } while (position);
  if (files.has("get-resources.json")) files.set("get-resources.json", { items });
  await record(files, notes, "get-stages.json", () => client.send(new sdk.GetStagesCommand({ restApiId: apiId })));
  await record(files, notes, "get-authorizers.json", () => client.send(new sdk.GetAuthorizersCommand({ restApiId: apiId, limit: 500 })));
  await record(files, notes, "get-gateway-responses.json", () => client.send(new sdk.GetGatewayResponsesCommand({ restApiId: apiId, limit: 500 })));
  const plans = await record(files, notes, "get-usage-plans.json", () => client.send(new sdk.GetUsagePlansCommand({ limit: 500 })));
  if (wantKeys) {
    // key values are compared with the x-api-key sent, never printed
    await record(files, notes, "get-api-keys.json", () => client.send(new sdk.GetApiKeysCommand({ includeValues: true, limit: 500 })));
    const covering = (plans?.items ?? []).filter((p) => (p.apiStages ?? []).some((s) => s.apiId === apiId));
    for (const plan of covering.slice(0, 5)) {
      await record(files, notes, `get-usage-plan-keys.${plan.id}.json`, () => client.send(new sdk.GetUsagePlanKeysCommand({ usagePlanId: plan.id!, limit: 500 })));
    }
  }
  return true;
};

const httpApiFiles = async (apiId: string, region: string, o: AwsOptions, files: Files, notes: string[]): Promise<boolean> => {
  const sdk = await import("@aws-sdk/client-apigatewayv2");
  const client = new sdk.ApiGatewayV2Client(clientConfig({ ...o, region }));
  const api = await read(() => client.send(new sdk.GetApiCommand({ ApiId: apiId })), ["NotFoundException"]);
  if (!api.ok) {
    if (api.absent) return false;
    throw new WhyError("AWS_UNAVAILABLE", `apigatewayv2 GetApi ${apiId} failed: ${api.error}`);
  }
  files.set("get-api.json", api.value);
  await record(files, notes, "get-routes.json", () => client.send(new sdk.GetRoutesCommand({ ApiId: apiId, MaxResults: "500" })));
  await record(files, notes, "get-stages.json", () => client.send(new sdk.GetStagesCommand({ ApiId: apiId, MaxResults: "500" })));
  await record(files, notes, "get-authorizers.json", () => client.send(new sdk.GetAuthorizersCommand({ ApiId: apiId, MaxResults: "500" })));
  return true;
};

/** The custom domain and its mappings: REST first (base path mappings), then apigatewayv2 (API mappings). */
const domainFiles = async (host: string, region: string, o: AwsOptions, files: Files, notes: string[]): Promise<void> => {
  const v1 = await import("@aws-sdk/client-api-gateway");
  const c1 = new v1.APIGatewayClient(clientConfig({ ...o, region }));
  const d1 = await read(() => c1.send(new v1.GetDomainNameCommand({ domainName: host })));
  if (d1.ok) {
    files.set("get-domain-names.json", { items: [d1.value] });
    await record(files, notes, "get-base-path-mappings.json", () => c1.send(new v1.GetBasePathMappingsCommand({ domainName: host, limit: 500 })));
    return;
  }
  const v2 = await import("@aws-sdk/client-apigatewayv2");
  const c2 = new v2.ApiGatewayV2Client(clientConfig({ ...o, region }));
  const d2 = await read(() => c2.send(new v2.GetDomainNameCommand({ DomainName: host })));
  if (d2.ok) {
    files.set("get-domain-names.json", { Items: [d2.value] });
    await record(files, notes, "get-api-mappings.json", () => c2.send(new v2.GetApiMappingsCommand({ DomainName: host, MaxResults: "500" })));
    return;
  }
  // no such domain: an empty list lets the check say so
  files.set("get-domain-names.json", { items: [] });
  notes.push(`GetDomainName ${host}: ${d1.error}; ${d2.error}`);
};

export const fetchApiGatewayConfig = async (url: URL, headers: readonly HeaderField[], o: AwsOptions): Promise<OnlineConfig> => {
  const files: Files = new Map();
  const notes: string[] = [];
  const first = resolveTarget(url, headers, buildConfig(new Map(), "online"));
  quietSdk();
  const region = first.region ?? o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  let apiId = first.apiId;
  if (first.via === "custom-domain") {
    await domainFiles(url.hostname.toLowerCase(), region, o, files, notes);
    const partial = buildConfig(files, "online", url.hostname);
    apiId = partial.mappings ? matchMapping(partial.mappings, url.pathname)?.mapping.apiId : undefined;
  }
  if (apiId) {
    const wantKeys = headers.some((h) => h.name.toLowerCase() === "x-api-key");
    const found = (await restApiFiles(apiId, region, o, files, notes, wantKeys)) || (await httpApiFiles(apiId, region, o, files, notes));
    if (!found) throw new WhyError("AWS_UNAVAILABLE", `no REST or HTTP API ${apiId} in ${region} for these credentials`);
  } else if (first.via !== "custom-domain") {
    notes.push("the URL does not name an API (a VPC endpoint DNS name without x-apigw-api-id or Host): only the endpoint checks run");
  }
  return { cfg: buildConfig(files, `online (${region})`, first.via === "custom-domain" ? url.hostname : undefined), region, notes };
};
