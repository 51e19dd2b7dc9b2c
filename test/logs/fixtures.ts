// Synthetic logs for the logs tests, built from the example lines AWS and nginx/Apache document
// (each template names its source). Every 403 is generated with the cluster it must land in, so
// the expected counts are known independently of why403's own parsing.
import { gzipSync } from "node:zlib";

/** Deterministic PRNG (xorshift32): the same seed gives the same files. */
export const rng = (seed: number) => {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
};

export interface Fixture {
  /** Relative path → content. */
  files: Record<string, string | Buffer>;
  /** "responder/cause" → count of 403s. */
  clusters: Record<string, number>;
  /** join key → matched requests. */
  joins: Record<string, number>;
  malformed: number;
  lines: number;
}

const add = (m: Record<string, number>, k: string, n = 1): void => {
  m[k] = (m[k] ?? 0) + n;
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number): string => String(n).padStart(2, "0");
const clf = (d: Date): string => `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);
const at = (i: number, stepMs = 1000): Date => new Date(T0 + i * stepMs);
const id = (r: ReturnType<typeof rng>, n: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"): string =>
  Array.from({ length: n }, () => alphabet[r.int(alphabet.length)]).join("");

// ---------------------------------------------------------------- CloudFront + WAF
// CloudFront: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html (example log file)
export const CF_HEADER =
  "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end\n";
const CF_UA = "Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36";
interface CfRow {
  d: Date;
  ip: string;
  path: string;
  status: number;
  result: string;
  detailed: string;
  rid: string;
  query?: string;
}
const cfFields = (c: CfRow): string[] => [
  c.d.toISOString().slice(0, 10), c.d.toISOString().slice(11, 19), "LAX1", "392", c.ip, "GET", "d111111abcdef8.cloudfront.net", c.path, String(c.status), "-", CF_UA,
  c.query ?? "-", "-", c.result, c.rid, "www.example.com", "https", "23", "0.001", "-", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", c.result, "HTTP/2.0", "-", "-", "11040", "0.001", c.detailed, "text/html", "78", "-", "-",
];
export const cfLine = (c: CfRow): string => cfFields(c).join("\t");

// WAF: https://docs.aws.amazon.com/waf/latest/developerguide/logging-examples.html
interface WafRow {
  d: Date;
  ip: string;
  path: string;
  rid: string;
  action: "ALLOW" | "BLOCK";
  rule: string;
  ruleType: string;
  source: "CF" | "ALB" | "APIGW";
  groupRule?: string;
  country?: string;
}
export const wafLine = (w: WafRow): string =>
  JSON.stringify({
    timestamp: w.d.getTime(),
    formatVersion: 1,
    webaclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/ExampleWebACL/12345678-1234-1234-1234-123456789012",
    terminatingRuleId: w.rule,
    terminatingRuleType: w.ruleType,
    action: w.action,
    terminatingRuleMatchDetails: [],
    httpSourceName: w.source,
    httpSourceId: w.source === "CF" ? "EDFDVBD6EXAMPLE" : "EXAMPLE11:rjvegx5guh:CanaryTest",
    ruleGroupList: w.groupRule ? [{ ruleGroupId: `AWS#${w.rule.replace(/^AWS-/, "")}`, terminatingRule: { ruleId: w.groupRule, action: "BLOCK", ruleMatchDetails: null }, nonTerminatingMatchingRules: [], excludedRules: null }] : [],
    rateBasedRuleList: [],
    nonTerminatingMatchingRules: [],
    requestHeadersInserted: null,
    responseCodeSent: null,
    httpRequest: {
      clientIp: w.ip,
      country: w.country ?? "FR",
      headers: [{ name: "Host", value: "www.example.com" }, { name: "User-Agent", value: "curl/7.46.0" }],
      uri: w.path,
      args: "",
      httpVersion: "HTTP/1.1",
      httpMethod: "GET",
      requestId: w.rid,
    },
  });

export const cloudfrontAndWaf = (seed = 7): Fixture => {
  const r = rng(seed);
  const f: Fixture = { files: {}, clusters: {}, joins: {}, malformed: 0, lines: 0 };
  const cf: string[] = [];
  const waf: string[] = [];
  const ips = Array.from({ length: 40 }, (_, i) => `192.0.2.${i + 1}`);
  for (let i = 0; i < 3000; i++) {
    const d = at(i, 1200);
    const ip = r.pick(ips);
    const rid = `${id(r, 54)}==`;
    const k = r.next();
    const burst = i >= 1500 && i < 1560;
    if (k < 0.05 || burst) {
      // a WAF rate-based rule; a burst from one client in the second half hour
      cf.push(cfLine({ d, ip: burst ? "198.51.100.7" : ip, path: "/login", status: 403, result: "Error", detailed: "Error", rid }));
      waf.push(wafLine({ d, ip: burst ? "198.51.100.7" : ip, path: "/login", rid, action: "BLOCK", rule: "RateLimit-Login", ruleType: "RATE_BASED", source: "CF" }));
      add(f.clusters, "aws-waf/rate-limited");
      add(f.joins, "x-amz-cf-id");
    } else if (k < 0.08) {
      cf.push(cfLine({ d, ip, path: "/search", status: 403, result: "Error", detailed: "Error", rid, query: "q=1%27%20OR%201=1" }));
      waf.push(wafLine({ d, ip, path: "/search", rid, action: "BLOCK", rule: "AWS-AWSManagedRulesSQLiRuleSet", ruleType: "MANAGED_RULE_GROUP", groupRule: "SQLi_QUERYARGUMENTS", source: "CF" }));
      add(f.clusters, "aws-waf/waf-rule");
      add(f.joins, "x-amz-cf-id");
    } else if (k < 0.1) {
      cf.push(cfLine({ d, ip, path: "/index.html", status: 403, result: "Error", detailed: "Error", rid }));
      waf.push(wafLine({ d, ip, path: "/index.html", rid, action: "BLOCK", rule: "BlockCountries", ruleType: "REGULAR", source: "CF", country: "KP" }));
      add(f.clusters, "aws-waf/geo-blocked");
      add(f.joins, "x-amz-cf-id");
    } else if (k < 0.12) {
      cf.push(cfLine({ d, ip, path: "/index.html", status: 403, result: "Error", detailed: "ClientGeoBlocked", rid }));
      add(f.clusters, "aws-cloudfront/geo-blocked");
    } else if (k < 0.15) {
      cf.push(cfLine({ d, ip, path: `/private/report-${r.int(9)}.pdf`, status: 403, result: "Error", detailed: "Error", rid }));
      add(f.clusters, "aws-cloudfront/origin-denied");
    } else if (k < 0.16) {
      cf.push(cfLine({ d, ip, path: "/video/intro.mp4", status: 403, result: "Error", detailed: "Error", rid, query: "Expires=1735689600&Signature=abcdefEXAMPLEsignature~&Key-Pair-Id=K2JCJMDEHXQW5F" }));
      add(f.clusters, "aws-cloudfront/signed-url-required");
    } else {
      const status = k < 0.2 ? 404 : 200;
      cf.push(cfLine({ d, ip, path: "/index.html", status, result: status === 200 ? "Hit" : "Error", detailed: status === 200 ? "Hit" : "Error", rid }));
      if (r.next() < 0.3) waf.push(wafLine({ d, ip, path: "/index.html", rid, action: "ALLOW", rule: "Default_Action", ruleType: "REGULAR", source: "CF" }));
    }
  }
  // blocks whose CloudFront lines are in a log file we do not have: counted once, from WAF alone
  for (let i = 0; i < 25; i++) {
    waf.push(wafLine({ d: at(4000 + i), ip: "203.0.113.9", path: "/login", rid: `${id(r, 54)}==`, action: "BLOCK", rule: "RateLimit-Login", ruleType: "RATE_BASED", source: "CF" }));
    add(f.clusters, "aws-waf/rate-limited");
  }
  // two malformed CloudFront lines (cut short) and one WAF line that is not JSON
  cf.splice(100, 0, "2026-11-01\t00:01:40\tLAX1\t392");
  cf.splice(200, 0, "this is not a log line");
  waf.splice(50, 0, '{"timestamp": 1, "action": "BLOCK", "httpRequest": ');
  f.malformed += 3;
  f.files["cf/E2EXAMPLE.2026-11-01-00.a1b2c3d4.gz"] = gzipSync(CF_HEADER + cf.join("\n") + "\n");
  f.files["waf/aws-waf-logs-example.log"] = waf.join("\n") + "\n";
  f.lines += cf.length + 2 + waf.length;
  return f;
};

// ---------------------------------------------------------------- S3 server access + CloudTrail
// S3: https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html (example log records)
const OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
export const s3Line = (o: { d: Date; ip: string; requester: string; reqId: string; op: string; key: string; status: number; code: string }): string =>
  `${OWNER} amzn-s3-demo-bucket1 [${clf(o.d)}] ${o.ip} ${o.requester} ${o.reqId} ${o.op} ${o.key} "GET /amzn-s3-demo-bucket1/${o.key} HTTP/1.1" ${o.status} ${o.code} ${o.status === 200 ? 2662992 : 243} ${o.status === 200 ? 3462992 : "-"} 70 ${o.status === 200 ? 10 : "-"} "-" "aws-cli/2.15.0 Python/3.11.6" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2 - -`;

// CloudTrail: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
const trailRecord = (o: { d: Date; reqId: string; eventSource: string; eventName: string; arn: string; code: string; message: string; bucket?: string; key?: string }) => ({
  eventVersion: "1.09",
  userIdentity: { type: "AssumedRole", principalId: "AROAEXAMPLE:session", arn: o.arn, accountId: "123456789012", accessKeyId: "ASIAEXAMPLEKEY", sessionContext: { sessionIssuer: { type: "Role", principalId: "AROAEXAMPLE", arn: o.arn.replace(/:sts::(\d+):assumed-role\/([^/]+)\/.*/, ":iam::$1:role/$2"), accountId: "123456789012", userName: "app" } } },
  eventTime: o.d.toISOString().replace(/\.\d+Z$/, "Z"),
  eventSource: o.eventSource,
  eventName: o.eventName,
  awsRegion: "us-west-1",
  sourceIPAddress: "192.0.2.3",
  userAgent: "aws-cli/2.15.0",
  errorCode: o.code,
  errorMessage: o.message,
  requestParameters: o.bucket ? { bucketName: o.bucket, key: o.key, Host: `${o.bucket}.s3.us-west-1.amazonaws.com` } : { userName: "Alice" },
  responseElements: null,
  requestID: o.reqId,
  eventID: "3038ebd2-c98a-4c65-9b6e-e22506292313",
  readOnly: true,
  eventType: o.bucket ? "AwsApiCall" : "AwsApiCall",
  managementEvent: !o.bucket,
  recipientAccountId: "123456789012",
  eventCategory: o.bucket ? "Data" : "Management",
});

export const s3AndCloudTrail = (seed = 11): Fixture => {
  const r = rng(seed);
  const f: Fixture = { files: {}, clusters: {}, joins: {}, malformed: 0, lines: 0 };
  const s3: string[] = [];
  const records: unknown[] = [];
  const role = "arn:aws:sts::123456789012:assumed-role/app/i-0abc";
  for (let i = 0; i < 2000; i++) {
    const d = at(i, 2000);
    const reqId = id(r, 16, "0123456789ABCDEF");
    const key = `reports/2026/report-${r.int(50)}.csv`;
    const k = r.next();
    const base = { d, ip: "192.0.2.3", requester: role.replace(/\/i-0abc$/, ""), reqId, op: "REST.GET.OBJECT", key };
    if (k < 0.05) {
      s3.push(s3Line({ ...base, status: 403, code: "AccessDenied" }));
      records.push(trailRecord({ d, reqId, eventSource: "s3.amazonaws.com", eventName: "GetObject", arn: role, code: "AccessDenied", message: "User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket1/" + key + "\" with an explicit deny in a resource-based policy", bucket: "amzn-s3-demo-bucket1", key }));
      add(f.clusters, "aws-s3/resource-policy-deny");
      add(f.joins, "x-amz-request-id");
    } else if (k < 0.08) {
      s3.push(s3Line({ ...base, status: 403, code: "AccessDenied" }));
      records.push(trailRecord({ d, reqId, eventSource: "s3.amazonaws.com", eventName: "GetObject", arn: role, code: "AccessDenied", message: "User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket1/" + key + "\" because no identity-based policy allows the s3:GetObject action", bucket: "amzn-s3-demo-bucket1", key }));
      add(f.clusters, "aws-s3/no-allow");
      add(f.joins, "x-amz-request-id");
    } else if (k < 0.1) {
      // no CloudTrail data event for these: S3's own code is all there is
      s3.push(s3Line({ ...base, status: 403, code: "AccessDenied" }));
      add(f.clusters, "aws-s3/no-allow");
    } else if (k < 0.11) {
      s3.push(s3Line({ ...base, status: 403, code: "SignatureDoesNotMatch" }));
      add(f.clusters, "aws-s3/signature-mismatch");
    } else if (k < 0.12) {
      records.push(trailRecord({ d, reqId: id(r, 36, "0123456789abcdef-"), eventSource: "iam.amazonaws.com", eventName: "CreateUser", arn: role, code: "AccessDenied", message: "User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/Alice with an explicit deny in a service control policy" }));
      add(f.clusters, "aws-service-api/org-policy-deny");
    } else {
      s3.push(s3Line({ ...base, status: k < 0.15 ? 404 : 200, code: k < 0.15 ? "NoSuchKey" : "-" }));
      if (r.next() < 0.1) records.push({ ...trailRecord({ d, reqId, eventSource: "s3.amazonaws.com", eventName: "GetObject", arn: role, code: "", message: "", bucket: "amzn-s3-demo-bucket1", key }), errorCode: undefined, errorMessage: undefined });
    }
  }
  s3.splice(10, 0, "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38");
  f.malformed += 1;
  // S3 writes many small files; half of the records go in one CloudTrail file, half in another
  const half = Math.floor(records.length / 2);
  f.files["s3/2026-11-01-00-00-00-1A2B3C4D5E6F7A8B"] = s3.join("\n") + "\n";
  f.files["trail/123456789012_CloudTrail_us-west-1_20261101T0000Z_a.json.gz"] = gzipSync(JSON.stringify({ Records: records.slice(0, half) }));
  f.files["trail/123456789012_CloudTrail_us-west-1_20261101T0100Z_b.json"] = JSON.stringify({ Records: records.slice(half) });
  f.lines += s3.length + records.length;
  return f;
};

// ---------------------------------------------------------------- ALB + WAF
// ALB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html (example log entries)
export const albLine = (o: { d: Date; ip: string; elb: string; target: string; trace: string; actions: string; path: string }): string =>
  `https ${o.d.toISOString().replace("Z", "000Z").replace(/\.(\d{3})000Z$/, ".$1641Z")} app/my-loadbalancer/50dc6c495c0c9188 ${o.ip}:2817 ${o.target === "-" ? "-" : "10.0.0.1:80"} ${o.target === "-" ? "-1 -1 -1" : "0.000 0.001 0.000"} ${o.elb} ${o.target} 34 366 "GET https://www.example.com:443${o.path} HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=${o.trace}" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 ${o.d.toISOString()} "${o.actions}" "-" "-" "${o.target === "-" ? "-" : "10.0.0.1:80"}" "${o.target}" "-" "-" TID_1234abcd5678ef90`;

export const albAndWaf = (seed = 13): Fixture => {
  const r = rng(seed);
  const f: Fixture = { files: {}, clusters: {}, joins: {}, malformed: 0, lines: 0 };
  const alb: string[] = [];
  const waf: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const d = at(i, 1500);
    const trace = `1-${(T0 / 1000 + i).toString(16)}-${id(r, 24, "0123456789abcdef")}`;
    const ip = `192.168.131.${r.int(200)}`;
    const k = r.next();
    if (k < 0.04) {
      alb.push(albLine({ d, ip, elb: "403", target: "-", trace, actions: "waf", path: "/api/upload" }));
      waf.push(wafLine({ d, ip, path: "/api/upload", rid: trace, action: "BLOCK", rule: "AWS-AWSManagedRulesCommonRuleSet", ruleType: "MANAGED_RULE_GROUP", groupRule: "SizeRestrictions_BODY", source: "ALB" }));
      add(f.clusters, "aws-waf/waf-rule");
      add(f.joins, "X-Amzn-Trace-Id");
    } else if (k < 0.07) {
      alb.push(albLine({ d, ip, elb: "403", target: "403", trace, actions: "forward", path: "/admin/users" }));
      add(f.clusters, "aws-elb/origin-denied");
    } else if (k < 0.08) {
      alb.push(albLine({ d, ip, elb: "403", target: "-", trace, actions: "fixed-response", path: "/internal/metrics" }));
      add(f.clusters, "aws-elb/path-blocked");
    } else {
      alb.push(albLine({ d, ip, elb: "200", target: "200", trace, actions: "waf,forward", path: "/" }));
    }
  }
  alb.splice(5, 0, "https 2026-11-01T00:00:00.000Z truncated");
  f.malformed += 1;
  f.files["alb/123456789012_elasticloadbalancing_us-east-2_app.my-loadbalancer.50dc6c495c0c9188_20261101T0000Z_10.0.0.1_a.log.gz"] = gzipSync(alb.join("\n") + "\n");
  f.files["alb-waf/waf.log"] = waf.join("\n") + "\n";
  f.lines += alb.length + waf.length;
  return f;
};

// ---------------------------------------------------------------- API Gateway
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html (JSON and CLF formats)
export const APIGW_CLF = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.error.responseType';

export const apiGateway = (seed = 17): Fixture & { clf: string } => {
  const r = rng(seed);
  const f: Fixture = { files: {}, clusters: {}, joins: {}, malformed: 0, lines: 0 };
  const json: string[] = [];
  const clfLines: string[] = [];
  const kinds = [
    ["MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token", "aws-apigateway/missing-auth-token"],
    ["INVALID_API_KEY", "Forbidden", "aws-apigateway/invalid-api-key"],
    ["ACCESS_DENIED", "User is not authorized to access this resource", "aws-apigateway/authorizer-deny"],
    ["WAF_FILTERED", "Forbidden", "aws-waf/waf-rule"],
  ] as const;
  for (let i = 0; i < 2000; i++) {
    const d = at(i, 900);
    const requestId = `${id(r, 8, "0123456789abcdef")}-${id(r, 4, "0123456789abcdef")}-4${id(r, 3, "0123456789abcdef")}-8${id(r, 3, "0123456789abcdef")}-${id(r, 12, "0123456789abcdef")}`;
    const k = r.next();
    const kind = k < 0.12 ? kinds[Math.floor(k / 0.03)]! : undefined;
    const status = kind ? 403 : k < 0.15 ? 401 : 200;
    json.push(
      JSON.stringify({
        requestId,
        ip: `203.0.113.${r.int(50)}`,
        caller: "-",
        user: "-",
        requestTime: clf(d),
        httpMethod: "GET",
        resourcePath: kind?.[0] === "MISSING_AUTHENTICATION_TOKEN" ? "/pets/{petId}/photos" : "/pets",
        status: String(status),
        protocol: "HTTP/1.1",
        responseLength: "42",
        errorMessage: kind ? kind[1] : "-",
        errorResponseType: kind ? kind[0] : "-",
      }),
    );
    if (kind) add(f.clusters, kind[2]);
    if (i < 300) clfLines.push(`203.0.113.5 - - [${clf(d)}] "GET /pets HTTP/1.1" ${kind ? 403 : 200} 42 ${requestId} ${kind ? kind[0] : "-"}`);
  }
  json.splice(3, 0, "{not json");
  f.malformed += 1;
  f.files["apigw/access.jsonl"] = json.join("\n") + "\n";
  f.lines += json.length;
  return { ...f, clf: clfLines.join("\n") + "\n" };
};

// ---------------------------------------------------------------- nginx access + error
// access: nginx's "combined" log_format (https://nginx.org/en/docs/http/ngx_http_log_module.html);
// error lines: the reasons quoted in why403's nginx catalog entry
export const nginxAccessAndError = (seed = 19): Fixture => {
  const r = rng(seed);
  const f: Fixture = { files: {}, clusters: {}, joins: {}, malformed: 0, lines: 0 };
  const access: string[] = [];
  const error: string[] = [];
  const errTime = (d: Date) => `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  let conn = 1;
  for (let i = 0; i < 3000; i++) {
    // several requests per second, so identical client+request+second pairs happen
    const d = at(Math.floor(i / 3));
    const ip = `203.0.113.${r.int(12)}`;
    const k = r.next();
    const line = (path: string, status: number) => `${ip} - - [${clf(d)}] "GET ${path} HTTP/1.1" ${status} ${status === 403 ? 153 : 612} "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"`;
    const err = (msg: string, path: string) => `${errTime(d)} [error] 1234#1234: *${conn++} ${msg}, client: ${ip}, server: example.com, request: "GET ${path} HTTP/1.1", host: "example.com"`;
    if (k < 0.04) {
      access.push(line("/admin/", 403));
      error.push(err("access forbidden by rule", "/admin/"));
      add(f.clusters, "nginx/ip-denied");
      add(f.joins, "client+request+time");
    } else if (k < 0.07) {
      access.push(line("/.git/config", 403));
      error.push(err("access forbidden by rule", "/.git/config"));
      add(f.clusters, "nginx/path-blocked");
      add(f.joins, "client+request+time");
    } else if (k < 0.09) {
      access.push(line("/static/", 403));
      error.push(err('directory index of "/var/www/html/static/" is forbidden', "/static/"));
      add(f.clusters, "nginx/directory-listing");
      add(f.joins, "client+request+time");
    } else if (k < 0.1) {
      access.push(line("/static/main.js", 403));
      error.push(err('open() "/var/www/html/static/main.js" failed (13: Permission denied)', "/static/main.js"));
      add(f.clusters, "nginx/filesystem-permission");
      add(f.joins, "client+request+time");
    } else if (k < 0.12) {
      // the application behind nginx answered 403: nothing in nginx's error log
      access.push(line("/api/orders", 403));
      add(f.clusters, "nginx/unknown");
    } else {
      access.push(line(r.pick(["/", "/index.html", "/api/orders", "/static/main.css"]), k < 0.14 ? 404 : 200));
      if (k < 0.13) error.push(`${errTime(d)} [notice] 1234#1234: signal process started`);
    }
  }
  access.splice(42, 0, '203.0.113.1 - - [01/Nov/2026:00:00:14 +0000] "GET /broken');
  error.splice(7, 0, "PHP message: a continuation line that is not an nginx error-log line");
  f.malformed += 2;
  f.files["nginx/access.log"] = access.join("\n") + "\n";
  f.files["nginx/error.log"] = error.join("\n") + "\n";
  f.lines += access.length + error.length;
  return f;
};

// ---------------------------------------------------------------- Apache access + error
// access: https://httpd.apache.org/docs/2.4/logs.html (combined); error: the AH codes of why403's apache entry
export const apacheAccessAndError = (seed = 23): Fixture => {
  const r = rng(seed);
  const f: Fixture = { files: {}, clusters: {}, joins: {}, malformed: 0, lines: 0 };
  const access: string[] = [];
  const error: string[] = [];
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const errTime = (d: Date) => `${days[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(r.int(999999)).padStart(6, "0")} ${d.getUTCFullYear()}`;
  for (let i = 0; i < 2000; i++) {
    // one request per second per client at most, so client+second identifies a request
    const d = at(i);
    const ip = `198.51.100.${r.int(30)}`;
    const k = r.next();
    const line = (path: string, status: number) => `${ip} - - [${clf(d)}] "GET ${path} HTTP/1.1" ${status} ${status === 403 ? 199 : 2326} "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"`;
    if (k < 0.03) {
      access.push(line("/private/", 403));
      error.push(`[${errTime(d)}] [authz_core:error] [pid 15732:tid 140019] [client ${ip}:51234] AH01630: client denied by server configuration: /var/www/private/`);
      add(f.clusters, "apache/no-allow");
      add(f.joins, "client+time");
    } else if (k < 0.05) {
      access.push(line("/files/", 403));
      error.push(`[${errTime(d)}] [autoindex:error] [pid 32151:tid 374063] [client ${ip}:50806] AH01276: Cannot serve directory /var/www/html/files/: No matching DirectoryIndex (index.html) found, and server-generated directory index forbidden by Options directive`);
      add(f.clusters, "apache/directory-listing");
      add(f.joins, "client+time");
    } else if (k < 0.06) {
      access.push(line("/report.pdf", 403));
      error.push(`[${errTime(d)}] [core:error] [pid 2112:tid 1402] (13)Permission denied: [client ${ip}:51234] AH00132: file permissions deny server access: /var/www/html/report.pdf`);
      add(f.clusters, "apache/filesystem-permission");
      add(f.joins, "client+time");
    } else {
      access.push(line("/index.html", k < 0.08 ? 404 : 200));
    }
  }
  f.files["apache2/access.log"] = access.join("\n") + "\n";
  f.files["apache2/error.log"] = error.join("\n") + "\n";
  f.lines += access.length + error.length;
  return f;
};

/** All scenarios in one tree, as a user would point why403 at a directory of mixed logs. */
export const everything = (): Fixture & { clf: string } => {
  const parts = [cloudfrontAndWaf(), s3AndCloudTrail(), albAndWaf(), nginxAccessAndError(), apacheAccessAndError()];
  const api = apiGateway();
  const out: Fixture & { clf: string } = { files: {}, clusters: {}, joins: {}, malformed: 0, lines: 0, clf: api.clf };
  for (const p of [...parts, api]) {
    Object.assign(out.files, p.files);
    for (const [k, v] of Object.entries(p.clusters)) add(out.clusters, k, v);
    for (const [k, v] of Object.entries(p.joins)) add(out.joins, k, v);
    out.malformed += p.malformed;
    out.lines += p.lines;
  }
  return out;
};
