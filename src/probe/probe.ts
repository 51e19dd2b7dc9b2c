// The library's live probe: curl's flags by their long names, the same run as `why403 URL`.
import type { Report } from "../model/report.js";
import { runProbe } from "./run.js";
import { buildSpec, type ProbeFlags } from "./spec.js";

/** Options of {@link probe}: curl's flags by their long names (`header`, `request`, `data`…). */
export interface ProbeOptions extends Omit<ProbeFlags, "dryRun" | "maxRequests" | "maxTime" | "connectTimeout"> {
  /** At most this many requests (default 8, never more than 20). */
  maxRequests?: number;
  /** Per-request limits in seconds, as curl's `-m` and `--connect-timeout`. */
  maxTime?: number;
  connectTimeout?: number;
  /** Keep credentials in the report (default: redacted). */
  showSecrets?: boolean;
}

/**
 * Runs the few, safe differential requests of `why403 URL` and returns the same report, with
 * `probes` (each request, why it was sent, what it showed) and `requestsSent`.
 *
 * Only GET/HEAD/OPTIONS are varied; a request of another method is sent once as given. Requests
 * go to the URL's own host (or where `resolve`/`connectTo` send it), one at a time.
 *
 * @throws {WhyError} `HOST_NOT_FOUND`, `CONNECTION_FAILED`, `TLS_FAILED`, `TIMEOUT`, `SERVER_ERROR`, `USAGE`…
 * @example
 * ```ts
 * import { probe } from "why403";
 * const report = await probe("https://files.example.com/report.pdf", { header: ["Authorization: Bearer …"] });
 * console.log(report.responder.id, report.causes[0]?.id, report.requestsSent);
 * ```
 */
export const probe = (url: string, opts: ProbeOptions = {}): Promise<Report> => {
  const { maxRequests, maxTime, connectTimeout, showSecrets, ...flags } = opts;
  const spec = buildSpec(url, {
    ...flags,
    ...(maxRequests !== undefined ? { maxRequests: String(maxRequests) } : {}),
    ...(maxTime !== undefined ? { maxTime: String(maxTime) } : {}),
    ...(connectTimeout !== undefined ? { connectTimeout: String(connectTimeout) } : {}),
  });
  return runProbe(spec, showSecrets ? { showSecrets: true } : {});
};
