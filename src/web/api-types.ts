// What the local web server sends the page: shared by src/web (server) and src/web/client.
import type { CauseCluster } from "../model/cluster.js";
import type { Report } from "../model/report.js";

/** The largest upload the server reads (the pipeline's own limit, MAX_TEXT_BYTES). */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

/** How an upload is analysed: HAR and text by the diagnose pipeline, logs by the logs triage. */
export type UploadKind = "har" | "text" | "log";

/** Denials over time, in equal buckets from `start` to `end`. */
export interface Timeline {
  start: string;
  end: string;
  bucketMs: number;
  counts: number[];
  total: number;
}

/** What is known before the diagnosis: shown first, so a big upload gives an answer early. */
export interface AnalysisSummary {
  kind: UploadKind;
  /** Entries or records read. */
  records?: number;
  status403?: number;
  timeline?: Timeline;
}

export interface AnalysisResult {
  kind: UploadKind;
  /** The diagnosis (text and HAR inputs). */
  report?: Report;
  /** The input as the report saw it: normalised, secrets redacted. Evidence line/column point here. */
  input?: { text: string; truncated: boolean };
  /** Groups of denials (HAR groups, log clusters), largest first. */
  clusters?: CauseCluster[];
  records?: number;
  status403?: number;
  timeline?: Timeline;
}

export interface AnalysisError {
  code: string;
  message: string;
  hint?: string;
}

/** One line of the NDJSON answer to POST api/analyse. */
export type AnalyseEvent =
  | { type: "received"; bytes: number; kind: UploadKind }
  | { type: "phase"; phase: "parsing" | "diagnosing" | "clustering" }
  | { type: "summary"; summary: AnalysisSummary }
  | { type: "result"; result: AnalysisResult }
  | { type: "error"; error: AnalysisError };
