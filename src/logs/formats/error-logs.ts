// nginx and Apache error logs. A line counts as a 403 when it carries a reason the server gives
// for refusing a request; each pattern below is one of those reasons, and the same text decides
// in the JS scan, in DuckDB and in Athena.
import type { Dialect } from "../sql/dialect.js";
import { LINE, linesTableOf, nulls, shareOf, numberRids, type LineReader, type LogFormat, provenanceColumns } from "./format.js";
import { regexForward, regexForwardRanges, regexTable } from "./regex-table.js";

export const NGINX_ERROR_RE = String.raw`([0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}) \[([a-z]+)\] ([0-9]+)#([0-9]+): (?:\*([0-9]+) )?(.*)`;
/** nginx: deny rules, directory without index, unreadable files, ModSecurity. */
export const NGINX_DENIAL = String.raw`access forbidden by rule|directory index of "[^"]*" is forbidden|\(13: Permission denied\)|ModSecurity: Access denied with code 403`;

export const APACHE_ERROR_RE = String.raw`\[([^\]]+)\] \[(?:([^:\]]*):)?([a-z0-9]+)\](?: \[pid ([^\]]*)\])? (.*)`;
/** Apache: mod_authz_core/access_compat/authz_host, mod_autoindex, filesystem permissions, ModSecurity. */
export const APACHE_DENIAL = String.raw`AH01630|AH01797|client denied by server configuration|AH01276|Cannot serve directory|Directory index forbidden by Options directive|AH00035|search permissions are missing|AH00037|Symbolic link not allowed|AH00132|file permissions deny server access|AH00529|unable to check htaccess file|Options ExecCGI is off|ModSecurity: Access denied with code 403`;

const lineReader = (whole: RegExp, denial: RegExp, pattern: string, groups: number): LineReader => ({
  forward: regexForward(pattern, groups),
  forwardRanges: regexForwardRanges(pattern, groups),
  status: (buf, start, end) => {
    if (end <= start) return LINE.skip;
    const text = buf.toString("latin1", start, end);
    if (!whole.test(text)) return LINE.malformed;
    return denial.test(text) ? LINE.denial : LINE.noStatus;
  },
});


const NGINX_JS = new RegExp(`^${NGINX_ERROR_RE}$`);
const NGINX_COLUMNS = ["time", "level", "pid", "tid", "connection", "message"];
const APACHE_COLUMNS = ["time", "module", "level", "pid", "message"];
const APACHE_JS = new RegExp(`^${APACHE_ERROR_RE}$`);

export const nginxError: LogFormat = {
  id: "nginx-error",
  label: "nginx error log",
  detect: (head) => shareOf(head, (l) => NGINX_JS.test(l)),
  reader: () => lineReader(NGINX_JS, new RegExp(NGINX_DENIAL), NGINX_ERROR_RE, NGINX_COLUMNS.length),
  sql: regexTable({
    table: "nginx_error_logs",
    linesTable: linesTableOf("nginx-error"),
    pattern: NGINX_ERROR_RE,
    columns: NGINX_COLUMNS,
    events: (d: Dialect, from: string, joined: boolean) => {
      const request = `regexp_extract(message, 'request: "([^"]*)"', 1)`;
      const target = `split_part(${request}, ' ', 2)`;
      const client = `regexp_extract(message, 'client: ([^,]+)', 1)`;
      const select = `SELECT 'nginx-error' AS src, ${provenanceColumns(d)},
  ${d.ts("time", "nginx-error")} AS ts,
  403 AS status,
  ${client} AS client,
  nullif(split_part(${request}, ' ', 1), '') AS method,
  regexp_extract(message, 'host: "([^"]*)"', 1) AS host,
  nullif(split_part(${target}, '?', 1), '') AS path,
  nullif(split_part(${target}, '?', 2), '') AS query,
  ${joined ? `'nginx:' || ${client} || '|' || ${request} || '|' || CAST(${d.ts("time", "nginx-error")} AS varchar)` : "CAST(NULL AS varchar)"} AS rid,
  regexp_extract(message, '^(.*?)(?:, client: |$)', 1) AS error_message,
  ${nulls("rule", "rule_group_rule", "rule_type", "result_type", "error_code", "principal", "action", "authorizer", "country")}
FROM ${from} WHERE ${d.like("message", NGINX_DENIAL)}`;
      return joined ? numberRids(select) : select;
    },
  }),
};

export const apacheError: LogFormat = {
  id: "apache-error",
  label: "Apache error log",
  detect: (head) => shareOf(head, (l) => APACHE_JS.test(l)),
  reader: () => lineReader(APACHE_JS, new RegExp(APACHE_DENIAL), APACHE_ERROR_RE, APACHE_COLUMNS.length),
  sql: regexTable({
    table: "apache_error_logs",
    linesTable: linesTableOf("apache-error"),
    pattern: APACHE_ERROR_RE,
    columns: APACHE_COLUMNS,
    events: (d: Dialect, from: string, joined: boolean) => {
      // [client 203.0.113.5:51234] or [client ::1:56402]: the address without its port
      const client = `regexp_extract(message, '\\[client ([^\\]]*?)(?::[0-9]+)?\\]', 1)`;
      const select = `SELECT 'apache-error' AS src, ${provenanceColumns(d)},
  ${d.ts("time", "apache-error")} AS ts,
  403 AS status,
  ${client} AS client,
  nullif(regexp_extract(message, ' (/[^ ,:]*)', 1), '') AS path,
  ${joined ? `'apache:' || ${client} || '|' || CAST(date_trunc('second', ${d.ts("time", "apache-error")}) AS varchar)` : "CAST(NULL AS varchar)"} AS rid,
  regexp_extract(message, '(AH[0-9]{5}: .*|client denied by server configuration.*|Directory index forbidden.*|ModSecurity: .*)$', 1) AS error_message,
  regexp_extract(message, '(AH[0-9]{5})', 1) AS error_code,
  module AS result_type,
  ${nulls("method", "host", "query", "rule", "rule_group_rule", "rule_type", "principal", "action", "authorizer", "country")}
FROM ${from} WHERE ${d.like("message", APACHE_DENIAL)}`;
      return joined ? numberRids(select) : select;
    },
  }),
};
