// Streams a request body to a file, with a size limit: a 50 MB HAR never sits in the server's
// memory as one buffer, and a larger one is refused while it arrives.
import { createWriteStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { WhyError } from "../model/errors.js";

/** Writes the body of `req` to `path`; resolves with the byte count. */
export const receiveBody = async (req: IncomingMessage, path: string, maxBytes: number): Promise<number> => {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > maxBytes) throw new WhyError("INPUT_TOO_LARGE", `the upload is ${declared} bytes; the limit is ${maxBytes}`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(new WhyError("INPUT_TOO_LARGE", `the upload is over the limit of ${maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  await pipeline(req, limit, createWriteStream(path));
  return bytes;
};
