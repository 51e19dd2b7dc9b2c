// SignatureDoesNotMatch: S3 (and other XML services) return the CanonicalRequest and
// StringToSign they computed. Compared line by line with the client's, the first difference
// names what was signed differently: method, path encoding, query, a header value, the payload.
import type { Finding } from "../checks/finding.js";

export interface SignedTexts {
  canonicalRequest?: string;
  stringToSign?: string;
}

const unxml = (s: string): string =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#x?([0-9a-fA-F]+);/g, (m, n: string) => (m.startsWith("&#x") ? String.fromCodePoint(parseInt(n, 16)) : String.fromCodePoint(Number(n)))).replace(/&amp;/g, "&");

const hexBytes = (s: string): string | undefined => {
  const hex = s.trim().split(/\s+/);
  if (hex.length === 0 || !hex.every((h) => /^[0-9a-fA-F]{2}$/.test(h))) return undefined;
  return Buffer.from(hex.join(""), "hex").toString("utf8");
};

/** The server's texts from an S3 SignatureDoesNotMatch error body. */
export const serverSignedTexts = (xml: string): SignedTexts | undefined => {
  if (!/<Code>SignatureDoesNotMatch<\/Code>/.test(xml)) return undefined;
  const tag = (name: string): string | undefined => {
    const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
    return m ? unxml(m[1]!) : undefined;
  };
  const canonical = tag("CanonicalRequest") ?? (tag("CanonicalRequestBytes") ? hexBytes(tag("CanonicalRequestBytes")!) : undefined);
  const sts = tag("StringToSign") ?? (tag("StringToSignBytes") ? hexBytes(tag("StringToSignBytes")!) : undefined);
  return { ...(canonical !== undefined ? { canonicalRequest: canonical } : {}), ...(sts !== undefined ? { stringToSign: sts } : {}) };
};

/**
 * The client's texts: a bare canonical request, or an SDK debug log (boto3/botocore prints
 * "CanonicalRequest:" and "StringToSign:" blocks; the AWS SDK for Java "AWS4 Canonical Request: '…'").
 */
export const clientSignedTexts = (text: string): SignedTexts => {
  const t = text.replace(/\r\n?/g, "\n");
  const java = (label: string): string | undefined => new RegExp(`${label}: '([\\s\\S]*?)'`).exec(t)?.[1];
  const block = (label: string): string | undefined => {
    const m = new RegExp(`(?:^|\\n)[^\\n]*${label}:\\s*\\n([\\s\\S]*?)(?:\\n\\s*\\n(?=\\S)|\\n[^\\n]*(?:StringToSign|Signature|CanonicalRequest|DEBUG|INFO):|$)`).exec(t);
    return m?.[1];
  };
  const canonical = java("AWS4 Canonical Request") ?? block("CanonicalRequest");
  const sts = java("AWS4 String to Sign") ?? block("StringToSign");
  if (canonical === undefined && sts === undefined) return { canonicalRequest: t.replace(/\n$/, "") };
  return { ...(canonical !== undefined ? { canonicalRequest: canonical } : {}), ...(sts !== undefined ? { stringToSign: sts } : {}) };
};

export interface LineDifference {
  line: number;
  label: string;
  server: string;
  client: string;
}

/** What each line of a canonical request is (the headers take as many lines as there are). */
const canonicalLabels = (lines: readonly string[]): string[] => {
  const labels = ["HTTP method", "canonical URI (path, URI-encoded)", "canonical query string (sorted, encoded)"];
  let i = 3;
  while (i < lines.length && lines[i] !== "") {
    labels.push(`canonical header ${lines[i]!.split(":")[0]}`);
    i++;
  }
  labels.push("blank line after the headers", "signed headers", "payload hash (x-amz-content-sha256)");
  return labels;
};

const STS_LABELS = ["algorithm", "request date (X-Amz-Date)", "credential scope (date/region/service)", "hash of the canonical request"];

export const firstDifference = (server: string, client: string, kind: "canonical" | "string-to-sign"): LineDifference | undefined => {
  const s = server.replace(/\n$/, "").split("\n");
  const c = client.replace(/\n$/, "").split("\n");
  const labels = kind === "canonical" ? canonicalLabels(s) : STS_LABELS;
  for (let i = 0; i < Math.max(s.length, c.length); i++) {
    if (s[i] !== c[i]) return { line: i + 1, label: labels[i] ?? `line ${i + 1}`, server: s[i] ?? "(missing)", client: c[i] ?? "(missing)" };
  }
  return undefined;
};

const HINTS: readonly [RegExp, string][] = [
  [/^HTTP method/, "the request was signed for another method (a presigned GET used for PUT, HEAD vs GET)"],
  [/^canonical URI/, "the path was encoded differently: spaces, +, %2F, unicode or a double-encoded key (S3 encodes the key once)"],
  [/^canonical query/, "a query parameter was added, dropped or encoded differently after signing"],
  [/^canonical header content-type/, "the Content-Type sent differs from the one signed (browsers and HTTP clients add charset)"],
  [/^canonical header host/, "the Host differs: a proxy, a custom endpoint or path-style vs virtual-hosted addressing"],
  [/^canonical header/, "a signed header's value changed between signing and sending (a proxy or the HTTP client rewrote it)"],
  [/^signed headers/, "the set of signed headers differs: the client signed a header it did not send, or the reverse"],
  [/^payload hash/, "the body sent is not the body hashed (UNSIGNED-PAYLOAD vs a hash, or a re-encoded body)"],
  [/^request date/, "the request was signed at another time than the X-Amz-Date sent"],
  [/^credential scope/, "the region or service of the signing scope differs from the endpoint's"],
];

export const hintFor = (label: string): string => HINTS.find(([re]) => re.test(label))?.[1] ?? "the request was changed after it was signed";

/** Findings from comparing the server's signed texts with the client's. */
export const compareSignedTexts = (server: SignedTexts, client: SignedTexts): { findings: Finding[]; same: string[] } => {
  const findings: Finding[] = [];
  const same: string[] = [];
  const pairs: ["canonical" | "string-to-sign", string | undefined, string | undefined, string][] = [
    ["canonical", server.canonicalRequest, client.canonicalRequest, "CanonicalRequest"],
    ["string-to-sign", server.stringToSign, client.stringToSign, "StringToSign"],
  ];
  for (const [kind, s, c, name] of pairs) {
    if (s === undefined || c === undefined) continue;
    const d = firstDifference(s, c, kind);
    if (!d) {
      same.push(name);
      continue;
    }
    findings.push({
      cause: "signature-mismatch",
      confidence: 0.95,
      decider: "aws-s3",
      check: "canonical-request",
      path: `${name} line ${d.line} (${d.label})`,
      value: `server: ${d.server} | client: ${d.client}`,
      detail: `the first line that differs is ${name} line ${d.line}, the ${d.label}: ${hintFor(d.label)}`,
      fix: [`Make the request match what was signed at ${d.label}: sign the exact ${d.label.split(" (")[0]} that is sent (server computed "${d.server}", client signed "${d.client}").`],
    });
  }
  return { findings, same };
};
