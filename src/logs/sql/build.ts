// The query builder: the whole triage as SQL, for DuckDB (run here) and Athena (printed with
// --emit-sql athena). Sources differ only below the events view; everything above it — rules,
// joins by request id, clusters, top-N, spikes — is the same text for both engines.
import { EVENT_COLUMNS, lit, type LogFormatId } from "../formats/format.js";
import { formatById } from "../formats/index.js";
import { rulesFor, type Cond, type Rule } from "../classify.js";
import type { Dialect } from "./dialect.js";
import { partnersOf } from "../joins.js";

export interface TriageSpec {
  sources: readonly LogFormatId[];
  since?: Date | undefined;
  until?: Date | undefined;
  /** How many entries each top list keeps. */
  top: number;
}

/** Names of the objects the triage creates. */
export const T = { events: "why403_events", decided: "why403_decided" } as const;

const tsLiteral = (d: Date): string => `TIMESTAMP '${d.toISOString().slice(0, 19).replace("T", " ")}'`;

/** The normalised 403 records of every source, in one relation. */
export const eventsSql = (d: Dialect, spec: TriageSpec): string => {
  const cols = EVENT_COLUMNS.join(", ");
  const parts = spec.sources.map((s) => `SELECT ${cols} FROM (\n${formatById(s).sql.events(d, partnersOf(s, spec.sources).length > 0)}\n) ${s.replace(/-/g, "_")}`);
  const window = [spec.since ? `ts >= ${tsLiteral(spec.since)}` : "", spec.until ? `ts < ${tsLiteral(spec.until)}` : ""].filter(Boolean);
  const union = parts.join("\nUNION ALL\n");
  return window.length ? `SELECT * FROM (\n${union}\n) all_sources WHERE ${window.join(" AND ")}` : union;
};

const condSql = (d: Dialect, c: Cond): string => {
  if ("eq" in c) return `${c.col} = ${lit(c.eq)}`;
  if ("in" in c) return `${c.col} IN (${c.in.map(lit).join(", ")})`;
  if ("re" in c) return d.like(c.col, c.re);
  if ("present" in c) return `${c.col} IS NOT NULL`;
  return `${c.col} IS NULL`;
};

const ruleSql = (d: Dialect, r: Rule): string =>
  [`src = ${lit(r.src)}`, ...r.when.map((w) => (Array.isArray(w) ? `(${(w as Cond[]).map((c) => condSql(d, c)).join(" OR ")})` : condSql(d, w as Cond)))].join(" AND ");

/**
 * Every 403 once: records that share a request id are one request seen by several layers; the
 * record of the deciding layer (lowest rank) stands for it, with the list of layers that saw it.
 * Records without a request id (or without a source to join) are their own request.
 */
/** What a record's rule number says: responder, cause, rank and the names of its key columns. */
const ruleNames = (spec: TriageSpec) => {
  const rules = rulesFor(spec.sources);
  const pick = (f: (r: Rule) => string): string => `CASE rule_no ${rules.map(({ rule, no }) => `WHEN ${no} THEN ${f(rule)}`).join(" ")} END`;
  return {
    rules,
    pick,
    responder: `coalesce(${pick((r) => lit(r.responder))}, 'unknown')`,
    cause: `coalesce(${pick((r) => lit(r.cause))}, 'unknown')`,
    keyName: (i: number) => pick((r) => (r.key[i] ? lit(r.key[i][0]) : "CAST(NULL AS varchar)")),
  };
};

export const decidedSql = (d: Dialect, spec: TriageSpec): string => {
  const { rules, pick, responder, cause, keyName } = ruleNames(spec);
  const when = rules.map(({ rule, no }) => `    WHEN ${ruleSql(d, rule)} THEN ${no}`).join("\n");
  const keyValue = (i: number) => pick((r) => (r.key[i] ? `CAST(${r.key[i][1]} AS varchar)` : "CAST(NULL AS varchar)"));
  // only what the report reads: the decided relation is the one DuckDB materialises, and each
  // column costs (the rule number stands for responder, cause and key names; see clusters)
  const cols = ["file", "n", "raw", "raw_at", "ts", "client", "host", "path", "rule", "rule_group_rule", "principal", "rule_no", "k1v", "k2v"];
  const joinable = spec.sources.some((s) => partnersOf(s, spec.sources).length > 0);
  const ranked = `WITH classified AS (
  SELECT e.*, CASE
${when}
    ELSE 0 END AS rule_no
  FROM ${T.events} e
), ranked AS (
  SELECT c.*,
    ${responder} AS responder,
    ${cause} AS cause,
    coalesce(${pick((r) => String(r.rank))}, 9) AS rank,
    ${keyName(0)} AS k1, ${keyValue(0)} AS k1v,
    ${keyName(1)} AS k2, ${keyValue(1)} AS k2v
  FROM classified c
)`;
  const alone = `SELECT ${cols.join(", ")}, ${d.tupleKey(CLUSTER_COLUMNS)} AS cluster, src AS sources_key FROM ranked`;
  if (!joinable) return `${ranked}\n${alone}`;
  return `${ranked}, layers AS (
  SELECT rid, array_agg(DISTINCT src) AS sources FROM ranked WHERE rid IS NOT NULL GROUP BY rid
)
${alone} WHERE rid IS NULL
UNION ALL
SELECT ${cols.map((c) => `r.${c}`).join(", ")}, ${d.tupleKey(CLUSTER_COLUMNS.map((c) => `r.${c}`))} AS cluster, ${d.joinSorted("l.sources", "+")} AS sources_key
FROM (SELECT ranked.*, row_number() OVER (PARTITION BY rid ORDER BY rank, src, n) AS pick FROM ranked WHERE rid IS NOT NULL) r
JOIN layers l ON r.rid = l.rid
WHERE r.pick = 1`;
};

export interface Statement {
  name: string;
  sql: string;
}

/** The events and decided relations: tables in DuckDB (computed once), views in Athena. */
export const triageObjects = (d: Dialect, spec: TriageSpec): Statement[] => {
  // DuckDB computes the decided records once and keeps them; everything else stays a view
  const make = (name: string, body: string, table: boolean): string =>
    d.name === "duckdb" && table ? `CREATE OR REPLACE TABLE ${name} AS\n${body}` : `CREATE OR REPLACE VIEW ${name} AS\n${body}`;
  return [
    { name: T.events, sql: make(T.events, eventsSql(d, spec), false) },
    { name: T.decided, sql: make(T.decided, decidedSql(d, spec), true) },
  ];
};

/** The columns that name a cluster; `cluster` (the dialect's key of them) groups by them at once. */
const CLUSTER_COLUMNS = ["responder", "cause", "k1", "k1v", "k2", "k2v"] as const;

/** The report's queries over the decided relation. */
export const reportQueries = (d: Dialect, spec: TriageSpec) => {
  const names = ruleNames(spec);
  const top = (dim: string, col: string) =>
    `SELECT cluster, '${dim}' AS dim, ${col} AS v, count(*) AS c,
    row_number() OVER (PARTITION BY cluster ORDER BY count(*) DESC, ${col}) AS rk
  FROM ${T.decided} WHERE ${col} IS NOT NULL GROUP BY cluster, ${col}`;
  return {
    totals: `SELECT count(*) AS status403, min(ts) AS first_seen, max(ts) AS last_seen FROM ${T.decided}`,
    // the records of a cluster share responder, cause and key names: any one's rule number gives
    // them; the sample's text, offset, file and line come from one record (one min_by, not four)
    clusters: `SELECT cluster, ${names.responder} AS responder, ${names.cause} AS cause, ${names.keyName(0)} AS k1, k1v, ${names.keyName(1)} AS k2, k2v,
  count, first_seen, last_seen, c.s.raw AS sample, c.s.raw_at AS sample_at, c.s.file AS sample_file, c.s.n AS sample_line, sources
FROM (
SELECT cluster, arbitrary(rule_no) AS rule_no, arbitrary(k1v) AS k1v, arbitrary(k2v) AS k2v, count(*) AS count, min(ts) AS first_seen, max(ts) AS last_seen,
  min_by(${d.record([["raw", "varchar"], ["raw_at", "bigint"], ["file", "varchar"], ["n", "bigint"]])}, ${d.sampleOrder}) AS s,
  array_agg(DISTINCT sources_key) AS sources
FROM ${T.decided}
GROUP BY cluster
) c
ORDER BY count DESC, responder, cause, k1v, k2v`,
    tops: `SELECT * FROM (
  ${top("clients", "client")}
  UNION ALL
  ${top("paths", "path")}
  UNION ALL
  ${top("rules", "coalesce(rule_group_rule, rule)")}
  UNION ALL
  ${top("principals", "principal")}
  UNION ALL
  ${top("hosts", "host")}
) t WHERE rk <= ${spec.top}`,
    /** Buckets of about 1/48 of the whole span (at least a minute) with ≥ 10 records and ≥ 5× the cluster's median bucket. */
    spikes: `WITH span AS (
  SELECT ${d.epoch("min(ts)")} AS t0, greatest(60, (${d.epoch("max(ts)")} - ${d.epoch("min(ts)")}) / 48) AS w FROM ${T.decided}
), b AS (
  SELECT cluster, floor((${d.epoch("ts")} - span.t0) / span.w) AS i, count(*) AS c
  FROM ${T.decided} CROSS JOIN span WHERE ts IS NOT NULL GROUP BY cluster, floor((${d.epoch("ts")} - span.t0) / span.w)
), s AS (
  SELECT cluster, ${d.median("c")} AS med FROM b GROUP BY cluster
)
SELECT b.cluster, span.t0 + b.i * span.w AS start_epoch, span.w AS width, b.c, s.med
FROM b JOIN s ON b.cluster = s.cluster CROSS JOIN span
WHERE b.c >= 10 AND b.c >= 5 * s.med
ORDER BY b.c DESC, b.cluster, b.i`,
    joins: `SELECT sources_key, count(*) AS matched FROM ${T.decided} WHERE strpos(sources_key, '+') > 0 GROUP BY sources_key ORDER BY matched DESC`,
  };
};
