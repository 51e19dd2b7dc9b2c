// The knowledge walker: runs every example of every entry through the whole pipeline, checks
// that every signal fires somewhere, and that no responder's decision signals fire on another
// responder's examples (the honeypot) unless that responder's own signal overrides them.
// WHY403_ENTRY=a,b limits the run to some entries (for authors of an entry).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { diagnoseText, withProbeFacts } from "../diagnose-text.js";
import { parseInput } from "../input/parse-input.js";
import { normaliseText } from "../input/normalise.js";
import { extractSignals } from "../signals/extract.js";
import { loadCatalog, validateEntries } from "./catalog.js";
import type { CauseEntry, Example, ResponderEntry } from "./schema.js";
import { causeEntries, responderEntries } from "./index.js";

const only = process.env.WHY403_ENTRY?.split(",").map((s) => s.trim()).filter(Boolean);
const selected = (id: string): boolean => !only || only.includes(id);

const catalog = loadCatalog();

const describeMiss = (ex: Example, got: { responder: string; causes: string[] }): string =>
  `example "${ex.name}" (${ex.source}): got responder ${got.responder}, causes [${got.causes.join(", ")}], expected ${JSON.stringify(ex.expect)}`;

const checkExample = (entryId: string, ex: Example): void => {
  const report = diagnoseText(ex.input, { file: `${entryId}:${ex.name}`, ...(ex.probes ? { probeFacts: ex.probes } : {}) });
  const got = { responder: report.responder.id, causes: report.causes.map((c) => c.id) };
  const e = ex.expect;
  if (e.responder) assert.equal(got.responder, e.responder, describeMiss(ex, got));
  if (e.notResponder) assert.notEqual(got.responder, e.notResponder, describeMiss(ex, got));
  if (e.cause) assert.equal(got.causes[0], e.cause, describeMiss(ex, got));
  if (e.notCause) assert.notEqual(got.causes[0], e.notCause, describeMiss(ex, got));
};

const firedKeys = (ex: Example): Set<string> => {
  const parsed = withProbeFacts(parseInput(normaliseText(ex.input)), ex.probes);
  const keys = new Set<string>();
  for (const x of parsed.exchanges) for (const h of extractSignals(x, parsed.kind, catalog)) keys.add(h.key);
  return keys;
};

describe("the knowledge catalog", () => {
  it("validates with no problems", () => {
    assert.deepEqual(validateEntries(responderEntries, causeEntries), []);
  });

  const entries: [string, ResponderEntry | CauseEntry][] = [
    ...responderEntries.map((e) => [`responder ${e.id}`, e] as [string, ResponderEntry]),
    ...causeEntries.map((e) => [`cause ${e.id}`, e] as [string, CauseEntry]),
  ];
  for (const [label, entry] of entries) {
    if (!selected(entry.id)) continue;
    describe(label, () => {
      for (const ex of entry.examples) {
        it(`example: ${ex.name}`, () => checkExample(entry.id, ex));
      }
      it("has every signal fire on at least one of its own examples", () => {
        const positives = entry.examples.filter((ex) => ex.expect.responder === entry.id || ex.expect.cause === entry.id);
        const fired = new Set<string>();
        for (const ex of positives) for (const k of firedKeys(ex)) fired.add(k);
        const silent = entry.signals.map((s) => `${entry.id}.${s.id}`).filter((k) => !fired.has(k));
        assert.deepEqual(silent, [], `signals that no positive example of ${entry.id} fires`);
      });
    });
  }

  it("fires no responder's decision signal on another responder's examples unless overridden", () => {
    const problems: string[] = [];
    for (const owner of responderEntries) {
      for (const ex of owner.examples) {
        if (ex.expect.responder !== owner.id) continue;
        const parsed = withProbeFacts(parseInput(normaliseText(ex.input)), ex.probes);
        for (const x of parsed.exchanges) {
          const hits = extractSignals(x, parsed.kind, catalog);
          const overriddenByOwner = new Set(
            hits.filter((h) => h.entryId === owner.id && h.signal.role === "decision").flatMap((h) => h.signal.overrides ?? []),
          );
          for (const h of hits) {
            if (h.entryType !== "responder" || h.entryId === owner.id || h.signal.role !== "decision") continue;
            if (overriddenByOwner.has(h.entryId as never)) continue;
            if (only && !only.includes(h.entryId) && !only.includes(owner.id)) continue;
            problems.push(`${h.key} fires on ${owner.id} example "${ex.name}"`);
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
