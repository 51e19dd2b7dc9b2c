// One log format = how to recognise a file, how to read a line fast (its status only), and the
// SQL that turns its lines into the documented table and then into normalised events.
import type { Dialect } from "../sql/dialect.js";
import type { LineShape } from "../line-kernel.js";

export const LOG_FORMATS = [
  "cloudfront",
  "s3-access",
  "alb",
  "waf",
  "apigateway",
  "cloudtrail",
  "nginx-combined",
  "apache-combined",
  "nginx-error",
  "apache-error",
] as const;
export type LogFormatId = (typeof LOG_FORMATS)[number];

/** What the fast scan says about one line, besides an HTTP status (100–599). */
export const LINE = {
  /** A comment, header or blank line: not counted as malformed. */
  skip: -2,
  malformed: -1,
  /** A valid line without an HTTP status (error-log lines that are not denials). */
  noStatus: 0,
  /** A denial that is not an HTTP status line (error-log reason, CloudTrail AccessDenied). */
  denial: 403,
} as const;

/** Reads lines of one file. Hot path: `status` sees raw bytes and must not allocate. */
export interface LineReader {
  /** The HTTP status of buf[start, end) (no newline, no CR), or a LINE code. */
  status(buf: Buffer, start: number, end: number): number;
  /**
   * What is stored for a denial line: its text (or a canonical rewrite of it), then any fields
   * parsed here. undefined when the line does not parse after all: it is counted as malformed.
   */
  forward?(text: string): readonly string[] | undefined;
  /**
   * The same fields as byte ranges of buf (field k is [ranges[2k], ranges[2k+1])), for lines it is
   * sure of: ASCII, no unit separator or CR, and parsed exactly as `forward` would. Returns how many
   * fields it wrote, or 0 to leave the line to `forward`.
   */
  forwardRanges?(buf: Buffer, start: number, end: number, ranges: Int32Array): number;
  /**
   * The fields before the status, for the WebAssembly kernel that reads most lines without
   * calling `status`. A line that fits the shape must get the status `status` would give it.
   */
  shape?: LineShape;
}

export interface ReaderOptions {
  /** API Gateway CLF access-log template, e.g. '$context.requestId $context.status'. */
  apigwFormat?: string | undefined;
}

/** The columns every source is normalised to, in this order. */
export const EVENT_COLUMNS = [
  "src",
  "file",
  "n",
  "raw",
  "raw_at",
  "ts",
  "status",
  "client",
  "method",
  "host",
  "path",
  "query",
  "rid",
  "rule",
  "rule_group_rule",
  "rule_type",
  "result_type",
  "error_code",
  "error_message",
  "principal",
  "action",
  "authorizer",
  "country",
] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** SQL for one source: the documented table and its normalised events. */
export interface SourceSql {
  /** The AWS-documented table (or, for nginx/Apache, Athena's RegexSerDe pattern) name. */
  table: string;
  /** Athena/Hive DDL for the table; LOCATION is a placeholder. */
  athenaDdl(location: string): string;
  /** DuckDB: a view with the table's columns over its lines table, plus why_file/why_line/why_raw. */
  duckdbView(): string;
  /**
   * Fields the scan parses (regex tables, CloudFront), in the order its readers give them. Such
   * formats do not store the line itself: a sample is read back from where the line is (why_at).
   */
  storedFields?: readonly string[];
  /**
   * The parsed fields the scan stores, as DuckDB columns: those the events SELECT reads (the view
   * gives the others as NULL). Most of a line (user agent, referrer, TLS, byte counts) is never read.
   */
  keptFields?: readonly string[];
  /**
   * SELECT of EVENT_COLUMNS from the table, only the records that are 403s (or denials).
   * `joined`: a source this one joins with is present (web servers build their join key only then).
   */
  events(d: Dialect, joined: boolean): string;
}

export interface LogFormat {
  id: LogFormatId;
  /** The layer that writes these logs, for texts ("CloudFront standard log"). */
  label: string;
  /** How sure the first lines of a file say it is this format: 0 not at all, 1 certain. */
  detect(head: readonly string[], path: string): number;
  /** A reader for one file, given its first lines (CloudFront's #Fields header). */
  reader(head: readonly string[], opts: ReaderOptions): LineReader;
  /** The whole file is one JSON document (CloudTrail's {"Records": [...]}). */
  document?: boolean;
  sql: SourceSql;
}

// ---- small helpers shared by readers ----

/** Three ASCII digits at buf[i..i+2] as a number, or -1. */
export const digits3 = (buf: Buffer, i: number): number => {
  const a = buf[i]! - 48;
  const b = buf[i + 1]! - 48;
  const c = buf[i + 2]! - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return -1;
  return a * 100 + b * 10 + c;
};

/** The share of a file's first non-blank lines that pass a test (0 when there are none). */
export const shareOf = (head: readonly string[], test: (line: string) => boolean): number => {
  const lines = head.filter((l) => l.trim() !== "");
  return lines.length ? lines.filter(test).length / lines.length : 0;
};

/** A JSON object, or undefined when the text is not one. */
export const jsonObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const o: unknown = JSON.parse(text);
    return typeof o === "object" && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** A reader's status for one-JSON-object-per-line formats: parse, then ask `status`. */
export const jsonLineStatus =
  (status: (o: Record<string, unknown>) => number) =>
  (buf: Buffer, start: number, end: number): number => {
    if (end <= start) return LINE.skip;
    const o = jsonObject(buf.toString("utf8", start, end));
    return o ? status(o) : LINE.malformed;
  };

/** A JSON scalar as text (objects as JSON); undefined for null, missing and empty values. */
export const scalarText = (v: unknown): string | undefined =>
  v === null || v === undefined || v === ""
    ? undefined
    : typeof v === "string"
      ? v
      : typeof v === "number" || typeof v === "boolean" || typeof v === "bigint"
        ? String(v)
        : JSON.stringify(v);

/** SQL string literal (single quotes doubled); the same in DuckDB and Trino. */
export const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The DuckDB table that holds a format's forwarded lines: (u unit, n line in unit, line, fields…). */
export const linesTableOf = (id: LogFormatId): string => `why_lines_${id.replace(/-/g, "_")}`;

/**
 * The provenance columns of an event: file, line number, the raw line where the engine keeps it,
 * and raw_at, the byte offset at which why403 reads the line back (formats that store only fields).
 */
export const provenanceColumns = (d: Dialect): string => {
  const p = d.provenance;
  return `${p.file} AS file, ${p.line} AS n, ${p.raw} AS raw, ${p.at} AS raw_at`;
};

/** The columns among `columns` that a SQL text names (as whole words). */
export const columnsNamedIn = (sql: string, columns: readonly string[]): string[] =>
  columns.filter((c) => new RegExp(`(?<![A-Za-z0-9_])"?${c}"?(?![A-Za-z0-9_])`).test(sql));

/** `CAST(NULL AS varchar) AS c` for each event column a source does not have. */
export const nulls = (...cols: EventColumn[]): string => cols.map((c) => `CAST(NULL AS varchar) AS ${c}`).join(", ");

/**
 * Request ids made from client, request and second are not unique: the n-th such record in one
 * log pairs with the n-th in the other, so numbering them keeps every record once.
 */
export const numberRids = (inner: string): string =>
  `SELECT ${EVENT_COLUMNS.filter((c) => c !== "rid").join(", ")}, rid || '#' || CAST(row_number() OVER (PARTITION BY rid ORDER BY n, ts) AS varchar) AS rid FROM (${inner}) numbered`;
