// The HTTP client of live probing, on undici: raw headers in order, timings, one connection per
// destination, capped body reads, timeouts, --resolve/--connect-to through a custom connector,
// -x proxies and -k. It sends what it is given; what may be sent is the guard's business.
import { isIP } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { Dispatcher } from "undici";
import type { buildConnector } from "undici";
import { WhyError } from "../model/errors.js";
import { urlPort, type ProbeSpec } from "./spec.js";

export interface ProbeRequest {
  method: string;
  /** Always the user's scheme://host:port; only path and query vary. */
  url: URL;
  headers: [string, string][];
  body?: string;
  /** A Host header other than the URL's host (a Host variant at the same address). */
  hostHeader?: string;
  /** "origin": to the --connect-to destination (the origin behind the edge) instead of the usual route. */
  route: "normal" | "origin";
  /** Sent without the --aws-sigv4 signature (the without-credentials experiment). */
  unsigned?: boolean;
}

export interface ProbeResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  /** The body was longer than the cap and was cut. */
  truncated: boolean;
  /** address:port the request went to (the proxy's with -x). */
  sentTo?: string;
  firstByteMs: number;
  totalMs: number;
  /** Local clock when the headers arrived (to compare with the server's Date). */
  receivedAt: number;
}

/** Error pages are small; the cap bounds memory and the time spent on a large file. */
export const BODY_CAP = 128 * 1024;

/** RFC 6761 §6.4: names under .invalid never resolve; answer at once, without asking DNS. */
const isInvalidName = (host: string): boolean => /(?:^|\.)invalid\.?$/i.test(host);

const bare = (host: string): string => host.replace(/^\[|\]$/g, "").toLowerCase();

const TLS_CODES = /^(?:ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|EPROTO|HOSTNAME_MISMATCH|ERR_OSSL)/;

const codeOf = (e: unknown): { code: string; message: string } => {
  let cur = e as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown } | undefined;
  // undici wraps the socket's error: the innermost code is the telling one
  for (let depth = 0; cur && depth < 4; depth++) {
    const code = typeof cur.code === "string" ? cur.code : typeof cur.name === "string" && cur.name !== "Error" ? cur.name : "";
    const inner = cur.cause as typeof cur;
    if (code && !(code.startsWith("UND_ERR_SOCKET") && inner?.code)) return { code, message: typeof cur.message === "string" ? cur.message : "" };
    cur = inner;
  }
  const m = e as { message?: unknown };
  return { code: "", message: typeof m?.message === "string" ? m.message : String(e) };
};

/** One line saying what went wrong, as a coded error. */
export const describeTransportError = (e: unknown, where: string, spec: Pick<ProbeSpec, "maxTimeMs" | "connectTimeoutMs">): WhyError => {
  if (e instanceof WhyError) return e;
  const { code, message } = codeOf(e);
  const secs = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  if (/^(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/.test(code)) {
    const name = /getaddrinfo \w+ (\S+)/.exec(message)?.[1] ?? where.replace(/:\d+$/, "");
    return new WhyError("HOST_NOT_FOUND", `the name ${name} does not resolve (${code})`);
  }
  if (code === "ECONNREFUSED") return new WhyError("CONNECTION_FAILED", `connection refused by ${where}`);
  if (code === "UND_ERR_CONNECT_TIMEOUT") return new WhyError("TIMEOUT", `no connection to ${where} within ${secs(spec.connectTimeoutMs)}`);
  if (/^(?:UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|TimeoutError|AbortError|ETIMEDOUT)$/.test(code)) {
    return new WhyError("TIMEOUT", `${where} sent no complete answer within ${secs(spec.maxTimeMs)}`);
  }
  if (TLS_CODES.test(code)) return new WhyError("TLS_FAILED", `TLS with ${where} failed: ${code}${message ? ` (${message.split("\n")[0]!.slice(0, 120)})` : ""}`);
  if (/Proxy response \((\d+)\)/.test(message)) {
    const status = /Proxy response \((\d+)\)/.exec(message)![1]!;
    const why =
      status === "403" ? "its ACL denies this host or port" : status === "407" ? "it wants proxy credentials (-x http://user:password@proxy:port)" : "it could not open the tunnel (its own log says why)";
    return new WhyError("PROXY_FAILED", `the proxy answered ${status} to CONNECT ${where}: ${why}`);
  }
  if (/^(?:EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|UND_ERR_ABORTED|HPE_)/.test(code)) {
    return new WhyError("CONNECTION_FAILED", `the connection to ${where} failed: ${code}`);
  }
  return new WhyError("CONNECTION_FAILED", `the request to ${where} failed: ${code || message.split("\n")[0]!.slice(0, 160)}`);
};

const decodeBody = (raw: Buffer, encoding: string | undefined, truncated: boolean): string => {
  let bytes = raw;
  try {
    const enc = encoding?.trim().toLowerCase();
    // a truncated compressed body cannot be inflated whole; what inflates is kept
    const opts = truncated ? { finishFlush: 2 } : {};
    if (enc === "gzip" || enc === "x-gzip") bytes = gunzipSync(raw, opts);
    else if (enc === "deflate") bytes = inflateSync(raw, opts);
    else if (enc === "br") bytes = brotliDecompressSync(raw);
  } catch {
    bytes = raw;
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
};

const rawPairs = (raw: unknown): [string, string][] => {
  const out: [string, string][] = [];
  if (!Array.isArray(raw)) return out;
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([String(raw[i]), String(raw[i + 1])]);
  return out;
};

export interface ProbeClient {
  send(req: ProbeRequest): Promise<ProbeResponse>;
  close(): Promise<void>;
}

/** Where a request for host:port connects: --connect-to for the origin route, --resolve for both. */
export const connectTarget = (spec: ProbeSpec, route: ProbeRequest["route"], host: string, port: number): { host: string; port: number } => {
  const h = bare(host);
  if (route === "origin") {
    const c = spec.connectTo.find((r) => (r.host === h || r.host === "") && r.port === port);
    if (c) return { host: c.toHost, port: c.toPort };
  }
  const r = spec.resolve.find((x) => (x.host === h || x.host === "*") && x.port === port);
  return r ? { host: r.address, port } : { host: h, port };
};

export const createClient = async (spec: ProbeSpec): Promise<ProbeClient> => {
  // undici is loaded only when a probe runs, so `why403 diagnose` starts without it
  const undici = await import("undici");
  const sentTo = new Map<string, string>();
  const connector = (route: ProbeRequest["route"]): buildConnector.connector => {
    const base = undici.buildConnector({ rejectUnauthorized: !spec.insecure, timeout: spec.connectTimeoutMs });
    return (opts, cb) => {
      const host = bare(opts.hostname);
      const port = Number(opts.port) || (opts.protocol === "https:" ? 443 : 80);
      const target = connectTarget(spec, route, host, port);
      if (isInvalidName(target.host)) {
        const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${target.host}`), { code: "ENOTFOUND" });
        cb(err, null);
        return;
      }
      const servername = opts.servername || (isIP(host) ? undefined : host);
      base({ ...opts, hostname: target.host, port: String(target.port), ...(servername ? { servername } : {}) }, (err, socket) => {
        if (socket) sentTo.set(route, `${socket.remoteAddress ?? target.host}:${socket.remotePort ?? target.port}`);
        if (err) cb(err, null);
        else cb(null, socket);
      });
    };
  };
  const common = { connections: 1, pipelining: 1, headersTimeout: spec.maxTimeMs, bodyTimeout: spec.maxTimeMs, keepAliveTimeout: 4_000 };
  const dispatchers = new Map<ProbeRequest["route"], Dispatcher>();
  const dispatcherFor = (route: ProbeRequest["route"]): Dispatcher => {
    let d = dispatchers.get(route);
    if (d) return d;
    if (spec.proxy && route === "normal") {
      if (isInvalidName(spec.proxy.hostname)) throw new WhyError("HOST_NOT_FOUND", `the proxy name ${spec.proxy.hostname} does not resolve`);
      d = new undici.ProxyAgent({
        ...common,
        uri: spec.proxy.href,
        // plain http goes to the proxy in absolute form (as curl -x does); https is tunnelled
        proxyTunnel: spec.url.protocol === "https:",
        requestTls: { rejectUnauthorized: !spec.insecure },
        proxyTls: { rejectUnauthorized: !spec.insecure },
      });
      sentTo.set(route, `${spec.proxy.hostname}:${urlPort(spec.proxy)} (proxy)`);
    } else {
      d = new undici.Agent({ ...common, connect: connector(route) });
    }
    dispatchers.set(route, d);
    return d;
  };

  const send = async (req: ProbeRequest): Promise<ProbeResponse> => {
    const where = `${connectTarget(spec, req.route, req.url.hostname, urlPort(req.url)).host}:${urlPort(req.url)}`;
    const started = performance.now();
    const flat: string[] = [];
    if (req.hostHeader) flat.push("Host", req.hostHeader);
    for (const [n, v] of req.headers) flat.push(n, v);
    try {
      const res = await dispatcherFor(req.route).request({
        origin: req.url.origin,
        path: `${req.url.pathname}${req.url.search}`,
        method: req.method,
        headers: flat,
        body: req.body ?? null,
        responseHeaders: "raw",
        headersTimeout: spec.maxTimeMs,
        bodyTimeout: spec.maxTimeMs,
        signal: AbortSignal.timeout(spec.maxTimeMs),
      });
      const firstByteMs = performance.now() - started;
      const receivedAt = Date.now();
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      for await (const chunk of res.body) {
        const b = chunk as Buffer;
        chunks.push(b);
        size += b.length;
        if (size > BODY_CAP) {
          truncated = true;
          break; // leaving the loop destroys the stream: the rest is never read
        }
      }
      const headers = rawPairs(res.headers);
      const encoding = headers.find(([n]) => n.toLowerCase() === "content-encoding")?.[1];
      const body = decodeBody(Buffer.concat(chunks).subarray(0, BODY_CAP), encoding, truncated);
      const out: ProbeResponse = {
        status: res.statusCode,
        statusText: res.statusText ?? "",
        headers,
        body,
        truncated,
        firstByteMs: Math.round(firstByteMs),
        totalMs: Math.round(performance.now() - started),
        receivedAt,
      };
      const to = sentTo.get(req.route);
      if (to) out.sentTo = to;
      return out;
    } catch (e) {
      throw describeTransportError(e, spec.proxy && req.route === "normal" ? `${req.url.host} via the proxy ${spec.proxy.host}` : where, spec);
    }
  };

  const close = async (): Promise<void> => {
    await Promise.all([...dispatchers.values()].map((d) => d.destroy().catch(() => undefined)));
    dispatchers.clear();
  };
  return { send, close };
};
