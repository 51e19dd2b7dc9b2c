// Plans the scan (files → units, large plain files cut into byte ranges) and runs it, in worker
// threads when the input is large enough to pay for them.
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { LogFormat, ReaderOptions } from "./formats/format.js";
import { besideModule } from "./beside-module.js";
import { scanUnit, type Progress, type ScanUnit, type UnitResult } from "./scan.js";
import type { FromWorker, WorkerData } from "./scan-worker.js";

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

/**
 * Workers started before the scan is planned (prewarmScanWorkers): a worker takes ~60 ms to boot
 * and load the scan, which then overlaps the main thread's own start-up. The next scan takes them.
 */
const warm: Worker[] = [];

/** The scan's threads for inputs of `total` bytes in `units` units (this one included). */
const threadsFor = (jobs: number | undefined, units: number, total: number, workersFrom = INLINE_BELOW): number =>
  total >= workersFrom ? Math.max(1, Math.min(jobs ?? availableParallelism(), units, 8)) : 1;

/**
 * Starts the workers a scan of these paths will likely use (plain files only: directories, globs
 * and standard input are left to the scan itself). A guess: the scan ends the ones it does not use.
 */
export const prewarmScanWorkers = (paths: readonly string[], jobs: number | undefined, tuning: { workersFrom?: number; range?: number } = {}): void => {
  let total = 0;
  let units = 0;
  for (const p of paths) {
    let st;
    try {
      st = p === "-" ? undefined : statSync(p, { throwIfNoEntry: false });
    } catch {
      // unreadable: the scan itself reports it, with the path
      return;
    }
    if (!st?.isFile()) return;
    total += st.size;
    units += p.endsWith(".gz") ? 1 : Math.max(1, Math.ceil(st.size / (tuning.range ?? RANGE)));
  }
  const script = besideModule("scan-worker.js");
  for (let i = 1; script && i < threadsFor(jobs, units, total, tuning.workersFrom); i++) {
    // unref: a run that fails before its scan still exits at once
    const w = new Worker(script);
    w.unref();
    // one that fails to boot is dropped (the scan goes on without it), not an uncaught error
    w.once("error", () => warm.includes(w) && warm.splice(warm.indexOf(w), 1));
    warm.push(w);
  }
};

/** Prewarmed workers not taken by a scan yet. */
export const prewarmedWorkers = (): number => warm.length;

/** Called when a unit is done (its rows files are closed), in completion order. */
export type UnitDone = (result: UnitResult) => void;

/**
 * Units shared by this thread and count - 1 workers (none without a worker script), largest first
 * so the last to finish are small; a shared counter hands them out. This thread takes part (after
 * a turn of the event loop, so its caller can start other work first): it would otherwise sit
 * idle, and a worker costs ~50 ms of start-up.
 */
const pooled = (units: readonly ScanUnit[], dir: string, count: number, script: URL | undefined, progress: Progress, done: UnitDone, workersOnly = false): Promise<UnitResult[]> =>
  new Promise((resolve, reject) => {
    const order = [...units].sort((a, b) => (b.end ?? Infinity) - b.start - ((a.end ?? Infinity) - a.start));
    const next = new Int32Array(new SharedArrayBuffer(4));
    const results: UnitResult[] = [];
    const workers: Worker[] = [];
    let ended = false;
    const finish = (e?: Error): void => {
      if (ended) return;
      ended = true;
      // no unit is taken after a failure
      Atomics.store(next, 0, order.length);
      for (const w of workers) void w.terminate();
      if (e) reject(e);
      else resolve(results.sort((a, b) => a.u - b.u));
    };
    const complete = (r: UnitResult): void => {
      results.push(r);
      done(r);
      if (results.length === units.length) finish();
    };
    for (let id = 1; script && id < count; id++) {
      const data: WorkerData = { dir, units: order, next };
      const prewarmed = warm.pop();
      const w = prewarmed ?? new Worker(script, { workerData: data });
      if (prewarmed) {
        prewarmed.ref();
        prewarmed.postMessage(data);
      }
      workers.push(w);
      w.on("message", (m: FromWorker) => {
        if (m.type === "progress") progress(m.bytes, m.lines);
        else if (m.type === "failed") finish(new Error(m.message));
        else complete(m.result);
      });
      w.on("error", (e) => finish(e));
    }
    const inThisThread = async (): Promise<void> => {
      await new Promise((r) => setImmediate(r));
      for (let i = Atomics.add(next, 0, 1); i < order.length; i = Atomics.add(next, 0, 1)) {
        complete(await scanUnit(order[i]!, dir, progress));
        // let the workers' messages in between units
        await new Promise((r) => setImmediate(r));
      }
    };
    if (units.length === 0) finish();
    if (workersOnly && workers.length > 0) return;
    inThisThread().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
  });

export interface ScanOptions {
  /** Threads that scan: this one and jobs - 1 workers (0 or 1: this one alone). Default: the machine's parallelism. */
  jobs?: number | undefined;
  /** Input size from which workers are used (tests lower it). */
  workersFrom?: number | undefined;
  progress?: Progress | undefined;
  /** Each unit as it finishes. */
  onUnit?: UnitDone | undefined;
  /** Tests: when there are workers, this thread takes no unit (it would finish a small input before they boot). */
  workersOnly?: boolean | undefined;
}

export const runScan = async (inputs: readonly InputFile[], units: readonly ScanUnit[], dir: string, opts: ScanOptions = {}): Promise<UnitResult[]> => {
  const progress = opts.progress ?? (() => undefined);
  const done = opts.onUnit ?? (() => undefined);
  const total = inputs.reduce((s, f) => s + f.size, 0);
  const jobs = threadsFor(opts.jobs, units.length, total, opts.workersFrom);
  const script = jobs > 1 ? besideModule("scan-worker.js") : undefined;
  // prewarmed workers this scan does not need
  for (const w of warm.splice(script ? jobs - 1 : 0)) void w.terminate();
  return pooled(units, dir, script ? jobs : 1, script, progress, done, opts.workersOnly);
};
