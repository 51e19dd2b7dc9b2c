// AssemblyScript, compiled to WebAssembly (SIMD) by `npm run build:kernel`.
//
// The hot loop of `why403 logs`: walks each line of a chunk field by field, as a shape tells it
// (plain, [bracketed], "quoted", YYYY-MM-DD date), reads the 3-digit status that follows and
// finds the newline, all with 16-byte vector searches. Per line it costs a few vector compares
// instead of several calls from JavaScript into Buffer.indexOf; that is what lets one pass over
// a 10-million-line log run near the speed of `wc -l`.
//
// It never decides anything it is unsure of: a line the shape does not fit is handed back to
// the format's JavaScript reader (status -1), as are 403 lines, which are parsed and stored.

const NL: u8 = 10;
const CR: u8 = 13;
const QUOTE: u8 = 34;
const DASH: u8 = 45;
const LBRACKET: u8 = 91;
const BACKSLASH: u8 = 92;
const RBRACKET: u8 = 93;

/** Field kinds of a shape (one byte each). */
const PLAIN: u8 = 0;
const BRACKETED: u8 = 1;
const QUOTED: u8 = 2;
const DATE: u8 = 3;
/** Quoted with no escapes (S3's request URI), or a lone "-". */
const QUOTED_OR_DASH: u8 = 4;

/** The answer to a shape that does not fit: the caller's reader decides. */
const UNSURE: i32 = -1;

let lines: i32 = 0;
let count401: i32 = 0;
let count404: i32 = 0;
let stoppedAt: usize = 0;
let pastLimit: i32 = 0;
/** Where statusAt stopped reading (the newline search starts there). */
let walked: usize = 0;

export function resultLines(): i32 {
  return lines;
}
export function result401(): i32 {
  return count401;
}
export function result404(): i32 {
  return count404;
}
export function resultStop(): usize {
  return stoppedAt;
}
export function resultPastLimit(): i32 {
  return pastLimit;
}

/**
 * The first byte equal to c in [p, end), or end. Reads up to 63 bytes past end. 64 bytes a turn:
 * it finds the newline at the end of a line, usually 40-200 bytes on, with fewer loop branches
 * (the kernel alone over 200 MB of nginx lines, best of 12: 32 bytes a turn 78-80 ms, 64: 72-74).
 */
// @ts-ignore: decorator
@inline function find1(p: usize, end: usize, c: u8): usize {
  const vc = i8x16.splat(<i8>c);
  while (p < end) {
    let m = <u64>(<u32>i8x16.bitmask(i8x16.eq(v128.load(p), vc)) | (<u32>i8x16.bitmask(i8x16.eq(v128.load(p, 16), vc)) << 16))
      | (<u64>(<u32>i8x16.bitmask(i8x16.eq(v128.load(p, 32), vc)) | (<u32>i8x16.bitmask(i8x16.eq(v128.load(p, 48), vc)) << 16)) << 32);
    const left = end - p;
    if (left < 64) m &= (<u64>1 << <u64>left) - 1;
    if (m) return p + <usize>ctz(m);
    p += 64;
  }
  return end;
}

/** The first byte equal to a or b in [p, end), or end. Reads up to 15 bytes past end. */
// @ts-ignore: decorator
@inline function find2(p: usize, end: usize, a: u8, b: u8): usize {
  const va = i8x16.splat(<i8>a);
  const vb = i8x16.splat(<i8>b);
  while (p < end) {
    const v = v128.load(p);
    let m = i8x16.bitmask(v128.or(i8x16.eq(v, va), i8x16.eq(v, vb)));
    const left = end - p;
    if (left < 16) m &= (1 << <i32>left) - 1;
    if (m) return p + <usize>ctz(m);
    p += 16;
  }
  return end;
}

// @ts-ignore: decorator
@inline function isDigit(p: usize): bool {
  return <u32>(<i32>load<u8>(p) - 48) <= 9;
}

/** p at an opening quote: the position after the closing one (not escaped by a backslash), or 0. */
// @ts-ignore: decorator
@inline function skipQuoted(p: usize, to: usize): usize {
  p = find2(p + 1, to, QUOTE, NL);
  while (p < to && load<u8>(p) == QUOTE && load<u8>(p - 1) == BACKSLASH) p = find2(p + 1, to, QUOTE, NL);
  return p < to && load<u8>(p) == QUOTE ? p + 1 : 0;
}

/** The status of the line at p by shape, or UNSURE; sets `walked`. */
function statusAt(p: usize, to: usize, shape: usize, fields: i32, sep: u8, statusEndsLine: i32): i32 {
  walked = p;
  for (let f = 0; f < fields; f++) {
    const kind = load<u8>(shape + f);
    if (kind == PLAIN) {
      p = find2(p, to, sep, NL);
      if (p >= to || load<u8>(p) != sep) return UNSURE;
      p++;
    } else if (kind == QUOTED) {
      if (load<u8>(p) != QUOTE) return UNSURE;
      p = skipQuoted(p, to);
      if (p == 0 || load<u8>(p) != sep) return UNSURE;
      p++;
    } else if (kind == QUOTED_OR_DASH) {
      if (load<u8>(p) == DASH) p++;
      else if (load<u8>(p) == QUOTE) {
        p = find2(p + 1, to, QUOTE, NL);
        if (p >= to || load<u8>(p) != QUOTE) return UNSURE;
        p++;
      } else return UNSURE;
      if (load<u8>(p) != sep) return UNSURE;
      p++;
    } else if (kind == BRACKETED) {
      if (load<u8>(p) != LBRACKET) return UNSURE;
      p = find2(p + 1, to, RBRACKET, NL);
      if (p >= to || load<u8>(p) != RBRACKET || load<u8>(p + 1) != sep) return UNSURE;
      p += 2;
    } else if (kind == DATE) {
      // every byte checked, so the walk never runs over a newline
      if (load<u8>(p + 4) != DASH || load<u8>(p + 7) != DASH || load<u8>(p + 10) != sep) return UNSURE;
      if (!isDigit(p) || !isDigit(p + 1) || !isDigit(p + 2) || !isDigit(p + 3)) return UNSURE;
      if (!isDigit(p + 5) || !isDigit(p + 6) || !isDigit(p + 8) || !isDigit(p + 9)) return UNSURE;
      p += 11;
    } else return UNSURE;
  }
  const a = <i32>load<u8>(p) - 48;
  const b = <i32>load<u8>(p + 1) - 48;
  const c = <i32>load<u8>(p + 2) - 48;
  if (<u32>(a - 1) > 8 || <u32>b > 9 || <u32>c > 9) return UNSURE;
  const after = load<u8>(p + 3);
  if (after != sep && !(statusEndsLine && (after == NL || (after == CR && load<u8>(p + 4) == NL)))) return UNSURE;
  walked = p + 3;
  return a * 100 + b * 10 + c;
}

// ---- Rows: a 403 line of a format whose walk yields its stored fields is written out here ----
//
// The JavaScript side turned each 403 line into a row byte by byte (field ranges, then digits and
// separators); for nginx that cost as much as the kernel's whole walk. The kernel writes the row
// itself, but only for lines where the format's JavaScript ranges (combinedRanges) provably agree:
// printable ASCII without a backslash (no escapes to interpret), non-empty plain and bracketed
// fields, and, when the format asks, a non-empty field after the status. Any other 403 line is
// handed back as a record, as before.

const US: u8 = 0x1f;
/** A row's bytes beyond its fields: u, n and at (at most 10 + 10 + 20 digits), 3 separators, the newline; plus one separator a field. */
const ROW_OVERHEAD: usize = 44;

let rowsUsed: usize = 0;
let rowsCount: i32 = 0;
let rowsFull: i32 = 0;

export function resultRowBytes(): i32 {
  return <i32>rowsUsed;
}
export function resultRows(): i32 {
  return rowsCount;
}
export function resultRowsFull(): i32 {
  return rowsFull;
}

/** Whether [p, end) holds only printable ASCII other than a backslash. Reads up to 15 bytes past end. */
// @ts-ignore: decorator
@inline function plainText(p: usize, end: usize): bool {
  const lo = i8x16.splat(0x20);
  const hi = i8x16.splat(0x7e);
  const bs = i8x16.splat(<i8>BACKSLASH);
  while (p < end) {
    const v = v128.load(p);
    let m = i8x16.bitmask(v128.or(v128.or(i8x16.lt_u(v, lo), i8x16.gt_u(v, hi)), i8x16.eq(v, bs)));
    const left = end - p;
    if (left < 16) m &= (1 << <i32>left) - 1;
    if (m) return false;
    p += 16;
  }
  return true;
}

/** v's decimal digits at o; returns the position after them. */
function writeDigits(o: usize, v: u64): usize {
  let len: usize = 1;
  for (let t = v; t >= 10; t /= 10) len++;
  let i = o + len;
  do {
    store<u8>(--i, <u8>(48 + <u32>(v % 10)));
    v /= 10;
  } while (i > o);
  return o + len;
}

/**
 * The row of line [p, end) at o: u, n, at, then the kept fields (`keep` lists distinct walk
 * positions: a field index, or `fields` for the status), separated by 0x1f, ending in a newline.
 * 0 when the line is not one the kernel may write (see above). `ranges` is scratch room for
 * 2*(fields+1) i32. It walks the line again: noting every field's end in statusAt would cost on
 * every line, and only 403s get here.
 */
function writeRow(p: usize, end: usize, shape: usize, fields: i32, sep: u8, keep: usize, keepCount: i32, fieldAfterStatus: i32, ranges: usize, o: usize, u: i32, n: i32, at: f64): usize {
  if (!plainText(p, end)) return 0;
  let q = p;
  for (let f = 0; f < fields; f++) {
    const kind = load<u8>(shape + f);
    const r = ranges + (<usize>f << 3);
    if (kind == PLAIN) {
      const e = find1(q, end, sep);
      if (e >= end || e == q) return 0;
      store<u32>(r, <u32>q);
      store<u32>(r, <u32>e, 4);
      q = e + 1;
    } else if (kind == BRACKETED || kind == QUOTED) {
      const open: u8 = kind == BRACKETED ? LBRACKET : QUOTE;
      const close: u8 = kind == BRACKETED ? RBRACKET : QUOTE;
      if (q >= end || load<u8>(q) != open) return 0;
      const e = find1(q + 1, end, close);
      if (e + 1 >= end || load<u8>(e + 1) != sep) return 0;
      if (kind == BRACKETED && e == q + 1) return 0;
      store<u32>(r, <u32>(q + 1));
      store<u32>(r, <u32>e, 4);
      q = e + 2;
    } else return 0;
  }
  // the status (its digits were read by statusAt), then the separator
  if (q + 3 >= end || load<u8>(q + 3) != sep) return 0;
  if (fieldAfterStatus && (q + 4 >= end || load<u8>(q + 4) == sep)) return 0;
  const r = ranges + (<usize>fields << 3);
  store<u32>(r, <u32>q);
  store<u32>(r, <u32>(q + 3), 4);

  o = writeDigits(o, <u64>u);
  store<u8>(o++, US);
  o = writeDigits(o, <u64>n);
  store<u8>(o++, US);
  o = writeDigits(o, <u64>at);
  for (let j = 0; j < keepCount; j++) {
    const k = ranges + (<usize>load<u8>(keep + j) << 3);
    const from = <usize>load<u32>(k);
    const len = <usize>load<u32>(k, 4) - from;
    store<u8>(o++, US);
    memory.copy(o, from, len);
    o += len;
  }
  store<u8>(o++, NL);
  return o;
}

/**
 * Scans the complete lines of [from, to); the 64 bytes after `to` must be readable. Lines that
 * start at or after `limit` are left alone (they belong to the next byte range).
 *
 * Writes one 16-byte record (start, end, line index, status) per line the caller must see: 403s
 * and lines the shape does not fit (status -1); at most `capacity`. Counts lines, 401s and 404s.
 * With keepCount > 0, writes the rows of the 403 lines it can itself at `rows` (see writeRow) and
 * records only the others; a full rows area ends the pass (resultRowsFull).
 * Returns the number of records; resultStop() is where the next call starts.
 */
export function scan(
  from: usize, to: usize, limit: usize, shape: usize, fields: i32, sep: u8, statusEndsLine: i32, out: usize, capacity: i32,
  keep: usize, keepCount: i32, fieldAfterStatus: i32, ranges: usize, rows: usize, rowsCapacity: usize, u: i32, lineBase: i32, atBase: f64,
): i32 {
  lines = 0;
  count401 = 0;
  count404 = 0;
  pastLimit = 0;
  rowsUsed = 0;
  rowsCount = 0;
  rowsFull = 0;
  let p = from;
  let k = 0;
  while (p < to) {
    if (p >= limit) {
      pastLimit = 1;
      break;
    }
    if (k == capacity) break;
    const s = statusAt(p, to, shape, fields, sep, statusEndsLine);
    const nl = find1(walked, to, NL);
    if (nl >= to) break;
    let end = nl;
    if (end > p && load<u8>(end - 1) == CR) end--;
    if (s == 403 && keepCount > 0) {
      // room for the longest row this line can make; a full area ends the pass before the line
      // (a line too long for an empty area is handed back as a record)
      const fits = rowsUsed + (end - p) + ROW_OVERHEAD + <usize>keepCount <= rowsCapacity;
      if (!fits && rowsUsed > 0) {
        rowsFull = 1;
        break;
      }
      if (fits) {
        const o = writeRow(p, end, shape, fields, sep, keep, keepCount, fieldAfterStatus, ranges, rows + rowsUsed, u, lineBase + lines, atBase + <f64>p);
        if (o) {
          rowsUsed = o - rows;
          rowsCount++;
          lines++;
          p = nl + 1;
          continue;
        }
      }
    }
    if (s == 403 || s == UNSURE) {
      const r = out + (<usize>k << 4);
      store<u32>(r, <u32>p);
      store<u32>(r, <u32>end, 4);
      store<i32>(r, lines, 8);
      store<i32>(r, s, 12);
      k++;
    } else if (s == 404) count404++;
    else if (s == 401) count401++;
    lines++;
    p = nl + 1;
  }
  stoppedAt = p;
  return k;
}
