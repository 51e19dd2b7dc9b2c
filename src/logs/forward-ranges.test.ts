// Forwarding a 403 line as byte ranges (the fast path) must store exactly what the text path
// stores: the same fields, or nothing (the line then takes the text path).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { formatById } from "./formats/index.js";
import type { LineReader, LogFormatId } from "./formats/format.js";
import { EDGE_BYTES, EXAMPLES, mutated } from "../../test/helpers/log-lines.js";

const ERROR_LOGS: Record<string, { head: string[]; lines: string[] }> = {
  // https://nginx.org/en/docs/ngx_core_module.html#error_log lines as nginx writes them
  "nginx-error": {
    head: [],
    lines: [
      '2015/07/04 10:00:00 [error] 3976#0: *62889 directory index of "/usr/local/openresty/nginx/html/" is forbidden, client: 100.97.181.249, server: localhost, request: "GET / HTTP/1.0"',
      '2026/11/01 10:00:00 [error] 12#12: *5 access forbidden by rule, client: 203.0.113.9, server: example.com, request: "GET /.env HTTP/1.1", host: "example.com"',
    ],
  },
  "apache-error": {
    head: [],
    lines: [
      "[Sun Aug 05 04:03:42.258364 2018] [authz_core:error] [pid 15732] [client 198.51.100.7:19185] AH01630: client denied by server configuration: /home/get5/get5-web-master/get5.wsgi, referer: http://domain",
    ],
  },
};

const CASES = { ...EXAMPLES, ...ERROR_LOGS };

/** The fields the ranges name, as text; undefined when the reader leaves the line to `forward`. */
const byRanges = (reader: LineReader, line: string, trailer: string): string[] | undefined => {
  // bytes after the line's end (the next line, in a real chunk) must not change the answer
  const buf = Buffer.from(line + trailer);
  const end = Buffer.byteLength(line);
  const ranges = new Int32Array(128);
  const count = reader.forwardRanges!(buf, 0, end, ranges);
  if (count === 0) return undefined;
  return Array.from({ length: count }, (_, k) => buf.toString("utf8", ranges[2 * k], ranges[2 * k + 1]));
};

const byText = (reader: LineReader, line: string): readonly string[] | undefined => (reader.forward ? reader.forward(line) : [line]);

describe("forwarding 403 lines as byte ranges", () => {
  for (const [format, { head, lines }] of Object.entries(CASES) as [LogFormatId, { head: string[]; lines: string[] }][]) {
    const reader = formatById(format).reader(head, {});
    if (!reader.forwardRanges) continue;

    it(`${format}: documented lines go the fast way, with the text path's fields`, () => {
      for (const line of lines) {
        const fields = byRanges(reader, line, "");
        assert.ok(fields, `the fast path takes a documented line: ${line}`);
        assert.deepEqual(fields, byText(reader, line));
      }
    });

    it(`${format}: mutated lines get the text path's fields or are left to it`, () => {
      const alphabet = [...EDGE_BYTES, "\u001f", "é", '" "', "] [", "\\\\"];
      fc.assert(
        fc.property(fc.constantFrom(...lines).chain((l) => mutated(l, alphabet)), fc.constantFrom("", ' "x" "y"', "]", "\\"), (line, trailer) => {
          const fields = byRanges(reader, line, trailer);
          if (fields) assert.deepEqual(fields, byText(reader, line), JSON.stringify(line));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it("covers the formats whose rows are most of a log's 403s", () => {
    for (const f of ["nginx-combined", "apache-combined", "s3-access", "alb", "nginx-error", "apache-error"] as const) {
      assert.equal(typeof formatById(f).reader([], {}).forwardRanges, "function", f);
    }
  });
});
