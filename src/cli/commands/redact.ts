// `why403 redact FILE [-o OUT]`: a copy of a HAR, curl log or raw exchange that is safe to share.
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { resolve } from "node:path";
import type { Writable } from "node:stream";
import { decodeInput } from "../../input/normalise.js";
import { WhyError } from "../../model/errors.js";
import { redactHarStream } from "../../redact/redact-har.js";
import { Redactor } from "../../redact/redactor.js";
import { describeError, EXIT, formatFailure } from "../errors.js";
import type { Io, RegisterCommand } from "../io.js";
import { progressFor } from "../progress.js";
import { openInput } from "../../io/open-input.js";

const REDACT_HELP = `
Replaces every secret by a stable placeholder ([redacted:KIND:N]; the same secret always gets the
same placeholder, so "the same token was sent twice" still shows): Authorization, Cookie,
Set-Cookie, x-api-key and other key headers, X-Amz-Security-Token, X-Amz-Signature/Credential and
CloudFront Signature/Policy parameters, JWTs anywhere, access/refresh/id tokens, client secrets and
passwords in JSON, form and query strings, AWS secret keys, private keys, passwords in URLs.
A HAR stays a valid HAR (streamed, any size); other inputs are written back as text.

Examples:
  why403 redact session.har -o session.safe.har
  why403 redact curl-v.txt > safe.txt
  why403 redact --json session.har -o safe.har     summary of what was hidden, as JSON

Exit codes: 0 written, 1 the input could not be read, 2 usage error.`;

interface RedactFlags {
  output?: string;
  json?: boolean;
}

const writer = (stream: Writable) => async (s: string): Promise<void> => {
  if (!stream.write(s)) await once(stream, "drain");
};

const redactFile = async (file: string, r: Redactor, out: (s: string) => Promise<void>, io: Io): Promise<{ kind: string; entries?: number }> => {
  const opened = await openInput(file);
  if (opened.kind === "har-stream") {
    const bar = progressFor(io, opened.size, "entries");
    try {
      const entries = await redactHarStream(opened.chunks, r, out, bar ? (n) => bar.update(opened.bytesRead(), n) : undefined);
      return { kind: "har", entries };
    } finally {
      bar?.done();
    }
  }
  await out(r.rawText(decodeInput(opened.buf)));
  return { kind: "text" };
};

const runRedact = async (file: string, opts: RedactFlags, io: Io): Promise<number> => {
  const r = new Redactor(true);
  const target = opts.output && opts.output !== "-" ? resolve(opts.output) : undefined;
  if (target && file !== "-" && resolve(file) === target) {
    throw new WhyError("USAGE", "the output would overwrite the input; give another -o path");
  }
  // write next to the target and rename at the end: a failed run leaves no half-written copy
  const tmp = target ? `${target}.why403-${process.pid}.tmp` : undefined;
  const stream = tmp ? createWriteStream(tmp) : undefined;
  const out = stream ? writer(stream) : (s: string): Promise<void> => Promise.resolve(io.out(s));
  try {
    const done = await redactFile(file, r, out, io);
    if (stream) {
      stream.end();
      await once(stream, "finish");
      await rename(tmp!, target!);
    }
    const summary = r.summary();
    if (opts.json) {
      const line = JSON.stringify({ file, output: target ?? "-", inputKind: done.kind, ...(done.entries !== undefined ? { entries: done.entries } : {}), redacted: r.redacted, secrets: summary });
      if (target) io.out(line + "\n");
      else io.err(line + "\n");
    } else {
      const total = Object.values(summary).reduce((a, b) => a + b, 0);
      const kinds = Object.entries(summary).map(([k, n]) => `${k} ×${n}`).join(", ");
      io.err(`why403: redacted ${total} distinct secret${total === 1 ? "" : "s"}${kinds ? ` (${kinds})` : ""}${target ? ` → ${opts.output}` : ""}\n`);
    }
    return EXIT.ok;
  } catch (e) {
    stream?.destroy();
    if (tmp) await rm(tmp, { force: true });
    if (e instanceof WhyError && e.code === "USAGE") throw e;
    io.err(formatFailure(file, describeError(e, "redact")) + "\n");
    return EXIT.failed;
  }
};

export const registerRedact: RegisterCommand = (program, io, setExit) => {
  program
    .command("redact")
    .description("write a copy of a HAR, curl log or response with every secret replaced (safe to share)")
    .argument("<file>", "the file to redact; - reads standard input")
    .option("-o, --output <path>", "where to write the copy (default: standard output)")
    .option("--json", "print a JSON summary of what was hidden")
    .addHelpText("after", REDACT_HELP)
    .action(async (file: string, opts: RedactFlags) => setExit(await runRedact(file, opts, io)));
};
