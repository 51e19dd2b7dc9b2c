// JSON Web Tokens: decode header and claims (never the signature), and judge the times, the
// audience, the issuer, the scopes and the algorithm against what the verifier expects.
import { constants, createPublicKey, verify as cryptoVerify, type JsonWebKey, type KeyObject } from "node:crypto";
import type { Finding } from "../checks/finding.js";
import { duration, isoSeconds } from "../checks/time.js";
import type { ResponderId } from "../model/taxonomy.js";

export interface Jwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** header.payload, what the signature covers. */
  signingInput: string;
  signature: Uint8Array;
}

export const JWT_PATTERN = /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/;

const b64json = (s: string): Record<string, unknown> | undefined => {
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

export const decodeJwt = (token: string): Jwt | undefined => {
  const parts = token.trim().replace(/^Bearer\s+/i, "").split(".");
  if (parts.length !== 3) return undefined;
  const header = b64json(parts[0]!);
  const claims = b64json(parts[1]!);
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, "base64url") };
};

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v) ?? "");
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);

/** Scopes from `scope` (space separated, OAuth) or `scp` (list, Okta/Azure). */
export const jwtScopes = (claims: Record<string, unknown>): string[] => [
  ...(typeof claims.scope === "string" ? claims.scope.split(/\s+/).filter(Boolean) : []),
  ...list(claims.scp),
];

/** The claims worth showing: never the signature, never custom claims that may be personal data. */
export const jwtFields = (jwt: Jwt): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k of ["alg", "kid", "typ"]) if (jwt.header[k] !== undefined) out[k] = str(jwt.header[k]);
  for (const k of ["iss", "aud", "client_id", "token_use"]) if (jwt.claims[k] !== undefined) out[k] = list(jwt.claims[k]).join(" ");
  for (const k of ["exp", "nbf", "iat"]) {
    const t = num(jwt.claims[k]);
    if (t !== undefined) out[k] = isoSeconds(t);
  }
  const scopes = jwtScopes(jwt.claims);
  if (scopes.length > 0) out.scope = scopes.join(" ");
  return out;
};

export interface JwtExpectations {
  issuer?: string;
  audience?: string[];
  scopes?: string[];
}

export interface JwtJudgeOptions {
  now: Date;
  /** Seconds of clock tolerance the verifier allows (API Gateway and most libraries: 0–300). */
  leeway?: number;
  expect?: JwtExpectations;
  /** Where the expectations come from (config field), for evidence. */
  expectPath?: { issuer?: string; audience?: string; scopes?: string };
  /** A public key (PEM or JWK/JWKS JSON) to verify the signature with. */
  publicKey?: string;
  decider: ResponderId;
  check: string;
  /** The evidence path of the token: "Authorization" or "token". */
  where: string;
}

const ALGS: Record<string, { hash: string; kind: "rsa" | "pss" | "ec" }> = {
  RS256: { hash: "sha256", kind: "rsa" },
  RS384: { hash: "sha384", kind: "rsa" },
  RS512: { hash: "sha512", kind: "rsa" },
  PS256: { hash: "sha256", kind: "pss" },
  PS384: { hash: "sha384", kind: "pss" },
  PS512: { hash: "sha512", kind: "pss" },
  ES256: { hash: "sha256", kind: "ec" },
  ES384: { hash: "sha384", kind: "ec" },
  ES512: { hash: "sha512", kind: "ec" },
};

const keyFor = (jwt: Jwt, text: string): KeyObject | undefined => {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return createPublicKey(trimmed);
  const parsed = JSON.parse(trimmed) as { keys?: JsonWebKey[] } & JsonWebKey;
  const keys: JsonWebKey[] = parsed.keys ?? [parsed];
  const kid = jwt.header.kid;
  const jwk = keys.find((k) => kid === undefined || (k as { kid?: unknown }).kid === kid);
  return jwk ? createPublicKey({ key: jwk, format: "jwk" }) : undefined;
};

/** true/false for a verified/failed signature; undefined when the algorithm or key is not usable. */
export const verifyJwt = (jwt: Jwt, publicKey: string): boolean | undefined => {
  const alg = ALGS[str(jwt.header.alg)];
  if (!alg) return undefined;
  const key = keyFor(jwt, publicKey);
  if (!key) return undefined;
  const data = Buffer.from(jwt.signingInput);
  if (alg.kind === "ec") return cryptoVerify(alg.hash, data, { key, dsaEncoding: "ieee-p1363" }, jwt.signature);
  if (alg.kind === "pss") return cryptoVerify(alg.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, jwt.signature);
  return cryptoVerify(alg.hash, data, key, jwt.signature);
};

export const judgeJwt = (jwt: Jwt, o: JwtJudgeOptions): Finding[] => {
  const out: Finding[] = [];
  const base = { decider: o.decider, check: o.check };
  const now = o.now.getTime() / 1000;
  const leeway = o.leeway ?? 0;
  const exp = num(jwt.claims.exp);
  const nbf = num(jwt.claims.nbf);
  const iat = num(jwt.claims.iat);
  const alg = str(jwt.header.alg ?? "");
  if (alg.toLowerCase() === "none") {
    out.push({ ...base, cause: "auth-invalid", confidence: 0.85, path: `${o.where}.header.alg`, value: alg, detail: "the token is unsigned (alg none): verifiers refuse it" });
  }
  if (exp !== undefined && exp + leeway <= now) {
    out.push({
      ...base,
      cause: "auth-expired",
      confidence: 0.93,
      path: `${o.where}.exp`,
      value: isoSeconds(exp),
      detail: `the token expired ${duration(now - exp)} ago (exp ${isoSeconds(exp)})`,
      fix: ["Refresh the token (refresh token or a new sign-in) before it expires; clients should renew a minute or two early."],
    });
  }
  if (nbf !== undefined && nbf - leeway > now) {
    out.push({
      ...base,
      cause: "clock-skew",
      confidence: 0.8,
      path: `${o.where}.nbf`,
      value: isoSeconds(nbf),
      detail: `the token is not valid before ${isoSeconds(nbf)}, ${duration(nbf - now)} from now: the issuer's clock is ahead of the verifier's (or this machine's is behind)`,
      fix: ["Sync the clocks (NTP) of the issuer and the verifier, or allow a small clock tolerance (60 s) in the verifier."],
    });
  } else if (iat !== undefined && iat - Math.max(leeway, 60) > now) {
    out.push({ ...base, cause: "clock-skew", confidence: 0.7, path: `${o.where}.iat`, value: isoSeconds(iat), detail: `the token was issued ${duration(iat - now)} in the future: a clock is off` });
  }
  const e = o.expect ?? {};
  const iss = typeof jwt.claims.iss === "string" ? jwt.claims.iss : undefined;
  if (e.issuer && iss !== e.issuer) {
    out.push({
      ...base,
      cause: "auth-invalid",
      confidence: 0.85,
      path: o.expectPath?.issuer ?? `${o.where}.iss`,
      value: e.issuer,
      detail: `the token's issuer is ${iss ?? "(none)"}, the verifier expects ${e.issuer}`,
      fix: ["Get the token from the issuer the API trusts (user pool / tenant / environment), or add that issuer to the verifier."],
    });
  }
  const aud = [...list(jwt.claims.aud), ...list(jwt.claims.client_id)];
  if (e.audience && e.audience.length > 0 && !aud.some((a) => e.audience!.includes(a))) {
    out.push({
      ...base,
      cause: "auth-invalid",
      confidence: 0.85,
      path: o.expectPath?.audience ?? `${o.where}.aud`,
      value: e.audience.join(", "),
      detail: `the token's audience (${aud.join(", ") || "none"}) is not one the verifier accepts (${e.audience.join(", ")})`,
      fix: ["Request the token for the API's audience (the app client id / API identifier it expects)."],
    });
  }
  const have = jwtScopes(jwt.claims);
  const missing = (e.scopes ?? []).filter((s) => !have.includes(s));
  if (e.scopes && e.scopes.length > 0 && missing.length === e.scopes.length) {
    out.push({
      ...base,
      cause: "insufficient-permissions",
      confidence: 0.88,
      path: o.expectPath?.scopes ?? `${o.where}.scope`,
      value: e.scopes.join(" "),
      detail: `the route requires one of the scopes ${e.scopes.join(", ")} and the token has ${have.length > 0 ? have.join(", ") : "none"}${jwt.claims.token_use === "id" ? " (an ID token carries no scopes: send the access token)" : ""}`,
      fix: ["Request the token with one of the required scopes (and send the access token, not the ID token), or change the route's authorization scopes."],
    });
  }
  if (o.publicKey && alg.toLowerCase() !== "none") {
    const ok = verifyJwt(jwt, o.publicKey);
    if (ok === false) {
      out.push({ ...base, cause: "auth-invalid", confidence: 0.9, path: `${o.where}.signature`, value: alg, detail: "the signature does not verify with the given public key: another issuer or key (kid), or the token was altered" });
    }
  }
  return out;
};
