// Indexes the registry's entries and signals for the engine, once; validateEntries checks every
// entry against the schema (all problems in one run) for the tests and for authors.
import * as v from "valibot";
import type { CauseId, ResponderId } from "../model/taxonomy.js";
import { causeSchema, responderSchema, type CauseEntry, type ResponderEntry, type SignalDef } from "./schema.js";
import { causeEntries, responderEntries } from "./index.js";

export interface CatalogSignal {
  entryId: string;
  entryType: "responder" | "cause";
  signal: SignalDef;
}

export interface Catalog {
  responders: ReadonlyMap<ResponderId, ResponderEntry>;
  causes: ReadonlyMap<CauseId, CauseEntry>;
  signals: readonly CatalogSignal[];
}

/** Checks entries and cross-references; returns every problem found, not the first. */
export const validateEntries = (responders: readonly unknown[], causes: readonly unknown[]): string[] => {
  const problems: string[] = [];
  const seen = new Set<string>();
  const check = (kind: string, schema: v.GenericSchema, raw: unknown): void => {
    const id = (raw as { id?: unknown })?.id;
    const label = `${kind} ${typeof id === "string" ? id : "?"}`;
    const r = v.safeParse(schema, raw);
    if (!r.success) {
      for (const issue of r.issues) {
        const path = issue.path?.map((p) => String(p.key)).join(".") ?? "(entry)";
        problems.push(`${label}: ${path}: ${issue.message}`);
      }
      return;
    }
    if (seen.has(`${kind}:${String(id)}`)) problems.push(`${label}: registered twice`);
    seen.add(`${kind}:${String(id)}`);
    const entry = r.output as ResponderEntry | CauseEntry;
    const ids = new Set<string>();
    for (const s of entry.signals) {
      if (ids.has(s.id)) problems.push(`${label}: signal ${s.id} defined twice`);
      ids.add(s.id);
    }
    if (!entry.examples.some((e) => e.expect.responder === id || e.expect.cause === id)) {
      problems.push(`${label}: needs at least one positive example`);
    }
    if (!entry.examples.some((e) => e.expect.notResponder === id || e.expect.notCause === id)) {
      problems.push(`${label}: needs at least one negative example`);
    }
  };
  for (const r of responders) check("responder", responderSchema, r);
  for (const c of causes) check("cause", causeSchema, c);
  return problems;
};

let cached: Catalog | undefined;

/**
 * The catalog, indexed (once per process). The entries are compiled into the build and checked
 * by `validateEntries` in the walker test that every `npm test` runs; validating them again on
 * every call cost ~20 ms of a ~120 ms cold start.
 */
export const loadCatalog = (): Catalog => {
  if (cached) return cached;
  const responders = new Map(responderEntries.map((e) => [e.id, e] as const));
  const causes = new Map(causeEntries.map((e) => [e.id, e] as const));
  const signals: CatalogSignal[] = [
    ...responderEntries.flatMap((e) => e.signals.map((signal) => ({ entryId: e.id, entryType: "responder" as const, signal }))),
    ...causeEntries.flatMap((e) => e.signals.map((signal) => ({ entryId: e.id, entryType: "cause" as const, signal }))),
  ];
  cached = { responders, causes, signals };
  return cached;
};
