// Every row of the API Gateway 403 table (../shared/seeds/apigateway-403.txt), each with a real
// directory of AWS CLI outputs (built from the aws-cli documentation examples) where the check
// names the cause and the field, and a near-miss where it does not. Signatures and tokens are
// made by the real signers (@smithy/signature-v4, jose); certificates by openssl.
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- fixtures are edited as plain JSON, like a console click */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { generateKeyPair, SignJWT } from "jose";
import type { HeaderField } from "../../model/exchange.js";
import type { Report } from "../../model/report.js";
import { checkApiGateway, type ApiGatewayCheckInput } from "./check.js";
import { buildConfig } from "./load.js";
import { matchRestRoute } from "./route.js";

const FIXTURES = new URL("../../../../test/fixtures/apigateway/", import.meta.url);

/** The outputs of a fixture directory, parsed, for a test to change like a console click would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const outputs = (dir: string): Map<string, any> => {
  const d = new URL(`${dir}/`, FIXTURES);
  return new Map(readdirSync(d).map((f) => [f, JSON.parse(readFileSync(new URL(f, d), "utf8")) as unknown]));
};

const API = "a1b2c3d4e5";
const EXEC = `https://${API}.execute-api.us-east-1.amazonaws.com`;
const KEY = "Bvrh2yrTMz9hrq8YCDKf38HyYwzT4sQ6yh9sIXp0";
const ALLOWED_IP = "203.0.113.5";

type Files = ReturnType<typeof outputs>;

const run = (url: string, opts: Partial<ApiGatewayCheckInput> & { files?: Files; dir?: string } = {}): Report => {
  const files = opts.files ?? outputs(opts.dir ?? "rest-cli-v2");
  const host = new URL(url).hostname;
  return checkApiGateway({ file: "apigw", url, sourceIp: ALLOWED_IP, ...opts, cfg: buildConfig(files, "apigw", host) });
};

const h = (name: string, value: string): HeaderField => ({ name, value });

const names = (r: Report, id: string, path: string): void => {
  const c = r.causes.find((x) => x.id === id);
  assert.ok(c, `expected ${id}, got ${r.causes.map((x) => `${x.id}(${x.confidence})`).join(", ") || "nothing"}`);
  assert.ok(c.evidence.some((e) => e.signal === "config" && e.path === path), `expected evidence at ${path}, got ${c.evidence.map((e) => e.path).join(", ")}`);
  assert.ok(c.fix.length > 0 && c.verify.length > 0);
};

const absent = (r: Report, id: string): void => {
  const c = r.causes.find((x) => x.id === id);
  assert.equal(c, undefined, `did not expect ${id}: ${c?.evidence[0]?.detail ?? ""}`);
};

const sign = async (opts: { method?: string; path: string; service?: string; key?: string; token?: boolean; at?: Date }): Promise<HeaderField[]> => {
  const signer = new SignatureV4({
    service: opts.service ?? "execute-api",
    region: "us-east-1",
    credentials: {
      accessKeyId: opts.key ?? "ASIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      ...(opts.token ? { sessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN" } : {}),
    },
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign(
    { method: opts.method ?? "POST", protocol: "https:", hostname: `${API}.execute-api.us-east-1.amazonaws.com`, path: opts.path, headers: { host: `${API}.execute-api.us-east-1.amazonaws.com` } },
    { signingDate: opts.at ?? new Date() },
  );
  return Object.entries(signed.headers).map(([name, value]) => h(name, value));
};

describe("API Gateway checks: every row of the 403 table", () => {
  it("Lambda authorizer deny: names the method's authorizerId", () => {
    const r = run(`${EXEC}/prod/pets/42`, { headers: [h("Authorization", "allow-me")] });
    names(r, "authorizer-deny", "get-resources.json:items[2].resourceMethods.GET.authorizerId");
    assert.ok(r.causes[0]!.fix.some((f) => f.includes("test-invoke-authorizer --rest-api-id a1b2c3d4e5 --authorizer-id gfi4n3")));
  });
  it("near miss: the same path without an authorizer", () => {
    const files = outputs("rest-cli-v2");
    files.get("get-resources.json").items[2].resourceMethods.GET.authorizationType = "NONE";
    absent(run(`${EXEC}/prod/pets/42`, { files, headers: [h("Authorization", "allow-me")] }), "authorizer-deny");
  });

  it("explicit deny in the resource policy: names the Deny statement", () => {
    const r = run(`${EXEC}/prod/pets`, { sourceIp: "192.0.2.44", headers: [h("x-api-key", KEY)] });
    names(r, "resource-policy-deny", "get-rest-api.json.policy.Statement[1]");
    assert.equal(r.causes[0]!.confidence, 0.92);
  });
  it("near miss: a source address the policy allows", () => {
    absent(run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", KEY)] }), "resource-policy-deny");
  });
  it("without --source-ip the Deny on aws:SourceIp is only an assumption", () => {
    const r = run(`${EXEC}/prod/pets`, { sourceIp: undefined, headers: [h("x-api-key", KEY)] });
    const c = r.causes.find((x) => x.id === "resource-policy-deny")!;
    assert.ok(c.confidence < 0.5 && /assuming aws:SourceIp absent/.test(c.evidence[0]!.detail));
  });

  it("anonymous caller not allowed by the resource policy: names policy", () => {
    const files = outputs("rest-cli-v2");
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "execute-api:Invoke", Resource: `arn:aws:execute-api:us-east-1:111122223333:${API}/prod/*` }] };
    files.get("get-rest-api.json").policy = JSON.stringify(policy);
    const r = run(`${EXEC}/prod/pets`, { files, headers: [h("x-api-key", KEY)] });
    names(r, "resource-policy-deny", "get-rest-api.json.policy");
    assert.match(r.causes[0]!.evidence[0]!.detail, /User: anonymous is not authorized to perform: execute-api:Invoke/);
  });
  it("near miss: the policy allows everyone from the caller's network", () => {
    absent(run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", KEY)] }), "resource-policy-deny");
  });

  it("security token invalid: temporary keys without X-Amz-Security-Token", async () => {
    const r = run(`${EXEC}/prod/pets`, { method: "POST", headers: await sign({ path: "/prod/pets" }) });
    names(r, "auth-invalid", "X-Amz-Security-Token (header)");
  });
  it("near miss: temporary keys with their session token", async () => {
    absent(run(`${EXEC}/prod/pets`, { method: "POST", headers: await sign({ path: "/prod/pets", token: true }) }), "auth-invalid");
  });

  it("Missing Authentication Token: an IAM method called unsigned names authorizationType", () => {
    names(run(`${EXEC}/prod/pets`, { method: "POST" }), "missing-auth-token", "get-resources.json:items[1].resourceMethods.POST.authorizationType");
  });
  it("near miss: the same call signed", async () => {
    absent(run(`${EXEC}/prod/pets`, { method: "POST", headers: await sign({ path: "/prod/pets", token: true }) }), "missing-auth-token");
  });

  it("Signature expired: signed ten minutes ago", async () => {
    const r = run(`${EXEC}/prod/pets`, { method: "POST", headers: await sign({ path: "/prod/pets", token: true, at: new Date(Date.now() - 10 * 60_000) }) });
    names(r, "auth-expired", "X-Amz-Date");
  });
  it("near miss: signed a minute ago (inside the 5-minute window); signed 10 minutes ahead is clock skew", async () => {
    absent(run(`${EXEC}/prod/pets`, { method: "POST", headers: await sign({ path: "/prod/pets", token: true, at: new Date(Date.now() - 60_000) }) }), "auth-expired");
    names(run(`${EXEC}/prod/pets`, { method: "POST", headers: await sign({ path: "/prod/pets", token: true, at: new Date(Date.now() + 10 * 60_000) }) }), "clock-skew", "X-Amz-Date");
  });

  it("API key not valid: a value that is no key, a disabled key, no key at all, a stage without a plan", () => {
    names(run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", "not-a-key-value-000000000000000000000000")] }), "invalid-api-key", "get-api-keys.json:items[].value");
    names(run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", "Hk1ZHAX1RA8JWq1vMqsWy4AIMpqC5K2x7cGfQbN0")] }), "invalid-api-key", "get-api-keys.json:items[1].enabled");
    names(run(`${EXEC}/prod/pets`), "invalid-api-key", "get-resources.json:items[1].resourceMethods.GET.apiKeyRequired");
    const files = outputs("rest-cli-v2");
    files.get("get-usage-plans.json").items[0].apiStages = [{ apiId: API, stage: "dev" }];
    names(run(`${EXEC}/prod/pets`, { files, headers: [h("x-api-key", KEY)] }), "invalid-api-key", "get-usage-plans.json:items[].apiStages");
  });
  it("near miss: an enabled key in the stage's usage plan; the key value never shows", () => {
    const r = run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", KEY)] });
    absent(r, "invalid-api-key");
    assert.ok(!JSON.stringify(r).includes(KEY));
  });

  it("signature not valid: signed for another service names the Credential", async () => {
    names(run(`${EXEC}/prod/pets`, { method: "POST", headers: await sign({ path: "/prod/pets", token: true, service: "s3" }) }), "signature-mismatch", "Authorization.Credential");
  });
  it("near miss: signed for execute-api", async () => {
    absent(run(`${EXEC}/prod/pets`, { method: "POST", headers: await sign({ path: "/prod/pets", token: true }) }), "signature-mismatch");
  });

  it("AWS WAF: a web ACL on the stage names webAclArn", () => {
    const files = outputs("rest-cli-v2");
    files.get("get-stages.json").item[0].webAclArn = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/PetStoreACL/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
    names(run(`${EXEC}/prod/pets`, { files, headers: [h("x-api-key", KEY)] }), "waf-rule", "get-stages.json:item[0].webAclArn");
  });
  it("near miss: no web ACL", () => {
    absent(run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", KEY)] }), "waf-rule");
  });

  it("resource path does not exist (no Authorization): names the resources' paths", () => {
    const r = run(`${EXEC}/prod/pet`);
    names(r, "missing-auth-token", "get-resources.json:items[].path");
    assert.match(r.causes[0]!.evidence[0]!.detail, /Missing Authentication Token/);
  });
  it("near miss: the path exists", () => {
    absent(run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", KEY)] }), "missing-auth-token");
  });

  it("resource path does not exist (with a non-SigV4 Authorization): IncompleteSignatureException", () => {
    const r = run(`${EXEC}/prod/pet/42`, { headers: [h("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")] });
    names(r, "missing-auth-token", "get-resources.json:items[].path");
    assert.match(r.causes[0]!.evidence[0]!.detail, /IncompleteSignatureException/);
    assert.doesNotMatch(JSON.stringify(r), /eyJhbGciOiJSUzI1NiJ9\.e30/);
  });
  it("near miss: the same header on an existing path", () => {
    absent(run(`${EXEC}/prod/pets/42`, { headers: [h("Authorization", "Bearer x")] }), "missing-auth-token");
  });

  it("private API through the VPC endpoint name without x-apigw-api-id: names endpointConfiguration.types", () => {
    const files = outputs("rest-cli-v2");
    files.delete("get-rest-api.json");
    const r = run("https://vpce-0123456789abcdef0-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com/prod/items", { files });
    names(r, "wrong-endpoint", "get-rest-apis.json:items[1].endpointConfiguration.types");
  });
  it("near miss: with x-apigw-api-id", () => {
    const files = outputs("rest-cli-v2");
    files.delete("get-rest-api.json");
    const r = run("https://vpce-0123456789abcdef0-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com/prod/items", { files, headers: [h("x-apigw-api-id", "z9y8x7w6v5")] });
    absent(r, "wrong-endpoint");
  });

  it("default endpoint disabled: names disableExecuteApiEndpoint", () => {
    const files = outputs("rest-cli-v2");
    files.get("get-rest-api.json").disableExecuteApiEndpoint = true;
    names(run(`${EXEC}/prod/pets`, { files, headers: [h("x-api-key", KEY)] }), "wrong-endpoint", "get-rest-api.json.disableExecuteApiEndpoint");
  });
  it("near miss: the custom domain of the same API", () => {
    const files = outputs("rest-cli-v2");
    files.get("get-rest-api.json").disableExecuteApiEndpoint = true;
    absent(run("https://api.example.com/v1/pets", { files, headers: [h("x-api-key", KEY)] }), "wrong-endpoint");
  });

  describe("mutual TLS with a client certificate not issued by the truststore", () => {
    let dir = "";
    const pem = (name: string) => readFileSync(join(dir, name), "utf8");
    before(() => {
      dir = mkdtempSync(join(tmpdir(), "why403-mtls-"));
      const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
      for (const ca of ["trusted", "other"]) {
        ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${ca}-ca.key`, "-out", `${ca}-ca.pem`, "-days", "30", "-subj", `/CN=${ca} CA`);
        ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${ca}-client.key`, "-out", `${ca}-client.csr`, "-subj", "/CN=client");
        ssl("x509", "-req", "-in", `${ca}-client.csr`, "-CA", `${ca}-ca.pem`, "-CAkey", `${ca}-ca.key`, "-CAcreateserial", "-out", `${ca}-client.pem`, "-days", "7");
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("names the domain's truststoreUri", () => {
      const r = run("https://mtls.example.com/pets", { headers: [h("x-api-key", KEY)], clientCert: pem("other-client.pem"), truststore: pem("trusted-ca.pem") });
      names(r, "mtls-cert", "get-domain-names.json:items[1].mutualTlsAuthentication.truststoreUri");
      assert.match(r.causes[0]!.evidence[0]!.detail, /not issued by any CA in the truststore/);
    });
    it("near miss: a certificate issued by the truststore's CA", () => {
      absent(run("https://mtls.example.com/pets", { headers: [h("x-api-key", KEY)], clientCert: pem("trusted-client.pem"), truststore: pem("trusted-ca.pem") }), "mtls-cert");
    });
  });

  it("custom domain without a base path mapping: names basePath", () => {
    const r = run("https://api.example.com/v2/pets", { headers: [h("x-api-key", KEY)] });
    names(r, "host-not-configured", "get-base-path-mappings.api.example.com.json:items[].basePath");
    assert.ok(!r.notes.some((n) => /the URL reaches API/.test(n)), "an unmapped path reaches no API");
  });
  it("near miss: a mapped base path", () => {
    absent(run("https://api.example.com/v1/pets", { headers: [h("x-api-key", KEY)] }), "host-not-configured");
  });

  it("stage kept in a custom-domain URL: names the mapping's basePath", () => {
    const r = run("https://api.example.com/v1/prod/pets", { headers: [h("x-api-key", KEY)] });
    names(r, "wrong-endpoint", "get-base-path-mappings.api.example.com.json:items[0].basePath");
    assert.ok(r.causes[0]!.fix.some((f) => f.includes("https://api.example.com/v1/pets")));
  });
  it("near miss: the URL without the stage", () => {
    absent(run("https://api.example.com/v1/pets", { headers: [h("x-api-key", KEY)] }), "wrong-endpoint");
  });

  it("stage in the URL does not exist: names the stages' stageName (case-sensitive)", () => {
    const r = run(`${EXEC}/Prod/pets`, { headers: [h("x-api-key", KEY)] });
    names(r, "wrong-endpoint", "get-stages.json:item[].stageName");
    assert.match(r.causes[0]!.evidence[0]!.detail, /case-sensitive: prod/);
  });
  it("near miss: an existing stage", () => {
    absent(run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", KEY)] }), "wrong-endpoint");
  });
});

describe("API Gateway checks: gateway responses, HTTP APIs, CLI v1 output, missing files", () => {
  it("a gateway response changed to 403 names its statusCode; defaults do not", () => {
    const files = outputs("rest-cli-v2");
    files.get("get-gateway-responses.json").items[2].statusCode = "403";
    names(run(`${EXEC}/prod/pets`, { files, headers: [h("x-api-key", KEY)] }), "error-page-remap", "get-gateway-responses.json:items[2].statusCode");
    absent(run(`${EXEC}/prod/pets`, { headers: [h("x-api-key", KEY)] }), "error-page-remap");
  });

  it("HTTP API with a JWT authorizer: a token without the route's scope (jose)", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const token = (scope: string) =>
      new SignJWT({ scope, token_use: "access", client_id: "6example2client3id4" })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE")
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey);
    const url = "https://q1w2e3r4t5.execute-api.eu-west-1.amazonaws.com/orders";
    const r = run(url, { dir: "http-api", method: "POST", headers: [h("Authorization", `Bearer ${await token("orders/read")}`)] });
    names(r, "insufficient-permissions", "get-routes.json:Items[0].AuthorizationScopes");
    assert.ok(r.checks!.some((c) => c.id === "stage" && c.status === "pass" && /\$default/.test(c.detail)));
    absent(run(url, { dir: "http-api", method: "POST", headers: [h("Authorization", `Bearer ${await token("orders/read orders/write")}`)] }), "insufficient-permissions");
  });

  it("HTTP API IAM route unsigned; an unknown route is a 404, not a 403", () => {
    names(run("https://q1w2e3r4t5.execute-api.eu-west-1.amazonaws.com/orders/17", { dir: "http-api" }), "missing-auth-token", "get-routes.json:Items[1].AuthorizationType");
    const r = run("https://q1w2e3r4t5.execute-api.eu-west-1.amazonaws.com/nothing", { dir: "http-api" });
    assert.equal(r.causes.length, 0);
    assert.ok(r.checks!.some((c) => c.id === "route" && c.status === "warn" && /404/.test(c.detail)));
  });

  it("AWS CLI v1 output (epoch dates, methods not embedded): the route is found, the method checks are skipped", () => {
    const r = run("https://o1y243m4f5.execute-api.us-west-2.amazonaws.com/dev/resource/subresource", { dir: "rest-cli-v1", method: "POST" });
    assert.equal(r.causes.length, 0);
    assert.ok(r.checks!.some((c) => c.id === "resource" && c.status === "pass"));
    assert.ok(r.checks!.some((c) => c.id === "authorization" && c.status === "skip" && /--embed methods/.test(c.detail)));
    names(run("https://o1y243m4f5.execute-api.us-west-2.amazonaws.com/prod/resource/subresource", { dir: "rest-cli-v1", method: "POST" }), "wrong-endpoint", "get-stages.json:item[].stageName");
  });

  it("a missing file only disables the checks that need it", () => {
    const files = outputs("rest-cli-v2");
    files.delete("get-stages.json");
    files.delete("get-usage-plans.json");
    const r = run(`${EXEC}/Prod/pet`, { files });
    assert.ok(r.checks!.some((c) => c.id === "stage" && c.status === "skip"));
    names(r, "missing-auth-token", "get-resources.json:items[].path");
  });

  it("REST resources: a literal beats {param}, which beats {proxy+}; the method comes after the path", () => {
    const cfg = buildConfig(outputs("rest-cli-v2"), "apigw");
    const routes = cfg.routes!;
    assert.equal(matchRestRoute(routes, "/pets/42", "GET").resourcePath, "/pets/{petId}");
    assert.equal(matchRestRoute(routes, "/admin/users/7", "DELETE").route?.method, "ANY");
    assert.equal(matchRestRoute(routes, "/admin", "GET").route, undefined);
    assert.deepEqual(matchRestRoute(routes, "/pets", "DELETE").methods, ["GET", "POST"]);
  });
});
