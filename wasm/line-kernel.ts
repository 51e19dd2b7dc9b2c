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
 * The first byte equal to c in [p, end), or end. Reads up to 31 bytes past end. 32 bytes a turn:
 * it finds the newline at the end of a line, usually 50-100 bytes on, with fewer loop branches.
 */
// @ts-ignore: decorator
@inline function find1(p: usize, end: usize, c: u8): usize {
  const vc = i8x16.splat(<i8>c);
  while (p < end) {
    let m = i8x16.bitmask(i8x16.eq(v128.load(p), vc)) | (i8x16.bitmask(i8x16.eq(v128.load(p, 16), vc)) << 16);
    const left = end - p;
    if (left < 32) m &= <i32>((<u64>1 << <u64>left) - 1);
    if (m) return p + <usize>ctz(m);
    p += 32;
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

/**
 * Scans the complete lines of [from, to); the 32 bytes after `to` must be readable. Lines that
 * start at or after `limit` are left alone (they belong to the next byte range).
 *
 * Writes one 16-byte record (start, end, line index, status) per line the caller must see: 403s
 * and lines the shape does not fit (status -1); at most `capacity`. Counts lines, 401s and 404s.
 * Returns the number of records; resultStop() is where the next call starts.
 */
export function scan(from: usize, to: usize, limit: usize, shape: usize, fields: i32, sep: u8, statusEndsLine: i32, out: usize, capacity: i32): i32 {
  lines = 0;
  count401 = 0;
  count404 = 0;
  pastLimit = 0;
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
