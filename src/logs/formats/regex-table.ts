// Tables read with one regular expression per line: Athena's RegexSerDe, and in DuckDB the same
// pattern through regexp_extract. One pattern, two engines, the same columns.
import type { Dialect } from "../sql/dialect.js";
import type { SourceSql } from "./format.js";

export interface RegexTableSpec {
  table: string;
  linesTable: string;
  /** Unanchored, as Athena's DDL writes it; it must match the whole line. */
  pattern: string;
  /** One name per capture group, in order. */
  columns: readonly string[];
  /** Events SELECT over `from` (the table or the DuckDB view). */
  events: (d: Dialect, from: string) => string;
  /** Athena column types where not STRING. */
  types?: Readonly<Record<string, string>>;
}

/** Hive DDL string literal: backslashes and double quotes escaped, single quotes doubled. */
const hiveString = (s: string): string => `'${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/'/g, "''")}'`;
const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The DuckDB view's common tail: rows of the lines table joined to their file. */
export const linesFrom = (linesTable: string): string =>
  `${linesTable} l JOIN why_units u ON l.u = u.u`;

export const regexTable = (spec: RegexTableSpec): SourceSql => ({
  table: spec.table,
  athenaDdl: (location) => `CREATE EXTERNAL TABLE IF NOT EXISTS ${spec.table} (
${spec.columns.map((c) => `  \`${c}\` ${spec.types?.[c] ?? "string"}`).join(",\n")}
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
WITH SERDEPROPERTIES ('input.regex' = ${hiveString(spec.pattern)})
LOCATION ${sqlString(location)};`,
  duckdbView: () => {
    const names = spec.columns.map((c) => sqlString(c)).join(", ");
    const cols = spec.columns.map((c) => {
      const v = `nullif(r.${c}, '')`;
      const t = spec.types?.[c];
      return t ? `TRY_CAST(${v} AS ${t === "int" ? "INTEGER" : t.toUpperCase()}) AS ${c}` : `${v} AS ${c}`;
    });
    return `CREATE OR REPLACE VIEW ${spec.table} AS
SELECT ${cols.join(", ")}, why_file, why_line, why_raw FROM (
  SELECT regexp_extract(l.line, ${sqlString(`^${spec.pattern}$`)}, [${names}]) AS r, u.file AS why_file, l.n + u.line_offset AS why_line, l.line AS why_raw
  FROM ${linesFrom(spec.linesTable)}
  WHERE regexp_full_match(l.line, ${sqlString(spec.pattern)})
)`;
  },
  duckdbRejects: () => `SELECT u, n, line FROM ${spec.linesTable} WHERE NOT regexp_full_match(line, ${sqlString(spec.pattern)})`,
  events: (d) => spec.events(d, spec.table),
});
