// The application behind nginx: routes that refuse the way common frameworks do (Django's CSRF
// page, Spring's CORS processor, an API gateway's missing key, Express refusing an expired JWT),
// with the same status, headers and body text those frameworks send.
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { serveLocally } from "./procs.js";
import type { LogLine } from "./replay.js";

/** The HS256 secret the app verifies JWTs with; tests sign their tokens with it. */
export const JWT_SECRET = "lab-secret";

export const signJwt = (claims: Record<string, unknown>): string => {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const head = `${enc({ alg: "HS256", typ: "JWT" })}.${enc(claims)}`;
  return `${head}.${createHmac("sha256", JWT_SECRET).update(head).digest("base64url")}`;
};

const verifyJwt = (token: string): { ok: true; exp?: number } | { ok: false; why: string } => {
  const [h, p, s] = token.split(".");
  if (!h || !p || !s || createHmac("sha256", JWT_SECRET).update(`${h}.${p}`).digest("base64url") !== s) return { ok: false, why: "invalid signature" };
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as { exp?: number };
  if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) return { ok: false, why: "jwt expired" };
  return { ok: true, ...(claims.exp !== undefined ? { exp: claims.exp } : {}) };
};

/** Django 4's CSRF failure page (DEBUG=False), as django/views/csrf.py renders it. */
const DJANGO_CSRF = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style>html * { padding:0; margin:0; }</style>
</head>
<body>
<div id="summary">
  <h1>Forbidden <span>(403)</span></h1>
  <p>CSRF verification failed. Request aborted.</p>
</div>
<div id="explanation">
  <p><small>More information is available with DEBUG=True.</small></p>
</div>
</body>
</html>
`;

/** api.data.gov (API Umbrella) when no key is given. */
const API_KEY_MISSING = '{\n  "error": {\n    "code": "API_KEY_MISSING",\n    "message": "No api_key was supplied. Get one at https://api.data.gov:443"\n  }\n}';

const CORS_LISTS: Record<string, string[]> = {
  "cors-list": ["https://app.example.org"],
  // a real-world slip: the allow-list entry carries a trailing slash, browsers never send one
  "cors-slash": ["https://shop.example.org/"],
};

type Reply = [number, Record<string, string>, string];

const route = (req: IncomingMessage, body: string): Reply => {
  const url = new URL(req.url ?? "/", "http://app");
  const method = req.method ?? "GET";
  const auth = req.headers.authorization ?? "";
  if (url.pathname === "/") return [200, { "Content-Type": "text/html" }, "<h1>app</h1>"];
  if (url.pathname === "/account/email") {
    if (method === "GET") return [200, { "Content-Type": "text/html" }, '<form method="post"><input name="csrfmiddlewaretoken" value="x"></form>'];
    const hasToken = /(?:^|&)csrfmiddlewaretoken=/.test(body) || req.headers["x-csrftoken"] !== undefined;
    return hasToken ? [200, { "Content-Type": "text/html" }, "saved"] : [403, { "Content-Type": "text/html; charset=utf-8", "X-Frame-Options": "DENY", Vary: "Cookie" }, DJANGO_CSRF];
  }
  if (url.pathname.startsWith("/v1/")) {
    const key = url.searchParams.get("api_key") ?? req.headers["x-api-key"];
    return key ? [200, { "Content-Type": "application/json" }, "[]"] : [403, { "Content-Type": "application/json" }, API_KEY_MISSING];
  }
  if (url.pathname.startsWith("/api/orders")) {
    const express = { "X-Powered-By": "Express", "Content-Type": "text/plain; charset=utf-8" };
    const token = /^Bearer (\S+)$/.exec(auth)?.[1];
    if (!token) return [401, express, "Unauthorized"];
    // the common pattern: jwt.verify(token, secret, (err) => err ? res.sendStatus(403) : next())
    return verifyJwt(token).ok ? [200, { ...express, "Content-Type": "application/json" }, "[]"] : [403, express, "Forbidden"];
  }
  const cors = /^\/api\/(cors-list|cors-slash)\//.exec(url.pathname)?.[1];
  if (cors) {
    const origin = req.headers.origin;
    const vary = { Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers" };
    if (origin !== undefined && !CORS_LISTS[cors]!.includes(origin)) return [403, vary, "Invalid CORS request"]; // Spring's DefaultCorsProcessor
    const allow: Record<string, string> = origin ? { "Access-Control-Allow-Origin": origin } : {};
    if (method === "OPTIONS") return [200, { ...vary, ...allow, "Access-Control-Allow-Methods": "GET,HEAD,POST", "Access-Control-Max-Age": "1800" }, ""];
    return [200, { ...vary, ...allow, "Content-Type": "application/json" }, "[]"];
  }
  return [404, { "Content-Type": "application/json" }, '{"status":404,"error":"Not Found"}'];
};

export interface App {
  port: number;
  log: LogLine[];
  close(): Promise<void>;
}

export const startApp = async (): Promise<App> => {
  const log: LogLine[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const [status, headers, body] = route(req, Buffer.concat(chunks).toString());
    log.push({ server: "app", method: req.method ?? "", host: req.headers.host ?? "", url: req.url ?? "", status });
    res.writeHead(status, { ...headers, "Content-Length": String(Buffer.byteLength(body)) });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  return { ...(await serveLocally(handle)), log };
};
