// Generated inputs for the parsers-never-crash property: structured inputs of every kind, and
// mutations of real 403s (the catalog's examples): truncation, byte flips, UTF-16 with BOM,
// CRLF/LF mixes, gzip, huge headers, NUL bytes. Shared by test/fuzz.test.ts and bench/fuzz.mjs.
import { gzipSync } from "node:zlib";
import { Readable } from "node:stream";
import fc from "fast-check";
import { loadCatalog } from "../../src/knowledge/catalog.js";
import { isWhyError } from "../../src/model/errors.js";
import { decodeInput } from "../../src/input/normalise.js";
import { diagnoseText } from "../../src/diagnose-text.js";
import { diagnoseHarStream } from "../../src/diagnose-har.js";
import { openStream } from "../../src/io/open-input.js";
import { parseRawHttp } from "../../src/input/parse-raw-http.js";
import { parseCurlVerbose } from "../../src/input/parse-curl-verbose.js";
import { parseText } from "../../src/input/parse-text.js";
import { parseHar } from "../../src/input/parse-har.js";
import { parseCurlCommand } from "../../src/input/parse-curl-command.js";
import { parseInput } from "../../src/input/parse-input.js";
import { INPUT_KINDS } from "../../src/model/exchange.js";

/** The real responses the catalog carries, as seeds for mutation. */
export const seedInputs = (): string[] => {
  const cat = loadCatalog();
  return [...cat.responders.values(), ...cat.causes.values()].flatMap((e) => e.examples.map((x) => x.input));
};

const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
const headerValue = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("AmazonS3", "cloudflare", "nginx", "Bearer x", "application/json"));
const status = fc.oneof(fc.constantFrom(403, 401, 404, 200, 302, 429, 400, 500), fc.integer({ min: -5, max: 1200 }));
const body = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom("<Error><Code>AccessDenied</Code></Error>", '{"message":"Forbidden"}', "<html><title>403 Forbidden</title></html>", ""),
);

/** An HTTP response, maybe with a request before it, maybe broken. */
const rawHttp = fc
  .record({
    version: fc.constantFrom("HTTP/1.1", "HTTP/2", "HTTP/1.0", "HTTP/3", "HTTP/9.9", ""),
    status,
    reason: fc.constantFrom("Forbidden", "OK", "", "Denied\u0000"),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 12 }),
    body,
    request: fc.option(fc.tuple(fc.constantFrom("GET", "POST", "OPTIONS", "X"), fc.webUrl()), { nil: undefined }),
  })
  .map((r) =>
    [
      ...(r.request ? [`${r.request[0]} ${r.request[1]} HTTP/1.1`, "Host: example.com", ""] : []),
      `${r.version} ${r.status} ${r.reason}`,
      ...r.headers.map(([n, v]) => `${n}: ${v}`),
      "",
      r.body,
    ].join("\n"),
  );

/** curl -v output, prefixes and all. */
const curlVerbose = fc
  .record({ url: fc.webUrl(), status, headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }), body })
  .map((r) =>
    [
      `* Trying 127.0.0.1:443...`,
      `> GET ${r.url} HTTP/1.1`,
      "> Host: example.com",
      ">",
      `< HTTP/2 ${r.status}`,
      ...r.headers.map(([n, v]) => `< ${n}: ${v}`),
      "<",
      r.body,
      "* Connection #0 left intact",
    ].join("\n"),
  );

/** HAR documents, well formed or not. */
const harEntry = fc.record({
  startedDateTime: fc.oneof(fc.constant("2026-11-23T10:00:00Z"), fc.string({ maxLength: 10 })),
  request: fc.record({ method: fc.constantFrom("GET", "POST", "OPTIONS", 3), url: fc.oneof(fc.webUrl(), fc.string()), headers: fc.array(fc.record({ name: headerName, value: headerValue }), { maxLength: 5 }) }),
  response: fc.record({
    status,
    headers: fc.oneof(fc.array(fc.record({ name: headerName, value: headerValue }), { maxLength: 5 }), fc.constant(null), fc.string()),
    redirectURL: fc.oneof(fc.constant(""), fc.webUrl(), fc.string({ maxLength: 5 })),
    content: fc.record({ text: fc.oneof(body, fc.base64String({ maxLength: 80 })), encoding: fc.constantFrom(undefined, "base64", "x") }),
  }),
});
const har = fc.oneof(
  fc.array(harEntry, { maxLength: 6 }).map((entries) => JSON.stringify({ log: { version: "1.2", creator: { name: "WebInspector" }, entries } })),
  fc.anything().map((v) => JSON.stringify({ log: { creator: { name: "x" }, entries: v } }) ?? "{}"),
  fc.json().map((j) => `{"log":{"creator":{},"entries":[${j}]}}`),
);

/** A printable line-based text: CLI errors and bare bodies. */
const textLike = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.constantFrom(
    "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
    "User: arn:aws:iam::123456789012:user/x is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k",
  ),
);

/** A mutation of a real input: the ways pasted and exported inputs get damaged. */
const mutate = (seeds: string[]): fc.Arbitrary<Uint8Array> =>
  fc
    .record({
      seed: fc.constantFrom(...seeds),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      encoding: fc.constantFrom("utf8", "utf16le-bom", "utf16be-bom", "utf8-bom", "gzip", "crlf", "mixed-eol", "cr-only"),
      nul: fc.boolean(),
      hugeHeader: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      truncate: fc.boolean(),
    })
    .map((m) => {
      let text = m.seed;
      if (m.hugeHeader) text = text.replace(/\n/, `\nX-Huge: ${"h".repeat(120_000)}\n`);
      if (m.truncate) text = text.slice(0, Math.floor(text.length * m.cut));
      if (m.nul) text = text.slice(0, text.length >> 1) + "\u0000" + text.slice(text.length >> 1);
      if (m.encoding === "crlf") text = text.replace(/\n/g, "\r\n");
      if (m.encoding === "mixed-eol") text = text.replace(/\n/g, (_, i: number) => (i % 3 === 0 ? "\r\n" : "\n"));
      if (m.encoding === "cr-only") text = text.replace(/\n/g, "\r");
      let bytes: Buffer;
      if (m.encoding === "utf16le-bom") bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
      else if (m.encoding === "utf16be-bom") bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
      else if (m.encoding === "utf8-bom") bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      else bytes = Buffer.from(text);
      for (const [at, b] of m.flips) if (bytes.length > 0) bytes[Math.floor(at * bytes.length) % bytes.length] = b;
      return m.encoding === "gzip" ? gzipSync(bytes) : bytes;
    });

/** Every kind of generated input, as bytes. */
export const anyInput = (seeds: string[]): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { arbitrary: mutate(seeds), weight: 4 },
    { arbitrary: fc.oneof(rawHttp, curlVerbose, har, textLike).map((s) => Buffer.from(s)), weight: 3 },
    { arbitrary: fc.uint8Array({ maxLength: 600 }), weight: 1 },
  );

/** What an input came to: a report, or a coded error. Anything else is thrown: a crash. */
export type Outcome = "report" | `error:${string}`;

const settle = async (run: () => unknown): Promise<Outcome> => {
  try {
    await run();
    return "report";
  } catch (e) {
    if (isWhyError(e)) return `error:${e.code}`;
    throw e;
  }
};

/**
 * Runs bytes the way the CLI does (stream sorted into HAR or text, gzip/BOM undone, then the
 * pipeline), cut into random chunks; plus each parser on the decoded text, forced kinds included.
 */
export const runInput = async (bytes: Uint8Array, chunkSize = 4096): Promise<Outcome> => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(Buffer.from(bytes.subarray(i, i + chunkSize)));
  const outcome = await settle(async () => {
    const opened = await openStream(Readable.from(chunks));
    if (opened.kind === "har-stream") return diagnoseHarStream(opened.chunks, { file: "fuzz" });
    return diagnoseText(decodeInput(opened.buf), { file: "fuzz" });
  });
  let text: string | undefined;
  try {
    text = decodeInput(Buffer.from(bytes));
  } catch (e) {
    if (!isWhyError(e)) throw e;
  }
  if (text !== undefined) {
    const t = text;
    for (const parse of [parseRawHttp, parseCurlVerbose, parseText, parseHar, parseCurlCommand]) await settle(() => parse(t));
    for (const kind of INPUT_KINDS) await settle(() => parseInput(t, kind));
  }
  return outcome;
};
