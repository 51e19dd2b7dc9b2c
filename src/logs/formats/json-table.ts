// Tables of one JSON object per line: Athena's JSON SerDe, and in DuckDB from_json with the
// same structure. DuckDB field names are case-insensitive, so `httprequest.clientip` reads
// "httpRequest"."clientIp" in both engines.
import type { SourceSql } from "./format.js";
import { linesFrom, provenanceOf } from "./regex-table.js";

/** A JSON structure: a DuckDB type name, an object of fields, or a one-element array. */
export type JsonShape = string | { readonly [k: string]: JsonShape } | readonly [JsonShape];

/** DuckDB from_json structure text. */
const duckShape = (s: JsonShape): string =>
  typeof s === "string" ? JSON.stringify(s) : Array.isArray(s) ? `[${duckShape(s[0] as JsonShape)}]` : `{${Object.entries(s).map(([k, v]) => `${JSON.stringify(k)}:${duckShape(v)}`).join(",")}}`;

const HIVE: Record<string, string> = { VARCHAR: "string", JSON: "string", BIGINT: "bigint", INTEGER: "int", DOUBLE: "double", BOOLEAN: "boolean" };
/** Hive type text, lower-cased field names as Athena shows them. */
const hiveShape = (s: JsonShape): string =>
  typeof s === "string" ? (HIVE[s] ?? "string") : Array.isArray(s) ? `array<${hiveShape(s[0] as JsonShape)}>` : `struct<${Object.entries(s).map(([k, v]) => `${k.toLowerCase()}:${hiveShape(v)}`).join(",")}>`;

export interface JsonTableSpec {
  table: string;
  linesTable: string;
  shape: Readonly<Record<string, JsonShape>>;
  /** SERDE and formats lines of the documented DDL. */
  athenaStorage: string;
  events: SourceSql["events"];
}

const quoteIfReserved = (c: string): string => (["timestamp", "date", "time", "user"].includes(c) ? `\`${c}\`` : c);

export const jsonTable = (spec: JsonTableSpec): SourceSql => ({
  table: spec.table,
  athenaDdl: (location) => `CREATE EXTERNAL TABLE IF NOT EXISTS ${spec.table} (
${Object.entries(spec.shape).map(([k, v]) => `  ${quoteIfReserved(k.toLowerCase())} ${hiveShape(v)}`).join(",\n")}
)
${spec.athenaStorage}
LOCATION '${location.replace(/'/g, "''")}';`,
  duckdbView: () => `CREATE OR REPLACE VIEW ${spec.table} AS
SELECT unnest(j), why_file, why_line, why_raw, why_at FROM (
  SELECT from_json(l.line, '${duckShape(spec.shape).replace(/'/g, "''")}') AS j, ${provenanceOf("l.line")}
  FROM ${linesFrom(spec.linesTable)}
)`,
  events: spec.events,
});
