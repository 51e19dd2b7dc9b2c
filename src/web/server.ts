// `why403 serve`: the local page. node:http, 127.0.0.1 only, a session token as the first path
// segment, the page's own assets, the knowledge base and the analysis of uploads.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { explainId, explainIndex } from "../knowledge/explain-page.js";
import { WhyError } from "../model/errors.js";
import { UPLOAD_LIMIT_BYTES, type AnalyseEvent } from "./api-types.js";
import { admit, allowedHosts, newToken, REFUSALS } from "./guard.js";
import { PAGE_HTML, SECURITY_HEADERS } from "./page.js";
import { runAnalysis } from "./run-worker.js";
import { receiveBody } from "./upload.js";
import { webError } from "./web-error.js";

export interface ServeOptions {
  /** 0 or absent: a free random port. */
  port?: number;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes?: number;
}

export interface RunningServer {
  /** The address to open, token included: http://127.0.0.1:PORT/TOKEN/ */
  url: string;
  port: number;
  close: () => Promise<void>;
}

const ASSETS: Readonly<Record<string, string>> = {
  "assets/app.js": "text/javascript; charset=utf-8",
  "assets/app.css": "text/css; charset=utf-8",
};
const assetDir = new URL("./assets/", import.meta.url);

const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
};
const sendJson = (res: ServerResponse, status: number, value: unknown): void => send(res, status, "application/json; charset=utf-8", JSON.stringify(value));

/** A short, safe display name for an upload (no directories, no control characters). */
const displayName = (raw: string | null): string => basename(raw ?? "").replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 120) || "pasted input";

export const startServer = async (opts: ServeOptions = {}): Promise<RunningServer> => {
  const token = newToken();
  const uploads = await mkdtemp(join(tmpdir(), "why403-serve-"));
  const maxUpload = opts.maxUploadBytes ?? UPLOAD_LIMIT_BYTES;
  let hosts: ReadonlySet<string> = new Set();
  let uploadSeq = 0;

  const analyse = async (req: IncomingMessage, res: ServerResponse, name: string): Promise<void> => {
    const path = join(uploads, `upload-${++uploadSeq}`);
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    try {
      let bytes: number;
      try {
        bytes = await receiveBody(req, path, maxUpload);
      } catch (e) {
        // the body is refused before it is read whole; the connection closes with the answer
        res.setHeader("connection", "close");
        sendJson(res, e instanceof WhyError ? 413 : 400, { type: "error", error: webError(e) } satisfies AnalyseEvent);
        req.resume();
        return;
      }
      res.writeHead(200, { ...SECURITY_HEADERS, "content-type": "application/x-ndjson; charset=utf-8" });
      // one event per line, written as it happens: the page shows progress and early results
      await runAnalysis({ path, bytes, name }, (e) => res.write(JSON.stringify(e) + "\n"), abort.signal);
      res.end();
    } finally {
      await rm(path, { force: true });
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const admitted = admit(req, token, hosts);
    if ("status" in admitted) return send(res, 403, "text/plain; charset=utf-8", REFUSALS[admitted.reason]);
    const { rest, query } = admitted;
    const method = req.method ?? "GET";
    if (rest === "api/analyse") {
      if (method !== "POST") return sendJson(res, 405, { error: { code: "USAGE", message: "POST the input" } });
      return analyse(req, res, displayName(query.get("name")));
    }
    if (method !== "GET" && method !== "HEAD") return sendJson(res, 405, { error: { code: "USAGE", message: "method not allowed" } });
    if (req.url && !req.url.split("?")[0]!.slice(1).includes("/")) {
      // /TOKEN → /TOKEN/ so the page's relative asset URLs resolve under the token
      res.writeHead(308, { ...SECURITY_HEADERS, location: `/${token}/` });
      return void res.end();
    }
    if (rest === "") return send(res, 200, "text/html; charset=utf-8", PAGE_HTML);
    const asset = ASSETS[rest];
    if (asset) return send(res, 200, asset, await readFile(new URL(rest.slice("assets/".length), assetDir)));
    if (rest === "api/kb") return sendJson(res, 200, explainIndex());
    if (rest.startsWith("api/kb/")) {
      try {
        return sendJson(res, 200, explainId(decodeURIComponent(rest.slice("api/kb/".length))));
      } catch (e) {
        return sendJson(res, 404, { error: webError(e) });
      }
    }
    return sendJson(res, 404, { error: { code: "NOT_FOUND", message: "no such page" } });
  };

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: webError(e) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(e.code === "EADDRINUSE" ? new WhyError("PORT_IN_USE", `port ${opts.port} is already in use`) : e),
    );
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  hosts = allowedHosts(port);
  return {
    url: `http://127.0.0.1:${port}/${token}/`,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(uploads, { recursive: true, force: true });
    },
  };
};
