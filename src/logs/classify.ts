// How each source's 403 records map to a responder and a cause: ordered rules, first match wins,
// compiled to one SQL CASE that DuckDB and Athena both run. The ids are the catalog's, so a
// cluster's title, fix and verify come from the same entries `diagnose` uses.
import type { CauseId, ResponderId } from "../model/taxonomy.js";
import type { EventColumn, LogFormatId } from "./formats/format.js";
import { DENIED_CODES } from "./formats/cloudtrail.js";

export type Cond =
  | { col: EventColumn; eq: string }
  | { col: EventColumn; in: readonly string[] }
  /** A regular expression in the syntax RE2 (DuckDB) and Java (Athena) share. */
  | { col: EventColumn; re: string }
  | { col: EventColumn; present: true }
  | { col: EventColumn; absent: true };

/** The fields that name a cluster: [JSON key in the report, event column]. */
export type ClusterKey = readonly (readonly [name: string, col: EventColumn])[];

export interface Rule {
  src: LogFormatId;
  /** All must hold; an alternative list means any of them. */
  when: readonly (Cond | readonly Cond[])[];
  responder: ResponderId;
  cause: CauseId;
  /** Who decides when one request is seen by several layers: the lowest rank. */
  rank: number;
  key: ClusterKey;
}

/** Ranks: the layer in front that refused decides; a layer that relayed a 403 ranks last. */
const RANK = { waf: 1, edge: 2, gateway: 3, reason: 4, store: 5, access: 6, relayed: 7 } as const;

/** Dotfiles, backups and probe targets that sites deny on purpose (as the nginx entry says). */
export const SENSITIVE_PATH = String.raw`(^|/)(\.[A-Za-z0-9_.-]+(/|$)|(xmlrpc\.php|wp-login\.php|[^/]+\.(env|git|ini|log|bak|sql|conf|htaccess|htpasswd))$)`;

const r = (src: LogFormatId, responder: ResponderId, cause: CauseId, rank: number, key: ClusterKey, ...when: (Cond | readonly Cond[])[]): Rule => ({
  src,
  when,
  responder,
  cause,
  rank,
  key,
});

const WAF_KEY: ClusterKey = [["terminatingRuleId", "rule"], ["ruleGroupRule", "rule_group_rule"]];
const CF_KEY: ClusterKey = [["x-edge-detailed-result-type", "result_type"]];
const S3_KEY: ClusterKey = [["errorCode", "error_code"]];
const APIGW_KEY: ClusterKey = [["errorResponseType", "error_code"]];
const CT_KEY: ClusterKey = [["eventName", "action"], ["errorCode", "error_code"]];
const AH_KEY: ClusterKey = [["errorCode", "error_code"]];

const msg = (re: string): Cond => ({ col: "error_message", re });

/** CloudTrail: the service's own responder for S3 data events, the generic one otherwise. */
const trail = (cause: CauseId, ...when: (Cond | readonly Cond[])[]): Rule[] => [
  r("cloudtrail", "aws-s3", cause, RANK.reason, CT_KEY, { col: "result_type", eq: "s3.amazonaws.com" }, ...when),
  r("cloudtrail", "aws-service-api", cause, RANK.reason, CT_KEY, ...when),
];

export const RULES: readonly Rule[] = [
  // AWS WAF: the terminating rule says why
  r("waf", "aws-waf", "rate-limited", RANK.waf, WAF_KEY, { col: "rule_type", eq: "RATE_BASED" }),
  r("waf", "aws-waf", "geo-blocked", RANK.waf, WAF_KEY, { col: "rule", re: "(?i)geo|countr" }),
  r("waf", "aws-waf", "ip-denied", RANK.waf, WAF_KEY, [
    { col: "rule", re: "(?i)ipreputation|anonymousip|ip.?set|ip.?(block|deny|allow)|blocklist|denylist" },
    { col: "rule_group_rule", re: "(?i)ipreputation|anonymousip|HostingProvider" },
  ]),
  r("waf", "aws-waf", "bot-challenge", RANK.waf, WAF_KEY, { col: "rule", re: "(?i)bot" }),
  r("waf", "aws-waf", "waf-rule", RANK.waf, WAF_KEY),
  // CloudFront: x-edge-detailed-result-type names CloudFront's own refusals; "Error" is relayed
  r("cloudfront", "aws-cloudfront", "geo-blocked", RANK.edge, CF_KEY, { col: "result_type", eq: "ClientGeoBlocked" }),
  r("cloudfront", "aws-cloudfront", "method-denied", RANK.edge, CF_KEY, { col: "result_type", eq: "InvalidRequestMethod" }),
  r("cloudfront", "aws-cloudfront", "host-not-configured", RANK.edge, CF_KEY, { col: "result_type", in: ["InvalidRequestCertificate", "InvalidRequest", "InvalidRequestHeader"] }),
  r("cloudfront", "aws-cloudfront", "signed-url-required", RANK.edge, CF_KEY, { col: "query", re: "(^|&)(Signature|Key-Pair-Id|Policy)=" }),
  r("cloudfront", "aws-cloudfront", "origin-denied", RANK.relayed, CF_KEY),
  // API Gateway: $context.error.responseType, else the message it sent
  r("apigateway", "aws-waf", "waf-rule", RANK.waf, APIGW_KEY, [{ col: "error_code", eq: "WAF_FILTERED" }, { col: "result_type", re: "(?i)block" }]),
  r("apigateway", "aws-apigateway", "missing-auth-token", RANK.gateway, APIGW_KEY, [{ col: "error_code", eq: "MISSING_AUTHENTICATION_TOKEN" }, msg("Missing Authentication Token")]),
  r("apigateway", "aws-apigateway", "invalid-api-key", RANK.gateway, APIGW_KEY, [{ col: "error_code", eq: "INVALID_API_KEY" }, msg("^Forbidden$")]),
  r("apigateway", "aws-apigateway", "auth-expired", RANK.gateway, APIGW_KEY, [{ col: "error_code", eq: "EXPIRED_TOKEN" }, msg("(?i)expired")]),
  r("apigateway", "aws-apigateway", "signature-mismatch", RANK.gateway, APIGW_KEY, [{ col: "error_code", eq: "INVALID_SIGNATURE" }, msg("signature we calculated does not match")]),
  r("apigateway", "aws-apigateway", "auth-invalid", RANK.gateway, APIGW_KEY, msg("security token included in the request is invalid")),
  r("apigateway", "aws-apigateway", "resource-policy-deny", RANK.gateway, APIGW_KEY, msg("not authorized to perform: execute-api:Invoke")),
  r("apigateway", "aws-apigateway", "authorizer-deny", RANK.gateway, APIGW_KEY, [{ col: "error_code", in: ["ACCESS_DENIED", "AUTHORIZER_FAILURE"] }, { col: "authorizer", present: true }, msg("not authorized to access this resource")]),
  r("apigateway", "aws-apigateway", "unknown", RANK.gateway, APIGW_KEY),
  // ALB: a target's answer, a WAF block, or a fixed-response rule
  r("alb", "aws-waf", "waf-rule", RANK.waf, [["actions_executed", "result_type"]], { col: "result_type", re: "waf" }, { col: "error_code", absent: true }),
  r("alb", "aws-elb", "origin-denied", RANK.relayed, [["target_status_code", "error_code"]], { col: "error_code", re: "^[0-9]{3}$" }),
  r("alb", "aws-elb", "path-blocked", RANK.gateway, [["actions_executed", "result_type"]], { col: "result_type", re: "fixed-response" }),
  r("alb", "aws-elb", "unknown", RANK.gateway, [["actions_executed", "result_type"]]),
  // S3 server access log: the S3 error code
  r("s3-access", "aws-s3", "no-allow", RANK.store, S3_KEY, { col: "error_code", eq: "AccessDenied" }),
  r("s3-access", "aws-s3", "account-disabled", RANK.store, S3_KEY, { col: "error_code", in: ["AllAccessDisabled", "AccountProblem"] }),
  r("s3-access", "aws-s3", "auth-invalid", RANK.store, S3_KEY, { col: "error_code", in: ["InvalidAccessKeyId", "InvalidToken"] }),
  r("s3-access", "aws-s3", "signature-mismatch", RANK.store, S3_KEY, { col: "error_code", eq: "SignatureDoesNotMatch" }),
  r("s3-access", "aws-s3", "clock-skew", RANK.store, S3_KEY, { col: "error_code", eq: "RequestTimeTooSkewed" }),
  r("s3-access", "aws-s3", "auth-expired", RANK.store, S3_KEY, { col: "error_code", in: ["ExpiredToken", "TokenRefreshRequired", "RequestExpired"] }),
  r("s3-access", "aws-s3", "acl-deny", RANK.store, S3_KEY, { col: "error_code", eq: "AccessControlListNotSupported" }),
  r("s3-access", "aws-s3", "unknown", RANK.store, S3_KEY),
  // CloudTrail: the authorization message names the kind of policy that refused
  ...trail("org-policy-deny", msg("service control policy|resource control policy|permissions boundary|session policy")),
  ...trail("resource-policy-deny", msg("explicit deny in a resource-based policy|no resource-based policy allows|VPC endpoint policy")),
  ...trail("explicit-deny", msg("explicit deny")),
  ...trail("kms-denied", [{ col: "error_code", re: "KMS" }, msg("kms:")]),
  ...trail("auth-invalid", { col: "error_code", in: ["InvalidAccessKeyId", "InvalidClientTokenId"] }),
  ...trail("signature-mismatch", { col: "error_code", eq: "SignatureDoesNotMatch" }),
  ...trail("auth-expired", { col: "error_code", re: "^ExpiredToken" }),
  ...trail("clock-skew", { col: "error_code", eq: "RequestTimeTooSkewed" }),
  ...trail("no-allow", { col: "error_code", re: DENIED_CODES }),
  ...trail("unknown"),
  // nginx error log (the nginx entry's log signals)
  r("nginx-error", "modsecurity", "waf-rule", RANK.waf, [], msg("ModSecurity")),
  r("nginx-error", "nginx", "path-blocked", RANK.reason, [], msg("access forbidden by rule"), { col: "path", re: SENSITIVE_PATH }),
  r("nginx-error", "nginx", "ip-denied", RANK.reason, [], msg("access forbidden by rule")),
  r("nginx-error", "nginx", "directory-listing", RANK.reason, [], msg("directory index of")),
  r("nginx-error", "nginx", "filesystem-permission", RANK.reason, [], msg("Permission denied")),
  r("nginx-error", "nginx", "unknown", RANK.reason, []),
  // Apache error log (the apache entry's AH codes)
  r("apache-error", "modsecurity", "waf-rule", RANK.waf, AH_KEY, msg("ModSecurity")),
  r("apache-error", "apache", "directory-listing", RANK.reason, AH_KEY, msg("AH01276|Cannot serve directory|Directory index forbidden")),
  r("apache-error", "apache", "filesystem-permission", RANK.reason, AH_KEY, msg("AH00035|AH00037|AH00132|AH00529|search permissions|file permissions deny|unable to check htaccess|Symbolic link not allowed")),
  r("apache-error", "apache", "path-blocked", RANK.reason, AH_KEY, msg("Options ExecCGI is off")),
  r("apache-error", "apache", "no-allow", RANK.reason, AH_KEY, msg("AH01630")),
  r("apache-error", "apache", "ip-denied", RANK.reason, AH_KEY, msg("client denied by server configuration")),
  r("apache-error", "apache", "unknown", RANK.reason, AH_KEY),
  // access logs alone: the path is the only hint
  ...(["nginx", "apache"] as const).flatMap((server) => {
    const src: LogFormatId = `${server}-combined`;
    return [
      r(src, server, "directory-listing", RANK.access, [], { col: "path", re: "/$" }),
      r(src, server, "path-blocked", RANK.access, [], { col: "path", re: SENSITIVE_PATH }),
      r(src, server, "unknown", RANK.access, []),
    ];
  }),
];

/** Every source ends with a rule without conditions, so each record gets one. */
export const rulesFor = (sources: readonly LogFormatId[]): { rule: Rule; no: number }[] =>
  RULES.map((rule, i) => ({ rule, no: i + 1 })).filter(({ rule }) => sources.includes(rule.src));
