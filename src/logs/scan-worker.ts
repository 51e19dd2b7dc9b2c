// Worker thread: scans the units the main thread sends, writing forwarded lines to its own files.
import { parentPort, workerData } from "node:worker_threads";
import { join } from "node:path";
import { ForwardFiles, scanUnit, type ScanUnit } from "./scan.js";

export type ToWorker = { type: "unit"; unit: ScanUnit } | { type: "close" };
export type FromWorker =
  | { type: "progress"; bytes: number; lines: number }
  | { type: "done"; result: Awaited<ReturnType<typeof scanUnit>> }
  | { type: "closed"; paths: [string, string][] }
  | { type: "failed"; message: string };

const { dir, id } = workerData as { dir: string; id: number };
const out = new ForwardFiles((format) => join(dir, `w${id}-${format}.rows`));
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
  if (m.type === "close") {
    out.close();
    if (bytes || lines) port.postMessage({ type: "progress", bytes, lines } satisfies FromWorker);
    port.postMessage({ type: "closed", paths: [...out.paths.entries()] } satisfies FromWorker);
    return;
  }
  scanUnit(m.unit, out, progress).then(
    (result) => port.postMessage({ type: "done", result } satisfies FromWorker),
    (e: unknown) => port.postMessage({ type: "failed", message: e instanceof Error ? e.message : String(e) } satisfies FromWorker),
  );
});
