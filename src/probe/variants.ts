// The experiments a live probe can run: each varies one thing of the user's request, says why,
// names the causes that predict its telling answer, and reads the answer into probe facts.
import { randomBytes } from "node:crypto";
import type { ProbeFact } from "../model/probe-facts.js";
import type { ResponderId } from "../model/taxonomy.js";
import { CREDENTIAL_HEADERS } from "../signals/derived.js";
import { header, outcomeOf, say } from "./answers.js";
import type { PlanContext, Variant } from "./context.js";
import { preflight, readPreflight } from "./cors.js";
import { urlPort } from "./spec.js";
import { decodeURIComponentSafe, dirOf, getPath, hasCredentials, otherName, replacing, safeBaseline, sameAsBaselineGet, toggleSlash, without } from "./requests.js";

export type { PlanContext, Reading, Variant, VariantId } from "./context.js";

export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

export const newNonce = (): string => `why403-probe-${randomBytes(4).toString("hex")}`;

const isBrowserUa = (ua: string | undefined): boolean => !!ua && /^Mozilla\/5\.0 \(/.test(ua);

const decider = (ctx: PlanContext): ResponderId => ctx.diagnosis.match.decider;
const inChain = (ctx: PlanContext, ids: readonly ResponderId[]): boolean => ctx.diagnosis.match.chain.some((c) => ids.includes(c.id));

const CDNS: readonly ResponderId[] = ["aws-cloudfront", "cloudflare", "akamai", "fastly", "azure-frontdoor", "gcp-frontend", "vercel", "netlify"];
const OBJECT_STORES: readonly ResponderId[] = ["aws-s3", "gcp-storage", "azure-storage"];
const WEB_SERVERS: readonly ResponderId[] = ["nginx", "apache", "iis", "unknown"];

const isAddress = (host: string): boolean => /^\[|^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host === "localhost";

const hasFact = (ctx: PlanContext, f: ProbeFact): boolean => ctx.facts.some((o) => o.fact === f);

/** Query parameters that sign or authorise a URL: dropping them tests nothing useful. */
const SIGNED_QUERY = /(?:^|&)(?:X-Amz-Signature|Signature|sig|se|token|access_token|api_key|apikey|key|Key-Pair-Id|Policy|Expires)=/i;
const SUSPICIOUS_QUERY = /[<>'"`;(){}]|%3[CcEe]|%2[27]|%60|\.\.\/|\b(?:union|select|insert|script|alert|onerror|eval|exec|sleep|benchmark|etc\/passwd)\b/i;

/** The bucket and key an S3 URL addresses, virtual-hosted or path style. */
export const s3Location = (ctx: PlanContext): { bucket: string; key: string; bucketPath: string } | undefined => {
  const vars = ctx.diagnosis.vars;
  const path = decodeURIComponent(ctx.baseline.url.pathname);
  const host = ctx.baseline.url.hostname;
  if (vars.bucket && host.startsWith(`${vars.bucket}.`)) return { bucket: vars.bucket, key: path.replace(/^\//, ""), bucketPath: "/" };
  const [, bucket, ...rest] = path.split("/");
  if (!bucket || rest.length === 0 || !rest.join("/")) return undefined;
  return { bucket, key: rest.join("/"), bucketPath: `/${bucket}` };
};

/**
 * A listing prefix without characters a query string must percent-encode: some S3-compatible
 * stores verify signatures over encoded query values wrongly, and a shorter prefix still lists the key.
 */
const plainPrefix = (key: string): string => /^[A-Za-z0-9._~-]*/.exec(key)?.[0] ?? "";

// ---- the experiments ----

export const VARIANTS: readonly Variant[] = [
  {
    id: "get-for-body",
    why: "HEAD answers carry no body; GET shows the error document that names the reason",
    tells: [],
    applies: (ctx) => ctx.baseline.method === "HEAD",
    bonus: () => 2,
    build: (ctx) => sameAsBaselineGet(ctx),
    read: (ctx, res) => ({
      facts: outcomeOf(ctx.base, res) === "ok" ? ["ok-with-safe-method"] : [],
      finding: say(ctx.base, res, { same: `the body ${res.body.trim() ? "names the reason" : "is empty too"}`, ok: "only HEAD is refused" }),
    }),
  },
  {
    id: "cors-preflight",
    why: "the browser's CORS preflight (OPTIONS + Origin + Access-Control-Request-Method): is this origin allowed?",
    tells: ["cors-origin"],
    applies: (ctx) => ctx.spec.origin !== undefined,
    mandatory: () => true,
    build: (ctx) => preflight(ctx, ctx.spec.origin!),
    read: (ctx, res) => readPreflight(ctx, res, ctx.spec.origin!, false),
  },
  {
    id: "cors-origin-slash",
    why: "the same preflight with the origin's trailing slash toggled: an allow-list entry written as \"https://app/\" never matches what browsers send",
    tells: ["cors-origin"],
    applies: (ctx) => ctx.spec.origin !== undefined && ctx.spec.origin !== "null" && hasFact(ctx, "preflight-rejected"),
    mandatory: () => true,
    build: (ctx) => preflight(ctx, toggleSlash(ctx.spec.origin!)),
    read: (ctx, res) => readPreflight(ctx, res, toggleSlash(ctx.spec.origin!), true),
  },
  {
    id: "origin-direct",
    why: "the same request straight to the origin (--connect-to), past the edge: which layer refuses?",
    tells: ["origin-denied"],
    applies: (ctx) => ctx.spec.connectTo.some((r) => r.host === ctx.baseline.url.hostname.toLowerCase() && r.port === urlPort(ctx.baseline.url)),
    mandatory: () => true,
    build: (ctx) => ({ ...safeBaseline(ctx), route: "origin" }),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "ok" ? ["origin-direct-ok"] : o === "same" || o === "denied" ? ["origin-direct-denied"] : [],
        finding: say(ctx.base, res, {
          ok: "the origin serves it: the edge in front decided",
          same: "the origin itself refuses: the edge only passed it on",
          denied: "the origin refuses too",
        }),
      };
    },
  },
  {
    id: "no-credentials",
    why: "the same request without credentials: does the 403 depend on them?",
    tells: ["auth-invalid", "auth-expired", "signature-mismatch", "clock-skew"],
    applies: (ctx) => hasCredentials(ctx.baseline) || ctx.spec.sigv4 !== undefined,
    bonus: (ctx) => (ctx.spec.sigv4 ? 0.15 : 0.3),
    build: (ctx) => ({ ...without(safeBaseline(ctx), (n) => CREDENTIAL_HEADERS.test(n)), unsigned: true }),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "ok" ? ["ok-without-credentials"] : o === "same" || o === "denied" ? ["denied-without-credentials"] : o === "challenge" ? ["challenge-without-credentials"] : [],
        finding: say(ctx.base, res, {
          ok: "it works without them: the credentials sent are what is refused",
          same: "the same answer: the credentials are not what it looks at, or they count for nothing",
          challenge: "it asks for credentials: the ones sent are recognised but not enough",
        }),
      };
    },
  },
  {
    id: "safe-method",
    why: "GET of the same URL, where the user's request used another method: is only the method refused?",
    tells: ["method-denied", "csrf"],
    applies: (ctx) => !["GET", "HEAD", "OPTIONS"].includes(ctx.baseline.method),
    // every other experiment is a GET: first learn whether GET alone is refused
    mandatory: () => true,
    build: (ctx) => sameAsBaselineGet(ctx),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "ok" ? ["ok-with-safe-method"] : o === "same" || o === "denied" ? ["denied-with-safe-method"] : [],
        finding: say(ctx.base, res, { ok: `GET is served: only ${ctx.baseline.method} is refused`, same: "GET is refused too: not about the method" }),
      };
    },
  },
  {
    id: "head",
    why: "HEAD of the same URL: is the refusal specific to GET?",
    tells: ["method-denied"],
    applies: (ctx) => ctx.baseline.method === "GET",
    build: (ctx) => ({ ...sameAsBaselineGet(ctx), method: "HEAD" }),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return { facts: o === "ok" ? ["ok-with-head"] : [], finding: say(ctx.base, res, { ok: "HEAD is served: GET alone is refused", same: "HEAD is refused too" }) };
    },
  },
  {
    id: "no-referer",
    why: "the same request without its Referer: is it a hotlink check?",
    tells: ["referer-denied"],
    applies: (ctx) => ctx.baseline.headers.some(([n]) => n.toLowerCase() === "referer"),
    bonus: () => 0.45,
    build: (ctx) => without(safeBaseline(ctx), (n) => n === "referer"),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "ok" ? ["ok-without-referer"] : o === "same" ? ["denied-without-referer"] : [],
        finding: say(ctx.base, res, { ok: "served without the Referer: the Referer is refused", same: "refused without it too" }),
      };
    },
  },
  {
    id: "browser-user-agent",
    why: "the same request with a browser's User-Agent: is the client software refused?",
    // a refusal for a browser too is what turns a site-wide refusal into an address rule
    tells: ["user-agent-blocked", "bot-challenge", "ip-denied"],
    applies: (ctx) => !isBrowserUa(header(ctx.baseline.headers, "user-agent")),
    bonus: () => 0.1,
    build: (ctx) => replacing(safeBaseline(ctx), "user-agent", BROWSER_USER_AGENT),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "ok" ? ["ok-with-browser-user-agent"] : o === "same" || o === "denied" ? ["denied-with-browser-user-agent"] : [],
        finding: say(ctx.base, res, { ok: "served to a browser's User-Agent: the User-Agent sent is refused", same: "refused for a browser too: not the User-Agent" }),
      };
    },
  },
  {
    id: "no-query",
    why: "the same path without its query string: does a rule inspect the parameters?",
    tells: ["waf-rule"],
    applies: (ctx) => ctx.baseline.url.search.length > 1 && !SIGNED_QUERY.test(ctx.baseline.url.search.slice(1)),
    bonus: (ctx) => (SUSPICIOUS_QUERY.test(decodeURIComponentSafe(ctx.baseline.url.search)) ? 0.7 : 0.05),
    build: (ctx) => getPath(ctx, ctx.baseline.url.pathname),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "ok" || o === "not-found" ? ["ok-without-query"] : o === "same" ? ["denied-without-query"] : [],
        finding: say(ctx.base, res, {
          ok: "served without the parameters: something in them is refused",
          "not-found": "no 403 without the parameters: something in them is refused",
          same: "refused without them too",
        }),
      };
    },
  },
  {
    id: "directory-index",
    why: "the directory's index.html: does the directory lack an index file?",
    tells: ["directory-listing"],
    applies: (ctx) => ctx.baseline.url.pathname.endsWith("/"),
    bonus: (ctx) => (WEB_SERVERS.includes(decider(ctx)) ? 0.3 : 0.05),
    build: (ctx) => getPath(ctx, `${ctx.baseline.url.pathname}index.html${ctx.baseline.url.search}`),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "not-found" ? ["directory-index-missing"] : o === "ok" ? ["directory-index-ok"] : [],
        finding: say(ctx.base, res, {
          "not-found": "there is no index.html: the directory has no index and listing is off",
          ok: "index.html exists but is not served for the directory: the index is not configured",
          same: "index.html is refused too",
        }),
      };
    },
  },
  {
    id: "missing-sibling",
    why: "a path that cannot exist, in the same directory: is the refusal about this resource or the whole place?",
    tells: ["filesystem-permission", "directory-listing"],
    applies: (ctx) => ctx.baseline.url.pathname !== "/",
    bonus: (ctx) => (WEB_SERVERS.includes(decider(ctx)) || OBJECT_STORES.includes(decider(ctx)) ? 0.15 : 0),
    build: (ctx) => getPath(ctx, `${dirOf(ctx.baseline.url.pathname)}${ctx.nonce}${ctx.baseline.url.search}`),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "not-found" ? ["missing-sibling-not-found"] : o === "same" || o === "denied" ? ["missing-sibling-denied"] : [],
        finding: say(ctx.base, res, {
          "not-found": "a missing file is a plain 404: the refusal is about this resource itself",
          same: "refused before the server even looks for the file: a rule covers the whole directory",
          denied: "refused too: a rule covers the whole directory",
        }),
      };
    },
  },
  {
    id: "site-root",
    why: "the site root (/): is the whole site refused, or only this path?",
    tells: ["ip-denied", "user-agent-blocked", "geo-blocked", "bot-challenge", "origin-access-missing"],
    // an object store addressed directly answers / with a bucket listing, which says nothing here
    applies: (ctx) => ctx.baseline.url.pathname !== "/" && !(OBJECT_STORES.includes(decider(ctx)) && !inChain(ctx, CDNS)),
    bonus: (ctx) => (inChain(ctx, CDNS) && OBJECT_STORES.includes(decider(ctx)) ? 0.3 : 0),
    build: (ctx) => getPath(ctx, `/${ctx.baseline.url.search}`),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "ok" ? ["site-root-ok"] : o === "same" || o === "denied" ? ["site-root-denied"] : [],
        finding: say(ctx.base, res, { ok: "the site answers: the refusal is about this path", same: "the whole site refuses this client", denied: "the site root is refused too" }),
      };
    },
  },
  {
    id: "s3-list",
    why: "an S3 listing of the key's prefix: does the key exist at all? (S3 answers 403, not 404, for a missing key to callers that may not list)",
    tells: ["object-missing-masked"],
    applies: (ctx) => decider(ctx) === "aws-s3" && !inChain(ctx, CDNS) && s3Location(ctx) !== undefined && !/SignatureDoesNotMatch|RequestTimeTooSkewed|InvalidAccessKeyId|ExpiredToken/.test(ctx.base.body),
    bonus: () => 0.25,
    build: (ctx) => {
      const loc = s3Location(ctx)!;
      return getPath(ctx, `${loc.bucketPath}?list-type=2&max-keys=100&prefix=${plainPrefix(loc.key)}`);
    },
    read: (ctx, res) => {
      const loc = s3Location(ctx)!;
      if (res.status !== 200) return { facts: [], finding: say(ctx.base, res, { same: "listing is refused too: existence cannot be told from here" }) };
      const keys = [...res.body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
      const truncated = /<IsTruncated>true<\/IsTruncated>/.test(res.body);
      if (keys.includes(loc.key)) return { facts: ["s3-key-listed"], finding: `200: the key ${loc.key} exists; the caller may list but not read it` };
      if (!truncated) return { facts: ["s3-key-not-listed"], finding: `200: no key ${loc.key} in the bucket: the 403 hides a missing object` };
      return { facts: [], finding: "200, but the listing is cut before the key: existence unknown" };
    },
  },
  {
    id: "host-variant",
    why: "the other name of this host (www. added or removed) at the same address: is this name configured at the edge?",
    tells: ["host-not-configured"],
    applies: (ctx) => !isAddress(ctx.baseline.url.hostname) && ctx.baseline.url.hostname.split(".").length >= 2 && !ctx.spec.hostHeader,
    build: (ctx) => ({ ...safeBaseline(ctx), hostHeader: otherName(ctx.baseline.url) }),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return {
        facts: o === "ok" ? ["host-variant-ok"] : o === "same" || o === "denied" ? ["host-variant-denied"] : [],
        finding: say(ctx.base, res, { ok: `${otherName(ctx.baseline.url)} is served at the same address: this name is not set up there`, same: "the other name is refused too" }),
      };
    },
  },
  {
    id: "slash-variant",
    why: "the key with its trailing slash toggled: does the store hold it under the other name?",
    tells: ["object-missing-masked"],
    // keys are exact strings in object stores; web servers redirect one form to the other anyway
    applies: (ctx) => ctx.baseline.url.pathname !== "/" && OBJECT_STORES.includes(decider(ctx)),
    build: (ctx) => getPath(ctx, `${toggleSlash(ctx.baseline.url.pathname)}${ctx.baseline.url.search}`),
    read: (ctx, res) => {
      const o = outcomeOf(ctx.base, res);
      return { facts: o === "ok" ? ["slash-variant-ok"] : [], finding: say(ctx.base, res, { ok: "served with the slash toggled: the exact key does not exist", same: "refused either way" }) };
    },
  },
];
