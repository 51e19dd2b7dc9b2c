// Reads one input argument (a path or - for standard input) as bytes, with coded errors.
import { readFile, stat } from "node:fs/promises";
import { WhyError } from "../model/errors.js";
import { MAX_TEXT_BYTES } from "../input/normalise.js";

const readStdin = async (): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_TEXT_BYTES) throw new WhyError("INPUT_TOO_LARGE");
    chunks.push(b);
  }
  return Buffer.concat(chunks);
};

export const readInput = async (arg: string): Promise<Buffer> => {
  if (arg === "-") return readStdin();
  let st;
  try {
    st = await stat(arg);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new WhyError("FILE_NOT_FOUND");
    throw new WhyError("FILE_UNREADABLE", (e as Error).message);
  }
  if (st.isDirectory()) throw new WhyError("FILE_IS_DIRECTORY");
  if (st.size > MAX_TEXT_BYTES) throw new WhyError("INPUT_TOO_LARGE", `the file is ${st.size} bytes; the limit is ${MAX_TEXT_BYTES}`);
  try {
    return await readFile(arg);
  } catch (e) {
    throw new WhyError("FILE_UNREADABLE", (e as Error).message);
  }
};
