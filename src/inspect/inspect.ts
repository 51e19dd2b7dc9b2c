// `why403 inspect`: finds the credentials in a string or file (presigned URLs, SigV4 headers,
// CloudFront signed URLs and cookies, JWTs, a SignatureDoesNotMatch body) and judges each
// against the clock, the host and what the verifier expects. Secrets stay hidden.
import { Recorder } from "../checks/finding.js";
import { cookiesOf } from "../checks/headers.js";
import { buildCheckReport } from "../checks/report.js";
import { duration, isoSeconds } from "../checks/time.js";
import { loadCatalog } from "../knowledge/catalog.js";
import { WhyError } from "../model/errors.js";
import type { HeaderField } from "../model/exchange.js";
import type { Report, ReportInspected } from "../model/report.js";
import type { ResponderId } from "../model/taxonomy.js";
import { Redactor } from "../redact/redactor.js";
import { clientSignedTexts, compareSignedTexts, serverSignedTexts } from "./canonical.js";
import { judgeCloudFrontSignature, readSignedCookies, readSignedUrl, type CloudFrontSignature } from "./cloudfront-signed.js";
import { decodeJwt, JWT_PATTERN, judgeJwt, jwtFields, type JwtExpectations } from "./jwt.js";
import { amzDateSeconds, deciderOfService, endpointOfHost, judgeSigV4, MAX_PRESIGNED_SECONDS, parseAuthorizationHeader, parsePresignedUrl, type SigV4 } from "./sigv4.js";

export interface InspectInput {
  text: string;
  file: string;
  now?: Date;
  /** The client's canonical request / string to sign, or an SDK debug log (--canonical). */
  canonical?: string;
  /** A public key (PEM, JWK or JWKS) for CloudFront signatures and JWTs. */
  publicKey?: string;
  expect?: JwtExpectations;
  viewerIp?: string;
  leeway?: number;
  showSecrets?: boolean;
}

/** Request and response headers of a pasted exchange (curl -v marks them with > and <). */
const headersOf = (text: string): { request: HeaderField[]; response: HeaderField[] } => {
  const request: HeaderField[] = [];
  const response: HeaderField[] = [];
  let inResponse = false;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    const marked = /^([<>])\s?(.*)$/.exec(line);
    const body = marked ? marked[2]! : line;
    if (/^HTTP\/[\d.]+\s+\d{3}/.test(body)) inResponse = marked ? marked[1] === "<" : true;
    const h = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(body);
    if (!h) continue;
    const field = { name: h[1]!, value: h[2]! };
    if (marked ? marked[1] === "<" : inResponse) response.push(field);
    else request.push(field);
  }
  return { request, response };
};

const headerMap = (headers: readonly HeaderField[]): Map<string, string> => new Map(headers.map((h) => [h.name.toLowerCase(), h.value]));

const URL_PATTERN = /https?:\/\/[^\s"'<>`]+/g;

const sigv4Fields = (sig: SigV4, host?: string): Record<string, string> => {
  const f: Record<string, string> = { algorithm: sig.algorithm };
  if (sig.accessKeyId) f.keyType = sig.accessKeyId.startsWith("ASIA") ? "temporary (ASIA…)" : sig.accessKeyId.startsWith("AKIA") ? "long-term (AKIA…)" : "other";
  if (sig.region) f.region = sig.region;
  if (sig.service) f.service = sig.service;
  const at = sig.amzDate ? amzDateSeconds(sig.amzDate) : undefined;
  if (at !== undefined) f.signedAt = isoSeconds(at);
  if (sig.expiresSeconds !== undefined && at !== undefined) {
    f.expires = `${sig.expiresSeconds} s`;
    f.validUntil = isoSeconds(at + Math.min(sig.expiresSeconds, MAX_PRESIGNED_SECONDS));
  }
  f.signedHeaders = sig.signedHeaders.join(";") || "(none)";
  f.sessionToken = sig.sessionToken ? "present" : "absent";
  if (host) {
    const e = endpointOfHost(host);
    if (e) f.endpoint = `${e.service}${e.region ? ` in ${e.region}` : ""}`;
  }
  return f;
};

const cloudFrontFields = (sig: CloudFrontSignature): Record<string, string> => {
  const f: Record<string, string> = { policy: sig.policyKind, hash: sig.hashAlgorithm };
  if (sig.keyPairId) f.keyPairId = sig.keyPairId;
  if (sig.expires !== undefined) f.expires = isoSeconds(sig.expires);
  if (sig.notBefore !== undefined) f.notBefore = isoSeconds(sig.notBefore);
  if (sig.resource) f.resource = sig.resource;
  if (sig.sourceIp) f.sourceIp = sig.sourceIp;
  return f;
};

/** A short "valid for 5 min" / "expired 2 h ago" for the passed checks. */
const validity = (until: number | undefined, now: number): string =>
  until === undefined ? "no expiry" : until > now ? `valid until ${isoSeconds(until)} (${duration(until - now)} left)` : `expired at ${isoSeconds(until)}`;

export const inspectText = (input: InspectInput): Report => {
  const now = input.now ?? new Date();
  const nowS = now.getTime() / 1000;
  const redactor = new Redactor(!input.showSecrets);
  const rec = new Recorder();
  const inspected: ReportInspected[] = [];
  const services: ResponderId[] = [];
  const text = input.text;
  const { request, response } = headersOf(text);
  const reqHeaders = headerMap(request);
  const serverDateRaw = headerMap(response).get("date");
  const serverDate = serverDateRaw && !Number.isNaN(Date.parse(serverDateRaw)) ? new Date(serverDateRaw) : undefined;
  const urls = [...text.matchAll(URL_PATTERN)].map((m) => m[0]).flatMap((u) => {
    try {
      return [new URL(u)];
    } catch {
      return [];
    }
  });
  const hostHeader = reqHeaders.get("host");
  const requestUrl = urls[0];

  for (const url of urls) {
    const pre = parsePresignedUrl(url);
    if (pre) {
      const findings = judgeSigV4(pre, { now, host: url.hostname, check: "presigned-url", ...(serverDate ? { serverDate } : {}) });
      findings.forEach((f) => rec.fail(f));
      const at = pre.amzDate ? amzDateSeconds(pre.amzDate) : undefined;
      if (findings.length === 0) rec.pass("presigned-url", `${url.hostname}: ${validity(at !== undefined && pre.expiresSeconds !== undefined ? at + pre.expiresSeconds : undefined, nowS)}, scope ${pre.region}/${pre.service} fits the host`);
      inspected.push({ kind: "presigned URL (SigV4 query)", fields: sigv4Fields(pre, url.hostname) });
      services.push(deciderOfService(pre.service));
    }
    const cf = readSignedUrl(url);
    if (cf) {
      const findings = judgeCloudFrontSignature(cf, { now, url, check: "cloudfront-signed-url", ...(input.publicKey ? { publicKeyPem: input.publicKey } : {}), ...(input.viewerIp ? { viewerIp: input.viewerIp } : {}) });
      findings.forEach((f) => rec.fail(f));
      if (findings.length === 0) rec.pass("cloudfront-signed-url", `${validity(cf.expires, nowS)}, the policy covers the URL${input.publicKey ? ", the signature verifies with the public key" : " (give --public-key to verify the signature)"}`);
      inspected.push({ kind: "CloudFront signed URL", fields: cloudFrontFields(cf) });
      services.push("aws-cloudfront");
    }
  }

  const auth = reqHeaders.get("authorization") ?? (/^\s*AWS4-HMAC-SHA256\s+Credential=/.test(text) ? text.trim() : undefined);
  const v4 = auth ? parseAuthorizationHeader(auth, reqHeaders) : undefined;
  if (v4) {
    const host = hostHeader ?? requestUrl?.hostname;
    const findings = judgeSigV4(v4, { now, check: "sigv4-header", ...(host ? { host: host.replace(/:\d+$/, "") } : {}), ...(serverDate ? { serverDate } : {}) });
    findings.forEach((f) => rec.fail(f));
    if (findings.length === 0) rec.pass("sigv4-header", `signed at ${v4.amzDate ?? "?"} for ${v4.region}/${v4.service}${serverDate ? ", within the allowed skew of the server's Date" : ""}`);
    inspected.push({ kind: "SigV4 Authorization header", fields: sigv4Fields(v4, host) });
    services.push(deciderOfService(v4.service));
  }

  const cookies = cookiesOf(request.filter((h) => h.name.toLowerCase() === "cookie"));
  const cookieSig = readSignedCookies(cookies.size > 0 ? cookies : cookiesFromBareText(text), requestUrl);
  if (cookieSig) {
    const findings = judgeCloudFrontSignature(cookieSig, { now, check: "cloudfront-signed-cookies", ...(requestUrl ? { url: requestUrl } : {}), ...(input.publicKey ? { publicKeyPem: input.publicKey } : {}), ...(input.viewerIp ? { viewerIp: input.viewerIp } : {}) });
    findings.forEach((f) => rec.fail(f));
    if (findings.length === 0) rec.pass("cloudfront-signed-cookies", validity(cookieSig.expires, nowS));
    inspected.push({ kind: "CloudFront signed cookies", fields: cloudFrontFields(cookieSig) });
    services.push("aws-cloudfront");
  }

  for (const m of text.matchAll(new RegExp(JWT_PATTERN.source, "g"))) {
    const jwt = decodeJwt(m[0]);
    if (!jwt) continue;
    const findings = judgeJwt(jwt, { now, decider: "app", check: "jwt", where: "token", ...(input.expect ? { expect: input.expect } : {}), ...(input.publicKey ? { publicKey: input.publicKey } : {}), ...(input.leeway !== undefined ? { leeway: input.leeway } : {}) });
    findings.forEach((f) => rec.fail(f));
    const exp = typeof jwt.claims.exp === "number" ? jwt.claims.exp : undefined;
    if (findings.length === 0) rec.pass("jwt", `${validity(exp, nowS)}${input.publicKey ? ", signature verified" : ""}`);
    inspected.push({ kind: "JWT", fields: jwtFields(jwt) });
    services.push("app");
  }

  const server = serverSignedTexts(text);
  if (server) {
    services.push("aws-s3");
    if (input.canonical === undefined) {
      rec.skip("canonical-request", "S3 sent its CanonicalRequest and StringToSign: pass the client's with --canonical FILE (or an SDK debug log) to find the first line that differs");
    } else {
      const { findings, same } = compareSignedTexts(server, clientSignedTexts(input.canonical));
      findings.forEach((f) => rec.fail(f));
      if (findings.length === 0 && same.length > 0) {
        rec.pass("canonical-request", `${same.join(" and ")} match: the client signed the same request, so the signing key differs (wrong secret key, or a key of another account)`);
        rec.note("identical canonical requests with SignatureDoesNotMatch mean the secret access key (or the date/region of the signing key) is not the one AWS holds for this access key id");
      }
    }
    inspected.push({ kind: "SignatureDoesNotMatch", fields: { canonicalRequest: server.canonicalRequest ? `${server.canonicalRequest.split("\n").length} lines` : "absent", stringToSign: server.stringToSign ? "present" : "absent" } });
  }

  if (inspected.length === 0) throw new WhyError("TOKEN_UNRECOGNISED");
  const service = rec.run.findings.sort((a, b) => b.confidence - a.confidence)[0]?.decider ?? services[0] ?? "unknown";
  return buildCheckReport(
    {
      file: input.file,
      inputKind: "inspect",
      service,
      ...(requestUrl ? { request: { url: redactor.text(requestUrl.href) } } : {}),
      run: rec.run,
      vars: { ...(requestUrl ? { url: redactor.text(requestUrl.href), host: requestUrl.host } : {}) },
      redactor,
      inspected,
    },
    loadCatalog(),
  );
};

/** `CloudFront-Policy=…; CloudFront-Signature=…` pasted without a Cookie: header name. */
const cookiesFromBareText = (text: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\b(CloudFront-(?:Policy|Signature|Key-Pair-Id|Expires|Hash-Algorithm))=([^;\s]+)/g)) out.set(m[1]!, m[2]!);
  return out;
};
