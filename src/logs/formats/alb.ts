// Application Load Balancer access logs: space-separated, quoted request, user agent and
// several later fields; new fields are appended at the end over time.
import type { Dialect } from "../sql/dialect.js";
import { digits3, LINE, linesTableOf, nulls, shareOf, type LogFormat, provenanceColumns } from "./format.js";
import { regexForward, regexForwardRanges, regexTable } from "./regex-table.js";
import { FIELD, shapedStatus, type FieldKind, type LineShape } from "../line-kernel.js";

/** The pattern of Athena's documented ALB table (its last, unnamed group made non-capturing). */
export const ALB_RE = String.raw`([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([^ ]*)[:-]([0-9]*) ([-.0-9]*) ([-.0-9]*) ([-.0-9]*) (|[-0-9]*) (-|[-0-9]*) ([-0-9]*) ([-0-9]*) "([^ ]*) (.*) (- |[^ ]*)" "([^"]*)" ([A-Z0-9-_]+) ([A-Za-z0-9.-]*) ([^ ]*) "([^"]*)" "([^"]*)" "([^"]*)" ([-.0-9]*) ([^ ]*) "([^"]*)" "([^"]*)" "([^ ]*)" "([^\s]+?)" "([^\s]+)" "([^ ]*)" "([^ ]*)" ?([^ ]*)?(?: .*)?`;
const ALB_JS = new RegExp(`^${ALB_RE}$`);
const COLUMNS = [
  "type", "time", "elb", "client_ip", "client_port", "target_ip", "target_port", "request_processing_time",
  "target_processing_time", "response_processing_time", "elb_status_code", "target_status_code", "received_bytes",
  "sent_bytes", "request_verb", "request_url", "request_proto", "user_agent", "ssl_cipher", "ssl_protocol",
  "target_group_arn", "trace_id", "domain_name", "chosen_cert_arn", "matched_rule_priority", "request_creation_time",
  "actions_executed", "redirect_url", "lambda_error_reason", "target_port_list", "target_status_code_list",
  "classification", "classification_reason", "conn_trace_id",
];
const TYPES = {
  client_port: "int", target_port: "int", request_processing_time: "double", target_processing_time: "double",
  response_processing_time: "double", elb_status_code: "int", received_bytes: "bigint", sent_bytes: "bigint",
};

/** type time elb client:port target:port and three processing times, then elb_status_code. */
const SHAPE: LineShape = { sep: 32, fields: Array<FieldKind>(8).fill(FIELD.plain), statusEndsLine: false };

const status = (buf: Buffer, start: number, end: number): number => {
  if (end <= start) return LINE.skip;
  let i = start;
  for (let spaces = 0; spaces < 8; spaces++) {
    i = buf.indexOf(32, i) + 1;
    if (i === 0 || i > end) return LINE.malformed;
  }
  const s = digits3(buf, i);
  if (s >= 100 && buf[i + 3] === 32) return s;
  if (buf[i] === 45 && buf[i + 1] === 32) return ALB_JS.test(buf.toString("latin1", start, end)) ? LINE.noStatus : LINE.malformed;
  return LINE.malformed;
};

export const alb: LogFormat = {
  id: "alb",
  label: "Application Load Balancer access log",
  detect: (head) => {
    return shareOf(head, (l) => /^(?:https?|h2|grpcs?|wss?) \d{4}-\d\d-\d\dT[\d:.]+Z \S+ /.test(l) && ALB_JS.test(l));
  },
  reader: () => ({ status: shapedStatus(SHAPE, status), forward: regexForward(ALB_RE, COLUMNS.length), forwardRanges: regexForwardRanges(ALB_RE, COLUMNS.length), shape: SHAPE }),
  sql: regexTable({
    table: "alb_access_logs",
    linesTable: linesTableOf("alb"),
    pattern: ALB_RE,
    columns: COLUMNS,
    types: TYPES,
    events: (d: Dialect, from: string) => {
      return `SELECT 'alb' AS src, ${provenanceColumns(d)},
  ${d.ts("time", "iso")} AS ts,
  elb_status_code AS status,
  client_ip AS client,
  request_verb AS method,
  coalesce(nullif(domain_name, '-'), regexp_extract(request_url, '^[a-z]+://([^/:]+)', 1)) AS host,
  regexp_extract(request_url, '^[a-z]+://[^/]+(/[^?]*)', 1) AS path,
  nullif(regexp_extract(request_url, '[?](.*)$', 1), '') AS query,
  coalesce(nullif(regexp_extract(trace_id, 'Root=([^;]+)', 1), ''), trace_id) AS rid,
  actions_executed AS result_type,
  nullif(target_status_code, '-') AS error_code,
  nullif(classification_reason, '-') AS error_message,
  ${nulls("rule", "rule_group_rule", "rule_type", "principal", "action", "authorizer", "country")}
FROM ${from} WHERE elb_status_code = 403`;
    },
  }),
};
