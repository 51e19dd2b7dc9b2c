// The typed shape of the knowledge catalog, validated at load (valibot: small and fast to
// import, which keeps a cold CLI call short). Detection is data: conditions over the parsed
// exchange, never a string mini-language.
import * as v from "valibot";
import { CAUSE_IDS, RESPONDER_IDS, type CauseId, type ResponderId } from "../model/taxonomy.js";
import { INPUT_KINDS, type InputKind } from "../model/exchange.js";
import { DERIVED_FACTS, type DerivedFact } from "../signals/derived.js";
import { PROBE_FACTS, type ProbeFact } from "../model/probe-facts.js";

/** One test on an exchange. All conditions of a signal must hold for it to fire. */
export type Condition =
  | { on: "status"; in: number[] }
  | { on: "header"; name: string; match?: RegExp; absent?: true }
  | { on: "request-header"; name: string; match?: RegExp; absent?: true }
  /** The response body and the free text around the message (CLI output, log lines). */
  | { on: "body"; match: RegExp; absent?: true }
  | { on: "url"; match: RegExp; absent?: true }
  | { on: "cookie"; name: RegExp; absent?: true }
  | { on: "method"; in: string[] }
  | { on: "kind"; in: InputKind[] }
  /** A relation between parts of the exchange, computed by code (see signals/derived.ts). */
  | { on: "fact"; name: DerivedFact; absent?: true }
  /** What a live probe observed by varying the request (see model/probe-facts.ts). */
  | { on: "probe"; name: ProbeFact; absent?: true };

export interface SignalDef {
  id: string;
  /** decision: this layer wrote the 403; presence: this layer is in the path; hint: says something about the cause only. */
  role: "decision" | "presence" | "hint";
  when: Condition[];
  /** Strength for the responder (decision/presence); 0 for pure hints. */
  weight: number;
  /** Evidence for (positive) or against (negative) causes when this signal fires. */
  causes?: Partial<Record<CauseId, number>>;
  /** Responders whose decision signals this one turns into presence (it is more specific). */
  overrides?: ResponderId[];
  /** For hints: only count when one of these responders decided. */
  responders?: ResponderId[];
  detail: string;
  sources?: string[];
}

export interface Example {
  name: string;
  /** Where the example was taken from: a public report or vendor documentation. */
  source: string;
  input: string;
  /** Facts a live probe observed with this input as its answer (why403 URL). */
  probes?: ProbeFact[];
  expect: { responder?: ResponderId; cause?: CauseId; notResponder?: ResponderId; notCause?: CauseId };
}

/** How one responder produces one cause: how likely on a bare 403, and vendor-specific advice. */
export interface ResponderCause {
  /** Share of this responder's bare 403s that have this cause, in [0, 1]. */
  prior: number;
  title?: string;
  note?: string;
  fix?: string[];
  verify?: string[];
}

export type Layer =
  | "browser"
  | "proxy"
  | "cdn"
  | "waf"
  | "gateway"
  | "load-balancer"
  | "object-store"
  | "cloud-api"
  | "web-server"
  | "platform"
  | "app"
  | "unknown";

export interface ResponderEntry {
  id: ResponderId;
  name: string;
  layer: Layer;
  summary: string;
  howToTell: string[];
  sources: string[];
  signals: SignalDef[];
  causes: Partial<Record<CauseId, ResponderCause>>;
  /** Commands that confirm this layer's causes from its configuration, offered as next steps ({placeholders} filled). */
  checks?: string[];
  examples: Example[];
}

export interface CauseEntry {
  id: CauseId;
  /** Headline template; {name|fallback} placeholders are filled from the evidence. */
  title: string;
  /** Why this produces a 403: the `note` of a diagnosis. */
  why: string;
  fix: string[];
  verify: string[];
  /** The one experiment that tells this cause from its neighbours. */
  separate: string;
  mistakes: string[];
  sources: string[];
  signals: SignalDef[];
  /** Commands that confirm this cause from the credentials in the input, offered as next steps. */
  checks?: string[];
  examples: Example[];
}

// ---- runtime schemas (validation at load) ----

const responderId = v.picklist(RESPONDER_IDS);
const causeId = v.picklist(CAUSE_IDS);
const regex = v.pipe(
  v.instance(RegExp),
  v.check((r) => !r.global && !r.sticky, "a regex must not be /g or /y"),
);
const url = v.pipe(v.string(), v.regex(/^https?:\/\/\S+$/, "a public http(s) URL"));
const kebab = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "kebab-case id"));
const text = (min: number) => v.pipe(v.string(), v.minLength(min));
const nonEmpty = <T extends v.GenericSchema>(s: T) => v.pipe(v.array(s), v.minLength(1));
const absent = v.optional(v.literal(true));
const weight = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const causeWeights = v.pipe(
  v.record(v.string(), v.pipe(v.number(), v.minValue(-1), v.maxValue(1))),
  v.check((r) => Object.keys(r).every((k) => (CAUSE_IDS as readonly string[]).includes(k)), "unknown cause id in causes"),
);

export const conditionSchema = v.variant("on", [
  v.strictObject({ on: v.literal("status"), in: nonEmpty(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599))) }),
  v.strictObject({ on: v.literal("header"), name: text(1), match: v.optional(regex), absent }),
  v.strictObject({ on: v.literal("request-header"), name: text(1), match: v.optional(regex), absent }),
  v.strictObject({ on: v.literal("body"), match: regex, absent }),
  v.strictObject({ on: v.literal("url"), match: regex, absent }),
  v.strictObject({ on: v.literal("cookie"), name: regex, absent }),
  v.strictObject({ on: v.literal("method"), in: nonEmpty(v.pipe(v.string(), v.regex(/^[A-Z]+$/))) }),
  v.strictObject({ on: v.literal("kind"), in: nonEmpty(v.picklist(INPUT_KINDS)) }),
  v.strictObject({ on: v.literal("fact"), name: v.picklist(DERIVED_FACTS), absent }),
  v.strictObject({ on: v.literal("probe"), name: v.picklist(PROBE_FACTS), absent }),
]);

export const signalSchema = v.pipe(
  v.strictObject({
    id: kebab,
    role: v.picklist(["decision", "presence", "hint"]),
    when: nonEmpty(conditionSchema),
    weight,
    causes: v.optional(causeWeights),
    overrides: v.optional(v.array(responderId)),
    responders: v.optional(v.array(responderId)),
    detail: text(3),
    sources: v.optional(v.array(url)),
  }),
  v.check((s) => s.role !== "hint" || Object.keys(s.causes ?? {}).length > 0, "a hint must name causes"),
  v.check((s) => s.role === "hint" || s.weight > 0, "a decision/presence signal needs a weight > 0"),
);

export const exampleSchema = v.strictObject({
  name: text(3),
  source: url,
  input: text(1),
  probes: v.optional(nonEmpty(v.picklist(PROBE_FACTS))),
  expect: v.pipe(
    v.strictObject({
      responder: v.optional(responderId),
      cause: v.optional(causeId),
      notResponder: v.optional(responderId),
      notCause: v.optional(causeId),
    }),
    v.check((e) => Object.keys(e).length > 0, "expect must say something"),
  ),
});

export const responderCauseSchema = v.strictObject({
  prior: weight,
  title: v.optional(v.string()),
  note: v.optional(v.string()),
  fix: v.optional(v.array(text(3))),
  verify: v.optional(v.array(text(3))),
});

const LAYERS = ["browser", "proxy", "cdn", "waf", "gateway", "load-balancer", "object-store", "cloud-api", "web-server", "platform", "app", "unknown"] as const;

export const responderSchema = v.strictObject({
  id: responderId,
  name: text(2),
  layer: v.picklist(LAYERS),
  summary: text(10),
  howToTell: nonEmpty(text(3)),
  sources: nonEmpty(url),
  signals: v.array(signalSchema),
  causes: v.pipe(
    v.record(v.string(), responderCauseSchema),
    v.check((r) => Object.keys(r).every((k) => (CAUSE_IDS as readonly string[]).includes(k)), "unknown cause id in causes"),
  ),
  checks: v.optional(v.array(text(10))),
  examples: v.array(exampleSchema),
});

export const causeSchema = v.strictObject({
  id: causeId,
  title: text(5),
  why: text(10),
  fix: nonEmpty(text(3)),
  verify: nonEmpty(text(3)),
  separate: text(10),
  mistakes: v.array(text(3)),
  sources: nonEmpty(url),
  signals: v.array(signalSchema),
  checks: v.optional(v.array(text(10))),
  examples: v.array(exampleSchema),
});

/** Identity helpers so entry files are typed where they are written. */
export const defineResponder = (entry: ResponderEntry): ResponderEntry => entry;
export const defineCause = (entry: CauseEntry): CauseEntry => entry;
