// matchResponders: who wrote the 403 (decision) and who only passed it on (presence).
import type { Catalog } from "../knowledge/catalog.js";
import type { ResponderEntry } from "../knowledge/schema.js";
import type { ResponderId } from "../model/taxonomy.js";
import type { SignalHit, SignalSet } from "../signals/extract.js";
import { noisyOr } from "./confidence.js";

export interface ResponderScore {
  id: ResponderId;
  decision: number;
  presence: number;
  decisionHits: SignalHit[];
  presenceHits: SignalHit[];
}

export interface ResponderMatch {
  decider: ResponderId;
  confidence: number;
  /** Decision hits of the decider (or the presence hits a fallback guess rests on). */
  hits: SignalHit[];
  /** Layers seen, client side first. */
  chain: { id: ResponderId; role: "decision" | "presence" }[];
  scores: ResponderScore[];
  guessed: boolean;
}

/** Client side first: the order layers usually stand in between client and origin. */
const LAYER_ORDER: Record<ResponderEntry["layer"], number> = {
  browser: 0,
  proxy: 1,
  cdn: 2,
  waf: 3,
  gateway: 4,
  "load-balancer": 5,
  platform: 6,
  "web-server": 7,
  "object-store": 8,
  "cloud-api": 9,
  app: 10,
  unknown: 11,
};

/** A guess from presence alone stays below this, so it is never "confidently" wrong. */
const GUESS_CAP = 0.45;

export const matchResponders = (hits: SignalSet, catalog: Catalog): ResponderMatch => {
  const own = hits.filter((h) => h.entryType === "responder");
  const overridden = new Set<string>();
  for (const h of own) {
    if (h.signal.role === "decision") for (const o of h.signal.overrides ?? []) if (o !== h.entryId) overridden.add(o);
  }
  const byId = new Map<ResponderId, ResponderScore>();
  const scoreOf = (id: ResponderId): ResponderScore => {
    let s = byId.get(id);
    if (!s) {
      s = { id, decision: 0, presence: 0, decisionHits: [], presenceHits: [] };
      byId.set(id, s);
    }
    return s;
  };
  for (const h of own) {
    const s = scoreOf(h.entryId as ResponderId);
    if (h.signal.role === "decision" && !overridden.has(h.entryId)) s.decisionHits.push(h);
    else if (h.signal.role !== "hint") s.presenceHits.push(h);
  }
  const scores = [...byId.values()];
  for (const s of scores) {
    s.decision = noisyOr(s.decisionHits.map((h) => h.signal.weight));
    s.presence = noisyOr(s.presenceHits.map((h) => h.signal.weight));
  }
  scores.sort((a, b) => b.decision - a.decision || b.presence - a.presence || a.id.localeCompare(b.id));

  const layerOf = (id: ResponderId): number => LAYER_ORDER[catalog.responders.get(id)?.layer ?? "unknown"];
  const best = scores[0];
  let decider: ResponderId = "unknown";
  let confidence = 0;
  let deciding: SignalHit[] = [];
  let guessed = false;
  if (best && best.decision > 0) {
    const runnerUp = scores[1]?.decision ?? 0;
    decider = best.id;
    confidence = best.decision * (1 - 0.5 * runnerUp);
    deciding = best.decisionHits;
  } else {
    // No layer says it wrote the 403: guess the layer nearest the origin that is present.
    const present = scores.filter((s) => s.presence > 0).sort((a, b) => layerOf(b.id) - layerOf(a.id) || b.presence - a.presence);
    const guess = present[0];
    if (guess) {
      decider = guess.id;
      confidence = Math.min(GUESS_CAP, 0.5 * guess.presence);
      deciding = guess.presenceHits;
      guessed = true;
    }
  }
  const chain = scores
    .filter((s) => s.decision > 0 || s.presence > 0)
    .filter((s) => s.id !== "unknown")
    .sort((a, b) => layerOf(a.id) - layerOf(b.id))
    .map((s) => ({ id: s.id, role: s.id === decider && !guessed ? ("decision" as const) : ("presence" as const) }));
  if (!guessed && decider !== "unknown" && !chain.some((c) => c.id === decider)) chain.push({ id: decider, role: "decision" });
  return { decider, confidence, hits: deciding, chain, scores, guessed };
};
