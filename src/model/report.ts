// The one Report model every renderer reads (text, JSON, Markdown, web). Field names follow
// ../shared/spec/report.md; fields may be added, never renamed.
import type { CauseId, ResponderId } from "./taxonomy.js";
import type { InputKind } from "./exchange.js";

/** What the configuration checks and `inspect` read instead of a captured response. */
export const CHECK_INPUT_KINDS = ["cloudfront-config", "apigateway-config", "inspect"] as const;
export type CheckInputKind = (typeof CHECK_INPUT_KINDS)[number];

export type EvidenceKind = "status" | "header" | "body" | "cli" | "har" | "probe" | "config";

export interface EvidenceItem {
  signal: EvidenceKind;
  /** The catalog signal that produced it: `entry.signal`. */
  signalId: string;
  /** decision / presence for responders; for causes `for` or `against`. */
  role: "decision" | "presence" | "for" | "against";
  detail: string;
  name?: string;
  /** The matched text, verbatim (secrets redacted). */
  text?: string;
  /** 1-based line and column of the match in the input, when it is verbatim. */
  line?: number;
  column?: number;
  length?: number;
  /** The whole input line the match stands on (secrets redacted). */
  quote?: string;
  /** Where the evidence lives when it has no line (HAR field path). */
  path?: string;
  /** The field of a configuration that decides (config evidence). */
  configPath?: string;
}

/** The layer that wrote the 403 (`unknown` when no layer's own signature was found). */
export interface ReportResponder {
  id: ResponderId;
  name: string;
  confidence: number;
  evidence: EvidenceItem[];
}

/** A possible reason for the denial, with the evidence for and against it and what to do. */
export interface ReportCause {
  id: CauseId;
  confidence: number;
  title: string;
  why: string;
  evidence: EvidenceItem[];
  against: EvidenceItem[];
  fix: string[];
  verify: string[];
  nextSteps: string[];
}

export interface ChainLink {
  id: ResponderId;
  role: "decision" | "presence";
}

export interface ReportGroup {
  responder: ResponderId;
  cause: CauseId;
  status: number;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  urls: string[];
  entry: number;
}

/** One request a live probe sent, why, and what it showed (spec/report.md `probes`). */
export interface ReportProbe {
  n: number;
  variant: string;
  method: string;
  url: string;
  why: string;
  status?: number;
  finding: string;
  /** The Host header, when it is not the URL's host (a Host variant at the same address). */
  host?: string;
  /** Where the request was sent: address:port as connected (or the proxy's). */
  sentTo?: string;
  timings?: { firstByteMs: number; totalMs: number };
  /** A transport failure instead of an answer. */
  error?: string;
}

/** One step of the way a denied HAR entry was reached: a redirect, a CORS preflight, the entry itself. */
export interface FlowStep {
  entry: number;
  relation: "redirect" | "preflight" | "denied";
  method?: string;
  url?: string;
  status?: number;
}

/** One denied exchange of a multi-exchange input (`--all`). */
export interface ReportDenial {
  entry: number;
  status: number;
  method?: string;
  url?: string;
  time?: string;
  responder: ResponderId;
  cause: CauseId;
  confidence: number;
}

/**
 * One diagnosis: who wrote the 403 (`responder`), why (`causes`, best first, each with fix and
 * verify), the layers seen (`chain`) and, for HARs, the groups of all denials.
 *
 * @example
 * ```ts
 * import { diagnose, type Report } from "why403";
 * const report: Report = diagnose(text);
 * const best = report.causes[0];
 * if (best) console.log(`${report.responder.name}: ${best.title}`, best.fix, best.verify);
 * ```
 */
export interface Report {
  schemaVersion: 1;
  file: string;
  inputKind: InputKind | CheckInputKind;
  status?: number;
  /** How the status was known: a status line, text in the input, or assumed for a bare body. */
  statusSource?: "status-line" | "text" | "assumed";
  request?: { method?: string; url?: string };
  responder: ReportResponder;
  chain: ChainLink[];
  causes: ReportCause[];
  redacted: string[];
  notes: string[];
  /** Multi-exchange inputs (HAR, redirect chains). */
  exchanges?: number;
  status403?: number;
  groups?: ReportGroup[];
  /** Index of the exchange the top-level diagnosis describes. */
  exchange?: number;
  /** Live probing: every request sent, in order, and how many left the machine. */
  probes?: ReportProbe[];
  requestsSent?: number;
  /** Configuration checks (`why403 aws …`) and token checks (`why403 inspect`), in the order run. */
  checks?: ReportCheck[];
  inspected?: ReportInspected[];
  /** How that exchange was reached: redirects and CORS preflight before it (HAR). */
  flow?: FlowStep[];
  /** Every denial, one line each (HAR with --all). */
  denials?: ReportDenial[];
}

/** One configuration (or token) check and what it found: the list shows what was looked at. */
export interface ReportCheck {
  id: string;
  status: "fail" | "warn" | "pass" | "skip";
  detail: string;
  /** The configuration field the check read, as the AWS CLI prints it. */
  path?: string;
}

/** A decoded credential (`why403 inspect`): its kind and the fields that are not secret. */
export interface ReportInspected {
  kind: string;
  fields: Record<string, string>;
}

export interface ReportError {
  file: string;
  error: { code: string; message: string };
}
