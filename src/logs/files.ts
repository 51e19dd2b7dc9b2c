// Turns the command's arguments into files: plain paths, directories (walked recursively) and
// glob patterns (*, ?, **, [...]), and opens them, gzip or not.
import { createReadStream, existsSync, openSync, readSync, closeSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { createGunzip } from "node:zlib";
import { WhyError } from "../model/errors.js";

const GLOB = /[*?[]/;

/** A glob as a regex over '/'-separated relative paths. */
export const globRegex = (pattern: string): RegExp => {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        re += pattern[i + 2] === "/" ? "(?:.*/)?" : ".*";
        i += pattern[i + 2] === "/" ? 2 : 1;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
};

const walk = (dir: string, out: string[]): void => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
};

/** Files named by the arguments, in argument order, each once. */
export const expandInputs = (args: readonly string[]): string[] => {
  const out: string[] = [];
  for (const arg of args) {
    if (existsSync(arg)) {
      if (statSync(arg).isDirectory()) walk(arg, out);
      else out.push(arg);
      continue;
    }
    if (!GLOB.test(arg)) throw new WhyError("FILE_NOT_FOUND", `${arg}: the file does not exist`);
    // the static directory in front of the first wildcard is where the walk starts
    const parts = arg.split(/[/\\]/);
    const firstWild = parts.findIndex((p) => GLOB.test(p));
    const base = parts.slice(0, firstWild).join("/") || ".";
    const rest = parts.slice(firstWild).join("/");
    const re = globRegex(rest);
    const found: string[] = [];
    if (existsSync(base) && statSync(base).isDirectory()) walk(base, found);
    const matched = found.filter((f) => re.test(relative(base, f).split(sep).join("/")));
    if (matched.length === 0) throw new WhyError("FILE_NOT_FOUND", `${arg}: no file matches`);
    out.push(...matched);
  }
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = resolve(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

export const isGzip = (file: string): boolean => {
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
};

/** The decompressed bytes of a file, as a stream of chunks. */
export const openStream = (file: string, gzip: boolean): AsyncIterable<Buffer> => {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
};

/** The first lines of a file (at most `bytes` of it, decompressed), for format detection. */
export const readHead = async (file: string, gzip: boolean, bytes = 64 * 1024): Promise<string[]> => {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = openStream(file, gzip);
  try {
    for await (const c of stream) {
      chunks.push(c);
      size += c.length;
      if (size >= bytes) break;
    }
  } catch (e) {
    if (chunks.length === 0) throw new WhyError("FILE_UNREADABLE", `${file}: ${(e as Error).message}`);
  } finally {
    (stream as unknown as { destroy?: () => void }).destroy?.();
  }
  const text = Buffer.concat(chunks).subarray(0, bytes).toString("utf8");
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  // the last piece may be cut in the middle, unless it is all there is
  if (size > bytes && lines.length > 1) lines.pop();
  return lines.slice(0, 50);
};
