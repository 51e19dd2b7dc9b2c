// Probe facts: what a live probe (`why403 URL`) observed by varying the user's request, in a
// closed vocabulary. Catalog signals read them with `{ on: "probe", name }`, so the knowledge of
// what a difference means stays data, next to the causes it bears on.

export const PROBE_FACTS = [
  /** The same request without credentials (Authorization, Cookie, API key, SigV4) succeeded. */
  "ok-without-credentials",
  /** Without credentials the answer is the same denial. */
  "denied-without-credentials",
  /** Without credentials the server asks for them (401): it does authenticate this resource. */
  "challenge-without-credentials",
  /** GET or HEAD of the same URL succeeded where the user's method was refused. */
  "ok-with-safe-method",
  /** GET or HEAD of the same URL is refused too. */
  "denied-with-safe-method",
  /** HEAD succeeded where GET was refused. */
  "ok-with-head",
  /** Without the Referer header the request succeeded. */
  "ok-without-referer",
  /** Without the Referer header it is still refused. */
  "denied-without-referer",
  /** With a browser's User-Agent the request succeeded. */
  "ok-with-browser-user-agent",
  /** With a browser's User-Agent it is still refused. */
  "denied-with-browser-user-agent",
  /** The same path without its query string succeeded. */
  "ok-without-query",
  /** The same path without its query string is refused too. */
  "denied-without-query",
  /** A path that cannot exist, in the same directory, got the same denial. */
  "missing-sibling-denied",
  /** A path that cannot exist, in the same directory, got 404: the denial is about this resource. */
  "missing-sibling-not-found",
  /** The site root (/) is refused too. */
  "site-root-denied",
  /** The site root (/) answers. */
  "site-root-ok",
  /** The directory's index.html does not exist (404). */
  "directory-index-missing",
  /** The directory's index.html answers 200. */
  "directory-index-ok",
  /** The CORS preflight (OPTIONS + Origin + Access-Control-Request-Method) was refused or lacks a matching Access-Control-Allow-Origin. */
  "preflight-rejected",
  /** The CORS preflight was accepted for the origin. */
  "preflight-allowed",
  /**
   * The allow-list holds the origin with a trailing slash ("https://app/", never what browsers
   * send): the preflight passes only for that spelling, or Access-Control-Allow-Origin echoes it.
   */
  "origin-allowed-with-trailing-slash",
  /** The other name of the host (www. added or removed), at the same address, answers. */
  "host-variant-ok",
  /** The other name of the host is refused too. */
  "host-variant-denied",
  /** The origin reached directly (--connect-to) answers where the edge refused. */
  "origin-direct-ok",
  /** The origin reached directly gives the same denial: the origin decided. */
  "origin-direct-denied",
  /** An S3 listing of the key's prefix shows the key exists. */
  "s3-key-listed",
  /** An S3 listing of the key's prefix shows the key does not exist. */
  "s3-key-not-listed",
  /** The path with the trailing slash added or removed answers. */
  "slash-variant-ok",
  /** The Bearer token sent is a JWT whose exp lies before the server's Date. */
  "bearer-token-expired",
  /** The server's Date differs from the local clock by more than five minutes. */
  "local-clock-skewed",
  /** The server answered 429 while probing; probing stopped. */
  "rate-limited-while-probing",
] as const;
export type ProbeFact = (typeof PROBE_FACTS)[number];

/** One fact, with the request that showed it and what it showed, for the report's evidence. */
export interface ProbeObservation {
  fact: ProbeFact;
  /** The number of the request that showed it (0: seen in the user's own request). */
  probe: number;
  detail: string;
}
