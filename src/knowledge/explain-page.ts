// The knowledge page of a responder or cause as data: the CLI's `explain`, the web page's
// knowledge base and SARIF rule help all render this one structure.
import { fillTemplate } from "../engine/template.js";
import { WhyError } from "../model/errors.js";
import { CAUSE_SUMMARY, RESPONDER_SUMMARY, isCauseId, isResponderId, type CauseId, type ResponderId } from "../model/taxonomy.js";
import { loadCatalog, type Catalog } from "./catalog.js";
import type { CauseEntry, Layer, ResponderEntry } from "./schema.js";

/** What a cause means, how to tell it, what to change and how to verify. */
export interface CausePage {
  type: "cause";
  id: CauseId;
  /** One line from the taxonomy. */
  summary: string;
  /** Headline template; placeholders shown as `<name>` or their fallback. */
  title: string;
  whatItMeans: string;
  howToTell: string[];
  fix: string[];
  verify: string[];
  /** The one experiment that tells this cause from its neighbours. */
  separate: string;
  mistakes: string[];
  /** Responders known to produce it. */
  seenFrom: ResponderId[];
  sources: string[];
}

/** Which layer a responder is, how to tell it wrote a 403, and the causes it produces. */
export interface ResponderPage {
  type: "responder";
  id: ResponderId;
  name: string;
  layer: Layer;
  summary: string;
  whatItIs: string;
  howToTell: string[];
  decisionSignals: string[];
  presenceSignals: string[];
  /** Causes it produces, most common first (`prior` = share of its bare 403s). */
  causes: { id: CauseId; prior: number; note?: string }[];
  sources: string[];
}

/**
 * The page of an id: `unknown` is both a responder and a cause, so both may be present.
 *
 * @example
 * ```ts
 * import { explain, type ExplainPage } from "why403";
 * const page: ExplainPage = explain("aws-s3");
 * for (const c of page.responder?.causes ?? []) console.log(c.id, c.prior);
 * ```
 */
export interface ExplainPage {
  id: string;
  responder?: ResponderPage;
  cause?: CausePage;
}

/** One line of the knowledge base index. */
export interface ExplainIndexEntry {
  id: string;
  type: "responder" | "cause";
  /** Display name (responders) or the id (causes). */
  name: string;
  summary: string;
}

/** Templates on a knowledge page show their placeholders as <name>. */
const plain = (s: string): string => fillTemplate(s, {});

export const causePage = (c: CauseEntry, catalog: Catalog): CausePage => ({
  type: "cause",
  id: c.id,
  summary: CAUSE_SUMMARY[c.id],
  title: plain(c.title),
  whatItMeans: plain(c.why),
  howToTell: c.signals.map((s) => s.detail),
  fix: c.fix.map(plain),
  verify: c.verify.map(plain),
  separate: plain(c.separate),
  mistakes: [...c.mistakes],
  seenFrom: [...catalog.responders.values()].filter((r) => r.causes[c.id]).map((r) => r.id),
  sources: [...c.sources],
});

export const responderPage = (r: ResponderEntry): ResponderPage => ({
  type: "responder",
  id: r.id,
  name: r.name,
  layer: r.layer,
  summary: RESPONDER_SUMMARY[r.id],
  whatItIs: r.summary,
  howToTell: [...r.howToTell],
  decisionSignals: r.signals.filter((s) => s.role === "decision").map((s) => s.detail),
  presenceSignals: r.signals.filter((s) => s.role === "presence").map((s) => s.detail),
  causes: Object.entries(r.causes)
    .map(([id, rc]) => ({ id: id as CauseId, prior: rc?.prior ?? 0, ...(rc?.note ? { note: plain(rc.note) } : {}) }))
    .sort((a, b) => b.prior - a.prior),
  sources: [...r.sources],
});

/**
 * The knowledge page of a responder or cause id, as data.
 *
 * @throws {WhyError} `UNKNOWN_ID` when no responder or cause has this id.
 * @example
 * ```ts
 * import { explain } from "why403";
 * const page = explain("no-allow");
 * console.log(page.cause?.whatItMeans);
 * for (const step of page.cause?.verify ?? []) console.log("verify:", step);
 * ```
 */
export const explainId = (id: string): ExplainPage => {
  const catalog = loadCatalog();
  const cause = isCauseId(id) ? catalog.causes.get(id) : undefined;
  const responder = isResponderId(id) ? catalog.responders.get(id) : undefined;
  if (!cause && !responder) throw new WhyError("UNKNOWN_ID", `no responder or cause is called "${id}"`);
  return {
    id,
    ...(responder ? { responder: responderPage(responder) } : {}),
    ...(cause ? { cause: causePage(cause, catalog) } : {}),
  };
};

/**
 * Every responder and cause the catalog knows, sorted by id (responders first).
 *
 * @example
 * ```ts
 * import { explainIndex } from "why403";
 * const causes = explainIndex().filter((e) => e.type === "cause").map((e) => e.id);
 * ```
 */
export const explainIndex = (): ExplainIndexEntry[] => {
  const catalog = loadCatalog();
  const responders = [...catalog.responders.values()]
    .map((r): ExplainIndexEntry => ({ id: r.id, type: "responder", name: r.name, summary: RESPONDER_SUMMARY[r.id] }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const causes = [...catalog.causes.keys()]
    .map((id): ExplainIndexEntry => ({ id, type: "cause", name: id, summary: CAUSE_SUMMARY[id] }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return [...responders, ...causes];
};
