// A probe's request and answer as the engine's Exchange (redacted), and the facts the user's own
// request and the baseline answer show without another request.
import type { Exchange, HeaderField } from "../model/exchange.js";
import type { ProbeObservation } from "../model/probe-facts.js";
import type { Redactor } from "../redact/redactor.js";
import type { ProbeRequest, ProbeResponse } from "./client.js";

const fields = (pairs: readonly [string, string][]): HeaderField[] => pairs.map(([name, value]) => ({ name, value }));

/** The URL as the server saw it: the Host variant's name when one was sent. */
export const shownUrl = (req: ProbeRequest): string => {
  if (!req.hostHeader || req.hostHeader === req.url.host) return req.url.href;
  const u = new URL(req.url.href);
  u.host = req.hostHeader;
  return u.href;
};

export const toExchange = (n: number, req: ProbeRequest, res: ProbeResponse, redactor: Redactor): Exchange => {
  const request: Exchange["request"] = {
    method: req.method,
    url: redactor.text(shownUrl(req)),
    headers: redactor.headers(fields([["Host", req.hostHeader ?? req.url.host], ...req.headers])),
  };
  if (req.body !== undefined) request.body = { text: redactor.text(req.body), path: `request ${n} body` };
  return {
    index: n,
    request,
    response: {
      status: res.status,
      statusText: res.statusText,
      statusSource: "status-line",
      httpVersion: "1.1",
      headers: redactor.headers(fields(res.headers)),
      body: { text: redactor.text(res.body), path: `answer to request ${n}` },
    },
    context: [],
  };
};

const header = (pairs: readonly [string, string][], name: string): string | undefined => pairs.find(([n]) => n.toLowerCase() === name)?.[1];

/** The exp claim of a JWT, without verifying it (only the time matters here). */
export const jwtExpiry = (token: string): number | undefined => {
  const part = token.split(".")[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as { exp?: unknown };
    return typeof claims.exp === "number" ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
};

const SKEW_LIMIT_MS = 5 * 60 * 1000;

const when = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Facts from the user's request and the baseline answer alone (request 0 / 1). */
export const passiveFacts = (req: ProbeRequest, res: ProbeResponse): ProbeObservation[] => {
  const out: ProbeObservation[] = [];
  const served = Date.parse(header(res.headers, "date") ?? "");
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(req.headers, "authorization") ?? "")?.[1];
  const exp = bearer ? jwtExpiry(bearer) : undefined;
  const now = Number.isFinite(served) ? served : res.receivedAt;
  if (exp !== undefined && exp < now) {
    out.push({ fact: "bearer-token-expired", probe: 0, detail: `the Bearer token sent is a JWT that expired at ${when(exp)}, before the server's time ${when(now)}` });
  }
  if (Number.isFinite(served) && Math.abs(served - res.receivedAt) > SKEW_LIMIT_MS) {
    const minutes = Math.round((res.receivedAt - served) / 60000);
    out.push({
      fact: "local-clock-skewed",
      probe: 1,
      detail: `this machine's clock is ${Math.abs(minutes)} min ${minutes > 0 ? "ahead of" : "behind"} the server's Date (${header(res.headers, "date")})`,
    });
  }
  return out;
};
