// Parity: every taxonomy id has a catalog entry, every spec id is kept, every file is registered.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CAUSE_IDS, RESPONDER_IDS } from "../src/model/taxonomy.js";
import { causeEntries, responderEntries } from "../src/knowledge/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const specPath = fileURLToPath(new URL("../../../shared/spec/taxonomy.json", import.meta.url));

describe("taxonomy parity", () => {
  it("has a responder entry for every responder id", () => {
    const have = new Set(responderEntries.map((e) => e.id));
    assert.deepEqual(RESPONDER_IDS.filter((id) => !have.has(id)), []);
  });
  it("has a cause entry for every cause id", () => {
    const have = new Set(causeEntries.map((e) => e.id));
    assert.deepEqual(CAUSE_IDS.filter((id) => !have.has(id)), []);
  });
  it("keeps every id of the shared spec (ids may be added, never renamed)", { skip: !existsSync(specPath) && "no ../shared/spec" }, () => {
    const spec = JSON.parse(readFileSync(specPath, "utf8")) as { responders: Record<string, string>; causes: Record<string, string> };
    assert.deepEqual(Object.keys(spec.responders).filter((id) => !(RESPONDER_IDS as readonly string[]).includes(id)), []);
    assert.deepEqual(Object.keys(spec.causes).filter((id) => !(CAUSE_IDS as readonly string[]).includes(id)), []);
  });
  it("names each entry file after its id, and registers every file", () => {
    for (const [dir, entries] of [["responders", responderEntries], ["causes", causeEntries]] as const) {
      const files = readdirSync(`${root}src/knowledge/${dir}`).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
      assert.deepEqual(files, entries.map((e) => e.id).sort(), `src/knowledge/${dir}`);
    }
  });
});
