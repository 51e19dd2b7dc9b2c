// Who may use the local server: only a request to our own address (Host, against DNS
// rebinding) that carries the session token (against other local users and web pages).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh session token: 192 random bits, URL-safe. */
export const newToken = (): string => randomBytes(24).toString("base64url");

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

/** Compares in constant time (hashing first makes the lengths equal). */
export const tokenMatches = (given: string, token: string): boolean => timingSafeEqual(digest(given), digest(token));

/** The Host values a browser sends for our listening address. */
export const allowedHosts = (port: number): ReadonlySet<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

export type Refusal = { status: 403; reason: "host" | "token" | "origin" };

/**
 * Checks a request; returns the path after the token ("" for the page itself), or a refusal.
 * The token is the first path segment: `/TOKEN/…`.
 */
export const admit = (
  req: { url?: string; method?: string; headers: Record<string, string | string[] | undefined> },
  token: string,
  hosts: ReadonlySet<string>,
): { rest: string; query: URLSearchParams } | Refusal => {
  const host = req.headers.host;
  if (typeof host !== "string" || !hosts.has(host.toLowerCase())) return { status: 403, reason: "host" };
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const [, first = "", ...rest] = url.pathname.split("/");
  if (!tokenMatches(first, token)) return { status: 403, reason: "token" };
  // a page elsewhere cannot know the token; a cross-site write is refused all the same
  const origin = req.headers.origin;
  if (req.method !== "GET" && req.method !== "HEAD" && typeof origin === "string" && !hosts.has(origin.replace(/^http:\/\//, "").toLowerCase())) {
    return { status: 403, reason: "origin" };
  }
  return { rest: rest.join("/"), query: url.searchParams };
};

export const REFUSALS: Record<Refusal["reason"], string> = {
  host: "why403 serve: 403 Forbidden. This server answers only requests addressed to 127.0.0.1 or localhost with its port (the Host header did not match), which keeps other sites from reaching it through DNS rebinding.\n",
  token: "why403 serve: 403 Forbidden. This page needs the session token: open the full address that `why403 serve` printed, http://127.0.0.1:PORT/TOKEN/ (the token keeps other local users and web pages out).\n",
  origin: "why403 serve: 403 Forbidden. Requests that change state must come from this page itself (the Origin header named another site).\n",
};
