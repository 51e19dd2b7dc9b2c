// The ranking rules on a small synthetic catalog: presence is not decision, overrides demote,
// priors rank only when evidence is thin, and a guess is never confident.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Catalog } from "../knowledge/catalog.js";
import type { CauseEntry, ResponderEntry, SignalDef } from "../knowledge/schema.js";
import type { Exchange } from "../model/exchange.js";
import { extractSignals } from "../signals/extract.js";
import { matchResponders } from "./match-responders.js";
import { rankCauses } from "./rank-causes.js";
import { fillTemplate } from "./template.js";

const responder = (id: ResponderEntry["id"], layer: ResponderEntry["layer"], signals: SignalDef[], causes: ResponderEntry["causes"] = {}): ResponderEntry => ({
  id,
  name: id,
  layer,
  summary: "synthetic responder for tests",
  howToTell: ["test"],
  sources: ["https://example.com/"],
  signals,
  causes,
  examples: [],
});

const cause = (id: CauseEntry["id"], signals: SignalDef[]): CauseEntry => ({
  id,
  title: `title of ${id}`,
  why: "synthetic cause for tests",
  fix: ["fix it"],
  verify: ["verify it"],
  separate: "separate it from the others",
  mistakes: [],
  sources: ["https://example.com/"],
  signals,
  examples: [],
});

const catalogOf = (responders: ResponderEntry[], causes: CauseEntry[]): Catalog => ({
  responders: new Map(responders.map((r) => [r.id, r])),
  causes: new Map(causes.map((c) => [c.id, c])),
  signals: [
    ...responders.flatMap((e) => e.signals.map((signal) => ({ entryId: e.id, entryType: "responder" as const, signal }))),
    ...causes.flatMap((e) => e.signals.map((signal) => ({ entryId: e.id, entryType: "cause" as const, signal }))),
  ],
});

const cdn = responder(
  "cloudflare",
  "cdn",
  [
    { id: "ray", role: "presence", when: [{ on: "header", name: "cf-ray" }], weight: 0.9, detail: "cf-ray header" },
    { id: "block", role: "decision", when: [{ on: "body", match: /error code: 1020/ }], weight: 0.95, causes: { "waf-rule": 0.9 }, detail: "1020 page" },
  ],
  { "waf-rule": { prior: 0.5 }, "ip-denied": { prior: 0.3 } },
);
const web = responder(
  "nginx",
  "web-server",
  [{ id: "page", role: "decision", when: [{ on: "body", match: /<center>nginx<\/center>/ }], weight: 0.85, detail: "nginx page" }],
  { "directory-listing": { prior: 0.4 }, "filesystem-permission": { prior: 0.3 } },
);
const waf = responder("modsecurity", "waf", [
  { id: "audit", role: "decision", when: [{ on: "body", match: /ModSecurity: Access denied/ }], weight: 0.9, overrides: ["nginx"], causes: { "waf-rule": 0.9 }, detail: "audit line" },
]);
const cors = cause("cors-origin", [
  { id: "origin-no-acao", role: "hint", when: [{ on: "request-header", name: "origin" }, { on: "header", name: "access-control-allow-origin", absent: true }], weight: 0, causes: { "cors-origin": 0.6 }, detail: "Origin sent, no ACAO" },
]);
const catalog = catalogOf([cdn, web, waf], [cors]);

const exchange = (headers: [string, string][], body: string, request?: [string, string][]): Exchange => ({
  index: 0,
  response: { status: 403, statusSource: "status-line", headers: headers.map(([name, value]) => ({ name, value })), body: { text: body } },
  context: [],
  ...(request ? { request: { headers: request.map(([name, value]) => ({ name, value })) } } : {}),
});

const diagnose = (x: Exchange) => {
  const hits = extractSignals(x, "http-response", catalog);
  const match = matchResponders(hits, catalog);
  return { match, causes: rankCauses(match, hits, catalog) };
};

describe("matchResponders", () => {
  it("names the origin that wrote the page, not the CDN whose header rides along", () => {
    const { match } = diagnose(exchange([["cf-ray", "8a1b"]], "<hr><center>nginx</center>"));
    assert.equal(match.decider, "nginx");
    assert.deepEqual(match.chain, [
      { id: "cloudflare", role: "presence" },
      { id: "nginx", role: "decision" },
    ]);
  });
  it("lets a more specific decision override the page that rendered it", () => {
    const { match } = diagnose(exchange([], "<center>nginx</center>\nModSecurity: Access denied with code 403"));
    assert.equal(match.decider, "modsecurity");
  });
  it("guesses from presence alone with low confidence", () => {
    const { match } = diagnose(exchange([["cf-ray", "8a1b"]], "Forbidden"));
    assert.equal(match.decider, "cloudflare");
    assert.ok(match.guessed);
    assert.ok(match.confidence < 0.5);
  });
  it("says unknown when nothing is known", () => {
    const { match, causes } = diagnose(exchange([], "nope"));
    assert.equal(match.decider, "unknown");
    assert.equal(match.confidence, 0);
    assert.deepEqual(causes, []);
  });
});

describe("rankCauses", () => {
  it("ranks by priors when the page says nothing more", () => {
    const { causes } = diagnose(exchange([], "<center>nginx</center>"));
    assert.deepEqual(causes.map((c) => c.id), ["directory-listing", "filesystem-permission"]);
    assert.ok(causes[0]!.confidence < 0.5, "a prior alone is not a confident answer");
  });
  it("lets strong evidence beat the priors and raise confidence", () => {
    const { causes } = diagnose(exchange([], "error code: 1020"));
    assert.equal(causes[0]!.id, "waf-rule");
    assert.ok(causes[0]!.confidence > 0.7);
    assert.ok((causes[1]?.confidence ?? 0) < 0.2);
  });
  it("counts generic hints under any decider", () => {
    const { causes } = diagnose(exchange([], "<center>nginx</center>", [["Origin", "https://app.example"]]));
    assert.equal(causes[0]!.id, "cors-origin");
  });
  it("keeps confidences a distribution (sum <= 1)", () => {
    const { causes } = diagnose(exchange([], "<center>nginx</center>", [["Origin", "https://app.example"]]));
    assert.ok(causes.reduce((a, c) => a + c.confidence, 0) <= 1.0001);
  });
});

describe("fillTemplate", () => {
  it("fills known values, falls back, and shows <name> when nothing is known", () => {
    assert.equal(fillTemplate("allow {action} on {resource|the resource} for {principal}", { action: "s3:GetObject" }), "allow s3:GetObject on the resource for <principal>");
  });
  it("leaves curl's %{http_code} alone", () => {
    assert.equal(fillTemplate("curl -w '%{http_code}' {url}", { url: "https://a/" }), "curl -w '%{http_code}' https://a/");
  });
});
