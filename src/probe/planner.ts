// Picks the next experiment by what its answer would separate: the share of the current ranking
// that rests on the causes it tells apart (a test that can only confirm what is already certain,
// or only touch what is unlikely, is worth little), plus what the request itself offers to vary.
import type { ExchangeDiagnosis } from "../engine/diagnose.js";
import type { PlanContext, Variant } from "./variants.js";

/** Below this an experiment is not worth a request. */
export const MIN_VALUE = 0.12;

/**
 * The top cause is decided: real evidence for it (not priors alone), well ahead of the rest, and
 * the runner-up either unlikely or far behind a strong top (an experiment could still turn a
 * 0.6 against 0.25 around).
 */
export const isDecided = (d: ExchangeDiagnosis): boolean => {
  const [top, second] = d.causes;
  if (!top || top.for.length === 0 || top.id === "unknown") return false;
  const runnerUp = second?.confidence ?? 0;
  return top.confidence >= 0.5 && runnerUp <= top.confidence * 0.5 && (runnerUp < 0.2 || top.confidence >= 0.8);
};

/** How much of the ranking an experiment would move: 2·m·(1−m) for the share m it tells apart. */
export const separation = (v: Variant, d: ExchangeDiagnosis): number => {
  const total = d.causes.reduce((a, c) => a + c.confidence, 0);
  if (total <= 0) return 0;
  const m = d.causes.filter((c) => v.tells.includes(c.id)).reduce((a, c) => a + c.confidence, 0) / total;
  return 2 * m * (1 - m);
};

export const valueOf = (v: Variant, ctx: PlanContext): number => (v.bonus?.(ctx) ?? 0) + separation(v, ctx.diagnosis);

export interface Choice {
  variant: Variant;
  value: number;
}

/** The next experiment, or undefined when the cause is decided or nothing left is worth a request. */
export const chooseNext = (ctx: PlanContext, variants: readonly Variant[]): Choice | undefined => {
  // the user's method alone is refused (GET of the same URL is served): every other experiment
  // is a GET and would only be served too
  const methodOnly = ctx.facts.some((f) => f.fact === "ok-with-safe-method");
  const open = variants.filter((v) => !ctx.done.has(v.id) && v.applies(ctx) && (!methodOnly || v.id === "cors-preflight"));
  const asked = open.find((v) => v.mandatory?.(ctx));
  if (asked) return { variant: asked, value: Number.POSITIVE_INFINITY };
  if (isDecided(ctx.diagnosis)) return undefined;
  const best = open
    .map((variant) => ({ variant, value: valueOf(variant, ctx) }))
    .sort((a, b) => b.value - a.value || variants.indexOf(a.variant) - variants.indexOf(b.variant))[0];
  return best && best.value >= MIN_VALUE ? best : undefined;
};
