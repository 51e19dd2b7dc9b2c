// The analysis of one upload, off the server's event loop: a 50 MB HAR takes seconds to parse
// and diagnose, and the server keeps answering (other pages, the knowledge base) meanwhile.
import { parentPort, workerData } from "node:worker_threads";
import { analyseUpload } from "./analyse.js";
import type { AnalyseEvent } from "./api-types.js";
import { webError } from "./web-error.js";

export interface AnalyseJob {
  path: string;
  bytes: number;
  name: string;
}

const job = workerData as AnalyseJob;
const emit = (e: AnalyseEvent): void => parentPort?.postMessage(e);

try {
  const result = await analyseUpload(job.path, job.bytes, { name: job.name, emit });
  emit({ type: "result", result });
} catch (e) {
  emit({ type: "error", error: webError(e) });
}
