// Plans the scan (files → units, large plain files cut into byte ranges) and runs it, in worker
// threads when the input is large enough to pay for them.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LogFormat, LogFormatId, ReaderOptions } from "./formats/format.js";
import { ForwardFiles, scanUnit, type Progress, type ScanUnit, type UnitResult } from "./scan.js";
import type { FromWorker, ToWorker } from "./scan-worker.js";

export interface InputFile {
  file: string;
  format: LogFormat;
  gzip: boolean;
  size: number;
  head: string[];
}

/** Byte ranges of this size let the workers share one big file. */
const RANGE = 96 * 1024 * 1024;
/** Below this much input, starting workers costs more than it saves. */
const INLINE_BELOW = 48 * 1024 * 1024;

export const planUnits = (inputs: readonly InputFile[], options: ReaderOptions, range = RANGE): ScanUnit[] => {
  const units: ScanUnit[] = [];
  for (const f of inputs) {
    const base = { file: f.file, format: f.format.id, gzip: f.gzip, head: f.head, options };
    if (f.gzip || f.format.document || f.size <= range) {
      units.push({ u: units.length, ...base, start: 0 });
      continue;
    }
    for (let start = 0; start < f.size; start += range) units.push({ u: units.length, ...base, start, end: Math.min(f.size, start + range) });
  }
  return units;
};

export interface ScanOutcome {
  results: UnitResult[];
  /** Files of forwarded rows, per format. */
  rows: Map<LogFormatId, string[]>;
}

const workerScript = (): URL | undefined => {
  // next to this module in dist/, or next to the CLI bundle (dist/src/cli/) one level over
  for (const rel of ["./scan-worker.js", "../logs/scan-worker.js"]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
};

const inline = async (units: readonly ScanUnit[], dir: string, progress: Progress): Promise<ScanOutcome> => {
  const out = new ForwardFiles((format) => join(dir, `main-${format}.rows`));
  const results: UnitResult[] = [];
  try {
    for (const unit of units) results.push(await scanUnit(unit, out, progress));
  } finally {
    out.close();
  }
  const rows = new Map<LogFormatId, string[]>();
  for (const [format, path] of out.paths) rows.set(format, [path]);
  return { results, rows };
};

const pooled = (units: readonly ScanUnit[], dir: string, count: number, script: URL, progress: Progress): Promise<ScanOutcome> =>
  new Promise((resolve, reject) => {
    const queue = [...units].sort((a, b) => (b.end ?? Infinity) - b.start - ((a.end ?? Infinity) - a.start));
    const results: UnitResult[] = [];
    const rows = new Map<LogFormatId, string[]>();
    const workers: Worker[] = [];
    let open = count;
    let failed = false;
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(e);
    };
    for (let id = 0; id < count; id++) {
      const w = new Worker(script, { workerData: { dir, id } });
      workers.push(w);
      const next = (): void => {
        const unit = queue.shift();
        w.postMessage((unit ? { type: "unit", unit } : { type: "close" }) satisfies ToWorker);
      };
      w.on("message", (m: FromWorker) => {
        if (m.type === "progress") progress(m.bytes, m.lines);
        else if (m.type === "done") {
          results.push(m.result);
          next();
        } else if (m.type === "failed") fail(new Error(m.message));
        else if (m.type === "closed") {
          for (const [format, path] of m.paths) rows.set(format as LogFormatId, [...(rows.get(format as LogFormatId) ?? []), path]);
          void w.terminate();
          if (--open === 0 && !failed) resolve({ results: results.sort((a, b) => a.u - b.u), rows });
        }
      });
      w.on("error", fail);
      next();
    }
  });

export interface ScanOptions {
  /** Worker threads; 0 scans in this thread. Default: the machine's parallelism. */
  jobs?: number | undefined;
  /** Input size from which workers are used (tests lower it). */
  workersFrom?: number | undefined;
  progress?: Progress | undefined;
}

export const runScan = async (inputs: readonly InputFile[], units: readonly ScanUnit[], dir: string, opts: ScanOptions = {}): Promise<ScanOutcome> => {
  const progress = opts.progress ?? (() => undefined);
  const total = inputs.reduce((s, f) => s + f.size, 0);
  const jobs = Math.min(opts.jobs ?? availableParallelism(), units.length, 8);
  const script = jobs > 1 && total >= (opts.workersFrom ?? INLINE_BELOW) ? workerScript() : undefined;
  return script ? pooled(units, dir, jobs, script, progress) : inline(units, dir, progress);
};
