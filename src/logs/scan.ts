// The streaming pass over every line: counts lines, malformed lines and neighbour statuses, and
// forwards the 403 lines (a few percent of a log) to DuckDB, which does everything else. It
// reads raw bytes and asks each format only for a line's status, so most lines cost a few
// byte comparisons; it runs in worker threads on byte ranges of large files.
import { closeSync, openSync, readFileSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { cloudtrailRecords, cloudtrailStatus } from "./formats/cloudtrail.js";
import { LINE, type LineReader, type LogFormatId, type ReaderOptions } from "./formats/format.js";
import { formatById } from "./formats/index.js";
import { openStream } from "./files.js";

/** A piece of work: one file, or one byte range of a large plain file. */
export interface ScanUnit {
  u: number;
  file: string;
  format: LogFormatId;
  gzip: boolean;
  /** Byte range [start, end) of a plain file; lines that start inside it belong to it. */
  start: number;
  end?: number;
  head: string[];
  options: ReaderOptions;
}

export interface MalformedSample {
  line: number;
  text: string;
}

export interface UnitResult {
  u: number;
  lines: number;
  malformed: number;
  forwarded: number;
  status401: number;
  status404: number;
  samples: MalformedSample[];
  /** The files this unit's forwarded rows went to, per format. */
  rows: [LogFormatId, string][];
}

const SAMPLES_PER_UNIT = 3;
/** The unit separator between the fields of a stored row. */
const US = "\u001f";
const SAMPLE_CHARS = 300;

/** Where a unit's forwarded lines go: one text file per format, rows `u \x1f n \x1f line [\x1f field …]`. */
export class ForwardFiles {
  private readonly fds = new Map<LogFormatId, number>();
  private readonly pending = new Map<LogFormatId, string[]>();
  private readonly sizes = new Map<LogFormatId, number>();
  readonly paths = new Map<LogFormatId, string>();

  constructor(private readonly pathOf: (format: LogFormatId) => string) {}

  add(format: LogFormatId, u: number, n: number, fields: readonly string[]): void {
    let rows = this.pending.get(format);
    if (!rows) {
      rows = [];
      this.pending.set(format, rows);
    }
    // fields come from a line without separators (see LineSink.forward) or from JSON.stringify
    const row = `${u}${US}${n}${US}${fields.join(US)}\n`;
    rows.push(row);
    const size = (this.sizes.get(format) ?? 0) + row.length;
    this.sizes.set(format, size);
    if (size > 1 << 20) this.flush(format);
  }

  private flush(format: LogFormatId): void {
    const rows = this.pending.get(format);
    if (!rows || rows.length === 0) return;
    let fd = this.fds.get(format);
    if (fd === undefined) {
      const path = this.pathOf(format);
      fd = openSync(path, "a");
      this.fds.set(format, fd);
      this.paths.set(format, path);
    }
    writeSync(fd, rows.join(""));
    this.pending.set(format, []);
    this.sizes.set(format, 0);
  }

  close(): void {
    for (const f of this.pending.keys()) this.flush(f);
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}

/** Called as the scan goes: bytes read and lines seen since the last call. */
export type Progress = (bytes: number, lines: number) => void;

/** Line-by-line state for one unit. */
class LineSink {
  readonly result: UnitResult;
  private readonly reader: LineReader;

  constructor(
    private readonly unit: ScanUnit,
    private readonly out: ForwardFiles,
  ) {
    this.result = { u: unit.u, lines: 0, malformed: 0, forwarded: 0, status401: 0, status404: 0, samples: [], rows: [] };
    this.reader = formatById(unit.format).reader(unit.head, unit.options);
  }

  /** Reads the complete lines of buf[from, to); returns where the unfinished last line starts. */
  lines(buf: Buffer, from: number, to: number, limit: number): number {
    const reader = this.reader;
    const r = this.result;
    let p = from;
    while (p < to) {
      if (p >= limit) return -1;
      const nl = buf.indexOf(10, p);
      if (nl < 0 || nl >= to) break;
      const end = nl > p && buf[nl - 1] === 13 ? nl - 1 : nl;
      r.lines++;
      const s = reader.status(buf, p, end);
      if (s === 403) this.forward(buf, p, end);
      else if (s === LINE.malformed) this.malformed(buf, p, end);
      else if (s === 404) r.status404++;
      else if (s === 401) r.status401++;
      p = nl + 1;
    }
    return p;
  }

  forward(buf: Buffer, start: number, end: number): void {
    let text = buf.toString("utf8", start, end);
    // the bytes that separate stored rows and fields cannot stay inside a line
    if (text.includes(US) || text.includes("\r")) text = text.replaceAll(US, " ").replaceAll("\r", " ");
    const fields = this.reader.forward ? this.reader.forward(text) : [text];
    if (!fields) {
      this.malformed(buf, start, end);
      return;
    }
    this.out.add(this.unit.format, this.unit.u, this.result.lines, fields);
    this.result.forwarded++;
  }

  malformed(buf: Buffer, start: number, end: number): void {
    const r = this.result;
    r.malformed++;
    if (r.samples.length < SAMPLES_PER_UNIT) r.samples.push({ line: r.lines, text: buf.toString("utf8", start, Math.min(end, start + SAMPLE_CHARS)) });
  }
}

// 1 MB reads: the chunk is scanned while it is still in the CPU cache
const CHUNK = 1 << 20;

/** A plain file's byte range, read synchronously in large chunks (the fast path). */
const scanPlain = (unit: ScanUnit, sink: LineSink, progress: Progress): void => {
  const fd = openSync(unit.file, "r");
  try {
    // a small file or range needs no more than its size (plus the line that runs past its end)
    let buf = Buffer.allocUnsafe(Math.min(CHUNK * 2, (unit.end ?? statSync(unit.file).size) - unit.start + 65536));
    let pos = unit.start;
    let carry = 0;
    const limit = unit.end ?? Number.POSITIVE_INFINITY;
    // a range that starts inside a line leaves that line to the range before it
    if (pos > 0) {
      const one = Buffer.alloc(1);
      if (readSync(fd, one, 0, 1, pos - 1) === 1 && one[0] !== 10) {
        for (;;) {
          const n = readSync(fd, buf, 0, buf.length, pos);
          if (n === 0) return;
          const nl = buf.indexOf(10);
          if (nl >= 0 && nl < n) {
            pos += nl + 1;
            break;
          }
          pos += n;
        }
      }
    }
    let base = pos; // file offset of buf[0]
    for (;;) {
      if (carry >= buf.length / 2) {
        const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, carry + CHUNK));
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const n = readSync(fd, buf, carry, Math.min(CHUNK, buf.length - carry), base + carry);
      const to = carry + n;
      if (n === 0) {
        // a last line without a newline
        if (carry > 0 && base < limit) {
          buf[carry] = 10;
          sink.lines(buf, 0, carry + 1, limit - base);
        }
        break;
      }
      const before = sink.result.lines;
      const next = sink.lines(buf, 0, to, limit - base);
      progress(n, sink.result.lines - before);
      if (next < 0) break;
      buf.copy(buf, 0, next, to);
      base += next;
      carry = to - next;
    }
  } finally {
    closeSync(fd);
  }
};

/** A gzip file (or any stream), chunk by chunk. */
const scanStream = async (unit: ScanUnit, sink: LineSink, progress: Progress): Promise<void> => {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of openStream(unit.file, unit.gzip)) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const before = sink.result.lines;
    const next = sink.lines(buf, 0, buf.length, Number.POSITIVE_INFINITY);
    carry = Buffer.from(buf.subarray(next));
    progress(chunk.length, sink.result.lines - before);
  }
  if (carry.length > 0) {
    const last = Buffer.concat([carry, Buffer.from("\n")]);
    sink.lines(last, 0, last.length, Number.POSITIVE_INFINITY);
  }
};

/** CloudTrail: a {"Records": [...]} document, or one record per line. */
const scanDocument = async (unit: ScanUnit, sink: LineSink, out: ForwardFiles, progress: Progress): Promise<void> => {
  const raw = readFileSync(unit.file);
  const bytes = unit.gzip ? gunzipSync(raw) : raw;
  const text = bytes.toString("utf8");
  let records: unknown[] | undefined;
  if (/^\s*\{\s*"Records"/.test(text)) {
    try {
      records = cloudtrailRecords(JSON.parse(text));
    } catch {
      records = undefined;
    }
    if (!records) {
      const r = sink.result;
      r.lines = 1;
      r.malformed = 1;
      r.samples.push({ line: 1, text: text.slice(0, SAMPLE_CHARS) });
      return;
    }
  }
  if (!records) {
    await scanStream(unit, sink, progress);
    return;
  }
  const r = sink.result;
  for (const record of records) {
    r.lines++;
    const s = cloudtrailStatus(record);
    if (s === LINE.malformed) {
      r.malformed++;
      if (r.samples.length < SAMPLES_PER_UNIT) r.samples.push({ line: r.lines, text: JSON.stringify(record).slice(0, SAMPLE_CHARS) });
    } else if (s === 403) {
      out.add(unit.format, unit.u, r.lines, [JSON.stringify(record)]);
      r.forwarded++;
    }
  }
  progress(raw.length, records.length);
};

/** Scans one unit to the end; its forwarded lines go to files in `dir`, closed when it is done. */
export const scanUnit = async (unit: ScanUnit, dir: string, progress: Progress = () => undefined): Promise<UnitResult> => {
  const out = new ForwardFiles((format) => join(dir, `u${unit.u}-${format}.rows`));
  const sink = new LineSink(unit, out);
  try {
    if (formatById(unit.format).document) await scanDocument(unit, sink, out, progress);
    else if (unit.gzip) await scanStream(unit, sink, progress);
    else scanPlain(unit, sink, progress);
  } finally {
    out.close();
  }
  sink.result.rows = [...out.paths.entries()];
  return sink.result;
};
