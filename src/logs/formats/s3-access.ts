// Amazon S3 server access logs: space-separated fields, bracketed time, quoted request URI and
// user agent; S3 keeps appending fields, which the pattern's trailing `.*` tolerates.
import type { Dialect } from "../sql/dialect.js";
import { digits3, LINE, linesTableOf, nulls, shareOf, type LogFormat, provenanceColumns } from "./format.js";
import { regexForward, regexForwardRanges, regexTable } from "./regex-table.js";
import { FIELD, shapedStatus, type FieldKind, type LineShape } from "../line-kernel.js";

/** The pattern of Athena's documented S3 access-log table. */
export const S3_RE = String.raw`([^ ]*) ([^ ]*) \[(.*?)\] ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ("[^"]*"|-) (-|[0-9]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ("[^"]*"|-) ([^ ]*)(?: ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*))?.*$`;
const S3_JS = new RegExp(`^${S3_RE}`);
const S3_PATTERN = S3_RE.replace(/\$$/, "");
const COLUMNS = [
  "bucketowner", "bucket_name", "requestdatetime", "remoteip", "requester", "requestid", "operation", "key", "request_uri",
  "httpstatus", "errorcode", "bytessent", "objectsize", "totaltime", "turnaroundtime", "referrer", "useragent", "versionid",
  "hostid", "sigv", "ciphersuite", "authtype", "endpoint", "tlsversion", "accesspointarn", "aclrequired",
];

/** owner bucket [time] ip requester request-id operation key "request-uri" (or -), then the status. */
const SHAPE: LineShape = { sep: 32, fields: [FIELD.plain, FIELD.plain, FIELD.bracketed, ...Array<FieldKind>(5).fill(FIELD.plain), FIELD.quotedNoEscapeOrDash], statusEndsLine: false };

const status = (buf: Buffer, start: number, end: number): number => {
  if (end <= start) return LINE.skip;
  let i = start;
  while (i < end && buf[i] !== 93) i++; // ]
  i++;
  for (let spaces = 0; spaces < 6 && i < end; i++) if (buf[i] === 32) spaces++;
  // i: start of the request URI ("..." or -)
  if (buf[i] === 34) {
    i++;
    while (i < end && buf[i] !== 34) i++;
    i++;
  } else if (buf[i] === 45) i++;
  if (buf[i] === 32) {
    const s = digits3(buf, i + 1);
    if (s >= 100 && buf[i + 4] === 32) return s;
  }
  const m = S3_JS.exec(buf.toString("latin1", start, end));
  if (!m) return LINE.malformed;
  return m[10] && m[10] !== "-" ? Number(m[10]) : LINE.noStatus;
};

export const s3Access: LogFormat = {
  id: "s3-access",
  label: "S3 server access log",
  detect: (head) => {
    return shareOf(head, (l) => /^(?:[0-9a-f]{64}|-) \S+ \[\d\d\/\w{3}\/\d{4}:/.test(l) && S3_JS.test(l));
  },
  reader: () => ({ status: shapedStatus(SHAPE, status), forward: regexForward(S3_PATTERN, COLUMNS.length), forwardRanges: regexForwardRanges(S3_PATTERN, COLUMNS.length), shape: SHAPE }),
  sql: regexTable({
    table: "s3_access_logs",
    linesTable: linesTableOf("s3-access"),
    pattern: S3_PATTERN,
    columns: COLUMNS,
    types: { bytessent: "bigint", objectsize: "bigint" },
    events: (d: Dialect, from: string) => {
      const request = "replace(request_uri, '\"', '')";
      const target = `split_part(${request}, ' ', 2)`;
      return `SELECT 's3-access' AS src, ${provenanceColumns(d)},
  ${d.ts("requestdatetime", "clf")} AS ts,
  CAST(httpstatus AS integer) AS status,
  remoteip AS client,
  nullif(split_part(${request}, ' ', 1), '') AS method,
  coalesce(nullif(endpoint, '-'), bucket_name) AS host,
  nullif(split_part(${target}, '?', 1), '') AS path,
  nullif(split_part(${target}, '?', 2), '') AS query,
  requestid AS rid,
  nullif(errorcode, '-') AS error_code,
  nullif(requester, '-') AS principal,
  operation AS action,
  ${nulls("rule", "rule_group_rule", "rule_type", "result_type", "error_message", "authorizer", "country")}
FROM ${from} WHERE httpstatus = '403'`;
    },
  }),
};
