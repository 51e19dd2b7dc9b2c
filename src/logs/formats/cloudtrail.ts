// CloudTrail log files: one JSON document {"Records": [...]} per file (or, exported, one record
// per line). A denied call carries an errorCode such as AccessDenied; for S3 data events its
// requestID is the x-amz-request-id that S3's own access log records.
import type { Dialect } from "../sql/dialect.js";
import { jsonLineStatus, LINE, linesTableOf, nulls, shareOf, type LogFormat, provenanceColumns } from "./format.js";
import { jsonTable, type JsonShape } from "./json-table.js";

/** errorCodes that mean "not allowed" (HTTP 403 from the service). One pattern for JS and SQL. */
export const DENIED_CODES = "^(?:Client\\.)?(?:AccessDenied(?:Exception)?|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError(?:Exception)?|Forbidden(?:Exception)?|AllAccessDisabled|InvalidClientTokenId|InvalidAccessKeyId|SignatureDoesNotMatch|ExpiredToken(?:Exception)?|RequestTimeTooSkewed|KMS\\.AccessDeniedException)$";
const DENIED_JS = new RegExp(DENIED_CODES);

const V = "VARCHAR";
const issuer: JsonShape = { type: V, principalId: V, arn: V, accountId: V, userName: V };
const SHAPE: Record<string, JsonShape> = {
  eventVersion: V,
  userIdentity: {
    type: V,
    principalId: V,
    arn: V,
    accountId: V,
    invokedBy: V,
    accessKeyId: V,
    userName: V,
    sessionContext: { attributes: { mfaAuthenticated: V, creationDate: V }, sessionIssuer: issuer },
  },
  eventTime: V,
  eventSource: V,
  eventName: V,
  awsRegion: V,
  sourceIPAddress: V,
  userAgent: V,
  errorCode: V,
  errorMessage: V,
  requestParameters: "JSON",
  responseElements: "JSON",
  additionalEventData: "JSON",
  requestID: V,
  eventID: V,
  resources: [{ arn: V, accountId: V, type: V }],
  eventType: V,
  apiVersion: V,
  readOnly: V,
  recipientAccountId: V,
  serviceEventDetails: "JSON",
  sharedEventID: V,
  vpcEndpointId: V,
  eventCategory: V,
  tlsDetails: { tlsVersion: V, cipherSuite: V, clientProvidedHostHeader: V },
};

/** 403 for a denied call, 400 for another error, 200 for success; malformed without eventName. */
export const cloudtrailStatus = (r: unknown): number => {
  if (typeof r !== "object" || r === null) return LINE.malformed;
  const o = r as { eventName?: unknown; errorCode?: unknown };
  if (typeof o.eventName !== "string") return LINE.malformed;
  if (typeof o.errorCode !== "string" || o.errorCode === "") return 200;
  return DENIED_JS.test(o.errorCode) ? LINE.denial : 400;
};

/** The records of a CloudTrail document, or undefined when it is not one. */
export const cloudtrailRecords = (doc: unknown): unknown[] | undefined => {
  const records = (doc as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) ? records : undefined;
};

export const cloudtrail: LogFormat = {
  id: "cloudtrail",
  label: "CloudTrail log",
  document: true,
  detect: (head) => {
    const text = head.join("\n").trimStart();
    if (/^\{\s*"Records"\s*:\s*\[/.test(text)) return 1;
    return shareOf(head, (l) => l.startsWith("{") && /"eventSource"\s*:/.test(l) && /"eventName"\s*:/.test(l));
  },
  reader: () => ({ status: jsonLineStatus(cloudtrailStatus) }),
  sql: jsonTable({
    table: "cloudtrail_logs",
    linesTable: linesTableOf("cloudtrail"),
    shape: SHAPE,
    athenaStorage: `ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'`,
    events: (d: Dialect) => {
      return `SELECT 'cloudtrail' AS src, ${provenanceColumns(d)},
  ${d.ts("eventtime", "iso")} AS ts,
  403 AS status,
  sourceipaddress AS client,
  ${d.jsonText("CAST(requestparameters AS varchar)", "$.bucketName")} AS host,
  ${d.jsonText("CAST(requestparameters AS varchar)", "$.key")} AS path,
  requestid AS rid,
  eventsource AS result_type,
  errorcode AS error_code,
  errormessage AS error_message,
  coalesce(useridentity.arn, useridentity.principalid, useridentity.type) AS principal,
  split_part(eventsource, '.', 1) || ':' || eventname AS action,
  ${nulls("method", "query", "rule", "rule_group_rule", "rule_type", "authorizer", "country")}
FROM cloudtrail_logs WHERE ${d.like("errorcode", DENIED_CODES)}`;
    },
  }),
};
