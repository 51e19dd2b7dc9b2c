// The pipeline for a HAR of any size: chunks → entries (streamed) → redacted exchanges →
// HarDiagnosis → report. Memory stays bounded by the largest entry, not the file.
import { HarDiagnosis } from "./engine/har-diagnosis.js";
import { HarReader } from "./input/har-reader.js";
import { HarCredentialView, harEntryToExchange } from "./input/parse-har.js";
import { SANITISED_HAR_NOTE } from "./input/parse-input.js";
import { loadCatalog } from "./knowledge/catalog.js";
import type { Report } from "./model/report.js";
import { Redactor } from "./redact/redactor.js";

export interface DiagnoseHarOptions {
  file?: string;
  showSecrets?: boolean;
  /** List every denial in `denials`. */
  all?: boolean;
  /** Called now and then with the entries read so far. */
  onProgress?: (entries: number) => void;
  /** Called for every entry with its status and time (summaries, charts); sees nothing secret. */
  onEntry?: (status: number | undefined, startedAt: string | undefined) => void;
}

/**
 * Diagnoses a HAR of any size given as chunks of bytes or text (a file stream, a fetch body),
 * without holding it whole: every denial is diagnosed and grouped (`exchanges`, `status403`,
 * `groups`; `denials` with `all`).
 *
 * @throws {WhyError} `HAR_INVALID` for a truncated or non-HAR document, `NO_DENIAL` when no entry is denied.
 * @example
 * ```ts
 * import { createReadStream } from "node:fs";
 * import { diagnoseHar } from "why403";
 * const report = await diagnoseHar(createReadStream("session.har"), { file: "session.har" });
 * for (const g of report.groups ?? []) console.log(g.count, g.responder, g.cause);
 * ```
 */
export const diagnoseHarStream = async (chunks: AsyncIterable<Uint8Array | string>, opts: DiagnoseHarOptions = {}): Promise<Report> => {
  const catalog = loadCatalog();
  const redactor = new Redactor(!opts.showSecrets);
  const har = new HarDiagnosis(catalog, {
    file: opts.file ?? "-",
    ...(opts.all ? { all: true } : {}),
    redactExchange: (x) => redactor.exchange(x),
    redactText: (s) => redactor.text(s),
  });
  let view: HarCredentialView | undefined;
  const reader = new HarReader((entry, i) => {
    // log.creator precedes log.entries in every exporter we know; the view needs it
    view ??= new HarCredentialView(reader.meta);
    const x = harEntryToExchange(entry, i, view);
    opts.onEntry?.(x.response.status, x.startedAt);
    har.add(x);
    if (opts.onProgress && (i & 255) === 0) opts.onProgress(i);
  });
  for await (const chunk of chunks) reader.write(chunk);
  reader.end();
  opts.onProgress?.(reader.entries);
  const report = har.finish(redactor.redacted);
  if (!view || view.looksSanitised) report.notes.push(SANITISED_HAR_NOTE);
  return report;
};
