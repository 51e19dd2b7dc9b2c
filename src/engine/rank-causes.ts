// rankCauses: why the decider said no. Evidence from the decider's own signals and from
// generic cause hints; the decider's priors rank causes when evidence is thin.
import type { Catalog } from "../knowledge/catalog.js";
import type { CauseId } from "../model/taxonomy.js";
import type { SignalHit, SignalSet } from "../signals/extract.js";
import { noisyOr } from "./confidence.js";
import type { ResponderMatch } from "./match-responders.js";

export interface RankedCause {
  id: CauseId;
  confidence: number;
  prior: number;
  for: SignalHit[];
  against: SignalHit[];
}

/** How much strong evidence silences the priors: priors speak only when evidence is thin. */
const PRIOR_DAMPING = 0.85;
const MIN_CONFIDENCE = 0.02;
const MAX_CAUSES = 6;

const applies = (h: SignalHit, match: ResponderMatch): boolean => {
  if (!h.signal.causes) return false;
  if (h.entryType === "responder") return h.entryId === match.decider;
  return !h.signal.responders || h.signal.responders.includes(match.decider);
};

export const rankCauses = (match: ResponderMatch, hits: SignalSet, catalog: Catalog): RankedCause[] => {
  const pos = new Map<CauseId, { w: number[]; hits: SignalHit[] }>();
  const neg = new Map<CauseId, { w: number[]; hits: SignalHit[] }>();
  for (const h of hits) {
    if (!applies(h, match)) continue;
    for (const [cause, w] of Object.entries(h.signal.causes ?? {}) as [CauseId, number][]) {
      const into = w >= 0 ? pos : neg;
      const slot = into.get(cause) ?? { w: [], hits: [] };
      slot.w.push(Math.abs(w));
      if (!slot.hits.includes(h)) slot.hits.push(h);
      into.set(cause, slot);
    }
  }
  const priors = catalog.responders.get(match.decider)?.causes ?? {};
  const ids = new Set<CauseId>([...pos.keys(), ...(Object.keys(priors) as CauseId[])]);
  const evidence = new Map<CauseId, number>();
  for (const id of ids) evidence.set(id, noisyOr(pos.get(id)?.w ?? []));
  const maxEvidence = Math.max(0, ...evidence.values());
  const raw = [...ids].map((id) => {
    const prior = priors[id]?.prior ?? 0;
    const ev = evidence.get(id) ?? 0;
    // a decider guessed from presence alone lends its priors only half their weight
    const damped = prior * (1 - PRIOR_DAMPING * maxEvidence) * (match.guessed ? 0.5 : 1);
    const against = (neg.get(id)?.w ?? []).reduce((acc, w) => acc * (1 - w), 1);
    return { id, prior, score: (1 - (1 - ev) * (1 - damped)) * against };
  });
  const total = raw.reduce((acc, r) => acc + r.score, 0);
  const scale = total > 1 ? 1 / total : 1;
  const responderFactor = 0.55 + 0.45 * match.confidence;
  return raw
    .map((r) => ({
      id: r.id,
      prior: r.prior,
      confidence: r.score * scale * responderFactor,
      for: pos.get(r.id)?.hits ?? [],
      against: neg.get(r.id)?.hits ?? [],
    }))
    .filter((r) => r.confidence >= MIN_CONFIDENCE)
    .sort((a, b) => b.confidence - a.confidence || b.prior - a.prior || a.id.localeCompare(b.id))
    .slice(0, MAX_CAUSES);
};
