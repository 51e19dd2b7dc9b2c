// Worker thread: scans the units the main thread sends, one at a time.
import { parentPort, workerData } from "node:worker_threads";
import { scanUnit, type ScanUnit, type UnitResult } from "./scan.js";

export type ToWorker = { type: "unit"; unit: ScanUnit };
export type FromWorker = { type: "progress"; bytes: number; lines: number } | { type: "done"; result: UnitResult } | { type: "failed"; message: string };

const { dir } = workerData as { dir: string };
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

port.on("message", (m: ToWorker) => {
  scanUnit(m.unit, dir, progress).then(
    (result) => {
      if (bytes || lines) port.postMessage({ type: "progress", bytes, lines } satisfies FromWorker);
      bytes = lines = 0;
      port.postMessage({ type: "done", result } satisfies FromWorker);
    },
    (e: unknown) => port.postMessage({ type: "failed", message: e instanceof Error ? e.message : String(e) } satisfies FromWorker),
  );
});
