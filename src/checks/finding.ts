// What a configuration or token check concludes. Checks are pure functions over parsed
// configuration; `buildCheckReport` turns their findings into the standard Report.
import type { CauseId, ResponderId } from "../model/taxonomy.js";
import type { ReportCheck } from "../model/report.js";

/** One cause a check confirmed (or made likely) from configuration. */
export interface Finding {
  cause: CauseId;
  /** How sure the configuration makes this cause, in [0, 1]. */
  confidence: number;
  /** The layer that writes the 403 when this cause holds (S3 for a bucket that refuses CloudFront). */
  decider: ResponderId;
  /** The check that found it (also the evidence's signalId). */
  check: string;
  /** The configuration field that decides, written as the AWS CLI prints it. */
  path: string;
  /** The value found there, short and without secrets. */
  value: string;
  /** What the check saw, one sentence. */
  detail: string;
  /** Concrete changes for this configuration; they come before the catalog's generic fix. */
  fix?: string[];
  verify?: string[];
  /** The one command to run next (a probe, another check). */
  nextSteps?: string[];
  /** Values for the catalog's {placeholders} (bucket, key, host, apiId …). */
  vars?: Record<string, string>;
}

export type Check = ReportCheck;

/** What one run of checks produced: the findings and the list of what was looked at. */
export interface CheckRun {
  findings: Finding[];
  checks: Check[];
  notes: string[];
}

export const emptyRun = (): CheckRun => ({ findings: [], checks: [], notes: [] });

/** Collects findings and checks as a check module runs. */
export class Recorder {
  constructor(readonly run: CheckRun = emptyRun()) {}

  pass(id: string, detail: string, path?: string): void {
    this.run.checks.push({ id, status: "pass", detail, ...(path ? { path } : {}) });
  }

  skip(id: string, detail: string, path?: string): void {
    this.run.checks.push({ id, status: "skip", detail, ...(path ? { path } : {}) });
  }

  warn(id: string, detail: string, path?: string): void {
    this.run.checks.push({ id, status: "warn", detail, ...(path ? { path } : {}) });
  }

  /** A failed check with the cause it confirms. Low-confidence findings are listed as warnings. */
  fail(f: Finding): void {
    this.run.findings.push(f);
    this.run.checks.push({ id: f.check, status: f.confidence >= 0.5 ? "fail" : "warn", detail: f.detail, path: f.path });
  }

  note(text: string): void {
    this.run.notes.push(text);
  }
}

/** For parts of a configuration the request does not use: problems are listed, never causes. */
export class AsideRecorder extends Recorder {
  constructor(
    run: CheckRun,
    private readonly why: string,
  ) {
    super(run);
  }

  override fail(f: Finding): void {
    this.warn(f.check, `${f.detail} (${this.why})`, f.path);
  }
}

/** A finding this sure means the layer refused here: later steps of its pipeline are not reached. */
export const DECISIVE = 0.8;

export interface Step {
  /** The check id(s) the step records, for the "not reached" entry. */
  id: string;
  run: () => void;
}

/**
 * Runs a layer's checks in the order the layer applies them; after the first step that refuses
 * the request for sure, the remaining steps are listed as not reached.
 */
export const runSteps = (rec: Recorder, steps: readonly Step[]): void => {
  let stoppedBy: Finding | undefined;
  for (const step of steps) {
    if (stoppedBy) {
      rec.skip(step.id, `not reached: the request is refused earlier (${stoppedBy.check})`);
      continue;
    }
    step.run();
    stoppedBy = rec.run.findings.find((f) => f.confidence >= DECISIVE);
  }
};
