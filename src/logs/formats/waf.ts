// AWS WAF logs: one JSON object per request evaluated by a web ACL. A BLOCK without a custom
// response code is a 403; httpRequest.requestId is CloudFront's x-amz-cf-id, the ALB trace id or
// the API Gateway request id of the same request.
import type { Dialect } from "../sql/dialect.js";
import { jsonLineStatus, LINE, linesTableOf, nulls, shareOf, type LogFormat, provenanceColumns } from "./format.js";
import { jsonTable, type JsonShape } from "./json-table.js";

const V = "VARCHAR";
const matchDetails: JsonShape = [{ conditionType: V, sensitivityLevel: V, location: V, matchedData: [V] }];
const SHAPE: Record<string, JsonShape> = {
  timestamp: "BIGINT",
  formatVersion: "INTEGER",
  webaclId: V,
  terminatingRuleId: V,
  terminatingRuleType: V,
  action: V,
  terminatingRuleMatchDetails: matchDetails,
  httpSourceName: V,
  httpSourceId: V,
  ruleGroupList: [{ ruleGroupId: V, terminatingRule: { ruleId: V, action: V }, excludedRules: V }],
  rateBasedRuleList: [{ rateBasedRuleId: V, limitKey: V, maxRateAllowed: "INTEGER" }],
  nonTerminatingMatchingRules: [{ ruleId: V, action: V }],
  requestHeadersInserted: [{ name: V, value: V }],
  responseCodeSent: V,
  httpRequest: {
    clientIp: V,
    country: V,
    headers: [{ name: V, value: V }],
    uri: V,
    args: V,
    httpVersion: V,
    httpMethod: V,
    requestId: V,
    fragment: V,
    scheme: V,
    host: V,
  },
  labels: [{ name: V }],
  captchaResponse: { responseCode: V, solveTimestamp: V, failureReason: V },
  challengeResponse: { responseCode: V, solveTimestamp: V, failureReason: V },
  ja3Fingerprint: V,
  ja4Fingerprint: V,
  oversizeFields: V,
  requestBodySize: "INTEGER",
  requestBodySizeInspectedByWAF: "INTEGER",
};

/** What a WAF record answered: BLOCK → its custom code or 403; CAPTCHA 405, CHALLENGE 202; else 200. */
export const wafStatus = (o: { action?: unknown; responseCodeSent?: unknown }): number => {
  const custom = Number(o.responseCodeSent);
  if (o.action === "BLOCK") return Number.isInteger(custom) && custom >= 100 ? custom : 403;
  if (o.action === "CAPTCHA") return 405;
  if (o.action === "CHALLENGE") return 202;
  return 200;
};

export const waf: LogFormat = {
  id: "waf",
  label: "AWS WAF log",
  detect: (head) => {
    return shareOf(head, (l) => l.startsWith("{") && /"webaclId"\s*:/.test(l) && /"httpRequest"\s*:/.test(l));
  },
  reader: () => ({ status: jsonLineStatus((o) => (typeof o.action === "string" && typeof o.httpRequest === "object" ? wafStatus(o) : LINE.malformed)) }),
  sql: jsonTable({
    table: "waf_logs",
    linesTable: linesTableOf("waf"),
    shape: SHAPE,
    athenaStorage: `ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'`,
    events: (d: Dialect) => {
      const hostHeader = `${d.first(d.filter("httprequest.headers", "h", "lower(h.name) = 'host'"))}.value`;
      const groupRule = `${d.first(d.filter("rulegrouplist", "g", "g.terminatingrule IS NOT NULL"))}.terminatingrule.ruleid`;
      return `SELECT 'waf' AS src, ${provenanceColumns(d)},
  ${d.epochMs('"timestamp"')} AS ts,
  CAST(coalesce(responsecodesent, '403') AS integer) AS status,
  httprequest.clientip AS client,
  httprequest.httpmethod AS method,
  coalesce(httprequest.host, ${hostHeader}) AS host,
  httprequest.uri AS path,
  nullif(httprequest.args, '') AS query,
  httprequest.requestid AS rid,
  terminatingruleid AS rule,
  ${groupRule} AS rule_group_rule,
  terminatingruletype AS rule_type,
  httpsourcename AS result_type,
  httprequest.country AS country,
  ${nulls("error_code", "error_message", "principal", "action", "authorizer")}
FROM waf_logs WHERE waf_logs.action = 'BLOCK' AND coalesce(responsecodesent, '403') = '403'`;
    },
  }),
};
