// The streaming pass over every line: counts lines, malformed lines and neighbour statuses, and
// forwards the 403 lines (a few percent of a log) to DuckDB, which does everything else. It
// reads raw bytes and asks each format only for a line's status, so most lines cost a few
// byte comparisons; it runs in worker threads on byte ranges of large files.
import { closeSync, openSync, readFileSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { gunzipSync } from "node:zlib";
import { cloudtrailRecords, cloudtrailStatus } from "./formats/cloudtrail.js";
import { LINE, type LineReader, type LogFormatId, type ReaderOptions } from "./formats/format.js";
import { formatById } from "./formats/index.js";
import { openStream } from "./files.js";
import { LineKernel } from "./line-kernel.js";

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
  /** false: keep to the JavaScript readers even where the WebAssembly kernel could read the lines. */
  kernel?: boolean;
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
  /** Where the lines of rows without their line are (their `at` offsets), when not in the unit's own file. */
  rawFile?: string;
  /** The thread that scanned the unit (worker_threads' threadId; 0 is the main thread). */
  thread: number;
}

const SAMPLES_PER_UNIT = 3;
/** The unit separator between the fields of a stored row. */
const US = "\u001f";
const US_BYTE = 0x1f;
const SAMPLE_CHARS = 300;
const ROWS_BUFFER = 1 << 20;
/** The most fields a reader parses from a line (ALB and CloudFront have the most, about 35). */
const MAX_FIELDS = 64;

/** A non-negative integer's decimal digits at out[o]; returns the offset after them. */
const writeDigits = (out: Buffer, o: number, v: number): number => {
  if (v < 10) {
    out[o] = 48 + v;
    return o + 1;
  }
  let len = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) len++;
  for (let i = o + len - 1; i >= o; i--) {
    out[i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return o + len;
};

/**
 * Where a unit's forwarded lines go: one text file per format, rows `u \x1f n \x1f at \x1f line`
 * or, for formats that store parsed fields, `u \x1f n \x1f at \x1f field \x1f field …` (at: the
 * byte offset where the line can be read back; empty when the row holds the line).
 */
export class ForwardFiles {
  private readonly fds = new Map<LogFormatId, number>();
  /** Rows are encoded straight into one buffer per format, written out when it fills. */
  private readonly pending = new Map<LogFormatId, { buf: Buffer; used: number }>();
  readonly paths = new Map<LogFormatId, string>();

  constructor(private readonly pathOf: (format: LogFormatId) => string) {}

  add(format: LogFormatId, u: number, n: number, at: number | undefined, fields: readonly string[]): void {
    // fields come from a line without separators (see LineSink.forward) or from JSON.stringify
    const row = `${u}${US}${n}${US}${at ?? ""}${US}${fields.join(US)}\n`;
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    const p = this.room(format, row.length * 3);
    p.used += p.buf.write(row, p.used);
  }

  /**
   * The same row with fields copied as bytes from buf: field k is buf[ranges[2k], ranges[2k+1]).
   * The caller vouches that the bytes are ASCII without separators (what the text path ensures).
   */
  addRanges(format: LogFormatId, u: number, n: number, at: number | undefined, buf: Buffer, ranges: Int32Array, count: number): void {
    let need = 48 + count;
    for (let k = 0; k < count; k++) need += ranges[2 * k + 1]! - ranges[2 * k]!;
    const p = this.room(format, need);
    const out = p.buf;
    let o = writeDigits(out, p.used, u);
    out[o++] = US_BYTE;
    o = writeDigits(out, o, n);
    out[o++] = US_BYTE;
    if (at !== undefined) o = writeDigits(out, o, at);
    for (let k = 0; k < count; k++) {
      out[o++] = US_BYTE;
      // a byte loop: most fields are a few bytes, where a native copy costs more than it moves
      for (let i = ranges[2 * k]!, end = ranges[2 * k + 1]!; i < end; i++) out[o++] = buf[i]!;
    }
    out[o++] = 10;
    p.used = o;
  }

  /** Rows already encoded (by the line kernel). */
  addBytes(format: LogFormatId, rows: Buffer): void {
    const p = this.room(format, rows.length);
    p.used += rows.copy(p.buf, p.used);
  }

  /** The pending buffer of a format, with room for `bytes` more. */
  private room(format: LogFormatId, bytes: number): { buf: Buffer; used: number } {
    let p = this.pending.get(format);
    if (!p) {
      p = { buf: Buffer.allocUnsafe(Math.max(ROWS_BUFFER, bytes)), used: 0 };
      this.pending.set(format, p);
    }
    if (p.used + bytes > p.buf.length) {
      this.flush(format, p);
      if (bytes > p.buf.length) p.buf = Buffer.allocUnsafe(bytes);
    }
    return p;
  }

  private flush(format: LogFormatId, p: { buf: Buffer; used: number }): void {
    if (p.used === 0) return;
    let fd = this.fds.get(format);
    if (fd === undefined) {
      const path = this.pathOf(format);
      fd = openSync(path, "a");
      this.fds.set(format, fd);
      this.paths.set(format, path);
    }
    writeSync(fd, p.buf, 0, p.used);
    p.used = 0;
  }

  close(): void {
    for (const [f, p] of this.pending) this.flush(f, p);
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}

/** Lines copied to a file as they are, each followed by a newline; append returns its offset. */
class RawLines {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(ROWS_BUFFER);
  private used = 0;
  private written = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  append(src: Buffer, start: number, end: number): number {
    const at = this.written + this.used;
    const len = end - start + 1;
    if (this.used + len > this.buf.length) this.flush();
    if (len > this.buf.length) {
      writeSync(this.fd, src, start, end - start);
      writeSync(this.fd, NEWLINE);
      this.written += len;
    } else {
      this.used += src.copy(this.buf, this.used, start, end);
      this.buf[this.used++] = 10;
    }
    return at;
  }

  private flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buf, 0, this.used);
    this.written += this.used;
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
const NEWLINE = Buffer.from("\n");

/** Called as the scan goes: bytes read and lines seen since the last call. */
export type Progress = (bytes: number, lines: number) => void;

// 1 MB reads: the chunk is scanned while it is still in the CPU cache
const CHUNK = 1 << 20;

/** Line-by-line state for one unit. */
class LineSink {
  readonly result: UnitResult;
  private readonly reader: LineReader;
  /** Reads the lines when the format describes their shape; chunks then go into its memory. */
  private readonly kernel: LineKernel | undefined;
  /** Field byte ranges of the line being forwarded (see LineReader.forwardRanges). */
  private readonly ranges = new Int32Array(2 * MAX_FIELDS);
  /** The format stores parsed fields only: rows say where their line is instead. */
  private readonly fieldsOnly: boolean;
  /** Which of the parsed fields are stored (indexes into the reader's fields), when not all are. */
  private readonly kept: Int32Array | undefined;
  /** The kept fields' byte ranges. */
  private readonly keptRanges = new Int32Array(2 * MAX_FIELDS);
  /** File offset of buf[0] when reading a plain file; undefined for a stream. */
  base: number | undefined;
  /** A stream's lines of fields-only rows, copied where they can be read back. */
  private raw: RawLines | undefined;
  /** The kernel writes the rows of most 403 lines itself when it can reach every stored field (see LineShape.rows). */
  private readonly rowColumns: Uint8Array | undefined;

  constructor(
    private readonly unit: ScanUnit,
    private readonly out: ForwardFiles,
    bufferSize: number,
    private readonly rawPath: string,
  ) {
    this.result = { u: unit.u, lines: 0, malformed: 0, forwarded: 0, status401: 0, status404: 0, samples: [], rows: [], thread: threadId };
    const format = formatById(unit.format);
    this.reader = format.reader(unit.head, unit.options);
    this.kernel = unit.kernel === false ? undefined : LineKernel.create(this.reader.shape, bufferSize);
    const { storedFields, keptFields } = format.sql;
    this.fieldsOnly = storedFields !== undefined;
    if (storedFields && keptFields && keptFields.length < storedFields.length) this.kept = Int32Array.from(keptFields, (f) => storedFields.indexOf(f));
    if (this.kernel && storedFields) this.rowColumns = LineKernel.rowColumns(this.reader.shape, this.kept ? [...this.kept] : storedFields.map((_, i) => i));
  }

  /** Where line buf[start, end) can be read back, for a fields-only row. */
  private rawAt(buf: Buffer, start: number, end: number): number | undefined {
    if (!this.fieldsOnly) return undefined;
    if (this.base !== undefined) return this.base + start;
    this.raw ??= new RawLines(this.rawPath);
    return this.raw.append(buf, start, end);
  }

  /** The file a stream's lines went to, if any. */
  get rawFile(): string | undefined {
    return this.raw?.path;
  }

  /** Done with the kernel's memory (another scan of this thread may take it) and the raw lines file. */
  close(): void {
    this.kernel?.release();
    this.raw?.close();
  }

  /** The buffer to read chunks into. */
  buffer(size: number): Buffer {
    return this.kernel ? this.kernel.buffer : Buffer.allocUnsafe(size);
  }

  /** A bigger buffer with the first `keep` bytes of buf; buf must not be used after. */
  grow(buf: Buffer, size: number, keep: number): Buffer {
    if (this.kernel?.owns(buf)) return this.kernel.grow(size);
    const bigger = Buffer.allocUnsafe(size);
    buf.copy(bigger, 0, 0, keep);
    return bigger;
  }

  /** Reads the complete lines of buf[from, to); returns where the unfinished last line starts (-1: past the limit). */
  lines(buf: Buffer, from: number, to: number, limit: number): number {
    if (this.kernel?.owns(buf)) return this.kernelLines(this.kernel, buf, from, to, limit);
    const reader = this.reader;
    const r = this.result;
    let p = from;
    while (p < to) {
      if (p >= limit) return -1;
      const nl = buf.indexOf(10, p);
      if (nl < 0 || nl >= to) break;
      const end = nl > p && buf[nl - 1] === 13 ? nl - 1 : nl;
      r.lines++;
      this.take(reader.status(buf, p, end), buf, p, end);
      p = nl + 1;
    }
    return p;
  }

  /** The input ended with buf[0, carry) unfinished: that is its last line (the buffer has a byte to spare). */
  lastLine(buf: Buffer, carry: number, limit: number): void {
    buf[carry] = 10;
    this.lines(buf, 0, carry + 1, limit);
  }

  /** The kernel counts the lines; this sees only 403s and the lines it is unsure of. */
  private kernelLines(kernel: LineKernel, buf: Buffer, from: number, to: number, limit: number): number {
    const r = this.result;
    let p = from;
    for (;;) {
      // rows need the line's file offset: plain files only (a stream's lines are copied aside)
      const rows = this.rowColumns && this.base !== undefined ? { keep: this.rowColumns, u: this.unit.u, firstLine: r.lines + 1, offset: this.base } : undefined;
      const pass = kernel.scan(p, to, limit, rows);
      if (pass.rows > 0) {
        this.out.addBytes(this.unit.format, kernel.rowBytes(pass.rowBytes));
        r.forwarded += pass.rows;
      }
      const base = r.lines;
      for (let i = 0; i < pass.records; i++) {
        const [start, end, line, status] = kernel.record(i);
        r.lines = base + line + 1;
        this.take(status === 403 ? 403 : this.reader.status(buf, start, end), buf, start, end);
      }
      r.lines = base + pass.lines;
      r.status401 += pass.status401;
      r.status404 += pass.status404;
      if (pass.pastLimit) return -1;
      if (!pass.full) return pass.stop;
      p = pass.stop;
    }
  }

  /** Counts or forwards line r.lines, whose status is s. */
  private take(s: number, buf: Buffer, start: number, end: number): void {
    if (s === 403) this.forward(buf, start, end);
    else if (s === LINE.malformed) this.malformed(buf, start, end);
    else if (s === 404) this.result.status404++;
    else if (s === 401) this.result.status401++;
  }

  forward(buf: Buffer, start: number, end: number): void {
    let count = this.reader.forwardRanges?.(buf, start, end, this.ranges) ?? 0;
    if (count > 0) {
      let ranges = this.ranges;
      if (this.kept) {
        // a field the line does not have is empty, as in the text path
        const kept = this.kept;
        const out = this.keptRanges;
        for (let j = 0; j < kept.length; j++) {
          const i = kept[j]!;
          out[2 * j] = i < count ? ranges[2 * i]! : 0;
          out[2 * j + 1] = i < count ? ranges[2 * i + 1]! : 0;
        }
        ranges = out;
        count = kept.length;
      }
      this.out.addRanges(this.unit.format, this.unit.u, this.result.lines, this.rawAt(buf, start, end), buf, ranges, count);
    } else {
      let text = buf.toString("utf8", start, end);
      // the bytes that separate stored rows and fields cannot stay inside a line
      if (text.includes(US) || text.includes("\r")) text = text.replaceAll(US, " ").replaceAll("\r", " ");
      const parsed = this.reader.forward ? this.reader.forward(text) : [text];
      if (!parsed) {
        this.malformed(buf, start, end);
        return;
      }
      const fields = this.kept ? Array.from(this.kept, (i) => parsed[i] ?? "") : parsed;
      this.out.add(this.unit.format, this.unit.u, this.result.lines, this.rawAt(buf, start, end), fields);
    }
    this.result.forwarded++;
  }

  malformed(buf: Buffer, start: number, end: number): void {
    const r = this.result;
    r.malformed++;
    if (r.samples.length < SAMPLES_PER_UNIT) r.samples.push({ line: r.lines, text: buf.toString("utf8", start, Math.min(end, start + SAMPLE_CHARS)) });
  }
}

/** A plain file's byte range, read synchronously in large chunks (the fast path). */
const scanPlain = (unit: ScanUnit, sink: LineSink, size: number, progress: Progress): void => {
  const fd = openSync(unit.file, "r");
  try {
    let buf = sink.buffer(size);
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
      if (carry >= buf.length / 2) buf = sink.grow(buf, Math.max(buf.length * 2, carry + CHUNK), carry);
      const n = readSync(fd, buf, carry, Math.min(CHUNK, buf.length - carry), base + carry);
      const to = carry + n;
      if (n === 0) {
        // a last line without a newline
        sink.base = base;
        if (carry > 0 && base < limit) sink.lastLine(buf, carry, limit - base);
        break;
      }
      const before = sink.result.lines;
      sink.base = base;
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

/** A gzip file (or any stream), chunk by chunk, into one buffer that keeps the unfinished line. */
const scanStream = async (unit: ScanUnit, sink: LineSink, progress: Progress): Promise<void> => {
  let buf = sink.buffer(CHUNK * 2);
  let carry = 0;
  for await (const chunk of openStream(unit.file, unit.gzip)) {
    if (carry + chunk.length + 1 > buf.length) buf = sink.grow(buf, Math.max(buf.length * 2, carry + chunk.length + 1), carry);
    chunk.copy(buf, carry);
    const to = carry + chunk.length;
    const before = sink.result.lines;
    const next = sink.lines(buf, 0, to, Number.POSITIVE_INFINITY);
    progress(chunk.length, sink.result.lines - before);
    buf.copy(buf, 0, next, to);
    carry = to - next;
  }
  if (carry > 0) sink.lastLine(buf, carry, Number.POSITIVE_INFINITY);
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
      out.add(unit.format, unit.u, r.lines, undefined, [JSON.stringify(record)]);
      r.forwarded++;
    }
  }
  progress(raw.length, records.length);
};

/** Scans one unit to the end; its forwarded lines go to files in `dir`, closed when it is done. */
export const scanUnit = async (unit: ScanUnit, dir: string, progress: Progress = () => undefined): Promise<UnitResult> => {
  const out = new ForwardFiles((format) => join(dir, `u${unit.u}-${format}.rows`));
  const document = formatById(unit.format).document;
  const plain = !document && !unit.gzip;
  // a small file or range needs no more than its size (plus the line that runs past its end)
  const size = plain ? Math.min(CHUNK * 2, (unit.end ?? statSync(unit.file).size) - unit.start + 65536) : CHUNK * 2;
  const sink = new LineSink(unit, out, size, join(dir, `u${unit.u}-${unit.format}.raw`));
  try {
    if (document) await scanDocument(unit, sink, out, progress);
    else if (unit.gzip) await scanStream(unit, sink, progress);
    else scanPlain(unit, sink, size, progress);
  } finally {
    out.close();
    sink.close();
  }
  sink.result.rows = [...out.paths.entries()];
  if (sink.rawFile) sink.result.rawFile = sink.rawFile;
  return sink.result;
};
