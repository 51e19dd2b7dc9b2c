// The few places where DuckDB and Athena (Trino) SQL differ. Everything else the query builder
// emits is common SQL, so both engines run the same triage.

/** Timestamp text layouts found in the supported logs. */
export type TsLayout =
  /** 10/Oct/2000:13:55:36 -0700 (CLF, S3, API Gateway requestTime) */
  | "clf"
  /** the same, read as wall-clock time without its offset (to meet error logs, which have none) */
  | "clf-local"
  /** 2018-07-02T22:23:00.186641Z (ALB, CloudTrail) */
  | "iso"
  /** 2000/10/10 13:55:36, local time (nginx error log) */
  | "nginx-error"
  /** Wed Oct 11 14:32:52.123456 2000, local time (Apache error log) */
  | "apache-error";

export interface Dialect {
  name: "duckdb" | "athena";
  /** Parses text to a UTC TIMESTAMP; NULL when it does not parse. */
  ts(expr: string, layout: TsLayout): string;
  /** Epoch milliseconds to TIMESTAMP. */
  epochMs(expr: string): string;
  /** Regular-expression test (RE2 / Java syntax kept to the common subset). */
  like(expr: string, re: string): string;
  /** A scalar at a JSON path of a JSON text, as text. */
  jsonText(expr: string, path: string): string;
  /** The first element of an array, NULL when empty. */
  first(expr: string): string;
  /** Elements of an array that satisfy `x -> cond`. */
  filter(expr: string, param: string, cond: string): string;
  /** Median of a numeric column (approximate on Athena). */
  median(expr: string): string;
  /** Seconds since the epoch of a TIMESTAMP, as a double. */
  epoch(expr: string): string;
  /** The elements of an array sorted and joined with a separator. */
  joinSorted(expr: string, sep: string): string;
  /** One value that stands for a tuple of text columns (NULLs included), to group by one column instead of several. */
  tupleKey(cols: readonly string[]): string;

  /**
   * Provenance of a record: the file it came from, its line number, its raw text, and the byte
   * offset where why403 reads the raw text back when it did not keep it.
   */
  provenance: { file: string; line: string; raw: string; at: string };
  /** One value holding several typed columns, read back as `value.name` (a struct; a row in Trino). */
  record: (cols: readonly (readonly [name: string, type: "varchar" | "bigint"])[]) => string;
  /**
   * The order in which a cluster's sample is the first record: earliest time, then file and line,
   * so that the sample's text, file and line come from one record even when times tie.
   */
  sampleOrder: string;
}

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export const duckdb: Dialect = {
  name: "duckdb",
  ts: (e, layout) => {
    switch (layout) {
      // an instant read to UTC wall time by its microseconds: a CAST to TIMESTAMP would read it in
      // the session's time zone (the machine's, unless set) and costs an ICU conversion per row
      case "clf":
        return `make_timestamp(epoch_us(try_strptime(${e}, '%d/%b/%Y:%H:%M:%S %z')))`;
      case "clf-local":
        return `try_strptime(substr(${e}, 1, 20), '%d/%b/%Y:%H:%M:%S')`;
      case "iso":
        return `make_timestamp(epoch_us(TRY_CAST(${e} AS TIMESTAMPTZ)))`;
      case "nginx-error":
        return `try_strptime(${e}, '%Y/%m/%d %H:%M:%S')`;
      case "apache-error":
        return `coalesce(try_strptime(${e}, '%a %b %d %H:%M:%S.%f %Y'), try_strptime(${e}, '%a %b %d %H:%M:%S %Y'))`;
    }
  },
  epochMs: (e) => `epoch_ms(CAST(${e} AS BIGINT))`,
  jsonText: (e, path) => `json_extract_string(${e}, ${q(path)})`,
  like: (e, re) => `regexp_matches(${e}, ${q(re)})`,
  first: (e) => `(${e})[1]`,
  filter: (e, p, cond) => `list_filter(${e}, lambda ${p}: ${cond})`,
  median: (e) => `median(${e})`,
  epoch: (e) => `epoch(${e})`,
  joinSorted: (e, sep) => `array_to_string(list_sort(${e}), ${q(sep)})`,
  // a 64-bit hash: grouping by it is several times faster than by six text columns
  tupleKey: (cols) => `hash(${cols.join(", ")})`,

  record: (cols) => `{${cols.map(([n]) => `'${n}': ${n}`).join(", ")}}`,

  provenance: { file: "why_file", line: "why_line", raw: "why_raw", at: "why_at" },
  sampleOrder: "(coalesce(ts, TIMESTAMP '9999-12-31 00:00:00'), file, n)",
};

export const athena: Dialect = {
  name: "athena",
  ts: (e, layout) => {
    switch (layout) {
      case "clf":
        return `CAST(try(parse_datetime(${e}, 'dd/MMM/yyyy:HH:mm:ss Z')) AT TIME ZONE 'UTC' AS timestamp)`;
      case "clf-local":
        return `try(date_parse(substr(${e}, 1, 20), '%d/%b/%Y:%H:%i:%s'))`;
      case "iso":
        return `CAST(try(from_iso8601_timestamp(${e})) AT TIME ZONE 'UTC' AS timestamp)`;
      case "nginx-error":
        return `try(date_parse(${e}, '%Y/%m/%d %H:%i:%s'))`;
      case "apache-error":
        return `coalesce(try(date_parse(${e}, '%a %b %d %H:%i:%s.%f %Y')), try(date_parse(${e}, '%a %b %d %H:%i:%s %Y')))`;
    }
  },
  epochMs: (e) => `from_unixtime(CAST(${e} AS double) / 1000)`,
  jsonText: (e, path) => `json_extract_scalar(${e}, ${q(path)})`,
  like: (e, re) => `regexp_like(${e}, ${q(re)})`,
  first: (e) => `element_at(${e}, 1)`,
  filter: (e, p, cond) => `filter(${e}, ${p} -> ${cond})`,
  median: (e) => `approx_percentile(${e}, 0.5)`,
  epoch: (e) => `to_unixtime(${e})`,
  joinSorted: (e, sep) => `array_join(array_sort(${e}), ${q(sep)})`,
  // exact: the values joined by a byte no value holds, NULL told apart from ''
  tupleKey: (cols) => `concat_ws(chr(31), ${cols.map((c) => `coalesce('=' || ${c}, '')`).join(", ")})`,

  record: (cols) => `CAST(ROW(${cols.map(([n]) => n).join(", ")}) AS ROW(${cols.map(([n, t]) => `${n} ${t}`).join(", ")}))`,

  provenance: { file: `"$path"`, line: "CAST(NULL AS bigint)", raw: "CAST(NULL AS varchar)", at: "CAST(NULL AS bigint)" },
  // Trino compares ROW values field by field; the line is always NULL here, so it is left out
  sampleOrder: "ROW(coalesce(ts, TIMESTAMP '9999-12-31 00:00:00'), file)",
};

export const DIALECTS = { duckdb, athena } as const;
