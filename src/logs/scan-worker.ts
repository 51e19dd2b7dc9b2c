// Worker thread: takes units from the shared queue (see run-scan.ts) until none is left.
import { parentPort, workerData } from "node:worker_threads";
import { scanUnit, type ScanUnit, type UnitResult } from "./scan.js";

/** What a worker is given: the units in the order they are taken, and the shared next-unit counter. */
export interface WorkerData {
  dir: string;
  units: ScanUnit[];
  next: Int32Array;
}
export type FromWorker = { type: "progress"; bytes: number; lines: number } | { type: "done"; result: UnitResult } | { type: "failed"; message: string };

const port = parentPort!;
let bytes = 0;
let lines = 0;
let last = Date.now();
const progress = (b: number, l: number): void => {
  bytes += b;
  lines += l;
  const now = Date.now();
  if (now - last >= 100) {
    port.postMessage({ type: "progress", bytes, lines } satisfies FromWorker);
    bytes = 0;
    lines = 0;
    last = now;
  }
};

const run = async ({ dir, units, next }: WorkerData): Promise<void> => {
  // the counter, not a message from the main thread, hands out units: the main thread scans too
  // and may be busy for a whole unit when this one finishes
  for (let i = Atomics.add(next, 0, 1); i < units.length; i = Atomics.add(next, 0, 1)) {
    const result = await scanUnit(units[i]!, dir, progress);
    if (bytes || lines) port.postMessage({ type: "progress", bytes, lines } satisfies FromWorker);
    bytes = lines = 0;
    port.postMessage({ type: "done", result } satisfies FromWorker);
  }
};
const start = (data: WorkerData): void => {
  run(data).catch((e: unknown) => port.postMessage({ type: "failed", message: e instanceof Error ? e.message : String(e) } satisfies FromWorker));
};
// a prewarmed worker (see prewarmScanWorkers) is told its units once the scan is planned
if (workerData) start(workerData as WorkerData);
else port.once("message", start);
