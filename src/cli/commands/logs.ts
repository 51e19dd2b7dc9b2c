// `why403 logs PATH…`: finds the few reasons behind the 403s in access, WAF, CDN and audit logs.
// DuckDB and the log formats load only when this command runs (cold start of other commands).
import { Option } from "commander";
import { WhyError } from "../../model/errors.js";
import { describeError, EXIT, formatFailure } from "../errors.js";
import { useColor, type Io, type RegisterCommand } from "../io.js";
import { packageVersion } from "../package-root.js";
import { ProgressBar } from "../progress.js";

type Format = "text" | "json" | "markdown" | "sarif";
const FORMATS = ["cloudfront", "s3-access", "alb", "waf", "apigateway", "cloudtrail", "nginx-combined", "apache-combined", "nginx-error", "apache-error"] as const;

const LOGS_HELP = `
Reads (detected per file; .gz read as is; directories walked; globs expanded; formats mixed):
  CloudFront standard logs (legacy and v2), S3 server access logs, ALB access logs, AWS WAF logs,
  API Gateway access logs (JSON, or a template given with --apigw-format), CloudTrail logs,
  nginx and Apache access logs (combined) and their error logs.

Examples:
  why403 logs /var/log/nginx/                       access and error log, joined
  zcat access.log.*.gz | why403 logs -              standard input
  why403 logs 'cf-logs/**/*.gz' waf/ --since 2h     CloudFront + WAF: one cluster per request
  why403 logs --json s3-access/ cloudtrail/ > triage.json
  why403 logs --apigw-format '$context.requestId $context.status $context.error.responseType' api.log
  why403 logs --emit-sql athena cf-logs/ waf/       the same triage as Athena SQL, with CREATE TABLE

Exit codes: 0 at least one line was read, 1 no input could be read, 2 usage error.
Malformed lines are counted, sampled and skipped. Secrets in sample lines are redacted unless
--show-secrets.`;

interface LogsFlags {
  json?: boolean;
  format?: Format;
  since?: string;
  until?: string;
  top?: string;
  jobs?: string;
  inputFormat?: (typeof FORMATS)[number];
  apigwFormat?: string;
  emitSql?: "athena" | "duckdb";
  sources?: string;
  showSecrets?: boolean;
  progress?: boolean;
  color?: boolean;
  debug?: boolean;
}

/** ISO 8601 date/time, or a duration back from now: 90s, 30m, 2h, 7d. */
export const parseWhen = (s: string, now = Date.now()): Date => {
  const rel = /^(\d+)\s*(s|m|h|d|w)$/.exec(s.trim());
  if (rel) return new Date(now - Number(rel[1]) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[rel[2] as "s"] * 1000);
  const iso = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/.test(s.trim()) ? new Date(/[T ]\d\d:\d\d.*(?:Z|[+-]\d\d:?\d\d)$/.test(s.trim()) || s.trim().length === 10 ? s.trim() : `${s.trim()}Z`) : undefined;
  if (!iso || Number.isNaN(iso.getTime())) throw new WhyError("USAGE", `not a time: ${s} (use 2026-11-01T02:00:00Z, 2026-11-01, or 2h / 30m / 7d back from now)`);
  return iso;
};

const positive = (s: string | undefined, name: string, fallback: number): number => {
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new WhyError("USAGE", `${name} takes a whole number, not ${s}`);
  return n;
};

const runLogsCommand = async (paths: string[], flags: LogsFlags, io: Io): Promise<number> => {
  const format: Format = flags.json ? "json" : (flags.format ?? "text");
  const top = positive(flags.top, "--top", 5);
  const jobs = flags.jobs === undefined ? undefined : positive(flags.jobs, "--jobs", 0);
  const since = flags.since ? parseWhen(flags.since) : undefined;
  const until = flags.until ? parseWhen(flags.until) : undefined;
  if (flags.emitSql) {
    const { emitSql } = await import("../../logs/emit-sql.js");
    const sources = await (await import("../../logs/emit-sources.js")).sourcesFor(paths, flags.sources, flags.inputFormat, flags.apigwFormat);
    io.out(emitSql(flags.emitSql, { sources, since, until, top }, packageVersion()));
    return EXIT.ok;
  }
  if (paths.length === 0) throw new WhyError("USAGE", "name at least one log file, directory or glob");
  // the scan's workers boot while the rest of `logs` (DuckDB, the catalog) loads
  (await import("../../logs/run-scan.js")).prewarmScanWorkers(paths, jobs);
  const { runLogs } = await import("../../logs/triage.js");
  const bar = flags.progress !== false && io.errIsTTY ? new ProgressBar({ write: io.err, unit: "lines", format: (n) => `${(n / 1e6).toFixed(2)}M` }) : undefined;
  let bytesRead = 0;
  let linesRead = 0;
  const report = await runLogs(paths, {
    since,
    until,
    top,
    jobs,
    inputFormat: flags.inputFormat,
    apigwFormat: flags.apigwFormat,
    showSecrets: flags.showSecrets,
    progress: bar ? (b, l) => bar.update((bytesRead += b), (linesRead += l)) : undefined,
    onPlan: bar ? (b) => (bar.total = b) : undefined,
    warn: (m) => io.err(`why403: warning: ${m}\n`),
    timing: flags.debug ? (phase, ms, cpuMs) => io.err(`why403: ${phase}: ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms)\n`) : undefined,
  }).finally(() => bar?.done());
  if (format === "json") io.out(JSON.stringify(report) + "\n");
  else if (format === "sarif") io.out((await import("../../render/render-logs-sarif.js")).renderLogsSarif(report, packageVersion()) + "\n");
  else if (format === "markdown") io.out((await import("../../render/render-logs-markdown.js")).renderLogsMarkdown(report) + "\n");
  else io.out((await import("../../render/render-logs-text.js")).renderLogsText(report, { color: useColor(io, flags.color) }) + "\n");
  const parsed = report.totals.lines - report.totals.malformed;
  return parsed > 0 ? EXIT.ok : EXIT.failed;
};

export const registerLogs: RegisterCommand = (program, io, setExit) => {
  program
    .command("logs")
    .description("triage the 403s in access, CDN, WAF, API Gateway and CloudTrail logs (DuckDB)")
    .argument("[paths...]", "log files, directories or globs (gzip is read as is); - reads standard input")
    .option("--json", "one JSON object, as in spec/logs.md")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown", "sarif"]).default("text"))
    .option("--since <time>", "only records at or after this time (ISO 8601, or 2h / 30m / 7d ago)")
    .option("--until <time>", "only records before this time")
    .option("--top <n>", "entries in each top list (clients, paths, rules, principals)", "5")
    .option("--jobs <n>", "threads for reading and for DuckDB (default: all cores)")
    .addOption(new Option("--input-format <format>", "read every file as this format instead of detecting it").choices([...FORMATS]))
    .option("--apigw-format <template>", "API Gateway access-log template for non-JSON logs ($context variables)")
    .addOption(new Option("--emit-sql <engine>", "print the triage as SQL instead of running it").choices(["athena", "duckdb"]))
    .option("--sources <list>", "with --emit-sql and no paths: the formats to include (comma-separated)")
    .option("--show-secrets", "keep credentials and signatures in sample lines")
    .option("--no-progress", "no progress bar on standard error")
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", LOGS_HELP)
    .action(async (paths: string[], flags: LogsFlags) => {
      try {
        setExit(await runLogsCommand(paths, flags, io));
      } catch (e) {
        const f = describeError(e, "logs");
        if (flags.debug && e instanceof Error) io.err(`${e.stack ?? e.message}\n`);
        io.err(formatFailure("logs", f) + "\n");
        setExit(f.code === "USAGE" ? EXIT.usage : EXIT.failed);
      }
    });
};
