// Online mode against moto_server (the AWS emulator), started here on a free 127.0.0.1 port and
// stopped by PID. The resources are created with the same SDK the CLI uses; the CLI then reads
// them back (--endpoint-url) and checks a request against them. What moto does not keep (OAC ids,
// aliases in ListDistributions, …) is listed in the README.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as ag from "@aws-sdk/client-api-gateway";
import * as ag2 from "@aws-sdk/client-apigatewayv2";
import * as cf from "@aws-sdk/client-cloudfront";
import * as s3 from "@aws-sdk/client-s3";
import { motoAvailable, startMoto, type Moto } from "./helpers/moto.js";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));

const CREDS = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true" };

interface Rep {
  file: string;
  causes: { id: string; evidence: { path?: string }[] }[];
  notes: string[];
}

let moto: Moto | undefined;
let endpoint = "";
let skipReason: string | undefined;
const ids = { distribution: "", domain: "", restApi: "", closedApi: "", httpApi: "" };
const KEY_VALUE = "Mk3rT9vQ2wXy7ZpL4nB8cD1fG6hJ0sA5eR2uI9oP";

const why403 = (args: string[]) => spawnSync(process.execPath, [bin, ...args, "--endpoint-url", endpoint, "--json"], { encoding: "utf8", env: { ...process.env, ...CREDS, NO_COLOR: "1" } });
const report = (args: string[]): Rep => {
  const r = why403(args);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Rep;
};
const hasCause = (r: Rep, id: string, path?: string): boolean => r.causes.some((c) => c.id === id && (!path || c.evidence.some((e) => e.path === path)));

const setUp = async (): Promise<void> => {
  const conf = { region: "us-east-1", endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, forcePathStyle: true };
  const bucket = "amzn-s3-demo-bucket";
  const s3c = new s3.S3Client(conf);
  await s3c.send(new s3.CreateBucketCommand({ Bucket: bucket }));
  const cfc = new cf.CloudFrontClient(conf);
  const d = await cfc.send(
    new cf.CreateDistributionCommand({
      DistributionConfig: {
        CallerReference: "why403-moto",
        Aliases: { Quantity: 1, Items: ["www.example.com"] },
        DefaultRootObject: "index.html",
        Comment: "",
        Enabled: true,
        Origins: { Quantity: 1, Items: [{ Id: "site", DomainName: `${bucket}.s3.us-east-1.amazonaws.com`, S3OriginConfig: { OriginAccessIdentity: "" } }] },
        DefaultCacheBehavior: { TargetOriginId: "site", ViewerProtocolPolicy: "redirect-to-https", CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
        Restrictions: { GeoRestriction: { RestrictionType: "whitelist", Quantity: 2, Items: ["US", "CA"] } },
      },
    }),
  );
  ids.distribution = d.Distribution!.Id!;
  ids.domain = d.Distribution!.DomainName!;
  // the bucket lets only a distribution's OAC read; this origin has none
  const policy = { Version: "2012-10-17", Statement: [{ Sid: "AllowCloudFrontServicePrincipalReadOnly", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*`, Condition: { StringEquals: { "AWS:SourceArn": `arn:aws:cloudfront::123456789012:distribution/${ids.distribution}` } } }] };
  await s3c.send(new s3.PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));

  const agc = new ag.APIGatewayClient(conf);
  const api = await agc.send(new ag.CreateRestApiCommand({ name: "PetStore", endpointConfiguration: { types: ["REGIONAL"] } }));
  ids.restApi = api.id!;
  const root = (await agc.send(new ag.GetResourcesCommand({ restApiId: api.id }))).items![0]!.id!;
  const pets = await agc.send(new ag.CreateResourceCommand({ restApiId: api.id, parentId: root, pathPart: "pets" }));
  await agc.send(new ag.PutMethodCommand({ restApiId: api.id, resourceId: pets.id, httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: true }));
  await agc.send(new ag.PutIntegrationCommand({ restApiId: api.id, resourceId: pets.id, httpMethod: "GET", type: "MOCK" }));
  await agc.send(new ag.CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
  const key = await agc.send(new ag.CreateApiKeyCommand({ name: "partner", enabled: true, value: KEY_VALUE }));
  const plan = await agc.send(new ag.CreateUsagePlanCommand({ name: "Basic", apiStages: [{ apiId: api.id, stage: "prod" }] }));
  await agc.send(new ag.CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: "API_KEY" }));
  await agc.send(new ag.CreateDomainNameCommand({ domainName: "api.example.com", regionalCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", endpointConfiguration: { types: ["REGIONAL"] } }));
  await agc.send(new ag.CreateBasePathMappingCommand({ domainName: "api.example.com", restApiId: api.id, stage: "prod", basePath: "v1" }));
  const closed = await agc.send(new ag.CreateRestApiCommand({ name: "internal", disableExecuteApiEndpoint: true, endpointConfiguration: { types: ["REGIONAL"] } }));
  ids.closedApi = closed.id!;

  const ag2c = new ag2.ApiGatewayV2Client(conf);
  const http = await ag2c.send(new ag2.CreateApiCommand({ Name: "orders", ProtocolType: "HTTP" }));
  ids.httpApi = http.ApiId!;
  await ag2c.send(new ag2.CreateRouteCommand({ ApiId: http.ApiId, RouteKey: "GET /orders/{id}", AuthorizationType: "AWS_IAM" }));
  await ag2c.send(new ag2.CreateStageCommand({ ApiId: http.ApiId, StageName: "$default" }));
};

describe("online mode against moto_server", () => {
  before(async () => {
    if (!motoAvailable()) {
      skipReason = "moto_server is not installed (pip install 'moto[server]')";
      return;
    }
    moto = await startMoto();
    endpoint = moto.endpoint;
    await setUp();
  });
  after(() => {
    moto?.stop();
  });

  it("cloudfront by --id: a host that is not an alternate domain name", (t) => {
    if (skipReason) return t.skip(skipReason);
    const r = report(["aws", "cloudfront", "https://shop.example.com/", "--id", ids.distribution]);
    assert.equal(r.file, `distribution ${ids.distribution}`);
    assert.ok(hasCause(r, "host-not-configured", "DistributionConfig.Aliases.Items"));
  });

  it("cloudfront found by its domain name (ListDistributions): geo restriction, then the bucket policy read with GetBucketPolicy", (t) => {
    if (skipReason) return t.skip(skipReason);
    const geo = report(["aws", "cloudfront", `https://${ids.domain}/index.html`, "--country", "DE"]);
    assert.ok(hasCause(geo, "geo-blocked", "DistributionConfig.Restrictions.GeoRestriction"));
    assert.ok(geo.notes.some((n) => n.includes(`found by ListDistributions for ${ids.domain}`)));
    const s3 = report(["aws", "cloudfront", `https://${ids.domain}/index.html`, "--country", "US"]);
    assert.ok(!hasCause(s3, "geo-blocked"));
    assert.ok(hasCause(s3, "origin-access-missing", "GetBucketPolicy amzn-s3-demo-bucket:Statement"), JSON.stringify(s3.causes));
  });

  it("apigateway REST API: API key required, a valid key in the stage's plan, a stage that does not exist", (t) => {
    if (skipReason) return t.skip(skipReason);
    const url = `https://${ids.restApi}.execute-api.us-east-1.amazonaws.com`;
    assert.ok(hasCause(report(["aws", "apigateway", `${url}/prod/pets`]), "invalid-api-key", "get-resources.json:items[1].resourceMethods.GET.apiKeyRequired"));
    const withKey = why403(["aws", "apigateway", `${url}/prod/pets`, "-H", `x-api-key: ${KEY_VALUE}`]);
    assert.equal(withKey.status, 0, withKey.stderr);
    assert.ok(!hasCause(JSON.parse(withKey.stdout) as Rep, "invalid-api-key"));
    assert.ok(!withKey.stdout.includes(KEY_VALUE), "the key value never shows");
    assert.ok(hasCause(report(["aws", "apigateway", `${url}/Prod/pets`]), "wrong-endpoint", "get-stages.json:item[].stageName"));
  });

  it("apigateway: disabled default endpoint, custom domain mappings", (t) => {
    if (skipReason) return t.skip(skipReason);
    assert.ok(hasCause(report(["aws", "apigateway", `https://${ids.closedApi}.execute-api.us-east-1.amazonaws.com/prod/`]), "wrong-endpoint", "get-rest-api.json.disableExecuteApiEndpoint"));
    assert.ok(hasCause(report(["aws", "apigateway", "https://api.example.com/v2/pets", "--region", "us-east-1"]), "host-not-configured", "get-base-path-mappings.json:items[].basePath"));
    assert.ok(hasCause(report(["aws", "apigateway", "https://api.example.com/v1/prod/pets", "--region", "us-east-1"]), "wrong-endpoint", "get-base-path-mappings.json:items[0].basePath"));
  });

  it("apigateway HTTP API (apigatewayv2): an IAM route called unsigned", (t) => {
    if (skipReason) return t.skip(skipReason);
    const r = report(["aws", "apigateway", `https://${ids.httpApi}.execute-api.us-east-1.amazonaws.com/orders/17`]);
    assert.ok(hasCause(r, "missing-auth-token", "get-routes.json:Items[0].AuthorizationType"), JSON.stringify(r.causes));
  });

  it("an API that does not exist is one coded error", (t) => {
    if (skipReason) return t.skip(skipReason);
    const r = why403(["aws", "apigateway", "https://zzzzzzzzzz.execute-api.us-east-1.amazonaws.com/prod/"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error\[AWS_UNAVAILABLE\].*no REST or HTTP API zzzzzzzzzz/);
  });
});
