// Runs analyses in worker threads, at most a few at a time (the machine may have 2 cores).
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AnalyseEvent } from "./api-types.js";
import type { AnalyseJob } from "./analyse-worker.js";

const workerUrl = new URL("./analyse-worker.js", import.meta.url);
const MAX_RUNNING = Math.max(1, Math.min(2, availableParallelism() - 1));

let running = 0;
const waiting: (() => void)[] = [];

const slot = async (): Promise<void> => {
  if (running < MAX_RUNNING) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
};

const release = (): void => {
  const next = waiting.shift();
  if (next) next();
  else running--;
};

/** Analyses one upload in a worker; events stream to `onEvent`; abort stops the worker. */
export const runAnalysis = async (job: AnalyseJob, onEvent: (e: AnalyseEvent) => void, signal: AbortSignal): Promise<void> => {
  await slot();
  try {
    if (signal.aborted) return;
    await new Promise<void>((resolve) => {
      const worker = new Worker(workerUrl, { workerData: job });
      const stop = (): void => void worker.terminate();
      signal.addEventListener("abort", stop, { once: true });
      worker.on("message", (e: AnalyseEvent) => onEvent(e));
      worker.on("error", () => onEvent({ type: "error", error: { code: "INTERNAL", message: "the analysis stopped unexpectedly" } }));
      worker.on("exit", () => {
        signal.removeEventListener("abort", stop);
        resolve();
      });
    });
  } finally {
    release();
  }
};
