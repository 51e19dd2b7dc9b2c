// What happens to an upload, by kind. Runs inside the analysis worker (analyse-worker.ts).
//
// Log files go through the triage of `why403 logs`; its clusters are rendered like HAR groups.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { diagnoseHarStream } from "../diagnose-har.js";
import { openStream } from "../io/open-input.js";
import { looksLikeHar } from "../input/parse-input.js";
import { open } from "node:fs/promises";
import { diagnosePrepared, prepareInput } from "../diagnose-text.js";
import { decodeInput } from "../input/normalise.js";
import type { CauseCluster } from "../model/cluster.js";
import type { AnalyseEvent, AnalysisResult, UploadKind } from "./api-types.js";
import { timelineOf } from "./timeline.js";

export interface AnalyseContext {
  /** The name the user gave the input (file name, or "pasted input"). */
  name: string;
  emit: (e: AnalyseEvent) => void;
}

export type Analyser = (path: string, ctx: AnalyseContext) => Promise<AnalysisResult>;

/** Inputs shown back beside the report (redacted) up to this size; past it, only the report. */
export const MAX_SHOWN_INPUT = 1024 * 1024;

// Lines of the access-log formats logs.md names; a capture of one response never has many.
const LOG_LINE = [
  /^\S+ \S+ \S+ \[[^\]]+\] "[A-Z]+ \S+[^"]*" \d{3} /, // nginx / apache combined
  /^\d{4}-\d{2}-\d{2}\t\d{2}:\d{2}:\d{2}\t\S+\t/, // CloudFront standard log
  /^(?:https?|h2|wss?|grpcs) \d{4}-\d{2}-\d{2}T\S+ \S+ \S+:\d+ /, // ALB
  /^[0-9a-f]{64} \S+ \[[^\]]+\] /, // S3 server access log
  /^\{"timestamp":\d{13},"formatVersion":1,"webaclId":/, // WAF
];

/** Detects the kind of an upload from its first bytes. */
export const detectUploadKind = (head: string): UploadKind => {
  const start = head.replace(/^\uFEFF/, "").trimStart();
  if (looksLikeHar(start)) return "har";
  if (/^\{\s*"Records"\s*:\s*\[/.test(start) || /^#Version: 1\.0\n#Fields: /.test(start.replace(/\r\n/g, "\n"))) return "log";
  const lines = start.split(/\r?\n/, 21).filter((l) => l.trim() !== "").slice(0, 20);
  const logLines = lines.filter((l) => LOG_LINE.some((re) => re.test(l))).length;
  return logLines >= 3 && logLines * 2 >= lines.length ? "log" : "text";
};

/** HAR and text: the diagnose pipeline, with a summary (counts, timeline) before the diagnosis. */
export const analyseWithDiagnose: Analyser = async (path, ctx) => {
  ctx.emit({ type: "phase", phase: "parsing" });
  const prepared = prepareInput(decodeInput(await readFile(path)), { file: ctx.name });
  const { parsed } = prepared;
  const isHar = parsed.kind === "har";
  const status403 = parsed.exchanges.filter((x) => x.response.status === 403).length;
  const timeline = isHar ? timelineOf(parsed.exchanges.filter((x) => x.response.status === 403).map((x) => x.startedAt)) : undefined;
  if (isHar) ctx.emit({ type: "summary", summary: { kind: "har", records: parsed.exchanges.length, status403, ...(timeline ? { timeline } : {}) } });
  ctx.emit({ type: "phase", phase: "diagnosing" });
  const report = diagnosePrepared(prepared);
  return {
    kind: isHar ? "har" : "text",
    report,
    ...(isHar ? {} : { input: { text: parsed.text.slice(0, MAX_SHOWN_INPUT), truncated: parsed.text.length > MAX_SHOWN_INPUT } }),
    ...(report.groups ? { clusters: report.groups, records: parsed.exchanges.length, status403 } : {}),
    ...(timeline ? { timeline } : {}),
  };
};

/**
 * HAR: streamed from disk like the CLI does, so a big file never sits in memory; a summary of
 * what has been read (entries, 403s, their timeline) goes to the page every half second.
 */
export const analyseHar: Analyser = async (path, ctx) => {
  ctx.emit({ type: "phase", phase: "parsing" });
  const opened = await openStream(createReadStream(path, { highWaterMark: 1 << 20 }));
  if (opened.kind !== "har-stream") return analyseWithDiagnose(path, ctx);
  const times: string[] = [];
  let records = 0;
  let status403 = 0;
  let last = Date.now();
  const summarise = () => {
    const timeline = timelineOf(times);
    ctx.emit({ type: "summary", summary: { kind: "har", records, status403, ...(timeline ? { timeline } : {}) } });
    return timeline;
  };
  const report = await diagnoseHarStream(opened.chunks, {
    file: ctx.name,
    onEntry: (status, at) => {
      records++;
      if (status === 403) {
        status403++;
        if (at) times.push(at);
      }
      if (Date.now() - last > 500) {
        last = Date.now();
        summarise();
      }
    },
  });
  const timeline = summarise();
  ctx.emit({ type: "phase", phase: "diagnosing" });
  return { kind: "har", report, clusters: report.groups ?? [], records, status403, ...(timeline ? { timeline } : {}) };
};

/** Logs: the triage of `why403 logs` (DuckDB, loaded only now), its clusters shown like HAR groups. */
export const analyseLog: Analyser = async (path, ctx) => {
  ctx.emit({ type: "phase", phase: "parsing" });
  const { runLogs } = await import("../logs/triage.js");
  const triage = await runLogs([path], { jobs: 1 });
  ctx.emit({ type: "phase", phase: "clustering" });
  const clusters: CauseCluster[] = triage.clusters.map((c) => ({
    responder: c.responder,
    cause: c.cause,
    count: c.count,
    status: 403,
    ...(c.firstSeen ? { firstSeen: c.firstSeen } : {}),
    ...(c.lastSeen ? { lastSeen: c.lastSeen } : {}),
    sample: c.sample,
    urls: c.top.paths.map(([p]) => p).slice(0, 10),
  }));
  return { kind: "log", clusters, records: triage.totals.lines, status403: triage.totals.status403 };
};

/** The analyser of each upload kind. */
export const ANALYSERS: Record<UploadKind, Analyser> = {
  har: analyseHar,
  text: analyseWithDiagnose,
  log: analyseLog,
};

const readHead = async (path: string, bytes = 64 * 1024): Promise<string> => {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString("utf8");
  } finally {
    await fh.close();
  }
};

/** Detects the kind of the file at `path` and hands it to its analyser. */
export const analyseUpload = async (path: string, bytes: number, ctx: AnalyseContext): Promise<AnalysisResult> => {
  // gzip is unpacked by decodeInput; its kind is read from the text
  const head = await readHead(path);
  const kind = head.charCodeAt(0) === 0x1f ? "text" : detectUploadKind(head);
  ctx.emit({ type: "received", bytes, kind });
  return ANALYSERS[kind](path, ctx);
};
