// Runs one scenario through the CLI and scores it; the figures over all of them.
import type { Report } from "../../src/model/report.js";
import { runCli, type Lab } from "./lab.js";
import type { LogLine } from "./replay.js";
import type { Scenario } from "./scenarios.js";

export interface ScenarioResult {
  id: string;
  ok: boolean;
  responder: string;
  cause: string;
  requests: number;
  report?: Report;
  error?: string;
  /** What the scenario's front server logged during the run. */
  logged: LogLine[];
  /** Everything any lab server logged during the run (chain hops included). */
  all: LogLine[];
  stdout: string;
  stderr: string;
}

export const runScenario = async (lab: Lab, s: Scenario, extra: string[] = []): Promise<ScenarioResult> => {
  const since = lab.mark();
  const run = await runCli([...s.args(lab), "--json", ...extra], { ...(s.env ? { env: s.env(lab) } : {}), ...(s.wrap ? { wrap: s.wrap } : {}) });
  // the servers write their logs as they answer; give the last line a moment
  await new Promise((r) => setTimeout(r, 150));
  const all = since();
  const logged = all.filter(s.front(lab));
  let report: Report | undefined;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch {
    report = undefined;
  }
  const responder = report?.responder?.id ?? "-";
  const cause = report?.causes?.[0]?.id ?? "-";
  const base = { id: s.id, logged, all, stdout: run.stdout, stderr: run.stderr };
  if (!report?.responder) return { ...base, ok: false, responder, cause, requests: logged.length, error: run.stderr.trim() || run.stdout.trim() };
  return { ...base, ok: responder === s.responder && cause === s.cause, responder, cause, requests: report.requestsSent ?? 0, report };
};

export interface Figures {
  scenarios: number;
  right: number;
  accuracy: number;
  medianRequests: number;
  maxRequests: number;
}

export const figures = (results: readonly ScenarioResult[]): Figures => {
  const reqs = results.map((r) => r.requests).sort((a, b) => a - b);
  const mid = reqs.length / 2;
  const median = reqs.length === 0 ? 0 : reqs.length % 2 ? reqs[Math.floor(mid)]! : (reqs[mid - 1]! + reqs[mid]!) / 2;
  const right = results.filter((r) => r.ok).length;
  return { scenarios: results.length, right, accuracy: results.length ? right / results.length : 0, medianRequests: median, maxRequests: reqs[reqs.length - 1] ?? 0 };
};
