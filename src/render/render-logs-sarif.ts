// The log triage as SARIF 2.1.0: one result per cluster, at the line of its sample record.
import type { LogsReport } from "../logs/report.js";
import type { CauseCluster } from "../model/cluster.js";
import { buildSarifLog, clusterResults } from "./render-sarif.js";

/** "dir/access.log:42" → file and line; a sample without a place stands for the first input. */
const place = (at: string | undefined, fallback: string): { file: string; line?: number } => {
  const m = at ? /^(.*):(\d+)$/.exec(at) : null;
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: at ?? fallback };
};

export const renderLogsSarif = (report: LogsReport, toolVersion?: string): string => {
  const byFile = new Map<string, CauseCluster[]>();
  for (const c of report.clusters) {
    const { file, line } = place(c.sampleAt, report.inputs[0]?.file ?? "-");
    const cluster: CauseCluster = {
      responder: c.responder,
      cause: c.cause,
      count: c.count,
      status: 403,
      ...(c.firstSeen ? { firstSeen: c.firstSeen } : {}),
      ...(c.lastSeen ? { lastSeen: c.lastSeen } : {}),
      sample: c.sample,
      urls: c.top.paths.map(([p]) => p),
      ...(line !== undefined ? { line } : {}),
    };
    byFile.set(file, [...(byFile.get(file) ?? []), cluster]);
  }
  const results = [...byFile].flatMap(([file, clusters]) => clusterResults(clusters, file));
  return JSON.stringify(buildSarifLog(results, [], toolVersion ? { toolVersion } : {}), null, 2);
};
