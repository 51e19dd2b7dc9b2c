// What an experiment is and what it sees while the probe plans: shared by the experiments,
// the planner and the run.
import type { ExchangeDiagnosis } from "../engine/diagnose.js";
import type { ProbeFact, ProbeObservation } from "../model/probe-facts.js";
import type { CauseId } from "../model/taxonomy.js";
import type { ProbeRequest, ProbeResponse } from "./client.js";
import type { ProbeSpec } from "./spec.js";

export type VariantId =
  | "baseline"
  | "get-for-body"
  | "no-credentials"
  | "cors-preflight"
  | "cors-origin-slash"
  | "safe-method"
  | "head"
  | "no-referer"
  | "browser-user-agent"
  | "no-query"
  | "missing-sibling"
  | "site-root"
  | "directory-index"
  | "slash-variant"
  | "host-variant"
  | "origin-direct"
  | "s3-list";

/** What the probe knows while it plans the next request. */
export interface PlanContext {
  spec: ProbeSpec;
  /** The user's request, unsigned (signing happens at send). */
  baseline: ProbeRequest;
  /** The baseline's answer. */
  base: ProbeResponse;
  /** The current diagnosis of the answer being explained, with the facts so far. */
  diagnosis: ExchangeDiagnosis;
  facts: ProbeObservation[];
  done: ReadonlySet<VariantId>;
  /** A name that cannot exist, the same for the whole run. */
  nonce: string;
}

export interface Reading {
  facts: ProbeFact[];
  finding: string;
}

export interface Variant {
  id: VariantId;
  why: string;
  /**
   * The causes that predict the experiment's telling answer (served, 404, the same denial — see
   * read): the experiment splits the ranking into these and the rest.
   */
  tells: readonly CauseId[];
  applies(ctx: PlanContext): boolean;
  /** Run it whenever it applies: the user asked for it (--origin, --connect-to). */
  mandatory?(ctx: PlanContext): boolean;
  /** Value from the request itself, whatever the ranking: the varied thing is there to vary. */
  bonus?(ctx: PlanContext): number;
  build(ctx: PlanContext): ProbeRequest;
  read(ctx: PlanContext, res: ProbeResponse): Reading;
}
