// The streaming scan: byte ranges of one file must see every line exactly once, in workers or not.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatById } from "./formats/index.js";
import { planUnits, prewarmedWorkers, prewarmScanWorkers, runScan, type InputFile } from "./run-scan.js";

let dir = "";
const lines: string[] = [];
let file = "";

describe("scan", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "why403-scan-"));
    for (let i = 0; i < 5000; i++) {
      const status = i % 7 === 0 ? 403 : i % 11 === 0 ? 404 : 200;
      // lines of varying length, so range edges fall anywhere inside them
      lines.push(`192.0.2.${i % 250} - - [01/Nov/2026:00:00:${String(i % 60).padStart(2, "0")} +0000] "GET /p/${"x".repeat(i % 97)} HTTP/1.1" ${status} ${i} "-" "curl/8.5.0"`);
    }
    lines.splice(1234, 0, "garbage that is no access log line");
    file = join(dir, "access.log");
    writeFileSync(file, lines.join("\n")); // no newline after the last line
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const input = (): InputFile => ({ file, format: formatById("nginx-combined"), gzip: false, size: statSync(file).size, head: lines.slice(0, 20) });
  const expected403 = () => lines.filter((l) => / 403 \d+ "/.test(l)).length;

  const cases = [
    ["one unit", 1 << 30, 0, false],
    ["many ranges, one thread", 4099, 0, false],
    ["many ranges, two workers", 7919, 2, false],
    ["many ranges, a prewarmed worker", 7919, 2, true],
    ["many ranges, one thread, a prewarmed worker left unused", 4099, 1, true],
  ] as const;
  for (const [name, range, jobs, prewarm] of cases) {
    it(`counts every line once: ${name}`, { timeout: 30_000 }, async () => {
      const out = join(dir, name.replace(/\W+/g, "-"));
      rmSync(out, { recursive: true, force: true });
      const { mkdirSync } = await import("node:fs");
      mkdirSync(out);
      if (prewarm) {
        prewarmScanWorkers([file], 2, { workersFrom: 0, range });
        assert.equal(prewarmedWorkers(), 1, "one worker booting beside this thread");
      }
      const units = planUnits([input()], {}, range);
      const done: number[] = [];
      const results = await runScan([input()], units, out, { jobs, workersFrom: 0, onUnit: (r) => done.push(r.u), workersOnly: jobs > 1 });
      assert.equal(prewarmedWorkers(), 0, "the scan took the prewarmed worker, or ended it");
      if (jobs > 1) assert.ok(results.every((r) => r.thread !== 0), `workers scanned every unit: ${results.map((r) => r.thread).join(",")}`);
      assert.deepEqual([...done].sort((a, b) => a - b), units.map((u) => u.u), "each unit reported once");
      const total = results.reduce((s, r) => s + r.lines, 0);
      assert.equal(total, lines.length);
      assert.equal(results.reduce((s, r) => s + r.malformed, 0), 1);
      assert.equal(results.reduce((s, r) => s + r.status404, 0), lines.filter((l) => / 404 \d+ "/.test(l)).length);
      const rows = results.flatMap((r) => r.rows).flatMap(([, p]) => readFileSync(p, "utf8").split("\n").filter(Boolean));
      assert.equal(rows.length, expected403());
      // every forwarded row is a whole original line, found at its own number
      const offsets = new Map<number, number>();
      let at = 0;
      for (const u of [...units].sort((a, b) => a.start - b.start)) {
        offsets.set(u.u, at);
        at += results.find((r) => r.u === u.u)!.lines;
      }
      // each row's line is found at its byte offset in the file, and is the line of its number
      const bytes = readFileSync(file);
      for (const row of rows) {
        const [u, n, byteAt, ip] = row.split("\x1f"); // then the other fields parsed from the line
        const start = Number(byteAt);
        const text = bytes.toString("utf8", start, bytes.indexOf(10, start));
        assert.equal(lines[offsets.get(Number(u))! + Number(n) - 1], text);
        assert.equal(ip, text.split(" ")[0]);
      }
    });
  }
});
