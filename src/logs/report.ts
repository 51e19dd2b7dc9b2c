// The log triage report, as ../shared/spec/logs.md describes it (fields may be added, never renamed).
import type { CauseId, ResponderId } from "../model/taxonomy.js";
import type { LogFormatId } from "./formats/format.js";

export interface LogsInput {
  file: string;
  format: LogFormatId;
  lines: number;
  malformed: number;
}

export type TopList = [string, number][];

export interface LogsSpike {
  /** Start of the busy interval (ISO 8601) and its length in seconds. */
  start: string;
  seconds: number;
  count: number;
  /** The cluster's median count per interval, for comparison. */
  median: number;
}

export interface LogsCluster {
  responder: ResponderId;
  cause: CauseId;
  count: number;
  share: number;
  firstSeen?: string;
  lastSeen?: string;
  key: Record<string, string>;
  top: { clients: TopList; paths: TopList; rules?: TopList; principals?: TopList; hosts?: TopList };
  sample: string;
  /** file:line of the sample. */
  sampleAt?: string;
  title: string;
  fix: string[];
  verify: string[];
  /** The layers whose logs saw these requests ("cloudfront+waf" when joined). */
  sources: string[];
  spikes: LogsSpike[];
}

export interface LogsJoin {
  key: string;
  sources: LogFormatId[];
  matched: number;
}

export interface LogsReport {
  schemaVersion: 1;
  inputs: LogsInput[];
  totals: {
    lines: number;
    malformed: number;
    status403: number;
    /** Neighbours that may hide a 403, over all lines (not limited by --since/--until). */
    status401: number;
    status404: number;
  };
  clusters: LogsCluster[];
  joins: LogsJoin[];
  malformedSamples: { file: string; line: number; text: string }[];
  window?: { since?: string; until?: string };
  /** Files skipped because no supported format fits them. */
  skipped?: string[];
}
