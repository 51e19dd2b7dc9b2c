// The literal prefilter must never hide a match: wherever a catalog regex matches, one of its
// required literals is in the text. Checked on every example of the catalog, the dev corpus
// when it is there, and generated strings built from the regexes' own matches.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { loadCatalog } from "../knowledge/catalog.js";
import { causeEntries, responderEntries } from "../knowledge/index.js";
import { requiredLiterals } from "./required-literal.js";

const catalog = loadCatalog();
const regexes = [...new Set(catalog.signals.flatMap(({ signal }) => signal.when.flatMap((c) => (c.on === "body" || c.on === "url" ? [c.match] : []))))];

const holds = (re: RegExp, text: string): void => {
  const literals = requiredLiterals(re);
  if (!literals) return;
  const m = new RegExp(re.source, re.flags.replace(/[gy]/g, "")).exec(text);
  if (!m) return;
  const hay = re.ignoreCase ? m[0].toLowerCase() : m[0];
  assert.ok(literals.some((l) => hay.includes(l)), `/${re.source}/${re.flags} matched ${JSON.stringify(m[0].slice(0, 200))} without any of ${JSON.stringify(literals)}`);
};

describe("required literals of a regex", () => {
  it("finds the certain runs and refuses what is not certain", () => {
    assert.deepEqual(requiredLiterals(/<Code>AccessDenied<\/Code>/), ["<Code>AccessDenied</Code>"]);
    assert.deepEqual(requiredLiterals(/Error code:? 1020|Access denied/i), ["error code", "access denied"]);
    assert.deepEqual(requiredLiterals(/abcd?ef/), ["abc"]);
    assert.deepEqual(requiredLiterals(/ab+cdef/), ["cdef"]);
    assert.deepEqual(requiredLiterals(/x(?:abc|def)yz/), undefined, "no run of 3 outside the group");
    assert.deepEqual(requiredLiterals(/\x41BCD/), ["BCD"], "\\x41 is one unknown character here");
    assert.deepEqual(requiredLiterals(/a{0,3}bcd/), ["bcd"]);
    assert.deepEqual(requiredLiterals(/[abc]def|ghi/), ["def", "ghi"]);
    assert.deepEqual(requiredLiterals(/(a|b)|cde/), undefined, "one alternative has no run");
    assert.deepEqual(requiredLiterals(/\bfoo\.bar\b/), ["foo.bar"]);
  });

  it("holds on every example of the catalog", () => {
    let checked = 0;
    for (const entry of [...responderEntries, ...causeEntries])
      for (const ex of entry.examples)
        for (const re of regexes) {
          holds(re, ex.input);
          checked++;
        }
    assert.ok(checked > 100_000, `checked ${checked}`);
  });

  it("holds on the dev corpus", (t) => {
    const dir = join(process.cwd(), "..", "shared", "corpus", "dev");
    if (!existsSync(dir)) return t.skip("no ../shared/corpus/dev");
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && !/\.(json|md)$/.test(d.name));
    for (const f of files) {
      const text = readFileSync(join(f.parentPath, f.name), "latin1");
      for (const re of regexes) holds(re, text);
    }
  });

  it("holds on strings built around the regexes' own matches", () => {
    // a catalog example's match, cut, joined and case-flipped, inside random text
    const samples: string[] = [];
    for (const entry of [...responderEntries, ...causeEntries])
      for (const ex of entry.examples)
        for (const re of regexes) {
          const m = new RegExp(re.source, re.flags.replace(/[gy]/g, "")).exec(ex.input);
          if (m) samples.push(m[0]);
        }
    assert.ok(samples.length > 100);
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.string(), fc.string(), fc.boolean(), (s, before, after, upper) => {
        const text = `${before}${upper ? s.toUpperCase() : s}${after}`;
        for (const re of regexes) holds(re, text);
      }),
      { numRuns: 150 },
    );
  });
});
