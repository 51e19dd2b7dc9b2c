// CloudFront signed URLs and signed cookies: decode the canned or custom policy, and judge it
// against the request and the time. The signature itself is only checked with a public key.
import { createPublicKey, verify as cryptoVerify } from "node:crypto";
import type { Finding } from "../checks/finding.js";
import { duration, isoSeconds } from "../checks/time.js";

const DOCS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-signed-urls.html";

export interface CloudFrontSignature {
  via: "url" | "cookies";
  keyPairId?: string;
  policyKind: "canned" | "custom";
  /** Epoch seconds: DateLessThan (Expires for a canned policy). */
  expires?: number;
  /** Epoch seconds: DateGreaterThan of a custom policy. */
  notBefore?: number;
  sourceIp?: string;
  /** What the policy covers: the custom policy's Resource, or for a canned URL the URL itself. */
  resource?: string;
  /** The exact policy text that was signed (rebuilt for a canned policy when the URL is known). */
  policyText?: string;
  hashAlgorithm: "SHA1" | "SHA256";
  /** The Signature value (kept in memory only; never printed). */
  signature?: string;
  /** Parts that are missing or unreadable. */
  problems: string[];
}

/** CloudFront's URL-safe base64: `+` → `-`, `=` → `_`, `/` → `~`. */
export const cloudFrontBase64Decode = (s: string): Buffer => Buffer.from(s.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");
export const cloudFrontBase64Encode = (b: Buffer): string => b.toString("base64").replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");

const SIGNING_PARAMS = ["Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"];

/** The URL as it was signed: without CloudFront's own parameters. */
export const urlWithoutSigningParams = (url: URL): string => {
  const u = new URL(url.href);
  for (const p of SIGNING_PARAMS) u.searchParams.delete(p);
  // URLSearchParams re-encodes; keep the original order and spelling of the other parameters
  const kept = url.search
    .replace(/^\?/, "")
    .split("&")
    .filter((kv) => kv !== "" && !SIGNING_PARAMS.includes(decodeURIComponent(kv.split("=")[0] ?? "")));
  return `${u.origin}${u.pathname}${kept.length > 0 ? `?${kept.join("&")}` : ""}`;
};

export const cannedPolicy = (resource: string, expires: number): string =>
  `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${expires}}}}]}`;

interface PolicyJson {
  Statement?: { Resource?: string; Condition?: Record<string, Record<string, unknown>> }[];
}

const readPolicy = (encoded: string, sig: CloudFrontSignature): void => {
  sig.policyKind = "custom";
  let text: string;
  try {
    text = cloudFrontBase64Decode(encoded).toString("utf8");
    sig.policyText = text;
    const p = JSON.parse(text) as PolicyJson;
    const st = p.Statement?.[0];
    if (!st) throw new Error("no Statement");
    if (st.Resource) sig.resource = st.Resource;
    const c = st.Condition ?? {};
    const epoch = (k: string): number | undefined => {
      const v = c[k]?.["AWS:EpochTime"];
      return typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
    };
    const lt = epoch("DateLessThan");
    const gt = epoch("DateGreaterThan");
    if (lt !== undefined) sig.expires = lt;
    else sig.problems.push("the custom policy has no DateLessThan (AWS:EpochTime), which CloudFront requires");
    if (gt !== undefined) sig.notBefore = gt;
    const ip = c.IpAddress?.["AWS:SourceIp"];
    if (typeof ip === "string") sig.sourceIp = ip;
  } catch (e) {
    sig.problems.push(`the Policy does not decode to a JSON policy (${(e as Error).message})`);
  }
};

const readExpires = (raw: string, sig: CloudFrontSignature): void => {
  if (/^\d+$/.test(raw)) sig.expires = Number(raw);
  else sig.problems.push(`Expires=${raw} is not a Unix time in seconds`);
};

/** The signature parameters of a signed URL, or undefined when it has none. */
export const readSignedUrl = (url: URL): CloudFrontSignature | undefined => {
  const q = url.searchParams;
  if ((!q.has("Key-Pair-Id") && !q.has("Signature")) || q.has("X-Amz-Signature")) return undefined;
  const sig: CloudFrontSignature = { via: "url", policyKind: "canned", hashAlgorithm: q.get("Hash-Algorithm") === "SHA256" ? "SHA256" : "SHA1", problems: [] };
  const kp = q.get("Key-Pair-Id");
  if (kp) sig.keyPairId = kp;
  else sig.problems.push("Key-Pair-Id is missing");
  const s = q.get("Signature");
  if (s) sig.signature = s;
  else sig.problems.push("Signature is missing");
  const policy = q.get("Policy");
  const expires = q.get("Expires");
  if (policy) readPolicy(policy, sig);
  else if (expires !== null) {
    readExpires(expires, sig);
    sig.resource = urlWithoutSigningParams(url);
    if (sig.expires !== undefined) sig.policyText = cannedPolicy(sig.resource, sig.expires);
  } else sig.problems.push("neither Expires (canned policy) nor Policy (custom policy) is present");
  return sig;
};

/** The signed-cookie triple, or undefined when no CloudFront-* cookie is present. */
export const readSignedCookies = (cookies: ReadonlyMap<string, string>, url?: URL): CloudFrontSignature | undefined => {
  const get = (n: string) => cookies.get(`CloudFront-${n}`);
  if (!get("Key-Pair-Id") && !get("Signature") && !get("Policy") && !get("Expires")) return undefined;
  const sig: CloudFrontSignature = { via: "cookies", policyKind: "canned", hashAlgorithm: get("Hash-Algorithm") === "SHA256" ? "SHA256" : "SHA1", problems: [] };
  const kp = get("Key-Pair-Id");
  if (kp) sig.keyPairId = kp;
  else sig.problems.push("the CloudFront-Key-Pair-Id cookie is missing");
  const s = get("Signature");
  if (s) sig.signature = s;
  else sig.problems.push("the CloudFront-Signature cookie is missing");
  const policy = get("Policy");
  const expires = get("Expires");
  if (policy) readPolicy(policy, sig);
  else if (expires) {
    readExpires(expires, sig);
    // a canned-policy cookie covers the requested URL itself
    if (url) {
      sig.resource = urlWithoutSigningParams(url);
      if (sig.expires !== undefined) sig.policyText = cannedPolicy(sig.resource, sig.expires);
    }
  } else sig.problems.push("neither CloudFront-Expires nor CloudFront-Policy is present");
  return sig;
};

/** A policy Resource with `*` / `?` wildcards against a URL. */
export const resourceCovers = (resource: string, url: string): boolean => {
  const re = new RegExp(`^${resource.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
  return re.test(url);
};

/** Verifies the signature with the key group's public key (PEM). undefined when it cannot be tried. */
export const verifyCloudFrontSignature = (sig: CloudFrontSignature, publicKeyPem: string): boolean | undefined => {
  if (!sig.signature || !sig.policyText) return undefined;
  const key = createPublicKey(publicKeyPem);
  return cryptoVerify(sig.hashAlgorithm === "SHA256" ? "sha256" : "sha1", Buffer.from(sig.policyText, "utf8"), key, cloudFrontBase64Decode(sig.signature));
};

export interface JudgeOptions {
  now: Date;
  /** The URL requested (for the resource check). */
  url?: URL;
  /** The viewer's IP, when known (for a custom policy's IpAddress). */
  viewerIp?: string;
  publicKeyPem?: string;
  /** The evidence path prefix: `query` / `cookie` for inspect, the behavior path for the CloudFront check. */
  check: string;
}

/** Problems of a decoded signature as findings (decider: CloudFront). */
export const judgeCloudFrontSignature = (sig: CloudFrontSignature, o: JudgeOptions): Finding[] => {
  const out: Finding[] = [];
  const where = sig.via === "url" ? "query string" : "cookies";
  const path = (p: string) => (sig.via === "url" ? p : `CloudFront-${p}`);
  const base = { decider: "aws-cloudfront" as const, check: o.check };
  for (const p of sig.problems) {
    out.push({ ...base, cause: "signed-url-required", confidence: 0.85, path: where, value: p, detail: `the signed ${sig.via === "url" ? "URL" : "cookies"} are incomplete: ${p}`, fix: [`Sign with the AWS SDK or \`aws cloudfront sign\` and send all parts (see ${DOCS}).`] });
  }
  const now = o.now.getTime() / 1000;
  if (sig.expires !== undefined && sig.expires <= now) {
    out.push({
      ...base,
      cause: "auth-expired",
      confidence: 0.92,
      path: path(sig.policyKind === "canned" ? "Expires" : "Policy.Statement[0].Condition.DateLessThan"),
      value: isoSeconds(sig.expires),
      detail: `the signature expired ${duration(now - sig.expires)} ago (at ${isoSeconds(sig.expires)}); CloudFront answers 403 Access denied`,
      fix: ["Sign a new URL or new cookies just before use, with an expiry that covers the whole viewing session (players fetch segments for minutes)."],
    });
  }
  if (sig.notBefore !== undefined && sig.notBefore > now) {
    out.push({
      ...base,
      cause: "clock-skew",
      confidence: 0.7,
      path: path("Policy.Statement[0].Condition.DateGreaterThan"),
      value: isoSeconds(sig.notBefore),
      detail: `the policy is not valid until ${isoSeconds(sig.notBefore)}, ${duration(sig.notBefore - now)} from now: the signer's clock or start time is ahead`,
      fix: ["Set DateGreaterThan to a time in the past (or leave it out) and check the signing host's clock (NTP)."],
    });
  }
  if (o.url && sig.resource && !resourceCovers(sig.resource, urlWithoutSigningParams(o.url))) {
    out.push({
      ...base,
      cause: "signed-url-required",
      confidence: 0.85,
      path: path(sig.policyKind === "canned" ? "Expires" : "Policy.Statement[0].Resource"),
      value: sig.resource,
      detail: `the policy covers ${sig.resource}, not the requested ${urlWithoutSigningParams(o.url)}`,
      fix: ["Sign the exact URL that is requested (scheme, host, path and query), or use a custom policy with a wildcard Resource such as https://HOST/path/*."],
    });
  }
  if (sig.sourceIp && o.viewerIp) out.push(...ipFinding(sig, o, base, path));
  if (o.publicKeyPem) {
    const ok = verifyCloudFrontSignature(sig, o.publicKeyPem);
    if (ok === false) {
      out.push({
        ...base,
        cause: "signature-mismatch",
        confidence: 0.9,
        path: path("Signature"),
        value: `${sig.hashAlgorithm} over ${sig.policyKind} policy`,
        detail: "the Signature does not verify with the given public key over this policy: a different private key, or a URL changed after signing",
        fix: ["Sign with the private key whose public key is in the behavior's trusted key group, and do not change (re-encode, reorder) the URL after signing."],
      });
    }
  }
  return out;
};

const ipv4ToInt = (ip: string): number | undefined => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  return m.slice(1).reduce((acc, x) => acc * 256 + Number(x), 0);
};

const ipFinding = (sig: CloudFrontSignature, o: JudgeOptions, base: { decider: "aws-cloudfront"; check: string }, path: (p: string) => string): Finding[] => {
  const [net, bitsRaw] = sig.sourceIp!.split("/");
  const a = ipv4ToInt(net ?? "");
  const b = ipv4ToInt(o.viewerIp!);
  if (a === undefined || b === undefined) return [];
  const bits = bitsRaw === undefined ? 32 : Number(bitsRaw);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  if (((a & mask) >>> 0) === ((b & mask) >>> 0)) return [];
  return [
    {
      ...base,
      cause: "ip-denied",
      confidence: 0.85,
      path: path("Policy.Statement[0].Condition.IpAddress"),
      value: sig.sourceIp!,
      detail: `the policy only allows ${sig.sourceIp}, and the viewer is ${o.viewerIp}`,
      fix: ["Sign for the viewer's public IP as CloudFront sees it (IPv6 viewers are not matched by an IPv4 range), or leave IpAddress out."],
    },
  ];
};
