// nginx and Apache "combined" access logs: %h %l %u [%t] "%r" %>s %b "%{Referer}i" "%{User-Agent}i".
// The two write the same layout; they differ in how they escape a quote (nginx \x22, Apache \")
// and in what they log for an empty body (nginx 0, Apache -).
import type { Dialect } from "../sql/dialect.js";
import { digits3, LINE, linesTableOf, lit, nulls, numberRids, shareOf, type LogFormat, type LogFormatId, type LineReader } from "./format.js";
import { regexForward, regexTable } from "./regex-table.js";
import { FIELD, shapedStatus, type LineShape } from "../line-kernel.js";

/** The whole line; the same pattern drives the JS fallback, DuckDB and Athena's RegexSerDe. */
export const COMBINED_RE = String.raw`(\S+) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" ([0-9]{3}) (\S+)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?.*`;
const COMBINED_JS = new RegExp(`^${COMBINED_RE}$`);
const COLUMNS = ["client_ip", "client_id", "user_id", "request_received_time", "client_request", "server_status", "returned_obj_size", "referrer", "user_agent"];

const QUOTE = 34;
const SPACE = 32;
const BACKSLASH = 92;

/**
 * Status of a combined line without allocating: the 3 digits after the request's closing quote.
 * Anything unusual (escaped quotes, a missing field) falls back to the full pattern.
 */
export const combinedStatus = (buf: Buffer, start: number, end: number): number => {
  if (end <= start) return LINE.skip;
  // Buffer.indexOf runs natively: faster than a byte loop over the ~50 bytes before the request
  let i = buf.indexOf(QUOTE, start);
  // the closing quote of the request is followed by " NNN "
  while (i >= 0 && i < end) {
    i = buf.indexOf(QUOTE, i + 1);
    if (i < 0 || i >= end) break;
    if (buf[i - 1] !== BACKSLASH && buf[i + 1] === SPACE && buf[i + 5] === SPACE) {
      const s = digits3(buf, i + 2);
      if (s >= 100) return s;
      break;
    }
  }
  const m = COMBINED_JS.exec(buf.toString("latin1", start, end));
  return m ? Number(m[6]) : LINE.malformed;
};

const SHAPE: LineShape = { sep: SPACE, fields: [FIELD.plain, FIELD.plain, FIELD.plain, FIELD.bracketed, FIELD.quoted], statusEndsLine: false };
const reader: LineReader = { status: shapedStatus(SHAPE, combinedStatus), forward: regexForward(COMBINED_RE, COLUMNS.length), shape: SHAPE };

const hasApacheTraits = (head: readonly string[]): boolean =>
  head.some((l) => /\\"/.test(l) || /" [0-9]{3} - /.test(l));

const detectCombined = (flavour: "nginx" | "apache") => (head: readonly string[], path: string): number => {
  const ok = shareOf(head, (l) => COMBINED_JS.test(l));
  if (ok < 0.5) return 0;
  const apachePath = /apache|httpd/i.test(path);
  const nginxPath = /nginx/i.test(path);
  const apache = apachePath || (!nginxPath && hasApacheTraits(head));
  // both match; the flavour that fits the path or content wins by a little
  return flavour === "apache" ? (apache ? ok : ok * 0.8) : apache ? ok * 0.8 : ok * 0.9;
};

const sql = (id: LogFormatId, table: string) =>
  regexTable({
    table,
    linesTable: linesTableOf(id),
    pattern: COMBINED_RE,
    columns: COLUMNS,
    events: (d: Dialect, from: string, joined: boolean) => {
      const p = d.provenance;
      const target = "split_part(client_request, ' ', 2)";
      // nginx's error log names the request, Apache's does not: the join key follows
      const key = id === "nginx-combined" ? "client_ip || '|' || client_request" : "client_ip";
      const rid = `${lit(id === "nginx-combined" ? "nginx:" : "apache:")} || ${key} || '|' || CAST(${d.ts("request_received_time", "clf-local")} AS varchar)`;
      const select = `SELECT ${lit(id)} AS src, ${p.file} AS file, ${p.line} AS n, ${p.raw} AS raw,
  ${d.ts("request_received_time", "clf")} AS ts,
  CAST(server_status AS integer) AS status,
  client_ip AS client,
  nullif(split_part(client_request, ' ', 1), '') AS method,
  nullif(split_part(${target}, '?', 1), '') AS path,
  nullif(split_part(${target}, '?', 2), '') AS query,
  ${joined ? rid : "CAST(NULL AS varchar)"} AS rid,
  ${nulls("host", "rule", "rule_group_rule", "rule_type", "result_type", "error_code", "error_message", "principal", "action", "authorizer", "country")}
FROM ${from} WHERE server_status = '403'`;
      return joined ? numberRids(select) : select;
    },
  });

export const nginxCombined: LogFormat = {
  id: "nginx-combined",
  label: "nginx access log (combined)",
  detect: detectCombined("nginx"),
  reader: () => reader,
  sql: sql("nginx-combined", "nginx_access_logs"),
};

export const apacheCombined: LogFormat = {
  id: "apache-combined",
  label: "Apache access log (combined)",
  detect: detectCombined("apache"),
  reader: () => reader,
  sql: sql("apache-combined", "apache_access_logs"),
};
