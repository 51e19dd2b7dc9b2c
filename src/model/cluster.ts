// A group of denials that share a responder and a cause: a HAR's `groups` (report.md) and the
// `clusters` of `why403 logs` (logs.md) both fit it, so SARIF and the web page render either.
import type { CauseId, ResponderId } from "./taxonomy.js";

export interface CauseCluster {
  responder: ResponderId;
  cause: CauseId;
  count: number;
  /** HTTP status of the group; 403 when absent. */
  status?: number;
  firstSeen?: string;
  lastSeen?: string;
  /** One representative record (a log line), secrets redacted. */
  sample?: string;
  urls?: string[];
  /** 1-based line of a representative record in the input file, when known. */
  line?: number;
}
