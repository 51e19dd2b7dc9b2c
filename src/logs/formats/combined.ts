// nginx and Apache "combined" access logs: %h %l %u [%t] "%r" %>s %b "%{Referer}i" "%{User-Agent}i".
// The two write the same layout; they differ in how they escape a quote (nginx \x22, Apache \")
// and in what they log for an empty body (nginx 0, Apache -).
import type { Dialect } from "../sql/dialect.js";
import { digits3, LINE, linesTableOf, lit, nulls, numberRids, shareOf, type LogFormat, type LogFormatId, type LineReader, provenanceColumns } from "./format.js";
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

const LBRACKET = 91;
const RBRACKET = 93;

/** End of a printable-ASCII run that stops at `stop` (or the line's end); -1 at any other byte. */
const runTo = (buf: Buffer, p: number, end: number, stop: number): number => {
  for (; p < end; p++) {
    const c = buf[p]!;
    if (c === stop) return p;
    if (c < 0x20 || c > 0x7e) return -1;
  }
  return p;
};

/** The closing quote of a quoted field whose content starts at p (backslash escapes a byte), or -1. */
const closingQuote = (buf: Buffer, p: number, end: number): number => {
  for (; p < end; p++) {
    const c = buf[p]!;
    if (c === QUOTE) return p;
    if (c < 0x20 || c > 0x7e) return -1;
    if (c === BACKSLASH) {
      p++;
      if (p >= end || buf[p]! < 0x20 || buf[p]! > 0x7e) return -1;
    }
  }
  return -1;
};

/**
 * COMBINED_RE's groups as byte ranges, by a walk that takes the only path the pattern allows on
 * printable ASCII (each field ends at its first unescaped delimiter); any other byte leaves the
 * line to the pattern itself. Several times faster than the pattern with match indices.
 */
export const combinedRanges = (buf: Buffer, start: number, end: number, r: Int32Array): number => {
  let p = start;
  for (let f = 1; f <= 3; f++) {
    const e = runTo(buf, p, end, SPACE);
    if (e <= p || e >= end) return 0;
    r[2 * f - 2] = p;
    r[2 * f - 1] = e;
    p = e + 1;
  }
  if (p >= end || buf[p] !== LBRACKET) return 0;
  const close = runTo(buf, p + 1, end, RBRACKET);
  if (close <= p + 1 || close >= end) return 0;
  r[6] = p + 1;
  r[7] = close;
  p = close + 1;
  if (p + 1 >= end || buf[p] !== SPACE || buf[p + 1] !== QUOTE) return 0;
  const q = closingQuote(buf, p + 2, end);
  if (q < 0) return 0;
  r[8] = p + 2;
  r[9] = q;
  p = q + 1;
  if (p + 5 > end || buf[p] !== SPACE || buf[p + 4] !== SPACE || digits3(buf, p + 1) < 0) return 0;
  r[10] = p + 1;
  r[11] = p + 4;
  p += 5;
  const size = runTo(buf, p, end, SPACE);
  if (size <= p) return 0;
  r[12] = p;
  r[13] = size;
  p = size;
  // the optional referrer and user agent; whatever follows is the pattern's trailing .*
  r[14] = r[15] = r[16] = r[17] = start;
  if (p + 1 < end && buf[p] === SPACE && buf[p + 1] === QUOTE) {
    const ref = closingQuote(buf, p + 2, end);
    if (ref >= 0 && ref + 2 < end && buf[ref + 1] === SPACE && buf[ref + 2] === QUOTE) {
      const ua = closingQuote(buf, ref + 3, end);
      if (ua >= 0) {
        r[14] = p + 2;
        r[15] = ref;
        r[16] = ref + 3;
        r[17] = ua;
      }
    }
  }
  return runTo(buf, p, end, -1) === end ? 9 : 0;
};

const SHAPE: LineShape = {
  sep: SPACE,
  fields: [FIELD.plain, FIELD.plain, FIELD.plain, FIELD.bracketed, FIELD.quoted],
  statusEndsLine: false,
  // COLUMNS up to server_status are the walk's fields and status; the size field (\S+) must follow
  rows: { columns: [0, 1, 2, 3, 4, 5], fieldAfterStatus: true },
};
const reader: LineReader = { status: shapedStatus(SHAPE, combinedStatus), forward: regexForward(COMBINED_RE, COLUMNS.length), forwardRanges: combinedRanges, shape: SHAPE };

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
      const target = "split_part(client_request, ' ', 2)";
      // nginx's error log names the request, Apache's does not: the join key follows
      const key = id === "nginx-combined" ? "client_ip || '|' || client_request" : "client_ip";
      const rid = `${lit(id === "nginx-combined" ? "nginx:" : "apache:")} || ${key} || '|' || CAST(${d.ts("request_received_time", "clf-local")} AS varchar)`;
      const select = `SELECT ${lit(id)} AS src, ${provenanceColumns(d)},
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
