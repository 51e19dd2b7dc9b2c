// CloudFront standard logs: tab-separated W3C fields announced by a #Fields header (legacy
// logging writes all 33 in a fixed order; v2 lets the owner pick and order them, or write JSON).
// Lines are rewritten to the documented 33-field order, so one table serves every variant.
import type { Dialect } from "../sql/dialect.js";
import { digits3, jsonLineStatus, LINE, linesTableOf, lit, nulls, provenanceColumns, scalarText, type LineReader, type LogFormat } from "./format.js";
import { keptBy, storedFieldsView } from "./regex-table.js";
import { FIELD, shapedStatus, type FieldKind } from "../line-kernel.js";

/** The 33 fields of the standard log, in order, with the column names and types Athena documents. */
export const CF_FIELDS: readonly (readonly [field: string, column: string, type: string])[] = [
  ["date", "date", "DATE"],
  ["time", "time", "STRING"],
  ["x-edge-location", "x_edge_location", "STRING"],
  ["sc-bytes", "sc_bytes", "BIGINT"],
  ["c-ip", "c_ip", "STRING"],
  ["cs-method", "cs_method", "STRING"],
  ["cs(Host)", "cs_host", "STRING"],
  ["cs-uri-stem", "cs_uri_stem", "STRING"],
  ["sc-status", "sc_status", "INT"],
  ["cs(Referer)", "cs_referrer", "STRING"],
  ["cs(User-Agent)", "cs_user_agent", "STRING"],
  ["cs-uri-query", "cs_uri_query", "STRING"],
  ["cs(Cookie)", "cs_cookie", "STRING"],
  ["x-edge-result-type", "x_edge_result_type", "STRING"],
  ["x-edge-request-id", "x_edge_request_id", "STRING"],
  ["x-host-header", "x_host_header", "STRING"],
  ["cs-protocol", "cs_protocol", "STRING"],
  ["cs-bytes", "cs_bytes", "BIGINT"],
  ["time-taken", "time_taken", "FLOAT"],
  ["x-forwarded-for", "x_forwarded_for", "STRING"],
  ["ssl-protocol", "ssl_protocol", "STRING"],
  ["ssl-cipher", "ssl_cipher", "STRING"],
  ["x-edge-response-result-type", "x_edge_response_result_type", "STRING"],
  ["cs-protocol-version", "cs_protocol_version", "STRING"],
  ["fle-status", "fle_status", "STRING"],
  ["fle-encrypted-fields", "fle_encrypted_fields", "INT"],
  ["c-port", "c_port", "INT"],
  ["time-to-first-byte", "time_to_first_byte", "FLOAT"],
  ["x-edge-detailed-result-type", "x_edge_detailed_result_type", "STRING"],
  ["sc-content-type", "sc_content_type", "STRING"],
  ["sc-content-len", "sc_content_len", "BIGINT"],
  ["sc-range-start", "sc_range_start", "BIGINT"],
  ["sc-range-end", "sc_range_end", "BIGINT"],
];
const STANDARD = CF_FIELDS.map(([f]) => f.toLowerCase());
const STATUS = STANDARD.indexOf("sc-status");
const TAB = 9;

/** The field names of a #Fields header, lower-cased; undefined when the head has none. */
export const cloudfrontFields = (head: readonly string[]): string[] | undefined => {
  const h = head.find((l) => l.startsWith("#Fields:"));
  return h ? h.slice(8).trim().split(/\s+/).map((f) => f.toLowerCase()) : undefined;
};

/** Tab-separated lines whose sc-status is field `statusAt`. */
const tsvStatus = (statusAt: number) => (buf: Buffer, start: number, end: number): number => {
  if (end <= start) return LINE.skip;
  if (buf[start] === 35) return LINE.skip; // #Version, #Fields
  // a date first: YYYY-MM-DD then a tab
  if (buf[start + 4] !== 45 || buf[start + 7] !== 45 || buf[start + 10] !== TAB) return LINE.malformed;
  let i = start;
  for (let tabs = 0; tabs < statusAt; tabs++) {
    i = buf.indexOf(TAB, i) + 1;
    if (i === 0 || i > end) return LINE.malformed;
  }
  const s = digits3(buf, i);
  if (s < 100 || (i + 3 < end && buf[i + 3] !== TAB)) return LINE.malformed;
  return s;
};

/** The 33 standard fields of a line in another field order (v2); absent fields become "-". */
const reorder = (fields: readonly string[]) => {
  const at = STANDARD.map((f) => fields.indexOf(f));
  return (text: string): string[] => {
    const v = text.split("\t");
    return at.map((i) => (i >= 0 ? (v[i] ?? "-") : "-"));
  };
};

/** The standard fields of a line in the standard order: the first 33 (absent ones stay empty, NULL to DuckDB). */
const standardFields = (text: string): string[] => text.split("\t").slice(0, STANDARD.length);

/** The same as byte ranges, split at the tabs (see LineReader.forwardRanges). */
const standardRanges = (buf: Buffer, start: number, end: number, r: Int32Array): number => {
  let k = 0;
  let from = start;
  for (let p = start; p < end; p++) {
    const c = buf[p]!;
    if (c === TAB) {
      if (k < STANDARD.length) {
        r[2 * k] = from;
        r[2 * k + 1] = p;
        k++;
      }
      from = p + 1;
    } else if (c === 13 || c === 0x1f || c > 0x7f) return 0; // what the text path rewrites
  }
  if (k < STANDARD.length) {
    r[2 * k] = from;
    r[2 * k + 1] = end;
    k++;
  }
  return k;
};

const jsonReader: LineReader = {
  status: jsonLineStatus((o) => {
    const s = Number(o["sc-status"]);
    return Number.isInteger(s) && s >= 100 ? s : LINE.malformed;
  }),
  forward: (text) => {
    const o = JSON.parse(text) as Record<string, unknown>;
    const lower = new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
    return STANDARD.map((f) => {
        const v = scalarText(lower.get(f));
        // eslint-disable-next-line no-control-regex -- the row separators cannot stay in a value
        return v === undefined ? "-" : v.replace(/[\t\n\r\u001f]/g, " ");
      });
  },
};

const isJsonLine = (l: string): boolean => l.startsWith("{") && /"x-edge-request-id"\s*:/.test(l);

/** The 403s of the standard log as events. */
const cloudfrontEvents = (d: Dialect): string => `SELECT 'cloudfront' AS src, ${provenanceColumns(d)},
  CAST(CAST("date" AS varchar) || ' ' || "time" AS timestamp) AS ts,
  sc_status AS status,
  c_ip AS client,
  cs_method AS method,
  coalesce(x_host_header, cs_host) AS host,
  cs_uri_stem AS path,
  cs_uri_query AS query,
  x_edge_request_id AS rid,
  x_edge_detailed_result_type AS result_type,
  ${nulls("rule", "rule_group_rule", "rule_type", "error_code", "error_message", "principal", "action", "authorizer", "country")}
FROM cloudfront_standard_logs WHERE sc_status = 403`;

/** The fields the events read: the only ones the scan stores. */
const CF_KEPT = keptBy(cloudfrontEvents, CF_FIELDS.map(([, c]) => c));

export const cloudfront: LogFormat = {
  id: "cloudfront",
  label: "CloudFront standard log",
  detect: (head) => {
    if (head.some((l) => l.startsWith("#Fields:") && /\bx-edge-(?:location|request-id|result-type)\b/.test(l))) return 1;
    const lines = head.filter((l) => l.trim() !== "" && !l.startsWith("#"));
    if (lines.length > 0 && lines.every(isJsonLine)) return 0.95;
    // headerless legacy lines: date, time, edge location, ... 33 tab-separated fields
    const ok = lines.filter((l) => /^\d{4}-\d\d-\d\d\t\d\d:\d\d:\d\d\t[A-Z]{3}\d+(?:-[A-Z0-9]+)?\t/.test(l) && l.split("\t").length >= 24).length;
    return lines.length > 0 ? (0.9 * ok) / lines.length : 0;
  },
  reader: (head) => {
    const lines = head.filter((l) => l.trim() !== "" && !l.startsWith("#"));
    if (lines.length > 0 && lines.every(isJsonLine)) return jsonReader;
    const fields = cloudfrontFields(head) ?? STANDARD;
    const statusAt = fields.indexOf("sc-status");
    const standardPrefix = STANDARD.every((f, i) => fields[i] === f || i >= fields.length);
    const at = statusAt >= 0 ? statusAt : STATUS;
    const reader: LineReader = { status: tsvStatus(at) };
    if (at >= 1) {
      // a date first, then plain fields up to the status
      reader.shape = { sep: TAB, fields: [FIELD.date, ...Array<FieldKind>(at - 1).fill(FIELD.plain)], statusEndsLine: true };
      reader.status = shapedStatus(reader.shape, tsvStatus(at));
    }
    if (!standardPrefix) reader.forward = reorder(fields);
    else {
      reader.forward = standardFields;
      reader.forwardRanges = standardRanges;
    }
    return reader;
  },
  sql: {
    table: "cloudfront_standard_logs",
    athenaDdl: (location) => `CREATE EXTERNAL TABLE IF NOT EXISTS cloudfront_standard_logs (
${CF_FIELDS.map(([, c, t]) => `  ${c === "date" ? "`date`" : c} ${t}`).join(",\n")}
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY '\\t'
LOCATION ${lit(location)}
TBLPROPERTIES ('skip.header.line.count' = '2');`,
    // the scan parses the 33 fields in the documented order (rewriting v2 and JSON lines)
    storedFields: CF_FIELDS.map(([, c]) => c),
    keptFields: CF_KEPT,
    duckdbView: () =>
      storedFieldsView(
        "cloudfront_standard_logs",
        linesTableOf("cloudfront"),
        CF_FIELDS.map(([, c, t]) => [c, t === "STRING" ? undefined : t === "INT" ? "INTEGER" : t] as const),
        CF_KEPT,
        "-",
      ),
    events: (d: Dialect) => cloudfrontEvents(d),
  },
};
