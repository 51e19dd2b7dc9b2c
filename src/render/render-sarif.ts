// renderSarif: reports (and clusters of denials from logs) as one SARIF 2.1.0 log, the format
// GitHub code scanning and other CI dashboards read. ruleId = cause id; the rule's help is the
// cause's explain page; locations point into the input file.
import { createHash } from "node:crypto";
import type { Location, Log, Notification, ReportingDescriptor, Result } from "sarif";
import { causePage } from "../knowledge/explain-page.js";
import { loadCatalog } from "../knowledge/catalog.js";
import type { CauseCluster } from "../model/cluster.js";
import type { EvidenceItem, Report, ReportError } from "../model/report.js";
import { CAUSE_SUMMARY, RESPONDER_SUMMARY, type CauseId } from "../model/taxonomy.js";
import { renderCausePageMarkdown, renderCausePage } from "./render-explain.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

export interface SarifOptions {
  /** `tool.driver.version`; the CLI passes the package version. */
  toolVersion?: string;
}

/** A file path as the relative URI reference SARIF and code scanning expect. */
export const artifactUri = (file: string): string => {
  if (file === "-") return "stdin";
  const slashed = file.replace(/\\/g, "/");
  const encoded = slashed.split("/").map(encodeURIComponent).join("/");
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded.replace("%3A", ":")}`;
  return slashed.startsWith("/") ? `file://${encoded}` : encoded.replace(/^\.\//, "");
};

const titleCase = (id: string): string => id.replace(/(?:^|-)(\w)/g, (_m, c: string) => c.toUpperCase());

/** The rule of a cause: descriptions and help from its knowledge page. */
export const causeRule = (id: CauseId): ReportingDescriptor => {
  const catalog = loadCatalog();
  const entry = catalog.causes.get(id);
  const page = entry ? causePage(entry, catalog) : undefined;
  return {
    id,
    name: titleCase(id),
    shortDescription: { text: CAUSE_SUMMARY[id] },
    fullDescription: { text: page?.whatItMeans ?? CAUSE_SUMMARY[id] },
    help: page ? { text: renderCausePage(page, false), markdown: renderCausePageMarkdown(page) } : { text: CAUSE_SUMMARY[id] },
    defaultConfiguration: { level: "error" },
    properties: { tags: ["http-403", "access-denied", ...(page?.seenFrom ?? [])] },
  };
};

/** A stable identity of a result across runs, so code scanning does not duplicate alerts. */
const fingerprint = (...parts: (string | number | undefined)[]): string =>
  createHash("sha256").update(parts.map((p) => String(p ?? "")).join("\u0000")).digest("hex").slice(0, 32);

const level = (confidence: number): Result.level => (confidence >= 0.5 ? "error" : "warning");

const location = (file: string, e: EvidenceItem | undefined, line?: number): Location => {
  const region: NonNullable<NonNullable<Location["physicalLocation"]>["region"]> =
    e?.line !== undefined
      ? {
          startLine: e.line,
          startColumn: e.column ?? 1,
          endColumn: (e.column ?? 1) + Math.max(1, e.length ?? 1),
          ...(e.quote !== undefined ? { snippet: { text: e.quote } } : {}),
        }
      : // code scanning places an alert only with a start line; line 1 stands for "the file"
        { startLine: line ?? 1 };
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region },
    ...(e ? { message: { text: e.detail } } : {}),
  };
};

/** Results for clusters of denials in one file: HAR groups here, `why403 logs` clusters there. */
export const clusterResults = (clusters: readonly CauseCluster[], file: string): Result[] =>
  clusters.map((c) => {
    const when = c.firstSeen ? `, ${c.firstSeen} … ${c.lastSeen ?? c.firstSeen}` : "";
    const what = `${c.count} × ${c.status ?? 403} written by ${c.responder} (${RESPONDER_SUMMARY[c.responder]}): ${c.cause} — ${CAUSE_SUMMARY[c.cause]}${when}`;
    const sample = c.sample ?? c.urls?.[0];
    return {
      ruleId: c.cause,
      level: (c.status ?? 403) === 403 ? "error" : "warning",
      message: { text: sample ? `${what}. Example: ${sample}` : what },
      locations: [location(file, undefined, c.line)],
      partialFingerprints: { "why403Cluster/v1": fingerprint(file, c.responder, c.cause, c.status ?? 403) },
      properties: {
        responder: c.responder,
        count: c.count,
        status: c.status ?? 403,
        ...(c.firstSeen ? { firstSeen: c.firstSeen } : {}),
        ...(c.lastSeen ? { lastSeen: c.lastSeen } : {}),
      },
    };
  });

/** The result of one report: its best cause, located at the evidence in the input. */
export const reportResults = (r: Report): Result[] => {
  if (r.groups && r.groups.length > 0) return clusterResults(r.groups, r.file);
  const top = r.causes[0];
  const cause: CauseId = top?.id ?? "unknown";
  const evidence = [...(top?.evidence ?? []), ...r.responder.evidence.filter((e) => e.role === "decision")];
  const located = evidence.filter((e) => e.line !== undefined);
  const who = r.responder.id === "unknown" ? "An unidentified layer" : r.responder.name;
  const headline = `${who} answered ${r.status ?? "a denial"}: ${top?.title ?? "not enough evidence to say why"}`;
  const fix = top?.fix[0];
  const verify = top?.verify[0];
  const text = [
    `${headline} (${cause}, confidence ${(top?.confidence ?? 0).toFixed(2)}).`,
    ...(fix ? [`Fix: ${fix}`] : []),
    ...(verify ? [`Verify: ${verify}`] : []),
  ].join(" ");
  return [
    {
      ruleId: cause,
      level: level(top?.confidence ?? 0),
      rank: Math.round((top?.confidence ?? 0) * 100),
      message: { text },
      locations: [location(r.file, located[0] ?? evidence[0])],
      ...(located.length > 1 ? { relatedLocations: located.slice(1, 6).map((e, i) => ({ id: i + 1, ...location(r.file, e) })) } : {}),
      partialFingerprints: { "why403Report/v1": fingerprint(r.file, r.responder.id, cause, r.status) },
      properties: {
        responder: r.responder.id,
        chain: r.chain.map((c) => `${c.id}:${c.role}`),
        confidence: top?.confidence ?? 0,
        alternatives: r.causes.slice(1, 4).map((c) => c.id),
        fix: top?.fix ?? [],
        verify: top?.verify ?? [],
        redacted: r.redacted,
      },
    },
  ];
};

const isError = (r: Report | ReportError): r is ReportError => "error" in r;

/** One SARIF log (one run) from results; rules are the causes the results name. */
export const buildSarifLog = (results: Result[], failures: readonly ReportError[], opts: SarifOptions = {}): Log => {
  const ruleIds = [...new Set(results.map((r) => r.ruleId as CauseId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const notifications: Notification[] = failures.map((f) => ({
    level: "error",
    message: { text: `${f.error.code}: ${f.error.message}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.file) } } }],
    descriptor: { id: f.error.code },
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "why403",
            ...(opts.toolVersion ? { version: opts.toolVersion, semanticVersion: opts.toolVersion } : {}),
            rules: ruleIds.map(causeRule),
          },
        },
        columnKind: "utf16CodeUnits",
        invocations: [{ executionSuccessful: failures.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        results: results.map((r) => ({ ...r, ruleIndex: index.get(r.ruleId as CauseId)! })),
      },
    ],
  };
};

/**
 * Reports (and failed inputs) as one SARIF 2.1.0 log, for GitHub code scanning and CI.
 *
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from "node:fs";
 * import { diagnose, renderSarif } from "why403";
 * const report = diagnose(readFileSync("case.txt", "utf8"), { file: "case.txt" });
 * writeFileSync("why403.sarif", renderSarif([report], { toolVersion: "0.1.0" }));
 * ```
 */
export const renderSarif = (reports: readonly (Report | ReportError)[], opts: SarifOptions = {}): string => {
  const ok = reports.filter((r): r is Report => !isError(r));
  const failures = reports.filter(isError);
  return JSON.stringify(buildSarifLog(ok.flatMap(reportResults), failures, opts), null, 2);
};
