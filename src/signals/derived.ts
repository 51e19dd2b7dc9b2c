// Derived facts: relations between parts of an exchange that a single-field condition cannot
// express (the Origin sent vs the Access-Control-Allow-Origin returned, a presigned URL's expiry
// vs the server's Date). A closed vocabulary: signals name them with `{ on: "fact", name }`.
import type { Exchange } from "../model/exchange.js";
import { headerValue } from "../model/exchange.js";

export const DERIVED_FACTS = [
  /** The request is visible and carries no Authorization, Cookie or API-key header (and was not sanitised). */
  "request-without-credentials",
  /** The request carries an Authorization, Cookie or API-key header. */
  "request-with-credentials",
  /** Origin was sent and the response's Access-Control-Allow-Origin is missing. */
  "cors-acao-missing",
  /** Origin was sent and Access-Control-Allow-Origin names another origin. */
  "cors-acao-mismatch",
  /** Access-Control-Allow-Origin is the Origin with a trailing slash (never equal). */
  "cors-acao-trailing-slash",
  /** Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true. */
  "cors-wildcard-with-credentials",
  /** A CORS preflight: OPTIONS with Access-Control-Request-Method. */
  "cors-preflight",
  /** The URL is an AWS SigV4 presigned URL (X-Amz-Signature). */
  "presigned-url",
  /** A presigned URL whose X-Amz-Date + X-Amz-Expires lies before the response's Date. */
  "presigned-url-expired",
  /** A HEAD request, or a 403 with an empty body (HEAD responses carry none). */
  "no-body",
  /** The requested path ends in "/". */
  "path-is-directory",
  /** The Referer names another host than the request (a hotlink). */
  "referer-cross-site",
  /** A CloudFront signed URL (Expires + Signature + Key-Pair-Id) whose Expires lies before the response's Date. */
  "cloudfront-signed-url-expired",
] as const;
export type DerivedFact = (typeof DERIVED_FACTS)[number];

/** Request headers that carry credentials (also what live probing removes to test without them). */
export const CREDENTIAL_HEADERS = /^(?:authorization|cookie|x-api-key|api-key|x-amz-security-token|proxy-authorization|x-auth-token)$/i;

const amzDate = (s: string): number | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
};

const queryOf = (url: string | undefined): URLSearchParams | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).searchParams;
  } catch {
    return undefined;
  }
};

const normOrigin = (o: string): string => o.trim().toLowerCase();

export const deriveFact = (name: DerivedFact, x: Exchange): boolean => {
  const req = x.request;
  const res = x.response;
  const origin = req ? headerValue(req.headers, "origin") : undefined;
  const acao = headerValue(res.headers, "access-control-allow-origin");
  switch (name) {
    case "request-without-credentials":
      return !!req && req.headers.length > 0 && !req.sanitised && !req.headers.some((h) => CREDENTIAL_HEADERS.test(h.name));
    case "request-with-credentials":
      return !!req && req.headers.some((h) => CREDENTIAL_HEADERS.test(h.name));
    case "cors-acao-missing":
      return origin !== undefined && acao === undefined;
    case "cors-acao-mismatch":
      return origin !== undefined && acao !== undefined && acao.trim() !== "*" && normOrigin(acao) !== normOrigin(origin);
    case "cors-acao-trailing-slash":
      return origin !== undefined && acao !== undefined && normOrigin(acao) === `${normOrigin(origin).replace(/\/$/, "")}/`;
    case "cors-wildcard-with-credentials":
      return acao?.trim() === "*" && /^\s*true\s*$/i.test(headerValue(res.headers, "access-control-allow-credentials") ?? "");
    case "cors-preflight":
      return req?.method?.toUpperCase() === "OPTIONS" && headerValue(req.headers, "access-control-request-method") !== undefined;
    case "presigned-url":
      return queryOf(req?.url)?.has("X-Amz-Signature") ?? false;
    case "presigned-url-expired": {
      const q = queryOf(req?.url);
      const signed = amzDate(q?.get("X-Amz-Date") ?? "");
      const expires = Number(q?.get("X-Amz-Expires"));
      const served = Date.parse(headerValue(res.headers, "date") ?? "");
      return signed !== undefined && Number.isFinite(expires) && Number.isFinite(served) && signed + expires * 1000 < served;
    }
    case "no-body":
      return req?.method?.toUpperCase() === "HEAD" || (res.statusSource === "status-line" && res.body.text.trim() === "");
    case "referer-cross-site": {
      const referer = req ? headerValue(req.headers, "referer") : undefined;
      if (!referer || !req?.url) return false;
      try {
        return new URL(referer).hostname !== new URL(req.url).hostname;
      } catch {
        return false;
      }
    }
    case "cloudfront-signed-url-expired": {
      const q = queryOf(req?.url);
      const expires = Number(q?.get("Expires"));
      const served = Date.parse(headerValue(res.headers, "date") ?? "");
      return !!q?.has("Signature") && !!q.has("Key-Pair-Id") && Number.isFinite(expires) && Number.isFinite(served) && expires * 1000 < served;
    }
    case "path-is-directory": {
      const u = req?.url;
      if (!u) return false;
      try {
        return new URL(u).pathname.endsWith("/");
      } catch {
        return /\/(?:[?#]|$)/.test(u);
      }
    }
  }
};
