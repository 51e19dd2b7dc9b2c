// AWS Signature Version 4, from an Authorization header or a presigned URL: what was signed,
// for which region and service, when, and whether that still fits the request and the clock.
// Nothing here needs (or shows) the secret key or the signature.
import type { Finding } from "../checks/finding.js";
import { duration, isoSeconds } from "../checks/time.js";
import type { ResponderId } from "../model/taxonomy.js";

export interface SigV4 {
  via: "header" | "query";
  algorithm: string;
  /** The access key id (AKIA… long-term, ASIA… temporary). Shown only through the redactor. */
  accessKeyId?: string;
  /** yyyymmdd of the credential scope. */
  scopeDate?: string;
  region?: string;
  service?: string;
  /** X-Amz-Date (yyyymmddThhmmssZ), from the query, the header or the Date header. */
  amzDate?: string;
  signedHeaders: string[];
  /** X-Amz-Expires of a presigned URL, seconds. */
  expiresSeconds?: number;
  sessionToken: boolean;
  signaturePresent: boolean;
  problems: string[];
}

/** The longest validity of a presigned URL: seven days. */
export const MAX_PRESIGNED_SECONDS = 604800;

/** How far request time and server time may differ: S3 allows 15 minutes, other services 5. */
export const skewTolerance = (service: string | undefined): number => (service === "s3" ? 900 : 300);

const readCredential = (cred: string, sig: SigV4): void => {
  const parts = cred.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request") {
    sig.problems.push(`the Credential "${parts.slice(1).join("/")}" is not ACCESS_KEY/yyyymmdd/region/service/aws4_request`);
  }
  const [key, date, region, service] = parts;
  if (key) sig.accessKeyId = key;
  if (date) sig.scopeDate = date;
  if (region) sig.region = region;
  if (service) sig.service = service;
};

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export const parseAuthorizationHeader = (value: string, headers: ReadonlyMap<string, string> = new Map()): SigV4 | undefined => {
  const m = /^\s*(AWS4-[A-Z0-9-]+)\s+(.*)$/s.exec(value);
  if (!m) return undefined;
  const sig: SigV4 = { via: "header", algorithm: m[1]!, signedHeaders: [], sessionToken: false, signaturePresent: false, problems: [] };
  const fields = new Map<string, string>();
  for (const part of m[2]!.split(/\s*,\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const cred = fields.get("Credential");
  if (cred) readCredential(cred, sig);
  else sig.problems.push("Authorization header requires 'Credential' parameter");
  const signed = fields.get("SignedHeaders");
  if (signed) sig.signedHeaders = signed.split(";").map((h) => h.toLowerCase());
  else sig.problems.push("Authorization header requires 'SignedHeaders' parameter");
  sig.signaturePresent = Boolean(fields.get("Signature"));
  if (!sig.signaturePresent) sig.problems.push("Authorization header requires 'Signature' parameter");
  const amzDate = headers.get("x-amz-date");
  if (amzDate) sig.amzDate = amzDate;
  else {
    const date = headers.get("date");
    const t = date ? Date.parse(date) : NaN;
    if (!Number.isNaN(t)) sig.amzDate = new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, "");
  }
  sig.sessionToken = headers.has("x-amz-security-token");
  return sig;
};

/** Parses the X-Amz-* parameters of a presigned URL. */
export const parsePresignedUrl = (url: URL): SigV4 | undefined => {
  const q = url.searchParams;
  if (!q.has("X-Amz-Signature") && !q.has("X-Amz-Credential")) return undefined;
  const sig: SigV4 = {
    via: "query",
    algorithm: q.get("X-Amz-Algorithm") ?? "",
    signedHeaders: (q.get("X-Amz-SignedHeaders") ?? "").split(";").filter(Boolean).map((h) => h.toLowerCase()),
    sessionToken: q.has("X-Amz-Security-Token"),
    signaturePresent: q.has("X-Amz-Signature"),
    problems: [],
  };
  if (!sig.algorithm) sig.problems.push("X-Amz-Algorithm is missing");
  const cred = q.get("X-Amz-Credential");
  if (cred) readCredential(cred, sig);
  else sig.problems.push("X-Amz-Credential is missing");
  const date = q.get("X-Amz-Date");
  if (date) sig.amzDate = date;
  else sig.problems.push("X-Amz-Date is missing");
  const exp = q.get("X-Amz-Expires");
  if (exp === null) sig.problems.push("X-Amz-Expires is missing");
  else if (/^\d+$/.test(exp)) sig.expiresSeconds = Number(exp);
  else sig.problems.push(`X-Amz-Expires=${exp} is not a number of seconds`);
  if (!sig.signaturePresent) sig.problems.push("X-Amz-Signature is missing");
  if (sig.signedHeaders.length === 0) sig.problems.push("X-Amz-SignedHeaders is missing");
  return sig;
};

/** yyyymmddThhmmssZ → epoch seconds. */
export const amzDateSeconds = (d: string): number | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(d);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000;
};

export interface Endpoint {
  service: string;
  region?: string;
}

/** The signing service and region an AWS host expects (undefined for hosts it cannot tell). */
export const endpointOfHost = (hostname: string): Endpoint | undefined => {
  const h = hostname.toLowerCase();
  const apigw = /^(?:[a-z0-9]+(?:-vpce-[a-z0-9]+)?|vpce-[a-z0-9-]+)\.execute-api\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/.exec(h);
  if (apigw) return { service: "execute-api", region: apigw[1]! };
  const s3 = /(?:^|\.)s3(?:[.-]([a-z]{2}(?:-gov)?-[a-z]+-\d))?(?:\.dualstack)?\.amazonaws\.com(?:\.cn)?$/.exec(h);
  if (s3) return s3[1] ? { service: "s3", region: s3[1] } : { service: "s3" };
  const global = /^(sts|iam)\.amazonaws\.com$/.exec(h);
  if (global) return { service: global[1]!, region: "us-east-1" };
  const generic = /^([a-z0-9-]+)\.(?:fips\.)?([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/.exec(h);
  if (generic) return { service: generic[1]!, region: generic[2]! };
  return undefined;
};

export const deciderOfService = (service: string | undefined): ResponderId =>
  service === "s3" ? "aws-s3" : service === "execute-api" ? "aws-apigateway" : "aws-service-api";

export interface SigV4JudgeOptions {
  now: Date;
  /** The server's Date header from the same exchange: the difference is the client's clock skew. */
  serverDate?: Date;
  /** What the request reached: its host, or the region/service the configuration says. */
  host?: string;
  expect?: Endpoint;
  check: string;
  /** The evidence path prefix (e.g. "Authorization" or "query"). */
  where?: string;
}

/** Problems of a SigV4 signature as findings. */
export const judgeSigV4 = (sig: SigV4, o: SigV4JudgeOptions): Finding[] => {
  const out: Finding[] = [];
  const expect = o.expect ?? (o.host ? endpointOfHost(o.host) : undefined);
  const decider = deciderOfService(expect?.service ?? sig.service);
  const base = { decider, check: o.check };
  const at = (p: string) => (sig.via === "query" ? p : `${o.where ?? "Authorization"}.${p}`);
  for (const p of sig.problems) {
    out.push({ ...base, cause: "signature-mismatch", confidence: 0.75, path: sig.via === "query" ? "query string" : (o.where ?? "Authorization"), value: p, detail: `the signature is incomplete: ${p}`, fix: ["Sign with an AWS SDK or awscurl rather than building the header by hand; send every part it produces."] });
  }
  const key = sig.accessKeyId ?? "";
  if (key.startsWith("ASIA") && !sig.sessionToken) {
    out.push({
      ...base,
      cause: "auth-invalid",
      confidence: 0.85,
      path: sig.via === "query" ? "X-Amz-Security-Token" : "X-Amz-Security-Token (header)",
      value: "absent",
      detail: "the access key is temporary (ASIA…) but no X-Amz-Security-Token was sent: AWS answers \"The security token included in the request is invalid\"",
      fix: ["Send the session token with temporary credentials (X-Amz-Security-Token), or sign with the SDK's credential provider, which adds it."],
    });
  }
  if (key.startsWith("AKIA") && sig.sessionToken) {
    out.push({ ...base, cause: "auth-invalid", confidence: 0.5, path: "X-Amz-Security-Token", value: "present", detail: "a session token was sent with a long-term key (AKIA…): the token belongs to other credentials" });
  }
  if (expect?.region && sig.region && sig.region !== expect.region) {
    out.push({
      ...base,
      cause: "wrong-endpoint",
      confidence: 0.85,
      path: at(sig.via === "query" ? "X-Amz-Credential" : "Credential"),
      value: `…/${sig.scopeDate ?? "?"}/${sig.region}/${sig.service ?? "?"}/aws4_request`,
      detail: `signed for region ${sig.region}, but the endpoint is in ${expect.region}: "Credential should be scoped to a valid region"`,
      fix: [`Sign for ${expect.region} (set AWS_REGION / the client's region to ${expect.region}), or call the ${sig.region} endpoint.`],
      vars: { region: expect.region },
    });
  }
  if (expect?.service && sig.service && sig.service !== expect.service) {
    out.push({
      ...base,
      cause: "signature-mismatch",
      confidence: 0.8,
      path: at(sig.via === "query" ? "X-Amz-Credential" : "Credential"),
      value: `…/${sig.region ?? "?"}/${sig.service}/aws4_request`,
      detail: `signed for service ${sig.service}, but the endpoint expects ${expect.service}: "Credential should be scoped to correct service"`,
      fix: [`Sign with service name ${expect.service} (awscurl --service ${expect.service}, SignatureV4({ service: "${expect.service}" })).`],
    });
  }
  if (sig.signedHeaders.length > 0 && !sig.signedHeaders.includes("host")) {
    out.push({ ...base, cause: "signature-mismatch", confidence: 0.7, path: at("SignedHeaders"), value: sig.signedHeaders.join(";"), detail: "the host header is not signed; SigV4 requires it" });
  }
  out.push(...timeFindings(sig, { ...o, ...(expect ? { expect } : {}) }, base));
  return out;
};

const timeFindings = (sig: SigV4, o: SigV4JudgeOptions, base: { decider: ResponderId; check: string }): Finding[] => {
  const out: Finding[] = [];
  const signedAt = sig.amzDate ? amzDateSeconds(sig.amzDate) : undefined;
  if (sig.amzDate && signedAt === undefined) {
    return [{ ...base, cause: "signature-mismatch", confidence: 0.7, path: "X-Amz-Date", value: sig.amzDate, detail: "X-Amz-Date is not yyyymmddThhmmssZ" }];
  }
  if (signedAt === undefined) return out;
  if (sig.scopeDate && sig.amzDate && !sig.amzDate.startsWith(sig.scopeDate)) {
    out.push({ ...base, cause: "signature-mismatch", confidence: 0.8, path: "X-Amz-Credential date", value: `${sig.scopeDate} vs X-Amz-Date ${sig.amzDate}`, detail: "the credential scope's date is not the day of X-Amz-Date: the server computes a different signing key" });
  }
  const tolerance = skewTolerance(o.expect?.service ?? sig.service);
  const now = o.now.getTime() / 1000;
  if (o.serverDate) {
    const skew = signedAt - o.serverDate.getTime() / 1000;
    if (Math.abs(skew) > tolerance) {
      out.push({
        ...base,
        cause: "clock-skew",
        confidence: 0.88,
        path: "X-Amz-Date",
        value: sig.amzDate!,
        detail: `X-Amz-Date is ${duration(skew)} ${skew > 0 ? "ahead of" : "behind"} the server's Date (${o.serverDate.toISOString()}); AWS accepts ${duration(tolerance)}`,
        fix: ["Sync the client's clock (NTP, automatic time); SDKs can also correct skew from the server's Date (correctClockSkew / clock skew adjustment)."],
      });
    }
    return out;
  }
  if (sig.via === "query") {
    if (signedAt - now > tolerance) {
      out.push({
        ...base,
        cause: "clock-skew",
        confidence: 0.8,
        path: "X-Amz-Date",
        value: sig.amzDate!,
        detail: `the URL was signed for ${isoSeconds(signedAt)}, ${duration(signedAt - now)} in the future: the signer's clock is ahead, and AWS refuses it as not yet valid`,
        fix: ["Fix the clock of the machine that presigns (NTP), then presign again."],
      });
    }
    if (sig.expiresSeconds !== undefined) {
      const end = signedAt + Math.min(sig.expiresSeconds, MAX_PRESIGNED_SECONDS);
      if (end <= now) {
        out.push({
          ...base,
          cause: "auth-expired",
          confidence: 0.92,
          path: "X-Amz-Expires",
          value: `${sig.expiresSeconds} s from ${isoSeconds(signedAt)}`,
          detail: `the presigned URL expired ${duration(now - end)} ago (at ${isoSeconds(end)}): S3 answers 403 "Request has expired"`,
          fix: ["Presign a new URL right before handing it out, with X-Amz-Expires long enough for the download (at most 604800 s, and no longer than the signing credentials live)."],
        });
      }
    }
    return out;
  }
  // a header-signed request: only the inspection time is known, so an old signature is a stale capture
  if (now - signedAt > tolerance) {
    out.push({
      ...base,
      cause: "auth-expired",
      confidence: 0.6,
      path: "X-Amz-Date",
      value: sig.amzDate!,
      detail: `signed at ${isoSeconds(signedAt)}, ${duration(now - signedAt)} ago: AWS refuses it as "Signature expired" (${duration(tolerance)} allowed); if it was sent right after signing, the client clock was behind`,
      fix: ["Sign each request immediately before sending it; never replay a captured Authorization header. If it was fresh when sent, sync the client clock."],
    });
  } else if (signedAt - now > tolerance) {
    out.push({
      ...base,
      cause: "clock-skew",
      confidence: 0.8,
      path: "X-Amz-Date",
      value: sig.amzDate!,
      detail: `X-Amz-Date is ${duration(signedAt - now)} in the future: the client's clock is ahead ("Signature not yet current")`,
      fix: ["Sync the client's clock (NTP)."],
    });
  }
  return out;
};
