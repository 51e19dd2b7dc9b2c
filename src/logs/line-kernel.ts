// The WebAssembly line kernel (wasm/line-kernel.ts): loads it and lends its memory to the scan.
// The scan reads file chunks straight into that memory, so the kernel sees them without a copy.
// When the compiled kernel is missing (a source checkout not built with build:kernel), or a
// format gives no shape, the scan keeps to the formats' JavaScript readers: same answers, slower.
import { readFileSync } from "node:fs";
import { besideModule } from "./beside-module.js";
import { digits3 } from "./formats/format.js";

/** How a line's fields run up to its status; each format that can, describes its lines so. */
export interface LineShape {
  /** The byte between fields: 32 (space) or 9 (tab). */
  sep: number;
  /** The fields before the status. */
  fields: readonly FieldKind[];
  /** Whether the status may be the last field of a line. */
  statusEndsLine: boolean;
  /**
   * The kernel may write the rows of 403 lines itself: stored field j is the walk's field
   * columns[j] (fields.length: the status), plain and bracketed fields are non-empty, and with
   * fieldAfterStatus a non-empty field follows the status. A format sets this only when its
   * forwardRanges give the same fields for every printable-ASCII line without a backslash.
   */
  rows?: { columns: readonly number[]; fieldAfterStatus: boolean };
}

/** Field kinds, as the kernel numbers them. */
export const FIELD = { plain: 0, bracketed: 1, quoted: 2, date: 3, quotedNoEscapeOrDash: 4 } as const;
export type FieldKind = (typeof FIELD)[keyof typeof FIELD];

const QUOTE = 34;
const DASH = 45;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;

/**
 * The kernel's walk in JavaScript, for one line buf[start, end) (no newline, no CR): the status
 * after the shape's fields, or -1 when the line does not fit the shape. Readers try it first, so
 * a line gets the same status whichever of the two reads it.
 */
export const shapeStatus = (shape: LineShape, buf: Buffer, start: number, end: number): number => {
  const sep = shape.sep;
  let p = start;
  for (const kind of shape.fields) {
    if (kind === FIELD.plain) {
      p = buf.indexOf(sep, p);
      if (p < 0 || p >= end) return -1;
      p++;
    } else if (kind === FIELD.quoted) {
      if (p >= end || buf[p] !== QUOTE) return -1;
      p = buf.indexOf(QUOTE, p + 1);
      while (p >= 0 && p < end && buf[p - 1] === BACKSLASH) p = buf.indexOf(QUOTE, p + 1);
      if (p < 0 || p + 1 >= end || buf[p + 1] !== sep) return -1;
      p += 2;
    } else if (kind === FIELD.quotedNoEscapeOrDash) {
      if (p >= end) return -1;
      if (buf[p] === DASH) p++;
      else if (buf[p] === QUOTE) {
        p = buf.indexOf(QUOTE, p + 1);
        if (p < 0 || p >= end) return -1;
        p++;
      } else return -1;
      if (p >= end || buf[p] !== sep) return -1;
      p++;
    } else if (kind === FIELD.bracketed) {
      if (p >= end || buf[p] !== LBRACKET) return -1;
      p = buf.indexOf(RBRACKET, p + 1);
      if (p < 0 || p + 1 >= end || buf[p + 1] !== sep) return -1;
      p += 2;
    } else {
      if (p + 10 >= end || buf[p + 4] !== DASH || buf[p + 7] !== DASH || buf[p + 10] !== sep) return -1;
      for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigit(buf[p + i]!)) return -1;
      p += 11;
    }
  }
  const status = p + 3 <= end ? digits3(buf, p) : -1;
  if (status < 100) return -1;
  if (p + 3 === end ? !shape.statusEndsLine : buf[p + 3] !== sep) return -1;
  return status;
};

const isDigit = (b: number): boolean => b >= 48 && b <= 57;

/** A reader's status: the shape's walk, and `otherwise` for lines that do not fit it. */
export const shapedStatus =
  (shape: LineShape, otherwise: (buf: Buffer, start: number, end: number) => number) =>
  (buf: Buffer, start: number, end: number): number => {
    const s = shapeStatus(shape, buf, start, end);
    return s >= 0 ? s : otherwise(buf, start, end);
  };

interface KernelExports {
  scan(
    from: number, to: number, limit: number, shape: number, fields: number, sep: number, statusEndsLine: number, out: number, capacity: number,
    keep: number, keepCount: number, fieldAfterStatus: number, ranges: number, rows: number, rowsCapacity: number, u: number, lineBase: number, atBase: number,
  ): number;
  resultRowBytes(): number;
  resultRows(): number;
  resultRowsFull(): number;
  resultLines(): number;
  result401(): number;
  result404(): number;
  resultStop(): number;
  resultPastLimit(): number;
}

/** One pass of the kernel over buf[from, to). */
export interface KernelPass {
  /** Lines for the caller: records(i) = [start, end, line index in this pass, status or -1]. */
  records: number;
  lines: number;
  status401: number;
  status404: number;
  /** Where the next pass starts (the unfinished last line, or the first line not read). */
  stop: number;
  /** The pass stopped at a line that starts at or after the limit. */
  pastLimit: boolean;
  /** The records or the rows area filled up: call again from `stop`. */
  full: boolean;
  /** Rows the kernel wrote itself (see LineKernel.rows), and their bytes. */
  rows: number;
  rowBytes: number;
}

/** Where the kernel writes the rows of a unit's 403 lines itself: the unit, line numbers and file offsets. */
export interface KernelRows {
  /** Walk positions of the stored fields to write, in order (see LineShape.rows). */
  keep: Uint8Array;
  u: number;
  /** The line number of the pass's first line. */
  firstLine: number;
  /** File offset of the input buffer's first byte. */
  offset: number;
}

const SHAPE_AT = 0;
/** Shapes have at most this many fields: the walk's field ranges (fields + status) fill RANGES_AT. */
const MAX_SHAPE_FIELDS = 31;
const KEEP_AT = 32;
const RANGES_AT = 64;
const RECORDS_AT = RANGES_AT + (MAX_SHAPE_FIELDS + 1) * 8;
const RECORD_CAPACITY = 1 << 16;
const ROWS_AT = RECORDS_AT + RECORD_CAPACITY * 16;
const ROWS_CAPACITY = 1 << 20;
/** Input starts after the records and rows, 16-byte aligned. */
const INPUT_AT = ROWS_AT + ROWS_CAPACITY;
/** The kernel reads up to 63 bytes past the end of the input. */
const SLACK = 64;
const PAGE = 65536;
const NO_LIMIT = 0xffffffff;

let compiled: WebAssembly.Module | null | undefined;
const kernelModule = (): WebAssembly.Module | null => {
  if (compiled === undefined) {
    try {
      const url = besideModule("line-kernel.wasm");
      compiled = url ? new WebAssembly.Module(readFileSync(url)) : null;
    } catch {
      // a damaged file or a runtime without wasm SIMD: the JavaScript readers do the work
      compiled = null;
    }
  }
  return compiled;
};

/** Whether the compiled kernel can be used in this process. */
export const kernelAvailable = (): boolean => kernelModule() !== null;

/** A kernel instance with its memory; reused, since every new wasm memory reserves gigabytes of address space. */
class KernelMemory {
  readonly memory: WebAssembly.Memory;
  readonly k: KernelExports;
  view: Buffer;
  records: Int32Array;

  constructor(module: WebAssembly.Module, size: number) {
    this.memory = new WebAssembly.Memory({ initial: Math.ceil((INPUT_AT + size + SLACK) / PAGE) });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory, abort: () => undefined } });
    this.k = instance.exports as unknown as KernelExports;
    this.view = Buffer.from(this.memory.buffer, INPUT_AT, size);
    this.records = new Int32Array(this.memory.buffer, RECORDS_AT, RECORD_CAPACITY * 4);
  }

  /** The input buffer as `size` bytes, growing the memory if need be; its contents stay. */
  resize(size: number): Buffer {
    const need = INPUT_AT + size + SLACK - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
    this.view = Buffer.from(this.memory.buffer, INPUT_AT, size);
    this.records = new Int32Array(this.memory.buffer, RECORDS_AT, RECORD_CAPACITY * 4);
    return this.view;
  }
}

const KEEP_AT_MOST = 16 * 1024 * 1024;
/** Instances not in use by a scan of this thread (scans may overlap when a library caller runs two). */
const idle: KernelMemory[] = [];

export class LineKernel {
  private constructor(
    private readonly mem: KernelMemory,
    private readonly shape: LineShape,
  ) {}

  /** A kernel for lines of this shape with an input buffer of `size` bytes; undefined when there is no kernel. */
  static create(shape: LineShape | undefined, size: number): LineKernel | undefined {
    const module = kernelModule();
    if (!module || !shape || shape.fields.length > MAX_SHAPE_FIELDS) return undefined;
    const mem = idle.pop() ?? new KernelMemory(module, size);
    mem.resize(size);
    return new LineKernel(mem, shape);
  }

  /** Gives the memory back for the next scan; this kernel and its buffers must not be used after. */
  release(): void {
    // a memory grown for a huge line is left to the garbage collector (wasm memories never shrink)
    if (this.mem.memory.buffer.byteLength <= KEEP_AT_MOST) idle.push(this.mem);
  }

  /** The input buffer (file chunks are read into it). */
  get buffer(): Buffer {
    return this.mem.view;
  }

  /** Grows the input buffer to `size` bytes; its contents stay. The old Buffer must not be used after. */
  grow(size: number): Buffer {
    return this.mem.resize(size);
  }

  owns(buf: Buffer): boolean {
    return buf === this.mem.view;
  }

  /**
   * Scans the complete lines of buffer[from, to); lines that start at or after `limit` are left.
   * With `rows`, the 403 lines the kernel can write as rows itself are not records: read them
   * with rowBytes() after the pass.
   */
  scan(from: number, to: number, limit: number, rows?: KernelRows): KernelPass {
    const { shape, mem } = this;
    const k = mem.k;
    const head = new Uint8Array(mem.memory.buffer, 0, RANGES_AT);
    head.set(shape.fields, SHAPE_AT);
    if (rows) head.set(rows.keep, KEEP_AT);
    const lim = limit > to ? NO_LIMIT : INPUT_AT + limit;
    const records = k.scan(
      INPUT_AT + from, INPUT_AT + to, lim, SHAPE_AT, shape.fields.length, shape.sep, shape.statusEndsLine ? 1 : 0, RECORDS_AT, RECORD_CAPACITY,
      KEEP_AT, rows?.keep.length ?? 0, shape.rows?.fieldAfterStatus ? 1 : 0, RANGES_AT, ROWS_AT, ROWS_CAPACITY, rows?.u ?? 0, rows?.firstLine ?? 0, (rows?.offset ?? 0) - INPUT_AT,
    );
    return {
      records,
      lines: k.resultLines(),
      status401: k.result401(),
      status404: k.result404(),
      stop: k.resultStop() - INPUT_AT,
      pastLimit: k.resultPastLimit() === 1,
      full: records === RECORD_CAPACITY || k.resultRowsFull() === 1,
      rows: k.resultRows(),
      rowBytes: k.resultRowBytes(),
    };
  }

  /** The rows the last pass wrote (valid until the next pass). */
  rowBytes(bytes: number): Buffer {
    return Buffer.from(this.mem.memory.buffer, ROWS_AT, bytes);
  }

  /**
   * The walk positions of a format's stored fields `fields` (indexes into its stored fields), if
   * the kernel can write them all; distinct, so that a row is never longer than its line plus the
   * kernel's allowance for numbers and separators.
   */
  static rowColumns(shape: LineShape | undefined, fields: readonly number[]): Uint8Array | undefined {
    const columns = shape?.rows?.columns;
    if (!columns || fields.length === 0 || fields.length > RANGES_AT - KEEP_AT || fields.some((f) => f >= columns.length)) return undefined;
    const keep = Uint8Array.from(fields, (f) => columns[f]!);
    return new Set(keep).size === keep.length ? keep : undefined;
  }

  /** Record i of the last pass: start and end (buffer offsets), line index in the pass, status or -1. */
  record(i: number): [start: number, end: number, line: number, status: number] {
    const r = this.mem.records;
    const at = i * 4;
    return [r[at]! - INPUT_AT, r[at + 1]! - INPUT_AT, r[at + 2]!, r[at + 3]!];
  }
}
