// Every cause of the CloudFront 403 guide (../shared/seeds/cloudfront-403.txt), each with a real
// configuration (get-distribution-config output built from the AWS CLI documentation examples)
// where the check names the cause and the field, and a near-miss where it does not.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createSign, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Report } from "../../model/report.js";
import { checkCloudFront, type CloudFrontCheckInput } from "./check.js";
import { parseDistribution } from "./load.js";
import type { DistributionConfig } from "./types.js";
import { cloudFrontBase64Encode, cannedPolicy } from "../../inspect/cloudfront-signed.js";
import { pathPatternMatches } from "./match.js";

const fixture = (name: string): string => readFileSync(new URL(`../../../../test/fixtures/cloudfront/${name}`, import.meta.url), "utf8");
const json = (name: string): Record<string, unknown> => JSON.parse(fixture(name)) as Record<string, unknown>;

type Mutate = (c: DistributionConfig) => void;

/** A fixture distribution, changed the way a user's console click would change it. */
const dist = (name: string, mutate?: Mutate) => {
  const doc = json(name) as unknown as { DistributionConfig: DistributionConfig };
  mutate?.(doc.DistributionConfig);
  return parseDistribution(JSON.stringify(doc));
};

const run = (input: Omit<CloudFrontCheckInput, "file">): Report => checkCloudFront({ file: "dist.json", ...input });

const causeOf = (r: Report, id: string) => r.causes.find((c) => c.id === id);

/** The cause is reported, with config evidence naming the field. */
const names = (r: Report, id: string, path: string): void => {
  const c = causeOf(r, id);
  assert.ok(c, `expected ${id}, got ${r.causes.map((x) => `${x.id}(${x.confidence})`).join(", ") || "nothing"}`);
  const e = c.evidence.find((x) => x.signal === "config" && x.path === path);
  assert.ok(e, `expected evidence at ${path}, got ${c.evidence.map((x) => x.path).join(", ")}`);
  assert.equal(e.configPath, path);
  assert.ok(c.fix.length > 0 && c.verify.length > 0, "fix and verify come with it");
};

const absent = (r: Report, id: string): void => {
  assert.equal(causeOf(r, id), undefined, `did not expect ${id}: ${causeOf(r, id)?.evidence[0]?.detail ?? ""}`);
};

const WEB_ACL = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/ExampleWebACL/473e64fd-f30b-4765-81a0-62ad96dd167a";
const ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";

describe("CloudFront checks: the causes of the 403 guide", () => {
  it("alternate CNAME missing: names DistributionConfig.Aliases.Items", () => {
    const r = run({ url: "https://shop.example.com/index.html", dist: dist("dist-s3-oac.json") });
    names(r, "host-not-configured", "DistributionConfig.Aliases.Items");
    assert.equal(r.causes[0]!.id, "host-not-configured");
    assert.equal(r.responder.id, "aws-cloudfront");
    assert.match(r.causes[0]!.fix[0]!, /shop\.example\.com/);
  });
  it("near miss: a listed alias, and one label under a wildcard alias", () => {
    absent(run({ url: "https://www.example.com/index.html", dist: dist("dist-s3-oac.json") }), "host-not-configured");
    absent(run({ url: "https://img.cdn.example.com/index.html", dist: dist("dist-multi-origin.json") }), "host-not-configured");
    // a wildcard covers one label only
    names(run({ url: "https://a.img.cdn.example.com/index.html", dist: dist("dist-multi-origin.json") }), "host-not-configured", "DistributionConfig.Aliases.Items");
  });

  it("AWS WAF web ACL attached: names DistributionConfig.WebACLId", () => {
    const r = run({ url: "https://www.example.com/index.html", dist: dist("dist-s3-oac.json", (c) => (c.WebACLId = WEB_ACL)) });
    names(r, "waf-rule", "DistributionConfig.WebACLId");
    assert.ok(causeOf(r, "waf-rule")!.verify.some((v) => v.includes(WEB_ACL)), "the verify command names the web ACL");
  });
  it("near miss: no web ACL", () => {
    absent(run({ url: "https://www.example.com/index.html", dist: dist("dist-s3-oac.json") }), "waf-rule");
  });

  it("custom origin: names the origin's CustomOriginConfig and offers the direct-to-origin probe", () => {
    const r = run({ url: "https://media.example.com/api/orders?page=2", dist: dist("dist-multi-origin.json") });
    names(r, "origin-denied", "DistributionConfig.Origins.Items[1].CustomOriginConfig");
    const steps = causeOf(r, "origin-denied")!.nextSteps.join("\n");
    assert.match(steps, /why403 https:\/\/api-alb-1234567890\.eu-west-1\.elb\.amazonaws\.com\/api\/orders\?page=2 -H 'Host: media\.example\.com'/);
    assert.doesNotMatch(JSON.stringify(r), /shared-secret-value/, "origin custom header values stay out");
  });
  it("near miss: the path goes to the S3 origin", () => {
    absent(run({ url: "https://media.example.com/index.html", dist: dist("dist-multi-origin.json") }), "origin-denied");
  });

  it("S3 origin without OAC/OAI and a private bucket: names OriginAccessControlId, or the bucket policy", () => {
    const noOac = dist("dist-s3-oac.json", (c) => (c.Origins.Items![0]!.OriginAccessControlId = ""));
    names(run({ url: "https://www.example.com/index.html", dist: noOac }), "origin-access-missing", "DistributionConfig.Origins.Items[0].OriginAccessControlId");
    const withPolicy = run({ url: "https://www.example.com/index.html", dist: noOac, bucketPolicy: json("policy-oac.json"), bucketPolicySource: "policy.json" });
    names(withPolicy, "origin-access-missing", "policy.json:Statement");
    assert.equal(withPolicy.responder.id, "aws-s3");
    assert.deepEqual(withPolicy.chain, [{ id: "aws-cloudfront", role: "presence" }, { id: "aws-s3", role: "decision" }]);
  });
  it("near miss: OAC and a bucket policy that allows this distribution", () => {
    const d = { ...dist("dist-s3-oac.json"), id: "EDFDVBD6EXAMPLE" };
    const r = run({ url: "https://www.example.com/index.html", dist: d, bucketPolicy: json("policy-oac.json"), bucketPolicySource: "policy.json" });
    absent(r, "origin-access-missing");
    assert.ok(r.checks!.some((c) => c.id === "bucket-policy" && c.status === "pass"));
  });
  it("the bucket policy allows another distribution: names the policy statement", () => {
    const d = { ...dist("dist-s3-oac.json"), id: "E2OTHERDIST00" };
    const r = run({ url: "https://www.example.com/index.html", dist: d, bucketPolicy: json("policy-oac.json"), bucketPolicySource: "policy.json" });
    names(r, "origin-access-missing", "policy.json:Statement");
    assert.match(causeOf(r, "origin-access-missing")!.evidence[0]!.detail, /only for arn:aws:cloudfront::111122223333:distribution\/EDFDVBD6EXAMPLE, not arn:aws:cloudfront::111122223333:distribution\/E2OTHERDIST00/);
  });
  it("a Deny in the bucket policy: names the statement", () => {
    const policy = json("policy-oac.json");
    policy.Statement = [policy.Statement, { Sid: "DenyPrivate", Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/private/*" }];
    const d = { ...dist("dist-s3-oac.json"), id: "EDFDVBD6EXAMPLE" };
    names(run({ url: "https://www.example.com/private/a.pdf", dist: d, bucketPolicy: policy, bucketPolicySource: "policy.json" }), "resource-policy-deny", "policy.json:Statement[1] (Sid DenyPrivate)");
    absent(run({ url: "https://www.example.com/public/a.pdf", dist: d, bucketPolicy: policy, bucketPolicySource: "policy.json" }), "resource-policy-deny");
  });
  it("legacy origin access identity: allowed by its own statement, refused by an OAC-only policy", () => {
    const open = (c: DistributionConfig) => (c.CacheBehaviors!.Items![1]!.TrustedKeyGroups = { Enabled: false, Quantity: 0 });
    const url = "https://media.example.com/video/intro.m3u8";
    absent(run({ url, dist: dist("dist-multi-origin.json", open), bucketPolicy: json("policy-oai.json"), bucketPolicySource: "policy.json" }), "origin-access-missing");
    names(run({ url, dist: dist("dist-multi-origin.json", open), bucketPolicy: json("policy-oac.json"), bucketPolicySource: "policy.json" }), "origin-access-missing", "policy.json:Statement");
  });
  it("website endpoint with OAC: names the origin DomainName", () => {
    const d = dist("dist-s3-oac.json", (c) => (c.Origins.Items![0]!.DomainName = "amzn-s3-demo-bucket.s3-website-us-east-1.amazonaws.com"));
    names(run({ url: "https://www.example.com/index.html", dist: d }), "origin-access-missing", "DistributionConfig.Origins.Items[0].DomainName");
  });

  it("wrong path: OriginPath repeated in the URL names Origins.Items[0].OriginPath", () => {
    const d = dist("dist-s3-oac.json", (c) => (c.Origins.Items![0]!.OriginPath = "/site"));
    const r = run({ url: "https://www.example.com/site/index.html", dist: d });
    names(r, "object-missing-masked", "DistributionConfig.Origins.Items[0].OriginPath");
    assert.match(causeOf(r, "object-missing-masked")!.evidence[0]!.detail, /"site\/site\/index\.html"/);
  });
  it("near miss: the path without the OriginPath", () => {
    absent(run({ url: "https://www.example.com/index.html", dist: dist("dist-s3-oac.json", (c) => (c.Origins.Items![0]!.OriginPath = "/site")) }), "object-missing-masked");
  });

  it("object does not exist: without s3:ListBucket a missing key is 403 (names the bucket policy)", () => {
    const d = { ...dist("dist-s3-oac.json"), id: "EDFDVBD6EXAMPLE" };
    names(run({ url: "https://www.example.com/docs/missing.html", dist: d, bucketPolicy: json("policy-oac.json"), bucketPolicySource: "policy.json" }), "object-missing-masked", "policy.json:Statement");
  });
  it("near miss: ListBucket allowed, so a missing key would be 404", () => {
    const policy = json("policy-oac.json");
    const st = policy.Statement as Record<string, unknown>;
    policy.Statement = [st, { ...st, Sid: "AllowList", Action: "s3:ListBucket", Resource: "arn:aws:s3:::amzn-s3-demo-bucket" }];
    const d = { ...dist("dist-s3-oac.json"), id: "EDFDVBD6EXAMPLE" };
    const r = run({ url: "https://www.example.com/docs/missing.html", dist: d, bucketPolicy: policy, bucketPolicySource: "policy.json" });
    absent(r, "object-missing-masked");
    assert.ok(r.checks!.some((c) => c.id === "missing-object" && c.status === "pass"));
  });

  it("Host header forwarded to the S3 REST origin: managed AllViewer policy, and legacy forwarded headers", () => {
    names(
      run({ url: "https://www.example.com/index.html", dist: dist("dist-s3-oac.json", (c) => (c.DefaultCacheBehavior.OriginRequestPolicyId = ALL_VIEWER)) }),
      "host-header-forwarded",
      "DistributionConfig.DefaultCacheBehavior.OriginRequestPolicyId",
    );
    names(
      run({ url: "https://d2wkuj2w9l34gt.cloudfront.net/index.html", dist: dist("dist-cli-example.json", (c) => (c.DefaultCacheBehavior.ForwardedValues!.Headers = { Quantity: 1, Items: ["Host"] })) }),
      "host-header-forwarded",
      "DistributionConfig.DefaultCacheBehavior.ForwardedValues.Headers.Items",
    );
  });
  it("near miss: CORS-S3Origin forwards no Host", () => {
    absent(run({ url: "https://media.example.com/index.html", dist: dist("dist-multi-origin.json") }), "host-header-forwarded");
  });

  it("custom error pages: a 403 rewritten to /index.html names the custom error response", () => {
    const d = dist("dist-s3-oac.json", (c) => (c.CustomErrorResponses = { Quantity: 1, Items: [{ ErrorCode: 403, ResponsePagePath: "/index.html", ResponseCode: "200", ErrorCachingMinTTL: 10 }] }));
    names(run({ url: "https://www.example.com/app/settings", dist: d }), "error-page-remap", "DistributionConfig.CustomErrorResponses.Items[0]");
    const to403 = dist("dist-s3-oac.json", (c) => (c.CustomErrorResponses = { Quantity: 1, Items: [{ ErrorCode: 404, ResponsePagePath: "/errors/403.html", ResponseCode: "403", ErrorCachingMinTTL: 10 }] }));
    assert.equal(causeOf(run({ url: "https://www.example.com/x", dist: to403 }), "error-page-remap")!.confidence, 0.6);
  });
  it("near miss: only 5xx errors are customised", () => {
    const d = dist("dist-s3-oac.json", (c) => (c.CustomErrorResponses = { Quantity: 1, Items: [{ ErrorCode: 502, ResponsePagePath: "/errors/502.html", ResponseCode: "502", ErrorCachingMinTTL: 10 }] }));
    absent(run({ url: "https://www.example.com/x", dist: d }), "error-page-remap");
  });

  it("geographic restriction: a country outside the allow list names Restrictions.GeoRestriction", () => {
    const d = dist("dist-s3-oac.json", (c) => (c.Restrictions = { GeoRestriction: { RestrictionType: "whitelist", Quantity: 3, Items: ["US", "CA", "GB"] } }));
    const r = run({ url: "https://www.example.com/index.html", dist: d, country: "DE" });
    names(r, "geo-blocked", "DistributionConfig.Restrictions.GeoRestriction");
    assert.equal(r.causes[0]!.id, "geo-blocked");
    const blocked = dist("dist-s3-oac.json", (c) => (c.Restrictions = { GeoRestriction: { RestrictionType: "blacklist", Quantity: 1, Items: ["KP"] } }));
    names(run({ url: "https://www.example.com/index.html", dist: blocked, country: "kp" }), "geo-blocked", "DistributionConfig.Restrictions.GeoRestriction");
  });
  it("near miss: an allowed country", () => {
    const d = dist("dist-s3-oac.json", (c) => (c.Restrictions = { GeoRestriction: { RestrictionType: "whitelist", Quantity: 3, Items: ["US", "CA", "GB"] } }));
    absent(run({ url: "https://www.example.com/index.html", dist: d, country: "CA" }), "geo-blocked");
  });

  it("restricted viewer access without a signature names the behavior's TrustedKeyGroups", () => {
    const r = run({ url: "https://media.example.com/video/intro.m3u8", dist: dist("dist-multi-origin.json") });
    names(r, "signed-url-required", "DistributionConfig.CacheBehaviors.Items[1].TrustedKeyGroups");
    assert.equal(r.causes[0]!.id, "signed-url-required");
    assert.ok(r.checks!.some((c) => c.status === "skip" && /not reached/.test(c.detail)), "the origin is not reached");
  });
  it("near miss: a valid signed URL made with node:crypto; and an expired one is auth-expired", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const sign = (resource: string, expires: number) => {
      const s = createSign("RSA-SHA1");
      s.update(cannedPolicy(resource, expires));
      return `${resource}?Expires=${expires}&Signature=${cloudFrontBase64Encode(s.sign(privateKey))}&Key-Pair-Id=K2JCJMDEHXQW5F`;
    };
    const base = "https://media.example.com/video/intro.m3u8";
    const now = Math.floor(Date.now() / 1000);
    const ok = run({ url: sign(base, now + 3600), dist: dist("dist-multi-origin.json") });
    absent(ok, "signed-url-required");
    absent(ok, "auth-expired");
    assert.doesNotMatch(JSON.stringify(ok), /Signature=(?!\[redacted)/, "the signature is redacted");
    names(run({ url: sign(base, now - 600), dist: dist("dist-multi-origin.json") }), "auth-expired", "Expires");
  });

  it("stacked distributions: an origin that is another distribution names its DomainName", () => {
    const d = dist("dist-multi-origin.json", (c) => {
      c.Origins.Items![1]!.DomainName = "d2wkuj2w9l34gt.cloudfront.net";
    });
    names(run({ url: "https://media.example.com/api/orders", dist: d }), "stacked-edge", "DistributionConfig.Origins.Items[1].DomainName");
  });
  it("near miss: a load balancer origin", () => {
    absent(run({ url: "https://media.example.com/api/orders", dist: dist("dist-multi-origin.json") }), "stacked-edge");
  });
});

describe("CloudFront checks: behaviors and the rest of point 1", () => {
  it("allowed methods: POST on a GET/HEAD behavior", () => {
    names(run({ url: "https://www.example.com/form", method: "POST", dist: dist("dist-s3-oac.json") }), "method-denied", "DistributionConfig.DefaultCacheBehavior.AllowedMethods.Items");
    absent(run({ url: "https://media.example.com/api/orders", method: "POST", dist: dist("dist-multi-origin.json") }), "method-denied");
  });
  it("default root object: / without one, and with one", () => {
    names(run({ url: "https://d2wkuj2w9l34gt.cloudfront.net/", dist: dist("dist-cli-example.json") }), "directory-listing", "DistributionConfig.DefaultRootObject");
    absent(run({ url: "https://www.example.com/", dist: dist("dist-s3-oac.json") }), "directory-listing");
  });
  it("viewer protocol https-only refuses http", () => {
    names(run({ url: "http://media.example.com/api/orders", dist: dist("dist-multi-origin.json") }), "wrong-endpoint", "DistributionConfig.CacheBehaviors.Items[0].ViewerProtocolPolicy");
    absent(run({ url: "http://media.example.com/index.html", dist: dist("dist-multi-origin.json") }), "wrong-endpoint");
  });
  it("path patterns: case-sensitive, * spans slashes, ? one character, leading / optional", () => {
    assert.ok(pathPatternMatches("/api/*", "/api/v1/orders"));
    assert.ok(pathPatternMatches("images/*.jpg", "/images/a/b.jpg"));
    assert.ok(pathPatternMatches("/file-?.txt", "/file-1.txt"));
    assert.ok(!pathPatternMatches("/file-?.txt", "/file-12.txt"));
    assert.ok(!pathPatternMatches("/API/*", "/api/x"));
  });
  it("a configuration with no problem for the request reports no cause and lists what passed", () => {
    const r = run({ url: "https://www.example.com/index.html", dist: { ...dist("dist-s3-oac.json"), id: "EDFDVBD6EXAMPLE" } });
    assert.equal(r.causes.length, 0);
    assert.equal(r.responder.id, "unknown");
    assert.ok(r.checks!.filter((c) => c.status === "pass").length >= 10);
  });
  it("refuses what is not a distribution config, with a clear message", () => {
    assert.throws(() => parseDistribution('{"DistributionList": {"Items": []}}'), /get-distribution-config/);
    assert.throws(() => parseDistribution("{not json"), /not JSON/);
  });
});
