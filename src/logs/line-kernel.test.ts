// The WebAssembly line kernel must never disagree with the formats' JavaScript readers: where it
// is sure of a line's status, the reader says the same; whole scans agree count for count.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { formatById } from "./formats/index.js";
import type { LogFormatId } from "./formats/format.js";
import { kernelAvailable, LineKernel, shapeStatus } from "./line-kernel.js";
import { scanUnit, type ScanUnit, type UnitResult } from "./scan.js";
import { CF_HEAD, EXAMPLES, mutated } from "../../test/helpers/log-lines.js";

/** What the kernel says of one line: a status it counts or keeps, or "unsure"/"other". */
const kernelView = (format: LogFormatId, head: string[], line: string): number | "unsure" | "other" => {
  const shape = formatById(format).reader(head, {}).shape!;
  const bytes = Buffer.from(`${line}\n`);
  const k = LineKernel.create(shape, bytes.length + 64)!;
  try {
    bytes.copy(k.buffer);
    const pass = k.scan(0, bytes.length, Number.POSITIVE_INFINITY);
    assert.equal(pass.lines, 1, `one line: ${JSON.stringify(line)}`);
    if (pass.records === 1) {
      const [start, end, n, status] = k.record(0);
      assert.deepEqual([start, n], [0, 0]);
      assert.equal(end, bytes.length - 1 - (line.endsWith("\r") ? 1 : 0));
      return status === -1 ? "unsure" : status;
    }
    return pass.status401 ? 401 : pass.status404 ? 404 : "other";
  } finally {
    k.release();
  }
};

/** What the kernel's JavaScript twin says of one line. */
const twinView = (format: LogFormatId, head: string[], line: string): number | "unsure" | "other" => {
  const bytes = Buffer.from(line.endsWith("\r") ? line.slice(0, -1) : line);
  const s = shapeStatus(formatById(format).reader(head, {}).shape!, bytes, 0, bytes.length);
  return s < 0 ? "unsure" : s === 403 || s === 401 || s === 404 ? s : "other";
};

/** What the JavaScript reader says, in the same terms. */
const readerView = (format: LogFormatId, head: string[], line: string): number | "other" | "not a status" => {
  const bytes = Buffer.from(line.endsWith("\r") ? line.slice(0, -1) : line);
  const s = formatById(format).reader(head, {}).status(bytes, 0, bytes.length);
  if (s === 403 || s === 401 || s === 404) return s;
  return s >= 100 ? "other" : "not a status";
};

describe("WebAssembly line kernel", () => {
  it("is built and loads", () => {
    assert.ok(kernelAvailable(), "dist/src/logs/line-kernel.wasm is missing or does not load: npm run build:kernel");
  });

  for (const [format, { head, lines }] of Object.entries(EXAMPLES) as [LogFormatId, { head: string[]; lines: string[] }][]) {
    it(`${format}: reads the documented examples as the reader does`, () => {
      for (const line of lines) {
        const k = kernelView(format, head, line);
        assert.notEqual(k, "unsure", `the shape fits a documented line: ${line}`);
        assert.equal(k, readerView(format, head, line), line);
      }
    });

    it(`${format}: where it is sure of a mutated line, the reader agrees`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...lines).chain(mutated), (line) => {
          const k = kernelView(format, head, line);
          assert.equal(k, twinView(format, head, line), `kernel and its JavaScript twin: ${JSON.stringify(line)}`);
          if (k !== "unsure") assert.equal(k, readerView(format, head, line), JSON.stringify(line));
        }),
        { numRuns: 1000 },
      );
    });
  }
});

describe("scan with and without the kernel", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-kernel-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const scanBoth = async (name: string, format: LogFormatId, head: string[], text: string, range?: [number, number]): Promise<UnitResult[]> => {
    const file = join(dir, `${name}.log`);
    writeFileSync(file, text);
    const results: UnitResult[] = [];
    for (const kernel of [true, false]) {
      const out = join(dir, `${name}-${kernel}`);
      mkdirSync(out);
      const unit: ScanUnit = { u: 0, file, format, gzip: false, start: range?.[0] ?? 0, end: range?.[1], head, options: {}, kernel };
      const r = await scanUnit(unit, out);
      // the rows as a sorted list: the kernel writes its own rows before the records it hands back
      const rows = r.rows.map(([f, path]): [LogFormatId, string] => [f, readFileSync(path, "latin1").split("\n").sort().join("\n")]);
      results.push({ ...r, rows });
    }
    assert.deepEqual(results[0], results[1], `${name}: kernel and readers agree`);
    return results;
  };

  it("agrees on a large mixed file, across chunk edges, with CRLF, garbage and a last line without newline", async () => {
    const base = EXAMPLES["nginx-combined"]!.lines;
    const parts: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      const line = base[i % base.length]!.replace("/admin/", `/admin/${"y".repeat(i % 131)}`);
      parts.push(i % 997 === 0 ? "garbage, not a log line" : i % 13 === 0 ? `${line}\r` : line);
    }
    const [r] = await scanBoth("mixed", "nginx-combined", [], parts.join("\n"));
    assert.equal(r!.lines, 40_000);
    assert.equal(r!.malformed, 41);
    assert.ok(r!.forwarded > 9000);
  });

  for (const format of ["nginx-combined", "apache-combined"] as const) {
    it(`${format}: the rows the kernel writes itself are the readers' rows, byte for byte`, async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...EXAMPLES[format]!.lines).chain(mutated), { minLength: 1, maxLength: 40 }), async (lines) => {
          // every other line a 403, so that most runs give the kernel rows to write
          const text = lines.map((l, i) => (i % 2 ? l : l.replace(/" \d{3} /, '" 403 '))).join("\n");
          await scanBoth(`${format}-rows-${run++}`, format, [], text);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("agrees on 403 lines at the edges of the rules for kernel rows", async () => {
    const edges = [
      '203.0.113.9 - - [] "GET / HTTP/1.1" 403 1 "-" "-"',
      '203.0.113.9  - [01/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 403 1 "-" "-"',
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "" 403 1 "-" "-"',
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 403 ',
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 403  1',
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 403 1',
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /\\" 403 1 "-" "-"',
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /\x7f HTTP/1.1" 403 1 "-" "-"',
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /é HTTP/1.1" 403 1 "-" "-"',
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 403 1 "-" "-" trailing words',
    ];
    for (const format of ["nginx-combined", "apache-combined"] as const) {
      const [r] = await scanBoth(`${format}-edges`, format, [], edges.join("\n"));
      assert.equal(r!.lines, edges.length);
    }
  });

  it("writes a 403 row in the kernel as the reader would", () => {
    const line = EXAMPLES["nginx-combined"]!.lines[0]!;
    const shape = formatById("nginx-combined").reader([], {}).shape!;
    const bytes = Buffer.from(`${line}\n${line}\n`);
    const k = LineKernel.create(shape, bytes.length + 64)!;
    try {
      bytes.copy(k.buffer);
      // stored fields 0, 3, 4, 5: client, time, request, status
      const keep = LineKernel.rowColumns(shape, [0, 3, 4, 5])!;
      const pass = k.scan(0, bytes.length, Number.POSITIVE_INFINITY, { keep, u: 7, firstLine: 41, offset: 5_000_000_000 });
      assert.deepEqual([pass.records, pass.rows, pass.lines], [0, 2, 2]);
      const at2 = 5_000_000_000 + line.length + 1;
      assert.equal(
        k.rowBytes(pass.rowBytes).toString("latin1"),
        `7\x1f41\x1f5000000000\x1f203.0.113.9\x1f01/Nov/2026:10:00:00 +0000\x1fGET /admin/ HTTP/1.1\x1f403\n7\x1f42\x1f${at2}\x1f203.0.113.9\x1f01/Nov/2026:10:00:00 +0000\x1fGET /admin/ HTTP/1.1\x1f403\n`,
      );
      // a field the shape has but the kernel cannot reach (the size, after the status) keeps rows in JavaScript
      assert.equal(LineKernel.rowColumns(shape, [0, 6]), undefined);
      // a field written twice could make a row longer than the room the kernel keeps for it
      assert.equal(LineKernel.rowColumns(shape, [0, 0]), undefined);
    } finally {
      k.release();
    }
  });

  it("agrees when more lines need the reader than one pass can hold", async () => {
    // 300,000 short lines that fit no shape: several passes of 65,536 records per chunk
    const [r] = await scanBoth("unsure", "nginx-combined", [], "x\n".repeat(300_000));
    assert.equal(r!.malformed, 300_000);
  });

  it("agrees on a byte range that starts and ends inside lines", async () => {
    const lines = EXAMPLES.cloudfront!.lines;
    const text = [...CF_HEAD, ...Array.from({ length: 5000 }, (_, i) => lines[i % 2]!)].join("\n") + "\n";
    const [r] = await scanBoth("range", "cloudfront", CF_HEAD, text, [12_345, 400_001]);
    assert.ok(r!.lines > 1000 && r!.lines < 5000);
    assert.equal(r!.malformed, 0);
  });

  it("skips CloudFront's header lines and counts a line that is not a date as malformed", async () => {
    const lines = EXAMPLES.cloudfront!.lines;
    const [r] = await scanBoth("cf", "cloudfront", CF_HEAD, [...CF_HEAD, lines[0], `x${lines[1]}`, lines[1]].join("\n"));
    assert.deepEqual([r!.lines, r!.malformed, r!.forwarded], [5, 1, 1]);
  });
});
