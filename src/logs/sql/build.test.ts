// One query builder, two engines: the Athena text carries the documented tables and only Trino
// functions; the DuckDB text only DuckDB's; above the events view both run the same rules.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LOG_FORMATS } from "../formats/format.js";
import { emitSql } from "../emit-sql.js";
import { RULES } from "../classify.js";
import { athena, duckdb } from "./dialect.js";
import { decidedSql } from "./build.js";

const spec = { sources: [...LOG_FORMATS], top: 5 };

describe("SQL for DuckDB and Athena", () => {
  it("starts the Athena script with the CREATE TABLE of every documented table", () => {
    const sql = emitSql("athena", spec, "test");
    for (const t of ["cloudfront_standard_logs", "s3_access_logs", "alb_access_logs", "waf_logs", "cloudtrail_logs", "apigateway_access_logs", "nginx_access_logs", "apache_access_logs", "nginx_error_logs", "apache_error_logs"]) {
      assert.match(sql, new RegExp(`CREATE EXTERNAL TABLE IF NOT EXISTS ${t} \\(`), t);
    }
    assert.match(sql, /ROW FORMAT DELIMITED\nFIELDS TERMINATED BY '\\t'/, "CloudFront is tab-delimited");
    assert.match(sql, /'input\.regex' = '\(\[\^ \]\*\) \(\[\^ \]\*\) \\\\\[\(\.\*\?\)\\\\\]/, "S3 uses the documented RegexSerDe pattern");
    assert.match(sql, /com\.amazon\.emr\.cloudtrail\.CloudTrailInputFormat/);
    assert.match(sql, /httprequest struct<clientip:string,country:string,headers:array<struct<name:string,value:string>>/);
    assert.match(sql, /CREATE OR REPLACE VIEW why403_decided AS/);
  });

  it("uses each engine's own functions only", () => {
    const a = emitSql("athena", spec, "test");
    const d = emitSql("duckdb", spec, "test");
    for (const f of ["list_filter", "regexp_matches", "try_strptime", "epoch_ms", "json_extract_string", "array_to_string", "list_sort", "median(", "lambda ", "regexp_full_match"]) assert.ok(!a.includes(f), `Athena SQL uses DuckDB's ${f}`);
    for (const f of ["regexp_like", "from_unixtime", "json_extract_scalar", "element_at", "approx_percentile", "date_parse", "parse_datetime", "to_unixtime", "uuid()"]) assert.ok(!d.includes(f), `DuckDB SQL uses Trino's ${f}`);
  });

  it("classifies with the same rules in both engines", () => {
    const branches = (sql: string) => [...sql.matchAll(/WHEN src = '([a-z0-9-]+)'/g)].map((m) => m[1]);
    const a = branches(decidedSql(athena, spec));
    assert.deepEqual(a, branches(decidedSql(duckdb, spec)));
    assert.equal(a.length, RULES.length);
    // apart from the dialect's functions the texts are the same
    const neutral = (sql: string) =>
      sql
        .replace(/regexp_(?:like|matches)/g, "RE")
        .replace(/(?:array_to_string\(list_sort|array_join\(array_sort)\(l\.sources\), '\+'\)/, "JOIN")
        .replace(/\b(?:hash|concat_ws)\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\) AS cluster/g, "KEY AS cluster");
    assert.equal(neutral(decidedSql(athena, spec)), neutral(decidedSql(duckdb, spec)));
  });
});
