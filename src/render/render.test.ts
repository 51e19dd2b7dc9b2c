import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Report } from "../model/report.js";
import { renderText } from "./render-text.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderJson } from "./render-json.js";

const report: Report = {
  schemaVersion: 1,
  file: "case.txt",
  inputKind: "http-response",
  status: 403,
  responder: {
    id: "aws-s3",
    name: "Amazon S3",
    confidence: 0.93,
    evidence: [
      { signal: "body", signalId: "aws-s3.error-xml", role: "decision", detail: "S3 error document", text: "<Code>AccessDenied</Code>", line: 7, column: 8, length: 25, quote: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message>" },
    ],
  },
  chain: [
    { id: "aws-cloudfront", role: "presence" },
    { id: "aws-s3", role: "decision" },
  ],
  causes: [
    { id: "no-allow", confidence: 0.55, title: "No policy allows s3:GetObject for this caller", why: "why text", evidence: [], against: [], fix: ["allow it"], verify: ["aws s3api head-object --bucket b --key k (expect 200)"], nextSteps: ["list the prefix"] },
    { id: "object-missing-masked", confidence: 0.4, title: "The object may not exist", why: "w", evidence: [], against: [], fix: [], verify: [], nextSteps: [] },
  ],
  redacted: ["authorization"],
  notes: [],
};

describe("renderText", () => {
  const text = renderText(report, { color: false });
  it("puts the status, the responder and the file in the headline", () => {
    assert.match(text.split("\n")[0]!, /^-- 403 FROM AMAZON S3 -+ case\.txt$/);
  });
  it("quotes the evidence line and marks the deciding span under it", () => {
    const lines = text.split("\n");
    const quote = lines.findIndex((l) => l.includes("| <Error><Code>AccessDenied"));
    assert.ok(quote > 0);
    const marker = lines[quote + 1]!;
    const col = marker.indexOf("^");
    assert.equal(lines[quote]!.slice(col, col + 25), "<Code>AccessDenied</Code>");
    assert.match(marker, /\^{25} S3 error document \(decides\)/);
  });
  it("gives chain, note, help, verify, alternatives and the explain pointer", () => {
    for (const re of [/= chain: client → aws-cloudfront \(passed it on\) → aws-s3 \(decided\)/, /= note: why text/, /= help: allow it/, /= verify: aws s3api/, /= also possible: object-missing-masked \(0\.40\)/, /= more: why403 explain no-allow/, /= redacted: authorization/]) {
      assert.match(text, re);
    }
  });
  it("uses no colour codes unless asked", () => {
    assert.ok(!text.includes("\u001b["));
    assert.ok(renderText(report, { color: true }).includes("\u001b["));
  });
});

describe("renderMarkdown and renderJson", () => {
  it("carry the same cause and fix", () => {
    const md = renderMarkdown(report);
    assert.match(md, /`no-allow` \(confidence 0\.55\)/);
    assert.match(md, /- allow it/);
    const json = JSON.parse(renderJson(report)) as Report;
    assert.equal(json.causes[0]!.id, "no-allow");
    assert.equal(json.responder.id, "aws-s3");
  });
});
