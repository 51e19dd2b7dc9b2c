// `why403 logs`: files → scan (workers) → DuckDB (documented tables, events, decided) → report.
import { closeSync, createWriteStream, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as DuckDB from "@duckdb/node-api";
import type { clusterText as ClusterText } from "./cluster-text.js";
import { WhyError } from "../model/errors.js";
import { Redactor } from "../redact/redactor.js";
import type { CauseId, ResponderId } from "../model/taxonomy.js";
import { detectFormat } from "./detect.js";
import { expandInputs, isGzip, readHead } from "./files.js";
import { linesTableOf, lit, scalarText, type LogFormatId, type ReaderOptions } from "./formats/format.js";
import { formatById } from "./formats/index.js";
import { joinKeyName } from "./joins.js";
import type { LogsCluster, LogsReport, TopList } from "./report.js";
import { planUnits, runScan, type InputFile } from "./run-scan.js";
import type { Progress, ScanUnit, UnitResult } from "./scan.js";
import { duckdb } from "./sql/dialect.js";
import { reportQueries, triageObjects, type TriageSpec } from "./sql/build.js";

export interface LogsOptions extends ReaderOptions {
  since?: Date | undefined;
  until?: Date | undefined;
  top?: number | undefined;
  jobs?: number | undefined;
  /** Force one format instead of detecting it per file. */
  inputFormat?: LogFormatId | undefined;
  showSecrets?: boolean | undefined;
  progress?: Progress | undefined;
  /** Files read, before the scan starts (for a progress total). */
  onPlan?: ((bytes: number) => void) | undefined;
  warn?: ((message: string) => void) | undefined;
  /** Called after each phase with its wall time (the CLI prints them with --debug). */
  timing?: ((phase: string, ms: number, cpuMs: number) => void) | undefined;
  /** Scan tuning (tests): byte range per unit, input size from which workers start. */
  scan?: { range?: number; workersFrom?: number } | undefined;
}

type Row = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number(v ?? 0));
const str = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString().replace(/\.\d{3}Z$/, "Z") : scalarText(v));
/** The cluster a row of the report queries belongs to (their `cluster` key). */
const clusterId = (r: Row): string => String(r.cluster);

/** Files with their detected formats; the ones no format fits are reported as skipped. */
const identify = async (args: readonly string[], opts: LogsOptions): Promise<{ inputs: InputFile[]; skipped: string[] }> => {
  const inputs: InputFile[] = [];
  const skipped: string[] = [];
  for (const file of expandInputs(args)) {
    const gzip = isGzip(file);
    const head = await readHead(file, gzip);
    const format = opts.inputFormat ? formatById(opts.inputFormat) : detectFormat(head, file, opts);
    if (!format) {
      skipped.push(file);
      opts.warn?.(`${file}: not a log format why403 reads (skipped; --input-format forces one)`);
      continue;
    }
    inputs.push({ file, format, gzip, size: statSync(file).size, head });
  }
  if (inputs.length === 0) throw new WhyError("INPUT_UNRECOGNISED", "no input is a log format why403 reads");
  return { inputs, skipped };
};

/** Absolute line numbers: a unit's lines start after the lines of the earlier units of its file. */
const lineOffsets = (units: readonly ScanUnit[], results: ReadonlyMap<number, UnitResult>): Map<number, number> => {
  const offsets = new Map<number, number>();
  const byFile = new Map<string, ScanUnit[]>();
  for (const u of units) byFile.set(u.file, [...(byFile.get(u.file) ?? []), u]);
  for (const list of byFile.values()) {
    let at = 0;
    for (const u of list.sort((a, b) => a.start - b.start)) {
      offsets.set(u.u, at);
      at += results.get(u.u)?.lines ?? 0;
    }
  }
  return offsets;
};

const all = async (c: DuckDB.DuckDBConnection, sql: string): Promise<Row[]> => (await c.runAndReadAll(sql)).getRowObjectsJS();

/** Times phases for --debug: wall time, and CPU time of the whole process (workers and DuckDB's threads too). */
const stopwatch = (report: LogsOptions["timing"]) => {
  let t = performance.now();
  let cpu = process.cpuUsage();
  return (phase: string): void => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    report?.(phase, now - t, (used.user + used.system) / 1000);
    t = now;
    cpu = process.cpuUsage();
  };
};

const openDuckDB = async (jobs: number | undefined): Promise<{ c: DuckDB.DuckDBConnection; close: () => void }> => {
  // loaded once the scan has started, from a chunk of the CLI bundle of its own (node-api's 124
  // CommonJS files, loaded one by one, cost ~55 ms of a run that lasts about a second); the
  // CommonJS module object is the default export, in Node as in the bundle (which has no named ones)
  const { DuckDBInstance } = (await import("@duckdb/node-api")).default as unknown as typeof DuckDB;
  const instance = await DuckDBInstance.create(":memory:", jobs ? { threads: String(Math.max(1, jobs)) } : {});
  const c = await instance.connect();
  // the decided records live for one run: compressing their text columns costs more than it saves
  await c.run("SET force_compression = 'uncompressed'");
  // log times without an offset are UTC, not the time zone of the machine reading them
  await c.run("SET TimeZone = 'UTC'");
  return {
    c,
    close: () => {
      c.closeSync();
      instance.closeSync();
    },
  };
};

/** The lines table of a format: unit, line in unit, where the line is, then the line or the fields the scan parsed. */
const linesColumns = (s: LogFormatId): [string, string][] => {
  const { storedFields, keptFields } = formatById(s).sql;
  const fields = storedFields ? (keptFields ?? storedFields) : ["line"];
  return [["u", "INTEGER"], ["n", "BIGINT"], ["at", "BIGINT"], ...fields.map((f): [string, string] => [f, "VARCHAR"])];
};

/** The line at byte offset `at` of a file, up to its newline (samples of rows that kept only fields). */
const lineAt = (path: string, at: number): string | undefined => {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buf = Buffer.alloc(SAMPLE_MAX);
    const n = readSync(fd, buf, 0, buf.length, at);
    const nl = buf.subarray(0, n).indexOf(10);
    const end = nl >= 0 ? nl : n;
    return buf.toString("utf8", 0, end > 0 && buf[end - 1] === 13 ? end - 1 : end);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};
const SAMPLE_MAX = 64 * 1024;

/**
 * The lines of a format, read where the scan wrote them: a view over its rows files. DuckDB parses
 * them once, inside the one statement that materialises the decided records; copying them into a
 * table first cost as much again.
 */
const linesView = (s: LogFormatId, paths: readonly string[]): string => {
  const cols = linesColumns(s);
  const name = linesTableOf(s);
  if (paths.length === 0) return `CREATE OR REPLACE TABLE ${name} (${cols.map(([n, t]) => `"${n}" ${t}`).join(", ")})`;
  return `CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_csv([${paths.map(lit).join(", ")}], delim = '\x1f', quote = '', escape = '', header = false, auto_detect = false, new_line = '\\n', columns = {${cols.map(([n, t]) => `'${n}': '${t}'`).join(", ")}})`;
};

/** Standard input, copied to a file in the work directory (the scan reads files, in ranges). */
const stdinFile = async (dir: string): Promise<string> => {
  const path = join(dir, "stdin");
  await pipeline(process.stdin, createWriteStream(path));
  return path;
};

export const runLogs = async (args: readonly string[], opts: LogsOptions = {}): Promise<LogsReport> => {
  const lap = stopwatch(opts.timing);
  const dir = mkdtempSync(join(tmpdir(), "why403-logs-"));
  try {
    const stdin = args.includes("-") ? await stdinFile(dir) : undefined;
    const { inputs, skipped } = await identify(
      args.map((a) => (a === "-" && stdin ? stdin : a)),
      opts,
    );
    lap("detect formats");
    return await scanAndTriage(inputs, skipped, dir, opts, lap, (f) => (f === stdin ? "-" : f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const scanAndTriage = async (
  inputs: InputFile[],
  skipped: string[],
  dir: string,
  opts: LogsOptions,
  lap: (phase: string) => void,
  display: (file: string) => string,
): Promise<LogsReport> => {
  opts.onPlan?.(inputs.reduce((s, f) => s + f.size, 0));
  const units = planUnits(inputs, { apigwFormat: opts.apigwFormat }, opts.scan?.range);
  const sources = [...new Set(inputs.map((f) => f.format.id))];
  // the workers start first, then DuckDB opens while they scan
  const scanning = runScan(inputs, units, dir, { jobs: opts.jobs, progress: opts.progress, workersFrom: opts.scan?.workersFrom });
  const opening = openDuckDB(opts.jobs);
  // a failure to open is reported where it is awaited, after the scan
  opening.catch(() => undefined);
  // the catalog (each cause's fix and verify) loads while the scan runs, not before it
  const texts = import("./cluster-text.js");
  texts.catch(() => undefined);
  const scanned = await scanning.catch(async (e: unknown) => {
    await opening.then(({ close }) => close()).catch(() => undefined);
    throw e;
  });
  lap("scan");
  const results = new Map(scanned.map((r) => [r.u, r]));
  const offsets = lineOffsets(units, results);
  const { c, close } = await opening;
  try {
    for (const s of sources) await c.run(linesView(s, scanned.flatMap((r) => r.rows.filter(([f]) => f === s).map(([, path]) => path))));
    return await triage(c, inputs, units, results, offsets, sources, skipped, opts, lap, display, (await texts).clusterText);
  } finally {
    close();
  }
};

const triage = async (
  c: DuckDB.DuckDBConnection,
  inputs: readonly InputFile[],
  units: readonly ScanUnit[],
  results: ReadonlyMap<number, UnitResult>,
  offsets: ReadonlyMap<number, number>,
  sources: readonly LogFormatId[],
  skipped: string[],
  opts: LogsOptions,
  lap: (phase: string) => void,
  display: (file: string) => string,
  clusterText: typeof ClusterText,
): Promise<LogsReport> => {
  const redactor = new Redactor(!opts.showSecrets);
  const spec: TriageSpec = { sources, since: opts.since, until: opts.until, top: opts.top ?? 5 };

  await c.run("CREATE TABLE why_units (u INTEGER, file VARCHAR, line_offset BIGINT)");
  await c.run(`INSERT INTO why_units VALUES ${units.map((u) => `(${u.u}, ${lit(display(u.file))}, ${offsets.get(u.u) ?? 0})`).join(", ")}`);
  for (const s of sources) await c.run(formatById(s).sql.duckdbView());
  for (const st of triageObjects(duckdb, spec)) {
    await c.run(st.sql);
    lap(st.name);
  }
  const q = reportQueries(duckdb, spec);

  const reportInputs = inputs.map((f) => {
    // the scan is the one judge of malformed lines: it parsed every line it forwarded
    const mine = units.filter((u) => u.file === f.file).map((u) => results.get(u.u));
    return {
      file: display(f.file),
      format: f.format.id,
      lines: mine.reduce((s, m) => s + (m?.lines ?? 0), 0),
      malformed: mine.reduce((s, m) => s + (m?.malformed ?? 0), 0),
    };
  });
  const malformedSamples = [
    ...units.flatMap((u) => (results.get(u.u)?.samples ?? []).map((s) => ({ file: display(u.file), line: s.line + (offsets.get(u.u) ?? 0), text: redactor.text(s.text) }))),
  ].slice(0, 10);

  // where each file's lines can be read back: the file itself, or the lines a stream unit copied
  const rawPaths = new Map<string, string>();
  for (const u of units) rawPaths.set(display(u.file), results.get(u.u)?.rawFile ?? u.file);
  const sampleOf = (r: Row): string => {
    const kept = str(r.sample);
    if (kept !== undefined) return kept;
    const path = rawPaths.get(str(r.sample_file) ?? "");
    return (path !== undefined && r.sample_at !== null && r.sample_at !== undefined ? lineAt(path, num(r.sample_at)) : undefined) ?? "";
  };

  const [totals] = await all(c, q.totals);
  const status403 = num(totals?.status403);
  const clusterRows = await all(c, q.clusters);
  const tops = new Map<string, Map<string, TopList>>();
  for (const r of await all(c, q.tops)) {
    const id = clusterId(r);
    const dims = tops.get(id) ?? new Map<string, TopList>();
    tops.set(id, dims);
    const list = dims.get(String(r.dim)) ?? [];
    dims.set(String(r.dim), list);
    list.push([String(r.v), num(r.c)]);
  }
  for (const dims of tops.values()) for (const list of dims.values()) list.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const spikes = new Map<string, LogsCluster["spikes"]>();
  for (const r of status403 > 0 ? await all(c, q.spikes) : []) {
    const id = clusterId(r);
    const list = spikes.get(id) ?? [];
    spikes.set(id, list);
    if (list.length < 3) list.push({ start: new Date(num(r.start_epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"), seconds: Math.round(num(r.width)), count: num(r.c), median: num(r.med) });
  }

  lap("clusters, tops, spikes");
  const clusters: LogsCluster[] = clusterRows.map((r) => {
    const id = clusterId(r);
    const dims = tops.get(id) ?? new Map<string, TopList>();
    const key: Record<string, string> = {};
    for (const [k, v] of [[str(r.k1), str(r.k1v)], [str(r.k2), str(r.k2v)]]) if (k !== undefined && v !== undefined) key[k] = v;
    const responder = String(r.responder) as ResponderId;
    const cause = String(r.cause) as CauseId;
    const sources = [...new Set(((r.sources as string[] | null) ?? []).flatMap((k) => k.split("+")))].sort();
    const text = clusterText(responder, cause, {
      key,
      sources,
      host: dims.get("hosts")?.[0]?.[0],
      path: dims.get("paths")?.[0]?.[0],
      client: dims.get("clients")?.[0]?.[0],
      principal: dims.get("principals")?.[0]?.[0],
      rule: key.terminatingRuleId ? (key.ruleGroupRule ? `${key.terminatingRuleId}/${key.ruleGroupRule}` : key.terminatingRuleId) : undefined,
      action: key.eventName,
    });
    const top: LogsCluster["top"] = { clients: dims.get("clients") ?? [], paths: dims.get("paths") ?? [] };
    for (const d of ["rules", "principals", "hosts"] as const) {
      const list = dims.get(d);
      if (list?.length) top[d] = list;
    }
    const count = num(r.count);
    const sampleFile = str(r.sample_file);
    const sampleLine = str(r.sample_line);
    const cluster: LogsCluster = {
      responder,
      cause,
      count,
      share: status403 ? Math.round((count / status403) * 1000) / 1000 : 0,
      key,
      top,
      sample: redactor.text(sampleOf(r)),
      title: text.title,
      fix: text.fix,
      verify: text.verify,
      sources,
      spikes: spikes.get(id) ?? [],
    };
    const first = str(r.first_seen);
    const last = str(r.last_seen);
    if (first) cluster.firstSeen = first;
    if (last) cluster.lastSeen = last;
    if (sampleFile) cluster.sampleAt = `${sampleFile}:${sampleLine ?? "?"}`;
    return cluster;
  });

  const joins = (await all(c, q.joins)).map((r) => {
    const list = String(r.sources_key).split("+") as LogFormatId[];
    return { key: joinKeyName(list), sources: list, matched: num(r.matched) };
  });

  const report: LogsReport = {
    schemaVersion: 1,
    inputs: reportInputs,
    totals: {
      lines: reportInputs.reduce((s, i) => s + i.lines, 0),
      malformed: reportInputs.reduce((s, i) => s + i.malformed, 0),
      status403,
      status401: [...results.values()].reduce((s, r) => s + r.status401, 0),
      status404: [...results.values()].reduce((s, r) => s + r.status404, 0),
    },
    clusters,
    joins,
    malformedSamples,
  };
  if (opts.since || opts.until) report.window = { ...(opts.since ? { since: opts.since.toISOString() } : {}), ...(opts.until ? { until: opts.until.toISOString() } : {}) };
  if (skipped.length) report.skipped = skipped;
  return report;
};
