// Tables read with one regular expression per line: Athena's RegexSerDe, and in DuckDB the fields
// the scan parsed with the same pattern. One pattern, two engines, the same columns.
import { duckdb, type Dialect } from "../sql/dialect.js";
import { columnsNamedIn, type SourceSql } from "./format.js";

export interface RegexTableSpec {
  table: string;
  linesTable: string;
  /** Unanchored, as Athena's DDL writes it; it must match the whole line. */
  pattern: string;
  /** One name per capture group, in order. */
  columns: readonly string[];
  /** Events SELECT over `from` (the table or the DuckDB view). */
  events: (d: Dialect, from: string, joined: boolean) => string;
  /** Athena column types where not STRING. */
  types?: Readonly<Record<string, string>>;
}

/** Hive DDL string literal: backslashes and double quotes escaped, single quotes doubled. */
const hiveString = (s: string): string => `'${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/'/g, "''")}'`;
const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The DuckDB view's common tail: rows of the lines table joined to their file. */
export const linesFrom = (linesTable: string): string =>
  `${linesTable} l JOIN why_units u ON l.u = u.u`;

/** The provenance columns of a DuckDB view over a lines table; `raw` is the line, or NULL where only fields are stored. */
export const provenanceOf = (raw: string): string => `u.file AS why_file, l.n + u.line_offset AS why_line, ${raw} AS why_raw, l.at AS why_at`;

/** The stored fields a format's events read (joined to a partner source or not): the only ones the scan keeps. */
export const keptBy = (events: (d: Dialect, joined: boolean) => string, columns: readonly string[]): string[] =>
  columnsNamedIn(events(duckdb, true) + events(duckdb, false), columns);

/**
 * The DuckDB view of a table whose fields the scan stored: each kept column (`empty` read as NULL,
 * cast to its DuckDB type if it has one), NULL for the others, then the provenance columns.
 */
export const storedFieldsView = (table: string, linesTable: string, columns: readonly (readonly [name: string, duckType: string | undefined])[], kept: readonly string[], empty: string): string => {
  const cols = columns.map(([c, t]) => {
    const name = c === "date" ? '"date"' : c;
    const v = kept.includes(c) ? `nullif(l.${name}, '${empty}')` : "CAST(NULL AS VARCHAR)";
    return `${t ? `TRY_CAST(${v} AS ${t})` : v} AS ${name}`;
  });
  return `CREATE OR REPLACE VIEW ${table} AS
SELECT ${cols.join(", ")}, ${provenanceOf("CAST(NULL AS VARCHAR)")}
FROM ${linesFrom(linesTable)}`;
};

/**
 * The scan parses a forwarded line with the table's own pattern (V8's regex engine is several
 * times faster here than DuckDB's) and stores the captured fields.
 */
export const regexForward = (pattern: string, groups: number) => {
  const re = new RegExp(`^(?:${pattern})$`);
  return (text: string): string[] | undefined => {
    const m = re.exec(text);
    if (!m) return undefined;
    const out: string[] = [];
    for (let i = 1; i <= groups; i++) out.push(m[i] ?? "");
    return out;
  };
};

/** Bytes a line may not hold to be forwarded as raw ranges: non-ASCII, the row separators, CR. */
// eslint-disable-next-line no-control-regex -- the control bytes are the point
const NOT_RAW = /[^\x00-\x0c\x0e-\x1e\x20-\x7f]/;

/**
 * regexForward on bytes: the same pattern over the line read as Latin-1 (one character per byte,
 * so match indices are byte offsets); ASCII only, where Latin-1 and UTF-8 read alike.
 */
export const regexForwardRanges = (pattern: string, groups: number) => {
  const re = new RegExp(`^(?:${pattern})$`, "d");
  return (buf: Buffer, start: number, end: number, ranges: Int32Array): number => {
    const text = buf.toString("latin1", start, end);
    if (NOT_RAW.test(text)) return 0;
    const m = re.exec(text);
    if (!m) return 0;
    for (let i = 1; i <= groups; i++) {
      const at = m.indices![i];
      ranges[2 * i - 2] = at ? start + at[0] : start;
      ranges[2 * i - 1] = at ? start + at[1] : start;
    }
    return groups;
  };
};

export const regexTable = (spec: RegexTableSpec): SourceSql => {
  const kept = keptBy((d, joined) => spec.events(d, spec.table, joined), spec.columns);
  return {
    table: spec.table,
    storedFields: spec.columns,
    keptFields: kept,
    athenaDdl: (location) => `CREATE EXTERNAL TABLE IF NOT EXISTS ${spec.table} (
${spec.columns.map((c) => `  \`${c}\` ${spec.types?.[c] ?? "string"}`).join(",\n")}
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
WITH SERDEPROPERTIES ('input.regex' = ${hiveString(spec.pattern)})
LOCATION ${sqlString(location)};`,
    duckdbView: () =>
      storedFieldsView(
        spec.table,
        spec.linesTable,
        spec.columns.map((c) => {
          const t = spec.types?.[c];
          return [c, t === "int" ? "INTEGER" : t?.toUpperCase()] as const;
        }),
        kept,
        "",
      ),
    events: (d, joined) => spec.events(d, spec.table, joined),
  };
};
