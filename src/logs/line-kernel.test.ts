// The WebAssembly line kernel must never disagree with the formats' JavaScript readers: where it
// is sure of a line's status, the reader says the same; whole scans agree count for count.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { formatById } from "./formats/index.js";
import type { LogFormatId } from "./formats/format.js";
import { kernelAvailable, LineKernel, shapeStatus } from "./line-kernel.js";
import { scanUnit, type ScanUnit, type UnitResult } from "./scan.js";

const CF_HEAD = [
  "#Version: 1.0",
  "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end",
];

/** Documented example lines of each format the kernel reads (nginx/Apache docs, AWS docs). */
const EXAMPLES: Record<string, { head: string[]; lines: string[] }> = {
  "nginx-combined": {
    head: [],
    lines: [
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /admin/ HTTP/1.1" 403 153 "-" "Mozilla/5.0"',
      '203.0.113.9 - alice [01/Nov/2026:10:00:01 +0000] "GET /a\\x22b HTTP/1.1" 200 12 "https://example.com/" "curl/8.5.0"',
      '198.51.100.2 - - [01/Nov/2026:10:00:02 +0000] "POST /login HTTP/1.1" 401 0 "-" "-"',
      '198.51.100.2 - - [01/Nov/2026:10:00:03 +0000] "GET /missing HTTP/1.1" 404 0 "-" "-"',
    ],
  },
  "apache-combined": {
    head: [],
    lines: [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
      '192.0.2.7 - - [10/Oct/2000:13:55:37 -0700] "GET /say \\"hi\\" HTTP/1.0" 403 - "-" "Wget/1.21"',
    ],
  },
  cloudfront: {
    head: CF_HEAD,
    lines: [
      "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0%20(Windows%20NT%2010.0)\t-\t-\tHit\tSOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-",
      "2019-12-13\t22:36:27\tSEA19-C1\t900\t192.0.2.200\tGET\td111111abcdef8.cloudfront.net\t/favicon.ico\t403\thttps://www.example.com/\tMozilla/5.0\t-\t-\tError\t1pkpNfBQ39sYMnjjUQjmH2w1wdJnbHYTbag21o_3OfcQgPzdL2RSSQ==\twww.example.com\thttps\t25\t0.000\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tError\tHTTP/2.0\t-\t-\t57945\t0.000\tClientGeoBlocked\ttext/html\t1033\t-\t-",
    ],
  },
  "s3-access": {
    head: [],
    lines: [
      '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /amzn-s3-demo-bucket1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2 arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes',
      '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:39 +0000] 192.0.2.3 - 891CE47D2EXAMPLE REST.GET.OBJECT private/report.csv "GET /amzn-s3-demo-bucket1/private/report.csv HTTP/1.1" 403 AccessDenied 243 - 9 - "-" "curl/8.5.0" - Xh2qjH2iD0Za= SigV4 - AuthHeader amzn-s3-demo-bucket1.s3.amazonaws.com TLSv1.3 - -',
      '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:40 +0000] 192.0.2.3 - 891CE47D2EXAMPLF BATCH.DELETE.OBJECT a.txt - 204 - - 1 - - - - - - - - - - - - -',
    ],
  },
  alb: {
    head: [],
    lines: [
      'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"',
      'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - -1 -1 -1 403 - 34 366 "GET https://www.example.com:443/admin HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 0 2018-07-02T22:22:48.364000Z "waf" "-" "-" "-" "-" "-" "-"',
    ],
  },
};

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

/** A line with a few bytes changed, inserted or cut, among those that move field edges. */
const mutated = (base: string) =>
  fc
    .array(fc.tuple(fc.nat(), fc.constantFrom("\t", " ", '"', "\\", "[", "]", "4", "0", "3", "\r", "-", "x", ""), fc.boolean()), { maxLength: 6 })
    .map((edits) => {
      let s = base;
      for (const [at, c, replace] of edits) {
        const i = at % (s.length + 1);
        s = s.slice(0, i) + c + s.slice(replace ? i + 1 : i);
      }
      return s.replace(/\n/g, "");
    });

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
      results.push({ ...r, rows: [] });
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
