// `why403 serve`: the local web page (paste or drop an input, browse the knowledge base).
import { InvalidArgumentError } from "commander";
import type { startServer } from "../../web/server.js";
import { EXIT } from "../errors.js";
import type { Io, RegisterCommand } from "../io.js";
import { packageFile } from "../package-root.js";

const SERVE_HELP = `
The page runs on this machine only (127.0.0.1) and needs the session token in its address, so
other local users and web pages cannot use it. Nothing is fetched from or sent to the outside;
secrets in what you paste are redacted before anything is shown. No browser is opened: open the
printed address yourself.

Examples:
  why403 serve                 a free random port
  why403 serve --port 8403     a fixed port

Stop it with Ctrl+C.`;

const parsePort = (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new InvalidArgumentError("a port is a number from 0 to 65535");
  return n;
};

const runServe = async (opts: { port?: number }, io: Io): Promise<number> => {
  // loaded from its own files, not the CLI bundle: the server starts worker threads from them
  const web = (await import(packageFile("dist/src/web/server.js").href)) as { startServer: typeof startServer };
  const server = await web.startServer({ port: opts.port ?? 0 });
  io.out(`why403 serve: ${server.url}\n`);
  io.err("  Open this address in your browser (it works only with the token in it). Ctrl+C stops the server.\n");
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  return EXIT.ok;
};

export const registerServe: RegisterCommand = (program, io, setExit) => {
  program
    .command("serve")
    .description("a local web page: paste a response or drop a HAR, browse the knowledge base")
    .option("--port <n>", "port on 127.0.0.1 (default: a free random port)", parsePort)
    .addHelpText("after", SERVE_HELP)
    .action(async (opts: { port?: number }) => setExit(await runServe(opts, io)));
};
