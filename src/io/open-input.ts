// Opens one input argument (a path or - for standard input). Small inputs come back as bytes for
// the in-memory parsers; a HAR comes back as a stream of decoded chunks, whatever its size, so
// that it is never held whole. gzip and UTF-16 are undone on the way, in both cases.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { WhyError } from "../model/errors.js";
import { MAX_TEXT_BYTES } from "../input/normalise.js";
import { looksLikeHar } from "../input/parse-input.js";

export type OpenedInput =
  | { kind: "bytes"; buf: Buffer }
  | {
      kind: "har-stream";
      chunks: AsyncIterable<Uint8Array | string>;
      /** Size on disk when known (for progress), and a counter of bytes read from it. */
      size?: number;
      bytesRead: () => number;
    };

const HEAD_BYTES = 65536;
const CHUNK = 1 << 20;

const statFile = async (arg: string) => {
  try {
    const st = await stat(arg);
    if (st.isDirectory()) throw new WhyError("FILE_IS_DIRECTORY");
    return st;
  } catch (e) {
    if (e instanceof WhyError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new WhyError("FILE_NOT_FOUND");
    throw new WhyError("FILE_UNREADABLE", (e as Error).message);
  }
};

/** Reads a whole small file (the in-memory path, also used by `redact` for non-HAR inputs). */
export const readInput = async (arg: string): Promise<Buffer> => {
  const opened = await openInput(arg);
  return opened.kind === "bytes" ? opened.buf : collectChunks(opened.chunks);
};

/** The chunks of a streamed input as one buffer (text chunks as UTF-8). */
export const collectChunks = async (chunks: AsyncIterable<Uint8Array | string>): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
};

/** Pulls chunks from a stream with a one-time look at its beginning. */
class Peekable {
  private readonly it: AsyncIterator<Buffer>;
  readonly head: Buffer[] = [];
  headBytes = 0;
  done = false;
  constructor(stream: AsyncIterable<Buffer>) {
    this.it = stream[Symbol.asyncIterator]();
  }
  async fill(bytes: number): Promise<void> {
    while (!this.done && this.headBytes < bytes) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        this.head.push(r.value);
        this.headBytes += r.value.length;
      }
    }
  }
  async *all(): AsyncGenerator<Buffer> {
    yield* this.head;
    if (this.done) return;
    for (let r = await this.it.next(); !r.done; r = await this.it.next()) yield r.value;
  }
}

const readErrors = async function* (chunks: AsyncIterable<Buffer>, gz: boolean, count?: (n: number) => void): AsyncGenerator<Buffer> {
  try {
    for await (const c of chunks) {
      count?.(c.length);
      yield c;
    }
  } catch (e) {
    if (e instanceof WhyError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "";
    if (gz || code.startsWith("Z_")) throw new WhyError("INPUT_BINARY", "the input is gzip data that does not decompress");
    throw new WhyError("FILE_UNREADABLE", (e as Error).message);
  }
};

/** UTF-16 text (with its BOM) as UTF-8-free strings for the JSON parser. */
const utf16 = async function* (chunks: AsyncIterable<Buffer>, encoding: "utf-16le" | "utf-16be"): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const c of chunks) yield decoder.decode(c, { stream: true });
  yield decoder.decode();
};

export const openInput = async (arg: string): Promise<OpenedInput> => {
  if (arg === "-") return openStream(process.stdin);
  const size = (await statFile(arg)).size;
  return openStream(createReadStream(arg, { highWaterMark: CHUNK }), size);
};

/** Sorts a byte stream into a streamed HAR or the bytes of a small input (gzip, BOMs undone). */
export const openStream = async (raw: Readable, size?: number): Promise<OpenedInput> => {
  let bytesRead = 0;
  const first = new Peekable(readErrors(raw, false, (n) => (bytesRead += n)));
  await first.fill(2);
  const firstBytes = Buffer.concat(first.head);
  const gz = firstBytes[0] === 0x1f && firstBytes[1] === 0x8b;
  const source = gz ? new Peekable(readErrors(Readable.from(first.all()).pipe(createGunzip({ chunkSize: CHUNK })), true)) : first;
  await source.fill(HEAD_BYTES);
  const head = Buffer.concat(source.head);
  const bom16 = head[0] === 0xff && head[1] === 0xfe ? "utf-16le" : head[0] === 0xfe && head[1] === 0xff ? "utf-16be" : undefined;
  const headText = bom16 ? new TextDecoder(bom16).decode(head.subarray(0, HEAD_BYTES & ~1)) : head.toString("utf8");
  if (looksLikeHar(headText.replace(/^\uFEFF/, ""))) {
    const chunks = bom16 ? utf16(source.all(), bom16) : stripUtf8Bom(source.all());
    return { kind: "har-stream", chunks, ...(size !== undefined ? { size } : {}), bytesRead: () => bytesRead };
  }
  // not a HAR: the in-memory parsers take it, up to their limit
  const parts: Buffer[] = [];
  let total = 0;
  for await (const c of source.all()) {
    total += c.length;
    if (total > MAX_TEXT_BYTES) {
      raw.destroy();
      throw new WhyError("INPUT_TOO_LARGE", `the input is over ${MAX_TEXT_BYTES} bytes and is not a HAR; only HARs are streamed`);
    }
    parts.push(c);
  }
  return { kind: "bytes", buf: Buffer.concat(parts) };
};

const stripUtf8Bom = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let first = true;
  for await (const c of chunks) {
    if (first && c[0] === 0xef && c[1] === 0xbb && c[2] === 0xbf) yield c.subarray(3);
    else yield c;
    first = false;
  }
};
