// Parsers that fail well: a fixed-seed slice of the generated inputs of bench/fuzz.mjs. Every
// input ends in a report or a coded WhyError; nothing else escapes (bench/fuzz runs 100,000).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { anyInput, runInput, seedInputs } from "./fuzz/arbitraries.js";

describe("parsers never crash (fast-check, fixed seed)", () => {
  const seeds = seedInputs();

  it("has real seeds to mutate", () => assert.ok(seeds.length > 300, `${seeds.length} seeds`));

  it("every generated input ends in a report or a coded error", async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(anyInput(seeds), fc.integer({ min: 1, max: 9000 }), async (bytes, chunk) => {
        const outcome = await runInput(bytes, chunk);
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }),
      { seed: 403, numRuns: 400 },
    );
    // the slice reaches both ends: real diagnoses and each family of refusals
    assert.ok((seen.get("report") ?? 0) > 40, JSON.stringify([...seen]));
    for (const code of ["error:INPUT_BINARY", "error:HAR_INVALID"]) assert.ok(seen.has(code), `${code} never produced: ${JSON.stringify([...seen])}`);
  });

  it("the damage the generator does is what it says (a regression net for the generator)", async () => {
    // a gzip'd, UTF-16 and CRLF version of the same S3 403 all give the same answer as the original
    const { gzipSync } = await import("node:zlib");
    const s3 = "HTTP/1.1 403 Forbidden\nServer: AmazonS3\nx-amz-request-id: 1\n\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";
    const forms = [
      Buffer.from(s3),
      gzipSync(Buffer.from(s3)),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s3, "utf16le")]),
      Buffer.from(s3.replace(/\n/g, "\r\n")),
    ];
    for (const f of forms) assert.equal(await runInput(f, 7), "report");
  });
});
