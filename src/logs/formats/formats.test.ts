// Each format against the example lines its vendor documents: detection, and the status the fast
// scan reads (which decides what is forwarded to DuckDB).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { detectFormat } from "../detect.js";
import { LINE } from "./format.js";
import { formatById } from "./index.js";
import { canonicalKey, templateRegex } from "./apigateway.js";
import { cloudtrailStatus } from "./cloudtrail.js";

const status = (id: Parameters<typeof formatById>[0], line: string, head: string[] = [line], opts = {}): number => {
  const b = Buffer.from(line);
  return formatById(id).reader(head, opts).status(b, 0, b.length);
};

// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html
const CF_FIELDS = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end";
const CF_LINE = "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tHit\tSOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-";
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html
const S3_LINE = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be A1206F460EXAMPLE REST.GET.BUCKETPOLICY - "GET /amzn-s3-demo-bucket1?policy HTTP/1.1" 404 NoSuchBucketPolicy 297 - 38 - "-" "S3Console/0.4" - BNaBsXZQQDbssi6xMBdBU2sLt+Yf5kZDmeBUP35sFoKa3sLLeMC78iwEIWxs99CRUrbS4n11234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2 - Yes';
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html
const ALB_LINE = 'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90';
// https://docs.aws.amazon.com/waf/latest/developerguide/logging-examples.html (rate-based rule 1)
const WAF_LINE = '{"timestamp":1683355579981,"formatVersion":1,"webaclId":"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/RateBasedStatementWebACL/7b2b2f3f-4f2a-4bd5-9a1e-2f8c5c3e9e11","terminatingRuleId":"RateBasedRule","terminatingRuleType":"RATE_BASED","action":"BLOCK","terminatingRuleMatchDetails":[],"httpSourceName":"APIGW","httpSourceId":"EXAMPLE11:rjvegx5guh:CanaryTest","ruleGroupList":[],"rateBasedRuleList":[{"rateBasedRuleName":"RateBasedRule","limitKey":"CUSTOMKEYS","maxRateAllowed":100}],"nonTerminatingMatchingRules":[],"requestHeadersInserted":null,"responseCodeSent":null,"httpRequest":{"clientIp":"52.46.82.45","country":"FR","headers":[{"name":"dogname","value":"ella"}],"uri":"/CanaryTest","args":"","httpVersion":"HTTP/1.1","httpMethod":"GET","requestId":"Ed0AiHF_CGYF-DA="}}';
// https://httpd.apache.org/docs/2.4/logs.html (combined)
const COMBINED_LINE = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"';
const NGINX_ERROR = '2015/07/04 10:00:00 [error] 3976#0: *62889 directory index of "/usr/local/openresty/nginx/html/" is forbidden, client: 100.97.181.249, server: localhost, request: "GET / HTTP/1.0"';
const APACHE_ERROR = "[Sun Aug 05 04:03:42.258364 2018] [authz_core:error] [pid 15732] [client 198.51.100.7:19185] AH01630: client denied by server configuration: /home/get5/get5-web-master/get5.wsgi, referer: http://domain";

describe("log formats", () => {
  it("detects each documented example", () => {
    const cases: [string[], string, string][] = [
      [["#Version: 1.0", CF_FIELDS, CF_LINE], "cf.log", "cloudfront"],
      [[S3_LINE], "2019-02-06-00-00-38-EXAMPLE", "s3-access"],
      [[ALB_LINE], "alb.log", "alb"],
      [[WAF_LINE], "waf.log", "waf"],
      [[COMBINED_LINE], "/var/log/nginx/access.log", "nginx-combined"],
      [[COMBINED_LINE], "/var/log/apache2/access.log", "apache-combined"],
      [[NGINX_ERROR], "error.log", "nginx-error"],
      [[APACHE_ERROR], "error.log", "apache-error"],
      [['{"Records":[{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"CreateUser"'], "trail.json", "cloudtrail"],
      [['{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","ip":"192.0.2.1","requestTime":"10/Oct/2000:13:55:36 +0000","httpMethod":"GET","resourcePath":"/pets","status":"200"}'], "api.log", "apigateway"],
    ];
    for (const [head, path, want] of cases) assert.equal(detectFormat(head, path)?.id, want, `${path}: ${head[head.length - 1]!.slice(0, 60)}`);
  });

  it("does not claim text that is no log", () => {
    assert.equal(detectFormat(["hello world", "this is a README"], "README.md"), undefined);
    assert.equal(detectFormat(["{\"name\": \"why403\", \"version\": \"0.1.0\"}"], "package.json"), undefined);
  });

  it("reads the status of documented lines without parsing them fully", () => {
    assert.equal(status("cloudfront", CF_LINE, [CF_FIELDS]), 200);
    assert.equal(status("cloudfront", CF_LINE.replace("\t200\t", "\t403\t"), [CF_FIELDS]), 403);
    assert.equal(status("cloudfront", "#Version: 1.0", [CF_FIELDS]), LINE.skip);
    assert.equal(status("cloudfront", "2019-12-04\t21:02:31\tLAX1", [CF_FIELDS]), LINE.malformed);
    assert.equal(status("s3-access", S3_LINE), 404);
    // S3 appends fields over the years: lines with more of them still parse, into the same columns
    const longer = `${S3_LINE} 2026-11-01T00:00:00Z some-future-field`;
    assert.equal(status("s3-access", longer), 404);
    const fields = formatById("s3-access").reader([longer], {}).forward!(longer)!;
    assert.equal(fields[5], "A1206F460EXAMPLE", "requestid");
    assert.equal(fields[10], "NoSuchBucketPolicy", "errorcode");
    assert.equal(fields[24], "-", "accesspointarn");
    assert.equal(status("alb", ALB_LINE), 200);
    assert.equal(status("alb", ALB_LINE.replace(" 200 200 ", " 403 - ")), 403);
    assert.equal(status("waf", WAF_LINE), 403);
    assert.equal(status("waf", WAF_LINE.replace('"BLOCK"', '"ALLOW"')), 200);
    assert.equal(status("waf", WAF_LINE.replace('"responseCodeSent":null', '"responseCodeSent":429')), 429);
    assert.equal(status("nginx-combined", COMBINED_LINE), 200);
    assert.equal(status("nginx-combined", COMBINED_LINE.replace('" 200 ', '" 403 ')), 403);
    assert.equal(status("nginx-combined", '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a\\"b HTTP/1.0" 403 - "-" "-"'), 403, "an escaped quote in the request");
    assert.equal(status("nginx-combined", '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /'), LINE.malformed);
    assert.equal(status("nginx-error", NGINX_ERROR), LINE.denial);
    assert.equal(status("nginx-error", "2015/07/04 10:00:00 [notice] 1#1: signal process started"), LINE.noStatus);
    assert.equal(status("apache-error", APACHE_ERROR), LINE.denial);
    assert.equal(status("apache-error", "not an apache line"), LINE.malformed);
  });

  it("rewrites CloudFront v2 lines in another field order to the documented order", () => {
    const fields = ["date", "time", "sc-status", "c-ip", "x-edge-request-id", "x-edge-detailed-result-type", "cs-uri-stem"];
    const head = [`#Fields: ${fields.join(" ")}`];
    const line = "2026-11-01\t00:00:01\t403\t192.0.2.1\tabc==\tClientGeoBlocked\t/x";
    const reader = formatById("cloudfront").reader(head, {});
    const b = Buffer.from(line);
    assert.equal(reader.status(b, 0, b.length), 403);
    const out = reader.forward!(line)!;
    assert.equal(out.length, 33);
    assert.equal(out[8], "403");
    assert.equal(out[14], "abc==");
    assert.equal(out[28], "ClientGeoBlocked");
    assert.equal(out[3], "-", "fields the file does not have are '-'");
  });

  it("reads CloudTrail denials by errorCode", () => {
    assert.equal(cloudtrailStatus({ eventName: "GetObject", errorCode: "AccessDenied" }), 403);
    assert.equal(cloudtrailStatus({ eventName: "RunInstances", errorCode: "Client.UnauthorizedOperation" }), 403);
    assert.equal(cloudtrailStatus({ eventName: "GetObject", errorCode: "NoSuchKey" }), 400);
    assert.equal(cloudtrailStatus({ eventName: "GetObject" }), 200);
    assert.equal(cloudtrailStatus({ nothing: 1 }), LINE.malformed);
  });

  it("turns an API Gateway CLF template into a reader", () => {
    const { re, keys } = templateRegex('$context.identity.sourceIp [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.requestId $context.error.responseType');
    const m = re.exec('203.0.113.5 [01/Nov/2026:00:00:00 +0000] "GET /pets HTTP/1.1" 403 c6af9ac6-7b61 MISSING_AUTHENTICATION_TOKEN');
    assert.ok(m);
    assert.deepEqual(keys, ["ip", "requestTime", "httpMethod", "resourcePath", "protocol", "status", "requestId", "errorResponseType"]);
    assert.equal(m[6], "403");
    assert.equal(m[8], "MISSING_AUTHENTICATION_TOKEN");
    assert.equal(canonicalKey("$context.authorizer.error"), "authorizerError");
    assert.equal(canonicalKey("errorResponseType"), "errorResponseType");
  });
});
