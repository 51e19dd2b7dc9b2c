// Turns raw bytes into the text every parser reads: BOM and UTF-16 handled, CRLF → LF,
// binary and empty inputs refused with a coded error.
import { gunzipSync } from "node:zlib";
import { WhyError } from "../model/errors.js";

/** Inputs above this size are refused by the in-memory parsers (HAR streaming lifts it). */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

const looksBinary = (buf: Buffer): boolean => {
  const n = Math.min(buf.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    // control characters other than tab, LF, CR, FF, ESC (ANSI colours in pasted terminals)
    if (b < 8 || (b > 13 && b < 27) || (b > 27 && b < 32)) odd++;
  }
  return n > 0 && odd / n > 0.1;
};

export const decodeInput = (buf: Buffer): string => {
  if (buf.length === 0) throw new WhyError("INPUT_EMPTY");
  if (buf.length > MAX_TEXT_BYTES) {
    throw new WhyError("INPUT_TOO_LARGE", `the input is ${buf.length} bytes; the limit is ${MAX_TEXT_BYTES}`);
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      return decodeInput(gunzipSync(buf));
    } catch (e) {
      if (e instanceof WhyError) throw e;
      throw new WhyError("INPUT_BINARY", "the input is gzip data that does not decompress");
    }
  }
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = buf.subarray(2).toString("utf16le");
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = Buffer.from(buf.subarray(2)).swap16().toString("utf16le");
  else {
    if (looksBinary(buf)) throw new WhyError("INPUT_BINARY");
    text = buf.toString("utf8");
  }
  return normaliseText(text);
};

// Terminal colour codes in a pasted capture (ESC [ ... m); built from a string to keep the
// control character out of a regex literal.
const ANSI_COLOUR = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m", "g");

export const normaliseText = (raw: string): string => {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(ANSI_COLOUR, "");
  if (text.trim() === "") throw new WhyError("INPUT_EMPTY");
  return text;
};
